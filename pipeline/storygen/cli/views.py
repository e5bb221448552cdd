"""Commands for reading and reviewing stories: render, site, diff, bank, export."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from storygen.checks.stories import check_unique_ids, load_stories, load_story
from storygen.cli.app import command
from storygen.core.errors import ExitStatus, InputError, UsageError
from storygen.core.fsutil import atomic_write, read_bounded, same_file
from storygen.core.terminal import printable
from storygen.review.diff_format import textconv
from storygen.review.diff_run import DiffOptions, run_diff
from storygen.story.loader import DEFAULT_MAX_BYTES, find_story_files, load_story_source
from storygen.views.anki import write_deck
from storygen.views.bank import FORMAT_BY_NAME, build_bank
from storygen.views.html import render_html
from storygen.views.markdown import render_markdown
from storygen.views.site import SiteOptions, build_site

MAX_BYTES_HELP = "Refuse story files larger than this many bytes."
MaxBytes = Annotated[int, typer.Option("--max-bytes", help=MAX_BYTES_HELP)]
StoryPaths = Annotated[list[Path], typer.Argument(help="Story files or directories.")]


def refuse_overwriting_inputs(out: Path, inputs: list[Path]) -> None:
    """An output path that is one of the input stories would replace it: refuse (exit 2)."""
    for path in find_story_files(inputs):
        if same_file(out, path):
            raise UsageError(f"the output is the input story {path}; choose another "
                             "--output", path=out)


def _write_or_print(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
        return

    atomic_write(out, text)
    print(f"wrote {out}", file=sys.stderr)


@command("render")
def render_command(
    story: Annotated[Path, typer.Argument(help="Story file to render.")],
    output_format: Annotated[str, typer.Option("--format", "-f", help="md or html.")] = "html",
    out: Annotated[Path | None, typer.Option(
        "--output", "-o", help="File to write [default: stdout].")] = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
) -> None:
    """Render a story as markdown or as one self-contained HTML page (Read, Practice, Quiz)."""
    renderers = {"md": render_markdown, "html": render_html}
    if output_format not in renderers:
        raise UsageError(f"unknown --format {output_format!r}; use md or html")
    if out is not None:
        refuse_overwriting_inputs(out, [story])
    loaded = load_story(story, max_bytes=max_bytes)
    _write_or_print(renderers[output_format](loaded.story), out)


@command("site")
def site_command(
    paths: StoryPaths,
    out: Annotated[Path, typer.Option("--output", "-o", help="Directory to write the site into.")],
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
) -> None:
    """Write an index page (findings, principle coverage) and a self-contained page per story."""
    written = build_site(SiteOptions(paths=paths, out=out, max_bytes=max_bytes))
    print(f"wrote {len(written)} pages to {out} (open {out / 'index.html'})")


@command("diff")
def diff_command(
    args: Annotated[list[str], typer.Argument(
        metavar="OLD NEW", help="Two story files, or the arguments git passes to an external "
                                "diff command, or one file with --textconv.")],
    output_format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    color: Annotated[str, typer.Option("--color", help="auto, always or never.")] = "auto",
    textconv: Annotated[bool, typer.Option(
        "--textconv", help="Print one file as /pointer: value lines (git textconv).")] = False,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
) -> None:
    """Compare two stories by JSON pointer and word; list findings introduced and fixed.

    Exit 0 when equal, 1 when different (always 0 when called by git as an external diff).
    """
    if textconv:
        _textconv(args, max_bytes)
        return
    run = run_diff(DiffOptions(args=args, output_format=output_format, color=color,
                               max_bytes=max_bytes, stdout_is_tty=sys.stdout.isatty()))
    sys.stdout.write(run.output)
    if run.exit_status:
        raise typer.Exit(run.exit_status)


def _textconv(args: list[str], max_bytes: int) -> None:
    if len(args) != 1:
        raise UsageError("--textconv takes exactly one story file")
    path = Path(args[0])
    try:
        sys.stdout.write(textconv(load_story_source(path, max_bytes=max_bytes).data))
    except InputError as exc:  # git aborts the whole diff on a failing textconv: show the raw text
        raw = read_bounded(path, max_bytes, "story file").decode("utf-8", errors="replace")
        print(f"storygen: {exc.one_line()}; showing the raw text", file=sys.stderr)
        sys.stdout.write(printable(raw))


@command("bank")
def bank_command(
    paths: StoryPaths,
    output_format: Annotated[str, typer.Option(
        "--format", "-f", help="table, md or json.")] = "table",
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
) -> None:
    """Show which of the 16 principles and which levels the stories cover, and the gaps."""
    if output_format not in FORMAT_BY_NAME:
        raise UsageError(f"unknown --format {output_format!r}; use table, md or json")
    stories, errors = load_stories(paths, max_bytes=max_bytes)
    sys.stdout.write(FORMAT_BY_NAME[output_format](build_bank(stories)))
    for error in errors:
        print(f"storygen: error: {error} (left out of the bank)", file=sys.stderr)
    if errors:
        raise typer.Exit(ExitStatus.USAGE)


@command("export")
def export_command(
    paths: StoryPaths,
    out: Annotated[Path, typer.Option("--output", "-o", help="The .apkg file to write.")],
    output_format: Annotated[str, typer.Option("--format", "-f", help="anki.")] = "anki",
    deck: Annotated[str, typer.Option("--deck", help="Anki deck name.")] = "Interview stories",
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
) -> None:
    """Export stories as an Anki deck: a card per STAR section, probe and quiz."""
    if output_format != "anki":
        raise UsageError(f"unknown --format {output_format!r}; use anki")
    refuse_overwriting_inputs(out, paths)
    stories, errors = load_stories(paths, max_bytes=max_bytes)
    if errors:
        raise InputError(f"nothing exported; {len(errors)} stor"
                         f"{'y' if len(errors) == 1 else 'ies'} could not be read: "
                         + " | ".join(errors))
    check_unique_ids(stories, "card ids come from story ids")
    notes = write_deck([s.story for s in stories], out, deck)
    print(f"wrote {out}: {notes} notes from {len(stories)} "
          f"stor{'y' if len(stories) == 1 else 'ies'}")

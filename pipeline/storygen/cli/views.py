"""Commands for reading and reviewing stories: render, site, diff, bank, export."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from storygen.checks.stories import check_unique_ids, load_stories, load_story, story_from_source
from storygen.cli.app import choice_metavar, choices, info
from storygen.cli.commands import MaxBytes
from storygen.cli.stdio import STDIN_LABEL, is_dash, read_stdin
from storygen.core.errors import ExitStatus, InputError, UsageError
from storygen.core.fsutil import atomic_write, read_bounded, same_file
from storygen.core.terminal import printable
from storygen.review.diff_format import FORMAT_BY_NAME as DIFF_FORMAT_BY_NAME
from storygen.review.diff_format import textconv
from storygen.review.diff_run import COLORS, DiffOptions, run_diff
from storygen.story.loader import DEFAULT_MAX_BYTES, find_story_files, load_story_source, parse_text
from storygen.story.model import Story
from storygen.views.anki import write_deck
from storygen.views.bank import FORMAT_BY_NAME as BANK_FORMAT_BY_NAME
from storygen.views.bank import build_bank
from storygen.views.html import render_html
from storygen.views.markdown import render_markdown
from storygen.views.site import SiteOptions, build_site

RENDERER_BY_NAME: dict[str, Callable[[Story], str]] = {"md": render_markdown, "html": render_html}
EXPORT_FORMATS = ("anki",)

RenderFormat = choices("RenderFormat", RENDERER_BY_NAME)
DiffFormat = choices("DiffFormat", DIFF_FORMAT_BY_NAME)
DiffColor = choices("DiffColor", COLORS)
BankFormat = choices("BankFormat", BANK_FORMAT_BY_NAME)
ExportFormat = choices("ExportFormat", EXPORT_FORMATS)

StoryPaths = Annotated[list[Path], typer.Argument(metavar="PATH",
                                                  help="Story files or directories.")]


def refuse_overwriting_inputs(out: Path, inputs: list[Path]) -> None:
    """An output path that is one of the input stories would replace it: refuse (exit 2)."""
    for path in find_story_files(inputs):
        if same_file(out, path):
            raise UsageError(f"the output is the input story {path}; choose another "
                             "--out", path=out)


# ``--output`` was these commands' name for ``--out``; it stays, hidden, for old scripts
OldOutput = Annotated[Path | None, typer.Option("--output", hidden=True)]


def _out_path(out: Path | None, old: Path | None, *, required: str = "") -> Path | None:
    """``--out``, else the hidden ``--output``. With ``required`` (what is written: "a folder")
    a usage error when neither is given or when it is ``-`` (stdout)."""
    chosen = out if out is not None else old
    if required and chosen is None:
        raise UsageError("missing option '--out' / '-o'")
    if required and is_dash(chosen):
        raise UsageError(f"--out - (stdout) is not possible here: this command writes "
                         f"{required}")
    return chosen


def _write_or_print(text: str, out: Path | None) -> None:
    if out is None or is_dash(out):
        sys.stdout.write(text)
        return

    atomic_write(out, text)
    info(f"wrote {out}", err=True)


def render_command(
    story: Annotated[Path, typer.Argument(
        metavar="STORY", help="Story file to render ('-' reads it from stdin).")],
    output_format: Annotated[RenderFormat, typer.Option(  # type: ignore[valid-type]
        "--format", "-f", metavar=choice_metavar(RenderFormat),
        help="Output format.")] = "html",
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", metavar="FILE", help="File to write ('-' for stdout) "
        "[default: stdout].")] = None,
    output: OldOutput = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
) -> None:
    """Render a story as markdown or as one self-contained HTML page (Read, Practice, Quiz)."""
    target = _out_path(out, output)
    if target is not None and not is_dash(target) and not is_dash(story):
        refuse_overwriting_inputs(target, [story])
    if is_dash(story):
        text = read_stdin(max_bytes=max_bytes, what="story")
        if not text.strip():
            raise InputError("the input is empty: a story is a YAML mapping", path=STDIN_LABEL)
        loaded_story = story_from_source(parse_text(text, STDIN_LABEL))
    else:
        loaded_story = load_story(story, max_bytes=max_bytes).story
    _write_or_print(RENDERER_BY_NAME[output_format](loaded_story), target)


def site_command(
    paths: StoryPaths,
    out: Annotated[Path | None, typer.Option("--out", "-o", metavar="DIR",
                                             help="Directory to write the site into "
                                             "[required].")] = None,
    output: OldOutput = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
) -> None:
    """Write an index page (findings, principle coverage) and a self-contained page per story."""
    folder = _out_path(out, output, required="a folder of pages")
    assert folder is not None
    written = build_site(SiteOptions(paths=paths, out=folder, max_bytes=max_bytes))
    info(f"wrote {len(written)} pages to {folder} (open {folder / 'index.html'})")


def diff_command(
    args: Annotated[list[str] | None, typer.Argument(
        metavar="[OLD NEW]", help="Two story files, or the arguments git passes to an external "
                                "diff command, or one file with --textconv, or paths to limit "
                                "--git to.")] = None,
    output_format: Annotated[DiffFormat, typer.Option(  # type: ignore[valid-type]
        "--format", "-f", metavar=choice_metavar(DiffFormat),
        help="Output format.")] = "text",
    color: Annotated[DiffColor, typer.Option(  # type: ignore[valid-type]
        "--color", metavar=choice_metavar(DiffColor),
        help="Colour the text output.")] = "auto",
    textconv: Annotated[bool, typer.Option(
        "--textconv", help="Print one file as /pointer: value lines (git textconv).")] = False,
    git: Annotated[str | None, typer.Option(
        "--git", metavar="A..B", help="Compare every story changed between two revisions "
        "(A..B; A alone: A against the working tree; A...B: from their merge base), "
        "each judged against its own revision's notes.")] = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
) -> None:
    """Compare two stories by JSON pointer and word; list findings introduced and fixed.

    Exit 0 when equal, 1 when different (always 0 when called by git as an external diff).
    """
    args = args or []
    if textconv:
        _textconv(args, max_bytes)
        return
    run = run_diff(DiffOptions(args=args, output_format=str(output_format), color=str(color),
                               max_bytes=max_bytes, stdout_is_tty=sys.stdout.isatty(),
                               git=git))
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


def bank_command(
    paths: StoryPaths,
    output_format: Annotated[BankFormat, typer.Option(  # type: ignore[valid-type]
        "--format", "-f", metavar=choice_metavar(BankFormat),
        help="Output format.")] = "table",
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
) -> None:
    """Show which of the 16 principles and which levels the stories cover, and the gaps."""
    stories, errors = load_stories(paths, max_bytes=max_bytes)
    sys.stdout.write(BANK_FORMAT_BY_NAME[output_format](build_bank(stories)))
    for error in errors:
        print(f"storygen: error: {error} (left out of the bank)", file=sys.stderr)
    if errors:
        raise typer.Exit(ExitStatus.USAGE)


def export_command(
    paths: StoryPaths,
    out: Annotated[Path | None, typer.Option("--out", "-o", metavar="FILE",
                                             help="The .apkg file to write [required].")] = None,
    output: OldOutput = None,
    output_format: Annotated[ExportFormat, typer.Option(  # type: ignore[valid-type]
        "--format", "-f", metavar=choice_metavar(ExportFormat),
        help="Output format.")] = "anki",
    deck: Annotated[str, typer.Option("--deck", metavar="NAME",
                                      help="Anki deck name.")] = "Interview stories",
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
) -> None:
    """Export stories as an Anki deck: a card per STAR section, probe and quiz."""
    deck_file = _out_path(out, output, required="a binary .apkg file")
    assert deck_file is not None
    refuse_overwriting_inputs(deck_file, paths)
    stories, errors = load_stories(paths, max_bytes=max_bytes)
    if errors:
        raise InputError(f"nothing exported; {len(errors)} stor"
                         f"{'y' if len(errors) == 1 else 'ies'} could not be read: "
                         + " | ".join(errors))
    check_unique_ids(stories, "card ids come from story ids")
    notes = write_deck([s.story for s in stories], deck_file, deck)
    info(f"wrote {deck_file}: {notes} notes from {len(stories)} "
          f"stor{'y' if len(stories) == 1 else 'ies'}")

"""Commands ``draft``, ``facts`` and ``status``: notes in, stories out, and are they current."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Annotated

import typer

from storygen.checks.config import load_settings, resolve_fail_on
from storygen.checks.settings import DEFAULT_EXCLUDE
from storygen.cli.app import choice_metavar, choices, detail, info, verbosity
from storygen.cli.commands import FailOn
from storygen.cli.model_options import (
    BaseUrl,
    BudgetTokens,
    MaxRepairs,
    MaxRetries,
    MaxTokens,
    Model,
    NoCache,
    Structured,
    Timeout,
    model_options,
)
from storygen.cli.stdio import STDIN_LABEL, is_dash, read_stdin
from storygen.core.errors import ExitStatus, UsageError
from storygen.drafting.extract.facts import extract_facts
from storygen.drafting.extract.factsheet import facts_text
from storygen.drafting.output import OUT_DIR_NAME, StoryState, repo_root, status_paths
from storygen.drafting.report import print_json, print_text
from storygen.drafting.run import (
    DraftOptions,
    DraftResult,
    ask_and_redraft,
    draft_notes,
    draft_paths,
    find_notes_files,
    overall_status,
)
from storygen.story.canonical import dump
from storygen.story.notes import parse_notes, read_notes

NOTES_MAX_BYTES = 1024 * 1024


def _print_text_report(results: list[DraftResult]) -> None:
    print_text(results, sys.stdout, sys.stderr, quiet=verbosity().quiet)


def _print_json_report(results: list[DraftResult]) -> None:
    print_json(results, sys.stdout)
    for result in results:
        if result.error:
            print(f"storygen: error: {result.error}", file=sys.stderr)


REPORTER_BY_NAME: dict[str, Callable[[list[DraftResult]], None]] = {
    "text": _print_text_report, "json": _print_json_report}
DraftReport = choices("DraftReport", REPORTER_BY_NAME)
TextOrJson = choices("TextOrJson", ("text", "json"))

NotesMaxBytes = Annotated[int, typer.Option(
    "--max-bytes", metavar="BYTES", help="Refuse notes files larger than this many bytes.")]
TextOrJsonFormat = Annotated[TextOrJson, typer.Option(  # type: ignore[valid-type]
    "--format", "-f", metavar=choice_metavar(TextOrJson), help="Output format.")]


def _prompt(question: str) -> str | None:
    """Ask one question on stderr; None when the user ends the input (Ctrl-D)."""
    try:
        return str(typer.prompt(question, default="", show_default=False, err=True,
                                prompt_suffix="\n> "))
    except (typer.Abort, EOFError):
        return None


def draft_command(
    paths: Annotated[list[Path], typer.Argument(
        metavar="NOTES", help="Notes files, or folders of notes ('-' reads one notes file from "
        "stdin and prints the story).")],
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", metavar="DIR", help="Folder for the stories ('-' prints them to stdout "
        "and writes nothing) [default: generated/ at the repository root].")] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Replace stories whole, hand edits included (without it, a redraft "
        "keeps the fields edited by hand).")] = False,
    ask: Annotated[bool, typer.Option(
        "--ask", help="Ask what the notes lack, one notes file at a time, append the answers "
        "to the notes under '## Answers', and draft again.")] = False,
    jobs: Annotated[int, typer.Option(
        "--jobs", "-j", min=1, metavar="N", help="Notes drafted at once.")] = 1,
    output_format: Annotated[DraftReport, typer.Option(  # type: ignore[valid-type]
        "--format", "-f", metavar=choice_metavar(DraftReport), help="Run report format.")] = "text",
    report: Annotated[DraftReport | None, typer.Option(  # type: ignore[valid-type]
        "--report", hidden=True, help="Deprecated name of --format.")] = None,
    fail_on: FailOn = None,
    max_bytes: NotesMaxBytes = NOTES_MAX_BYTES,
    model: Model = None,
    base_url: BaseUrl = None,
    structured_output: Structured = None,
    max_repairs: MaxRepairs = None,
    no_cache: NoCache = False,
    budget_tokens: BudgetTokens = None,
    timeout: Timeout = None,
    max_retries: MaxRetries = None,
    max_tokens: MaxTokens = None,
) -> None:
    """Draft stories from notes: offline by default, with a model when one is configured.

    Drafting again over a story edited by hand redrafts the untouched fields and keeps the
    edited ones, naming each as a conflict when the notes changed under it.

    In a folder, files matching the config's 'exclude' globs (README*, CHANGELOG*, TODO* ...)
    are not notes and are skipped; a file named on the command line is always drafted. Notes
    from stdin ('-') are printed as a story on stdout: a story written to a folder needs a
    notes file for its provenance.

    A story is never written with a truth error: a sentence holding a figure the notes do not
    (or instruction text) is cut before writing, named in the output and recorded in
    provenance.removed.

    Exit 0 when no error finding remains, 1 when the notes lack something (the story is still
    written; the findings and gap questions say what), a sentence was cut, or a hand edit
    conflicts with changed notes, 2 for unreadable notes or a refused overwrite, 3 when the
    model provider kept failing.
    """
    if report is not None:
        print("storygen: warning: --report is deprecated; use --format", file=sys.stderr)
        output_format = report
    settings = load_settings(Path.cwd())
    options_for_model = model_options(
        settings, model=model, base_url=base_url, structured_output=structured_output,
        max_repairs=max_repairs, no_cache=no_cache, budget_tokens=budget_tokens,
        timeout=timeout, max_retries=max_retries, max_tokens=max_tokens)
    to_stdout = is_dash(out) or any(is_dash(path) for path in paths)
    options = DraftOptions(paths=paths, out_dir=None if to_stdout else out, force=force,
                           jobs=jobs, max_bytes=max_bytes, model=options_for_model,
                           settings=settings, fail_on=resolve_fail_on(fail_on, settings))
    if to_stdout:
        raise typer.Exit(_draft_to_stdout(paths, out, options, ask=ask,
                                          output_format=str(output_format)))
    files = find_notes_files(paths, exclude=settings.exclude)
    for path in paths:
        if path.is_dir():
            detail(f"{path}: skipping files that match {', '.join(settings.exclude)} "
                   f"(exclude, from {settings.source_of('exclude')})")
    results = _with_progress(files, options, draft_paths)
    if ask:
        _ask_each(results, options)
    REPORTER_BY_NAME[output_format](results)
    raise typer.Exit(overall_status(results))


def _ask_each(results: list[DraftResult], options: DraftOptions) -> None:
    """Ask the gap questions of each notes file in turn, redrafting each one answered."""
    asking = [i for i, r in enumerate(results) if r.gaps and not r.error]
    for turn, index in enumerate(asking, 1):
        result = results[index]
        where = f" ({turn} of {len(asking)})" if len(asking) > 1 else ""
        print(f"{result.notes}{where}: {len(result.gaps)} question(s); Enter skips one, "
              "Ctrl-D stops", file=sys.stderr)
        again = ask_and_redraft(result, options, _prompt)
        if again is not None:
            results[index] = again


def _draft_to_stdout(paths: list[Path], out: Path | None, options: DraftOptions, *,
                     ask: bool, output_format: str) -> int:
    """``draft -`` and ``draft ... --out -``: each story printed as a YAML document on stdout,
    nothing written; the report (findings, gap questions) goes to stderr."""
    from_stdin = any(is_dash(path) for path in paths)
    if from_stdin and len(paths) > 1:
        raise UsageError("'-' (notes from stdin) cannot be mixed with other notes paths")
    if from_stdin and out is not None and not is_dash(out):
        raise UsageError("notes from stdin are printed as a story on stdout; to write the story "
                         "into a folder, save the notes to a file (its provenance points there) "
                         "and draft that file")
    if ask:
        raise UsageError("--ask appends answers to the notes files and redrafts them: it does "
                         "not work with '-' or --out -")
    if output_format != "text":
        raise UsageError(f"--format {output_format} prints the run report on stdout, which "
                         "holds the stories here; use --format text (its report goes to stderr)")
    if from_stdin:
        batch = [parse_notes(read_stdin(max_bytes=options.max_bytes, what="notes"),
                             STDIN_LABEL)]
    else:
        files = find_notes_files(paths, exclude=options.settings.exclude
                                 if options.settings else DEFAULT_EXCLUDE)
        batch = [read_notes(path, max_bytes=options.max_bytes) for path in files]
    results = []
    for index, notes in enumerate(batch):
        result, story = draft_notes(notes, options)
        sys.stdout.write(("---\n" if index else "") + dump(story))
        results.append(result)
    print_text(results, sys.stderr, sys.stderr, quiet=verbosity().quiet)
    return overall_status(results)


def _with_progress(files: list[Path], options: DraftOptions,
                   run: Callable[..., Iterable[DraftResult]]) -> list[DraftResult]:
    """Draft with a progress bar on stderr when it is a terminal and there is more than one file."""
    if len(files) < 2 or not sys.stderr.isatty() or verbosity().quiet:
        return list(run(options, files=files))
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(file=sys.stderr), transient=True) as progress:
        task = progress.add_task("drafting", total=len(files))
        return list(run(options, files=files,
                        on_done=lambda _result: progress.advance(task)))


def facts_command(
    notes: Annotated[Path, typer.Argument(
        metavar="NOTES", help="A notes file ('-' reads it from stdin).")],
    output_format: TextOrJsonFormat = "text",
    max_bytes: NotesMaxBytes = NOTES_MAX_BYTES,
) -> None:
    """Print what the drafter extracts from notes: sentences by section, figures, before ->
    after pairs, scope cues, names, and what was left out."""
    if is_dash(notes):
        read = parse_notes(read_stdin(max_bytes=max_bytes, what="notes"), STDIN_LABEL)
    else:
        read = read_notes(notes, max_bytes=max_bytes)
    facts = extract_facts(read)
    if output_format == "json":
        print(json.dumps(facts.as_dict(), indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(facts_text(facts))


def status_command(
    paths: Annotated[list[Path] | None, typer.Argument(
        metavar="STORY", help="Story files or folders [default: generated/ at the repository "
        "root].")] = None,
    output_format: TextOrJsonFormat = "text",
) -> None:
    """Say for each drafted story whether it is up to date, its notes changed, it was edited by
    hand (or both), or its notes are missing. Exit 0 when every story is up to date, else 1."""
    rows = status_paths(list(paths) if paths else [repo_root(Path.cwd()) / OUT_DIR_NAME])
    if output_format == "json":
        print(json.dumps([row.as_dict() for row in rows], indent=2, ensure_ascii=False))
    else:
        for row in rows:
            extra = f" ({row.notes})" if row.notes and row.state != StoryState.UP_TO_DATE else ""
            detail = f": {row.detail}" if row.detail else ""
            print(f"{row.story}: {row.state.value}{extra}{detail}")
        current = sum(row.state == StoryState.UP_TO_DATE for row in rows)
        info(f"{len(rows)} stor{'ies' if len(rows) != 1 else 'y'}: {current} up to date, "
             f"{len(rows) - current} not")
    stale = any(row.state != StoryState.UP_TO_DATE for row in rows)
    raise typer.Exit(ExitStatus.FINDINGS if stale else ExitStatus.OK)

"""Commands ``draft``, ``facts`` and ``status``: notes in, stories out, and are they current."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from storygen.checks.config import load_settings, resolve_fail_on
from storygen.cli.app import command
from storygen.core.errors import ExitStatus, UsageError
from storygen.drafting.extract.facts import extract_facts
from storygen.drafting.extract.factsheet import facts_text
from storygen.drafting.llm.options import ModelOptions
from storygen.drafting.output import OUT_DIR_NAME, StoryState, repo_root, status_paths
from storygen.drafting.report import print_json, print_text
from storygen.drafting.run import (
    DraftOptions,
    ask_and_redraft,
    draft_paths,
    find_notes_files,
    overall_status,
)
from storygen.story.notes import read_notes

NOTES_MAX_BYTES = 1024 * 1024
STRUCTURED_CHOICES = ("auto", "json_schema", "function_calling", "json_mode")
REPORT_CHOICES = ("text", "json")


def _settings() -> Any:
    return load_settings(Path.cwd())


def _pick(value: Any, settings: Any, key: str, default: Any) -> Any:
    """The command-line value, else the configuration's, else the default."""
    if value is not None:
        return value
    configured = getattr(settings, key, None) if settings is not None else None
    return configured if configured is not None else default


def _choice(value: str, choices: tuple[str, ...], option: str) -> str:
    if value not in choices:
        raise UsageError(f"{option} must be one of: {', '.join(choices)} (got {value!r})")
    return value


def _prompt(question: str) -> str | None:
    import click

    try:
        return str(click.prompt(question, default="", show_default=False, err=True,
                                prompt_suffix="\n> "))
    except (click.exceptions.Abort, EOFError):
        return None


@command("draft")
def draft_command(
    paths: Annotated[list[Path], typer.Argument(help="Notes files, or folders of notes.")],
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Folder for the stories [default: generated/ at the repository "
        "root].")] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Replace stories that were edited by hand.")] = False,
    ask: Annotated[bool, typer.Option(
        "--ask", help="Ask what the notes lack, append the answers to the notes under "
        "'## Answers', and draft again.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Notes drafted at once.")] = 1,
    report: Annotated[str, typer.Option("--report", help="Run report: text or json.")] = "text",
    fail_on: Annotated[str | None, typer.Option(
        "--fail-on", help="Lowest finding severity that exits 1: error or warning "
        "[default: from config, else error].")] = None,
    max_bytes: Annotated[int, typer.Option(
        "--max-bytes", help="Refuse notes files larger than this many bytes.")] = NOTES_MAX_BYTES,
    model: Annotated[str | None, typer.Option(
        "--model", envvar="STORYGEN_MODEL", help="Draft with this model (provider:model); "
        "offline when unset [env STORYGEN_MODEL, config 'model'].")] = None,
    base_url: Annotated[str | None, typer.Option(
        "--base-url", help="Endpoint of an OpenAI-compatible server.")] = None,
    structured_output: Annotated[str | None, typer.Option(
        "--structured-output", help="auto, json_schema, function_calling or json_mode "
        "[default: auto].")] = None,
    max_repairs: Annotated[int | None, typer.Option(
        "--max-repairs", min=0, help="Repair rounds after the first draft [default: 2].")] = None,
    no_cache: Annotated[bool, typer.Option(
        "--no-cache", help="Do not reuse cached model replies.")] = False,
    budget_tokens: Annotated[int | None, typer.Option(
        "--budget-tokens", min=1, help="Stop before the model run spends more tokens.")] = None,
    timeout: Annotated[float | None, typer.Option(
        "--timeout", help="Seconds to wait for one model reply.")] = None,
    max_retries: Annotated[int | None, typer.Option(
        "--max-retries", min=0, help="Retries of a failed model call.")] = None,
    max_tokens: Annotated[int | None, typer.Option(
        "--max-tokens", min=1, help="Longest reply, in tokens, of one model call "
        "[default: the provider's].")] = None,
) -> None:
    """Draft stories from notes: offline by default, with a model when one is configured.

    Exit 0 when no error finding remains, 1 when the notes lack something (the story is still
    written; the findings and gap questions say what), 2 for unreadable notes or a refused
    overwrite, 3 when the model provider kept failing.
    """
    settings = _settings()
    _choice(report, REPORT_CHOICES, "--report")
    chosen_model = model or (getattr(settings, "model", None) if settings else None)
    model_settings = None
    if chosen_model:
        values = {
            "base_url": _pick(base_url, settings, "base_url", None),
            "structured_output": _choice(str(_pick(structured_output, settings,
                                                "structured_output", "auto")),
                                      STRUCTURED_CHOICES, "--structured-output"),
            "max_repairs": _pick(max_repairs, settings, "max_repairs", 2),
            "cache": False if no_cache else bool(_pick(None, settings, "cache", True)),
            "budget_tokens": _pick(budget_tokens, settings, "budget_tokens", None),
            "timeout": _pick(timeout, settings, "timeout", None),
            "max_retries": _pick(max_retries, settings, "max_retries", None),
            "max_tokens": _pick(max_tokens, settings, "max_tokens", None)}
        # unset options keep the drafter's own defaults
        model_settings = ModelOptions(model=chosen_model,
                                      **{k: v for k, v in values.items() if v is not None})
    threshold = resolve_fail_on(fail_on, settings)
    options = DraftOptions(paths=paths, out_dir=out, force=force, jobs=jobs, max_bytes=max_bytes,
                           model=model_settings, settings=settings, fail_on=threshold)
    files = find_notes_files(paths)
    results = _with_progress(files, options, draft_paths)
    if ask:
        for index, result in enumerate(results):
            if result.gaps and not result.error:
                print(f"{result.notes}: {len(result.gaps)} question(s); Enter skips one, "
                      "Ctrl-D stops", file=sys.stderr)
            again = ask_and_redraft(result, options, _prompt)
            if again is not None:
                results[index] = again
    if report == "json":
        print_json(results, sys.stdout)
        for result in results:
            if result.error:
                print(f"storygen: error: {result.error}", file=sys.stderr)
    else:
        print_text(results, sys.stdout, sys.stderr)
    raise typer.Exit(overall_status(results))


def _with_progress(files: list[Path], options: Any, run: Any) -> list[Any]:
    """Draft with a progress bar on stderr when it is a terminal and there is more than one file."""
    if len(files) < 2 or not sys.stderr.isatty():
        return list(run(options, files=files))
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(file=sys.stderr), transient=True) as progress:
        task = progress.add_task("drafting", total=len(files))
        return list(run(options, files=files,
                        on_done=lambda _result: progress.advance(task)))


@command("facts")
def facts_command(
    notes: Annotated[Path, typer.Argument(help="A notes file.")],
    output_format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    max_bytes: Annotated[int, typer.Option(
        "--max-bytes", help="Refuse notes files larger than this many bytes.")] = NOTES_MAX_BYTES,
) -> None:
    """Print what the drafter extracts from notes: sentences by section, figures, before ->
    after pairs, scope cues, names, and what was left out."""
    _choice(output_format, REPORT_CHOICES, "--format")
    facts = extract_facts(read_notes(notes, max_bytes=max_bytes))
    if output_format == "json":
        print(json.dumps(facts.as_dict(), indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(facts_text(facts))


@command("status")
def status_command(
    paths: Annotated[list[Path] | None, typer.Argument(
        help="Story files or folders [default: generated/ at the repository root].")] = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """Say for each drafted story whether it is up to date, its notes changed, it was edited by
    hand, or its notes are missing. Exit 0 when every story is up to date, else 1."""
    _choice(output_format, REPORT_CHOICES, "--format")
    rows = status_paths(list(paths) if paths else [repo_root(Path.cwd()) / OUT_DIR_NAME])
    if output_format == "json":
        print(json.dumps([row.as_dict() for row in rows], indent=2, ensure_ascii=False))
    else:
        for row in rows:
            extra = f" ({row.notes})" if row.notes and row.state != StoryState.UP_TO_DATE else ""
            detail = f": {row.detail}" if row.detail else ""
            print(f"{row.story}: {row.state.value}{extra}{detail}")
        current = sum(row.state == StoryState.UP_TO_DATE for row in rows)
        print(f"{len(rows)} stor{'ies' if len(rows) != 1 else 'y'}: {current} up to date, "
              f"{len(rows) - current} not")
    stale = any(row.state != StoryState.UP_TO_DATE for row in rows)
    raise typer.Exit(ExitStatus.FINDINGS if stale else ExitStatus.OK)

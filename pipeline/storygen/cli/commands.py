"""Commands ``validate``, ``fmt``, ``schema`` and ``init``: each parses options into a plain
object and calls one function."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from storygen.checks.config import load_settings, resolve_fail_on
from storygen.checks.reporters import REPORTER_BY_NAME
from storygen.checks.validate import ValidateOptions, exit_status, validate_paths
from storygen.cli.app import choice_metavar, choices
from storygen.cli.scaffold import init_workspace
from storygen.core.errors import ExitStatus
from storygen.core.findings import Severity
from storygen.story.formatting import FormatOptions, format_paths
from storygen.story.loader import DEFAULT_MAX_BYTES
from storygen.story.schema_files import check_schema, schema_text

ReportFormat = choices("ReportFormat", REPORTER_BY_NAME)

StoryPaths = Annotated[list[Path], typer.Argument(metavar="PATH",
                                                  help="Story files or directories to check.")]
MaxBytes = Annotated[int, typer.Option("--max-bytes", metavar="BYTES",
                                       help="Refuse story files larger than this many bytes.")]
FailOn = Annotated[Severity | None, typer.Option(
    "--fail-on", metavar=choice_metavar(Severity),
    help="Lowest severity that fails the run [default: from config, else error].")]


def schema_command(
    check: Annotated[bool, typer.Option(
        "--check", help="Exit 1 when the checked-in schema differs from the models.")] = False,
    path: Annotated[Path | None, typer.Option(
        "--path", metavar="FILE", help="Checked-in schema file to compare against "
        "[default: schemas/story.schema.json].")] = None,
) -> None:
    """Print the story JSON Schema (2020-12) generated from the models."""
    if not check:
        sys.stdout.write(schema_text())
        return
    problem = check_schema(path)
    if problem:
        print(problem, file=sys.stderr)
        raise typer.Exit(ExitStatus.FINDINGS)
    print("schema is up to date")


def validate_command(
    paths: StoryPaths,
    output_format: Annotated[ReportFormat, typer.Option(  # type: ignore[valid-type]
        "--format", "-f", metavar=choice_metavar(ReportFormat),
        help="Output format.")] = "text",
    no_rules: Annotated[bool, typer.Option("--no-rules", help="Check the schema only.")] = False,
    notes: Annotated[Path | None, typer.Option(
        "--notes", metavar="FILE",
        help="Notes file for GRD001 when a story has no provenance.")] = None,
    fail_on: FailOn = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
) -> None:
    """Check stories against the schema and the rules; exit 0 clean, 1 findings, 2 unreadable."""
    settings = load_settings(Path.cwd())
    options = ValidateOptions(paths=paths, rules=not no_rules, notes=notes, max_bytes=max_bytes,
                              settings=settings, fail_on=resolve_fail_on(fail_on, settings))
    results = validate_paths(options)
    sys.stdout.write(REPORTER_BY_NAME[output_format](results))
    raise typer.Exit(exit_status(results, options.fail_on))


def fmt_command(
    paths: Annotated[list[Path], typer.Argument(
        metavar="PATH", help="Story files or directories to format.")],
    check: Annotated[bool, typer.Option(
        "--check", help="Change nothing; exit 1 and list the files that would change.")] = False,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
) -> None:
    """Rewrite stories in the canonical form (key order, block scalars, one sentence a line)."""
    report = format_paths(FormatOptions(paths=paths, check=check, max_bytes=max_bytes))
    for line in report.lines:
        print(line)
    for error in report.errors:
        print(f"storygen: error: {error}", file=sys.stderr)
    raise typer.Exit(report.exit_status)


def init_command(
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="Folder to set up.")] = Path("."),
    git: Annotated[bool, typer.Option(
        "--git", help="Also set the git config of the repository holding DIR so that git diff "
        "shows story changes field by field: diff.storygen.command 'storygen diff' and "
        "diff.storygen.textconv 'storygen diff --textconv'.")] = False,
) -> None:
    """Scaffold a stories workspace: raw_notes/, generated/, storygen.toml, .gitattributes,
    pre-commit and CI."""
    for line in init_workspace(directory, git=git):
        print(line)

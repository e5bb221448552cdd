"""Command-line entry point: each command parses options into a plain object and calls one function."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from storygen.checks.config import load_settings, resolve_fail_on
from storygen.checks.reporters import REPORTER_BY_NAME
from storygen.checks.validate import ValidateOptions, exit_status, validate_paths
from storygen.cli.app import command
from storygen.cli.scaffold import init_workspace
from storygen.core.errors import ExitStatus, UsageError
from storygen.story.formatting import FormatOptions, format_paths
from storygen.story.loader import DEFAULT_MAX_BYTES
from storygen.story.schema_files import check_schema, schema_text

if TYPE_CHECKING:
    from storygen.checks.validate import ValidateOptions

MAX_BYTES_HELP = "Refuse story files larger than this many bytes."


@command("schema")
def schema_command(
    check: bool = typer.Option(False, "--check",
                               help="Exit 1 when the checked-in schema differs from the models."),
    path: Path = typer.Option(None, "--path", help="Checked-in schema file to compare against "
                              "[default: schemas/story.schema.json]."),
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


@command("validate")
def validate_command(
    paths: list[Path] = typer.Argument(..., metavar="PATH",
                                      help="Story files or directories to check."),
    output_format: str = typer.Option("text", "--format", "-f",
                                      help="Output format: text, json, github or sarif."),
    no_rules: bool = typer.Option(False, "--no-rules", help="Check the schema only."),
    notes: Path = typer.Option(None, "--notes",
                               help="Notes file for GRD001 when a story has no provenance."),
    fail_on: str = typer.Option(None, "--fail-on",
                                help="Lowest severity that fails the run: error or warning "
                                     "[default: from config, else error]."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help=MAX_BYTES_HELP),
) -> None:
    """Check stories against the schema and the rules; exit 0 clean, 1 findings, 2 unreadable."""
    if output_format not in REPORTER_BY_NAME:
        raise UsageError(f"unknown --format {output_format!r}; use one of: "
                         + ", ".join(REPORTER_BY_NAME))
    options = ValidateOptions(paths=paths, rules=not no_rules,
                              notes=notes, max_bytes=max_bytes)
    _apply_settings(options, fail_on)
    results = validate_paths(options)
    sys.stdout.write(REPORTER_BY_NAME[output_format](results))
    raise typer.Exit(exit_status(results, options.fail_on))


def _apply_settings(options: ValidateOptions, fail_on: str | None) -> None:
    """Fill configuration-dependent options (fail_on, rule settings) from the config files."""
    options.settings = settings = load_settings(Path.cwd())
    options.fail_on = resolve_fail_on(fail_on, settings)


@command("fmt")
def fmt_command(
    paths: list[Path] = typer.Argument(..., metavar="PATH",
                                      help="Story files or directories to format."),
    check: bool = typer.Option(False, "--check",
                               help="Change nothing; exit 1 and list the files that would change."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help=MAX_BYTES_HELP),
) -> None:
    """Rewrite stories in the canonical form (key order, block scalars, one sentence a line)."""
    report = format_paths(FormatOptions(paths=paths, check=check, max_bytes=max_bytes))
    for line in report.lines:
        print(line)
    for error in report.errors:
        print(f"storygen: error: {error}", file=sys.stderr)
    raise typer.Exit(report.exit_status)


@command("init")
def init_command(
    directory: Path = typer.Argument(Path("."), metavar="[DIR]", help="Folder to set up."),
) -> None:
    """Scaffold a stories workspace: raw_notes/, generated/, storygen.toml, pre-commit and CI."""
    for line in init_workspace(directory):
        print(line)

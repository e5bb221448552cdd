"""Commands ``validate``, ``fmt``, ``schema`` and ``init``: each parses options into a plain
object and calls one function."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from storygen.checks.config import load_settings, resolve_fail_on
from storygen.checks.reporters import REPORTER_BY_NAME
from storygen.checks.validate import ValidateOptions, check_source, exit_status, validate_paths
from storygen.cli.app import choice_metavar, choices, info, verbosity
from storygen.cli.scaffold import init_workspace
from storygen.cli.stdio import STDIN_LABEL, is_dash, read_stdin
from storygen.core.errors import ExitStatus, InputError
from storygen.core.findings import FileResult, Severity
from storygen.core.fsutil import repo_root
from storygen.core.terminal import use_color
from storygen.story.formatting import FormatOptions, format_paths
from storygen.story.loader import DEFAULT_MAX_BYTES, parse_text
from storygen.story.schema_files import check_schema, schema_text

SCHEMA_FILE = Path("schemas") / "story.schema.json"
ReportFormat = choices("ReportFormat", REPORTER_BY_NAME)

StoryPaths = Annotated[list[Path], typer.Argument(
    metavar="PATH", help="Story files or directories to check ('-' reads one story from stdin).")]
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
        "[default: schemas/story.schema.json under the repository root found from the working "
        "directory; exit 2 when it is missing].")] = None,
) -> None:
    """Print the story JSON Schema (2020-12) generated from the models."""
    if not check:
        sys.stdout.write(schema_text())
        return
    if path is None:
        root = repo_root(Path.cwd())
        path = root / SCHEMA_FILE
        if not path.is_file():
            raise InputError(f"no checked-in schema here: {SCHEMA_FILE} does not exist under the "
                             f"repository root {root}; write it with 'storygen schema > "
                             f"{SCHEMA_FILE}' or name the file with --path", path=path)
    problem = check_schema(path)
    if problem:
        print(problem, file=sys.stderr)
        raise typer.Exit(ExitStatus.FINDINGS)
    info(f"schema is up to date ({path})")


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
    files = [path for path in paths if not is_dash(path)]
    options = ValidateOptions(paths=files, rules=not no_rules, notes=notes, max_bytes=max_bytes,
                              settings=settings, fail_on=resolve_fail_on(fail_on, settings))
    results = validate_paths(options) if files else []
    if len(files) < len(paths):
        results.insert(0, _check_stdin(options))
    quiet = verbosity().quiet
    sys.stdout.write(REPORTER_BY_NAME[output_format](
        results, color=use_color(sys.stdout), footer=not quiet))
    raise typer.Exit(exit_status(results, options.fail_on))


def _check_stdin(options: ValidateOptions) -> FileResult:
    """``storygen validate -``: the story on stdin, labelled ``<stdin>``."""
    try:
        text = read_stdin(max_bytes=options.max_bytes, what="story")
        if not text.strip():
            raise InputError("the input is empty: a story is a YAML mapping", path=STDIN_LABEL,
                             line=1)
        source = parse_text(text, STDIN_LABEL)
    except InputError as exc:
        return FileResult(STDIN_LABEL, [], error=exc.one_line())
    findings, notices = check_source(source, options)
    return FileResult(STDIN_LABEL, findings, notices=notices)


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
        info(line)

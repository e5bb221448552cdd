"""Command-line entry point: each command parses options into a plain object and calls one function."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from storygen.cli_app import app, command, debug_enabled, fail
from storygen.errors import ExitStatus, InputError, StorygenError, UsageError
from storygen.loader import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from storygen.validate import ValidateOptions

MAX_BYTES_HELP = "Refuse story files larger than this many bytes."


def _repo_root() -> Path:
    return Path(__file__).resolve().parents[2]


@command("schema")
def schema_command(
    check: bool = typer.Option(False, "--check",
                               help="Exit 1 when the checked-in schema differs from the models."),
    path: Path = typer.Option(None, "--path", help="Checked-in schema file to compare against "
                              "[default: schemas/story.schema.json]."),
) -> None:
    """Print the story JSON Schema (2020-12) generated from the models."""
    from storygen.schema_files import check_schema, schema_text

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
    from storygen.reporters import REPORTER_BY_NAME
    from storygen.validate import ValidateOptions, exit_status, validate_paths

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
    from storygen.config import load_settings, resolve_fail_on

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
    from storygen.formatting import FormatOptions, format_paths

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
    from storygen.scaffold import init_workspace

    for line in init_workspace(directory):
        print(line)


def _load_command_modules() -> None:
    """Import the modules that register the other commands (each keeps heavy imports inside)."""
    import importlib
    import pkgutil

    import storygen

    for info in sorted(pkgutil.iter_modules(storygen.__path__), key=lambda m: m.name):
        if info.name.startswith("cli_") and info.name != "cli_app":
            importlib.import_module(f"storygen.{info.name}")


COMMAND_ORDER = ("draft", "facts", "status", "validate", "fmt", "rules", "config", "render", "site",
                 "diff", "bank", "export", "schema", "init")


def _order_commands() -> None:
    """List commands in the order a user meets them, whatever order the modules load in."""
    rank = {name: i for i, name in enumerate(COMMAND_ORDER)}
    app.registered_commands.sort(key=lambda c: rank.get(c.name or "", len(rank)))


_load_command_modules()
_order_commands()


def main() -> None:
    """Console entry point: only here is ``sys.exit`` called."""
    try:
        status = app(standalone_mode=False)
    except StorygenError as exc:  # raised outside a command body
        if debug_enabled():
            raise
        raise SystemExit(fail(exc).exit_code) from None
    except KeyboardInterrupt:
        print("storygen: interrupted", file=sys.stderr)
        raise SystemExit(130) from None
    except SystemExit:
        raise
    except Exception as exc:
        if debug_enabled() or _is_click_exit(exc):
            raise
        if _is_click_error(exc):
            exc.show()  # type: ignore[attr-defined]
            raise SystemExit(ExitStatus.USAGE) from None
        print(f"storygen: internal error: {type(exc).__name__}: {exc} "
              "(set STORYGEN_DEBUG=1 for the traceback)", file=sys.stderr)
        raise SystemExit(70) from None
    raise SystemExit(status if isinstance(status, int) else 0)


def _is_click_error(exc: Exception) -> bool:
    return hasattr(exc, "show") and hasattr(exc, "exit_code")


def _is_click_exit(exc: Exception) -> bool:
    return type(exc).__name__ in ("Exit",)


__all__ = ["InputError", "app", "main"]

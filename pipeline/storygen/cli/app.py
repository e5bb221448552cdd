"""The Typer application object, the command class, the global options (``-q``/``-v``, kept in
a small ``Verbosity`` object that commands read with ``verbosity()``), and the wrapper that
turns user errors into exit codes. ``cli.main`` registers the commands from its table with
``register``.
"""

from __future__ import annotations

import functools
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from typer._click.globals import get_current_context  # the click copy Typer bundles
from typer.core import TyperArgument, TyperCommand

from storygen import __version__
from storygen.checks.config import find_config
from storygen.core.errors import InputError, StorygenError, UsageError
from storygen.core.secrets import redact

app = typer.Typer(
    name="storygen",
    help="Turn rough notes into complete, validated behavioural-interview stories.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def choices(name: str, names: Any) -> type[StrEnum]:
    """A ``StrEnum`` whose members are ``names`` (the keys of a dispatch table), in their order.

    As an option's type it makes the parser reject other values (exit 2, naming the allowed
    ones) and ``--help`` list them.
    """
    return StrEnum(name, {str(value): str(value) for value in names})  # type: ignore[return-value]


def choice_metavar(kind: Any) -> str:
    """``[a|b|c]``: the allowed values of a choice type, as ``--help`` shows them."""
    return "[" + "|".join(str(member.value) for member in kind) + "]"


class Command(TyperCommand):
    """A command whose arguments show their metavar (``PATH...``) in ``--help``, not a Python
    type such as ``<list[Path]>``."""

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if isinstance(param, TyperArgument):
                arguments.append((_argument_name(param), record[1]))
            else:
                options.append(record)
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


def _argument_name(param: TyperArgument) -> str:
    name = param.metavar or (param.name or "").upper()
    return f"{name}..." if param.nargs != 1 and not name.endswith("...") else name


@dataclass(frozen=True, slots=True)
class Verbosity:
    """The global ``-q``/``-v`` options: quiet keeps only errors and findings; verbose adds
    which configuration file is in force and how long the command took."""

    quiet: bool = False
    verbose: bool = False


def verbosity() -> Verbosity:
    """The ``Verbosity`` of the running command (the default one outside a command line)."""
    ctx = get_current_context(silent=True)
    obj = ctx.find_root().obj if ctx is not None else None
    return obj if isinstance(obj, Verbosity) else Verbosity()


def info(message: str, *, err: bool = False) -> None:
    """An informational line (``wrote ...``) on stdout, or stderr with ``err``; left out under
    ``--quiet``."""
    if not verbosity().quiet:
        print(message, file=sys.stderr if err else sys.stdout)


def detail(message: str) -> None:
    """A detail line on stderr, printed only under ``--verbose``."""
    if verbosity().verbose:
        print(f"storygen: {message}", file=sys.stderr)


def debug_enabled() -> bool:
    return os.environ.get("STORYGEN_DEBUG", "") not in ("", "0")


def fail(error: StorygenError) -> typer.Exit:
    """Print a user error as one line on stderr and return the Exit to raise."""
    print(f"storygen: error: {redact(error.one_line())}", file=sys.stderr)
    return typer.Exit(int(error.exit_status))


def os_failure(exc: OSError) -> StorygenError:
    """An OSError as a one-line user error naming the file it concerns."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    if exc.filename is None:
        return InputError(reason)
    target = exc.filename2 if exc.filename2 is not None else exc.filename
    return InputError(f"cannot read or write this path: {reason}", path=os.fsdecode(target))


def register(name: str, func: Callable[..., Any]) -> None:
    """Add ``func`` as command ``name``; a StorygenError it raises becomes one line and an exit
    code (the traceback with STORYGEN_DEBUG=1)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            _show_config()
            return func(*args, **kwargs)
        except StorygenError as exc:
            if debug_enabled():
                raise
            raise fail(exc) from None
        except OSError as exc:  # a file the command wrote or read failed at the OS level
            if debug_enabled():
                raise
            raise fail(os_failure(exc)) from None
        finally:
            detail(f"{name} took {time.perf_counter() - started:.2f} s")

    app.command(name, cls=Command)(wrapper)


def _show_config() -> None:
    if not verbosity().verbose:
        return
    found = find_config(Path.cwd())
    detail(f"configuration: {found[0]} ({found[1]})" if found else
           f"configuration: none found from {Path.cwd()} upwards (defaults)")


def version_callback(value: bool) -> None:
    if value:
        print(f"storygen {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", callback=version_callback, is_eager=True,
                                          help="Print the version and exit.")] = False,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="Print only errors and findings: no progress, no 'wrote ...' "
        "lines, no summaries.")] = False,
    verbose: Annotated[bool, typer.Option(
        "--verbose", "-v", help="Also print the configuration file in force and timings.")] = False,
) -> None:
    """Turn rough notes into complete, validated behavioural-interview stories.

    Stories are YAML files checked by a JSON Schema and by rules that need no model.
    """
    try:
        os.getcwd()
    except FileNotFoundError:
        raise fail(InputError("the working directory no longer exists; cd to an existing "
                              "folder and run again")) from None
    if quiet and verbose:
        raise fail(UsageError("--quiet and --verbose cannot be used together"))
    ctx.obj = Verbosity(quiet=quiet, verbose=verbose)

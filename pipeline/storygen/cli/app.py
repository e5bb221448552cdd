"""The settings of the Typer application, the command and group classes, the global options
(``-q``/``-v``, kept in a small ``Verbosity`` object that commands read with ``verbosity()``),
and the wrapper that turns user errors into exit codes.

``cli.main`` holds the table of commands. ``LazyGroup`` lists them from that table and imports
a command's module (by its name, with ``importlib``) only when that command runs or shows its
own help, so ``storygen --help`` and ``storygen validate`` do not pay for loading the drafting,
model and view code of the other commands.
"""

from __future__ import annotations

import functools
import importlib
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from difflib import get_close_matches
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, ClassVar

import typer
from typer._click.core import Command as ClickCommand  # the click copy Typer bundles
from typer._click.core import Context as ClickContext
from typer._click.exceptions import UsageError as ClickUsageError
from typer._click.formatting import HelpFormatter
from typer._click.globals import get_current_context
from typer._click.utils import make_default_short_help
from typer.core import TyperArgument, TyperCommand, TyperGroup
from typer.main import get_command_from_info
from typer.models import CommandInfo

from storygen import __version__
from storygen.checks.config_file import find_config
from storygen.core.errors import InputError, StorygenError, UsageError
from storygen.core.secrets import redact

APP_SETTINGS: dict[str, Any] = {
    "name": "storygen",
    "help": "Turn rough notes into complete, validated behavioural-interview stories.",
    "no_args_is_help": True,
    "add_completion": True,
    "pretty_exceptions_enable": False,
    "rich_markup_mode": None,
    "context_settings": {"help_option_names": ["-h", "--help"]},
}
"""The keyword arguments ``cli.main`` gives ``typer.Typer``."""


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


def wrap(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """``func`` as the body of command ``name``: a StorygenError it raises becomes one line and
    an exit code (the traceback with STORYGEN_DEBUG=1)."""

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

    return wrapper


@dataclass(frozen=True, slots=True)
class CommandSpec:
    """One row of the command table: the command's name, the module and function that
    implement it, and the one-line help ``storygen --help`` lists (the first paragraph of the
    function's docstring, so listing the commands needs no import)."""

    name: str
    module: str
    function: str
    help: str

    def load(self) -> Callable[..., Any]:
        """Import the module and return the function (ImportError/AttributeError on a typo)."""
        func: Callable[..., Any] = getattr(importlib.import_module(self.module), self.function)
        return func


class LazyGroup(TyperGroup):
    """The top-level group: lists the commands of ``table`` in its order and imports a
    command's module only when that command is looked up to run (or to show its help)."""

    table: ClassVar[tuple[CommandSpec, ...]] = ()

    def list_commands(self, ctx: ClickContext) -> list[str]:
        return [spec.name for spec in self.table]

    def get_command(self, ctx: ClickContext, cmd_name: str) -> ClickCommand | None:
        if cmd_name in self.commands:
            return self.commands[cmd_name]
        spec = next((spec for spec in self.table if spec.name == cmd_name), None)
        if spec is None:
            return None
        info = CommandInfo(name=spec.name, cls=Command, callback=wrap(spec.name, spec.load()))
        command = get_command_from_info(info, pretty_exceptions_short=True,
                                        rich_markup_mode=self.rich_markup_mode)
        self.commands[cmd_name] = command
        return command

    def format_commands(self, ctx: ClickContext, formatter: HelpFormatter) -> None:
        """The Commands section, from the table alone (as ``TyperGroup`` lays it out)."""
        if not self.table:
            return
        limit = formatter.width - 6 - max(len(spec.name) for spec in self.table)
        rows = [(spec.name, make_default_short_help(spec.help, limit)) for spec in self.table]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def resolve_command(self, ctx: ClickContext, args: list[str]
                        ) -> tuple[str | None, ClickCommand | None, list[str]]:
        """As ``TyperGroup`` does, suggesting close names from the table on a typo."""
        try:
            return self._click_resolve_command(ctx, args)
        except ClickUsageError as exc:
            if self.suggest_commands and args:
                matches = get_close_matches(args[0], self.list_commands(ctx))
                if matches:
                    suggestions = ", ".join(f"{m!r}" for m in matches)
                    exc.message = f"{exc.message.rstrip('.')}. Did you mean {suggestions}?"
            raise


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

"""The Typer application object, the command class, and the wrapper that turns user errors into
exit codes. ``cli.main`` registers the commands from its table with ``register``.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any

import typer
from typer.core import TyperArgument, TyperCommand

from storygen import __version__
from storygen.core.errors import InputError, StorygenError
from storygen.core.secrets import redact

app = typer.Typer(
    name="storygen",
    help="Turn rough notes into complete, validated behavioural-interview stories.",
    no_args_is_help=True,
    add_completion=False,
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
        try:
            return func(*args, **kwargs)
        except StorygenError as exc:
            if debug_enabled():
                raise
            raise fail(exc) from None
        except OSError as exc:  # a file the command wrote or read failed at the OS level
            if debug_enabled():
                raise
            raise fail(os_failure(exc)) from None

    app.command(name, cls=Command)(wrapper)


def version_callback(value: bool) -> None:
    if value:
        print(f"storygen {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[bool, typer.Option("--version", callback=version_callback, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Turn rough notes into complete, validated behavioural-interview stories.

    Stories are YAML files checked by a JSON Schema and by rules that need no model.
    """
    try:
        os.getcwd()
    except FileNotFoundError:
        raise fail(InputError("the working directory no longer exists; cd to an existing "
                              "folder and run again")) from None

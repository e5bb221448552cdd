"""The Typer application object and the wrapper that turns user errors into exit codes.

Command modules (``cli.py``, ``cli_*.py``) register on ``app`` with ``@command()``.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import typer

from storygen import __version__
from storygen.core.errors import StorygenError
from storygen.core.secrets import redact

F = TypeVar("F", bound=Callable[..., Any])

app = typer.Typer(
    name="storygen",
    help="Turn rough notes into complete, validated behavioural-interview stories.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def debug_enabled() -> bool:
    return os.environ.get("STORYGEN_DEBUG", "") not in ("", "0")


def fail(error: StorygenError) -> typer.Exit:
    """Print a user error as one line on stderr and return the Exit to raise."""
    print(f"storygen: error: {redact(error.one_line())}", file=sys.stderr)
    return typer.Exit(int(error.exit_status))


def command(*args: Any, **kwargs: Any) -> Callable[[F], F]:
    """Register a command whose StorygenErrors become a one-line message and an exit code."""

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*a: Any, **kw: Any) -> Any:
            try:
                return func(*a, **kw)
            except StorygenError as exc:
                if debug_enabled():
                    raise
                raise fail(exc) from None

        app.command(*args, **kwargs)(wrapper)
        return func

    return decorate


def version_callback(value: bool) -> None:
    if value:
        print(f"storygen {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(False, "--version", callback=version_callback, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """Turn rough notes into complete, validated behavioural-interview stories.

    Stories are YAML files checked by a JSON Schema and by rules that need no model.
    """

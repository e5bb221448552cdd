"""The console entry point: the table of commands, in listing order, and ``main``."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

import typer
from typer._click.exceptions import ClickException  # the click copy Typer bundles and raises

from storygen.cli import commands, draft, evaluate, rules, views
from storygen.cli.app import app, debug_enabled, fail, register
from storygen.core.errors import ExitStatus, StorygenError

# name -> function, in the order ``storygen --help`` lists them (the order a user meets them)
COMMANDS: tuple[tuple[str, Callable[..., Any]], ...] = (
    ("draft", draft.draft_command),
    ("facts", draft.facts_command),
    ("status", draft.status_command),
    ("eval", evaluate.eval_command),
    ("validate", commands.validate_command),
    ("fmt", commands.fmt_command),
    ("rules", rules.rules_command),
    ("config", rules.config_command),
    ("render", views.render_command),
    ("site", views.site_command),
    ("diff", views.diff_command),
    ("bank", views.bank_command),
    ("export", views.export_command),
    ("schema", commands.schema_command),
    ("init", commands.init_command),
)

for _name, _function in COMMANDS:
    register(_name, _function)


def main() -> None:
    """Console entry point: only here is ``sys.exit`` called."""
    try:
        status = app(standalone_mode=False)
        sys.stdout.flush()
    except StorygenError as exc:  # raised outside a command body
        if debug_enabled():
            raise
        raise SystemExit(fail(exc).exit_code) from None
    except OSError as exc:  # stdout closed (broken pipe) or full: say so once, no traceback
        if debug_enabled():
            raise
        _silence_stdout()
        print(f"storygen: error: cannot write to standard output: {exc.strerror or exc}",
              file=sys.stderr)
        raise SystemExit(ExitStatus.USAGE) from None
    except KeyboardInterrupt:
        print("storygen: interrupted", file=sys.stderr)
        sys.exit(130)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        print("storygen: aborted", file=sys.stderr)
        sys.exit(1)
    except ClickException as exc:  # found by the parser: unknown option, bad value, ...
        if debug_enabled():
            raise
        exc.show()
        sys.exit(ExitStatus.USAGE)
    except Exception as exc:
        if debug_enabled():
            raise
        print(f"storygen: internal error: {type(exc).__name__}: {exc} "
              "(set STORYGEN_DEBUG=1 for the traceback)", file=sys.stderr)
        sys.exit(70)
    sys.exit(status if isinstance(status, int) else 0)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


__all__ = ["COMMANDS", "app", "main"]

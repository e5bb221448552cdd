"""The console entry point: every command module, imported in listing order, and ``main``."""

from __future__ import annotations

import os
import sys

from storygen.cli import commands, draft, rules, views  # noqa: F401  (they register commands)
from storygen.cli.app import app, debug_enabled, fail
from storygen.core.errors import ExitStatus, StorygenError

COMMAND_ORDER = ("draft", "facts", "status", "validate", "fmt", "rules", "config", "render", "site",
                 "diff", "bank", "export", "schema", "init")


def _order_commands() -> None:
    """List commands in the order a user meets them, whatever order the modules load in."""
    rank = {name: i for i, name in enumerate(COMMAND_ORDER)}
    app.registered_commands.sort(key=lambda c: rank.get(c.name or "", len(rank)))


_order_commands()


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


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _is_click_error(exc: Exception) -> bool:
    return hasattr(exc, "show") and hasattr(exc, "exit_code")


def _is_click_exit(exc: Exception) -> bool:
    return type(exc).__name__ in ("Exit",)


__all__ = ["InputError", "app", "main"]

"""Whether to colour output, decided in one place for every command.

``NO_COLOR`` set to any non-empty value turns colour off (https://no-color.org);
``FORCE_COLOR`` set to a non-empty value other than ``0`` turns it on even when the output is
not a terminal (a pipe, a file, CI logs). Otherwise colour is used only on a terminal whose
``TERM`` is not ``dumb``. ``NO_COLOR`` wins over ``FORCE_COLOR``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import IO, Any

ANSI = {"error": "\x1b[1;31m", "warning": "\x1b[33m", "code": "\x1b[1m", "off": "\x1b[2m",
        "reset": "\x1b[0m"}


def use_color(stream: IO[Any] | None = None, *, tty: bool | None = None,
              env: Mapping[str, str] | None = None) -> bool:
    """True when output to ``stream`` (or to a terminal, when ``tty`` says so) is coloured."""
    env = os.environ if env is None else env
    if env.get("NO_COLOR", ""):
        return False
    if env.get("FORCE_COLOR", "") not in ("", "0"):
        return True
    if env.get("TERM") == "dumb":
        return False
    if tty is None:
        isatty = getattr(stream, "isatty", None)
        try:
            tty = bool(isatty()) if isatty is not None else False
        except (OSError, ValueError):
            tty = False
    return tty


def paint(kind: str, text: str, color: bool) -> str:
    """``text`` wrapped in the ANSI style for ``kind`` (error, warning, code, off), or as is."""
    return f"{ANSI[kind]}{text}{ANSI['reset']}" if color and kind in ANSI else text

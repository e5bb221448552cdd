"""The terminal: text that is safe to print (control characters from stories and notes shown,
not obeyed), and whether to colour output, decided in one place for every command.

A story or notes file can hold ESC sequences (set the window title, clear the screen,
colour), C1 controls such as CSI (U+009B) or bidirectional overrides; printed raw they act
on the reader's terminal. Every text output passes through ``printable``.

``NO_COLOR`` set to any non-empty value turns colour off (https://no-color.org);
``FORCE_COLOR`` set to a non-empty value other than ``0`` turns it on even when the output is
not a terminal (a pipe, a file, CI logs). Otherwise colour is used only on a terminal whose
``TERM`` is not ``dumb``. ``NO_COLOR`` wins over ``FORCE_COLOR``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import IO, Any

_BIDI = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
_CONTROLS = (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0), *_BIDI)


def _escape(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x80 else f"\\u{code:04x}"


_TABLES: dict[str, dict[int, str]] = {}
_JSON_TABLE = {code: f"\\u{code:04x}" for code in (0x7F, *range(0x80, 0xA0), *_BIDI)}


def printable(text: str, keep: str = "\n\t") -> str:
    """``text`` with every control character (but those in ``keep``) written as an escape:
    ESC becomes ``\\x1b``, CSI ``\\u009b``, a right-to-left override ``\\u202e``."""
    table = _TABLES.get(keep)
    if table is None:
        kept = {ord(c) for c in keep}
        table = _TABLES[keep] = {c: _escape(c) for c in _CONTROLS if c not in kept}
    return text.translate(table)


def printable_json(text: str) -> str:
    """JSON text (as ``json.dumps(..., ensure_ascii=False)`` writes it) with the controls it
    leaves raw (DEL, C1, bidirectional overrides) written as ``\\uXXXX`` escapes; these can
    only stand inside strings, so the JSON means the same."""
    return text.translate(_JSON_TABLE)


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

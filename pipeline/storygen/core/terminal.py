"""Text that is safe to print: control characters from stories and notes shown, not obeyed.

A story or notes file can hold ESC sequences (set the window title, clear the screen,
colour), C1 controls such as CSI (U+009B) or bidirectional overrides; printed raw they act
on the reader's terminal. Every text output passes through ``printable``.
"""

from __future__ import annotations

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

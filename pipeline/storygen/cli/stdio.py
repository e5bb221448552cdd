"""``-`` on the command line: read the one input from stdin, or write the one output to stdout.

A command that reads one file takes ``-`` for stdin (the input is labelled ``<stdin>`` in
messages); a command that writes one output takes ``--out -`` for stdout.
"""

from __future__ import annotations

import sys
from pathlib import Path

from storygen.core.errors import InputError

STDIN_LABEL = "<stdin>"


def is_dash(path: Path | str | None) -> bool:
    """Whether a path argument is ``-`` (stdin for an input, stdout for an output)."""
    return path is not None and str(path) == "-"


def read_stdin(*, max_bytes: int, what: str) -> str:
    """All of stdin as text, refusing oversize, binary and non-UTF-8 input like a file."""
    stream = getattr(sys.stdin, "buffer", None)
    raw = stream.read(max_bytes + 1) if stream is not None else \
        sys.stdin.read(max_bytes + 1).encode("utf-8")
    if len(raw) > max_bytes:
        raise InputError(f"{what} on stdin is over the {max_bytes:,}-byte limit (raise it with "
                         "--max-bytes)", path=STDIN_LABEL)
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise InputError(f"binary content (NUL byte): not a text {what}", path=STDIN_LABEL,
                         line=line)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
                         path=STDIN_LABEL, line=line) from None
    return text.removeprefix("\ufeff")

"""``-`` on the command line: read the one input from stdin, or write the one output to stdout.

A command that reads one file takes ``-`` for stdin (the input is labelled ``<stdin>`` in
messages); a command that writes one output takes ``--out -`` for stdout.
"""

from __future__ import annotations

import sys
from pathlib import Path

from storygen.core.errors import InputError
from storygen.story.loader import decode_text

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
    return decode_text(raw, STDIN_LABEL, what)

"""Where a finding points in the file: the field, or the sentence inside a block scalar."""

from __future__ import annotations

import bisect
import functools

from storygen.story.loader import Source

BLOCK_STYLES = (">", "|")


@functools.lru_cache(maxsize=8)
def _lines(text: str) -> list[str]:
    return text.split("\n")


def _block_body(lines: list[str], first: int) -> list[tuple[int, int, str]]:
    """(1-based line, indentation, content) of each line of the block starting at ``first``."""
    body: list[tuple[int, int, str]] = []
    indent: int | None = None
    for index in range(first, len(lines)):
        raw = lines[index].rstrip("\r")
        if not raw.strip():
            body.append((index + 1, 0, ""))
            continue
        lead = len(raw) - len(raw.lstrip(" "))
        if indent is None:
            indent = lead
        elif lead < indent:
            break
        body.append((index + 1, indent, raw[indent:]))
    while body and not body[-1][2]:
        body.pop()
    return body


def block_position(lines: list[str], header_line: int, value: str,
                   offset: int) -> tuple[int, int] | None:
    """Line and column of ``value[offset:]`` inside the block scalar whose header (``>-``)
    is on ``header_line``; None when the text cannot be found there.

    The block's lines are joined one character apart and searched for the start of the
    sentence, so a file with one sentence a line and a hand-wrapped one both map.
    """
    body = _block_body(lines, header_line)
    if not body:
        return None
    starts, position = [], 0
    for _, _, content in body:
        starts.append(position)
        position += len(content) + 1
    joined = " ".join(content for _, _, content in body)
    target = value[offset:]
    for length in (40, 20, 10, 4, 1):
        prefix = target[:length].split("\n")[0]
        if not prefix.strip():
            continue
        found: list[int] = []
        at = joined.find(prefix)
        while at >= 0 and len(found) < 64:
            found.append(at)
            at = joined.find(prefix, at + 1)
        if found:
            best = min(found, key=lambda p: abs(p - offset))
            i = bisect.bisect_right(starts, best) - 1
            line, indent, _ = body[i]
            return line, indent + best - starts[i] + 1
    return None


def field_position(source: Source, pointer: str, value: object,
                   offset: int | None) -> tuple[int, int]:
    """The 1-based line and column of a finding: its field's key (or list item), or, for a
    sentence-level finding in a block scalar, the start of that sentence."""
    loc = source.locate(pointer)
    if loc is None:
        return 1, 1
    if offset is None or not isinstance(value, str) or loc.style not in BLOCK_STYLES:
        return loc.line, loc.column
    found = block_position(_lines(source.text), loc.value_line, value, offset)
    return found or (loc.line, loc.column)

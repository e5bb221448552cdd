"""Quoting a piece of a sentence without cutting a word or a figure in two.

A phrase cut at a "." or ":" or "-" can tear a figure: "0.91 to 0" out of "0.91 to 0.84",
"From $31K to $8" out of "from $31K to $8-10K", "30 outage" out of "12:30 outage", "a weekly
1" out of "a weekly 1:1". :func:`widen` grows such a cut to the whole words and the whole
figures (as the number grammar reads them) it touches, so a quoted phrase only ever holds
figures the sentence holds.
"""

from __future__ import annotations

from storygen.core.numbers import find_figures

_OPENERS = frozenset("([{\"'“‘")
_CLOSERS = frozenset(")]}\"”’")
_TRAILING = ".,;:!?"


def widen(text: str, start: int, end: int) -> str:
    """``text[start:end]`` grown to whole words and whole figures, without trailing stops."""
    if not 0 <= start < end <= len(text):
        return text[start:end]
    spans = [f.span for f in find_figures(text)]
    while True:
        before = (start, end)
        while start > 0 and not text[start - 1].isspace() and text[start - 1] not in _OPENERS:
            start -= 1
        while end < len(text) and not text[end].isspace() and text[end] not in _CLOSERS:
            end += 1
        for low, high in spans:
            if low < end and start < high:
                start, end = min(start, low), max(end, high)
        if (start, end) == before:
            break
    return text[start:end].rstrip(_TRAILING)


def mend(phrase: str, text: str) -> str:
    """``phrase`` widened to whole words and figures where it stands in ``text`` (first
    occurrence); a phrase not found in ``text`` is returned as is."""
    at = text.find(phrase)
    if at < 0 or not phrase:
        return phrase
    return widen(text, at, at + len(phrase))

"""Style (STY001): no hedging or filler in what the candidate says."""

from __future__ import annotations

import re
from collections.abc import Iterator

from storygen.checks.rules.base import (
    SECTION_LABELS,
    TextHit,
    listing,
    quote,
    sentences,
    strong_examples,
    text_rule,
)
from storygen.checks.rules.ownership import without_quotes
from storygen.core.findings import Severity

_HEDGE = re.compile(
    r"\b(?:basically|kind of|sort of|i think|i guess|just(?![-‐‑]| in time)|actually"
    r"|literally|pretty much|you know|i feel like|more or less)\b"
)


def hedges(sentence: str) -> list[str]:
    """The hedging and filler words of a sentence, outside quoted speech."""
    low = without_quotes(sentence).lower()
    return [m.group().replace("i ", "I ", 1) if m.group().startswith("i ") else m.group()
            for m in _HEDGE.finditer(low)]


@text_rule(
    "STY001", "hedging", Severity.WARNING,
    "hedging and filler in a strong example ('basically', 'kind of', 'I think', 'just')",
    fields=strong_examples(*SECTION_LABELS), sections=tuple(SECTION_LABELS),
    free_text=True,
    passing=["I reproduced the failure locally to confirm the root cause.",
             "I shipped the fix just-in-time for the launch."],
    failing=["I basically just reproduced it locally.", "I think it kind of worked."],
)
def sty001(text: str, label: str) -> Iterator[TextHit]:
    """Hedges ("I think", "I guess", "kind of", "sort of") and filler ("basically",
    "just", "actually") make a strong example sound unsure and cost speaking time.
    Say it plainly. Quoted speech is not checked.
    """
    if not _HEDGE.search(text.lower()):
        return
    for number, span in enumerate(sentences(text), 1):
        words = hedges(span.text)
        if words:
            yield TextHit(span.start, f"{label} sentence {number} hedges with {listing(words)}: "
                                      f"drop {'it' if len(set(words)) == 1 else 'them'}: "
                                      f"{quote(span.text)}")


"""Completeness (GAP001): no claim field may still be a placeholder waiting for the notes."""

from __future__ import annotations

import re
from collections.abc import Iterator

from storygen.checks.rules.base import TextHit, quote, text_rule
from storygen.checks.rules.grounding import claim_fields
from storygen.core.findings import Severity

_PLACEHOLDER = re.compile(r"\[\s*(?:to fill in|todo|tbd)\b[^\]]*\]|\b(?:TODO|TBD|XXX)\b",
                          re.IGNORECASE)


@text_rule(
    "GAP001", "placeholder", Severity.ERROR,
    "a claim field that is still a placeholder ('[To fill in ...]', 'TODO', 'TBD')",
    fields=claim_fields, sections=(),
    passing=["I pulled the webhook delivery logs from the Platform service."],
    failing=["[To fill in from your notes: where you were and what was going wrong.]",
             "I fixed the retries. TODO: add the figure."],
)
def gap001(text: str, label: str) -> Iterator[TextHit]:
    """A draft marks what the notes did not say with a placeholder such as
    "[To fill in from your notes: ...]" instead of inventing it. The story is not ready to
    tell until each one is replaced with what really happened: add it to the notes and
    draft again, or write it into the story yourself.
    """
    match = _PLACEHOLDER.search(text)
    if match is not None:
        yield TextHit(match.start(), f"{label} is still a placeholder: {quote(match.group())}: "
                                     "add this to the notes and draft again, or write it in")


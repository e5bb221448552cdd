"""Key phrases (KEY001): every key phrase of S/T/A/R appears in its strong example."""

from __future__ import annotations

from collections.abc import Iterator

from storygen.checks.rules.base import SECTION_LABELS, Context, Hit, get, items, story_rule
from storygen.core.findings import Severity
from storygen.core.text import fold

KEYED_SECTIONS = ("situation", "task", "action", "result")


def phrase_key(phrase: str) -> str:
    """A key phrase folded for matching: case, quotes, dashes and white space; no end stop."""
    return fold(phrase).strip(" .,;:!?")


@story_rule(
    "KEY001", "key-phrase-missing", Severity.ERROR,
    "a key phrase of situation, task, action or result missing from its strong example",
    passing=[{"sections": {"task": {"strong_example": "There was no ticket, and it was "
                                                      "not my team's service.",
                                    "key_phrases": ["no ticket", "not my team’s service"]}}}],
    failing=[{"sections": {"task": {"strong_example": "There was no ticket.",
                                    "key_phrases": ["nobody asked me"]}}}],
)
def key001(ctx: Context) -> Iterator[Hit]:
    """Key phrases are the words a listener should remember, so each one must appear
    verbatim in its section's strong example (case, quotes and white space are folded,
    so "Team's" matches "team’s"). The reflection's key phrases are talking points and
    are not checked. Fix the phrase or the example so they agree.
    """
    for name in KEYED_SECTIONS:
        example = get(ctx.data, "sections", name, "strong_example")
        if not isinstance(example, str):
            continue
        folded = fold(example)
        for i, phrase in items(ctx.data, "sections", name, "key_phrases"):
            if not isinstance(phrase, str) or phrase_key(phrase) in folded:
                continue
            yield Hit(f"/sections/{name}/key_phrases/{i}",
                      f"key phrase '{phrase.strip()}' does not appear in the "
                      f"{SECTION_LABELS[name]} strong example")


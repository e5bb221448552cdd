"""Reflection rules (REF*): no generic lessons; a senior reflection names a systemic cause."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from storygen.checks.rules.base import (
    TextHit,
    found,
    get,
    items,
    listing,
    quote,
    sentences,
    strong_examples,
    text_rule,
)
from storygen.core.findings import Severity
from storygen.core.text import plain
from storygen.story import kb

_SYSTEMIC = re.compile(
    r"\broot cause|\bmechanism|\bprocess|\bslos?\b|\bslas?\b|\bacross (?:the )?(?:teams|org"
    r"|company|services)|\bcross[- ]team|\borgani[sz]ation\w*|\bsystemic|\bsystem-wide"
    r"|\bincentive|\bownership (?:model|boundar\w*|gap)|\bculture|\bgovernance|\bstandards?\b"
    r"|\bpolic(?:y|ies)\b|\bblind spots?|\b(?:org|company)-wide|\brunbooks?|\bvisibility"
    r"|\bowner(?:s|ship)?\b|\baccountab\w*|\breviews?\b|\bbudgets?\b|\bincentives?\b"
)


def reflection_fields(data: Mapping[str, Any]) -> Iterator[tuple[str, str, str]]:
    yield from strong_examples("reflection")(data)
    for key, label in (("sde2", "SDE2 reflection"), ("senior", "Senior reflection")):
        text = get(data, "reflections", key)
        if isinstance(text, str):
            yield f"/reflections/{key}", label, text


def senior_reflections(data: Mapping[str, Any]) -> Iterator[tuple[str, str, str]]:
    text = get(data, "reflections", "senior")
    if isinstance(text, str):
        yield "/reflections/senior", "Senior reflection", text
    for i, variant in items(data, "level_variants"):
        text = get(variant, "reflection")
        if get(variant, "level") in kb.systemic_levels() and isinstance(text, str):
            yield (f"/level_variants/{i}/reflection",
                   f"{variant['level']} level variant reflection", text)


@text_rule(
    "REF001", "generic-reflection", Severity.ERROR,
    "a generic reflection ('communication is important', 'I learned a lot')",
    fields=reflection_fields, sections=("reflection",),
    free_text=True,
    passing=["I learned to reproduce intermittent network failures locally before fixing them."],
    failing=["I learned a lot, and communication is important.",
             "Things got better and the team was happy."],
)
def ref001(text: str, label: str) -> Iterator[TextHit]:
    """A reflection that would fit any story ("communication is important", "I learned a
    lot", "teamwork makes the dream work", "things got better") tells the interviewer
    nothing. Name what this problem taught you: a technique, a cause, what you would do
    differently next time.
    """
    generic_lessons = kb.generic_reflection_pattern()
    if not generic_lessons.search(plain(text).lower()):
        return
    for number, span in enumerate(sentences(text), 1):
        generic = found(generic_lessons, plain(span.text))
        if generic:
            yield TextHit(span.start, f"{label} sentence {number} is a generic lesson "
                                      f"({listing(generic)}): say what this problem taught you "
                                      f"(a technique, a cause, what you would do differently): "
                                      f"{quote(span.text)}")


@text_rule(
    "REF002", "senior-reflection-without-systemic-cause", Severity.WARNING,
    "a senior reflection that names no systemic or organisational cause",
    fields=senior_reflections, sections=("reflection",),
    passing=["The root cause was the lack of shared SLOs across teams."],
    failing=["I learned to reproduce network failures locally."],
)
def ref002(text: str, label: str) -> Iterator[TextHit]:
    """At Senior SDE and above the interviewer listens for the cause behind the bug: a
    missing mechanism, process, SLO or ownership boundary across teams. A senior reflection
    (`reflections.senior`, and the reflection of a Senior or Principal level variant) should
    name one.
    """
    if not _SYSTEMIC.search(plain(text).lower()):
        yield TextHit(None, f"{label} names no systemic or organisational cause: say what in "
                            "how teams work let this happen (a missing SLO, process, mechanism "
                            "or ownership across teams)")


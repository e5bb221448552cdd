"""Principle variants (the other principles the notes support best) and level variants."""

from __future__ import annotations

from typing import Any

from storygen.drafting.extract.facts import Facts, Sentence
from storygen.story import kb
from storygen.story.principles import PRINCIPLES, Level

FALLBACK_PRINCIPLES = ("Ownership", "Dive Deep", "Deliver Results", "Customer Obsession",
                       "Earn Trust")
MAX_VARIANTS = 3
MIN_VARIANTS = 2


def other_principles(facts: Facts) -> list[str]:
    """The two or three principles, other than the story's, whose cue words the notes hit most."""
    scored = sorted((p for p in facts.principle_scores if p != facts.principle),
                    key=lambda p: (-facts.principle_scores[p], PRINCIPLES.index(p)))
    chosen = scored[:MAX_VARIANTS]
    for name in FALLBACK_PRINCIPLES:
        if len(chosen) >= MIN_VARIANTS:
            break
        if name != facts.principle and name not in chosen:
            chosen.append(name)
    return chosen


def principle_variants(facts: Facts, slots: dict[str, str]) -> list[dict[str, Any]]:
    out = []
    for name in other_principles(facts):
        entry = kb.principles()[name]
        out.append({"principle": name, "angle": entry.angle.format(**slots),
                    "emphasize": entry.emphasize.format(**slots),
                    "downplay": entry.downplay.format(**slots)})
    return out


def reflection(facts: Facts, kind: str, limit: int = 2) -> str | None:
    """The notes' own reflection of one kind ("technical" or "systemic"), if any."""
    rows = [s for s in facts.section("reflection") if not s.minor and
            not kb.is_generic_reflection(s.text)]
    if kind == "systemic":
        picked = [s for s in rows if "systemic" in s.tags]
    else:
        picked = [s for s in rows if "systemic" not in s.tags and
                  ("technical" in s.tags or s.text.startswith("I learned"))]
        picked = picked or [s for s in rows if "systemic" not in s.tags]
    return _join(picked[:limit])


def _join(rows: list[Sentence]) -> str | None:
    return " ".join(s.text for s in rows) or None


def level_variants(facts: Facts) -> list[dict[str, Any]]:
    """Every level other than the story's: focus, bar and time from the knowledge base, the
    reflection from the notes."""
    missing = kb.sections().missing
    out = []
    for level in Level:
        if level.value == facts.level:
            continue
        entry = kb.levels()[level.value]
        if entry.reflection == "systemic":
            text = reflection(facts, "systemic") or missing.senior
        else:
            text = reflection(facts, "technical") or reflection(facts, "systemic") \
                or missing.reflection
        out.append({"level": level.value, "focus": entry.focus.strip(), "reflection": text,
                    "bar": entry.bar.strip(),
                    "time_limit_seconds": entry.time_limit.model_dump()})
    return out

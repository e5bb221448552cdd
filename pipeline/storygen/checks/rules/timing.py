"""Timing rules (TIM*): each section fits its speaking budget, and the story fits its level."""

from __future__ import annotations

import math
from collections.abc import Iterator

from storygen.checks.rules.base import SECTION_LABELS, Context, Hit, get, story_rule
from storygen.core.findings import Severity
from storygen.core.text import word_count
from storygen.story.levels import level_time_limit

TOLERANCE = 0.2
MAX_BUDGET_SECONDS = 10**9


def _seconds(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def _words(count: int) -> str:
    return f"{count} word" + ("" if count == 1 else "s")


def _long_text(words: int) -> str:
    return " ".join(["word"] * words) + "."


@story_rule(
    "TIM001", "over-speaking-budget", Severity.ERROR,
    "a section's strong example longer than its target_seconds allows at the speaking rate",
    passing=[{"sections": {"task": {"target_seconds": 20, "strong_example": _long_text(60)}}}],
    failing=[{"sections": {"task": {"target_seconds": 20, "strong_example": _long_text(61)}}}],
)
def tim001(ctx: Context) -> Iterator[Hit]:
    """Each section has a speaking budget, `target_seconds` ("Target: 30s"). At the speaking
    rate (150 words a minute unless `speaking_rate_wpm` says otherwise) that budget allows
    target_seconds x rate / 60 words; a strong example more than 20% over it runs long
    when spoken. Cut it, or raise the target if the whole story still fits its level.
    """
    rate = ctx.rate_wpm
    for name, label in SECTION_LABELS.items():
        seconds = _seconds(get(ctx.data, "sections", name, "target_seconds"))
        text = get(ctx.data, "sections", name, "strong_example")
        if seconds is None or not isinstance(text, str):
            continue
        # a budget of 30 years allows more words than any file holds; the cap keeps
        # float maths from overflowing on an absurd target such as 10**400
        allowed = min(seconds, MAX_BUDGET_SECONDS) * rate / 60
        limit = math.floor(allowed * (1 + TOLERANCE) + 1e-9)
        count = word_count(text)
        if count > limit:
            yield Hit(f"/sections/{name}/strong_example",
                      f"{label} is {count} words; at {rate:g} words a minute its {seconds} s "
                      f"budget allows {math.floor(allowed + 1e-9)} ({limit} with the "
                      f"{TOLERANCE:.0%} tolerance): cut {_words(count - limit)}")


@story_rule(
    "TIM002", "over-level-time-limit", Severity.WARNING,
    "the five sections' targets add up to more than the story level's time limit",
    passing=[{"level": "SDE2", "sections": {"situation": {"target_seconds": 30},
                                            "task": {"target_seconds": 20},
                                            "action": {"target_seconds": 90},
                                            "result": {"target_seconds": 20},
                                            "reflection": {"target_seconds": 15}}}],
    failing=[{"level": "SDE1", "sections": {"situation": {"target_seconds": 30},
                                            "task": {"target_seconds": 20},
                                            "action": {"target_seconds": 90},
                                            "result": {"target_seconds": 20},
                                            "reflection": {"target_seconds": 15}}}],
)
def tim002(ctx: Context) -> Iterator[Hit]:
    """An interviewer expects a whole story to take about two minutes at SDE1, two to
    three at SDE2, two and a half to three at Senior SDE. When the five sections' `target_seconds` add up
    to more than the level's limit, the story cannot be told in time however well each
    section keeps to its own target: lower the targets (usually Situation and Action).
    """
    level = get(ctx.data, "level")
    try:
        low, high = level_time_limit(str(level))
    except KeyError:
        return
    targets = [_seconds(get(ctx.data, "sections", name, "target_seconds"))
               for name in SECTION_LABELS]
    total = sum(t for t in targets if t is not None)
    if total > high:
        yield Hit("/sections", f"the five section targets add up to {total} s, over the {high} s "
                               f"limit for {level} ({low}-{high} s): cut {total - high} s")


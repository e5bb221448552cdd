"""Every rule and the notes reader take time in proportion to the text, not its square:
long digit runs, long words and long punctuation runs are handled at a bounded cost per
kilobyte (a digit run once made QNT002 try a pattern from every digit)."""

from __future__ import annotations

import copy
import string
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storygen.checks.rules.engine import check_story
from storygen.drafting.extract.facts import extract_facts
from storygen.story.loader import Source, load_story_source
from storygen.story.notes import parse_notes
from tests.conftest import REFERENCE

SECONDS_PER_50_KB = 4.0
"""Generous for slow machines: the quadratic cases took 60 s and more for 50 KB."""
STORY = load_story_source(REFERENCE).data

UNITS = ["1", "a", "1.", "1,", "1%", "1x", "1 ", "a.", "I ", "we ", "by ", "from ", "$1"]
UNITS += list(string.punctuation)


def _bound(text: str) -> float:
    return SECONDS_PER_50_KB * max(1.0, len(text) / 50_000)


@st.composite
def long_runs(draw: st.DrawFn) -> str:
    unit = draw(st.sampled_from(UNITS))
    size = draw(st.integers(20_000, 50_000))
    return "I " + unit * (size // len(unit))


SLOW = settings(max_examples=12, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@SLOW
@given(payload=long_runs())
def test_every_rule_is_linear_in_the_strong_examples(payload: str) -> None:
    data = copy.deepcopy(STORY)
    for section in data["sections"].values():
        section["strong_example"] = payload
    started = time.perf_counter()
    check_story(Source("hostile.story.yaml", "", data, {}), notes_text="- I cut it from 5 to 2\n")
    elapsed = time.perf_counter() - started
    assert elapsed < _bound(payload) * len(data["sections"]), (payload[:12], elapsed)


@SLOW
@given(payload=long_runs())
def test_the_notes_reader_is_linear(payload: str) -> None:
    text = f"# Title\n## Situation\n- {payload}\n"
    started = time.perf_counter()
    extract_facts(parse_notes(text))
    elapsed = time.perf_counter() - started
    assert elapsed < _bound(text), (payload[:12], elapsed)


def test_a_long_digit_run_in_a_result_is_checked_quickly() -> None:
    """The case that was quadratic: 40 KB of digits took over 30 s in QNT002."""
    data = copy.deepcopy(STORY)
    data["sections"]["result"]["strong_example"] = "It fell to " + "1" * 40_000
    started = time.perf_counter()
    findings, _ = check_story(Source("x.story.yaml", "", data, {}))
    assert time.perf_counter() - started < SECONDS_PER_50_KB
    assert "QNT002" in {f.code for f in findings}

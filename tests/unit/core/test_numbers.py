"""The one number grammar: what a figure means (value and unit), read the same way by the
fact sheet, the drafters and GRD001, in linear time."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storygen.checks.rules.base import numbers
from storygen.checks.rules.grounding import notes_figures
from storygen.checks.validate import check_data
from storygen.core.figures import find_deltas
from storygen.core.numbers import find_figures, keys_of, parse_figure, supports
from storygen.drafting.compose.offline import draft_offline
from storygen.drafting.extract.facts import extract_facts
from storygen.drafting.extract.factsheet import fact_sheet
from storygen.story.notes import parse_notes, read_notes

from ...conftest import ROOT
from ..checks.rules_support import reference


def read(text: str) -> list[tuple[float, str, float | None]]:
    return [(f.value, f.unit, f.high) for f in find_figures(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("from 0.3% to zero", [(0.3, "percent", None)]),
    ("$8K", [(8000.0, "money", None)]),
    ("$8,000 or 8000 dollars or 8 thousand dollars or USD 8,000",
     [(8000.0, "money", None)] * 4),
    ("eight thousand dollars", [(8000.0, "money", None)]),
    ("two million dollars and $2M and $2m", [(2e6, "money", None)] * 3),
    ("$1.2bn, 2.5M users", [(1.2e9, "money", None), (2.5e6, "count", None)]),
    ("850ms -> 210ms", [(0.85, "duration", None), (0.21, "duration", None)]),
    ("2 min, 120s, 5 min, 3 hours, 2 weeks, ten days, a 5-minute wait",
     [(120.0, "duration", None), (120.0, "duration", None), (300.0, "duration", None),
      (10800.0, "duration", None), (1209600.0, "duration", None),
      (864000.0, "duration", None), (300.0, "duration", None)]),
    ("40 percent, 40 per cent, ~40%", [(40.0, "percent", None)] * 3),
    ("3pp and 3 percentage points", [(3.0, "pp", None)] * 2),
    ("4x, 3 times faster, doubled, tripled, halved",
     [(4.0, "multiplier", None), (3.0, "multiplier", None), (2.0, "multiplier", None),
      (3.0, "multiplier", None), (0.5, "multiplier", None)]),
    ("$8-10K a week", [(8000.0, "money", 10000.0)]),
    ("5-10% fewer", [(5.0, "percent", 10.0)]),
    ("2-3x faster", [(2.0, "multiplier", 3.0)]),
    ("2–3 days", [(172800.0, "duration", 259200.0)]),
    ("at 05:00 and 9:12", [(300.0, "clock", None), (552.0, "clock", None)]),
    ("on 2024-03-15", [(20240315.0, "date", None)]),
    ("10 GB of logs and 200 rps", [(1e10, "bytes", None), (200.0, "rate", None)]),
    ("a dozen engineers, three hundred users, twenty-five teams",
     [(12.0, "count", None), (300.0, "count", None), (25.0, "count", None)]),
    ("1,234,567.89 rows", [(1_234_567.89, "count", None)]),
    ("one week, zero percent", [(604800.0, "duration", None), (0.0, "percent", None)]),
    ("It ended.", []),
])
def test_figures_read_value_and_unit(text: str, expected: list) -> None:
    assert read(text) == expected


@pytest.mark.parametrize("text", [
    "As an SDE2 I moved S3 data to EC2 at L6 over IPv4.", "version v1.2.3 on 1.1.1.1",
    "COVID-19 and 2FA", "the 3rd time, with 4xx errors", "p99 and the 99th percentile",
    "no one, one of us, zero in on it", "an N+1 query, 24/7, 1:1s", "hundreds of alerts",
])
def test_identifiers_ordinals_and_idioms_are_not_figures(text: str) -> None:
    assert find_figures(text) == []


def test_figure_text_span_and_approximation() -> None:
    text = "It saved ~$8K/week (about 40 percent)."
    first, second = find_figures(text)
    assert (first.text, first.per, first.approx) == ("$8K/week", "week", True)
    assert text[second.span[0]:second.span[1]] == second.text == "40 percent"
    assert second.approx


def held(notes: str, story: str) -> bool:
    keys = notes_figures(notes, "notes").keys
    (figure,) = find_figures(story)
    return supports(keys, figure)


@pytest.mark.parametrize(("notes", "story"), [
    ("$8,000", "$8K"), ("8000 dollars", "$8K"), ("eight thousand dollars", "$8K"),
    ("$8K/week", "8 thousand dollars"), ("$2M", "two million dollars"), ("2 min", "120s"),
    ("2x", "doubled"), ("throughput 400 rps -> 800 rps", "doubled"), ("3 engineers", "three"),
    ("$8-10K", "$8K"), ("$8-10K", "$10,000"), ("$8-10K", "$8K-$10K"), ("~40%", "40 percent"),
    ("at 05:00", "05:00"), ("2-3x", "3x"), ("a dozen pages", "12 pages"),
])
def test_a_figure_is_held_by_the_same_value_in_the_same_unit(notes: str, story: str) -> None:
    assert held(notes, story)


@pytest.mark.parametrize(("notes", "story"), [
    ("errors on 40 hosts", "40%"), ("4% faster", "4x"), ("2 hosts", "two million dollars"),
    ("$8K", "€8K"), ("$8K", "$9,000"), ("3pp", "3%"), ("2 min", "2s"), ("5 hours", "05:00"),
    ("2 days", "2x"), ("$8K", "$8-12K"),
])
def test_a_different_unit_or_value_is_a_different_figure(notes: str, story: str) -> None:
    assert not held(notes, story)


FIGURISH = st.sampled_from([
    "$8-10K", "COVID-19", "p99", "05:00", "2-3x", "~40%", "$8K/week", "8000 dollars", "3x",
    "two million dollars", "a dozen", "doubled", "850ms", "2 min", "120s", "5-10%", "3pp",
    "10 GB", "200 rps", "SDE2", "2024-03-15", "ten days", "1.1.1.1", "N+1", "40 hosts",
    "0.3%", "$$", "1,000", "4xx", "v1.2.3", "half", "->", "from", "to", "-", "/", "~",
    "twenty-five", "hundred", "2FA", "12:30pm", "percent", "K", ".", ",", "one", "week",
    "zero", "N+1",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(FIGURISH, min_size=1, max_size=12),
       st.lists(st.sampled_from([" ", " ", "", "\n- ", ", "]), min_size=12, max_size=12))
def test_every_figure_the_notes_and_fact_sheet_list_passes_grd001(tokens: list[str],
                                                                  gaps: list[str]) -> None:
    text = "- I wrote down the numbers " + "".join(t + g for t, g in zip(tokens, gaps, strict=False))
    keys = notes_figures(text, "notes").keys
    for figure in find_figures(text):
        assert text[figure.span[0]:figure.span[1]] == figure.text
        assert supports(keys, figure), figure
    facts = extract_facts(parse_notes(text))
    listed = [f.text for f in facts.figures]
    story = {"sections": {"result": {"strong_example": " and ".join(listed) or "No figures."}}}
    findings = check_data(story, notes_text=text)
    assert [f.message for f in findings if f.code == "GRD001"] == []
    assert "Figures (the only numbers a story may use)" in fact_sheet(facts)


@pytest.mark.parametrize(("text", "meaning"), [
    ("$8-10K", [("money", "$", 8000.0, 10000.0)]),
    ("COVID-19", []),
    ("p99", []),
    ("05:00", [("clock", "", 300.0, 300.0)]),
    ("2-3x", [("multiplier", "", 2.0, 3.0)]),
    ("~40%", [("percent", "", 40.0, 40.0)]),
])
def test_fact_sheet_and_grd001_read_a_figure_the_same_way(text: str, meaning: list) -> None:
    facts = extract_facts(parse_notes(f"## Result\n- the cost was {text} per run\n"))
    assert [f.key for f in facts.figures] == meaning
    assert [f.key for f in numbers(f"the cost was {text} per run")] == meaning


def test_doubled_is_held_by_a_before_after_pair_that_doubles() -> None:
    (delta,) = find_deltas("throughput from 400 rps to 800 rps")
    assert delta.ratio == 2.0
    assert held("throughput from 400 rps to 800 rps", "doubled")
    assert not held("throughput from 400 rps to 700 rps", "doubled")


def test_parse_figure_reads_the_first_figure() -> None:
    figure = parse_figure("about $8K/week, then 3x")
    assert figure is not None and (figure.value, figure.unit, figure.currency) == (
        8000.0, "money", "$")
    assert parse_figure("SDE2 and p99") is None


# --- clean stories: figures in words on one side, digits on the other -------------------------

NOTES_TEXT = (ROOT / "raw_notes" / "webhook-dlq.md").read_text(encoding="utf-8")
WORDS_IN_NOTES = (NOTES_TEXT.replace("~$8K/week recovered (approx $8,000 weekly revenue)",
                                     "about eight thousand dollars a week recovered (approx 8 "
                                     "thousand dollars weekly revenue)")
                  .replace("0.3%", "0.3 percent"))


def words_in_story() -> dict:
    data = reference()
    for key in ("summary", "analysis"):
        text = data["overview"][key]
        data["overview"][key] = (text.replace("$8K", "eight thousand dollars")
                                 .replace("$8,000", "8 thousand dollars")
                                 .replace("0.3%", "0.3 percent"))
    data["overview"]["analysis"] += " The fix took two weeks of work, a 2-week effort."
    return data


@pytest.mark.parametrize(("story", "notes"), [
    (reference(), WORDS_IN_NOTES),
    (words_in_story(), NOTES_TEXT + "\n- the fix took 14 days\n"),
    (words_in_story(), WORDS_IN_NOTES + "\n- the fix took 2 weeks\n"),
])
def test_figures_in_words_and_units_on_either_side_give_no_grd001(story: dict,
                                                                  notes: str) -> None:
    assert "$8K" not in notes or "eight thousand dollars" in str(story["overview"])
    findings = check_data(story, notes_text=notes)
    assert [f.message for f in findings if f.code == "GRD001"] == []


def test_a_story_in_words_still_fails_on_a_figure_the_notes_lack() -> None:
    data = words_in_story()
    data["overview"]["analysis"] += " It saved nine thousand dollars."
    findings = check_data(data, notes_text=NOTES_TEXT + "\n- the fix took 2 weeks\n")
    assert [f.message.split(" in ")[0] for f in findings if f.code == "GRD001"] == [
        "figure 'nine thousand dollars'"]


def test_every_generated_story_validates_with_no_grd001(cli) -> None:
    result = cli("validate", *sorted((ROOT / "generated").glob("*.story.yaml")))
    assert result.exit_code == 1, result.output
    assert "GRD001" not in result.output
    assert "GRD001 skipped" not in result.output


@pytest.mark.parametrize("path", sorted((ROOT / "raw_notes").glob("*.md")), ids=lambda p: p.stem)
def test_the_offline_drafter_drafts_every_example_with_no_grd001(path: Path) -> None:
    notes = read_notes(path)
    facts = extract_facts(notes)
    data = draft_offline(notes, facts)
    assert [f.message for f in check_data(data, notes_text=notes.text)
            if f.code == "GRD001"] == []
    keys = keys_of(find_figures(notes.text))
    assert all(supports(keys, figure) for figure in facts.figures)


# --- linear time on hostile input -----------------------------------------------------------

def _seconds(text: str) -> float:
    """The best of three runs of every figure reader on ``text`` (the machine may be busy)."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        find_figures(text)
        find_deltas(text)
        numbers.cache_clear()
        numbers(text)
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("unit", ["9", "1.", "$", "a", "-", "1,", "$1-", "1:", "x9", "one-"])
def test_hostile_input_is_read_in_linear_time(unit: str) -> None:
    small = _seconds(unit * (50_000 // len(unit)))
    large = _seconds(unit * (200_000 // len(unit)))  # 200 KB: 4x the text, 4x the time
    assert large < 2.0, large
    assert large < max(8 * small, 0.5), (small, large)  # a quadratic scan would be 16x


def test_many_figures_cost_the_same_each() -> None:
    small = _seconds("1 " * 10_000)
    large = _seconds("1 " * 40_000)
    assert large < max(8 * small, 0.5), (small, large)  # linear is 4x; quadratic is 16x

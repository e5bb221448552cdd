"""The offline drafter on notes written for the tests: complete, valid, grounded, deterministic."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from storygen.checks.rules.grounding import claim_fields
from storygen.checks.validate import check_data
from storygen.core.numbers import find_figures, keys_of, supports
from storygen.core.text import fold
from storygen.drafting.compose.offline import draft_offline
from storygen.drafting.extract.facts import extract_facts
from storygen.story.canonical import dump
from storygen.story.model import SECTION_NAMES, Story
from storygen.story.notes import read_notes
from storygen.story.principles import Level

from ...conftest import ROOT

NOTES = ROOT / "tests" / "fixtures" / "notes"
ALL_NOTES = sorted(NOTES.glob("*.md"))


def draft(path: Path) -> tuple[Any, dict[str, Any]]:
    notes = read_notes(path)
    return notes, draft_offline(notes, extract_facts(notes))


@pytest.mark.parametrize("path", ALL_NOTES, ids=lambda p: p.stem)
def test_every_note_drafts_to_a_complete_schema_valid_story(path: Path) -> None:
    notes, data = draft(path)
    story = Story.model_validate(data)
    assert list(data["sections"]) == list(SECTION_NAMES)
    assert len(story.probes) >= 2 and len(story.quizzes) >= 2
    assert story.principle_variants and story.level_variants
    assert not [f for f in check_data(data, notes_text=notes.text) if f.code == "SCH001"]


@pytest.mark.parametrize("path", ALL_NOTES, ids=lambda p: p.stem)
def test_no_figure_appears_that_the_notes_lack(path: Path) -> None:
    notes, data = draft(path)
    known = keys_of(find_figures(notes.text))
    for pointer, _, text in claim_fields(data):
        for figure in find_figures(text or ""):
            assert supports(known, figure), f"{figure.text} at {pointer}"
    assert not [f for f in check_data(data, notes_text=notes.text) if f.code == "GRD001"]


@pytest.mark.parametrize("path", ALL_NOTES, ids=lambda p: p.stem)
def test_no_we_sentence_appears_in_the_action(path: Path) -> None:
    _, data = draft(path)
    action = data["sections"]["action"]["strong_example"].lower()
    for word in (" we ", " our ", " us ", "the team and i"):
        assert word not in f" {action} "


def test_we_sentences_stay_out_of_the_action_even_when_they_are_the_actions() -> None:
    _, data = draft(NOTES / "we-heavy.md")
    assert data["sections"]["action"]["strong_example"] == \
        "I wrote the retry wrapper around the upload step."
    assert "We ran the nightly billing export" in data["sections"]["situation"]["strong_example"]


def test_the_injection_line_never_reaches_the_story() -> None:
    _, data = draft(NOTES / "injection.md")
    text = dump(data)
    for word in ("5,000,000", "promoted", "ignore", "SYSTEM PROMPT", "praises"):
        assert word.lower() not in text.lower()
    assert "request coalescing" in data["sections"]["action"]["strong_example"]


def test_the_one_line_note_still_gives_a_valid_story() -> None:
    _, data = draft(NOTES / "one-line.md")
    Story.model_validate(data)
    assert data["sections"]["action"]["strong_example"] == "I moved the billing cron to a queue."
    assert data["sections"]["result"]["strong_example"] == \
        "Failed runs went from 40 to 2 a month."
    assert data["sections"]["situation"]["strong_example"].startswith("[To fill in")


def test_key_phrases_of_star_sections_are_said_verbatim() -> None:
    for path in ALL_NOTES:
        _, data = draft(path)
        for name in ("situation", "task", "action", "result"):
            section = data["sections"][name]
            for phrase in section["key_phrases"]:
                assert fold(phrase) in fold(section["strong_example"]), (path.name, phrase)


def test_the_weak_answer_degrades_this_story_and_the_rules_critique_it() -> None:
    _, data = draft(ROOT / "raw_notes" / "webhook-dlq.md")
    weak = data["weak_answer"]
    assert weak["text"].startswith("We noticed payment webhooks dropping some deliveries")
    assert "I escalated it to the Platform team" in weak["text"]
    assert not find_figures(weak["text"])
    assert any('"we"' in line for line in weak["critique"])
    assert any("escalated" in line for line in weak["critique"])


def test_quizzes_use_story_phrases_with_weak_answer_distractors() -> None:
    _, data = draft(ROOT / "raw_notes" / "webhook-dlq.md")
    first = data["quizzes"][0]
    correct = first["options"][first["answer"]]
    assert correct.startswith("I ") and correct.rstrip(".") in \
        data["sections"]["action"]["strong_example"]
    weak_lines = data["weak_answer"]["text"]
    assert any(option in weak_lines for option in first["options"] if option != correct)
    for quiz in data["quizzes"]:
        assert 0 <= quiz["answer"] < len(quiz["options"])


def test_probes_are_filled_with_this_storys_facts() -> None:
    _, data = draft(ROOT / "raw_notes" / "webhook-dlq.md")
    questions = [p["question"] for p in data["probes"]]
    assert "How did you get the Platform team to accept your change without direct authority?" \
        in questions
    assert any("dead letter queue alert" in q for q in questions)
    influence = data["probes"][questions.index(
        "How did you get the Platform team to accept your change without direct authority?")]
    assert "I followed up" in influence["strong"]["answer"]


def test_variants_cover_other_principles_and_every_other_level() -> None:
    _, data = draft(ROOT / "raw_notes" / "webhook-dlq.md")
    names = [v["principle"] for v in data["principle_variants"]]
    assert data["principle"] not in names and 2 <= len(names) <= 3
    assert len(set(names)) == len(names)
    levels = [v["level"] for v in data["level_variants"]]
    assert levels == [lvl.value for lvl in Level if lvl.value != data["level"]]


def test_the_same_notes_give_the_same_bytes() -> None:
    for path in ALL_NOTES:
        assert dump(draft(path)[1]) == dump(draft(path)[1])


def test_the_reference_notes_draft_clean() -> None:
    notes, data = draft(ROOT / "raw_notes" / "webhook-dlq.md")
    assert check_data(data, notes_text=notes.text) == []

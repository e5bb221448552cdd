"""The truth check over a whole story, and the draft command's promise never to write a truth
error: GRD001 in every prose field, GRD004 for names, the invariant with a scripted model."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from storygen.checks.validate import check_data
from storygen.drafting import run as draft_run
from storygen.drafting.compose.offline import draft_offline
from storygen.drafting.extract.facts import extract_facts
from storygen.drafting.gaps import gap_questions
from storygen.drafting.llm import drafter
from storygen.story.notes import parse_notes, read_notes
from tests.fakes.chat_model import FakeChatModel, replies_from_story

from ...conftest import ROOT

NOTES = ROOT / "raw_notes" / "webhook-dlq.md"


def offline_story() -> dict[str, Any]:
    notes = read_notes(NOTES)
    return draft_offline(notes, extract_facts(notes))


def codes_at(data: dict[str, Any], notes_text: str, code: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for finding in check_data(data, notes_text=notes_text):
        if finding.code == code:
            found.setdefault(finding.pointer, []).append(finding.message)
    return found


# --- GRD001 over every prose field ---------------------------------------------------------

EDITS: dict[str, tuple[str, Callable[[dict[str, Any]], None]]] = {
    "takeaway": ("/overview/takeaways/0",
                 lambda d: d["overview"]["takeaways"].__setitem__(0, "It saved $2M a year.")),
    "coaching": ("/sections/result/coaching",
                 lambda d: d["sections"]["result"].__setitem__(
                     "coaching", "Mention the $2M saving first.")),
    "probe question": ("/probes/0/question",
                       lambda d: d["probes"][0].__setitem__(
                           "question", "How did you find the 12 failing hosts?")),
    "weak why": ("/probes/0/weak/why",
                 lambda d: d["probes"][0]["weak"].__setitem__(
                     "why", "It skips the 40% error rate.")),
    "critique": ("/weak_answer/critique/0",
                 lambda d: d["weak_answer"]["critique"].__setitem__(
                     0, "It never says the team lost $3M.")),
    "verdict": ("/weak_answer/bar_raiser",
                lambda d: d["weak_answer"].__setitem__(
                    "bar_raiser", "No Hire: it hides the 7 outages.")),
    "quiz option": ("/quizzes/0/options/1",
                    lambda d: d["quizzes"][0]["options"].__setitem__(
                        1, "I cut latency by 250ms.")),
    "principle variant angle": ("/principle_variants/0/angle",
                                lambda d: d["principle_variants"][0].__setitem__(
                                    "angle", "Show how you saved 30 engineer-hours a week.")),
    "level variant reflection": ("/level_variants/0/reflection",
                                 lambda d: d["level_variants"][0].__setitem__(
                                     "reflection", "I learned that 9 of 10 drops were timeouts.")),
}


@pytest.mark.parametrize("name", sorted(EDITS))
def test_an_invention_in_a_formerly_unchecked_field_is_a_grd001(name: str) -> None:
    pointer, edit = EDITS[name]
    story = offline_story()
    notes = NOTES.read_text("utf-8")
    assert codes_at(story, notes, "GRD001") == {}
    edit(story)
    assert list(codes_at(story, notes, "GRD001")) == [pointer]


def test_the_offline_drafts_and_checked_in_stories_have_no_truth_or_name_finding() -> None:
    for path in sorted((ROOT / "raw_notes").glob("*.md")):
        notes = read_notes(path)
        story = draft_offline(notes, extract_facts(notes))
        found = [f for f in check_data(story, notes_text=notes.text)
                 if f.code in ("GRD001", "GRD004")]
        assert found == [], path.name
    for path in sorted((ROOT / "generated").glob("*.story.yaml")):
        story = yaml.safe_load(path.read_text("utf-8"))
        notes_text = (ROOT / story["provenance"]["notes"]).read_text("utf-8") \
            if (ROOT / story["provenance"]["notes"]).is_file() else None
        if notes_text is None:
            continue
        found = [f for f in check_data(story, notes_text=notes_text)
                 if f.code in ("GRD001", "GRD004")]
        assert found == [], path.name


def result_says(text: str, notes: str) -> list[str]:
    """The GRD001 messages for a Result that says ``text``, checked against ``notes``."""
    story = offline_story()
    story["sections"]["result"]["strong_example"] = text
    return codes_at(story, notes, "GRD001").get("/sections/result/strong_example", [])


def test_number_words_match_by_value_and_unit() -> None:
    assert result_says("It saved two million dollars.", "- saved $2M") == []
    flagged = result_says("It saved two million dollars.", "- 2 hosts retired")
    assert any("'two million dollars'" in m for m in flagged), flagged


def test_a_percent_is_not_held_by_a_count_of_the_same_value() -> None:
    flagged = result_says("Errors fell by 40%.", "- errors on 40 hosts")
    assert any("'40%'" in m for m in flagged), flagged


def test_figures_written_in_words_in_a_clean_story_give_no_finding() -> None:
    notes = "- took ten days\n- two teams adopted it\n- saved $2M"
    assert result_says("It took 10 days. Two teams adopted it. It saved two million dollars.",
                       notes) == []


# --- GRD004 ----------------------------------------------------------------------------------

def test_a_name_the_notes_never_mention_is_a_grd004_warning() -> None:
    story = offline_story()
    story["sections"]["action"]["strong_example"] += " I moved the queue to Kubernetes."
    story["overview"]["analysis"] += " Then Priya from the Ledger team signed off."
    notes = NOTES.read_text("utf-8")
    found = [f for f in check_data(story, notes_text=notes) if f.code == "GRD004"]
    named = {f.message.split("'")[1] for f in found}
    assert named == {"Kubernetes", "Priya", "Ledger"}
    assert all(f.severity == "warning" for f in found)
    assert codes_at(story, notes + "\n- kubernetes, priya, ledger team", "GRD004") == {}


def test_grd004_is_skipped_without_notes() -> None:
    story = offline_story()
    story["sections"]["action"]["strong_example"] += " I moved the queue to Kubernetes."
    story.pop("provenance", None)
    assert [f for f in check_data(story) if f.code == "GRD004"] == []


# --- the draft command's invariant, with a scripted model ------------------------------------

@pytest.fixture()
def fake(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> FakeChatModel:
    model = FakeChatModel(defaults=replies_from_story(offline_story()))

    def build(options: Any, cache: Any = None) -> FakeChatModel:
        model.cache = cache if cache is not None else False
        return model

    monkeypatch.setattr(drafter, "build_chat_model", build)
    monkeypatch.setenv("STORYGEN_CACHE_DIR", str(tmp_path / "cache"))
    return model


def invented_core() -> dict[str, Any]:
    core = copy.deepcopy(replies_from_story(offline_story())["core"])
    core["sections"]["result"]["strong_example"] = (
        "The drop rate went from 0.3% to zero. It also saved $2M a year.")
    return core


def copying_probes() -> dict[str, Any]:
    probes = copy.deepcopy(replies_from_story(offline_story())["probes"])
    probes["probes"][0]["strong"]["answer"] += " It saved $2M a year."
    return probes


def draft(cli: Any, tmp_path: Path) -> tuple[Any, dict[str, Any]]:
    result = cli("draft", NOTES, "-o", tmp_path / "out", "--model", "openai:fake",
                 "--report", "json")
    story = yaml.safe_load(next((tmp_path / "out").glob("*.story.yaml")).read_text("utf-8"))
    return result, story


def test_an_invented_core_figure_that_later_groups_copy_is_not_written(cli, fake,
                                                                      tmp_path) -> None:
    fake.queue("core", invented_core())
    fake.queue("probes", copying_probes())
    result, story = draft(cli, tmp_path)
    assert "$2M" not in json.dumps(story)
    written = next((tmp_path / "out").glob("*.story.yaml"))
    check = cli("validate", written)
    assert "GRD001" not in check.output
    assert result.exit_code in (0, 1), result.stderr


def test_a_model_that_never_fixes_its_invention_is_cut_and_exits_1(cli, fake, tmp_path) -> None:
    fake.queue("core", *[invented_core()] * 6)
    result, story = draft(cli, tmp_path)
    assert result.exit_code == 1
    assert "$2M" not in json.dumps(story)
    assert story["sections"]["result"]["strong_example"] == "The drop rate went from 0.3% to zero."
    assert story["provenance"]["removed"] == ["/sections/result/strong_example"]
    report = json.loads(result.stdout)[0]
    assert report["removed"] == ["/sections/result/strong_example"]
    assert ("removed from /sections/result/strong_example: a figure the notes do not hold "
            "('$2M')") in report["messages"]
    check = cli("validate", next((tmp_path / "out").glob("*.story.yaml")))
    assert "GRD001" not in check.output


def test_a_field_left_empty_takes_the_offline_draft_text(cli, fake, tmp_path) -> None:
    core = invented_core()
    core["sections"]["result"]["strong_example"] = "It saved $2M a year."
    fake.queue("core", *[core] * 6)
    result, story = draft(cli, tmp_path)
    assert result.exit_code == 1
    assert story["sections"]["result"]["strong_example"] == \
        offline_story()["sections"]["result"]["strong_example"]
    assert any("offline draft's text" in m for m in json.loads(result.stdout)[0]["messages"])


def test_an_offline_draft_never_needs_a_removal(cli, tmp_path) -> None:
    result = cli("draft", NOTES, "-o", tmp_path / "out", "--report", "json")
    story = yaml.safe_load(next((tmp_path / "out").glob("*.story.yaml")).read_text("utf-8"))
    assert "removed" not in story["provenance"]
    assert json.loads(result.stdout)[0]["removed"] == []


# --- gap questions come from the notes --------------------------------------------------------

def test_gap_questions_never_say_zero_sentences() -> None:
    notes = parse_notes("## What I did\n- I fixed the retry loop\n", "n.md")
    facts = extract_facts(notes)
    story = draft_offline(notes, facts)
    story["sections"]["action"]["strong_example"] = "We fixed it together."
    questions = [g.question for g in gap_questions(facts, check_data(story))]
    assert not any("0 sentence" in q for q in questions)


def test_a_model_draft_asks_about_the_notes_not_about_the_model(cli, fake, tmp_path) -> None:
    core = copy.deepcopy(replies_from_story(offline_story())["core"])
    core["sections"]["action"]["strong_example"] = "We pulled the logs and we fixed it together."
    fake.queue("core", *[core] * 6)
    result = cli("draft", NOTES, "-o", tmp_path / "out", "--model", "openai:fake",
                 "--report", "json")
    offline = draft_run.draft_in_memory(NOTES, draft_run.DraftOptions(paths=[NOTES]))[1]
    expected = [g.question for g in gap_questions(extract_facts(read_notes(NOTES)), offline)]
    asked = [g["question"] for g in json.loads(result.stdout)[0]["gap_questions"]]
    assert asked == expected


def test_a_name_the_notes_never_mention_drives_a_repair_of_its_group(notes_path=NOTES) -> None:
    from storygen.drafting.llm.drafter import draft_with_model
    from storygen.drafting.llm.options import ModelOptions

    notes = read_notes(notes_path)
    offline = offline_story()
    core = copy.deepcopy(replies_from_story(offline)["core"])
    core["sections"]["action"]["strong_example"] += " I moved the queue to Kubernetes."
    fake = FakeChatModel(defaults=replies_from_story(offline))
    fake.queue("core", core)
    drafted = draft_with_model(notes, extract_facts(notes), offline,
                               ModelOptions(model="fake:story", cache=False), chat_model=fake)
    assert len(fake.calls_for("core")) == 2
    assert "GRD004" in fake.calls_for("core")[1].text
    assert "Kubernetes" not in json.dumps(drafted.data)


def test_a_field_with_no_clean_text_left_becomes_a_placeholder_without_digits() -> None:
    from storygen.drafting.truth import keep_truth

    story = offline_story()
    story["sections"]["result"]["key_phrases"][1] = "saved $2M"
    offline = copy.deepcopy(story)  # the offline text is no better: nothing clean to fall back on
    notes = NOTES.read_text("utf-8")
    cleaned, removals = keep_truth(story, offline,
                                   lambda data: check_data(data, notes_text=notes))
    assert [r.pointer for r in removals] == ["/sections/result/key_phrases/1"]
    phrase = cleaned["sections"]["result"]["key_phrases"][1]
    assert phrase == "[To fill in from your notes: the result key phrases.]"
    assert removals[0].message() == (
        "removed from /sections/result/key_phrases/1: a figure the notes do not hold ('$2M'); "
        "the field is now a placeholder to fill in from the notes")
    assert codes_at(cleaned, notes, "GRD001") == {}

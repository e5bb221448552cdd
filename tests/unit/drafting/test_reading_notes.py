"""Notes written the way engineers jot them: bare headings, date labels, chat pastes, terse
bullets, mixed "we" and "I", settings changes, lessons with "I'd", a principle or seniority named
in the body, and an injected role-prefixed line. Each test checks what a reader of the drafted
story would notice."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from storygen.checks.validate import check_data
from storygen.drafting.compose.offline import draft_offline
from storygen.drafting.extract.facts import Facts, extract_facts
from storygen.drafting.extract.phrasing import rewrite
from storygen.drafting.gaps import gap_questions
from storygen.story.model import Story
from storygen.story.notes import Notes, parse_notes, read_notes

from ...conftest import ROOT

REALISTIC = ROOT / "tests" / "fixtures" / "notes" / "realistic"
ALL = sorted(REALISTIC.glob("*.md"))


@cache
def drafted(name: str) -> tuple[Notes, Facts, dict[str, Any]]:
    notes = read_notes(REALISTIC / name)
    facts = extract_facts(notes)
    return notes, facts, draft_offline(notes, facts)


def card(name: str, section: str) -> str:
    return str(drafted(name)[2]["sections"][section]["strong_example"])


def strings(value: Any) -> list[str]:
    """Every string of the story, however deep."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def story_text(name: str) -> str:
    return "\n".join(strings(drafted(name)[2]))


def said_sentences(name: str) -> list[str]:
    """Every sentence the story says in its cards, overview, probes and reflections."""
    data = drafted(name)[2]
    parts = [c["strong_example"] for c in data["sections"].values()]
    parts += [data["overview"]["summary"], *data["reflections"].values()]
    parts += [p["strong"]["answer"] for p in data["probes"]]
    return [s for part in parts for s in re.split(r"(?<=[.!?])\s+", part) if s]


def test_there_are_at_least_twelve_realistic_notes() -> None:
    assert len(ALL) >= 12


# --- 1. structure ------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "heading"), [
    ("bare-headings.md", "Impact"), ("bare-headings.md", "Numbers"),
    ("bare-headings.md", "Lessons"), ("chat-paste.md", "What I'd change"),
    ("chat-paste.md", "outcome"), ("hiring.md", "Steps"), ("hiring.md", "Background"),
])
def test_bare_heading_lines_are_structure_not_content(name: str, heading: str) -> None:
    for sentence in said_sentences(name):
        assert not sentence.rstrip(".").lower().startswith(heading.lower() + " "), sentence
        assert sentence.rstrip(".").lower() != heading.lower()


@pytest.mark.parametrize(("name", "sentence", "section"), [
    ("bare-headings.md", "Rebuild time went from 9h to 2h.", "result"),
    ("bare-headings.md", "I should have measured the shard sizes before picking the split.",
     "reflection"),
    ("chat-paste.md", "I'd add an alert on the drop rate before touching the code.",
     "reflection"),
    ("hiring.md", "I wrote a shared rubric.", "action"),
])
def test_a_bare_heading_places_the_lines_under_it(name: str, sentence: str, section: str) -> None:
    assert sentence in card(name, section)


@pytest.mark.parametrize(("name", "title"), [
    ("bare-headings.md", "Search index rebuild"), ("hiring.md", "Hiring push"),
    ("chat-paste.md", "Payments webhook outage"),
])
def test_a_first_line_that_is_a_title_is_the_title(name: str, title: str) -> None:
    notes, _, data = drafted(name)
    assert notes.title == title and data["title"] == title
    assert title not in card(name, "situation")


@pytest.mark.parametrize("sentence", [
    "I split the migration into phases.", "I wrote the migration script.",
    "I cut over the last tenant with zero downtime.",
])
def test_date_labels_are_dropped_and_the_action_after_them_is_an_action(sentence: str) -> None:
    assert sentence in card("date-labels.md", "action")
    text = story_text("date-labels.md")
    for label in ("Week 1", "Week 2", "Mid-March", "Late March"):
        assert label not in text


def test_a_label_that_is_itself_an_action_keeps_its_verb() -> None:
    action = card("wrapped-prose.md", "action")
    assert "I shipped the fix." in action
    assert "I moved the export to a read replica." in action


def test_wrapped_prose_lines_are_joined_into_their_sentences() -> None:
    situation = card("wrapped-prose.md", "situation")
    assert ("Our nightly export job had been failing about once a week for months, and every "
            "failure meant a manual re-run the next morning.") in situation


def test_a_pasted_chat_log_is_told_not_pasted() -> None:
    """Clock times, speaker labels, the paste's heading and chatter never reach the story; the
    writer's own message is read as their note, another person's is quoted and attributed."""
    text = story_text("chat-paste.md")
    for raw in ("[09:12]", "09:14", "me:", "sam (manager):", "pasted from slack", "on it"):
        assert raw not in text
    assert 'Sam (manager) said: "can you take it? nobody owns the relay."' in \
        card("chat-paste.md", "task")
    assert "Seeing 502s from the webhook relay again." in card("chat-paste.md", "situation")
    _, facts, _ = drafted("chat-paste.md")
    assert [d.line for d in facts.dropped if "chat" in d.reason] == [9]  # "on it"


def test_clock_times_are_never_torn_into_their_digits() -> None:
    assert not re.search(r"\b0?9\b(?!:\d)|\b12\b", story_text("chat-paste.md"))
    notes = parse_notes("## Situation\nThe alarm fired at 09:12 and again at 14:30.\n"
                        "## What I did\n- I rolled back the deploy\n")
    data = draft_offline(notes, extract_facts(notes))
    assert "The alarm fired at 09:12 and again at 14:30." in \
        data["sections"]["situation"]["strong_example"]


# --- 2. sentences in the right card ------------------------------------------------------------

@pytest.mark.parametrize(("name", "sentence", "section", "not_in"), [
    ("settings-rollout.md", "I lowered batch size from 500 to 100.", "action", "result"),
    ("settings-rollout.md", "I ramped the new config 5% -> 50% -> 100%.", "action",
     "result"),
    ("terse-bullets.md", "I lowered batch size from 500 to 100.", "action", "result"),
    ("chat-paste.md", "I raised the pool size from 10 to 50.", "action", "result"),
    ("result-first.md", "I ramped 5% -> 50% -> 100% over a week.", "action", "result"),
    ("chat-paste.md", "The retry wrapper is now the default in the shared client.", "result",
     "situation"),
    ("lessons-id.md", "I'd pair a new engineer with each rewrite.", "reflection", "action"),
    ("lessons-id.md", "I now keep a list of stale alarms.", "reflection", "action"),
    ("terse-bullets.md", "I should have looked at GC sooner.", "reflection", "action"),
    ("lessons-id.md", "They adopted the runbook template for the payments team too.", "result",
     "action"),
])
def test_each_sentence_lands_in_the_card_a_person_would_put_it_in(
        name: str, sentence: str, section: str, not_in: str) -> None:
    assert sentence in card(name, section)
    assert sentence not in card(name, not_in)


@pytest.mark.parametrize(("line", "section"), [
    ("I increased the timeout 5s -> 30s", "action"), ("moved the cron 2am -> 4am", "action"),
    ("I reduced latency 850ms -> 210ms", "result"), ("build time 40min -> 12min", "result"),
])
def test_a_setting_changed_is_an_action_and_a_measured_change_is_a_result(line: str,
                                                                        section: str) -> None:
    (sentence,) = extract_facts(parse_notes(f"- {line}\n")).sentences
    assert sentence.section == section


def test_the_result_card_leads_with_the_outcome_even_when_the_notes_start_with_it() -> None:
    assert card("result-first.md", "result").startswith(
        "P99 checkout latency went from 1800ms to 450ms.")


def test_no_gap_question_asks_for_an_adoption_the_notes_give() -> None:
    notes, facts, data = drafted("lessons-id.md")
    topics = {g.topic for g in gap_questions(facts, check_data(data, notes_text=notes.text))}
    assert "no_second_order" not in topics


# --- 3. rewriting that keeps sentences whole ---------------------------------------------------

@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_rewritten_sentences_stay_grammatical_and_say_no_more(path: Path) -> None:
    notes, _, _ = drafted(path.name)
    for sentence in said_sentences(path.name):
        assert not re.search(r"\bI (?!SDE)[A-Z][a-z]", sentence), sentence
        assert not re.search(r"\b(?:the|a|an) (?:behind|between|via|within|during|across|"
                             r"into|onto|under|over|after|before)\b", sentence), sentence
        assert "every about" not in sentence.lower(), sentence
        if "leading to" not in notes.text:
            assert "leading to" not in sentence, sentence


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_no_card_opens_on_a_pronoun_whose_referent_is_missing(path: Path) -> None:
    data = drafted(path.name)[2]
    for name, section in data["sections"].items():
        first = section["strong_example"].split()[0]
        assert first not in ("It", "Those", "These", "He", "She", "Them"), (name, section)


@pytest.mark.parametrize(("fragment", "section", "sentence"), [
    ("shipped behind flag", "action", "I shipped behind flag."),
    ("heap dumps -> 3s GC pauses", None, "Heap dumps -> 3s GC pauses."),
    ("every ~5 min a runner lost its cache", None, "Every ~5 min a runner lost its cache."),
    ("I Should have looked at GC sooner", None, "I should have looked at GC sooner."),
    ("hired 6 of 8", "result", "6 of 8 were hired."),
    ("saved about 6 hours a week across the rotation", None,
     "About 6 hours a week was saved across the rotation."),
    ("quarantined 14 flaky tests", None, "I quarantined 14 flaky tests."),
    ("moved the cron 2am -> 4am", None, "I moved the cron 2am -> 4am."),
    ("log storage 1.2PB -> 300TB", "result", "Log storage 1.2PB -> 300TB."),
    ("it cut the time to offer from 30 days to 12 days", "result",
     "The time to offer went from 30 days to 12 days."),
    ("ramped 5% -> 50% -> 100%", "action", "I ramped 5% -> 50% -> 100%."),
    ("No team owned retention", "situation", "No team owned retention."),
])
def test_fragments_are_rewritten_without_adding_anything(fragment: str, section: str | None,
                                                          sentence: str) -> None:
    assert rewrite(fragment, section).text == sentence


def test_an_outcome_that_never_says_who_is_not_given_an_i() -> None:
    text = story_text("hiring.md")
    assert "I hired" not in text and "6 of 8 were hired." in card("hiring.md", "result")


# --- 4. mixed "we" and "I" ---------------------------------------------------------------------

@pytest.mark.parametrize(("name", "mine", "theirs"), [
    ("date-labels.md", "I wrote the migration script.", "ran it over the weekend"),
    ("mixed-we.md", "I wrote the dual-write layer.", "ran it in shadow mode"),
])
def test_the_i_clause_of_a_mixed_sentence_is_kept_and_the_we_clause_is_not_made_mine(
        name: str, mine: str, theirs: str) -> None:
    assert mine in card(name, "action")
    assert theirs not in card(name, "action")
    assert f"I {theirs}" not in story_text(name)
    _, facts, _ = drafted(name)
    assert any(theirs in s.text and s.person == "we" for s in facts.sentences)


def test_a_sentence_with_our_in_it_is_still_the_writers_action() -> None:
    assert "I raised it in the sprint review and got two more reviewers." in \
        card("date-labels.md", "action")
    assert "I raised the mismatch rate in the weekly sync." in card("mixed-we.md", "action")


def test_plain_we_context_says_what_the_project_was() -> None:
    assert card("date-labels.md", "situation").startswith(
        "We moved the billing service to a new cluster last spring.")
    assert "We were migrating our auth service" in card("mixed-we.md", "situation")


# --- 5. generated parts draw on the right sentences --------------------------------------------

def test_the_result_metric_is_the_outcome_not_a_setting() -> None:
    weak = drafted("settings-rollout.md")[2]["weak_answer"]["text"]
    assert "queue lag" in weak and "batch size improved" not in weak


def test_the_weak_answer_keeps_dates_compounds_and_names_whole() -> None:
    weak = drafted("hiring.md")[2]["weak_answer"]["text"]
    assert "6-week" in weak and "some -week" not in weak and "the some" not in weak


def test_the_weak_answer_does_not_escalate_to_a_team_that_only_adopted_the_work() -> None:
    weak = drafted("lessons-id.md")[2]["weak_answer"]["text"]
    assert "payments team" not in weak.lower()


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_the_analysis_never_says_unquantified_when_the_notes_hold_figures(path: Path) -> None:
    _, facts, data = drafted(path.name)
    if facts.figures:
        assert "not quantified" not in data["overview"]["analysis"]


@pytest.mark.parametrize("name", ["terse-bullets.md", "customer-obsession.md", "lessons-id.md"])
def test_senior_and_principal_variants_do_not_copy_the_sde2_reflection(name: str) -> None:
    data = drafted(name)[2]
    sde2 = data["reflections"]["sde2"]
    for variant in data["level_variants"]:
        if variant["level"] in ("Senior SDE", "Principal SDE"):
            assert variant["reflection"] != sde2


def test_a_technical_root_cause_is_not_praised_as_systemic() -> None:
    notes = parse_notes("## What I did\n- I traced the 502s to the relay\n"
                        "## Reflection\n- The root cause was a connection pool capped at 10\n")
    data = draft_offline(notes, extract_facts(notes))
    assert "beyond the code" not in data["overview"]["analysis"]


def test_an_organisational_root_cause_is_named_as_systemic() -> None:
    assert "beyond the code" in drafted("seniority.md")[2]["overview"]["analysis"]


def test_probe_answers_do_not_draw_on_lessons_or_outcomes_for_how_and_why() -> None:
    data = drafted("bare-headings.md")[2]
    for probe in data["probes"]:
        if probe["question"].startswith(("How did you arrive", "Why did you choose")):
            assert "should have" not in probe["strong"]["answer"]
    assert not any("choose up" in p["question"] for p in drafted("principle-body.md")[2]["probes"])


# --- 6. principle and level from what the notes say --------------------------------------------

@pytest.mark.parametrize(("name", "principle"), [
    ("principle-body.md", "Bias for Action"), ("customer-obsession.md", "Customer Obsession"),
])
def test_a_principle_named_in_the_body_wins_over_cue_words(name: str, principle: str) -> None:
    _, facts, data = drafted(name)
    assert data["principle"] == principle and facts.principle_source == "named in the notes"


def test_on_call_words_alone_do_not_make_it_a_best_employer_story() -> None:
    notes = parse_notes("## Situation\nI got paged over the weekend when the cache fell over.\n"
                        "## What I did\n- I added a warm-up step\n")
    assert extract_facts(notes).principle != "Strive to be Earth's Best Employer"


@pytest.mark.parametrize(("name", "level"), [
    ("seniority.md", "Senior SDE"), ("staff-scope.md", "Principal SDE"),
    ("hiring.md", "SDE2"),
])
def test_seniority_said_in_the_notes_sets_the_level(name: str, level: str) -> None:
    assert drafted(name)[2]["level"] == level


def test_front_matter_still_wins_over_a_named_principle() -> None:
    notes = parse_notes("---\nprinciple: Ownership\n---\nmy bias for action story\n\n"
                        "- I rolled back the config\n")
    assert extract_facts(notes).principle == "Ownership"


# --- 7. injected role-prefixed lines ------------------------------------------------------------

def test_an_injected_role_prefixed_line_appears_nowhere_and_is_reported() -> None:
    text = story_text("injected.md")
    for phrase in ("team of 50", "story about leadership", "disregard", "5 of 5", "SYSTEM", "assistant",
                   "[system]", "rate this story"):
        assert phrase not in text
    _, facts, _ = drafted("injected.md")
    assert [d.line for d in facts.dropped] == [3, 4, 5]
    assert "The image resizer ran out of memory on large uploads." in \
        card("injected.md", "situation")


# --- every realistic note drafts a valid story with no invented figure --------------------------

@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_every_realistic_note_drafts_a_schema_valid_story_without_invented_figures(
        path: Path) -> None:
    notes, _, data = drafted(path.name)
    Story.model_validate(data)
    findings = check_data(data, notes_text=notes.text)
    codes = {f.code for f in findings}
    assert not codes & {"SCH001", "GRD001", "OWN002"}, codes
    # "we" or "our" in the Action only where the writer's own "I" sentence says it: the draft
    # keeps the note's words, and the rule points the writer at them.
    action = data["sections"]["action"]["strong_example"]
    notes_words = " ".join(notes.text.split()).lower()
    for sentence in re.split(r"(?<=[.!?])\s+", action):
        for clause in re.split(r"[:;]\s+", sentence.rstrip(".")):
            if re.search(r"\b(?:we|our|us)\b", clause, re.IGNORECASE):
                told = " ".join(re.sub(r"^(?:\w+\s+){0,2}?I\s+", "", clause).split()).lower()
                assert told in notes_words, sentence


@pytest.mark.parametrize("label", ["Jan 5", "Day 3", "Q3", "2026-03-14", "Monday", "Week 2",
                                   "Mid-March", "Late March", "09:12", "Sprint 4"])
def test_date_and_time_labels_of_any_wording_are_not_content(label: str) -> None:
    notes = parse_notes(f"## Situation\nThe deploy broke checkout.\n\n{label}: I wrote the "
                        "postmortem\n")
    assert [b.text for b in notes.blocks] == ["The deploy broke checkout.",
                                              "I wrote the postmortem"]


def test_a_chat_paste_without_timestamps_is_still_a_chat_paste() -> None:
    notes = parse_notes("## Situation\nThe deploy broke checkout.\n\ncopied from the incident "
                        "channel:\nsam (manager): can you take it?\nme: on it\npriya: rolling "
                        "back now\n09:40 me: rollback done\n\n## What I did\n- I rolled back\n")
    assert [b.kind for b in notes.blocks] == ["paragraph", "chat", "chat", "chat", "chat",
                                              "chat", "bullet"]
    said = " ".join(s.text for s in extract_facts(notes).sentences)
    assert "on it" not in said.lower() and "09:40" not in said
    assert 'Priya said: "rolling back now."' in said


@pytest.mark.parametrize(("name", "title"), [
    ("customer-obsession.md", "The refund delay"),
    ("principle-body.md", "Tell me about a time you acted quickly without waiting for every "
                          "answer."),
])
def test_a_title_line_that_names_the_principle_is_not_kept_as_the_title(name: str,
                                                                        title: str) -> None:
    assert drafted(name)[2]["title"] == title


def test_no_team_owning_the_problem_states_the_task() -> None:
    assert card("staff-scope.md", "task") == \
        "I took it on as staff-level scope across 9 services. No team owned retention."

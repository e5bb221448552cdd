"""Note shapes met on fresh notes: others' part told after the writer's step (", approved by
security", ", finance re-ran their report", "payments-core agreed to own it", "those went to
Deepak's team", "-- their changes, their deploys"), how a figure was reckoned ("..., adjusted
for traffic growth"), a thing someone else made named with "that" at the end of a sentence,
elements named in angle brackets ("a big <canvas>"), lines tagged with their card in brackets
("[result] ..."), writers who tell their story in the third person under an initial ("(K. =
me)"), and headings in further languages."""

from __future__ import annotations

import pytest

from storygen.drafting.extract.phrasing import clauses, rewrite
from storygen.story.kb import section_for_heading

from .facts_helpers import facts, holding, said_as_mine


@pytest.mark.parametrize(("line", "theirs", "mine"), [
    ("- moved 90-day retention to 15 days hot + S3 archive via the existing pipeline, approved "
     "by security (Oleg)\n", "approved by security", "moved 90-day retention"),
    ("- backfilled 9 months of daily GMV, finance re-ran their Q3 variance report\n",
     "re-ran their Q3 variance report", "backfilled 9 months"),
    ("- paired w/ Hana's team on their 2 services — their changes, their deploys, only the "
     "queries from my side\n", "their changes, their deploys", "paired w/ Hana's team"),
])
def test_what_others_did_with_the_writers_work_is_not_said_as_theirs(
        line: str, theirs: str, mine: str) -> None:
    found = facts(line)
    assert not said_as_mine(found, theirs)
    assert said_as_mine(found, mine)


def test_the_writers_work_reviewed_by_them_stays_one_sentence() -> None:
    assert clauses("I wrote the runbooks, reviewed by me and Ana.") == \
        ["I wrote the runbooks, reviewed by me and Ana."]


@pytest.mark.parametrize(("step", "after"), [
    ("Open items\n- I filed PAY-812 for a contract test between our producer and their "
     "consumer. payments-core agreed to own it, due end of month. Priya pls nudge Marco if it "
     "slips\n- alarm threshold: lag alarm fired 2 days late. I proposed age of oldest msg\n",
     "payments-core agreed to own it"),
    ("- I made a tiny board w/ burn-down, posted it at standup every mon: not glamorous\n"
     "- payments bugs I didnt touch, those went to Deepak's team, but I chased them\n",
     "those went to Deepak's team"),
])
def test_what_others_did_is_never_joined_to_the_writers_step(step: str, after: str) -> None:
    assert not said_as_mine(facts(step), after)


@pytest.mark.parametrize(("line", "said"), [
    ("2024-01-08 decided to NOT go with the streaming rewrite (flink) that the marketplace team "
     "proposed.", "The marketplace team proposed it."),
    ("- Turned up 4 pipelines copying EU data to US analytics that nobody had listed.",
     "Nobody had listed them."),
])
def test_a_thing_someone_else_made_is_said_as_a_whole_sentence(line: str, said: str) -> None:
    texts = [s.text for s in facts(line + "\n").sentences]
    assert said in texts
    assert not any(text.endswith((". It.", ". Them.")) for text in texts)


def test_an_element_named_in_angle_brackets_is_kept() -> None:
    found = facts("the seat map is a big <canvas>, zero semantics. nobody had fixed it.\n")
    assert "<canvas>" in holding(found, "seat map").text


BRACKET_TAGS = """flaky tests / green main

[context] main was red ~30% of the time, ppl just hit "retry" until green
[me] wrote the flake detector, reruns failures 3x on a separate runner
[result] main red time 30% -> ~4% in 10 wks
[lesson] should have gotten buy-in from Oskar first
"""


def test_a_card_tag_in_brackets_is_read_as_the_lines_label() -> None:
    found = facts(BRACKET_TAGS)
    assert not any("[" in s.text for s in found.sentences)
    assert holding(found, "red ~30%").section == "situation"
    assert holding(found, "red time").section == "result"
    assert holding(found, "buy-in from Oskar").section == "reflection"


THIRD_PERSON = """(K. = me) writing this in 3rd person bc it's easier to be honest that way

K. is the tech lead for the hotel-search group. the director wants a big-bang cutover.
K. thinks big-bang is a bad idea. K.'s replay of last yr's traffic shows p99 going to ~900ms.
K. still thinks 6 days is too tight, says so in writing, and then commits.
Sven's team built the cache warmer, K. just asked and wrote the spec.
Next time, K. would bring the replay numbers to the director 1:1 first.

what K. does after that:
- writes the automated rollback and runs the drill twice with the on-call
- Ines signs off on the ramp
"""


def test_a_writer_who_names_themself_by_an_initial_is_told_as_i() -> None:
    texts = [s.text for s in facts(THIRD_PERSON).sentences]
    joined = " ".join(texts)
    assert "I am the tech lead" in joined
    assert "I think big-bang is a bad idea" in joined
    assert "My replay of last yr's traffic" in joined
    assert "I still think 6 days is too tight, say so in writing, and then commit" in joined
    assert "Next time, I would bring the replay numbers" in joined
    assert "I write the automated rollback and run the drill twice" in joined
    assert "Ines signs off on the ramp" in joined
    assert "K." not in joined
    assert "3rd person" not in joined  # what the notes say of themselves, no part of the story
    assert not said_as_mine(facts(THIRD_PERSON), "built the cache warmer")


@pytest.mark.parametrize(("heading", "card"), [
    ("Kaayaan", "situation"),                      # Sundanese
    ("Naon nu ku abdi dilakukeun", "action"),
    ("Sing tak tindakake", "action"),              # Javanese
    ("ዝገበርክዎ", "action"),                        # Tigrinya
    ("Ko ɗum addi", "result"),                     # Fula
    ("Te mau ha'api'ira'a", "reflection"),         # Tahitian
    ("Ásh'į́ígíí", "action"),                       # Navajo
    ("Ny dynsee mee", "reflection"),               # Manx
    ("What I've done so far", "action"),
    ("Treatment", "action"),
])
def test_headings_in_further_languages_name_their_card(heading: str, card: str) -> None:
    assert section_for_heading(heading) == card


@pytest.mark.parametrize("line", [
    "- ~19 GWh/yr -> ~13.5 GWh/yr over 18 months, adjusted for traffic growth\n",
    "- 40% of pages, measured over a week\n",
])
def test_how_a_figure_was_reckoned_is_no_step_of_the_writers(line: str) -> None:
    assert not said_as_mine(facts(line), "adjusted for") and not said_as_mine(facts(line), "measured")


@pytest.mark.parametrize(("line", "said"), [
    ("On the 5th of February, I did it by hand like everyone else.",
     "On the 5th of February, I did it by hand like everyone else."),
    ("daily 15-min cutover standup, I ran it myself", "I ran the daily 15-min cutover standup myself."),
])
def test_a_date_before_the_writers_clause_is_never_the_thing_they_did(line: str, said: str) -> None:
    assert rewrite(line, None).text == said


def test_a_step_done_afterwards_opens_on_the_word() -> None:
    assert rewrite("afterwards wrote the player-facing postmortem", None).text == \
        "Afterwards I wrote the player-facing postmortem."

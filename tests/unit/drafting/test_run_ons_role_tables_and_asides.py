"""Note shapes met on fresh notes: a whole story typed as one comma-spliced paragraph with its
card labels inside it ("..., what I did: ..., result after ~18 months: ..."), a "date | what
happened | my role" table, OCR'd lines wrapped mid-sentence, terse label lines ("lead (Awa)
ok", "dropped rows: ~3% -> 0"), others' deeds said after the writer's comma or in brackets,
and section headings in further languages."""

from __future__ import annotations

import pytest

from storygen.drafting.evaluate import score_story
from storygen.drafting.extract.phrasing import clauses, rewrite
from storygen.drafting.gold import Gold
from storygen.story.notes import strict_section

from .facts_helpers import facts, holding, said_as_mine

RUN_ON = (
    "ok writing this down before I forget: context is our org had ~35 teams on call and the "
    "survey had on-call as the #1 negative theme, nobody owned it org-wide, so I took it on as "
    "my main thing, what I did: I pulled 12 months of pager data myself and published a "
    "per-team dashboard, defined a page budget of 10 actionable pages per shift, wrote the "
    "alert hygiene guide, result after ~18 months: median pages per shift ~28 → ~7, no team "
    "over 20, reflection: I should have involved the overloaded teams' engineers earlier\n")


def test_card_labels_spliced_into_a_run_on_paragraph_open_their_cards() -> None:
    found = facts(RUN_ON)
    assert holding(found, "pulled 12 months of pager data").section == "action"
    assert holding(found, "pulled 12 months of pager data").text.startswith("I pulled")
    # the label's span stays as the opening words of what it names
    assert holding(found, "median pages per shift").section == "result"
    assert holding(found, "median pages per shift").text.startswith("After ~18 months,")
    assert holding(found, "involved the overloaded teams").section == "reflection"
    assert holding(found, "took it on as my main thing").section == "task"
    # no label is left inside the sentence before it
    assert not any("what I did:" in s.text or "reflection:" in s.text for s in found.sentences)


@pytest.mark.parametrize("line", [
    # one label said twice, not a sentence and a card
    "- my call, my mistake: I'd treated our own integration tests as enough",
    # "then the fix" goes on with the step before it
    "- wrote a failing unit test w/ the exact amounts from prod, then the fix: single "
    "rounding helper in the shared money lib",
])
def test_a_comma_before_a_label_that_goes_on_with_its_sentence_stays(line: str) -> None:
    assert len(clauses(line)) == 1


def test_a_line_labelled_by_its_card_and_a_span_says_when_it_came() -> None:
    found = facts("- shipped the new queue\n- result after 3 months: pages dropped to 7 a week\n")
    said = holding(found, "pages dropped to 7")
    assert said.section == "result" and said.text.startswith("After 3 months, pages")


ROLE_TABLE = """cert thing, my first on-call rotation

| date | what happened | my role |
|---|---|---|
| fri 17:05 | cert-manager renewal failing, DNS challenge 403 | I dug thru the cert-manager logs |
| fri 17:30 | platform team owns cert-manager, their on-call said "monday" | paged them, wrote up the evidence |
| mon 17 jun | platform fixed the IAM perm for the DNS challenge | them, not me. I filed the ticket |
"""


def test_a_my_role_column_is_told_apart_from_what_happened() -> None:
    found = facts(ROLE_TABLE)
    dug = holding(found, "dug thru the cert-manager logs")
    assert dug.text.startswith("I dug") and dug.section == "action"
    # what happened is its own sentence, never under the writer's "I"
    assert not said_as_mine(found, "renewal failing")
    assert holding(found, "renewal failing").text.startswith("Cert-manager renewal failing")
    assert said_as_mine(found, "paged them, wrote up the evidence")
    # a cell that says the row was someone else's is never made the writer's part
    assert not said_as_mine(found, "them, not me")
    assert not said_as_mine(found, "fixed the IAM perm")
    assert said_as_mine(found, "filed the ticket")


def test_a_line_wrapped_after_a_helping_verb_goes_on_in_the_next() -> None:
    ocr = ("the Reno warehouse kept printing ship labels with the\n"
           "barcode cut off on the right side. carrier rejected ~7% of\n"
           "parcels from that site for a month, each parcel re-labeled by\n"
           "hand. everyone said \"printer hardware\". ops had already\n"
           "swapped 2 printers, no change.\n")
    found = facts(ocr)
    assert holding(found, "swapped 2 printers").text.startswith("Ops had already swapped")
    assert not said_as_mine(found, "swapped 2 printers")


@pytest.mark.parametrize(("line", "said"), [
    ("lead (Awa) ok, 2 days timeboxed", "Lead (Awa) ok, 2 days timeboxed."),  # a role, a name
    ("dropped rows: ~3% → 0", "Dropped rows: ~3% → 0."),  # a measure's name and its figures
    ("cc'd on the client escalation thread by accident",
     "I was cc'd on the client escalation thread by accident."),  # done to the writer
    ("looped into the incident at 2am", "I was looped into the incident at 2am."),
])
def test_terse_lines_that_name_no_step_of_the_writer_s_are_said_as_they_are(line: str,
                                                                             said: str) -> None:
    assert rewrite(line, "action").text == said


def test_steps_that_stay_the_writer_s_after_those_terse_forms() -> None:
    assert rewrite("measured it: ~180 bytes/object avg", "action").text.startswith("I measured")
    assert rewrite("reverted 1:52", "action").text.startswith("I reverted")


def test_a_pair_of_others_after_the_writer_s_comma_keep_their_deed() -> None:
    found = facts("- i wrote the migration guide, priya + jonas ported the other 5 carriers; "
                  "i reviewed every mapping PR\n")
    assert said_as_mine(found, "wrote the migration guide")
    assert not said_as_mine(found, "ported the other 5 carriers")
    assert said_as_mine(found, "reviewed every mapping PR")


def test_a_deed_marked_as_theirs_is_never_joined_to_the_writer_s_step() -> None:
    found = facts("- I wrote the library's spec + the CI check; each of the 5 owning teams "
                  "integrated it (their work)\n")
    assert said_as_mine(found, "library's spec")
    assert not said_as_mine(found, "integrated it")


def test_steps_under_a_line_where_the_writer_was_not_leading_are_not_told_as_theirs() -> None:
    notes = ("two checkout incidents, same symptoms\n\n"
             "incident 1 (march, I was a responder, not lead)\n"
             "- IC (Brandon) + most of the room jumped to \"DB is overloaded\"\n"
             "- failed over the primary. took 25 min, made it worse\n"
             "- I had noticed static asset 404s going up but didnt push it\n")
    found = facts(notes)
    assert not said_as_mine(found, "failed over the primary")
    assert said_as_mine(found, "had noticed static asset 404s")


def test_the_writer_s_own_step_in_brackets_after_a_dash_is_said_as_theirs() -> None:
    found = facts("I argued cells-in-region first — our last 7 sev1s were bad deploys, not "
                  "region loss (I pulled 2 yrs of COEs myself and tagged every cause).\n")
    assert holding(found, "pulled 2 yrs of COEs").text.startswith("I pulled")
    assert "I pulled" not in holding(found, "last 7 sev1s").text


def test_the_writer_s_steps_said_among_the_context_go_to_the_action() -> None:
    found = facts("context: ~60 teams across 4 orgs, no headcount added. I wrote the strategy + "
                  "the cost model, negotiated the tradeoffs with each org's directors.\n"
                  "- consolidated 23 clusters -> 4\n")
    assert holding(found, "wrote the strategy").section == "action"
    assert holding(found, "~60 teams").section == "situation"


@pytest.mark.parametrize(("heading", "card"), [
    ("Kenarroud", "situation"), ("Li ma def", "action"), ("Àbájáde", "result"),
    ("Ẹ̀kọ́", "reflection"), ("Ti inaramidko", "action"), ("Wok mi mekim", "action"),
    ("Samting mi lanem", "reflection"), ("Resurtadu", "result"), ("Motivation", "situation"),
    ("Changes", "action"), ("Constraints", "task"),
])
def test_headings_in_further_languages_and_a_pr_s_sections_name_their_cards(
        heading: str, card: str) -> None:
    assert strict_section(heading) == card


def test_an_answer_that_names_its_own_doer_is_not_counted_as_told_by_the_writer() -> None:
    gold = Gold.model_validate({"principle": "Dive Deep", "level": "SDE1", "facts": [],
                                "figures": [], "forbidden": [],
                                "we_only": ["he'd do the change in the migration review"]})
    said = ("I asked Femi before touching prod settings; he said ok, he'd do the change in "
            "the migration review.")
    data = {"sections": {"action": {"strong_example": said}}}
    assert score_story("case", data, gold, notes_text=said, findings=[]).we_to_i == []
    claimed = {"sections": {"action": {"strong_example": "I do the change in the migration "
                                                         "review."}}}
    told = Gold.model_validate({**gold.model_dump(),
                                "we_only": ["do the change in the migration review"]})
    assert len(score_story("case", claimed, told, notes_text=said, findings=[]).we_to_i) == 1


def test_a_change_someone_wants_is_the_problem_not_an_outcome() -> None:
    found = facts("fraud team wants to drop the chargeback model threshold from 0.85 to 0.70 to "
                  "catch more fraud before Black Friday.\n\nI re-ran their eval on the last 90 "
                  "days myself.\n\nWe shipped a middle path; false declines stayed flat.\n")
    wanted = holding(found, "wants to drop")
    assert "better" not in wanted.tags and wanted.section == "situation"

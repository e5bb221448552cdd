"""Note shapes met on fresh notes: lines dated by week codes ("W1:", "Wk 5"), what the writer's
own tool found ("A sampling job I ran ... found"), lists under "what I found", a paragraph that
ends on the name of whoever did the list under it ("... Aisha:"), named people before a dash,
"Now (2023)" over how things are since, outcomes told first with their date, and who owned the
other parts ("Inventory + SRE are other teams")."""

from __future__ import annotations

import pytest

from storygen.drafting.extract.phrasing import clauses, rewrite
from storygen.story.judge import level_scores
from storygen.story.notes import parse_notes

from .facts_helpers import facts, holding, said_as_mine


@pytest.mark.parametrize("line", [
    "W1: I pulled 90 days of utilization for all 6 search clusters.",
    "D+2: I rolled back the pricing change.",
    "Wk 5 I told our PM (Dana) straight away we were behind.",
])
def test_a_week_or_day_code_before_the_writers_clause_leaves_it_theirs(line: str) -> None:
    assert rewrite(line, None).person == "I"


@pytest.mark.parametrize("line", [
    "A sampling job I ran across the log pipeline found email addresses in logs from ~11% of "
    "services.",
    "Load test I ran showed p99 going from 420ms to 1.9s at 3x peak traffic.",
])
def test_what_the_writers_own_tool_found_is_their_finding(line: str) -> None:
    assert rewrite(line, None).person == "I"


def test_a_thing_the_writer_joined_is_not_their_deed() -> None:
    assert rewrite("The team I joined had 4 people.", None).person == "other"


def test_the_writers_step_after_so_instead_is_said_on_its_own() -> None:
    parts = clauses("A cleanup sprint had been tried before and died after 2 weeks, so instead "
                    "I wrote a small codemod.")
    assert parts[-1].startswith("I wrote a small codemod")


def test_a_team_named_with_its_lead_keeps_its_deed() -> None:
    found = facts("- I wrote the event schema myself because I didn't want it designed by "
                  "committee, but the platform team under Oyelaran built the Kafka infra and "
                  "the schema registry\n")
    assert not said_as_mine(found, "built the Kafka infra")
    assert said_as_mine(found, "wrote the event schema")


RECOMMENDATION = """draft: peer rec for Aisha's promo packet + my own notes at the bottom

the old alert pipeline paged dispatchers late, ~4 min average delay. Aisha:
- wrote the design doc for a streaming version, took it through arch review herself
- ran the migration for ~2,300 trucks in 3 waves w/ zero missed alerts

my own part:
- I picked her for the rewrite over two more experienced people
"""


def test_a_list_under_a_paragraph_that_ends_on_someones_name_is_theirs() -> None:
    found = facts(RECOMMENDATION)
    assert not said_as_mine(found, "ran the migration for ~2,300 trucks")
    assert holding(found, "ran the migration").text.startswith("Aisha ran the migration")
    assert said_as_mine(found, "picked her for the rewrite")


def test_a_list_under_a_word_that_is_no_name_stays_the_writers() -> None:
    found = facts("I could've fixed it myself in an afternoon. I didn't. Instead:\n"
                  "- paired w/ him for 30 min to set up a local repro\n")
    assert said_as_mine(found, "paired w/ him for 30 min")


def test_while_we_went_is_no_sentence_of_its_own() -> None:
    assert clauses("started her promo doc 2 months early and collected evidence as we went") \
        == ["started her promo doc 2 months early and collected evidence as we went"]


@pytest.mark.parametrize("line", [
    "- **Aroha (Sydney)** + **Ciarán (Dublin)** — set up follow-the-sun handoffs for 11 teams",
    "- Aroha + Ciarán — set up follow-the-sun handoffs for 11 teams",
])
def test_people_named_before_a_dash_did_what_follows(line: str) -> None:
    found = facts(f"kudos thread, on-call reset\n\n{line}\n")
    assert not said_as_mine(found, "follow-the-sun handoffs")
    assert holding(found, "follow-the-sun handoffs").text.startswith("Aroha")


def test_a_measure_counted_org_wide_keeps_its_plural() -> None:
    found = facts("the numbers, 12 months on: night pages org-wide down ~75%.\n")
    assert "night pages org-wide were down ~75%" in holding(found, "night pages").text


FOUND = """context: second month on the build-infra team. my mentor gave me a starter task: figure
out why the CI bill jumped.

what i found (me poking at billing exports for three days):
- we had two dozen mac build agents running all night and all weekend
- a dozen old agents were still attached to a project that got cancelled last spring
- ~8 MB of PNGs that could be WebP
- root cause: nobody owned the pool

what i did:
- wrote a small scheduler function that scales the pool down at night
"""


def test_what_the_writer_found_is_told_as_their_finding_in_the_action() -> None:
    found = facts(FOUND)
    agents = holding(found, "a dozen old agents")
    assert agents.text.startswith("I found that a dozen old agents were still attached to a "
                                  "project that got cancelled last spring")
    assert agents.section == "action"
    assert holding(found, "two dozen mac build agents").text.startswith("I found that we had")


@pytest.mark.parametrize("words", ["~8 MB of PNGs", "nobody owned the pool"])
def test_a_thing_named_under_what_i_found_is_not_made_a_clause(words: str) -> None:
    assert not any(s.text.startswith(f"I found that {words}") for s in facts(FOUND).sentences)
    holding(facts(FOUND), words)  # still told


def test_now_on_its_own_line_heads_how_things_are_since() -> None:
    notes = parse_notes("Then (2020)\n- 14 deploy pipelines across ~60 teams\n\nNow (2023)\n"
                        "- merge to prod median ~25 min\n")
    assert [b.section for b in notes.blocks if "25 min" in b.text] == ["result"]


def test_a_now_label_inside_a_line_is_no_heading() -> None:
    notes = parse_notes("Then: 7 Jenkins jobs chained by hand.\nNow: configs are data. I wrote "
                        "a validator + schema.\n")
    assert all(b.section is None for b in notes.blocks)


def test_an_outcome_told_first_with_its_date_is_the_result() -> None:
    found = facts("Justification: we had a hard date. I owned the new service end to end. "
                  "Shipped jan 12, statements out jan 24 w/ a failure rate of 0.1%. No manual "
                  "reruns this yr.\n\nI went to Sandra w/ a cut list instead of asking for a "
                  "date slip.\n")
    assert holding(found, "Shipped jan 12").section == "result"
    assert holding(found, "No manual reruns").section == "result"


@pytest.mark.parametrize("line, words", [
    ("My pick: B. A solves a problem nobody asked for.", "My pick: B"),
    ("My recommendation was multi-CDN: new vendor as primary for NA/EU.",
     "My recommendation was multi-CDN"),
])
def test_what_the_writer_put_forward_is_their_step(line: str, words: str) -> None:
    found = facts(f"price alerts design call\n\n{line}\n\nI built the cache hook.\n")
    assert holding(found, words).person == "I"


def test_whose_the_other_parts_were_is_the_task() -> None:
    found = facts("context: new checkout was supposed to go live for the onsale. I'm the TL "
                  "for checkout; inventory + SRE are other teams.\n\n"
                  "- I said we should not launch it for this onsale\n")
    assert holding(found, "I'm the TL for checkout").section == "task"
    assert holding(found, "are other teams").section == "task"


def test_a_finding_told_as_it_happens_is_said_with_the_look() -> None:
    found = facts("tue am: I'm pulling the LB access logs for the last 7 days and I'm seeing "
                  "the 502s aren't random — they cluster on connections that have been idle for "
                  "just over 60s.\n\nI'm checking our node config next.\n")
    said = holding(found, "they cluster on connections")
    assert said.person == "I" and said.text.startswith("I'm pulling the LB access logs")


def test_things_done_to_by_someone_are_no_clause_of_theirs() -> None:
    found = facts("- pulled disconnect events for 3 days. grouped by router model\n"
                  "- 78% of disconnects came from 2 router models, both handed out by the same "
                  "ISP\n- put a test thermostat behind a matching router at home\n")
    assert said_as_mine(found, "both handed out by the same ISP")


def test_a_change_the_writers_look_found_is_no_outcome() -> None:
    found = facts("- put a test thermostat behind a matching router at home\n"
                  "- found it: the router drops idle NAT mappings after 60s. Fw 3.8 raised the "
                  "MQTT keepalive from 45s to 120s to save battery\n"
                  "- wrote it up w/ the pcap and sent it to firmware\n")
    assert holding(found, "keepalive from 45s to 120s").section == "action"


def test_what_a_short_doc_proposed_stays_with_the_doc() -> None:
    found = facts("- wrote a 6-pager: default to coarse location (city-level), precise only "
                  "behind an allowlist\n")
    assert said_as_mine(found, "wrote a 6-pager: default to coarse location")
    assert not said_as_mine(found, "defaulted")


def test_a_library_that_was_not_the_writers_is_the_scope() -> None:
    found = facts("- analytics SDK is in ~40 of our apps\n- not my SDK and not my call alone on "
                  "retention. I took on writing the case\n- I wrote the proposal\n")
    assert holding(found, "not my SDK").section == "task"


@pytest.mark.parametrize("text, level", [
    ("fri evening, on-call week (my 2nd month at Basketly). alert fired.", "SDE1"),
    ("ticket was assigned to me by Hannah in sprint planning.", "SDE1"),
])
def test_the_writers_first_months_read_as_junior(text: str, level: str) -> None:
    assert level_scores(text)[level] > 0


@pytest.mark.parametrize("text", [
    "Dmitri went on leave early sep. our dir (Paul) asked me to take it.",
    "claims-api: four teams ship endpoints into it. I wrote the error contract.",
])
def test_leading_across_teams_reads_as_senior(text: str) -> None:
    assert level_scores(text)["Senior SDE"] > 0


def test_work_handed_back_to_its_owners_is_a_step_not_a_state_regained() -> None:
    found = facts("after:\n- stores lost about 25 minutes of card payments\n- I wrote the "
                  "incident doc Monday and handed the permanent rotation back to security\n")
    assert holding(found, "handed the permanent rotation back").section == "action"

"""Note shapes met on fresh notes: another person's part said beside the writer's step without a
verb of its own ("patched both VMs, infra's Karina doing the actual OS upgrade window"), whose
the build was after a dash, lists titled with another team ("Team 1 — Checkout (Sofia's
team)"), a group that runs what the writer made ("the privacy office runs it"), lines tagged
with the writer's mood ("(nervous) told my mentor ..."), steps said with "myself", a label named
"Evidence:" over lines that speak of people, a "what I found:" label inside a line, scope said
in the past ("I didn't manage any of them") and a person labelled with "(my mgr)"."""

from __future__ import annotations

import pytest

from storygen.drafting.extract.facts import extract_facts
from storygen.story.kb import section_for_heading
from storygen.story.notes import parse_notes

from .facts_helpers import facts, holding, said_as_mine


@pytest.mark.parametrize(("line", "theirs", "mine"), [
    ("- patched both VMs, infra's Karina doing the actual OS upgrade window\n",
     "Karina", "patched both VMs"),
    ("- I ran the cutover, Priya and Tom handling the comms\n", "handling the comms",
     "ran the cutover"),
    ("- set the event schema + the ledger's api contract myself — the build was Hyun-woo's team "
     "(ledger) + Carla's (event pipeline)\n", "the build was", "set the event schema"),
    ("- I wrote the checklist, the privacy office runs it\n", "privacy office runs it",
     "wrote the checklist"),
    ("- gave each team a drop-in client + a dashboard of their own vendor spend. the 3 biggest "
     "callers moved first bc the numbers were embarassing\n", "callers moved first",
     "gave each team a drop-in client"),
])
def test_others_part_is_never_said_in_the_writers_sentence(line: str, theirs: str,
                                                           mine: str) -> None:
    found = facts(f"## what I did\n{line}")
    assert not said_as_mine(found, theirs), [s.text for s in found.sentences]
    assert said_as_mine(found, mine), [s.text for s in found.sentences]


def test_someone_doing_a_part_beside_the_step_is_a_sentence_of_their_own() -> None:
    found = facts("- patched both VMs, infra's Karina doing the actual OS upgrade window\n")
    assert holding(found, "Karina").text == "Infra's Karina was doing the actual OS upgrade window."
    assert holding(found, "patched").text == "I patched both VMs."


def test_a_thing_going_on_beside_the_step_is_not_made_a_person() -> None:
    # "Monday morning" is when, not who: nothing of it is said as someone's part
    found = facts("- I paged the DBA, Monday morning, nothing\n")
    assert holding(found, "paged").text == "I paged the DBA, Monday morning, nothing."


NOTE_BY_TEAM = """\
EU VAT program, notes for the loop

Henrik (CTO) asked me to own the end-to-end tech plan across teams.

Team 1 — Checkout (Sofia's team, 8 eng)
- built the tax calc into the price pipeline
- I pushed them to cut the per-line-item VAT breakdown UI to after launch

Team 3 — Finance Data (Chloé, 4 eng + contractors)
- built the OSS monthly return extract
"""


def test_a_list_titled_with_another_team_holds_that_teams_steps() -> None:
    found = facts(NOTE_BY_TEAM)
    assert holding(found, "tax calc").text == \
        "Sofia's team built the tax calc into the price pipeline."
    assert holding(found, "return extract").text == \
        "The Finance Data team built the OSS monthly return extract."
    assert said_as_mine(found, "pushed them to cut")  # the writer's own line under it stays


def test_a_list_under_a_line_of_the_writers_own_is_still_theirs() -> None:
    found = facts("Team 1 — me + Sofia\n- built the tax calc into the price pipeline\n")
    assert said_as_mine(found, "built the tax calc")


MOODS = """\
payroll export thing — notes to self

(confused) noticed the payroll_export cron had been red for 6 nights straight. nobody acked.
(nervous) told my mentor Priyanka I wanted to pick it up even tho it's not in our sprint
(tired) Priyanka reviewed my PR, caught that I'd hardcoded the vendor URL
(thoughtful) lesson — an alert that's "not my team's" is still somebody's morning
"""


def test_a_mood_tag_before_a_line_is_not_part_of_the_step() -> None:
    found = facts(MOODS)
    assert said_as_mine(found, "noticed the payroll_export cron")
    assert said_as_mine(found, "told my mentor Priyanka")
    assert holding(found, "reviewed my PR").text.startswith("Priyanka reviewed my PR")
    assert holding(found, "somebody's morning").section == "reflection"
    assert not any("(" in s.text[:2] for s in found.sentences)


def test_a_single_bracket_before_a_line_is_kept() -> None:
    # one bracket at the start is no habit of tagging moods: it stays as written
    found = facts("(optional) add a cache in front of the rates table\n\nI wrote the plan.\n")
    assert any("(optional)" in s.text for s in found.sentences)


@pytest.mark.parametrize(("line", "step"), [
    ("- built myself a little notebook that pulls a sample of 10k queries\n",
     "I built myself a little notebook"),
    ("- timed myself on my turn: 2h40m, ~70% of it was clicking\n", "I timed myself on my turn"),
])
def test_a_step_said_with_myself_is_the_writers(line: str, step: str) -> None:
    assert holding(facts(line), step.split()[1]).text.startswith(step)


def test_what_it_took_the_writer_is_still_no_step() -> None:
    found = facts("- took me 20+ min to find the right dashboard\n")
    assert not said_as_mine(found, "took me")


def test_a_label_word_over_lines_about_people_names_no_one() -> None:
    found = facts("calibration packet\n\nEvidence:\n- I wrote the onboarding track\n- mentored "
                  "Tomás (SDE1) through owning the retry service. I paired w/ him, then stepped "
                  "back — he ran the design review himself. he was promoted to SDE2\n- trained 7 "
                  "new interviewers\n")
    assert holding(found, "Tomás").text.startswith("I mentored Tomás")
    assert holding(found, "interviewers").text.startswith("I trained 7 new interviewers")


def test_what_i_found_inside_a_line_is_what_the_writers_look_found() -> None:
    found = facts("- I wrote ~15 SQL queries against ACCOUNT_USAGE\n- what I found: 3 warehouses "
                  "were XL and never auto-suspended; a dbt model did a full refresh hourly\n")
    xl = holding(found, "warehouses were XL")
    assert xl.text.startswith("I found that 3 warehouses were XL") and xl.section == "action"


@pytest.mark.parametrize("line", [
    "I didn't manage any of them.", "I wasn't anyone's manager.", "I had no direct reports.",
    "I did NOT run the extractions.",
])
def test_scope_said_in_the_past_is_the_task(line: str) -> None:
    # the rule itself, before the placement model weighs it
    found = extract_facts(parse_notes(f"I owned the integrated plan across 3 teams. {line}\n\n"
                                      "I wrote the plan.\n"), learned=False)
    assert holding(found, line.split()[1]).section == "task"


def test_a_person_labelled_my_mgr_keeps_what_they_wanted() -> None:
    found = facts("Tom (my mgr): wanted v4 done by end of Q1 across all 5 consuming teams\n\n"
                  "I led the migration.\n")
    assert holding(found, "wanted v4").text.startswith("Tom (my mgr) wanted v4")
    assert not said_as_mine(found, "wanted v4")


@pytest.mark.parametrize(("heading", "card"), [
    ("Сэ сшIагъэр", "action"), ("Натийже", "result"), ("Ka mawhphurhna", "task"),
    ("Ta eo iar kōmmane", "action"), ("Kwagh u a due", "result"), ("Sa mon'n aprann", "reflection"),
])
def test_headings_in_more_languages_name_their_card(heading: str, card: str) -> None:
    assert section_for_heading(heading) == card


PHONE = """\
webhook thing fri — typing on phone, clean up later

- wrote replay script, ran in batches of 200
Jess (sre) watched err rates while I deployed
she wrote the rollback plan, not me
stuck orders cleared ~9:30pm
0 double charges - checked w/ finance sat am
"""


def test_short_lines_back_at_the_margin_after_a_list_item_are_lines_of_their_own() -> None:
    found = facts(PHONE)
    plan = holding(found, "rollback plan")
    assert "stuck orders" not in plan.text
    assert holding(found, "stuck orders").section == "result"


def test_a_wrapped_list_item_back_at_the_margin_stays_one_sentence() -> None:
    found = facts("- rewrote the nightly export so it streams rows from the replica instead of "
                  "loading\nthe whole table into memory first\n")
    assert holding(found, "rewrote").text.endswith("instead of loading the whole table into "
                                                   "memory first.")


def test_a_step_named_as_a_thing_the_writer_ran_is_in_the_action() -> None:
    found = extract_facts(parse_notes("notes\n\n- weekly 30-min cross-team status that I ran, "
                                      "red/yellow/green per milestone\n- the dashboard that I "
                                      "built is now used by 12 teams\n"), learned=False)
    assert holding(found, "status that I ran").section == "action"
    assert holding(found, "now used by 12 teams").section == "result"  # what came of it


def test_the_writers_clause_after_someone_elses_is_said_apart() -> None:
    found = facts("## what I did\n- Ade got it approved with HR, I just drafted it\n")
    assert holding(found, "drafted").text == "I just drafted it."
    assert not said_as_mine(found, "approved with HR")

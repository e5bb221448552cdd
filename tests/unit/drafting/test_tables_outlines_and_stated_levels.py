"""Whose deed a table row, a group's label or a reviewer's line holds; commit titles in
quotes; what a thing did rather than the writer (went live, ended at, self-managed); an
outline's heads; and the level a writer states in the ways notes state it."""

from __future__ import annotations

import pytest

from storygen.story.judge import level_scores, stated_level
from storygen.story.notes import parse_notes

from .facts_helpers import facts, holding
from .facts_helpers import said_as_mine as mine

# Truth: others' deeds never told with the writer's "I"


def test_a_table_row_whose_who_column_names_a_team_is_the_team_s_deed() -> None:
    found = facts("\n".join([
        "# CI build time", "",
        "Full CI took 47 min on every PR.", "",
        "| step | who | effect |",
        "|---|---|---|",
        "| dependency graph, affected-target detection | me | skips ~70% of modules |",
        "| split the integration tests into 8 shards | build infra team | 22 min -> 6 min |",
        "| delete 3 legacy Jenkins jobs | me | less to maintain |", ""]))
    assert not mine(found, "split the integration tests")
    assert holding(found, "split the integration tests").person == "other"
    assert "from 22 min to 6 min" in holding(found, "split the integration tests").text
    assert mine(found, "deleted 3 legacy Jenkins jobs")
    assert mine(found, "affected-target detection")


def test_a_label_that_names_a_team_keeps_their_step_theirs() -> None:
    found = facts("Build\n\nProblem: the build was slow, 40 min.\n\n"
                  "- build infra team: split the integration tests into 8 shards\n"
                  "- platform team: moved the runners to arm64\n"
                  "- me: rewrote the cache keys\n")
    assert not mine(found, "split the integration tests")
    assert not mine(found, "moved the runners")
    assert mine(found, "rewrote the cache keys")


def test_a_reviewer_named_by_their_role_is_not_joined_to_the_writer_s_step() -> None:
    found = facts("android photo crash\n\n"
                  "- wrote a unit test with a huge fake jpeg so it can't regress\n"
                  "- my mentor ravi reviewed it and pointed out the avatar upload does the same"
                  " thing, so i fixed that too\n")
    assert not mine(found, "pointed out the avatar upload")
    assert mine(found, "wrote a unit test")


def test_quoted_commit_titles_under_my_prs_are_the_writer_s_steps() -> None:
    found = facts('payments webhook retries - my PRs, roughly in order\n\n'
                  '"fix: dedupe Stripe webhook events by event id"\n'
                  '"chore: add unique constraint on processed_events(event_id)"\n'
                  '"docs: webhook handling runbook"\n\n'
                  "Credits were applied twice when Stripe retried.\n")
    step = holding(found, "Stripe webhook events by event id")
    assert step.person == "I" and step.section == "action" and '"' not in step.text
    assert mine(found, "unique constraint")


@pytest.mark.parametrize(("line", "words"), [
    ("Ended at 11 min median, 19 min p95.", "11 min median"),
    ("Went live at all 6 sites in 7 weeks.", "all 6 sites"),
    ("Rolled out to all ~1,800 clinics.", "~1,800 clinics"),
    ("why: self-managed MySQL primary at ~80% disk, failovers took 20-30 min.", "MySQL primary"),
])
def test_what_a_thing_did_or_was_is_never_the_writer_s_step(line: str, words: str) -> None:
    found = facts(f"Migration\n\nI wrote the migration plan.\n\n{line}\n")
    assert not mine(found, words)
    assert holding(found, words).section != "action"


def test_a_staged_roll_out_stays_the_writer_s_step() -> None:
    found = facts("Flag rollout\n\nThe new checkout crashed on old phones.\n\n"
                  "- fixed the null check\n- rolled out to 5% then 50% then 100%\n")
    assert mine(found, "rolled out to 5%")


def test_an_outline_s_heads_are_headings_not_findings() -> None:
    text = "\n".join([
        "orders db migration", "",
        "inventory",
        "  I grepped every repo for the connection strings, found 11 services nobody listed.",
        "dual write (Feb)",
        "  orders team built the dual-write shim; I wrote the row-level diff job.", ""])
    notes = parse_notes(text)
    assert [b.heading for b in notes.blocks] == ["inventory", "dual write (Feb)"]
    found = facts(text)
    assert not any("dual write (Feb)" in s.text for s in found.sentences)
    assert not mine(found, "built the dual-write shim")


def test_fields_under_a_ticket_title_do_not_make_it_a_heading() -> None:
    notes = parse_notes("Tickets\n\n[PRIV] Write cross-org retention standard\n  owner: me\n"
                        "  why it matters: we never delete anything\n")
    assert not any("retention standard" in b.heading for b in notes.blocks)


def test_learning_more_from_it_is_a_lesson() -> None:
    found = facts("Flaky test\n\nI fixed the race in the checkout test.\n\n"
                  "I also learned more about our CI setup from this than from the onboarding doc.\n")
    assert holding(found, "learned more about our CI setup").section == "reflection"


# The level the writer states


@pytest.mark.parametrize(("text", "level"), [
    ("Sr SDE, ~6 yrs @ an online grocery co, TL on checkout (me + 4).", "Senior SDE"),
    ("Bug in playback.\n(context: senior SDE on playback infra, ~6 yrs in)\nIt broke.",
     "Senior SDE"),
    ("I'm one of 4 maintainers of corp-http. SDE2, maintaining it about a year on top of my"
     " team work.", "SDE2"),
    ("Me: research software engineer, roughly SDE2 level, 3 yrs on the HPC team.", "SDE2"),
    ("I ran the LIMS team for 4 years, then went back to IC -- principal eng now, no reports.",
     "Principal SDE"),
    ("I'm a Research Software Engineer I (basically junior, started last June).", "SDE1"),
])
def test_a_level_the_writer_states_of_themself_is_read(text: str, level: str) -> None:
    assert stated_level(text) == level


@pytest.mark.parametrize("text", [
    "Context: staff eng (Raj) proposed moving all clients to a new gateway. I own the BFF.",
    "Intern project, summer: Noor, offline eval harness for ranking\n\nI was her mentor.",
    "- Aisha — new grad, joined in Jan\n- I paired with her on search.",
])
def test_someone_else_s_level_is_not_the_writer_s(text: str) -> None:
    assert stated_level(text) is None


# More of whose deed a line holds


def test_a_group_s_finding_is_not_joined_to_the_writer_s_step() -> None:
    found = facts("Dashboard bug\n\nThe seller count jumped overnight.\n\n"
                  "| me | team |\n|---|---|\n"
                  "| traced the SQL lineage back 4 views | data-eng confirmed the DAG ran on time |\n"
                  "| pulled raw rows for 50 sellers | Marco checked the campaigns (none) |\n")
    assert mine(found, "traced the SQL lineage")
    assert mine(found, "pulled raw rows")
    assert not mine(found, "confirmed the DAG")
    assert not mine(found, "checked the campaigns")
    assert holding(found, "Marco checked the campaigns").person != "I"


def test_someone_s_earlier_deed_in_a_relative_clause_is_said_as_theirs() -> None:
    found = facts("Card declines\n\nTracked it to rule VEL-HIGH (velocity check) that the fraud"
                  " analysts had tightened that morning.\n")
    assert mine(found, "tracked it to rule VEL-HIGH")
    assert not mine(found, "tightened")
    assert holding(found, "had tightened it that morning").person != "I"


def test_a_date_and_clock_before_the_writer_s_step_is_its_time() -> None:
    found = facts("Double charge\n\nI was on-call that week.\n"
                  "Mar 4 09:40 - I pull Stripe logs, find 214 duplicate captures\n"
                  "Mar 4 10:05 - I flip the retry flag off; duplicates stop within ~10 min\n")
    step = holding(found, "flip the retry flag off")
    assert step.person == "I" and step.section == "action"


def test_a_weekday_column_before_a_step_or_a_person_s_deed() -> None:
    found = facts("Escalation log\n\nThe export timed out for big customers.\n\n"
                  "Tue        Found the export builds the whole file in memory. Rewrote it to"
                  " stream rows.\n"
                  "Wed        Jonas (my lead) reviewed. The team moved big exports to a job.\n")
    assert mine(found, "rewrote it to stream rows")
    assert not any("Wed" in s.text or "reviewed" in s.text and s.text.startswith("I ")
                   for s in found.sentences)


def test_a_plain_column_header_is_not_said_before_its_cell() -> None:
    found = facts("Peak prep\n\n| date | what happened | notes |\n|---|---|---|\n"
                  "| Oct 9 | I ran a load test at 1.5x last year's peak | app tier fine at ~55% CPU |\n")
    assert not any("what happened" in s.text.lower() or "notes app" in s.text.lower()
                   for s in found.sentences)
    assert mine(found, "ran a load test")


def test_tldr_inside_a_line_is_never_split_into_words() -> None:
    found = facts("SLO\n\nme  16:40\ndoc is up. tl;dr:\n- last 6 months actual: 99.93%\n")
    assert not any(s.text.strip(".").lower() in ("dr", "tl") for s in found.sentences)


def test_an_offer_is_not_a_step_with_i_before_it() -> None:
    found = facts("SLO\n\nme  10:24\nunderstood. let me bring data instead of just a no\n")
    assert not any(s.text.startswith("I let me") for s in found.sentences)


def test_an_indented_outline_reads_each_head_and_its_items() -> None:
    found = facts("\n".join([
        "EKS upgrade - platform",
        "  why",
        "    - control plane two minor versions behind",
        "  me",
        "    - ran pluto against every helm chart, found 37 manifests on removed APIs",
        "    - built a canary cluster and replayed 24h of prod traffic",
        "  others",
        "    - SRE ran the game day for the ingress controller", ""]))
    assert mine(found, "ran pluto against every helm chart")
    assert not any(s.text.rstrip(".").endswith(" others") for s in found.sentences)
    assert not mine(found, "game day")


def test_the_writer_s_role_and_ownership_are_the_task() -> None:
    found = facts("Kafka mandate\n\nSetting: platform group wanted every team on Kafka.\n"
                  "Me: tech lead for notifications, which had tight delivery guarantees.\n\n"
                  "Q: whose problem was it?\nA: technically not mine; Geo owns it. "
                  "I lead the logging platform.\n")
    assert holding(found, "tech lead for notifications").section == "task"
    assert holding(found, "tech lead for notifications").person == "I"
    assert holding(found, "I lead the logging platform").section == "task"


@pytest.mark.parametrize("line", [
    "Incident notes - cache stampede (my first page as primary on-call)",
    "- got assigned a small bug: ingest worker drops events",
])
def test_a_first_page_or_an_assigned_bug_points_at_sde1(line: str) -> None:
    assert level_scores(line)["SDE1"] >= 2

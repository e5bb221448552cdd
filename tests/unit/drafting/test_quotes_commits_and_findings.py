"""Whose words and deeds a line holds: a customer quoted whole, someone named with their team,
a relative clause or a clause after "but" that is someone else's, a conventional-commit log of
the writer's, a label over the writer's own clause; what a look into something found; the
level said in a heading's aside and shown by leading across teams; and sentences kept as
grammatical as the note was."""

from __future__ import annotations

from storygen.checks.rules.ownership import own002
from storygen.drafting.compose.offline import draft_offline
from storygen.drafting.extract.facts import extract_facts
from storygen.drafting.extract.phrasing import rewrite
from storygen.story.judge import level_scores
from storygen.story.notes import parse_notes

from .facts_helpers import facts, holding
from .facts_helpers import said_as_mine as mine


def _story(text: str) -> dict[str, str]:
    """Each card's strong example of the offline draft of ``text``."""
    notes = parse_notes(text)
    sections = draft_offline(notes, extract_facts(notes))["sections"]
    return {name: section["strong_example"] for name, section in sections.items()}


# Truth: others' deeds never told with the writer's "I"

def test_a_customer_quoted_whole_keeps_their_i() -> None:
    found = facts("\n".join([
        "Checkout address form", "",
        "Support forwarded a batch of tickets about the address step. Two that stuck with me:", "",
        '> "I typed my address three times and it kept correcting it. Gave up and bought it'
        ' in store."', "",
        "I own the checkout address component, so this was on me. I pulled the funnel data.",
        ""]))
    quoted = holding(found, "bought it in store")
    assert quoted.person == "other" and quoted.section != "action"
    assert not mine(found, "gave up")
    assert not mine(found, "typed my address")
    assert mine(found, "pulled the funnel data")


def test_a_name_that_ends_like_a_verb_then_their_team_is_a_person() -> None:
    found = facts("CI runner costs\n\n- I moved the cache to S3.\n"
                  "  - Ahmed on infra team set up the lifecycle policy so the cache stays small\n")
    assert not mine(found, "lifecycle policy")
    assert holding(found, "Ahmed on infra team").person == "other"


def test_someone_else_s_clause_after_but_or_in_a_relative_clause_is_said_as_theirs() -> None:
    found = facts("Payments outage\n\nThe runbook said escalate to platform, and I did page them,"
                  " but their secondary didn't pick up for 40 minutes.\n\n"
                  "I drafted the in-app apology message that support sent out.\n")
    assert mine(found, "did page them")
    assert not mine(found, "didn't pick up")
    assert mine(found, "drafted the in-app apology message")
    assert not mine(found, "sent")
    assert holding(found, "Support sent it out").person == "other"


def test_a_subjectless_line_after_someone_unnamed_stays_theirs() -> None:
    found = facts("AWS bill\n\n- someone had switched the solver jobs to on-demand in July. "
                  "never switched back\n- I moved them back to spot.\n")
    assert not mine(found, "switched back")
    assert mine(found, "moved them back to spot")


def test_a_thing_that_fails_now_and_then_is_no_step_of_the_writer_s() -> None:
    found = facts("flaky test hunt\n\n- failed ~1 in 15 CI runs, always between 23:00 and 01:00 "
                  "UTC\n- I read the runner config and found the fixture used UTC\n")
    assert not mine(found, "failed ~1 in 15")
    assert mine(found, "read the runner config")


def test_a_finding_naming_someone_else_s_deed_is_not_joined_to_the_writer_s_step() -> None:
    found = facts("Logging bill\n\n"
                  "- Set retention to 30 days on every log group. Older data goes to cold storage"
                  " via the export job Marco already had running.\n")
    assert mine(found, "set retention to 30 days")
    assert not mine(found, "Marco already had running")
    found = facts("Double charge\n\n- I write short design doc and review with mobile team.\n"
                  "- Mobile team (Kenji) change the app to send the key.\n")
    assert not mine(found, "change the app")


# Reading the writer's own lines

def test_a_conventional_commit_log_of_the_writer_s_is_told_as_their_commits() -> None:
    found = facts("\n".join([
        "flaky tests", "", "my commits (git log --format=%s, trimmed):", "",
        "  test: add repeat harness (50 runs) to surface flaky tests locally",
        "  test(orders): replace fixed sleeps with polling on order status",
        "  fix(inventory): real race in reserveStock, two requests could double-reserve", ""]))
    assert mine(found, "repeat harness")
    assert mine(found, "replace fixed sleeps with polling")
    assert holding(found, "replace fixed sleeps").section == "action"
    assert not any(" said: " in s.text for s in found.sentences)


def test_a_label_over_the_writer_s_clause_leaves_it_theirs_and_passes_the_subject_check() -> None:
    assert rewrite("Decision: I argued for B.", None).person == "I"
    assert rewrite("Coordination: I set up a working group.", None).person == "I"
    assert rewrite("Priya: I will do it.", None).person == "other"
    assert own002.text_check is not None
    assert list(own002.text_check("Decision: I argued for option B.", "Action")) == []
    assert list(own002.text_check("Decision: the team chose option B.", "Action"))


def test_found_it_on_a_timeline_is_the_writer_s_finding_not_a_speaker() -> None:
    found = facts("cert day\n\n06:40 paged. TLS handshake errors.\n"
                  "07:05 found it: intermediate cert on the eu ingress expired overnight.\n")
    finding = holding(found, "intermediate cert on the eu ingress")
    assert finding.text == "At 07:05 I found it: intermediate cert on the eu ingress expired " \
                           "overnight."
    assert finding.section == "action"
    assert not any(" said: " in s.text for s in found.sentences)


def test_what_a_trace_showed_while_something_else_ran_is_what_the_step_found() -> None:
    found = facts("\n".join([
        "flaky test", "", "I wanted to understand why it flaked, so:",
        "- I read the man page and traced the process.",
        "- The trace showed the service reading its config while the fixture was still writing"
        " it: a partial read.",
        "- I changed the fixture to write atomically.", ""]))
    assert mine(found, "a partial read")
    assert holding(found, "wanted to understand").text == "I wanted to understand why it flaked."


def test_nobody_owning_it_is_both_the_context_and_the_task_s_boundary() -> None:
    cards = _story("\n".join([
        "Cost cleanup", "",
        "Our EMR line had crept to ~$38K/month, almost all of it from the hourly Spark job. "
        "Nobody owned the cost. I asked my manager if I could take it on this quarter.", "",
        "I moved the job to spot instances and cut the schedule to every 3 hours.", "",
        "EMR cost went from ~$38K/month to ~$9K/month.", ""]))
    assert "Nobody owned the cost" in cards["situation"]
    assert "Nobody owned the cost" in cards["task"]


def test_a_note_about_writing_the_notes_is_not_part_of_the_story() -> None:
    found = facts("cert expiry\n(writing this up for the retro + for my own records)\n\n"
                  "02:51 I picked it up.\n")
    assert not any("writing this up" in s.text for s in found.sentences)


def test_an_idiom_at_the_end_of_a_line_keeps_its_last_word() -> None:
    found = facts("exports\n\n- we already had 4 customer-specific forks, and each of them broke "
                  "every quarter or so\n")
    assert holding(found, "every quarter").text.endswith("every quarter or so.")


# Level

def test_a_level_said_in_a_heading_s_aside_is_the_writer_s() -> None:
    found = facts("\n".join([
        "flaky tests - my side project", "",
        "- what I did (junior, so I kept it to our service's suite)",
        "  - wrote a script to re-run the suite 50x overnight",
        "  - fixed the 14 myself", ""]))
    assert found.level == "SDE1"


def test_leading_it_across_named_teams_is_senior_reach() -> None:
    led = level_scores("I was leading it across orders, billing and the reporting team.")
    plain = level_scores("I was working on it with the reporting team.")
    assert led.get("Senior SDE", 0) > plain.get("Senior SDE", 0)
    touched = level_scores("Three teams touch it (RAN eng, NOC tooling, us). I'm leading it.")
    assert touched.get("Senior SDE", 0) >= 4


def test_one_phrase_two_cues_match_counts_once_in_full() -> None:
    once = level_scores("I asked for 24h before we committed (my lead said ok).")
    assert once.get("SDE1", 0) < 6


def test_a_label_over_a_clause_is_kept_as_a_label_not_made_into_was() -> None:
    said = rewrite("My part: it wasn't my week on release duty, but the cart sync was my feature.",
                   None).text
    assert said.startswith("My part: it wasn't my week")
    assert "My part was it" not in said
    assert rewrite("the plan: move reads first", None).text == "The plan was to move reads first."


def test_it_wasn_t_my_task_is_the_task_s_scope_boundary() -> None:
    cards = _story("\n".join([
        "Flaky suite", "",
        "The integration suite failed ~1 in 5 runs. Everyone just hit re-run. It wasn't my task "
        "(I was on the notifications feature) but it was costing me ~30 min a day.", "",
        "I asked my lead if I could spend part of the sprint on it.", "",
        "I wrote a script to pull the last 500 CI runs and fixed the 4 worst tests.", "",
        "Failures went from ~20% of runs to under 2%.", ""]))
    assert "It wasn't my task" in cards["task"]


def test_a_label_that_names_the_writer_s_finding_or_decision_is_said_as_theirs() -> None:
    assert rewrite("What I saw: the gain came mostly from head queries.", None).text == \
        "I saw: the gain came mostly from head queries."
    assert rewrite("Decision I made: active-passive with regional failover.", None).text == \
        "I made a decision: active-passive with regional failover."
    assert rewrite("Hypothesis I pitched: pair with the sister site.", None).text == \
        "I pitched a hypothesis: pair with the sister site."
    assert rewrite("What I pushed for + did: wrote the case for a safety metric.", None).text == \
        "I wrote the case for a safety metric."
    # the filler "what I did was" still goes
    found = facts("sensor noise\n\nso um what I did was I pulled the raw uplink frames from the "
                  "gateway logs.\n")
    assert mine(found, "pulled the raw uplink frames")

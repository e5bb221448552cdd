"""Whose each line is: lines tagged "[my bit]" / "[their bit]", two people acting together,
a turn against the writer's step, a step after "so at 09:36", a meeting that is no lesson, and
a possessive that is no team."""

from __future__ import annotations

from storygen.drafting.extract.phrasing import rewrite

from .facts_helpers import facts, holding
from .facts_helpers import said_as_mine as mine

TAGGED = """signing-link expiry thing. new grad on the notifications squad, my mentor is Gabe.

[their bit] support had already promised the customer a fix before anyone looked.
[my bit] took the ticket, found the reminder emails were scheduled after the links expired.
[my bit] fix: reminder links now mint a fresh token at send time. ~60 lines + tests.
[their bit] Gabe reviewed, security (Nadia) checked the token change didn't widen the window.
[my bit] asked Rosa if I could join the customer call.
"""


def test_lines_tagged_as_theirs_are_never_the_writers() -> None:
    found = facts(TAGGED)
    assert mine(found, "took the ticket")
    assert not mine(found, "Gabe reviewed") and not mine(found, "security (Nadia) checked")
    assert not mine(found, "promised the customer")
    assert "[my bit]" not in " ".join(s.text for s in found.sentences)


def test_two_people_acting_together_are_not_what_the_writers_step_found() -> None:
    found = facts("- pm wanted offline lessons in 6 wks; plan was to cache whole bundles\n"
                  "- i pushed for slim bundles. wrote a 1 pager w/ the storage numbers, showed "
                  "it in design review\n"
                  "- ravi + joanne heard it out, said the timeline didn't allow a split pipeline\n"
                  "- I said ok and built the download manager myself\n")
    assert not mine(found, "heard it out")
    found = facts("- I pulled 90 days of access logs and found 3 accounts + 0 real exposure.\n"
                  "- legal + compliance (Greg) decided no customer notification needed\n")
    assert not mine(found, "decided no customer notification")


def test_a_turn_against_the_writers_step_is_said_on_its_own() -> None:
    found = facts("I ran the load sim on low-end laptops. But it was their call and the cost "
                  "argument was real. I said ok and built the download manager.\n")
    assert not mine(found, "their call")
    assert holding(found, "their call").text.startswith("But it was their call")
    found = facts("- I ran the load sim on low-end laptops\n- however the cost argument was "
                  "real\n- I said ok and built the download manager\n")
    assert not mine(found, "cost argument")


def test_a_step_after_so_and_a_time_is_the_writers_own_sentence() -> None:
    found = facts("Nobody answered the first page. The preview flag is a kill switch, totally "
                  "reversible, so at 09:36 I flipped it off myself and posted in #inc-trading "
                  "what I did.\n\n09:41 rejects stopped.\n")
    step = holding(found, "flipped it off myself")
    assert step.text.startswith("So at 09:36 I flipped it off myself")
    assert step.section == "action"
    assert "kill switch" not in step.text


def test_a_meeting_that_opens_a_paragraph_is_no_lesson() -> None:
    found = facts("3/14 design review for the new noise filter. Alicia's plan: run the model "
                  "client-side for everyone. I pushed back in the review with our telemetry.\n")
    assert holding(found, "design review for the new noise filter").section != "reflection"
    assert holding(found, "pushed back in the review").section != "reflection"


def test_a_plan_labelled_with_a_name_keeps_the_name_as_written() -> None:
    assert rewrite("Alicia's plan: run the model client-side", None).text == \
        "Alicia's plan was to run the model client-side."
    assert rewrite("vendor's plan: run the model client-side", None).text == \
        "The vendor's plan was to run the model client-side."


def test_a_possessive_our_gives_no_subject_to_the_next_fragment() -> None:
    found = facts("3/14 design review for the new noise filter. I pushed back in the review — "
                  "our own telemetry says ~22% of web sessions are on slow machines, and the "
                  "prototype ate 18-25% CPU on my old test laptop. said we'd see choppy video "
                  "on exactly the users who complain least. Wrote it up in the doc w/ the "
                  "numbers.\n")
    assert mine(found, "wrote it up in the doc")


def test_a_purpose_with_we_stays_with_the_writers_step() -> None:
    found = facts("- built a dual-write path and a shadow-read comparison so we could cut over "
                  "safely\n- I wrote the script, so we ran it over the weekend\n")
    assert mine(found, "so we could cut over safely")
    assert not any(s.text.startswith("We could") for s in found.sentences)
    assert holding(found, "ran it over the weekend").person == "we"


PEOPLE = """Context: senior eng, I lead the 5-person integrations team.

## Bongani
- joined ~1 yr ago, was carrying way more pages than anyone
- he didn't complain. I only noticed b/c I pulled the PagerDuty report. talked to him one-on-one

## Me
- redid the rotation so nobody is primary more than one week in five
- Bongani + me paired on 4 sessions recording the runbook

## Sasha & Min
- took the card processor training and joined the rotation by month two. honestly they did the
  hard part

## Kafka
- bumped the partitions to 48
"""


def test_lines_under_a_heading_naming_people_are_theirs_and_the_writers_stay_the_writers() -> None:
    found = facts(PEOPLE)
    assert holding(found, "took the card processor training").text.startswith(
        "Sasha & Min took the card processor training")
    assert holding(found, "joined ~1 yr ago").text.startswith("Bongani joined ~1 yr ago")
    assert not mine(found, "card processor training") and not mine(found, "joined ~1 yr ago")
    assert mine(found, "talked to him one-on-one")  # after "I only noticed", the writer's again
    assert mine(found, "redid the rotation")
    assert mine(found, "bumped the partitions")  # a heading naming a system names no person


def test_someone_elses_work_is_never_what_the_writers_step_found() -> None:
    found = facts("- I put the repro video in front of the QA lead\n"
                  "- the fix itself was Priya's (she zeroes the rate struct on reset)\n"
                  "- I rewrote the eleven watchdog tests\n")
    assert not mine(found, "the fix itself was Priya's")


def test_an_ellipsis_inside_an_unfinished_clause_is_a_pause() -> None:
    found = facts("- wrote a HIL test that stalls the loop -> on 1 in ~40 runs the pump resumed "
                  "w/ stale rate instead of going to safe state. that is... bad\n")
    text = " ".join(s.text for s in found.sentences)
    assert "that is; bad" not in text and "that is... bad" in text.lower()

"""Note shapes met on fresh notes: an incident's "who | what | when" table, a self-review form
with bold questions, a 1:1 typed up as "Mgr:" / "Me:", lines tagged with initials, a support
ticket's escalation thread, a list of mistakes each with what the writer did about it, a
message pasted inside a code fence, a story told as "you", and the doers a clause names after
the writer's step ("platform team (Siobhan's) officially took it in Jan")."""

from __future__ import annotations

from storygen.drafting.extract.phrasing import holds_their_clause, rewrite
from storygen.story.kb import section_for_heading
from storygen.story.notes import parse_notes

from .facts_helpers import facts, holding, said_as_mine

INCIDENT_TABLE = """cert expiry on the upload edge

| who | what | when |
|---|---|---|
| pager | alert: upload failures 12% and climbing | 06:10 |
| me (primary) | ack, checked dashboards, saw handshake errors on the edge host | 06:12 |
| me | cert expired at 06:05 | 06:20 |
| Rasmus (secondary) | opened vendor ticket, their SLA is 4h | 06:22 |
| me | didn't wait. issued a cert from our internal CA and uploaded it myself | 06:25-06:40 |
| Odile (support lead) | published the status page | 06:30 |
"""


def test_an_incident_table_tells_each_row_by_its_doer_never_as_their_words() -> None:
    found = facts(INCIDENT_TABLE)
    said = " ".join(s.text for s in found.sentences)
    assert "said:" not in said  # a row is what someone did, not what they said
    assert "Me:" not in said and "me (primary)" not in said
    assert holding(found, "acked, checked dashboards").person == "I"
    assert said_as_mine(found, "issued a cert from our internal CA")
    # someone else's row keeps their name as its subject; a row of what the writer saw
    # stays what was seen, never "I did this part: cert expired"
    assert holding(found, "opened vendor ticket").text.startswith("Rasmus (secondary) opened")
    assert not said_as_mine(found, "vendor ticket")
    assert not said_as_mine(found, "status page")
    assert not said_as_mine(found, "cert expired at")


SELF_REVIEW = """mid-year self review draft

**What was your impact?**
owned the quarterly tax table update end to end. shipped Dec 28, zero rate tickets in Jan.

**How did you collaborate?**
Priyanka ran comms with the top accounts. we added 60ish test employees.

**What would you change?**
started too late honestly. I should have done the early states in parallel.
"""


def test_a_self_review_form_s_bold_questions_each_open_the_card_they_ask_about() -> None:
    found = facts(SELF_REVIEW)
    assert holding(found, "zero rate tickets").section == "result"
    # the answer to "What would you change?" is the lesson, not more of the result
    assert holding(found, "started too late").section == "reflection"
    assert holding(found, "early states in parallel").section == "reflection"
    assert "**" not in " ".join(s.text for s in found.sentences)


def test_a_question_of_what_would_be_done_is_answered_with_a_lesson_not_a_deed() -> None:
    found = facts("Q: what did I actually do?\nA: pulled 600 real forms and ran both systems "
                  "blind.\n\nQ: what would I do diff?\nA: build the eval set before any vendor "
                  "talks.\n")
    lesson = holding(found, "build the eval set")
    assert lesson.section == "reflection"
    assert not said_as_mine(found, "I built the eval set")  # never told as done


def test_a_question_about_what_the_team_picked_makes_no_answer_the_writer_s_part() -> None:
    found = facts("Q: what did I actually do?\nA: ran both systems on 600 forms.\n\n"
                  "Q: so what did we pick?\nA: hybrid. vendor for clean uploads, ours for faxes.\n")
    assert not said_as_mine(found, "hybrid")


ONE_ON_ONE = """catchup w/ my manager thurs

Mgr: so walk me through why you blocked the launch
Me: I didnt block it exactly. I own the checkout backend, so if it falls over thats my pager too.
Mgr: what did you actually propose
Me: 2 days. run k6 against staging at 2x last peak, and ramp prod behind the flag
Mgr: and then?
Me: I wrote the circuit breaker that night. at 25% promo latency spiked, breaker tripped, checkout kept working
"""


def test_a_one_on_one_typed_up_leaves_the_manager_s_questions_out() -> None:
    found = facts(ONE_ON_ONE)
    said = " ".join(s.text for s in found.sentences)
    assert "Mgr" not in said and "walk me through" not in said and "Me:" not in said
    assert holding(found, "I own the checkout backend").section == "task"
    assert said_as_mine(found, "I wrote the circuit breaker")


def test_what_the_writer_proposed_is_said_as_proposed_never_as_done() -> None:
    found = facts(ONE_ON_ONE)
    proposal = holding(found, "run k6 against staging")
    assert proposal.text.startswith("I proposed:")
    assert proposal.section == "action"
    assert not said_as_mine(found, "I ran k6")


INITIALS = """me = JK
pick-path rollout at the north DC

context: new pick ordering on the scanners, ops were burned by the last change. the rollout plan was mine (JK)

- wrote the rollout plan: one zone, one shift, ops can kill it from their console (JK)
- walked the floor for 2 shifts with the shift lead, ~30 complaints written down (JK)
- scanner build + flag plumbing (PR)
- data pipeline for pick times per order (LM)
- week 1 numbers looked great, 14% fewer meters walked (JK)
- told the shift lead the same day that my metric had a bug (JK)
- LM rebuilt the dashboard off raw scan events (LM)
"""


def test_lines_tagged_with_the_writer_s_initials_are_theirs_and_the_others_are_not() -> None:
    found = facts(INITIALS)
    assert said_as_mine(found, "I wrote the rollout plan")
    assert said_as_mine(found, "I walked the floor")
    for theirs in ("scanner build", "data pipeline for pick times", "rebuilt the dashboard"):
        assert not said_as_mine(found, theirs), theirs
    # a line that says how things went is no part of the work ("I did this part: week 1 ...")
    assert not said_as_mine(found, "numbers looked great")
    said = " ".join(s.text for s in found.sentences)
    assert "(JK)" not in said and "(me)" not in said and "LM: LM" not in said


ESCALATION = """pasting the ticket thread. my replies marked ME.

--- [Support — Tomasz]
Customer says the payroll export spins forever. Cleared cache, tried two browsers. Escalating.

--- [Support Eng — Ngozi]
Reproduced on their tenant. request times out at 60s at the LB. Sending to reporting eng.

--- ME
looking. query plan shows a seq scan on the pay lines table, the cast in the ORM filter skips the index.

--- ME (later)
fix: removed the cast, added a regression test with a 5k-employee fixture. export now ~7s.
"""


def test_an_escalation_thread_keeps_each_tier_s_steps_theirs() -> None:
    found = facts(ESCALATION)
    for theirs in ("Reproduced on their tenant", "Cleared cache", "tried two browsers"):
        assert not said_as_mine(found, theirs), theirs
    assert said_as_mine(found, "removed the cast")


MISTAKES = """push opt-in prompt: what I got wrong

mistakes i made:
1. showed the prompt on app start. hadn't read the research doc. -> read it end to end, \
moved the trigger to the order-confirmed screen, asked the researcher for 30 min
2. hardcoded strings, broke two locales. -> learned the string pipeline, wrote a lint rule
"""


def test_what_the_writer_did_about_a_mistake_is_told_as_done_not_as_a_wish() -> None:
    found = facts(MISTAKES)
    assert said_as_mine(found, "I read it end to end, moved the trigger")
    assert not said_as_mine(found, "I would read it")
    said = " ".join(s.text for s in found.sentences)
    assert ".." not in said and "->" not in said


def test_a_lesson_with_an_aside_in_the_past_stays_a_lesson() -> None:
    found = facts("what I'd do differently: ask earlier for support access, lost a day "
                  "waiting on that\n")
    assert not said_as_mine(found, "I asked earlier")


def test_a_message_pasted_in_a_fence_is_read_and_code_in_a_fence_is_not() -> None:
    notes = parse_notes("first on-call week, printers broke at night\n\n"
                        "- paused the rollout, rolled back cohort B\n"
                        "- wrote the handoff, pasting it here:\n\n"
                        "```\n@Ruairi handoff (06:40)\n"
                        "- printer firmware incident: cohort B rolled back, printing recovered "
                        "on 131 of 140 stores\n"
                        "- I added a panel for printer error rate to the kiosk dashboard\n```\n\n"
                        "```\nERROR o.t.gateway.Handler - submit failed\n"
                        "java.util.concurrent.RejectedExecutionException: Task rejected\n```\n")
    text = " ".join(b.text for b in notes.blocks)
    assert "panel for printer error rate" in text and "131 of 140 stores" in text
    assert "RejectedExecutionException" not in text


def test_a_story_told_as_you_in_lower_case_is_told_as_the_writer_s() -> None:
    found = facts("you're primary on-call that week. you get paged at 2:40am. you restart 3 "
                  "pods bc that's what the runbook says. nothing. so you stop following the "
                  "runbook. you page the platform on-call bc you dont own the image. next day "
                  "you dont stop there. you write a tiny exporter for conntrack usage.\n")
    assert said_as_mine(found, "I restart 3 pods")
    assert said_as_mine(found, "I write a tiny exporter")
    said = " ".join(s.text for s in found.sentences)
    assert "bc I dont own the image" in said and "you dont" not in said


def test_a_group_named_after_the_writer_s_step_is_said_apart_from_it() -> None:
    assert holds_their_clause("wrote the handoff doc, platform team (Siobhan's) officially took "
                              "it in Jan")
    assert holds_their_clause("daily sync w/ Anneliese, their svc landed 5 days before launch")
    # a thing that opens on a capital is no person: "Job silently skipped any batch"
    assert not holds_their_clause("dug in: Job silently skipped any batch that hit the timeout")


def test_a_step_someone_else_is_named_as_doing_is_not_the_writer_s() -> None:
    found = facts("- last step: cut over the claims portal, the final holdout. Lucinda's team "
                  "ran it, I was on the bridge\n"
                  "- wrote the codemod; service teams ran it themselves\n")
    assert not said_as_mine(found, "cut over the claims portal")
    assert said_as_mine(found, "I wrote the codemod")  # what they ran was the thing made


def test_a_step_keyed_by_a_field_is_the_writer_s_and_not_done_to_the_work() -> None:
    found = facts("i was on call and took it. pulled consumer metrics per partition. fixes: "
                  "rekeyed by courier_id, moved cache warmup to 4am.\n")
    step = holding(found, "rekeyed by courier_id")
    assert step.text.startswith("I rekeyed")
    assert step.section == "action"


def test_a_timeline_entry_that_spans_a_range_of_times_is_its_own_step() -> None:
    found = facts("22:15 - pinged my manager in slack so someone knew. she said go\n"
                  "22:20-23:05 - rotated in staging first, then prod, pod by pod\n")
    assert said_as_mine(found, "I rotated in staging first")
    assert not any("22:20-23:05" in s.text for s in found.sentences if "pinged" in s.text)


def test_a_part_given_as_an_aim_is_the_task() -> None:
    found = facts("what broke: keyboard users couldn't move between days.\n"
                  "my part: get it fixed, and make it right w/ the people it hurt.\n")
    aim = holding(found, "get it fixed")
    assert aim.text.startswith("My part was to get it fixed")
    assert aim.section == "task"


def test_a_call_that_is_itself_the_step_is_no_claim_on_the_task() -> None:
    said = rewrite("decided to rotate it myself", "action").text
    assert said == "I decided to rotate it myself."
    found = facts("22:10 - decided to roll back the config myself. reasoning: reversible\n")
    assert "claim" not in holding(found, "decided to roll back").cues


def test_an_outcome_after_a_fix_is_not_what_the_fix_found() -> None:
    found = facts("- three causes: ad slot w/ no reserved height, hero image w/o attrs\n"
                  "- fixed image attrs myself (small PR). for the ad slot wrote up a proposal, "
                  "Wen reviewed + helped me get it past the ads team. Gabriela picked a "
                  "fallback font\n"
                  "- CLS went to 0.06 on mobile. search console moved ~2,300 URLs to good\n"
                  "- did a 15 min lunch-and-learn on it\n")
    assert holding(found, "CLS went to 0.06").section == "result"
    assert not said_as_mine(found, "CLS went to")


def test_an_aside_that_ends_in_an_exclamation_keeps_one_ending() -> None:
    found = facts("result: finance stopped keeping their own shadow sheet (they had been doing "
                  "that for a year!!)\n")
    assert holding(found, "for a year").text.endswith("year!!")


def test_headings_in_more_languages_name_their_cards() -> None:
    for heading, section in [("Kyrdaal", "situation"), ("Emne kyldym", "action"),
                             ("Khulosa", "reflection"), ("Lotphol", "result"),
                             ("Hawsha", "task"), ("Into endiyenzileyo", "action"),
                             ("Úrslit", "result"), ("Wat ik leard haw", "reflection"),
                             ("Fixes", "action")]:
        assert section_for_heading(heading) == section, heading


def test_what_changed_asks_for_the_result() -> None:
    found = facts("**What was the fix?**\ninjected a clock instead of the static one.\n\n"
                  "**What changed?**\ntest hasn't flaked since.\n")
    changed = holding(found, "flaked since")
    assert changed.section == "result"
    assert not changed.text.startswith("I ")


def test_a_look_named_by_its_verb_alone_keeps_what_it_found() -> None:
    found = facts("- ticket got assigned to me\n"
                  "- checked: 41 clinics in AZ, 17 had Denver set\n"
                  "- benchmarked: throughput went from ~90K to ~210K msgs/sec\n")
    assert said_as_mine(found, "I checked: 41 clinics in AZ")
    assert not said_as_mine(found, "throughput went from")  # an outcome, said on its own


def test_what_the_writer_pushed_for_is_said_with_their_own_verb() -> None:
    found = facts("on-call health\n\nwhat I pushed:\n"
                  "- page budget per team. going over triggers a reliability sprint\n"
                  "- comp day after any night with >2 pages\n")
    for item in ("page budget per team", "comp day after any night"):
        pushed = holding(found, item)
        assert pushed.text.startswith("I pushed for: ")
        assert pushed.section == "action"


def test_the_writer_s_role_in_a_table_row_is_kept() -> None:
    found = facts(INCIDENT_TABLE)
    assert holding(found, "acked, checked dashboards").text.startswith("As primary, I acked")


def test_an_outcome_fragment_with_a_comma_is_not_turned_around() -> None:
    found = facts("result: hired 2, both ramped fast. the new grad got promoted.\n")
    hired = holding(found, "hired 2")
    assert hired.text.startswith("Hired 2, both ramped fast")
    assert "were hired" not in hired.text and not hired.text.startswith("I ")


def test_a_thing_given_is_no_step_of_the_writer_s() -> None:
    # an item of a charter under the writer's steps: "time" is no verb here
    said = rewrite("time off in lieu after a rough night, automatic, no asking", "action")
    assert said.person != "I" and not said.text.startswith("I timed")


def test_an_arrow_before_a_state_claims_no_cause() -> None:
    found = facts("- wrote a release checklist + a device matrix\n"
                  "-> crash-free users back to 99.6% after 2 releases\n")
    outcome = holding(found, "back to 99.6%")
    assert "led to" not in outcome.text and outcome.text.startswith("Crash-free users")

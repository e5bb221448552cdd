"""Note shapes met on fresh notes: "Hypothesis / Test / Result" trials, timelines labelled with
day ranges ("Wed-Fri —"), run-on paragraphs that go from how a thing stands to the writer's
next step, requirement lists ("non-negotiables for me:"), questions answered on one line
("what would you do differently? -> ..."), a thing named before the writer's clause ("Those 6 -
I dug in"), and the levels others hold ("team lead Aurelio was on a flight")."""

from __future__ import annotations

from storygen.drafting.extract.phrasing import clauses, other_actor, rewrite
from storygen.story.judge import stated_level
from storygen.story.notes import parse_notes

from .facts_helpers import facts, holding, said_as_mine

TRIALS = """checkout slowness, investigation log. I'm the senior on checkout so I took it.

Hypothesis: payment gateway got slower
Test: compared gateway client spans before/after the catalog load in tracing
Result: no. gateway flat at ~180ms

Hypothesis: GC pauses from the bigger catalog
Test: Denis turned on GC logging on a canary, I read the logs w/ him
Result: some longer pauses (~40ms) but nowhere near a second

Hypothesis: it's only the cache size
Test: bumped cap to 4096 on canary
Result: ~650ms. better, not fixed
"""


def test_a_trial_step_with_no_subject_is_the_writers_and_keeps_no_label_as_a_name() -> None:
    found = facts(TRIALS)
    assert said_as_mine(found, "compared gateway client spans")
    assert said_as_mine(found, "bumped cap to 4096")
    # never "Test compared ...": the label is no person
    assert not any(s.text.startswith(("Test compared", "Test bumped")) for s in found.sentences)
    # someone named under the label keeps their step
    assert holding(found, "turned on GC logging").person == "other"
    for label in ("Experiment", "Attempt 2", "Tried"):
        said = rewrite(f"{label}: bumped cap to 4096 on canary", None).text
        assert said == "I bumped cap to 4096 on canary.", said


TIMELINE = """Timeline
- Tue 09:30 — I say I'll look. nobody else picks it up
- Tue 14:20 — reran by hand on a bigger VM
- Wed-Fri — rewrote to stream in batches of 50k, moved it into Airflow
- following Tue — registered it in the service catalog under my team, wrote the runbook
"""


def test_day_ranges_and_following_days_are_labels_of_their_line() -> None:
    notes = parse_notes(TIMELINE)
    texts = [b.text for b in notes.blocks]
    assert "rewrote to stream in batches of 50k, moved it into Airflow" in texts
    assert any(t.startswith("registered it in the service catalog") for t in texts)
    found = facts(TIMELINE)
    # the next line's label is never glued to the step before it
    assert not any("following Tue" in s.text or s.text.startswith("Wed-Fri")
                   for s in found.sentences)
    assert said_as_mine(found, "registered it in the service catalog")


def test_a_step_done_by_hand_is_the_writers_and_one_done_by_someone_is_not() -> None:
    assert rewrite("reran by hand on a bigger VM", "action").text \
        == "I reran by hand on a bigger VM."
    assert rewrite("rejected by app review", "action").person != "I"


def test_where_a_measure_stood_after_the_step_is_said_apart() -> None:
    assert clauses("flipped the flag to 0% at 10:09, errors back to baseline in ~2 min") \
        == ["flipped the flag to 0% at 10:09", "errors back to baseline in ~2 min"]
    assert clauses("So I posted in #incident what I did, errors back to baseline in ~2 min") \
        == ["So I posted in #incident what I did", "errors back to baseline in ~2 min"]
    # a measure that is the thing the step moved stays with it
    assert len(clauses("moved the p99 alarm to 300ms, the old one at 1s")) == 1


RUN_ON = ("friday on-sale, I was secondary on-call, dashboard showed the errors lined up exactly "
          "with the new seat-map flag we'd ramped to 50% that morning, runbook says secondary "
          "can flip flags but during an on-sale needs IC approval, paged the IC (Roisin) and got "
          "nothing for 4 min, meanwhile sections were selling out so I flipped the flag to 0% at "
          "10:09 and posted in #incident exactly what I did, errors back to baseline in ~2 min, "
          "Roisin came on at 10:13\n")


def test_a_step_after_how_a_thing_stands_is_cut_from_it_and_is_the_writers() -> None:
    found = facts(RUN_ON)
    assert holding(found, "paged the IC").text \
        == "I paged the IC (Roisin) and got nothing for 4 min."
    assert holding(found, "runbook says").person == "other"
    # what went on meanwhile is no finding of the step
    assert holding(found, "sections were selling out").text.startswith("Meanwhile")
    assert holding(found, "back to baseline in ~2 min").person == "other"


REQUIRED = """owned the new date picker end to end. PM Colette wanted it live for the campaign.

non-negotiables for me:
- keyboard nav + screen reader support
- no layout shift. old picker was causing CLS ~0.25 on the mobile search page

requirements
- no downtime during the cutover
"""


def test_what_the_work_was_held_to_is_said_under_its_lists_name_in_the_task() -> None:
    found = facts(REQUIRED)
    held = holding(found, "no layout shift")
    assert held.text == "Non-negotiables for me: no layout shift."
    assert held.section == "task"
    # never told as an outcome: "There was no downtime during the cutover."
    assert holding(found, "no downtime").text == "Requirements: no downtime during the cutover."
    assert not any(s.text.startswith("There was no") for s in found.sentences)
    # the item's second sentence is placed by what it says
    assert holding(found, "CLS ~0.25").section != "task"


ASKED = """Questions an interviewer might ask:
- what would you do differently? -> start w/ the mainframe boundary earlier
- how did you measure success? -> MTTR on cross-team incidents, not % adoption
"""


def test_a_question_answered_on_its_line_gives_its_answer_only() -> None:
    notes = parse_notes(ASKED)
    texts = [b.text for b in notes.blocks]
    assert "start w/ the mainframe boundary earlier" in texts
    assert any(b.section == "reflection" for b in notes.blocks if b.text.startswith("start w/"))
    found = facts(ASKED)
    # never "This led to MTTR ...": no arrow becomes a cause
    assert not any("led to" in s.text or "?" in s.text for s in found.sentences)


def test_a_thing_named_before_a_dash_then_the_writers_clause_is_theirs() -> None:
    said = rewrite("Those 6 - I dug in.", None)
    assert (said.text, said.person) == ("Those 6: I dug in.", "I")
    assert rewrite("We tried - I pushed back", None).person == "we"


def test_a_clause_of_the_writers_after_their_colon_is_a_sentence_of_its_own() -> None:
    assert clauses("I decide to actually track it: I add a tag to every rerun in CI") \
        == ["I decide to actually track it", "I add a tag to every rerun in CI"]
    # "two things:" names what follows; it is not cut from it
    assert len(clauses("I did two things: I wrote the doc and I ran the pilot.")) == 1
    assert clauses('got asked "why now", my answer was the churn data Pilar\'s team had') \
        == ['got asked "why now"', "my answer was the churn data Pilar's team had"]


def test_a_tools_name_is_never_made_a_verb() -> None:
    said = rewrite("LeakCanary on a debug build: WorkoutActivity retained after finish()",
                   "action")
    assert "leakcanaried" not in said.text.lower()
    assert said.text.startswith("LeakCanary on a debug build")
    assert rewrite("load the map once", "action").text == "I loaded the map once."


def test_the_thing_done_myself_is_the_writers_step() -> None:
    assert rewrite("Inventory of every call site, did it myself w/ grep + traffic logs",
                   "action").text \
        == "I did the inventory of every call site myself w/ grep + traffic logs."
    # with no "I" and no "myself", nobody is said to have done it
    assert rewrite("the migration, ran it over the weekend", "action").person != "I"


def test_other_things_the_writer_did_are_their_steps() -> None:
    said = rewrite("Other stuff I did: built the crash ownership map, rewrote our ANR triage "
                   "doc", "result")
    assert said.text == "I built the crash ownership map, rewrote our ANR triage doc."


def test_each_teams_lead_and_their_deed_are_someone_else() -> None:
    assert other_actor("each team's TL owned their own cleanup") is not None
    found = facts("what I did\n- set an org-wide alert bar: every page must be actionable. "
                  "each team's TL owned their own cleanup\n")
    assert holding(found, "owned their own cleanup").person == "other"
    assert not said_as_mine(found, "owned their own cleanup")


def test_a_step_done_to_the_person_just_named_is_the_writers() -> None:
    found = facts("two days before launch the run showed the bug. PM Colette wanted it live.\n"
                  "Colette was not happy. showed her the repro: Denver user picks Oct 6.\n")
    assert said_as_mine(found, "showed her the repro")
    assert holding(found, "was not happy").text == "Colette was not happy."


def test_a_level_followed_by_someone_named_is_theirs() -> None:
    assert stated_level("I'm ~5 months in.\nteam lead Aurelio Santangelo was on a flight.\n") \
        is None
    assert stated_level("I was TL for the ranking service.") == "Senior SDE"
    assert stated_level("our TL said no") is None
    assert stated_level("tl;dr it worked. I was SDE2") == "SDE2"


def test_what_happened_after_the_step_with_its_own_subject_is_said_apart() -> None:
    assert clauses("answered the bank's RFP with real per-model numbers, deal closed (sales "
                   "credit, not mine)") \
        == ["answered the bank's RFP with real per-model numbers",
            "deal closed (sales credit, not mine)"]
    found = facts("- answered the bank's RFP with real numbers, deal closed (sales credit, "
                  "not mine)\n")
    assert not said_as_mine(found, "deal closed")
    # "then ..." goes on with the step it follows
    assert len(clauses("I shipped the fix, then the ticket closed")) == 1


def test_someone_named_with_their_team_and_their_deed_is_no_finding_of_the_step() -> None:
    found = facts("- swapped to the backup cert by hand\n- stayed on infra: PKI (Gunnhild) "
                  "joined 23:41, confirmed the backup cert was fine, did the proper rotation "
                  "the next day\n")
    assert not said_as_mine(found, "did the proper rotation")

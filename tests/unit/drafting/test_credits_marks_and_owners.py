"""Note shapes met on fresh notes: whose idea or call a part of the writer's step was ("...,
which was Lou's idea", "(his call on batch size)"), an outcome someone else decided said after
the writer's step ("raised it w/ procurement, the scope got re-cut"), steps named as things and
marked as the writer's after them ("audit of last 60 rollbacks (me, 2 evenings)"), parts said
to stay someone else's ("that's Marco's"), and a step after two fronted phrases ("~2 wks later,
building the phase 2 plan, I noticed ...")."""

from __future__ import annotations

from .facts_helpers import facts, holding, ruled, said_as_mine


def test_whose_idea_the_thing_built_was_is_said_apart_from_the_writers_step() -> None:
    found = facts("what I built:\n- local-first storage for notes\n"
                  "- a small \"not synced yet\" badge, which was Lou's idea honestly\n")
    built = holding(found, "not synced yet")
    assert built.person == "I" and "Lou" not in built.text, built
    credit = holding(found, "Lou's idea")
    assert credit.text == "The badge was Lou's idea honestly.", credit
    assert credit.person != "I"
    assert not said_as_mine(found, "Lou's idea")


def test_whose_call_an_aside_names_is_never_in_the_writers_sentence() -> None:
    found = facts("also wrote a backfill job, ran it in batches overnight w/ Tomas watching the "
                  "replica lag (his call on batch size).\n")
    assert holding(found, "backfill job").person == "I"
    assert not said_as_mine(found, "his call")
    # said apart, "his" names the one person the writer's sentence names
    assert holding(found, "batch size was").text == "Batch size was Tomas's call."


def test_an_outcome_others_decided_after_the_writers_step_is_theirs() -> None:
    found = facts("- found out they were working unpaid OT. raised it w/ our procurement + the "
                  "agency, the scope got re-cut. not my contract to change\n")
    assert holding(found, "raised it").person == "I"
    assert not said_as_mine(found, "scope got re-cut")
    assert holding(found, "scope got re-cut").text == "The scope got re-cut."


def test_a_step_named_as_a_thing_and_marked_as_the_writers_is_their_action() -> None:
    found = facts("## Steps\n"
                  "- audit of last 60 rollbacks, tagged by root cause (me, 2 evenings)\n"
                  "- \"no re-run merges\" rule in CI, my PR, argued in TL sync\n"
                  "- error budget per service, 99.9% monthly\n")
    audit = holding(found, "audit of last 60 rollbacks")
    assert audit.person == "I" and audit.section == "action", audit
    assert holding(found, "no re-run merges").person == "I"
    # an item with no mark of the writer's is not claimed for them
    assert holding(found, "error budget").person != "I"


def test_a_thing_marked_as_shared_with_someone_is_not_claimed() -> None:
    found = facts("## Steps\n- contract tests between booking and reminders (me + Bram)\n")
    assert holding(found, "contract tests").person != "I"


def test_a_part_said_to_stay_someone_elses_is_the_scope_of_the_task() -> None:
    found = facts("## Context\nDani (my lead) gave me 2 sprints and said don't touch prod db "
                  "sizing, that's Marco's.\nThe OCR model itself was the ML team's (Yusuf).\n"
                  "## What I did\n- I moved the dev envs to a schedule\n")
    assert holding(found, "that's Marco's").section == "task"
    assert holding(found, "the ML team's").section == "task"


def test_a_step_after_two_fronted_phrases_is_the_writers() -> None:
    found = facts("~2 wks later, building the phase 2 plan, I noticed the reserved instance "
                  "counts for the batch fleet looked too neat.\n")
    noticed = holding(found, "looked too neat")
    assert noticed.person == "I", noticed


def test_how_bad_it_would_have_been_is_never_said_of_the_writer() -> None:
    found = facts("- Jonas' patch turned out to have a 2nd bug, we found it in staging sat. "
                  "would've been a 2nd outage\n")
    said = holding(found, "2nd outage")
    assert said.text == "It would've been a 2nd outage.", said
    assert said.person != "I"


def test_a_phrase_opened_by_based_on_is_no_step_of_the_writers() -> None:
    found = facts("Farah and i estimated the move at ~3 wks. based on the inventory sheet: 12 "
                  "stored procs, ~2TB, straightforward.\n")
    said = holding(found, "inventory sheet")
    assert said.text.startswith("Based on the inventory sheet"), said
    assert not any(s.text.startswith("I based") for s in found.sentences)


def test_an_ask_labelled_with_whose_it_was_is_the_task() -> None:
    found = facts("- ask (from Chidi, my lead): reminders 48h + 2h before appts, 3 pilot clinics\n"
                  "- i wrote the scheduler and the opt-out handling\n"
                  "- no-show rate 18% -> 11% in first 6 wks\n")
    ask = holding(found, "3 pilot clinics")
    assert ask.section == "task", ask
    assert "(from Chidi, my lead)" in ask.text


def test_a_target_label_names_the_task() -> None:
    found = facts("Target: p95 2.0s end-to-end for SEA mobile.\n"
                  "I cut the payload and moved images to a CDN.\n")
    target = holding(found, "p95 2.0s")
    assert target.section == "task", target
    # a target is never said as the figure it was ("P95 was 2.0s")
    assert target.text == "Target: p95 2.0s end-to-end for SEA mobile.", target


def test_the_rules_read_what_the_writer_left_alone_as_the_scope_of_the_task() -> None:
    # (the placement model has the last word on a line under a "What I did" heading: the rules'
    # reading is one of what it weighs)
    found = ruled("## What I did\n- I moved staging to spot instances\n"
                  "- I didnt touch the NAT gateway cost even tho it was big, Gabe said that's a "
                  "network team thing\n"
                  "## Context\nThe delay data comes from the ops-data team's feed, not ours.\n")
    assert holding(found, "NAT gateway").section == "task"
    assert holding(found, "not ours").section == "task"
    assert holding(found, "spot instances").section == "action"


def test_a_cause_label_keeps_what_was_found_as_found() -> None:
    found = facts("root cause per DC remote hands: switch PSU A failed, and PSU B was... not "
                  "plugged in.\n")
    cause = holding(found, "PSU A failed")
    assert cause.person != "I" and not cause.text.startswith("I "), cause
    assert "was... not plugged in" in cause.text


def test_a_thing_the_team_uses_is_not_torn_from_what_is_said_of_it() -> None:
    found = facts("realised some users have 50k+ sessions (the watch syncs every set) -> a naive "
                  "query timed out at 30s in staging -> asked Lucia, she pointed me at the cursor "
                  "pagination we use in the sync api -> rewrote as a streaming job writing to S3\n")
    assert not any(s.text.lower().startswith("we use in") for s in found.sentences), \
        [s.text for s in found.sentences]


def test_a_target_figure_keeps_its_label() -> None:
    found = facts("## Plan\n- we will move deferrable batch to low-carbon hours\n"
                  "- target: -20% batch-related emissions by end of yr 2, no missed SLAs\n")
    target = holding(found, "-20% batch-related")
    assert target.text.startswith("Target: -20%"), target
    assert target.section == "task"

"""Note shapes met on fresh notes: others' deeds in brackets, in a table's other column, in a
list under their name or in another language, always said as theirs; names written with a
hyphen; when a line happened said before it ("2021:", "Feb ->", "D-3 (Wednesday):"); what a
system did named with a word that is also a verb ("spike in 5xx errors"); before/after tables;
what was and was not the writer's to do; fragments between spaced stars; prose pasted indented;
stand-up fields; and notes a writer wrote about themself as someone else."""

from __future__ import annotations

from pathlib import Path

from storygen.drafting.evaluate import score_story
from storygen.drafting.extract.facts import extract_facts
from storygen.drafting.gold import load_gold
from storygen.story.notes import read_notes

from ...conftest import ROOT
from .facts_helpers import facts, holding, ruled, said_as_mine

CORPUS = ROOT / "tests" / "eval"


def test_the_teams_column_of_a_me_and_team_table_is_never_the_writers() -> None:
    # a note of the corpus: "| Me | Team |" rows under a context paragraph
    found = extract_facts(read_notes(CORPUS / "bis-location-data-retention.md"))
    assert holding(found, "argued to apply it").person == "I"
    assert not said_as_mine(found, "retrained models")
    assert holding(found, "retrained models").text.startswith("ETA/ML team (Sun-hee)")


def test_items_ended_by_another_team_or_a_titled_name_are_theirs() -> None:
    found = facts("- Wrote property-based tests against the reference sheet (me)\n"
                  "- Fixed the rounding bug (Thuy)\n"
                  "- Signed off every output table row by row (Dr. Okonkwo, pharmacy)\n"
                  "- Logged 0 dosing-related incident reports since (team)\n"
                  "- Adopted the same test pattern for the insulin module (Kemal's team)\n")
    assert holding(found, "property-based tests").person == "I"
    for theirs in ("Signed off every output table", "0 dosing-related incident",
                   "same test pattern"):
        assert not said_as_mine(found, theirs), theirs
    assert holding(found, "signed off every output").text.startswith("Dr. Okonkwo")
    assert holding(found, "0 dosing-related").text.startswith("The team logged")
    assert holding(found, "same test pattern").text.startswith("Kemal's team")


def test_a_group_named_with_a_dashed_aside_is_said_apart_from_the_writers_step() -> None:
    found = facts("- emailed the ~160 affected restaurants (support team - Rashid - helped with "
                  "the wording, mine was too technical)\n")
    assert holding(found, "emailed the ~160").person == "I"
    assert not said_as_mine(found, "helped with the wording")


def test_a_clause_in_another_language_about_someone_else_is_said_apart() -> None:
    found = facts("## What I did\n- Started a monthly email, written with Rodrigo, e ele revisa "
                  "tudo antes de sair.\n- I read the planner code first, mas fiquei curioso.\n")
    assert holding(found, "monthly email").person == "I"
    assert not said_as_mine(found, "ele revisa tudo")
    # the writer's own clause in their language stays in their sentence
    assert holding(found, "fiquei curioso").text.startswith("I read the planner code")


def test_lists_grouped_by_person_keep_each_persons_deeds_theirs() -> None:
    found = facts("## Ngi las\nThe carrier relationship is not mine (Ana, partner ops).\n\n"
                  "## Su-si chi byas\nMe:\n- Pulled quote history for the last 7 days.\n\n"
                  "Ana:\n- Got the carrier on a call and confirmed they had a bad deploy.\n\n"
                  "Ops (Jakub's shift leads):\n- Re-sequenced pick waves.\n\n"
                  "Gintarė (my manager):\n- Approved the flag flip in the channel.\n")
    assert holding(found, "pulled quote history").person == "I"
    for theirs, who in (("confirmed they had a bad deploy", "Ana"),
                        ("re-sequenced pick waves", "Ops"),
                        ("approved the flag flip", "Gintarė")):
        assert not said_as_mine(found, theirs), theirs
        assert holding(found, theirs).text.startswith(who), theirs


def test_a_name_written_with_a_hyphen_is_someone_else_a_prefixed_word_is_not() -> None:
    found = facts("## What I did\n- shadowed Pedro for 2 site visits, wrote down every step. "
                  "5 of the 14 steps were workarounds for the same problem\n"
                  "- Dae-jung proposed a full Kubernetes-on-robots setup. instead I used A/B "
                  "partitions\n")
    assert not said_as_mine(found, "Dae-jung proposed")
    assert holding(found, "Dae-jung proposed").text.startswith("Dae-jung proposed")


def test_when_a_line_happened_said_before_it_opens_the_writers_step() -> None:
    found = ruled("timeline\n\n- 2021: wrote the doc arguing we stop patching 5 ledgers.\n"
                  "- Feb -> mapped every ingestion path across the 7 teams\n"
                  "- D-3 (Wednesday): set TTL to 60s, but didn't want a blind fix\n")
    for step in ("wrote the doc arguing", "mapped every ingestion path", "set TTL to 60s"):
        assert holding(found, step).text.startswith(f"I {step.split()[0]}"), step
        assert holding(found, step).person == "I", step
    assert "said" not in holding(found, "set TTL").text  # a day, not someone speaking


def test_what_a_system_did_is_never_told_as_the_writers_step() -> None:
    found = ruled("## What I did\n- crash on old tablets\n"
                  "- spike in 5xx errors -> rolled back the deploy\n"
                  "- dropped in on the payments standup\n"
                  "me: squashed thumbnail complaints basically stopped\n")
    for thing in ("spike in 5xx", "crash on old tablets", "squashed thumbnail"):
        assert not said_as_mine(found, thing), thing
    assert holding(found, "rolled back the deploy").person == "I"
    assert holding(found, "payments standup").text == "I dropped in on the payments standup."


def test_a_before_and_after_table_tells_how_things_were_and_how_they_are() -> None:
    found = ruled("## Results\n\n| Before | After |\n|---|---|\n"
                  "| 2 field techs driving to sites | 0 site visits for normal releases |\n"
                  "| releases every ~2 months | releases every 2 weeks |\n")
    assert holding(found, "2 field techs").section == "situation"
    assert holding(found, "0 site visits").section == "result"
    assert holding(found, "0 site visits").text == "0 site visits for normal releases."
    assert holding(found, "every 2 weeks").section == "result"


def test_what_was_and_was_not_the_writers_to_do_is_the_task() -> None:
    found = ruled("notes\n\nI lead the engineers across search. the rotation and the alert rules "
                  "are ours. I could only change the app side. I didnt control headcount or "
                  "ratings. my actual ticket was the pallet-label reprint button.\n")
    for scope in ("rotation and the alert rules", "only change the app side",
                  "control headcount", "actual ticket was"):
        assert holding(found, scope).section == "task", scope
    # a lesson said with "could" is still a lesson
    lesson = ruled("what I learned\n\nI could have asked for help sooner.\n")
    assert holding(lesson, "asked for help").section == "reflection"


def test_fragments_between_spaced_stars_are_sentences_of_their_own() -> None:
    found = ruled("my ticket: improve ETA for route 42 * only that route * not the model\n"
                  "read the GTFS spec over a weekend * made a glossary doc\n"
                  "talked to 2 drivers at the depot * they said buses bunch after the hospital\n")
    assert holding(found, "made a glossary doc").text == "I made a glossary doc."
    assert not said_as_mine(found, "buses bunch")
    kept = ruled("## What I did\n- found a KEYS * call inside the cart-expiry cron\n")
    assert holding(kept, "KEYS * call").text == "I found a KEYS * call inside the cart-expiry cron."


def test_prose_pasted_indented_is_read_code_is_not() -> None:
    found = ruled("week 3, found during the load test that the cap check hit the DB:\n\n"
                  "    Cache face value per order for cap validation\n\n"
                  "    p99 on POST /listings was ~1.4s at 300 rps in the load test.\n"
                  "    Face value is immutable after purchase, so cache it per order\n"
                  "    with no invalidation needed. p99 now ~120ms at the same load.\n\n"
                  "and the query:\n\n    SELECT face_value FROM orders WHERE id = $1;\n")
    assert holding(found, "p99 now ~120ms").section == "result"
    assert "immutable after purchase" in holding(found, "Face value is immutable").text
    assert not [s for s in found.sentences if "SELECT" in s.text]


def test_a_stand_ups_fields_keep_apart_and_its_steps_stay_the_writers() -> None:
    found = ruled("Mon\nYesterday: finished the rubric editor PR\nToday: start the widget\n"
                  "Blockers: none\n\nTue\n"
                  "Yesterday: looked at the sync job. Nightly export has failed 4 nights.\n"
                  "Today: asked Marguerite (my lead) if I can take it. She said yes.\n"
                  "Blockers: no access to the SFTP creds, asked infra\n\nWed\n"
                  "Yesterday: isolation merged (Joon-ho reviewed). Emeka confirmed the key. "
                  "Backfilled 4 nights for ~60 schools\nToday: write the runbook\n"
                  "Blockers: none\n")
    asked = holding(found, "asked Marguerite")
    assert "SFTP" not in asked.text  # a blocker is not what the step found
    assert holding(found, "Backfilled 4 nights").text.startswith("I backfilled")
    assert holding(found, "Emeka confirmed").person != "I"


def test_a_broad_rollout_is_told_as_everyones() -> None:
    found = ruled("## What happened next\n\nPorto school street: ~300 passes/hour -> ~35 at "
                  "pickup. Rolled out to 22 cities by December; Lyon asked to co-design.\n")
    assert holding(found, "22 cities").text == "We rolled out to 22 cities by December."


NOTES = ("DRAFT - promo letter. Writing it about myself because Wen asked me to draft it.\n\n"
         "I'm writing in support of Daniela Reyes for promotion. Daniela has been the tech lead "
         "for the assessment platform for ~18 months.\n\n"
         "Daniela rewrote the team's interview loop: a debugging exercise, a rubric, and 5 "
         "interviewers trained.\n\nResults: both reqs filled within 7 weeks. Wen closed both "
         "offers, not Daniela.\n")


def test_a_writer_who_wrote_of_themself_as_someone_else_is_told_as_i_and_scored_so(
        tmp_path: Path) -> None:
    found = facts(NOTES)
    assert holding(found, "interview loop").text.startswith("I rewrote the team's interview loop")
    gold_path = tmp_path / "promo.gold.yaml"
    gold_path.write_text("principle: Hire and Develop the Best\nlevel: Senior SDE\nfacts:\n"
                         "  - {text: \"Daniela rewrote the team's interview loop\", "
                         "sections: [action]}\nfigures: [\"~18 months\", \"5\", \"7 weeks\"]\n"
                         "we_only: [\"Wen closed both offers\"]\nforbidden: []\n", encoding="utf-8")
    story = {"sections": {card: {"strong_example": ""} for card in
                          ("situation", "task", "result", "reflection")}}
    story["sections"]["action"] = {"strong_example": "I rewrote the team's interview loop."}
    score = score_story("promo", story, load_gold(gold_path, NOTES), notes_text=NOTES,
                        findings=[])
    assert score.placed == 1 and not score.dropped

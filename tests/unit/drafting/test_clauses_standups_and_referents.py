"""Note shapes met on fresh notes: lines that each say a whole clause with no stop at their end,
stand-up notes ("Y:", "T:", "B:"), a pasted thread the writer signs by name, problem -> approach
-> impact chains, lines about the notes or the interview rather than the work, and a "she" whose
person the card never named."""

from __future__ import annotations

from typing import Any

from storygen.drafting.compose.offline import draft_offline
from storygen.drafting.extract.facts import extract_facts
from storygen.story.notes import parse_notes

from .facts_helpers import facts, holding
from .facts_helpers import said_as_mine as mine


def drafted(text: str) -> dict[str, Any]:
    notes = parse_notes(text)
    return draft_offline(notes, extract_facts(notes))


def cards(text: str) -> dict[str, str]:
    return {name: str(section["strong_example"])
            for name, section in drafted(text)["sections"].items()}


def everything(text: str) -> str:
    return " ".join(cards(text).values())


def test_a_line_that_says_a_whole_clause_is_not_run_into_the_next() -> None:
    said = everything("Reco model call\n\n"
                      "new sequence model, offline NDCG +9% vs the old GBDT. Declan (lead) wanted "
                      "it out before holiday freeze\n"
                      "I owned the eval pipeline. looked again: features included basket "
                      "contents from the same session\n"
                      "- re-ran offline w/ the leak removed: +9% became +0.4%\n")
    assert "holiday freeze I owned" not in said, said
    assert "I owned the eval pipeline" in said, said


def test_a_line_whose_verb_goes_on_below_is_still_joined() -> None:
    found = facts("Latency page\n\n"
                  "I own the cart-pricing service and the alarm paged me. Ravi's team had\n"
                  "shipped the deploy, but the slow span was inside my service.\n")
    assert "Ravi's team had shipped the deploy" in holding(found, "slow span").text


def test_someone_named_on_the_next_line_is_not_glued_to_the_writers_step() -> None:
    found = facts("Flaky checkout tests\n\n"
                  "other 2 = shared test user. gave each spec its own seeded user\n"
                  "Tomasz from platform added a seed endpoint for me\n")
    assert not any("Tomasz" in s for s in mine(found, "seeded user")), mine(found, "seeded user")
    assert holding(found, "seed endpoint").text.startswith("Tomasz")


STAND_UP = """standup scratch - checkout e2e flakes

Mon
Y: picked up the "checkout suite flaky" ticket. suite red on ~1 in 5 main builds
T: pull last 30 days of CI runs, see which specs actually fail
B: no access to the CI metrics db, asked Priya

Tue
Y: got access. 212 failures in 30 days
T: repro locally w/ network throttling
B: none
"""


def test_a_stand_up_says_todays_plan_as_planned_and_never_as_the_task() -> None:
    said = cards(STAND_UP)
    assert "I planned to repro locally" in said["action"], said
    assert "I planned to pull last 30 days" in said["action"], said
    assert "repro locally" not in said["task"] and "repro locally" not in said["reflection"]
    assert not any(label in " ".join(said.values()) for label in ("Y:", "T:", "B:")), said
    assert "None" not in " ".join(said.values())


def test_a_plan_is_not_joined_to_the_blocker_after_it_as_what_it_found() -> None:
    said = everything(STAND_UP)
    assert "actually fail: there was no access" not in said, said


THREAD = """pasting the issue thread here (checkout repo)

@ines-okafor commented 3 days ago
Support has 14 tickets this week - customer charged $0.01 more than the cart showed

@tomasz-wojcik commented 3 days ago
assigning to @reuben-matz, decent starter bug. ping me if stuck

@reuben-matz commented 2 days ago
repro'd locally: 3 items at $19.99, CA tax. cart page rounds tax per line, payment-svc rounds once on the subtotal

@reuben-matz commented 2 days ago
checked w/ Hollis from tax ops - we file on line-level rounding, so payment-svc is the wrong one

---
my own notes (i'm reuben):
- lesson: find out who owns the definition of "correct" before picking a side
"""


def test_a_thread_the_writer_signs_by_name_tells_their_comments_as_their_steps() -> None:
    said = cards(THREAD)
    assert "Reuben-matz said" not in " ".join(said.values()), said
    assert "I repro'd locally" in said["action"], said
    assert "I checked w/ Hollis" in said["action"], said
    assert "Tomasz-wojcik said" in " ".join(said.values())  # the others stay theirs


def test_a_problem_approach_impact_chain_puts_each_part_in_its_card() -> None:
    said = cards("Carrier rates\n\n"
                 "rate files from 37 carriers, each w/ own parser script, half broken at any "
                 "time → wrote a single config-driven ingestor + shared validation → new carrier "
                 "onboarding 3 days → ~2 hrs\n\n- owned it end to end, nobody asked me to\n")
    assert "I wrote a single config-driven ingestor" in said["action"], said
    assert "→ wrote" not in said["situation"], said


def test_what_someone_else_found_after_an_arrow_is_not_the_writers_step() -> None:
    found = facts("EOD overrun\n\n- asked Tomasz on the storage team to run LISTCAT for me -> "
                  "confirmed, freespace was 0\n")
    assert not any(s.text.startswith(("I confirmed", "Confirmed")) for s in found.sentences), \
        [s.text for s in found.sentences]


def test_a_recommendation_under_a_bare_label_is_the_writers_call() -> None:
    found = facts("Ledger datastore\n\n- Recommended: stay on Postgres, shard by tenant, move "
                  "reporting to a read replica.\n- proposed org-wide bar: any alert closed "
                  "without action 3x in a month gets auto-demoted to ticket\n")
    assert holding(found, "stay on Postgres").text.startswith("I recommended: stay on Postgres")
    assert holding(found, "org-wide bar").text.startswith("I proposed org-wide bar")


def test_a_step_after_its_reason_or_its_moment_is_still_the_writers() -> None:
    found = facts("Reindex\n\n## What I did\n"
                  "- instead of pushing the date, ran the backfill from the snapshot\n"
                  "- to prove it, ran the suite 50x on CI\n"
                  "- once Dana signed off, flipped the flag\n")
    assert holding(found, "the backfill").text.startswith(
        "Instead of pushing the date, I ran the backfill")
    assert holding(found, "the suite").text.startswith("To prove it, I ran the suite")
    assert holding(found, "the flag").text.startswith("Once Dana signed off, I flipped the flag")
    assert all(s.section == "action" for s in found.sentences), found.sentences


def test_lines_about_the_story_or_a_mock_interview_are_left_out() -> None:
    said = everything("mock w/ Oksana last night. typed up from memory after\n\n"
                      "(use this one for the judgment questions. it also has the bit where I was "
                      "wrong, which they like)\n\n"
                      "note to self for the promo packet / interviews. you will forget the "
                      "details, so:\n"
                      "Me: I wrote a 2-page memo w/ the shadow numbers\n"
                      "[Oksana: say what YOU did, not \"we\"]\n"
                      "Me: domestic cutover done by Nov 6, decline rate within 0.1pt\n"
                      "[Oksana feedback: too long on setup. and i never said what I learned]\n")
    for words in ("Oksana", "use this one", "which they like", "promo packet", "forget the",
                  "never said what I learned"):
        assert words not in said, (words, said)
    assert "2-page memo" in said


def test_what_a_thing_would_cost_is_never_the_writers_would() -> None:
    found = facts("Rounding\n\n- honestly almost just patched the cart page. would have been "
                  "backwards per tax ops\n- migrating the quotes API would cost ~2 months of our "
                  "team's time\n")
    assert not mine(found, "backwards"), mine(found, "backwards")
    assert holding(found, "backwards").text.startswith("It would have been backwards")


def test_a_participle_is_never_made_a_past_tense_of_its_own() -> None:
    said = everything("Webhook outage\n\n## Action items\n- paused consumers\n"
                      "- contract tests in ledger CI — done in 2 wks, had to convince the ledger "
                      "team\n")
    assert "doned" not in said, said


def test_who_was_promoted_or_paid_is_not_said_to_be_the_writer() -> None:
    found = facts("Reviews\n\n- Jiyeon's redesign shipped, she presented it at the all-hands. "
                  "promoted next cycle\n- paid on-call stipend + comp day after a night page\n")
    assert not mine(found, "promoted"), mine(found, "promoted")
    assert not mine(found, "stipend"), mine(found, "stipend")


def test_a_skipped_step_says_what_was_not_done() -> None:
    found = facts("GPU spend\n\n- moved batch jobs to spot\n"
                  "- didn't do: distill to a smaller model. tempting, but a quarter of work\n")
    assert holding(found, "distill").text.startswith("I didn't distill to a smaller model")


def test_an_asides_own_stop_ends_a_sentence_only_before_a_new_one() -> None:
    found = facts("Certs\n\n- got a warning email (not a page!) that 14 internal certs expire "
                  "in 9 days\n")
    assert "(not a page!) that 14 internal certs" in holding(found, "warning email").text
    said = everything("Demo\n\n## What I did\n- showed it at team demo (nervous!!)\n"
                      "- built it for real w/ Baptiste reviewing\n")
    assert "(nervous!!). I built" in said or "(nervous!!) I built" not in said, said


def test_a_card_label_with_a_word_on_it_still_names_the_card() -> None:
    said = cards("(context for future me: i was on the claims-tools team, new grad, my mentor "
                 "was Baptiste)\n\nSituation as I remember it: adjusters searched claims by "
                 "exact name only.\n")
    assert "future me" not in " ".join(said.values()), said
    assert "remember it" not in " ".join(said.values()), said


def test_she_is_said_by_name_when_the_story_last_named_someone_else() -> None:
    said = cards("Header postmortem\n\n## What I did\n"
                 "- proposed Identity gets required-reviewer on the shared config paths\n"
                 "- my manager Elodie worried it would slow us down, she agreed to try it\n"
                 "- paired with Tariq from Identity on header contract tests, he wrote the list "
                 "of headers, I wrote the CI check\n\n## Result\nno repeat since\n")
    told = " ".join(said.values())
    assert "He wrote the list of headers" not in told, said
    assert "Tariq wrote the list of headers" in told, said


def test_dictated_stops_end_the_sentences_they_name() -> None:
    found = facts("Scanner queue (dictated)\n\n"
                  "I built a local queue with room comma scans save offline first comma green "
                  "tick right away full stop Bettina reviewed the design and pointed me at the "
                  "idempotency key thing full stop\n")
    texts = [s.text for s in found.sentences]
    assert not any("comma" in t or "full stop" in t for t in texts), texts
    assert not any(t.startswith("I") and "Bettina" in t for t in texts), texts


def test_a_thing_that_does_something_now_is_not_the_writers_step() -> None:
    found = facts("Claim photos\n\n### Fixed\n"
                  "- Rotated photos from Samsung cameras now respect EXIF orientation\n"
                  "- fixed bug so uploads now work on flaky networks\n")
    assert not mine(found, "Samsung"), mine(found, "Samsung")
    assert mine(found, "uploads now work")


def test_who_needed_the_writer_or_made_the_thing_is_not_the_writer() -> None:
    found = facts("Release pipeline\n\n"
                  "- releasing = a 14-step wiki page. needed Halvard or me (only ppl w/ prod creds)\n"
                  "- the cert: issued ~2 yrs ago by someone who left. no renewal, no alert\n"
                  "- stayed on postgres, sharded by agency over ~5 months (Teodor + fares team did "
                  "the migration)\n")
    for words in ("Halvard or me", "issued", "stayed on postgres"):
        assert not mine(found, words), (words, mine(found, words))


def test_a_lesson_and_what_stood_are_said_whole() -> None:
    found = facts("Trust repair\n\nwhat i'd keep: trust comes back through small kept promises, "
                  "not a big reset meeting\n\nwhat I'd do differently: also set clearer "
                  "milestones, the middle of the summer drifted\n\n"
                  "- no budget for new tooling was given, CFO said fix it w/ what we have\n")
    assert holding(found, "trust comes back").text.startswith("Trust comes back")
    assert holding(found, "milestones").text.startswith("I would also set clearer milestones")
    assert "There was no budget" not in holding(found, "budget for new tooling").text


def test_things_found_under_their_label_are_never_the_writers_steps() -> None:
    found = facts("Flaky suite\n\n- logged every failure for 2 weeks. same few causes: fixed "
                  "sleeps, shared test patient across specs\n- root causes: hardcoded timeouts, "
                  "shared fixtures\n")
    assert not mine(found, "fixed sleeps"), mine(found, "fixed sleeps")
    assert not any("I hardcoded" in s.text for s in found.sentences)


def test_an_action_item_marked_done_is_a_step_and_an_open_one_is_not() -> None:
    said = everything("Webhook outage\n\n## Action items\n"
                      "- [me] contract tests in ledger CI — done in 2 wks\n"
                      "- [me] drill: replay 1M events in staging quarterly\n")
    assert "I did this part: contract tests in ledger CI" in said, said
    assert "I did this part: drill" not in said, said


def test_which_principle_the_story_answers_is_left_out_and_the_rest_is_kept() -> None:
    said = everything("Clinic reminders\n\n- read the ticket properly: patient in Phoenix\n"
                      "- fixed the offset with IANA zone ids\n\n"
                      "For the interview: this is my customer obsession one, I didnt take the "
                      "ticket title at face value.\n")
    assert "customer obsession one" not in said, said
    assert "I didnt take the ticket title at face value" in said, said


def test_she_is_named_only_from_the_sentence_just_before() -> None:
    said = everything("Clinic reminders\n\nmy mentor Tobias said fix the offset and move on.\n"
                      "- asked support (Yolanda) for the affected patient contacts and drafted "
                      "an apology msg. she sent them, I just wrote it\n")
    assert "Tobias sent them" not in said, said

"""Note shapes met on fresh notes: ticket threads under "**handle** · date" headers, stand-up
exports with dated stamps, boards with owners in square brackets and columns of work not done,
comments left in brackets in a shared doc, lines tagged "#me" / "#team" at their end, sticky
notes opened on their colour, a log's "Impact" column, names that end like a verb ("Ahmed"),
clauses in another language, and whose each part of the work was."""

from __future__ import annotations

from .facts_helpers import facts, holding, said_as_mine


def test_a_ticket_threads_comments_are_said_by_their_authors() -> None:
    found = facts("my notes + the thread from PAY-4471. I'm aoyelaran.\n\n"
                  "**mkowalczyk** · 2024-02-06\n"
                  "Recon job flagged 312 payouts off by 1-3 minor units. @aoyelaran can you take it\n\n"
                  "**aoyelaran** · 2024-02-08\n"
                  "Pulled every mismatch since Jan 1 (~2,100 rows).\n\n"
                  "**hlindqvist** · 2024-02-09\n"
                  "Confirmed the ledger side uses half-even per the bank spec.\n")
    assert holding(found, "pulled every mismatch").person == "I"
    assert not said_as_mine(found, "ledger side uses half-even")
    assert holding(found, "ledger side uses half-even").text.startswith("Hlindqvist said")
    assert not any(s.text.strip(". ") in ("Mkowalczyk", "2024-02-06") for s in found.sentences)


def test_a_stand_up_export_with_dated_stamps_reads_the_writers_lines_as_theirs() -> None:
    found = facts('standupbot digest (my lines are "sofia")\n\n'
                  "[Mon 5/12] tomasz: captions toggle must ship for the premiere, no slip\n"
                  "[Tue 5/13] sofia: found captions drift ~1-2s on ep 2, asked chidi\n"
                  "[Tue 5/13] chidi: confirmed, fixing offset in pipeline\n"
                  "[Wed 5/14] rahul: found toggle not keyboard-accessible, filed\n")
    assert holding(found, "captions drift").person == "I"
    for theirs in ("fixing offset in pipeline", "not keyboard-accessible"):
        assert not said_as_mine(found, theirs), theirs
    # the stamps are never copied into a sentence
    assert not any("[Tue" in s.text or "[wed" in s.text.lower() for s in found.sentences)


def test_a_boards_owners_in_square_brackets_and_its_open_columns() -> None:
    found = facts("TO DO\n- Write a how-to for adding probe vendors [me]\n\n"
                  "DONE\n- Parser for new probe payload [me] - shipped w/ 31 tests\n"
                  "- Asked Oskar to hold my merge a week [me]\n"
                  "- Re-ran recs for the 37 affected farms [Valentina]\n")
    assert not said_as_mine(found, "re-ran recs")
    assert holding(found, "re-ran recs").text.startswith("Valentina")
    assert holding(found, "asked oskar").person == "I"
    # work still to do is never told as done
    assert not said_as_mine(found, "how-to for adding probe vendors")
    assert not any(s.text.startswith("I wrote a how-to") for s in found.sentences)


def test_comments_left_in_brackets_in_a_shared_doc_are_their_authors() -> None:
    found = facts("## What I did\n- re-ran the whole canary batch (~1,900 renditions): 2.3% "
                  "failed sync\n[Comment - Kwame: confirmed on 3 devices in the lab, Roku worst.]\n"
                  "- asked to slip the switch by two weeks [Comment - Lena: for the record I "
                  "pushed back]\n")
    assert holding(found, "re-ran the whole canary").person == "I"
    for theirs in ("confirmed on 3 devices", "for the record I pushed back"):
        assert not said_as_mine(found, theirs), theirs
    assert holding(found, "confirmed on 3 devices").text.startswith("Kwame said")


def test_lines_tagged_at_their_end_say_whose_they_are() -> None:
    found = facts("- built the adapter behind a flag #me\n"
                  "- ran both providers in parallel from wk 5 #me\n"
                  "- Bongani's squad shipped the new card form in wk 6 #team\n"
                  "- saved cards migrated in Apr, 3 wks after #team\n"
                  "- approved the budget for the extra sandbox #mgr\n")
    assert holding(found, "built the adapter").person == "I"
    for theirs in ("saved cards migrated", "approved the budget", "new card form"):
        assert not said_as_mine(found, theirs), theirs
    assert not any("#" in s.text for s in found.sentences)


def test_sticky_notes_opened_on_their_colour_are_read_by_their_own_labels() -> None:
    found = facts("[yellow] CONTEXT: heatmap public by default since launch\n"
                  "[pink] ME: CEO (Mireille) asked me to lead the response across 7 teams\n"
                  "[green] DID: pulled low-density cells from the public map\n"
                  "[green] DID: wrote the sensitive places design\n"
                  "[orange] RESULT: privacy zones went from ~3% opt-in to ~71%\n")
    assert holding(found, "pulled low-density cells").section == "action"
    assert holding(found, "pulled low-density cells").person == "I"
    assert holding(found, "~71%").section == "result"
    assert not any(s.text.startswith(("Green said", "Yellow said")) for s in found.sentences)
    # what someone asked of the writer is never "I was a CEO ..."
    assert holding(found, "asked me to lead").text.startswith("CEO (Mireille) asked me")


def test_a_logs_impact_column_is_said_after_the_step_as_what_came_of_it() -> None:
    found = facts("Date\tWho\tWhat\tImpact\n"
                  "Fri 3/8 16:52\tPriya Raman (release mgr)\ton a flight, no answer\tblocked on paper\n"
                  "Fri 3/8 17:06\tme\tflipped the flag OFF for AUD/NZD only\tnew rejects stopped "
                  "within ~2 min\n"
                  "Fri 3/8 17:25\tme\tre-queued the rest in 4 chunks\t2,050 of ~2,100 accepted\n")
    step = holding(found, "flipped the flag")
    assert step.person == "I" and "rejects stopped" not in step.text
    assert holding(found, "new rejects stopped").section == "result"
    assert holding(found, "2,050 of ~2,100").section == "result"
    assert not said_as_mine(found, "blocked on paper")


def test_a_name_that_ends_like_a_verb_is_never_the_writers_step() -> None:
    found = facts("Why: I spent 2 afternoons listening to support calls (Ahmed in CX set it up). "
                  "~1 in 5 calls were people who bought the wrong ticket.\n")
    assert not said_as_mine(found, "set it up")
    assert holding(found, "set it up").text.startswith("Ahmed in CX")


def test_a_thing_and_what_it_did_is_not_a_step() -> None:
    found = facts("## What I saw\nAutomated checks passed because we only checked duration + "
                  "bitrate.\n\n## What I did\n- checked alerts still fired\n"
                  "- fixed bugs reported by users\n")
    assert not said_as_mine(found, "automated checks passed")
    assert holding(found, "checked alerts still fired").person == "I"
    assert holding(found, "fixed bugs reported").person == "I"


def test_others_parts_said_after_a_dash_an_aside_or_another_language_are_theirs() -> None:
    found = facts("## What I did\n- I did NOT run the migrations - each region did its own, "
                  "through a guild I set up\n"
                  "- sat with his team for 2 wks and took 3 of their designs into the core "
                  "(their promo engine beat ours)\n"
                  "- asked Wanjiru for a call, ela foi super gente boa, explained why batches "
                  "arrive out of order\n")
    for theirs in ("each region did its own", "their promo engine beat ours",
                   "explained why batches"):
        assert not said_as_mine(found, theirs), theirs
    assert holding(found, "asked Wanjiru for a call").person == "I"


def test_what_a_look_found_is_said_with_it_whatever_its_brackets_hold() -> None:
    found = facts("What I did:\n- Pulled six months of pages and categorized each. About 60% "
                  "were non-actionable (disk warnings that auto-cleared, a flapping health "
                  "check).\n- Deleted or downgraded 23 alarms myself.\n")
    assert holding(found, "60% were non-actionable").section == "action"


def test_whose_each_part_was_is_the_task() -> None:
    found = facts("## Context\nCheckout is slow for farmers on weak signal.\n"
                  "Checkout and payments belong to Diego and the payments squad.\n"
                  "The gateway is owned by platform-net (Ravi's team).\n"
                  "carrier-gateway is NOT ours, it's Tomasz's team.\n"
                  "## What I did\n- rewrote the cart sync\n")
    for part in ("belong to Diego", "owned by platform-net", "NOT ours"):
        assert holding(found, part).section == "task", part

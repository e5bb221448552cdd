"""Notes told backwards, chat lines stamped after the speaker's name, asides that hold whole
sentences or the writer's step, and labels that carry when or what the writer found."""

from __future__ import annotations

from storygen.drafting.extract.phrasing import clauses, rewrite

from .facts_helpers import facts, holding
from .facts_helpers import said_as_mine as mine

BACKWARDS = """(writing this one backwards, starting from where it ended up)

END: one routing engine instead of three. ~9k lines deleted.

BEFORE THAT: migration. teams moved one at a time over about 5 months. Lucia's team owned their cutover.

BEFORE THAT: the proposal. I wrote a 6-pager arguing for 1 solver. so I built a replay harness.

BEFORE THAT: the start. I noticed each of 3 teams had an on-call pager for "route solver stuck".

if I did it again: build the replay harness before writing the doc.
"""


def test_notes_told_backwards_are_read_in_the_order_things_happened() -> None:
    found = facts(BACKWARDS)
    texts = [s.text for s in found.sentences]
    first_step = next(i for i, t in enumerate(texts) if "noticed each of 3 teams" in t)
    proposal = next(i for i, t in enumerate(texts) if "6-pager" in t)
    end = next(i for i, t in enumerate(texts) if "routing engine instead" in t)
    assert first_step < proposal < end
    assert holding(found, "one routing engine").section == "result"
    assert holding(found, "built a replay harness").section == "action"
    assert holding(found, "before writing the doc").section == "reflection"
    # the labels and the parts' own names say nothing, and neither does the remark on order
    assert not any(t.startswith(("BEFORE", "Migration.", "The start.")) for t in texts)
    assert not any("backwards" in t for t in texts)


def test_a_later_label_keeps_its_words_and_opens_the_result() -> None:
    found = facts("I rewrote the interview loop.\n\nafter 1yr: both still here. Aisha owns "
                  "the lighting service now.\n")
    kept = holding(found, "both still here")
    assert kept.text.startswith("After 1yr, both still here")
    assert kept.section == "result"
    assert holding(facts("I changed the paging rules.\n\n6 months later: nobody had been "
                         "paged at night.\n"), "nobody had been paged").text.startswith(
        "6 months later, nobody")


def test_an_aside_in_a_list_heading_is_the_writers_step_said_after_the_list() -> None:
    found = facts("proposal (I wrote the doc, got pushback from Ines who built it):\n"
                  "- booking + waitlist into one table\n"
                  "- notifications via outbox\n\n"
                  "I pair-programmed the core transaction with Ines.\n")
    doc = holding(found, "I wrote the doc")
    assert doc.section == "action" and "booking" not in doc.text
    assert mine(found, "booking + waitlist into one table")  # proposed, under a proposal


def test_it_in_a_list_headings_aside_names_the_list() -> None:
    found = facts("migration (I designed it, the teams executed most of it):\n"
                  "- dual-write from the claims API (Ines' team built it)\n"
                  "- backfill ~48M claims in idempotent chunks\n")
    assert mine(found, "I designed the migration")
    assert not mine(found, "Ines' team built it")
    assert not mine(found, "dual-write")


def test_what_i_noticed_is_the_writers_finding() -> None:
    found = facts("Context: a saga across 5 services.\n\nWhat I noticed: every class has max "
                  "~40 spots.\n\nI rewrote it as one transaction.\n")
    noticed = holding(found, "every class has max")
    assert noticed.text.startswith("I noticed: every class") and noticed.section == "action"


def test_a_role_line_anywhere_is_the_task() -> None:
    found = facts("I wrote the doc.\n\nI built the replay harness.\n\nSo that ended the "
                  "argument.\n\nPrincipal eng for the logistics side (4 teams under me).\n")
    assert holding(found, "Principal eng for the logistics").section == "task"


def test_chat_lines_with_the_time_after_the_name_are_chat() -> None:
    found = facts("backstory: my change charged ~200 members full price.\n\n"
                  "> **Grace** 10:14: hi, are you the one who did the member pricing thing\n"
                  "> **me** 10:20: yes, that was my change. I'm really sorry. I can send you "
                  "the list\n"
                  "> **me** (Fri) 16:02: draft of a status line for your desk screen, can you "
                  "look?\n")
    texts = [s.text for s in found.sentences]
    assert not any("10:14" in t or "14:" in t or "16:02" in t for t in texts)
    assert any(t.startswith('Grace said: "hi, are you') for t in texts)
    told = holding(found, "that was my change")
    assert told.text.startswith('I wrote: "yes, that was my change.') and told.person == "I"
    assert "I'm really sorry" in told.text  # what was said to Grace stays one message


def test_a_clause_of_one_of_the_things_named_is_not_the_writers() -> None:
    found = facts("- two vendors refused API access. I went w/ procurement to both, one gave "
                  "in, the other we replaced at its contract end\n")
    assert holding(found, "went w/ procurement").text == "I went w/ procurement to both."
    assert not mine(found, "gave in")
    assert not mine(found, "we replaced")


def test_a_group_acting_with_a_prefixed_verb_is_not_what_the_step_found() -> None:
    found = facts("- drafted the note to ops explaining what went wrong\n"
                  "- Dana handled the regulator; ops re-sent corrected docs to the body shops\n")
    assert not mine(found, "re-sent corrected docs")


def test_a_step_done_by_someone_named_in_the_passive_gets_no_i() -> None:
    phrase = rewrite("caught in staging by Mateo, not by me.", None)
    assert not phrase.text.startswith("I ") and phrase.person != "I"
    assert rewrite("shipped in two weeks by cutting scope", "action").text.startswith("I ")


def test_a_thing_named_before_the_writers_step_is_said_as_the_step() -> None:
    assert rewrite("daily 15-min cutover standup, I ran it", None).text == \
        "I ran the daily 15-min cutover standup."
    assert rewrite("the runbook, I wrote it myself", None).text == "I wrote the runbook myself."


def test_what_the_writer_does_now_is_theirs() -> None:
    phrase = rewrite("Now I ask for a number before I start.", None)
    assert phrase.person == "I" and phrase.text == "Now I ask for a number before I start."


def test_a_hindsight_with_when_we_stays_one_sentence() -> None:
    assert clauses("should have called it in Nov when we first slipped") == \
        ["should have called it in Nov when we first slipped"]
    assert len(clauses("I should have asked earlier, we lost a week.")) == 2


def test_options_lettered_inline_after_i_proposed_are_one_proposal() -> None:
    said = clauses("I proposed a) send the payload only to the focused client, others get a "
                   "tiny event; b) backoff + jitter on reconnect; c) drain connections on deploy.")
    assert said == ["I proposed: (a) send the payload only to the focused client, others get a "
                    "tiny event, (b) backoff + jitter on reconnect, (c) drain connections on "
                    "deploy"]


def test_a_list_intro_left_hanging_on_i_or_and_is_cut() -> None:
    assert clauses("I wasn't convinced that was the real issue so before deciding I:") == \
        ["I wasn't convinced that was the real issue."]
    assert clauses("I blocked the PR (politely) and:") == ["I blocked the PR (politely)."]


def test_sentences_inside_one_pair_of_brackets_stay_together() -> None:
    said = clauses("I added a status page (submitted. in review. approved.) for applicants.")
    assert all(s.count("(") == s.count(")") for s in said)
    whole = facts("- added a status page applicants can see (submitted / in plan review / "
                  "approved) off the same table\n")
    assert len(whole.sentences) == 1 and "in plan review" in whole.sentences[0].text


def test_an_aside_of_whole_sentences_to_oneself_is_read_without_its_brackets() -> None:
    found = facts("I built the renewal flow.\n\n(notes to self - don't put in post: the "
                  "parallel run was Deb's idea not mine. also the cron thing is fragile. should "
                  "I mention that? prob not on linkedin)\n")
    texts = [s.text for s in found.sentences]
    assert "The parallel run was Deb's idea not mine." in texts
    assert not any("notes to self" in t.lower() or "linkedin" in t.lower() for t in texts)
    assert all(t.count("(") == t.count(")") for t in texts)
    assert not mine(found, "Deb's idea")


def test_a_bracketed_aside_split_at_the_writers_step_keeps_its_brackets_closed() -> None:
    found = facts("- our side: the cache fix (Bao's team built it, I did the design review), "
                  "and we started returning specific reject messages\n")
    assert mine(found, "I did the design review")
    assert not mine(found, "we started")
    assert all(s.text.count("(") == s.text.count(")") for s in found.sentences)


def test_a_finding_after_a_semicolon_is_not_capitalised_unless_a_name() -> None:
    step = holding(facts("I pulled 90 days of gauge data vs the predictions: error isn't "
                         "constant. Error is bigger at springs.\n"), "pulled 90 days")
    assert "; Error" not in step.text


def test_a_short_parent_bullet_names_its_list_and_says_nothing() -> None:
    found = facts("- landing\n  - cut over Jun 12, 18 days early\n  - decline rate flat\n")
    assert not any(s.text == "Landing." for s in found.sentences)
    assert holding(found, "18 days early")


def test_a_mid_paragraph_tldr_label_is_left_out() -> None:
    assert not any("DR:" in c for c in clauses("we shipped it. TL;DR: it worked and p99 fell."))


def test_what_the_writer_argued_with_we_stays_their_sentence() -> None:
    assert clauses("I wrote a 6-pager arguing we don't need 3 solvers, we need 1 solver.") == \
        ["I wrote a 6-pager arguing we don't need 3 solvers, we need 1 solver."]
    assert clauses("I argued we should wait, we shipped anyway.") == \
        ["I argued we should wait", "we shipped anyway."]

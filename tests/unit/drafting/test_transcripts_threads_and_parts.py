"""Note shapes met on fresh notes: a talk with a friend typed up ("Host: fix?" / "Me: token
refresh ..."), flashcards, an incident channel pasted with its bots, a ticket's comments one a
line ("Comment by Dana, 04/Mar: ..."), a line that says what the writer owned over the parts it
held, a deck's numbered slides, a card's name opening a line that runs on from the one before,
and levels and steps said in passing ("~11 months at Dinerly as SDE1", "ran weekly 1:1s")."""

from __future__ import annotations

from storygen.drafting.extract.phrasing import clauses, rewrite
from storygen.story.judge import stated_level
from storygen.story.kb import section_for_heading
from storygen.story.notes import parse_notes

from .facts_helpers import facts, holding, said_as_mine

PODCAST = """notes for interview prep, typed up from a call with Deshawn

Host: ok what's the company again
Me: Pillbox Health, online pharmacy, I'm on the refills team
Host: so what did you do
Me: pulled 30ish ticket users and checked their device records by hand
Host: fix?
Me: token refresh on every app open, and a fallback SMS if no push opened in 48h
Host: numbers after?
Me: missed-reminder tickets dropped to under 20/wk
Host: what would you do differently
Me: define delivered from the customer's side from the start
"""


def test_a_friend_s_questions_are_left_out_and_each_answer_goes_to_the_card_it_answers() -> None:
    found = facts(PODCAST)
    said = " ".join(s.text for s in found.sentences)
    assert "Host" not in said and "what did you do" not in said  # the questions tell nothing
    # the answer to "fix?" is the writer's fix, told as their part of the work
    fix = holding(found, "token refresh on every app open")
    assert (fix.section, fix.person) == ("action", "I")
    assert fix.text.startswith("I did this part: token refresh")
    assert holding(found, "pulled 30ish ticket users").section == "action"
    assert holding(found, "under 20/wk").section == "result"
    assert holding(found, "customer's side").section == "reflection"
    # "what's the company again" asks for the situation, not a lesson
    assert holding(found, "online pharmacy").section != "reflection"


def test_flashcards_read_as_questions_and_answers() -> None:
    found = facts("Front: what did I actually change\n"
                  "Back: switched to the cooperative-sticky assignor + static membership\n\n"
                  "Front: result?\nBack: lag during deploys went from ~40K to under 2K\n\n"
                  "Front: what would I do different\n"
                  "Back: ask in #kafka-help sooner, lost a day being too shy\n")
    said = " ".join(s.text for s in found.sentences)
    assert "Front" not in said and "Back:" not in said
    assert holding(found, "cooperative-sticky assignor").section == "action"
    assert holding(found, "under 2K").section == "result"
    lesson = holding(found, "kafka-help sooner")
    assert lesson.section == "reflection"
    assert not said_as_mine(found, "I asked in #kafka-help")  # a lesson, never told as done


def test_a_question_that_only_names_something_changed_is_no_lesson() -> None:
    found = facts("Q: what did I actually change?\nA: I moved the retries into the client\n")
    assert holding(found, "moved the retries").section == "action"


CHANNEL = """pasting from #inc-driver-payouts so I have it

PagerDuty: triggered payout-batch-failures above threshold
statusbot: incident channel opened for driver-payouts
me: ack, looking. payout batch failing ~30% since 08:40
Ingrid: who owns validation lib
me: payments-core. flag off. re-running failed batches in chunks of 500
PagerDuty: resolved payout-batch-failures
[later]
Sunil: saw the thread, thx. I'll fix + add test cases
"""


def test_a_bot_s_line_in_a_pasted_channel_is_never_the_writer_s_step() -> None:
    found = facts(CHANNEL)
    assert not said_as_mine(found, "triggered payout-batch-failures")
    assert not said_as_mine(found, "resolved payout-batch-failures")
    assert holding(found, "triggered payout-batch-failures").text.startswith("PagerDuty said")


def test_a_speaker_after_a_bracketed_note_is_still_the_thread_s() -> None:
    found = facts(CHANNEL)
    # Sunil's "I'll fix" is his, not the writer's
    assert not said_as_mine(found, "fix + add test cases")
    assert holding(found, "add test cases").text.startswith("Sunil said")
    # the writer's own line, told in the present, is their step
    assert holding(found, "re-running failed batches").text.startswith("I'm re-running")
    assert not any("[later]" in s.text for s in found.sentences)  # the writer's mark


def test_key_lines_that_repeat_are_no_thread() -> None:
    notes = parse_notes("step: paged the owning team\nstep: I wrote the runbook\n"
                        "step: I rotated the certs\n")
    assert all(b.kind != "chat" for b in notes.blocks)


TICKET = """copied off the ticket. my comments are the Ifeoma ones

Comment by Dana Whitlock, 04/Mar: Release train blocked again. Can we mark the suite non-blocking?

Comment by Ifeoma Okafor, 05/Mar: Pulled the last 30 days of CI runs. Flake rate is ~18% on checkout.

Comment by Rui Santos, 07/Mar: Payments team added a data-ready attribute for us, merged.

-- my own note after: should have pushed for the flake dashboard months ago
"""


def test_a_ticket_s_comments_one_a_line_are_read_by_who_wrote_them() -> None:
    found = facts(TICKET)
    assert holding(found, "non-blocking").text.startswith("Dana Whitlock said")
    assert said_as_mine(found, "pulled the last 30 days of CI runs")  # the writer's comment
    assert holding(found, "data-ready attribute").person == "other"
    # the writer's note after the thread is theirs, not the last commenter's
    assert said_as_mine(found, "flake dashboard")


OWNED = """why it mattered: ~18% of PODs on rural lanes failed on first attempt

I owned the android side end to end:
- local queue in Room, every POD gets a client-generated id so retries are idempotent
- upload status chip on the stop card (pending / sent / failed, tap to retry)
- heap dumps showed 3s GC pauses on old phones
- wrote the API contract doc with Kwame, he did the server-side dedupe on the id

result: first-attempt failures 18% -> under 2%. rolled to the full fleet in October
"""


def test_the_parts_a_writer_says_they_owned_are_their_steps() -> None:
    found = facts(OWNED)
    for part in ("local queue in Room", "upload status chip"):
        step = holding(found, part)
        assert (step.section, step.person) == ("action", "I"), step
        assert step.text.startswith("I did this part: ")
    # what a look found is no part the writer built, and the server side stays Kwame's
    assert not said_as_mine(found, "heap dumps")
    assert not said_as_mine(found, "server-side dedupe")
    assert holding(found, "~18% of PODs").section == "situation"  # "why it mattered:"


def test_a_roll_out_without_its_doer_is_not_told_as_the_writer_s() -> None:
    found = facts(OWNED)
    assert not said_as_mine(found, "full fleet")
    assert rewrite("rolled to the full fleet in October", "result").text \
        == "Rolled to the full fleet in October."


def test_what_a_thing_already_did_is_said_apart_from_the_writer_s_step() -> None:
    parts = [rewrite(c, None) for c in clauses(
        "added an idempotency key per transfer on the client, backend already supported it")]
    assert [p.text for p in parts] == ["I added an idempotency key per transfer on the client.",
                                       "Backend already supported it."]
    assert parts[1].person == "other"


def test_people_counted_then_their_deed_are_never_in_the_writer_s_sentence() -> None:
    said = [rewrite(c, None).text for c in clauses(
        'I pitched it as "what we owe riders", not "what the law requires": ~40 engineers '
        "across 12 teams did the migration over 3 quarters")]
    assert said[-1] == "~40 engineers across 12 teams did the migration over 3 quarters."
    assert not any(s.startswith("I ") and "did the migration" in s for s in said)
    # a count that is only what the step made stays in it
    assert [rewrite(c, None).text for c in clauses("rebuilt the intern program: 7 interns over "
                                                   "three summers, 5 came back full time")][0] \
        .startswith("I rebuilt the intern program")


def test_a_hunch_then_a_step_are_two_sentences_the_step_the_writer_s() -> None:
    said = [rewrite(c, None).text for c in clauses(
        "something felt off, sliced the eval by city tier and by time of day")]
    assert said == ["Something felt off.", "I sliced the eval by city tier and by time of day."]
    assert [rewrite(c, None).text for c in clauses("it felt off, but nobody cared")] \
        == ["It felt off, but nobody cared."]


def test_a_thing_handed_to_the_writer_is_said_as_handed_to_them() -> None:
    assert rewrite("assigned to me as a starter bug", None).text \
        == "It was assigned to me as a starter bug."
    assert rewrite("assigned the ticket to Sam", None).text == "I assigned the ticket to Sam."


def test_ran_then_how_often_then_what_is_a_step() -> None:
    assert rewrite("ran weekly 1:1s with each intern", None).text \
        == "I ran weekly 1:1s with each intern."
    assert rewrite("ran nightly on 40 nodes", None).person == "other"  # how a job ran
    assert rewrite("ran daily at 2am", None).person == "other"


def test_a_staged_ramp_the_writer_made_stays_a_step() -> None:
    found = facts("- fraud losses ~$310K/mo\n- shadow mode for 2 weeks, caught a label bug\n"
                  "- ramped 10% -> 50% -> 100%, done Nov 20\n"
                  "- BF weekend: blocked ~2,300 card-testing attempts\n")
    assert holding(found, "ramped 10% -> 50% -> 100%").section == "action"


def test_a_card_named_at_a_line_s_start_opens_it_though_the_line_before_ran_on() -> None:
    found = facts("result: no-reads back to 0.4% two days after deploy. Okonkwo closed the "
                  "escalation\ndiff next time: check other orgs' change logs first thing\n")
    assert holding(found, "change logs first thing").section == "reflection"
    assert "escalation diff" not in " ".join(s.text for s in found.sentences)


SLIDES = """talk outline for the staff forum

Slide 1 - Where we were
- 40ish teams emitting shipment events, 7 different schemas

Slide 2 - The bet
- one event contract registry for the company

Slide 5 - What I'd do differently
- under-invested in migration tooling, teams hand-wrote too much
"""


def test_a_deck_s_numbered_slides_are_headings() -> None:
    found = facts(SLIDES)
    said = " ".join(s.text for s in found.sentences)
    assert "Slide" not in said
    assert holding(found, "7 different schemas").section == "situation"
    assert holding(found, "hand-wrote too much").section == "reflection"


def test_headings_in_more_languages_name_their_cards() -> None:
    cards = {"Zadatak": "task", "Šta sam uradio": "action", "Shto nauchiv": "reflection",
             "Vynik": "result", "Harakatlar": "action", "Daalgavar": "task", "Ür dün": "result",
             "Main ki kita": "action", "Me shu karyu": "action", "Pichhokad": "situation",
             "Njan cheythathu": "action", "Naanu maadiddu": "action", "Mama kala de": "action",
             "Lote-saung-chet": "action", "Engikwenzile": "action", "Abin da na yi": "action",
             "Kion mi faris": "action", "Na rinn mi": "action", "Imiphumela": "result",
             "Rezultoj": "result", "Leasanan": "reflection", "Suidheachadh": "situation",
             "Umsebenzi wami": "task", "Sakamako": "result", "Kalitaddu": "reflection"}
    assert {heading: section_for_heading(heading) for heading in cards} == cards


def test_a_level_said_after_how_long_the_writer_had_been_there_is_theirs() -> None:
    assert stated_level("context: ~11 months at Dinerly as SDE1 on the orders team") == "SDE1"
    assert stated_level("Jules joined the team as a new grad") is None


def test_interns_the_writer_hosted_are_not_the_writer_s_level() -> None:
    text = ("interns summer @ Quillby\n- 3 interns this summer (Tobi, Ximena, Arjun). I was host "
            "for all of them since I'm the only senior on the web team right now\n")
    assert stated_level(text) == "Senior SDE"
    assert stated_level("summer intern project, my first PR review") == "SDE1"

"""Note shapes met on fresh notes: board dumps ("TODO / DOING / DONE"), rows pasted from a
spreadsheet with tabs, runbooks followed by how the night went, self-recommendations written
in the third person, letters to a future self told in the first person, lines ended by who did
them ("(me)", "(team)"), timelines labelled by years, cleft sentences ("what I actually did was
write ..."), and hackathon write-ups."""

from __future__ import annotations

from storygen.drafting.extract.phrasing import clauses, rewrite
from storygen.story.notes import parse_notes, strict_section

from .facts_helpers import facts, holding, said_as_mine

BOARD = """sprint board dump - test cleanup

TODO
- quarantine list -> zero. still 3 specs in there
- write up for team wiki (me)
- ask Marguerite if we can gate merges on the nightly too

DOING
- retry removal — ripping out the global retry setting in cypress config
- address form race — spec waited on a fixed 500ms sleep

DONE
- flake tracker — lil script that parses junit xml from the last 30 CI runs
"""


def test_a_boards_todo_column_is_still_to_do_and_its_titles_are_no_steps() -> None:
    found = facts(BOARD)
    todo = holding(found, "quarantine list")
    assert todo.text == "TODO: quarantine list -> zero."
    assert todo.section == "task"
    # never said as done, and never a card's title made a verb: "I quarantine list ..."
    assert not said_as_mine(found, "ask Marguerite")
    assert not any(s.text.startswith(("I quarantine", "I retry", "I write up"))
                   for s in found.sentences)


SHEET = ("pager cleanup in march, pasted from my sheet\n\n"
         "alert\tpages/wk before\tpages/wk after\twhat I did\tnotes\n"
         "disk_usage_warn\t41\t0\tdeleted\tnobody ever acted on it\n"
         "api_error_rate\t18\t3\trewrote as burn-rate (SLO) alert\tIngrid reviewed the math\n"
         "total\t59\t3\t\t\n\n"
         "- Ingrid + Dmitri did the dashboards side\n")


def test_rows_pasted_from_a_sheet_are_read_as_a_table() -> None:
    notes = parse_notes(SHEET)
    assert not any("\t" in b.text for b in notes.blocks)
    found = facts(SHEET)
    assert said_as_mine(found, "rewrote as burn-rate (SLO) alert")
    # a row's figures are never glued to the step of the row before it
    assert not any("deleted" in s.text and "api error rate" in s.text.lower()
                   for s in found.sentences)
    # the "notes" column says its cell alone
    assert not any("(notes " in s.text for s in found.sentences)


def test_paged_at_a_time_is_the_writer_being_paged() -> None:
    assert rewrite("paged 06:40, lag at 380k and climbing", None).text.startswith(
        "I was paged at 06:40")
    assert rewrite("paged the IC", None).text == "I paged the IC."


def test_the_writers_one_word_answer_is_said_as_theirs() -> None:
    assert rewrite("Me: no.", None).text == "I said no."
    assert rewrite("me: no idea why", None).text != "I said no idea why."


def test_a_measure_on_its_own_line_is_no_finding_of_the_step_before() -> None:
    found = facts("- Leilani built the deep link, I did the update gate logic on both platforms\n"
                  "- support tickets week of hard block: 212 (they'd forecast 1,500+)\n")
    assert holding(found, "update gate logic").text.endswith("platforms.")


def test_a_cleft_sentence_of_the_writers_steps_is_said_plainly() -> None:
    assert clauses("what I actually did was write the project menu, pair each intern with a "
                   "buddy") == ["I wrote the project menu, paired each intern with a buddy"]
    assert clauses("what I did was basically rewrite the cron") == ["I rewrote the cron"]
    # no step: said as written, never cut to "Wrong."
    assert [rewrite(c, None).text for c in clauses("What I did was wrong")] \
        == ["What I did was wrong."]


SELF_REC = """draft for Gus, promo packet self-rec. he said write it about myself like someone else
wrote it, I hate this

Ifeoma led the bank-wide shift from batch fraud scoring to a real-time platform. Nobody had asked
for a platform. Ifeoma ran the architecture review board for it and paired with the first 3
teams. She designed the core pieces.
"""


def test_a_self_recommendation_in_the_third_person_is_the_writers() -> None:
    found = facts(SELF_REC)
    assert said_as_mine(found, "led the bank-wide shift")
    assert said_as_mine(found, "ran the architecture review board")
    # the same words with no such note are someone else's
    other = facts(SELF_REC.split("\n\n", 1)[1])
    assert not said_as_mine(other, "led the bank-wide shift")


def test_a_letter_to_a_future_self_told_in_the_first_person_keeps_its_reader() -> None:
    found = facts("Dear future me (or whoever reads my promo packet),\n\nI would like to draw "
                  "your attention to the slotting re-platform, which I led. I took on the "
                  "rewrite. I committed to leadership that all four DCs would move.\n")
    said = holding(found, "draw your attention").text
    assert "draw your attention" in said and "draw my attention" not in said
    assert holding(found, "draw your attention").section != "reflection"


def test_lines_ended_by_their_doer_lose_the_tag_and_keep_their_doer() -> None:
    found = facts("it landed on me bc I own the royalty pipeline (me)\n"
                  "checked offsets vs raw S3 counts for 3 days of data (me)\n"
                  "Raj pulled a label's raw play logs from their side (Raj)\n"
                  "finance handled the true-up payments to labels (team)\n"
                  "fix: month boundary computed per contract tz (me)\n")
    assert not any(s.text.endswith(("(me).", "(team).", "(Raj).")) for s in found.sentences)
    assert said_as_mine(found, "checked offsets")
    assert not said_as_mine(found, "true-up payments")
    assert not any("fixed month boundary" in s.text for s in found.sentences)


def test_years_and_month_ranges_label_a_timeline_line() -> None:
    notes = parse_notes("2021-10/11  spent ~3 wks reading our incident history\n"
                        "2023  two peer companies did the full split; one rolled half back\n"
                        "2024-01  still monolith + 2 services. ~170 engineers\n")
    assert len(notes.blocks) == 3
    assert said_as_mine(facts("2021-10/11  spent ~3 wks reading our incident history\n"),
                        "spent ~3 wks reading")


def test_a_prize_won_is_never_the_writers_alone() -> None:
    assert rewrite('won 2nd place + "most shippable"', None).person != "I"
    assert rewrite("won the argument with data", None).text == "I won the argument with data."


def test_a_thing_dropped_is_a_step_and_a_measure_that_dropped_is_not() -> None:
    assert rewrite("dropped seasonal pre-slotting, told Ruth directly", None).person == "I"
    assert rewrite("dropped from 40 to 3", None).person != "I"
    assert rewrite("dropped calls fell 30%", None).person != "I"


def test_a_noun_ending_in_ss_is_no_plural_subject() -> None:
    assert rewrite("added freshness check + backfill", None).text \
        == "I added freshness check + backfill."
    assert rewrite("bored people leave", None).person != "I"
    assert rewrite("pinged Sindre's lead Marte on slack", "action").person == "I"


def test_things_i_got_wrong_is_a_lesson_heading() -> None:
    assert strict_section("stuff I got wrong") == "reflection"
    assert strict_section("things broke") is None

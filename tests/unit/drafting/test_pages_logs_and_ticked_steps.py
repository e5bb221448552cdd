"""Note shapes met on fresh notes: pages pasted with their HTML, logs written newest first
("wed 10:14 paged" last), checklists whose ticked items are the writer's steps, "we" lines the
writer marks "(this was me)", headings such as "what I chose" or "my bit" over steps, and the
level a writer states in passing ("I was IC that night, senior on the payments platform")."""

from __future__ import annotations

from storygen.drafting.extract.phrasing import rewrite
from storygen.story.judge import stated_level
from storygen.story.notes import parse_notes, strict_section

from .facts_helpers import facts, holding, said_as_mine

PAGE = """<p><b>Follow-up: cert expiry on the partner gateway</b></p>
<p>On 14 March the TLS cert expired at 02:10 &amp; ~30 brokers couldn't submit quotes.</p>
<ul>
<li>(me) inventoried every cert we had: found 212</li>
<li>Priya's team added the expiry alert at 21 days</li>
</ul>
<p><b>Outcome</b><br>zero cert-related incidents in the 9 months since.</p>
"""


def test_a_page_pasted_with_its_html_is_read_as_the_text_it_shows() -> None:
    notes = parse_notes(PAGE)  # before, no block was read: "the notes hold no text"
    texts = " ".join(b.text for b in notes.blocks)
    assert "<" not in texts and "&amp;" not in texts
    assert "02:10 & ~30 brokers" in texts
    assert [b.kind for b in notes.blocks if "alert at 21 days" in b.text] == ["bullet"]
    found = facts(PAGE)
    assert holding(found, "9 months since").section == "result"  # under its bold "Outcome"
    assert holding(found, "alert at 21 days").person == "other"  # the team's, as written


def test_a_tag_or_two_in_prose_is_dropped_and_the_line_kept() -> None:
    notes = parse_notes("the <b>only</b> fix was a retry <i>cap</i> at 3\n")
    assert notes.blocks[0].text == "the only fix was a retry cap at 3"
    # a break inside a table's cell keeps the row whole
    table = parse_notes("| When | What |\n|---|---|\n| 17:40 | alert<br>I paged Sam |\n"
                        "| 17:48 | <b>rolled back</b> |\n")
    assert all("<" not in b.text for b in table.blocks)
    assert [b.text for b in table.blocks] == ["alert I paged Sam", "rolled back"]


NEWEST_FIRST = """playback outage. my timeline, newest first

wed 11:05  all clear. playback start failures back under 0.2%
wed 10:52  I rolled the resolver pods in zone b
wed 10:31  noticed it was only zone b. pulled per-AZ NXDOMAIN counts
wed 10:14  paged. playback start failures 9% and climbing
"""


def test_a_log_written_newest_first_is_read_in_the_order_things_happened() -> None:
    notes = parse_notes(NEWEST_FIRST)
    assert [_what(b.text) for b in notes.blocks] == ["paged", "noticed", "rolled", "all clear"]
    found = facts(NEWEST_FIRST)
    order = [s.text for s in found.sentences]
    paged = next(i for i, t in enumerate(order) if "paged" in t)
    clear = next(i for i, t in enumerate(order) if "all clear" in t)
    assert paged < clear
    # the page that opened the day is where the story starts, never its result
    assert holding(found, "9% and climbing").section == "situation"


def test_a_log_told_forwards_keeps_its_order() -> None:
    forwards = NEWEST_FIRST.replace("newest first", "in order").split("\n")
    forwards = "\n".join(forwards[:2] + list(reversed(forwards[2:6])) + forwards[6:])
    notes = parse_notes(forwards)
    assert [_what(b.text) for b in notes.blocks] == ["paged", "noticed", "rolled", "all clear"]


def test_words_that_open_like_a_weekday_are_no_stamps() -> None:
    # "satisfied", "friend", "monitored": sat, fri, mon read as days would be a log told
    # backwards, and the notes turned upside down
    notes = parse_notes("rollout notes\n\nsome context first.\n\nsatisfied the auditors first\n\n"
                        "friend on infra lent me a test rig\n\nmonitored the lag for a week\n")
    assert [b.text.split()[0] for b in notes.blocks] == ["some", "satisfied", "friend",
                                                         "monitored"]


def _what(line: str) -> str:
    return next(word for word in ("paged", "noticed", "rolled", "all clear") if word in line)


def test_a_short_weekday_opens_a_logs_line_but_sat_with_them_is_a_step() -> None:
    assert rewrite("wed 10:31  noticed it was only zone b", None).text \
        == "Wed 10:31, I noticed it was only zone b."
    assert rewrite("thu am     repro'd in staging", None).text == "Thu am, I repro'd in staging."
    assert rewrite("sat with them for 2 weeks", None).text == "I sat with them for 2 weeks."


def test_a_clock_time_followed_by_got_is_no_time_zone() -> None:
    # "got" once read as a zone ("GT"), and the step came out as "At 7:12 got I was paged"
    assert rewrite("7:12 got paged, 7:20 confirmed it was TLS", "action").text \
        == "At 7:12 I got paged, 7:20 confirmed it was TLS."
    assert rewrite("9:10 PT rolled back", "action").text == "At 9:10 PT I rolled back."


CHECKLIST = """talkback fixes on checkout. new grad, ~2 months in

- [x] fix substitution screen (the actual ticket)
- [x] fix the other 4 checkout screens. asked my mentor before widening scope
- [x] growth and ML platform ported their own pipelines using my templates
- [x] migrate the tip selector (Raj)
- [ ] get design to add labels to the figma components
"""


def test_a_ticked_item_that_opens_on_a_verb_is_the_writers_step() -> None:
    found = facts(CHECKLIST)
    assert said_as_mine(found, "fixed substitution screen")
    assert said_as_mine(found, "fixed the other 4 checkout screens")
    # an item that names who did it stays theirs; an open box is never told as done
    assert not said_as_mine(found, "ported their own pipelines")
    assert not said_as_mine(found, "tip selector")
    assert not said_as_mine(found, "add labels to the figma")


def test_a_we_the_writer_marks_as_theirs_is_told_as_theirs() -> None:
    said = rewrite("We added a keys table w/ 24h TTL in the payments db (this was me, plus the "
                   "migration and the backfill script).", None)
    assert said.person == "I"
    assert said.text == ("I added a keys table w/ 24h TTL in the payments db (plus the migration "
                         "and the backfill script).")
    assert rewrite("we wrote the runbook (that was me) on Friday", None).text \
        == "I wrote the runbook on Friday."
    # unmarked, marked as someone else's, or no step done, "we" stays "we"
    assert rewrite("We need a fix (this is me).", None).person == "we"
    assert rewrite("We rolled it out (not me).", None).person == "we"
    assert rewrite("We rolled it out to 5% first.", None).person == "we"


def test_headings_over_the_writers_steps_name_the_action() -> None:
    for heading in ("what I chose", "what I went with", "options I weighed", "what I wrote",
                    "what I set up", "what I pushed for"):
        assert strict_section(heading) == "action", heading
    for heading in ("what I learned", "what I missed", "what I took on"):
        assert strict_section(heading) != "action", heading


def test_a_past_step_under_a_task_heading_is_the_writers() -> None:
    found = facts("my bit:\n- pulled 30 days of CI history into a sheet\n"
                  "- told Tobias + the CSM on Dec 20, not at the deadline\n")
    assert said_as_mine(found, "pulled 30 days of CI history")
    assert said_as_mine(found, "told Tobias + the CSM")


def test_a_step_not_taken_spelt_without_its_apostrophe_is_still_the_writers() -> None:
    assert rewrite("didnt wait for a full RCA", "action").text == "I didnt wait for a full RCA."
    assert rewrite("didnt work", "action").person == "other"  # a thing that failed
    assert rewrite("should've asked who took over", "reflection").text \
        == "I should've asked who took over."
    assert rewrite("Should've been caught by CI", "reflection").person == "other"


def test_a_level_said_in_passing_is_the_writers_own() -> None:
    assert stated_level("(I was IC that night, senior on the payments platform.)") == "Senior SDE"
    assert stated_level("I was secondary on-call, senior SRE. primary was on a flight") \
        == "Senior SDE"
    assert stated_level("grid meter-data team (I'm EM, 6 engs)") == "Senior SDE"
    assert stated_level("got Mehmet and Chiamaka (other principals) to read it") == "Principal SDE"
    assert stated_level("owning it publicly felt risky for a principal") == "Principal SDE"
    # someone else's level, or one asked about, is not
    assert stated_level("I was paged by Raj, senior SRE on infra") is None
    assert stated_level("EM said no to the plan.") is None
    assert stated_level("agenda\n3. me: what's next / staff?") is None
    assert stated_level("Raj and his fellow seniors pushed back") is None

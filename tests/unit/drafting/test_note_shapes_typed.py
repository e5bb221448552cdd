"""Notes typed in shapes of their own: shell comments, a mock interview typed up, an outline of
numbered sub-steps, a timeline of what it cost, and steps that open on when they were done."""

from __future__ import annotations

from storygen.story.notes import parse_notes

from .facts_helpers import facts, holding
from .facts_helpers import said_as_mine as mine

COMMENTED = """# interview prep - the SMPP story
# me: grad engineer, 10 months in, messaging platform team. Farid is my tech lead
#
# context: the SMS gateway speaks SMPP to partner carriers.
# we kept getting "throttled" errors at peak, ~2-3% of OTPs failing
#
# what i did:
# - read the SMPP spec on my own time, like 160 pages
# - set up a local SMSC simulator so i could poke at windowing
#
# after:
# - OTP failure at peak 2-3% -> ~0.1%
"""


def test_notes_written_as_shell_comments_are_read_as_notes() -> None:
    notes = parse_notes(COMMENTED)
    assert notes.title == "interview prep - the SMPP story"
    spec = next(b for b in notes.blocks if "SMPP spec" in b.text)
    assert spec.section == "action" and spec.kind == "bullet" and spec.line == 8
    found = facts(COMMENTED)
    assert mine(found, "local SMSC simulator")
    assert holding(found, "from 2-3% to ~0.1%").section == "result"
    assert found.level == "SDE1"  # "grad engineer" is read once the lines are read


def test_a_few_hash_headings_are_still_headings() -> None:
    notes = parse_notes("# Cache outage\n\n# What I did\n- I added a warm-up step\n\n"
                        "# Outcome\n- p99 900ms -> 120ms\n\nsome prose after it.\n\nmore prose.\n")
    assert notes.title == "Cache outage"
    assert next(b for b in notes.blocks if "warm-up" in b.text).section == "action"


MOCK = """mock interview practice w/ Priya. typed up from memory after so its rough

interviewer: tell me about a time you dug into a problem nobody could explain
me: I'm a data engineer, mid-level. our nightly Spark job started producing duplicate rows
interviewer: how did you notice
me: finance did. their weekly revenue number was off by approx $40k
interviewer: what did you do first
me: first thing I pulled 14 nights of output and diffed row counts against the Kafka offsets
interviewer: and the fix
me: short term I turned speculation off. longer term I rewrote the writer to stage to a temp path
interviewer: result?
me: zero dupes in the ~6 weeks since
interviewer: anything you'd do differently
me: I'd have added a row-count check on day one
"""


def test_a_mock_interview_typed_up_reads_each_answer_under_its_question() -> None:
    found = facts(MOCK)
    assert holding(found, "off by approx $40k").section == "situation"
    for words in ("pulled 14 nights", "turned speculation off", "rewrote the writer"):
        assert (holding(found, words).section, holding(found, words).person) == ("action", "I")
    assert holding(found, "zero dupes").section == "result"
    assert holding(found, "row-count check").section == "reflection"
    assert not any(s.text.lower().startswith(("me:", "interviewer")) for s in found.sentences)


def test_a_note_on_how_the_notes_were_typed_is_not_a_step() -> None:
    assert not mine(facts(MOCK), "typed up")


OUTLINE = """I was asked only to fix autocomplete latency.

1. figure out if the bigger idea was real
   1.1 spent 2 weeks in each team's code + metrics, not slides
   1.2 found ~70% of the logic duplicated
2. get it funded
   2.1 asked for 6 engineers pulled from the 4 teams. got 5
"""


def test_outline_numbered_sub_steps_are_steps_under_their_phase() -> None:
    found = facts(OUTLINE)
    assert mine(found, "spent 2 weeks in each team's code")
    assert mine(found, "found ~70% of the logic duplicated")
    assert mine(found, "asked for 6 engineers")
    # the phase names a plan, not a lesson or a step of its own
    assert not any("get it funded" in s.text.lower() for s in found.sentences)
    assert not any("1.1" in s.text or "2.1" in s.text for s in found.sentences)


def test_a_date_like_line_is_not_an_outline_number() -> None:
    notes = parse_notes("- 1. shipped it\n\n12.03 rolled back the canary\n13.03 shipped again\n")
    assert any(b.text.startswith("12.03") for b in notes.blocks)


def test_a_step_done_over_its_details_stays_a_step() -> None:
    found = facts("## What I did\n1. wrote the migration script\n   - handled the null rows\n")
    assert mine(found, "wrote the migration script")


def test_what_it_cost_and_how_bad_it_could_have_been_are_not_the_writers_doing() -> None:
    found = facts("## Outcome\nlost about 35 min of bad matchmaking on the biggest night. "
                  "could have been hours if we waited for the capacity review.\n")
    assert not mine(found, "lost about 35 min")
    assert not mine(found, "could have been hours")
    assert any(s.text.startswith("It could have been hours") for s in found.sentences)
    kept = facts("## Lessons\ncould have been more careful with the rollout.\n")
    assert mine(kept, "could have been more careful")


def test_a_step_that_opens_on_when_it_was_done_is_the_writers() -> None:
    found = facts("## What I did\n- first thing I pulled the failed pick logs.\n"
                  "- short term I turned speculation off.\n- day one I paged the owner.\n")
    for words in ("pulled the failed pick logs", "turned speculation off", "paged the owner"):
        assert holding(found, words).person == "I"
        assert holding(found, words).section == "action"


def test_a_label_naming_the_writers_part_opens_the_action() -> None:
    found = facts("next day: I wrote the post-mortem.\n\n"
                  "follow up I owned: changed cache to store ids only, memory per pod dropped ~70%\n")
    assert holding(found, "store ids only").section == "action"
    assert mine(found, "store ids only")


def test_joining_as_a_level_with_no_subject_is_the_writers_level() -> None:
    assert facts("- joined the search infra team as SDE1, inherited an on-call rotation\n"
                 "- I wrote a runbook for each alert\n").level == "SDE1"
    assert facts("- Jules joined the team as a new grad\n- I paired with Jules daily\n"
                 "- I led the design review with the director\n").level != "SDE1"


def test_a_message_to_someone_keeps_the_writers_step_without_the_name() -> None:
    found = facts("From: me\nSubject: RE: key detected\n\n"
                  "Carla - I've deactivated the key as of 21:40. it belonged to the sandbox account.\n")
    step = holding(found, "deactivated the key")
    assert step.text.startswith("I've deactivated") and step.person == "I"
    lesson = facts("Lesson, I guess, argue with data, then get out of the way.\n")
    assert holding(lesson, "argue with data").text.startswith("Lesson, I guess")


def test_a_pasted_thread_note_is_not_a_step() -> None:
    found = facts("pasted the thread bc it tells the story better than I can. context: I'm an SDE "
                  "on the product security team.\n")
    assert not mine(found, "pasted the thread")
    assert [d.text for d in found.dropped if d.reason == "where a paste came from"]



TAKEOVER = """took over Priyanka's claims dedup project when she went on parental leave

what I inherited: matching logic ~60% written in Spark, no tests, and a dupe rate of ~6%. 6 weeks to go.

- first 2 days just read her notes + code
- I wrote the blocking step, runtime 5h -> 40 min

the miss on my side: my validation compared totals, not per-yard.
"""


def test_what_the_writer_inherited_is_the_situation_and_taking_over_is_the_task() -> None:
    found = facts(TAKEOVER)
    assert holding(found, "~60% written in Spark").section == "situation"
    assert holding(found, "took over Priyanka's").section == "task"


def test_the_writers_own_miss_is_a_lesson() -> None:
    assert holding(facts(TAKEOVER), "compared totals").section == "reflection"


def test_what_someone_else_did_later_is_not_what_the_writers_step_found() -> None:
    found = facts("ok the actual story. we migrated the calc to the new warehouse. I signed off on "
                  "the validation. two weeks after go-live, a yard manager (Curtis) emailed saying "
                  "his numbers looked ~3 hours too low. he was right — timezone bug.\n\n"
                  "my response:\n- called Curtis that day, confirmed, thanked him\n")
    signed = holding(found, "signed off on the validation")
    assert "Curtis" not in signed.text and "he was right" not in signed.text
    assert holding(found, "emailed saying").person != "I"


def test_a_role_said_after_me_gets_its_article() -> None:
    assert holding(facts(COMMENTED), "grad engineer").text.startswith("I was a grad engineer")
    assert holding(facts("me: 3 yrs in, mid-level\n\n- I fixed it\n"), "3 yrs in").text \
        .startswith("I was 3 yrs in")


def test_a_noun_that_opens_a_line_is_not_made_a_verb() -> None:
    found = facts("## what i did, fast\n- rolled back the release myself\n"
                  "- rollback alone didn't fix it: the cache kept the new keys\n"
                  "- flushed the cache\n- db back to ~40% by 16:31\n")
    assert not any(s.text.startswith(("I rolled back alone", "I dbed")) for s in found.sentences)
    assert mine(found, "rolled back the release") and mine(found, "flushed the cache")


CHAIN = """incident 11/14 -- dashboards down for EU tenants

chain as best I can reconstruct it:
release 2024.46 -> every key misses -> primary CPU 35% -> 98% in ~4 min -> dashboards blank

I'm SDE2, ~3 yrs, query-serving team. wasn't oncall (Ben was) but I saw the grafana spike first.

what i did, fast:
- 16:12 paged Ben + opened the incident channel, no ack for 6 min
- decided not to wait -> rolled back 2024.46 myself via the deploy tool
- flushed the tenant-config cache -> did it anyway b/c db was already dying
- db back to ~40% by 16:31

then:
Ben landed, took over comms. Helena (staff eng) wrote the postmortem and the real fix.

damage -> ~26 min of degraded dashboards, no data loss.

rule now -> rollback != recovery. In review I now ask "does this deploy write shared state?"
"""


def test_a_metric_that_got_worse_before_anything_was_done_is_the_problem() -> None:
    assert holding(facts(CHAIN), "from 35% to 98%").section == "situation"
    fell = facts(CHAIN.replace("primary CPU 35% -> 98% in ~4 min", "cache hit rate 95% -> 3%"))
    assert holding(fell, "95% -> 3%").section == "situation"  # a rate that should be high


def test_a_sentence_broken_over_lines_like_a_poem_keeps_its_subject() -> None:
    found = facts("the CTO made the call. deal dropped.\n\nthe data platform team (Sung-min's)\n"
                  "built the hourly rollup + the export guardrails.\nI wrote the review checklist\n"
                  "and ran the first 5 reviews myself,\nthen handed it to a rotating panel.\n")
    assert not mine(found, "built the hourly rollup")
    assert mine(found, "ran the first 5 reviews myself")
    dated = facts("**Wed 5 Mar**\nfound it. the retry path re-stamps the event time.\n")
    assert holding(dated, "found it").text.startswith(("I found", "Found"))


def test_what_the_others_did_is_never_said_with_the_writers_step() -> None:
    found = facts("4. What I did: wrote a short doc proposing the button confirms locally.\n"
                  "5. Others: mobile team (Kenji) built the new screen; I did the backend queue.\n")
    assert not any("doc" in s.text and "Kenji" in s.text for s in found.sentences)


COLUMNS = """ME                                              | TEAM
- Sunday, noticed the 1% cohort had roughly     | - Ravi was hiking, no signal
  double the "offline" heartbeats vs control    |
- paused the rollout at 1% myself (runbook says | - Sofia + Tom (firmware) found a wifi
  anyone can) + posted why in #fw-release       |   reconnect backoff bug
- wrote a query splitting offline rate by       | - shipped fw 3.8.1 on Tues
  router model, handed that to firmware         |

how it ended: 3.8.1 hit 100% two weeks later.
"""


def test_two_columns_side_by_side_are_read_whole_and_the_others_stay_theirs() -> None:
    notes = parse_notes(COLUMNS)
    paused = next(b for b in notes.blocks if "paused the rollout" in b.text)
    assert paused.text.endswith("posted why in #fw-release") and "Sofia" not in paused.text
    assert paused.line == 4
    found = facts(COLUMNS)
    assert mine(found, "paused the rollout at 1% myself (runbook says anyone can)")
    assert mine(found, "wrote a query splitting offline rate by router model")
    for theirs in ("found a wifi reconnect backoff bug", "shipped fw 3.8.1", "Ravi was hiking"):
        assert holding(found, theirs).person != "I", theirs


def test_a_step_under_a_label_naming_the_others_is_theirs() -> None:
    found = facts("- paused the rollout myself\n- team: shipped fw 3.8.1 on Tues\n")
    assert not mine(found, "shipped fw 3.8.1")


def test_what_a_person_the_notes_introduced_does_is_never_said_with_the_writers_step() -> None:
    found = facts("Your director (Meera) wants to buy a vendor tool for it.\n\n"
                  "You write a short doc w/ the numbers: ~31% of volume is on the unsupported "
                  "protocols. You show it in the arch review. You say, out loud, \"I think we'll "
                  "miss the deadline for a third of our volume\". Meera hears you out, and decides "
                  "to go vendor anyway.\n\nThen you commit. You build the async queue yourself.\n")
    said = holding(found, "I say, out loud")
    assert "Meera" not in said.text
    assert holding(found, "decides to go vendor anyway").person != "I"

"""The eval scorer on small hand-made stories: each metric counts what it names, no more."""

from __future__ import annotations

from typing import Any

import pytest

from storygen.core.findings import Finding, Severity
from storygen.drafting.evaluate import (
    Delta,
    compare,
    parse_requirement,
    score_story,
    summarize,
)
from storygen.drafting.gold import Gold

NOTES = """The nightly jobs cost ~$8K a month and ran at 12:30 every night.
I profiled them with async-profiler and found 850ms GC pauses.
We moved the jobs to AWS Batch. I cut the bill to $3K.
"""
FIGURES = ["~$8K", "12:30", "850ms", "$3K"]


def story(**cards: str) -> dict[str, Any]:
    data: dict[str, Any] = {"principle": "Dive Deep", "level": "SDE2", "sections": {}}
    for card in ("situation", "task", "action", "result", "reflection"):
        data["sections"][card] = {"target_seconds": 30,
                                  "strong_example": cards.get(card, "Nothing here."),
                                  "key_phrases": [], "coaching": "Aim for 30 seconds.",
                                  "common_mistake": "None."}
    return data


def gold(**fields: Any) -> Gold:
    base: dict[str, Any] = {"principle": "Dive Deep", "level": "SDE2", "facts": [],
                            "figures": FIGURES, "we_only": [], "forbidden": []}
    base.update(fields)
    return Gold.model_validate(base)


def score(data: dict[str, Any], g: Gold, findings: list[Finding] | None = None):
    return score_story("case", data, g, notes_text=NOTES, findings=findings or [])


FACT = {"text": "ASYNC-profiler", "sections": ["action"]}


def test_a_fact_in_its_gold_card_is_placed() -> None:
    s = score(story(action="I profiled them with async-profiler."), gold(facts=[FACT]))
    assert (s.facts, s.placed, s.misplaced, s.dropped) == (1, 1, [], [])


def test_a_fact_only_in_another_card_is_misplaced() -> None:
    s = score(story(situation="I used async-profiler."), gold(facts=[FACT]))
    assert s.placed == 0
    assert len(s.misplaced) == 1 and "situation" in s.misplaced[0]
    assert s.dropped == []


def test_a_fact_in_no_card_is_dropped_even_when_another_field_holds_it() -> None:
    data = story(action="I looked at the jobs.")
    data["overview"] = {"summary": "I used async-profiler."}
    s = score(data, gold(facts=[FACT]))
    assert (s.placed, s.misplaced, s.dropped) == (0, [], ["ASYNC-profiler"])


def test_a_fact_copied_with_its_markdown_marks_is_found_in_the_plain_story() -> None:
    fact = {"text": "profiled them with *async-profiler*", "sections": ["action"]}
    s = score(story(action="I profiled them with async-profiler."), gold(facts=[fact]))
    assert s.placed == 1
    s = score(story(action="I looked at the jobs."), gold(facts=[fact]))
    assert s.placed == 0 and len(s.dropped) == 1


def test_a_fact_with_two_gold_cards_is_placed_in_either() -> None:
    fact = {"text": "850ms", "sections": ["situation", "result"]}
    s = score(story(result="Pauses were 850ms."), gold(facts=[fact]))
    assert s.placed == 1


def test_a_figure_the_notes_lack_is_invented_and_a_folded_one_is_not() -> None:
    s = score(story(result="The bill was $8,000 a month. It is $3K now, saving 62%."), gold())
    assert s.invented == ["'62%' at /sections/result/strong_example"]
    assert s.torn == []


def test_coaching_may_name_its_own_speaking_budget_but_not_another_figure() -> None:
    data = story()
    data["sections"]["task"]["coaching"] = "Aim for 45 seconds."
    data["sections"]["result"]["coaching"] = "Aim for 30 minutes."
    s = score(data, gold())
    # the budget is a duration in seconds: "Aim for 30 seconds." is the card's own budget
    # (story() gives every card 30 s), "45 seconds" is not, and "30 minutes" is 1800 s
    assert s.invented == ["'45 seconds' at /sections/task/coaching",
                          "'30 minutes' at /sections/result/coaching"]


@pytest.mark.parametrize("text", [
    "The jobs cost $8-10K a month.", "They ran at 12:30.", "It took one week, about a dozen runs.",
    "The notes said 90 days notice.",
])
def test_a_figure_the_grammar_reads_whole_is_neither_torn_nor_invented(text: str) -> None:
    notes = NOTES + "The next run cost $8-10K. It took one week,\nabout a dozen runs and 90\ndays notice.\n"
    g = gold(figures=[*FIGURES, "$8-10K", "one week", "a dozen", "90"])
    s = score_story("case", story(situation=text), g, notes_text=notes, findings=[])
    assert (s.torn, s.invented) == ([], [])


def test_a_piece_of_a_range_or_decimal_is_torn() -> None:
    notes = NOTES + "The next run cost $8-10K and precision fell 0.91 to 0.84.\n"
    g = gold(figures=[*FIGURES, "$8-10K", "0.91", "0.84"])
    s = score_story("case", story(result="From $31K to $8. Precision 0.91 to 0."), g,
                    notes_text=notes, findings=[])
    assert s.torn == ["'$8' (of '~$8K' or '$8-10K') at /sections/result/strong_example",
                      "'0' (of '0.91' or '0.84') at /sections/result/strong_example"]


@pytest.mark.parametrize(("text", "fragment"), [
    ("The jobs ran at 12 every night.", "'12' (of '12:30')"),
    ("The jobs cost 8 a month.", "'8' (of '~$8K')"),
])
def test_a_piece_of_a_notes_figure_is_torn(text: str, fragment: str) -> None:
    s = score(story(situation=text), gold())
    assert s.torn == [f"{fragment} at /sections/situation/strong_example"]
    assert s.invented == []


def test_a_figure_written_whole_is_not_torn() -> None:
    s = score(story(situation="They ran at 12:30 and cost ~$8K a month."), gold())
    assert (s.torn, s.invented) == ([], [])


def test_a_we_only_phrase_told_as_i_is_counted_and_told_as_we_is_not() -> None:
    g = gold(we_only=["moved the jobs to AWS Batch"])
    assert score(story(action="We moved the jobs to AWS Batch."), g).we_to_i == []
    s = score(story(action="I profiled them. I moved the jobs to AWS Batch."), g)
    assert len(s.we_to_i) == 1 and "/sections/action/strong_example" in s.we_to_i[0]


def test_a_forbidden_string_anywhere_in_the_story_is_counted() -> None:
    data = story()
    data["quizzes"] = [{"question": "q", "options": ["Ignore the notes", "b"]}]
    s = score(data, gold(forbidden=["ignore the NOTES", "absent text"]))
    assert s.forbidden == ["ignore the NOTES"]


def test_placeholder_cards_are_holes() -> None:
    s = score(story(task="[To fill in from your notes: why this was yours to do.]"), gold())
    assert s.holes == ["task"]


def test_principle_and_level_are_compared_only_when_the_gold_names_them() -> None:
    data = story()
    right = score(data, gold())
    assert right.principle == ("Dive Deep", "Dive Deep") and right.level == ("SDE2", "SDE2")
    wrong = score(data, gold(principle="ownership", level="senior"))
    assert wrong.principle == ("Ownership", "Dive Deep")
    assert wrong.level == ("Senior SDE", "SDE2")
    unset = score(data, gold(principle=None, level=None))
    assert unset.principle is None and unset.level is None
    summary = summarize([right, wrong, unset])
    assert (summary["principle"], summary["principle_total"]) == (0.5, 2)
    assert (summary["level"], summary["level_total"]) == (0.5, 2)


def test_only_error_findings_are_counted() -> None:
    findings = [Finding(code="GRD001", severity=Severity.ERROR, message="m", pointer="/p"),
                Finding(code="STY001", severity=Severity.WARNING, message="m", pointer="/p")]
    s = score(story(), gold(), findings)
    assert s.errors == ["GRD001: m"]


def test_summary_totals_the_stories() -> None:
    a = score(story(action="async-profiler", result="62%"), gold(facts=[FACT]))
    b = score(story(situation="async-profiler"), gold(facts=[FACT]))
    summary = summarize([a, b])
    assert summary["notes"] == 2
    assert (summary["facts"], summary["placed"], summary["placement"]) == (2, 1, 0.5)
    assert (summary["misplaced"], summary["dropped"], summary["invented"]) == (1, 0, 1)


def test_a_worse_metric_is_worse_in_its_own_direction() -> None:
    deltas = {d.metric: d for d in compare({"placement": 0.5, "dropped": 3, "invented": 0},
                                           {"placement": 0.6, "dropped": 2, "invented": 1})}
    assert deltas["placement"].worse and deltas["dropped"].worse
    assert not deltas["invented"].worse
    assert not Delta("principle", None, 0.5).worse


def test_requirements_read_both_directions_and_reject_unknown_metrics() -> None:
    assert parse_requirement("placement>=0.8").met({"placement": 0.8})
    assert not parse_requirement("placement >= 0.81").met({"placement": 0.8})
    assert parse_requirement("invented<=0").met({"invented": 0})
    assert not parse_requirement("invented<=0").met({"invented": 2})
    for bad in ("placement=0.8", "speed>=1", "placement>=x"):
        with pytest.raises(ValueError, match="METRIC>=VALUE"):
            parse_requirement(bad)


def test_a_we_only_phrase_after_its_own_we_in_an_i_sentence_stays_the_teams() -> None:
    g = gold(we_only=["moved the jobs to AWS Batch"])
    mixed = "I profiled the jobs and we moved the jobs to AWS Batch."
    assert score(story(action=mixed), g).we_to_i == []
    claimed = "I profiled the jobs and moved the jobs to AWS Batch."
    assert len(score(story(action=claimed), g).we_to_i) == 1
    owned = gold(we_only=["own the rest by category"])
    agreed = "I deleted 23 alarms myself and got agreement from the team to own the rest by category."
    assert score(story(action=agreed), owned).we_to_i == []
    taken = "I deleted 23 alarms myself and agreed to own the rest by category."
    assert len(score(story(action=taken), owned).we_to_i) == 1


def test_a_phrase_the_writer_had_someone_else_do_is_theirs_but_a_past_step_after_had_is_not() -> None:
    spot = gold(we_only=["Maria's leads spot check"])
    had = "I re-routed the stuck tickets with a script + had Maria's leads spot check."
    assert score(story(action=had), spot).we_to_i == []
    retest = gold(we_only=["to retest on Android TalkBack"])
    got = "I got Jonah (the one QA with screen reader experience) to retest on Android TalkBack."
    assert score(story(action=got), retest).we_to_i == []
    told_as_you = "I build the queue, and I get Jonah (my strongest junior) to retest on Android TalkBack."
    assert score(story(action=told_as_you), retest).we_to_i == []
    plain = "I agreed to retest on Android TalkBack."
    assert len(score(story(action=plain), retest).we_to_i) == 1
    refactor = gold(we_only=["refactored the code"])
    assert len(score(story(action="I had refactored the code by then."), refactor).we_to_i) == 1


def test_a_torn_piece_after_the_whole_figure_in_the_same_field_is_still_torn() -> None:
    s = score(story(situation="They ran at 12:30. Later, at 12, they stopped."), gold())
    assert s.torn == ["'12' (of '12:30') at /sections/situation/strong_example"]


def test_a_we_only_phrase_that_names_its_own_doers_is_not_told_as_i() -> None:
    others = gold(we_only=["got others to write the rest"])
    wrote = "I wrote ~20 runbooks myself, got others to write the rest."
    assert score(story(action=wrote), others).we_to_i == []
    teams = gold(we_only=["deleted the old impls w/ each team"])
    assert score(story(action="I deleted the old impls w/ each team."), teams).we_to_i == []
    alone = gold(we_only=["deleted the old impls"])
    assert len(score(story(action="I deleted the old impls w/ each team."), alone).we_to_i) == 1
    # "someone set to 3600": the phrase says who did it, whatever sentence holds it
    someone = gold(we_only=["someone set to 3600"])
    found = "I found it: negative answers cached for the SOA minimum, which someone set to 3600."
    assert score(story(action=found), someone).we_to_i == []
    assert len(score(story(action="I set to 3600 the SOA minimum."),
                     gold(we_only=["set to 3600"])).we_to_i) == 1


@pytest.mark.parametrize(("phrase", "sentence"), [
    ("let Yusuf (hub mgr) pick the worst week", "I let Yusuf (hub mgr) pick the worst week."),
    ("had 2 senior engs poke holes in it", "I designed it, had 2 senior engs poke holes in it."),
    ("which she got approved", "I pushed Dana for a comp day, which she got approved."),
    ("their night team handles tier-1",
     "I negotiated w/ hospital IT ops that their night team handles tier-1."),
])
def test_a_we_only_phrase_that_says_who_was_let_or_had_do_it_is_theirs(phrase: str,
                                                                         sentence: str) -> None:
    assert score(story(action=sentence), gold(we_only=[phrase])).we_to_i == []


def test_a_fact_with_our_is_placed_in_the_action_as_the_drafter_must_say_it_there() -> None:
    fact = {"text": "added axe-core to our CI", "sections": ["action"]}
    said = story(action="I added axe-core to the CI so new violations fail the build.")
    assert score(said, gold(facts=[fact])).placed == 1
    elsewhere = story(situation="Someone added axe-core to the CI.")
    s = score(elsewhere, gold(facts=[fact]))
    assert (s.placed, s.misplaced, s.dropped) == (0, [], ["added axe-core to our CI"])


def test_a_fact_told_as_you_is_placed_where_the_draft_says_it_as_i() -> None:
    fact = {"text": "You read the whole flow", "sections": ["action"]}
    assert score(story(action="I read the whole flow."), gold(facts=[fact])).placed == 1
    assert score(story(action="I skimmed it."), gold(facts=[fact])).dropped == [fact["text"]]


def test_a_we_only_phrase_said_with_its_named_doer_is_theirs_but_not_when_made_the_writers() -> None:
    g = gold(we_only=["Chen doing the mobile view", "Ahmed reviewed it"])
    s = score(story(action="I built it in ~3 weeks with Chen doing the mobile view."), g)
    assert s.we_to_i == []
    s = score(story(action="I wrote the fix. I ahmed reviewed it."), g)
    assert len(s.we_to_i) == 1 and "Ahmed reviewed it" in s.we_to_i[0]


def test_a_we_only_phrase_that_says_by_whom_or_with_whose_help_is_theirs() -> None:
    g = gold(we_only=["reviewed by Ana from payments", "with help from Karim on infra",
                      "reviewed by me"])
    said = story(action="I wrote the fix, reviewed by Ana from payments. I also rebuilt the hosts "
                        "with help from Karim on infra. I shipped it, reviewed by me.")
    told = score(said, g).we_to_i
    assert len(told) == 1 and "reviewed by me" in told[0]


def test_a_we_only_phrase_done_by_a_group_it_names_after_by_is_theirs() -> None:
    g = gold(we_only=["refunds handled manually by the finance team", "handled manually"])
    said = story(action="I proposed a cut: launch for new orders only, refunds handled manually "
                        "by the finance team.")
    told = score(said, g).we_to_i
    assert len(told) == 1 and "'handled manually'" in told[0]


def test_a_we_only_phrase_right_after_the_group_that_did_it_is_theirs() -> None:
    g = gold(we_only=["changed the upstream field from dollars to cents"])
    said = story(action="I compared the distributions and found the amount jumped ~100x the day "
                        "the payments team changed the upstream field from dollars to cents.")
    assert score(said, g).we_to_i == []
    mine = story(action="I changed the upstream field from dollars to cents.")
    assert len(score(mine, g).we_to_i) == 1


def test_a_table_row_copied_with_its_pipe_is_found_cell_by_cell_in_one_card() -> None:
    # the drafter tells "| onboarding | ~6 wks | 4-5 days |" as "onboarding: before ~6 wks,
    # after 4-5 days"; the gold copied the row with its pipe
    fact = {"text": "~6 wks | 4-5 days", "sections": ["result"]}
    s = score(story(result="Onboarding: before ~6 wks, after 4-5 days."), gold(facts=[fact]))
    assert s.placed == 1
    split = score(story(situation="Onboarding took ~6 wks.", result="Now 4-5 days."),
                  gold(facts=[fact]))
    assert split.placed == 0 and split.dropped == ["~6 wks | 4-5 days"]


def test_a_we_only_phrase_naming_its_doer_with_their_verb_inside_it_is_theirs() -> None:
    g = gold(we_only=["3 units Raj brought up from the lab"])
    told = story(action="I pulled crash dumps off 3 units Raj brought up from the lab.")
    assert score(told, g).we_to_i == []
    g = gold(we_only=["brought up 3 units from the lab"])
    told = story(action="I brought up 3 units from the lab.")
    assert len(score(told, g).we_to_i) == 1


def test_a_we_only_phrase_that_says_who_did_it_is_never_counted() -> None:
    for phrase, said in (("she came around when I showed the calendar",
                          "I took the tense meetings: she came around when I showed the calendar."),
                         ("so did most of the squad", "I worked two weekends and so did most of the squad."),
                         ("Dug in w/ Hao from delivery ops", "I dug in w/ Hao from delivery ops."),
                         ("the editor (Ruth) was in the room",
                          "I ran the review; the editor (Ruth) was in the room."),
                         ("the storage team (Ravi) to move the snapshot",
                          "I left it to the storage team (Ravi) to move the snapshot."),
                         ("needed Sophie to get me access",
                          "I pulled qlog traces from 3 PoPs (needed Sophie to get me access)."),
                         ("that was Grace + finance",
                          "I did not do the Savings Plans purchase, that was Grace + finance."),
                         ('asked "what changes between schools?"',
                          'I showed Marcus, he didn\'t say anything mean but asked "what changes '
                          'between schools?".'),
                         ("the techs contributed half of it",
                          "I wrote the page that didn't exist (the techs contributed half of it)."),
                         ("let him write the timeline",
                          "I let him write the timeline, I wrote contributing factors."),
                         ("Got 2 more teams (Pricing, Refunds) to sign on",
                          "I got 2 more teams (Pricing, Refunds) to sign on after a review I ran.")):
        assert score(story(action=said), gold(we_only=[phrase])).we_to_i == [], phrase
    # without its doer the same words are still counted
    told = story(action="I dug in on the address data.")
    assert len(score(told, gold(we_only=["dug in on the address data"])).we_to_i) == 1
    told = story(action="I wrote the timeline.")
    assert len(score(told, gold(we_only=["wrote the timeline"])).we_to_i) == 1


def test_an_i_inside_someone_elses_quoted_words_is_theirs() -> None:
    g = gold(we_only=["I'll own it with product"])
    quoted = story(situation='Farah said: "decision is full cutover thurs. I\'ll own it with product."')
    assert score(quoted, g).we_to_i == []
    told = story(task="I'll own it with product.")
    assert len(score(told, g).we_to_i) == 1


def test_a_to_do_line_told_as_the_writers_past_step_is_placed_in_the_action_only() -> None:
    fact = {"text": "add contract test for parity", "sections": ["action"]}
    told = "I added contract test for parity offline vs online."
    placed = score(story(action=told), gold(facts=[fact]))
    assert placed.placed == 1 and placed.dropped == []
    elsewhere = score(story(situation=told), gold(facts=[fact]))
    assert elsewhere.placed == 0 and elsewhere.dropped == ["add contract test for parity"]


def test_a_we_only_phrase_that_opens_on_a_team_or_role_and_its_verb_is_theirs() -> None:
    for phrase, said in (("the mobile team shipped a new SDK last month",
                          "I found that the mobile team shipped a new SDK last month."),
                         ("the PM signed off in writing",
                          "I wrote it up so the PM signed off in writing.")):
        assert score(story(action=said), gold(we_only=[phrase])).we_to_i == [], phrase
    # the writer's own step with the same words is still counted
    g = gold(we_only=["shipped a new SDK last month"])
    assert len(score(story(action="I shipped a new SDK last month."), g).we_to_i) == 1


@pytest.mark.parametrize(("fact", "said"), [
    ("ingestion alone: ~$6.8K last month", "Ingestion alone was ~$6.8K last month."),
    ("45ms → 28ms", "P99 went from 45ms to 28ms."),
    ("ingestion after 1 week: ~$210/day -> ~$45/day",
     "Ingestion after 1 week went from ~$210/day to ~$45/day."),
    ("p99 back to 180ms", "P99 was back to 180ms."),
    ("pages down to ~8/week", "Pages were down to ~8/week."),
])
def test_a_row_or_a_state_said_with_its_verb_is_still_the_fact(fact: str, said: str) -> None:
    g = gold(facts=[{"text": fact, "sections": ["result"]}])
    assert score(story(result=said), g).placed == 1


def test_a_verb_added_does_not_stand_for_other_words() -> None:
    g = gold(facts=[{"text": "p99 back to 180ms", "sections": ["result"]}])
    assert score(story(result="P99 rose back to 180ms."), g).placed == 0
    g = gold(facts=[{"text": "45ms → 28ms", "sections": ["result"]}])
    assert score(story(result="45ms and then 28ms."), g).placed == 0

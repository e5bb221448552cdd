"""Note shapes met on fresh notes: log lines stamped in brackets ("[10:09] pulled gateway logs
myself"), a chat pasted with only the writer's messages ("me: ..."), a step whose object opens
on a participle ("pulled failed promo attempts"), another team's gain or help said with the
writer's step ("so the payouts team could stay on the EUR launch", "w/ 2 engs from the platform
team", "(extra work for Dev's team)"), "not my fix, I just filed the ticket", a lesson said as
the writer's own sentence before a colon, and the task said as "My job:" or "gave me a starter
task" among the context."""

from __future__ import annotations

import pytest

from .facts_helpers import facts, holding, said_as_mine


def test_a_bracketed_stamp_opens_the_writers_log_line() -> None:
    found = facts("## timeline\n"
                  "[10:04] Ahmed (reports team) starts rollback prep\n"
                  "[10:06] I hold the rollback for 5 min\n"
                  "[10:09] pulled gateway logs myself\n")
    assert holding(found, "hold the rollback").text == "At 10:06 I hold the rollback for 5 min."
    pulled = holding(found, "gateway logs")
    assert pulled.text == "At 10:09 I pulled gateway logs myself."
    assert pulled.person == "I"
    assert not said_as_mine(found, "rollback prep")


def test_a_stamp_in_round_brackets_opens_the_line_too() -> None:
    found = facts("(14:20) rolled back the flag\n(14:31) errors back to baseline\n")
    step = holding(found, "rolled back")
    assert step.person == "I" and step.text.endswith("I rolled back the flag."), step


def test_a_word_in_brackets_is_no_stamp() -> None:
    found = facts("[draft] notes on the outage, rough\n")
    assert not holding(found, "notes on the outage").text.startswith("At ")


CHAT_OF_MINE = """\
[chat w/ Sam, only my msgs]

me: ok so remember the deploy wiki I was complaining about
me: 43 steps. copy paste shell cmds, 2 of them were wrong
me: takes like 90 min if nothing goes wrong and someone senior has to babysit
me: so on my own time over like 2 wks I wrote a python script that does the whole thing
me: 90 min → ~12 min
"""


def test_a_chat_of_the_writers_own_messages_is_read_as_their_notes() -> None:
    found = facts(CHAT_OF_MINE)
    texts = [s.text for s in found.sentences]
    assert not any(t.lower().startswith("me:") for t in texts), texts
    script = holding(found, "python script")
    assert script.person == "I" and script.text.startswith("So on my own time"), script
    # each message stays a line of its own, never run into the next
    assert holding(found, "complaining about").text.endswith("complaining about."), texts


def test_a_thing_said_in_the_present_after_me_is_never_i_was() -> None:
    found = facts(CHAT_OF_MINE)
    assert holding(found, "90 min if nothing").text.startswith("Takes like 90 min")
    assert not any("I was takes" in s.text for s in found.sentences)


def test_a_dialogue_keeps_its_speakers() -> None:
    found = facts("Mgr: why did you pick this one?\nme: nobody owned it\nMgr: ok\n"
                  "me: I wrote the runbook\nMgr: and then?\nme: I ran the drill\n")
    assert holding(found, "runbook").person == "I"
    assert holding(found, "drill").person == "I"


def test_a_step_whose_object_opens_on_a_participle_is_the_writers() -> None:
    found = facts("## what I did\n- reproduced it in 20 min\n"
                  "- pulled failed promo attempts by locale from the events table\n")
    pulled = holding(found, "promo attempts")
    assert pulled.text == "I pulled failed promo attempts by locale from the events table."
    assert pulled.section == "action"


@pytest.mark.parametrize(("line", "theirs", "mine"), [
    ("- I took the JPY/KRW rework myself so the payouts team could stay on the EUR launch\n",
     "payouts team could stay", "took the JPY/KRW rework"),
    ("- I built the first version w/ 2 engs from the platform team (Dev + Rosa)\n",
     "2 engs from the platform team", "built the first version"),
    ("- I didn't love the sandbox (extra work for Dev's team, ~1 wk) but disagree and commit\n",
     "extra work for Dev's team", "didn't love the sandbox"),
])
def test_another_teams_part_is_said_apart_from_the_writers_step(line: str, theirs: str,
                                                                mine: str) -> None:
    found = facts(f"## what I did\n{line}")
    assert not said_as_mine(found, theirs), [s.text for s in found.sentences]
    assert said_as_mine(found, mine), [s.text for s in found.sentences]


def test_the_gain_and_the_help_keep_their_words() -> None:
    found = facts("## what I did\n"
                  "- I took the JPY/KRW rework myself so the payouts team could stay on the EUR "
                  "launch\n- I built the first version w/ 2 engs from the platform team\n")
    assert holding(found, "payouts team").text == \
        "That way the payouts team could stay on the EUR launch."
    assert holding(found, "2 engs").text == "2 engs from the platform team helped."


def test_a_purpose_of_the_writers_own_stays_in_their_sentence() -> None:
    found = facts("## what I did\n- I rewrote the parser so that it could stream\n")
    assert holding(found, "parser").text == "I rewrote the parser so that it could stream."


def test_not_my_fix_then_the_writers_step() -> None:
    found = facts("- Mon: Lukas's team fixed the DNS validation. not my fix, I just filed the "
                  "ticket w/ what I'd seen\n")
    assert holding(found, "not my fix").text == "It was not my fix."
    assert said_as_mine(found, "filed the ticket")


def test_a_lesson_said_as_the_writers_sentence_keeps_its_opening() -> None:
    found = facts("## lessons\n- I was wrong on typo tolerance: thought trigram would be enough\n")
    lesson = holding(found, "typo tolerance")
    assert lesson.text.startswith("I was wrong on typo tolerance")
    assert lesson.section == "reflection"


@pytest.mark.parametrize(("line", "key"), [
    ("My mentor Aoife gave me a starter task: figure out why the CI bill jumped.", "Aoife"),
    ("Ticket came to me bc I was the newest and it was just a slow query.", "newest"),
    ("I've owned the CI pipeline for model-serving since spring.", "model-serving"),
    ("It was not my call to change infra w/o review.", "my call"),
    ("Shadowed 2 rotations, this was my first week as primary.", "primary"),
])
def test_the_writers_task_said_among_the_context_is_the_task(line: str, key: str) -> None:
    found = facts(f"## context\nThe CI bill doubled in March.\n{line}\n")
    assert holding(found, key).section == "task", [(s.section, s.text) for s in found.sentences]


def test_a_things_chain_of_events_is_never_the_writers_step() -> None:
    found = facts("Findings\n- the rebalance storms were a symptom: consumer blew past "
                  "max.poll.interval -> kicked out of group -> rebalance -> more lag\n")
    assert not said_as_mine(found, "kicked out of group"), [s.text for s in found.sentences]


def test_a_state_then_the_writers_step_after_an_arrow_stays_their_step() -> None:
    found = facts("- slow queries were the issue -> added an index on user_id\n")
    assert said_as_mine(found, "added an index"), [s.text for s in found.sentences]


def test_a_to_do_ticked_at_its_end_is_the_writers_step_done() -> None:
    found = facts("## to-dos\n"
                  "- Todo: run a local 3-broker cluster in docker and break it on purpose ✔\n"
                  "- Todo: find out why consumers get kicked ✔ a batch of 500 orders took ~90s\n"
                  "- add index on user_id ✅\n"
                  "- Todo: write the runbook\n")
    assert holding(found, "3-broker").text == \
        "I ran a local 3-broker cluster in docker and broke it on purpose."
    assert holding(found, "consumers get kicked").text == \
        "I found out why consumers get kicked: a batch of 500 orders took ~90s."
    assert holding(found, "user_id").text == "I added index on user_id."
    # not ticked, so never told as done
    assert not said_as_mine(found, "runbook"), [s.text for s in found.sentences]


def test_someone_elses_ticked_item_stays_theirs() -> None:
    found = facts("- Raj's team migrated the db ✔\n- I wrote the cutover plan ✔\n")
    assert not said_as_mine(found, "migrated the db")


@pytest.mark.parametrize(("line", "said"), [
    ("- so rolled back the flag", "So I rolled back the flag."),
    ("- anyway did a 15 min brown bag on what I learned",
     "Anyway, I did a 15 min brown bag on what I learned."),
    ("- First 3 wks I did the boring part myself", "First 3 wks I did the boring part myself."),
])
def test_a_step_after_a_leading_word_is_the_writers(line: str, said: str) -> None:
    found = facts(f"{line}\n")
    step = holding(found, said.split()[-2])
    assert step.text == said and step.person == "I", step


@pytest.mark.parametrize("line", ["- so did the team", "- so did Priya."])
def test_so_did_someone_is_never_the_writers_step(line: str) -> None:
    found = facts(f"{line}\n")
    assert not any(s.text.startswith("So I") for s in found.sentences), [
        s.text for s in found.sentences]


def test_the_scope_the_writer_agreed_is_the_task() -> None:
    found = facts("Ledger sunset\n\nThe old ledger was due for renewal in March.\n"
                  "- Scope I agreed w/ her: get every reader + writer off by the renewal date, "
                  "not rewrite the ledger itself\n")
    assert holding(found, "every reader").section == "task"


@pytest.mark.parametrize(("line", "key"), [
    ("I'm not the manager (Jonas is) but I'm the most senior eng in the squad.", "Jonas"),
    ("I'm not anyone's manager here, so everything went through the guild.", "guild"),
])
def test_the_writers_standing_said_among_the_context_is_the_task(line: str, key: str) -> None:
    found = facts(f"## context\nPayouts on-call was burning people out.\n{line}\n")
    assert holding(found, key).section == "task", [(s.section, s.text) for s in found.sentences]

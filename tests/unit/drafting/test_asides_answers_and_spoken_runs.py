"""Note shapes met on fresh notes: others' part named in a bracket or after a semicolon ("(her
change, she did it in 2 days)", "; the tooling change was built by dev-productivity"), an
answer that goes on past its yes or no, sibling headings of which only one is known, notes
spoken as one long "and then" run, log lines stamped "9:20 PM PST", steps labelled with when
they were taken ("fix 1 (same day): ..."), a word said again after a dash to say what it meant,
the writer's own step in brackets inside the context, role statements after a comma, and a
level in brackets after someone else's name."""

from __future__ import annotations

import pytest

from storygen.drafting.extract.phrasing import clauses, rewrite
from storygen.story.judge import stated_level
from storygen.story.kb import section_for_heading

from .facts_helpers import facts, holding, said_as_mine


@pytest.mark.parametrize(("line", "theirs", "mine"), [
    ("- got Ana to swap the images to thumbnails (her change, she did it in 2 days), cut the "
     "added weight to ~40KB\n", "she did it in 2 days", "swap the images"),
    ("- built the first reference impl myself (~600 lines) so the doc wasnt vaporware, then "
     "handed it to platform (Yuki's team) who productionised it\n", "productionised it",
     "built the first reference impl"),
    ("- I pushed the checklist into the deploy tooling; the tooling change was built by "
     "dev-productivity (Omar's team)\n", "built by dev-productivity", "pushed the checklist"),
    ("- I did NOT do the refund/clawback stuff, that was finance + legal decision\n",
     "finance + legal decision", "did NOT do the refund"),
    ("- I rolled out region by region over ~10 wks (the rollout was the teams' work)\n",
     "the teams' work", "rolled out region by region"),
    ("- I wrote a 6 page doc with the numbers\n- arch board went with my recommendation, not "
     "unanimous\n", "went with my recommendation", "wrote a 6 page doc"),
])
def test_others_part_is_never_said_in_the_writers_sentence(line: str, theirs: str,
                                                           mine: str) -> None:
    found = facts(line)
    assert not said_as_mine(found, theirs), [s.text for s in found.sentences]
    assert said_as_mine(found, mine), [s.text for s in found.sentences]


def test_who_the_work_went_to_keeps_the_bracket_that_names_them() -> None:
    found = facts("- built the reference impl, then handed it to platform (Yuki's team) who "
                  "productionised it\n")
    assert holding(found, "productionised").text == "Platform (Yuki's team) productionised it."


def test_an_answer_that_is_only_a_yes_stays_with_the_ask() -> None:
    found = facts("- asked Tomasz (my mentor) if i could fix it. he said ok if i wrote up the "
                  "blast radius first\n")
    assert holding(found, "asked Tomasz").text.endswith("; he said ok if I wrote up the blast "
                                                       "radius first.")


def test_an_answer_that_goes_on_is_its_own_sentence_kept_with_the_ask() -> None:
    asked = holding(facts("- asked Femke if bumping the stats target would fix it, she said no, "
                          "its a correlation problem not a stats problem\n"), "asked Femke")
    assert asked.text == ("I asked Femke if bumping the stats target would fix it. She said no, "
                          "its a correlation problem not a stats problem.")


def test_a_heading_beside_a_known_one_is_no_sub_heading_of_it() -> None:
    notes = ("### Context\nthe payments team had 19 pages a week\n\n"
             "### Qorvath dunel\n- exported 6 months of pagerduty incidents, tagged each by hand\n"
             "- deleted or downgraded 31 alerts to tickets\n")
    exported = holding(facts(notes), "exported 6 months")
    assert exported.text.startswith("I exported") and exported.section == "action"


def test_a_sub_heading_under_a_known_heading_stays_in_its_card() -> None:
    notes = ("## Result\n### Week one\n- pages went from 19 to 6 a week\n")
    assert holding(facts(notes), "pages went").section == "result"


def test_a_spoken_run_is_cut_where_a_new_thought_starts_and_keeps_its_words() -> None:
    said = clauses("Mirela called back around 11 and then she checked my steps and said it was "
                   "fine and then she found the real reason the auto-renew broke and fixed that "
                   "the next morning which wasnt something I would have known to look at and "
                   "then on monday we added the flight check to the on call handoff doc.")
    assert said == ["Mirela called back around 11",
                    "she checked my steps and said it was fine",
                    "she found the real reason the auto-renew broke and fixed that the next "
                    "morning which wasnt something I would have known to look at",
                    "on monday we added the flight check to the on call handoff doc."]


def test_a_spoken_lesson_keeps_when_it_applies_with_its_step() -> None:
    said = clauses("and then the thing I took away is I should have looked at the calendar at "
                   "handoff and I also should have timeboxed the wait upfront instead of "
                   "deciding on the fly, and then next time I'd write the timebox in the channel "
                   "so ppl know when I'm going to act")
    assert said[-1].startswith("next time I'd write the timebox")
    assert not any(part.endswith(("and then", "next time", "the thing")) for part in said), said


def test_a_log_line_stamped_with_its_time_zone_is_the_writers_step() -> None:
    found = facts("9:20 PM PST dug in: config push from the platform-config team at 6:05 PM PST "
                  "changed default hold_ttl from \"15m\" to \"15s\" (unit typo in their yaml)\n"
                  "9:31 PM PST pinged #platform-config + paged their secondary\n")
    assert holding(found, "dug in").text.startswith(
        "At 9:20 PM PST I dug in: config push from the platform-config team")
    assert holding(found, "pinged").text.startswith("At 9:31 PM PST I pinged #platform-config")


@pytest.mark.parametrize(("line", "said"), [
    ("fix 1 (same day): added a WHERE on the partition column",
     "Same day, I added a WHERE on the partition column."),
    ("Step 2 (next day): moved the tile to a scheduled query",
     "Next day, I moved the tile to a scheduled query."),
    ("Fix #2 (next day): moved the tile to a scheduled query",
     "Next day, I moved the tile to a scheduled query."),
    ("attempt #3: rolled back the flag", "I rolled back the flag."),
    ("PR #4412: moved the tile to a scheduled query",
     "PR #4412: moved the tile to a scheduled query."),
])
def test_a_step_labelled_with_when_it_was_taken_is_the_writers(line: str, said: str) -> None:
    assert rewrite(line, "action").text == said


def test_a_word_said_again_after_a_dash_is_no_step_of_the_writers() -> None:
    found = facts("context: our dashboards said 99% delivered — delivered to the provider, not "
                  "to the inbox. nobody looked at that gap\n")
    assert not said_as_mine(found, "delivered to the provider")
    assert "99% delivered -- delivered to the provider" in holding(found, "dashboards").text


def test_the_writers_step_in_brackets_inside_the_context_is_an_action() -> None:
    found = facts("where we were: 60-70% of log volume was debug lines nobody queried (I sampled "
                  "2 wks of query logs across all the brands, ~0.5% of ingested lines were ever "
                  "read).\n")
    sampled = holding(found, "I sampled")
    assert sampled.text.startswith("I sampled") and sampled.section == "action"
    assert holding(found, "debug lines").text == "60-70% of log volume was debug lines nobody queried."


def test_a_short_bracket_of_the_writers_stays_where_it_is() -> None:
    found = facts("- analytics can hit a \"hold\" button (I built it, ~1 day of work)\n")
    assert "(I built it, ~1 day of work)" in holding(found, "hold").text


def test_a_step_said_with_myself_is_the_writers_under_any_label() -> None:
    found = facts("- Problem: I reframed it as a missing view of stock. pulled 6 months of "
                  "substitution data myself to show the sync gaps\n")
    assert said_as_mine(found, "pulled 6 months of substitution data myself")


def test_a_fragment_of_the_writers_own_state_gets_its_subject() -> None:
    assert rewrite("was on support rotation in march and like a third of my queue was "
                   "\"invoice never arrived\"", "situation").text.startswith(
        "I was on support rotation in march")
    assert rewrite("was a mess, my mistake", "situation").text.startswith("Was a mess")


def test_the_writers_role_after_someone_elses_is_the_task() -> None:
    found = facts("context: Hyun-woo leads the ranking team, I lead search infra. his team had "
                  "the new ranker ready\n")
    assert holding(found, "I lead search infra").section == "task"


@pytest.mark.parametrize(("text", "level"), [
    ("> **rkowalczyk** (staff): not comfortable removing the cache.\n> **me**: understood.", None),
    ("Kiran (SDE2, my mentee) did the port.", None),
    ("I was the staff engineer on it.", "Principal SDE"),
    ("role (SDE2): I built the retry wrapper.", "SDE2"),
])
def test_a_level_in_brackets_after_someone_elses_name_is_theirs(text: str,
                                                                level: str | None) -> None:
    assert stated_level(text) == level


@pytest.mark.parametrize(("heading", "card"), [
    ("Мээң кылганым", "action"), ("Wat ik maakt heff", "action"), ("Co żech zrobiōł", "action"),
    ("וואָס איך האָב געטאָן", "action"), ("Ri xinb'ano", "action"), ("Wetin a du", "action"),
    ("Югдур", "situation"), ("Achtergrónd", "situation"), ("Ri xk'ulmatajik", "situation"),
    ("Ужпум", "task"), ("Mien Opgaav", "task"),
    ("Йылпумъян", "result"), ("Risultât", "result"), ("КърикӀуар", "result"),
    ("Дышетскон", "reflection"), ("Lo ke ambezi", "reflection"), ("Timsirin", "reflection"),
])
def test_headings_in_further_languages_name_their_cards(heading: str, card: str) -> None:
    assert section_for_heading(heading) == card


def test_a_list_named_on_the_line_after_a_step_is_no_part_of_that_step() -> None:
    found = facts("- wrote the proposal, HR + finance signed off\n- alert grouping model, the ML "
                  "bit:\n  - problem: one bad deploy fires 30-80 alerts across svcs\n  - I scoped "
                  "it + wrote the labeling guide\n")
    assert holding(found, "wrote the proposal").text == "I wrote the proposal."
    assert not said_as_mine(found, "alert grouping model")

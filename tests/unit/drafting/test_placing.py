"""The placement model: what it weighs, what it may not do (put another's sentence in the
Action, change a word), and that it places more gold facts than the rules alone on notes it
was never trained on."""

from __future__ import annotations

from storygen.core.text import fold
from storygen.drafting.extract import placing
from storygen.drafting.extract.facts import extract_facts
from storygen.drafting.gold import find_cases, load_gold
from storygen.story import wordmodel
from storygen.story.notes import parse_notes, read_notes

from ...conftest import ROOT

NOTES = """# Cache outage

## Context
- p99 went from 180ms to 1.2s after the deploy

## What I did
- I rolled back the config and added a warm-up step
- we ran the load test over the weekend
"""


def test_a_sentence_is_weighed_by_its_words_its_card_its_heading_and_where_it_sits() -> None:
    notes = parse_notes(NOTES)
    sentences = extract_facts(notes, learned=False).sentences
    blocks = {block.line: block for block in notes.blocks}
    first = placing.features(sentences, 0, blocks)
    assert {"p0", "deploy", "@rule:situation", "@before:start", "@heading:context",
            "@kind:bullet"} <= set(first)
    step = next(i for i, s in enumerate(sentences) if s.text.startswith("I rolled back"))
    assert {"@rule:action", "@person:I", "@phase:among", "@heading:did"} <= set(
        placing.features(sentences, step, blocks))
    assert "@free" not in placing.features(sentences, step, blocks)


def _always(card: str) -> wordmodel.WordModel:
    """A model sure of one card whatever the sentence says."""
    others = [c for c in placing.CARDS if c != card]
    return wordmodel.WordModel((card, *others), (10.0, *([0.0] * len(others))), {})


def test_only_the_writers_own_sentences_may_go_to_the_action(monkeypatch) -> None:
    monkeypatch.setattr(wordmodel, "load", lambda name: _always("action"))
    rules = extract_facts(parse_notes(NOTES), learned=False).sentences
    placed = placing.place(rules)
    for before, after in zip(rules, placed, strict=True):
        assert after.text == before.text and after.person == before.person
        assert (after.section == "action") == (before.person == "I")
        if before.person != "I" and before.section != "action":
            # read as a step but someone else's: the model has no say on which other card
            assert after.section == before.section


def test_a_sentence_goes_where_the_model_is_surest(monkeypatch) -> None:
    cards = list(placing.CARDS)
    warm = [10.0 if card == "result" else 0.0 for card in cards]
    model = wordmodel.build_model(cards, [0.0] * len(cards), {"warm": 1.0}, {"warm": warm})
    monkeypatch.setattr(wordmodel, "load", lambda name: model)
    notes = parse_notes(NOTES + "- I paged the owning team\n")
    placed = placing.place(extract_facts(notes, learned=False).sentences)
    assert next(s for s in placed if "warm-up" in s.text).section == "result"
    assert next(s for s in placed if "paged the owning team" in s.text).section == "action"


def test_the_model_never_leaves_a_card_the_rules_filled_empty(monkeypatch) -> None:
    monkeypatch.setattr(wordmodel, "load", lambda name: _always("result"))
    rules = extract_facts(parse_notes(NOTES), learned=False).sentences
    placed = placing.place(rules)
    for card in {s.section for s in rules}:
        assert [s for s in placed if s.section == card] == \
            [s for s in rules if s.section == card and (card != "action" or s.person == "I")]


def test_without_a_model_the_rules_place_every_sentence(monkeypatch) -> None:
    monkeypatch.setattr(wordmodel, "load", lambda name: None)
    rules = extract_facts(parse_notes(NOTES), learned=False).sentences
    assert placing.place(rules) == rules


def test_the_shipped_model_knows_the_five_cards_and_the_features_it_is_given() -> None:
    model = wordmodel.load(placing.MODEL)
    assert model is not None and set(model.classes) == set(placing.CARDS)
    assert {"@rule:action", "@person:we", "@phase:before"} <= set(model.rows)


def _right(learned: bool) -> tuple[int, int]:
    """Sentences holding a gold fact of tests/eval_holdout, and how many sit in a card the gold
    allows."""
    held, right = 0, 0
    for _, notes_path, gold_path in find_cases(ROOT / "tests" / "eval_holdout"):
        notes = read_notes(notes_path)
        gold = load_gold(gold_path, notes.text)
        for sentence in extract_facts(notes, learned=learned).sentences:
            cards = [{c.value for c in fact.sections} for fact in gold.facts
                     if fold(fact.text) in fold(sentence.source)]
            if cards:
                held += 1
                right += sentence.section in set.intersection(*cards) | cards[0]
    return held, right


def test_the_model_places_more_than_the_rules_on_notes_it_never_learnt_from() -> None:
    held, by_rules = _right(learned=False)
    again, by_model = _right(learned=True)
    assert held == again and held > 100
    assert by_model > by_rules


def test_a_line_whose_own_label_names_its_card_stays_there(monkeypatch) -> None:
    monkeypatch.setattr(wordmodel, "load", lambda name: _always("situation"))
    notes = parse_notes("We moved reporting off Teradata.\n"
                        "My slice: the finance + ops BI reports, ~120 of them in Tableau.\n"
                        "The BI reports were slow to move.\n"
                        "I rolled back the build.\n")
    rules = extract_facts(notes, learned=False).sentences
    placed = placing.place(rules, notes.blocks)
    slice_ = next(s for s in placed if "~120 of them" in s.text)
    assert "label" in slice_.cues and slice_.section == "task"
    assert next(s for s in placed if "slow to move" in s.text).section == "situation"


def test_the_writer_taking_the_work_on_moves_only_when_another_card_is_much_likelier(
        monkeypatch) -> None:
    cards = list(placing.CARDS)
    notes = parse_notes("- the payment webhooks were dropping\n- I was the on-call SDE2 that week\n"
                        "- So I took incident lead.\n- I rolled back the deploy\n")
    rules = extract_facts(notes, learned=False).sentences
    lead = next(s for s in rules if "incident lead" in s.text)
    assert lead.section == "task" and "claim" in lead.cues
    assert sum(s.section == "task" for s in rules) == 2  # the Task keeps a sentence either way
    for weight, card in ((1.0, "task"), (3.0, "action")):
        # "incident" weighs for the Action: a little (about 0.5 against 0.2), then a lot
        weights = [weight if c == "action" else 0.0 for c in cards]
        model = wordmodel.build_model(cards, [0.0] * len(cards), {"incident": 1.0},
                                      {"incident": weights})
        monkeypatch.setattr(wordmodel, "load", lambda name, model=model: model)
        placed = placing.place(rules, notes.blocks)
        assert next(s for s in placed if "incident lead" in s.text).section == card

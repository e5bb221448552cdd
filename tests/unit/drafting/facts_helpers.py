"""Reading a note into facts, and finding the sentence that holds some words: shared by the
tests of note shapes."""

from __future__ import annotations

from storygen.drafting.extract.facts import Facts, Sentence, extract_facts
from storygen.story.notes import parse_notes


def facts(text: str) -> Facts:
    return extract_facts(parse_notes(text))


def ruled(text: str) -> Facts:
    """The facts as the rules alone read them, before the placement model weighs them."""
    return extract_facts(parse_notes(text), learned=False)


def holding(found: Facts, words: str) -> Sentence:
    matches = [s for s in found.sentences if words.lower() in s.text.lower()]
    assert matches, f"no sentence holds {words!r}: {[s.text for s in found.sentences]}"
    return matches[0]


def said_as_mine(found: Facts, words: str) -> list[str]:
    """The sentences told as the writer's own ("I ...") that hold ``words``."""
    return [s.text for s in found.sentences
            if words.lower() in s.text.lower() and s.text.startswith("I ")]

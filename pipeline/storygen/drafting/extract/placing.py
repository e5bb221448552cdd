"""The card each sentence goes in, read by a model of where a coach puts such sentences.

The reader's rules (``facts.py``) place a sentence from its heading, its subject, its cue words
and where it sits among the writer's steps. On notes shaped unlike any the rules were written
for, some land in the wrong card. The placement model, a word model (``storygen.story.wordmodel``)
trained on the gold of ``tests/eval`` by ``scripts/train_word_models.py``, weighs a sentence's
words together with what the rules decided for it and for its neighbours, and where it sits; a
sentence goes where the model finds it most likely to belong.

What the model may do is bounded: it moves a sentence from card to card and never changes its
words; only the writer's own ("I") sentences may go to the Action, the card that tells the
writer's steps alone; a line whose own label names its card ("My slice: ...") stays there, and
the writer taking the work on moves only when another card is much more likely; someone
else's sentence the model reads as a step stays where the rules put it unless the model favours
another card it may go in; an aside the rules keep apart stays apart; and when the model would
move every sentence out of a card the rules filled, the rules' sentences stay in it: the model
never leaves a card to a placeholder.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from typing import Protocol, TypeVar

from storygen.story import wordmodel
from storygen.story.model import SECTION_NAMES
from storygen.story.notes import Block


class Placed(Protocol):
    """What placing reads of a sentence (``facts.Sentence``, a frozen dataclass)."""

    @property
    def text(self) -> str: ...
    @property
    def section(self) -> str: ...
    @property
    def person(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def tags(self) -> tuple[str, ...]: ...
    @property
    def fragment(self) -> bool: ...
    @property
    def topic(self) -> str: ...
    @property
    def free(self) -> bool: ...
    @property
    def cues(self) -> tuple[str, ...]: ...


Sentence = TypeVar("Sentence", bound=Placed)

CARDS = SECTION_NAMES
MODEL = "placement"
_POSITIONS = 5  # a note is read in fifths: where a sentence sits, start to end
# How much more likely another card must be to move the writer taking the work on ("I owned
# the backend integration", "So I took incident lead"), or a lesson in its own words ("Probably
# would've picked three people, not two"), out of the card the rules read from it.
_CLAIMED = 0.6
# The same for a change the rules read as better ("installs went from 1.2M to 1.3M a month"),
# which the rules put in the Result: the word model reads a measure's words, not which way
# it went, and a first line with a figure is most often the problem
_BETTER = 0.75
# How much more likely another card must be to move a step the rules read as the writer's own
# out of the Action: a near tie ("I posted in #incidents within the hour saying it was my
# change": situation 0.41, action 0.40) is no reason to tell a step as context.
_STEP = 0.1
# The same for what the rules read as context among the writer's steps, before it goes to the
# Result with nothing in it that says things got better.
_AMONG = 0.2
# Below this, the model's odds for every card a sentence may go in say nothing of where it goes.
_NO_OPINION = 0.1


def features(sentences: Sequence[Placed], index: int,
             blocks: Mapping[int, Block] | None = None,
             steps: tuple[int, int] | None = None) -> list[str]:
    """What the model weighs for ``sentences[index]``: its words and word pairs, and features
    that start with "@": the card the rules gave it and its neighbours, its subject, its tags
    and what it says of its own card (``cues``), whether a heading placed it, the words of the
    heading it sits under and of its line's own label, the kind of block it is in (``blocks``:
    the notes' blocks by line), and where it sits in the notes and among the writer's steps."""
    s = sentences[index]
    before = sentences[index - 1].section if index else "start"
    after = sentences[index + 1].section if index + 1 < len(sentences) else "end"
    first, last = steps if steps is not None else writers_steps(sentences)
    phase = "none" if first < 0 else "before" if index < first else \
        "after" if index > last else "among"
    out = wordmodel.features(s.text)
    out += [f"@rule:{s.section}", f"@person:{s.person}", f"@rule-person:{s.section}:{s.person}",
            f"@rule-free:{s.section}:{s.free}", f"@before:{before}", f"@after:{after}",
            f"@position:{_POSITIONS * index // max(1, len(sentences))}", f"@phase:{phase}",
            f"@phase-rule:{phase}:{s.section}"]
    out += [f"@tag:{tag}" for tag in s.tags]
    out += [f"@cue:{cue}" for cue in s.cues] + [f"@cue-rule:{cue}:{s.section}" for cue in s.cues]
    block = (blocks or {}).get(s.line)
    if block is not None:
        out += [f"@heading:{word}" for word in wordmodel.words(block.heading)]
        out += [f"@label:{word}" for word in wordmodel.words(block.label)]
        out.append(f"@kind:{block.kind}")
    out += [name for name, on in (("@free", s.free), ("@fragment", s.fragment),
                                  ("@topic", bool(s.topic))) if on]
    return out


def writers_steps(sentences: Sequence[Placed]) -> tuple[int, int]:
    """The index of the writer's first and last step the rules placed ((-1, -1) for none)."""
    steps = [i for i, s in enumerate(sentences) if s.section == "action" and s.person == "I"]
    return (steps[0], steps[-1]) if steps else (-1, -1)


# A step the writer planned ("I planned to repro locally"): never what it found, and said where
# the rules put it
PLANNED = re.compile(r"I (?:planned|plan|was planning|intended|was going|meant) to\b")


def place(sentences: list[Sentence], blocks: Sequence[Block] = ()) -> list[Sentence]:
    """The sentences, each in the card the placement model finds most likely (the rules' card
    when no model is shipped)."""
    model = wordmodel.load(MODEL)
    if model is None:
        return sentences
    by_line = {block.line: block for block in blocks}
    steps = writers_steps(sentences)
    out = []
    for index, sentence in enumerate(sentences):
        if sentence.section not in CARDS or ("label" in sentence.cues and not (
                sentence.section == "action" and sentence.person != "I")) or (
                sentence.section == "action" and PLANNED.match(sentence.text)):
            out.append(sentence)  # an aside ("why: ...") the cards say in their own way, a
            continue              # line whose own label names its card ("My slice: ..."), a
            # step the writer planned for the day ("I planned to repro locally"); the team's
            # step under the writer's label ("What I did: ... we deleted half the alerts")
            # goes where the model places it, the Action telling the writer's steps alone
        odds = model.weigh(features(sentences, index, by_line, steps))
        if sentence.person != "I":
            odds.pop("action", None)  # the Action tells the writer's own steps only
            if sentence.section != "action" and max(odds.values()) < _NO_OPINION:
                out.append(sentence)  # read as a step, but someone else's: which other card it
                continue              # belongs in, the model has no opinion
        best = max(odds, key=lambda card: odds[card])
        # what the writer found among their steps ("~40% of 14 pages came outside working
        # hours"), told as the context the rules read it as unless the model is clear it is an
        # outcome: nothing in it says things got better
        among = steps[0] <= index <= steps[1] and sentence.section == "situation" \
            and best == "result" and not {"better", "delta"} & set(sentence.tags)
        margin = _BETTER if "better" in sentence.tags and sentence.section == "result" else \
            _AMONG if among else \
            _CLAIMED if "claim" in sentence.cues or (
                "lesson" in sentence.cues and sentence.section == "reflection") else \
            _CLAIMED if "setting" in sentence.tags and sentence.section == "action" else \
            _STEP if sentence.section == "action" and sentence.person == "I" else 0.0
        if odds[best] > odds.get(sentence.section, -1.0) + margin:  # another's step the rules
            # put in the Action (which says only the writer's) goes where the model places it
            sentence = dataclasses.replace(sentence, section=best)  # type: ignore[type-var]
        out.append(sentence)
    for card in CARDS:  # a card the rules filled and the model would empty keeps the rules'
        if not any(_says(s, card) for s in out):
            out = [rule if _says(rule, card) else placed
                   for rule, placed in zip(sentences, out, strict=True)]
    return out


def _says(sentence: Placed, card: str) -> bool:
    """Whether the card can say the sentence: the Action says only the writer's steps."""
    return sentence.section == card and (card != "action" or sentence.person == "I")

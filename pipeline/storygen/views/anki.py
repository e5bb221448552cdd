"""``storygen export --format anki``: a genanki deck with a card per probe, quiz and STAR section.

Note guids come from the story id and the part's JSON pointer, and the deck and model ids
are fixed, so importing a fresh export updates the cards instead of duplicating them.
"""

from __future__ import annotations

import hashlib
import html
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storygen.core.fsutil import temp_prefix
from storygen.story.model import Story
from storygen.views.templating import cards, option_letter

MODEL_ID = 1_718_305_271
MODEL_NAME = "storygen story card"
DEFAULT_DECK = "Interview stories"
FIELDS = ["Front", "Back", "Story", "Part"]
CSS = """.card { font-family: system-ui, sans-serif; font-size: 19px; text-align: left;
  color: #1d2330; background: #fff; padding: 0 4px; line-height: 1.5; }
.nightMode.card { color: #e6e9f0; background: #1b2029; }
.story { font-size: 13px; color: #5b6477; margin-bottom: 10px; }
.prompt { font-weight: 600; }
.quote { font-weight: 600; margin-top: 10px; }
.phrases { margin-top: 10px; font-size: 16px; }
.phrases li { margin: 2px 0; }
"""
FRONT = '<div class="story">{{Story}}</div>{{Front}}'
BACK = '{{FrontSide}}<hr id="answer">{{Back}}'


@dataclass(frozen=True, slots=True)
class CardSpec:
    """One note: its pointer in the story, its two faces (HTML, story text escaped) and tags."""

    pointer: str
    front: str
    back: str
    kind: str


def _e(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _phrases(items: Sequence[str]) -> str:
    return '<ul class="phrases">' + "".join(f"<li>“{_e(p)}”</li>" for p in items) + "</ul>"


def _section_cards(story: Story) -> Iterator[CardSpec]:
    for card in cards(story):
        section = card.section
        front = (f'<div class="prompt">{_e(card.label)}: say it in {section.target_seconds} seconds'
                 f"</div><p>{_e(story.question)}</p>")
        example = f"<p>{_e(section.strong_example)}</p>" if section.strong_example.strip() else ""
        yield CardSpec(f"/sections/{card.name}", front, example + _phrases(section.key_phrases),
                       "star")


def _probe_cards(story: Story) -> Iterator[CardSpec]:
    for i, probe in enumerate(story.probes):
        front = (f'<div class="prompt">{_e(probe.question)}</div>'
                 f"<p><i>Probes: {_e(probe.probes)}</i></p>")
        back = (f"<p>{_e(probe.strong.answer)}</p>"
                f'<div class="quote">“{_e(probe.strong.key_quote)}”</div>')
        yield CardSpec(f"/probes/{i}", front, back, "probe")


def _quiz_cards(story: Story) -> Iterator[CardSpec]:
    for i, quiz in enumerate(story.quizzes):
        options = "".join(f"<li>{option_letter(j)}. {_e(o)}</li>" for j, o in enumerate(quiz.options))
        front = f'<div class="prompt">{_e(quiz.question)}</div><ul>{options}</ul>'
        right = quiz.options[quiz.answer] if 0 <= quiz.answer < len(quiz.options) else "?"
        back = (f"<p><b>{option_letter(quiz.answer)}. {_e(right)}</b></p>"
                f"<p>{_e(quiz.explanation)}</p>")
        yield CardSpec(f"/quizzes/{i}", front, back, "quiz")


def card_specs(story: Story) -> list[CardSpec]:
    """Every card of one story: the five STAR sections, then the probes, then the quizzes."""
    return [*_section_cards(story), *_probe_cards(story), *_quiz_cards(story)]


def stable_id(*parts: str, bits: int = 31) -> int:
    """A positive id that depends only on ``parts``."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return (1 << (bits - 1)) + int.from_bytes(digest[:8], "big") % (1 << (bits - 1))


def _tag(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch == "-" else "_" for ch in text).strip("_")


def _note_class() -> Any:
    import genanki

    class StableNote(genanki.Note):  # type: ignore[misc]
        """A note whose database id (and its card ids) derive from its guid, not the clock."""

        def write_to_db(self, cursor: Any, timestamp: float, deck_id: int, id_gen: Any) -> None:
            base = stable_id("note", self.guid, bits=48) * 16
            super().write_to_db(cursor, timestamp, deck_id, itertools.count(base))

    return StableNote


def build_deck(stories: Sequence[Story], deck_name: str = DEFAULT_DECK) -> Any:
    """A genanki Deck holding one note per card of every story."""
    import genanki

    model = genanki.Model(MODEL_ID, MODEL_NAME, fields=[{"name": f} for f in FIELDS],
                          templates=[{"name": "Card", "qfmt": FRONT, "afmt": BACK}], css=CSS)
    deck = genanki.Deck(stable_id("deck", deck_name), deck_name)
    note_class = _note_class()
    for story in stories:
        tags = [_tag(story.id), _tag(story.principle)]
        label = _e(f"{story.title} · {story.principle}")
        for spec in card_specs(story):
            deck.add_note(note_class(
                model=model, fields=[spec.front, spec.back, label, _e(spec.pointer)],
                guid=genanki.guid_for(story.id, spec.pointer), tags=[*tags, spec.kind]))
    return deck


def write_deck(stories: Sequence[Story], out: Path, deck_name: str = DEFAULT_DECK) -> int:
    """Write the .apkg (atomically); return the number of notes."""
    import os
    import tempfile

    import genanki

    deck = build_deck(stories, deck_name)
    if out.is_dir():
        raise IsADirectoryError(21, "is a directory, not a file", str(out))
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=temp_prefix(out.name), suffix=".tmp", dir=out.parent)
    os.close(fd)
    try:
        genanki.Package(deck).write_to_file(tmp)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(deck.notes)

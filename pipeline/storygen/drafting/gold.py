"""Gold files for ``storygen eval``: what a good draft of one notes file must contain.

``NAME.gold.yaml`` sits beside ``NAME.md``::

    principle: Dive Deep        # or null when the notes' front matter states it
    level: SDE2                 # optional
    facts:                      # short substrings of the notes, each with its card(s)
      - {text: "async-profiler", sections: [action]}
    figures: ["850ms", "$190K"] # every figure in the notes, as written
    we_only: ["moved the jobs to AWS Batch"]   # done by the team, never told as "I"
    forbidden: []               # must never appear in a story (injected instructions)

Any other key, or a value of the wrong form, is an ``InputError`` naming the file and line.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from storygen.core.errors import InputError
from storygen.story.principles import UnknownNameError, canonical_level, canonical_principle

GOLD_SUFFIX = ".gold.yaml"


class Card(StrEnum):
    """The five cards a gold fact may belong in."""

    SITUATION = "situation"
    TASK = "task"
    ACTION = "action"
    RESULT = "result"
    REFLECTION = "reflection"


class GoldFact(BaseModel):
    """A short substring of the notes and the card(s) a good draft tells it in."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str = Field(min_length=1)
    sections: list[Card] = Field(min_length=1)


class Gold(BaseModel):
    """The gold annotation of one notes file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    principle: str | None
    level: str | None = None
    facts: list[GoldFact] = Field(default_factory=list)
    figures: list[str] = Field(default_factory=list)
    we_only: list[str] = Field(default_factory=list)
    forbidden: list[str] = Field(default_factory=list)

    @field_validator("principle")
    @classmethod
    def _principle(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            return canonical_principle(value)
        except UnknownNameError as exc:
            raise ValueError(str(exc)) from None

    @field_validator("level")
    @classmethod
    def _level(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            return canonical_level(value).value
        except UnknownNameError as exc:
            raise ValueError(str(exc)) from None


def _line_of(node: yaml.Node | None, loc: tuple[int | str, ...]) -> int:
    """The 1-based line of the YAML node at ``loc`` (or of the nearest parent found)."""
    line = node.start_mark.line + 1 if node is not None else 1
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            match = [(k, v) for k, v in node.value if k.value == key]
            if not match:
                return line
            key_node, node = match[0]
            line = key_node.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) \
                and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            return line
    return line


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def parse_gold(text: str, path: Path, notes_text: str | None = None) -> Gold:
    """The Gold in ``text``; with ``notes_text``, every fact, figure and we-only phrase must
    be a (case-insensitive) substring of the notes."""
    try:
        data: Any = yaml.safe_load(text)
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(f"not valid YAML: {getattr(exc, 'problem', exc)}", path=path,
                         line=mark.line + 1 if mark is not None else None) from None
    if not isinstance(data, dict):
        raise InputError("a gold file must be a mapping with the keys principle, level, facts, "
                         "figures, we_only, forbidden", path=path, line=1)
    try:
        gold = Gold.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = tuple(error["loc"])
        where = ".".join(str(part) for part in loc) or "(top)"
        raise InputError(f"{where}: {error['msg']}", path=path, line=_line_of(root, loc)) \
            from None
    if notes_text is not None:
        notes = _folded(notes_text)
        checks: list[tuple[tuple[int | str, ...], str]] = [
            (("facts", i, "text"), fact.text) for i, fact in enumerate(gold.facts)]
        checks += [(("figures", i), figure) for i, figure in enumerate(gold.figures)]
        checks += [(("we_only", i), phrase) for i, phrase in enumerate(gold.we_only)]
        for loc, value in checks:
            if _folded(value) not in notes:
                raise InputError(f"{'.'.join(map(str, loc))}: {value!r} is not in the notes",
                                 path=path, line=_line_of(root, loc))
    return gold


def load_gold(path: Path, notes_text: str | None = None) -> Gold:
    """Read and check one gold file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the gold file: {exc}", path=path) from None
    return parse_gold(text, path, notes_text)


def find_cases(corpus: Path) -> list[tuple[str, Path, Path]]:
    """(name, notes, gold) for every ``NAME.md`` with a ``NAME.gold.yaml`` beside it, sorted."""
    if not corpus.is_dir():
        raise InputError("not a folder of notes and gold files", path=corpus)
    cases = []
    for notes in sorted(corpus.glob("*.md")):
        gold = notes.with_name(notes.stem + GOLD_SUFFIX)
        if gold.is_file():
            cases.append((notes.stem, notes, gold))
    if not cases:
        raise InputError("no NAME.md with a NAME.gold.yaml beside it", path=corpus)
    return cases

"""The drafter's knowledge base: YAML data files shipped in ``storygen/data/kb/``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml

from storygen.story.model import SECTION_NAMES

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


@cache
def load(name: str) -> Any:
    """The parsed data file ``data/kb/<name>.yaml``."""
    text = resources.files("storygen").joinpath("data", "kb", f"{name}.yaml").read_text("utf-8")
    return yaml.load(text, Loader=_Loader)


def principles() -> dict[str, dict[str, Any]]:
    return load("principles")  # type: ignore[no-any-return]


def levels() -> dict[str, dict[str, Any]]:
    return load("levels")  # type: ignore[no-any-return]


def sections() -> dict[str, Any]:
    return load("sections")  # type: ignore[no-any-return]


def lexicon() -> dict[str, Any]:
    return load("lexicon")  # type: ignore[no-any-return]


@cache
def words(name: str) -> frozenset[str]:
    """One word list of the lexicon as a set: "function_words", "irregular_past", ..."""
    return frozenset(lexicon()[name])


_TOKEN = re.compile(r"\w+(?:[-'’/]\w+)*")


@dataclass(frozen=True, slots=True)
class PhraseMatch:
    """Where a phrase was found: the text as written and its span."""

    text: str
    span: tuple[int, int]

    def group(self, _: int = 0) -> str:
        return self.text

    def start(self) -> int:
        return self.span[0]

    def end(self) -> int:
        return self.span[1]


class Phrases:
    """A set of phrases matched on whole words, case-insensitive, longest first.

    Matching walks the text's words once and looks phrases up by their first word, so a new
    set of phrases costs no regular-expression compilation.
    """

    def __init__(self, phrases: tuple[str, ...]) -> None:
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in sorted(set(phrases), key=lambda p: (-len(p), p)):
            words = tuple(w.lower() for w in _TOKEN.findall(phrase))
            if words:
                self.by_first.setdefault(words[0], []).append(words)

    def finditer(self, text: str) -> Iterator[PhraseMatch]:
        tokens = _tokens(text)
        index = 0
        while index < len(tokens):
            found = None
            for words in self.by_first.get(tokens[index][0], ()):
                window = tokens[index:index + len(words)]
                if len(window) == len(words) and all(t[0] == w for t, w in zip(window, words, strict=False)):
                    found = window
                    break
            if found is None:
                index += 1
                continue
            start, end = found[0][1], found[-1][2]
            yield PhraseMatch(text[start:end], (start, end))
            index += len(found)

    def search(self, text: str) -> PhraseMatch | None:
        return next(self.finditer(text), None)


@lru_cache(maxsize=512)
def _tokens(text: str) -> tuple[tuple[str, int, int], ...]:
    return tuple((m.group(0).lower(), m.start(), m.end()) for m in _TOKEN.finditer(text))


@cache
def phrase_pattern(phrases: tuple[str, ...]) -> Phrases:
    """A matcher for any of ``phrases`` on word edges, longest first, case-insensitive."""
    return Phrases(phrases)


@cache
def instruction_pattern() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in load("filters")["instructions"]),
                      re.IGNORECASE)


def is_instruction(text: str) -> bool:
    """Whether ``text`` reads as an instruction to a program rather than a note."""
    return instruction_pattern().search(" ".join(text.split())) is not None


def is_generic_reflection(text: str) -> bool:
    return bool(phrase_pattern(tuple(load("filters")["generic_reflections"])).search(text))


def section_for_heading(heading: str) -> str | None:
    """The section a note heading names ("What I did" -> action), or None."""
    folded = " ".join(re.sub(r"[^\w\s']", " ", heading.lower()).split())
    best: tuple[int, str] | None = None
    for name in SECTION_NAMES:
        entry = sections()[name]
        match = phrase_pattern(tuple(entry["headings"])).search(folded)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), name)
    return best[1] if best else None

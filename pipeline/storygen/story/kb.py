"""The drafter's knowledge base: YAML data files shipped in ``storygen/data/kb/``.

Each file is read once and checked against its model (``kb_models``): ``kb.weak()``,
``kb.sections()``, ``kb.levels()``... return frozen models, and a misspelt or missing key
fails at load time. ``FILES`` names every file with its accessor. The phrase matcher and the
filters (instruction-like text, generic lessons) used by the drafter and the rules live here
too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any, TypeVar

import yaml
from pydantic import TypeAdapter

from storygen.core.text import plain
from storygen.story.kb_models import (
    FiltersKB,
    GapEntry,
    LevelEntry,
    LexiconKB,
    OverviewKB,
    PrincipleEntry,
    ProbesKB,
    SectionsKB,
    TagsKB,
    WeakKB,
)
from storygen.story.model import SECTION_NAMES

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_E = TypeVar("_E")


def _read(name: str) -> Any:
    """The parsed data file ``data/kb/<name>.yaml``, unchecked."""
    text = resources.files("storygen").joinpath("data", "kb", f"{name}.yaml").read_text("utf-8")
    return yaml.load(text, Loader=_Loader)


def _table(name: str, entry: type[_E]) -> Mapping[str, _E]:
    """A file keyed by data (principle names, levels, gap topics): name -> checked entry."""
    parsed = TypeAdapter(dict[str, entry]).validate_python(_read(name))  # type: ignore[valid-type]
    return MappingProxyType(parsed)


@cache
def filters() -> FiltersKB:
    return FiltersKB.model_validate(_read("filters"))


@cache
def gaps() -> Mapping[str, GapEntry]:
    """Gap topics ("no_situation", ...) in the order their questions are asked."""
    return _table("gaps", GapEntry)


@cache
def levels() -> Mapping[str, LevelEntry]:
    """Level name ("SDE2") -> what the level asks for."""
    return _table("levels", LevelEntry)


@cache
def lexicon() -> LexiconKB:
    return LexiconKB.model_validate(_read("lexicon"))


@cache
def overview() -> OverviewKB:
    return OverviewKB.model_validate(_read("overview"))


@cache
def principles() -> Mapping[str, PrincipleEntry]:
    """Principle name -> its cues, question, angle and favourite probes."""
    return _table("principles", PrincipleEntry)


@cache
def probes() -> ProbesKB:
    return ProbesKB.model_validate(_read("probes"))


@cache
def sections() -> SectionsKB:
    return SectionsKB.model_validate(_read("sections"))


@cache
def tags() -> TagsKB:
    return TagsKB.model_validate(_read("tags"))


@cache
def weak() -> WeakKB:
    return WeakKB.model_validate(_read("weak"))


FILES: dict[str, Callable[[], object]] = {
    "filters": filters, "gaps": gaps, "levels": levels, "lexicon": lexicon,
    "overview": overview, "principles": principles, "probes": probes, "sections": sections,
    "tags": tags, "weak": weak,
}
"""Every knowledge-base file by name, with the accessor that loads and checks it."""


@cache
def systemic_levels() -> tuple[str, ...]:
    """The levels whose reflection should name a systemic cause (Senior SDE and above)."""
    return tuple(name for name, entry in levels().items() if entry.reflection == "systemic")


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
                if len(window) == len(words) and all(t[0] == w for t, w in zip(
                        window[:-1], words[:-1], strict=False)) \
                        and window[-1][0] in (words[-1], f"{words[-1]}'s", f"{words[-1]}’s"):
                    found = window  # "not my team" in "not my team's pipeline" too
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
    return re.compile("|".join(f"(?:{p})" for p in filters().instructions), re.IGNORECASE)


def is_instruction(text: str) -> bool:
    """Whether ``text`` reads as an instruction to a program rather than a note."""
    return instruction_pattern().search(" ".join(text.split())) is not None


@cache
def generic_reflection_pattern() -> re.Pattern[str]:
    """Lessons that fit any story (REF001). Written in lower case: run it on lower-cased
    text made plain (``core.text.plain``)."""
    return re.compile("|".join(f"(?:{p})" for p in filters().generic_reflections))


def is_generic_reflection(text: str) -> bool:
    """Whether ``text`` holds a lesson that would fit any story ("I learned a lot")."""
    return generic_reflection_pattern().search(plain(text).lower()) is not None


STAR_LETTERS = {"s": "situation", "t": "task", "a": "action", "r": "result", "l": "reflection",
                 "sit": "situation", "act": "action", "res": "result", "ref": "reflection",
                 "refl": "reflection",
                 "what": "situation"}  # "What / So what / Now what": what happened comes first


@cache
def section_headings() -> frozenset[str]:
    """Every heading wording of the five sections, as the knowledge base lists them."""
    return frozenset(h.replace("’", "'") for name in SECTION_NAMES
                     for h in sections().section(name).headings)


def section_for_heading(heading: str) -> str | None:
    """The section a note heading names ("What I did" -> action), or None."""
    folded = " ".join(re.sub(r"[^\w\s']", " ", heading.lower()).split())
    if folded in STAR_LETTERS:  # "## S", "## T", ... "## L": the letters of the method
        return STAR_LETTERS[folded]
    best: tuple[int, int, str] | None = None  # earliest, then longest ("where i fell short")
    for name in SECTION_NAMES:
        match = phrase_pattern(sections().section(name).headings).search(folded)
        if match and (best is None or (match.start(), -len(match.group(0))) < best[:2]):
            best = (match.start(), -len(match.group(0)), name)
    return best[2] if best else None


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            if isinstance(key, str):
                yield key
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


@cache
def all_texts() -> tuple[str, ...]:
    """Every string of every knowledge-base file (keys and values), in file order: what the
    truth rules treat as the drafter's own words rather than a claim about the story."""
    names = sorted(entry.name.removesuffix(".yaml") for entry in
                   resources.files("storygen").joinpath("data", "kb").iterdir()
                   if entry.name.endswith(".yaml"))
    return tuple(text for name in names for text in _strings(_read(name)))


def past_tense(verb: str) -> str:
    """The past tense of a plain verb: the lexicon's form when it lists one, else by rule
    ("load" -> "loaded", "retry" -> "retried", "stop" -> "stopped", "move" -> "moved")."""
    forms = lexicon()
    known = forms.base_past.get(verb) or forms.irregular_base.get(verb)
    if known:
        return known
    if verb in ("had", "did", "was", "were") or verb in forms.irregular_past:
        return verb  # already past: "had the teams build their parts"
    if verb.endswith("e"):
        return verb + "d"
    if re.search(r"[^aeiou]y$", verb):
        return verb[:-1] + "ied"
    if re.fullmatch(r"[^aeiou]*[aeiou][bdgmnpt]", verb):
        return verb + verb[-1] + "ed"
    return verb + "ed"

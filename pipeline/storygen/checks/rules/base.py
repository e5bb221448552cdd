"""What a rule is: a code, a severity, a message, a user-facing docstring, examples and a check.

Most rules read prose: they are written as a function of one text (``text_rule``) and
applied to the fields their family names. The rest read the story as a whole
(``story_rule``). Either way a rule returns ``Hit``s: a JSON pointer, a message and,
for sentence-level rules, where the sentence starts inside the field's text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from storygen.core.findings import Severity
from storygen.core.numbers import Figure, Key, find_figures
from storygen.core.text import Span, clip, split_sentences
from storygen.story.model import SECTION_LABELS, WORDS_PER_MINUTE


@dataclass(frozen=True, slots=True)
class Hit:
    """One problem a rule found: where (pointer, and offset of the sentence) and what."""

    pointer: str
    message: str
    offset: int | None = None


@dataclass(frozen=True, slots=True)
class TextHit:
    """A problem in one text: the sentence's start offset (None for the whole text)."""

    offset: int | None
    message: str


@dataclass(frozen=True, slots=True)
class NotesFigures:
    """The figures of a notes file, as value-and-unit keys, and how to name the file."""

    label: str
    keys: frozenset[Key]
    words: frozenset[str] = frozenset()
    """The notes' words, folded (what GRD004 looks names up in)."""


@dataclass(slots=True)
class Context:
    """What a story-level rule sees: the story data and the run's settings."""

    data: Mapping[str, Any]
    rate_wpm: float = WORDS_PER_MINUTE
    notes: NotesFigures | None = None


@dataclass(frozen=True, slots=True)
class Example:
    """A passing or failing example: text, or a story fragment (with notes text for GRD001)."""

    value: str | Mapping[str, Any]
    notes: str | None = None
    section: str | None = None


TextCheck = Callable[[str, str], Iterable[TextHit]]
StoryCheck = Callable[[Context], Iterable[Hit]]
FieldSelector = Callable[[Mapping[str, Any]], Iterator[tuple[str, str, str]]]
FreeText = bool | Literal["section"]
"""Whether a rule also runs on free text (an answer outside a story): ``False`` never,
``True`` always, ``"section"`` only when the caller names a section the rule reads (OWN003:
a scope boundary belongs in the Task, so a whole answer is not faulted for lacking one)."""


@dataclass(frozen=True)
class Rule:
    """One registered rule. ``check`` runs on a story; ``text_check`` (if any) on one text,
    and on free text as ``free_text`` says."""

    code: str
    name: str
    severity: Severity
    summary: str
    doc: str
    check: StoryCheck
    passing: tuple[Example, ...]
    failing: tuple[Example, ...]
    text_check: TextCheck | None = None
    sections: tuple[str, ...] = field(default=())
    free_text: FreeText = False

    def runs_on_free_text(self, section: str | None) -> bool:
        """Whether the rule judges free text told as ``section`` (None: a whole answer)."""
        if not self.free_text or self.text_check is None:
            return False
        if section is None:
            return self.free_text is True
        return section in self.sections

    @property
    def family(self) -> str:
        return self.code[:3]


def _examples(items: Iterable[str | Mapping[str, Any] | Example]) -> tuple[Example, ...]:
    return tuple(item if isinstance(item, Example) else Example(item) for item in items)


def _doc(func: Callable[..., Any]) -> str:
    import inspect

    return inspect.cleandoc(func.__doc__ or "")


def text_rule(code: str, name: str, severity: Severity, summary: str, *,
              fields: FieldSelector, sections: tuple[str, ...],
              passing: Iterable[str | Example], failing: Iterable[str | Example],
              free_text: FreeText = False) -> Callable[[TextCheck], Rule]:
    """Make a Rule from a function of one text, applied to every field ``fields`` yields.

    ``free_text`` says whether ``checks.rules.text`` also runs it on an answer outside a
    story (see ``FreeText``). Story rules never do: they need the whole story.
    """

    def make(func: TextCheck) -> Rule:
        def check(ctx: Context) -> Iterator[Hit]:
            for pointer, label, text in fields(ctx.data):
                for hit in func(text, label):
                    yield Hit(pointer, hit.message, hit.offset)

        return Rule(code, name, severity, summary, _doc(func), check, _examples(passing),
                    _examples(failing), text_check=func, sections=sections, free_text=free_text)

    return make


def story_rule(code: str, name: str, severity: Severity, summary: str, *,
               passing: Iterable[Mapping[str, Any] | Example],
               failing: Iterable[Mapping[str, Any] | Example]) -> Callable[[StoryCheck], Rule]:
    """Make a Rule from a function of the whole story."""

    def make(func: StoryCheck) -> Rule:
        return Rule(code, name, severity, summary, _doc(func), func, _examples(passing),
                    _examples(failing))

    return make


# --- reading the story safely (rules also run on fragments and on odd input) ---------------

def get(data: Any, *path: str | int) -> Any:
    """``data[path[0]][path[1]]...`` or None when any step is missing or of the wrong kind."""
    current = data
    for step in path:
        if isinstance(step, int):
            if not isinstance(current, list) or not 0 <= step < len(current):
                return None
        elif not isinstance(current, dict) or step not in current:
            return None
        current = current[step]
    return current


def items(data: Any, *path: str) -> list[tuple[int, Any]]:
    """Index and value of each element of the list at ``path`` (empty when absent)."""
    value = get(data, *path)
    return list(enumerate(value)) if isinstance(value, list) else []


def strong_examples(*names: str) -> FieldSelector:
    """The strong examples of the named sections."""

    def select(data: Mapping[str, Any]) -> Iterator[tuple[str, str, str]]:
        for name in names:
            text = get(data, "sections", name, "strong_example")
            if isinstance(text, str):
                yield f"/sections/{name}/strong_example", SECTION_LABELS[name], text

    return select


def probe_strong_answers(data: Mapping[str, Any]) -> Iterator[tuple[str, str, str]]:
    for i, _ in items(data, "probes"):
        text = get(data, "probes", i, "strong", "answer")
        if isinstance(text, str):
            yield f"/probes/{i}/strong/answer", f"Probe {i + 1} strong answer", text


def combine(*selectors: FieldSelector) -> FieldSelector:
    def select(data: Mapping[str, Any]) -> Iterator[tuple[str, str, str]]:
        for selector in selectors:
            yield from selector(data)

    return select


# --- shared text views, computed once per distinct text --------------------------------------

@functools.lru_cache(maxsize=4096)
def sentences(text: str) -> tuple[Span, ...]:
    """The sentences of a text (cached: every rule family reads the same fields)."""
    return tuple(split_sentences(text))


@functools.lru_cache(maxsize=4096)
def numbers(text: str) -> tuple[Figure, ...]:
    """The figures of a text, digits and number words, each with its unit (cached)."""
    return tuple(find_figures(text))


def has_digits(text: str) -> bool:
    """Whether the text states a figure written with digits (what QNT001 and CON004 ask)."""
    return any(figure.digits for figure in numbers(text))


def found(pattern: re.Pattern[str], text: str) -> list[str]:
    """What a lower-case pattern matches in ``text``, in the text's own case.

    Patterns are written in lower case and run on the lower-cased text: much faster than
    ``re.IGNORECASE``.
    """
    low = text.lower()
    if len(low) != len(text):  # a few characters change length when lower-cased
        return [m.group() for m in pattern.finditer(low)]
    return [text[m.start():m.end()] for m in pattern.finditer(low)]


def quote(text: str, limit: int = 90) -> str:
    """A sentence for a message: quoted, on one line, shortened when long."""
    return f"'{clip(text, limit)}'"


def listing(found: Iterable[str]) -> str:
    """``'a', 'b' and 'c'``."""
    parts = [f"'{item}'" for item in dict.fromkeys(found)]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]

"""The shape of each knowledge-base file (``data/kb/<name>.yaml``), as frozen pydantic models.

A key the models do not know, a missing key or a value of the wrong kind fails at load time,
so a typo in the YAML cannot silently drop data. Mappings keyed by data (principle and level
names, gap topics) are plain dicts of models.
"""

from __future__ import annotations

from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict

Words = tuple[str, ...]
T = TypeVar("T")


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _field(model: BaseModel, name: str, kind: type[T]) -> T:
    """The field ``name`` of ``model`` when it is a ``kind``; KeyError otherwise."""
    value = getattr(model, name, None) if name in type(model).model_fields else None
    if not isinstance(value, kind):
        raise KeyError(name)
    return value


# --- filters.yaml --------------------------------------------------------------------------

class FiltersKB(_Frozen):
    """Regular expressions for text the drafter leaves out and REF001 reports."""

    instructions: Words
    generic_reflections: Words


# --- gaps.yaml -----------------------------------------------------------------------------

class GapEntry(_Frozen):
    """One gap question: the section its answer is filed under and the codes that raise it."""

    section: str | None
    codes: Words
    question: str


# --- levels.yaml ---------------------------------------------------------------------------

class TimeLimit(_Frozen):
    min: int
    max: int


class SectionSeconds(_Frozen):
    """Speaking targets (seconds) for the five sections, in story order."""

    situation: int
    task: int
    action: int
    result: int
    reflection: int

    def as_dict(self) -> dict[str, int]:
        return self.model_dump()


class LevelEntry(_Frozen):
    focus: str
    bar: str
    time_limit: TimeLimit
    targets: SectionSeconds
    reflection: Literal["technical", "systemic"]


# --- lexicon.yaml --------------------------------------------------------------------------

class LexiconKB(_Frozen):
    """Words the drafter uses to turn note fragments into spoken sentences."""

    irregular_past: frozenset[str]
    base_past: dict[str, str]
    irregular_base: dict[str, str] = {}
    object_before_to: frozenset[str]
    function_words: frozenset[str]
    linking_verbs: frozenset[str]
    setting_verbs: frozenset[str] = frozenset()
    setting_nouns: frozenset[str] = frozenset()


# --- overview.yaml -------------------------------------------------------------------------

class OverviewAnalysis(_Frozen):
    scope: str
    no_scope: str
    actions: str
    no_actions: str
    figures: str
    no_figures: str
    figures_elsewhere: str = "The notes hold figures ({figures}), but none measures the result yet."
    adoption: str
    systemic: str
    principle: str


class OverviewTakeaways(_Frozen):
    scope: str
    actions: str
    figures: str
    adoption: str
    systemic: str
    gaps: str


class OverviewKB(_Frozen):
    analysis: OverviewAnalysis
    takeaways: OverviewTakeaways


# --- principles.yaml -----------------------------------------------------------------------

class PrincipleEntry(_Frozen):
    cues: Words
    question: str
    angle: str
    emphasize: str
    downplay: str
    probes: Words


# --- probes.yaml ---------------------------------------------------------------------------

class ProbeTemplate(_Frozen):
    needs: Words
    question: str
    probes: str
    weak: str
    why: str
    strong: str


class ProbesKB(_Frozen):
    influence: ProbeTemplate
    tradeoff: ProbeTemplate
    measure: ProbeTemplate
    root_cause: ProbeTemplate
    differently: ProbeTemplate
    steps: ProbeTemplate
    outcome: ProbeTemplate
    order: Words

    def template(self, name: str) -> ProbeTemplate:
        """The template called ``name`` ("influence", "steps"...); KeyError when unknown."""
        return _field(self, name, ProbeTemplate)


# --- sections.yaml -------------------------------------------------------------------------

class SectionEntry(_Frozen):
    headings: Words
    cues: Words
    coaching: str
    common_mistake: str


class MissingText(_Frozen):
    """What a part of the story says when the notes give nothing for it."""

    situation: str
    task: str
    action: str
    result: str
    reflection: str
    senior: str
    probe: str

    def for_section(self, name: str) -> str:
        return _field(self, name, str)


class SectionsKB(_Frozen):
    situation: SectionEntry
    task: SectionEntry
    action: SectionEntry
    result: SectionEntry
    reflection: SectionEntry
    missing: MissingText
    missing_key_phrase: str

    def section(self, name: str) -> SectionEntry:
        """The entry of one of the five sections; KeyError when ``name`` is none of them."""
        return _field(self, name, SectionEntry)


# --- tags.yaml -----------------------------------------------------------------------------

class TagsKB(_Frozen):
    """Cue phrases that tag a note sentence with what it shows."""

    scope: Words
    money: Words
    business: Words
    adoption: Words
    investigation: Words
    influence: Words
    invention: Words
    systemic: Words
    technical: Words
    next_time: Words
    customer: Words
    tradeoff: Words
    measure: Words

    def cues(self, tag: str) -> Words:
        """The cue phrases of one tag; KeyError when ``tag`` is unknown."""
        return _field(self, tag, tuple)

    def by_tag(self) -> dict[str, Words]:
        return {name: getattr(self, name) for name in type(self).model_fields}


# --- weak.yaml -----------------------------------------------------------------------------

class Quiz(_Frozen):
    question: str
    explanation: str


class MissingQuiz(_Frozen):
    question: str
    correct: str
    distractors: Words
    explanation: str


class Quizzes(_Frozen):
    ownership: Quiz
    missing: MissingQuiz
    disqualifier: Quiz


class WeakKB(_Frozen):
    """The weak answer's degraded lines, its critique lines and the quizzes."""

    handoff: str
    handoff_after: str
    vague_result: str
    vague_result_plain: str
    critique_by_code: dict[str, str]
    critique_by_change: dict[str, str]
    bar_raiser: str
    quizzes: Quizzes

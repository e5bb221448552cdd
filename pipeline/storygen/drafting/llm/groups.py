"""The section groups the model writes: one Pydantic model of prose per group, and the code that
moves each group between the story and the model's reply.

A group's reply mirrors the story's own keys (``{"probes": [...]}``), so a finding's JSON pointer
into the story is also a pointer into the group's reply. What the knowledge base decides (section
targets, level time limits, principle and level names) comes from the offline draft, never from
the model.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, create_model

from storygen.core.findings import Finding, Severity
from storygen.story.model import SECTION_NAMES
from storygen.story.principles import UnknownNameError, canonical_level, canonical_principle

Prose = Annotated[str, StringConstraints(min_length=1)]


class _Prose(BaseModel):
    model_config = ConfigDict(extra="ignore", json_schema_extra={"additionalProperties": False})


class OverviewDraft(_Prose):
    summary: Prose = Field(description="The candidate's situation and outcome in a paragraph.")
    analysis: Prose = Field(description="What the story demonstrates and why it is strong.")
    takeaways: list[Prose] = Field(min_length=1, max_length=6)


class SectionDraft(_Prose):
    strong_example: Prose = Field(description="What the candidate says, in the first person.")
    key_phrases: list[Prose] = Field(
        min_length=1, max_length=8, description="Phrases copied word for word from strong_example.")
    coaching: Prose
    common_mistake: Prose


SectionsDraft = create_model(  # type: ignore[call-overload]
    "SectionsDraft", __base__=_Prose, **dict.fromkeys(SECTION_NAMES, (SectionDraft, ...)))


class ReflectionsDraft(_Prose):
    sde2: Prose = Field(description="What the candidate learned technically.")
    senior: Prose = Field(description="The systemic or organisational cause behind the problem.")


class CoreDraft(_Prose):
    """The overview, the five STAR sections and the reflections of the story."""

    overview: OverviewDraft
    sections: SectionsDraft  # type: ignore[valid-type]
    reflections: ReflectionsDraft


class ProbeAnswerWeak(_Prose):
    answer: Prose
    why: Prose


class ProbeAnswerStrong(_Prose):
    answer: Prose
    key_quote: Prose


class ProbeDraft(_Prose):
    question: Prose
    probes: Prose = Field(description="What the interviewer is testing.")
    weak: ProbeAnswerWeak
    strong: ProbeAnswerStrong


class ProbesDraft(_Prose):
    """Follow-up questions an interviewer asks about this story."""

    probes: list[ProbeDraft] = Field(min_length=2, max_length=6)


class WeakAnswerBody(_Prose):
    text: Prose = Field(description="A realistic weak telling of this same story.")
    critique: list[Prose] = Field(min_length=1, max_length=8)
    bar_raiser: Prose = Field(description="The verdict, e.g. 'Leaning No Hire for this LP'.")


class WeakAnswerDraft(_Prose):
    """A weak version of the story, what is wrong with it, and the bar raiser's verdict."""

    weak_answer: WeakAnswerBody


class QuizDraft(_Prose):
    question: Prose
    options: list[Prose] = Field(min_length=2, max_length=6)
    answer: int = Field(ge=0, description="Index (from 0) of the correct option.")
    explanation: Prose


class QuizzesDraft(_Prose):
    """Multiple-choice questions that test what makes this story strong."""

    quizzes: list[QuizDraft] = Field(min_length=2, max_length=5)


class PrincipleVariantDraft(_Prose):
    principle: Prose
    angle: Prose
    emphasize: Prose
    downplay: Prose


class LevelVariantDraft(_Prose):
    level: Prose
    focus: Prose
    reflection: Prose
    bar: Prose = Field(description="What the interviewer expects at that level.")


def _variants_model(name: str, key: str, item: type[BaseModel], count: int,
                    doc: str) -> type[BaseModel]:
    field_type = list[item]  # type: ignore[valid-type]
    fields: dict[str, Any] = {key: (field_type, Field(min_length=count, max_length=count))}
    model: type[BaseModel] = create_model(name, __base__=_Prose, __doc__=doc, **fields)
    return model


@dataclass(frozen=True, slots=True)
class Group:
    """One section group: the story keys it owns and how its reply maps onto the story."""

    name: str
    keys: tuple[str, ...]
    model: Callable[[dict[str, Any]], type[BaseModel]]
    to_story: Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]]

    def from_story(self, story: dict[str, Any]) -> dict[str, Any]:
        """The group's part of a story, in the shape of a reply (for repairs and fallbacks)."""
        part = {key: copy.deepcopy(story[key]) for key in self.keys if key in story}
        return _strip_code_owned(self.name, part)

    def schema(self, offline: dict[str, Any]) -> dict[str, Any]:
        """The JSON Schema of the reply, with references inlined (small servers need that)."""
        schema = self.model(offline).model_json_schema()
        defs = schema.pop("$defs", {})
        inlined = _inline(schema, defs)
        inlined["title"] = self.name
        return inlined


def _inline(node: Any, defs: dict[str, Any]) -> Any:
    if isinstance(node, dict):
        if "$ref" in node:
            target = defs[node["$ref"].rsplit("/", 1)[-1]]
            return _inline({k: v for k, v in target.items() if k != "title"}, defs)
        return {k: _inline(v, defs) for k, v in node.items() if k != "title" or
                not isinstance(v, str)}
    if isinstance(node, list):
        return [_inline(item, defs) for item in node]
    return node


def _strip_code_owned(name: str, part: dict[str, Any]) -> dict[str, Any]:
    if name == "core":
        for section in part.get("sections", {}).values():
            section.pop("target_seconds", None)
    if name == "level_variants":
        for variant in part.get("level_variants", []):
            variant.pop("time_limit_seconds", None)
    return part


def _core_to_story(reply: dict[str, Any], offline: dict[str, Any]) -> dict[str, Any]:
    sections = {}
    for name in SECTION_NAMES:
        target = offline["sections"][name]["target_seconds"]
        sections[name] = {"target_seconds": target, **reply["sections"][name]}
    return {"overview": reply["overview"], "sections": sections,
            "reflections": reply["reflections"]}


def _match_order(items: list[dict[str, Any]], wanted: list[str], key: str,
                 canonical: Callable[[str], str]) -> list[dict[str, Any]]:
    """Items in the order of ``wanted``: by the names the model echoed when they cover
    ``wanted`` exactly, else by position. The names themselves always come from ``wanted``."""
    try:
        named = {canonical(str(item.get(key, ""))): item for item in items}
    except UnknownNameError:
        named = {}
    ordered = [named[name] for name in wanted] if set(named) == set(wanted) else items
    return [{**item, key: name} for item, name in zip(ordered, wanted, strict=True)]


def naming_findings(group: Group, reply: dict[str, Any],
                    offline: dict[str, Any]) -> list[Finding]:
    """DRF001 error findings for variants whose name is not one of those asked for (a misspelt
    principle, one not in the list, one named twice). Names are never relabelled silently: the
    group is asked again, and taken from the offline draft if it stays wrong."""
    if group.name == "principle_variants":
        key, field_name, what = "principle_variants", "principle", "principle"
        canonical: Callable[[str], str] = canonical_principle
    elif group.name == "level_variants":
        key, field_name, what = "level_variants", "level", "level"
        canonical = _level_name
    else:
        return []
    wanted = [str(v[field_name]) for v in offline[key]]
    seen: set[str] = set()
    found: list[Finding] = []
    for index, item in enumerate(reply.get(key, [])):
        given = str(item.get(field_name, ""))
        try:
            name = canonical(given)
        except UnknownNameError:
            name = ""
        if name in wanted and name not in seen:
            seen.add(name)
            continue
        why = "is named twice" if name in seen else "is not one of those asked for"
        found.append(Finding(
            "DRF001", Severity.ERROR,
            f"{what} variant {index + 1} names {given!r}, which {why}: name each of "
            f"{', '.join(wanted)} once, exactly as given", f"/{key}/{index}"))
    return found


def _level_name(name: str) -> str:
    return str(canonical_level(name).value)


def _principles_to_story(reply: dict[str, Any], offline: dict[str, Any]) -> dict[str, Any]:
    wanted = [v["principle"] for v in offline["principle_variants"]]
    items = _match_order(reply["principle_variants"], wanted, "principle", canonical_principle)
    return {"principle_variants": items}


def _levels_to_story(reply: dict[str, Any], offline: dict[str, Any]) -> dict[str, Any]:
    originals = offline["level_variants"]
    wanted = [v["level"] for v in originals]
    items = _match_order(reply["level_variants"], wanted, "level",
                         lambda name: str(canonical_level(name).value))
    limits = {v["level"]: v["time_limit_seconds"] for v in originals}
    return {"level_variants": [{**item, "time_limit_seconds": copy.deepcopy(limits[item["level"]])}
                               for item in items]}


def _same_keys(keys: tuple[str, ...]) -> Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]]:
    return lambda reply, _offline: {key: reply[key] for key in keys}


def _fixed(model: type[BaseModel]) -> Callable[[dict[str, Any]], type[BaseModel]]:
    return lambda _offline: model


def _principle_model(offline: dict[str, Any]) -> type[BaseModel]:
    return _variants_model("PrincipleVariantsDraft", "principle_variants", PrincipleVariantDraft,
                           len(offline["principle_variants"]),
                           "How to lead this same story for other Leadership Principles.")


def _level_model(offline: dict[str, Any]) -> type[BaseModel]:
    return _variants_model("LevelVariantsDraft", "level_variants", LevelVariantDraft,
                           len(offline["level_variants"]),
                           "How to pitch this same story at other levels.")


CORE = Group("core", ("overview", "sections", "reflections"), _fixed(CoreDraft), _core_to_story)
LATER: tuple[Group, ...] = (
    Group("probes", ("probes",), _fixed(ProbesDraft), _same_keys(("probes",))),
    Group("weak_answer", ("weak_answer",), _fixed(WeakAnswerDraft), _same_keys(("weak_answer",))),
    Group("quizzes", ("quizzes",), _fixed(QuizzesDraft), _same_keys(("quizzes",))),
    Group("principle_variants", ("principle_variants",), _principle_model, _principles_to_story),
    Group("level_variants", ("level_variants",), _level_model, _levels_to_story),
)
GROUPS: tuple[Group, ...] = (CORE, *LATER)
GROUP_BY_KEY: dict[str, Group] = {key: group for group in GROUPS for key in group.keys}

CODE_OWNED_LEAVES = ("target_seconds", "time_limit_seconds")


def group_of_pointer(pointer: str) -> Group | None:
    """The group that writes the field at ``pointer``; None for what code decides."""
    parts = pointer.split("/")[1:]
    if not parts or parts[0] not in GROUP_BY_KEY:
        return None
    if any(part in CODE_OWNED_LEAVES for part in parts):
        return None
    if parts[0] in ("principle_variants", "level_variants") and len(parts) >= 3 \
            and parts[2] in ("principle", "level"):
        return None
    return GROUP_BY_KEY[parts[0]]

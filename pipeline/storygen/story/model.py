"""Pydantic models of the story format: the single source of truth for the schema."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from storygen.story.principles import PRINCIPLES, Level

SCHEMA_VERSION = 1
SCHEMA_ID = "https://storygen.dev/schemas/story.schema.json"

Text = Annotated[str, StringConstraints(min_length=1)]
PrincipleName = Literal[PRINCIPLES]  # type: ignore[valid-type]
LevelName = Annotated[Level, Field(strict=False)]
SECTION_NAMES: tuple[str, ...] = ("situation", "task", "action", "result", "reflection")
SECTION_LABELS: dict[str, str] = {name: name.capitalize() for name in SECTION_NAMES}
"""What a reader sees for each section: ``situation`` -> ``Situation``."""
WORDS_PER_MINUTE = 150
"""The speaking rate that turns a time budget into words, unless ``speaking_rate_wpm`` says
otherwise."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class Overview(_Model):
    """Scenario overview: the situation and outcome, why the story is strong, takeaways."""

    summary: Text
    analysis: Text
    takeaways: list[Text] = Field(min_length=1)


class Section(_Model):
    """One S/T/A/R/reflection card."""

    target_seconds: int = Field(gt=0, description="Speaking budget in seconds.")
    strong_example: str = Field(description="What the candidate says.")
    key_phrases: list[Text] = Field(min_length=1)
    coaching: Text
    common_mistake: Text


class Sections(_Model):
    """The five cards, in speaking order."""

    situation: Section
    task: Section
    action: Section
    result: Section
    reflection: Section


class Reflections(_Model):
    """What the candidate learned, told at two levels."""

    sde2: Text
    senior: Text


class WeakProbeAnswer(_Model):
    answer: Text
    why: Text


class StrongProbeAnswer(_Model):
    answer: Text
    key_quote: Text


class Probe(_Model):
    """A follow-up question with a weak and a strong answer."""

    question: Text
    probes: Text = Field(description="What the interviewer is testing.")
    weak: WeakProbeAnswer
    strong: StrongProbeAnswer


class WeakAnswer(_Model):
    """A realistic weak telling of this same story, its critique and the verdict."""

    text: Text
    critique: list[Text] = Field(min_length=1)
    bar_raiser: Text


class Quiz(_Model):
    question: Text
    options: list[Text] = Field(
        min_length=2, max_length=6, json_schema_extra={"uniqueItems": True}
    )
    answer: int = Field(ge=0, description="Index of the correct option.")
    explanation: Text

    @field_validator("options")
    @classmethod
    def _distinct(cls, options: list[str]) -> list[str]:
        if len(set(options)) != len(options):
            raise ValueError("options must be distinct")
        return options


class PrincipleVariant(_Model):
    principle: PrincipleName
    angle: Text
    emphasize: Text
    downplay: Text


class TimeLimit(_Model):
    min: int = Field(gt=0)
    max: int = Field(gt=0)


class LevelVariant(_Model):
    level: LevelName
    focus: Text
    reflection: Text
    bar: Text
    time_limit_seconds: TimeLimit


class Ignore(_Model):
    rule: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}[0-9]{3}$")]
    path: Annotated[str, StringConstraints(pattern=r"^(/.*)?$")] | None = None
    reason: Text


class Lint(_Model):
    ignore: list[Ignore] = Field(default_factory=list)


class Provenance(_Model):
    """How the file was made; no timestamps, so the same inputs give the same bytes."""

    notes: Text
    notes_sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] | None = None
    drafter: Text = Field(description="'offline' or 'provider:model'.")
    prompts_sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] | None = None
    schema_version: Literal[1] = 1
    output_sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] | None = None
    offline_parts: list[Text] | None = Field(
        default=None, description="Parts taken from the offline draft when a model reply failed."
    )
    removed: list[Annotated[str, StringConstraints(pattern=r"^(/[^/]*)+$")]] | None = Field(
        default=None,
        description="JSON pointer of each field the draft command cut a truth error from (a "
        "figure the notes do not hold, instruction or prompt text) before writing.",
    )
    fields: dict[
        Annotated[str, StringConstraints(pattern=r"^(/[^/]*)+$")],
        Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{12}$")],
    ] | None = Field(
        default=None,
        description="JSON pointer of each field the drafter wrote -> the first 12 hex characters "
        "of the sha256 of what it wrote there, so a redraft keeps the fields edited by hand.",
    )


class Story(_Model):
    """A complete behavioural-interview story walkthrough."""

    schema_version: Literal[1]
    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    title: Text
    company: Text = "Amazon"
    principle: PrincipleName
    question: Text
    role: Text
    level: LevelName
    overview: Overview
    sections: Sections
    reflections: Reflections
    probes: list[Probe] = Field(min_length=2)
    weak_answer: WeakAnswer
    quizzes: list[Quiz] = Field(min_length=2)
    principle_variants: list[PrincipleVariant] = Field(min_length=1)
    level_variants: list[LevelVariant] = Field(min_length=1)
    lint: Lint | None = None
    provenance: Provenance | None = None


def story_json_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of a story file, as checked in under schemas/."""
    schema = Story.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }


def schema_text() -> str:
    """The checked-in form of the schema: sorted-free, indented JSON with a final newline."""
    return json.dumps(story_json_schema(), indent=2, ensure_ascii=False) + "\n"

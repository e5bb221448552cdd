"""The rule table: every rule by code, plus the codes produced outside rule units."""

from __future__ import annotations

from dataclasses import dataclass

from storygen.checks.rules import (
    completeness,
    consistency,
    grounding,
    keys,
    ownership,
    quantity,
    reflection,
    style,
    timing,
)
from storygen.checks.rules.base import Rule
from storygen.core.findings import Severity

RULES: tuple[Rule, ...] = (
    ownership.own001,
    ownership.own002,
    ownership.own003,
    ownership.own004,
    quantity.qnt001,
    quantity.qnt002,
    quantity.qnt003,
    quantity.qnt004,
    grounding.grd001,
    timing.tim001,
    timing.tim002,
    reflection.ref001,
    reflection.ref002,
    keys.key001,
    consistency.con001,
    consistency.con002,
    consistency.con003,
    consistency.con004,
    style.sty001,
    completeness.gap001,
)
RULE_BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}

SCHEMA_CODE = "SCH001"
LINT_CODE = "LNT001"


@dataclass(frozen=True, slots=True)
class OtherCode:
    """A code that is reported by something other than a rule unit."""

    code: str
    name: str
    severity: Severity
    summary: str
    doc: str


OTHER_CODES: dict[str, OtherCode] = {
    SCHEMA_CODE: OtherCode(
        SCHEMA_CODE, "schema", Severity.ERROR,
        "the story does not match the story schema (missing or unknown field, wrong type)",
        "The story file must match the story format: every required field present, no "
        "unknown keys, each value of the right type (see `storygen schema`). Rules run only "
        "on a story that matches the schema, so fix these first."),
    LINT_CODE: OtherCode(
        LINT_CODE, "unused-suppression", Severity.WARNING,
        "a lint.ignore entry that matches no finding",
        "A `lint.ignore` entry suppresses the findings of one rule, optionally under one JSON "
        "pointer. An entry that suppresses nothing, because the problem was fixed or the "
        "path is wrong, is reported so that stale suppressions do not pile up: remove it "
        "or correct its `path`."),
}

ALL_CODES: tuple[str, ...] = (*RULE_BY_CODE, LINT_CODE)
"""Codes that configuration (select, ignore, severity) can name."""

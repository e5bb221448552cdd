"""The rule table: every rule by code, plus the codes produced outside rule units."""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

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

FAMILIES: tuple[ModuleType, ...] = (
    ownership, quantity, grounding, timing, reflection, keys, consistency, style, completeness,
)
"""The rule family modules, in the order rules are listed (`storygen rules`, SARIF)."""


def _collect(families: tuple[ModuleType, ...]) -> tuple[Rule, ...]:
    """Every Rule defined in the family modules: family order, then code order.

    A rule is declared once, with its decorator, in its family module; a module that imports
    a rule of another family would list it twice, which is refused.
    """
    rules: list[Rule] = []
    for module in families:
        found = {id(value): value for value in vars(module).values() if isinstance(value, Rule)}
        rules += sorted(found.values(), key=lambda rule: rule.code)
    codes = [rule.code for rule in rules]
    twice = sorted({code for code in codes if codes.count(code) > 1})
    if twice:
        raise RuntimeError(f"rules registered twice: {', '.join(twice)}")
    return tuple(rules)


RULES: tuple[Rule, ...] = _collect(FAMILIES)
RULE_BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}
FREE_TEXT_RULES: tuple[Rule, ...] = tuple(rule for rule in RULES if rule.free_text)
"""Rules that read one text and make sense on an answer outside a story."""

SCHEMA_CODE = "SCH001"
LINT_CODE = "LNT001"
NOTES_NOT_FOUND_CODE = "GRD002"


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
    NOTES_NOT_FOUND_CODE: OtherCode(
        NOTES_NOT_FOUND_CODE, "notes-not-found", Severity.WARNING,
        "the notes file named by provenance.notes cannot be found, so GRD001 did not run",
        "GRD001 checks every figure of a story against the notes it was drafted from, found "
        "through `provenance.notes`: relative to the story's repository root (the nearest "
        "folder above the story with `.git`, `storygen.toml` or `pyproject.toml`), else "
        "relative to the story's own folder. When the notes are in neither place, the figures "
        "are not checked at all, and this warning says so. Move the notes back, correct "
        "`provenance.notes`, or pass `--notes FILE`."),
}

ALL_CODES: tuple[str, ...] = (*RULE_BY_CODE, LINT_CODE, NOTES_NOT_FOUND_CODE)
"""Codes that configuration (select, ignore, severity) can name."""

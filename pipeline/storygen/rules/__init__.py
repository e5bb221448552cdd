"""The rule engine: the checks that turn interview coaching into findings, without a model.

Public interface:

- ``check_story(source, story, settings=, notes_path=, notes_text=)``: findings and notices
  for a story that matches the schema.
- ``findings_for_answer(text, section=)`` and ``check_text(codes, text, section=)``: the
  sentence-level rules on free text (a drafted answer, a weak answer).
- ``describe_rules(codes)``: SARIF reportingDescriptors; ``RULES``/``RULE_BY_CODE``: the table.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from storygen.findings import Finding
from storygen.rules.base import SECTION_LABELS, Context, Example, Hit, Rule
from storygen.rules.engine import active_rules, check_story, settings_or_default
from storygen.rules.registry import LINT_CODE, OTHER_CODES, RULE_BY_CODE, RULES, SCHEMA_CODE

FREE_TEXT_CODES: tuple[str, ...] = (
    "OWN001", "OWN002", "OWN003", "OWN004", "QNT001", "QNT002", "QNT003", "QNT004", "REF001",
    "STY001",
)
"""Rules that read one text and make sense on an answer outside a story."""


def _free_text_rules(section: str | None) -> list[Rule]:
    if section is not None and section not in SECTION_LABELS:
        raise ValueError(f"unknown section {section!r}; use one of: {', '.join(SECTION_LABELS)}")
    rules = [RULE_BY_CODE[code] for code in FREE_TEXT_CODES]
    if section is None:
        return [rule for rule in rules if rule.code != "OWN003"]
    return [rule for rule in rules if section in rule.sections]


def _text_findings(rules: Iterable[Rule], text: str, section: str | None,
                   settings: object) -> list[Finding]:
    label = SECTION_LABELS.get(section or "", "Answer")
    severities = {r.code: level for r, level in active_rules(settings_or_default(settings))}
    findings = []
    for rule in rules:
        if rule.text_check is None or rule.code not in severities:
            continue
        for hit in rule.text_check(text, label):
            start = hit.offset or 0
            line = text.count("\n", 0, start) + 1
            column = start - (text.rfind("\n", 0, start) + 1) + 1
            findings.append(Finding(rule.code, severities[rule.code], hit.message, "", "<text>",
                                    line, column))
    return findings


def findings_for_answer(text: str, section: str | None = None, *,
                        settings: object = None) -> list[Finding]:
    """Run the sentence-level rules on free text.

    ``section`` ("situation", "task", "action", "result", "reflection") picks the rules that
    apply to that part of a story; None runs the ones that judge a whole answer (OWN001,
    OWN002, OWN004, QNT001-QNT004, REF001, STY001). Findings have pointer "" and path
    "<text>"; line and column locate the sentence in ``text``.
    """
    return _text_findings(_free_text_rules(section), text, section, settings)


def check_text(codes: str | Iterable[str], text: str, section: str | None = None, *,
               settings: object = None) -> list[Finding]:
    """Run the named rules (codes such as "OWN001" or families such as "QNT") on free text.

    Rules that need a whole story (KEY001, CON*, TIM*, GRD001) are skipped.
    """
    wanted = [codes] if isinstance(codes, str) else list(codes)
    rules = [rule for rule in RULES if any(rule.code.startswith(w) for w in wanted)]
    return _text_findings(rules, text, section, settings)


def _help_text(code: str) -> str:
    rule = RULE_BY_CODE.get(code)
    if rule is None:
        return OTHER_CODES[code].doc
    parts = [rule.doc]
    for title, examples in (("Passes", rule.passing), ("Fails", rule.failing)):
        shown = [e.value for e in examples if isinstance(e.value, str)]
        if shown:
            parts.append(title + ": " + " | ".join(shown))
    return "\n\n".join(parts)


def describe_rules(codes: Iterable[str]) -> list[dict[str, Any]]:
    """SARIF 2.1.0 reportingDescriptor objects for the given codes, in the given order."""
    descriptors = []
    for code in codes:
        meta: Any = RULE_BY_CODE.get(code) or OTHER_CODES.get(code)
        if meta is None:
            descriptors.append({"id": code, "name": code, "shortDescription": {"text": code},
                                "defaultConfiguration": {"level": "error"}})
            continue
        descriptors.append({
            "id": code,
            "name": meta.name,
            "shortDescription": {"text": meta.summary},
            "fullDescription": {"text": " ".join(meta.doc.split())},
            "help": {"text": _help_text(code)},
            "defaultConfiguration": {"level": meta.severity.value},
            "properties": {"tags": ["storygen", code[:3]]},
        })
    return descriptors


__all__ = [
    "FREE_TEXT_CODES", "LINT_CODE", "RULES", "RULE_BY_CODE", "SCHEMA_CODE", "Context", "Example",
    "Hit", "Rule", "check_story", "check_text", "describe_rules", "findings_for_answer",
]

"""The sentence-level rules run on free text: a drafted answer or a weak answer, outside a story."""

from __future__ import annotations

from collections.abc import Iterable

from storygen.checks.rules.base import SECTION_LABELS, Rule
from storygen.checks.rules.engine import active_rules, settings_or_default
from storygen.checks.rules.registry import FREE_TEXT_RULES, RULES
from storygen.checks.settings import Settings
from storygen.core.findings import Finding


def _free_text_rules(section: str | None) -> list[Rule]:
    if section is not None and section not in SECTION_LABELS:
        raise ValueError(f"unknown section {section!r}; use one of: {', '.join(SECTION_LABELS)}")
    return [rule for rule in FREE_TEXT_RULES if rule.runs_on_free_text(section)]


def _text_findings(rules: Iterable[Rule], text: str, section: str | None,
                   settings: Settings | None) -> list[Finding]:
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
                        settings: Settings | None = None) -> list[Finding]:
    """Run the sentence-level rules on free text.

    ``section`` ("situation", "task", "action", "result", "reflection") picks the rules that
    apply to that part of a story; None runs the ones that judge a whole answer (OWN001,
    OWN002, OWN004, QNT001-QNT004, REF001, STY001). Findings have pointer "" and path
    "<text>"; line and column locate the sentence in ``text``.
    """
    return _text_findings(_free_text_rules(section), text, section, settings)


def check_text(codes: str | Iterable[str], text: str, section: str | None = None, *,
               settings: Settings | None = None) -> list[Finding]:
    """Run the named rules (codes such as "OWN001" or families such as "QNT") on free text.

    Rules that need a whole story (KEY001, CON*, TIM*, GRD001) are skipped.
    """
    wanted = [codes] if isinstance(codes, str) else list(codes)
    rules = [rule for rule in RULES if any(rule.code.startswith(w) for w in wanted)]
    return _text_findings(rules, text, section, settings)

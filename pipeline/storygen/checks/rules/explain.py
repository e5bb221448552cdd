"""Rule descriptions for people and tools: the help text of a code and SARIF descriptors."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from storygen.checks.rules.registry import OTHER_CODES, RULE_BY_CODE


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

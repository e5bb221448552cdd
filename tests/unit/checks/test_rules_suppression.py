"""lint.ignore suppresses findings by rule and pointer; an ignore that matches nothing is reported."""

from __future__ import annotations

from typing import Any

import pytest

from storygen.checks.config import Settings

from .rules_support import reference, run_rules


def hedged_story(*ignores: dict[str, Any]) -> dict[str, Any]:
    data = reference()
    text = data["sections"]["action"]["strong_example"]
    data["sections"]["action"]["strong_example"] = text.replace("to confirm", "to just confirm")
    data["probes"][1]["strong"]["answer"] += " I basically kept it simple."  # not checked: probe
    if ignores:
        data["lint"] = {"ignore": list(ignores)}
    return data


def codes(findings: list) -> list[tuple[str, str]]:
    return [(f.code, f.pointer) for f in findings]


def test_without_ignore_the_finding_is_reported() -> None:
    findings, _ = run_rules(hedged_story())
    assert codes(findings) == [("STY001", "/sections/action/strong_example")]


@pytest.mark.parametrize("path", [None, "/sections/action/strong_example", "/sections/action",
                                  "/sections/", "/"])
def test_ignore_by_rule_and_pointer_prefix(path: str | None) -> None:
    entry = {"rule": "STY001", "reason": "quoting the on-call runbook"}
    if path is not None:
        entry["path"] = path
    findings, _ = run_rules(hedged_story(entry))
    assert findings == []


def test_prefix_must_end_at_a_segment_boundary() -> None:
    entry = {"rule": "STY001", "path": "/sections/act", "reason": "typo in the path"}
    findings, _ = run_rules(hedged_story(entry))
    assert codes(findings) == [("STY001", "/sections/action/strong_example"),
                               ("LNT001", "/lint/ignore/0")]
    assert findings[1].severity == "warning"
    assert "lint.ignore entry 1 (STY001 at /sections/act) matches no finding" in findings[1].message


def test_other_rules_are_not_suppressed() -> None:
    entry = {"rule": "OWN001", "path": "/sections/action", "reason": "wrong rule"}
    findings, _ = run_rules(hedged_story(entry))
    assert codes(findings) == [("STY001", "/sections/action/strong_example"),
                               ("LNT001", "/lint/ignore/0")]


def test_unknown_rule_code_in_ignore_is_reported() -> None:
    entry = {"rule": "XYZ123", "reason": "no such rule"}
    findings, _ = run_rules(hedged_story(entry))
    assert "'XYZ123', which is not a rule code" in findings[-1].message


def test_ignore_of_a_rule_switched_off_in_config_is_not_stale() -> None:
    entry = {"rule": "STY001", "path": "/sections/task", "reason": "task quotes a hedge"}
    findings, _ = run_rules(hedged_story(entry), settings=Settings(ignore=("STY",)))
    assert findings == []

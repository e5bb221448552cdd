"""The rule table: every rule documented, with examples that pass and fail as they say."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from storygen.checks.rules.base import Context, Example, Hit, Rule, TextHit
from storygen.checks.rules.explain import describe_rules
from storygen.checks.rules.grounding import notes_figures
from storygen.checks.rules.registry import FREE_TEXT_RULES, RULE_BY_CODE, RULES
from storygen.core.findings import Severity

SPEC = Path(__file__).resolve().parents[3] / ".." / "shared" / "spec" / "rules.md"
EXTRA_CODES = {"GAP001": Severity.ERROR,  # beyond the spec's table: a claim left as a placeholder
               "GRD004": Severity.WARNING}  # and a name the notes never mention
FREE_TEXT = {"OWN001", "OWN002", "OWN003", "OWN004", "QNT001", "QNT002", "QNT003", "QNT004",
             "REF001", "STY001"}


def spec_table() -> dict[str, Severity]:
    """Code -> severity, as the rules spec's table lists them."""
    if not SPEC.is_file():
        pytest.skip(f"the rules spec is not beside the checkout ({SPEC})")
    rows = re.findall(r"(?m)^\|\s*([A-Z]{3}[0-9]{3})\s*\|\s*(error|warning)\s*\|",
                      SPEC.read_text("utf-8"))
    assert rows, f"no rule table found in {SPEC}"
    return {code: Severity(severity) for code, severity in rows}


def run_example(rule: Rule, example: Example) -> list[Hit | TextHit]:
    if isinstance(example.value, str):
        assert rule.text_check is not None, f"{rule.code} has a text example but no text check"
        return list(rule.text_check(example.value, "Answer"))
    notes = notes_figures(example.notes, "notes.md") if example.notes is not None else None
    return list(rule.check(Context(example.value, notes=notes)))


def test_every_rule_of_the_spec_is_registered_once_with_its_severity() -> None:
    expected = {**spec_table(), **EXTRA_CODES}
    assert [r.code for r in RULES] == list(RULE_BY_CODE)
    assert set(RULE_BY_CODE) == set(expected)
    for rule in RULES:
        assert rule.severity == expected[rule.code], rule.code


def test_rules_are_listed_by_family_then_code() -> None:
    codes = [r.code for r in RULES]
    families = list(dict.fromkeys(code[:3] for code in codes))
    assert families == ["OWN", "QNT", "GRD", "TIM", "REF", "KEY", "CON", "STY", "GAP"]
    assert codes == sorted(codes, key=lambda code: (families.index(code[:3]), code))


def test_free_text_rules_are_the_sentence_level_ones() -> None:
    assert {r.code for r in FREE_TEXT_RULES} == FREE_TEXT
    assert [r.code for r in RULES if r.runs_on_free_text(None)] == sorted(FREE_TEXT - {"OWN003"})
    assert RULE_BY_CODE["OWN003"].runs_on_free_text("task")
    assert not RULE_BY_CODE["OWN003"].runs_on_free_text("action")
    assert not RULE_BY_CODE["REF002"].runs_on_free_text("reflection")


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_is_documented_and_has_passing_and_failing_examples(rule: Rule) -> None:
    assert re.fullmatch(r"[A-Z]{3}[0-9]{3}", rule.code)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
    assert rule.summary and "\n" not in rule.summary
    assert len(rule.doc.split()) >= 20, "the docstring explains the rule to a user"
    assert rule.passing, f"{rule.code} has no passing example"
    assert rule.failing, f"{rule.code} has no failing example"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_passing_examples_pass(rule: Rule) -> None:
    for example in rule.passing:
        assert run_example(rule, example) == [], example.value


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_failing_examples_fail_with_a_message_that_says_what_to_change(rule: Rule) -> None:
    for example in rule.failing:
        hits = run_example(rule, example)
        assert hits, example.value
        for hit in hits:
            assert len(hit.message) > 30 and "\n" not in hit.message


def test_describe_rules_gives_sarif_descriptors_in_the_order_asked() -> None:
    descriptors = describe_rules(["TIM001", "SCH001", "LNT001", "OWN002"])
    assert [d["id"] for d in descriptors] == ["TIM001", "SCH001", "LNT001", "OWN002"]
    own002 = descriptors[3]
    assert own002["name"] == "subject-not-i"
    assert own002["defaultConfiguration"] == {"level": "error"}
    assert "subject" in own002["shortDescription"]["text"]
    assert "Every Action sentence" in own002["fullDescription"]["text"]
    assert "The team deployed the fix." in own002["help"]["text"]
    assert descriptors[2]["defaultConfiguration"] == {"level": "warning"}

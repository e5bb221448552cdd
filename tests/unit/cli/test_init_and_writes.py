"""`storygen init` and the atomic writer: nothing half-written, nothing overwritten."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from storygen import __version__
from storygen.core.fsutil import atomic_write

from ...conftest import ROOT


def test_init_scaffolds_a_workspace(cli, tmp_path: Path) -> None:
    result = cli("init", tmp_path / "ws")
    assert result.exit_code == 0, result.output
    ws = tmp_path / "ws"
    assert (ws / "generated").is_dir()
    assert list((ws / "raw_notes").glob("*.md"))
    assert "# speaking_rate_wpm = 150" in (ws / "storygen.toml").read_text()
    hooks = yaml.safe_load((ws / ".pre-commit-config.yaml").read_text())
    ids = {h["id"] for repo in hooks["repos"] for h in repo["hooks"]}
    shipped = {h["id"] for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert ids == shipped == {"storygen-validate", "storygen-fmt"}
    workflow = (ws / ".github" / "workflows" / "stories.yml").read_text()
    assert "storygen validate generated/" in workflow


def test_init_never_overwrites_existing_files(cli, tmp_path: Path) -> None:
    (tmp_path / "storygen.toml").write_text("fail_on = 'warning'\n")
    result = cli("init", tmp_path)
    assert result.exit_code == 0
    assert (tmp_path / "storygen.toml").read_text() == "fail_on = 'warning'\n"
    assert "kept" in result.output


def test_a_crash_mid_write_leaves_the_old_file(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "story.story.yaml"
    target.write_text("old: true\n")

    def crash(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OSError):
        atomic_write(target, "new: true\n" * 1000)
    assert target.read_text() == "old: true\n"
    assert [p.name for p in tmp_path.iterdir()] == ["story.story.yaml"]


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                          text=True).stdout


def test_init_writes_gitattributes_and_keeps_existing_lines(cli, tmp_path: Path) -> None:
    (tmp_path / ".gitattributes").write_text("*.png binary", encoding="utf-8")
    result = cli("init", tmp_path)
    assert result.exit_code == 0
    assert (tmp_path / ".gitattributes").read_text(encoding="utf-8") == (
        "*.png binary\n*.story.yaml diff=storygen\n*.story.yml diff=storygen\n"
        "*.story.json diff=storygen\n")
    assert f"updated {tmp_path / '.gitattributes'}" in result.stdout
    again = cli("init", tmp_path)
    assert f"kept    {tmp_path / '.gitattributes'} (already there)" in again.stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_init_git_sets_the_diff_driver_the_readme_describes(cli, tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    result = cli("init", "--git", tmp_path / "stories")
    assert result.exit_code == 0, result.output
    assert git(tmp_path, "config", "--get", "diff.storygen.command") == "storygen diff\n"
    assert git(tmp_path, "config", "--get", "diff.storygen.textconv") == \
        "storygen diff --textconv\n"
    assert "set     git config diff.storygen.command 'storygen diff'" in result.stdout
    assert "set     git config diff.storygen.textconv 'storygen diff --textconv'" in result.stdout
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "git config diff.storygen.command 'storygen diff'" in readme
    assert "git config diff.storygen.textconv 'storygen diff --textconv'" in readme
    assert result.stdout.splitlines()[-1] == (
        f"next: cd {tmp_path / 'stories'} && storygen draft raw_notes/ && "
        "storygen validate generated/")
    branch = git(tmp_path, "symbolic-ref", "--short", "HEAD").strip()
    workflow = yaml.safe_load((tmp_path / "stories" / ".github" / "workflows" / "stories.yml")
                              .read_text(encoding="utf-8"))
    assert workflow[True]["push"] == {"branches": [branch]}


def test_init_git_outside_a_repository_says_so_in_one_line(cli, tmp_path: Path) -> None:
    result = cli("init", "--git", tmp_path)
    assert result.exit_code == 0
    lines = [line for line in result.stdout.splitlines() if line.startswith("git: ")]
    assert len(lines) == 1 and "not inside a git repository" in lines[0]
    assert "set     git config" not in result.stdout


def test_init_workflow_runs_once_per_change_with_sarif_and_a_diff_summary(cli, tmp_path) -> None:
    assert cli("init", tmp_path).exit_code == 0
    path = tmp_path / ".github" / "workflows" / "stories.yml"
    text = path.read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"] == {"branches": ["main"]} and "pull_request" in triggers
    assert workflow["concurrency"]["cancel-in-progress"] is True
    assert workflow["permissions"] == {"contents": "read"}
    job = workflow["jobs"]["validate"]
    assert job["timeout-minutes"] == 10
    assert job["permissions"]["security-events"] == "write"
    assert job["permissions"]["contents"] == "read"
    steps = {step.get("name") or step.get("uses") or step["run"]: step for step in job["steps"]}
    assert steps["actions/checkout@v4"]["with"]["fetch-depth"] == 0
    assert f'pip install "storygen-star=={__version__}"' in steps
    assert steps["validate"]["run"] == "storygen validate generated/ --format sarif > storygen.sarif"
    upload = steps["upload findings"]
    assert upload["uses"] == "github/codeql-action/upload-sarif@v3"
    assert upload["if"] == "always()" and upload["with"]["sarif_file"] == "storygen.sarif"
    diff = steps["story changes"]
    assert "github.event_name == 'pull_request'" in diff["if"]
    assert diff["env"]["BASE_REF"] == "${{ github.base_ref }}"
    assert diff["run"] == ('storygen diff --git "origin/$BASE_REF..HEAD" --format markdown '
                           '>> "$GITHUB_STEP_SUMMARY"')


def test_init_workflow_is_valid_for_github(cli, tmp_path: Path) -> None:
    checker = Path(sys.executable).parent / "check-jsonschema"
    if not checker.is_file():
        pytest.skip("check-jsonschema is not installed beside the interpreter")
    assert cli("init", tmp_path).exit_code == 0
    path = tmp_path / ".github" / "workflows" / "stories.yml"
    done = subprocess.run([str(checker), "--builtin-schema", "vendor.github-workflows",
                           str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr

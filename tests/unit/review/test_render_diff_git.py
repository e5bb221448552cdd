"""`storygen diff` as git's external diff command, in a real repository."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from storygen.story.canonical import dump

from .test_render_diff import ACTION, NEW_SENTENCE, OLD_SENTENCE, reference_data

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
STORYGEN = f"{shlex.quote(sys.executable)} -m storygen"
STORY = "stories/webhook.story.yaml"


def git(repo: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    base = {**os.environ, "HOME": str(repo.parent), "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
            "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
            "NO_COLOR": "1"}
    base.pop("GIT_EXTERNAL_DIFF", None)
    return subprocess.run(["git", "--no-pager", *args], check=False, cwd=repo,
                          env={**base, **(env or {})},
                          capture_output=True, text=True, timeout=60)


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    """A repository with one committed story and the storygen diff driver configured."""
    root = tmp_path / "repo"
    (root / "stories").mkdir(parents=True)
    assert git(root, "init", "-q").returncode == 0
    (root / ".gitattributes").write_text("*.story.yaml diff=storygen\n", encoding="utf-8")
    git(root, "config", "diff.storygen.command", f"{STORYGEN} diff")
    (root / STORY).write_text(dump(reference_data()), encoding="utf-8")
    git(root, "add", ".")
    assert git(root, "commit", "-qm", "story").returncode == 0
    return root


def edit_story(repo: Path) -> None:
    path = repo / STORY
    path.write_text(path.read_text(encoding="utf-8").replace(OLD_SENTENCE, NEW_SENTENCE),
                    encoding="utf-8")


def test_git_diff_uses_the_driver_for_a_changed_story(repo: Path) -> None:
    edit_story(repo)
    result = git(repo, "diff")
    assert result.returncode == 0, result.stderr
    assert f"--- a/{STORY}\n+++ b/{STORY}\n" in result.stdout
    assert f"\n@@ {ACTION} @@ changed\n" in result.stdout  # the hunk header names the field
    assert "[-locally-]{+on a staging host+}" in result.stdout
    assert "1 change (0 added, 0 removed, 1 changed)" in result.stdout


def test_git_external_diff_variable_works_too(repo: Path) -> None:
    git(repo, "config", "--unset", "diff.storygen.command")
    edit_story(repo)
    result = git(repo, "diff", env={"GIT_EXTERNAL_DIFF": f"{STORYGEN} diff"})
    assert result.returncode == 0, result.stderr
    assert "[-locally-]{+on a staging host+}" in result.stdout


def test_git_diff_shows_added_and_deleted_stories(repo: Path) -> None:
    data = reference_data() | {"id": "second-story"}
    (repo / "stories" / "second.story.yaml").write_text(dump(data), encoding="utf-8")
    (repo / STORY).unlink()
    git(repo, "add", "-A")
    result = git(repo, "diff", "--cached", "--no-renames")
    assert result.returncode == 0, result.stderr
    assert "--- /dev/null\n+++ b/stories/second.story.yaml\n" in result.stdout
    assert "@@ /id @@ added\n    second-story\n" in result.stdout
    assert f"--- a/{STORY}\n+++ /dev/null\n" in result.stdout
    assert "@@ /id @@ removed\n    webhook-dlq-alerting\n" in result.stdout


def test_git_diff_shows_a_renamed_story_with_its_changes(repo: Path) -> None:
    edit_story(repo)
    git(repo, "mv", STORY, "stories/renamed.story.yaml")
    git(repo, "add", "-A")
    result = git(repo, "diff", "--cached", "-M")
    assert result.returncode == 0, result.stderr
    assert f"rename from {STORY}" in result.stdout
    assert f"--- a/{STORY}\n+++ b/stories/renamed.story.yaml\n" in result.stdout
    assert "[-locally-]{+on a staging host+}" in result.stdout


def test_git_diff_falls_back_to_lines_for_a_broken_story(repo: Path) -> None:
    (repo / STORY).write_text("id: [unclosed\n", encoding="utf-8")
    result = git(repo, "diff")
    assert result.returncode == 0, result.stderr
    assert "showing a line diff" in result.stdout
    assert "+id: [unclosed" in result.stdout


def test_git_textconv_form_shows_pointers(repo: Path) -> None:
    git(repo, "config", "--unset", "diff.storygen.command")
    git(repo, "config", "diff.storygen.textconv", f"{STORYGEN} diff --textconv")
    edit_story(repo)
    result = git(repo, "diff", "--word-diff=plain")
    assert result.returncode == 0, result.stderr
    assert f"{ACTION}:" in result.stdout
    assert "[-locally-]{+on a staging host+}" in result.stdout


def test_git_textconv_names_the_field_on_each_changed_line(repo: Path) -> None:
    git(repo, "config", "--unset", "diff.storygen.command")
    git(repo, "config", "diff.storygen.textconv", f"{STORYGEN} diff --textconv")
    edit_story(repo)
    result = git(repo, "diff", "--word-diff=plain")
    assert result.returncode == 0, result.stderr
    changed = [line for line in result.stdout.splitlines() if "[-locally-]" in line]
    assert changed == [f"{ACTION}: I reproduced the failure [-locally-]{{+on a staging host+}} "
                       "to confirm the root cause."]


def test_external_diff_hunks_name_the_field(repo: Path) -> None:
    path = repo / STORY
    text = path.read_text(encoding="utf-8").replace("target_seconds: 90", "target_seconds: 75")
    path.write_text(text, encoding="utf-8")
    edit_story(repo)
    out = git(repo, "diff").stdout
    heads = re.findall(r"^@@ (\S+) @@ (\w+)$", out, re.MULTILINE)
    assert heads == [("/sections/action/target_seconds", "changed"), (ACTION, "changed")]
    assert "@@ /sections/action/target_seconds @@ changed\n    90 -> 75\n" in out

"""The whole loop in a git repository set up by `storygen init --git`: draft, commit, edit a
drafted field by hand, change the notes, redraft, review."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from storygen.story.canonical import dump

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

STORY = Path("generated") / "webhook-dlq.story.yaml"
NOTES = Path("raw_notes") / "webhook-dlq.md"
ACTION = "I pulled delivery logs from Platform svc."
MY_ACTION = "I pulled a week of delivery logs from the Platform service myself."
RESULT = "Drop rate 0.3% -> zero after deploy."
MY_RESULT = "After the deploy, the drop rate went from 0.3% to zero."


def git(*args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.com",
                           *args], check=True, capture_output=True, text=True).stdout


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_edit_notes_redraft_review(cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    git("init", "-q")
    assert cli("init", "--git", ".").exit_code == 0
    assert (tmp_path / ".gitattributes").read_text().startswith("*.story.yaml diff=storygen\n")
    first = cli("draft", "raw_notes/")
    assert first.exit_code == 0, first.output
    assert yaml.safe_load(STORY.read_text())["provenance"]["notes"] == NOTES.as_posix()
    git("add", "-A")
    git("commit", "-q", "-m", "first draft")

    data = yaml.safe_load(STORY.read_text())
    sections = data["sections"]
    assert sections["action"]["strong_example"].startswith(ACTION)
    assert sections["result"]["strong_example"].startswith(RESULT)
    # edited by hand: the Action (its notes stay), the Result (its notes change below)
    sections["action"]["strong_example"] = sections["action"]["strong_example"].replace(
        ACTION, MY_ACTION)
    sections["result"]["strong_example"] = sections["result"]["strong_example"].replace(
        RESULT, MY_RESULT)
    STORY.write_text(dump(data), encoding="utf-8")
    replace(NOTES, "- drop rate 0.3% -> zero after deploy",
            "- drop rate 0.3% -> zero within 2 days of deploy")
    status = cli("status")
    assert status.exit_code == 1
    assert "webhook-dlq.story.yaml: edited by hand; notes changed since drafting" in status.stdout

    redraft = cli("draft", NOTES)
    assert redraft.exit_code == 1
    conflicts = [line for line in redraft.stdout.splitlines() if line.startswith("conflict:")]
    assert conflicts == ["conflict: /sections/result/strong_example: edited by hand and the "
                         "notes changed; kept your edit"]
    story = yaml.safe_load(STORY.read_text())
    action = story["sections"]["action"]["strong_example"]
    assert action.startswith(MY_ACTION + "\n") or action.startswith(MY_ACTION + " ")
    assert story["sections"]["result"]["strong_example"].startswith(MY_RESULT)
    assert "2 days of deploy" in story["sections"]["result"]["key_phrases"]  # followed the notes
    # the kept edit no longer carries the new key phrase: reported like any finding
    assert "KEY001 key phrase '2 days of deploy'" in redraft.stdout

    old = tmp_path / "old.story.yaml"
    old.write_text(git("show", f"HEAD:{STORY.as_posix()}"), encoding="utf-8")
    review = cli("diff", old, STORY)
    assert review.exit_code == 1
    changed = {line.split()[1].rstrip(":") for line in review.stdout.splitlines()
               if line[:2] in ("~ ", "+ ", "- ")}
    assert {"/sections/action/strong_example", "/sections/result/strong_example",
            "/sections/result/key_phrases/1"} <= changed
    assert "GRD002" not in review.stdout  # both sides find the notes from the repository root

    again = cli("draft", NOTES)
    assert again.exit_code == 1 and "conflict:" not in again.stdout
    assert yaml.safe_load(STORY.read_text())["sections"]["action"]["strong_example"] == action

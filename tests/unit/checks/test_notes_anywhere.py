"""Provenance that resolves anywhere: validate, status and diff find a story's notes from any
working directory and any --out; notes that are nowhere are a GRD002 warning."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml

from ...conftest import ROOT


def workspace(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "raw_notes").mkdir(parents=True)
    (repo / "storygen.toml").write_text("", encoding="utf-8")
    shutil.copy(ROOT / "raw_notes" / "webhook-dlq.md", repo / "raw_notes" / "webhook-dlq.md")
    return repo


def codes(result) -> list[str]:
    return [f["code"] for f in json.loads(result.stdout)]


def test_a_story_drafted_outside_the_repository_finds_its_notes_from_anywhere(
        cli, tmp_path, monkeypatch) -> None:
    repo = workspace(tmp_path)
    demo = tmp_path / "elsewhere" / "demo"
    monkeypatch.chdir(repo)
    assert cli("draft", "raw_notes/webhook-dlq.md", "--out", demo).exit_code == 0
    story = demo / "webhook-dlq.story.yaml"
    data = yaml.safe_load(story.read_text(encoding="utf-8"))
    assert data["provenance"]["notes"] == "../../repo/raw_notes/webhook-dlq.md"
    # a figure the notes do not hold is caught, whatever the working directory
    data["overview"]["analysis"] += " It saved $99K."
    story.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    for cwd in (repo, tmp_path, demo):
        monkeypatch.chdir(cwd)
        result = cli("validate", story, "--format", "json")
        assert "GRD001" in codes(result) and "GRD002" not in codes(result), cwd
        status = cli("status", story)
        assert "edited by hand (../../repo/raw_notes/webhook-dlq.md)" in status.stdout, cwd
    diff = cli("diff", ROOT / "generated" / "webhook-dlq.story.yaml", story)
    assert "+ GRD001 error /overview/analysis" in diff.stdout


def test_notes_inside_the_story_repository_stay_relative_to_its_root(cli, tmp_path,
                                                                    monkeypatch) -> None:
    repo = workspace(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert cli("draft", repo / "raw_notes", "--out", repo / "stories" / "mine").exit_code == 0
    story = repo / "stories" / "mine" / "webhook-dlq.story.yaml"
    assert yaml.safe_load(story.read_text())["provenance"]["notes"] == "raw_notes/webhook-dlq.md"
    assert cli("status", story).exit_code == 0


def test_notes_that_are_nowhere_are_a_grd002_warning(cli, tmp_path, monkeypatch) -> None:
    repo = workspace(tmp_path)
    monkeypatch.chdir(repo)
    assert cli("draft", "raw_notes/webhook-dlq.md").exit_code == 0
    (repo / "raw_notes" / "webhook-dlq.md").unlink()
    story = repo / "generated" / "webhook-dlq.story.yaml"
    result = cli("validate", story)
    assert result.exit_code == 0  # a warning: fail_on is "error" by default
    assert ("GRD002 (warning) its notes file 'raw_notes/webhook-dlq.md' (provenance.notes) is "
            f"not at {repo / 'raw_notes' / 'webhook-dlq.md'} or "
            f"{repo / 'generated' / 'raw_notes' / 'webhook-dlq.md'}") in result.stdout
    assert cli("validate", story, "--fail-on", "warning").exit_code == 1
    assert "GRD002" not in cli("validate", story, "--notes", ROOT / "raw_notes" /
                               "webhook-dlq.md").stdout
    explained = cli("rules", "GRD002")
    assert explained.exit_code == 0 and "notes-not-found (warning)" in explained.stdout

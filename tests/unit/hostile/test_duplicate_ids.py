"""Two notes with the same front-matter ``id`` never silently replace each other's story."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FIXTURES

NOTES = (FIXTURES / "notes" / "figures.md").read_text(encoding="utf-8")


@pytest.fixture()
def ws(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / "raw").mkdir()
    for name, extra in (("a", "- I paged the on-call team first.\n"), ("b", "")):
        (tmp_path / "raw" / f"{name}.md").write_text(f"---\nid: same\n---\n{NOTES}{extra}",
                                                     encoding="utf-8")
    return tmp_path


def test_one_run_refuses_the_second_notes_naming_both(cli, ws: Path) -> None:
    result = cli("draft", "raw")
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("storygen: error:")]
    assert len(errors) == 1
    assert "raw/b.md" in errors[0] and "raw/a.md" in errors[0] and "same 'id:'" not in errors[0]
    assert "same.story.yaml" in errors[0]
    story = (ws / "generated" / "same.story.yaml").read_text(encoding="utf-8")
    assert "notes: raw/a.md" in story


def test_a_later_run_needs_force_to_replace_a_story_of_other_notes(cli, ws: Path) -> None:
    assert cli("draft", "raw/a.md").exit_code == 1
    story = ws / "generated" / "same.story.yaml"
    first = story.read_bytes()
    result = cli("draft", "raw/b.md")
    assert result.exit_code == 2
    assert "was drafted from other notes, raw/a.md" in result.stderr
    assert "--force" in result.stderr
    assert story.read_bytes() == first
    assert cli("draft", "--force", "raw/b.md").exit_code == 1
    assert "notes: raw/b.md" in story.read_text(encoding="utf-8")


def test_redrafting_the_same_notes_needs_no_force(cli, ws: Path) -> None:
    assert cli("draft", "raw/a.md").exit_code == 1
    (ws / "raw" / "a.md").write_text((ws / "raw" / "a.md").read_text(encoding="utf-8")
                                     + "- I wrote the runbook.\n", encoding="utf-8")
    result = cli("draft", "raw/a.md")
    assert result.exit_code == 1 and "error:" not in result.stderr

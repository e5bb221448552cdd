"""The checked-in examples: every raw_notes/ file drafts to the same bytes as generated/ holds."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from storygen.drafting.extract.facts import extract_facts
from storygen.story.notes import read_notes

from ...conftest import ROOT

RAW = ROOT / "raw_notes"
GENERATED = ROOT / "generated"


def test_there_are_at_least_six_example_notes_in_different_styles() -> None:
    notes = sorted(RAW.glob("*.md"))
    assert len(notes) >= 6
    texts = [p.read_text(encoding="utf-8") for p in notes]
    assert any(t.startswith("---\n") for t in texts)
    assert any(len(t.strip().splitlines()) == 1 for t in texts)
    assert any(not [f for f in extract_facts(read_notes(p)).figures if f.digits] for p in notes)
    assert any(t.lower().count("we ") >= 5 for t in texts)


def test_generated_stories_are_the_drafts_of_raw_notes(cli, tmp_path: Path) -> None:
    (tmp_path / "storygen.toml").write_text("", encoding="utf-8")  # a copy of the repository
    shutil.copytree(RAW, tmp_path / "raw_notes")
    out = tmp_path / "generated"
    result = cli("draft", tmp_path / "raw_notes", "--out", out)
    assert result.exit_code == 1, result.output
    drafted = sorted(p.name for p in out.glob("*.story.yaml"))
    assert drafted == sorted(p.name for p in GENERATED.glob("*.story.yaml"))
    stale = [name for name in drafted
             if (out / name).read_bytes() != (GENERATED / name).read_bytes()]
    assert not stale, f"stale drafts (run `storygen draft raw_notes/`): {stale}"


def test_generated_stories_pass_the_schema(cli) -> None:
    result = cli("validate", GENERATED, "--format", "json")
    findings = json.loads(result.stdout)
    assert [f for f in findings if f["code"] in ("SCH001", "INPUT", "GRD001")] == []


def test_generated_stories_are_up_to_date(cli) -> None:
    result = cli("status", GENERATED)
    assert result.exit_code == 0, result.stdout
    assert result.stdout.splitlines()[-1].endswith(" up to date, 0 not")

"""Drafting again over a story edited by hand: edits kept, the rest follows the notes,
conflicts named; stories from before per-field hashes keep the old refusal."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import yaml

from storygen.drafting.redraft import merge_edits
from storygen.story.canonical import content_sha256, dump
from storygen.story.provenance import field_hashes

from ...conftest import ROOT

NOTES = ROOT / "tests" / "fixtures" / "notes"
SITUATION = "The search results page showed stale prices for up to a day after a price change."
MY_SITUATION = "Our search page showed prices up to a day old after every price change."
RESULT = "Stale prices went from 24 hours to under 5 minutes."
MY_RESULT = "Stale prices went from 24 hours to under 5 minutes, so shoppers saw real prices."


def load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def drafted(cli, tmp_path: Path) -> tuple[Path, Path]:
    notes = tmp_path / "labels.md"
    shutil.copy(NOTES / "labels.md", notes)
    assert cli("draft", notes, "-o", tmp_path).exit_code == 0
    return notes, tmp_path / "labels.story.yaml"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_redraft_without_notes_change_keeps_the_edit_and_exits_0(cli, tmp_path) -> None:
    notes, path = drafted(cli, tmp_path)
    edit(path, f"strong_example: >-\n      {SITUATION}", f"strong_example: >-\n      {MY_SITUATION}")
    assert cli("status", path).stdout.startswith(f"{path}: edited by hand (")
    result = cli("draft", notes, "-o", tmp_path)
    assert result.exit_code == 0, result.output
    assert "conflict" not in result.stdout
    assert "kept 1 field edited by hand: /sections/situation/strong_example" in result.stdout
    data = load(path)
    assert data["sections"]["situation"]["strong_example"] == MY_SITUATION
    assert data["overview"]["summary"].startswith(SITUATION.split(" for ")[0])
    assert data["provenance"]["output_sha256"] == content_sha256(data)


def test_notes_changed_under_an_edit_is_a_conflict_and_exit_1(cli, tmp_path) -> None:
    notes, path = drafted(cli, tmp_path)
    edit(path, f"strong_example: {RESULT}", f"strong_example: {MY_RESULT}")
    edit(notes, "under 5 minutes", "under 2 minutes")
    assert cli("status", path).stdout.startswith(
        f"{path}: edited by hand; notes changed since drafting (")
    result = cli("draft", notes, "-o", tmp_path)
    assert result.exit_code == 1
    assert ("conflict: /sections/result/strong_example: edited by hand and the notes changed; "
            "kept your edit") in result.stdout.splitlines()
    data = load(path)
    assert data["sections"]["result"]["strong_example"] == MY_RESULT
    assert "2 minutes" in data["sections"]["result"]["key_phrases"]
    assert RESULT.replace("5", "2") in [probe["strong"]["answer"] for probe in data["probes"]]
    # the edit's own figure is no longer in the notes: checked like any story
    assert "GRD001 figure '5 minutes' in Result is not in the notes" in result.stdout
    again = cli("draft", notes, "-o", tmp_path, "--report", "json")
    (report,) = json.loads(again.stdout)
    assert report["conflicts"] == [] and report["kept"] == ["/sections/result/strong_example"]
    assert again.exit_code == 1  # the GRD001 error of the kept edit; no conflict this time
    assert load(path)["sections"]["result"]["strong_example"] == MY_RESULT


def test_force_replaces_every_edit(cli, tmp_path) -> None:
    notes, path = drafted(cli, tmp_path)
    edit(path, f"strong_example: {RESULT}", f"strong_example: {MY_RESULT}")
    result = cli("draft", notes, "-o", tmp_path, "--force")
    assert result.exit_code == 0
    assert load(path)["sections"]["result"]["strong_example"] == RESULT
    assert cli("status", path).exit_code == 0


def test_a_story_drafted_before_field_hashes_is_still_refused_and_says_why(cli, tmp_path) -> None:
    notes, path = drafted(cli, tmp_path)
    data = load(path)
    del data["provenance"]["fields"]
    data["sections"]["result"]["strong_example"] = MY_RESULT
    path.write_text(dump(data), encoding="utf-8")
    result = cli("draft", notes, "-o", tmp_path)
    assert result.exit_code == 2
    assert "drafted before storygen recorded per-field hashes" in result.stderr
    assert "--force" in result.stderr
    assert load(path)["sections"]["result"]["strong_example"] == MY_RESULT


def test_ask_keeps_hand_edits_and_names_the_conflicts_of_both_drafts(cli, tmp_path) -> None:
    notes = tmp_path / "onboarding.md"
    shutil.copy(NOTES / "no-figures.md", notes)
    assert cli("draft", notes, "-o", tmp_path).exit_code == 1
    path = tmp_path / "onboarding.story.yaml"
    data = load(path)
    mine = "I rewrote the onboarding guide myself, one page at a time."
    data["reflections"]["sde2"] = mine
    my_situation = "New hires on my team needed weeks to ship anything."
    data["sections"]["situation"]["strong_example"] = my_situation
    path.write_text(dump(data), encoding="utf-8")
    edit(notes, "took a long time", "took far too long")  # under the Situation edit
    answers = "nobody asked me to fix the onboarding doc\n" \
              "first changes shipped in 2 days instead of 10 days\n\n\n\n\n"
    result = cli("draft", notes, "-o", tmp_path, "--ask", input=answers)
    assert "## Answers" in notes.read_text(encoding="utf-8")
    after = load(path)
    assert after["reflections"]["sde2"] == mine
    assert after["sections"]["situation"]["strong_example"] == my_situation
    assert "2 days" in after["sections"]["result"]["strong_example"]
    assert result.exit_code == 1
    assert ("conflict: /sections/situation/strong_example: edited by hand and the notes "
            "changed; kept your edit") in result.stdout.splitlines()


def test_merge_keeps_additions_and_removals_made_by_hand() -> None:
    before = {"title": "T", "probes": [{"q": "a"}, {"q": "b"}, {"q": "c"}], "tags": ["x"]}
    recorded = field_hashes(before)
    current = {"title": "T", "probes": [{"q": "a"}, {"q": "c"}], "tags": ["x"], "mine": "m"}
    new = {"title": "T2", "probes": [{"q": "a2"}, {"q": "b"}, {"q": "c"}], "tags": ["y"]}
    merged = merge_edits(current, {**new, "provenance": {"fields": field_hashes(new)}}, recorded)
    body = {k: v for k, v in merged.data.items() if k != "provenance"}
    assert body == {"title": "T2", "probes": [{"q": "a2"}, {"q": "c"}], "tags": ["y"],
                    "mine": "m"}
    assert merged.kept == ["/probes/1/q", "/mine", "/probes/2"]
    assert merged.conflicts == []

"""GRD001: figures are checked against the story's notes, found the way the spec says."""

from __future__ import annotations

from pathlib import Path

import pytest

from storygen.checks.rules.engine import check_story
from storygen.checks.validate import check_data
from storygen.story.loader import load_story_source

from .rules_support import reference, workspace


def with_figure(figure: str) -> dict:
    data = reference()
    data["overview"]["analysis"] += f" The rollout reached {figure} of merchants."
    return data


def grd(findings: list) -> list:
    return [f for f in findings if f.code == "GRD001"]


def test_provenance_notes_resolve_from_the_story_repository_root(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (path,) = workspace(tmp_path, {"s": with_figure("40%")})
    (tmp_path / "storygen.toml").unlink()  # .git alone marks the root
    findings, notices = check_story(load_story_source(path))
    assert notices == ()
    (finding,) = grd(findings)
    assert finding.pointer == "/overview/analysis"
    assert finding.message == ("figure '40%' in Overview analysis sentence 5 is not in the notes "
                               "(raw_notes/webhook-dlq.md): use only figures from the notes or "
                               "add it there")


@pytest.mark.parametrize("figure", ["0.3%", "$8K", "$8,000", "8000 dollars", "8 thousand dollars",
                                    "0.3 percent"])
def test_figures_match_after_folding(tmp_path: Path, figure: str) -> None:
    (path,) = workspace(tmp_path, {"s": with_figure(figure)})
    findings, _ = check_story(load_story_source(path))
    assert grd(findings) == []


def test_identifiers_and_number_words_are_not_figures(tmp_path: Path) -> None:
    data = reference()
    data["overview"]["summary"] += " I later ran it on EC2 and S3 at L6 over IPv4, with zero pages."
    (path,) = workspace(tmp_path, {"s": data})
    findings, _ = check_story(load_story_source(path))
    assert grd(findings) == []


def test_without_provenance_the_notes_option_is_used(tmp_path: Path, cli) -> None:
    data = with_figure("12")
    del data["provenance"]
    (path,) = workspace(tmp_path, {"s": data})
    result = cli("validate", "--notes", tmp_path / "raw_notes" / "webhook-dlq.md", path)
    assert result.exit_code == 1
    assert "GRD001 figure '12' in Overview analysis sentence 5 is not in the notes" in result.output


def test_with_no_notes_at_all_grd001_is_skipped_and_the_run_says_so_once(tmp_path: Path,
                                                                         cli) -> None:
    data = with_figure("12")
    del data["provenance"]
    other = reference()
    del other["provenance"]
    paths = workspace(tmp_path, {"a": data, "b": other}, notes=False)
    result = cli("validate", *paths)
    assert result.exit_code == 0, result.output
    assert "0 errors" in result.output
    assert result.output.count("note: GRD001 skipped") == 1


def test_missing_provenance_notes_file_is_a_grd002_warning_naming_it(tmp_path: Path) -> None:
    (path,) = workspace(tmp_path, {"s": with_figure("12")}, notes=False)
    findings, notices = check_story(load_story_source(path))
    assert grd(findings) == [] and notices == ()
    (finding,) = [f for f in findings if f.code == "GRD002"]
    assert finding.severity == "warning" and finding.pointer == "/provenance/notes"
    assert "'raw_notes/webhook-dlq.md'" in finding.message
    assert str(tmp_path / "raw_notes" / "webhook-dlq.md") in finding.message


def test_unreadable_notes_option_is_a_one_line_error(tmp_path: Path, cli) -> None:
    data = reference()
    del data["provenance"]
    (path,) = workspace(tmp_path, {"s": data})
    result = cli("validate", "--notes", tmp_path / "nope.md", path)
    assert result.exit_code == 2
    assert "nope.md: no such notes file" in result.output
    assert "Traceback" not in result.output


def test_in_memory_notes_win(tmp_path: Path) -> None:
    findings = check_data(with_figure("12"), notes_text="drop rate 0.3%, $8K a week, 12 merchants")
    assert grd(findings) == []
    findings = check_data(with_figure("13"), notes_text="drop rate 0.3%, $8K a week")
    assert [f.message.split(" in ")[0] for f in grd(findings)] == ["figure '13'"]

"""`storygen bank`: each principle's count, the levels, and the exact gaps."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from storygen.story.principles import PRINCIPLES

from ...conftest import FIXTURES

BANK = FIXTURES / "bank"
GAPS = ["Are Right, A Lot", "Learn and Be Curious", "Hire and Develop the Best", "Frugality",
        "Strive to be Earth's Best Employer", "Success and Scale Bring Broad Responsibility"]
COUNTS = {  # principle: (as the story's principle, as a variant)
    "Customer Obsession": (0, 2), "Ownership": (1, 1), "Invent and Simplify": (1, 0),
    "Insist on the Highest Standards": (0, 1), "Think Big": (0, 1), "Bias for Action": (0, 1),
    "Earn Trust": (1, 0), "Dive Deep": (0, 1), "Have Backbone; Disagree and Commit": (0, 1),
    "Deliver Results": (1, 0),
}


def test_bank_json_counts_each_principle_and_lists_the_exact_gaps(cli) -> None:
    result = cli("bank", BANK, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["stories"] == 4
    assert [p["principle"] for p in data["principles"]] == list(PRINCIPLES)
    counts = {p["principle"]: (p["count"], p["variant_count"]) for p in data["principles"]}
    assert counts == {name: COUNTS.get(name, (0, 0)) for name in PRINCIPLES}
    assert data["gaps"] == GAPS
    assert data["level_gaps"] == []
    levels = {lv["level"]: (lv["count"], lv["variant_count"]) for lv in data["levels"]}
    assert levels == {"SDE1": (1, 1), "SDE2": (2, 2), "Senior SDE": (1, 2), "Principal SDE": (0, 1)}
    ownership = next(p for p in data["principles"] if p["principle"] == "Ownership")
    assert ownership["stories"] == ["oncall-runbook"]
    assert ownership["variant_stories"] == ["webhook-dlq-alerting"]


def test_bank_levels_are_the_stories_own_levels_not_their_variants(cli) -> None:
    # webhook-dlq-alerting is an SDE2 story that also carries SDE1 and Senior SDE variants
    data = json.loads(cli("bank", BANK, "--format", "json").stdout)
    levels = {p["principle"]: p["levels"] for p in data["principles"]}
    assert levels["Invent and Simplify"] == ["SDE2"]
    assert levels["Deliver Results"] == ["Senior SDE"]  # cache-cost-cut, variants SDE2, Principal
    assert levels["Think Big"] == ["Senior SDE"]  # told as a variant: still its own level
    assert levels["Frugality"] == []
    assert not any("Principal SDE" in lv for lv in levels.values())
    table = cli("bank", BANK).stdout.splitlines()
    row = next(line for line in table if line.startswith("Invent and Simplify"))
    assert row.split()[5:7] == ["SDE2", "webhook-dlq-alerting"]


def test_bank_table_names_every_gap(cli) -> None:
    result = cli("bank", BANK)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    gap_lines = lines[lines.index("Gaps:") + 1:]
    assert gap_lines == [f"  - no story for {name}" for name in GAPS]
    assert "4 stories cover 10 of 16 principles." in lines
    row = next(line for line in lines if line.startswith("Customer Obsession"))
    assert row.split()[2:4] == ["0", "2"]


def test_bank_markdown_is_a_table(cli) -> None:
    result = cli("bank", BANK, "-f", "md")
    assert result.exit_code == 0
    assert "| Frugality | 0 | 0 | - | GAP |" in result.stdout
    assert "- no story for Frugality" in result.stdout


def test_bank_reports_a_broken_story_and_counts_the_rest(cli, tmp_path: Path) -> None:
    shutil.copytree(BANK, tmp_path / "bank")
    (tmp_path / "bank" / "broken.story.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    result = cli("bank", tmp_path / "bank", "-f", "json")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["stories"] == 4
    assert "broken.story.yaml:" in result.stderr and "left out of the bank" in result.stderr


def test_bank_of_an_empty_directory_is_an_error(cli, tmp_path: Path) -> None:
    result = cli("bank", tmp_path)
    assert result.exit_code == 2
    assert "no story files found" in result.stderr


def init_and_draft(ws: Path) -> Path:
    """`storygen init`, then the example notes drafted into generated/ as the README says."""
    from typer.testing import CliRunner

    from storygen.cli.main import app

    runner = CliRunner()
    assert runner.invoke(app, ["init", str(ws)]).exit_code == 0
    result = runner.invoke(app, ["draft", str(ws / "raw_notes"), "-o", str(ws / "generated")])
    assert result.exit_code == 0, result.output
    assert [p.name for p in (ws / "generated").iterdir()] == ["webhook-dlq.story.yaml"]
    return ws


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return init_and_draft(tmp_path_factory.mktemp("ws"))


def with_own_story(workspace: Path, tmp_path: Path) -> Path:
    ws = tmp_path / "ws"
    shutil.copytree(workspace, ws)
    shutil.copy(BANK / "cache-cost-cut.story.yaml", ws / "generated")
    return ws


def test_bank_leaves_the_init_example_out_of_the_users_stories(cli, workspace: Path,
                                                               tmp_path: Path) -> None:
    ws = with_own_story(workspace, tmp_path)
    data = json.loads(cli("bank", ws / "generated", "-f", "json").stdout)
    assert data["stories"] == 1
    assert data["example_stories"] == ["webhook-dlq"] and data["examples_counted"] is False
    counted = {p["principle"]: p["stories"] for p in data["principles"] if p["stories"]}
    assert counted == {"Deliver Results": ["cache-cost-cut"]}  # not the example's principle
    table = cli("bank", ws / "generated").stdout.splitlines()
    assert "1 story covers 3 of 16 principles." in table
    assert "1 example story from storygen init left out (webhook-dlq)." in table
    markdown = cli("bank", ws / "generated", "-f", "md").stdout
    assert "1 example story from storygen init left out (webhook-dlq)." in markdown


def test_bank_of_a_fresh_workspace_counts_the_example_and_says_so(cli, workspace: Path) -> None:
    data = json.loads(cli("bank", workspace / "generated", "-f", "json").stdout)
    assert data["stories"] == 1 and data["examples_counted"] is True
    invent = next(p for p in data["principles"] if p["principle"] == "Invent and Simplify")
    assert invent["stories"] == ["webhook-dlq"]
    table = cli("bank", workspace / "generated").stdout
    assert "Only the example story from storygen init (webhook-dlq) so far" in table


def test_a_story_drafted_from_edited_example_notes_is_the_users(cli, workspace: Path,
                                                                tmp_path: Path) -> None:
    ws = with_own_story(workspace, tmp_path)
    notes = ws / "raw_notes" / "webhook-dlq.md"
    notes.write_text(notes.read_text(encoding="utf-8") + "- my own detail: paged at 2am\n",
                     encoding="utf-8")
    result = cli("draft", notes, "-o", ws / "generated", "--force")
    assert result.exit_code == 0, result.output
    data = json.loads(cli("bank", ws / "generated", "-f", "json").stdout)
    assert data["stories"] == 2 and data["example_stories"] == []
    assert "example" not in cli("bank", ws / "generated").stdout


def test_the_fixture_bank_holds_no_example(cli) -> None:
    data = json.loads(cli("bank", BANK, "-f", "json").stdout)
    assert data["example_stories"] == [] and data["examples_counted"] is False

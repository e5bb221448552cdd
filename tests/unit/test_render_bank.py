"""`storygen bank`: each principle's count, the levels, and the exact gaps."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from storygen.story.principles import PRINCIPLES

from ..conftest import FIXTURES

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

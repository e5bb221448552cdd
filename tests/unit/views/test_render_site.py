"""`storygen site`: an index of every story with its findings count, and the coverage table."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from storygen.checks.stories import findings_of, rule_settings

from ...conftest import FIXTURES

BANK = FIXTURES / "bank"


def test_site_links_every_story_and_counts_its_findings(cli, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = cli("site", BANK, "-o", out)
    assert result.exit_code == 0, result.stderr
    index = (out / "index.html").read_text(encoding="utf-8")
    stories = sorted(BANK.glob("*.story.yaml"))
    for path in stories:
        story_id = path.name.removesuffix(".story.yaml")
        page = out / f"{story_id}.html"
        assert page.exists() and 'href="index.html"' in page.read_text(encoding="utf-8")
        row = re.search(rf'<tr>\s*<td data-label="Title"><a href="{story_id}.html">.*?</tr>',
                        index, re.DOTALL)
        assert row, story_id
        count = len(findings_of(path, rule_settings()).findings)
        assert re.search(rf'data-label="Findings"[^>]*>{count}</td>', row.group(0))
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["index.html", *(p.name.removesuffix(".story.yaml") + ".html" for p in stories)])


def test_site_index_holds_the_coverage_table(cli, tmp_path: Path) -> None:
    assert cli("site", BANK, "-o", tmp_path).exit_code == 0
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "No story for Frugality" in index
    assert "10 of 16 principles covered" in index
    row = re.search(r'<th scope="row">Customer Obsession</th>(.*?)</tr>', index, re.DOTALL).group(1)
    assert re.findall(r'class="num">(\d+)<', row) == ["0", "2"]
    assert '<a href="oncall-runbook.html">oncall-runbook</a> (variant)' in row


def test_site_writes_nothing_when_a_story_is_broken(cli, tmp_path: Path) -> None:
    stories = tmp_path / "stories"
    shutil.copytree(BANK, stories)
    (stories / "broken.story.yaml").write_text("schema_version: 1\nid: x\n", encoding="utf-8")
    result = cli("site", stories, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert "broken.story.yaml" in result.stderr and "no site was written" in result.stderr
    assert not (tmp_path / "out").exists()


def test_site_refuses_two_stories_with_one_id(cli, tmp_path: Path) -> None:
    stories = tmp_path / "stories"
    shutil.copytree(BANK, stories)
    shutil.copy(BANK / "oncall-runbook.story.yaml", stories / "copy.story.yaml")
    result = cli("site", stories, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert "'oncall-runbook' is also used by" in result.stderr
    assert not (tmp_path / "out").exists()


def test_site_leaves_the_init_example_out_once_there_are_other_stories(
        cli, tmp_path: Path) -> None:
    from .test_render_bank import init_and_draft

    ws = init_and_draft(tmp_path / "ws")
    alone = tmp_path / "alone"
    assert cli("site", ws / "generated", "-o", alone).exit_code == 0
    assert sorted(p.name for p in alone.iterdir()) == ["index.html", "webhook-dlq.html"]
    assert "Only the example story from storygen init (webhook-dlq) so far" in \
        (alone / "index.html").read_text(encoding="utf-8")

    shutil.copy(BANK / "cache-cost-cut.story.yaml", ws / "generated")
    out = tmp_path / "site"
    result = cli("site", ws / "generated", "-o", out)
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["cache-cost-cut.html", "index.html"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "webhook-dlq.html" not in index
    assert "1 example story from storygen init left out (webhook-dlq)." in index
    assert '<span class="badge">1 story</span>' in index

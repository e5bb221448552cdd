"""A story page never replaces the site's index, and an empty rule code in the
configuration is refused rather than turning every rule off."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REFERENCE

REF = REFERENCE.read_text(encoding="utf-8")


def test_a_story_with_id_index_is_refused(cli, tmp_path: Path) -> None:
    story = tmp_path / "s.story.yaml"
    story.write_text(REF.replace("id: webhook-dlq-alerting", "id: index", 1), encoding="utf-8")
    out = tmp_path / "site"
    result = cli("site", story, "-o", out)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"storygen: error: {story}: story id 'index' would write "
                                    f"{out / 'index.html'}, the page of the site's index")
    assert not out.exists()


@pytest.mark.parametrize("config", [
    'ignore = [""]', 'select = [""]', 'ignore = ["  "]', 'ignore = ""',
    '[severity]\n"" = "off"',
])
def test_an_empty_rule_code_is_refused(cli, tmp_path: Path, monkeypatch, config: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "storygen.toml").write_text(config + "\n", encoding="utf-8")
    (tmp_path / "s.story.yaml").write_text(REF, encoding="utf-8")
    result = cli("validate", "s.story.yaml")
    assert result.exit_code == 2
    assert "storygen.toml" in result.stderr and "empty rule code" in result.stderr

"""``render -o`` and ``export -o`` never write over the story they read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REFERENCE


@pytest.mark.parametrize(("command", "out"), [
    (["render"], "s.story.yaml"),
    (["render", "-f", "md"], "s.story.yaml"),
    (["render"], "link.story.yaml"),
    (["render"], "./sub/../s.story.yaml"),
    (["render"], "hard.story.yaml"),
    (["export"], "s.story.yaml"),
    (["export"], "link.story.yaml"),
])
def test_the_output_may_not_be_an_input(cli, tmp_path: Path, monkeypatch, command: list[str],
                                        out: str) -> None:
    monkeypatch.chdir(tmp_path)
    story = tmp_path / "s.story.yaml"
    story.write_text(REFERENCE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "link.story.yaml").symlink_to("s.story.yaml")
    (tmp_path / "hard.story.yaml").hardlink_to(story)
    (tmp_path / "sub").mkdir()
    before = story.read_bytes()
    result = cli(*command, "s.story.yaml", "-o", out)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"storygen: error: {Path(out)}: the output is the input "
                                    "story s.story.yaml")
    assert story.read_bytes() == before


def test_another_output_path_is_written(cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "s.story.yaml").write_text(REFERENCE.read_text(encoding="utf-8"),
                                           encoding="utf-8")
    assert cli("render", "s.story.yaml", "-o", "s.html").exit_code == 0
    assert (tmp_path / "s.html").read_text(encoding="utf-8").startswith("<!")

"""`storygen init` and the atomic writer: nothing half-written, nothing overwritten."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from storygen.core.fsutil import atomic_write

from ..conftest import ROOT


def test_init_scaffolds_a_workspace(cli, tmp_path: Path) -> None:
    result = cli("init", tmp_path / "ws")
    assert result.exit_code == 0, result.output
    ws = tmp_path / "ws"
    assert (ws / "generated").is_dir()
    assert list((ws / "raw_notes").glob("*.md"))
    assert "# speaking_rate_wpm = 150" in (ws / "storygen.toml").read_text()
    hooks = yaml.safe_load((ws / ".pre-commit-config.yaml").read_text())
    ids = {h["id"] for repo in hooks["repos"] for h in repo["hooks"]}
    shipped = {h["id"] for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert ids == shipped == {"storygen-validate", "storygen-fmt"}
    workflow = (ws / ".github" / "workflows" / "stories.yml").read_text()
    assert "storygen validate generated/" in workflow


def test_init_never_overwrites_existing_files(cli, tmp_path: Path) -> None:
    (tmp_path / "storygen.toml").write_text("fail_on = 'warning'\n")
    result = cli("init", tmp_path)
    assert result.exit_code == 0
    assert (tmp_path / "storygen.toml").read_text() == "fail_on = 'warning'\n"
    assert "kept" in result.output


def test_a_crash_mid_write_leaves_the_old_file(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "story.story.yaml"
    target.write_text("old: true\n")

    def crash(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OSError):
        atomic_write(target, "new: true\n" * 1000)
    assert target.read_text() == "old: true\n"
    assert [p.name for p in tmp_path.iterdir()] == ["story.story.yaml"]

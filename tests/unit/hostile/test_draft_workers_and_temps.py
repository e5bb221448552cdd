"""``draft -j N`` starts no more workers than notes or CPUs, workers end with their parent,
temporary files of killed runs are cleaned, and long ids fit file-name limits."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storygen.core.fsutil import atomic_write, temp_prefix
from storygen.drafting.run import worker_count
from tests.conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[3]
NOTES = (FIXTURES / "notes" / "figures.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(("jobs", "files", "threads", "expected"), [
    (100_000, 2, False, 2), (100_000, 10**6, False, os.cpu_count() or 1), (4, 1, False, 1),
    (1, 50, False, 1), (100_000, 10**6, True, 32), (3, 2, True, 2),
])
def test_worker_count_is_capped(jobs: int, files: int, threads: bool, expected: int) -> None:
    assert worker_count(jobs, files, threads=threads) == expected


def test_a_huge_jobs_value_drafts_normally(cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    for name in ("a", "b"):
        (tmp_path / f"{name}.md").write_text(NOTES, encoding="utf-8")
    started = time.monotonic()
    result = cli("draft", "-j", "100000", "a.md", "b.md")
    assert result.exit_code == 1, result.stderr
    assert time.monotonic() - started < 30
    assert sorted(p.name for p in (tmp_path / "generated").iterdir()) == [
        "a.story.yaml", "b.story.yaml"]


def test_a_worker_whose_parent_is_gone_exits_at_once() -> None:
    script = ("from storygen.drafting.run import die_with_parent; die_with_parent(-1); "
              "print('still drafting')")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "pipeline")}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env=env, timeout=20)
    assert result.returncode == 1 and "still drafting" not in result.stdout


def test_stale_temporary_files_of_the_target_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "s.story.yaml"
    prefix = temp_prefix(target.name)
    stale, fresh = tmp_path / f"{prefix}abc123.tmp", tmp_path / f"{prefix}def456.tmp"
    other = tmp_path / f"{temp_prefix('other.story.yaml')}abc123.tmp"
    for path in (stale, fresh, other):
        path.write_text("partial", encoding="utf-8")
    hour_ago = time.time() - 3600
    for path in (stale, other):
        os.utime(path, (hour_ago, hour_ago))
    atomic_write(target, "x: 1\n")
    assert not stale.exists() and fresh.exists() and other.exists()
    assert target.read_text(encoding="utf-8") == "x: 1\n"


def test_a_240_character_id_drafts(cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    story_id = "a" * 240
    (tmp_path / "n.md").write_text(f"---\nid: {story_id}\n---\n{NOTES}", encoding="utf-8")
    result = cli("draft", "n.md")
    assert result.exit_code == 1, result.stderr
    assert "too long" not in result.stderr
    assert (tmp_path / "generated" / f"{story_id}.story.yaml").is_file()
    assert [p.name for p in (tmp_path / "generated").iterdir()] == [f"{story_id}.story.yaml"]


def test_temp_names_fit_the_file_name_limit() -> None:
    for length in (1, 80, 81, 240, 255):
        assert len((temp_prefix("é" * length) + "abcdefgh.tmp").encode("utf-8")) <= 255
    assert temp_prefix("a" * 300) != temp_prefix("a" * 299)

"""Every file storygen reads passes one gate: a regular file (a symlink to one is fine) of at
most the size limit. FIFOs, devices, symlink loops and oversize files are refused at once,
with one line naming the path, in bounded time and memory."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from storygen.core.errors import InputError
from storygen.core.fsutil import read_bounded
from tests.conftest import FIXTURES, REFERENCE
from tests.unit.hostile.support import run

NOTES = FIXTURES / "notes" / "figures.md"


@pytest.fixture()
def ws(tmp_path: Path) -> Path:
    """A workspace with a good story, good notes, a FIFO, /dev/zero and a symlink loop."""
    (tmp_path / ".git").mkdir()
    shutil.copy(REFERENCE, tmp_path / "good.story.yaml")
    shutil.copy(NOTES, tmp_path / "n.md")
    for name in ("fifo.md", "fifo.story.yaml"):
        os.mkfifo(tmp_path / name)
    for name in ("zero.md", "zero.story.yaml"):
        (tmp_path / name).symlink_to("/dev/zero")
    (tmp_path / "loop.md").symlink_to("loop.md")
    return tmp_path


# (arguments, path named, reason, exit code)
CASES = [
    (["draft", "fifo.md"], "fifo.md", "not a regular file", 2),
    (["facts", "fifo.md"], "fifo.md", "not a regular file", 2),
    (["validate", "fifo.story.yaml"], "fifo.story.yaml", "not a regular file", 2),
    (["validate", "--notes", "fifo.md", "good.story.yaml"], "fifo.md", "not a regular file", 2),
    (["draft", "zero.md"], "zero.md", "not a regular file", 2),
    (["validate", "zero.story.yaml"], "zero.story.yaml", "not a regular file", 2),
    (["render", "zero.story.yaml"], "zero.story.yaml", "not a regular file", 2),
    (["bank", "zero.story.yaml"], "zero.story.yaml", "not a regular file", 2),
    (["diff", "zero.story.yaml", "good.story.yaml"], "zero.story.yaml", "not a regular file", 2),
    (["status", "fifo.story.yaml"], "fifo.story.yaml", "not a regular file", 1),
    (["draft", "loop.md"], "loop.md", "symlink loop", 2),
    (["facts", "loop.md"], "loop.md", "symlink loop", 2),
]


@pytest.mark.parametrize(("args", "named", "reason", "code"), CASES,
                         ids=[" ".join(c[0]) for c in CASES])
def test_non_regular_inputs_are_refused_at_once(ws: Path, args: list[str], named: str,
                                                reason: str, code: int) -> None:
    result = run(*args, cwd=ws)
    lines = [line for line in (result.stdout + result.stderr).splitlines()
             if named in line and reason in line]
    assert len(lines) == 1, result.stdout + result.stderr
    assert result.returncode == code
    assert "internal error" not in result.stderr and "cannot write" not in result.stderr


@pytest.mark.parametrize("target", ["fifo", "zero"])
def test_status_does_not_read_a_non_regular_notes_file(ws: Path, target: str) -> None:
    assert run("draft", "n.md", cwd=ws).returncode == 1
    (ws / "n.md").unlink()
    if target == "fifo":
        os.mkfifo(ws / "n.md")
    else:
        (ws / "n.md").symlink_to("/dev/zero")
    result = run("status", "generated", cwd=ws)
    assert result.returncode == 1
    assert "n.md: not a regular file" in result.stdout


def test_a_fifo_at_the_output_path_is_refused_not_waited_on(ws: Path) -> None:
    (ws / "generated").mkdir()
    os.mkfifo(ws / "generated" / "n.story.yaml")
    result = run("draft", "n.md", cwd=ws)
    assert result.returncode == 2
    assert "n.story.yaml" in result.stderr and "not a regular file" in result.stderr


def test_a_symlink_to_a_regular_file_is_read(ws: Path) -> None:
    (ws / "link.story.yaml").symlink_to("good.story.yaml")
    assert run("validate", "link.story.yaml", cwd=ws).returncode == 0


@pytest.mark.parametrize(("size", "limit", "ok"), [(10, 10, True), (11, 10, False),
                                                    (0, 0, True), (1 << 20, 100, False)])
def test_read_bounded_enforces_the_limit(tmp_path: Path, size: int, limit: int, ok: bool) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x" * size)
    if ok:
        assert read_bounded(path, limit, "file") == b"x" * size
    else:
        with pytest.raises(InputError, match="too large"):
            read_bounded(path, limit, "file")


def test_an_oversize_story_is_refused_by_its_size_alone(ws: Path) -> None:
    big = ws / "big.story.yaml"
    with big.open("wb") as handle:  # sparse: no content to read, only a size
        handle.truncate(3 * 1024 * 1024)
    result = run("validate", "big.story.yaml", cwd=ws)
    assert result.returncode == 2
    assert "big.story.yaml: too large" in result.stdout + result.stderr


def test_an_oversize_config_is_refused(ws: Path) -> None:
    with (ws / "storygen.toml").open("wb") as handle:
        handle.truncate(5 * 1024 * 1024)
    result = run("validate", "good.story.yaml", cwd=ws)
    assert result.returncode == 2
    assert "storygen.toml: too large" in result.stderr


def test_a_fifo_as_config_is_refused(ws: Path) -> None:
    os.mkfifo(ws / "storygen.toml")
    result = run("validate", "good.story.yaml", cwd=ws)
    assert result.returncode == 2
    assert "storygen.toml: not a regular file" in result.stderr

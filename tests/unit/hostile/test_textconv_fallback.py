"""An unreadable story (merge-conflict markers) must not abort ``git diff``: textconv shows
the raw text with exit 0, and the fallback line diff marks a missing final newline."""

from __future__ import annotations

from pathlib import Path

import pytest

CONFLICT = "<<<<<<< ours\nid: a\n=======\nid: b\n>>>>>>> theirs\n"


def test_textconv_shows_the_raw_text_of_an_unreadable_story(cli, tmp_path: Path) -> None:
    path = tmp_path / "s.story.yaml"
    path.write_text(CONFLICT, encoding="utf-8")
    result = cli("diff", "--textconv", path)
    assert result.exit_code == 0
    assert result.stdout == CONFLICT
    assert "s.story.yaml" in result.stderr and "showing the raw text" in result.stderr


def test_textconv_of_a_missing_file_is_an_error(cli, tmp_path: Path) -> None:
    result = cli("diff", "--textconv", tmp_path / "gone.story.yaml")
    assert result.exit_code == 2
    assert "gone.story.yaml: no such story file" in result.stderr


@pytest.mark.parametrize(("old", "new", "marked"), [
    ("a\nb", "a\nc\n", ["-b", "\\ No newline at end of file", "+c"]),
    ("a\nb\n", "a\nc", ["-b", "+c", "\\ No newline at end of file"]),
    ("a\n", "a\nb\n", ["+b"]),
])
def test_the_fallback_line_diff_marks_a_missing_final_newline(cli, tmp_path: Path, old: str,
                                                              new: str, marked: list[str]) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.write_text("<<<<<<<\n" + old, encoding="utf-8")
    b.write_text("<<<<<<<\n" + new, encoding="utf-8")
    result = cli("diff", "s.story.yaml", a, "0" * 40, "100644", b, "1" * 40, "100644")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    start = lines.index(marked[0])
    assert lines[start:start + len(marked)] == marked
    assert result.stdout.count("No newline") == sum("No newline" in m for m in marked)

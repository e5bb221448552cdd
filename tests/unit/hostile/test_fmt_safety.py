"""``fmt`` writes only what reads back to the same data, under the size limit, without
dropping comments, and formats a symlink's target in place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storygen.story.formatting import comment_line
from storygen.story.loader import parse_text
from tests.conftest import REFERENCE

REF = REFERENCE.read_text(encoding="utf-8")
MESSY = REF.replace("company: Amazon\n", "company:    Amazon\n", 1)


def _write(tmp: Path, name: str, text: str) -> Path:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_key_over_the_implicit_key_limit_is_written_so_it_reads_back(cli,
                                                                       tmp_path: Path) -> None:
    long_key = "k" * 1100
    path = _write(tmp_path, "s.story.yaml", MESSY.replace(
        "schema_version: 1\n", f"schema_version: 1\n? {long_key}\n: 1\n", 1))
    before = parse_text(path.read_text(encoding="utf-8")).data
    result = cli("fmt", path)
    assert result.exit_code == 0, result.stderr
    assert parse_text(path.read_text(encoding="utf-8")).data == before


@pytest.mark.parametrize(("edit", "line"), [
    (("company:    Amazon\n", "company:    Amazon  # was AWS\n"), 4),
    (("schema_version: 1\n", "# drafted by hand\nschema_version: 1\n"), 1),
    (("sections:\n", "sections:\n  # the STAR part\n"), None),
])
def test_a_commented_story_is_refused_not_stripped(cli, tmp_path: Path, edit: tuple[str, str],
                                                   line: int | None) -> None:
    text = MESSY.replace(*edit, 1)
    path = _write(tmp_path, "s.story.yaml", text)
    result = cli("fmt", path)
    assert result.exit_code == 2
    expected_line = line or text.splitlines().index("  # the STAR part") + 1
    assert f"{path}:{expected_line}: has YAML comments, which fmt would drop" in result.stderr
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize("text", [
    "a: 'x # y'\n", 'a: "#1"\n', "a: x#y\n", "a: >-\n  one # two\n", "a: |\n  #!/bin/sh\n",
    "a:\n  - b#c\n",
])
def test_a_hash_inside_a_value_is_not_a_comment(text: str) -> None:
    assert comment_line(text) is None


def test_output_over_the_size_limit_is_not_written(cli, tmp_path: Path) -> None:
    compact = json.dumps(parse_text(MESSY).data, ensure_ascii=False)  # JSON is YAML too
    path = _write(tmp_path, "s.story.yaml", compact)
    limit = len(compact.encode("utf-8")) + 100
    result = cli("fmt", "--max-bytes", str(limit), path)
    assert result.exit_code == 2
    assert f"{path}: formatted it would be" in result.stderr and "over the" in result.stderr
    assert path.read_text(encoding="utf-8") == compact


def test_a_symlink_is_formatted_through_and_stays_a_link(cli, tmp_path: Path) -> None:
    target = _write(tmp_path, "target.story.yaml", MESSY)
    link = tmp_path / "link.story.yaml"
    link.symlink_to("target.story.yaml")
    result = cli("fmt", link)
    assert result.exit_code == 0
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == REF

"""Control characters in stories, notes and file names are shown escaped (``\\x1b``,
``\\u009b``), never sent raw to the terminal, in every text output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storygen.core.terminal import printable, printable_json
from tests.conftest import FIXTURES, REFERENCE

HOSTILE = "\x1b]0;owned\x07\x1b[2J\x1b[31m\x9b2J\u202e"
RAW = ("\x1b", "\x07", "\x9b", "\u202e")


def _story(tmp_path: Path, name: str = "s.story.yaml", title: str = HOSTILE) -> Path:
    text = REFERENCE.read_text(encoding="utf-8")
    quoted = json.dumps(title)  # a JSON string is a YAML double-quoted scalar
    text = text.replace("title: Describe a Time You Challenged the Status Quo and Introduced "
                        "Something New", f"title: {quoted}")
    text = text.replace("\nrole: SDE2\n", f"\nrole: SDE2\n{json.dumps('x' + HOSTILE)}: 1\n")
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _clean(output: str) -> None:
    for char in RAW:
        assert char not in output, repr(output[:400])
    assert "\\x1b" in output or "\\u001b" in output


@pytest.mark.parametrize("fmt", ["text", "github", "json", "sarif"])
def test_validate_escapes_controls_from_the_story(cli, tmp_path: Path, fmt: str) -> None:
    path = _story(tmp_path, name=f"a{HOSTILE}.story.yaml")
    result = cli("validate", "--format", fmt, path)
    assert result.exit_code == 1
    _clean(result.stdout)
    if fmt in ("json", "sarif"):
        json.loads(result.stdout)


def test_diff_escapes_controls(cli, tmp_path: Path) -> None:
    old = tmp_path / "old.story.yaml"
    old.write_text(REFERENCE.read_text(encoding="utf-8"), encoding="utf-8")
    new = _story(tmp_path)
    for fmt in ("text", "json"):
        result = cli("diff", "--format", fmt, "--color", "always", old, new)
        assert result.exit_code == 1
        _clean(result.stdout.replace("\x1b[", "["))  # the diff's own colours stay


def test_facts_escapes_controls_from_the_notes(cli, tmp_path: Path) -> None:
    notes = tmp_path / "n.md"
    notes.write_text((FIXTURES / "notes" / "figures.md").read_text(encoding="utf-8")
                     + f"\n- I fixed {HOSTILE} the alarm\n", encoding="utf-8")
    result = cli("facts", notes)
    assert result.exit_code == 0
    _clean(result.stdout)


def test_markdown_escapes_controls(cli, tmp_path: Path) -> None:
    path = _story(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace(f"{json.dumps('x' + HOSTILE)}: 1\n",
                                                             ""), encoding="utf-8")
    result = cli("render", "-f", "md", path)
    assert result.exit_code == 0
    _clean(result.stdout)


def test_the_fallback_line_diff_escapes_controls(cli, tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    old.write_text("<<<<<<< ours\nx\n", encoding="utf-8")
    new.write_text(f"<<<<<<< ours\n{HOSTILE}\n", encoding="utf-8")
    result = cli("diff", "s.story.yaml", old, "0" * 40, "100644", new, "1" * 40, "100644")
    assert result.exit_code == 0
    _clean(result.stdout)


def test_error_lines_escape_controls(cli, tmp_path: Path) -> None:
    result = cli("validate", tmp_path / f"missing{HOSTILE}.story.yaml")
    assert result.exit_code == 2
    _clean(result.stdout + result.stderr)


@pytest.mark.parametrize(("raw", "shown"), [
    ("\x1b[2J", "\\x1b[2J"), ("\x07", "\\x07"), ("\x9b", "\\u009b"), ("\u202e", "\\u202e"),
    ("\x7f", "\\x7f"), ("\r", "\\x0d"), ("a\n\tb", "a\n\tb"), ("café ✓", "café ✓"),
])
def test_printable(raw: str, shown: str) -> None:
    assert printable(raw) == shown


def test_printable_json_keeps_the_json_meaning() -> None:
    text = json.dumps({"k": "\x1b\x7f\x9b\u202e"}, ensure_ascii=False)
    escaped = printable_json(text)
    assert json.loads(escaped) == json.loads(text)
    assert not any(c in escaped for c in ("\x7f", "\x9b", "\u202e"))

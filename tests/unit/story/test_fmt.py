"""The canonical file form: idempotent, value-preserving, one sentence a line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storygen.story.canonical import dump
from storygen.story.loader import load_story_source, parse_text

from ...conftest import FIXTURES, REFERENCE

YAML_FIXTURES = sorted(p for p in FIXTURES.rglob("*.story.y*ml")
                       if "invalid" not in p.parts)


@pytest.mark.parametrize("path", YAML_FIXTURES, ids=lambda p: p.name)
def test_fmt_round_trips_every_fixture(cli, tmp_path: Path, path: Path) -> None:
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    before = load_story_source(copy).data
    assert cli("fmt", copy).exit_code == 0
    once = copy.read_bytes()
    assert cli("fmt", copy).exit_code == 0
    assert copy.read_bytes() == once
    assert load_story_source(copy).data == before
    assert cli("fmt", "--check", copy).exit_code == 0


def test_fmt_check_lists_files_that_would_change_and_changes_nothing(cli, tmp_path: Path) -> None:
    messy = tmp_path / "messy.story.yaml"
    data = load_story_source(REFERENCE).data
    reordered = {k: data[k] for k in reversed(list(data))}
    import json

    messy.write_text(json.dumps(reordered))  # JSON is YAML too; keys in the wrong order
    original = messy.read_bytes()
    result = cli("fmt", "--check", messy)
    assert result.exit_code == 1
    assert f"would reformat {messy}" in result.output
    assert messy.read_bytes() == original


def test_canonical_form_puts_each_sentence_on_its_own_line() -> None:
    data = load_story_source(REFERENCE).data
    text = dump(data)
    action = data["sections"]["action"]["strong_example"]
    sentences = action.count(". ") + 1
    block = text.split("  action:\n", 1)[1].split("key_phrases", 1)[0]
    assert "strong_example: >-" in block
    assert len([ln for ln in block.splitlines() if ln.startswith("      I ")]) == sentences
    assert not any(line != line.rstrip() for line in text.splitlines())
    assert text.endswith("\n") and "\r" not in text


def test_keys_follow_the_spec_order() -> None:
    data = load_story_source(REFERENCE).data
    shuffled = {k: data[k] for k in sorted(data)}
    top = [ln.split(":")[0] for ln in dump(shuffled).splitlines() if ln[:1].isalpha()]
    assert top[:5] == ["schema_version", "id", "title", "company", "principle"]
    assert top.index("sections") < top.index("probes") < top.index("provenance")


def test_fmt_leaves_unreadable_files_untouched(cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.story.yaml"
    bad.write_text("title: [unclosed\n")
    result = cli("fmt", bad)
    assert result.exit_code == 2
    assert bad.read_text() == "title: [unclosed\n"


_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.from_regex(r"[a-z_]{1,12}", fullmatch=True),
                       st.one_of(_text, st.lists(_text, max_size=3), st.integers(), st.booleans()),
                       min_size=1, max_size=5))
def test_any_text_survives_formatting_exactly(data: dict) -> None:
    text = dump(data)
    assert parse_text(text).data == data
    assert dump(parse_text(text).data) == text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["I pulled the logs.", "We shipped it!", "Cut 850ms to 210ms.",
                                 "e.g. this one", "Done?", "  ", "\n", "x" * 90, "Dr. Who came."]),
                min_size=1, max_size=8))
def test_prose_with_sentences_survives_formatting_exactly(parts: list[str]) -> None:
    data = {"summary": " ".join(parts)}
    assert parse_text(dump(data)).data == data

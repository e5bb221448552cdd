"""Reading notes: front matter, headings in any common wording, labels, and unreadable input."""

from __future__ import annotations

from pathlib import Path

import pytest

from storygen.core.errors import InputError
from storygen.story.notes import MAX_NOTES_BYTES, parse_notes, read_notes

from ...conftest import ROOT

NOTES = ROOT / "tests" / "fixtures" / "notes"


def sections_of(text: str) -> list[tuple[str | None, str]]:
    return [(b.section, b.text) for b in parse_notes(text).blocks]


@pytest.mark.parametrize(("heading", "section"), [
    ("Context", "situation"), ("Situation", "situation"), ("Background", "situation"),
    ("Task", "task"), ("Goal", "task"), ("The problem", "situation"),
    ("What I did", "action"), ("Action", "action"), ("My approach", "action"),
    ("Outcome", "result"), ("Results", "result"), ("Impact", "result"),
    ("Learned", "reflection"), ("Reflection", "reflection"), ("Lessons", "reflection"),
    ("Since then", "result"), ("What I do differently now", "reflection"),
])
def test_headings_in_common_wordings_name_their_section(heading: str, section: str) -> None:
    assert sections_of(f"## {heading}\n- did a thing\n") == [(section, "did a thing")]


def test_front_matter_is_read_and_names_are_made_canonical() -> None:
    notes = parse_notes("---\nprinciple: have backbone\nlevel: senior\nrole: SDE3\n"
                        "question: Why?\ncompany: Acme\ntitle: T\n---\n- body\n")
    assert notes.meta == {"principle": "Have Backbone; Disagree and Commit",
                          "level": "Senior SDE", "role": "SDE3", "question": "Why?",
                          "company": "Acme", "title": "T"}
    assert [b.line for b in notes.blocks] == [9]


def test_an_unknown_principle_in_front_matter_names_the_line_and_the_sixteen() -> None:
    with pytest.raises(InputError) as info:
        parse_notes("---\nlevel: SDE2\nprinciple: Be Nice\n---\n- body\n", "n.md")
    message = info.value.one_line()
    assert message.startswith("n.md:3: front matter: unknown Leadership Principle")
    assert "Customer Obsession" in message and "Deliver Results" in message


@pytest.mark.parametrize("text", ["---\nprinciple: [\n---\nbody\n", "---\nprinciple: x\n",
                                  "---\n- a list\n---\nbody\n"])
def test_broken_front_matter_is_one_input_error(text: str) -> None:
    with pytest.raises(InputError):
        parse_notes(text, "n.md")


def test_bold_labels_and_plain_labels_place_paragraphs() -> None:
    found = sections_of((NOTES / "labels.md").read_text(encoding="utf-8"))
    assert [s for s, _ in found] == ["situation", "task", "action", "result", "reflection"]
    assert found[2][1].startswith("I traced the delay")


def test_a_label_inside_a_context_list_stays_context() -> None:
    assert sections_of("## Context\n- effect: customers waited\n") == [
        ("situation", "effect: customers waited")]


def test_markdown_is_parsed_not_split_by_lines() -> None:
    text = ("# Title\n\n## What I did\n1. wrote the\n   *first* fix\n\n"
            "```\ncode is not a note\n```\n\n<!-- a comment -->\n> quoted `line`\n")
    notes = parse_notes(text)
    assert notes.title == "Title"
    assert [(b.kind, b.text) for b in notes.blocks] == [
        ("bullet", "wrote the first fix"), ("quote", "quoted line")]


def test_sub_headings_stay_in_their_parent_section() -> None:
    assert sections_of("## Outcome\n### week one\n- fewer pages\n")[0][0] == "result"


@pytest.mark.parametrize(("content", "expected"), [
    (b"", "empty"), (b"  \n\n", "empty"), (b"\x00\x01binary", "binary"),
    (b"caf\xe9 notes", "not valid UTF-8"), (b"---\ntitle: only\n---\n", "no text"),
])
def test_unreadable_notes_raise_one_line_errors(tmp_path: Path, content: bytes,
                                                expected: str) -> None:
    path = tmp_path / "n.md"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_notes(path)
    assert expected in info.value.one_line() and "\n" not in info.value.one_line()


def test_missing_directory_and_oversize_notes_are_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    big.write_bytes(b"- a\n" * (MAX_NOTES_BYTES // 4 + 1))
    for path, expected in ((tmp_path / "nope.md", "no such"), (tmp_path, "directory"),
                           (big, "over the")):
        with pytest.raises(InputError) as info:
            read_notes(path)
        assert expected in info.value.one_line()


def test_lp_in_the_front_matter_names_the_principle() -> None:
    notes = parse_notes("---\nlp: dive deep\n---\nI traced the timeouts to the pool.\n")
    assert notes.meta["principle"] == "Dive Deep"
    assert notes.warnings == ()


def test_line_patterns_never_reach_past_a_blank_line() -> None:
    """A pattern read at the start of every line must stop at that line's end: one that runs on
    through the blank lines after it rescans them from each line, and a note of many blank
    lines then takes minutes to read."""
    from storygen.story import notes as reader

    blank_then_line = "  \n \n\t\n" * 50 + "- [me] 2. 1.1 3/ #me a91f3c2 sam 09:12: fixed it\n"
    for pattern in (reader._MINE_MARK, reader._SPEAKER_THEN_TIME, reader._OUTLINE,
                    reader._NUMBERED, reader._HASHTAG, reader._COMMIT, reader._THREAD_POST):
        match = pattern.match(blank_then_line)
        assert match is None or "\n" not in match.group(0), pattern.pattern
    notes = parse_notes("I fixed the cache.\n" + " \n" * 20000 + "result: p99 2s -> 1s\n")
    assert [(b.text, b.line) for b in notes.blocks] == [("I fixed the cache.", 1),
                                                        ("p99 2s -> 1s", 20002)]

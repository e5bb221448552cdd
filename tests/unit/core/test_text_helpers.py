"""Shared text helpers: sentences, words and figures, as the rules and the formatter use them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storygen.core.text import fold, plain, sentence_breaks, split_sentences, word_count


def texts(text: str) -> list[str]:
    return [span.text for span in split_sentences(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("I cut it. Then I left.", ["I cut it.", "Then I left."]),
    ("E.g. this works, i.e. fine. Dr. Smith agreed.", ["E.g. this works, i.e. fine.",
                                                      "Dr. Smith agreed."]),
    ("The drop rate was 0.3% of deliveries. It fell.", ["The drop rate was 0.3% of deliveries.",
                                                         "It fell."]),
    ("It saved $8K a week. Latency went 850ms -> 210ms. Done.",
     ["It saved $8K a week.", "Latency went 850ms -> 210ms.", "Done."]),
    ("It took 2-3 days, approx. 20 hours. Fine.", ["It took 2-3 days, approx. 20 hours.",
                                                   "Fine."]),
    ("He said “Stop.” Then I left… Finally I won!", ["He said “Stop.”", "Then I left…",
                                                      "Finally I won!"]),
    ("It broke — badly. “Why?” was the question.", ["It broke — badly.",
                                                   "“Why?” was the question."]),
    ("Version 1.2.3 shipped. Next.", ["Version 1.2.3 shipped.", "Next."]),
    ("One line\nanother line", ["One line", "another line"]),
])
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_sentence_spans_index_the_original_text() -> None:
    text = "  I pulled logs.  I traced it.\n\nI fixed it."
    for span in split_sentences(text):
        assert text[span.start:span.end] == span.text


def test_sentence_breaks_are_single_spaces_only() -> None:
    text = "I cut it.  Then I left. It worked.\nNext one. Done."
    breaks = sentence_breaks(text)
    assert breaks == [text.index(" It worked"), text.index(" Done")]
    assert all(text[i] == " " for i in breaks)


@given(st.text())
def test_sentence_breaks_never_point_anywhere_but_a_lone_space(text: str) -> None:
    for i in sentence_breaks(text):
        assert text[i] == " "
        assert not text[i - 1].isspace() and not text[i + 1].isspace()


@pytest.mark.parametrize(("text", "count"), [
    ("I saved $8K a week.", 5),
    ("Latency: 850ms -> 210ms.", 3),
    ("It fell from 0.3% to zero — e.g. for “all” customers.", 10),
    ("", 0),
])
def test_word_count_counts_what_a_speaker_says(text: str, count: int) -> None:
    assert word_count(text) == count


def test_fold_and_plain() -> None:
    assert fold("  Outside my  TEAM’s “scope” – now ") == "outside my teams scope - now"
    assert plain("It’s “done” — now\n ok") == "It's \"done\" - now ok"


def test_clip_puts_text_on_one_line_and_cuts_it_to_the_limit() -> None:
    from storygen.core.text import clip

    assert clip("a  short\n text", 20) == "a short text"
    assert clip("x" * 30, 10) == "x" * 9 + "…"
    assert clip("x" * 30, 10, marker="...") == "x" * 7 + "..."
    assert len(clip("word " * 50, 40)) <= 40

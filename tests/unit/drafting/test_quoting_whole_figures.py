"""A phrase quoted from a sentence never cuts a word or a figure in two."""

from __future__ import annotations

import pytest

from storygen.drafting.compose.spans import mend, widen


@pytest.mark.parametrize(("phrase", "text", "whole"), [
    ("0.91 to 0", "Precision slid from 0.91 to 0.84, and nobody knew why.", "0.91 to 0.84"),
    ("From $31K to $8", "From $31K to $8-10K a month.", "From $31K to $8-10K"),
    ("30 outage was avoidable", "The 12:30 outage was avoidable.", "12:30 outage was avoidable"),
    ("a weekly 1", "I set up a weekly 1:1 that was only about her.", "a weekly 1:1"),
    ("alerts at 30 and 7", "Security added alerts at 30 and 7 days.", "alerts at 30 and 7 days"),
    ("2023", "The backfill ran in mid-2023.", "mid-2023"),
])
def test_a_cut_figure_is_quoted_whole(phrase: str, text: str, whole: str) -> None:
    assert mend(phrase, text) == whole


def test_a_whole_phrase_is_kept_as_it_is() -> None:
    text = "I compared each feature's distribution (PSI) week over week."
    assert mend("distribution (PSI", text) == "distribution (PSI"
    assert mend("week over week", text) == "week over week"
    assert mend("not in the text", text) == "not in the text"
    assert widen(text, 0, 10) == "I compared"

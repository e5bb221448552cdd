"""When the work shipped, said as the notes say it: a time after the verb is no thing that was
shipped ("merged 2 days before freeze" is not "2 days before freeze were merged")."""

from __future__ import annotations

from storygen.drafting.extract.phrasing import rewrite


def test_a_time_after_an_outcome_verb_is_not_what_was_done() -> None:
    assert rewrite("merged 2 days before freeze", "result").text == "Merged 2 days before freeze."
    assert rewrite("released 3 days later", "result").text == "Released 3 days later."
    assert rewrite("hired 6 of 8", "result").text == "6 of 8 were hired."


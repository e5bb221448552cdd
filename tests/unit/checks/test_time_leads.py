"""An Action sentence that opens on when its step came ("First thing I pulled the logs", "At
09:30 I took command", "The next week I inventoried the certs") has "I" for its subject; one
that opens on someone else still does not."""

from __future__ import annotations

import pytest

from .rules_support import reference, run_rules


@pytest.mark.parametrize(("sentence", "fires"), [
    ("First thing I pulled 14 nights of output.", False),
    ("Short term I turned speculation off.", False),
    ("Day one I paged the owner.", False),
    ("First thing the team pulled 14 nights of output.", True),
    ("At 09:30 I took incident command, split the services across 3 teams.", False),
    ("Before touching code I rode along with a driver, then I wrote it up.", False),
    ("The next week I inventoried every cert: found 11, 4 of them expiring.", False),
    ("After I reported it, the platform team added retries.", True),
    ("The team I worked with shipped the fix, and I watched.", True),
])
def test_a_time_lead_before_i_keeps_i_the_subject(sentence: str, fires: bool) -> None:
    data = reference()
    action = data["sections"]["action"]
    action["strong_example"] = f"{action['strong_example']} {sentence}"
    findings, _ = run_rules(data)
    assert any(f.code == "OWN002" for f in findings) is fires, [f.message for f in findings]

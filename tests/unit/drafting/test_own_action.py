"""The Action says "I", never "our" (OWN001): how the drafter rewrites a writer's "our"."""

from __future__ import annotations

import pytest

from storygen.drafting.compose.sections import own


@pytest.mark.parametrize(("said", "told"), [
    ("I pulled our logs.", "I pulled the logs."),
    ("I said it was our bug.", "I said it was my team's bug."),
    ("I admitted 3 of the 14 were entirely our fault.",
     "I admitted 3 of the 14 were entirely my team's fault."),
    ("I posted the timeline, including where our own review missed it.",
     "I posted the timeline, including where the in-house review missed it."),
    ("I moved our team to trunk-based deploys.", "I moved my team to trunk-based deploys."),
    ('I kept the line "our status page was wrong" in.', 'I kept the line "our status page was '
     'wrong" in.'),
    ("I built a dual-write path so we could cut over safely.",
     "I built a dual-write path so the team could cut over safely."),
])
def test_our_in_an_action_sentence_becomes_a_grammatical_owner(said: str, told: str) -> None:
    assert own(said) == told

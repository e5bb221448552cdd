"""Rules on free text: what the drafters use to critique and repair an answer."""

from __future__ import annotations

import pytest

from storygen.checks.config import Settings
from storygen.checks.rules.text import check_text, findings_for_answer

WEAK = ("We noticed the payment webhooks were failing sometimes. It wasn't our service, so I "
        "escalated it to the Platform team and sent them a Slack message.\nThey fixed it. "
        "Basically, things got better and the team was happy.")


def test_weak_answer_gets_its_critique() -> None:
    findings = findings_for_answer(WEAK)
    assert {f.code for f in findings} == {"OWN001", "OWN002", "OWN004", "QNT001", "QNT002",
                                         "QNT003", "QNT004", "REF001", "STY001"}
    assert all(f.pointer == "" and f.path == "<text>" for f in findings)
    they = next(f for f in findings if f.code == "OWN002" and "'they'" in f.message)
    assert (they.line, they.column) == (2, 1)
    assert they.message.startswith("Answer sentence 3 has subject 'they'")


def test_section_picks_the_rules_for_that_part() -> None:
    task = findings_for_answer("My manager assigned me the bug.", section="task")
    assert [f.code for f in task] == ["OWN003"]
    assert task[0].message.startswith("Task names no scope boundary")
    result = findings_for_answer("The error rate is now 0.1%.", section="result")
    assert {f.code for f in result} == {"QNT002", "QNT003", "QNT004"}
    assert findings_for_answer("I pulled the logs and traced the failure.", "action") == []
    with pytest.raises(ValueError, match="unknown section 'probe'"):
        findings_for_answer("I fixed it.", section="probe")


def test_check_text_by_code_or_family_and_settings() -> None:
    assert [f.code for f in check_text("STY", "I just kind of fixed it.")] == ["STY001"]
    assert check_text(["OWN001", "OWN002"], "I fixed it.") == []
    quiet = Settings(ignore=("STY001",))
    assert check_text("STY001", "I just fixed it.", settings=quiet) == []
    loud = Settings(severity={"STY001": "error"})
    assert check_text("STY001", "I just fixed it.", settings=loud)[0].severity == "error"


@pytest.mark.parametrize("sentence", [
    "I pulled the logs.", "Then I traced it.", "Next, I wrote a fix.",
    "After the fix shipped, I followed up.", "To confirm the root cause I reproduced it locally.",
    "Working with the SRE team, I added alerts.", "The next morning, I deployed it.",
    "Proactively, I added a DLQ.", "I’m the one who fixed it.", '"We need a DLQ," I told them.',
    "When retries ran out, I triggered the alert.",
])
def test_own002_accepts_i_as_the_subject(sentence: str) -> None:
    assert check_text("OWN002", sentence) == []


@pytest.mark.parametrize(("sentence", "subject"), [
    ("The team deployed it.", "the team"), ("It was deployed by the team.", "it"),
    ("My manager approved it.", "my manager"), ("They fixed it.", "they"),
    ("The team deployed it, and I followed up.", "the team"),
    ("After I reported it, the Platform team fixed it.", "the Platform team"),
    ("Sarah wrote the fix.", "Sarah"), ("My fix, which I wrote, cut latency.", "my fix"),
])
def test_own002_names_the_subject_it_found(sentence: str, subject: str) -> None:
    (finding,) = check_text("OWN002", sentence, "action")
    assert f"has subject '{subject}', not 'I'" in finding.message

"""Gap questions: what the notes lack, asked as questions tied to the findings; ``--ask``
appends the answers to the notes under ``## Answers``."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from storygen.core.findings import Finding
from storygen.core.fsutil import atomic_write
from storygen.drafting.extract.facts import Facts
from storygen.story import kb
from storygen.story.loader import read_text
from storygen.story.model import SECTION_LABELS
from storygen.story.notes import MAX_NOTES_BYTES

ANSWERS_HEADING = "## Answers"
_POINTER_SECTION = re.compile(r"^/sections/(\w+)/")


@dataclass(frozen=True, slots=True)
class Gap:
    """One thing the notes lack: the question, and the section an answer belongs to."""

    topic: str
    question: str
    section: str | None
    codes: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {"topic": self.topic, "question": self.question, "section": self.section,
                "codes": list(self.codes)}


def _from_facts(facts: Facts) -> set[str]:
    """Gaps the rules cannot see in the story: what was left out of it."""
    topics: set[str] = set()
    if not [s for s in facts.section("situation") if not s.minor]:
        topics.add("no_situation")
    if not facts.actions:
        topics.add("no_actions")
    if any(s.section == "action" for s in facts.we_sentences):
        topics.add("we_actions")
    if not [s for s in facts.section("result") if not s.minor]:
        topics.add("no_result")
    reflections = [s for s in facts.section("reflection")
                   if not s.minor and not kb.is_generic_reflection(s.text)]
    if not reflections:
        topics.add("no_reflection")
    return topics


def gap_questions(facts: Facts, findings: Sequence[Finding]) -> list[Gap]:
    """The questions to ask, in a fixed order: those the findings raise and those the
    extraction shows (no action, no figure, no scope boundary...).

    The questions are about the notes: ``findings`` must be those of a draft made from the
    notes alone (the offline draft), never of what a model wrote."""
    table = kb.gaps()
    codes: dict[str, list[str]] = {}
    sections: dict[str, str] = {}
    for finding in findings:
        for topic, entry in table.items():
            if finding.code in entry.codes:
                codes.setdefault(topic, []).append(finding.code)
                match = _POINTER_SECTION.match(finding.pointer)
                if match and topic not in sections:
                    sections[topic] = match.group(1)
    topics = set(codes) | _from_facts(facts)
    if "no_result" in topics:
        topics -= {"no_figure", "no_delta", "no_business", "no_second_order"}
    if "no_figure" in topics:
        topics.discard("no_delta")
    we_count = len(facts.we_sentences)
    if not we_count:  # the question is about the notes: with no "we" in them, there is none
        topics.discard("we_actions")
    gaps = []
    for topic, entry in table.items():
        if topic not in topics:
            continue
        question = entry.question.format(
            count=we_count, section=sections.get(topic, "the story"),
            sentences="1 sentence" if we_count == 1 else f"{we_count} sentences",
            say="says" if we_count == 1 else "say")
        section = entry.section or sections.get(topic)
        gaps.append(Gap(topic, question, section, tuple(sorted(set(codes.get(topic, []))))))
    return gaps


def ask(gaps: Sequence[Gap], prompt: Callable[[str], str | None]) -> list[tuple[Gap, str]]:
    """Ask each question; an empty answer skips it, None (end of input) stops asking."""
    answers: list[tuple[Gap, str]] = []
    for gap in gaps:
        reply = prompt(gap.question)
        if reply is None:
            break
        if reply.strip():
            answers.append((gap, " ".join(reply.split())))
    return answers


def append_answers(path: Path, answers: Sequence[tuple[Gap, str]]) -> None:
    """Append the answers under ``## Answers`` (one ``###`` heading per section, the question
    kept as an HTML comment so it is not read as a note)."""
    text = read_text(path, max_bytes=MAX_NOTES_BYTES, what="notes file")
    headings = re.findall(r"(?m)^##\s+(.+?)\s*#*\s*$", text)
    lines: list[str] = []
    if not headings or headings[-1].strip().lower() != "answers":
        lines += ["", ANSWERS_HEADING]
    for gap, answer in answers:
        question = gap.question.replace("--", "- -")
        lines += ["", f"### {SECTION_LABELS.get(gap.section or '', 'Answer')}",
                  f"<!-- {question} -->", answer]
    atomic_write(path, text.rstrip("\n") + "\n" + "\n".join(lines) + "\n")

"""Printing extracted facts: the fact sheet a model drafts from, and ``storygen facts`` text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from storygen.core.terminal import printable
from storygen.story.model import SECTION_LABELS

if TYPE_CHECKING:
    from storygen.drafting.extract.facts import Facts

_HEADINGS = {**SECTION_LABELS, "detail": "Details (why and how)"}


def _join(items: list[str]) -> str:
    return "; ".join(items) if items else "(none)"


def fact_sheet(facts: Facts) -> str:
    """The figures and facts a model may use, one per line; nothing else may be claimed."""
    lines = [
        f"Title: {facts.title}",
        f"Question: {facts.question}",
        f"Principle: {facts.principle} ({facts.principle_source})",
        f"Level: {facts.level}; role: {facts.role}; company: {facts.company}",
        "Figures (the only numbers a story may use): "
        + _join(sorted({f.text for f in facts.figures}, key=str.lower)),
        "Before -> after: " + _join([
            (f"{d.metric}: " if d.metric else "") + f"{d.before.text} -> {d.after.text}"
            for d in facts.deltas]),
        "Scope boundary: " + _join(facts.scope_cues),
        "Teams: " + _join(facts.teams),
        "Systems: " + _join(facts.systems),
        "People: " + _join(facts.people),
    ]
    for name, heading in _HEADINGS.items():
        rows = [s for s in facts.section(name) if not (name == "action" and s.person == "we")]
        if rows:
            lines.append(f"{heading}:")
            lines.extend(f"- [line {s.line}] {s.text}" for s in rows)
    if facts.we_sentences:
        lines.append('Said as "we" (context, not the writer\'s own actions):')
        lines.extend(f"- [line {s.line}] {s.source}" for s in facts.we_sentences)
    return "\n".join(lines) + "\n"


def facts_text(facts: Facts) -> str:
    """``storygen facts`` output: the fact sheet, then what was scored, left out or warned."""
    out = [fact_sheet(facts).rstrip("\n")]
    if facts.principle_scores:
        ranked = sorted(facts.principle_scores.items(), key=lambda kv: (-kv[1], kv[0]))
        out.append("Principle cues: " + ", ".join(f"{p} {n}" for p, n in ranked))
    for item in facts.dropped:
        out.append(f"Left out ({item.reason}, {item.where}): {item.text}")
    out.extend(f"Warning: {w}" for w in facts.warnings)
    return printable("\n".join(out)) + "\n"

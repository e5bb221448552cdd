"""Grounding (GRD001): every figure a story claims must come from its notes."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from typing import Any

from storygen.checks.rules.base import (
    SECTION_LABELS,
    Context,
    Example,
    Hit,
    NotesFigures,
    get,
    items,
    numbers,
    sentences,
    story_rule,
)
from storygen.core.findings import Severity
from storygen.core.text import find_numbers


@functools.lru_cache(maxsize=64)
def notes_figures(text: str, label: str) -> NotesFigures:
    """The folded figures of a notes text ("$8K" and "8,000 dollars" both become 8000)."""
    return NotesFigures(label, frozenset(n.key for n in find_numbers(text)))


def claim_fields(data: Mapping[str, Any]) -> Iterator[tuple[str, str, str]]:
    """Pointer, label and text of every field that states facts (see the rules spec)."""
    for key in ("summary", "analysis"):
        yield "/overview/" + key, f"Overview {key}", get(data, "overview", key)
    for name, label in SECTION_LABELS.items():
        yield f"/sections/{name}/strong_example", label, get(data, "sections", name,
                                                             "strong_example")
        for i, phrase in items(data, "sections", name, "key_phrases"):
            yield f"/sections/{name}/key_phrases/{i}", f"{label} key phrase {i + 1}", phrase
    reflections = get(data, "reflections")
    if isinstance(reflections, Mapping):
        for key, text in reflections.items():
            name = {"sde2": "SDE2", "senior": "Senior"}.get(str(key), str(key))
            yield f"/reflections/{key}", f"{name} reflection", text
    for i, _ in items(data, "probes"):
        for part, field, label in (("weak", "answer", "weak answer"),
                                   ("strong", "answer", "strong answer"),
                                   ("strong", "key_quote", "key quote")):
            yield (f"/probes/{i}/{part}/{field}", f"Probe {i + 1} {label}",
                   get(data, "probes", i, part, field))
    yield "/weak_answer/text", "Weak answer", get(data, "weak_answer", "text")


def _where(text: str, offset: int, label: str) -> tuple[int | None, str]:
    spans = sentences(text)
    for number, span in enumerate(spans, 1):
        if span.start <= offset < span.end:
            return span.start, f"{label} sentence {number}" if len(spans) > 1 else label
    return None, label


@story_rule(
    "GRD001", "figure-not-in-notes", Severity.ERROR,
    "a number in a claim field that the story's notes do not contain",
    passing=[Example({"sections": {"result": {"strong_example":
                                              "It recovered $8,000 a week, a 0.3% gain."}}},
                     notes="- ~$8K/week recovered\n- drop rate 0.3 percent"),
             Example({"overview": {"summary": "As an SDE2 I moved our S3 data to EC2."}},
                     notes="no figures here")],
    failing=[Example({"sections": {"result": {"strong_example": "It recovered $9,000 a week."}}},
                     notes="- ~$8K/week recovered")],
)
def grd001(ctx: Context) -> Iterator[Hit]:
    """A story must not invent numbers. Every figure in a claim field (overview summary and
    analysis, strong examples and key phrases, reflections, probe answers and key quotes,
    the weak answer) must appear in the story's notes: the file named by
    `provenance.notes`, or the one given with `--notes`. Figures match after folding
    thousands separators, currency signs, "k"/"K" and "%"/"percent", so "$8K", "$8,000"
    and "8000 dollars" are the same figure. Digits inside names (SDE2, S3, EC2, IPv4) are
    not figures. Without notes the rule is skipped, and the run says so.
    """
    if ctx.notes is None:
        return
    known = ctx.notes.keys
    for pointer, label, text in claim_fields(ctx.data):
        if not isinstance(text, str):
            continue
        seen: set[float] = set()
        for figure in numbers(text):
            if figure.key in known or figure.key in seen:
                continue
            seen.add(figure.key)
            offset, where = _where(text, figure.span[0], label)
            yield Hit(pointer, f"figure '{figure.text}' in {where} is not in the notes "
                               f"({ctx.notes.label}): use only figures from the notes or add "
                               "it there", offset)


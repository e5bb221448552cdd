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
from storygen.core.figures import find_deltas
from storygen.core.findings import Severity
from storygen.core.numbers import MULTIPLIER, Figure, figure_keys, find_figures, keys_of, supports


@functools.lru_cache(maxsize=64)
def notes_figures(text: str, label: str) -> NotesFigures:
    """The figures of a notes text as value-and-unit keys ("$8K" and "8,000 dollars" are
    both 8000 dollars); a before -> after pair whose ratio is 2, 3, 4 or 0.5 also holds
    "doubled", "tripled", "quadrupled" or "halved"."""
    keys = set(keys_of(find_figures(text)))
    for delta in find_deltas(text):
        ratio = delta.ratio
        for times in (2.0, 3.0, 4.0, 0.5):
            if ratio is not None and abs(ratio - times) < 1e-9:
                keys.update(figure_keys(Figure(str(times), times, MULTIPLIER)))
    return NotesFigures(label, frozenset(keys))


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
             Example({"sections": {"result": {"strong_example":
                                              "It saved two million dollars in ten days."}}},
                     notes="- saved $2M\n- took 10 days"),
             Example({"sections": {"result": {"strong_example": "Throughput doubled."}}},
                     notes="- throughput 400 rps -> 800 rps"),
             Example({"overview": {"summary": "As an SDE2 I moved our S3 data to EC2."}},
                     notes="no figures here")],
    failing=[Example({"sections": {"result": {"strong_example": "It recovered $9,000 a week."}}},
                     notes="- ~$8K/week recovered"),
             Example({"sections": {"result": {"strong_example": "Errors fell by 40%."}}},
                     notes="- errors on 40 hosts"),
             Example({"sections": {"result": {"strong_example": "Builds got 4x faster."}}},
                     notes="- builds 4% faster"),
             Example({"sections": {"result": {"strong_example": "It saved two million dollars."}}},
                     notes="- 2 hosts retired")],
)
def grd001(ctx: Context) -> Iterator[Hit]:
    """A story must not invent numbers. Every figure in a claim field (overview summary and
    analysis, strong examples and key phrases, reflections, probe answers and key quotes,
    the weak answer) must appear in the story's notes: the file named by
    `provenance.notes`, or the one given with `--notes`. A figure matches by value and
    unit: "$8K", "$8,000", "8000 dollars" and "eight thousand dollars" are the same
    figure; "2 min" is "120s"; "two million dollars" is "$2M". A different unit is a
    different figure: "40%" is not held by "40 hosts", nor "4x" by "4%". Number words
    count ("ten days", "a dozen", "doubled"; "doubled" is held by "2x" or by a before ->
    after pair that doubles). A range in the notes ("$8-10K") holds each end and itself.
    Digits inside names (SDE2, S3, EC2, IPv4, p99, COVID-19, 2FA) are not figures. Without
    notes the rule is skipped, and the run says so.
    """
    if ctx.notes is None:
        return
    known = ctx.notes.keys
    for pointer, label, text in claim_fields(ctx.data):
        if not isinstance(text, str):
            continue
        seen: set[object] = set()
        for figure in numbers(text):
            if figure.key in seen or supports(known, figure):
                continue
            seen.add(figure.key)
            offset, where = _where(text, figure.span[0], label)
            yield Hit(pointer, f"figure '{figure.text}' in {where} is not in the notes "
                               f"({ctx.notes.label}): use only figures from the notes or add "
                               "it there", offset)


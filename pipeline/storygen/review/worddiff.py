"""Word-level differences inside a text field: sentences first, then the words of the
sentences that changed, so an edit to one sentence marks only that sentence's words."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from storygen.core.text import split_sentences

EQUAL, DELETE, INSERT = "equal", "delete", "insert"


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of words (joined by single spaces) that is kept, deleted or inserted."""

    op: str
    text: str


def _sentences(text: str) -> list[str]:
    return [span.text for span in split_sentences(text)]


def _merge(segments: list[Segment]) -> list[Segment]:
    merged: list[Segment] = []
    for seg in segments:
        if not seg.text:
            continue
        if merged and merged[-1].op == seg.op:
            merged[-1] = Segment(seg.op, merged[-1].text + " " + seg.text)
        else:
            merged.append(seg)
    return merged


def word_segments(old: str, new: str) -> list[Segment]:
    """The words of ``old`` and ``new`` aligned: equal runs, deletions and insertions."""
    a, b = old.split(), new.split()
    out: list[Segment] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(Segment(EQUAL, " ".join(a[i1:i2])))
            continue
        out.append(Segment(DELETE, " ".join(a[i1:i2])))
        out.append(Segment(INSERT, " ".join(b[j1:j2])))
    return _merge(out)


def changed_lines(old: str, new: str) -> list[list[Segment]]:
    """One line of segments for each changed sentence (or block of sentences); equal ones skipped."""
    a, b = _sentences(old), _sentences(new)
    lines: list[list[Segment]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            lines.extend(word_segments(x, y) for x, y in zip(a[i1:i2], b[j1:j2], strict=True))
        elif tag == "replace":
            lines.append(word_segments(" ".join(a[i1:i2]), " ".join(b[j1:j2])))
        elif tag == "delete":
            lines.extend([Segment(DELETE, s)] for s in a[i1:i2])
        else:
            lines.extend([Segment(INSERT, s)] for s in b[j1:j2])
    return lines


def all_segments(old: str, new: str) -> list[Segment]:
    """The whole text as segments: unchanged sentences kept, changed ones diffed word by word."""
    a, b = _sentences(old), _sentences(new)
    out: list[Segment] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(Segment(EQUAL, " ".join(a[i1:i2])))
        elif tag == "replace" and i2 - i1 == j2 - j1:
            for x, y in zip(a[i1:i2], b[j1:j2], strict=True):
                out.extend(word_segments(x, y))
        else:
            out.extend(word_segments(" ".join(a[i1:i2]), " ".join(b[j1:j2])))
    return _merge(out)

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


REWRITE_SHARE = 0.5
"""A sentence whose words changed by more than this share is shown removed and added whole."""

EDITED, REWRITTEN, ADDED_SENTENCE, REMOVED_SENTENCE = "edited", "rewritten", "added", "removed"


@dataclass(frozen=True, slots=True)
class SentenceChange:
    """One changed sentence (or block of sentences): a small word edit, a rewrite, or a
    sentence added or removed. ``segments`` holds the word marks of an edit."""

    kind: str
    old: str = ""
    new: str = ""
    segments: tuple[Segment, ...] = ()


def kept_share(old: str, new: str) -> float:
    """The share of words kept between two sentences (of the longer one's words)."""
    a, b = old.split(), new.split()
    if not a or not b:
        return 0.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    kept = sum(block.size for block in matcher.get_matching_blocks())
    return kept / max(len(a), len(b))


def rewritten(old: str, new: str) -> bool:
    """Whether more than half of the words changed (then word marks would be noise)."""
    return kept_share(old, new) < 1 - REWRITE_SHARE


def _replaced(old: list[str], new: list[str]) -> list[SentenceChange]:
    x, y = " ".join(old), " ".join(new)
    if rewritten(x, y):
        return [SentenceChange(REWRITTEN, x, y)]
    return [SentenceChange(EDITED, x, y, tuple(word_segments(x, y)))]


def sentence_changes(old: str, new: str) -> list[SentenceChange]:
    """The changed sentences of a text field, in order; equal sentences skipped."""
    a, b = _sentences(old), _sentences(new)
    out: list[SentenceChange] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            for x, y in zip(a[i1:i2], b[j1:j2], strict=True):
                out.extend(_replaced([x], [y]))
        elif tag == "replace":
            out.extend(_replaced(a[i1:i2], b[j1:j2]))
        elif tag == "delete":
            out.extend(SentenceChange(REMOVED_SENTENCE, old=s) for s in a[i1:i2])
        else:
            out.extend(SentenceChange(ADDED_SENTENCE, new=s) for s in b[j1:j2])
    return out


def change_lines(change: SentenceChange) -> list[list[Segment]]:
    """How a sentence change is shown line by line: word marks for an edit, the old
    sentence deleted and the new one inserted whole for a rewrite."""
    if change.kind == EDITED:
        return [list(change.segments)]
    lines = []
    if change.old:
        lines.append([Segment(DELETE, change.old)])
    if change.new:
        lines.append([Segment(INSERT, change.new)])
    return lines


def changed_lines(old: str, new: str) -> list[list[Segment]]:
    """One line of segments for each changed sentence (or block of sentences); equal ones
    skipped, and a rewritten sentence shown as a deleted line and an inserted line."""
    return [line for change in sentence_changes(old, new) for line in change_lines(change)]


def all_segments(old: str, new: str) -> list[Segment]:
    """The whole text as segments: unchanged sentences kept, changed ones diffed word by word
    (a rewritten sentence deleted and inserted whole)."""
    a, b = _sentences(old), _sentences(new)
    out: list[Segment] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(Segment(EQUAL, " ".join(a[i1:i2])))
            continue
        pairs = (list(zip(a[i1:i2], b[j1:j2], strict=True)) if i2 - i1 == j2 - j1
                 else [(" ".join(a[i1:i2]), " ".join(b[j1:j2]))])
        for x, y in pairs:
            if x and y and rewritten(x, y):
                out.extend([Segment(DELETE, x), Segment(INSERT, y)])
            else:
                out.extend(word_segments(x, y))
    return _merge(out)

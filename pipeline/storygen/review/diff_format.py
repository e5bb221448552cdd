"""How a story diff is shown: text for people (optionally coloured), JSON for tools,
and the one-leaf-per-line text form that ``git diff`` can use as a textconv filter."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from storygen.core.findings import Finding
from storygen.core.terminal import printable, printable_json
from storygen.core.text import split_sentences
from storygen.review.diff import ADDED, CHANGED, REMOVED, Change, DiffResult
from storygen.review.worddiff import DELETE, INSERT, Segment, all_segments, changed_lines
from storygen.story.loader import escape_token

_SIGN = {ADDED: "+", REMOVED: "-", CHANGED: "~"}
_ANSI = {"header": "\x1b[1m", "pointer": "\x1b[36m", ADDED: "\x1b[32m", REMOVED: "\x1b[31m",
         CHANGED: "\x1b[33m", DELETE: "\x1b[31m", INSERT: "\x1b[32m", "reset": "\x1b[0m"}


class Painter:
    """Wraps text in ANSI colours, or in git's ``[-deleted-]{+inserted+}`` marks when plain."""

    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, kind: str, text: str) -> str:
        text = printable(text, keep="")
        if not self.color:
            return text
        return f"{_ANSI[kind]}{text}{_ANSI['reset']}"

    def segment(self, seg: Segment) -> str:
        text = printable(seg.text, keep="")
        if seg.op == DELETE:
            return self(DELETE, text) if self.color else f"[-{text}-]"
        if seg.op == INSERT:
            return self(INSERT, text) if self.color else f"{{+{text}+}}"
        return text

    def line(self, segments: list[Segment]) -> str:
        """Segments joined by spaces, a deletion glued to the insertion that replaces it."""
        out = ""
        for i, seg in enumerate(segments):
            glued = i > 0 and seg.op == INSERT and segments[i - 1].op == DELETE
            out += ("" if i == 0 or (glued and not self.color) else " ") + self.segment(seg)
        return out


def leaves(value: Any, pointer: str = "") -> list[tuple[str, Any]]:
    """(pointer, scalar) for every scalar inside ``value``, in document order."""
    if isinstance(value, dict):
        return [leaf for k, v in value.items() for leaf in leaves(v, f"{pointer}/{escape_token(k)}")]
    if isinstance(value, list):
        return [leaf for i, v in enumerate(value) for leaf in leaves(v, f"{pointer}/{i}")]
    return [(pointer, value)]


def _scalar(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _change_lines(change: Change, paint: Painter) -> list[str]:
    head = paint(change.op, _SIGN[change.op]) + " " + paint("pointer", change.pointer or "/")
    if change.op == CHANGED and isinstance(change.old, str) and isinstance(change.new, str):
        return [head] + ["    " + paint.line(line)
                         for line in changed_lines(change.old, change.new)]
    if change.op == CHANGED:
        return [f"{head}: {printable(_scalar(change.old), keep='')} -> "
                f"{printable(_scalar(change.new), keep='')}"]
    value = change.new if change.op == ADDED else change.old
    if not isinstance(value, (dict, list)):
        return [f"{head}: {paint(change.op, _scalar(value))}"]
    return [head] + [f"    {printable(sub or '/', keep='')}: {paint(change.op, _scalar(v))}"
                     for sub, v in leaves(value)]


def _finding_line(finding: Finding, paint: Painter, kind: str) -> str:
    sign = "+" if kind == ADDED else "-"
    return (f"  {paint(kind, sign)} {finding.code} {finding.severity.value} "
            + printable(f"{finding.pointer or '/'}: {finding.message}", keep=""))


def summary(result: DiffResult) -> str:
    counts = {op: sum(1 for c in result.changes if c.op == op) for op in (ADDED, REMOVED, CHANGED)}
    total = len(result.changes)
    return (f"{total} change{'s' if total != 1 else ''} ({counts[ADDED]} added, "
            f"{counts[REMOVED]} removed, {counts[CHANGED]} changed); findings: "
            f"{len(result.introduced)} introduced, {len(result.fixed)} fixed")


def format_text(result: DiffResult, *, color: bool = False) -> str:
    paint = Painter(color)
    out = [paint("header", f"--- {result.old_label}"), paint("header", f"+++ {result.new_label}")]
    if result.equal:
        out.append("no changes")
        return "\n".join(out) + "\n"
    for change in result.changes:
        out.extend(_change_lines(change, paint))
    if result.introduced:
        out.append("findings introduced:")
        out.extend(_finding_line(f, paint, ADDED) for f in result.introduced)
    if result.fixed:
        out.append("findings fixed:")
        out.extend(_finding_line(f, paint, REMOVED) for f in result.fixed)
    out.append(summary(result))
    return "\n".join(out) + "\n"


def _change_json(change: Change) -> dict[str, Any]:
    data: dict[str, Any] = {"op": change.op, "pointer": change.pointer}
    if change.op != ADDED:
        data["old"] = change.old
    if change.op != REMOVED:
        data["new"] = change.new
    if change.op == CHANGED and isinstance(change.old, str) and isinstance(change.new, str):
        data["words"] = [{"op": s.op, "text": s.text} for s in all_segments(change.old, change.new)]
    return data


def format_json(result: DiffResult, *, color: bool = False) -> str:
    data = {
        "old": result.old_label,
        "new": result.new_label,
        "equal": result.equal,
        "changes": [_change_json(c) for c in result.changes],
        "findings": {"introduced": [f.as_dict() for f in result.introduced],
                     "fixed": [f.as_dict() for f in result.fixed]},
    }
    return printable_json(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"


FORMAT_BY_NAME: dict[str, Callable[..., str]] = {"text": format_text, "json": format_json}


def textconv(data: Any) -> str:
    """One line per scalar (``/pointer: value``), one sentence per line in long text,
    so git's line diff of stories shows where each change is."""
    out = []
    for pointer, value in leaves(data):
        if not isinstance(value, str):
            out.append(f"{pointer}: {_scalar(value)}")
            continue
        sentences = [s.text for s in split_sentences(value)] or [""]
        if len(sentences) == 1:
            out.append(f"{pointer}: {sentences[0]}")
        else:
            out.append(f"{pointer}:")
            out.extend("    " + s for s in sentences)
    return "".join(printable(line, keep="\t") + "\n" for line in out)

"""How a story diff is shown: text for people (optionally coloured), markdown for pull
requests and CI summaries, JSON for tools, and the one-leaf-per-line text form that
``git diff`` can use as a textconv filter."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from storygen.core.findings import Finding
from storygen.core.terminal import printable, printable_json
from storygen.core.text import split_sentences
from storygen.review.diff import ADDED, CHANGED, REMOVED, Change, DiffResult, card_of, field_of
from storygen.review.worddiff import (
    DELETE,
    EDITED,
    INSERT,
    Segment,
    SentenceChange,
    all_segments,
    changed_lines,
    sentence_changes,
)
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


def _field_head(change: Change, paint: Painter, hunks: bool) -> str:
    if hunks:
        return paint("pointer", f"@@ {change.pointer or '/'} @@") + " " + paint(change.op, change.op)
    return paint(change.op, _SIGN[change.op]) + " " + paint("pointer", change.pointer or "/")


def _change_lines(change: Change, paint: Painter, hunks: bool = False) -> list[str]:
    head = _field_head(change, paint, hunks)
    if change.op == CHANGED and isinstance(change.old, str) and isinstance(change.new, str):
        return [head] + ["    " + paint.line(line)
                         for line in changed_lines(change.old, change.new)]
    if change.op == CHANGED:
        scalar = (f"{printable(_scalar(change.old), keep='')} -> "
                  f"{printable(_scalar(change.new), keep='')}")
        return [head, f"    {scalar}"] if hunks else [f"{head}: {scalar}"]
    value = change.new if change.op == ADDED else change.old
    if not isinstance(value, (dict, list)):
        shown = paint(change.op, _scalar(value))
        return [head, f"    {shown}"] if hunks else [f"{head}: {shown}"]
    return [head] + [f"    {printable(sub or '/', keep='')}: {paint(change.op, _scalar(v))}"
                     for sub, v in leaves(value)]


def _finding_line(finding: Finding, paint: Painter, kind: str) -> str:
    sign = "+" if kind == ADDED else "-"
    return (f"  {paint(kind, sign)} {finding.code} {finding.severity.value} "
            + printable(f"{finding.pointer or '/'}: {finding.message}", keep=""))


def _sentence_count(change: Change) -> int:
    if change.op == CHANGED and isinstance(change.old, str) and isinstance(change.new, str):
        return len(sentence_changes(change.old, change.new))
    value = change.new if change.op == ADDED else change.old
    return sum(len(split_sentences(v)) or 1 for _, v in leaves(value) if isinstance(v, str))


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def counts(result: DiffResult) -> dict[str, int]:
    """How much changed: changes by kind, and the fields, sentences and cards they touch."""
    ops = {op: sum(1 for c in result.changes if c.op == op) for op in (ADDED, REMOVED, CHANGED)}
    return {"changes": len(result.changes), **ops,
            "fields": len({field_of(c.pointer) for c in result.changes}),
            "sentences": sum(_sentence_count(c) for c in result.changes),
            "cards": len({card_of(c.pointer) for c in result.changes}),
            "introduced": len(result.introduced), "fixed": len(result.fixed)}


def summary(result: DiffResult) -> str:
    n = counts(result)
    return (f"{_plural(n['changes'], 'change')} ({n[ADDED]} added, {n[REMOVED]} removed, "
            f"{n[CHANGED]} changed) in {_plural(n['fields'], 'field')}, "
            f"{_plural(n['sentences'], 'sentence')}, {_plural(n['cards'], 'card')}; "
            f"findings: {n['introduced']} introduced, {n['fixed']} fixed")


def format_text(result: DiffResult, *, color: bool = False, hunks: bool = False) -> str:
    """The diff for people. ``hunks`` heads each change with ``@@ /pointer @@ kind``, the
    form used when git runs storygen as its external diff."""
    paint = Painter(color)
    out = [paint("header", f"--- {result.old_label}"), paint("header", f"+++ {result.new_label}")]
    if result.equal:
        out.append("no changes")
        return "\n".join(out) + "\n"
    for change in result.changes:
        out.extend(_change_lines(change, paint, hunks))
    if result.introduced:
        out.append("findings introduced:")
        out.extend(_finding_line(f, paint, ADDED) for f in result.introduced)
    if result.fixed:
        out.append("findings fixed:")
        out.extend(_finding_line(f, paint, REMOVED) for f in result.fixed)
    out.append(summary(result))
    return "\n".join(out) + "\n"


# ---- markdown, for pull-request comments and CI job summaries -------------------------------

_MD_SPECIAL = set("\\`*_[]<>|~&#@$!")


def md_escape(text: str) -> str:
    """Story text as inert markdown: every character markdown, HTML or a mention could use
    is backslash-escaped and line breaks become spaces, so the text shows as written."""
    flat = " ".join(str(text).split())
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in flat)


def md_code(text: str) -> str:
    """``text`` as an inline code span that no backtick inside it can close early."""
    flat = " ".join(str(text).split()) or " "
    fence = "`" * (max((len(run) for run in re.findall("`+", flat)), default=0) + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def _md_segments(segments: list[Segment]) -> str:
    parts = []
    for seg in segments:
        text = md_escape(seg.text)
        if seg.op == DELETE:
            parts.append(f"~~{text}~~")
        elif seg.op == INSERT:
            parts.append(f"**{text}**")
        else:
            parts.append(text)
    return " ".join(parts)


def _md_sentence(change: SentenceChange) -> list[str]:
    if change.kind == EDITED:
        return [f"  - edited: {_md_segments(list(change.segments))}"]
    lines = []
    if change.old:
        lines.append(f"  - removed: ~~{md_escape(change.old)}~~")
    if change.new:
        lines.append(f"  - added: {md_escape(change.new)}")
    return lines


def _md_value(value: Any) -> str:
    return md_escape(_scalar(value))


def _md_change(change: Change) -> list[str]:
    head = f"- {md_code(change.pointer or '/')} {change.op}"
    if change.op == CHANGED and isinstance(change.old, str) and isinstance(change.new, str):
        return [head] + [line for sentence in sentence_changes(change.old, change.new)
                         for line in _md_sentence(sentence)]
    if change.op == CHANGED:
        return [f"{head}: ~~{_md_value(change.old)}~~ → **{_md_value(change.new)}**"]
    value = change.new if change.op == ADDED else change.old
    mark = "**{}**" if change.op == ADDED else "~~{}~~"
    if not isinstance(value, (dict, list)):
        return [f"{head}: " + mark.format(_md_value(value))]
    return [head] + [f"  - {md_code(sub or '/')}: " + mark.format(_md_value(v))
                     for sub, v in leaves(value)]


def _md_finding(finding: Finding) -> str:
    return (f"- **{md_escape(finding.code)}** {finding.severity.value} "
            f"{md_code(finding.pointer or '/')}: {md_escape(finding.message)}")


def markdown_body(result: DiffResult, level: int = 3) -> list[str]:
    """The lines of one story's markdown diff, headed at ``level``."""
    h = "#" * level
    out = [f"{h} {md_code(result.old_label)} → {md_code(result.new_label)}", ""]
    if result.equal:
        return [*out, "No changes.", ""]
    out += [md_escape(summary(result)), ""]
    for card, changes in result.by_card():
        out += [f"{h}# {card}", ""]
        for change in changes:
            out.extend(_md_change(change))
        out.append("")
    for title, findings in (("Findings introduced", result.introduced),
                            ("Findings fixed", result.fixed)):
        if findings:
            out += [f"{h}# {title}", "", *(_md_finding(f) for f in findings), ""]
    return out


def format_markdown(result: DiffResult, *, color: bool = False) -> str:
    """The diff as GitHub-flavoured markdown: changes grouped by card, each naming its field;
    word marks (``~~removed~~ **added**``) for small edits, whole sentences for rewrites."""
    return "\n".join(markdown_body(result)).rstrip("\n") + "\n"


# ---- JSON, for tools -------------------------------------------------------------------------

def _sentence_json(change: SentenceChange) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": change.kind}
    if change.old:
        data["old"] = change.old
    if change.new:
        data["new"] = change.new
    if change.kind == EDITED:
        data["words"] = [{"op": s.op, "text": s.text} for s in change.segments]
    return data


def _change_json(change: Change) -> dict[str, Any]:
    data: dict[str, Any] = {"op": change.op, "pointer": change.pointer,
                            "card": card_of(change.pointer), "field": field_of(change.pointer)}
    if change.op != ADDED:
        data["old"] = change.old
    if change.op != REMOVED:
        data["new"] = change.new
    if change.op == CHANGED and isinstance(change.old, str) and isinstance(change.new, str):
        data["words"] = [{"op": s.op, "text": s.text} for s in all_segments(change.old, change.new)]
        data["sentences"] = [_sentence_json(s) for s in sentence_changes(change.old, change.new)]
    return data


def result_json(result: DiffResult) -> dict[str, Any]:
    """One story's diff as data."""
    return {
        "old": result.old_label,
        "new": result.new_label,
        "equal": result.equal,
        "counts": counts(result),
        "changes": [_change_json(c) for c in result.changes],
        "findings": {"introduced": [f.as_dict() for f in result.introduced],
                     "fixed": [f.as_dict() for f in result.fixed]},
    }


def format_json(result: DiffResult, *, color: bool = False) -> str:
    return printable_json(json.dumps(result_json(result), indent=2, ensure_ascii=False)) + "\n"


FORMAT_BY_NAME: dict[str, Callable[..., str]] = {"text": format_text, "json": format_json,
                                                 "markdown": format_markdown}


def textconv(data: Any) -> str:
    """One line per scalar (``/pointer: value``), one sentence a line in long text, each line
    led by its field's pointer, so every line of git's line diff of stories names its field
    (and, with ``xfuncname`` set to ``^(/[^:]*):``, so does every hunk header)."""
    out = []
    for pointer, value in leaves(data):
        if not isinstance(value, str):
            out.append(f"{pointer}: {_scalar(value)}")
            continue
        sentences = [s.text for s in split_sentences(value)] or [""]
        out.extend(f"{pointer}: {sentence}" for sentence in sentences)
    return "".join(printable(line, keep="\t") + "\n" for line in out)

"""The draft command's truth invariant: a written story never holds a truth error.

After drafting (and after any model repair), every field that still has an error finding of
a truth rule (GRD001: a figure the notes do not hold; GRD003: instruction or prompt text) loses
the offending sentences. A field left empty takes the offline draft's text for that field when
that text is itself clean, else a ``[To fill in from your notes: ...]`` placeholder. Each
change is named (``Removal``), recorded in ``provenance.removed``, and makes the run exit 1.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from storygen.checks.rules.base import get, sentences
from storygen.core.findings import Finding, Severity

TRUTH_CODES = ("GRD001", "GRD003")
"""The truth rules whose error findings a drafted story may never keep."""

Checker = Callable[[dict[str, Any]], list[Finding]]

_FIGURE = re.compile(r"figure '([^']+)'")


@dataclass(frozen=True, slots=True)
class Removal:
    """What was taken out of one field, and why."""

    pointer: str
    why: str
    replaced_by: str = ""  # "", "offline" or "placeholder"

    def message(self) -> str:
        tail = {"offline": "; the field now holds the offline draft's text",
                "placeholder": "; the field is now a placeholder to fill in from the notes"}
        return f"removed from {self.pointer}: {self.why}" + tail.get(self.replaced_by, "")


def truth_errors(findings: Sequence[Finding]) -> dict[str, list[Finding]]:
    """Pointer -> the truth errors found there."""
    found: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.code in TRUTH_CODES and finding.severity == Severity.ERROR:
            found.setdefault(finding.pointer, []).append(finding)
    return found


def _why(findings: Sequence[Finding]) -> str:
    figures = [m.group(1) for f in findings if (m := _FIGURE.search(f.message))]
    parts = []
    if figures:
        shown = ", ".join(f"'{text}'" for text in dict.fromkeys(figures))
        parts.append(f"a figure the notes do not hold ({shown})" if len(figures) == 1
                     else f"figures the notes do not hold ({shown})")
    if any(f.code == "GRD003" for f in findings):
        parts.append("instruction or prompt text")
    return " and ".join(parts) or "a claim the notes do not hold"


def _steps(pointer: str) -> list[str | int]:
    return [int(part) if part.isdigit() else part for part in pointer.strip("/").split("/")]


def lookup(data: Any, pointer: str) -> Any:
    """The value at a JSON pointer, or None."""
    return get(data, *_steps(pointer))


def _assign(data: Any, pointer: str, value: str) -> None:
    *parents, last = _steps(pointer)
    target = lookup(data, "/" + "/".join(map(str, parents))) if parents else data
    target[last] = value


def placeholder(pointer: str) -> str:
    """A placeholder naming the field in words, with no digit (a digit would read as a figure)."""
    words = [str(step).replace("_", " ") for step in _steps(pointer)
             if isinstance(step, str) and step != "sections"]
    return f"[To fill in from your notes: the {' '.join(words)}.]"


def keep_truth(data: dict[str, Any], offline: dict[str, Any], check: Checker,
               extra: Sequence[Finding] = ()) -> tuple[dict[str, Any], list[Removal]]:
    """``data`` with every truth error taken out, and what was taken out.

    ``check`` gives a story's findings (with its notes); ``extra`` adds findings the rule
    engine cannot make (GRD003, known only to the model drafter). Sentences are dropped one
    by one: a sentence stays when the field holding it alone has no truth error.
    """
    bad = truth_errors([*check(data), *extra])
    if not bad:
        return data, []
    out = copy.deepcopy(data)
    removals: list[Removal] = []
    for pointer, found in bad.items():
        text = lookup(out, pointer)
        if not isinstance(text, str):
            continue
        guarded = any(f.code == "GRD003" for f in found)
        kept = [] if guarded else [
            text[span.start:span.end].strip() for span in sentences(text)
            if not _fails(out, pointer, text[span.start:span.end].strip(), check)]
        cleaned = " ".join(part for part in kept if part)
        replaced = ""
        if not cleaned:
            fallback = lookup(offline, pointer)
            if isinstance(fallback, str) and fallback.strip() \
                    and not _fails(out, pointer, fallback, check):
                cleaned, replaced = fallback, "offline"
            else:
                cleaned, replaced = placeholder(pointer), "placeholder"
        _assign(out, pointer, cleaned)
        removals.append(Removal(pointer, _why(found), replaced))
    return out, removals


def _fails(data: dict[str, Any], pointer: str, text: str, check: Checker) -> bool:
    trial = copy.deepcopy(data)
    _assign(trial, pointer, text)
    return pointer in truth_errors(check(trial))

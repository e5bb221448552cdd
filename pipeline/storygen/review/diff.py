"""``storygen diff``: what changed between two versions of a story, by JSON pointer,
and which rule findings the change introduced or fixed."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from storygen.checks.rules.engine import GROUNDING, settings_or_default
from storygen.checks.settings import Settings
from storygen.checks.validate import ValidateOptions, check_source
from storygen.core.findings import Finding
from storygen.story.loader import DEFAULT_MAX_BYTES, Source, escape_token, load_story_source

ADDED, REMOVED, CHANGED = "added", "removed", "changed"
DEV_NULL = "/dev/null"

OTHER = "Other"
CARDS = ("Overview", "Situation", "Task", "Action", "Result", "Reflection", "Reflections",
         "Probes", "Weak answer", "Quizzes", "Principle variants", "Level variants", OTHER)
"""The cards a story is read and practised as, in the order a change list groups them."""

_TOP_CARDS = {"reflections": "Reflections", "probes": "Probes", "weak_answer": "Weak answer",
              "quizzes": "Quizzes", "principle_variants": "Principle variants",
              "level_variants": "Level variants", "lint": OTHER, "provenance": OTHER}
_SECTION_CARDS = {"situation": "Situation", "task": "Task", "action": "Action",
                  "result": "Result", "reflection": "Reflection"}
_OVERVIEW_KEYS = ("schema_version", "id", "title", "company", "principle", "question", "role",
                  "level", "overview")


def card_of(pointer: str) -> str:
    """The card a JSON pointer belongs to (``/sections/action/...`` is Action)."""
    tokens = pointer.split("/")[1:]
    if not tokens:
        return OTHER
    if tokens[0] == "sections" and len(tokens) > 1:
        return _SECTION_CARDS.get(tokens[1], OTHER)
    if tokens[0] in _OVERVIEW_KEYS:
        return "Overview"
    return _TOP_CARDS.get(tokens[0], OTHER)


def field_of(pointer: str) -> str:
    """The named field a pointer lies in: list indices at the end dropped
    (``/quizzes/0/options/2`` is in ``/quizzes/0/options``)."""
    tokens = pointer.split("/")
    while len(tokens) > 2 and tokens[-1].isdigit():
        tokens.pop()
    return "/".join(tokens)


@dataclass(frozen=True, slots=True)
class Change:
    """One difference: a value added, removed or changed at a JSON pointer."""

    op: str
    pointer: str
    old: Any = None
    new: Any = None


@dataclass(slots=True)
class DiffResult:
    old_label: str
    new_label: str
    changes: list[Change]
    introduced: list[Finding] = field(default_factory=list)
    fixed: list[Finding] = field(default_factory=list)

    @property
    def equal(self) -> bool:
        return not self.changes

    def by_card(self) -> list[tuple[str, list[Change]]]:
        """The changes grouped by card, cards in story order, changes in document order."""
        groups: dict[str, list[Change]] = {}
        for change in self.changes:
            groups.setdefault(card_of(change.pointer), []).append(change)
        return [(card, groups[card]) for card in CARDS if card in groups]


def _same(old: Any, new: Any) -> bool:
    return type(old) is type(new) and old == new


def compare(old: Any, new: Any, pointer: str = "") -> list[Change]:
    """Every difference between two JSON-like values, in document order."""
    if isinstance(old, dict) and isinstance(new, dict):
        changes: list[Change] = []
        for key, value in old.items():
            child = f"{pointer}/{escape_token(key)}"
            if key in new:
                changes.extend(compare(value, new[key], child))
            else:
                changes.append(Change(REMOVED, child, old=value))
        changes.extend(Change(ADDED, f"{pointer}/{escape_token(key)}", new=value)
                       for key, value in new.items() if key not in old)
        return changes
    if isinstance(old, list) and isinstance(new, list):
        return _compare_lists(old, new, pointer)
    return [] if _same(old, new) else [Change(CHANGED, pointer, old, new)]


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _compare_lists(old: list[Any], new: list[Any], pointer: str) -> list[Change]:
    """Align list items so an inserted probe is one addition, not a cascade of changes."""
    changes: list[Change] = []
    matcher = SequenceMatcher(None, [_key(x) for x in old], [_key(x) for x in new],
                              autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        paired = min(i2 - i1, j2 - j1)
        for k in range(paired):
            changes.extend(compare(old[i1 + k], new[j1 + k], f"{pointer}/{j1 + k}"))
        changes.extend(Change(REMOVED, f"{pointer}/{i}", old=old[i])
                       for i in range(i1 + paired, i2))
        changes.extend(Change(ADDED, f"{pointer}/{j}", new=new[j])
                       for j in range(j1 + paired, j2))
    return changes


def load_side(path: Path, label: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Source | None:
    """One side of the diff, shown under ``label``; ``/dev/null`` (added or deleted) is None."""
    if str(path) == DEV_NULL:
        return None
    source = load_story_source(path, max_bytes=max_bytes)
    source.path = label
    return source


@dataclass(frozen=True, slots=True)
class Notes:
    """The notes one side of a diff is judged against, when read from somewhere other than
    the working tree (a git revision). ``text`` None: the notes file the story names is not
    there at that revision, so GRD001 is skipped for that side, as ``storygen validate``
    skips it when the notes are missing."""

    text: str | None


def _findings(source: Source | None, settings: Settings | None,
              notes: Notes | None) -> list[Finding]:
    if source is None:
        return []
    notes_text = None
    if notes is not None and notes.text is None:
        base = settings_or_default(settings)
        settings = dataclasses.replace(base, ignore=(*base.ignore, GROUNDING))
    elif notes is not None:
        notes_text = notes.text
    options = ValidateOptions(paths=[], settings=settings)
    return check_source(source, options, notes_text=notes_text)[0]


def _unmatched(ours: list[Finding], theirs: list[Finding], key: Any) -> list[Finding]:
    left = Counter(key(f) for f in theirs)
    out = []
    for finding in ours:
        if left[key(finding)]:
            left[key(finding)] -= 1
        else:
            out.append(finding)
    return out


def _exact(f: Finding) -> tuple[str, str, str]:
    return f.code, f.pointer, f.message


def _place(f: Finding) -> tuple[str, str]:
    return f.code, f.pointer


def _minus(ours: list[Finding], theirs: list[Finding]) -> list[Finding]:
    """Findings in ``ours`` with no counterpart in ``theirs``: first the same code, pointer
    and message are paired (so a second figure flagged in a field is the one reported), then
    what is left by code and pointer (so a finding whose message only renumbers its sentence
    is not reported as introduced and fixed)."""
    ours, theirs = sorted(ours, key=lambda f: f.sort_key), sorted(theirs, key=lambda f: f.sort_key)
    ours_left, theirs_left = _unmatched(ours, theirs, _exact), _unmatched(theirs, ours, _exact)
    return _unmatched(ours_left, theirs_left, _place)


def diff_sources(old: Source | None, new: Source | None, *,
                 settings: Settings | None = None, old_notes: Notes | None = None,
                 new_notes: Notes | None = None) -> DiffResult:
    """Structural changes plus the findings introduced (new only) and fixed (old only).

    Each side's GRD001 is judged against its own notes: ``old_notes``/``new_notes`` when
    given (the notes at that side's revision), else the notes file the story names on disk.
    """
    old_data = old.data if old is not None else {}
    new_data = new.data if new is not None else {}
    result = DiffResult(old.path if old else DEV_NULL, new.path if new else DEV_NULL,
                        compare(old_data, new_data))
    if result.changes:
        old_findings, new_findings = (_findings(old, settings, old_notes),
                                      _findings(new, settings, new_notes))
        result.introduced = _minus(new_findings, old_findings)
        result.fixed = _minus(old_findings, new_findings)
    return result

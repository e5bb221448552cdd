"""Run the rules on a story: settings, notes, locations, and ``lint.ignore`` suppressions."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from storygen.checks.rules.base import Context, Hit, NotesFigures, Rule, get, items
from storygen.checks.rules.grounding import notes_figures
from storygen.checks.rules.locate import field_position
from storygen.checks.rules.registry import (
    LINT_CODE,
    NOTES_NOT_FOUND_CODE,
    OTHER_CODES,
    RULE_BY_CODE,
    RULES,
)
from storygen.checks.settings import Settings
from storygen.core.errors import InputError
from storygen.core.findings import Finding, Severity
from storygen.core.fsutil import real_path
from storygen.story.loader import DEFAULT_MAX_BYTES, Source, read_text
from storygen.story.provenance import find_notes, notes_candidates

GROUNDING = "GRD001"
NO_NOTES = ("GRD001 skipped: the story has no provenance.notes and no --notes FILE was given, "
            "so its figures were not checked against notes")
_DEFAULT_SETTINGS = Settings()


def active_rules(settings: Settings) -> list[tuple[Rule, Severity]]:
    """The rules a run uses, each with the severity the configuration gives it."""
    return _active(settings.select, settings.ignore, tuple(sorted(settings.severity.items())))


@functools.lru_cache(maxsize=32)
def _active(select: tuple[str, ...], ignore: tuple[str, ...],
            severity: tuple[tuple[str, str], ...]) -> list[tuple[Rule, Severity]]:
    settings = Settings(select=select, ignore=ignore, severity=dict(severity))
    chosen = []
    for rule in RULES:
        level = settings.severity_for(rule.code, rule.severity)
        if settings.enabled(rule.code) and level is not None:
            chosen.append((rule, level))
    return chosen


@functools.lru_cache(maxsize=64)
def _notes_file(path: str, mtime_ns: int, size: int, label: str) -> NotesFigures:
    text = read_text(Path(path), max_bytes=DEFAULT_MAX_BYTES, what="notes file")
    return notes_figures(text, label)


def read_notes_figures(path: Path, label: str) -> NotesFigures:
    """The figures of a notes file (cached while the file is unchanged); InputError if unreadable."""
    try:
        stat = path.stat()
    except OSError:
        read_text(path, max_bytes=DEFAULT_MAX_BYTES, what="notes file")  # the one-line error
        raise
    try:
        return _notes_file(str(real_path(path)), stat.st_mtime_ns, stat.st_size, label)
    except InputError as exc:
        exc.path = str(path)
        raise


def resolve_notes(source: Source, notes_path: Path | None,
                  notes_text: str | None) -> tuple[NotesFigures | None, str | None]:
    """The notes GRD001 checks against, and a notice when there are none.

    In-memory notes win, then ``provenance.notes`` (found by ``find_notes``: the story's
    repository root, then the story's folder), then ``--notes``. ``(None, None)`` means the
    story names notes that are nowhere: ``notes_not_found`` reports that as GRD002.
    """
    named = get(source.data, "provenance", "notes")
    if notes_text is not None:
        return notes_figures(notes_text, str(named or "the notes given")), None
    if isinstance(named, str) and named.strip():
        found = find_notes(Path(source.path), named)
        if found is not None:
            return read_notes_figures(found, named), None
        if notes_path is None:
            return None, None
    if notes_path is not None:
        return read_notes_figures(notes_path, str(notes_path)), None
    return None, NO_NOTES


def notes_not_found(source: Source, settings: Settings) -> list[Finding]:
    """GRD002 for a story whose provenance.notes names a file that is nowhere."""
    named = str(get(source.data, "provenance", "notes"))
    level = settings.severity_for(NOTES_NOT_FOUND_CODE,
                                  OTHER_CODES[NOTES_NOT_FOUND_CODE].severity)
    if level is None or not settings.enabled(NOTES_NOT_FOUND_CODE):
        return []
    looked = " or ".join(str(p) for p in notes_candidates(Path(source.path), named))
    message = (f"its notes file {named!r} (provenance.notes) is not at {looked}, so GRD001 "
               "did not check its figures: correct provenance.notes or pass --notes FILE")
    return [to_finding(source, NOTES_NOT_FOUND_CODE, level, Hit("/provenance/notes", message))]


def _value_at(data: Any, pointer: str) -> Any:
    current = data
    for token in pointer.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(current, list) and token.isdigit():
            current = get(current, int(token))
        else:
            current = get(current, token)
    return current


def to_finding(source: Source, code: str, severity: Severity, hit: Hit) -> Finding:
    """A rule's hit as a finding with the file's line and column (of the sentence, in blocks)."""
    value = _value_at(source.data, hit.pointer) if hit.offset is not None else None
    line, column = field_position(source, hit.pointer, value, hit.offset)
    return Finding(code, severity, hit.message, hit.pointer, source.path, line, column)


def _covers(path: Any, pointer: str) -> bool:
    if not isinstance(path, str) or not path:
        return True
    path = path.rstrip("/")
    return not path or pointer == path or pointer.startswith(path + "/")


def apply_ignores(source: Source, findings: list[Finding], settings: Settings,
                  ran: set[str], notes_checked: bool) -> list[Finding]:
    """Drop the findings that ``lint.ignore`` suppresses; report entries that match nothing."""
    entries = items(source.data, "lint", "ignore")
    if not entries:
        return findings
    used = [False] * len(entries)
    kept = []
    for finding in findings:
        suppressed = False
        for k, (_, entry) in enumerate(entries):
            if get(entry, "rule") == finding.code and _covers(get(entry, "path"), finding.pointer):
                used[k] = suppressed = True
        if not suppressed:
            kept.append(finding)
    level = settings.severity_for(LINT_CODE, OTHER_CODES[LINT_CODE].severity)
    if level is None or not settings.enabled(LINT_CODE):
        return kept
    for k, (_, entry) in enumerate(entries):
        rule, path = get(entry, "rule"), get(entry, "path")
        if used[k] or (rule in RULE_BY_CODE and rule not in ran):
            continue
        if rule == GROUNDING and not notes_checked:
            continue
        where = f" at {path}" if path else ""
        if rule in RULE_BY_CODE or rule == NOTES_NOT_FOUND_CODE:
            message = (f"lint.ignore entry {k + 1} ({rule}{where}) matches no finding: "
                       "remove it, or fix its path")
        else:
            message = (f"lint.ignore entry {k + 1} names {rule!r}, which is not a rule code "
                       "(list them with `storygen rules`): remove it")
        kept.append(to_finding(source, LINT_CODE, level, Hit(f"/lint/ignore/{k}", message)))
    return kept


def settings_or_default(settings: Settings | None) -> Settings:
    """The given Settings, or the defaults for None."""
    return _DEFAULT_SETTINGS if settings is None else settings


def check_story(source: Source, story: Any = None, *, settings: Settings | None = None,
                notes_path: Path | None = None,
                notes_text: str | None = None) -> tuple[list[Finding], tuple[str, ...]]:
    """Every rule finding for a story that matches the schema, and the run's notices.

    ``story`` (the validated model) is accepted for callers that have it; the rules read
    ``source.data``, which holds the same values. ``settings`` None means the defaults.
    """
    settings = settings_or_default(settings)
    active = active_rules(settings)
    notes, notice, missing = None, None, False
    if any(rule.code == GROUNDING for rule, _ in active):
        notes, notice = resolve_notes(source, notes_path, notes_text)
        missing = notes is None and notice is None
    ctx = Context(source.data if isinstance(source.data, Mapping) else {},
                  rate_wpm=float(settings.speaking_rate_wpm), notes=notes)
    findings = [to_finding(source, rule.code, level, hit)
                for rule, level in active for hit in rule.check(ctx)]
    ran = {rule.code for rule, _ in active}
    if missing:
        findings += notes_not_found(source, settings)
    findings = apply_ignores(source, findings, settings, ran, notes is not None)
    findings.sort(key=lambda f: f.sort_key)
    return findings, (notice,) if notice else ()

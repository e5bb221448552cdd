"""Validate story files: read each safely, check the schema, then the rules, collect everything."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storygen.checks.rules.engine import check_story
from storygen.checks.settings import Settings
from storygen.core.errors import InputError
from storygen.core.findings import FileResult, Finding, Severity, fails
from storygen.story.canonical import dump
from storygen.story.loader import DEFAULT_MAX_BYTES, Source, find_story_files, load_story_source, parse_text
from storygen.story.schema_check import schema_findings


@dataclass(slots=True)
class ValidateOptions:
    """What ``storygen validate`` was asked to do."""

    paths: list[Path]
    rules: bool = True
    notes: Path | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    fail_on: Severity = Severity.ERROR
    settings: Settings | None = field(default=None)


def check_source(source: Source, options: ValidateOptions, *, notes_text: str | None = None,
                 ) -> tuple[list[Finding], tuple[str, ...]]:
    """Schema findings, then (when the schema holds and rules are on) rule findings."""
    findings, story = schema_findings(source)
    notices: tuple[str, ...] = ()
    if story is not None and options.rules:
        rule_findings, notices = check_story(source, story, settings=options.settings,
                                             notes_path=options.notes, notes_text=notes_text)
        findings.extend(rule_findings)
    return findings, notices


def check_file(path: Path, options: ValidateOptions) -> FileResult:
    """Everything wrong with one file; an unreadable file becomes a one-line error."""
    try:
        source = load_story_source(path, max_bytes=options.max_bytes)
    except InputError as exc:
        return FileResult(str(path), [], error=exc.one_line())
    try:
        findings, notices = check_source(source, options)
    except InputError as exc:
        if options.notes is not None and exc.path == str(options.notes):
            raise  # --notes serves every story: one error for the run
        # the notes this story's provenance names: this story's error, the others still run
        return FileResult(str(path), [], error=f"{path}: its provenance.notes file: "
                                               f"{exc.one_line()}")
    return FileResult(str(path), findings, notices=notices)


def validate_paths(options: ValidateOptions) -> list[FileResult]:
    """Check every story file under the given paths, collecting all results first."""
    files = find_story_files(options.paths)
    return [check_file(path, options) for path in files]


def exit_status(results: list[FileResult], fail_on: Severity) -> int:
    """0 when nothing is at or above ``fail_on``, 1 when something is, 2 when a file was unreadable."""
    if any(r.error for r in results):
        return 2
    return 1 if any(fails(r.findings, fail_on) for r in results) else 0


def check_data(data: dict[str, Any], *, notes_text: str | None = None, settings: Settings | None = None,
               path: str = "<draft>") -> list[Finding]:
    """Schema and rule findings for a story held in memory (drafters use this).

    The data is written in canonical form and read back, so findings carry the
    lines they will have in the file.
    """
    source = parse_text(dump(data), path)
    findings, _ = check_source(source, ValidateOptions(paths=[], settings=settings),
                               notes_text=notes_text)
    return findings

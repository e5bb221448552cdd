"""``storygen fmt``: rewrite story files in canonical form, or report which would change."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from storygen.core.errors import ExitStatus, InputError
from storygen.core.fsutil import atomic_write
from storygen.story.canonical import dump
from storygen.story.loader import DEFAULT_MAX_BYTES, find_story_files, load_story_source, parse_text


@dataclass(slots=True)
class FormatOptions:
    paths: list[Path]
    check: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES


@dataclass(slots=True)
class FormatReport:
    lines: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    changed: int = 0
    exit_status: int = ExitStatus.OK


def format_text(text: str, path: str = "<string>") -> str:
    """The canonical form of a story's text (raises InputError when it cannot be parsed)."""
    return dump(parse_text(text, path).data)


def format_paths(options: FormatOptions) -> FormatReport:
    """Format every story file under the paths; unreadable files are reported, never touched."""
    report = FormatReport()
    files = find_story_files(options.paths)
    if not files:
        raise InputError("no story files found (looked for *.story.yaml, *.story.yml, "
                         "*.story.json)", path=", ".join(str(p) for p in options.paths))
    for path in files:
        try:
            source = load_story_source(path, max_bytes=options.max_bytes)
        except InputError as exc:
            report.errors.append(exc.one_line())
            continue
        if path.suffix == ".json":
            report.lines.append(f"{path}: skipped (JSON stories are not reformatted)")
            continue
        canonical = dump(source.data)
        if canonical == source.text:
            continue
        report.changed += 1
        if options.check:
            report.lines.append(f"would reformat {path}")
        elif not path.stat().st_mode & 0o222 or not os.access(path, os.W_OK):
            report.changed -= 1
            report.errors.append(f"{path}: read-only, so not reformatted; make it writable "
                                 "to format it")
        else:
            try:
                atomic_write(path, canonical)
            except OSError as exc:  # this file's error; the other files are still formatted
                report.changed -= 1
                report.errors.append(f"{path}: cannot write: {exc.strerror or exc}")
                continue
            report.lines.append(f"reformatted {path}")
    unchanged = len(files) - report.changed - len(report.errors)
    verb = "would be reformatted" if options.check else "reformatted"
    report.lines.append(f"{report.changed} file{'s' if report.changed != 1 else ''} {verb}, "
                        f"{unchanged} unchanged")
    if report.errors:
        report.exit_status = ExitStatus.USAGE
    elif options.check and report.changed:
        report.exit_status = ExitStatus.FINDINGS
    return report

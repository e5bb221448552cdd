"""``storygen fmt``: rewrite story files in canonical form, or report which would change."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from storygen.core.errors import ExitStatus, InputError
from storygen.core.fsutil import atomic_write
from storygen.story.canonical import dump
from storygen.story.loader import (
    DEFAULT_MAX_BYTES,
    Source,
    find_story_files,
    load_story_source,
    parse_text,
)

try:  # the C scanner is much faster; the pure one behaves the same
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


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


def comment_line(text: str) -> int | None:
    """The line of the first YAML comment in ``text`` (which formatting would drop), or None.

    Comments are what lies between the scanner's tokens and starts with ``#``."""
    try:
        tokens = list(yaml.scan(text, Loader=_Loader))
    except yaml.YAMLError:
        return None
    position = 0
    for token in tokens:
        gap = text[position:token.start_mark.index]
        if "#" in gap:
            return text.count("\n", 0, position + gap.index("#")) + 1
        position = max(position, token.end_mark.index)
    return None


def _unsafe_to_format(source: Source, canonical: str, max_bytes: int) -> str | None:
    """Why writing ``canonical`` over the story would lose something, or None."""
    line = comment_line(source.text)
    if line is not None:
        return (f"{source.path}:{line}: has YAML comments, which fmt would drop; remove them "
                "or move them to lint.ignore reasons")
    size = len(canonical.encode("utf-8"))
    if size > max_bytes:
        return (f"{source.path}: formatted it would be {size:,} bytes, over the "
                f"{max_bytes:,}-byte limit; not reformatted")
    try:
        again = parse_text(canonical, source.path).data
    except InputError as exc:
        return f"{source.path}: the formatted text would not read back ({exc.message}); " \
               "not reformatted"
    if _same_data(again, source.data):
        return None
    return f"{source.path}: the formatted text would read back differently; not reformatted"


def _same_data(a: Any, b: Any) -> bool:
    """Equal data, NaN equal to NaN."""
    return json.dumps(a, sort_keys=True, default=str) == json.dumps(b, sort_keys=True,
                                                                     default=str)


def format_paths(options: FormatOptions) -> FormatReport:
    """Format every story file under the paths; unreadable files are reported, never touched."""
    report = FormatReport()
    files = find_story_files(options.paths)
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
        problem = _unsafe_to_format(source, canonical, options.max_bytes)
        if problem is not None:
            report.errors.append(problem)
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

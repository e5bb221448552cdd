"""Running ``storygen diff``: two files, or the arguments git passes to an external diff command.

Git calls an external diff with 7 arguments (path old-file old-hex old-mode new-file new-hex
new-mode), 9 for a rename or copy (the new path and a header follow), or 1 for an unmerged
path (taken as such only when git's ``GIT_DIFF_PATH_COUNTER``/``GIT_DIFF_PATH_TOTAL`` are
set: from a shell, one argument is a usage error). ``/dev/null`` stands for the missing side
of an added or deleted file. Git treats any non-zero exit as a crash, so in git mode the exit
is 0 and a story that cannot be read is shown as a plain line diff. Each change is headed
``@@ /pointer @@ kind`` there, so a pager or a reader scanning hunks sees the field.

``git`` (``--git A..B``) compares every story changed between two revisions instead; see
:mod:`storygen.review.diff_git`.
"""

from __future__ import annotations

import difflib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from storygen.checks.stories import rule_settings
from storygen.core.errors import ExitStatus, InputError, UsageError
from storygen.core.fsutil import read_bounded
from storygen.core.terminal import printable, use_color
from storygen.review.diff import DEV_NULL, diff_sources, load_side
from storygen.review.diff_format import (
    FORMAT_BY_NAME,
    format_text,
    markdown_body,
    md_code,
    md_escape,
    result_json,
)
from storygen.review.diff_git import StoryDiff, diff_range, external_notes
from storygen.story.loader import DEFAULT_MAX_BYTES

GIT_ARG_COUNTS = (1, 7, 9)
COLORS = ("auto", "always", "never")


@dataclass(slots=True)
class DiffOptions:
    """What ``storygen diff`` was asked to compare and how to show it."""

    args: list[str]
    output_format: str = "text"
    color: str = "auto"
    max_bytes: int = DEFAULT_MAX_BYTES
    stdout_is_tty: bool = False
    git: str | None = None


@dataclass(frozen=True, slots=True)
class DiffRun:
    output: str
    exit_status: int


def _use_color(options: DiffOptions, git_mode: bool) -> bool:
    if options.color not in COLORS:
        raise UsageError(f"--color must be auto, always or never, not {options.color!r}")
    if options.color != "auto":
        return options.color == "always"
    return use_color(tty=options.stdout_is_tty
                     or (git_mode and bool(os.environ.get("GIT_PAGER_IN_USE"))))


def _called_by_git() -> bool:
    """Git sets these for every external diff call, the unmerged-path one included."""
    return any(name in os.environ for name in ("GIT_DIFF_PATH_COUNTER", "GIT_DIFF_PATH_TOTAL"))


def _label(side: str, path: str, file: Path) -> str:
    return DEV_NULL if str(file) == DEV_NULL else f"{side}/{path}"


NO_NEWLINE = "\\ No newline at end of file\n"


def _lines(path: Path, max_bytes: int) -> list[str]:
    if str(path) == DEV_NULL:
        return []
    raw = read_bounded(path, max_bytes, "file")
    return raw.decode("utf-8", errors="replace").splitlines(keepends=True)


def plain_diff(old: Path, new: Path, labels: tuple[str, str], reason: str,
               max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """A note and a unified line diff, for files that are not readable stories; a last line
    without a newline is marked as diff(1) marks it, control characters are escaped."""
    note = f"storygen: {printable(reason, keep='')}; showing a line diff\n"
    try:
        old_lines, new_lines = _lines(old, max_bytes), _lines(new, max_bytes)
    except InputError as exc:
        return note + f"storygen: {exc.one_line()}; no line diff either\n"
    out = []
    for line in difflib.unified_diff(old_lines, new_lines, *labels):
        out.append(printable(line, keep="\t\n"))
        if not line.endswith("\n"):
            out.append("\n" + NO_NEWLINE)
    return note + "".join(out)


def run_diff(options: DiffOptions) -> DiffRun:
    """Compare the two sides and format the result; the exit status follows diff(1) or git."""
    args = options.args
    if options.output_format not in FORMAT_BY_NAME:
        raise UsageError(f"unknown --format {options.output_format!r}; "
                         "use text, markdown or json")
    if options.git is not None:
        return run_git_range(options)
    if len(args) not in (2, *GIT_ARG_COUNTS):
        raise UsageError("diff takes OLD NEW (or the 7 or 9 arguments git passes), "
                         f"not {len(args)} arguments")
    git_mode = len(args) != 2
    if len(args) == 1:
        if not _called_by_git():
            raise UsageError(f"one argument ({args[0]}) is not enough; usage: storygen diff OLD "
                             "NEW (one argument is read as an unmerged path only when git "
                             "calls storygen as its external diff)")
        return DiffRun(f"* Unmerged path {args[0]}\n", ExitStatus.OK)
    header = ""
    if git_mode:
        old, new = Path(args[1]), Path(args[4])
        labels = (_label("a", args[0], old), _label("b", args[7] if len(args) == 9 else args[0],
                                                     new))
        header = args[8].rstrip("\n") + "\n" if len(args) == 9 else ""
    else:
        old, new = Path(args[0]), Path(args[1])
        labels = (args[0], args[1])
    try:
        old_source = load_side(old, labels[0], max_bytes=options.max_bytes)
        new_source = load_side(new, labels[1], max_bytes=options.max_bytes)
        old_notes = new_notes = None
        if git_mode:
            old_notes, new_notes = external_notes(
                args[0], args[1], args[2], args[7] if len(args) == 9 else args[0], args[4],
                args[5], old_source.data if old_source else None,
                new_source.data if new_source else None)
        result = diff_sources(old_source, new_source, settings=rule_settings(),
                              old_notes=old_notes, new_notes=new_notes)
    except InputError as exc:
        if not git_mode:
            raise
        return DiffRun(header + plain_diff(old, new, labels, exc.one_line(), options.max_bytes),
                       ExitStatus.OK)
    color = _use_color(options, git_mode)
    if git_mode and options.output_format == "text":
        text = format_text(result, color=color, hunks=True)
    else:
        text = FORMAT_BY_NAME[options.output_format](result, color=color)
    status = ExitStatus.OK if git_mode or result.equal else ExitStatus.FINDINGS
    return DiffRun(header + text, status)


def _range_text(spec: str, diffs: list[StoryDiff], color: bool) -> str:
    if not diffs:
        return f"no story changed in {spec}\n"
    parts = []
    for item in diffs:
        if item.result is not None:
            parts.append(format_text(item.result, color=color))
        else:
            parts.append(f"--- {item.old_label}\n+++ {item.new_label}\n"
                         f"storygen: cannot compare: {item.error}\n")
    return "\n".join(parts)


def _range_markdown(spec: str, diffs: list[StoryDiff]) -> str:
    changed = sum(1 for d in diffs if not d.equal)
    out = [f"## Story changes in {md_code(spec)}", ""]
    out.append(f"{changed} {'story' if changed == 1 else 'stories'} changed." if diffs
               else "No story changed.")
    out.append("")
    for item in diffs:
        if item.result is not None:
            out.extend(markdown_body(item.result))
        else:
            out += [f"### {md_code(item.old_label)} → {md_code(item.new_label)}", "",
                    f"Cannot compare: {md_escape(item.error or '')}", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _range_json(spec: str, old: str, new: str | None, diffs: list[StoryDiff]) -> str:
    stories = [result_json(d.result) if d.result is not None
               else {"old": d.old_label, "new": d.new_label, "error": d.error} for d in diffs]
    return json.dumps({"range": spec, "old": old, "new": new, "stories": stories},
                      indent=2, ensure_ascii=False) + "\n"


def run_git_range(options: DiffOptions) -> DiffRun:
    """``storygen diff --git A..B [PATHSPEC...]``: every changed story between two revisions.
    Exit 0 when no story changed (formatting alone is no change), 1 when one did."""
    spec = options.git or ""
    rng, diffs = diff_range(spec, options.args, settings=rule_settings(),
                            max_bytes=options.max_bytes)
    if options.output_format == "json":
        text = _range_json(spec, rng.old, rng.new, diffs)
    elif options.output_format == "markdown":
        text = _range_markdown(spec, diffs)
    else:
        text = _range_text(spec, diffs, _use_color(options, False))
    changed = any(not d.equal for d in diffs)
    return DiffRun(text, ExitStatus.FINDINGS if changed else ExitStatus.OK)

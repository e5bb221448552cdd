"""Running ``storygen diff``: two files, or the arguments git passes to an external diff command.

Git calls an external diff with 7 arguments (path old-file old-hex old-mode new-file new-hex
new-mode), 9 for a rename or copy (the new path and a header follow), or 1 for an unmerged
path (taken as such only when git's ``GIT_DIFF_PATH_COUNTER``/``GIT_DIFF_PATH_TOTAL`` are
set: from a shell, one argument is a usage error). ``/dev/null`` stands for the missing side
of an added or deleted file. Git treats any non-zero exit as a crash, so in git mode the exit
is 0 and a story that cannot be read is shown as a plain line diff.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from pathlib import Path

from storygen.checks.stories import rule_settings
from storygen.core.errors import ExitStatus, InputError, UsageError
from storygen.core.terminal import use_color
from storygen.review.diff import DEV_NULL, diff_sources, load_side
from storygen.review.diff_format import FORMAT_BY_NAME
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


def _lines(path: Path) -> list[str]:
    if str(path) == DEV_NULL:
        return []
    return path.read_text(encoding="utf-8", errors="replace").splitlines(keepends=True)


def plain_diff(old: Path, new: Path, labels: tuple[str, str], reason: str) -> str:
    """A note and a unified line diff, for files that are not readable stories."""
    body = difflib.unified_diff(_lines(old), _lines(new), *labels)
    return f"storygen: {reason}; showing a line diff\n" + "".join(body)


def run_diff(options: DiffOptions) -> DiffRun:
    """Compare the two sides and format the result; the exit status follows diff(1) or git."""
    args = options.args
    if options.output_format not in FORMAT_BY_NAME:
        raise UsageError(f"unknown --format {options.output_format!r}; use text or json")
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
        result = diff_sources(load_side(old, labels[0], max_bytes=options.max_bytes),
                              load_side(new, labels[1], max_bytes=options.max_bytes),
                              settings=rule_settings())
    except InputError as exc:
        if not git_mode:
            raise
        return DiffRun(header + plain_diff(old, new, labels, exc.one_line()), ExitStatus.OK)
    text = FORMAT_BY_NAME[options.output_format](result, color=_use_color(options, git_mode))
    status = ExitStatus.OK if git_mode or result.equal else ExitStatus.FINDINGS
    return DiffRun(header + text, status)

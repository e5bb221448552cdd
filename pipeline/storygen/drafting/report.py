"""Printing what ``storygen draft`` did: per-file lines, gap questions, a summary table, JSON."""

from __future__ import annotations

import json
import shlex
from collections.abc import Sequence
from pathlib import PurePath
from typing import IO

from storygen.core.findings import Finding
from storygen.core.secrets import redact
from storygen.core.terminal import printable
from storygen.drafting.run import DraftResult

FIX_LINES_LIMIT = 40

_VERBS = {"written": "wrote", "unchanged": "unchanged"}


def _counts(result: DraftResult) -> tuple[int, int]:
    errors = sum(1 for f in result.findings if f.severity == "error")
    return errors, len(result.findings) - errors


def result_lines(result: DraftResult, *, detailed: bool) -> list[str]:
    """What one file's run prints on stdout (errors go to stderr separately)."""
    if result.error:
        return []
    errors, warnings = _counts(result)
    head = (f"{_VERBS.get(result.status, result.status)} {result.story} "
            f"({result.principle}; {result.drafter}; {errors} error{'s' * (errors != 1)}, "
            f"{warnings} warning{'s' * (warnings != 1)}, {len(result.gaps)} gap "
            f"question{'s' * (len(result.gaps) != 1)})")
    lines = [head]
    lines.extend(f"conflict: {pointer}: edited by hand and the notes changed; kept your edit"
                 for pointer in result.conflicts)
    if not detailed:
        return lines
    lines.extend(_finding_line(f) for f in sorted(result.findings, key=lambda f: f.sort_key))
    lines.extend(f"note: {message}" for message in result.messages)
    if result.gaps:
        lines.append(f"What the notes lack ({result.notes}):")
        lines.extend(f"  {i}. {gap.question}" for i, gap in enumerate(result.gaps, 1))
        lines.append("  Answer them in the notes, or run again with --ask.")
    return lines


def _finding_line(f: Finding) -> str:
    level = "" if f.severity == "error" else " (warning)"
    return f"{f.path}:{f.line or 1}:{f.column or 1}: {f.code}{level} {f.message} " \
           f"[{f.pointer or '/'}]"


def _to_fix(results: Sequence[DraftResult]) -> list[DraftResult]:
    return [r for r in results if not r.error and (_counts(r)[0] or r.gaps)]


def _folders(paths: Sequence[str]) -> str:
    """The one folder holding all ``paths`` (``generated/``), else the paths themselves."""
    parents = {str(PurePath(p).parent) for p in paths}
    if len(parents) == 1:
        parent = parents.pop()
        return shlex.quote(parent if parent == "." else parent + "/")
    return " ".join(shlex.quote(p) for p in paths)


def fix_lines(results: Sequence[DraftResult], *, limit: int = FIX_LINES_LIMIT) -> list[str]:
    """What a folder run leaves to fix: per story its error findings and gap questions; when
    that runs past ``limit`` lines, one line per story and the commands that list the rest."""
    todo = _to_fix(results)
    if not todo:
        return []
    full: list[str] = []
    for result in todo:
        full.append(f"{result.story} (from {result.notes}):")
        full.extend("  " + _finding_line(f) for f in sorted(result.findings, key=lambda f: f.sort_key)
                    if f.severity == "error")
        full.extend(f"  gap: {gap.question}" for gap in result.gaps)
    if len(full) <= limit:
        return ["What to fix:", *full,
                "Answer the gap questions in the notes, or run again with --ask."]
    lines = [f"What to fix: {len(todo)} of {len(results)} stories:"]
    for result in todo:
        errors, _ = _counts(result)
        lines.append(f"  {result.story}: {errors} error{'s' * (errors != 1)}, {len(result.gaps)} "
                     f"gap question{'s' * (len(result.gaps) != 1)}")
    lines.append(f"List the findings: storygen validate {_folders([r.story for r in todo])}")
    lines.append(f"Answer the gap questions: storygen draft "
                 f"{_folders([r.notes for r in todo])} --ask")
    return lines


def print_text(results: Sequence[DraftResult], out: IO[str], err: IO[str], *,
               quiet: bool = False) -> None:
    """The run report; ``quiet`` keeps only errors, findings and gap questions."""
    detailed = len(results) == 1
    for result in results:
        if result.error:
            print(f"storygen: error: {redact(result.error)}", file=err)
        lines = result_lines(result, detailed=detailed)
        if quiet:
            lines = [line for line in lines[1:] if not line.startswith("note: ")]
        for line in lines:
            print(redact(line), file=out)
    if len(results) > 1:
        for line in fix_lines(results):
            print(line, file=out)
        if not quiet:
            print_summary(results, out)


def print_summary(results: Sequence[DraftResult], out: IO[str]) -> None:
    """One table: story, principle, findings, gap questions (unreadable files say so)."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    def row(*cells: str) -> None:  # Text, not markup: "[red]" in a path stays as written
        table.add_row(*(Text(printable(cell, keep="")) for cell in cells))

    table = Table(title=None, show_edge=False, pad_edge=False)
    for heading in ("story", "principle", "findings", "gap questions"):
        table.add_column(heading, overflow="fold")
    for result in results:
        if result.error:
            row(result.story or result.notes, "-", result.status, "-")
            continue
        errors, warnings = _counts(result)
        row(result.story, result.principle, f"{errors} E, {warnings} W", str(len(result.gaps)))
    written = sum(r.status == "written" for r in results)
    failed = sum(bool(r.error) for r in results)
    Console(file=out, width=120, highlight=False, color_system=None).print(table)
    print(f"{len(results)} notes: {written} written, "
          f"{sum(r.status == 'unchanged' for r in results)} unchanged, {failed} failed", file=out)


def print_json(results: Sequence[DraftResult], out: IO[str]) -> None:
    out.write(redact(json.dumps([r.as_dict() for r in results], indent=2, ensure_ascii=False)))
    out.write("\n")

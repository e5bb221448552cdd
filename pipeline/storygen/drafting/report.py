"""Printing what ``storygen draft`` did: per-file lines, gap questions, a summary table, JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import IO

from storygen.core.secrets import redact
from storygen.core.terminal import printable
from storygen.drafting.run import DraftResult

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
    for f in sorted(result.findings, key=lambda f: f.sort_key):
        level = "" if f.severity == "error" else " (warning)"
        lines.append(f"{f.path}:{f.line or 1}:{f.column or 1}: {f.code}{level} {f.message} "
                     f"[{f.pointer or '/'}]")
    lines.extend(f"note: {message}" for message in result.messages)
    if result.gaps:
        lines.append(f"What the notes lack ({result.notes}):")
        lines.extend(f"  {i}. {gap.question}" for i, gap in enumerate(result.gaps, 1))
        lines.append("  Answer them in the notes, or run again with --ask.")
    return lines


def print_text(results: Sequence[DraftResult], out: IO[str], err: IO[str]) -> None:
    detailed = len(results) == 1
    for result in results:
        if result.error:
            print(f"storygen: error: {redact(result.error)}", file=err)
        for line in result_lines(result, detailed=detailed):
            print(redact(line), file=out)
    if len(results) > 1:
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

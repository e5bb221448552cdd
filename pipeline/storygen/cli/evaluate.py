"""Command ``eval``: draft a gold-annotated corpus in memory and score the drafts."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

from storygen.checks.config import load_settings
from storygen.cli.model_options import (
    BaseUrl,
    BudgetTokens,
    MaxRepairs,
    MaxRetries,
    MaxTokens,
    Model,
    NoCache,
    Structured,
    Timeout,
    model_options,
)
from storygen.core.errors import ExitStatus, InputError, UsageError
from storygen.drafting.evaluate import (
    METRICS,
    Delta,
    EvalResult,
    Requirement,
    baseline_summary,
    compare,
    evaluate,
    parse_fail_under,
    parse_requirement,
)
from storygen.drafting.run import DraftOptions


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


def _number(value: Any) -> str:
    if value is None:
        return "-"
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def summary_line(summary: dict[str, Any]) -> str:
    """One line: every metric of the corpus."""
    count = summary["notes"]
    parts = [f"{count} note{'s' if count != 1 else ''}",
             f"placement {_number(summary['placement'])} ({summary['placed']}/{summary['facts']})"]
    parts += [f"{name.replace('we_to_i', 'we->I')} {summary[name]}"
              for name in ("misplaced", "dropped", "invented", "torn", "we_to_i", "forbidden",
                           "holes")]
    parts.append(f"principle {_number(summary['principle'])} "
                 f"({summary['principle_right']}/{summary['principle_total']})")
    parts.append(f"level {_number(summary['level'])} "
                 f"({summary['level_right']}/{summary['level_total']})")
    parts.append(f"errors {summary['errors']}")
    return ", ".join(parts)


def _print_table(result: EvalResult, out: TextIO) -> None:
    head = ("notes", "placed", "mis", "drop", "inv", "torn", "we>I", "forb", "holes",
            "principle", "level", "err")
    rows = []
    for s in result.scores:
        rows.append((s.name, f"{s.placed}/{s.facts}", len(s.misplaced), len(s.dropped),
                     len(s.invented), len(s.torn), len(s.we_to_i), len(s.forbidden),
                     len(s.holes),
                     "-" if s.principle is None else "ok" if s.principle[0] == s.principle[1]
                     else s.principle[1],
                     "-" if s.level is None else "ok" if s.level[0] == s.level[1] else s.level[1],
                     len(s.errors)))
    table = [head] + [tuple(str(c) for c in row) for row in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(head))]
    for row in table:
        out.write("  ".join(cell.ljust(widths[i]) if i in (0, 9, 10) else cell.rjust(widths[i])
                            for i, cell in enumerate(row)).rstrip() + "\n")


def _delta_text(delta: Delta) -> str:
    change = delta.change
    shown = "n/a" if change is None else f"{change:+g}"
    mark = "  WORSE" if delta.worse else ""
    return f"{delta.metric}: {_number(delta.before)} -> {_number(delta.now)} ({shown}){mark}"


def eval_command(
    corpus: Annotated[Path, typer.Argument(
        metavar="CORPUS",
        help="A folder of NAME.md notes, each with a NAME.gold.yaml beside it.")],
    output_format: Annotated[OutputFormat, typer.Option(
        "--format", "-f", metavar="[text|json]",
        help="text (a table and a summary line) or json.")] = OutputFormat.text,
    save: Annotated[Path | None, typer.Option(
        "--save", metavar="FILE", help="Write the metrics JSON to this file.")] = None,
    baseline: Annotated[Path | None, typer.Option(
        "--baseline", metavar="FILE", help="A metrics JSON written by --save: print per-metric deltas and "
        "exit 1 when any metric got worse.")] = None,
    require: Annotated[list[str] | None, typer.Option(
        "--require", metavar="METRIC>=VALUE", help="A threshold on a summary metric, "
        "METRIC>=VALUE or METRIC<=VALUE (repeatable), e.g. --require 'placement>=0.8' "
        "--require 'invented<=0'. Metrics: "
        + ", ".join(METRICS) + ". Exit 1 when one is not met.")] = None,
    fail_under: Annotated[list[str] | None, typer.Option(
        "--fail-under", metavar="METRIC=VALUE", help="Exit 1 when a summary metric is worse "
        "than VALUE in its own direction (repeatable): 'placement=0.85' needs placement of at "
        "least 0.85, 'invented=0' needs no invented figure.")] = None,
    model: Model = None,
    base_url: BaseUrl = None,
    structured_output: Structured = None,
    max_repairs: MaxRepairs = None,
    no_cache: NoCache = False,
    budget_tokens: BudgetTokens = None,
    timeout: Timeout = None,
    max_retries: MaxRetries = None,
    max_tokens: MaxTokens = None,
) -> None:
    """Draft every NAME.md of CORPUS that has a NAME.gold.yaml (in memory: nothing is
    written) and score each draft against its gold file.

    Metrics (higher is better for placement, principle and level; lower for the rest):
    placement (share of gold facts in one of their cards), misplaced, dropped, invented
    (figures the notes do not support), torn ("8" from "$8K"), we_to_i (a we-only phrase told
    as "I"), forbidden, holes ("[To fill in" cards), principle and level (accuracy), errors
    (error findings of the checks).

    Exit 0 when every threshold holds and no metric is worse than the baseline, 1 otherwise,
    2 for bad input (a gold file that does not match the format names the file and line).
    """
    requirements: list[Requirement] = []
    for text in require or []:
        try:
            requirements.append(parse_requirement(text))
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    for text in fail_under or []:
        try:
            requirements.append(parse_fail_under(text))
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    before = _read_baseline(baseline) if baseline is not None else None
    settings = load_settings(Path.cwd())
    options = DraftOptions(paths=[corpus], settings=settings, model=model_options(
        settings, model=model, base_url=base_url, structured_output=structured_output,
        max_repairs=max_repairs, no_cache=no_cache, budget_tokens=budget_tokens,
        timeout=timeout, max_retries=max_retries, max_tokens=max_tokens))
    result = evaluate(corpus, options)
    summary = result.summary
    report = result.as_dict()
    deltas = compare(summary, before) if before is not None else []
    unmet = [r for r in requirements if not r.met(summary)]
    if deltas:
        report["baseline"] = {d.metric: {"before": d.before, "now": d.now, "change": d.change,
                                         "worse": d.worse} for d in deltas}
    if requirements:
        report["require"] = {str(r): r.met(summary) for r in requirements}
    if save is not None:
        try:
            save.write_text(json.dumps(result.as_dict(), indent=2, ensure_ascii=False) + "\n",
                            encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write the metrics: {exc.strerror or exc}", path=save) \
                from None
    if output_format is OutputFormat.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        _print_table(result, sys.stdout)
        print(summary_line(summary))
        for delta in deltas:
            print(f"baseline {_delta_text(delta)}")
        for requirement in unmet:
            print(f"not met: {requirement} (got {_number(summary.get(requirement.metric))})")
    failed = bool(unmet) or any(d.worse for d in deltas)
    raise typer.Exit(ExitStatus.FINDINGS if failed else ExitStatus.OK)


def _read_baseline(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read the baseline: {exc.strerror or exc}", path=path) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg}", path=path, line=exc.lineno) from None
    return baseline_summary(data, path)

"""Output formats for findings, picked by name: text, json, github, sarif."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from storygen import __version__
from storygen.checks.rules.explain import describe_rules
from storygen.core.findings import FileResult, Finding
from storygen.core.terminal import paint, printable, printable_json

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFO_URI = "https://storygen.dev/rules"


def _all_findings(results: Sequence[FileResult]) -> list[Finding]:
    return [f for r in results for f in sorted(r.findings, key=lambda f: f.sort_key)]


def _where(f: Finding) -> str:
    return f"{f.path}:{f.line or 1}:{f.column or 1}"


def report_text(results: Sequence[FileResult], *, color: bool = False, footer: bool = True,
                **_: Any) -> str:
    """``path:line:col: CODE message [pointer]`` grouped by file, then a summary line.

    ``color`` paints the code (and ``(warning)``) by severity; ``footer=False`` (``--quiet``)
    leaves out the notes and the summary line, keeping only findings and unreadable files.
    """
    out: list[str] = []
    errors = warnings = bad_files = 0
    for result in results:
        if result.error:
            out.append(printable(result.error, keep="\t"))
            bad_files += 1
            continue
        for f in sorted(result.findings, key=lambda f: f.sort_key):
            kind = "error" if f.severity == "error" else "warning"
            level = "" if kind == "error" else " " + paint(kind, "(warning)", color)
            text = printable(f"{f.message} [{f.pointer or '/'}]", keep="\t")
            out.append(f"{printable(_where(f), keep='')}: {paint(kind, f.code, color)}{level} {text}")
            if f.severity == "error":
                errors += 1
            else:
                warnings += 1
    if not footer:
        return "".join(line + "\n" for line in out)
    for notice in sorted({n for r in results for n in r.notices}):
        out.append(printable(f"note: {notice}", keep="\t"))
    files = len(results)
    summary = (f"{files} file{'s' if files != 1 else ''} checked: "
               f"{errors} error{'s' if errors != 1 else ''}, "
               f"{warnings} warning{'s' if warnings != 1 else ''}")
    if bad_files:
        summary += f", {bad_files} unreadable"
    out.append(summary)
    return "".join(line + "\n" for line in out)


def report_json(results: Sequence[FileResult], **_: Any) -> str:
    """A JSON list of finding objects (unreadable files appear with code ``INPUT``)."""
    items = []
    for result in results:
        if result.error:
            items.append({"code": "INPUT", "severity": "error", "message": result.error,
                          "pointer": "", "path": result.path, "line": None, "column": None})
        items.extend(f.as_dict() for f in sorted(result.findings, key=lambda f: f.sort_key))
    return printable_json(json.dumps(items, indent=2, ensure_ascii=False)) + "\n"


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def report_github(results: Sequence[FileResult], **_: Any) -> str:
    """GitHub Actions workflow commands: ``::error file=...,line=...,col=...,title=...::msg``."""
    out = []
    for result in results:
        if result.error:
            out.append(f"::error file={_gh_escape(result.path, True)}::"
                       f"{_gh_escape(result.error)}")
    for f in _all_findings(results):
        level = "error" if f.severity == "error" else "warning"
        props = (f"file={_gh_escape(f.path, True)},line={f.line or 1},col={f.column or 1},"
                 f"title={_gh_escape(f.code, True)}")
        out.append(f"::{level} {props}::{_gh_escape(f.message + ' [' + (f.pointer or '/') + ']')}")
    return printable("\n".join(out), keep="\n") + ("\n" if out else "")


def _rule_metadata(codes: set[str]) -> list[dict[str, Any]]:
    return describe_rules(sorted(codes))


def report_sarif(results: Sequence[FileResult], **_: Any) -> str:
    """SARIF 2.1.0 for code-scanning upload, with rule metadata and line locations."""
    findings = _all_findings(results)
    codes = {f.code for f in findings}
    rules = _rule_metadata(codes)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    sarif_results = []
    for f in findings:
        sarif_results.append({
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": "error" if f.severity == "error" else "warning",
            "message": {"text": f"{f.message} [{f.pointer or '/'}]"},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": f.path.replace("\\", "/")},
                    "region": {"startLine": f.line or 1, "startColumn": f.column or 1},
                },
                "logicalLocations": [{"fullyQualifiedName": f.pointer or "/", "kind": "member"}],
            }],
        })
    notifications = [
        {"level": "error", "message": {"text": r.error},
         "locations": [{"physicalLocation": {"artifactLocation": {"uri": r.path}}}]}
        for r in results if r.error
    ]
    invocation: dict[str, Any] = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "storygen", "version": __version__,
                                "informationUri": INFO_URI, "rules": rules}},
            "invocations": [invocation],
            "results": sarif_results,
        }],
    }
    return printable_json(json.dumps(log, indent=2, ensure_ascii=False)) + "\n"


REPORTER_BY_NAME: dict[str, Callable[..., str]] = {
    "text": report_text,
    "json": report_json,
    "github": report_github,
    "sarif": report_sarif,
}

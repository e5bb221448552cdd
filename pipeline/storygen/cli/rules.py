"""``storygen rules`` (the rule table, one rule's explanation) and ``storygen config``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from storygen.checks.config import describe, load_settings
from storygen.checks.rules.registry import OTHER_CODES, RULE_BY_CODE, RULES
from storygen.checks.settings import Settings
from storygen.core.errors import UsageError


def rule_lines(settings: Settings) -> list[str]:
    """One line per code: code, severity in force (or off), summary."""
    lines = []
    metas: list[Any] = [*RULES, *OTHER_CODES.values()]
    for meta in metas:
        level = settings.severity_for(meta.code, meta.severity)
        shown = level.value if level is not None and settings.enabled(meta.code) else "off"
        if meta.code == "SCH001":
            shown = meta.severity.value
        lines.append(f"{meta.code}  {shown:<7}  {meta.summary}")
    return lines


def _example_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    import yaml

    return yaml.safe_dump(value, sort_keys=False, allow_unicode=True, width=88,
                          default_flow_style=None).rstrip()


def explain(code: str) -> str:
    """The explanation of one code: summary, docstring, passing and failing examples."""
    import difflib

    key = code.strip().upper()
    meta: Any = RULE_BY_CODE.get(key) or OTHER_CODES.get(key)
    if meta is None:
        known = [*RULE_BY_CODE, *OTHER_CODES]
        close = difflib.get_close_matches(key, known, n=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        raise UsageError(f"unknown rule code {code!r}{hint} (list them with `storygen rules`)")
    out = [f"{meta.code} {meta.name} ({meta.severity.value})", "", meta.summary, "", meta.doc]
    rule = RULE_BY_CODE.get(key)
    if rule is not None:
        for title, examples in (("Passes", rule.passing), ("Fails", rule.failing)):
            out += ["", f"{title}:"]
            for example in examples:
                text = _example_text(example.value)
                out.append("\n".join("  " + line for line in text.splitlines()))
                if example.notes is not None:
                    out.append("  with notes: " + " / ".join(example.notes.splitlines()))
                out.append("")
            out.pop()
    return "\n".join(out) + "\n"


def rules_command(
    code: Annotated[str | None, typer.Argument(
        metavar="CODE", help="A rule code (e.g. OWN002) to explain, with examples.")] = None,
) -> None:
    """List every rule (code, severity, summary), or explain one rule with its examples."""
    if code:
        sys.stdout.write(explain(code))
        return

    settings = load_settings(Path.cwd())
    print("\n".join(rule_lines(settings)))
    if settings.path is not None:
        print(f"(severities as configured in {settings.path})")


def _shown(value: Any) -> str:
    if value is None:
        return "(unset)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"{value:g}" if isinstance(value, float) else str(value)
    return json.dumps(value, ensure_ascii=False)


def config_lines(settings: Settings, start: Path) -> list[str]:
    if settings.path is None:
        head = (f"# no configuration file found from {start} upwards (storygen.toml, or "
                "[tool.storygen] in pyproject.toml): defaults")
    else:
        head = f"# configuration from {settings.path}"
    rows = [(f"{key} = {_shown(value)}", source) for key, value, source in describe(settings)]
    width = max(len(text) for text, _ in rows)
    return [head, *(f"{text:<{width}}  # {source}" for text, source in rows)]


def config_command(
    as_json: Annotated[bool, typer.Option(
        "--json", help="Print JSON: key -> {value, source}.")] = False,
) -> None:
    """Print the merged configuration and where each value came from."""
    start = Path.cwd()
    settings = load_settings(start)
    if as_json:
        data = {key: {"value": value, "source": source}
                for key, value, source in describe(settings)}
        print(json.dumps({"file": str(settings.path) if settings.path else None,
                          "settings": data}, indent=2, ensure_ascii=False))
        return
    print("\n".join(config_lines(settings, start)))

"""``storygen rules`` (the rule table, one rule's explanation) and ``storygen config``."""

from __future__ import annotations

import json
import sys
from dataclasses import MISSING, fields
from pathlib import Path
from typing import Annotated, Any

import typer

from storygen.checks.config import describe, load_settings
from storygen.checks.rules.registry import OTHER_CODES, RULE_BY_CODE, RULES
from storygen.checks.settings import DEFAULT, Settings
from storygen.cli.app import choice_metavar, choices, info
from storygen.core.errors import UsageError
from storygen.core.terminal import paint, use_color
from storygen.drafting.llm.options import ModelOptions

TextOrJson = choices("RulesFormat", ("text", "json"))
TextOrJsonFormat = Annotated[TextOrJson, typer.Option(  # type: ignore[valid-type]
    "--format", "-f", metavar=choice_metavar(TextOrJson), help="Output format.")]


def _in_force(meta: Any, settings: Settings) -> str:
    """The severity a code runs at under ``settings``: error, warning or off."""
    if meta.code == "SCH001":
        return str(meta.severity.value)
    level = settings.severity_for(meta.code, meta.severity)
    return level.value if level is not None and settings.enabled(meta.code) else "off"


def _free_text(meta: Any) -> bool | list[str]:
    """Whether the rule also judges free text: true (any answer), or the sections it reads."""
    value = getattr(meta, "free_text", False)
    return value if isinstance(value, bool) else list(value)


def rule_lines(settings: Settings, *, color: bool = False) -> list[str]:
    """One line per code: code, severity in force (or off), summary."""
    lines = []
    metas: list[Any] = [*RULES, *OTHER_CODES.values()]
    for meta in metas:
        shown = _in_force(meta, settings)
        lines.append(f"{paint('code', meta.code, color)}  {paint(shown, f'{shown:<7}', color)}  "
                     f"{meta.summary}")
    return lines


def rule_records(settings: Settings) -> list[dict[str, Any]]:
    """``rules --format json``: code, name, severity in force, summary, free_text."""
    metas: list[Any] = [*RULES, *OTHER_CODES.values()]
    return [{"code": meta.code, "name": meta.name, "severity": _in_force(meta, settings),
             "summary": meta.summary, "free_text": _free_text(meta)} for meta in metas]


def _example_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    import yaml

    return yaml.safe_dump(value, sort_keys=False, allow_unicode=True, width=88,
                          default_flow_style=None).rstrip()


def _meta(code: str) -> Any:
    """The rule (or other code) named ``code``; UsageError with a close match when unknown."""
    import difflib

    key = code.strip().upper()
    meta: Any = RULE_BY_CODE.get(key) or OTHER_CODES.get(key)
    if meta is None:
        known = [*RULE_BY_CODE, *OTHER_CODES]
        close = difflib.get_close_matches(key, known, n=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        raise UsageError(f"unknown rule code {code!r}{hint} (list them with `storygen rules`)")
    return meta


def explain_record(code: str) -> dict[str, Any]:
    """``rules CODE --format json``: the listing's fields, the default severity, the
    explanation and the passing and failing examples."""
    meta = _meta(code)
    record: dict[str, Any] = {"code": meta.code, "name": meta.name,
                              "severity": meta.severity.value, "summary": meta.summary,
                              "free_text": _free_text(meta), "doc": meta.doc}
    rule = RULE_BY_CODE.get(meta.code)
    for key, examples in (("passing", rule.passing if rule else ()),
                          ("failing", rule.failing if rule else ())):
        record[key] = [{"value": example.value, "notes": example.notes} for example in examples]
    return record


def explain(code: str) -> str:
    """The explanation of one code: summary, docstring, passing and failing examples."""
    key = code.strip().upper()
    meta = _meta(code)
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
    output_format: TextOrJsonFormat = "text",
) -> None:
    """List every rule (code, severity, summary), or explain one rule with its examples."""
    as_json = output_format == "json"
    if code:
        if as_json:
            print(json.dumps(explain_record(code), indent=2, ensure_ascii=False, default=str))
        else:
            sys.stdout.write(explain(code))
        return

    settings = load_settings(Path.cwd())
    if as_json:
        print(json.dumps(rule_records(settings), indent=2, ensure_ascii=False))
        return
    print("\n".join(rule_lines(settings, color=use_color(sys.stdout))))
    if settings.path is not None:
        info(f"(severities as configured in {settings.path})")


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
    rows = [(f"{key} = {_shown(value)}", source)
            for key, value, source in config_rows(settings)]
    width = max(len(text) for text, _ in rows)
    return [head, *(f"{text:<{width}}  # {source}" for text, source in rows)]


def config_rows(settings: Settings) -> list[tuple[str, Any, str]]:
    """``describe(settings)`` with each drafter setting left unset shown at the value the
    drafter uses (max_repairs 2, timeout 120, cache true, ...), from "default"."""
    defaults = {spec.name: spec.default for spec in fields(ModelOptions)
                if spec.default is not MISSING}
    rows = []
    for key, value, source in describe(settings):
        if value is None and source == DEFAULT and defaults.get(key) is not None:
            value = defaults[key]
        rows.append((key, value, source))
    return rows


def config_command(
    output_format: TextOrJsonFormat = "text",
    as_json: Annotated[bool, typer.Option(
        "--json", hidden=True, help="Deprecated name of --format json.")] = False,
) -> None:
    """Print the merged configuration and where each value came from."""
    start = Path.cwd()
    settings = load_settings(start)
    if as_json or output_format == "json":
        data = {key: {"value": value, "source": source}
                for key, value, source in config_rows(settings)}
        print(json.dumps({"file": str(settings.path) if settings.path else None,
                          "settings": data}, indent=2, ensure_ascii=False))
        return
    print("\n".join(config_lines(settings, start)))

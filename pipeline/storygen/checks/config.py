"""Configuration: ``[tool.storygen]`` in pyproject.toml or a storygen.toml, nearest one upwards.

Every value remembers where it came from, so ``storygen config`` can say.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from storygen.checks.config_file import MAX_CONFIG_BYTES, find_config
from storygen.checks.rules.registry import ALL_CODES
from storygen.checks.settings import Settings
from storygen.core.errors import InputError, UsageError
from storygen.core.findings import Severity
from storygen.core.fsutil import read_bounded

SEVERITY_VALUES = ("error", "warning", "off")


def _known_codes() -> tuple[str, ...]:
    return ALL_CODES


class _Reader:
    """Checks one file's table of settings, naming the file (and line) in every error."""

    def __init__(self, path: Path, text: str, table: str) -> None:
        self.path = path
        self.text = text
        self.table = table

    def fail(self, message: str, key: str | None = None) -> InputError:
        return InputError(message, path=self.path, line=self.line_of(key) if key else None)

    def line_of(self, key: str) -> int | None:
        name = key.split(".")[-1]
        match = re.search(rf"^\s*[\"']?{re.escape(name)}[\"']?\s*=", self.text, re.MULTILINE)
        return self.text.count("\n", 0, match.start()) + 1 if match else None

    def codes(self, key: str, value: Any) -> tuple[str, ...]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(f"{key} must be a list of rule codes, such as [\"OWN\", \"QNT002\"]",
                            key)
        known = _known_codes()
        for code in value:
            if not code.strip():
                raise self.fail(f"{key}: an empty rule code would match every rule; remove it "
                                "(use \"ALL\" to mean every rule)", key)
            if code != "ALL" and not any(k.startswith(code) for k in known):
                raise self.fail(f"{key}: unknown rule code {code!r}{_hint(code, known)} "
                                "(list them with `storygen rules`)", key)
        return tuple(value)

    def severity(self, value: Any) -> dict[str, str]:
        if not isinstance(value, dict):
            raise self.fail("severity must be a table of CODE = \"error\" | \"warning\" | "
                            "\"off\"", "severity")
        known = _known_codes()
        result = {}
        for code, level in value.items():
            if code in CHECKS:
                raise self.fail(f"{code!r} is inside the [severity] table: move it above the "
                                "[severity] line", code)
            if not code.strip():
                raise self.fail("severity: an empty rule code would match every rule; name a "
                                "rule or a prefix such as \"OWN\"", "severity")
            if not any(k.startswith(code) for k in known):
                raise self.fail(f"severity: unknown rule code {code!r}{_hint(code, known)}", code)
            if level not in SEVERITY_VALUES:
                raise self.fail(f"severity.{code} must be \"error\", \"warning\" or \"off\", "
                                f"not {level!r}", code)
            result[code] = level
        return result


def _hint(name: str, known: tuple[str, ...] | list[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _number(low: float, high: float, integer: bool) -> Callable[[_Reader, str, Any], Any]:
    def check(reader: _Reader, key: str, value: Any) -> Any:
        kinds = (int,) if integer else (int, float)
        if isinstance(value, bool) or not isinstance(value, kinds) or not low <= value <= high:
            kind = "a whole number" if integer else "a number"
            raise reader.fail(f"{key} must be {kind} from {low:g} to {high:g}, not {value!r}",
                              key)
        return value

    return check


def _string(reader: _Reader, key: str, value: Any) -> Any:
    if not isinstance(value, str) or not value.strip():
        raise reader.fail(f"{key} must be a non-empty string, not {value!r}", key)
    return value


def _boolean(reader: _Reader, key: str, value: Any) -> Any:
    if not isinstance(value, bool):
        raise reader.fail(f"{key} must be true or false, not {value!r}", key)
    return value


def _globs(reader: _Reader, key: str, value: Any) -> Any:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise reader.fail(f"{key} must be a list of file-name globs, such as [\"README*\", "
                          f"\"drafts/*\"], not {value!r}", key)
    return tuple(value)


def _fail_on(reader: _Reader, key: str, value: Any) -> Any:
    if value not in ("error", "warning"):
        raise reader.fail(f"fail_on must be \"error\" or \"warning\", not {value!r}", key)
    return Severity(value)


def _structured(reader: _Reader, key: str, value: Any) -> Any:
    if not isinstance(value, (str, bool)):
        raise reader.fail(f"{key} must be a string or true/false, not {value!r}", key)
    return value


CHECKS: dict[str, Callable[[_Reader, str, Any], Any]] = {
    "select": lambda r, k, v: r.codes(k, v),
    "ignore": lambda r, k, v: r.codes(k, v),
    "severity": lambda r, k, v: r.severity(v),
    "speaking_rate_wpm": _number(60, 400, False),
    "fail_on": _fail_on,
    "model": _string,
    "base_url": _string,
    "max_repairs": _number(0, 100, True),
    "timeout": _number(0.001, 86400, False),
    "max_retries": _number(0, 100, True),
    "budget_tokens": _number(0, 10**12, True),
    "structured_output": _structured,
    "cache": _boolean,
    "exclude": _globs,
}


def read_config(path: Path, table: str) -> Settings:
    """Read and check one configuration file; InputError names the file (and line)."""
    import tomllib

    try:
        text = read_bounded(path, MAX_CONFIG_BYTES, "configuration file").decode("utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError as exc:
        raise InputError(f"cannot read configuration: {exc}", path=path) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"invalid TOML: {exc}", path=path) from None
    except RecursionError:
        raise InputError("invalid TOML: nested too deeply", path=path) from None
    if table == "[tool.storygen]":
        data = data.get("tool", {}).get("storygen", {})
        if not isinstance(data, dict):
            raise InputError("[tool.storygen] must be a table", path=path)
    reader = _Reader(path, text, table)
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in CHECKS:
            raise reader.fail(f"unknown key {key!r} in {table}{_hint(key, list(CHECKS))}; known "
                              f"keys: {', '.join(CHECKS)}", key)
        values[key] = CHECKS[key](reader, key, value)
    source = str(path)
    return replace(Settings(), **values, path=path, sources=dict.fromkeys(values, source))


def load_settings(start_dir: Path) -> Settings:
    """The configuration in force for a run started in ``start_dir`` (defaults when none)."""
    found = find_config(start_dir)
    if found is None:
        return Settings()
    return read_config(*found)


def resolve_fail_on(option: str | None, settings: Settings | None) -> Severity:
    """The ``--fail-on`` value if given, else the configuration's, else ``error``."""
    chosen = option or (settings.fail_on if settings is not None else None) or Severity.ERROR
    try:
        return Severity(str(chosen))
    except ValueError:
        raise UsageError(f"--fail-on must be 'error' or 'warning', not {chosen!r}") from None


def describe(settings: Settings) -> list[tuple[str, Any, str]]:
    """Every setting as (key, value, source), in a fixed order, for ``storygen config``."""
    rows: list[tuple[str, Any, str]] = []
    for spec in fields(Settings):
        key = spec.name
        if key in ("path", "sources"):
            continue
        value = getattr(settings, key)
        if key == "severity" and value:
            for code, level in sorted(value.items()):
                rows.append((f"severity.{code}", level, settings.source_of(key)))
            continue
        if isinstance(value, Severity):
            value = value.value
        if isinstance(value, tuple):
            value = list(value)
        if isinstance(value, Mapping):
            value = dict(value)
        rows.append((key, value, settings.source_of(key)))
    return rows

"""The settings a run uses: which rules, at what severity, and the drafter's defaults.

``config`` reads them from files; every value remembers where it came from.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from storygen.core.findings import Severity
from storygen.story.model import WORDS_PER_MINUTE

DEFAULT = "default"
DEFAULT_EXCLUDE: tuple[str, ...] = ("README*", "CHANGELOG*", "TODO*", "todo*")
"""Globs of files inside a notes folder that ``draft`` leaves alone (they are not notes)."""


@dataclass(frozen=True)
class Settings:
    """The merged configuration. ``sources`` maps each key set by a file to that file."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    speaking_rate_wpm: float = WORDS_PER_MINUTE
    fail_on: Severity = Severity.ERROR
    model: str | None = None
    base_url: str | None = None
    max_repairs: int | None = None
    timeout: float | None = None
    max_retries: int | None = None
    budget_tokens: int | None = None
    structured_output: str | bool | None = None
    cache: bool | None = None
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    path: Path | None = None
    sources: Mapping[str, str] = field(default_factory=dict)

    def source_of(self, key: str) -> str:
        return self.sources.get(key, DEFAULT)

    def enabled(self, code: str) -> bool:
        """Whether a rule runs: selected (or no selection), not ignored, severity not off."""
        if self.select and not any(_matches(s, code) for s in self.select):
            return False
        if any(_matches(i, code) for i in self.ignore):
            return False
        return self.severity_for(code, Severity.ERROR) is not None

    def severity_for(self, code: str, default: Severity) -> Severity | None:
        """The configured severity of a code (longest matching prefix wins); None when off."""
        matches = [key for key in self.severity if _matches(key, code)]
        if not matches:
            return default
        value = self.severity[max(matches, key=len)]
        return None if value == "off" else Severity(value)


def _matches(selector: str, code: str) -> bool:
    return selector == "ALL" or code.startswith(selector)

"""Findings: what schema checks and rules report, with file, line, column and JSON pointer."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def rank(self) -> int:
        return 2 if self is Severity.ERROR else 1


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one story file."""

    code: str
    severity: Severity
    message: str
    pointer: str
    path: str = ""
    line: int | None = None
    column: int | None = None

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line or 0, self.column or 0, self.code, self.pointer)


@dataclass(slots=True)
class FileResult:
    """Everything found in one file; ``error`` is set when it could not be read at all."""

    path: str
    findings: list[Finding]
    error: str | None = None
    notices: tuple[str, ...] = ()


def fails(findings: list[Finding], fail_on: Severity = Severity.ERROR) -> bool:
    """True when any finding is at or above ``fail_on``."""
    return any(f.severity.rank >= fail_on.rank for f in findings)

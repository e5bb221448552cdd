"""The rule engine (placeholder until the rules land): schema metadata only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from storygen.findings import Finding
from storygen.loader import Source


def check_story(source: Source, story: Any, *, settings: Any = None,
                notes_path: Path | None = None,
                notes_text: str | None = None) -> tuple[list[Finding], tuple[str, ...]]:
    return [], ()


def describe_rules(codes: list[str]) -> list[dict[str, Any]]:
    return [{"id": code, "name": code, "shortDescription": {"text": code},
             "defaultConfiguration": {"level": "error"}} for code in codes]

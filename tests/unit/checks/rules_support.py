"""Helpers for the rule tests: the reference story as data, mutated and re-read with lines."""

from __future__ import annotations

import copy
from typing import Any

import yaml

from storygen.checks.rules.engine import check_story
from storygen.core.findings import Finding
from storygen.story.canonical import dump
from storygen.story.loader import Source, parse_text
from storygen.story.schema_check import schema_findings

from ...conftest import REFERENCE

REFERENCE_DATA: dict[str, Any] = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))


def reference() -> dict[str, Any]:
    """A fresh deep copy of the reference story's data."""
    return copy.deepcopy(REFERENCE_DATA)


def source_of(data: dict[str, Any], path: str = str(REFERENCE)) -> Source:
    """The story in canonical form, read back (so findings carry real lines).

    The default path places it beside the reference, so provenance.notes resolves.
    """
    return parse_text(dump(data), path)


def run_rules(data: dict[str, Any], **kwargs: Any) -> tuple[list[Finding], tuple[str, ...]]:
    source = source_of(data)
    schema, story = schema_findings(source)
    assert not schema, [f.message for f in schema]
    return check_story(source, story, **kwargs)


def line_of(text: str, *markers: str) -> int:
    """1-based line of the last marker, each searched from the line of the one before."""
    lines = text.split("\n")
    at = 0
    for marker in markers:
        at = next(i for i in range(at, len(lines)) if marker in lines[i])
    return at + 1


def resolve(data: Any, pointer: str) -> Any:
    """The value at a JSON pointer (RFC 6901); KeyError/IndexError when it does not exist."""
    current = data
    for token in pointer.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        current = current[int(token)] if isinstance(current, list) else current[token]
    return current


def workspace(folder: Any, stories: dict[str, dict[str, Any]], *, config: str = "",
              notes: bool = True) -> list[Any]:
    """A stories repository in ``folder``: storygen.toml, raw_notes/, generated/<name>.story.yaml."""
    from ...conftest import ROOT

    (folder / "storygen.toml").write_text(config, encoding="utf-8")
    if notes:
        (folder / "raw_notes").mkdir(exist_ok=True)
        notes_text = (ROOT / "raw_notes" / "webhook-dlq.md").read_text(encoding="utf-8")
        (folder / "raw_notes" / "webhook-dlq.md").write_text(notes_text, encoding="utf-8")
    (folder / "generated").mkdir(exist_ok=True)
    paths = []
    for name, data in stories.items():
        path = folder / "generated" / f"{name}.story.yaml"
        path.write_text(dump(data), encoding="utf-8")
        paths.append(path)
    return paths

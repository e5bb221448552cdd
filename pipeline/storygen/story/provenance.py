"""Provenance helpers: where a story's notes are, and what the drafter wrote in each field.

One resolver finds the notes a story names (``validate``, ``status`` and ``diff`` all use
``find_notes``), and ``notes_reference`` writes the path so that the resolver finds it again
from any working directory:

- notes inside the story's repository (the nearest folder above the story holding ``.git``,
  ``storygen.toml`` or ``pyproject.toml``) are recorded relative to that root;
- any other notes are recorded relative to the story's own folder.

``field_hashes`` gives each leaf field of a story (by JSON pointer) a short hash of its value,
so a redraft can tell the fields edited by hand from the ones the drafter still owns.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from storygen.core.fsutil import ROOT_MARKERS

FIELD_HASH_CHARS = 12
"""Hex characters kept of each field's sha256: enough to tell an edit, short to read."""


def marked_root(folder: Path) -> Path | None:
    """The nearest folder at or above ``folder`` holding a root marker; None when none does
    (unlike ``repo_root``, never the working directory)."""
    start = folder.resolve()
    for candidate in (start, *start.parents):
        if any((candidate / marker).exists() for marker in ROOT_MARKERS):
            return candidate
    return None


def notes_reference(notes_path: Path, story_path: Path) -> str:
    """The notes path as a story at ``story_path`` records it (always with "/")."""
    notes = notes_path.resolve()
    story_dir = story_path.resolve().parent
    root = marked_root(story_dir)
    if root is not None:
        try:
            return notes.relative_to(root).as_posix()
        except ValueError:
            pass
    return Path(os.path.relpath(notes, story_dir)).as_posix()


def notes_candidates(story_path: Path, named: str) -> list[Path]:
    """Where ``provenance.notes`` may point, in the order tried: the story's repository root
    (only when the story has one), then the story's own folder."""
    story_dir = Path(story_path).resolve().parent
    root = marked_root(story_dir)
    return [*([root / named] if root is not None else []), story_dir / named]


def find_notes(story_path: Path, named: str) -> Path | None:
    """The notes file a story's ``provenance.notes`` names, or None when it is nowhere."""
    for candidate in notes_candidates(story_path, named):
        if os.path.lexists(candidate):  # a FIFO or device here is refused when read, not skipped
            return candidate
    return None


def pointer_token(key: str | int) -> str:
    return str(key).replace("~", "~0").replace("/", "~1")


def leaf_fields(data: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """Every field a reader edits as one value, with its JSON pointer, in document order.

    Text, numbers and lists of plain values (key phrases, quiz options) are leaves; mappings
    and lists of mappings are walked. ``provenance`` is not part of the story's content.
    """
    if isinstance(data, dict):
        for key, value in data.items():
            if not prefix and key == "provenance":
                continue
            yield from leaf_fields(value, f"{prefix}/{pointer_token(key)}")
    elif isinstance(data, list) and any(isinstance(item, (dict, list)) for item in data):
        for index, item in enumerate(data):
            yield from leaf_fields(item, f"{prefix}/{index}")
    else:
        yield prefix, data


def value_hash(value: Any) -> str:
    """The short hash of one field's value: of the text itself for text, else of its JSON."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False,
                                                           sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:FIELD_HASH_CHARS]


def field_hashes(data: Any) -> dict[str, str]:
    """Pointer -> short hash for every leaf field of a story (provenance left out)."""
    return {pointer: value_hash(value) for pointer, value in leaf_fields(data)}

"""Writing drafted stories safely, with provenance, and telling whether a story is up to date.

Both drafters write through ``write_story``: canonical form, atomic replace, and never over a
story that was edited by hand (its ``output_sha256`` no longer matches) unless forced.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from storygen.core.errors import InputError, StorygenError, UsageError
from storygen.core.fsutil import atomic_write, read_bounded, real_path, repo_root, working_dir
from storygen.story.canonical import content_sha256, dump
from storygen.story.loader import find_story_files, load_story_source, read_text
from storygen.story.model import SCHEMA_VERSION
from storygen.story.notes import MAX_NOTES_BYTES

STORY_SUFFIX = ".story.yaml"
OUT_DIR_NAME = "generated"


class OverwriteError(UsageError):
    """The story on disk was not written by the drafter as it stands now."""


def notes_reference(notes_path: Path) -> str:
    """The notes path as provenance records it: relative to the repository root, with "/"."""
    resolved = real_path(notes_path)
    try:
        return resolved.relative_to(repo_root(notes_path)).as_posix()
    except ValueError:
        return resolved.as_posix()


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def with_provenance(data: dict[str, Any], *, notes_path: Path, notes_sha256: str, drafter: str,
                    prompts_sha256: str | None = None,
                    offline_parts: list[str] | None = None) -> dict[str, Any]:
    """The story with a fresh provenance block (any old one is replaced)."""
    body = {key: value for key, value in data.items() if key != "provenance"}
    provenance: dict[str, Any] = {"notes": notes_reference(notes_path),
                                  "notes_sha256": notes_sha256, "drafter": drafter}
    if prompts_sha256:
        provenance["prompts_sha256"] = prompts_sha256
    provenance["schema_version"] = SCHEMA_VERSION
    provenance["output_sha256"] = content_sha256(body)
    if offline_parts:
        provenance["offline_parts"] = list(offline_parts)
    return {**body, "provenance": provenance}


def story_path(out_dir: Path, slug: str) -> Path:
    return out_dir / f"{slug}{STORY_SUFFIX}"


def shown(path: Path) -> str:
    """A path as printed: relative to the working directory when it lies below it."""
    try:
        return str(real_path(path).relative_to(real_path(working_dir())))
    except (ValueError, StorygenError):
        return str(path)


def default_out_dir(notes_path: Path) -> Path:
    return repo_root(notes_path) / OUT_DIR_NAME


def overwrite_problem(path: Path, notes: str | None = None) -> str | None:
    """Why the story at ``path`` must not be replaced without --force, or None when it may.

    ``notes`` is the notes reference of the new draft: a story drafted from other notes
    (two notes with the same ``id:``) is not replaced silently."""
    if not path.exists():
        return None
    try:
        data = load_story_source(path).data
    except InputError as exc:
        return f"cannot be read as a story ({exc.message})"
    provenance = data.get("provenance")
    recorded = provenance.get("output_sha256") if isinstance(provenance, dict) else None
    if not recorded:
        return "was not written by storygen draft (it has no provenance.output_sha256)"
    if recorded != content_sha256(data):
        return "was edited by hand since it was drafted (its output_sha256 no longer matches)"
    drafted_from = provenance.get("notes") if isinstance(provenance, dict) else None
    if notes is not None and drafted_from and drafted_from != notes:
        return (f"was drafted from other notes, {drafted_from} (give one of them another "
                "'id:' in its front matter)")
    return None


class WriteStatus(StrEnum):
    WRITTEN = "written"
    UNCHANGED = "unchanged"


def write_story(path: Path, data: dict[str, Any], *, force: bool = False) -> WriteStatus:
    """Write ``data`` in canonical form, atomically; refuse to replace a hand-edited story."""
    text = dump(data)
    payload = text.encode("utf-8")
    if path.is_file():
        try:
            if read_bounded(path, len(payload), "story file") == payload:
                return WriteStatus.UNCHANGED
        except InputError:
            pass
    provenance = data.get("provenance")
    notes = provenance.get("notes") if isinstance(provenance, dict) else None
    problem = overwrite_problem(path, notes if isinstance(notes, str) else None)
    if problem and not force:
        raise OverwriteError(f"not overwritten: the story {problem}; pass --force to replace it",
                             path=path)
    atomic_write(path, text)
    return WriteStatus.WRITTEN


class StoryState(StrEnum):
    UP_TO_DATE = "up to date"
    NOTES_CHANGED = "notes changed since drafting"
    EDITED = "edited by hand"
    NOTES_MISSING = "notes missing"
    NOT_DRAFTED = "no provenance"
    UNREADABLE = "unreadable"


@dataclass(frozen=True, slots=True)
class StoryStatus:
    story: str
    state: StoryState
    notes: str = ""
    detail: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"story": self.story, "state": self.state.value, "notes": self.notes,
                "detail": self.detail}


def story_status(path: Path) -> StoryStatus:
    """Whether a drafted story still matches its notes and its own recorded output."""
    try:
        data = load_story_source(path).data
    except StorygenError as exc:
        return StoryStatus(str(path), StoryState.UNREADABLE, detail=exc.one_line())
    provenance = data.get("provenance")
    if not isinstance(provenance, dict) or not provenance.get("notes"):
        return StoryStatus(str(path), StoryState.NOT_DRAFTED)
    notes = str(provenance["notes"])
    if provenance.get("output_sha256") != content_sha256(data):
        return StoryStatus(str(path), StoryState.EDITED, notes)
    notes_path = repo_root(path) / notes
    try:
        text = read_text(notes_path, max_bytes=MAX_NOTES_BYTES, what="notes file")
    except StorygenError as exc:
        return StoryStatus(str(path), StoryState.NOTES_MISSING, notes, exc.one_line())
    if text_sha256(text) != provenance.get("notes_sha256"):
        return StoryStatus(str(path), StoryState.NOTES_CHANGED, notes)
    return StoryStatus(str(path), StoryState.UP_TO_DATE, notes)


def status_paths(paths: list[Path]) -> list[StoryStatus]:
    files = find_story_files(paths)
    return [story_status(path) for path in files]

"""Writing drafted stories safely, with provenance, and telling whether a story is up to date.

Both drafters write through ``write_story``: canonical form, atomic replace, and never over a
story that was edited by hand (its ``output_sha256`` no longer matches) unless forced.
A story whose provenance records per-field hashes (``fields``) is redrafted field by field
first (``drafting.redraft``), so its hand edits are kept rather than refused.
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
from storygen.story.provenance import field_hashes, find_notes, notes_candidates
from storygen.story.provenance import notes_reference as story_notes_reference

STORY_SUFFIX = ".story.yaml"
OUT_DIR_NAME = "generated"


class OverwriteError(UsageError):
    """The story on disk was not written by the drafter as it stands now."""


def notes_reference(notes_path: Path, story: Path | None = None) -> str:
    """The notes path as provenance records it, with "/": for a story at ``story``, as
    ``story.provenance.notes_reference`` says; without one, relative to the notes' repository."""
    if story is not None:
        return story_notes_reference(notes_path, story)
    resolved = real_path(notes_path)
    try:
        return resolved.relative_to(repo_root(notes_path)).as_posix()
    except ValueError:
        return resolved.as_posix()


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def with_provenance(data: dict[str, Any], *, notes_path: Path, notes_sha256: str, drafter: str,
                    prompts_sha256: str | None = None,
                    offline_parts: list[str] | None = None,
                    story: Path | None = None,
                    removed: list[str] | None = None) -> dict[str, Any]:
    """The story with a fresh provenance block (any old one is replaced), recording the
    short hash of every field as drafted (``fields``)."""
    body = {key: value for key, value in data.items() if key != "provenance"}
    provenance: dict[str, Any] = {"notes": notes_reference(notes_path, story),
                                  "notes_sha256": notes_sha256, "drafter": drafter}
    if prompts_sha256:
        provenance["prompts_sha256"] = prompts_sha256
    provenance["schema_version"] = SCHEMA_VERSION
    provenance["output_sha256"] = content_sha256(body)
    if offline_parts:
        provenance["offline_parts"] = list(offline_parts)
    if removed:
        provenance["removed"] = list(removed)
    provenance["fields"] = field_hashes(body)
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


def edited_fields(data: dict[str, Any]) -> list[str] | None:
    """The pointers whose text is no longer what the drafter wrote (changed, added or
    removed by hand), in document order; None when the story records no per-field hashes."""
    provenance = data.get("provenance")
    recorded = provenance.get("fields") if isinstance(provenance, dict) else None
    if not isinstance(recorded, dict):
        return None
    now = field_hashes(data)
    changed = [pointer for pointer in now if recorded.get(pointer) != now[pointer]]
    return changed + [pointer for pointer in recorded if pointer not in now]


def hand_edited(data: dict[str, Any]) -> bool:
    """Whether the story differs from what the drafter wrote: by its per-field hashes when it
    has them, else by ``output_sha256``."""
    edited = edited_fields(data)
    if edited is not None:
        return bool(edited)
    provenance = data.get("provenance")
    recorded = provenance.get("output_sha256") if isinstance(provenance, dict) else None
    return recorded != content_sha256(data)


class StoryState(StrEnum):
    UP_TO_DATE = "up to date"
    NOTES_CHANGED = "notes changed since drafting"
    EDITED = "edited by hand"
    EDITED_AND_NOTES_CHANGED = "edited by hand; notes changed since drafting"
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
    """Whether a drafted story still matches its notes and what the drafter wrote.

    The notes are found as ``validate`` and ``diff`` find them (``find_notes``).
    """
    try:
        data = load_story_source(path).data
    except StorygenError as exc:
        return StoryStatus(str(path), StoryState.UNREADABLE, detail=exc.one_line())
    provenance = data.get("provenance")
    if not isinstance(provenance, dict) or not provenance.get("notes"):
        return StoryStatus(str(path), StoryState.NOT_DRAFTED)
    notes = str(provenance["notes"])
    edited = hand_edited(data)
    notes_path = find_notes(path, notes)
    if notes_path is None:
        if edited:
            return StoryStatus(str(path), StoryState.EDITED, notes)
        looked = " or ".join(str(p) for p in notes_candidates(path, notes))
        return StoryStatus(str(path), StoryState.NOTES_MISSING, notes, f"not at {looked}")
    try:
        text = read_text(notes_path, max_bytes=MAX_NOTES_BYTES, what="notes file")
    except StorygenError as exc:
        return StoryStatus(str(path), StoryState.NOTES_MISSING, notes, exc.one_line())
    changed = text_sha256(text) != provenance.get("notes_sha256")
    if edited:
        return StoryStatus(str(path), StoryState.EDITED_AND_NOTES_CHANGED if changed
                           else StoryState.EDITED, notes)
    if changed:
        return StoryStatus(str(path), StoryState.NOTES_CHANGED, notes)
    return StoryStatus(str(path), StoryState.UP_TO_DATE, notes)


def status_paths(paths: list[Path]) -> list[StoryStatus]:
    files = find_story_files(paths)
    return [story_status(path) for path in files]

"""Drafting again over a story edited by hand: the drafter's fields follow the notes, the
hand edits stay.

The story's ``provenance.fields`` holds, for each field by JSON pointer, a short hash of what
the drafter wrote there. On a redraft, a field whose text still hashes to that record was not
touched, so the new draft's text replaces it; any other field (changed, added or removed by
hand) keeps the hand's version. When the drafter would now write something different from
its previous output in a field kept that way, the field is a conflict: the notes changed
under a hand edit, and the user should look at it.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storygen.core.errors import InputError
from storygen.drafting.output import OverwriteError, overwrite_problem
from storygen.story.canonical import content_sha256
from storygen.story.loader import load_story_source
from storygen.story.provenance import leaf_fields, value_hash

LEGACY = ("was edited by hand and was drafted before storygen recorded per-field hashes "
          "(provenance.fields), so its edits cannot be told apart from the drafter's text")


@dataclass(slots=True)
class Redraft:
    """The story to write, the fields kept as edited by hand, and the conflicts among them."""

    data: dict[str, Any]
    kept: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)


def _tokens(pointer: str) -> list[str]:
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]


def _child(container: Any, token: str) -> tuple[bool, Any]:
    if isinstance(container, dict):
        return (token in container), container.get(token)
    if isinstance(container, list) and token.isdigit() and int(token) < len(container):
        return True, container[int(token)]
    return False, None


def _put(node: Any, token: str, value: Any) -> Any:
    if isinstance(node, dict):
        node[token] = value
    elif isinstance(node, list) and token.isdigit():
        if int(token) < len(node):
            node[int(token)] = value
        else:
            node.append(value)
    return value


def _set(data: dict[str, Any], pointer: str, value: Any) -> None:
    """Put ``value`` at ``pointer``, making the mappings and list items on the way (an index
    past the end of a list appends)."""
    tokens = _tokens(pointer)
    node: Any = data
    for depth, token in enumerate(tokens):
        if depth == len(tokens) - 1:
            _put(node, token, copy.deepcopy(value))
            return
        _, child = _child(node, token)
        if not isinstance(child, (dict, list)):
            child = _put(node, token, [] if tokens[depth + 1].isdigit() else {})
        node = child


def _removed_root(current: Any, pointer: str) -> str | None:
    """The outermost part of ``pointer`` missing from ``current`` (what the hand removed)."""
    node, walked = current, ""
    for token in _tokens(pointer):
        walked += "/" + token.replace("~", "~0").replace("/", "~1")
        present, node = _child(node, token)
        if not present:
            return walked
    return None


def _remove(data: dict[str, Any], pointer: str) -> None:
    tokens = _tokens(pointer)
    node: Any = data
    for token in tokens[:-1]:
        present, node = _child(node, token)
        if not present:
            return
    last = tokens[-1]
    if isinstance(node, dict):
        node.pop(last, None)
    elif isinstance(node, list) and last.isdigit() and int(last) < len(node):
        del node[int(last)]


def _index_key(pointer: str) -> list[tuple[int, str]]:
    """Sort key putting later list items first, so removing one never shifts another."""
    return [(int(t), "") if t.isdigit() else (-1, t) for t in _tokens(pointer)]


def merge_edits(current: dict[str, Any], drafted: dict[str, Any],
                recorded: dict[str, str]) -> Redraft:
    """The new draft with the hand edits of ``current`` kept; ``recorded`` is its
    ``provenance.fields``. The provenance is the new draft's (its field hashes are of what the
    drafter wrote now), with ``output_sha256`` of the story as merged."""
    body = {k: copy.deepcopy(v) for k, v in drafted.items() if k != "provenance"}
    new = dict(leaf_fields(body))
    old = dict(leaf_fields(current))
    merged = Redraft(body)
    for pointer, value in old.items():
        before = recorded.get(pointer)
        if before is not None and value_hash(value) == before:
            continue  # the drafter's text, untouched: the new draft's text replaces it
        if pointer in new and new[pointer] == value:
            continue  # the drafter now writes exactly the hand's text
        _set(body, pointer, value)
        merged.kept.append(pointer)
        if pointer in new and value_hash(new[pointer]) != before:
            merged.conflicts.append(pointer)
    removed: dict[str, bool] = {}
    for pointer, before in recorded.items():
        if pointer in old:
            continue
        root = _removed_root(current, pointer)
        if root is None:
            continue
        changed = pointer in new and value_hash(new[pointer]) != before
        removed[root] = removed.get(root, False) or changed
    for root in sorted(removed, key=_index_key, reverse=True):
        _remove(body, root)
    for root, changed in removed.items():
        merged.kept.append(root)
        if changed:
            merged.conflicts.append(root)
    provenance = dict(drafted.get("provenance") or {})
    provenance["output_sha256"] = content_sha256(body)
    merged.data = {**body, "provenance": provenance}
    return merged


def plan_redraft(path: Path, drafted: dict[str, Any], *, force: bool = False) -> Redraft:
    """What to write at ``path`` for the new draft ``drafted``.

    Forced, absent, or untouched since drafting: the draft as it is. Edited by hand with
    per-field hashes: the draft merged with the hand edits. Otherwise (edited before per-field
    hashes existed, or not written by the drafter): ``OverwriteError``, as before.
    """
    if force or not path.exists():
        return Redraft(drafted)
    try:
        current = load_story_source(path).data
    except InputError:
        current = None
    provenance = current.get("provenance") if isinstance(current, dict) else None
    drafted_from = provenance.get("notes") if isinstance(provenance, dict) else None
    new_notes = (drafted.get("provenance") or {}).get("notes")
    written = isinstance(provenance, dict) and bool(provenance.get("output_sha256"))
    if written and drafted_from and new_notes and drafted_from != new_notes:
        raise OverwriteError(f"not overwritten: the story was drafted from other notes, "
                             f"{drafted_from} (give one of them another 'id:' in its front "
                             "matter); pass --force to replace it", path=path)
    recorded = provenance.get("fields") if isinstance(provenance, dict) else None
    if not isinstance(current, dict) or not isinstance(recorded, dict):
        problem = overwrite_problem(path)
        if problem is None:
            return Redraft(drafted)
        if isinstance(provenance, dict) and provenance.get("output_sha256") and \
                "edited by hand" in problem:
            problem = LEGACY
        raise OverwriteError(f"not overwritten: the story {problem}; pass --force to replace it",
                             path=path)
    return merge_edits(current, drafted, {str(k): str(v) for k, v in recorded.items()})

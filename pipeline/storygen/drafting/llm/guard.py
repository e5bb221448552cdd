"""Instructions are data, never content: what the model is shown of the notes, and the check of
its replies for instruction or prompt text (GRD003).

The notes reader leaves out lines that read as instructions (``Facts.dropped``); they are not
sent to the model at all (``notes_for_model``). A reply that repeats such a line, repeats
storygen's own prompt files, or reads as an instruction itself is an error finding under
``GRD003``, which drives repair like any rule's finding. The rule engine does not know the prompts,
so the check lives here, in the drafter.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import Any

from storygen.core.findings import Finding, Severity
from storygen.story import kb

GUARD_CODE = "GRD003"
GUARD_TITLE = "instruction or prompt text in the story"
NAME_CODE = "DRF001"
NAME_TITLE = "a variant names a principle or level that was not asked for"
PROMPT_RUN = 10
"""Words in a row that, found in a reply and in a prompt file, count as prompt text (shorter runs
are the prompts' own examples, such as "not my team, no ticket, nobody asked me")."""
DROPPED_RUN = 4
"""Words in a row that, found in a reply and in a left-out line, count as that line's text."""

_WORD = re.compile(r"[A-Za-z0-9']+")
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
_LIST_MARKER = re.compile(r"^\s*(?:[-*+>]|\d+[.)])\s+")
_SHOUTED = re.compile(r"\b[A-Z][A-Z0-9_]{3,}\b")
_QUOTED = re.compile(r"[\"\u201c]([^\"\u201d]{2,60})[\"\u201d]")


def notes_for_model(notes: Any, facts: Any) -> str:
    """The notes text with the lines the notes reader left out as instructions removed (when
    only part of a line was left out, only that part goes)."""
    text = str(getattr(notes, "text", notes))
    lines = text.split("\n")
    gone: set[int] = set()
    starts = {block.line - 1 for block in getattr(notes, "blocks", ())}
    for item in getattr(facts, "dropped", ()):
        place = getattr(item, "place", "")
        if place == "the front matter":
            key = item.text.split(":", 1)[0].strip().lower()
            gone.update(i for i in _front_matter(lines)
                        if lines[i].strip().lower().startswith(key + ":"))
        elif place == "the title":
            gone.update(i for i, line in enumerate(lines)
                        if line.lstrip().startswith("#") and _fold(item.text) in _fold(line))
        elif item.line > 0:
            block = _block(lines, item.line - 1, starts)
            whole = " ".join(item.text.split())
            for index in block:
                if whole and whole in " ".join(lines[index].split()):
                    rest = " ".join(lines[index].split()).replace(whole, "").rstrip()
                    if _LIST_MARKER.sub("", rest).strip():
                        lines[index] = rest
                    else:
                        gone.add(index)
                    break
            else:
                gone.update(block)
    kept = [line for i, line in enumerate(lines)
            if i not in gone and not kb.is_instruction(line)]
    return "\n".join(kept)


def _front_matter(lines: list[str]) -> range:
    if not lines or lines[0].strip() != "---":
        return range(0)
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), 0)
    return range(1, end)


def _block(lines: list[str], start: int, starts: set[int]) -> list[int]:
    """The lines of the block that begins at ``start``: up to a blank line or the next block."""
    found: list[int] = []
    index = start
    while 0 <= index < len(lines) and lines[index].strip() and \
            (index == start or index not in starts) and \
            not (index != start and lines[index].lstrip().startswith("#")):
        found.append(index)
        index += 1
    return found


def _fold(text: str) -> str:
    return " ".join(_words(text))


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _runs(words: Sequence[str], size: int) -> Iterator[tuple[str, ...]]:
    for index in range(len(words) - size + 1):
        yield tuple(words[index:index + size])


class Guard:
    """What a reply may not contain: text of left-out lines, prompt text, instructions."""

    def __init__(self, dropped: Iterable[str], prompt_texts: Iterable[str],
                 notes_text: str = "", allowed: Iterable[str] = ()) -> None:
        """``allowed``: texts whose word runs are never prompt text (the offline draft's)."""
        kept = set(_words(notes_text))
        kept_runs = set(_runs(_words(notes_text), DROPPED_RUN))
        self.dropped_words: set[str] = set()
        self.dropped_runs: set[tuple[str, ...]] = set()
        for text in dropped:
            marked = {w.lower() for w in _SHOUTED.findall(text)}
            marked |= {w for quoted in _QUOTED.findall(text) for w in _words(quoted)
                       if len(w) >= 4}
            self.dropped_words |= {w for w in marked if w not in kept}
            self.dropped_runs |= set(_runs(_words(text), DROPPED_RUN)) - kept_runs
        self.prompt_runs: set[tuple[str, ...]] = set()
        for template in prompt_texts:
            for part in _PLACEHOLDER.split(template):
                self.prompt_runs |= set(_runs(_words(part), PROMPT_RUN))
        for text in (notes_text, *allowed):
            self.prompt_runs -= set(_runs(_words(text), PROMPT_RUN))

    def problem(self, text: str) -> str | None:
        """Why ``text`` may not stand in a story, or None."""
        if kb.is_instruction(text):
            return "it reads as an instruction, not as part of the story"
        words = _words(text)
        if self.dropped_words & set(words) or any(
                run in self.dropped_runs for run in _runs(words, DROPPED_RUN)):
            return "it repeats a line of the notes that was left out as an instruction"
        if any(run in self.prompt_runs for run in _runs(words, PROMPT_RUN)):
            return "it repeats storygen's own prompt text"
        return None


def guard_findings(story: dict[str, Any], keys: Collection[str], guard: Guard,
                   skip_leaves: Collection[str] = ()) -> list[Finding]:
    """GRD003 error findings for the string fields under the top-level ``keys`` of ``story``
    (the parts the model wrote); leaves named in ``skip_leaves`` (set by code) are not read."""
    found: list[Finding] = []
    for key in keys:
        if key not in story:
            continue
        for pointer, text in _strings(story[key], f"/{key}", skip_leaves):
            why = guard.problem(text)
            if why:
                found.append(Finding(GUARD_CODE, Severity.ERROR,
                                     f"{GUARD_TITLE}: {_quote(text)}: {why}; write only what "
                                     "the candidate says about this story", pointer))
    return found


def strings_of(node: Any) -> list[str]:
    """Every string inside ``node`` (a story or a part of one)."""
    return [text for _pointer, text in _strings(node, "", ())]


def _strings(node: Any, pointer: str, skip: Collection[str]) -> Iterator[tuple[str, str]]:
    if isinstance(node, str):
        yield pointer, node
    elif isinstance(node, dict):
        for name, value in node.items():
            if name not in skip:
                yield from _strings(value, f"{pointer}/{name}", skip)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, f"{pointer}/{index}", skip)


def _quote(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 3] + "...")

"""The story bank: which of the 16 principles and which levels a set of stories covers."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

from storygen.checks.stories import LoadedStory
from storygen.story.model import Story
from storygen.story.principles import PRINCIPLES, Level
from storygen.views.templating import md_escape


@dataclass(slots=True)
class PrincipleCoverage:
    """The stories told for one principle: as their own principle, or as a variant.

    ``levels`` are the stories' own levels (their baseline), not the levels their
    ``level_variants`` retell them at: every drafted story carries variants for the other
    levels, so counting those would list every level on every row.
    """

    principle: str
    primary: list[str] = field(default_factory=list)
    variant: list[str] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)

    @property
    def gap(self) -> bool:
        return not self.primary and not self.variant


@dataclass(slots=True)
class LevelCoverage:
    level: str
    baseline: list[str] = field(default_factory=list)
    variant: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Bank:
    """Coverage of every principle and level by a set of stories.

    ``examples`` names the stories drafted from the example notes ``storygen init`` writes;
    they are counted only when there is no other story (``examples_counted``).
    """

    stories: int
    principles: list[PrincipleCoverage]
    levels: list[LevelCoverage]
    examples: list[str] = field(default_factory=list)
    examples_counted: bool = False

    @property
    def gaps(self) -> list[str]:
        """Principles no story is told for, in the canonical order."""
        return [p.principle for p in self.principles if p.gap]

    @property
    def level_gaps(self) -> list[str]:
        return [lv.level for lv in self.levels if not lv.baseline and not lv.variant]


EXAMPLE_NOTES = ("data", "init", "example-notes.md")


@cache
def _example_notes_sha256() -> frozenset[str]:
    """Digests of the example notes as ``storygen init`` writes them (and with CRLF endings)."""
    text = (files("storygen").joinpath(*EXAMPLE_NOTES)).read_text(encoding="utf-8")
    variants = {text, text.replace("\r\n", "\n"), text.replace("\r\n", "\n").replace("\n", "\r\n")}
    return frozenset(hashlib.sha256(v.encode("utf-8")).hexdigest() for v in variants)


def is_init_example(story: Story) -> bool:
    """Whether the story was drafted from the unchanged example notes of ``storygen init``.

    Its provenance records the digest of the notes it was drafted from; once the user edits
    those notes (or writes their own), the digest differs and the story is theirs.
    """
    provenance = story.provenance
    return bool(provenance and provenance.notes_sha256 in _example_notes_sha256())


def split_examples(stories: Sequence[LoadedStory]) -> tuple[list[LoadedStory], list[LoadedStory]]:
    """(stories to show, init examples left out): the examples are left out unless they are
    all there is, so a fresh workspace still shows its one drafted story."""
    examples = [item for item in stories if is_init_example(item.story)]
    if len(examples) == len(stories):
        return list(stories), []
    return [item for item in stories if not is_init_example(item.story)], examples


def build_bank(stories: Sequence[LoadedStory]) -> Bank:
    """Count, for each principle and level, the stories that cover it (not the init example,
    unless it is the only story)."""
    counted, left_out = split_examples(stories)
    examples = sorted(item.story.id for item in stories if is_init_example(item.story))
    bank = _count(counted)
    bank.examples, bank.examples_counted = examples, bool(examples) and not left_out
    return bank


def _count(stories: Sequence[LoadedStory]) -> Bank:
    by_principle = {name: PrincipleCoverage(name) for name in PRINCIPLES}
    by_level = {level.value: LevelCoverage(level.value) for level in Level}
    for item in sorted(stories, key=lambda s: s.story.id):
        story = item.story
        own = by_principle[story.principle]
        own.primary.append(story.id)
        level = str(story.level)
        for principle in dict.fromkeys(v.principle for v in story.principle_variants):
            if principle != story.principle:
                by_principle[principle].variant.append(story.id)
        for coverage in [own, *(by_principle[v.principle] for v in story.principle_variants)]:
            coverage.levels = [lv.value for lv in Level
                               if lv.value in coverage.levels or lv.value == level]
        by_level[str(story.level)].baseline.append(story.id)
        for variant_level in dict.fromkeys(str(v.level) for v in story.level_variants):
            if variant_level != str(story.level):
                by_level[variant_level].variant.append(story.id)
    return Bank(len(stories), list(by_principle.values()), list(by_level.values()))


def example_note(bank: Bank) -> str:
    """One sentence about the example story, or "" when there is none."""
    if not bank.examples:
        return ""
    ids = ", ".join(bank.examples)
    if bank.examples_counted:
        return (f"Only the example story from storygen init ({ids}) so far: it is left out "
                "once you draft your own notes.")
    count = len(bank.examples)
    return f"{count} example stor{'y' if count == 1 else 'ies'} from storygen init left out ({ids})."


def _gap_lines(bank: Bank) -> list[str]:
    lines = [f"no story for {name}" for name in bank.gaps]
    lines += [f"no story at level {name}" for name in bank.level_gaps]
    return lines


def _rows(bank: Bank) -> list[list[str]]:
    return [[p.principle, str(len(p.primary)), str(len(p.variant)),
             ", ".join(p.levels) or "-", ", ".join([*p.primary, *(f"{i} (variant)" for i in p.variant)]) or "GAP"]
            for p in bank.principles]


PRINCIPLE_HEADER = ["Principle", "Stories", "As variant", "Levels", "Story ids"]


def format_table(bank: Bank) -> str:
    """A plain terminal table, then the levels and the gaps."""
    rows = [PRINCIPLE_HEADER, *_rows(bank)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(PRINCIPLE_HEADER) - 1)]
    out = []
    for n, row in enumerate(rows):
        cells = [cell.ljust(widths[i]) if i in (0, 3) else cell.rjust(widths[i])
                 for i, cell in enumerate(row[:-1])]
        out.append("  ".join([*cells, row[-1]]).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in [*widths, len(row[-1])]))
    out.append("")
    out.append("Levels: " + "; ".join(
        f"{lv.level} {len(lv.baseline)} (+{len(lv.variant)} as variant)" for lv in bank.levels))
    covered = sum(1 for p in bank.principles if not p.gap)
    out.append(f"{bank.stories} stor{'y covers' if bank.stories == 1 else 'ies cover'} "
               f"{covered} of {len(bank.principles)} principles.")
    if bank.examples:
        out.append(example_note(bank))
    gaps = _gap_lines(bank)
    out.append("Gaps:" + (" none" if not gaps else ""))
    out.extend(f"  - {line}" for line in gaps)
    return "\n".join(out) + "\n"


def format_markdown(bank: Bank) -> str:
    """The same table as GitHub markdown."""
    out = ["| " + " | ".join(PRINCIPLE_HEADER) + " |", "| --- | ---: | ---: | --- | --- |"]
    for row in _rows(bank):
        out.append("| " + " | ".join(md_escape(cell) for cell in row) + " |")
    out += ["", "| Level | Stories | As variant |", "| --- | ---: | ---: |"]
    out += [f"| {lv.level} | {len(lv.baseline)} | {len(lv.variant)} |" for lv in bank.levels]
    if bank.examples:
        out += ["", md_escape(example_note(bank))]
    gaps = _gap_lines(bank)
    out += ["", "**Gaps:**" + (" none" if not gaps else "")]
    if gaps:
        out += [""] + [f"- {md_escape(line)}" for line in gaps]
    return "\n".join(out) + "\n"


def format_json(bank: Bank) -> str:
    data = {
        "stories": bank.stories,
        "principles": [{"principle": p.principle, "count": len(p.primary),
                        "variant_count": len(p.variant), "stories": p.primary,
                        "variant_stories": p.variant, "levels": p.levels}
                       for p in bank.principles],
        "levels": [{"level": lv.level, "count": len(lv.baseline),
                    "variant_count": len(lv.variant), "stories": lv.baseline,
                    "variant_stories": lv.variant} for lv in bank.levels],
        "gaps": bank.gaps,
        "level_gaps": bank.level_gaps,
        "example_stories": bank.examples,
        "examples_counted": bank.examples_counted,
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


FORMAT_BY_NAME: dict[str, Callable[[Bank], str]] = {
    "table": format_table,
    "md": format_markdown,
    "json": format_json,
}

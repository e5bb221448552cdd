"""``storygen site``: an index of every story with findings counts and principle coverage,
and one self-contained page per story."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from storygen.checks.stories import check_unique_ids, findings_of, load_stories, rule_settings
from storygen.core.errors import InputError, UsageError
from storygen.core.fsutil import atomic_write
from storygen.story.loader import DEFAULT_MAX_BYTES
from storygen.views.bank import build_bank, example_note, split_examples
from storygen.views.html import render_html, render_page


@dataclass(frozen=True, slots=True)
class IndexRow:
    href: str
    title: str
    principle: str
    level: str
    findings: int


@dataclass(slots=True)
class SiteOptions:
    paths: list[Path]
    out: Path
    max_bytes: int = DEFAULT_MAX_BYTES


def page_name(story_id: str) -> str:
    return f"{story_id}.html"


INDEX_PAGE = "index.html"


def _check_page_names(stories: list, out: Path) -> None:
    """Refuse a story whose page would replace the index or another story's page."""
    owners: dict[str, str] = {INDEX_PAGE: "the site's index"}
    for item in stories:
        name = page_name(item.story.id).casefold()  # one page on case-blind file systems too
        if name in owners:
            raise UsageError(f"story id {item.story.id!r} would write {out / page_name(item.story.id)}"
                             f", the page of {owners[name]}; give the story another id",
                             path=item.path)
        owners[name] = str(item.path)


def build_site(options: SiteOptions) -> list[Path]:
    """Write the index and the story pages; nothing is written when any story cannot be read.

    The story drafted from ``storygen init``'s example notes gets no page and no row once
    there are other stories; the index says it was left out.
    """
    loaded, errors = load_stories(options.paths, max_bytes=options.max_bytes)
    if errors:
        raise InputError(f"{len(errors)} stor{'y' if len(errors) == 1 else 'ies'} could not be "
                         "rendered, so no site was written: " + " | ".join(errors))
    stories, _examples = split_examples(loaded)
    check_unique_ids(stories, "ids name the pages")
    _check_page_names(stories, options.out)
    if options.out.exists() and not options.out.is_dir():
        raise InputError("output exists and is not a directory", path=options.out)
    stories.sort(key=lambda s: (s.story.principle, s.story.title, s.story.id))
    settings = rule_settings()
    rows = [IndexRow(page_name(s.story.id), s.story.title, s.story.principle, str(s.story.level),
                     len(findings_of(s.path, settings).findings)) for s in stories]
    pages = {page_name(s.story.id): render_html(s.story, back_link="index.html") for s in stories}
    links = {s.story.id: page_name(s.story.id) for s in stories}
    bank = build_bank(loaded)
    pages["index.html"] = render_page("index.html.j2", script=False, rows=rows, bank=bank,
                                      links=links, example_note=example_note(bank))
    written = []
    for name, text in pages.items():
        atomic_write(options.out / name, text)
        written.append(options.out / name)
    return written

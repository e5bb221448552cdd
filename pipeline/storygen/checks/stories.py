"""Loading stories for the views and reviews: schema-valid stories only, every problem collected."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from storygen.checks.config import load_settings
from storygen.checks.settings import Settings
from storygen.checks.validate import ValidateOptions, check_file
from storygen.core.errors import InputError
from storygen.core.findings import FileResult
from storygen.story.loader import DEFAULT_MAX_BYTES, Source, find_story_files, load_story_source
from storygen.story.model import Story
from storygen.story.schema_check import schema_findings


@dataclass(frozen=True, slots=True)
class LoadedStory:
    """A story file that passed the schema, ready to render."""

    path: Path
    source: Source
    story: Story


def story_from_source(source: Source) -> Story:
    """The Story in ``source``; the first schema finding becomes a one-line InputError."""
    findings, story = schema_findings(source)
    if story is not None:
        return story
    first = findings[0]
    more = f" (and {len(findings) - 1} more)" if len(findings) > 1 else ""
    raise InputError(f"{first.code} {first.message} [{first.pointer or '/'}]{more}; "
                     f"fix it first (storygen validate {source.path})",
                     path=source.path, line=first.line, column=first.column)


def load_story(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedStory:
    """Read one story file and check it against the schema."""
    source = load_story_source(path, max_bytes=max_bytes)
    return LoadedStory(path, source, story_from_source(source))


def load_stories(paths: list[Path], *,
                 max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[list[LoadedStory], list[str]]:
    """Every story under ``paths`` that loads, and a one-line error for each that does not."""
    files = find_story_files(paths)
    stories: list[LoadedStory] = []
    errors: list[str] = []
    for path in files:
        try:
            stories.append(load_story(path, max_bytes=max_bytes))
        except InputError as exc:
            errors.append(exc.one_line())
    return stories, errors


def check_unique_ids(stories: list[LoadedStory], why: str) -> None:
    """Refuse two files that hold the same story id (``why`` says what the id is used for)."""
    seen: dict[str, Path] = {}
    for item in stories:
        if item.story.id in seen:
            raise InputError(f"story id {item.story.id!r} is also used by {seen[item.story.id]}; "
                             f"{why}, so make them unique", path=item.path)
        seen[item.story.id] = item.path


def rule_settings() -> Settings:
    """The rule configuration found from the working directory (as ``storygen validate`` uses)."""
    return load_settings(Path.cwd())


def findings_of(path: Path, settings: Settings | None = None) -> FileResult:
    """Schema and rule findings for one file, as ``storygen validate`` reports them."""
    return check_file(path, ValidateOptions(paths=[path], settings=settings))

"""``storygen init``: lay out a stories workspace without overwriting anything there."""

from __future__ import annotations

import shlex
from importlib.resources import files
from pathlib import Path

from storygen import __version__
from storygen.core.errors import InputError
from storygen.core.fsutil import atomic_write

# destination (relative to the workspace) -> template in storygen/data/init/
LAYOUT: dict[str, str] = {
    "raw_notes/webhook-dlq.md": "example-notes.md",
    "storygen.toml": "storygen.toml",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
    ".github/workflows/stories.yml": "stories-workflow.yml",
}


def init_workspace(directory: Path) -> list[str]:
    """Create the workspace files that are missing; return one line per file, saying what happened."""
    if directory.exists() and not directory.is_dir():
        raise InputError("exists and is not a folder", path=directory)
    lines: list[str] = []
    templates = files("storygen") / "data" / "init"
    (directory / "generated").mkdir(parents=True, exist_ok=True)
    for target, template in LAYOUT.items():
        path = directory / target
        if path.exists():
            lines.append(f"kept    {path} (already there)")
            continue
        text = (templates / template).read_text(encoding="utf-8")
        atomic_write(path, text.replace("{{ storygen_version }}", __version__))
        lines.append(f"created {path}")
    lines.append(f"created {directory / 'generated'}/" if not any(
        (directory / "generated").iterdir()) else f"kept    {directory / 'generated'}/")
    here = directory.resolve() == Path.cwd().resolve()
    enter = "" if here else f"cd {shlex.quote(str(directory))} && "
    lines.append(f"next: {enter}storygen draft raw_notes/ && storygen validate generated/")
    return lines

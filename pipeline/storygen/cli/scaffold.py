"""``storygen init``: lay out a stories workspace without overwriting anything there, and
(with ``--git``) tell git to diff stories with storygen."""

from __future__ import annotations

import shlex
import subprocess
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
GITATTRIBUTES = ("*.story.yaml diff=storygen", "*.story.yml diff=storygen",
                 "*.story.json diff=storygen")
"""The lines of .gitattributes that send story files to the storygen diff driver."""
GIT_CONFIG: tuple[tuple[str, str], ...] = (
    ("diff.storygen.command", "storygen diff"),
    ("diff.storygen.textconv", "storygen diff --textconv"),
)
"""What ``storygen init --git`` sets in the repository's git config: ``git diff`` runs the
storygen diff; ``git log -p`` and ``git show`` read stories through the textconv filter."""
DEFAULT_BRANCH = "main"


def _git(directory: Path, *args: str) -> subprocess.CompletedProcess[str] | None:
    """Run git in ``directory``; None when git is not installed."""
    try:
        return subprocess.run(["git", "-C", str(directory), *args], capture_output=True,
                              text=True, check=False)
    except OSError:
        return None


def in_git_repository(directory: Path) -> bool:
    done = _git(directory, "rev-parse", "--is-inside-work-tree")
    return done is not None and done.returncode == 0 and done.stdout.strip() == "true"


def default_branch(directory: Path) -> str:
    """The branch the workflow runs on for pushes: the remote's default branch (origin/HEAD),
    else the repository's current branch, else main."""
    if not (directory.is_dir() and in_git_repository(directory)):
        return DEFAULT_BRANCH
    for ref in ("refs/remotes/origin/HEAD", "HEAD"):
        done = _git(directory, "symbolic-ref", "--short", ref)
        if done is not None and done.returncode == 0 and done.stdout.strip():
            return done.stdout.strip().removeprefix("origin/")
    return DEFAULT_BRANCH


def _gitattributes(directory: Path) -> str:
    path = directory / ".gitattributes"
    if not path.exists():
        atomic_write(path, "\n".join(GITATTRIBUTES) + "\n")
        return f"created {path}"
    text = path.read_text(encoding="utf-8")
    present = {line.strip() for line in text.splitlines()}
    missing = [line for line in GITATTRIBUTES if line not in present]
    if not missing:
        return f"kept    {path} (already there)"
    atomic_write(path, text + ("" if not text or text.endswith("\n") else "\n")
                 + "\n".join(missing) + "\n")
    return f"updated {path} (added {', '.join(missing)})"


def configure_git(directory: Path) -> list[str]:
    """Set the storygen diff driver in the git config of the repository holding ``directory``."""
    if not in_git_repository(directory):
        return [f"git: {directory} is not inside a git repository, so the git diff settings "
                "were not made (run `git init`, then `storygen init --git` again)"]
    lines = []
    for key, value in GIT_CONFIG:
        done = _git(directory, "config", key, value)
        if done is None or done.returncode != 0:
            reason = done.stderr.strip() if done is not None else "git not found"
            raise InputError(f"git config {key} failed: {reason}", path=directory)
        lines.append(f"set     git config {key} {shlex.quote(value)}")
    return lines


def init_workspace(directory: Path, *, git: bool = False) -> list[str]:
    """Create the workspace files that are missing; return one line per file, saying what happened.

    With ``git``, also set the storygen diff driver in the repository's git config.
    """
    if directory.exists() and not directory.is_dir():
        raise InputError("exists and is not a folder", path=directory)
    lines: list[str] = []
    templates = files("storygen") / "data" / "init"
    for folder in ("generated", "raw_notes", ".github", ".github/workflows"):
        place = directory / folder
        if place.exists() and not place.is_dir():
            raise InputError("exists and is not a folder; move it away and run init again",
                             path=place)
    (directory / "generated").mkdir(parents=True, exist_ok=True)
    branch = default_branch(directory)
    for target, template in LAYOUT.items():
        path = directory / target
        if path.exists():
            lines.append(f"kept    {path} (already there)")
            continue
        text = (templates / template).read_text(encoding="utf-8")
        atomic_write(path, text.replace("{{ storygen_version }}", __version__)
                     .replace("{{ default_branch }}", branch))
        lines.append(f"created {path}")
    lines.append(f"created {directory / 'generated'}/" if not any(
        (directory / "generated").iterdir()) else f"kept    {directory / 'generated'}/")
    lines.append(_gitattributes(directory))
    if git:
        lines += configure_git(directory)
    here = directory.resolve() == Path.cwd().resolve()
    enter = "" if here else f"cd {shlex.quote(str(directory))} && "
    lines.append(f"next: {enter}storygen draft raw_notes/ && storygen validate generated/")
    return lines

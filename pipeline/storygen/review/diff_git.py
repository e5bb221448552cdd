"""Stories compared between git revisions, each judged against the notes of its own revision.

``storygen diff --git A..B`` lists the story files changed between two commits
(``git diff --name-status -z``), reads both sides with ``git show REV:path`` and the notes
each side names (``provenance.notes``) at the same revision, so a figure that was in the notes
when the story was committed is not reported as ungrounded because the notes changed later.
``--git A`` compares revision A with the working tree; ``A...B`` compares B with the merge
base of A and B. Git runs as a subprocess with an argument list, never through a shell.

When git runs storygen as its external diff, it passes blob files and hashes but no revision;
:func:`external_notes` recovers the revision of each side from the hashes where it can.
"""

from __future__ import annotations

import posixpath
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from storygen.checks.settings import Settings
from storygen.core.errors import InputError, UsageError
from storygen.review.diff import DEV_NULL, DiffResult, Notes, diff_sources
from storygen.story.loader import DEFAULT_MAX_BYTES, STORY_SUFFIXES, Source, load_story_source

WORKING_TREE = None
_GIT_TIMEOUT = 120


def _git(args: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False,
                              timeout=_GIT_TIMEOUT)
    except FileNotFoundError as exc:
        raise UsageError("git: the git command was not found") from exc
    except subprocess.TimeoutExpired as exc:
        raise UsageError(f"git: 'git {args[0]}' did not finish in {_GIT_TIMEOUT} s") from exc


@dataclass(frozen=True, slots=True)
class Repo:
    """The repository around the working directory."""

    top: Path

    @classmethod
    def here(cls) -> Repo:
        done = _git(["rev-parse", "--show-toplevel"])
        if done.returncode != 0:
            raise UsageError("git: not a git repository (run storygen diff --git inside one)")
        return cls(Path(done.stdout.decode("utf-8", "replace").strip()))

    def commit(self, rev: str) -> str:
        """The commit ``rev`` names; UsageError (exit 2) when it names none."""
        done = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"],
                    self.top)
        if done.returncode != 0 or not rev:
            raise UsageError(f"git: unknown revision {rev!r}")
        return done.stdout.decode().strip()

    def blob(self, rev: str | None, path: str) -> bytes | None:
        """The bytes of ``path`` (from the top of the repository) at ``rev``; the working
        tree when ``rev`` is None, the index when it is ``""``; None when there is none."""
        if rev is WORKING_TREE:
            file = self.top / path
            return file.read_bytes() if file.is_file() else None
        done = _git(["cat-file", "blob", f"{rev}:{path}"], self.top)
        return done.stdout if done.returncode == 0 else None

    def blob_id(self, rev: str, path: str) -> str | None:
        done = _git(["rev-parse", "--verify", "--quiet", f"{rev}:{path}"], self.top)
        return done.stdout.decode().strip() if done.returncode == 0 else None


def is_story(path: str) -> bool:
    return path.endswith(STORY_SUFFIXES)


def notes_at(repo: Repo, rev: str | None, data: Any, story_path: str) -> Notes | None:
    """The notes a story at ``rev`` names, read at the same revision (the repository root
    first, then the story's folder, as ``storygen validate`` looks). None when the story
    names no notes (the rule engine then says GRD001 was skipped); Notes(None) when the
    file it names is not there at that revision."""
    provenance = data.get("provenance") if isinstance(data, dict) else None
    named = provenance.get("notes") if isinstance(provenance, dict) else None
    if not isinstance(named, str) or not named.strip():
        return None
    if PurePosixPath(named).is_absolute():
        return None  # outside any revision: read from disk as validate does
    folder = posixpath.dirname(story_path)
    for candidate in (posixpath.normpath(named), posixpath.normpath(posixpath.join(folder, named))):
        if candidate.startswith("../") or candidate == "..":
            continue
        raw = repo.blob(rev, candidate)
        if raw is not None:
            return Notes(raw.decode("utf-8", errors="replace"))
    return Notes(None)


def _load(raw: bytes, path: str, label: str, max_bytes: int) -> Source:
    """Parse a story held in memory, with the same checks as a story read from disk."""
    with tempfile.TemporaryDirectory(prefix="storygen-diff-") as folder:
        file = Path(folder) / PurePosixPath(path).name
        file.write_bytes(raw)
        try:
            source = load_story_source(file, max_bytes=max_bytes)
        except InputError as exc:
            raise InputError(exc.message, path=label, line=exc.line, column=exc.column) from exc
    source.path = label
    return source


@dataclass(slots=True)
class StoryDiff:
    """One story file that changed: its diff, or why a side could not be read."""

    old_label: str
    new_label: str
    result: DiffResult | None = None
    error: str | None = None

    @property
    def equal(self) -> bool:
        return self.result is not None and self.result.equal


@dataclass(frozen=True, slots=True)
class GitRange:
    """``A..B`` (or ``A`` against the working tree, or ``A...B`` from the merge base)."""

    spec: str
    old: str
    new: str | None
    old_name: str
    new_name: str


def parse_range(repo: Repo, spec: str) -> GitRange:
    if "..." in spec:
        left, right = spec.split("...", 1)
        left, right = left or "HEAD", right or "HEAD"
        base = _git(["merge-base", "--end-of-options", repo.commit(left), repo.commit(right)],
                    repo.top)
        if base.returncode != 0:
            raise UsageError(f"git: {left!r} and {right!r} have no common ancestor")
        return GitRange(spec, base.stdout.decode().strip(), repo.commit(right),
                        f"merge-base({left}, {right})", right)
    if ".." in spec:
        left, right = spec.split("..", 1)
        left, right = left or "HEAD", right or "HEAD"
        return GitRange(spec, repo.commit(left), repo.commit(right), left, right)
    return GitRange(spec, repo.commit(spec), WORKING_TREE, spec, "working tree")


def changed_story_paths(repo: Repo, rng: GitRange,
                        pathspecs: list[str]) -> list[tuple[str | None, str | None]]:
    """(old path, new path) of every story file changed in the range; None for the side
    where the story does not exist (added or deleted)."""
    args = ["diff", "--name-status", "-z", "--no-ext-diff", "--no-relative", "-M", rng.old]
    if rng.new is not WORKING_TREE:
        args.append(rng.new)
    done = _git([*args, "--", *pathspecs], Path.cwd())
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError("git: " + (message[0] if message else "git diff failed"))
    fields = done.stdout.decode("utf-8", "surrogateescape").split("\0")
    out: list[tuple[str | None, str | None]] = []
    i = 0
    while i < len(fields) and fields[i]:
        status = fields[i][0]
        if status in "RC":
            old, new = fields[i + 1], fields[i + 2]
            i += 3
        else:
            old = new = fields[i + 1]
            i += 2
        pair = (None if status == "A" else old, None if status == "D" else new)
        if any(p is not None and is_story(p) for p in pair):
            if status in "RC" and not (is_story(old) and is_story(new)):
                pair = (old, None) if is_story(old) else (None, new)
            out.append(pair)
    return out


def _side(repo: Repo, rev: str | None, path: str | None, label: str,
          max_bytes: int) -> tuple[Source | None, Notes | None]:
    if path is None:
        return None, None
    raw = repo.blob(rev, path)
    if raw is None:
        return None, None
    source = _load(raw, path, label, max_bytes)
    return source, notes_at(repo, rev, source.data, path)


def diff_range(spec: str, pathspecs: list[str], *, settings: Settings | None = None,
               max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[GitRange, list[StoryDiff]]:
    """Every story file changed in ``spec``, each side judged against its own notes."""
    repo = Repo.here()
    rng = parse_range(repo, spec)
    diffs = []
    for old_path, new_path in changed_story_paths(repo, rng, pathspecs):
        old_label = f"{rng.old_name}:{old_path}" if old_path else DEV_NULL
        new_label = (DEV_NULL if new_path is None else new_path if rng.new is WORKING_TREE
                     else f"{rng.new_name}:{new_path}")
        try:
            old, old_notes = _side(repo, rng.old, old_path, old_label, max_bytes)
            new, new_notes = _side(repo, rng.new, new_path, new_label, max_bytes)
        except InputError as exc:
            diffs.append(StoryDiff(old_label, new_label, error=exc.one_line()))
            continue
        result = diff_sources(old, new, settings=settings, old_notes=old_notes,
                              new_notes=new_notes)
        result.old_label, result.new_label = old_label, new_label
        diffs.append(StoryDiff(old_label, new_label, result=result))
    return rng, diffs


def external_notes(path: str, old_file: str, old_hex: str, new_path: str, new_file: str,
                   new_hex: str, old_data: Any, new_data: Any) -> tuple[Notes | None, Notes | None]:
    """The notes of each side when git runs storygen as an external diff.

    Git passes no revision, only blob files and their hashes, so each side's revision is
    recovered from its hash: a new side that is the working-tree file keeps today's reading
    (the notes on disk); a side whose blob is the one in the index reads the notes from the
    index, one whose blob is HEAD's from HEAD; otherwise the new side's revision is the
    commit that introduced its blob and the old side's is that commit's parent (as in
    ``git log -p --ext-diff`` and ``git show --ext-diff``). A side no hash pins down
    keeps the notes on disk (None).
    """
    try:
        return _external_notes(path, old_file, old_hex, new_path, new_file, new_hex,
                               old_data, new_data)
    except UsageError:  # git missing or too slow: keep the notes on disk
        return None, None


def _external_notes(path: str, old_file: str, old_hex: str, new_path: str, new_file: str,
                    new_hex: str, old_data: Any,
                    new_data: Any) -> tuple[Notes | None, Notes | None]:
    repo = Repo.here()

    def pinned(rev_path: str, hexsha: str) -> str | None:
        for rev in ("", "HEAD"):
            if repo.blob_id(rev, rev_path) == hexsha:
                return rev
        return None

    new_rev: str | None = None
    new_notes = old_notes = None
    if new_file != DEV_NULL and not _is_worktree(repo, new_path, new_file):
        new_rev = pinned(new_path, new_hex) or _introduced(repo, new_path, new_hex)
        if new_rev is not None:
            new_notes = notes_at(repo, new_rev, new_data, new_path)
    if old_file != DEV_NULL:
        old_rev = pinned(path, old_hex)
        if new_rev not in (None, "", "HEAD") and repo.blob_id(f"{new_rev}^", path) == old_hex:
            old_rev = f"{new_rev}^"
        if old_rev is not None:
            old_notes = notes_at(repo, old_rev, old_data, path)
    return old_notes, new_notes


def _is_worktree(repo: Repo, path: str, file: str) -> bool:
    try:
        return Path(file).resolve() == (repo.top / path).resolve()
    except OSError:
        return False


def _introduced(repo: Repo, path: str, hexsha: str) -> str | None:
    """The newest commit that made ``path`` hold blob ``hexsha``, if any."""
    if len(hexsha) < 7 or set(hexsha) == {"0"} or not all(c in "0123456789abcdef" for c in hexsha):
        return None
    done = _git(["log", "--format=%H", f"--find-object={hexsha}", "HEAD", "--", path], repo.top)
    if done.returncode != 0:
        return None
    for commit in done.stdout.decode().split():
        if repo.blob_id(commit, path) == hexsha:
            return commit
    return None

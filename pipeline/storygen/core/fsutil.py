"""Files: atomic writes that never leave a partial file, and where a workspace's root is."""

from __future__ import annotations

import contextlib
import functools
import os
import tempfile
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]
"""The installed ``storygen`` package folder (``data/`` and ``templates/`` live here)."""
CHECKOUT_DIR = PACKAGE_DIR.parents[1]
"""The source checkout when running from one (``pipeline/storygen`` two levels down)."""
ROOT_MARKERS = (".git", "storygen.toml", "pyproject.toml")


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, fsync it, then rename over ``path``."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, _mode_for(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; new files get the usual 0666 less the umask."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def repo_root(path: Path) -> Path:
    """The nearest folder at or above ``path`` holding .git, storygen.toml or pyproject.toml;
    else the working directory."""
    start = path.resolve()
    found = _marked_root(start if start.is_dir() else start.parent)
    return found if found is not None else Path.cwd().resolve()


@functools.lru_cache(maxsize=256)
def _marked_root(folder: Path) -> Path | None:
    for candidate in (folder, *folder.parents):
        if any((candidate / marker).exists() for marker in ROOT_MARKERS):
            return candidate
    return None

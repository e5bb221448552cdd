"""Files: atomic writes that never leave a partial file, and where a workspace's root is."""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import os
import stat
import tempfile
import time
from pathlib import Path

from storygen.core.errors import InputError

PACKAGE_DIR = Path(__file__).resolve().parents[1]
"""The installed ``storygen`` package folder (``data/`` and ``templates/`` live here)."""
CHECKOUT_DIR = PACKAGE_DIR.parents[1]
"""The source checkout when running from one (``pipeline/storygen`` two levels down)."""
ROOT_MARKERS = (".git", "storygen.toml", "pyproject.toml")


_CHUNK = 1 << 16


def read_bounded(path: Path, max_bytes: int, what: str = "file") -> bytes:
    """The bytes of ``path``, read only when it is a regular file (a symlink to one is fine)
    of at most ``max_bytes``; at most ``max_bytes + 1`` bytes are ever read, so a FIFO, a device
    or a file growing while read costs no time or memory.  InputError names the path."""
    shown = str(path)
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _read_error(exc, shown, what) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"is a directory, not a {what}", path=shown)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"not a regular file (a {what} must be one)", path=shown)
        if info.st_size > max_bytes:
            raise _too_large(shown, what, f"{info.st_size:,} bytes", max_bytes)
        chunks: list[bytes] = []
        total = 0
        while total <= max_bytes:
            chunk = os.read(fd, min(_CHUNK, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > max_bytes:
            raise _too_large(shown, what, "it grew while read", max_bytes)
        return b"".join(chunks)
    except InputError:
        raise
    except OSError as exc:
        raise _read_error(exc, shown, what) from None
    finally:
        os.close(fd)


def _too_large(shown: str, what: str, size: str, max_bytes: int) -> InputError:
    return InputError(f"too large ({what} is {size}, over the {max_bytes:,}-byte limit; "
                      "raise it with --max-bytes)", path=shown)


def _read_error(exc: OSError, shown: str, what: str) -> InputError:
    """One line for an OSError met while opening or reading a file."""
    if exc.errno == errno.ENOENT:
        return InputError(f"no such {what}", path=shown)
    if exc.errno in (errno.EACCES, errno.EPERM):
        return InputError(f"permission denied reading this {what}", path=shown)
    if exc.errno == errno.EISDIR:
        return InputError(f"is a directory, not a {what}", path=shown)
    if exc.errno == errno.ELOOP:
        return InputError(f"symlink loop: cannot read this {what}", path=shown)
    if exc.errno == errno.ENAMETOOLONG:
        return InputError("file name too long", path=shown)
    if exc.errno == errno.ENOTDIR:
        return InputError(f"no such {what} (a part of the path is not a folder)", path=shown)
    return InputError(f"cannot read this {what}: {exc.strerror or exc}", path=shown)


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, fsync it, then rename over ``path``."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        _atomic_write(path, payload)
    except OSError as exc:  # name the target, not the temporary file
        raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from None


STALE_TEMP_SECONDS = 60
_TEMP_NAME_CHARS = 80


def temp_prefix(name: str) -> str:
    """The prefix of ``name``'s temporary files: ``.NAME.``, the name shortened with a hash
    when long, so the temporary name fits the 255-byte limit of file names."""
    if len(name.encode("utf-8")) > _TEMP_NAME_CHARS:
        digest = hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:16]
        name = name.encode("utf-8", "surrogateescape")[:48].decode("utf-8", "ignore") + "~" \
            + digest
    return f".{name}."


def remove_stale_temps(path: Path, *, older_than: float = STALE_TEMP_SECONDS) -> None:
    """Remove temporary files of ``path`` left by a run that was killed mid-write."""
    prefix = temp_prefix(path.name)
    now = time.time()
    with contextlib.suppress(OSError), os.scandir(path.parent) as entries:
        for entry in entries:
            if not (entry.name.startswith(prefix) and entry.name.endswith(".tmp")):
                continue
            with contextlib.suppress(OSError):
                if entry.is_file(follow_symlinks=False) and \
                        now - entry.stat(follow_symlinks=False).st_mtime > older_than:
                    os.unlink(entry.path)


def _atomic_write(path: Path, payload: bytes) -> None:
    if path.is_symlink():  # write the file the link points to; the link stays
        path = real_path(path)
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a directory, not a file", str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(path)
    fd, tmp = tempfile.mkstemp(prefix=temp_prefix(path.name), suffix=".tmp", dir=path.parent)
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


def cache_dir() -> Path:
    """``STORYGEN_CACHE_DIR`` when set, else the user cache folder of storygen."""
    override = os.environ.get("STORYGEN_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("storygen"))


def real_path(path: Path) -> Path:
    """``path`` made absolute with symlinks resolved; a symlink loop or a deleted working
    directory raise InputError instead of RuntimeError or FileNotFoundError."""
    try:
        return Path(os.path.realpath(path, strict=False))
    except OSError as exc:
        raise _read_error(exc, str(path), "file") from None


def same_file(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` name the same file (through symlinks and hard links too)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        try:
            return real_path(a) == real_path(b)
        except InputError:
            return False


def working_dir() -> Path:
    """The working directory; InputError when it was deleted under us."""
    try:
        return Path(os.getcwd())
    except FileNotFoundError:
        raise InputError("the working directory no longer exists; cd to an existing "
                         "folder") from None


def repo_root(path: Path) -> Path:
    """The nearest folder at or above ``path`` holding .git, storygen.toml or pyproject.toml;
    else the working directory."""
    start = real_path(path)
    found = _marked_root(start if start.is_dir() else start.parent)
    return found if found is not None else real_path(working_dir())


@functools.lru_cache(maxsize=256)
def _marked_root(folder: Path) -> Path | None:
    for candidate in (folder, *folder.parents):
        if any((candidate / marker).exists() for marker in ROOT_MARKERS):
            return candidate
    return None

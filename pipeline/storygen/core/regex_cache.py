"""Compiled regular expressions kept on disk between runs, as Python keeps compiled bytecode.

The drafter reads notes with some 1,500 regular expressions, and compiling them is about a third
of a one-note ``storygen draft``. Python compiles a pattern in two steps: parsing it into the
regular expression engine's code (slow, written in Python) and building a matcher from that code
(fast, in C). ``enable()`` keeps the engine code of each pattern the process compiles in one
cache file, so the next run only builds matchers.

The file is named by the interpreter and the engine's own version (``_sre.MAGIC``), opens on a
checksum of what follows, and is replaced whole (written beside it, then renamed): a file that
is missing, torn, from another Python, or not this module's is ignored and written again. The
engine checks every code it is given before it matches with it. ``STORYGEN_NO_REGEX_CACHE=1``
turns the cache off; where the interpreter does not compile patterns as described here, it is
off by itself, and patterns compile as they always do.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import itertools
import marshal
import os
import re
import sys
from array import array
from pathlib import Path
from typing import Any

from storygen.core.fsutil import cache_dir

try:  # the engine and its two compile steps, as CPython 3.11 and later name them
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # another interpreter: no cache
    _sre = None

ENV_OFF = "STORYGEN_NO_REGEX_CACHE"
MAX_ENTRIES = 2500
"""Patterns kept (about 1 MB in memory for each 500): past that, the file keeps those this run
used, in the order it first used them, up to this many; the drafter's own ~1,500 come first,
and those built from names in one set of notes fall away."""
SAVE_AFTER = 8
"""New patterns a run must compile before the file is written again: a few patterns of other
libraries are built from sets, in a new order each run, and never worth a rewrite."""
_HEADER = b"storygen-re-1\n"
_DIGEST = 16

Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]


class RegexCache:
    """The engine code of compiled patterns, by (pattern, flags): loaded from one file, added
    to as the process compiles new patterns, and saved when it ends."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: dict[tuple[str, int], Entry] = _load(path)
        self.used: dict[tuple[str, int], None] = {}  # in the order of first use
        self.hits = 0
        self.misses = 0
        self._compile: Any = None

    def compile(self, pattern: Any, flags: int = 0) -> Any:
        """``re._compiler.compile`` with the engine code read from the cache when it holds it."""
        if not isinstance(pattern, str) or flags & re.DEBUG:
            return self._compile(pattern, flags)
        key = (pattern, int(flags))
        entry = self.entries.get(key)
        if entry is not None:
            try:
                compiled = _sre.compile(pattern, entry[0], array("I", entry[1]).tolist(),
                                        entry[2], entry[3], entry[4])
            except (RuntimeError, TypeError, ValueError, OverflowError):
                self.entries.pop(key, None)  # not code this engine accepts: compile it afresh
            else:
                self.hits += 1
                self.used.setdefault(key)
                return compiled
        self.misses += 1
        parsed = _parser.parse(pattern, flags)
        code = [int(op) for op in _compiler._code(parsed, flags)]
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        entry = (int(flags | parsed.state.flags), array("I", code).tobytes(),
                 parsed.state.groups - 1, groupindex, tuple(indexgroup))
        self.entries[key] = entry
        self.used.setdefault(key)
        return _sre.compile(pattern, entry[0], code, entry[2], entry[3], entry[4])

    def save(self) -> None:
        """Write the cache when this run compiled ``SAVE_AFTER`` patterns it did not hold (or
        it held none), or when it holds more than ``MAX_ENTRIES``; never raises."""
        if self.misses < SAVE_AFTER and (self.hits or not self.misses) \
                and len(self.entries) <= MAX_ENTRIES:
            return
        entries = self.entries if len(self.entries) <= MAX_ENTRIES else {
            key: self.entries[key] for key in itertools.islice(
                (key for key in self.used if key in self.entries), MAX_ENTRIES)}
        temp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            payload = marshal.dumps(entries)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temp.write_bytes(_HEADER + hashlib.blake2b(payload, digest_size=_DIGEST).digest()
                             + payload)
            os.replace(temp, self.path)
        except (OSError, ValueError):  # a read-only or full disk: the next run compiles again
            with contextlib.suppress(OSError):
                temp.unlink(missing_ok=True)


def _load(path: Path) -> dict[tuple[str, int], Entry]:
    try:
        data = memoryview(path.read_bytes())
    except OSError:
        return {}
    head, digest, payload = data[:len(_HEADER)], data[len(_HEADER):len(_HEADER) + _DIGEST], \
        data[len(_HEADER) + _DIGEST:]
    if head != _HEADER or hashlib.blake2b(payload, digest_size=_DIGEST).digest() != digest:
        return {}
    try:
        entries = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return {}
    return entries if isinstance(entries, dict) else {}


def cache_path() -> Path:
    """The cache file, in storygen's cache folder (``STORYGEN_CACHE_DIR``, else the user's
    cache folder), named by the interpreter and the engine."""
    tag = sys.implementation.cache_tag or sys.implementation.name
    return cache_dir() / f"regex-{tag}-{_sre.MAGIC}.bin"


_active: RegexCache | None = None


def enable(path: Path | None = None) -> RegexCache | None:
    """Compile patterns through the cache for the rest of the process and save it at exit;
    None (and nothing changed) when it is turned off or the interpreter does not allow it."""
    global _active
    if _active is not None:
        return _active
    if os.environ.get(ENV_OFF, "").strip() not in ("", "0") or _sre is None \
            or not all(hasattr(m, a) for m, a in ((_compiler, "compile"), (_compiler, "_code"),
                                                   (_parser, "parse"), (_sre, "MAGIC"))) \
            or array("I").itemsize != getattr(_sre, "CODESIZE", 0):  # code words as stored
        return None
    try:
        where = path or cache_path()
    except ImportError:  # platformdirs missing: nowhere to keep it
        return None
    cache = RegexCache(where)
    cache._compile = _compiler.compile
    _compiler.compile = cache.compile
    atexit.register(cache.save)
    _active = cache
    return cache


def disable() -> None:
    """Compile patterns as Python does again, saving what the cache learnt."""
    global _active
    if _active is None:
        return
    _compiler.compile = _active._compile
    atexit.unregister(_active.save)
    _active.save()
    _active = None

"""Running storygen as a separate process with a time and memory bound, for hostile inputs."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
MEMORY_LIMIT = 300 * 1024 * 1024
TIME_LIMIT = 5.0


def _limit_memory() -> None:  # pragma: no cover - runs in the child
    # the interpreter itself maps ~100 MB of address space; leave room for it
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT + (200 << 20),) * 2)


def run(*args: str | Path, cwd: Path, timeout: float = TIME_LIMIT) -> subprocess.CompletedProcess:
    """``storygen ARGS`` in ``cwd``; fails the test if it takes longer than ``timeout``."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "pipeline"), "NO_COLOR": "1"}
    env.pop("STORYGEN_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "storygen", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout,
                          preexec_fn=_limit_memory, stdin=subprocess.DEVNULL)


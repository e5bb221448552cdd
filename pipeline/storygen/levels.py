"""Interview time limits per level, from the knowledge base when it is installed, else a table."""

from __future__ import annotations

import functools
from importlib.resources import files
from typing import Any

# Seconds an interviewer expects a whole story to take at each level (min, max).
DEFAULT_TIME_LIMITS: dict[str, tuple[int, int]] = {
    "SDE1": (90, 120),
    "SDE2": (120, 180),
    "Senior SDE": (150, 180),
    "Principal SDE": (150, 210),
}


def _limit_of(entry: Any) -> tuple[int, int] | None:
    """``{time_limit: {min, max}}`` (or ``time_limit_seconds``) as a pair, if it is one."""
    if not isinstance(entry, dict):
        return None
    limit = entry.get("time_limit", entry.get("time_limit_seconds"))
    if isinstance(limit, dict):
        low, high = limit.get("min"), limit.get("max")
    elif isinstance(limit, (list, tuple)) and len(limit) == 2:
        low, high = limit
    else:
        return None
    if isinstance(low, int) and isinstance(high, int) and 0 < low <= high:
        return low, high
    return None


@functools.cache
def time_limits() -> dict[str, tuple[int, int]]:
    """Limits per level name: the knowledge base's ``data/kb/levels.yaml`` over the defaults."""
    limits = dict(DEFAULT_TIME_LIMITS)
    try:
        text = (files("storygen") / "data" / "kb" / "levels.yaml").read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError, OSError):
        return limits
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return limits
    if isinstance(data, dict) and isinstance(data.get("levels"), dict):
        data = data["levels"]
    if isinstance(data, dict):
        for name, entry in data.items():
            limit = _limit_of(entry)
            if limit is not None and str(name) in limits:
                limits[str(name)] = limit
    return limits


def level_time_limit(level: str) -> tuple[int, int]:
    """``(min, max)`` seconds for a level name such as ``"SDE2"``; KeyError when unknown."""
    return time_limits()[str(level)]

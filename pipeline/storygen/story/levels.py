"""Interview time limits per level, as the knowledge base (``data/kb/levels.yaml``) sets them."""

from __future__ import annotations

from storygen.story import kb


def level_time_limit(level: str) -> tuple[int, int]:
    """``(min, max)`` seconds for a level name such as ``"SDE2"``; KeyError when unknown."""
    limit = kb.levels()[str(level)].time_limit
    return limit.min, limit.max

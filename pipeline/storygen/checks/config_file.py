"""Finding the configuration file in force: the nearest storygen.toml, or pyproject.toml with
[tool.storygen]. Kept apart from ``checks.config`` (which reads and checks the file against the
rule table) so that the CLI can name the file under ``--verbose`` without loading the rules."""

from __future__ import annotations

import re
from pathlib import Path

from storygen.core.errors import InputError
from storygen.core.fsutil import read_bounded, real_path, working_dir

MAX_CONFIG_BYTES = 1024 * 1024
"""No configuration file is anywhere near this size; larger ones are refused."""


def find_config(start_dir: Path) -> tuple[Path, str] | None:
    """The nearest storygen.toml, or pyproject.toml with [tool.storygen], from ``start_dir`` up.

    In one folder storygen.toml wins. Returns the file and the name of its table.
    """
    folder = real_path(start_dir if start_dir.is_absolute() else working_dir() / start_dir)
    for candidate in (folder, *folder.parents):
        own = candidate / "storygen.toml"
        if own.exists() and not own.is_dir():  # a FIFO or device here is refused when read
            return own, "storygen.toml"
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file():
            try:
                text = read_bounded(pyproject, MAX_CONFIG_BYTES, "configuration file").decode(
                    "utf-8")
            except (InputError, UnicodeDecodeError):
                continue
            if re.search(r"^\s*\[\s*tool\s*\.\s*storygen\s*[\].]", text, re.MULTILINE):
                return pyproject, "[tool.storygen]"
    return None

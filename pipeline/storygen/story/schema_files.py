"""The checked-in JSON Schema: where it lives, and whether it matches the models."""

from __future__ import annotations

import difflib
from pathlib import Path

from storygen.core.errors import InputError
from storygen.core.fsutil import CHECKOUT_DIR, PACKAGE_DIR, read_bounded
from storygen.story.model import schema_text

__all__ = ["check_schema", "default_schema_path", "schema_text"]


def default_schema_path() -> Path:
    """``schemas/story.schema.json`` in a checkout, else the copy shipped in the package."""
    checkout = CHECKOUT_DIR / "schemas" / "story.schema.json"
    if checkout.is_file():
        return checkout
    return PACKAGE_DIR / "data" / "story.schema.json"


MAX_SCHEMA_BYTES = 4 * 1024 * 1024


def check_schema(path: Path | None = None) -> str | None:
    """None when the file equals the generated schema, else a message with a short diff."""
    target = path or default_schema_path()
    expected = schema_text()
    try:
        actual = read_bounded(target, MAX_SCHEMA_BYTES, "schema file").decode("utf-8")
    except InputError as exc:
        return f"{exc.one_line()}; run 'storygen schema > {target}'"
    except UnicodeDecodeError:
        return f"{target}: not UTF-8 text, so not the schema; run 'storygen schema > {target}'"
    if actual == expected:
        return None
    diff = list(difflib.unified_diff(actual.splitlines(), expected.splitlines(),
                                     "checked-in", "generated", lineterm="", n=1))
    shown = "\n".join(diff[:20])
    return (f"{target}: differs from the schema generated from the models; "
            f"run 'storygen schema > {target}'\n{shown}")

"""The checked-in JSON Schema: where it lives, and whether it matches the models."""

from __future__ import annotations

import difflib
from pathlib import Path

from storygen.core.fsutil import CHECKOUT_DIR, PACKAGE_DIR
from storygen.story.model import schema_text

__all__ = ["check_schema", "default_schema_path", "schema_text"]


def default_schema_path() -> Path:
    """``schemas/story.schema.json`` in a checkout, else the copy shipped in the package."""
    checkout = CHECKOUT_DIR / "schemas" / "story.schema.json"
    if checkout.is_file():
        return checkout
    return PACKAGE_DIR / "data" / "story.schema.json"


def check_schema(path: Path | None = None) -> str | None:
    """None when the file equals the generated schema, else a message with a short diff."""
    target = path or default_schema_path()
    expected = schema_text()
    try:
        actual = target.read_text(encoding="utf-8")
    except OSError as exc:
        return f"{target}: cannot read the checked-in schema ({exc.strerror}); run " \
               f"'storygen schema > {target}'"
    if actual == expected:
        return None
    diff = list(difflib.unified_diff(actual.splitlines(), expected.splitlines(),
                                     "checked-in", "generated", lineterm="", n=1))
    shown = "\n".join(diff[:20])
    return (f"{target}: differs from the schema generated from the models; "
            f"run 'storygen schema > {target}'\n{shown}")

"""Check a parsed story against the model, turning each error into a located finding."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import ValidationError

from storygen.core.findings import Finding, Severity
from storygen.story.loader import Source, escape_token
from storygen.story.model import Story
from storygen.story.principles import PRINCIPLES, UnknownNameError, canonical_principle

SCHEMA_CODE = "SCH001"


def _pointer_for(data: Any, loc: tuple[Any, ...], missing: bool) -> tuple[str, str | None]:
    """Walk the data along a pydantic ``loc``; return the pointer and the missing key if any."""
    pointer = ""
    current = data
    parts = list(loc)
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        if isinstance(current, dict) and isinstance(part, str) and part in current:
            pointer += "/" + escape_token(part)
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            pointer += f"/{part}"
            current = current[part]
        elif missing and last and isinstance(part, str):
            return pointer, part
    return pointer, None


def _known_keys(model_loc: tuple[Any, ...]) -> list[str]:
    """The field names allowed at ``model_loc`` (best effort, for 'did you mean')."""
    model: Any = Story
    for part in model_loc:
        if isinstance(part, int):
            continue
        field = getattr(model, "model_fields", {}).get(part)
        if field is None:
            return []
        annotation = field.annotation
        inner = getattr(annotation, "__args__", None)
        candidates = [annotation, *(inner or ())]
        model = next((c for c in candidates if hasattr(c, "model_fields")), None)
        if model is None:
            for c in candidates:
                for arg in getattr(c, "__args__", ()) or ():
                    if hasattr(arg, "model_fields"):
                        model = arg
            if model is None:
                return []
    return list(getattr(model, "model_fields", {}))


def _message(error: Any, pointer: str, missing_key: str | None) -> str:
    kind = error["type"]
    loc = error["loc"]
    if kind == "missing":
        name = missing_key or (str(loc[-1]) if loc else "field")
        where = f" in {pointer}" if pointer else ""
        return f"missing required field {name!r}{where}"
    if kind == "extra_forbidden":
        key = str(loc[-1])
        allowed = _known_keys(tuple(loc[:-1]))
        close = difflib.get_close_matches(key, allowed, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else (
            f"; allowed keys: {', '.join(allowed)}" if allowed else "")
        return f"unknown key {key!r}{hint}"
    if kind == "literal_error" and loc and loc[-1] == "principle":
        value = error.get("input")
        try:
            canonical = canonical_principle(str(value))
            return f"principle {value!r} is not written as the canonical name {canonical!r}"
        except UnknownNameError:
            return (f"unknown Leadership Principle {value!r}; use one of: "
                    + ", ".join(PRINCIPLES))
    ctx = error.get("ctx") or {}
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length')} item(s), has {ctx.get('actual_length')}"
    if kind == "too_long":
        return f"allows at most {ctx.get('max_length')} item(s), has {ctx.get('actual_length')}"
    msg = str(error["msg"]).removeprefix("Value error, ")
    value = error.get("input")
    if kind.endswith("_type") or kind in ("string_pattern_mismatch", "literal_error", "enum"):
        shown = repr(value)
        if len(shown) > 60:
            shown = shown[:57] + "..."
        return f"{msg} (got {shown})"
    return msg


def schema_findings(source: Source) -> tuple[list[Finding], Story | None]:
    """Validate the source's data against the Story model; every error becomes a finding."""
    try:
        return [], Story.model_validate(source.data)
    except ValidationError as exc:
        findings = []
        for error in exc.errors(include_url=False):
            missing = error["type"] == "missing"
            pointer, missing_key = _pointer_for(source.data, tuple(error["loc"]), missing)
            loc = source.locate(pointer)
            findings.append(Finding(
                code=SCHEMA_CODE,
                severity=Severity.ERROR,
                message=_message(error, pointer, missing_key),
                pointer=pointer + ("/" + escape_token(missing_key) if missing_key else ""),
                path=source.path,
                line=loc.line if loc else 1,
                column=loc.column if loc else 1,
            ))
        unique = {(f.pointer, f.message): f for f in findings}
        return sorted(unique.values(), key=lambda f: f.sort_key), None

"""The canonical file form of a story: fixed key order, block scalars, one sentence a line.

Every scalar is written in the plainest style that reads back as the same value;
each block scalar is checked by parsing it back, so formatting never changes data.
"""

from __future__ import annotations

import hashlib
import math
import re
from typing import Any

import yaml
from pydantic import BaseModel

from storygen.core.text import sentence_breaks
from storygen.story.loader import resolve_plain
from storygen.story.model import Story

try:
    from yaml import CSafeDumper as _Dumper
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

INDENT = 2
MAX_IMPLICIT_KEY = 1000
BLOCK_OVER = 80
_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]*$")
_BLOCK_SAFE = re.compile(r"^[^\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]*$")


def _model_of(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside an annotation such as ``list[Probe] | None``."""
    stack = [annotation]
    while stack:
        current = stack.pop()
        if isinstance(current, type) and issubclass(current, BaseModel):
            return current
        stack.extend(getattr(current, "__args__", ()) or ())
    return None


def order_keys(data: Any, model: type[BaseModel] | None = Story) -> Any:
    """Reorder mapping keys as the model declares them; unknown keys keep their order, last."""
    if isinstance(data, list):
        return [order_keys(item, model) for item in data]
    if not isinstance(data, dict):
        return data
    fields = model.model_fields if model is not None else {}
    ordered: dict[str, Any] = {}
    for name, info in fields.items():
        if name in data:
            ordered[name] = order_keys(data[name], _model_of(info.annotation))
    for name, value in data.items():
        if name not in ordered:
            ordered[name] = order_keys(value, None)
    return ordered


def _dump_scalar(value: Any, style: str | None = None) -> str:
    out = yaml.dump(value, Dumper=_Dumper, allow_unicode=True, width=1 << 30,
                    default_style=style)
    out = out.removesuffix("\n...\n")
    return out.rstrip("\n")


def _quoted(value: str) -> str:
    return _dump_scalar(value, '"')


def _inline_str(value: str) -> str:
    out = _dump_scalar(value)
    if "\n" in out:
        return _quoted(value)
    if out[:1] not in ("'", '"') and resolve_plain(out) != value:
        return _quoted(value)
    return out


def _reads_back(block: str, value: str) -> bool:
    try:
        parsed = yaml.load("k: " + block, Loader=_Loader)
    except yaml.YAMLError:
        return False
    return isinstance(parsed, dict) and parsed.get("k") == value


def _block_str(value: str, indent: int) -> str | None:
    """A folded or literal block scalar for ``value``, or None when none reads back exactly."""
    if not _BLOCK_SAFE.match(value) or value[:1] in (" ", "\t"):
        return None
    pad = " " * indent
    if "\n" not in value:
        cuts = sentence_breaks(value)
        lines, start = [], 0
        for cut in cuts:
            lines.append(value[start:cut])
            start = cut + 1
        lines.append(value[start:])
        if any(line.endswith((" ", "\t")) or not line for line in lines):
            return None
        block = ">-\n" + "\n".join(pad + line for line in lines)
    else:
        body = value.rstrip("\n")
        trailing = len(value) - len(body)
        chomp = "-" if trailing == 0 else ("" if trailing == 1 else "+")
        if any(line.endswith((" ", "\t")) for line in body.split("\n")):
            return None
        rendered = "\n".join(pad + line if line else "" for line in body.split("\n"))
        block = f"|{chomp}\n" + rendered + "\n" * max(trailing - 1, 0)
    return block if _reads_back(block.replace("\n" + pad, "\n  "), value) else None


def _scalar(value: Any, indent: int) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        return repr(value)
    text = str(value)
    if "\n" in text or len(text) > BLOCK_OVER or len(sentence_breaks(text)) > 0:
        block = _block_str(text, indent)
        if block is not None:
            return block
    return _inline_str(text)


def _key(key: str) -> str:
    if _KEY.match(key) and resolve_plain(key) == key:
        return key
    return _quoted(key)


def _emit(value: Any, indent: int, lines: list[str], prefix: str) -> None:
    """Append the lines for ``value``; ``prefix`` is what precedes it on its first line."""
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            lines.append(prefix + "{}")
            return
        first = True
        for key, item in value.items():
            lead = prefix if first else pad
            first = False
            shown = _key(str(key))
            # an implicit key is at most 1,024 characters; a longer one needs "? key"
            head = f"{lead}{shown}:" if len(shown) < MAX_IMPLICIT_KEY else \
                f"{lead}? {shown}\n{pad}:"
            _emit_child(item, indent, lines, head)
        return
    if isinstance(value, list):
        if not value:
            lines.append(prefix + "[]")
            return
        first = True
        for item in value:
            lead = prefix if first else pad
            first = False
            _emit(item, indent + INDENT, lines, f"{lead}- ")
        return
    lines.append(prefix + _scalar(value, indent))


def _emit_child(item: Any, indent: int, lines: list[str], head: str) -> None:
    if isinstance(item, dict) and item or isinstance(item, list) and item:
        lines.append(head)
        _emit(item, indent + INDENT, lines, " " * (indent + INDENT))
    elif isinstance(item, (dict, list)):
        lines.append(head + (" {}" if isinstance(item, dict) else " []"))
    else:
        lines.append(head + " " + _scalar(item, indent + INDENT))


def dump(data: dict[str, Any]) -> str:
    """The canonical text of a story mapping (keys reordered, values untouched)."""
    lines: list[str] = []
    _emit(order_keys(data), 0, lines, "")
    return "\n".join(lines) + "\n"


def content_sha256(data: dict[str, Any]) -> str:
    """Hash of the story without its provenance block: detects hand edits."""
    body = {k: v for k, v in data.items() if k != "provenance"}
    return hashlib.sha256(dump(body).encode("utf-8")).hexdigest()

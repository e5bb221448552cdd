"""Read story files (YAML or JSON) safely, keeping the line and column of every field.

The reader walks the YAML event stream itself, so anchors, aliases and tags are
rejected before anything is built: an alias bomb costs one event, and no tag can
construct an object.  Plain scalars resolve with the YAML 1.2 core schema, the
same one other schema tools use.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from storygen.core.errors import InputError
from storygen.core.fsutil import read_bounded

try:  # the C parser is much faster; the pure one behaves the same
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

DEFAULT_MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 64
STORY_SUFFIXES = (".story.yaml", ".story.yml", ".story.json")

TOO_LONG_NUMBER = "number too long (over 4,300 digits); quote it if it is text"
_LONG_DIGITS = re.compile(r"\d{4300}")

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False,
         "FALSE": False}
_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)"
    r"|\.(?:nan|NaN|NAN))$"
)


@dataclass(frozen=True, slots=True)
class Location:
    """Where a field stands in its file (1-based line and column).

    ``line``/``column`` point at the key (or the list item); ``value_line`` at the
    value itself, and ``style`` is the scalar style (``'>'``, ``'|'``, ``'"'``, ...).
    """

    line: int
    column: int
    value_line: int
    value_column: int
    style: str | None = None


@dataclass(slots=True)
class Source:
    """A parsed story file: its data and where each JSON pointer lies in the text."""

    path: str
    text: str
    data: Any
    locations: dict[str, Location] = field(default_factory=dict)

    def locate(self, pointer: str) -> Location | None:
        """The location of ``pointer`` or, failing that, of its nearest ancestor."""
        while True:
            loc = self.locations.get(pointer)
            if loc is not None or not pointer:
                return loc
            pointer = pointer.rsplit("/", 1)[0]


def escape_token(token: str | int) -> str:
    """Escape one JSON pointer reference token (RFC 6901)."""
    return str(token).replace("~", "~0").replace("/", "~1")


def resolve_plain(value: str) -> Any:
    """Resolve a plain (unquoted) YAML scalar with the YAML 1.2 core schema."""
    if _NULL.match(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value):
        if value.startswith("0o"):
            return int(value[2:], 8)
        if value.startswith("0x"):
            return int(value[2:], 16)
        return int(value)
    if _FLOAT.match(value):
        lowered = value.lower()
        if lowered.endswith("nan"):
            return float("nan")
        if lowered.endswith("inf"):
            return float("-inf") if lowered.startswith("-") else float("inf")
        return float(value)
    return value


class _Composer:
    """Builds plain Python data from parser events, recording locations."""

    def __init__(self, path: str, events: Iterator[Any]) -> None:
        self.path = path
        self.events = events
        self.locations: dict[str, Location] = {}

    def fail(self, message: str, mark: Any) -> InputError:
        return InputError(message, path=self.path, line=mark.line + 1, column=mark.column + 1)

    def document(self) -> Any:
        next(self.events)  # StreamStartEvent
        event = next(self.events)
        if isinstance(event, yaml.StreamEndEvent):
            return None
        value = self.node(next(self.events), "", 0)
        next(self.events)  # DocumentEndEvent
        event = next(self.events)
        if not isinstance(event, yaml.StreamEndEvent):
            raise self.fail("a story file holds one YAML document; found a second one",
                            event.start_mark)
        return value

    def check(self, event: Any) -> None:
        if isinstance(event, yaml.AliasEvent):
            raise self.fail("YAML aliases (*name) are not allowed in story files", event.start_mark)
        if getattr(event, "anchor", None) is not None:
            raise self.fail("YAML anchors (&name) are not allowed in story files",
                            event.start_mark)
        if getattr(event, "tag", None) is not None:
            raise self.fail(f"YAML tags ({event.tag}) are not allowed in story files",
                            event.start_mark)

    def node(self, event: Any, pointer: str, depth: int) -> Any:
        self.check(event)
        if depth > MAX_DEPTH:
            raise self.fail(f"nesting is deeper than {MAX_DEPTH} levels", event.start_mark)
        if isinstance(event, yaml.ScalarEvent):
            if not event.style and event.implicit[0]:
                try:
                    return resolve_plain(event.value)
                except ValueError:  # Python refuses to convert integers over 4,300 digits
                    raise self.fail(TOO_LONG_NUMBER, event.start_mark) from None
            return event.value
        if isinstance(event, yaml.SequenceStartEvent):
            return self.sequence(pointer, depth)
        if isinstance(event, yaml.MappingStartEvent):
            return self.mapping(pointer, depth)
        raise self.fail("unexpected YAML content", event.start_mark)  # pragma: no cover

    def record(self, pointer: str, key_mark: Any, value_event: Any) -> None:
        mark = value_event.start_mark
        self.locations[pointer] = Location(
            key_mark.line + 1, key_mark.column + 1, mark.line + 1, mark.column + 1,
            getattr(value_event, "style", None),
        )

    def sequence(self, pointer: str, depth: int) -> list[Any]:
        items: list[Any] = []
        for event in self.events:
            if isinstance(event, yaml.SequenceEndEvent):
                return items
            child = f"{pointer}/{len(items)}"
            self.record(child, event.start_mark, event)
            items.append(self.node(event, child, depth + 1))
        raise AssertionError("unterminated sequence")  # pragma: no cover

    def mapping(self, pointer: str, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for event in self.events:
            if isinstance(event, yaml.MappingEndEvent):
                return result
            self.check(event)
            if not isinstance(event, yaml.ScalarEvent):
                raise self.fail("mapping keys must be plain strings", event.start_mark)
            key = event.value
            if key in result:
                raise self.fail(f"duplicate key {key!r}", event.start_mark)
            value_event = next(self.events)
            child = f"{pointer}/{escape_token(key)}"
            self.record(child, event.start_mark, value_event)
            result[key] = self.node(value_event, child, depth + 1)
        raise AssertionError("unterminated mapping")  # pragma: no cover


def parse_text(text: str, path: str = "<string>") -> Source:
    """Parse YAML/JSON text into a Source; raise InputError with the line on any problem."""
    loader = _Loader(text)
    try:
        events = iter(loader.get_event, None)
        composer = _Composer(path, _until_stream_end(events))
        data = composer.document()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        raise InputError(f"YAML syntax error: {problem}", path=path, line=line,
                         column=column) from exc
    except yaml.YAMLError as exc:
        raise InputError(f"YAML error: {exc}".splitlines()[0], path=path) from exc
    finally:
        loader.dispose()
    if data is None:
        raise InputError("the file is empty: a story is a YAML mapping", path=path, line=1)
    if not isinstance(data, dict):
        raise InputError(
            f"the top level is a {_kind(data)}, not a mapping of story fields", path=path, line=1
        )
    return Source(path, text, data, composer.locations)


def _until_stream_end(events: Iterator[Any]) -> Iterator[Any]:
    for event in events:
        yield event
        if isinstance(event, yaml.StreamEndEvent):
            return


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "string"
    return type(value).__name__


def read_text(path: Path, *, max_bytes: int, what: str = "file") -> str:
    """Read a UTF-8 text file, refusing non-regular files, oversize, binary and non-UTF-8 input."""
    return decode_text(read_bounded(path, max_bytes, what), str(path), what)


def decode_text(raw: bytes, shown: str, what: str) -> str:
    """Bytes read from ``shown`` as UTF-8 text, refusing binary and non-UTF-8 input."""
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise InputError(f"binary content (NUL byte): not a text {what}", path=shown, line=line)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
            path=shown, line=line) from None
    return text.removeprefix("\ufeff")


def load_story_source(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Read and parse one story file."""
    text = read_text(path, max_bytes=max_bytes, what="story file")
    if not text.strip():
        raise InputError("the file is empty: a story is a YAML mapping", path=str(path), line=1)
    if path.suffix == ".json":
        return _parse_json(text, str(path))
    return parse_text(text, str(path))


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def _json_too_deep(text: str) -> bool:
    """Whether arrays and objects nest deeper than MAX_DEPTH (strings skipped), in one pass:
    the JSON decoder recurses once per level and would fail on thousands of levels."""
    depth = 0
    for bracket in re.sub(r'[^\[\]{}]', "", re.sub(r'"(?:[^"\\]|\\.)*"', "", text)):
        depth += 1 if bracket in "[{" else -1
        if depth > MAX_DEPTH + 1:
            return True
    return False


def _parse_json(text: str, path: str) -> Source:
    """Parse strict JSON; locations come from the YAML reader, which reads JSON too."""
    if _json_too_deep(text):
        raise InputError(f"nesting is deeper than {MAX_DEPTH} levels", path=path)
    try:
        data = json.loads(text, object_pairs_hook=_reject_duplicates)
    except json.JSONDecodeError as exc:
        raise InputError(f"JSON syntax error: {exc.msg}", path=path, line=exc.lineno,
                         column=exc.colno) from None
    except ValueError as exc:
        if "digits" in str(exc):  # Python refuses to convert integers over 4,300 digits
            found = _LONG_DIGITS.search(text)
            line = text.count("\n", 0, found.start()) + 1 if found else None
            raise InputError(TOO_LONG_NUMBER, path=path, line=line) from None
        raise InputError(str(exc), path=path) from None
    if not isinstance(data, dict):
        raise InputError(f"the top level is a {_kind(data)}, not a mapping of story fields",
                         path=path, line=1)
    try:
        locations = parse_text(text, path).locations
    except InputError:
        locations = {}
    return Source(path, text, data, locations)


def find_story_files(paths: list[Path]) -> list[Path]:
    """Expand directories into their story files (sorted); keep named files as given.

    Raises InputError, naming the paths and the suffixes looked for, when there are none.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(
                p for p in path.rglob("*") if p.is_file() and p.name.endswith(STORY_SUFFIXES)
            ))
        else:
            found.append(path)
    if not found:
        raise InputError("no story files found (looked for "
                         + ", ".join(f"*{suffix}" for suffix in STORY_SUFFIXES) + ")",
                         path=", ".join(str(p) for p in paths))
    return found

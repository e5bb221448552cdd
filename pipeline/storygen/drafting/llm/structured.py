"""One structured call: ``with_structured_output`` with the method chosen automatically.

With ``auto`` the methods are tried in the order json_schema, function_calling, json_mode; when
the server rejects one (HTTP 400/404/422/501, or the model class does not support it) the next is
tried, and the first that is accepted is remembered for the rest of the run.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from typing import Any

from storygen.core.errors import ProviderError, StorygenError, UsageError
from storygen.drafting.llm.accounting import CURRENT_CALL, CallRecord, Usage, estimate_tokens
from storygen.drafting.llm.options import (
    STRUCTURED_OUTPUT_CHOICES,
    STRUCTURED_OUTPUT_METHODS,
    ModelOptions,
)
from storygen.drafting.llm.provider import describe, is_cut_off, is_rejection, provider_error


@dataclass
class MethodChooser:
    """The structured-output method in use, and the ones the server rejected."""

    forced: str = "auto"
    preferred: str | None = None
    rejected: dict[str, str] = field(default_factory=dict)
    settled: str | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self) -> None:
        if self.forced not in STRUCTURED_OUTPUT_CHOICES:
            raise UsageError(f"--structured-output {self.forced!r}: use one of "
                             + ", ".join(STRUCTURED_OUTPUT_CHOICES))

    def current(self) -> str | None:
        """The method to try next; None when every one was rejected."""
        with self._lock:
            if self.settled:
                return self.settled
            candidates: tuple[str, ...] = (self.forced,)
            if self.forced == "auto":
                first = (self.preferred,) if self.preferred in STRUCTURED_OUTPUT_METHODS else ()
                candidates = first + tuple(m for m in STRUCTURED_OUTPUT_METHODS if m not in first)
            return next((m for m in candidates if m not in self.rejected), None)

    def accept(self, method: str) -> None:
        with self._lock:
            self.settled = self.settled or method

    def reject(self, method: str, reason: str) -> bool:
        """Record a rejection; False when the method had already worked (a real failure)."""
        with self._lock:
            if self.settled == method:
                return False
            self.rejected.setdefault(method, reason)
            return True

    def notes(self) -> list[str]:
        return [f"structured output: the server rejected {method} ({reason})"
                for method, reason in self.rejected.items()]


class UnsupportedMethod(NotImplementedError):
    """The chat model class cannot build this structured-output method at all."""


@dataclass
class Reply:
    """What one call produced: the parsed object (or None) and why parsing failed."""

    parsed: Any
    error: str | None
    raw_text: str
    method: str


def format_hint(method: str, schema: dict[str, Any]) -> str:
    """Prompt text for methods where the API does not carry the schema (json_mode)."""
    if method != "json_mode":
        return ""
    return ("\nReply with one JSON object, and nothing else, that follows this JSON Schema:\n"
            + json.dumps(schema, ensure_ascii=False))


@dataclass
class Caller:
    """Makes structured calls for one run; shared by the concurrent group threads."""

    model: Any
    options: ModelOptions
    chooser: MethodChooser
    usage: Usage
    budget: Any = None

    def ask(self, label: str, schema: dict[str, Any],
            build_messages: Any, expected_output: str) -> Reply:
        """Call the model for one group; ``build_messages(method)`` gives the messages."""
        while True:
            method = self.chooser.current()
            if method is None:
                tried = "; ".join(f"{m}: {r}" for m, r in self.chooser.rejected.items())
                raise ProviderError(f"model {self.options.model} rejected every structured "
                                    f"output method ({tried}); nothing was written")
            messages = build_messages(method)
            try:
                reply = self._invoke(label, schema, method, messages, expected_output)
            except StorygenError:
                raise
            except Exception as exc:
                if is_cut_off(exc):
                    self.chooser.accept(method)
                    return Reply(None, "the reply stopped at the token limit before it was "
                                 "complete", "", method)
                if is_rejection(exc) and self.chooser.reject(method, describe(exc)):
                    continue
                raise provider_error(self.options, exc, label) from exc
            self.chooser.accept(method)
            return reply

    def _invoke(self, label: str, schema: dict[str, Any], method: str, messages: list[Any],
                expected_output: str) -> Reply:
        try:
            runnable = self.model.with_structured_output(schema, method=method, include_raw=True)
        except (ValueError, TypeError, NotImplementedError) as exc:
            raise UnsupportedMethod(f"{method} is not supported by this model class "
                                    f"({exc})") from exc
        text = "".join(str(getattr(m, "content", "")) for m in messages)
        estimate = estimate_tokens(text, json.dumps(schema), expected_output)
        if self.options.max_tokens:
            estimate = estimate_tokens(text, json.dumps(schema)) + self.options.max_tokens
        record = CallRecord(label=label, estimate=estimate, budget=self.budget)
        if not self.options.cache:
            record.before_request()
        token = CURRENT_CALL.set(record)
        try:
            result = runnable.invoke(messages)
        except BaseException as exc:
            spent = 0
            if not record.hit and not isinstance(exc, StorygenError):
                spent = self.usage.failed_request(self.options.model, exc)
            self._settle(record, spent)
            raise
        finally:
            CURRENT_CALL.reset(token)
        raw = result.get("raw")
        self._settle(record, self.usage.add(self.options.model, raw, record))
        return _reply(result, method)

    def _settle(self, record: CallRecord, actual: int) -> None:
        if self.budget is not None and (record.reserved or actual):
            self.budget.settle(record.reserved, actual)
            record.reserved = 0


def _reply(result: dict[str, Any], method: str) -> Reply:
    raw = result.get("raw")
    raw_text = _raw_text(raw)
    error = result.get("parsing_error")
    parsed = result.get("parsed")
    if error is not None:
        return Reply(None, _short(str(error)), raw_text, method)
    if parsed is None:
        return Reply(None, _why_empty(raw), raw_text, method)
    return Reply(parsed, None, raw_text, method)


def _why_empty(raw: Any) -> str:
    metadata = getattr(raw, "response_metadata", None) or {}
    if metadata.get("finish_reason") == "length":
        return "the reply stopped at the token limit before it was complete"
    if getattr(raw, "invalid_tool_calls", None):
        return "the reply's arguments were not valid JSON (cut off, or malformed)"
    return "the reply held no structured data"


def _raw_text(raw: Any) -> str:
    if raw is None:
        return ""
    calls = getattr(raw, "tool_calls", None) or []
    if calls:
        return json.dumps(calls[0].get("args", {}), ensure_ascii=False)
    invalid = getattr(raw, "invalid_tool_calls", None) or []
    if invalid:
        return str(invalid[0].get("args") or "")
    content = getattr(raw, "content", "")
    return content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)


def _short(text: str, limit: int = 400) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."

"""One structured call: ``with_structured_output`` with the method chosen automatically.

With ``auto`` the methods are tried in the order json_schema, function_calling, json_mode; when
the server rejects one (HTTP 400/404/422/501, or the model class does not support it) the next is
tried, and the first that is accepted is remembered for the rest of the run. Any other error (a
wrong model name, a missing key, a bad request about something else) stops the run at once.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from storygen.core.errors import ProviderError, StorygenError, UsageError
from storygen.core.secrets import redact
from storygen.drafting.llm.accounting import (
    CURRENT_CALL,
    CallRecord,
    Cancelled,
    Usage,
    cache_key,
    estimate_tokens,
)
from storygen.drafting.llm.options import (
    STRUCTURED_OUTPUT_CHOICES,
    STRUCTURED_OUTPUT_METHODS,
    ModelOptions,
)
from storygen.drafting.llm.provider import (
    describe,
    is_cut_off,
    is_rejection,
    names_token_param,
    other_token_param,
    provider_error,
)


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
        return [redact(f"structured output: the server rejected {method} ({reason})")
                for method, reason in self.rejected.items()]


@dataclass
class TokenParam:
    """The name ``--max-tokens`` goes out under, and the one switch to the other name allowed
    when an OpenAI-compatible server refuses it (HTTP 400 naming it)."""

    current: str
    rebuild: Callable[[str], Any]
    switched: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def switch(self, caller: Caller, exc: BaseException, used: Any) -> bool:
        """True when the call should be made again (with the other name)."""
        with self._lock:
            if not names_token_param(exc, self.current if caller.model is used
                                     else other_token_param(self.current)):
                return False
            if caller.model is not used:
                return True  # another call already switched
            if self.switched:
                return False
            refused, self.current = self.current, other_token_param(self.current)
            caller.model = self.rebuild(self.current)
            self.switched = True
            caller.notes.append(f"token limit: the server refused {refused}; sent "
                                f"{self.current} instead")
            return True


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
    address: str = ""
    tokens: TokenParam | None = None
    stop: threading.Event = field(default_factory=threading.Event)
    notes: list[str] = field(default_factory=list)

    def cancel(self) -> None:
        """A fatal error elsewhere: send no further request (calls in flight are abandoned)."""
        self.stop.set()

    def ask(self, label: str, schema: dict[str, Any],
            build_messages: Any, expected_output: str) -> Reply:
        """Call the model for one group; ``build_messages(method)`` gives the messages."""
        while True:
            if self.stop.is_set():
                raise Cancelled(label)
            method = self.chooser.current()
            if method is None:
                tried = "; ".join(f"{m}: {r}" for m, r in self.chooser.rejected.items())
                at = f" at {self.address}" if self.address else ""
                raise ProviderError(redact(
                    f"model {self.options.model}{at} rejected every structured output method "
                    f"({tried}); nothing was written"))
            messages = build_messages(method)
            model = self.model
            try:
                reply = self._invoke(model, label, schema, method, messages, expected_output)
            except (StorygenError, Cancelled):
                raise
            except Exception as exc:
                if is_cut_off(exc):
                    self.chooser.accept(method)
                    return Reply(None, "the reply stopped at the token limit before it was "
                                 "complete", "", method)
                if self.tokens is not None and self.tokens.switch(self, exc, model):
                    continue
                if is_rejection(exc) and self.chooser.reject(method, describe(exc)):
                    continue
                raise provider_error(self.options, exc, label, self.address) from exc
            self.chooser.accept(method)
            return reply

    def _invoke(self, model: Any, label: str, schema: dict[str, Any], method: str,
                messages: list[Any], expected_output: str) -> Reply:
        try:
            runnable = model.with_structured_output(schema, method=method, include_raw=True)
        except (ValueError, TypeError, NotImplementedError) as exc:
            raise UnsupportedMethod(f"{method} is not supported by this model class "
                                    f"({exc})") from exc
        text = "".join(str(getattr(m, "content", "")) for m in messages)
        estimate = estimate_tokens(text, json.dumps(schema), expected_output)
        if self.options.max_tokens:
            estimate = estimate_tokens(text, json.dumps(schema)) + self.options.max_tokens
        key = cache_key(model=self.options.model, base_url=self.options.base_url,
                        messages=messages, schema=schema, method=method,
                        temperature=getattr(model, "temperature", None),
                        max_tokens=self.options.max_tokens)
        record = CallRecord(label=label, estimate=estimate, budget=self.budget, cache_key=key,
                            stop=self.stop)
        if not self.options.cache:
            record.before_request()
        token = CURRENT_CALL.set(record)
        try:
            result = runnable.invoke(messages)
        except BaseException as exc:
            spent = 0
            if not record.hit and not isinstance(exc, (StorygenError, Cancelled)):
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

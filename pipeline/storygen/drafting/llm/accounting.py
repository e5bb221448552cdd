"""Counting what a draft costs: requests made, replies served from the cache, tokens per model,
and the token budget that stops a run before a request would pass it.

The LLM cache is LangChain's own (``SQLiteCache`` under the user cache folder). A thin wrapper
around it tells each call whether it was answered from the cache, so a cached rerun reports zero
requests and spends no budget. The wrapper also decides the key: a hash of what changes a reply
(model, base URL without userinfo, messages, schema, method, temperature, token limit), never of
client settings such as ``--timeout`` or ``--max-retries``; and what it stores is redacted.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import json
import math
import threading
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storygen.core.errors import ExitStatus, StorygenError, UsageError
from storygen.core.fsutil import atomic_write, cache_dir
from storygen.core.secrets import redact, without_userinfo

CACHE_FILE = "llm-cache.sqlite3"
CACHE_KEY_VERSION = "storygen-reply-v2"
"""Stored in the cache's ``llm`` column of every row storygen writes; rows without it (written
by earlier versions, whose keys could hold a URL's userinfo) are removed when the cache opens."""


class Cancelled(Exception):  # noqa: N818 - a state, not a failure
    """The run stopped (a fatal error elsewhere); no further request is sent."""


class BudgetError(StorygenError):
    """The next request would pass --budget-tokens; nothing was written."""

    exit_status = ExitStatus.USAGE


@dataclass(slots=True)
class CallRecord:
    """One model call in flight: its label, its estimated cost, and whether the cache answered."""

    label: str
    estimate: int
    budget: Budget | None = None
    hit: bool = False
    reserved: int = 0
    cache_key: str | None = None
    stop: threading.Event | None = None

    def before_request(self) -> None:
        """A request is about to be sent: reserve its estimated tokens (or stop)."""
        if self.stop is not None and self.stop.is_set():
            raise Cancelled(self.label)
        if self.budget is not None and not self.reserved:
            self.budget.reserve(self.estimate, self.label)
            self.reserved = self.estimate


CURRENT_CALL: contextvars.ContextVar[CallRecord | None] = contextvars.ContextVar(
    "storygen_llm_call", default=None)


@dataclass
class Budget:
    """A token limit shared by concurrent calls; reservations are settled with real usage."""

    limit: int
    used: int = 0
    reserved: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def reserve(self, estimate: int, label: str) -> None:
        with self._lock:
            if self.used + self.reserved + estimate > self.limit:
                raise BudgetError(
                    f"--budget-tokens {self.limit} would be passed: {self.used} tokens used so "
                    f"far, and the next request ({label}) needs about {estimate}; raise the "
                    "budget or drop --budget-tokens; nothing was written")
            self.reserved += estimate

    def settle(self, reserved: int, actual: int) -> None:
        with self._lock:
            self.reserved -= reserved
            self.used += actual


@dataclass
class Usage:
    """Input and output tokens per model, requests made and cache hits, over the whole run."""

    per_model: dict[str, dict[str, int]] = field(default_factory=dict)
    calls: int = 0
    cache_hits: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, model: str, message: Any, record: CallRecord) -> int:
        """Count one answered call; returns the tokens it spent (0 when the cache answered)."""
        with self._lock:
            if record.hit:
                self.cache_hits += 1
                return 0
            self.calls += 1
            meta = getattr(message, "usage_metadata", None) or {}
            tokens = self.per_model.setdefault(model, {"input_tokens": 0, "output_tokens": 0})
            tokens["input_tokens"] += int(meta.get("input_tokens", 0) or 0)
            tokens["output_tokens"] += int(meta.get("output_tokens", 0) or 0)
            return int(meta.get("input_tokens", 0) or 0) + int(meta.get("output_tokens", 0) or 0)

    def failed_request(self, model: str, exc: BaseException) -> int:
        """Count a request that raised; a reply cut off at the limit still reports its tokens."""
        usage = getattr(getattr(exc, "completion", None), "usage", None)
        spent_in = int(getattr(usage, "prompt_tokens", 0) or 0)
        spent_out = int(getattr(usage, "completion_tokens", 0) or 0)
        with self._lock:
            self.calls += 1
            if spent_in or spent_out:
                tokens = self.per_model.setdefault(model, {"input_tokens": 0, "output_tokens": 0})
                tokens["input_tokens"] += spent_in
                tokens["output_tokens"] += spent_out
        return spent_in + spent_out


def cache_key(*, model: str, base_url: str | None, messages: list[Any], schema: Any,
              method: str, temperature: Any, max_tokens: int | None) -> str:
    """The cache key of one structured call: a hash of what changes the reply, and only that
    (client settings such as the timeout or the retry count are left out)."""
    parts = {
        "model": model, "base_url": without_userinfo(base_url or ""), "method": method,
        "schema": schema, "temperature": temperature, "max_tokens": max_tokens,
        "messages": [[type(m).__name__, getattr(m, "content", str(m))] for m in messages],
    }
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def estimate_tokens(*texts: str) -> int:
    """A rough token count (four characters a token), used only for the budget."""
    return sum(math.ceil(len(text) / 4) for text in texts)


def build_cache(folder: Path | None = None) -> Any:
    """LangChain's SQLite LLM cache, wrapped so each call learns whether it was a hit."""
    with warnings.catch_warnings():  # the package's "being sunset" notice; the cache works
        warnings.simplefilter("ignore", DeprecationWarning)
        from langchain_community.cache import SQLiteCache
    from langchain_core._api import LangChainBetaWarning
    from langchain_core.caches import BaseCache
    from langchain_core.load import dumps, loads
    from langchain_core.messages import AIMessage
    from langchain_core.outputs import ChatGeneration
    from sqlalchemy import delete, select
    from sqlalchemy.orm import Session

    warnings.filterwarnings("ignore", message="The function `loads` is in beta",
                            category=LangChainBetaWarning)
    from sqlalchemy.exc import SQLAlchemyError

    folder = folder or cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        inner = SQLiteCache(database_path=str(folder / CACHE_FILE))
    except (OSError, SQLAlchemyError) as exc:
        raise UsageError(f"cannot use the model cache in {folder} ({_reason(exc)}): set "
                         "STORYGEN_CACHE_DIR to a writable folder, or pass --no-cache") from None
    table = inner.cache_schema
    with contextlib.suppress(SQLAlchemyError), Session(inner.engine) as session, session.begin():
        session.execute(delete(table).where(table.llm != CACHE_KEY_VERSION))

    def keys(prompt: str, llm_string: str) -> tuple[str, str]:
        record = CURRENT_CALL.get()
        if record is not None and record.cache_key:
            return record.cache_key, CACHE_KEY_VERSION
        digest = hashlib.sha256(f"{prompt}\0{llm_string}".encode()).hexdigest()
        return digest, CACHE_KEY_VERSION

    def load_rows(prompt: str, llm_string: str) -> Any:
        stmt: Any = (select(table.response).where(table.prompt == prompt)
                .where(table.llm == llm_string).order_by(table.idx))
        with Session(inner.engine) as session:
            rows = session.execute(stmt).fetchall()
        if not rows:
            return None
        try:
            return [loads(row[0], allowed_objects=[ChatGeneration, AIMessage]) for row in rows]
        except Exception:  # noqa: BLE001 - an unreadable entry is a miss, not a failure
            return None

    class CountingCache(BaseCache):
        """Delegates to the SQLite cache; marks the current call as a hit or a request."""

        folder_path = folder

        def lookup(self, prompt: str, llm_string: str) -> Any:
            found = load_rows(*keys(prompt, llm_string))
            record = CURRENT_CALL.get()
            if record is not None:
                if found is not None:
                    record.hit = True
                else:
                    record.before_request()
            return found

        def update(self, prompt: str, llm_string: str, return_val: Any) -> None:
            key, version = keys(prompt, llm_string)
            rows = [table(prompt=key, llm=version, response=redact(dumps(gen)), idx=i)
                    for i, gen in enumerate(return_val)]
            with Session(inner.engine) as session, session.begin():
                for row in rows:
                    session.merge(row)

        def clear(self, **kwargs: Any) -> None:
            inner.clear(**kwargs)

    return CountingCache()


def _reason(exc: BaseException) -> str:
    lines = str(exc).splitlines()
    return str(getattr(exc, "strerror", None) or (lines[0] if lines else type(exc).__name__))


METHODS_FILE = "structured-output.json"


def method_key(model: str, base_url: str | None) -> str:
    """The key of a server in the remembered-method file: the model and the base URL, without
    userinfo or secret query values."""
    return f"{model}@{without_userinfo(base_url or '')}"


def remembered_method(folder: Path, key: str) -> str | None:
    """The structured-output method a server accepted in an earlier cached run."""
    key = redact(key)
    try:
        data = json.loads((folder / METHODS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def remember_method(folder: Path, key: str, method: str) -> None:
    """Keep the accepted method beside the cache, so a cached rerun sends no probing request."""
    path = folder / METHODS_FILE
    key = redact(key)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    if not isinstance(data, dict):
        data = {}
    clean = {redact(str(k)): v for k, v in data.items()}  # earlier files may hold secrets
    if clean == data and data.get(key) == method:
        return
    data = clean
    data[key] = method
    with contextlib.suppress(OSError):
        atomic_write(path, json.dumps(data, indent=1, sort_keys=True) + "\n")

"""A tiny OpenAI-compatible server on 127.0.0.1 that answers chat completions with canned JSON.

Each request is answered by ``stub.answer(body, headers)`` when set (return ``(status, payload)``
to answer, or None to fall through), else with the group's canned reply from ``replies``
(``{"core": {...}}``), shaped for the structured-output method the request used. Every request
body and its headers (names in lower case) are kept in ``requests``. Standard library only; use
it as a context manager.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self

Answer = Callable[[dict[str, Any], dict[str, str]], "tuple[int, dict[str, Any]] | None"]


@dataclass
class Request:
    body: dict[str, Any]
    headers: dict[str, str]

    @property
    def group(self) -> str:
        tools = self.body.get("tools") or []
        if tools:
            return str(tools[0]["function"]["name"])
        schema = (self.body.get("response_format") or {}).get("json_schema") or {}
        if schema.get("name"):
            return str(schema["name"])
        text = "\n".join(str(m.get("content") or "") for m in self.body.get("messages", []))
        return next((name for name in ("core", "probes", "weak_answer", "quizzes",
                                       "principle_variants", "level_variants")
                     if f'"title": "{name}"' in text), "")


def error(status: int, message: str, **extra: Any) -> tuple[int, dict[str, Any]]:
    """An OpenAI-style error body."""
    return status, {"error": {"message": message, "type": "invalid_request_error", **extra}}


def completion(body: dict[str, Any], reply: Any) -> dict[str, Any]:
    """A chat completion that carries ``reply`` the way the request's method expects."""
    text = json.dumps(reply, ensure_ascii=False)
    message: dict[str, Any] = {"role": "assistant", "content": text}
    finish = "stop"
    tools = body.get("tools") or []
    if tools:
        message = {"role": "assistant", "content": None, "tool_calls": [{
            "id": "call_1", "type": "function",
            "function": {"name": tools[0]["function"]["name"], "arguments": text}}]}
        finish = "tool_calls"
    return {"id": "chatcmpl-stub", "object": "chat.completion", "created": 0,
            "model": str(body.get("model", "")),
            "choices": [{"index": 0, "message": message, "finish_reason": finish}],
            "usage": {"prompt_tokens": 100, "completion_tokens": 50, "total_tokens": 150}}


class OpenAIStub:
    """Threaded HTTP server with a free port; ``base_url`` ends in ``/v1``."""

    def __init__(self, replies: dict[str, Any] | None = None) -> None:
        self.replies = dict(replies or {})
        self.answer: Answer | None = None
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _respond(self, body: dict[str, Any], headers: dict[str, str]) -> tuple[int, Any]:
        request = Request(body, headers)
        with self._lock:
            self.requests.append(request)
        if self.answer is not None:
            answered = self.answer(body, headers)
            if answered is not None:
                return answered
        reply = self.replies.get(request.group)
        if reply is None:
            return error(500, f"the stub has no reply for group {request.group!r}")
        return 200, completion(body, reply)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # keep test output quiet
                return

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                try:
                    body = json.loads(raw or b"{}")
                except ValueError:
                    body = {}
                status, payload = stub._respond(
                    body, {k.lower(): v for k, v in self.headers.items()})
                data = json.dumps(payload).encode("utf-8")
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass

        return Handler

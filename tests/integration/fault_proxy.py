"""A small HTTP proxy the integration tests put in front of the model server to inject faults.

Each request is answered by the next planned fault (``proxy.plan("429")``), else by the standing
one (``proxy.always = "500"``), else forwarded. Faults: ``429`` (rate limited), ``500`` (server
error), ``malformed`` (a 200 whose body is not JSON), ``stall`` (no answer for ``stall_seconds``).
``rewrite`` may change a forwarded chat completion (e.g. put an invented figure into one group's
reply). Every request body is kept in ``requests``. Standard library only.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self

Rewrite = Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]]


@dataclass
class Exchange:
    """One request the proxy received, the fault it answered with, and the status it sent."""

    body: dict[str, Any]
    fault: str
    status: int | None = None

    @property
    def tool(self) -> str | None:
        tools = self.body.get("tools") or []
        return str(tools[0]["function"]["name"]) if tools else None

    @property
    def response_format(self) -> str | None:
        value = (self.body.get("response_format") or {}).get("type")
        return str(value) if value else None

    @property
    def text(self) -> str:
        return "\n".join(str(m.get("content") or "") for m in self.body.get("messages", []))


class FaultProxy:
    """Threaded proxy on 127.0.0.1 with a free port; use as a context manager."""

    def __init__(self, upstream: str, *, stall_seconds: float = 30.0) -> None:
        self.upstream = upstream.rstrip("/")
        self.stall_seconds = stall_seconds
        self.always: str | None = None
        self.rewrite: Rewrite | None = None
        self.exchanges: list[Exchange] = []
        self._planned: list[str] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def plan(self, *faults: str) -> None:
        with self._lock:
            self._planned.extend(faults)

    def reset(self) -> None:
        with self._lock:
            self._planned.clear()
            self.exchanges.clear()
            self.always = None
            self.rewrite = None
            self.stall_seconds = 30.0

    def chats(self) -> list[Exchange]:
        """The chat-completion exchanges so far, in the order they arrived."""
        with self._lock:
            return [e for e in self.exchanges if "messages" in e.body]

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _next(self, body: dict[str, Any]) -> Exchange:
        with self._lock:
            fault = self._planned.pop(0) if self._planned else (self.always or "pass")
            exchange = Exchange(body, fault)
            self.exchanges.append(exchange)
            return exchange

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # keep test output quiet
                return

            def do_GET(self) -> None:
                self._forward(None, None)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                try:
                    body = json.loads(raw or b"{}")
                except ValueError:
                    body = {}
                exchange = proxy._next(body)
                fault = exchange.fault
                if fault == "429":
                    self._send(429, b'{"error": {"message": "rate limited by the test proxy"}}',
                               {"Retry-After": "0"}, exchange)
                elif fault == "500":
                    self._send(500, b'{"error": {"message": "injected by the test proxy"}}',
                               None, exchange)
                elif fault == "malformed":
                    self._send(200, b'{"id": "x", "choices": [{"message": ', None, exchange)
                elif fault == "stall":
                    time.sleep(proxy.stall_seconds)
                    self._send(504, b'{"error": {"message": "stalled"}}', None, exchange)
                else:
                    self._forward(raw, exchange)

            def _forward(self, raw: bytes | None, exchange: Exchange | None) -> None:
                request = urllib.request.Request(
                    proxy.upstream + self.path, data=raw,
                    headers={"Content-Type": "application/json"},
                    method="POST" if raw is not None else "GET")
                try:
                    with urllib.request.urlopen(request, timeout=900) as response:
                        status, payload = response.status, response.read()
                except urllib.error.HTTPError as exc:
                    status, payload = exc.code, exc.read()
                except OSError as exc:
                    status, payload = 502, json.dumps({"error": {"message": str(exc)}}).encode()
                if proxy.rewrite is not None and exchange is not None and status == 200:
                    payload = json.dumps(proxy.rewrite(exchange.body, json.loads(payload))).encode()
                self._send(status, payload, None, exchange)

            def _send(self, status: int, payload: bytes, headers: dict[str, str] | None = None,
                      exchange: Exchange | None = None) -> None:
                if exchange is not None:
                    exchange.status = status
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    for name, value in (headers or {}).items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(payload)
                except OSError:  # the client gave up (timeout): nothing to do
                    pass

        return Handler

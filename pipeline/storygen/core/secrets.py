"""Keeping secrets out of what storygen prints and stores.

``redact(text)`` removes API key values found in the environment (``OPENAI_API_KEY``,
``ANTHROPIC_API_KEY`` and any other ``*_API_KEY``, ``*_TOKEN``, ``*_SECRET``, ``*_PASSWORD``),
the ``user:password@`` part of URLs, the values of ``?key=``/``token=``-style query parameters,
``Bearer`` tokens and ``sk-...`` keys. Every message, report and stored file goes through it.
"""

from __future__ import annotations

import os
import re

MASK = "***"
_MIN_SECRET_LENGTH = 8
_SECRET_NAME = re.compile(r"(?:API_?KEY|_KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIALS?)$",
                          re.IGNORECASE)
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s@?#'\"]*@")
_QUERY_SECRET = re.compile(
    r"(?i)([?&;][\w.-]*(?:key|token|secret|password|passwd|sig|signature|auth)=)[^&#\s'\"<>]+")
_BEARER = re.compile(r"(?i)\b(bearer\s+)[A-Za-z0-9._~+/=-]{6,}")
_KEY_SHAPES = re.compile(r"\b(sk|pk|rk)-[A-Za-z0-9_-]{12,}")


def secret_values() -> list[str]:
    """Values of secret-looking environment variables, longest first."""
    values = {value for name, value in os.environ.items()
              if _SECRET_NAME.search(name) and len(value.strip()) >= _MIN_SECRET_LENGTH}
    return sorted(values, key=len, reverse=True)


def without_userinfo(url: str) -> str:
    """A URL fit for a message or a key: no ``user:password@`` part, no secret query values."""
    return redact(url)


def redact(text: str) -> str:
    """``text`` with every secret storygen can recognise replaced by ``***`` (userinfo dropped)."""
    if not text:
        return text
    for value in secret_values():
        text = text.replace(value, MASK)
    text = _USERINFO.sub(r"\1", text)
    text = _QUERY_SECRET.sub(lambda m: m.group(1) + MASK, text)
    text = _BEARER.sub(lambda m: m.group(1) + MASK, text)
    return _KEY_SHAPES.sub(lambda m: m.group(1) + "-" + MASK, text)

"""Secrets never reach a message, a report or a stored file: ``core.secrets.redact``."""

from __future__ import annotations

import pytest

from storygen.cli.app import fail
from storygen.core.errors import ProviderError
from storygen.core.secrets import redact


@pytest.fixture(autouse=True)
def _keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "plain-key-value-4242")
    monkeypatch.setenv("ANTHROPIC_API_KEY", "another-secret-9191")
    monkeypatch.setenv("STORYGEN_DEBUG", "")


@pytest.mark.parametrize(("text", "secret"), [
    ("HTTP 401: Incorrect API key provided: plain-key-value-4242", "plain-key-value-4242"),
    ("failed with another-secret-9191 in the body", "another-secret-9191"),
    ("model at http://user:sk-secret@host:8080/v1 failed", "sk-secret"),
    ("model at https://only-user@example.com/v1 failed", "only-user"),
    ("GET https://example.com/v1?key=abc123def&x=1 failed", "abc123def"),
    ("GET https://example.com/v1?x=1&access_token=tok9876 failed", "tok9876"),
    ("Authorization: Bearer abcdef.ghijkl-123", "abcdef.ghijkl-123"),
    ("echoed sk-proj-ABCDEFGHIJKLMNOPqrstuv", "ABCDEFGHIJKLMNOPqrstuv"),
])
def test_secrets_are_removed(text: str, secret: str) -> None:
    assert secret not in redact(text)


def test_ordinary_text_is_left_alone() -> None:
    text = ("model openai:gpt-4.1-mini at http://127.0.0.1:8080/v1 failed while drafting core: "
            "HTTP 404: the model does not exist; a risk-free, sk-1 on-call task")
    assert redact(text) == text


def test_userinfo_is_dropped_from_an_address() -> None:
    assert redact("http://user:pw-1234567@127.0.0.1:8080/v1") == "http://127.0.0.1:8080/v1"


def test_the_cli_prints_errors_redacted(capsys: pytest.CaptureFixture[str]) -> None:
    exit_ = fail(ProviderError("HTTP 401: Incorrect API key provided: Bearer plain-key-value-4242"))
    err = capsys.readouterr().err
    assert exit_.exit_code == 3
    assert "plain-key-value-4242" not in err and "Bearer ***" in err

"""Choosing a chat model by name: provider packages, keys, local servers, and failure messages."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from storygen.core.errors import ExitStatus, UsageError
from storygen.drafting.llm.options import ModelOptions
from storygen.drafting.llm.provider import (
    LOCAL_SERVER_KEY,
    build_chat_model,
    describe,
    is_rejection,
    provider_for,
    split_model,
)


def test_a_model_name_needs_a_provider() -> None:
    assert split_model("openai:gpt-4.1-mini") == ("openai", "gpt-4.1-mini")
    assert split_model("ollama:llama3.2:3b") == ("ollama", "llama3.2:3b")
    with pytest.raises(UsageError, match="openai:gpt-4.1-mini"):
        split_model("gpt-4.1-mini")


@pytest.mark.parametrize(("provider", "command"), [
    ("anthropic", "pip install 'storygen-star[anthropic]'"),
    ("ollama", "pip install 'storygen-star[ollama]'"),
    ("mistralai", "pip install langchain-mistralai"),
])
def test_a_provider_whose_package_is_missing_names_the_pip_command(
        provider: str, command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name.startswith("langchain_") else real(name, *a))
    with pytest.raises(UsageError) as caught:
        build_chat_model(ModelOptions(model=f"{provider}:some-model"))
    assert command in caught.value.one_line()
    assert caught.value.exit_status == ExitStatus.USAGE


def test_a_missing_key_names_the_environment_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("langchain_openai")
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with pytest.raises(UsageError, match="OPENAI_API_KEY"):
        build_chat_model(ModelOptions(model="openai:gpt-4.1-mini"))


def test_a_local_server_needs_no_key_and_gets_max_tokens_it_understands(
        monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("langchain_openai")
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    model = build_chat_model(ModelOptions(model="openai:smollm2", base_url="http://127.0.0.1:9/v1",
                                          max_tokens=64, timeout=5, max_retries=1))
    assert model.openai_api_base == "http://127.0.0.1:9/v1"
    assert model.max_retries == 1 and model.request_timeout == 5
    assert model.extra_body == {"max_tokens": 64}
    assert model.openai_api_key.get_secret_value() == LOCAL_SERVER_KEY


def test_a_key_from_the_environment_never_reaches_a_message(
        monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("langchain_openai")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-secret-value-123")
    model = build_chat_model(ModelOptions(model="openai:gpt-4.1-mini"))
    assert "sk-secret-value-123" not in repr(model) and "sk-secret-value-123" not in str(model)


class _HttpError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status_code = status


@pytest.mark.parametrize(("status", "message", "rejected"), [
    (400, "response_format json_schema is not supported", True),
    (422, "unprocessable", True),
    (500, "1 validation error: ('body', 'response_format', 'type') Input should be 'text'", True),
    (500, "upstream exploded", False),
    (429, "rate limited", False),
    (503, "overloaded", False),
])
def test_which_failures_count_as_a_refused_method(status: int, message: str,
                                                  rejected: bool) -> None:
    assert is_rejection(_HttpError(status, message)) is rejected


def test_failure_causes_read_as_one_short_line() -> None:
    assert describe(_HttpError(500, "Error code: 500 - boom\nsecond line")) == "HTTP 500: boom"
    assert describe(TimeoutError()).startswith("timed out")
    assert provider_for("openai").key_env == "OPENAI_API_KEY"


def test_the_package_imports_without_langchain() -> None:
    code = ("import sys, storygen.drafting.llm as m; from storygen.drafting.llm import options; "
            "print(any(k.split('.')[0].startswith('langchain') for k in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"

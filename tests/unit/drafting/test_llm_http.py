"""The model drafter against a stub OpenAI-compatible server on 127.0.0.1: the token limit
parameter, errors that stop the run, the cache key, and secrets kept out of messages and files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from storygen.core.errors import ExitStatus, ProviderError
from storygen.drafting.extract.facts import extract_facts
from storygen.drafting.llm.drafter import draft_with_model
from storygen.drafting.llm.options import ModelDraft, ModelOptions
from storygen.story.notes import Notes, read_notes
from tests.fakes.chat_model import replies_from_story
from tests.fakes.openai_stub import OpenAIStub, error

pytest.importorskip("langchain_openai")

ROOT = Path(__file__).resolve().parents[3]
NOTES = ROOT / "raw_notes" / "webhook-dlq.md"
OPENAI_REFUSAL = ("Unsupported parameter: 'max_tokens' is not supported with this model. "
                  "Use 'max_completion_tokens' instead.")


@pytest.fixture(autouse=True)
def _environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("STORYGEN_CACHE_DIR", str(folder))
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    return folder


@pytest.fixture()
def offline() -> dict[str, Any]:
    text = (ROOT / "tests" / "fixtures" / "reference.story.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)  # type: ignore[no-any-return]


@pytest.fixture()
def notes() -> Notes:
    return read_notes(NOTES)


@pytest.fixture()
def stub(offline: dict[str, Any]) -> Iterator[OpenAIStub]:
    with OpenAIStub(replies_from_story(offline)) as server:
        yield server


def run(notes: Notes, offline: dict[str, Any], **options: Any) -> ModelDraft:
    options.setdefault("max_retries", 0)
    return draft_with_model(notes, extract_facts(notes), offline,
                            ModelOptions(model=options.pop("model", "openai:stub"), **options))


def with_userinfo(url: str, userinfo: str) -> str:
    return url.replace("http://", f"http://{userinfo}@")


def test_a_base_url_gets_one_token_limit_and_the_other_name_after_a_400_naming_it(
        notes, offline, stub) -> None:
    stub.answer = lambda body, _h: (error(400, OPENAI_REFUSAL, param="max_tokens",
                                          code="unsupported_parameter")
                                    if "max_tokens" in body else None)
    draft = run(notes, offline, base_url=stub.base_url, max_tokens=300, cache=False)
    bodies = [request.body for request in stub.requests]
    assert all(not ("max_tokens" in b and "max_completion_tokens" in b) for b in bodies)
    assert bodies[0].get("max_tokens") == 300 and "max_completion_tokens" not in bodies[0]
    assert len(bodies) == 7  # the refused request and six groups
    assert all(b.get("max_completion_tokens") == 300 for b in bodies[1:])
    assert draft.calls == 7 and draft.offline_parts == []
    assert any("refused max_tokens" in m for m in draft.messages)


def test_a_local_server_keeps_getting_max_tokens(notes, offline, stub) -> None:
    run(notes, offline, base_url=stub.base_url, max_tokens=300, cache=False)
    assert [r.body.get("max_tokens") for r in stub.requests] == [300] * 6
    assert not any("max_completion_tokens" in r.body for r in stub.requests)


def test_openais_own_api_gets_max_completion_tokens_only(monkeypatch) -> None:
    from langchain_core.messages import HumanMessage

    from storygen.drafting.llm.provider import build_chat_model

    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-used-0000000000")
    model = build_chat_model(ModelOptions(model="openai:gpt-4.1-mini", max_tokens=64))
    payload = model._get_request_payload([HumanMessage("hello")])
    assert payload.get("max_completion_tokens") == 64
    assert "max_tokens" not in payload and "max_tokens" not in (payload.get("extra_body") or {})


@pytest.mark.parametrize(("status", "message"), [
    (404, "The model `gpt-nope` does not exist or you do not have access to it."),
    (401, "Incorrect API key provided."),
    (400, "Invalid value for 'temperature': must be between 0 and 2."),
])
def test_an_error_that_is_not_a_method_refusal_stops_at_once(
        notes, offline, stub, status: int, message: str) -> None:
    stub.answer = lambda _b, _h: error(status, message)
    url = with_userinfo(stub.base_url, "alice:pw-secret-123456")
    with pytest.raises(ProviderError) as caught:
        run(notes, offline, model="openai:gpt-nope", base_url=url)
    line = caught.value.one_line()
    assert caught.value.exit_status == ExitStatus.PROVIDER
    assert f"HTTP {status}" in line and "openai:gpt-nope" in line and stub.base_url in line
    assert "pw-secret" not in line and "alice" not in line
    assert "structured output" not in line
    assert len(stub.requests) == 1


def test_a_400_that_names_the_response_format_moves_to_the_next_method(
        notes, offline, stub) -> None:
    stub.answer = lambda body, _h: (
        error(400, "Invalid parameter: 'response_format' of type 'json_schema' is not "
                   "supported with this model.")
        if (body.get("response_format") or {}).get("type") == "json_schema" else None)
    draft = run(notes, offline, base_url=stub.base_url, cache=False)
    assert draft.structured_output == "function_calling" and draft.offline_parts == []


def test_every_method_refused_names_the_server(notes, offline, stub) -> None:
    stub.answer = lambda _b, _h: error(400, "response_format and tools are not supported")
    with pytest.raises(ProviderError) as caught:
        run(notes, offline, base_url=stub.base_url, cache=False)
    assert "rejected every structured output method" in caught.value.one_line()
    assert stub.base_url in caught.value.one_line()


def test_timeout_and_retries_do_not_change_the_cache_key(notes, offline, stub) -> None:
    first = run(notes, offline, base_url=stub.base_url, max_tokens=300, timeout=30,
                max_retries=2)
    made = len(stub.requests)
    again = run(notes, offline, base_url=stub.base_url, max_tokens=300, timeout=7,
                max_retries=0)
    assert made == 6 and len(stub.requests) == made
    assert again.calls == 0 and again.cache_hits == first.calls


def test_what_changes_a_reply_changes_the_cache_key(notes, offline, stub) -> None:
    run(notes, offline, base_url=stub.base_url, max_tokens=300)
    run(notes, offline, base_url=stub.base_url, max_tokens=200)
    assert len(stub.requests) == 12


def test_a_token_in_the_base_url_is_stored_nowhere(notes, offline, stub, _environment) -> None:
    url = with_userinfo(stub.base_url, "user:sk-secret-0123456789abcdef")
    draft = run(notes, offline, base_url=url, max_tokens=300)
    stored = b"".join(p.read_bytes() for p in _environment.rglob("*") if p.is_file())
    assert stored and b"sk-secret" not in stored and b"0123456789abcdef" not in stored
    assert (_environment / "structured-output.json").is_file()
    assert "sk-secret" not in str(draft.report())
    again = run(notes, offline, base_url=url, max_tokens=300)
    assert again.calls == 0  # the redacted keys still find the replies


def test_a_server_that_echoes_the_key_is_printed_redacted(cli, stub, tmp_path,
                                                          monkeypatch) -> None:
    key = "tok-echoed-Zq81xY0pLm42"
    monkeypatch.setenv("OPENAI_API_KEY", key)
    stub.answer = lambda _b, headers: error(
        401, f"Incorrect API key provided: {headers.get('authorization', '')}")
    for report in ("text", "json"):
        result = cli("draft", NOTES, "-o", tmp_path / "out", "--model", "openai:gpt-x",
                     "--base-url", stub.base_url, "--max-retries", "0", "--report", report)
        assert result.exit_code == 3
        assert "HTTP 401" in result.stderr and "Incorrect API key provided: Bearer ***" in \
            result.stderr
        assert key not in result.stderr and key not in result.stdout
    assert key in stub.requests[0].headers["authorization"]  # the key was really sent
    assert not (tmp_path / "out").exists()

"""``storygen draft --model`` through the CLI, with the fake chat model in place of a provider."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from storygen.drafting.llm import drafter
from tests.fakes.chat_model import FakeChatModel, replies_from_story

from ...conftest import ROOT

NOTES = ROOT / "raw_notes" / "webhook-dlq.md"


@pytest.fixture()
def fake(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> FakeChatModel:
    """The fake answers with the offline draft's own parts; the CLI builds it as its model."""
    from storygen.drafting.compose.offline import draft_offline
    from storygen.drafting.extract.facts import extract_facts
    from storygen.story.notes import read_notes

    notes = read_notes(NOTES)
    model = FakeChatModel(defaults=replies_from_story(draft_offline(notes, extract_facts(notes))),
                          rejects=["json_schema"])

    def build(options: Any, cache: Any = None) -> FakeChatModel:
        model.cache = cache if cache is not None else False
        return model

    monkeypatch.setattr(drafter, "build_chat_model", build)
    monkeypatch.setenv("STORYGEN_CACHE_DIR", str(tmp_path / "cache"))
    return model


def test_draft_with_a_model_reports_method_calls_and_usage(cli, fake, tmp_path) -> None:
    result = cli("draft", NOTES, "-o", tmp_path / "out", "--model", "openai:fake",
                 "--report", "json")
    assert result.exit_code == 0, result.stderr
    model = json.loads(result.stdout)[0]["model"]
    assert model["structured_output"] == "function_calling" and model["calls"] == 7
    assert model["usage"]["openai:fake"]["output_tokens"] > 0
    story = yaml.safe_load(next((tmp_path / "out").glob("*.story.yaml")).read_text("utf-8"))
    assert story["provenance"]["drafter"] == "openai:fake"
    assert len(story["provenance"]["prompts_sha256"]) == 64


def test_a_rerun_makes_no_request(cli, fake, tmp_path) -> None:
    cli("draft", NOTES, "-o", tmp_path / "out", "--model", "openai:fake")
    made = len(fake.history)
    again = cli("draft", NOTES, "-o", tmp_path / "out", "--model", "openai:fake", "--report",
                "json")
    assert len(fake.history) == made
    assert json.loads(again.stdout)[0]["model"]["calls"] == 0


def test_a_missing_provider_package_names_the_pip_command(cli, tmp_path, monkeypatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "langchain_anthropic" else real(name, *a))
    result = cli("draft", NOTES, "-o", tmp_path / "out", "--model", "anthropic:claude-sonnet-4-5")
    assert result.exit_code == 2
    assert "pip install 'storygen-star[anthropic]'" in result.stderr
    assert not (tmp_path / "out").exists()


def test_the_run_names_its_calls_and_tokens_once(cli, fake, tmp_path) -> None:
    result = cli("draft", NOTES, "-o", tmp_path / "out", "--model", "openai:fake")
    assert result.exit_code == 0, result.stderr
    said = result.stdout + result.stderr
    assert said.count("7 model calls; openai:fake ") == 1, said
    assert "usage:" not in said


def test_a_budget_spent_during_repair_writes_the_draft_and_exits_1(cli, fake, tmp_path) -> None:
    import copy

    bad = copy.deepcopy(fake.defaults["quizzes"])
    bad["quizzes"][0]["answer"] = 9
    for limit in range(10_000, 60_000, 1_000):  # the smallest budget that finishes a draft
        fake.replies["quizzes"] = [bad, bad, bad]
        out = tmp_path / f"out-{limit}"
        result = cli("draft", NOTES, "-o", out, "--model", "openai:fake", "--no-cache",
                     "--budget-tokens", limit, "--report", "json")
        if result.exit_code != 2:
            break
        assert not out.exists()  # out of budget before the first full draft: nothing written
    report = json.loads(result.stdout)[0]
    assert result.exit_code == 1, result.stderr
    assert report["model"]["budget_stopped"] is True
    assert any("stopped repair" in m for m in report["messages"])
    story = yaml.safe_load(next(out.glob("*.story.yaml")).read_text("utf-8"))
    assert story["quizzes"][0]["answer"] == 9

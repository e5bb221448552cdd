"""``storygen draft --model`` end to end against a real local llama.cpp server (SmolLM2).

The small model's prose is never judged; what is checked is what a user sees: a schema-valid
story, the structured-output method the run settled on, the usage, the repair request that a
GRD001 finding causes, and a second run served entirely from the cache.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fault_proxy import FaultProxy
from llm_support import MODEL, Run, expected_exit, storygen

pytestmark = [pytest.mark.integration, pytest.mark.timeout(900)]

MAX_TOKENS = "256"
INVENTED = "I also cut the on-call pages by 73%."


def model_args(notes: Path, out: Path, base_url: str, *extra: str) -> list[str]:
    return ["draft", str(notes), "--out", str(out), "--model", MODEL, "--base-url", base_url,
            "--format", "json", "--max-tokens", MAX_TOKENS, "--max-retries", "1", "--timeout", "600",
            *extra]


def core_with_invented_figure(notes: Path) -> dict[str, Any]:
    """A well-formed core reply (from the offline draft) whose Result claims a figure the
    notes do not contain."""
    from storygen.drafting.compose.offline import draft_offline
    from storygen.drafting.extract.facts import extract_facts
    from storygen.drafting.llm.groups import CORE
    from storygen.story.notes import read_notes

    parsed = read_notes(notes)
    core = copy.deepcopy(CORE.from_story(draft_offline(parsed, extract_facts(parsed))))
    result = core["sections"]["result"]
    result["strong_example"] = f"{result['strong_example']} {INVENTED}"
    return core


def replace_first_core_reply(reply: dict[str, Any]) -> Any:
    """A proxy rewrite: the server's first answer to the core group becomes ``reply``."""
    done: list[bool] = []

    def rewrite(request: dict[str, Any], response: dict[str, Any]) -> dict[str, Any]:
        tools = request.get("tools") or []
        if done or not tools or tools[0]["function"]["name"] != "core":
            return response
        done.append(True)
        choice = response["choices"][0]
        choice["message"] = {"role": "assistant", "content": None, "tool_calls": [{
            "id": "call_core", "type": "function",
            "function": {"name": "core", "arguments": json.dumps(reply)}}]}
        choice["finish_reason"] = "tool_calls"
        return response

    return rewrite


@dataclass
class FirstRun:
    run: Run
    exchanges: list[Any]
    cache: Path
    out: Path
    notes: Path
    workspace: Path

    @property
    def model(self) -> dict[str, Any]:
        return self.run.report()["model"]  # type: ignore[no-any-return]

    def story(self) -> Path:
        stories = sorted(self.out.glob("*.story.yaml"))
        assert len(stories) == 1, (self.run.stdout, self.run.stderr)
        return stories[0]


@pytest.fixture(scope="module")
def first_run(session_proxy: FaultProxy, workspace: Path) -> FirstRun:
    notes = workspace / "raw_notes" / "webhook-dlq.md"
    cache, out = workspace / "cache", workspace / "generated"
    session_proxy.reset()
    session_proxy.rewrite = replace_first_core_reply(core_with_invented_figure(notes))
    run = storygen(*model_args(notes, out, session_proxy.base_url), cwd=workspace,
                   cache_dir=cache)
    exchanges = session_proxy.chats()
    session_proxy.reset()
    assert run.code == expected_exit(json.loads(run.stdout)), run.stderr
    return FirstRun(run, exchanges, cache, out, notes, workspace)


def test_the_draft_is_a_schema_valid_story_drafted_by_the_model(first_run: FirstRun) -> None:
    story = first_run.story()
    check = storygen("validate", "--no-rules", str(story), cwd=first_run.workspace,
                     cache_dir=first_run.cache)
    assert check.code == 0, check.stdout + check.stderr
    text = story.read_text(encoding="utf-8")
    assert f"drafter: {MODEL}" in text and "prompts_sha256:" in text


def test_the_server_rejects_json_schema_and_the_run_settles_on_function_calling(
        first_run: FirstRun) -> None:
    tried = [e for e in first_run.exchanges if e.response_format == "json_schema"]
    assert tried and all(e.status == 500 for e in tried)
    assert first_run.model["structured_output"] == "function_calling"
    assert any("rejected json_schema" in m for m in first_run.model["messages"])
    assert all(e.tool is not None for e in first_run.exchanges if e.response_format is None)


def test_usage_is_reported_per_model(first_run: FirstRun) -> None:
    usage = first_run.model["usage"][MODEL]
    assert usage["input_tokens"] > 0 and usage["output_tokens"] > 0
    assert first_run.model["calls"] >= 7  # the rejected json_schema call, six groups, a repair


def test_an_invented_figure_leads_to_a_repair_request_for_its_group(first_run: FirstRun) -> None:
    core_requests = [e for e in first_run.exchanges if e.tool == "core"]
    repairs = [e for e in core_requests if "GRD001" in e.text]
    assert repairs, [e.text[-400:] for e in core_requests]
    assert "73%" in repairs[0].text
    assert first_run.model["repairs"] >= 1
    # The injected figure is repaired in the core group. The small model may also write a figure
    # the notes lack in another group (or copy the core's into its weak answer): that group is
    # asked to repair the findings in its own fields, never the core's Result.
    repaired = {e.tool for e in first_run.exchanges if "GRD001" in e.text}
    assert "core" in repaired
    for exchange in first_run.exchanges:
        if exchange.tool == "core" or "GRD001" not in exchange.text:
            continue
        pointers = re.findall(r"^- (/\S+): .*\(GRD001\)$", exchange.text, re.MULTILINE)
        assert pointers and not [p for p in pointers if p.startswith("/sections/")], pointers


def test_a_second_run_is_served_entirely_from_the_cache(first_run: FirstRun,
                                                        proxy: FaultProxy) -> None:
    before = first_run.story().read_bytes()
    again = storygen(*model_args(first_run.notes, first_run.out, proxy.base_url),
                     cwd=first_run.workspace, cache_dir=first_run.cache)
    assert again.code == first_run.run.code, again.stderr
    assert proxy.chats() == []
    report = again.report()
    assert report["model"]["calls"] == 0 and report["model"]["usage"] == {}
    assert report["model"]["cache_hits"] > 0
    assert first_run.story().read_bytes() == before

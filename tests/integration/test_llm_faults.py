"""Provider faults, injected by a proxy in front of the real local server: a 429 that the client
retries, a server that keeps failing, a malformed body, and a reply that stalls past --timeout."""

from __future__ import annotations

from pathlib import Path

import pytest
from fault_proxy import FaultProxy
from llm_support import MODEL, Run, expected_exit, storygen

pytestmark = [pytest.mark.integration, pytest.mark.timeout(600)]


def draft(workspace: Path, out: Path, cache: Path, base_url: str, *extra: str) -> Run:
    notes = workspace / "raw_notes" / "webhook-dlq.md"
    return storygen("draft", str(notes), "--out", str(out), "--model", MODEL, "--base-url",
                    base_url, "--format", "json", *extra, cwd=workspace, cache_dir=cache)


def one_error_line(run: Run) -> str:
    lines = [line for line in run.stderr.splitlines() if line.startswith("storygen: error:")]
    assert len(lines) == 1, run.stderr
    return lines[0]


def test_a_429_is_retried_and_the_draft_succeeds(workspace: Path, proxy: FaultProxy,
                                                 tmp_path: Path) -> None:
    proxy.plan("429")
    out = tmp_path / "out"
    run = draft(workspace, out, tmp_path / "cache", proxy.base_url, "--max-tokens", "32",
                "--max-repairs", "0", "--max-retries", "2")
    assert run.code == expected_exit([run.report()]), run.stderr
    chats = proxy.chats()
    assert chats[0].status == 429 and chats[1].body == chats[0].body and chats[1].status
    assert len(list(out.glob("*.story.yaml"))) == 1
    assert run.report()["model"]["calls"] >= 6


def test_a_server_that_keeps_failing_exits_3_and_leaves_the_story_alone(
        workspace: Path, proxy: FaultProxy, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    existing = out / "webhook-dlq.story.yaml"
    existing.write_text("# an earlier story\n", encoding="utf-8")
    proxy.always = "500"
    run = draft(workspace, out, tmp_path / "cache", proxy.base_url, "--max-retries", "1")
    assert run.code == 3
    line = one_error_line(run)
    assert MODEL in line and "HTTP 500" in line
    assert existing.read_text(encoding="utf-8") == "# an earlier story\n"
    assert sorted(p.name for p in out.iterdir()) == ["webhook-dlq.story.yaml"]
    assert len(proxy.chats()) == 2  # the first try and one retry


def test_a_malformed_body_exits_3_and_writes_nothing(workspace: Path, proxy: FaultProxy,
                                                     tmp_path: Path) -> None:
    proxy.always = "malformed"
    out = tmp_path / "out"
    run = draft(workspace, out, tmp_path / "cache", proxy.base_url, "--max-retries", "0")
    assert run.code == 3
    line = one_error_line(run)
    assert MODEL in line and "malformed" in line
    assert not out.exists() or list(out.iterdir()) == []


def test_a_reply_stalled_past_the_timeout_exits_3(workspace: Path, proxy: FaultProxy,
                                                  tmp_path: Path) -> None:
    proxy.stall_seconds = 8
    proxy.always = "stall"
    out = tmp_path / "out"
    run = draft(workspace, out, tmp_path / "cache", proxy.base_url, "--timeout", "1",
                "--max-retries", "1")
    assert run.code == 3
    line = one_error_line(run)
    assert MODEL in line and "timed out" in line
    assert not out.exists() or list(out.iterdir()) == []

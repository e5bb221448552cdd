"""Shared test helpers: paths to fixtures and a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
REFERENCE = FIXTURES / "reference.story.yaml"


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture()
def cli(runner: CliRunner):
    """Run ``storygen ARGS`` in-process; returns the click Result (exit_code, stdout, stderr)."""
    from storygen.cli.main import app

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(app, [str(a) for a in args], input=input)

    return invoke

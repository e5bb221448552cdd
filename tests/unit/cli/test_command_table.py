"""The command table in ``cli.main``: commands are loaded by module and function name when they
run, so a typo in the table must fail here rather than when a user runs that command."""

from __future__ import annotations

import importlib
import inspect

import pytest
from typer.testing import CliRunner

from storygen.cli.main import COMMANDS, app


@pytest.mark.parametrize("spec", COMMANDS, ids=lambda spec: spec.name)
def test_every_row_names_a_function_that_exists(spec) -> None:
    function = getattr(importlib.import_module(spec.module), spec.function)
    assert callable(function)
    assert spec.module.startswith("storygen.cli.")


@pytest.mark.parametrize("spec", COMMANDS, ids=lambda spec: spec.name)
def test_the_listed_help_is_the_first_paragraph_of_the_docstring(spec) -> None:
    doc = inspect.getdoc(getattr(importlib.import_module(spec.module), spec.function)) or ""
    assert spec.help == " ".join(doc.split("\n\n")[0].split())


def test_names_are_unique() -> None:
    names = [spec.name for spec in COMMANDS]
    assert len(names) == len(set(names)) == 15


def test_help_lists_the_commands_in_table_order() -> None:
    result = CliRunner().invoke(app, ["--help"], terminal_width=100)
    assert result.exit_code == 0
    section = result.output.split("Commands:\n", 1)[1]
    listed = [line.split()[0] for line in section.splitlines()
              if line.startswith("  ") and not line.startswith("   ")]
    assert listed == [spec.name for spec in COMMANDS]


def test_a_misspelt_command_is_refused_with_a_suggestion() -> None:
    result = CliRunner().invoke(app, ["valdate", "x.yaml"])
    assert result.exit_code == 2
    assert "No such command 'valdate'. Did you mean 'validate'?" in result.output


def test_a_command_runs_after_being_loaded_by_name() -> None:
    result = CliRunner().invoke(app, ["rules", "XYZ999"])
    assert result.exit_code == 2
    assert "unknown rule code 'XYZ999'" in result.output

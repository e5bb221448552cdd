"""The command line as a user meets it: help, version, errors without tracebacks, start-up cost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from storygen import __version__

from ...conftest import REFERENCE, ROOT


def _commands() -> list[str]:
    from storygen.cli.main import COMMANDS

    return sorted(spec.name for spec in COMMANDS)


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None):
    return subprocess.run([sys.executable, "-m", "storygen", *map(str, args)], capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, cwd=cwd)


def test_version(cli) -> None:
    result = cli("--version")
    assert result.exit_code == 0
    assert result.output.strip() == f"storygen {__version__}"


@pytest.mark.parametrize("name", _commands())
def test_every_command_explains_itself(cli, name: str) -> None:
    result = cli(name, "--help")
    assert result.exit_code == 0
    assert f"Usage: storygen {name}" in result.output
    assert len(result.output.splitlines()) > 4


def test_user_errors_are_one_line_and_debug_shows_the_traceback(tmp_path: Path) -> None:
    plain = run("rules", "XYZ999")
    assert plain.returncode == 2
    assert plain.stderr.strip() == ("storygen: error: unknown rule code 'XYZ999' "
                                    "(list them with `storygen rules`)")
    debug = run("rules", "XYZ999", env={"STORYGEN_DEBUG": "1"})
    assert debug.returncode != 0
    assert "Traceback" in debug.stderr


@pytest.mark.parametrize(("command", "allowed"), [
    (["validate", str(REFERENCE)], "'text', 'json', 'github', 'sarif'"),
    (["render", str(REFERENCE)], "'md', 'html'"),
    (["bank", str(REFERENCE)], "'table', 'md', 'json'"),
    (["diff", str(REFERENCE), str(REFERENCE)], "'text', 'json'"),
    (["export", str(REFERENCE), "-o", "deck.apkg"], "'anki'"),
])
def test_a_bad_format_is_refused_by_the_parser_naming_the_allowed_values(
        tmp_path: Path, command: list[str], allowed: str) -> None:
    result = run(*command, "--format", "yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "Invalid value for '--format'" in result.stderr
    assert f"'yaml' is not one of {allowed}" in result.stderr
    assert result.stdout == ""
    assert not (tmp_path / "deck.apkg").exists()


@pytest.mark.parametrize(("command", "shown"), [
    ("validate", ["--format [text|json|github|sarif]", "--fail-on [error|warning]",
                  "PATH...", "--max-bytes BYTES", "--notes FILE"]),
    ("draft", ["--format [text|json]", "--fail-on [error|warning]",
               "--structured-output [auto|json_schema|function_calling|json_mode]",
               "-j, --jobs N", "NOTES..."]),
    ("diff", ["--format [text|json|markdown]", "--color [auto|always|never]"]),
    ("render", ["--format [md|html]"]),
    ("bank", ["--format [table|md|json]"]),
])
def test_help_shows_the_allowed_values_not_python_types(cli, command: str,
                                                        shown: list[str]) -> None:
    result = cli(command, "--help")
    assert result.exit_code == 0
    for text in shown:
        assert text in result.output
    for python_type in ("<str>", "<int", "<list[", "<path>", "<float>"):
        assert python_type not in result.output


@pytest.mark.parametrize("name", _commands())
def test_no_help_page_shows_a_python_type(cli, name: str) -> None:
    output = cli(name, "--help").output
    for python_type in ("<str>", "<int", "<list[", "<path>", "<float>", "<bool>"):
        assert python_type not in output


def test_commands_are_listed_in_the_order_a_user_meets_them(cli) -> None:
    output = cli("--help").output
    listed = [line.split()[0] for line in output.split("Commands:")[1].splitlines() if line.strip()]
    assert listed == ["draft", "facts", "status", "eval", "validate", "fmt", "rules", "config", "render",
                      "site", "diff", "bank", "export", "schema", "init"]


def test_unknown_option_is_a_usage_error_not_a_traceback() -> None:
    result = run("validate", "--no-such-option", REFERENCE)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "No such option" in result.stderr


def test_help_and_validate_do_not_import_langchain() -> None:
    probe = (
        "import runpy, sys, json\n"
        "for argv in (['storygen', '--help'], ['storygen', 'validate', sys.argv[1]]):\n"
        "    sys.argv = argv\n"
        "    try:\n"
        "        runpy.run_module('storygen', run_name='__main__')\n"
        "    except SystemExit:\n"
        "        pass\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('langchain', 'langchain_core', 'langchain_community', 'openai', 'jinja2', 'genanki'))\n"
        "print(json.dumps(heavy), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe, str(REFERENCE)], capture_output=True,
                            text=True)
    assert json.loads(result.stderr.strip().splitlines()[-1]) == []


def _storygen_modules_after(*argv: str) -> list[str]:
    """The ``storygen`` modules loaded once ``storygen ARGV`` has run in a fresh interpreter."""
    probe = (
        "import runpy, sys, json\n"
        "sys.argv = ['storygen', *sys.argv[1:]]\n"
        "try:\n"
        "    runpy.run_module('storygen', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('storygen.'))), "
        "file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe, *argv], capture_output=True, text=True)
    return json.loads(result.stderr.strip().splitlines()[-1])


def test_help_loads_no_command_module() -> None:
    loaded = _storygen_modules_after("--help")
    cli = [m for m in loaded if m.startswith("storygen.cli.")]
    assert cli == ["storygen.cli.app", "storygen.cli.main"]
    assert [m for m in loaded if m.startswith(("storygen.checks.rules", "storygen.story"))] == []
    assert [m for m in loaded if m.startswith(("storygen.drafting", "storygen.views",
                                               "storygen.review"))] == []


def test_validate_loads_no_drafting_view_or_review_module() -> None:
    loaded = _storygen_modules_after("validate", str(REFERENCE))
    assert "storygen.cli.commands" in loaded
    assert [m for m in loaded if m.startswith(("storygen.drafting", "storygen.views",
                                               "storygen.review"))] == []
    assert [m for m in loaded if m in ("storygen.cli.draft", "storygen.cli.evaluate",
                                       "storygen.cli.views", "storygen.cli.rules",
                                       "storygen.cli.model_options")] == []


def test_schema_check_passes_on_the_checked_in_schema_and_fails_on_drift(tmp_path: Path) -> None:
    assert run("schema", "--check").returncode == 0
    drifted = tmp_path / "story.schema.json"
    drifted.write_text((ROOT / "schemas" / "story.schema.json").read_text().replace(
        '"minLength": 1', '"minLength": 2', 1))
    result = run("schema", "--check", "--path", drifted)
    assert result.returncode == 1
    assert "differs from the schema generated from the models" in result.stderr


def test_schema_command_prints_the_checked_in_schema() -> None:
    result = run("schema")
    assert result.stdout == (ROOT / "schemas" / "story.schema.json").read_text()
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["principle"]["enum"][0] == "Customer Obsession"
    assert len(schema["properties"]["principle"]["enum"]) == 16


def test_the_wheel_ships_the_schema_prompts_knowledge_base_and_templates(tmp_path: Path) -> None:
    import zipfile

    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w",
                            str(tmp_path), str(ROOT)], capture_output=True, text=True)
    assert build.returncode == 0, build.stderr[-2000:]
    (wheel,) = tmp_path.glob("storygen_star-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = (ROOT / "schemas" / "story.schema.json").read_bytes()
    assert zipfile.ZipFile(wheel).read("storygen/data/story.schema.json") == shipped
    for prompt in (ROOT / "prompts").glob("*.txt"):
        assert f"storygen/data/prompts/{prompt.name}" in names
    assert "storygen/data/kb/principles.yaml" in names
    assert "storygen/data/init/storygen.toml" in names
    assert any(n.startswith("storygen/templates/") for n in names)

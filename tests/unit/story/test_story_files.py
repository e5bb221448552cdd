"""Data-driven checks over folders of valid and invalid story files."""

from __future__ import annotations

import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
import yaml

from storygen.core.errors import InputError
from storygen.story.loader import load_story_source, parse_text

from ...conftest import FIXTURES, ROOT

VALID = sorted((FIXTURES / "stories" / "valid").iterdir())
INVALID_DIR = FIXTURES / "stories" / "invalid"
CASES = yaml.safe_load((INVALID_DIR / "cases.yaml").read_text(encoding="utf-8"))


def test_every_invalid_file_has_an_expected_outcome() -> None:
    files = {p.name for p in INVALID_DIR.iterdir() if p.name != "cases.yaml"}
    assert files == set(CASES)


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_story_passes_schema(cli, path: Path) -> None:
    result = cli("validate", "--no-rules", path)
    assert result.exit_code == 0, result.output
    assert "0 errors" in result.output


@pytest.mark.parametrize("name", sorted(CASES))
def test_invalid_story_is_rejected_with_located_one_line_message(cli, name: str) -> None:
    case = CASES[name]
    path = INVALID_DIR / name
    result = cli("validate", "--no-rules", *case.get("args", []), path)
    assert result.exit_code == case["exit"], result.output
    lines = [line for line in result.output.splitlines() if line.startswith(str(path))]
    assert lines, result.output
    first = lines[0]
    assert case["message"] in first
    expected_prefix = f"{path}:{case['line']}:" if case["line"] else f"{path}: "
    assert (first + ":").startswith(expected_prefix) or first.startswith(expected_prefix)
    assert "Traceback" not in result.output


def test_all_errors_of_all_files_are_collected_before_reporting(cli) -> None:
    files = [INVALID_DIR / "unknown-key.story.yaml", INVALID_DIR / "empty.story.yaml",
             INVALID_DIR / "bad-level.story.yaml", FIXTURES / "reference.story.yaml"]
    result = cli("validate", "--no-rules", "--format", "json", *files)
    assert result.exit_code == 2  # an unreadable file outranks findings
    import json

    items = json.loads(result.output)
    assert {item["path"] for item in items} == {str(f) for f in files[:3]}
    assert all(set(item) >= {"path", "line", "column", "pointer", "message", "code"}
               for item in items)


def test_alias_bomb_is_rejected_before_anything_is_built() -> None:
    text = (INVALID_DIR / "alias-bomb.story.yaml").read_text()
    bigger = text + "".join(f"z{i}: &z{i} [*i, *i, *i, *i, *i, *i, *i, *i, *i]\n" for i in range(20))
    tracemalloc.start()
    with pytest.raises(InputError, match="anchors"):
        parse_text(bigger, "bomb.story.yaml")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 512 * 1024  # a 9**9-element expansion would need gigabytes


def test_python_tag_never_constructs_anything(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    story = tmp_path / "evil.story.yaml"
    story.write_text(f"title: !!python/object/apply:os.system ['touch {marker}']\n")
    with pytest.raises(InputError, match="tags"):
        load_story_source(story)
    assert not marker.exists()


def test_check_jsonschema_accepts_valid_stories_and_the_schema_passes_metaschema() -> None:
    schema = ROOT / "schemas" / "story.schema.json"
    exe = Path(sys.executable).with_name("check-jsonschema")
    meta = subprocess.run([exe, "--check-metaschema", schema], capture_output=True, text=True)
    assert meta.returncode == 0, meta.stdout + meta.stderr
    stories = [p for p in VALID if p.suffix in (".yaml", ".yml", ".json")]
    run = subprocess.run([exe, "--schemafile", schema, *stories], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_check_jsonschema_agrees_on_rejecting_schema_invalid_stories() -> None:
    schema = ROOT / "schemas" / "story.schema.json"
    exe = Path(sys.executable).with_name("check-jsonschema")
    schema_cases = [INVALID_DIR / n for n, c in CASES.items() if c["exit"] == 1]
    for story in schema_cases:
        run = subprocess.run([exe, "--schemafile", schema, story], capture_output=True, text=True)
        assert run.returncode == 1, f"{story.name}: {run.stdout}"

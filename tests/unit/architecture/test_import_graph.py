"""The package's layers: imports run one way, no file imports itself through others, and no
storygen import hides inside a function (``python bench/structure.py`` prints the same figures).

One deliberate exception to "every import is a statement": the CLI loads its command modules
lazily, by name. ``cli.main`` keeps a table of (command, module, function, help) and its group
calls ``importlib.import_module`` on a command's module only when that command runs, so that
``storygen --help`` and ``storygen validate`` (run by pre-commit on every commit) start without
loading drafting, model and view code. Those modules still import everything at their top level;
``tests/unit/cli/test_command_table.py`` checks that every row of the table resolves.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bench import structure

PACKAGE = Path(__file__).resolve().parents[3] / "pipeline" / "storygen"
KNOWN, IMPORTS = structure.graph(PACKAGE)


def test_the_graph_was_read() -> None:
    assert len(KNOWN) > 40
    assert sum(len(found) for found in IMPORTS.values()) > 100


def test_no_cycle_between_files() -> None:
    assert structure.cycles(structure.file_edges(KNOWN, IMPORTS)) == []


def test_no_cycle_between_top_level_packages() -> None:
    assert structure.cycles(structure.layer_edges(IMPORTS)) == []


def test_imports_run_downhill() -> None:
    assert structure.uphill(KNOWN, IMPORTS) == []


def test_every_module_sits_in_a_layer() -> None:
    loose = [m for m in KNOWN if m.count(".") >= 1 and structure.layer(m) is None
             and m != "storygen.__main__"]
    assert loose == []


def test_no_storygen_import_inside_a_function() -> None:
    hidden = [f"{m}:{line} imports {t}" for m, found in IMPORTS.items()
              for t, inside, line in found if inside]
    assert hidden == []


def test_the_checks_catch_a_cycle_and_an_uphill_import(tmp_path: Path) -> None:
    package = tmp_path / "storygen"
    for folder in ("core", "story"):
        (package / folder).mkdir(parents=True)
        (package / folder / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "core" / "a.py").write_text("from storygen.story.b import x\n")
    (package / "story" / "b.py").write_text("def f():\n    from storygen.core.a import y\n")
    known, imports = structure.graph(package)
    assert structure.cycles(structure.file_edges(known, imports)) == [
        ["storygen.core.a", "storygen.story.b"]]
    assert structure.uphill(known, imports) == ["storygen.core.a:1 imports storygen.story.b"]
    assert [inside for found in imports.values() for _, inside, _ in found].count(True) == 1


@pytest.mark.parametrize("module", sorted(KNOWN))
def test_no_test_double_ships_in_the_package(module: str) -> None:
    source = KNOWN[module].read_text(encoding="utf-8")
    assert "class Fake" not in source and "FakeChatModel" not in source

"""The package's layers: imports run one way, no file imports itself through others, and
no storygen import hides inside a function."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[3] / "pipeline" / "storygen"
LAYERS = {"core": 0, "story": 1, "checks": 2, "drafting": 3, "views": 3, "review": 3, "cli": 4}
"""cli -> {drafting, views, review} -> checks -> story -> core, never back or sideways."""


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _resolve(name: str) -> str | None:
    """The module a dotted name refers to (a name imported from a module maps to the module)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imports(path: Path) -> list[tuple[str, bool, int]]:
    """(module imported, whether the import sits inside a function, line) for storygen imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[str, bool, int]] = []

    def visit(node: ast.AST, in_function: bool, type_only: bool) -> None:
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            guard = isinstance(child, ast.If) and ast.unparse(child.test) == "TYPE_CHECKING"
            if isinstance(child, ast.ImportFrom) and child.module and not type_only:
                names = [f"{child.module}.{a.name}" for a in child.names]
                for name in names or [child.module]:
                    if name.startswith("storygen"):
                        target = _resolve(name)
                        if target:
                            found.append((target, in_function, child.lineno))
            elif isinstance(child, ast.Import) and not type_only:
                for alias in child.names:
                    if alias.name.startswith("storygen"):
                        target = _resolve(alias.name)
                        if target:
                            found.append((target, in_function, child.lineno))
            visit(child, nested, type_only or guard)

    visit(tree, False, False)
    return found


GRAPH = {name: _imports(path) for name, path in MODULES.items()}


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one member (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def strong(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            strong(v)
    return out


def _is_package_face(importer: str, target: str) -> bool:
    """A package's own ``__init__`` is imported by everything under it: not an edge."""
    return importer.startswith(target + ".") and MODULES[target].name == "__init__.py"


def test_the_graph_was_read() -> None:
    assert len(MODULES) > 40
    assert sum(len(v) for v in GRAPH.values()) > 100


def test_no_cycle_between_files() -> None:
    edges = {m: {t for t, _, _ in imps if t != m and not _is_package_face(m, t)}
             for m, imps in GRAPH.items()}
    assert _cycles(edges) == []


def test_no_cycle_between_top_level_packages() -> None:
    edges: dict[str, set[str]] = {}
    for module, imports in GRAPH.items():
        for target, _, _ in imports:
            a, b = _layer(module), _layer(target)
            if a and b and a != b:
                edges.setdefault(a, set()).add(b)
    assert _cycles(edges) == []


def test_imports_run_downhill() -> None:
    uphill = []
    for module, imports in GRAPH.items():
        for target, _, line in imports:
            a, b = _layer(module), _layer(target)
            if a and b and a != b and LAYERS[a] <= LAYERS[b]:
                uphill.append(f"{MODULES[module].relative_to(PACKAGE)}:{line} imports {target}")
    assert uphill == []


def test_every_module_sits_in_a_layer() -> None:
    loose = [m for m in MODULES if m.count(".") >= 1 and _layer(m) is None
             and m not in ("storygen.__main__",)]
    assert loose == []


def test_no_storygen_import_inside_a_function() -> None:
    hidden = [f"{MODULES[m].relative_to(PACKAGE)}:{line} imports {t}"
              for m, imports in GRAPH.items() for t, inside, line in imports if inside]
    assert hidden == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_test_double_ships_in_the_package(module: str) -> None:
    source = MODULES[module].read_text(encoding="utf-8")
    assert "class Fake" not in source and "FakeChatModel" not in source

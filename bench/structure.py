"""Print the package's structure figures: file cycles, uphill imports, storygen imports inside
functions, the longest function and the largest module.

    python bench/structure.py [PACKAGE_DIR]      # default: pipeline/storygen
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

LAYERS = {"core": 0, "story": 1, "checks": 2, "drafting": 3, "views": 3, "review": 3, "cli": 4}
"""cli -> {drafting, views, review} -> checks -> story -> core, never back or sideways."""


def module_name(package: Path, path: Path) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(package: Path) -> dict[str, Path]:
    return {module_name(package, p): p for p in sorted(package.rglob("*.py"))}


def imports(path: Path, known: dict[str, Path]) -> list[tuple[str, bool, int]]:
    """(module imported, inside a function, line) for each storygen import (TYPE_CHECKING ones too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[str, bool, int]] = []

    def resolve(name: str) -> str | None:
        while name and name not in known:
            name = name.rpartition(".")[0]
        return name or None

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            names: list[str] = []
            if isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
                names = [f"{child.module}.{a.name}" for a in child.names]
            elif isinstance(child, ast.Import):
                names = [a.name for a in child.names]
            for name in names:
                target = resolve(name) if name.startswith("storygen") else None
                if target:
                    found.append((target, in_function, child.lineno))
            visit(child, nested)

    visit(tree, False)
    return found


def graph(package: Path) -> tuple[dict[str, Path], dict[str, list[tuple[str, bool, int]]]]:
    known = modules(package)
    return known, {name: imports(path, known) for name, path in known.items()}


def layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


def is_package_face(known: dict[str, Path], importer: str, target: str) -> bool:
    """A package's own ``__init__`` is imported by everything under it: not an edge."""
    return importer.startswith(target + ".") and known[target].name == "__init__.py"


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
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
        for w in sorted(edges.get(v, ())):
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


def file_edges(known: dict[str, Path], imps: dict[str, list[tuple[str, bool, int]]]) -> dict[str, set[str]]:
    return {m: {t for t, _, _ in found if t != m and not is_package_face(known, m, t)}
            for m, found in imps.items()}


def layer_edges(imps: dict[str, list[tuple[str, bool, int]]]) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for module, found in imps.items():
        for target, _, _ in found:
            a, b = layer(module), layer(target)
            if a and b and a != b:
                edges.setdefault(a, set()).add(b)
    return edges


def uphill(known: dict[str, Path], imps: dict[str, list[tuple[str, bool, int]]]) -> list[str]:
    out = []
    for module, found in imps.items():
        for target, _, line in found:
            a, b = layer(module), layer(target)
            if a and b and a != b and LAYERS[a] <= LAYERS[b]:
                out.append(f"{module}:{line} imports {target}")
    return out


def longest_function(known: dict[str, Path]) -> tuple[int, str]:
    best = (0, "")
    for name, path in known.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                best = max(best, (length, f"{name}.{node.name}"))
    return best


def main(argv: list[str]) -> int:
    package = Path(argv[0]) if argv else Path(__file__).resolve().parents[1] / "pipeline" / "storygen"
    known, imps = graph(package)
    file_cycles = cycles(file_edges(known, imps))
    inside = sum(1 for found in imps.values() for _, flag, _ in found if flag)
    length, where = longest_function(known)
    lines, biggest = max((len(p.read_text(encoding="utf-8").splitlines()), n) for n, p in known.items())
    print(f"modules: {len(known)}")
    print(f"file cycles: {len(file_cycles)}" + "".join(f"\n  {' <-> '.join(c)}" for c in file_cycles))
    print(f"layer cycles: {len(cycles(layer_edges(imps)))}")
    ups = uphill(known, imps)
    print(f"uphill imports: {len(ups)}" + "".join(f"\n  {u}" for u in ups))
    print(f"storygen imports inside functions: {inside}")
    print(f"longest function: {length} lines ({where})")
    print(f"largest module: {lines} lines ({biggest})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

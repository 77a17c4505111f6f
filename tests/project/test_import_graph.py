"""No import cycles between claimwatch's modules.

The graph holds the imports a module runs when it is loaded: module-level ``import`` and ``from``
statements, including those under a module-level ``if``/``try``, but not those in ``if TYPE_CHECKING:``
blocks nor inside functions and classes (deliberately lazy). An edge points at the module named;
loading a submodule also loads its parent package, but that is Python's doing, not a cycle.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
PACKAGE = "claimwatch"


def _module_names(root: Path) -> dict[str, Path]:
    names = {}
    for path in sorted((root / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names[".".join(parts)] = path
    return names


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _module_level_imports(tree: ast.Module):
    """Import statements run at load time: walk module-level blocks, not function or class bodies."""
    pending = list(tree.body)
    while pending:
        node = pending.pop(0)
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        elif isinstance(node, ast.If):
            if not _is_type_checking(node.test):
                pending.extend(node.body)
            pending.extend(node.orelse)
        elif isinstance(node, ast.Try):
            pending.extend(node.body + node.orelse + node.finalbody)
            for handler in node.handlers:
                pending.extend(handler.body)
        elif isinstance(node, (ast.With, ast.For, ast.While)):
            pending.extend(node.body)


def _all_imports(tree: ast.Module):
    """Every import statement, those inside functions included (lazy imports), except typing-only ones."""
    typing_only = {id(inner) for node in ast.walk(tree) if isinstance(node, ast.If) and _is_type_checking(node.test)
                   for stmt in node.body for inner in ast.walk(stmt)}
    yield from (node for node in ast.walk(tree)
                if isinstance(node, (ast.Import, ast.ImportFrom)) and id(node) not in typing_only)


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[:len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def import_graph(root: Path = SRC, lazy: bool = False) -> dict[str, set[str]]:
    """module -> the claimwatch modules it imports at load time (with ``lazy``, inside functions too)."""
    modules = _module_names(root)
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in (_all_imports(tree) if lazy else _module_level_imports(tree)):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                source = _resolve(name, path.name == "__init__.py", node)
                # ``from pkg import sub`` imports the submodule when there is one, else a name of pkg
                targets = [f"{source}.{alias.name}" if f"{source}.{alias.name}" in modules else source
                           for alias in node.names]
            graph[name].update(t for t in targets if t in modules and t != name)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One cycle as a list of modules (first repeated at the end), or [] when there is none."""
    state: dict[str, int] = {}  # 1 on the current path, 2 finished
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return path[path.index(target):] + [target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        state[node] = 2
        path.pop()
        return []

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return []


@pytest.mark.parametrize("graph, expected", [
    ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
    ({"a": {"b"}, "b": {"c"}, "c": {"a"}}, ["a", "b", "c", "a"]),
    ({"a": {"a2"}, "a2": set(), "b": {"b"}}, ["b", "b"]),
])
def test_import_graph_find_cycle_reports_the_loop(graph, expected):
    assert find_cycle(graph) == expected


def test_import_graph_reads_module_level_imports_only(tmp_path):
    pkg = tmp_path / PACKAGE
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("from . import leaf\n")
    (pkg / "sub" / "leaf.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "from claimwatch import other\n"
        "if TYPE_CHECKING:\n    from claimwatch.sub import typed\n"
        "def later():\n    from claimwatch import lazy\n")
    for name in ("other", "lazy"):
        (pkg / f"{name}.py").write_text("")
    (pkg / "sub" / "typed.py").write_text("from ..other import *\n")
    graph = import_graph(tmp_path)
    assert graph["claimwatch.sub"] == {"claimwatch.sub.leaf"}
    assert graph["claimwatch.sub.leaf"] == {"claimwatch.other"}
    assert graph["claimwatch.sub.typed"] == {"claimwatch.other"}
    assert import_graph(tmp_path, lazy=True)["claimwatch.sub.leaf"] == {"claimwatch.other", "claimwatch.lazy"}


def test_import_graph_of_claimwatch_has_no_cycle():
    graph = import_graph()
    assert "claimwatch.cli" in graph and graph["claimwatch.cli"], "the graph should see the CLI's imports"
    cycle = find_cycle(graph)
    assert not cycle, "import cycle: " + " -> ".join(cycle)


def test_import_graph_has_no_cycle_even_through_lazy_imports():
    """An import inside a function defers a cycle but does not remove it: modules still depend on
    each other both ways, so none can be understood or moved alone."""
    cycle = find_cycle(import_graph(lazy=True))
    assert not cycle, "import cycle (counting imports inside functions): " + " -> ".join(cycle)

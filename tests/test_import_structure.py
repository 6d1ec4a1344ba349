"""The code's import structure: no cycles between modules, no app using another's private names.

Every import counts, also those inside a function: hiding a cycle in a function keeps Python
from failing at start-up but not the two modules from needing each other. Imports only for type
checking (under `if TYPE_CHECKING:`) do not run and are left out.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _modules() -> dict[str, Path]:
    found = {}
    for path in (ROOT / "microcred").rglob("*.py"):
        if {"migrations", "tests"} & set(path.parts):
            continue
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        found[name] = path
    return found


def _type_checking_only(tree: ast.Module) -> set[ast.AST]:
    skipped: set[ast.AST] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(child for part in node.body for child in ast.walk(part))
    return skipped


def _imports(modules: dict[str, Path]) -> dict[str, set[tuple[str, str]]]:
    """For each module, the (module, name) pairs it imports from other microcred modules."""
    result: dict[str, set[tuple[str, str]]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skipped = _type_checking_only(tree)
        pairs: set[tuple[str, str]] = set()
        for node in ast.walk(tree):
            if node in skipped:
                continue
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:
                    full = f"{node.module}.{alias.name}"
                    pairs.add((full, "") if full in modules else (node.module, alias.name))
            elif isinstance(node, ast.Import):
                pairs.update((alias.name, "") for alias in node.names)
        result[name] = {(target, what) for target, what in pairs if target in modules}
    return result


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while (member := stack.pop()) != node:
                group.append(member)
            group.append(node)
            if len(group) > 1:
                groups.append(sorted(group))

    for node in graph:
        if node not in index:
            visit(node)
    return groups


@pytest.fixture(scope="module")
def imports() -> dict[str, set[tuple[str, str]]]:
    return _imports(_modules())


def test_no_two_modules_import_each_other(imports):
    graph = {name: {target for target, _what in pairs} for name, pairs in imports.items()}
    assert _cycles(graph) == []


def test_no_app_imports_another_apps_private_names(imports):
    def app(module: str) -> str:
        return module.split(".")[1]

    private = sorted(
        f"{name} imports {target}.{what}"
        for name, pairs in imports.items()
        for target, what in pairs
        if what.startswith("_") and app(target) != app(name)
    )
    assert private == []

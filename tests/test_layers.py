"""The package's layers import one way, and no modules import each other in a circle.

The layers, lowest first (docs/design.md draws them)::

    errors -> _core -> _render -> _schemes (with schemes, data) -> _scenarios, _transformation
    -> _files -> examples -> _commands -> cli (with __init__, strategies, the Hypothesis hook)

Every ``import`` counts, at module level and inside functions (read with ``ast``, so an import
hidden in a function cannot hide a circle). Imports under ``if TYPE_CHECKING:`` never run: they may
name a type from any layer for an annotation, and are left out.
"""

from __future__ import annotations

import ast
from pathlib import Path

import izafunding


_SRC = Path(izafunding.__file__).parent

# Lowest first; a module may import its own layer and the layers below it.
_LAYERS: tuple[tuple[str, ...], ...] = (
    ("izafunding.errors", "izafunding._version"),
    ("izafunding._core",),
    ("izafunding._render",),
    ("izafunding._schemes", "izafunding.schemes", "izafunding.data"),
    ("izafunding._scenarios", "izafunding._transformation"),
    ("izafunding._files",),
    ("izafunding.examples",),
    ("izafunding._commands",),
    ("izafunding.cli", "izafunding.__main__", "izafunding.strategies", "izafunding._hypothesis_hook", "izafunding"),
)

# The deliberate exceptions: (importer, imported) -> why it may go up a layer.
UPWARD: dict[tuple[str, str], str] = {
    **{
        ("izafunding._core.allocation", f"izafunding._render.{m}"): (
            "Allocation, the core's result, describes itself as a table and gains the exports; "
            "_render reads no domain type, so this closes no circle"
        )
        for m in ("formats", "exportable", "table", "json_export", "charts")
    },
    ("izafunding._core.twoway", "izafunding._render.table"): (
        "TwoWayRounding.table(): the core's two-way result as a table; no circle"
    ),
    ("izafunding._schemes.grants", "izafunding._files.grant"): "the public Grant.from_toml reads the grant file format",
    ("izafunding._scenarios.scenario", "izafunding._files.scenario"): "the public Scenario.from_toml reads the scenario file format",
    ("izafunding._transformation.schedule", "izafunding._files.schedule"): "the public RiskProfile.from_toml reads the risk file format",
    **{
        (f"izafunding.{m}", "izafunding._files.value_dicts"): "the public to_dict/from_dict of a core value reads and writes its JSON-safe data"
        for m in ("_core.money", "_core.periods", "_core.keys", "_core.rounding")
    },
    **{
        (f"izafunding.{m}", "izafunding._files.dicts"): "the public to_dict/from_dict of an input value reads and writes its JSON-safe data"
        for m in (
            "_schemes.grants",
            "_scenarios.scenario",
            "_transformation.milestones",
            "_transformation.schedule",
        )
    },
}

# Circles left on purpose: the modules of each, with the reason. (An exception of UPWARD closes a
# circle by its nature, the file module importing the type it builds: those edges are left out.)
CIRCLES: dict[frozenset[str], str] = {}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(_SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(_SRC.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The package modules that *name* imports when it runs (not under TYPE_CHECKING)."""
    is_package = path.name == "__init__.py"
    package = name if is_package else name.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for other in node.orelse:
                visit(other)
            return
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "izafunding")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target.split(".")[0] == "izafunding":
                for alias in node.names:
                    sub = f"{target}.{alias.name}"
                    found.add(sub if sub in known else target)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    found.discard(name)
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: _imports(name, path, known) for name, path in modules.items()}


def _layer(module: str) -> int:
    best = -1, -1
    for rank, prefixes in enumerate(_LAYERS):
        for prefix in prefixes:
            if module == prefix or module.startswith(prefix + "."):
                best = max(best, (len(prefix), rank))
    assert best[1] >= 0, f"{module} is in no layer: add it to _LAYERS"
    return best[1]


def test_every_module_has_a_layer() -> None:
    """Each module of the package belongs to exactly one layer of the list."""
    for module in _modules():
        _layer(module)


def test_imports_go_down() -> None:
    """No module imports a higher layer, except the deliberate exceptions listed with their reason."""
    upward = sorted(
        (importer, imported)
        for importer, targets in _graph().items()
        for imported in targets
        if _layer(imported) > _layer(importer)
    )
    unexplained = [pair for pair in upward if pair not in UPWARD]
    assert not unexplained, "imports that go up a layer:\n" + "\n".join(f"  {a} -> {b}" for a, b in unexplained)
    stale = sorted(set(UPWARD) - set(upward))
    assert not stale, f"listed exceptions that no longer happen (remove them): {stale}"


def _circles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[frozenset[str]] = []

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.add(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(frozenset(group))

    for v in sorted(graph):
        if v not in index:
            connect(v)
    return groups


def test_no_circles() -> None:
    """No two modules import each other, directly or round a longer circle."""
    graph = {m: {t for t in ts if (m, t) not in UPWARD} for m, ts in _graph().items()}
    found = _circles(graph)
    unexplained = [sorted(c) for c in found if c not in CIRCLES]
    assert not unexplained, f"import circles: {unexplained}"
    stale = [sorted(c) for c in CIRCLES if c not in found]
    assert not stale, f"listed circles that no longer happen (remove them): {stale}"


def test_the_checker_sees_imports_inside_functions() -> None:
    """An import inside a function counts (the two circles of old were hidden that way)."""
    graph = _graph()
    assert "izafunding._files.scenario" in graph["izafunding._scenarios.scenario"]

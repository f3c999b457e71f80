"""The public names of ``izafunding/__init__.py`` agree: ``__all__``, the lazy map, the imports.

A public name is written in ``__init__.py`` as an import (at once for the core, under
``TYPE_CHECKING`` for the names loaded on first use), as a key of ``_LAZY`` (which module loads it)
and in ``__all__``. This test reads the file with ``ast`` and fails on any name that is in one of
them and not in the others, or that the lazy map and the type-checking imports place in different
modules.
"""

from __future__ import annotations

import ast
from pathlib import Path

import izafunding


_INIT = Path(izafunding.__file__)


def _parts() -> tuple[dict[str, str], dict[str, str], dict[str, str], list[str]]:
    tree = ast.parse(_INIT.read_text(encoding="utf-8"))
    eager: dict[str, str] = {}
    typing: dict[str, str] = {}
    lazy: dict[str, str] = {}
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            eager.update({a.asname or a.name: f"izafunding.{node.module}" for a in node.names})
        elif isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for imp in node.body:
                assert isinstance(imp, ast.ImportFrom), ast.unparse(imp)
                typing.update({a.asname or a.name: f"izafunding.{imp.module}" for a in imp.names})
        elif isinstance(node, ast.AnnAssign | ast.Assign):
            target = node.target if isinstance(node, ast.AnnAssign) else node.targets[0]
            if isinstance(target, ast.Name) and target.id == "_LAZY":
                assert node.value is not None
                lazy = ast.literal_eval(node.value)
            elif isinstance(target, ast.Name) and target.id == "__all__":
                assert node.value is not None
                names = ast.literal_eval(node.value)
    return eager, typing, lazy, names


def test_lazy_map_and_type_checking_imports_agree() -> None:
    """Each lazily loaded name is imported for the type checker from the module the map loads."""
    _, typing, lazy, _ = _parts()
    assert typing == lazy


def test_all_is_the_eager_and_lazy_names() -> None:
    """__all__ lists exactly the names imported at once and the lazily loaded ones, sorted, each once."""
    eager, _, lazy, names = _parts()
    assert not set(eager) & set(lazy), "a name both imported at once and lazily"
    assert names == sorted(set(eager) | set(lazy))


def test_every_public_name_loads_from_its_module() -> None:
    """Each lazily loaded name resolves, and is the object its module defines."""
    import importlib

    _, _, lazy, _ = _parts()
    for name, module in lazy.items():
        assert getattr(izafunding, name) is getattr(importlib.import_module(module), name)

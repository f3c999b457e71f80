"""Each public name of ``izafunding/__init__.py`` is written once: the imports of the ``with _public:`` block.

The block is the one list. A type checker reads its imports as they are (each ``X as X``, an
explicit re-export, so ``from izafunding import Money`` keeps the real type); at run time the block
records them without loading the modules, and ``__all__`` and the lazy map are derived from it.
This test reads the file with ``ast`` and fails on a public name written anywhere else in it (a
string, a second import), on an import of the block that is not ``from .m import X as X``, and on a
derived name or module that differs from what the block says.
"""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from collections import Counter
from pathlib import Path

import izafunding


_INIT = Path(izafunding.__file__)
_TREE = ast.parse(_INIT.read_text(encoding="utf-8"))


def _block() -> list[ast.stmt]:
    """The statements of the one ``with _public:`` block at the top level of ``__init__.py``."""
    blocks = [
        node.body
        for node in _TREE.body
        if isinstance(node, ast.With)
        and [ast.unparse(item.context_expr) for item in node.items] == ["_public"]
    ]
    assert len(blocks) == 1, "one `with _public:` block lists the public names"
    return blocks[0]


def _written() -> dict[str, str]:
    """Each public name of the block -> the module it is imported from."""
    names: dict[str, str] = {}
    for imp in _block():
        assert isinstance(imp, ast.ImportFrom), ast.unparse(imp)
        assert imp.level == 1, ast.unparse(imp)
        for alias in imp.names:
            assert alias.asname == alias.name, f"write `{alias.name} as {alias.name}`: {ast.unparse(imp)}"
            assert alias.name not in names, f"{alias.name} imported twice"
            names[alias.name] = f"izafunding.{imp.module}"
    return names


def test_each_public_name_is_written_once() -> None:
    """A public name appears once in ``__init__.py``: as its import, never again as a string or an import."""
    written = _written()
    imported = Counter(
        alias.asname or alias.name
        for node in ast.walk(_TREE)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    )
    strings = Counter(
        node.value for node in ast.walk(_TREE) if isinstance(node, ast.Constant) and isinstance(node.value, str)
    )
    twice = {name: (imported[name], strings[name]) for name in written if (imported[name], strings[name]) != (1, 0)}
    assert not twice, f"written more than once (imports, strings): {twice}"


def test_all_is_derived_from_the_block() -> None:
    """``__all__`` is the block's names, sorted, each once."""
    assert izafunding.__all__ == sorted(_written())


def test_lazy_map_is_derived_from_the_block() -> None:
    """Every name of the block but the errors loads on first use, from the module the block names."""
    written = _written()
    lazy = {name: module for name, module in written.items() if module != "izafunding.errors"}
    assert lazy == izafunding._LAZY


def test_every_public_name_loads_from_its_module() -> None:
    """Each public name resolves, and is the object its module defines."""
    for name, module in _written().items():
        assert getattr(izafunding, name) is getattr(importlib.import_module(module), name)


def test_errors_are_imported_at_once_and_nothing_else() -> None:
    """``import izafunding`` loads the errors and the version (not typing, not the core); a name loads on first use."""
    code = (
        "import builtins, sys\n"
        "real_import = builtins.__import__\n"
        "import izafunding\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('izafunding') or m == 'typing')\n"
        "assert loaded == ['izafunding', 'izafunding._version', 'izafunding.errors'], loaded\n"
        "assert 'FundingError' in vars(izafunding) and 'Money' not in vars(izafunding)\n"
        "assert izafunding.Money.__module__ == 'izafunding._core.money'\n"
        "assert builtins.__import__ is real_import, 'the recording import is undone'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_star_import_gives_every_public_name() -> None:
    """``from izafunding import *`` binds exactly ``__all__``, each the real object."""
    namespace: dict[str, object] = {}
    exec("from izafunding import *", namespace)
    namespace.pop("__builtins__")
    assert sorted(namespace) == izafunding.__all__
    assert namespace["Money"] is importlib.import_module("izafunding._core.money").Money


def test_reload_keeps_every_name() -> None:
    """``importlib.reload(izafunding)`` keeps ``__all__`` whole and names loaded before usable."""
    code = (
        "import importlib, izafunding\n"
        "money, names = izafunding.Money, list(izafunding.__all__)\n"
        "importlib.reload(izafunding)\n"
        "assert izafunding.__all__ == names, set(names) ^ set(izafunding.__all__)\n"
        "assert str(izafunding.Money(1)) == '€ 1,00' and izafunding.FundingError\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr

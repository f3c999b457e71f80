"""Tests of the public surface: names, errors, docstrings, purity."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import izafunding
from izafunding import errors


def test_all_sorted_and_importable() -> None:
    """__all__ is sorted and every name in it imports and has a docstring."""
    assert list(izafunding.__all__) == sorted(izafunding.__all__)
    for name in izafunding.__all__:
        obj = getattr(izafunding, name)
        if inspect.isclass(obj) or inspect.isfunction(obj):
            assert obj.__doc__, name


@pytest.mark.parametrize(
    "name",
    [
        "Money", "Period", "allocate", "Equal", "ProRata", "Fixed", "Composite",
        "LargestRemainder", "HalfUpEach", "FundingError", "ParseError", "AllocationError",
        "PeriodError",
    ],
)
def test_api_md_names(name: str) -> None:
    """The names API.md promises are importable from the package root."""
    assert hasattr(izafunding, name)


def test_error_hierarchy() -> None:
    """Every error derives from FundingError and from the builtin that fits."""
    for name in errors.__all__:
        cls = getattr(errors, name)
        assert issubclass(cls, errors.FundingError)
        assert cls.__doc__
    assert issubclass(errors.ParseError, ValueError)
    assert issubclass(errors.AllocationError, ValueError)
    assert issubclass(errors.PeriodError, ValueError)
    assert issubclass(errors.FloatNotAllowedError, TypeError)
    assert issubclass(errors.UnknownNameError, KeyError)
    assert str(errors.UnknownNameError("plain message")) == "plain message"


_SRC = Path(izafunding.__file__).parent
_EDGE = {"cli.py", "__main__.py"}
# The national tables are the package's own data, read lazily through importlib.resources.
_PACKAGE_DATA_READERS = {"national_rows.py"}


def _domain_modules() -> list[Path]:
    return sorted(p for p in _SRC.rglob("*.py") if p.name not in _EDGE)


@pytest.mark.parametrize("path", _domain_modules(), ids=lambda p: str(p.relative_to(_SRC)))
def test_domain_modules_are_pure(path: Path) -> None:
    """Domain modules neither print nor open files nor import I/O or clock modules."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id not in {"print", "open", "input"}, f"{path.name}:{node.lineno}"
        if isinstance(node, ast.Attribute):
            banned = {"today", "now", "write_text", "write_bytes"}
            if path.name not in _PACKAGE_DATA_READERS:
                banned |= {"read_text", "read_bytes"}
            assert node.attr not in banned, f"{path.name}:{node.lineno}"
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            for name in names:
                assert name.split(".")[0] not in {"os", "pathlib", "socket", "urllib", "requests", "subprocess"}, (
                    f"{path.name}:{node.lineno} imports {name}"
                )


def test_every_module_imports() -> None:
    """Every module of the package imports."""
    for info in pkgutil.walk_packages(izafunding.__path__, "izafunding."):
        if info.name != "izafunding.__main__":
            importlib.import_module(info.name)


def test_import_is_light() -> None:
    """import izafunding loads only the core; schemes, scenarios and risk load on first use."""
    code = (
        "import sys, izafunding\n"
        "heavy = [m for m in ('izafunding._scenarios.scenario', 'izafunding._transformation.risk', 'izafunding.data') "
        "if m in sys.modules]\n"
        "assert not heavy, heavy\n"
        "assert izafunding.Grant.__name__ == 'Grant'\n"
        "assert 'izafunding._schemes.grants' in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_unknown_attribute() -> None:
    """An unknown name is a plain AttributeError."""
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        izafunding.Nope  # noqa: B018

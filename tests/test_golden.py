"""
The library's output, frozen: every example, every command's renderer and every result type's
render, explain, _repr_html_ and to_rows, compared byte for byte with tests/golden/files/.

A difference means output changed. If the change is deliberate, regenerate the files by hand
(``.venv/bin/python tests/golden/regenerate.py``), review the diff, and list it in CHANGELOG.md.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest


GOLDEN = Path(__file__).parent / "golden"


def _regenerate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("_golden_regenerate", GOLDEN / "regenerate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


OUTPUTS: dict[str, str] = _regenerate().outputs()
FROZEN = sorted(p.name for p in (GOLDEN / "files").iterdir())


class TestGolden:
    def test_same_files(self) -> None:
        """Every frozen output is still produced, and nothing new is left unfrozen."""
        assert sorted(OUTPUTS) == FROZEN

    @pytest.mark.parametrize("name", FROZEN)
    def test_byte_identical(self, name: str) -> None:
        """The current output equals the frozen file byte for byte."""
        frozen = (GOLDEN / "files" / name).read_bytes()
        assert OUTPUTS.get(name, "").encode("utf-8") == frozen

"""The version a receipt names is the one the package is built with."""

from __future__ import annotations

import tomllib
from pathlib import Path

import izafunding


def test_version_is_pyproject_s() -> None:
    """``izafunding.__version__`` (from ``_version.py``) equals pyproject.toml's version."""
    pyproject = Path(__file__).parent.parent / "pyproject.toml"
    with pyproject.open("rb") as f:
        assert tomllib.load(f)["project"]["version"] == izafunding.__version__

"""Optional packages, imported only when an export needs them."""

from __future__ import annotations

import importlib
from types import ModuleType

from ..errors import FundingError


__all__ = ["MissingExtraError", "require"]


class MissingExtraError(FundingError, ImportError):
    """An export needs an optional package that is not installed; the message names the extra."""


def require(module: str, extra: str, what: str) -> ModuleType:
    """
    Import *module* for *what*, or raise a one-line error naming the extra to install.

    >>> require("no_such_module_xyz", "excel", "an Excel workbook")
    Traceback (most recent call last):
    ...
    izafunding._render.extras.MissingExtraError: an Excel workbook needs no_such_module_xyz, which is not installed: install izafunding[excel]
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        top = module.partition(".")[0]
        msg = f"{what} needs {top}, which is not installed: install izafunding[{extra}]"
        raise MissingExtraError(msg) from None

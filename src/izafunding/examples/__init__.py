"""
Worked examples from the source documents, on built-in data.

Each example has a name (as used by ``izafunding example NAME``), a title,
the document it comes from, and a ``render()`` that returns its text. The
example modules also expose the objects they build, for use in code:

>>> from izafunding import examples
>>> "ijssel-vecht-2025q1" in examples.names()
True
>>> examples.get("ijssel-vecht-2025q1").source
'Memo SPUK IZA 2025, Samen Gezond IJssel-Vecht (December 2024)'
"""

from __future__ import annotations

import difflib
import importlib
from collections.abc import Callable
from typing import final

import attrs

from ..errors import UnknownNameError


__all__ = ["Example", "get", "names", "render"]


@final
@attrs.frozen(kw_only=True)
class Example:
    """
    A worked example from a source document.

    Attributes:
        name: The name on the command line, e.g. ``ijssel-vecht-2025q1``.

        title: One line saying what it shows.

        source: The document it reproduces.

        render: Returns the example's text (tables, findings, explanations).
    """

    name: str
    title: str
    source: str
    render: Callable[[], str] = attrs.field(eq=False)


# name -> module that defines EXAMPLE; imported only when asked for.
_REGISTRY: dict[str, str] = {
    "gala-2022-2026": "izafunding.examples.gala",
    "ijssel-vecht-2025q1": "izafunding.examples.ijssel_vecht",
    "midden-ijssel-2023": "izafunding.examples.midden_ijssel",
    "midden-ijssel-2023-sisa": "izafunding.examples.midden_ijssel_sisa",
    "zutphen-buurt-als-ecosysteem": "izafunding.examples.zutphen",
}


def names() -> tuple[str, ...]:
    """The names of all examples, sorted."""
    return tuple(sorted(_REGISTRY))


def get(name: str) -> Example:
    """
    The example called *name*.

    Raises:
        UnknownNameError: No example has that name; the message lists them.
    """
    if name not in _REGISTRY:
        close = difflib.get_close_matches(name, list(_REGISTRY), n=3, cutoff=0.4)
        hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
        msg = f"no example called {name!r} (examples: {', '.join(names())}){hint}"
        raise UnknownNameError(msg)
    example = importlib.import_module(_REGISTRY[name]).EXAMPLE
    assert isinstance(example, Example)
    return example


def render(name: str) -> str:
    """The text of the example called *name*."""
    return get(name).render()

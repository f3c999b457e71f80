"""The Hypothesis entry point: makes ``st.from_type(Money)`` and ``st.from_type(Period)`` work."""

from __future__ import annotations

import importlib
from typing import Any


def _hypothesis_setup_hook() -> None:
    """
    Register izafunding's types with Hypothesis.

    Hypothesis calls this while it is itself being imported, possibly because
    ``izafunding.strategies`` is being imported, so the strategies are looked
    up only when first drawn (``st.deferred``), never during this call.
    """
    from hypothesis import strategies as st

    from ._money import Money
    from ._periods import Period

    def strategy(name: str) -> Any:
        return getattr(importlib.import_module("izafunding.strategies"), name)()

    st.register_type_strategy(Money, st.deferred(lambda: strategy("money")))
    st.register_type_strategy(Period, st.deferred(lambda: strategy("periods")))

"""The Hypothesis entry point: makes ``st.from_type`` work for izafunding's public types."""

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

    from ._core.keys import AllocationKey, Composite, Equal, Fixed, ProRata
    from ._core.money import Money
    from ._core.periods import Period
    from ._core.rounding import HalfUpEach, LargestRemainder
    from ._scenarios.inputs import CostLine
    from ._scenarios.scenario import Scenario
    from ._schemes.grants import Grant
    from ._schemes.scheme import Scheme
    from ._transformation.milestones import Milestone
    from ._transformation.schedule import MilestoneSchedule

    def strategy(name: str) -> Any:
        return getattr(importlib.import_module("izafunding.strategies"), name)()

    def deferred(name: str) -> Any:
        return st.deferred(lambda: strategy(name))

    def rounding(kind: type[Any]) -> Any:
        return st.deferred(lambda: strategy("roundings").filter(lambda r: isinstance(r, kind)))

    # Every public value type, and the public protocol AllocationKey; the union Rounding
    # (LargestRemainder | HalfUpEach) resolves through its two members.
    registered: dict[type[Any], Any] = {
        Money: deferred("money"),
        Period: deferred("periods"),
        Equal: deferred("equal_keys"),
        ProRata: deferred("pro_rata_keys"),
        Fixed: deferred("fixed_keys"),
        Composite: deferred("composite_keys"),
        AllocationKey: deferred("keys"),
        LargestRemainder: rounding(LargestRemainder),
        HalfUpEach: rounding(HalfUpEach),
        Grant: deferred("grants"),
        Milestone: deferred("milestones"),
        MilestoneSchedule: deferred("milestone_schedules"),
        Scenario: deferred("scenarios"),
        CostLine: deferred("cost_lines"),
        Scheme: deferred("schemes"),
    }
    for kind, strat in registered.items():
        st.register_type_strategy(kind, strat)

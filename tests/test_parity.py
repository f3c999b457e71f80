"""Python parity with the command line: lazy public modules, file loaders, st.from_type for every public type."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from izafunding import (
    AllocationKey,
    Composite,
    Equal,
    Fixed,
    Grant,
    HalfUpEach,
    LargestRemainder,
    Milestone,
    MilestoneSchedule,
    Money,
    ProRata,
    Rounding,
    Scenario,
)
from izafunding._grant_file import EXAMPLE_TOML as GRANT_TOML
from izafunding._grant_file import parse_grant_toml
from izafunding._schedule_file import RISK_TOML, parse_risk_toml


class TestLazyModules:
    @pytest.mark.parametrize("name", ["data", "schemes", "examples", "strategies"])
    def test_attribute(self, name: str) -> None:
        """izafunding.data, .schemes, .examples and .strategies are reachable after import izafunding."""
        code = f"import izafunding; m = izafunding.{name}; print(m.__name__)"
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        assert out.stdout.strip() == f"izafunding.{name}"

    def test_import_stays_light(self) -> None:
        """import izafunding does not load the national tables or the schemes."""
        code = "import sys, izafunding; print('izafunding.data' in sys.modules, 'izafunding.schemes' in sys.modules)"
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        assert out.stdout.split() == ["False", "False"]

    def test_dir(self) -> None:
        """dir(izafunding) lists the public modules."""
        import izafunding

        assert {"data", "schemes", "examples", "strategies"} <= set(dir(izafunding))


class TestLoaders:
    def test_grant_from_toml(self) -> None:
        """Grant.from_toml reads the grant of a settle file, as the command line does."""
        grant, spent = parse_grant_toml(GRANT_TOML, "g.toml")
        assert Grant.from_toml(GRANT_TOML, source="g.toml") == grant
        assert Grant.spent_from_toml(GRANT_TOML) == spent
        assert Grant.from_toml(GRANT_TOML).settle(spent).repayable == Money(143_663)

    def test_schedule_from_toml(self) -> None:
        """MilestoneSchedule.from_toml reads the schedule of a risk file."""
        schedule = MilestoneSchedule.from_toml(RISK_TOML, source="x")
        assert schedule == parse_risk_toml(RISK_TOML, "x").schedule
        assert schedule.total == Money(341_840)


_TYPES: list[Any] = [
    Money,
    Equal,
    ProRata,
    Fixed,
    Composite,
    LargestRemainder,
    HalfUpEach,
    Rounding,
    AllocationKey,
    Grant,
    Milestone,
    MilestoneSchedule,
    Scenario,
]


@pytest.mark.parametrize("kind", _TYPES, ids=lambda t: getattr(t, "__name__", str(t)))
def test_from_type(kind: Any) -> None:
    """st.from_type works for every public value type, the Rounding union and the AllocationKey protocol."""

    @settings(max_examples=5, deadline=None)
    @given(st.from_type(kind))
    def check(value: object) -> None:
        if kind is Rounding:
            assert isinstance(value, (LargestRemainder, HalfUpEach))
        elif kind is AllocationKey:
            assert isinstance(value, AllocationKey)
        else:
            assert isinstance(value, kind)

    check()

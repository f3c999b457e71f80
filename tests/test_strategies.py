"""Tests for izafunding.strategies and its registration with Hypothesis."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from izafunding import Allocation, LargestRemainder, Money, Period, allocate
from izafunding._core.keys import AllocationKey
from izafunding.strategies import keys, money, periods, recipients


@given(st.from_type(Money))
def test_from_type_money(m: Money) -> None:
    """st.from_type(Money) works through the entry point, without importing the module."""
    assert isinstance(m, Money)


@given(st.from_type(Period))
def test_from_type_period(p: Period) -> None:
    """st.from_type(Period) works through the entry point."""
    assert p.first_day <= p.last_day


@given(money(min_value=Money(1), max_value=Money(5), unit=Money(1)))
def test_money_bounds_and_unit(m: Money) -> None:
    """money() respects its bounds and unit."""
    assert Money(1) <= m <= Money(5)
    assert m.is_whole()


@given(recipients(min_size=2, max_size=4))
def test_recipients_distinct(names: list[str]) -> None:
    """recipients() gives distinct names."""
    assert len(set(names)) == len(names) >= 2


@given(keys(), money(min_value=Money(0)))
def test_keys_are_valid(key: AllocationKey, total: Money) -> None:
    """Every generated key allocates."""
    assert isinstance(allocate(total, key, rounding=LargestRemainder()), Allocation)


@given(periods(min_day=Period.year(2025).first_day, max_day=Period.year(2025).last_day))
def test_periods_bounds(p: Period) -> None:
    """periods() stays within its bounds."""
    assert p in Period.year(2025)


def test_strategies_import_before_hypothesis() -> None:
    """Importing izafunding.strategies first (before hypothesis) works: the entry point defers."""
    code = (
        "import izafunding.strategies\n"
        "from hypothesis import strategies as st\n"
        "from izafunding import Money\n"
        "assert isinstance(st.from_type(Money).example(), Money)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr

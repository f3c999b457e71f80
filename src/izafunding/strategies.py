"""
Hypothesis strategies for izafunding's values, for your own property tests.

Install the ``testing`` extra (``pip install izafunding[testing]``). The
package registers :func:`money` and :func:`periods` through Hypothesis' entry
point, so ``st.from_type(Money)`` and ``st.from_type(Period)`` work without
importing this module.

>>> from hypothesis import given
>>> @given(money(min_value=Money(0)))
... def test_non_negative(m):
...     assert m >= Money(0)
>>> test_non_negative()
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from hypothesis import strategies as st

from ._allocation import (
    AllocationKey,
    Composite,
    Equal,
    Fixed,
    HalfUpEach,
    LargestRemainder,
    ProRata,
    Rounding,
)
from ._money import Money
from ._periods import Period


__all__ = [
    "composite_keys",
    "equal_keys",
    "fixed_keys",
    "keys",
    "money",
    "periods",
    "pro_rata_keys",
    "recipients",
    "roundings",
    "weights",
]

_MAX = Money(10**9)


@st.composite
def money(
    draw: st.DrawFn,
    *,
    min_value: Money = -_MAX,
    max_value: Money = _MAX,
    unit: Money | None = None,
) -> Money:
    """
    Amounts between *min_value* and *max_value*, in whole cents (or whole
    multiples of *unit*).
    """
    step = 1 if unit is None else unit.cents
    low = -(-min_value.cents // step)
    high = max_value.cents // step
    return Money.from_cents(draw(st.integers(min_value=low, max_value=high)) * step)


def recipients(*, min_size: int = 1, max_size: int = 12) -> st.SearchStrategy[list[str]]:
    """Lists of distinct recipient names, like municipalities."""
    name = st.text(
        alphabet=st.characters(whitelist_categories=("Lu", "Ll"), max_codepoint=0x24F),
        min_size=1,
        max_size=12,
    )
    return st.lists(name, min_size=min_size, max_size=max_size, unique=True)


def weights() -> st.SearchStrategy[int | Decimal | Fraction]:
    """Non-negative weights: inhabitants (ints), Decimals and Fractions."""
    return st.one_of(
        st.integers(min_value=0, max_value=1_000_000),
        st.decimals(min_value=0, max_value=10_000, places=3, allow_nan=False, allow_infinity=False),
        st.fractions(min_value=0, max_value=1000, max_denominator=1000),
    )


def equal_keys(*, max_size: int = 12) -> st.SearchStrategy[Equal]:
    """``Equal`` keys."""
    return recipients(max_size=max_size).map(Equal)


@st.composite
def pro_rata_keys(draw: st.DrawFn, *, max_size: int = 12) -> ProRata:
    """``ProRata`` keys with at least one positive weight."""
    names = draw(recipients(max_size=max_size))
    ws = [draw(weights()) for _ in names]
    if all(w == 0 for w in ws):
        ws[draw(st.integers(0, len(ws) - 1))] = draw(st.integers(1, 1_000_000))
    return ProRata(dict(zip(names, ws, strict=True)))


@st.composite
def fixed_keys(draw: st.DrawFn, *, max_size: int = 6) -> Fixed:
    """``Fixed`` keys whose shares sum to exactly 1."""
    names = draw(recipients(max_size=max_size))
    raw = [draw(st.integers(0, 100)) for _ in names]
    if sum(raw) == 0:
        raw[0] = 1
    total = sum(raw)
    return Fixed({n: Fraction(r, total) for n, r in zip(names, raw, strict=True)})


@st.composite
def composite_keys(draw: st.DrawFn, *, max_size: int = 8) -> Composite:
    """``Composite`` keys mixing two or three other keys over shared recipients."""
    subkeys = draw(
        st.lists(
            st.one_of(equal_keys(max_size=max_size), pro_rata_keys(max_size=max_size)),
            min_size=1,
            max_size=3,
        )
    )
    raw = [draw(st.integers(1, 10)) for _ in subkeys]
    return Composite([(Fraction(r, sum(raw)), k) for r, k in zip(raw, subkeys, strict=True)])


def keys() -> st.SearchStrategy[AllocationKey]:
    """Any allocation key."""
    return st.one_of(equal_keys(), pro_rata_keys(), fixed_keys(), composite_keys())


def roundings() -> st.SearchStrategy[Rounding]:
    """Both rounding policies, in units of a cent or a euro."""
    unit = st.sampled_from([Money("0.01"), Money(1)])
    return st.one_of(unit.map(LargestRemainder), unit.map(HalfUpEach))


@st.composite
def periods(
    draw: st.DrawFn,
    *,
    min_day: date = date(2020, 1, 1),
    max_day: date = date(2030, 12, 31),
) -> Period:
    """Periods between *min_day* and *max_day*: years, quarters, months or any range."""
    kind = draw(st.sampled_from(["year", "quarter", "month", "range"]))
    year = draw(st.integers(min_day.year, max_day.year))
    if kind == "year":
        period = Period.year(year)
    elif kind == "quarter":
        period = Period.quarter(year, draw(st.integers(1, 4)))
    elif kind == "month":
        period = Period.month(year, draw(st.integers(1, 12)))
    else:
        first = draw(st.dates(min_value=min_day, max_value=max_day))
        length = draw(st.integers(0, min(2000, (max_day - first).days)))
        return Period(first_day=first, last_day=first + timedelta(days=length))
    clipped = period.intersection(Period(first_day=min_day, last_day=max_day))
    return clipped if clipped is not None else Period(first_day=min_day, last_day=min_day)


def _hypothesis_setup_hook() -> None:
    """Register the strategies with Hypothesis (called through the entry point)."""
    st.register_type_strategy(Money, money())
    st.register_type_strategy(Period, periods())

"""Proration: the part of an annual amount that falls in a period."""

from __future__ import annotations

import enum
from typing import final

import attrs

from ..errors import PeriodError
from .allocation import Allocation
from .keys import ProRata
from .money import Money
from .periods import Period
from .rounding import Rounding, allocate


__all__ = ["Proration", "ProrationBasis", "prorate"]


class ProrationBasis(enum.Enum):
    """
    What measures a period's part of a year.

    ``MONTHS``: whole months, as the documents count ("€ 800.000 a year is
    € 200.000 a quarter"); the period must consist of whole months.
    ``DAYS``: days, for periods that start or end inside a month.
    """

    MONTHS = "months"
    DAYS = "days"


def _measure(period: Period, basis: ProrationBasis) -> int:
    return period.month_count() if basis is ProrationBasis.MONTHS else period.days


@final
@attrs.frozen(kw_only=True)
class Proration:
    """
    The part of an annual amount that falls in *period*, with the
    allocations (one per calendar year touched) that produced it.

    >>> p = prorate(Money(800000), Period.quarter(2025, 1),
    ...             rounding=LargestRemainder())
    >>> p.amount
    Money('200000.00')
    >>> print(p.explain()[0])
    2025-Q1: 3 of 12 months of € 800.000,00 a year (largest remainder in units of € 0,01) -> € 200.000,00

    Attributes:
        annual: The amount for a whole year.

        period: The period asked for.

        basis: Months or days.

        allocations: Per calendar year touched, the split of the annual
            amount between the part inside the period and the rest of the year.
    """

    annual: Money
    period: Period
    basis: ProrationBasis
    allocations: tuple[tuple[Period, Allocation], ...]

    @property
    def amount(self) -> Money:
        """The prorated amount: the sum of the in-period parts."""
        return sum((alloc[str(piece)] for piece, alloc in self.allocations), Money.zero())

    @property
    def residue(self) -> Money:
        """What the rounding left undivided over the years touched."""
        return sum((alloc.residue for _, alloc in self.allocations), Money.zero())

    def explain(self) -> tuple[str, ...]:
        """One line per calendar year touched."""
        unit = "months" if self.basis is ProrationBasis.MONTHS else "days"
        lines = []
        for piece, alloc in self.allocations:
            year = Period.year(piece.first_day.year)
            lines.append(
                f"{piece}: {_measure(piece, self.basis)} of {_measure(year, self.basis)} "
                f"{unit} of {self.annual} a year ({alloc.rounding.describe()}) "
                f"-> {alloc[str(piece)]}"
            )
        return tuple(lines)


def prorate(
    annual: Money,
    period: Period,
    *,
    rounding: Rounding,
    basis: ProrationBasis = ProrationBasis.MONTHS,
) -> Proration:
    """
    The part of *annual* that falls in *period*, split through the allocation
    machinery, so it is exact and its rounding is declared.

    Each calendar year the period touches is divided between the part inside
    the period and the rest of that year, in proportion to months (or days).

    >>> prorate(Money(3023765), Period.quarter(2025, 1), rounding=LargestRemainder()).amount
    Money('755941.25')
    >>> prorate(Money(100), Period.parse("2025-01-01/2025-01-15"), rounding=LargestRemainder())
    Traceback (most recent call last):
    ...
    izafunding.errors.PeriodError: 2025-01-01 t/m 2025-01-15 is not a number of whole months ...
    """
    if not isinstance(annual, Money):
        msg = f"annual must be a Money such as Money(800000) (got {annual!r})"
        raise PeriodError(msg)
    if not isinstance(period, Period):
        msg = f"period must be a Period such as Period.quarter(2025, 1) (got {period!r})"
        raise PeriodError(msg)
    if not isinstance(basis, ProrationBasis):
        msg = (
            f"basis must be ProrationBasis.MONTHS or ProrationBasis.DAYS (got {basis!r})"
        )
        raise PeriodError(msg)
    if basis is ProrationBasis.MONTHS and not period.is_whole_months():
        msg = (
            f"{period} is not a number of whole months (it must start on the first and end "
            f"on the last day of a month); prorate it with basis=ProrationBasis.DAYS"
        )
        raise PeriodError(msg)
    allocations = []
    for piece in period.years():
        year = Period.year(piece.first_day.year)
        inside = _measure(piece, basis)
        rest = _measure(year, basis) - inside
        weights = {str(piece): inside}
        if rest:
            weights[f"rest of {year}"] = rest
        allocations.append((piece, allocate(annual, ProRata(weights), rounding=rounding)))
    return Proration(annual=annual, period=period, basis=basis, allocations=tuple(allocations))

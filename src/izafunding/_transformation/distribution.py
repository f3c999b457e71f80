"""Exact distributions of repayment amounts, and how they are computed from stakes."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, final

from .._core.money import Money
from .._render import formats
from .._render.exportable import Exportable
from .._render.table import Column, Kind, Report, Table
from ..errors import ProbabilityError
from .stakes import DEFAULT_LEVELS, Stake, _check_level


__all__ = ["Distribution"]


@final
class Distribution(Exportable, Mapping[Money, Fraction]):
    """
    An exact probability distribution of amounts: a read-only mapping
    amount -> probability, in ascending order of amount, whose
    probabilities sum to exactly 1.

    It is stored as integer numerators over one common denominator (so
    sums and comparisons stay integer arithmetic); each probability is
    handed out as a reduced ``Fraction``.

    >>> d = Distribution(cents=(0, 100000), numerators=(9, 1), denominator=10)
    >>> dict(d), d.quantile(Fraction(9, 10)), d.mean
    ({Money('0.00'): Fraction(9, 10), Money('1000.00'): Fraction(1, 10)}, Money('0.00'), Fraction(100, 1))
    >>> Distribution(cents=(0, 1), numerators=(1, 1), denominator=3)
    Traceback (most recent call last):
    ...
    izafunding.errors.ProbabilityError: the probabilities of a distribution must sum to exactly 1 (got 2/3)
    """

    __slots__ = ("_cents", "_denominator", "_numerators", "_position")

    def __init__(self, *, cents: Sequence[int], numerators: Sequence[int], denominator: int) -> None:
        cents, numerators = tuple(cents), tuple(numerators)
        if len(cents) != len(numerators) or not cents:
            msg = "a distribution needs one numerator per amount, and at least one amount"
            raise ProbabilityError(msg)
        if any(b <= a for a, b in itertools.pairwise(cents)):
            msg = "the amounts of a distribution must be distinct and in ascending order"
            raise ProbabilityError(msg)
        if denominator <= 0 or any(n <= 0 for n in numerators):
            msg = "a distribution holds only amounts with a positive probability"
            raise ProbabilityError(msg)
        if sum(numerators) != denominator:
            msg = (
                f"the probabilities of a distribution must sum to exactly 1 "
                f"(got {Fraction(sum(numerators), denominator)})"
            )
            raise ProbabilityError(msg)
        self._cents: tuple[int, ...] = cents
        self._numerators: tuple[int, ...] = numerators
        self._denominator: int = denominator
        self._position: dict[int, int] | None = None

    # -- mapping -----------------------------------------------------------------

    def __getitem__(self, amount: Money) -> Fraction:
        if self._position is None:
            self._position = {c: i for i, c in enumerate(self._cents)}
        i = self._position.get(amount.cents) if isinstance(amount, Money) else None
        if i is None:
            raise KeyError(amount)
        return Fraction(self._numerators[i], self._denominator)

    def __iter__(self) -> Iterator[Money]:
        return map(Money.from_cents, self._cents)

    def __len__(self) -> int:
        return len(self._cents)

    def __contains__(self, amount: object) -> bool:
        if not isinstance(amount, Money):
            return False
        if self._position is None:
            self._position = {c: i for i, c in enumerate(self._cents)}
        return amount.cents in self._position

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Distribution):
            return self._cents == other._cents and all(
                a * other._denominator == b * self._denominator
                for a, b in zip(self._numerators, other._numerators, strict=True)
            )
        return super().__eq__(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        shown = ", ".join(f"{Money.from_cents(c)!r}: {Fraction(n, self._denominator)!r}"
                          for c, n in zip(self._cents[:6], self._numerators[:6], strict=False))
        more = f", ... ({len(self) - 6} more)" if len(self) > 6 else ""
        return f"<Distribution of {len(self)} amounts {{{shown}{more}}}>"

    # -- exact integer views --------------------------------------------------------

    @property
    def denominator(self) -> int:
        """The common denominator of every probability."""
        return self._denominator

    @property
    def numerators(self) -> tuple[int, ...]:
        """The probabilities' numerators over :attr:`denominator`, in order of amount."""
        return self._numerators

    @property
    def cents(self) -> tuple[int, ...]:
        """The amounts in cents, ascending."""
        return self._cents

    # -- statistics -------------------------------------------------------------------

    @property
    def mean(self) -> Fraction:
        """The exact mean, in euros."""
        total = sum(c * n for c, n in zip(self._cents, self._numerators, strict=True))
        return Fraction(total, self._denominator * 100)

    def quantile(self, q: Fraction | Decimal | int) -> Money:
        """The smallest amount x with P(amount ≤ x) ≥ *q*."""
        level = _check_level(q)
        target = level.numerator * self._denominator
        cumulative = 0
        for cents, n in zip(self._cents, self._numerators, strict=True):
            cumulative += n
            if cumulative * level.denominator >= target:
                return Money.from_cents(cents)
        return Money.from_cents(self._cents[-1])  # pragma: no cover (cumulative reaches 1)

    def probability_above(self, amount: Money) -> Fraction:
        """The exact probability of more than *amount*."""
        if not isinstance(amount, Money):
            msg = f"amount must be a Money such as Money(50000) (got {amount!r})"
            raise ProbabilityError(msg)
        above = sum(n for c, n in zip(self._cents, self._numerators, strict=True) if c > amount.cents)
        return Fraction(above, self._denominator)

    def to_rows(self) -> list[dict[str, object]]:
        """
        Plain rows, ready for a plot or ``pandas.DataFrame(rows)``: amount
        (euros), probability, cumulative P(≤ amount) and exceedance
        P(> amount), all exact.
        """
        return self.table().to_rows()

    def _cells(self) -> Iterator[tuple[Money, Fraction, Fraction, Fraction]]:
        cumulative = 0
        den = self._denominator
        for cents, n in zip(self._cents, self._numerators, strict=True):
            cumulative += n
            yield (
                Money.from_cents(cents),
                Fraction(n, den),
                Fraction(cumulative, den),
                Fraction(den - cumulative, den),
            )

    def table(self) -> Table:
        """Per amount its probability, P(≤ amount) and P(> amount)."""
        return Table(name="distribution", title="Distribution", columns=_RISK_COLUMNS[1:], rows=self._cells())

    def report(self) -> Report:
        """The distribution as a :class:`~izafunding._render.table.Report`."""
        return Report(
            kind="distribution",
            title=f"Distribution of {len(self)} amounts",
            tables=(self.table(),),
            explanation=(f"mean {formats.approx_euros(self.mean)}",),
        )

    def plot(self, level: Fraction = DEFAULT_LEVELS[0]) -> Any:
        """Bars of probability and the cumulative curve, the amount at *level* marked (extra ``plot``)."""
        from .._render.charts import distribution_chart

        return distribution_chart(
            "Distribution", list(self.items()), level=_check_level(level), quantile=self.quantile(level)
        )


_RISK_COLUMNS = (
    Column(key="bearer", title="bearer"),
    Column(key="amount", title="repayment", kind=Kind.MONEY),
    Column(key="probability", title="probability", kind=Kind.PERCENTAGE),
    Column(key="cumulative", title="P(≤)", kind=Kind.PERCENTAGE),
    Column(key="exceedance", title="P(>)", kind=Kind.PERCENTAGE),
)



def _count_sums(amounts: Sequence[int], limit: int) -> int | None:
    """The number of distinct subset sums of *amounts*, or None once it exceeds *limit*."""
    sums = {0}
    for a in amounts:
        sums |= {s + a for s in sums}
        if len(sums) > limit:
            return None
    return len(sums)


def _independent(stakes: Sequence[Stake], scenario: int) -> tuple[dict[int, int], int]:
    """
    The exact distribution of the sum of missed amounts, as integer numerators
    over one denominator (dynamic programming over amounts; equal sums merge).
    """
    dist: dict[int, int] = {0: 1}
    den = 1
    shift = 0
    for stake in stakes:
        a = stake.amount.cents
        c = stake.chances[scenario]
        if a == 0 or c == 1:
            continue
        if c == 0:
            shift += a
            continue
        reach, d = c.numerator, c.denominator
        miss = d - reach
        new: dict[int, int] = {}
        get = new.get
        for s, w in dist.items():
            new[s] = get(s, 0) + w * reach
            t = s + a
            new[t] = get(t, 0) + w * miss
        dist = new
        den *= d
    if shift:
        dist = {s + shift: w for s, w in dist.items()}
    return dist, den


def _mixture(stakes: Sequence[Stake], weights: Sequence[Fraction]) -> Distribution:
    """The weighted mixture of the scenarios' distributions, over one reduced denominator."""
    parts = [(w, *_independent(stakes, i)) for i, w in enumerate(weights) if w]
    if len(parts) == 1:
        _, dist, den = parts[0]
    else:
        den = math.lcm(*(w.denominator * d for w, _, d in parts))
        dist = {}
        for w, part, d in parts:
            factor = w.numerator * (den // (w.denominator * d))
            for s, n in part.items():
                dist[s] = dist.get(s, 0) + n * factor
    cents = sorted(s for s, n in dist.items() if n)
    numerators = [dist[s] for s in cents]
    g = math.gcd(den, *numerators)
    if g > 1:
        numerators = [n // g for n in numerators]
    return Distribution(cents=cents, numerators=numerators, denominator=den // g)

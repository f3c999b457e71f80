"""Exact repayment risk: the probability distribution of what must be repaid."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final, final

import attrs

from .._core.money import Money, RoundingMode, check_number_size
from .._render import formats
from .._render.exportable import Exportable
from .._render.json_export import money_to_dict
from .._render.table import Column, Kind, Report, Table
from ..errors import (
    DistributionTooLargeError,
    FloatNotAllowedError,
    ProbabilityError,
    UnknownNameError,
)


__all__ = [
    "DEFAULT_LEVELS",
    "DEFAULT_MAX_OUTCOMES",
    "Distribution",
    "RepaymentRisk",
    "RiskProfile",
    "Stake",
    "exact_probability",
]

#: How many distinct repayment amounts a distribution may have before
#: :class:`RepaymentRisk` refuses to compute it (raise it with ``max_outcomes``).
#: 100.000 covers 16 milestones with distinct amounts (2^16 = 65.536).
DEFAULT_MAX_OUTCOMES: Final = 100_000

#: The probability levels a budget's risk section (*risicoparagraaf*) reports:
#: the amount not exceeded with 90% and with 95% probability.
DEFAULT_LEVELS: Final = (Fraction(9, 10), Fraction(19, 20))


def exact_probability(value: object, *, what: str = "probability") -> Fraction:
    """
    Check that *value* is an exact probability (0 to 1) and return it as a Fraction.

    Ints, ``Fraction`` and ``Decimal`` are accepted; a ``float`` is refused
    (``0.1`` is not one tenth), and so is anything outside [0, 1].

    >>> exact_probability(Decimal("0.9"))
    Fraction(9, 10)
    >>> exact_probability(0.9)
    Traceback (most recent call last):
    ...
    izafunding.errors.FloatNotAllowedError: probability must not be a float (got 0.9); ...
    >>> exact_probability(Fraction(3, 2))
    Traceback (most recent call last):
    ...
    izafunding.errors.ProbabilityError: probability must lie between 0 and 1 (got 3/2)
    """
    if isinstance(value, float):
        msg = (
            f"{what} must not be a float (got {value!r}); write it exactly, as "
            f"Fraction(9, 10) or Decimal('0.9')"
        )
        raise FloatNotAllowedError(msg)
    if isinstance(value, bool) or not isinstance(value, (int, Fraction, Decimal)):
        msg = (
            f"{what} must be a Fraction, Decimal or int between 0 and 1 "
            f"(got {value!r}, a {type(value).__name__})"
        )
        raise ProbabilityError(msg)
    if isinstance(value, Decimal) and not value.is_finite():
        msg = f"{what} must be a finite number between 0 and 1 (got {value!r})"
        raise ProbabilityError(msg)
    if isinstance(value, Decimal):
        check_number_size(value, what, ProbabilityError)
    if isinstance(value, Decimal) and not -_MAX_DIGITS <= value.adjusted() <= 0 and value != 0:
        msg = (
            f"{what} must be a number between 0 and 1 written with at most {_MAX_DIGITS} "
            f"decimals (got {value!r})"
        )
        raise ProbabilityError(msg)
    exact = Fraction(value)
    if not 0 <= exact <= 1:
        msg = f"{what} must lie between 0 and 1 (got {exact})"
        raise ProbabilityError(msg)
    return exact


# A chance such as 1e-5000 is meaningless for a budget and would make every figure
# carry thousands of digits; a hundred decimals is more than any estimate has.
_MAX_DIGITS = 100


def _chances_converter(value: Iterable[object]) -> tuple[Fraction, ...]:
    return tuple(exact_probability(c, what="chance") for c in value)


def _check_stake_amount(instance: object, attribute: attrs.Attribute[Money], value: Money) -> None:
    if not isinstance(value, Money) or value.cents < 0:
        msg = f"'{attribute.name}' must be a Money of at least € 0,00 (got {value!r})"
        raise ProbabilityError(msg)


@final
@attrs.frozen(kw_only=True)
class Stake:
    """
    Money at risk on one milestone: repaid when the milestone is missed.

    *chances* holds the probability that the milestone is reached, one per
    scenario of the common factor (a single one when chances are independent).

    >>> Stake(name="M1", amount=Money(1000), chances=(Fraction(9, 10),))
    Stake(name='M1', amount=Money('1000.00'), chances=(Fraction(9, 10),))

    Attributes:
        name: The milestone's name.

        amount: What is repaid (from money already spent) when it is missed.

        chances: Per scenario, the exact probability that it is reached.
    """

    name: str
    amount: Money = attrs.field(validator=_check_stake_amount)
    chances: tuple[Fraction, ...] = attrs.field(converter=_chances_converter)


# Kept for the command renderer (_commands.py, owned by another change), which imports them:
# remove once it uses _render.formats.
_fmt_fraction_euros = formats.approx_euros


def _fmt_pct(p: Fraction, *, fixed: bool = False) -> str:
    """Re-export of :func:`.formats.percent` (*fixed*: :func:`.formats.percent_fixed`) for _commands.py."""
    return formats.percent_fixed(p) if fixed else formats.percent(p)


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


def _check_level(q: object) -> Fraction:
    return exact_probability(q, what="level q")


#: The most outcomes any exact distribution may have, however ``max_outcomes`` is raised:
#: computing one takes about a second per million outcomes (benchmarks/bench_risk.py)
#: and memory to match, so a limit beyond this would hang rather than answer.
MAX_OUTCOMES_CEILING: Final = 10_000_000


def _check_max_outcomes(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        msg = f"'max_outcomes' must be a positive int such as 100_000 (got {value!r})"
        raise ProbabilityError(msg)
    if value > MAX_OUTCOMES_CEILING:
        msg = (
            f"'max_outcomes' of {value:_} is more than izafunding computes: a distribution "
            f"of that size would take about {value // 1_000_000:_} s and gigabytes of memory; "
            f"at most {MAX_OUTCOMES_CEILING:_} (use .expected and .worst_case, exact for any size)"
        )
        raise DistributionTooLargeError(msg, value, MAX_OUTCOMES_CEILING)


def _check_weights(
    instance: RepaymentRisk, attribute: attrs.Attribute[tuple[Fraction, ...]], value: tuple[Fraction, ...]
) -> None:
    if not value:
        msg = "'weights' must hold one weight per scenario (got none); use (Fraction(1),) for independent chances"
        raise ProbabilityError(msg)
    if sum(value) != 1:
        msg = f"the scenario weights must sum to exactly 1 (got {' + '.join(map(str, value))} = {sum(value)})"
        raise ProbabilityError(msg)


def _tuple_of_stakes(value: Iterable[Stake]) -> tuple[Stake, ...]:
    return tuple(value)


def _tuple_of_names(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _tuple_of_risks(value: Iterable[RepaymentRisk]) -> tuple[RepaymentRisk, ...]:
    return tuple(value)


def _weights_converter(value: Iterable[object]) -> tuple[Fraction, ...]:
    return tuple(exact_probability(w, what="scenario weight") for w in value)


@final
@attrs.frozen(kw_only=True, eq=False)
class RepaymentRisk(Exportable):
    """
    The repayment risk one party bears (*terugbetalingsrisico*): the exact
    probability distribution of the amount it must repay.

    Each stake is repaid when its milestone is missed. Given the scenario of
    the common factor, milestones are independent; with a single scenario of
    weight 1 they are independent outright. Nothing is sampled: the
    distribution is computed exactly (integer cents, ``Fraction``
    probabilities, equal sums merged).

    The expected value and the worst case are exact and instant for any
    number of milestones; the full distribution has up to 2^n outcomes, so it
    is computed only when asked for, and refused (with
    :class:`~izafunding.errors.DistributionTooLargeError`) when it would need
    more than *max_outcomes* outcomes.

    >>> risk = RepaymentRisk(bearer="Zutphen", stakes=(
    ...     Stake(name="M1", amount=Money(1000), chances=(Fraction(9, 10),)),
    ...     Stake(name="M2", amount=Money(3000), chances=(Fraction(1, 2),)),
    ... ))
    >>> dict(risk.distribution)
    {Money('0.00'): Fraction(9, 20), Money('1000.00'): Fraction(1, 20), Money('3000.00'): Fraction(9, 20), Money('4000.00'): Fraction(1, 20)}
    >>> risk.expected, risk.quantile(Fraction(9, 10)), risk.worst_case
    (Fraction(1600, 1), Money('3000.00'), Money('4000.00'))

    Attributes:
        bearer: The party that bears these stakes.

        stakes: The money at risk per milestone, with its chances.

        weights: The probability of each scenario of the common factor
            (they sum to exactly 1).

        scenarios: The scenarios' names (for explanations).

        max_outcomes: The most outcomes the distribution may have.
    """

    bearer: str
    stakes: tuple[Stake, ...] = attrs.field(converter=_tuple_of_stakes)
    weights: tuple[Fraction, ...] = attrs.field(
        default=(Fraction(1),), converter=_weights_converter, validator=_check_weights
    )
    scenarios: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_names)
    max_outcomes: int = attrs.field(default=DEFAULT_MAX_OUTCOMES, validator=_check_max_outcomes)
    _cache: dict[str, object] = attrs.field(init=False, factory=dict, repr=False)

    def __attrs_post_init__(self) -> None:
        for stake in self.stakes:
            if not isinstance(stake, Stake):
                msg = f"'stakes' must hold Stake values (got {stake!r})"
                raise ProbabilityError(msg)
            if len(stake.chances) != len(self.weights):
                msg = (
                    f"stake {stake.name!r} has {len(stake.chances)} chances but there are "
                    f"{len(self.weights)} scenarios; give one chance per scenario"
                )
                raise ProbabilityError(msg)
        if self.scenarios and len(self.scenarios) != len(self.weights):
            msg = f"'scenarios' names {len(self.scenarios)} scenarios but there are {len(self.weights)} weights"
            raise ProbabilityError(msg)

    # -- exact for any size -----------------------------------------------------

    @property
    def exposure(self) -> Money:
        """The most that could ever be repaid: every stake lost."""
        return Money.from_cents(sum(s.amount.cents for s in self.stakes))

    @property
    def expected(self) -> Fraction:
        """
        The expected repayment in euros, exact: the sum over stakes of amount
        × probability of missing (weighted over the scenarios).
        """
        total = Fraction(0)
        for w, i in zip(self.weights, range(len(self.weights)), strict=True):
            if w:
                total += w * sum((s.amount.cents * (1 - s.chances[i]) for s in self.stakes), Fraction(0))
        return total / 100

    @property
    def worst_case(self) -> Money:
        """The largest repayment with a probability above zero."""
        best = 0
        for i, w in enumerate(self.weights):
            if w:
                best = max(best, sum(s.amount.cents for s in self.stakes if s.chances[i] < 1))
        return Money.from_cents(best)

    @property
    def best_case(self) -> Money:
        """The smallest repayment with a probability above zero."""
        sums = [
            sum(s.amount.cents for s in self.stakes if s.chances[i] == 0)
            for i, w in enumerate(self.weights)
            if w
        ]
        return Money.from_cents(min(sums))

    def probability_missed(self, name: str) -> Fraction:
        """The probability that the milestone *name* is missed (over all scenarios)."""
        for s in self.stakes:
            if s.name == name:
                return sum((w * (1 - c) for w, c in zip(self.weights, s.chances, strict=True)), Fraction(0))
        msg = f"{name!r} is not a milestone borne by {self.bearer!r} (milestones: {', '.join(s.name for s in self.stakes)})"
        raise UnknownNameError(msg)

    def outcome_bound(self) -> int:
        """
        An upper bound on the number of distinct repayment amounts, without
        computing them: the product over distinct amounts of (how often it
        occurs + 1), at most one per multiple of the amounts' common divisor.

        >>> RepaymentRisk(bearer="x", stakes=[
        ...     Stake(name=f"M{i}", amount=Money(100), chances=(Fraction(1, 2),))
        ...     for i in range(30)]).outcome_bound()
        31
        """
        uncertain = self._uncertain_cents()
        if not uncertain:
            return 1
        counts: dict[int, int] = {}
        for a in uncertain:
            counts[a] = counts.get(a, 0) + 1
        product = math.prod(m + 1 for m in counts.values())
        g = math.gcd(*uncertain)
        return min(product, sum(uncertain) // g + 1)

    def _uncertain_cents(self) -> list[int]:
        """Amounts of the stakes whose outcome is not certain in every scenario."""
        live = [i for i, w in enumerate(self.weights) if w]
        out = []
        for s in self.stakes:
            if s.amount.cents == 0:
                continue
            chances = {s.chances[i] for i in live}
            if chances in ({Fraction(0)}, {Fraction(1)}):
                continue
            out.append(s.amount.cents)
        return out

    # -- the distribution -------------------------------------------------------------

    def _exact(self) -> Distribution:
        """The distribution, computed once and cached."""
        cached = self._cache.get("distribution")
        if cached is None:
            self._check_size()
            cached = _mixture(self.stakes, self.weights)
            self._cache["distribution"] = cached
        assert isinstance(cached, Distribution)
        return cached

    def _check_size(self) -> None:
        bound = self.outcome_bound()
        if bound <= self.max_outcomes:
            return
        counted = _count_sums(self._uncertain_cents(), self.max_outcomes)
        if counted is not None:
            return
        uncertain = self._uncertain_cents()
        msg = (
            f"the repayment distribution for {self.bearer!r} would need up to {bound:_} outcomes "
            f"({len(uncertain)} milestones that may be missed, {len(set(uncertain))} distinct "
            f"amounts: up to 2^{len(uncertain)} combinations), more than "
            f"max_outcomes={self.max_outcomes:_}; pass max_outcomes={bound:_} to compute it "
            f"anyway (time and memory grow with it), or use .expected and .worst_case, "
            f"which stay exact for any size"
        )
        raise DistributionTooLargeError(msg, bound, self.max_outcomes)

    @property
    def distribution(self) -> Distribution:
        """
        The exact distribution: repayment amount -> probability, in
        ascending order of amount; the probabilities sum to exactly 1.

        Raises:
            DistributionTooLargeError: It would need more than *max_outcomes*
                outcomes; the message says how many.
        """
        return self._exact()

    def quantile(self, q: Fraction | Decimal | int) -> Money:
        """
        The smallest repayment not exceeded with probability *q*:
        the smallest x with P(repayment ≤ x) ≥ q.

        ``quantile(Fraction(9, 10))`` is the amount a budget's risk section
        reports "with 90% certainty".
        """
        _check_level(q)
        return self._exact().quantile(q)

    def probability_above(self, amount: Money) -> Fraction:
        """The exact probability that more than *amount* is repaid."""
        return self._exact().probability_above(amount)

    # -- display -------------------------------------------------------------------------

    def to_rows(self) -> list[dict[str, object]]:
        """
        The distribution as plain rows, ready for a plot or
        ``pandas.DataFrame(rows)``: amount (euros), probability,
        cumulative P(repayment ≤ amount) and exceedance P(repayment > amount),
        all exact.

        >>> RepaymentRisk(bearer="x", stakes=[
        ...     Stake(name="M", amount=Money(10), chances=(Fraction(3, 4),))]).to_rows()[1]
        {'bearer': 'x', 'amount': Decimal('10.00'), 'probability': Fraction(1, 4), 'cumulative': Fraction(1, 1), 'exceedance': Fraction(0, 1)}
        """
        return self.table().to_rows()

    def table(self) -> Table:
        """The exact distribution: per amount its probability, P(≤ amount) and P(> amount)."""
        rows = [(self.bearer, *cells) for cells in self._exact()._cells()]
        return Table(
            name="distribution",
            title=f"Repayment borne by {self.bearer}",
            columns=_RISK_COLUMNS,
            rows=rows,
        )

    def report(self) -> Report:
        """The risk as a :class:`~izafunding._render.table.Report`: its distribution and explanation."""
        return Report(
            kind="repayment risk",
            title=f"Repayment borne by {self.bearer}",
            tables=(self.table(),),
            explanation=self.explain(),
            inputs={
                "bearer": self.bearer,
                "stakes": {
                    s.name: {
                        "amount": money_to_dict(s.amount),
                        "chances": [f"{c.numerator}/{c.denominator}" for c in s.chances],
                    }
                    for s in self.stakes
                },
                "weights": [f"{w.numerator}/{w.denominator}" for w in self.weights],
            },
        )

    def plot(self, level: Fraction = DEFAULT_LEVELS[0]) -> Any:
        """
        The exact distribution as bars with its cumulative curve, the amount not exceeded at
        *level* (the budget's chosen quantile, 90% by default) marked (extra ``plot``).
        """
        from .._render.charts import distribution_chart

        outcomes = [(m, p) for m, p in self.distribution.items()]
        return distribution_chart(
            f"Repayment borne by {self.bearer}", outcomes, level=_check_level(level), quantile=self.quantile(level)
        )

    def explain(self, levels: Sequence[Fraction] = DEFAULT_LEVELS) -> tuple[str, ...]:
        """
        Plain lines for a budget's risk section: the exposure, the expected
        repayment, and the amount not exceeded at each of *levels*.
        """
        lines = [
            f"{self.bearer}: {len(self.stakes)} milestone{'' if len(self.stakes) == 1 else 's'}, "
            f"exposure (worst case) {self.worst_case}"
            + (f" of {self.exposure} advanced" if self.worst_case != self.exposure else ""),
            f"  expected repayment: {formats.approx_euros(self.expected)}"
            + ("" if len(self.weights) == 1 else f" (over {len(self.weights)} scenarios of a common factor)"),
        ]
        for level in levels:
            lines.append(
                f"  not exceeded with {formats.percent(_check_level(level))} probability: "
                f"{self.quantile(level)}"
            )
        for s in self.stakes:
            lines.append(
                f"  - {s.name}: {s.amount} at risk, missed with probability "
                f"{formats.percent(self.probability_missed(s.name))}"
            )
        return tuple(lines)

    def _repr_html_(self) -> str:
        table = self.table()
        more = len(table.rows) - _HTML_ROWS
        view = attrs.evolve(
            table,
            title=(
                f"Repayment borne by {self.bearer}: expected {formats.approx_euros(self.expected)}, "
                f"worst case {self.worst_case}"
            ),
            columns=[attrs.evolve(c, shown=c.key in ("amount", "probability", "cumulative")) for c in table.columns],
            rows=table.rows[:_HTML_ROWS],
            footer=[(None, f"… {more} more outcomes", None, None, None)] if more > 0 else [],
        )
        return view.html(css_class="izafunding-risk", heading_align=False, footer_labels=True, span_labels=True)

    def __repr__(self) -> str:
        return (
            f"<RepaymentRisk of {self.bearer!r}: {len(self.stakes)} milestones, exposure "
            f"{self.exposure}, expected {formats.approx_euros(self.expected)}>"
        )


#: The outcomes the HTML view shows before it says how many more there are.
_HTML_ROWS: Final = 64


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


@final
@attrs.frozen(eq=False)
class RiskProfile(Exportable, Mapping[str, RepaymentRisk]):
    """
    The repayment risk per bearer: a read-only mapping bearer ->
    :class:`RepaymentRisk`, with a combined view of all bearers together.

    Attributes:
        risks: The risk per bearer, in the order the bearers first appear.

        combined: Every stake of every bearer in one distribution (the
            ministry's view: what comes back in total).
    """

    risks: tuple[RepaymentRisk, ...] = attrs.field(converter=_tuple_of_risks)
    combined: RepaymentRisk = attrs.field(kw_only=True)

    def __getitem__(self, bearer: str) -> RepaymentRisk:
        for r in self.risks:
            if r.bearer == bearer:
                return r
        msg = f"{bearer!r} bears no milestone here (bearers: {', '.join(self)})"
        raise UnknownNameError(msg)

    def __iter__(self) -> Iterator[str]:
        return (r.bearer for r in self.risks)

    def __len__(self) -> int:
        return len(self.risks)

    def exposure(self) -> dict[str, Money]:
        """The worst case per bearer."""
        return {r.bearer: r.worst_case for r in self.risks}

    def expected(self) -> dict[str, Fraction]:
        """The exact expected repayment per bearer, in euros."""
        return {r.bearer: r.expected for r in self.risks}

    def summary_rows(self, levels: Sequence[Fraction] = DEFAULT_LEVELS) -> list[dict[str, object]]:
        """
        One row per bearer for a budget's risk section: exposure, exact
        expected repayment (and rounded to cents), and the amount not
        exceeded at each level (columns ``q90``, ``q95``, ...).
        """
        rows: list[dict[str, object]] = []
        for r in self.risks:
            row: dict[str, object] = {
                "bearer": r.bearer,
                "exposure": r.worst_case.amount,
                "expected": r.expected,
                "expected_rounded": Money.from_fraction(r.expected, rounding=RoundingMode.HALF_UP).amount,
            }
            for level in levels:
                row[_level_name(_check_level(level))] = r.quantile(level).amount
            rows.append(row)
        return rows

    def to_rows(self) -> list[dict[str, object]]:
        """Every bearer's distribution in one long table (a ``bearer`` column first)."""
        return self.table().to_rows()

    def table(self) -> Table:
        """Every bearer's distribution in one long table (a ``bearer`` column first)."""
        return Table(
            name="distribution",
            title="Repayment risk per bearer",
            columns=_RISK_COLUMNS,
            rows=[row for r in self.risks for row in r.table().rows],
        )

    def summary(self, levels: Sequence[Fraction] = DEFAULT_LEVELS) -> Table:
        """
        One row per bearer for a budget's risk section: exposure, exact expected repayment
        (and rounded to cents), and the amount not exceeded at each level.
        """
        checked = [_check_level(level) for level in levels]
        return Table(
            name="summary",
            title="Risk section: repayment per bearer",
            columns=(
                Column(key="bearer"),
                Column(key="exposure", title="worst case", kind=Kind.MONEY),
                Column(key="expected", title="expected", kind=Kind.EXACT_MONEY, format="approx_euros"),
                *(
                    Column(key=_level_name(level), title=f"{formats.percent(level)} not exceeded", kind=Kind.MONEY)
                    for level in checked
                ),
            ),
            rows=[
                (r.bearer, r.worst_case, r.expected, *(r.quantile(level) for level in checked))
                for r in self.risks
            ],
        )

    def report(self) -> Report:
        """The profile as a :class:`~izafunding._render.table.Report`: distributions and summary."""
        return Report(
            kind="risk profile",
            title="Repayment risk per bearer",
            tables=(self.table(), self.summary()),
            explanation=self.explain(),
            inputs={r.bearer: r.report().inputs for r in self.risks},
        )

    def plot(self, level: Fraction = DEFAULT_LEVELS[0]) -> Any:
        """The combined distribution (every bearer's stakes together) as a chart (extra ``plot``)."""
        return self.combined.plot(level)

    def explain(self, levels: Sequence[Fraction] = DEFAULT_LEVELS) -> tuple[str, ...]:
        """Each bearer's lines for the risk section (see :meth:`RepaymentRisk.explain`)."""
        return tuple(line for r in self.risks for line in r.explain(levels))

    def _repr_html_(self) -> str:
        return "".join(r._repr_html_() for r in self.risks)

    def __repr__(self) -> str:
        inner = ", ".join(
            f"{r.bearer!r}: exposure {r.worst_case}, expected {formats.approx_euros(r.expected)}"
            for r in self.risks
        )
        return f"<RiskProfile {{{inner}}}>"


def _level_name(level: Fraction) -> str:
    """Column name of a level: 9/10 -> 'q90', 19/20 -> 'q95', 99/100 -> 'q99', 1/3 -> 'q1/3'."""
    pct = level * 100
    return f"q{pct.numerator}" if pct.denominator == 1 else f"q{level}"

"""Exact repayment risk: the probability distribution of what must be repaid, per bearer."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final, final

import attrs

from .._core.money import Money, RoundingMode
from .._render import formats
from .._render.exportable import Exportable
from .._render.json_export import money_to_dict
from .._render.table import Column, Kind, Report, Table
from ..errors import DistributionTooLargeError, ProbabilityError, UnknownNameError
from .distribution import _RISK_COLUMNS, Distribution, _count_sums, _mixture
from .stakes import DEFAULT_LEVELS, Stake, _check_level, exact_probability


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

"""A schedule of milestones: its amounts per year, bearer and kind, settling it, its risk, and
withholding spending on the unlikely ones."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, final

import attrs

from .._core.money import Money
from .._core.periods import Period
from .._render.formats import text_list
from .._render.table import Column, Kind, Table
from .._schemes.grants import FrozenMap
from ..errors import (
    MilestoneError,
)
from .chances import scenario_chances
from .milestones import (
    AllAreas,
    CommonFactor,
    Milestone,
    MilestoneKind,
    Probabilities,
    ReachRule,
    ShareOfAreas,
    _check_hashable,
    _mismatches,
    _sum_by,
    _unknown_area,
    _unknown_milestone,
)
from .mitigation import Mitigation
from .outcomes import MilestoneOutcome, ScheduleSettlement
from .risk import (
    DEFAULT_MAX_OUTCOMES,
    RepaymentRisk,
    RiskProfile,
    Stake,
    exact_probability,
)


__all__ = ["MilestoneSchedule"]


# -- the schedule ----------------------------------------------------------------------


def _milestones_converter(value: object) -> tuple[Milestone, ...]:
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        msg = f"MilestoneSchedule needs a sequence of Milestone values (got {value!r})"
        raise MilestoneError(msg)
    return tuple(value)


def _amounts_converter(value: object) -> FrozenMap[Any, Money] | None:
    if value is None:
        return None
    if isinstance(value, Mapping):
        pairs = tuple(value.items())
    elif isinstance(value, Iterable) and not isinstance(value, (str, bytes)):
        pairs = tuple(value)
    else:
        msg = f"expected a mapping to Money amounts, such as {{2024: Money(34851)}} (got {value!r})"
        raise MilestoneError(msg)
    for pair in pairs:
        if not (isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[1], Money)):
            msg = f"expected a mapping to Money amounts, such as {{2024: Money(34851)}} (got {pair!r})"
            raise MilestoneError(msg)
        _check_hashable(pair[0], "the key")
    return FrozenMap(pairs)


@final
@attrs.frozen
class MilestoneSchedule:
    """
    The milestones of a transformation plan (*mijlpalenoverzicht*), which
    check themselves at construction.

    Names are unique; every milestone has a bearer; due dates lie inside the
    grant *period*; the amounts per budget year add up to the plan's *budget*
    and the amounts per bearer to the agreed *bearers* split (each check
    only when given). A schedule that does not add up is refused with every
    discrepancy listed.

    >>> schedule = MilestoneSchedule([
    ...     Milestone(name="M1", kind=MilestoneKind.EFFORT, amount=Money(1000),
    ...               due=date(2025, 6, 30), areas=("A", "B"), bearer="gemeente"),
    ...     Milestone(name="R1", kind=MilestoneKind.RESULT, amount=Money(500),
    ...               due=date(2026, 6, 30), areas=("A", "B"), bearer="zorgaanbieder"),
    ... ], budget={2025: Money(1000), 2026: Money(500)})
    >>> schedule.total, schedule.exposure()
    (Money('1500.00'), {'gemeente': Money('1000.00'), 'zorgaanbieder': Money('500.00')})
    >>> schedule.settle(reached={"M1": ("A", "B"), "R1": ("A",)}).repayable
    Money('500.00')
    >>> attrs.evolve(schedule, budget={2025: Money(1000), 2026: Money(600)})
    Traceback (most recent call last):
    ...
    izafunding.errors.MilestoneError: the milestones do not add up to the plan: 2026: milestones € 500,00, budget € 600,00 ...

    Attributes:
        milestones: The milestones, in the plan's order.

        plan: The plan's name, for explanations.

        period: The grant period; due dates must lie inside it.

        budget: The plan's budget per year, ``{year: Money}``.

        bearers: The agreed split of the risk, ``{bearer: Money}``.

        rule: When a milestone counts as reached (default :class:`AllAreas`).
    """

    milestones: tuple[Milestone, ...] = attrs.field(converter=_milestones_converter)
    plan: str = attrs.field(default="", kw_only=True)
    period: Period | None = attrs.field(default=None, kw_only=True)
    budget: Mapping[int, Money] | None = attrs.field(
        default=None, kw_only=True, converter=_amounts_converter
    )
    bearers: Mapping[str, Money] | None = attrs.field(
        default=None, kw_only=True, converter=_amounts_converter
    )
    rule: ReachRule = attrs.field(factory=AllAreas, kw_only=True)
    _index: dict[str, Milestone] = attrs.field(init=False, factory=dict, eq=False, repr=False, hash=False)

    @classmethod
    def from_toml(cls, text: str, *, source: str = "<milestones>") -> MilestoneSchedule:
        """
        The schedule of a risk file's text, as ``izafunding risk`` reads it
        (see ``izafunding risk --template``); errors name *source*, the line,
        the table and the field. :func:`izafunding._files.schedule.parse_risk_toml`
        also gives the chances and the options.

        Raises:
            InputFileError: The text is not a valid milestone file.
        """
        # Imported here: the parser builds on this module.
        from .._files.schedule import parse_risk_toml

        return parse_risk_toml(text, source).schedule
    def __attrs_post_init__(self) -> None:
        if not self.milestones:
            msg = "a MilestoneSchedule needs at least one milestone (got none)"
            raise MilestoneError(msg)
        seen: set[str] = set()
        for m in self.milestones:
            if not isinstance(m, Milestone):
                msg = f"a MilestoneSchedule holds Milestone values (got {m!r})"
                raise MilestoneError(msg)
            if m.name in seen:
                msg = f"two milestones are called {m.name!r}; each milestone needs its own name"
                raise MilestoneError(msg)
            seen.add(m.name)
            self._index[m.name] = m
        if not isinstance(self.rule, (AllAreas, ShareOfAreas)):
            msg = f"'rule' must be AllAreas() or ShareOfAreas(...) (got {self.rule!r})"
            raise MilestoneError(msg)
        if self.period is not None:
            if not isinstance(self.period, Period):
                msg = f"'period' must be a Period such as Period.years_range(2024, 2027) (got {self.period!r})"
                raise MilestoneError(msg)
            for m in self.milestones:
                if m.due not in self.period:
                    msg = (
                        f"milestone {m.name!r} is due {m.due.isoformat()}, outside the grant "
                        f"period {self.period}; due dates must lie inside it"
                    )
                    raise MilestoneError(msg)
                if m.year not in self.period.year_numbers:
                    msg = (
                        f"milestone {m.name!r} is budgeted in {m.year}, outside the grant period "
                        f"{self.period}"
                    )
                    raise MilestoneError(msg)
        problems = []
        if self.budget is not None:
            for year in self.budget:
                if isinstance(year, bool) or not isinstance(year, int):
                    msg = f"'budget' must map years (ints such as 2024) to Money (got the key {year!r})"
                    raise MilestoneError(msg)
            problems += _mismatches(self.by_year(), dict(self.budget), "budget")
        if self.bearers is not None:
            problems += _mismatches(self.by_bearer(), dict(self.bearers), "agreed split")
        if problems:
            msg = "the milestones do not add up to the plan: " + "; ".join(problems)
            raise MilestoneError(msg)

    # -- views ---------------------------------------------------------------------------

    @property
    def total(self) -> Money:
        """The sum of the milestones' amounts."""
        return Money.from_cents(sum(m.amount.cents for m in self.milestones))

    @property
    def names(self) -> tuple[str, ...]:
        """The milestones' names, in order."""
        return tuple(m.name for m in self.milestones)

    @property
    def areas(self) -> tuple[str, ...]:
        """Every area of any milestone, in order of first appearance."""
        return tuple(dict.fromkeys(a for m in self.milestones for a in m.areas))

    def milestone(self, name: str) -> Milestone:
        """
        The milestone called *name*.

        Raises:
            UnknownNameError: No milestone has that name; the message lists them.
        """
        found = self._index.get(name) if isinstance(name, str) else None
        if found is None:
            raise _unknown_milestone(name, self.names)
        return found

    def by_year(self) -> dict[int, Money]:
        """The amounts per budget year, in year order."""
        return _sum_by(((m.year, m.amount) for m in self.milestones), sort=True)

    def by_bearer(self) -> dict[str, Money]:
        """The amounts per bearer, in order of first appearance."""
        return _sum_by((m.bearer, m.amount) for m in self.milestones)

    def by_kind(self) -> dict[MilestoneKind, Money]:
        """The amounts per kind (effort, result)."""
        return _sum_by((m.kind, m.amount) for m in self.milestones)

    def exposure(self) -> dict[str, Money]:
        """
        The worst case per bearer: what it repays from money already spent
        when every milestone it bears is missed (the planned spending; the
        whole amounts unless spending is withheld).
        """
        return _sum_by((m.bearer, m.spending) for m in self.milestones)

    # -- settlement -------------------------------------------------------------------------

    def settle(
        self,
        *,
        reached: Mapping[str, Iterable[str]],
        spent: Mapping[str, Money] | None = None,
    ) -> ScheduleSettlement:
        """
        Settle from outcomes (*vaststelling*): which milestones were reached
        where, and (optionally) what was spent on each.

        A milestone counts as reached by the schedule's rule (Zutphen: in all
        its areas). A reached milestone is set at what was spent on it, up to
        its amount; a missed one is set at nothing, so its whole advance is
        repaid, and what was spent on it is paid by its bearer. Money not
        spent is repaid from the advance still held.

        Source: Regeling specifieke uitkering transformatiemiddelen IZA,
        art. 10; seed 002, Kanttekeningen 2.1.

        Args:
            reached: Milestone name -> the areas where it was reached. A
                milestone left out was reached nowhere.

            spent: Milestone name -> what was spent on it; by default each
                milestone's planned spending.

        Raises:
            UnknownNameError: A milestone or area that the schedule does not have.

            MilestoneError: A malformed outcome (a single text instead of a
                tuple of areas, a negative spending).
        """
        if not isinstance(reached, Mapping):
            msg = f"'reached' must map milestone names to the areas where each was reached (got {reached!r})"
            raise MilestoneError(msg)
        reached_in: dict[str, tuple[str, ...]] = {}
        for name, areas in reached.items():
            m = self.milestone(name)
            if isinstance(areas, str) or not isinstance(areas, Iterable):
                msg = (
                    f"reached[{name!r}] must be a tuple of areas such as ({areas!r},) "
                    f"(got {areas!r})"
                )
                raise MilestoneError(msg)
            got = tuple(areas)
            for area in got:
                if area not in m.areas:
                    raise _unknown_area(name, area, m.areas)
            reached_in[name] = got
        if spent is not None and not isinstance(spent, Mapping):
            msg = f"spent must map a milestone name to a Money, such as {{'M1': Money(1000)}} (got {spent!r})"
            raise MilestoneError(msg)
        spent_on: dict[str, Money] = {}
        for name, amount in (spent or {}).items():
            self.milestone(name)
            if not isinstance(amount, Money) or amount.cents < 0:
                msg = f"spent[{name!r}] must be a Money of at least € 0,00 (got {amount!r})"
                raise MilestoneError(msg)
            spent_on[name] = amount
        outcomes = []
        for m in self.milestones:
            done = reached_in.get(m.name, ())
            outcomes.append(
                MilestoneOutcome.of(
                    m,
                    reached_in=tuple(a for a in m.areas if a in done),
                    reached=self.rule.is_reached(done, m.areas),
                    spent=spent_on.get(m.name, m.spending),
                )
            )
        return ScheduleSettlement(schedule=self, outcomes=tuple(outcomes))

    # -- risk ----------------------------------------------------------------------------------

    def chances(self, probabilities: Probabilities | CommonFactor) -> dict[str, Fraction]:
        """
        The exact probability that each milestone counts as reached, under
        the schedule's rule (over all scenarios of a common factor).
        """
        _, weights, per_scenario = scenario_chances(self, probabilities)
        return {
            m.name: sum(
                (w * chances[m.name] for w, chances in zip(weights, per_scenario, strict=True)),
                Fraction(0),
            )
            for m in self.milestones
        }

    def risk(
        self,
        probabilities: Probabilities | CommonFactor,
        *,
        max_outcomes: int = DEFAULT_MAX_OUTCOMES,
    ) -> RiskProfile:
        """
        The exact repayment risk per bearer, given the chance that each
        milestone is reached in each area.

        *probabilities* maps ``(milestone, area)`` to an exact probability
        (``Fraction``, ``Decimal`` or int; floats are refused), independent
        of each other; a key may also be a milestone's name alone, for the
        same chance in each of its areas. A :class:`CommonFactor` gives a
        mixture of scenarios instead. Every milestone and area needs a
        chance.

        The result maps each bearer to its :class:`RepaymentRisk`: the
        exact distribution of what it repays from money spent, its expected
        value and quantiles. Nothing is computed until asked for; the
        distribution is refused beyond *max_outcomes* outcomes.

        >>> m = Milestone(name="M1", kind=MilestoneKind.EFFORT, amount=Money(1000),
        ...               due=date(2025, 6, 30), areas=("A", "B"), bearer="gemeente")
        >>> risk = MilestoneSchedule([m]).risk({("M1", "A"): Fraction(9, 10), ("M1", "B"): Fraction(1, 2)})
        >>> dict(risk["gemeente"].distribution)
        {Money('0.00'): Fraction(9, 20), Money('1000.00'): Fraction(11, 20)}

        Raises:
            ProbabilityError: A chance is missing, given twice, or not an
                exact probability from 0 to 1.

            FloatNotAllowedError: A chance is a float.

            UnknownNameError: A milestone or area the schedule does not have.
        """
        names, weights, per_scenario = scenario_chances(self, probabilities)

        def stakes(milestones: Iterable[Milestone]) -> tuple[Stake, ...]:
            return tuple(
                Stake(
                    name=m.name,
                    amount=m.spending,
                    chances=tuple(chances[m.name] for chances in per_scenario),
                )
                for m in milestones
            )

        bearers = tuple(self.by_bearer())
        risks = tuple(
            RepaymentRisk(
                bearer=b,
                stakes=stakes(m for m in self.milestones if m.bearer == b),
                weights=weights,
                scenarios=names,
                max_outcomes=max_outcomes,
            )
            for b in bearers
        )
        combined = RepaymentRisk(
            bearer=" + ".join(bearers),
            stakes=stakes(self.milestones),
            weights=weights,
            scenarios=names,
            max_outcomes=max_outcomes,
        )
        return RiskProfile(risks, combined=combined)

    # -- mitigation ---------------------------------------------------------------------------------

    def withhold(self, spending: Mapping[str, Money] | Iterable[str]) -> MilestoneSchedule:
        """
        The schedule with spending withheld: for the milestones named, spend
        only the amount given (or nothing, for a bare name) until it is known
        that they are reached. The mitigation seed 002 names.

        >>> m = Milestone(name="M1", kind=MilestoneKind.EFFORT, amount=Money(1000),
        ...               due=date(2025, 6, 30), areas=("A",), bearer="gemeente")
        >>> MilestoneSchedule([m]).withhold(["M1"]).exposure()
        {'gemeente': Money('0.00')}
        """
        if isinstance(spending, str) or not isinstance(spending, Iterable):
            msg = f"withhold needs names in a list or a mapping name -> Money (got {spending!r})"
            raise MilestoneError(msg)
        if not isinstance(spending, Mapping):
            spending = list(spending)
        for name in spending:
            if not isinstance(name, str):
                msg = f"withhold needs milestone names (got {name!r} in {spending!r})"
                raise MilestoneError(msg)
        plan = dict(spending) if isinstance(spending, Mapping) else dict.fromkeys(spending, Money(0))
        milestones = []
        for m in self.milestones:
            if m.name in plan:
                spend = plan.pop(m.name)
                if not isinstance(spend, Money) or not Money(0) <= spend <= m.amount:
                    msg = (
                        f"withhold: the spending on {m.name!r} must be a Money from € 0,00 to its "
                        f"amount {m.amount} (got {spend!r})"
                    )
                    raise MilestoneError(msg)
                m = attrs.evolve(m, withheld=m.amount - spend)
            milestones.append(m)
        for name in plan:
            raise _unknown_milestone(name, self.names)
        return attrs.evolve(self, milestones=tuple(milestones))

    def mitigate(
        self,
        probabilities: Probabilities | CommonFactor,
        *,
        below: Fraction | Decimal | int,
        max_outcomes: int = DEFAULT_MAX_OUTCOMES,
    ) -> Mitigation:
        """
        Withhold all spending on the milestones whose chance of being reached
        is below *below*, and compare the risk before and after (seed 002:
        spend the budget of milestones judged less achievable only partly or
        not at all).
        """
        threshold = exact_probability(below, what="below")
        chances = self.chances(probabilities)
        unlikely = [n for n in self.names if chances[n] < threshold]
        after = self.withhold(unlikely)
        return Mitigation(
            threshold=threshold,
            before=self.risk(probabilities, max_outcomes=max_outcomes),
            after=after.risk(probabilities, max_outcomes=max_outcomes),
            schedule=after,
            withheld=tuple(
                (n, self.milestone(n).spending) for n in unlikely if self.milestone(n).spending.cents
            ),
            chances=tuple(chances.items()),
        )

    # -- display -------------------------------------------------------------------------------------

    def to_rows(self) -> list[dict[str, object]]:
        """One plain row per milestone, ready for ``pandas.DataFrame(rows)``."""
        return [
            {
                "name": m.name,
                "kind": m.kind.value,
                "amount": m.amount.amount,
                "due": m.due,
                "year": m.year,
                "areas": ", ".join(m.areas),
                "bearer": m.bearer,
                "spending": m.spending.amount,
                "description": m.description,
            }
            for m in self.milestones
        ]

    def explain(self) -> tuple[str, ...]:
        """The milestones, then the totals per year and per bearer, with what they were checked against."""
        count = len(self.milestones)
        lines = [
            f"{self.plan or 'Milestone schedule'}: {count} milestone{'' if count == 1 else 's'}, "
            f"{self.total}"
        ]
        if self.period is not None:
            lines[0] += f", grant period {self.period}"
        lines.append(f"Rule: {self.rule.describe()} ({self.rule.source}).")
        # Columns as wide as the longest name and amount, so any plan's table aligns.
        name_width = max([4, *(len(m.name) for m in self.milestones)])
        amount_width = max([16, *(len(str(m.amount)) for m in self.milestones)])
        for m in self.milestones:
            withheld = f", spending withheld {m.withheld}" if m.withheld.cents else ""
            lines.append(
                f"  {m.name:<{name_width}} {m.kind.value:<6} {m.amount!s:>{amount_width}}  "
                f"due {m.due.isoformat()}  "
                f"borne by {m.bearer}; areas: {text_list(m.areas)}{withheld}"
                + (f" ({m.description})" if m.description else "")
            )
        budget = dict(self.budget or ())
        for year, amount in self.by_year().items():
            check = " = the plan's budget" if year in budget else ""
            lines.append(f"  {year}: {amount}{check}")
        agreed = dict(self.bearers or ())
        for bearer, amount in self.by_bearer().items():
            check = " = the agreed split" if bearer in agreed else ""
            lines.append(f"  borne by {bearer}: {amount}{check}")
        return tuple(lines)

    def table(self) -> Table:
        """
        The milestones as a :class:`~izafunding._render.table.Table`: per milestone its name,
        kind, amount, due date, areas and bearer.
        """
        return Table(
            name="milestones",
            title=f"{self.plan or 'Milestone schedule'}: {self.total}",
            columns=_SCHEDULE_COLUMNS,
            rows=[
                (m.name, m.kind.value, m.amount, m.due, text_list(m.areas), m.bearer)
                for m in self.milestones
            ],
        )

    def _repr_html_(self) -> str:
        return self.table().html(css_class="izafunding-milestones", heading_align=False)

    def to_dict(self) -> dict[str, Any]:
        """The schedule as JSON-safe data; ``MilestoneSchedule.from_dict`` reads it back equal."""
        from .._files.dicts import schedule_to_dict

        return schedule_to_dict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> MilestoneSchedule:
        """The schedule of :meth:`to_dict`'s data; malformed data raises an ``InputFileError``."""
        from .._files.dicts import schedule_from_dict

        return schedule_from_dict(data)


#: The schedule's columns, as its HTML view shows them.
_SCHEDULE_COLUMNS = (
    Column(key="name", title="milestone", kind=Kind.TEXT),
    Column(key="kind", title="kind", kind=Kind.TEXT),
    Column(key="amount", title="amount", kind=Kind.MONEY),
    Column(key="due", title="due", kind=Kind.DATE),
    Column(key="areas", title="areas", kind=Kind.TEXT),
    Column(key="bearer", title="bearer", kind=Kind.TEXT),
)

"""Milestones (mijlpalen) of a transformation plan, their schedule, settlement and risk."""

from __future__ import annotations

import enum
import html
import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final, TypeAlias, TypeVar, final

import attrs

from .._core.findings import Finding, FindingKind
from .._core.money import Money, RoundingMode, check_number_size
from .._core.names import did_you_mean
from .._core.periods import Period
from .._schemes.grants import FrozenMap
from ..errors import (
    DistributionTooLargeError,
    FloatNotAllowedError,
    MilestoneError,
    ProbabilityError,
    UnknownNameError,
)
from .risk import (
    DEFAULT_LEVELS,
    DEFAULT_MAX_OUTCOMES,
    RepaymentRisk,
    RiskProfile,
    Stake,
    _fmt_pct,
    exact_probability,
)


if TYPE_CHECKING:
    from .._schemes.sisa import SisaReport, SisaWording


__all__ = [
    "REGULATION",
    "SEED_002",
    "AllAreas",
    "CommonFactor",
    "Milestone",
    "MilestoneKind",
    "MilestoneOutcome",
    "MilestoneSchedule",
    "Mitigation",
    "Probabilities",
    "ReachRule",
    "ScheduleSettlement",
    "ShareOfAreas",
]

#: The seed document on milestones, their rule and who bears which risk.
SEED_002: Final = (
    "Collegevoorstel 'Aanvraag SPUK voor IZA-plan Buurt als Ecosysteem', gemeente Zutphen, "
    "zaaknummer 1047323 (2025)"
)
#: The regulation that ties the advances to milestones.
REGULATION: Final = (
    "Regeling specifieke uitkering transformatiemiddelen IZA (Stcrt. 2024, 17398, 15 May 2024)"
)


class MilestoneKind(enum.Enum):
    """
    The kind of a milestone: an effort obligation (*inspanningsmijlpaal*) or a
    result obligation (*resultaatsmijlpaal*).

    Source: Regeling specifieke uitkering transformatiemiddelen IZA (Stcrt.
    2024, 17398); seed 002, Kanttekeningen 2.1.

    >>> MilestoneKind.EFFORT, MilestoneKind.RESULT.dutch
    (MilestoneKind.EFFORT, 'resultaatsmijlpaal')
    """

    EFFORT = "effort"
    RESULT = "result"

    @property
    def dutch(self) -> str:
        """The Dutch term."""
        return "inspanningsmijlpaal" if self is MilestoneKind.EFFORT else "resultaatsmijlpaal"

    def __repr__(self) -> str:
        return f"MilestoneKind.{self.name}"


# -- validators -------------------------------------------------------------------


def _check_text(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        msg = f"'{attribute.name}' must be a non-empty text such as 'M2' (got {value!r})"
        raise MilestoneError(msg)


def _check_kind(instance: object, attribute: attrs.Attribute[MilestoneKind], value: object) -> None:
    if not isinstance(value, MilestoneKind):
        msg = f"'kind' must be MilestoneKind.EFFORT or MilestoneKind.RESULT (got {value!r})"
        raise MilestoneError(msg)


def _check_date(instance: object, attribute: attrs.Attribute[date], value: object) -> None:
    if not isinstance(value, date) or isinstance(value, datetime):
        msg = f"'{attribute.name}' must be a datetime.date such as date(2025, 12, 31) (got {value!r})"
        raise MilestoneError(msg)


def _areas_converter(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        msg = (
            f"'areas' must be a tuple of area names, such as ({value!r},), not a single "
            f"text (got {value!r})"
        )
        raise MilestoneError(msg)
    if not isinstance(value, Iterable):
        msg = f"'areas' must be a tuple of area names such as ('Zuidwijken',) (got {value!r})"
        raise MilestoneError(msg)
    return tuple(value)


def _check_areas(instance: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]) -> None:
    if not value:
        msg = "'areas' must name at least one area (neighbourhood or municipality) in which the milestone must be reached"
        raise MilestoneError(msg)
    seen: set[str] = set()
    for area in value:
        if not isinstance(area, str) or not area.strip():
            msg = f"'areas' must hold non-empty names (got {area!r} in {value!r})"
            raise MilestoneError(msg)
        if area in seen:
            msg = f"'areas' names {area!r} twice (got {value!r}); each area may appear once"
            raise MilestoneError(msg)
        seen.add(area)


def _check_positive_money(instance: object, attribute: attrs.Attribute[Money], value: object) -> None:
    if not isinstance(value, Money) or value.cents <= 0:
        msg = f"'{attribute.name}' must be a positive Money such as Money(34851) (got {value!r})"
        raise MilestoneError(msg)


_ZERO: Final = Money(0)


def _check_budget_year(instance: object, attribute: attrs.Attribute[int | None], value: object) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2200):
        msg = f"'{attribute.name}' must be a year such as 2025, or None for the year it is due (got {value!r})"
        raise MilestoneError(msg)


@final
@attrs.frozen(kw_only=True)
class Milestone:
    """
    A milestone (*mijlpaal*) of a transformation plan: an amount tied to an
    effort or a result, due on a date, to be reached in every area named
    (neighbourhoods or municipalities), with one party bearing the risk of
    repaying it when it is missed.

    >>> m2 = Milestone(name="M2", kind=MilestoneKind.EFFORT, amount=Money(80000),
    ...                due=date(2025, 12, 31), areas=("Zuidwijken",), bearer="Zutphen")
    >>> m2.year, m2.spending, attrs.evolve(m2, withheld=Money(30000)).spending
    (2025, Money('80000.00'), Money('50000.00'))
    >>> Milestone(name="M2", kind=MilestoneKind.EFFORT, amount=Money(80000),
    ...           due=date(2025, 12, 31), areas="Zuidwijken", bearer="Zutphen")
    Traceback (most recent call last):
    ...
    izafunding.errors.MilestoneError: 'areas' must be a tuple of area names, such as ('Zuidwijken',), ...

    Attributes:
        name: Unique within its schedule, e.g. ``"M2"``.

        kind: Effort or result.

        amount: The part of the grant tied to the milestone.

        due: The date by which it must be reached.

        areas: Where it must be reached; the schedule's rule says whether
            every area counts (Zutphen's plan) or a share of them.

        bearer: The party that bears the risk of repaying it (Zutphen's
            plan: the care provider the result milestones, the
            municipality the effort milestones).

        budget_year: The year whose budget holds the amount; ``None`` (the
            default) for the year it is due (see :attr:`year`).

        withheld: The part of the amount the partners do not spend until it
            is known that the milestone is reached (seed 002's mitigation);
            default nothing. What is spent before, :attr:`spending`, is the
            money at risk.

        description: What the milestone is about.
    """

    name: str = attrs.field(validator=_check_text)
    kind: MilestoneKind = attrs.field(validator=_check_kind)
    amount: Money = attrs.field(validator=_check_positive_money)
    due: date = attrs.field(validator=_check_date)
    areas: tuple[str, ...] = attrs.field(converter=_areas_converter, validator=_check_areas)
    bearer: str = attrs.field(validator=_check_text)
    budget_year: int | None = attrs.field(default=None, validator=_check_budget_year)
    withheld: Money = _ZERO
    description: str = ""

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.withheld, Money) or not Money(0) <= self.withheld <= self.amount:
            msg = (
                f"milestone {self.name!r}: 'withheld' must be a Money from € 0,00 to its amount "
                f"{self.amount} (got {self.withheld!r})"
            )
            raise MilestoneError(msg)

    @property
    def year(self) -> int:
        """The budget year: *budget_year* if given, else the year it is due."""
        return self.due.year if self.budget_year is None else self.budget_year

    @property
    def spending(self) -> Money:
        """What is spent before it is known whether it is reached: the money at risk."""
        return self.amount - self.withheld

    def to_dict(self) -> dict[str, Any]:
        """The milestone as JSON-safe data; ``Milestone.from_dict`` reads it back equal."""
        from .._files.dicts import milestone_to_dict

        return milestone_to_dict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Milestone:
        """The milestone of :meth:`to_dict`'s data; malformed data raises an ``InputFileError``."""
        from .._files.dicts import milestone_from_dict

        return milestone_from_dict(data)


# -- when a milestone counts as reached: the plan's rule -----------------------------------


@final
@attrs.frozen
class AllAreas:
    """
    A milestone counts as reached only when it is reached in every one of its
    areas: Zutphen's plan ("in alle deelnemende buurten"). It is the plan's
    choice, not a rule of the scheme.

    >>> AllAreas().is_reached({"Zuidwijken"}, ("Zuidwijken", "Noordveen"))
    False
    >>> AllAreas().chance([Fraction(9, 10), Fraction(1, 2)])
    Fraction(9, 20)
    """

    source: str = f"{SEED_002}, Kanttekeningen 2.1"

    def is_reached(self, reached_in: Iterable[str], areas: Sequence[str]) -> bool:
        """Whether the milestone counts as reached, given where it was reached."""
        done = set(reached_in)
        return all(a in done for a in areas)

    def chance(self, chances: Sequence[Fraction]) -> Fraction:
        """The probability it counts as reached, given independent chances per area."""
        return math.prod(chances, start=Fraction(1))

    def describe(self) -> str:
        """In words."""
        return "a milestone counts only when reached in all its areas"


def _check_share(instance: object, attribute: attrs.Attribute[Fraction], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, (Fraction, int, Decimal)) or not 0 < value <= 1:
        msg = f"'share' must be an exact fraction above 0 and at most 1, such as Fraction(4, 5) (got {value!r})"
        raise MilestoneError(msg)


def _to_share(value: object) -> Fraction:
    if isinstance(value, float):
        msg = f"'share' must not be a float (got {value!r}); use Fraction(1, 2) or Decimal('0.5')"
        raise FloatNotAllowedError(msg)
    if isinstance(value, bool) or not isinstance(value, (int, Fraction, Decimal)):
        msg = f"'share' must be an exact fraction such as Fraction(4, 5) (got {value!r})"
        raise MilestoneError(msg)
    if isinstance(value, Decimal) and not value.is_finite():
        msg = f"'share' must be a finite fraction above 0 and at most 1 (got {value!r})"
        raise MilestoneError(msg)
    check_number_size(value, "'share'", MilestoneError)
    return Fraction(value)


@final
@attrs.frozen
class ShareOfAreas:
    """
    A milestone counts as reached when it is reached in at least *share* of
    its areas (rounded up to whole areas): a plan's alternative to
    :class:`AllAreas`.

    >>> rule = ShareOfAreas(Fraction(2, 3))
    >>> rule.needed(3), rule.is_reached({"a", "b"}, ("a", "b", "c"))
    (2, True)
    >>> rule.chance([Fraction(1, 2)] * 3)
    Fraction(1, 2)
    """

    share: Fraction = attrs.field(converter=_to_share, validator=_check_share)
    source: str = "the transformation plan's own rule (the regulation leaves it to the plan)"

    def needed(self, areas: int) -> int:
        """How many of *areas* areas must be reached."""
        return math.ceil(self.share * areas)

    def is_reached(self, reached_in: Iterable[str], areas: Sequence[str]) -> bool:
        """Whether the milestone counts as reached, given where it was reached."""
        done = set(reached_in)
        return sum(a in done for a in areas) >= self.needed(len(areas))

    def chance(self, chances: Sequence[Fraction]) -> Fraction:
        """The exact probability of reaching enough areas (independent areas)."""
        counts = [Fraction(1)]  # counts[k]: P(k areas reached so far)
        for p in chances:
            nxt = [Fraction(0)] * (len(counts) + 1)
            for k, q in enumerate(counts):
                nxt[k] += q * (1 - p)
                nxt[k + 1] += q * p
            counts = nxt
        return sum(counts[self.needed(len(chances)) :], Fraction(0))

    def describe(self) -> str:
        """In words."""
        return f"a milestone counts when reached in at least {self.share} of its areas"


ReachRule: TypeAlias = AllAreas | ShareOfAreas

#: The most work (milestones x scenarios x areas^3) a share-of-areas rule may need: its
#: exact chance sums over every count of areas reached, a few seconds at this size.
MAX_SHARE_WORK: Final = 50_000_000

#: An exact chance: a ``Fraction``, ``Decimal`` or int from 0 to 1.
Chance: TypeAlias = Fraction | Decimal | int
#: Chances of being reached: ``(milestone, area) -> probability``, or
#: ``milestone -> probability`` for the same chance in each of its areas.
Probabilities: TypeAlias = (
    Mapping[tuple[str, str], Chance] | Mapping[str, Chance] | Mapping[str | tuple[str, str], Chance]
)


def _scenarios_converter(value: object) -> tuple[tuple[str, Fraction, tuple[tuple[object, Fraction], ...]], ...]:
    if not isinstance(value, Mapping) or not value:
        msg = (
            "CommonFactor needs a mapping of scenario name -> (weight, probabilities), such as "
            "{'plan works': (Fraction(3, 4), good), 'setback': (Fraction(1, 4), bad)} "
            f"(got {value!r})"
        )
        raise ProbabilityError(msg)
    out = []
    for name, pair in value.items():
        if not (isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[1], Mapping)):
            msg = f"scenario {name!r} must be a pair (weight, probabilities) (got {pair!r})"
            raise ProbabilityError(msg)
        weight = exact_probability(pair[0], what=f"the weight of scenario {name!r}")
        for key in pair[1]:
            _check_hashable(key, f"scenario {name!r}: the key")
        chances = tuple(
            (key, exact_probability(p, what=f"scenario {name!r}: the chance of {key!r}"))
            for key, p in pair[1].items()
        )
        out.append((str(name), weight, chances))
    total = sum((w for _, w, _ in out), Fraction(0))
    if total != 1:
        msg = f"the scenario weights must sum to exactly 1 (got {total})"
        raise ProbabilityError(msg)
    return tuple(out)


@final
@attrs.frozen
class CommonFactor:
    """
    Chances that share a common factor: a mixture of scenarios (say, the
    national programme goes well or not), each with its weight and its own
    chances; given the scenario, milestones and areas are independent.

    Milestones then miss together more often than independent chances say,
    which fattens the tail of the repayment distribution.

    >>> factor = CommonFactor({"goes well": (Fraction(3, 4), {"M1": Fraction(9, 10)}),
    ...                        "setback": (Fraction(1, 4), {"M1": Fraction(1, 2)})})
    >>> [name for name, _, _ in factor.scenarios]
    ['goes well', 'setback']

    Attributes:
        scenarios: ``(name, weight, chances)`` per scenario; the weights sum
            to exactly 1; *chances* as for independent probabilities.
    """

    scenarios: tuple[tuple[str, Fraction, tuple[tuple[object, Fraction], ...]], ...] = attrs.field(
        converter=_scenarios_converter
    )


# -- the schedule ----------------------------------------------------------------------


def _milestones_converter(value: object) -> tuple[Milestone, ...]:
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        msg = f"MilestoneSchedule needs a sequence of Milestone values (got {value!r})"
        raise MilestoneError(msg)
    return tuple(value)


def _check_hashable(key: object, what: str) -> None:
    try:
        hash(key)
    except TypeError:
        msg = f"{what} {key!r} must be hashable, such as a year, a name or a (name, area) pair"
        raise MilestoneError(msg) from None


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


def _fmt_areas(areas: Iterable[str]) -> str:
    return ", ".join(areas) or "none"


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
        _, weights, per_scenario = self._scenario_chances(probabilities)
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
        names, weights, per_scenario = self._scenario_chances(probabilities)

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

    def _check_share_work(self, probabilities: object) -> None:
        """Refuse up front a share-of-areas computation too large to finish in seconds."""
        if not isinstance(self.rule, ShareOfAreas):
            return
        scenarios = len(probabilities.scenarios) if isinstance(probabilities, CommonFactor) else 1
        work = scenarios * sum(len(m.areas) ** 3 for m in self.milestones)
        if work > MAX_SHARE_WORK:
            largest = max(len(m.areas) for m in self.milestones)
            msg = (
                f"the share-of-areas rule would need about {work:_} steps of exact arithmetic "
                f"({len(self.milestones)} milestones with up to {largest:_} areas, "
                f"{scenarios} scenario{'s' if scenarios != 1 else ''}; the work grows as the cube "
                f"of the areas): more than the {MAX_SHARE_WORK:_} izafunding computes (a few "
                f"seconds); group the areas into fewer, or use the all-areas rule"
            )
            raise DistributionTooLargeError(msg, work, MAX_SHARE_WORK)

    def _scenario_chances(
        self, probabilities: Probabilities | CommonFactor
    ) -> tuple[tuple[str, ...], tuple[Fraction, ...], list[dict[str, Fraction]]]:
        self._check_share_work(probabilities)
        if isinstance(probabilities, CommonFactor):
            names = tuple(n for n, _, _ in probabilities.scenarios)
            weights = tuple(w for _, w, _ in probabilities.scenarios)
            per = [self._milestone_chances(dict(c), scenario=n) for n, _, c in probabilities.scenarios]
            return names, weights, per
        if not isinstance(probabilities, Mapping):
            msg = (
                "probabilities must map (milestone, area) to an exact chance, such as "
                f"{{('M2', 'Zuidwijken'): Fraction(9, 10)}}, or be a CommonFactor (got {probabilities!r})"
            )
            raise ProbabilityError(msg)
        return (), (Fraction(1),), [self._milestone_chances(probabilities)]

    def _milestone_chances(self, probabilities: Mapping[Any, object], scenario: str = "") -> dict[str, Fraction]:
        """(milestone, area) chances -> the chance each milestone counts as reached."""
        where = f"scenario {scenario!r}: " if scenario else ""
        per_area: dict[tuple[str, str], Fraction] = {}
        whole: dict[str, Fraction] = {}
        for key, value in probabilities.items():
            if isinstance(key, str):
                self.milestone(key)
                whole[key] = exact_probability(value, what=f"{where}the chance of {key!r}")
            elif isinstance(key, tuple) and len(key) == 2 and all(isinstance(k, str) for k in key):
                name, area = key
                m = self.milestone(name)
                if area not in m.areas:
                    raise _unknown_area(name, area, m.areas)
                per_area[(name, area)] = exact_probability(value, what=f"{where}the chance of {key!r}")
            else:
                msg = (
                    f"{where}a key of the probabilities must be (milestone, area) or a milestone's "
                    f"name, such as ('M2', 'Zuidwijken') (got {key!r})"
                )
                raise ProbabilityError(msg)
        out: dict[str, Fraction] = {}
        missing = []
        for m in self.milestones:
            chances = []
            for area in m.areas:
                if (m.name, area) in per_area:
                    if m.name in whole:
                        msg = (
                            f"{where}the chance of {m.name!r} is given both for the whole milestone "
                            f"and for ({m.name!r}, {area!r}); give one or the other"
                        )
                        raise ProbabilityError(msg)
                    chances.append(per_area[(m.name, area)])
                elif m.name in whole:
                    chances.append(whole[m.name])
                else:
                    missing.append(f"({m.name!r}, {area!r})")
            out[m.name] = self.rule.chance(chances)
        if missing:
            shown = ", ".join(missing[:8]) + (f" and {len(missing) - 8} more" if len(missing) > 8 else "")
            msg = (
                f"{where}no chance given for {shown}; give every (milestone, area) a chance, "
                f"or a milestone's name for the same chance in all its areas"
            )
            raise ProbabilityError(msg)
        return out

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
                f"borne by {m.bearer}; areas: {_fmt_areas(m.areas)}{withheld}"
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

    def _repr_html_(self) -> str:
        esc = html.escape
        body = "".join(
            f"<tr><td>{esc(m.name)}</td><td>{esc(m.kind.value)}</td>"
            f"<td style='text-align:right'>{esc(str(m.amount))}</td><td>{m.due.isoformat()}</td>"
            f"<td>{esc(_fmt_areas(m.areas))}</td><td>{esc(m.bearer)}</td></tr>"
            for m in self.milestones
        )
        return (
            "<table class='izafunding-milestones'>"
            f"<caption>{esc(self.plan or 'Milestone schedule')}: {esc(str(self.total))}</caption>"
            "<thead><tr><th>milestone</th><th>kind</th><th>amount</th><th>due</th>"
            "<th>areas</th><th>bearer</th></tr></thead>"
            f"<tbody>{body}</tbody></table>"
        )

    def to_dict(self) -> dict[str, Any]:
        """The schedule as JSON-safe data; ``MilestoneSchedule.from_dict`` reads it back equal."""
        from .._files.dicts import schedule_to_dict

        return schedule_to_dict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> MilestoneSchedule:
        """The schedule of :meth:`to_dict`'s data; malformed data raises an ``InputFileError``."""
        from .._files.dicts import schedule_from_dict

        return schedule_from_dict(data)


_K = TypeVar("_K")


def _sum_by(pairs: Iterable[tuple[_K, Money]], *, sort: bool = False) -> dict[_K, Money]:
    out: dict[_K, Money] = {}
    for key, amount in pairs:
        out[key] = out.get(key, Money(0)) + amount
    if sort:
        return {k: out[k] for k in sorted(out, key=str)}
    return out


def _mismatches(actual: Mapping[_K, Money], planned: Mapping[_K, Money], what: str) -> list[str]:
    problems = []
    for key in dict.fromkeys([*planned, *actual]):
        have, want = actual.get(key, Money(0)), planned.get(key, Money(0))
        if have != want:
            problems.append(f"{key}: milestones {have}, {what} {want} (difference {have - want})")
    return problems


def _unknown_milestone(name: object, known: Sequence[str]) -> UnknownNameError:
    hint = did_you_mean(str(name), list(known))
    msg = f"{name!r} is not a milestone of this schedule (milestones: {', '.join(known)}){hint}"
    return UnknownNameError(msg)


def _unknown_area(name: str, area: object, areas: Sequence[str]) -> UnknownNameError:
    hint = did_you_mean(str(area), list(areas))
    msg = f"milestone {name!r} has no area {area!r} (its areas: {_fmt_areas(areas)}){hint}"
    return UnknownNameError(msg)


# -- settlement --------------------------------------------------------------------------------------


@final
@attrs.frozen(kw_only=True)
class MilestoneOutcome:
    """
    How one milestone settles (*vaststelling* of its amount).

    Attributes:
        milestone: The milestone.

        reached: Whether it counts as reached under the plan's rule.

        reached_in: The areas where it was reached.

        missed_in: The areas where it was not reached.

        spent: What was spent on it.

        determined: The amount set definitively: what was spent, up to its
            amount, when reached; nothing when missed.

        repayable: What goes back to the ministry: its amount less what is
            determined.

        borne: Of that, what was already spent: paid by the bearer.

        unspent: Of that, what was never spent: repaid from the advance
            still held.

        overspent: Spending above its amount, which the grant does not cover.
    """

    milestone: Milestone
    reached: bool
    reached_in: tuple[str, ...]
    missed_in: tuple[str, ...]
    spent: Money
    determined: Money
    repayable: Money
    borne: Money
    unspent: Money
    overspent: Money

    @classmethod
    def of(cls, m: Milestone, *, reached_in: tuple[str, ...], reached: bool, spent: Money) -> MilestoneOutcome:
        """Settle milestone *m* (see :meth:`MilestoneSchedule.settle`)."""
        used = min(spent, m.amount)
        determined = used if reached else Money(0)
        return cls(
            milestone=m,
            reached=reached,
            reached_in=reached_in,
            missed_in=tuple(a for a in m.areas if a not in reached_in),
            spent=spent,
            determined=determined,
            repayable=m.amount - determined,
            borne=Money(0) if reached else used,
            unspent=m.amount - used,
            overspent=spent - used,
        )

    @property
    def name(self) -> str:
        """The milestone's name."""
        return self.milestone.name

    def explain(self) -> str:
        """One line in plain English."""
        m = self.milestone
        if self.reached:
            where = f"reached in {_fmt_areas(self.reached_in)}"
            if self.missed_in:
                where += f" (not in {_fmt_areas(self.missed_in)}, which the rule allows)"
            text = f"{m.name}: {where}; set at {self.determined} of {m.amount}"
            if self.unspent.cents:
                text += f"; {self.unspent} not spent is repaid"
        else:
            text = (
                f"{m.name}: missed in {_fmt_areas(self.missed_in)}"
                + (f" (reached in {_fmt_areas(self.reached_in)})" if self.reached_in else "")
                + f"; its advance of {m.amount} is repaid: {self.borne} already spent, paid by {m.bearer}"
            )
            if self.unspent.cents:
                text += f", and {self.unspent} not spent"
        if self.overspent.cents:
            text += f"; {self.overspent} spent above its amount is not covered"
        return text


@final
@attrs.frozen(kw_only=True)
class ScheduleSettlement:
    """
    The settlement of a milestone schedule from outcomes: per milestone what
    is set definitively and what is repaid, and who pays it.

    Invariant: ``repayable == sum(by_bearer.values()) + unspent`` and
    ``determined + repayable == advanced``.

    Attributes:
        schedule: The schedule settled.

        outcomes: One :class:`MilestoneOutcome` per milestone, in order.
    """

    schedule: MilestoneSchedule
    outcomes: tuple[MilestoneOutcome, ...]

    @property
    def advanced(self) -> Money:
        """The advances the schedule carries: the sum of the amounts."""
        return self.schedule.total

    @property
    def determined(self) -> Money:
        """The total set definitively."""
        return Money.from_cents(sum(o.determined.cents for o in self.outcomes))

    @property
    def repayable(self) -> Money:
        """The total repaid to the ministry."""
        return Money.from_cents(sum(o.repayable.cents for o in self.outcomes))

    @property
    def unspent(self) -> Money:
        """Of the repayable, what was never spent (repaid from the advance still held)."""
        return Money.from_cents(sum(o.unspent.cents for o in self.outcomes))

    def sisa(
        self,
        year: int,
        *,
        recipient: str = "",
        passed_on: Mapping[str, Money] | None = None,
        corrections: tuple[Money, Money] | None = None,
        decision: str | None = None,
        wording: Mapping[str, SisaWording] | None = None,
    ) -> SisaReport:
        """
        The SiSa rows of the transformation funds for *year* from this
        settlement alone (spending by the milestones' budget years); see
        :func:`izafunding._schemes.sisa.schedule_sisa`.
        """
        from .._schemes.sisa import schedule_sisa

        return schedule_sisa(
            self,
            year,
            recipient=recipient,
            passed_on=passed_on,
            corrections=corrections,
            decision=decision,
            wording=wording,
        )

    @property
    def by_bearer(self) -> dict[str, Money]:
        """Per bearer, what it pays: the money spent on the missed milestones it bears."""
        return _sum_by((o.milestone.bearer, o.borne) for o in self.outcomes)

    @property
    def repayable_by_bearer(self) -> dict[str, Money]:
        """Per bearer, the advances of the missed milestones it bears (spent or not)."""
        return _sum_by(
            (o.milestone.bearer, o.milestone.amount if not o.reached else Money(0))
            for o in self.outcomes
        )

    @property
    def missed(self) -> tuple[MilestoneOutcome, ...]:
        """The milestones missed, each with the areas where it was missed."""
        return tuple(o for o in self.outcomes if not o.reached)

    def outcome(self, name: str) -> MilestoneOutcome:
        """The outcome of the milestone *name*."""
        for o in self.outcomes:
            if o.name == name:
                return o
        raise _unknown_milestone(name, self.schedule.names)

    @property
    def findings(self) -> tuple[Finding, ...]:
        """
        Spending the grant does not cover (above a milestone's amount), as
        findings with their source. The missed milestones are in :attr:`missed`.
        """
        return tuple(
            Finding(
                kind=FindingKind.OVERSPEND,
                message=(
                    f"{o.name}: {o.overspent} spent above its amount of {o.milestone.amount} "
                    f"is not covered by the grant"
                ),
                source=f"{REGULATION}, art. 10",
                amount=o.overspent,
            )
            for o in self.outcomes
            if o.overspent.cents
        )

    def explain(self) -> tuple[str, ...]:
        """One line per milestone, then the totals and who pays."""
        lines = [o.explain() for o in self.outcomes]
        lines.append(
            f"Advanced {self.advanced}; set definitively {self.determined}; repaid {self.repayable}"
            + (f", of which {self.unspent} never spent" if self.unspent.cents else "")
            + "."
        )
        for bearer, amount in self.by_bearer.items():
            lines.append(f"  paid by {bearer} (spent on missed milestones): {amount}")
        rule = self.schedule.rule
        lines.append(f"Rule: {rule.describe()} [source: {rule.source}].")
        return tuple(lines)

    def to_rows(self) -> list[dict[str, object]]:
        """One plain row per milestone."""
        return [
            {
                "name": o.name,
                "bearer": o.milestone.bearer,
                "amount": o.milestone.amount.amount,
                "reached": o.reached,
                "missed_in": ", ".join(o.missed_in),
                "spent": o.spent.amount,
                "determined": o.determined.amount,
                "repayable": o.repayable.amount,
                "borne": o.borne.amount,
            }
            for o in self.outcomes
        ]

    def _repr_html_(self) -> str:
        esc = html.escape
        body = "".join(
            f"<tr><td>{esc(o.name)}</td><td>{'reached' if o.reached else 'missed'}</td>"
            f"<td>{esc(_fmt_areas(o.missed_in)) if o.missed_in else ''}</td>"
            f"<td style='text-align:right'>{esc(str(o.determined))}</td>"
            f"<td style='text-align:right'>{esc(str(o.repayable))}</td>"
            f"<td>{esc(o.milestone.bearer) if o.borne.cents else ''}</td></tr>"
            for o in self.outcomes
        )
        return (
            "<table class='izafunding-settlement'>"
            f"<caption>Settlement: repaid {esc(str(self.repayable))} of {esc(str(self.advanced))}</caption>"
            "<thead><tr><th>milestone</th><th>outcome</th><th>missed in</th><th>set</th>"
            "<th>repaid</th><th>paid by</th></tr></thead>"
            f"<tbody>{body}</tbody></table>"
        )


# -- mitigation ------------------------------------------------------------------------------------


@final
@attrs.frozen(kw_only=True, eq=False)
class Mitigation:
    """
    A mitigation scenario: spending withheld on the milestones judged
    unlikely, and the risk before and after (seed 002, Kanttekeningen 2.1:
    "het budget behorende bij mijlpalen die ... minder haalbaar zijn, slechts
    gedeeltelijk of niet te besteden").

    Attributes:
        threshold: Milestones with a chance of being reached below it are
            withheld.

        before: The risk per bearer as planned.

        after: The risk per bearer with spending withheld.

        schedule: The schedule with spending withheld.

        withheld: ``(milestone, amount withheld)`` per milestone withheld.

        chances: ``(milestone, chance of being reached)`` for every milestone.
    """

    threshold: Fraction
    before: RiskProfile
    after: RiskProfile
    schedule: MilestoneSchedule
    withheld: tuple[tuple[str, Money], ...]
    chances: tuple[tuple[str, Fraction], ...]

    def exposure_drop(self) -> dict[str, Money]:
        """Per bearer, how much the worst case drops."""
        after = self.after.exposure()
        return {b: w - after[b] for b, w in self.before.exposure().items()}

    def to_rows(self, levels: Sequence[Fraction] = DEFAULT_LEVELS) -> list[dict[str, object]]:
        """Per bearer the risk-section figures before and after, side by side."""
        rows = []
        for before, after in zip(self.before.summary_rows(levels), self.after.summary_rows(levels), strict=True):
            row: dict[str, object] = {"bearer": before["bearer"]}
            for key in before:
                if key != "bearer":
                    row[f"{key}_before"] = before[key]
                    row[f"{key}_after"] = after[key]
            rows.append(row)
        return rows

    def explain(self, levels: Sequence[Fraction] = DEFAULT_LEVELS) -> tuple[str, ...]:
        """What is withheld and how each bearer's risk drops."""
        chances = dict(self.chances)
        if not self.withheld:
            lines = [f"No milestone has a chance below {_fmt_pct(self.threshold)}: nothing is withheld."]
        else:
            lines = [f"Withhold spending on the milestones with a chance below {_fmt_pct(self.threshold)}:"]
            lines += [
                f"  {name}: {amount} withheld (chance of being reached {_fmt_pct(chances[name])})"
                for name, amount in self.withheld
            ]
        for bearer in self.before:
            b, a = self.before[bearer], self.after[bearer]
            lines.append(
                f"{bearer}: worst case {b.worst_case} -> {a.worst_case}; expected "
                f"{_euros(b.expected)} -> {_euros(a.expected)}"
            )
            for level in levels:
                lines.append(
                    f"  {_pct(level)}: {b.quantile(level)} -> {a.quantile(level)}"
                )
        return tuple(lines)


def _euros(value: Fraction) -> str:
    rounded = Money.from_fraction(value, rounding=RoundingMode.HALF_UP)
    return str(rounded) if rounded.as_fraction() == value else f"≈ {rounded}"


def _pct(level: Fraction) -> str:
    pct = Fraction(level) * 100
    return f"{pct.numerator}%" if pct.denominator == 1 else f"{level}"

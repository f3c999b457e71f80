"""The rule objects of a scheme (regeling): who applies, walls, shifting, carry-over, determination,
advances, each dated by the years it is in force; the grant period and the national budget."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeAlias, final

import attrs

from .._core.money import Money, RoundingMode
from .._core.periods import Period
from .._core.validators import non_empty_text
from ..errors import SchemeError


__all__ = [
    "Advance",
    "Applicant",
    "ApplicantKind",
    "CapReading",
    "CarryOver",
    "Determination",
    "DeterminationKind",
    "GrantPeriod",
    "NationalBudget",
    "Rule",
    "ShiftBase",
    "ShiftScope",
    "Shifting",
    "Walls",
]


# -- small validators ---------------------------------------------------------------


def _to_years(value: int | Iterable[int]) -> tuple[int, ...]:
    """An int, range or iterable of ints -> sorted tuple of distinct years."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = (value,)
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        msg = f"'years' must be a year such as 2025, a range or a tuple of years (got {value!r})"
        raise SchemeError(msg)
    years = tuple(value)
    for y in years:
        if isinstance(y, bool) or not isinstance(y, int) or not 1900 <= y <= 2200:
            msg = f"'years' must hold years such as 2025 (got {y!r} in {years!r})"
            raise SchemeError(msg)
    if not years:
        msg = "'years' must name at least one year in which the rule is in force (got none)"
        raise SchemeError(msg)
    return tuple(sorted(set(years)))


def _to_share(value: int | Decimal | Fraction) -> Fraction:
    """A percentage as an exact fraction from 0 to 1; floats are refused."""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, Fraction)):
        msg = (
            f"a share must be an int, Decimal or Fraction from 0 to 1 such as "
            f"Fraction(15, 100) (got {value!r}, a {type(value).__name__})"
        )
        raise SchemeError(msg)
    if isinstance(value, Decimal) and not value.is_finite():
        msg = f"a share must be finite (got {value!r})"
        raise SchemeError(msg)
    share = Fraction(value)
    if not 0 <= share <= 1:
        msg = f"a share must lie from 0 to 1, e.g. Fraction(15, 100) for 15% (got {value!r})"
        raise SchemeError(msg)
    return share


_check_source = non_empty_text(need="cite where the rule comes from")


def _check_rounding(
    instance: object, attribute: attrs.Attribute[RoundingMode], value: RoundingMode
) -> None:
    if not isinstance(value, RoundingMode):
        msg = f"'{attribute.name}' must be a RoundingMode such as RoundingMode.DOWN (got {value!r})"
        raise SchemeError(msg)


def _percent(share: Fraction) -> str:
    """Fraction(15, 100) -> '15%'; Fraction(1, 3) -> '33 1/3%'."""
    pct = share * 100
    if pct.denominator == 1:
        return f"{pct.numerator}%"
    whole, rest = divmod(pct.numerator, pct.denominator)
    return f"{whole} {rest}/{pct.denominator}%"


def _years_text(years: tuple[int, ...]) -> str:
    if len(years) > 1 and years == tuple(range(years[0], years[-1] + 1)):
        return f"{years[0]}-{years[-1]}"
    return ", ".join(map(str, years))


# -- the rule objects -----------------------------------------------------------------


class ApplicantKind(enum.Enum):
    """Who applies for, receives and accounts for the money."""

    #: One mandated municipality (*gemandateerde gemeente*) for a whole region.
    MANDATED_MUNICIPALITY = "one mandated municipality applies for the whole region"
    #: Each municipality applies for itself.
    EACH_MUNICIPALITY = "each municipality applies for itself"
    #: A municipality applies for itself, or one lead (*penvoerder*) for several.
    LEAD_MUNICIPALITY = "a municipality applies, or one lead municipality for several"
    #: Nobody applies (*ambtshalve*): a local part to each municipality and a
    #: regional part to each region's mandated municipality (SPUK AZWA).
    NO_APPLICATION = (
        "no application (ambtshalve): each municipality receives its local part, each "
        "region's mandated municipality the regional part"
    )


@final
@attrs.frozen(kw_only=True)
class Applicant:
    """
    Who applies (*aanvrager*): a mandated municipality for a region, each
    municipality for itself, or a lead municipality (*penvoerder*) for several.

    >>> Applicant(kind=ApplicantKind.EACH_MUNICIPALITY, years=range(2023, 2027),
    ...           source="Stcrt. 2023, 4245").describe()
    'each municipality applies for itself'
    """

    kind: ApplicantKind
    years: tuple[int, ...] = attrs.field(converter=_to_years)
    source: str = attrs.field(validator=_check_source)
    open_question: str | None = None

    def describe(self) -> str:
        """One line in plain English."""
        return self.kind.value


@final
@attrs.frozen(kw_only=True)
class Walls:
    """
    Whether the award has walls between its components (*schotten*): with
    walls, every component is accounted for on its own; without them
    (*ontschotting*), the whole award is one budget.

    >>> Walls(between_components=False, years=2025, source="VWS letter").describe()
    'one budget: no walls between components'
    """

    between_components: bool
    years: tuple[int, ...] = attrs.field(converter=_to_years)
    source: str = attrs.field(validator=_check_source)
    open_question: str | None = None

    def describe(self) -> str:
        """One line in plain English."""
        if self.between_components:
            return "walls: each component is a budget of its own"
        return "one budget: no walls between components"


class ShiftScope(enum.Enum):
    """Between which components money may shift (*schuiven*) within a year."""

    NONE = "no shifting between components"
    MAIN_THEME = "only between components of the same main theme"
    ANY = "between any components"


class ShiftBase(enum.Enum):
    """Of which award the shifting limit is a percentage."""

    #: The award of the component the money leaves (domain.md §2: the default).
    SOURCE_COMPONENT = "the award of the component the money leaves"
    #: The award of the component the money goes to.
    TARGET_COMPONENT = "the award of the component the money goes to"


@final
@attrs.frozen(kw_only=True)
class Shifting:
    """
    How much of a component's money may shift (*schuiven*) to another
    component in the same year.

    *share* of the *base* award may move, between the components *within*
    allows. The limit is rounded to a cent by *rounding*, by default DOWN (in
    favour of the Rijk: a limit is never more than the percentage allows).
    Without walls the whole award is one budget and shifting is moot.

    >>> Shifting(share=Fraction(15, 100), within=ShiftScope.MAIN_THEME,
    ...          years=2023, source="seed 003").describe()
    'at most 15% of the award of the component the money leaves may shift, only between components of the same main theme'
    >>> Shifting(share=Fraction(15, 100), within=ShiftScope.MAIN_THEME, years=2023,
    ...          source="seed 003").limit(Money("333.33"))
    Money('49.99')
    """

    share: Fraction = attrs.field(converter=_to_share)
    within: ShiftScope
    base: ShiftBase = ShiftBase.SOURCE_COMPONENT
    rounding: RoundingMode = attrs.field(default=RoundingMode.DOWN, validator=_check_rounding)
    years: tuple[int, ...] = attrs.field(converter=_to_years)
    source: str = attrs.field(validator=_check_source)
    open_question: str | None = None

    def limit(self, award: Money) -> Money:
        """*share* of *award*, rounded to a cent by :attr:`rounding`."""
        return award.scale(self.share, rounding=self.rounding)

    def describe(self) -> str:
        """One line in plain English."""
        if self.within is ShiftScope.NONE or self.share == 0:
            return ShiftScope.NONE.value
        if self.within is ShiftScope.ANY and self.share == 1:
            return "free: money may move between any components"
        return f"at most {_percent(self.share)} of {self.base.value} may shift, {self.within.value}"


@final
@attrs.frozen(kw_only=True)
class CarryOver:
    """
    How much unspent money may be spent in the next year (*doorschuiven*),
    and on what.

    At most *share* of the year's award moves to the next year: of each
    component's award, to be spent on the same component (*per_component*),
    or of the whole award, to be spent on anything the scheme allows. Money
    that was itself carried in and is not spent is repayable, unless
    *moves_again* says it moves on again (spending may move freely between
    the years of the period). Nothing carries beyond the grant period. The limit is rounded
    to a cent by *rounding*, by default DOWN (in favour of the Rijk).

    >>> CarryOver(share=Fraction(20, 100), per_component=True, years=2023,
    ...           source="seed 003").describe()
    "at most 20% of each component's award may be spent on the same component in the next year"
    >>> CarryOver.none(years=2024, source="no rule found").describe()
    'nothing may be spent in the next year: unspent money is repayable'
    """

    share: Fraction = attrs.field(converter=_to_share)
    per_component: bool = False
    moves_again: bool = False
    rounding: RoundingMode = attrs.field(default=RoundingMode.DOWN, validator=_check_rounding)
    years: tuple[int, ...] = attrs.field(converter=_to_years)
    source: str = attrs.field(validator=_check_source)
    open_question: str | None = None

    @classmethod
    def none(
        cls, *, years: int | Iterable[int], source: str, open_question: str | None = None
    ) -> CarryOver:
        """No carry-over: what is not spent in the year is repayable."""
        return cls(share=Fraction(0), years=years, source=source, open_question=open_question)

    def limit(self, award: Money) -> Money:
        """*share* of *award*, rounded to a cent by :attr:`rounding`."""
        return award.scale(self.share, rounding=self.rounding)

    def describe(self) -> str:
        """One line in plain English."""
        if self.share == 0:
            return "nothing may be spent in the next year: unspent money is repayable"
        if self.share == 1 and not self.per_component and self.moves_again:
            return "unspent money may be spent in any later year of the grant period"
        if self.share == 1 and not self.per_component:
            return "unspent money may be spent in the next year"
        if self.per_component:
            return (
                f"at most {_percent(self.share)} of each component's award may be spent "
                f"on the same component in the next year"
            )
        return f"at most {_percent(self.share)} of the year's award may be spent in the next year"


class DeterminationKind(enum.Enum):
    """How the amount is finally set (*vaststelling*)."""

    YEARLY = "set for each year on its own"
    FINAL = "one final settlement over the whole period (eindafrekening)"
    MILESTONES = (
        "set from the milestones reached: realised costs up to the amounts of reached milestones"
    )


class CapReading(enum.Enum):
    """
    How the amounts of the reached milestones cap the realised costs in a
    determination from milestones (art. 10(3) of the transformation
    regulation; the text does not settle it: **open**, default per milestone).
    """

    #: Each reached milestone's costs up to its own amount (the default).
    PER_MILESTONE = "per milestone: each reached milestone's costs up to its own amount"
    #: The reached milestones' costs together, up to their summed amount.
    TOGETHER = "over the reached milestones together: their costs up to their summed amount"


def _check_cap(instance: object, attribute: attrs.Attribute[CapReading], value: object) -> None:
    if not isinstance(value, CapReading):
        msg = (
            f"'{attribute.name}' must be CapReading.PER_MILESTONE or CapReading.TOGETHER "
            f"(got {value!r})"
        )
        raise SchemeError(msg)


@final
@attrs.frozen(kw_only=True)
class Determination:
    """
    How the amount is finally set (*vaststelling*): yearly, once over the
    whole period (*eindafrekening*, in *settled_in*), or from milestones.

    >>> Determination(kind=DeterminationKind.FINAL, settled_in=2027, years=range(2023, 2027),
    ...               source="VWS letter").describe()
    'one final settlement over the whole period (eindafrekening), in 2027'
    """

    kind: DeterminationKind
    settled_in: int | None = None
    accounting: str = "SiSa, every year"
    #: For a determination from milestones: how their amounts cap the costs.
    cap: CapReading = attrs.field(default=CapReading.PER_MILESTONE, validator=_check_cap)
    years: tuple[int, ...] = attrs.field(converter=_to_years)
    source: str = attrs.field(validator=_check_source)
    open_question: str | None = None

    def describe(self) -> str:
        """One line in plain English."""
        when = f", in {self.settled_in}" if self.settled_in is not None else ""
        return f"{self.kind.value}{when}"


@final
@attrs.frozen(kw_only=True)
class Advance:
    """
    The advance (*voorschot*): which share of the award is paid before the
    vaststelling, and when.

    >>> Advance(share=1, schedule="in yearly instalments following the budget",
    ...         years=2024, source="art. 7").describe()
    '100% advance, in yearly instalments following the budget'
    """

    share: Fraction = attrs.field(converter=_to_share)
    schedule: str = "in the year of the award"
    years: tuple[int, ...] = attrs.field(converter=_to_years)
    source: str = attrs.field(validator=_check_source)
    open_question: str | None = None

    def describe(self) -> str:
        """One line in plain English."""
        return f"{_percent(self.share)} advance, {self.schedule}"


Rule: TypeAlias = Applicant | Walls | Shifting | CarryOver | Determination | Advance
"""Any dated rule of a scheme."""

_RULE_KINDS: tuple[type[Any], ...] = (Applicant, Walls, Shifting, CarryOver, Determination, Advance)


# -- versioned parameters -----------------------------------------------------------


def _check_period(instance: object, attribute: attrs.Attribute[Period], value: Period) -> None:
    if not isinstance(value, Period):
        msg = f"'{attribute.name}' must be a Period such as Period.years_range(2023, 2026) (got {value!r})"
        raise SchemeError(msg)


@final
@attrs.frozen(kw_only=True)
class GrantPeriod:
    """
    The grant period (*subsidietijdvak*) of one version of a regulation.

    A regulation may be amended to lengthen its period; each version is kept
    with the date it came into force (``None`` where the sources do not say).

    >>> GrantPeriod(period=Period.years_range(2024, 2027), version="2024",
    ...             source="Stcrt. 2024, 17398").period.last_day
    datetime.date(2027, 12, 31)
    """

    period: Period = attrs.field(validator=_check_period)
    version: str
    in_force_from: date | None = None
    source: str = attrs.field(validator=_check_source)


def _check_money(instance: object, attribute: attrs.Attribute[Money], value: Money) -> None:
    if not isinstance(value, Money) or value.cents < 0:
        msg = f"'{attribute.name}' must be a non-negative Money such as Money(150000000) (got {value!r})"
        raise SchemeError(msg)


@final
@attrs.frozen(kw_only=True)
class NationalBudget:
    """
    A national amount for the scheme (*subsidieplafond* or yearly budget):
    per year in *years*, or over the whole period (*per_period*), in the
    regulation version *version*.

    >>> NationalBudget(amount=Money(150_000_000), years=range(2023, 2026),
    ...                version="2023", source="Stcrt. 2023, 19964").describe()
    '€ 150.000.000 a year (2023-2025)'
    """

    amount: Money = attrs.field(validator=_check_money)
    years: tuple[int, ...] = attrs.field(converter=_to_years)
    per_period: bool = False
    version: str = ""
    note: str = ""
    source: str = attrs.field(validator=_check_source)

    def describe(self) -> str:
        """One line in plain English."""
        span = _years_text(self.years)
        what = (
            f"{self.amount:whole} over the whole period"
            if self.per_period
            else f"{self.amount:whole} a year"
        )
        note = f"; {self.note}" if self.note else ""
        return f"{what} ({span}){note}"

"""Schemes (regelingen) as data: dated rule objects and the Scheme that composes them."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeAlias, final

import attrs

from .._core.money import Money, RoundingMode
from .._core.names import did_you_mean
from .._core.periods import Period
from .._core.validators import non_empty_text
from ..errors import SchemeError, UnknownNameError


__all__ = [
    "Advance",
    "Applicant",
    "ApplicantKind",
    "CapReading",
    "CarryOver",
    "Component",
    "Determination",
    "DeterminationKind",
    "GrantPeriod",
    "NationalBudget",
    "Rule",
    "Scheme",
    "ShiftBase",
    "ShiftScope",
    "Shifting",
    "Walls",
    "YearRules",
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


# -- components -------------------------------------------------------------------------


@final
@attrs.frozen
class Component:
    """
    A component (*onderdeel*) of a scheme's award, with its number and main
    theme (*hoofdthema*).

    >>> Component(4, "Kansrijke Start", theme="Gezondheid en sociale basis").name
    'Kansrijke Start'
    """

    number: int
    name: str
    theme: str = attrs.field(kw_only=True)


# -- the rules of one year ---------------------------------------------------------------


@final
@attrs.frozen(kw_only=True)
class YearRules:
    """
    The rules of a scheme in force in one year, one of each kind.

    Attributes:
        year: The year.

        is_last: Whether this is the last year of the grant period (nothing
            carries on from it).

        previous_carry_over: The carry-over rule of the year before, which
            says what moved into this year (``None`` in the first year).
    """

    year: int
    is_last: bool
    applicant: Applicant
    walls: Walls
    shifting: Shifting
    carry_over: CarryOver
    determination: Determination
    advance: Advance
    previous_carry_over: CarryOver | None = attrs.field(default=None, repr=False)
    provisional: bool = attrs.field(default=False, repr=False)

    @property
    def has_walls(self) -> bool:
        """Whether the year's award has walls between components."""
        return self.walls.between_components

    def all(self) -> tuple[Rule, ...]:
        """The rules, in a fixed order."""
        return (
            self.applicant,
            self.walls,
            self.shifting,
            self.carry_over,
            self.determination,
            self.advance,
        )

    def explain(self) -> tuple[str, ...]:
        """One line per rule, with its source and any open question."""
        lines = []
        for rule in self.all():
            line = (
                f"{self.year} {_KIND_NAMES[type(rule)]}: {rule.describe()} [source: {rule.source}]"
            )
            if rule.open_question:
                line += f" (open: {rule.open_question})"
            if self.provisional:
                line += f" ({PROVISIONAL})"
            lines.append(line)
        if self.is_last:
            lines.append(f"{self.year} is the last year of the grant period: nothing carries on.")
        return tuple(lines)


#: What every output of a provisional scheme says.
PROVISIONAL: str = "provisional: not yet a published regulation"

_KIND_NAMES: dict[type[Any], str] = {
    Applicant: "who applies",
    Walls: "walls between components",
    Shifting: "shifting between components",
    CarryOver: "spending in the next year",
    Determination: "vaststelling",
    Advance: "advance",
}


# -- the scheme ---------------------------------------------------------------------------


def _rules_tuple(value: Iterable[Rule]) -> tuple[Rule, ...]:
    rules = tuple(value)
    for rule in rules:
        if not isinstance(rule, _RULE_KINDS):
            msg = (
                f"a scheme's rules must be Applicant, Walls, Shifting, CarryOver, "
                f"Determination or Advance objects (got {rule!r})"
            )
            raise SchemeError(msg)
    return rules


def _components_tuple(value: Iterable[Component]) -> tuple[Component, ...]:
    return tuple(value)


def _periods_tuple(value: Iterable[GrantPeriod]) -> tuple[GrantPeriod, ...]:
    periods = tuple(value)
    if not periods or not all(isinstance(p, GrantPeriod) for p in periods):
        msg = f"'periods' must be one or more GrantPeriod versions, oldest first (got {periods!r})"
        raise SchemeError(msg)
    return periods


def _budgets_tuple(value: Iterable[NationalBudget]) -> tuple[NationalBudget, ...]:
    return tuple(value)


def _check_provisional(instance: object, attribute: attrs.Attribute[bool], value: object) -> None:
    if not isinstance(value, bool):
        msg = f"'{attribute.name}' must be True or False (got {value!r})"
        raise SchemeError(msg)


@final
@attrs.frozen(kw_only=True)
class Scheme:
    """
    A specific grant scheme (*regeling specifieke uitkering*, SPUK), as data:
    its grant period (per regulation version), its components, and dated rule
    objects, each with its source and the years in which it is in force.

    For every year of the period there must be exactly one rule of each kind
    (who applies, walls, shifting, carry-over, vaststelling, advance), and
    the rules may not contradict each other: a scheme whose last year lets
    money carry on, that limits shifting in a year without walls, that has
    walls but no components, carries per component into or out of a year
    without walls (or the whole award into one with walls), or settles
    before a year it settles, is refused when it is built, with a
    :class:`~izafunding.SchemeError` naming the year and the rule.
    Variants are made with :meth:`with_rule` or ``attrs.evolve``, never by
    editing library code.

    >>> from izafunding.schemes import SPUK_GALA
    >>> SPUK_GALA.rules_for(2023).carry_over.describe()
    "at most 20% of each component's award may be spent on the same component in the next year"
    >>> SPUK_GALA.rules_for(2025).has_walls
    False
    >>> SPUK_GALA.rules_for(2027)
    Traceback (most recent call last):
    ...
    izafunding.errors.SchemeError: SPUK GALA has no rules for 2027: its grant period is 2023-01-01 t/m 2026-12-31 (2023-2026)

    Attributes:
        name: Short name, e.g. ``"SPUK GALA"``.

        title: The regulation's title.

        source: The regulation (Staatscourant number and date).

        periods: The grant period of each regulation version, oldest first;
            the last is the one in force (:attr:`period`).

        components: The components (*onderdelen*), empty if the award is one
            amount.

        rules: The dated rules.

        budgets: National amounts (ceilings, yearly budgets), where known.

        provisional: Whether the rules rest on an announcement rather than a
            published regulation (the SPUK AZWA); every explanation and table
            of the scheme then says so, and :attr:`label` carries it.
    """

    name: str
    title: str
    source: str = attrs.field(validator=_check_source)
    periods: tuple[GrantPeriod, ...] = attrs.field(converter=_periods_tuple)
    components: tuple[Component, ...] = attrs.field(default=(), converter=_components_tuple)
    rules: tuple[Rule, ...] = attrs.field(converter=_rules_tuple)
    budgets: tuple[NationalBudget, ...] = attrs.field(default=(), converter=_budgets_tuple)
    provisional: bool = attrs.field(default=False, validator=_check_provisional)
    # The YearRules of each year, built on first use (a scheme is immutable, so they cannot go
    # stale): a settlement asks for them several times per year.
    _year_rules: dict[int, YearRules] = attrs.field(
        init=False, eq=False, repr=False, factory=dict
    )

    def __attrs_post_init__(self) -> None:
        names = [c.name for c in self.components]
        if len(set(names)) != len(names):
            dup = sorted({n for n in names if names.count(n) > 1})
            msg = f"{self.name}: component names must be distinct (twice: {', '.join(dup)})"
            raise SchemeError(msg)
        for year in self.years:
            for kind in _RULE_KINDS:
                found = [r for r in self.rules if isinstance(r, kind) and year in r.years]
                if len(found) != 1:
                    what = "no" if not found else f"{len(found)}"
                    which = (
                        " (" + "; ".join(f"{r.describe()} [source: {r.source}]" for r in found) + ")"
                        if found
                        else ""
                    )
                    msg = (
                        f"{self.name}: {what} '{_KIND_NAMES[kind]}' rules ({kind.__name__}) "
                        f"in force in {year}{which}; every year of the grant period "
                        f"{_years_text(self.years)} needs exactly one"
                    )
                    raise SchemeError(msg)
        self._check_consistent()

    def _check_consistent(self) -> None:
        """Refuse rules that contradict each other (naming the year and the rule)."""
        last = self.years[-1]
        final = self.rules_for(last).carry_over
        if final.share != 0:
            msg = (
                f"{self.name}: the carry-over rule of {last} ({final.describe()} [source: "
                f"{final.source}]) contradicts the grant period {self.period}: {last} is its "
                f"last year and nothing carries beyond it; use CarryOver.none(years={last}, "
                f"source=...) for {last}"
            )
            raise SchemeError(msg)
        for year in self.years:
            rules = self.rules_for(year)
            if rules.has_walls and not self.components:
                msg = (
                    f"{self.name}: the walls rule of {year} puts walls between components "
                    f"[source: {rules.walls.source}], but the scheme has no components; use "
                    f"Walls(between_components=False, ...) or give the components"
                )
                raise SchemeError(msg)
            shifting = rules.shifting
            free = shifting.within is ShiftScope.ANY and shifting.share == 1
            if not rules.has_walls and not free:
                msg = (
                    f"{self.name}: the shifting rule of {year} ({shifting.describe()} [source: "
                    f"{shifting.source}]) limits shifting, but {year} has no walls between "
                    f"components: the whole award is one budget; use Shifting(share=1, "
                    f"within=ShiftScope.ANY, ...) for {year}"
                )
                raise SchemeError(msg)
            determination = rules.determination
            if determination.settled_in is not None and determination.settled_in < year:
                msg = (
                    f"{self.name}: the vaststelling rule of {year} settles in "
                    f"{determination.settled_in}, before {year} itself; settled_in must be "
                    f"{year} or later"
                )
                raise SchemeError(msg)
        for year in self.years[:-1]:
            rules = self.rules_for(year)
            carry = rules.carry_over
            if carry.share == 0:
                continue
            if carry.per_component and not rules.has_walls:
                msg = (
                    f"{self.name}: the carry-over rule of {year} is per component, but "
                    f"{year} has no walls between components; use per_component=False"
                )
                raise SchemeError(msg)
            if not carry.per_component and self.rules_for(year + 1).has_walls:
                msg = (
                    f"{self.name}: the carry-over rule of {year} moves money without a "
                    f"component into {year + 1}, which has walls between components; use "
                    f"per_component=True"
                )
                raise SchemeError(msg)

    # -- the period -----------------------------------------------------------------

    @property
    def period(self) -> Period:
        """The grant period of the version in force (the last version)."""
        return self.periods[-1].period

    @property
    def years(self) -> tuple[int, ...]:
        """The calendar years of the grant period in force."""
        return self.period.year_numbers

    @property
    def label(self) -> str:
        """The name, with "(provisional)" for a provisional scheme: for every output."""
        return f"{self.name} ({PROVISIONAL})" if self.provisional else self.name

    @property
    def version(self) -> str:
        """The label of the regulation version in force."""
        return self.periods[-1].version

    def as_version(self, version: str) -> Scheme:
        """
        The scheme as it was in regulation version *version*: its grant period
        and national budgets as they were then (rules are kept).

        Raises:
            SchemeError: No version has that label; the message lists them.
        """
        labels = [p.version for p in self.periods]
        if version not in labels:
            msg = f"{self.name} has no version {version!r} (versions: {', '.join(labels)})"
            raise SchemeError(msg)
        keep = labels.index(version) + 1
        allowed = set(labels[:keep])
        periods = self.periods[:keep]
        last = periods[-1].period.year_numbers[-1]
        rules = self.rules
        carry = next((r for r in rules if isinstance(r, CarryOver) and last in r.years), None)
        if carry is not None and carry.share != 0:
            # In that version the period ended in *last*: nothing carried beyond it.
            rules = (
                *(
                    attrs.evolve(r, years=tuple(y for y in r.years if y != last)) if r is carry else r
                    for r in rules
                    if r is not carry or r.years != (last,)
                ),
                CarryOver.none(
                    years=last,
                    source=f"{periods[-1].source}: {last} is the last year of the grant period",
                ),
            )
        return attrs.evolve(
            self,
            periods=periods,
            rules=rules,
            budgets=tuple(b for b in self.budgets if not b.version or b.version in allowed),
        )

    def check_year(self, year: object) -> int:
        """
        *year*, if it lies in the grant period.

        Raises:
            SchemeError: The year is not in the period; the message names it.
        """
        if isinstance(year, bool) or not isinstance(year, int) or year not in self.years:
            msg = (
                f"{self.name} has no rules for {year!r}: its grant period is "
                f"{self.period} ({_years_text(self.years)})"
            )
            raise SchemeError(msg)
        return year

    # -- rules -------------------------------------------------------------------------

    def rules_for(self, year: int) -> YearRules:
        """
        The rules in force in *year*.

        Raises:
            SchemeError: *year* lies outside the grant period.
        """
        cached = self._year_rules.get(year) if type(year) is int else None
        if cached is not None:
            return cached
        year = self.check_year(year)

        def one(kind: type[Any]) -> Any:
            return next(r for r in self.rules if isinstance(r, kind) and year in r.years)

        rules = self._year_rules[year] = YearRules(
            year=year,
            is_last=year == self.years[-1],
            applicant=one(Applicant),
            walls=one(Walls),
            shifting=one(Shifting),
            carry_over=one(CarryOver),
            determination=one(Determination),
            advance=one(Advance),
            provisional=self.provisional,
            previous_carry_over=(
                next(r for r in self.rules if isinstance(r, CarryOver) and year - 1 in r.years)
                if year - 1 in self.years
                else None
            ),
        )
        return rules

    def with_rule(self, rule: Rule) -> Scheme:
        """
        A variant in which *rule* is in force in its years, replacing the rule
        of the same kind in those years.

        >>> from izafunding.schemes import SPUK_GALA
        >>> what_if = SPUK_GALA.with_rule(attrs.evolve(
        ...     SPUK_GALA.rules_for(2023).carry_over, years=2024,
        ...     source="what if 2024 had the 2023 carry-over"))
        >>> what_if.rules_for(2024).carry_over.share
        Fraction(1, 5)
        >>> SPUK_GALA.rules_for(2024).carry_over.share
        Fraction(0, 1)
        """
        (rule,) = _rules_tuple((rule,))
        kept: list[Rule] = []
        for old in self.rules:
            if type(old) is not type(rule):
                kept.append(old)
                continue
            years = tuple(y for y in old.years if y not in rule.years)
            if years:
                kept.append(attrs.evolve(old, years=years))
        return attrs.evolve(self, rules=(*kept, rule))

    # -- components -----------------------------------------------------------------------

    def component(self, name: str) -> Component:
        """
        The component called *name*.

        Raises:
            UnknownNameError: No such component; the message lists the closest.
        """
        for c in self.components:
            if c.name == name:
                return c
        names = [c.name for c in self.components]
        if not names:
            msg = (
                f"{self.name} has no components; give one amount per year (got component {name!r})"
            )
            raise UnknownNameError(msg)
        hint = did_you_mean(str(name), names)
        msg = f"{self.name} has no component {name!r} (components: {', '.join(names)}){hint}"
        raise UnknownNameError(msg)

    def themes(self) -> tuple[str, ...]:
        """The main themes (*hoofdthema's*), in the order of the components."""
        return tuple(dict.fromkeys(c.theme for c in self.components))

    # -- explanation ------------------------------------------------------------------------

    def rules_table(self) -> list[dict[str, str]]:
        """
        One row per kind of rule, one column per year: the dated rules as a
        table (plain rows, ready for ``pandas.DataFrame(rows)``).
        """
        rows: list[dict[str, str]] = []
        per_year = {y: self.rules_for(y) for y in self.years}
        for kind, label in _KIND_NAMES.items():
            row = {"rule": label}
            for y, rules in per_year.items():
                rule = next(r for r in rules.all() if isinstance(r, kind))
                text = rule.describe()
                if rule.open_question:
                    text += " (open)"
                row[str(y)] = text
            rows.append(row)
        if self.provisional:
            rows.append({"rule": "status", **{str(y): PROVISIONAL for y in self.years}})
        return rows

    def rules_markdown(self) -> str:
        """The dated rules as a Markdown table."""
        rows = self.rules_table()
        head = ["rule", *map(str, self.years)]
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(row[h] for h in head) + " |" for row in rows]
        return "\n".join(lines)

    def sources(self) -> tuple[str, ...]:
        """The distinct sources of the scheme's rules, in the order of the rules."""
        return tuple(dict.fromkeys(r.source for r in self.rules))

    def explain(self) -> tuple[str, ...]:
        """Every rule of every year, with its source; then the national budgets."""
        lines = [f"{self.label}: {self.title}", f"Source: {self.source}"]
        lines.append(f"Grant period: {self.period} (version {self.version})")
        for p in self.periods[:-1]:
            lines.append(f"  earlier version {p.version}: {p.period} [source: {p.source}]")
        for y in self.years:
            lines += self.rules_for(y).explain()
        for b in self.budgets:
            lines.append(f"National: {b.describe()} [source: {b.source}]")
        return tuple(lines)

    def __repr__(self) -> str:
        return f"<Scheme {self.label}: {self.period}, {len(self.rules)} rules>"

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

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from hypothesis import strategies as st

from ._core.keys import AllocationKey, Composite, Equal, Fixed, ProRata
from ._core.money import Money
from ._core.periods import Period
from ._core.regions import InhabitantCount, Member, Municipality
from ._core.rounding import HalfUpEach, LargestRemainder, Rounding
from ._scenarios.base import MUNICIPALITIES, MemberSplit
from ._scenarios.inputs import CostLine, Offset, Reduction
from ._scenarios.scenario import Scenario
from ._schemes.grants import Grant
from ._schemes.scheme import Scheme
from ._transformation.milestones import CommonFactor, Milestone, MilestoneKind
from ._transformation.schedule import MilestoneSchedule


__all__ = [
    "chances",
    "common_factors",
    "composite_keys",
    "cost_lines",
    "equal_keys",
    "fixed_keys",
    "grants",
    "keys",
    "milestone_schedules",
    "milestones",
    "money",
    "periods",
    "pro_rata_keys",
    "recipients",
    "roundings",
    "scenarios",
    "schemes",
    "spending",
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


_LINE_PARTNERS = ("partners", "Zilveren Kruis", "GGD")


def _names(*, min_size: int, max_size: int) -> st.SearchStrategy[list[str]]:
    name = st.text(
        alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Zs"), max_codepoint=0x24F),
        min_size=1,
        max_size=16,
    ).filter(lambda text: bool(text.strip()))
    return st.lists(name, min_size=min_size, max_size=max_size, unique=True)


@st.composite
def cost_lines(
    draw: st.DrawFn, *, name: str | None = None, members: Sequence[str] | None = None
) -> CostLine:
    """
    Cost lines: an annual amount up to € 10 million, reductions that never
    exceed a month's part of it (so any period of whole months can carry
    them), shares between ``"municipalities"`` and up to two partners, and
    a split equally, by inhabitants or (given *members*) by weights over
    some of them.
    """
    line_name = name if name is not None else draw(_names(min_size=1, max_size=1))[0]
    annual = draw(money(min_value=Money(0), max_value=Money(10_000_000)))
    room = annual.cents // 12
    reductions = [
        Reduction(amount=Money.from_cents(draw(st.integers(0, room // 2))), reason="saving")
        for _ in range(draw(st.integers(0, 2)))
    ]
    partners = draw(st.lists(st.sampled_from(_LINE_PARTNERS), unique=True, max_size=2))
    raw = [draw(st.integers(0, 100)) for _ in range(1 + len(partners))]
    if sum(raw) == 0:
        raw[0] = 1
    shares = {
        name_: Fraction(r, sum(raw))
        for name_, r in zip([MUNICIPALITIES, *partners], raw, strict=True)
    }
    splits: list[st.SearchStrategy[MemberSplit | ProRata]] = [
        st.sampled_from(MemberSplit),
    ]
    if members:
        chosen = draw(st.lists(st.sampled_from(list(members)), min_size=1, unique=True))
        splits.append(st.just(ProRata({m: draw(st.integers(1, 1000)) for m in chosen})))
    split = draw(st.one_of(*splits))
    return CostLine(
        name=line_name, annual=annual, reductions=reductions, shares=shares, split=split
    )


@st.composite
def scenarios(
    draw: st.DrawFn,
    *,
    max_lines: int = 5,
    max_members: int = 10,
    rounding: st.SearchStrategy[Rounding] | None = None,
) -> Scenario:
    """
    Valid scenarios: a quarter, month or year in 2024-2026, up to
    *max_lines* cost lines, up to *max_members* members with inhabitants, up
    to two offsets, and a rounding (by default largest remainder in cents
    or half up each to a cent or a euro; largest remainder in euros cannot
    divide amounts with cents).
    """
    names = draw(_names(min_size=1, max_size=max_members))
    members = [
        Member(
            municipality=Municipality(n),
            inhabitants=InhabitantCount(
                count=draw(st.integers(1, 300_000)), reference_date=None, source="generated"
            ),
        )
        for n in names
    ]
    line_names = draw(_names(min_size=1, max_size=max_lines))
    lines = [draw(cost_lines(name=n, members=names)) for n in line_names]
    offsets = [
        Offset(
            name=n,
            amount=draw(money(min_value=Money(0), max_value=Money(1_000_000))),
            split=draw(st.sampled_from(MemberSplit)),
        )
        for n in draw(st.lists(st.sampled_from(["ZonMw", "insurer", "province"]), unique=True, max_size=2))
    ]
    year = draw(st.integers(2024, 2026))
    period = draw(
        st.one_of(
            st.just(Period.year(year)),
            st.integers(1, 4).map(lambda q: Period.quarter(year, q)),
            st.integers(1, 12).map(lambda m: Period.month(year, m)),
        )
    )
    if rounding is None:
        rounding = st.one_of(
            st.just(LargestRemainder()),
            st.sampled_from([Money("0.01"), Money(1)]).map(HalfUpEach),
        )
    return Scenario(
        name="generated",
        period=period,
        lines=lines,
        members=members,
        rounding=draw(rounding),
        offsets=offsets,
    )


_AREAS = ("Zuidwijken", "Noordveen", "De Hoven", "Leesten", "Waterkwartier")
_MAX_MILESTONE = Money(500_000)
_PLAN_PERIOD = Period.years_range(2024, 2027)


@st.composite
def milestones(
    draw: st.DrawFn,
    *,
    name: str = "M1",
    bearers: Sequence[str] = ("gemeente", "zorgaanbieder"),
    max_areas: int = 3,
    max_amount: Money = _MAX_MILESTONE,
    period: Period = _PLAN_PERIOD,
) -> Milestone:
    """A ``Milestone`` called *name*: any kind, a positive amount, due inside *period*."""
    amount = draw(money(min_value=Money("0.01"), max_value=max_amount))
    first, last = period.first_day.toordinal(), period.last_day.toordinal()
    due = date.fromordinal(draw(st.integers(first, last)))
    areas = draw(st.lists(st.sampled_from(_AREAS), min_size=1, max_size=max_areas, unique=True))
    withheld = draw(st.one_of(st.just(Money(0)), money(min_value=Money(0), max_value=amount)))
    return Milestone(
        name=name,
        kind=draw(st.sampled_from(MilestoneKind)),
        amount=amount,
        due=due,
        areas=tuple(areas),
        bearer=draw(st.sampled_from(list(bearers))),
        withheld=withheld,
    )


@st.composite
def milestone_schedules(
    draw: st.DrawFn,
    *,
    min_milestones: int = 1,
    max_milestones: int = 8,
    bearers: Sequence[str] = ("gemeente", "zorgaanbieder"),
    max_areas: int = 3,
    max_amount: Money = _MAX_MILESTONE,
) -> MilestoneSchedule:
    """
    A ``MilestoneSchedule`` of uniquely named milestones inside 2024-2027,
    with its budget per year and split per bearer (so it checks itself).
    """
    count = draw(st.integers(min_milestones, max_milestones))
    period = _PLAN_PERIOD
    items = [
        draw(milestones(name=f"M{i + 1}", bearers=bearers, max_areas=max_areas,
                        max_amount=max_amount, period=period))
        for i in range(count)
    ]
    plain = MilestoneSchedule(items, period=period)
    return MilestoneSchedule(items, period=period, budget=plain.by_year(), bearers=plain.by_bearer())


def _chance() -> st.SearchStrategy[Fraction]:
    return st.one_of(
        st.sampled_from([Fraction(0), Fraction(1), Fraction(1, 2), Fraction(9, 10)]),
        st.fractions(min_value=0, max_value=1, max_denominator=20),
    )


@st.composite
def chances(draw: st.DrawFn, schedule: MilestoneSchedule) -> dict[str | tuple[str, str], Fraction]:
    """Exact chances for every (milestone, area) of *schedule* (some 0 or 1)."""
    return {(m.name, a): draw(_chance()) for m in schedule.milestones for a in m.areas}


@st.composite
def common_factors(draw: st.DrawFn, schedule: MilestoneSchedule, *, max_scenarios: int = 3) -> CommonFactor:
    """A ``CommonFactor``: two or more weighted scenarios, each with chances for *schedule*."""
    n = draw(st.integers(2, max_scenarios))
    raw = [draw(st.integers(1, 10)) for _ in range(n)]
    return CommonFactor(
        {f"scenario {i + 1}": (Fraction(r, sum(raw)), draw(chances(schedule))) for i, r in enumerate(raw)}
    )


# -- schemes, grants and spending ---------------------------------------------------------


def schemes() -> st.SearchStrategy[Scheme]:
    """The ready schemes: SPUK IZA, SPUK GALA and SPUK Transformatiemiddelen."""
    from .schemes import SPUK_GALA, SPUK_IZA, SPUK_TRANSFORMATION

    return st.sampled_from([SPUK_IZA, SPUK_GALA, SPUK_TRANSFORMATION])


_AWARD_MAX = Money(5_000_000)


@st.composite
def grants(draw: st.DrawFn, *, scheme: Scheme | None = None) -> Grant:
    """
    Grants under *scheme* (or any ready scheme): consecutive years of its
    period, an amount per component in years with walls (over a few of the
    components), one amount otherwise; advances as the scheme's rule says,
    or sometimes less.
    """
    chosen = draw(schemes()) if scheme is None else scheme
    years = chosen.years
    first = draw(st.integers(0, len(years) - 1))
    last = draw(st.integers(first, len(years) - 1))
    awarded: dict[int, Money | dict[str, Money]] = {}
    amount = money(min_value=Money(0), max_value=_AWARD_MAX)
    for year in years[first : last + 1]:
        if chosen.rules_for(year).has_walls and chosen.components:
            names = draw(
                st.lists(
                    st.sampled_from([c.name for c in chosen.components]),
                    min_size=1,
                    max_size=5,
                    unique=True,
                )
            )
            awarded[year] = {n: draw(amount) for n in names}
        else:
            awarded[year] = draw(amount)
    grant = Grant(scheme=chosen, recipient="Generated", awarded=awarded)
    if draw(st.booleans()):
        return grant
    assert grant.advances is not None
    advances = {y: draw(money(min_value=Money(0), max_value=a)) for y, a in grant.advances.items()}
    return Grant(scheme=chosen, recipient="Generated", awarded=awarded, advances=advances)


@st.composite
def spending(draw: st.DrawFn, grant: Grant) -> dict[int, Money | dict[str, Money]]:
    """
    Spending for *grant* in the shape of its awards: per year of the award
    (and sometimes the next year of the period), per component where the
    year has walls; amounts from nothing to well above the award, often
    exactly the award.
    """
    scheme = grant.scheme
    years = list(grant.years)
    if years[-1] != scheme.years[-1] and draw(st.booleans()):
        years.append(years[-1] + 1)
    spent: dict[int, Money | dict[str, Money]] = {}
    for year in years:
        award = grant.awarded.get(year)
        components: dict[str, Money] = dict(award) if isinstance(award, Mapping) else {}
        walls = scheme.rules_for(year).has_walls and bool(scheme.components)
        if walls:
            extra = draw(
                st.lists(st.sampled_from([c.name for c in scheme.components]), max_size=3)
            )
            for name in extra:
                components.setdefault(name, Money(0))
            spent[year] = {n: draw(_spend_near(a)) for n, a in components.items()}
        else:
            total = grant.awarded_in(year)
            spent[year] = draw(_spend_near(total))
    return spent


def _spend_near(award: Money) -> st.SearchStrategy[Money]:
    top = Money.from_cents(max(2 * award.cents, 100_000_00))
    return st.one_of(
        st.just(award),
        st.just(Money(0)),
        money(min_value=Money(0), max_value=award),
        money(min_value=Money(0), max_value=top),
    )

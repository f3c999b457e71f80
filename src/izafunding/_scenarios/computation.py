"""How a scenario's figures are computed: the lines grouped by key, the composite split over the
members, the offsets, the member table (rounded as a whole under largest remainder) and the
explanation of each member's figures."""

from __future__ import annotations

import functools
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs

from .._core.allocation import Allocation
from .._core.keys import AllocationKey, Composite, Equal, ProRata
from .._core.money import Money
from .._core.regions import Member
from .._core.rounding import LargestRemainder, allocate
from .._core.twoway import TwoWayRounding, round_two_way
from .._render.formats import exact_euros, number
from ..errors import ScenarioError, UnknownNameError
from .base import MemberSplit, Split
from .figures import LineFigures, MemberFigures
from .inputs import Offset


if TYPE_CHECKING:
    from .scenario import Scenario


__all__ = ["compute", "explain_member", "key_for"]


@attrs.frozen(kw_only=True)
class _Group:
    """Lines whose municipal parts are split by the same key."""

    label: str
    split: Split
    key: AllocationKey
    lines: tuple[str, ...]
    amount: Money
    allocation: Allocation


@attrs.frozen(kw_only=True)
class _Computed:
    lines: tuple[LineFigures, ...]
    groups: tuple[_Group, ...]
    municipal_split: Allocation
    offsets: tuple[tuple[Offset, Allocation], ...]
    members: tuple[MemberFigures, ...]


def key_for(scenario: Scenario, split: Split, owner: str) -> AllocationKey:
    names = tuple(member.name for member in scenario.members)
    if split is MemberSplit.EQUAL:
        return Equal(names)
    if split is MemberSplit.INHABITANTS:
        missing = [m.name for m in scenario.members if m.inhabitants is None]
        if missing:
            msg = (
                f"{owner} is split by inhabitants, but {', '.join(missing)} "
                f"{'has' if len(missing) == 1 else 'have'} no inhabitant count; give "
                f"every member an InhabitantCount or split {owner} equally"
            )
            raise ScenarioError(msg)
        return ProRata({m.name: m.inhabitants.count for m in scenario.members if m.inhabitants})
    assert isinstance(split, AllocationKey)
    for recipient in split.recipients:
        if recipient not in names:
            msg = (
                f"{owner}: {recipient!r} is not a member municipality of the scenario "
                f"(members: {', '.join(names)})"
            )
            raise UnknownNameError(msg)
    return split

def compute(scenario: Scenario) -> _Computed:
    """Every figure of *scenario*: its lines, groups of lines, composite split, offsets, members."""
    lines = tuple(
        line.figures(scenario.period, rounding=scenario.line_rounding, basis=scenario.basis)
        for line in scenario.lines
    )
    # Lines with the same split form one group (one column of a document).
    grouped: dict[int, tuple[Split, AllocationKey, list[str], Money]] = {}
    order: list[Split] = []
    for figures in lines:
        split = figures.line.split
        key = key_for(scenario, split, f"cost line {figures.name!r}")
        if split in order:
            i = order.index(split)
            _, _, names_of, amount = grouped[i]
            names_of.append(figures.name)
            grouped[i] = (split, key, names_of, amount + figures.municipal)
        else:
            grouped[len(order)] = (split, key, [figures.name], figures.municipal)
            order.append(split)
    groups = [
        _Group(
            label=(
                split.describe()
                if isinstance(split, MemberSplit)
                else f"by the key of {names_of[0]}"
            ),
            split=split,
            key=key,
            lines=tuple(names_of),
            amount=amount,
            allocation=allocate(amount, key, rounding=scenario.rounding),
        )
        for split, key, names_of, amount in sorted(
            grouped.values(), key=lambda g: _group_rank(g[0], order)
        )
    ]
    municipal = sum((f.municipal for f in lines), Money.zero())
    names = tuple(member.name for member in scenario.members)
    if municipal.is_zero():
        composite: AllocationKey = Equal(names)
    else:
        parts: list[tuple[Money, AllocationKey]] = [(g.amount, g.key) for g in groups]
        covered = {r for g in groups if not g.amount.is_zero() for r in g.key.recipients}
        if set(names) - covered:
            # Every member appears in the split, with a part of zero if no key names it.
            parts.insert(0, (Money.zero(), Equal(names)))
        composite = Composite.from_amounts(parts)
    municipal_split = allocate(municipal, composite, rounding=scenario.rounding)
    offsets = tuple(
        (
            offset,
            allocate(
                offset.amount,
                key_for(scenario, offset.split, f"offset {offset.name!r}"),
                rounding=scenario.rounding,
            ),
        )
        for offset in scenario.offsets
    )
    # One exact computation of the composite key for all members.
    nums, den = municipal_split.key.integer_shares()
    exact = {
        r: municipal.as_fraction() * Fraction(n, den)
        for r, n in zip(municipal_split.key.recipients, nums, strict=True)
    }
    two_way = _two_way(scenario, tuple(groups), municipal)
    members = tuple(
        _member_figures(scenario,
            member, tuple(groups), municipal_split, offsets, exact[member.name], two_way
        )
        for member in scenario.members
    )
    return _Computed(
        lines=lines,
        groups=tuple(groups),
        municipal_split=municipal_split,
        offsets=offsets,
        members=members,
    )

def _describe_key(scenario: Scenario, split: Split, key: AllocationKey, name: str) -> str:
    if split is MemberSplit.INHABITANTS:
        member = scenario.member_info(name)
        count = member.inhabitants
        assert count is not None
        total = sum(m.inhabitants.count for m in scenario.members if m.inhabitants)
        when = (
            f"reference date {count.reference_date.isoformat()}"
            if count.reference_date
            else "reference date not stated"
        )
        return (
            f"{number(Fraction(count.count))} of {number(Fraction(total))} "
            f"inhabitants ({when})"
        )
    if name not in key.recipients:
        return "not in this key"
    return key.describe(name)

def _member_figures(
    scenario: Scenario,
    member: Member,
    groups: tuple[_Group, ...],
    municipal_split: Allocation,
    offsets: tuple[tuple[Offset, Allocation], ...],
    exact: Fraction,
    two_way: TwoWayRounding | None,
) -> MemberFigures:
    name = member.name
    if two_way is None:
        columns = tuple(
            (g.label, g.allocation[name] if name in g.key.recipients else Money.zero())
            for g in groups
        )
        pays = municipal_split[name]
    else:
        columns = tuple((g.label, two_way.cell(name, g.label)) for g in groups)
        pays = two_way.row_totals[two_way.rows.index(name)]
    return MemberFigures(
        name=name,
        pays=pays,
        exact=exact,
        columns=columns,
        # An offset may be split over some members only; the others receive nothing.
        offsets=tuple(
            (offset.name, alloc[name] if name in alloc else Money.zero())
            for offset, alloc in offsets
        ),
        explain_with=functools.partial(explain_member, scenario, name),
    )

def _two_way(scenario: Scenario, groups: tuple[_Group, ...], municipal: Money) -> TwoWayRounding | None:
    """
    Under largest remainder, the member table (members x groups of lines) rounded as a
    whole, so that every row adds up to what the member pays and every column to its
    group's amount (:func:`~izafunding._core.twoway.round_two_way`); under a document's
    own rounding (``HalfUpEach``) None: each column is rounded on its own, as the
    document did, and the table shows the residues.
    """
    if not isinstance(scenario.rounding, LargestRemainder) or municipal.is_zero() or not groups:
        return None
    exact = {
        m.name: {
            g.label: g.allocation.exact_amount(m.name) if m.name in g.key.recipients else Fraction(0)
            for g in groups
        }
        for m in scenario.members
    }
    unit = scenario.rounding.unit.cents
    return round_two_way(
        exact,
        columns=[g.label for g in groups],
        rounding=scenario.rounding,
        total=municipal if municipal.cents % unit == 0 else None,
    )

def explain_member(scenario: Scenario, name: str) -> tuple[str, ...]:
    """How a member's figures were computed (built only when asked)."""
    computed = scenario._computed
    split = computed.municipal_split
    figures = scenario.member(name)
    rounding = scenario.rounding.describe()
    text = [f"{name} pays {figures.pays} of the municipal {split.target}:"]
    for group in computed.groups:
        alloc = group.allocation
        exact = alloc.exact_amount(name) if name in group.key.recipients else Fraction(0)
        text.append(
            f"  {group.label}: {_describe_key(scenario, group.split, group.key, name)} of "
            f"{group.amount} ({', '.join(group.lines)}) = {exact_euros(exact)}"
        )
    extra = split.extra_units(name)
    extra_text = (
        f", +{extra} unit of {scenario.rounding.unit} for a largest remainder" if extra else ""
    )
    if isinstance(scenario.rounding, LargestRemainder) and computed.groups:
        parts = " + ".join(str(amount) for _, amount in figures.columns)
        text.append(
            f"  together {exact_euros(figures.exact)} unrounded; the member table is rounded "
            f"as a whole ({rounding}, controlled rounding: every row and every column adds "
            f"up) -> {parts} = {figures.pays}"
            + (
                ""
                if figures.pays == split[name]
                else f" (the composite split rounded on its own, municipal_split, gives "
                f"{split[name]}: a row of a table that adds up both ways can differ from it "
                f"by one unit)"
            )
        )
    else:
        text.append(
            f"  together {exact_euros(figures.exact)} unrounded, rounded once ({rounding}"
            f"{extra_text}) -> {split[name]}"
        )
    for offset, alloc in computed.offsets:
        cited = f" (source: {offset.source})" if offset.source else ""
        text.append(
            f"  offset {offset.name}: "
            f"{_describe_key(scenario, offset.split, alloc.key, name)} of {offset.amount} "
            f"= {exact_euros(alloc.exact_amount(name))} ({rounding}) -> -{alloc[name]}{cited}"
        )
    if computed.offsets:
        text.append(f"  net {figures.net}")
    return tuple(text)


def _group_rank(split: Split, order: list[Split]) -> tuple[int, int]:
    """Equal first, then by inhabitants, then other keys in the order of the lines."""
    if split is MemberSplit.EQUAL:
        return (0, 0)
    if split is MemberSplit.INHABITANTS:
        return (1, 0)
    return (2, order.index(split))

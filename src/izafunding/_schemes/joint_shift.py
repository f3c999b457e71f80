"""
The shifting of a year with walls chosen with the next year in view: the joint optimum of
two settled years with walls (GALA 2023 and 2024), computed exactly as a minimum-cost flow
in cents (docs/schemes-spuk-gala.md, "2023 and 2024 settled together").

Within one year the settlement engine's closed form is optimal (:func:`.settlement_engine.
_shift`), counting money carried to the next year as kept. When the next year is settled too
and also has walls, money carried must be spent on the same component there, and what is not
is repaid; so where the year leaves a choice of which component gives up carry-over room to
cover another's overspend, that choice can change what the next year repays. This module
finds the shifting of the first year that is best for both years together, by this order of
preference (each decides only where the ones before it tie):

1. the least repayable over the two years;
2. of those, the most spent in the first year (shifted rather than carried).

It is computed for two years whose second carries nothing on (GALA 2024 as published: no
carry-over rule) and limits shifting, if at all, by a share of the award of the component
the money leaves. Then what the second year spends has a closed form, per group of
components between which money may shift there::

    spent in the group = min(what the group spent,
                             sum over its components of min(carried in + award,
                                                            spent + shifting limit))

(carried money is spent first, on its own component; its award next; an overspend is then
covered from the group's unspent awards, each up to its shifting limit). So a cent carried to
a component is worth a cent up to ``spent + shifting limit - award``, and the group together
up to what it spent: a network. Money is a flow from a source to a sink: each component's
unspent money of the first year (what its own spending leaves of its award), along arcs for
shifting to an overspend of its group (up to its limit; into the sink, worth ``2 * B + 1``)
and for carrying to the same component (up to its carry-over limit), then from what is
carried into the second year's worth (into the sink, worth ``2 * B``), with ``B`` more than
all the money, so that a cent more spent over both years outweighs any number of cents
moved between the years. A flow of least cost in integers is a best accounting (a flow in
integers always has an optimum in whole cents, so no finer split does better), and the
engine's own choice is worth the same formula, so the two compare exactly.

Under other readings (a carry-over from the second year, a shifting limit on the receiving
component, three years or more with walls) each year's shifting is the best for that year,
and where that year leaves a choice the next year could feel, a finding says so.

The engine settles the first year with the shifting read from the flow; where its own
levelled shifting (the largest amounts first, see :func:`.settlement_engine._level`) is as
good, it is kept, so that a year settled alone and a year settled with the next agree
whenever they can.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from .._core.flow import FlowNetwork
from .rules import ShiftBase, ShiftScope
from .scheme import YearRules


__all__ = ["FirstYear", "LaterYear", "best_shifts", "has_choice", "supported"]


@attrs.frozen(kw_only=True)
class FirstYear:
    """
    The first year, after each component's own spending: per component its unspent award,
    its uncovered spending (*need*), what moves on from what was carried into it (*again*),
    its shifting and carry-over limits, and the engine's own shifting (*outs*); and the
    main theme of every component of the scheme (*theme*).
    """

    rules: YearRules
    theme: Mapping[str, str]
    unspent: Mapping[str, int]
    need: Mapping[str, int]
    again: Mapping[str, int]
    shift_limit: Mapping[str, int]
    carry_limit: Mapping[str, int]
    outs: Mapping[str, int]


@attrs.frozen(kw_only=True)
class LaterYear:
    """The next year: its rules, and per component the award, the spending and the shifting limit."""

    rules: YearRules
    awarded: Mapping[str, int]
    spent: Mapping[str, int]
    shift_limit: Mapping[str, int]


def _group_key(rules: YearRules, theme: str) -> str | None:
    """The group within which money may shift in the year (``None``: it may not)."""
    shifting = rules.shifting
    if shifting.within is ShiftScope.NONE or shifting.share == 0:
        return None
    return theme if shifting.within is ShiftScope.MAIN_THEME else ""


def supported(first: FirstYear, later: Sequence[LaterYear]) -> bool:
    """
    Whether the joint optimum is computed for these years: two, the first carrying over
    per component (GALA 2023: 20% of each component's award), the second carrying nothing on
    (GALA 2024 as published) and limiting shifting, if at all, by the award of the component
    the money leaves.
    """
    if len(later) != 1:
        return False
    r0, r1 = first.rules, later[0].rules
    carries_on = not r1.is_last and (r1.carry_over.share != 0 or r1.carry_over.moves_again)
    by_source = _group_key(r1, "") is None or r1.shifting.base is ShiftBase.SOURCE_COMPONENT
    per_component = r0.carry_over.per_component or r0.carry_over.share == 0
    return per_component and by_source and not carries_on


def _gives_up_carry(first: FirstYear, names: Sequence[str]) -> bool:
    return any(
        first.outs.get(n, 0) > max(0, first.unspent[n] - first.carry_limit[n])
        for n in names
        if n in first.unspent
    )


def has_choice(first: FirstYear) -> bool:
    """
    Whether the first year's shifting leaves a choice the next year can feel: some
    component gives up money it could have carried (the engine's shifting takes what could
    not carry first, so otherwise what carries is the most it can be, whatever the choice).
    """
    return _gives_up_carry(first, list(first.unspent))


def _groups(first: FirstYear, later: LaterYear) -> list[list[str]]:
    """The components, in groups between which no money can move in either year."""
    names = sorted(set(first.unspent) | set(later.awarded) | set(later.spent))
    parent = {n: n for n in names}

    def root(n: str) -> str:
        while parent[n] != n:
            n = parent[n]
        return n

    for rules in (first.rules, later.rules):
        seen: dict[str, str] = {}
        for n in names:
            key = _group_key(rules, first.theme.get(n, ""))
            if key is None:
                continue
            if key in seen:
                parent[root(n)] = root(seen[key])
            else:
                seen[key] = n
    groups: dict[str, list[str]] = {}
    for n in names:
        groups.setdefault(root(n), []).append(n)
    return list(groups.values())


def _second_year(
    names: Sequence[str], first: FirstYear, later: LaterYear
) -> tuple[dict[str, int], dict[tuple[str, str], list[str]], dict[tuple[str, str], int]]:
    """
    Per component the most of what is carried into it that the second year can spend
    (its threshold), the second year's groups, and what each group can spend beyond its
    own awards.
    """
    threshold: dict[str, int] = {}
    members: dict[tuple[str, str], list[str]] = {}
    room: dict[tuple[str, str], int] = {}
    for n in names:
        award, spent = later.awarded.get(n, 0), later.spent.get(n, 0)
        key = _group_key(later.rules, first.theme.get(n, ""))
        limit = later.shift_limit.get(n, 0) if key is not None else 0
        group = ("own", n) if key is None else ("group", key)
        members.setdefault(group, []).append(n)
        room[group] = room.get(group, 0) + spent - min(award, spent + limit)
        threshold[n] = max(0, spent + limit - award)
    return threshold, members, room


def _own_value(names: Sequence[str], first: FirstYear, later: LaterYear, big: int) -> int:
    """The cost (as :func:`_optimum` counts it) of the engine's own shifting."""
    threshold, members, room = _second_year(names, first, later)
    carried = {
        n: min(first.unspent.get(n, 0) - first.outs.get(n, 0), first.carry_limit.get(n, 0))
        + first.again.get(n, 0)
        for n in names
    }
    spent_later = sum(
        min(max(0, room[g]), sum(min(carried[n], threshold[n]) for n in ms))
        for g, ms in members.items()
    )
    shifted = sum(first.outs.get(n, 0) for n in names)
    return -(2 * big + 1) * shifted - 2 * big * spent_later


def _optimum(
    names: Sequence[str], first: FirstYear, later: LaterYear, big: int
) -> tuple[int, dict[str, int]]:
    """The least cost over both years for the components *names*, and its shifting."""
    r0 = first.rules
    net = FlowNetwork()
    out_arcs: dict[str, int] = {}
    for n in names:
        if n not in first.unspent:
            continue
        unspent = first.unspent[n]
        net.add_arc("source", ("left", n), capacity=unspent, cost=0)
        if first.again.get(n, 0):
            net.add_arc("source", ("carried", n), capacity=first.again[n], cost=0)
        key = _group_key(r0, first.theme.get(n, ""))
        if key is not None:
            if r0.shifting.base is ShiftBase.SOURCE_COMPONENT:
                give, take = min(unspent, first.shift_limit[n]), first.need[n]
            else:
                give, take = unspent, min(first.need[n], first.shift_limit[n])
            out_arcs[n] = net.add_arc(("left", n), ("hub", key), capacity=give, cost=0)
            net.add_arc(("hub", key), "sink", capacity=take, cost=-(2 * big + 1))
        net.add_arc(("left", n), ("carried", n), capacity=first.carry_limit[n], cost=0)
    threshold, members, room = _second_year(names, first, later)
    for group, ms in members.items():
        for n in ms:
            net.add_arc(("carried", n), ("spends", group), capacity=threshold[n], cost=0)
        net.add_arc(("spends", group), "sink", capacity=max(0, room[group]), cost=-2 * big)
    cost = net.solve("source", "sink")
    return cost, {n: net.flow(a) for n, a in out_arcs.items()}


def best_shifts(first: FirstYear, later: Sequence[LaterYear]) -> dict[str, int] | None:
    """
    The first year's shifting out of each component that is best over both years, or
    ``None`` where the engine's own (:attr:`FirstYear.outs`) is as good, or where the
    years are not :func:`supported`.
    """
    if not supported(first, later) or not has_choice(first):
        return None
    outs = dict(first.outs)
    better = False
    for names in _groups(first, later[0]):
        if not _gives_up_carry(first, names):
            continue
        big = sum(first.unspent.get(n, 0) + first.again.get(n, 0) for n in names) + 1
        best, shifts = _optimum(names, first, later[0], big)
        own = _own_value(names, first, later[0], big)
        assert best <= own, "the joint optimum is never worse than the engine's own shifting"
        if best < own:
            better = True
            outs.update(shifts)
    return outs if better else None

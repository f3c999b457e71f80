"""
The shifting of a year with walls chosen with the next years in view: the joint optimum
of consecutive settled years with walls (GALA 2023 and 2024), computed exactly as a
minimum-cost flow in cents (docs/schemes-spuk-gala.md, "Years settled together").

Within one year the settlement engine's closed form is optimal (:func:`.settlement_engine.
_shift`), counting money carried to the next year as kept. When the next year is settled too
and also has walls, money carried must be spent on the same component there, and what is not
is repaid; so where the year leaves a choice of which component gives up carry-over room to
cover another's overspend, that choice can change what the next year repays. This module
finds the shifting of the first year of such a run of years that is best for all of them
together, by this order of preference (each decides only where the ones before it tie):

1. the least repayable over the years of the run, money carried on from its last year
   counted as kept (it is at worst repaid later, so more of it never costs more);
2. of those, the most spent (eligible) over the run;
3. of those, the most spent in the first year (shifted rather than carried).

Money is a flow from a source to a sink: each component's award of each year (in the
first year: what its own spending leaves of it), along arcs for spending on the component
itself, shifting (within the year's group, up to its limit), carrying to the same
component in the next year (up to its limit) and carrying on from the run's last year; an
arc into the sink is worth a weight that encodes the order above (``B**2 + B + 1`` for
spending in the first year, ``B**2 + B`` later, ``B**2`` for carrying on, with ``B`` more
than all the money, so that a cent of a better kind outweighs any number of cents of a
worse one). A flow of least cost in integers is then a best accounting: flows in integers
always have an optimum in whole cents, so no finer split can do better.

The shifting of the first year is read from that flow; the engine then settles that year
with it and takes the next year as the first of the rest of the run (the later years' own
choices are made the same way). Where the engine's levelled shifting (the largest amounts
first, see :func:`.settlement_engine._level`) already reaches the optimum, it is kept, so
that a year settled alone and a year settled with the next agree whenever they can.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from .._core.flow import FlowNetwork
from .rules import ShiftBase, ShiftScope
from .scheme import YearRules


__all__ = ["FirstYear", "LaterYear", "best_shifts"]


@attrs.frozen(kw_only=True)
class FirstYear:
    """
    The first year of the run, after each component's own spending: per component its
    award, its main theme, its unspent award, its uncovered spending (*need*), what moves
    on from what was carried into it (*again*), and the engine's own shifting (*outs*).
    """

    rules: YearRules
    awarded: Mapping[str, int]
    theme: Mapping[str, str]
    unspent: Mapping[str, int]
    need: Mapping[str, int]
    again: Mapping[str, int]
    outs: Mapping[str, int]


@attrs.frozen(kw_only=True)
class LaterYear:
    """A later year of the run: its rules, and per component the award and the spending."""

    rules: YearRules
    awarded: Mapping[str, int]
    spent: Mapping[str, int]


def _group_key(rules: YearRules, theme: str) -> str | None:
    """The group within which money may shift in the year (``None``: it may not)."""
    shifting = rules.shifting
    if shifting.within is ShiftScope.NONE or shifting.share == 0:
        return None
    return theme if shifting.within is ShiftScope.MAIN_THEME else ""


def _carry_limit(rules: YearRules, award: int) -> int:
    from .._core.money import Money

    if rules.is_last or rules.carry_over.share == 0:
        return 0
    return rules.carry_over.limit(Money.from_cents(award)).cents


def _shift_limit(rules: YearRules, award: int) -> int:
    from .._core.money import Money

    return rules.shifting.limit(Money.from_cents(award)).cents


def _groups(first: FirstYear, later: Sequence[LaterYear]) -> list[list[str]]:
    """The components, in groups between which no money can move in any year of the run."""
    names = sorted(set(first.awarded) | set(first.unspent) | {n for y in later for n in y.awarded})
    parent = {n: n for n in names}

    def root(n: str) -> str:
        while parent[n] != n:
            n = parent[n]
        return n

    end = later[-1].rules if later else first.rules
    if not end.is_last and end.carry_over.share and not end.carry_over.per_component:
        # One carry-over limit for the whole award of the run's last year: it binds all.
        for n in names:
            parent[root(n)] = root(names[0])
    for rules in [first.rules, *(y.rules for y in later)]:
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


def _solve(
    names: list[str], first: FirstYear, later: Sequence[LaterYear], *, fixed: bool
) -> tuple[int, dict[str, int]]:
    """
    The least cost over the run for the components *names*, and the first year's
    shifting of that flow. With *fixed*, the first year's shifting is the engine's own.
    """
    r0 = first.rules
    big = (
        sum(first.unspent.get(n, 0) + first.again.get(n, 0) for n in names)
        + sum(y.awarded.get(n, 0) for y in later for n in names)
        + 1
    )
    w_first, w_later, w_kept = big * big + big + 1, big * big + big, big * big
    net = FlowNetwork()
    constant = 0
    out_arcs: dict[str, int] = {}
    base = r0.shifting.base
    key0 = {n: _group_key(r0, first.theme.get(n, "")) for n in names}
    for n in names:  # the first year
        unspent = first.unspent.get(n, 0)
        need = first.need.get(n, 0)
        if fixed:
            unspent -= first.outs.get(n, 0)
        net.add_arc("source", ("left", 0, n), capacity=unspent, cost=0)
        if first.again.get(n, 0):
            net.add_arc("source", ("carried", 1, n), capacity=first.again[n], cost=0)
        if key0[n] is not None and not fixed:
            give = min(unspent, _shift_limit(r0, first.awarded.get(n, 0)))
            if base is not ShiftBase.SOURCE_COMPONENT:
                give = unspent
            out_arcs[n] = net.add_arc(("left", 0, n), ("hub", 0, key0[n]), capacity=give, cost=0)
            take = need
            if base is ShiftBase.TARGET_COMPONENT:
                take = min(need, _shift_limit(r0, first.awarded.get(n, 0)))
            net.add_arc(("hub", 0, key0[n]), "sink", capacity=take, cost=-w_first)
        carry = _carry_limit(r0, first.awarded.get(n, 0))
        net.add_arc(("left", 0, n), ("carried", 1, n), capacity=carry, cost=0)
    if fixed:
        shifted = sum(first.outs.get(n, 0) for n in names)
        constant = -w_first * shifted
    for i, year in enumerate(later, start=1):
        rules = year.rules
        last = i == len(later)
        for n in names:
            award = year.awarded.get(n, 0)
            key = _group_key(rules, first.theme.get(n, ""))
            net.add_arc("source", ("award", i, n), capacity=award, cost=0)
            net.add_arc(("award", i, n), ("spend", i, n), capacity=big, cost=0)
            net.add_arc(("carried", i, n), ("spend", i, n), capacity=big, cost=0)
            net.add_arc(("spend", i, n), "sink", capacity=year.spent.get(n, 0), cost=-w_later)
            if key is not None:
                if rules.shifting.base is ShiftBase.SOURCE_COMPONENT:
                    give, take = _shift_limit(rules, award), big
                else:
                    give, take = big, _shift_limit(rules, award)
                net.add_arc(("award", i, n), ("hub", i, key), capacity=give, cost=0)
                net.add_arc(("hub", i, key), ("spend", i, n), capacity=take, cost=0)
            carry = _carry_limit(rules, award)
            again = rules.carry_over.moves_again and not rules.is_last
            if not last:
                net.add_arc(("award", i, n), ("carried", i + 1, n), capacity=carry, cost=0)
                if again:
                    net.add_arc(("carried", i, n), ("carried", i + 1, n), capacity=big, cost=0)
            else:
                if rules.carry_over.per_component or not carry:
                    net.add_arc(("award", i, n), "sink", capacity=carry, cost=-w_kept)
                else:
                    net.add_arc(("award", i, n), ("kept", i), capacity=big, cost=0)
                if again:
                    net.add_arc(("carried", i, n), "sink", capacity=big, cost=-w_kept)
        if last and not rules.carry_over.per_component and rules.carry_over.share:
            whole = _carry_limit(rules, sum(year.awarded.get(n, 0) for n in names))
            net.add_arc(("kept", i), "sink", capacity=whole, cost=-w_kept)
    cost = net.solve("source", "sink") + constant
    return cost, {n: net.flow(a) for n, a in out_arcs.items()}


def supported(first: FirstYear, later: Sequence[LaterYear]) -> bool:
    """
    Whether the run can be optimised jointly: money carried between its years is
    limited per component (a limit on the whole award between two years with walls
    would make which component carries a further choice, not modelled here), and a
    whole-award limit applies only to the run's last year, whose carry-over is kept.
    """
    years = [first.rules, *(y.rules for y in later)][:-1]
    return all(r.carry_over.per_component or r.carry_over.share == 0 for r in years)


def best_shifts(first: FirstYear, later: Sequence[LaterYear]) -> dict[str, int] | None:
    """
    The first year's shifting out of each component that is best over the run, or
    ``None`` where the engine's own (:attr:`FirstYear.outs`) is as good.
    """
    r0 = first.rules
    if not later or not supported(first, later):
        return None
    limits = {n: _carry_limit(r0, first.awarded.get(n, 0)) for n in first.unspent}
    # The engine's shifting takes from what could not carry first; where no component gives
    # up carry-over room, what carries is the most it can be, whatever the choice.
    if all(first.outs.get(n, 0) <= max(0, u - limits[n]) for n, u in first.unspent.items()):
        return None
    outs = dict(first.outs)
    better = False
    for names in _groups(first, later):
        if all(
            first.outs.get(n, 0) <= max(0, first.unspent.get(n, 0) - limits.get(n, 0))
            for n in names
        ):
            continue
        best, shifts = _solve(names, first, later, fixed=False)
        own, _ = _solve(names, first, later, fixed=True)
        assert best <= own, "the joint optimum is never worse than the engine's own shifting"
        if best < own:
            better = True
            outs.update(shifts)
    return outs if better else None

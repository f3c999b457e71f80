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

1. the least repayable over the two years (money moving on from the second year, under a
   reading that lets it, counted as kept: it is at worst repaid later);
2. of those, the most spent over the two years;
3. of those, the most spent in the first year (shifted rather than carried);
4. of those, the least repayable in the first year (carried rather than repaid, where the
   second year repays it anyway);
5. of those, the most of the carried money spent on the overspend of the component it was
   carried for (rather than freeing its award to shift).

The last two make every year's figures (repayable, spent, shifted, carried) depend on the
amounts alone: components with the same figures under other names settle the same.

**The published rules** (:func:`_optimum`): the second year carries nothing on (GALA 2024:
no carry-over rule) and limits shifting, if at all, by a share of the award of the component
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
shifting to an overspend of its group (up to its limit) and for carrying to the same
component (up to its carry-over limit), then from what is carried into the second year's
worth, into the sink. Each arc into the sink, and the carrying and own-overspend arcs, is
worth a weight per cent that encodes the order above (:class:`_Weights`: powers of ``B``,
more than all the money, so that a cent of a better kind outweighs any number of cents of
a worse one). A flow of least cost in integers is a best accounting (a flow in
integers always has an optimum in whole cents, so no finer split does better), and the
engine's own choice is worth the same formula, so the two compare exactly.

**Other readings** (:func:`_layered_optimum`: a carry-over from the second year, a shifting
limit on the receiving component): the second year is a network of its own, each
component's spending in two layers, what it overspends its award by (which carried money
and shifted money may cover) and the rest (which carried money and its award may cover);
its award may also shift out or carry on. Such a network also allows an accounting the
rules do not: carried money that frees a component's award while its overspend is covered
by another's shifting (the component's own money comes first: an overspend is what is left
after it). Where nothing carries on from the second year that freedom gains nothing (what
the freed award could do, the shifting component's money can do instead), so one flow is
exact. Where money carries on, it can move carry-over room between components, so the
optimum is found by branch and bound: where a network's best flow has a component that overspends its award in
the second year take carried money into the rest of its spending while its overspend is not
all covered by carried money, that component is settled in each of its two cases in turn, a
sink (carried money covers only its overspend; its award is all spent) or a source (carried
money covers all its overspend first, forced by a weight above all others). A network's least
cost bounds every accounting of its case, and a flow with no such component is one the rules
allow, so the best such flow is the optimum (at most :data:`MAX_NETWORKS` networks a group).
Where unspent carried money moves on again from the second year (``moves_again``), it may do
so only once it has covered all its component's spending: a flow that moves it on sooner is
branched the same way, into a case where that component moves none on and one where carried
money covers all its spending first.

Not computed (each year's shifting is the best for that year, and where that year leaves a
choice the next year could feel, a ``choice made per year`` finding says so and why): three
or more years with walls in a row, one carry-over limit for the first year's whole award, and
a group that needs more than :data:`MAX_NETWORKS` networks (the other groups are still
optimised).

The engine settles the first year with the shifting read from the flow; where its own
levelled shifting (the largest amounts first, see :func:`.settlement_engine._level`) is as
good, it is kept, so that a year settled alone and a year settled with the next agree
whenever they can.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from .._core.flow import FlowNetwork
from .._core.money import Money
from .rules import ShiftBase, ShiftScope
from .scheme import YearRules


__all__ = ["FirstYear", "LaterYear", "best_shifts"]


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
    per component (GALA 2023: 20% of each component's award) or not at all.
    """
    per_component = first.rules.carry_over.per_component or first.rules.carry_over.share == 0
    return len(later) == 1 and per_component


def _moves_again(rules: YearRules) -> bool:
    return rules.carry_over.moves_again and not rules.is_last


def _carries_on(rules: YearRules) -> bool:
    """Whether money moves on from the year (and so counts as kept)."""
    return not rules.is_last and (rules.carry_over.share != 0 or rules.carry_over.moves_again)


def _closed_form(later: LaterYear) -> bool:
    """Whether what the second year spends has the closed form of :func:`_second_year`."""
    r1 = later.rules
    by_source = _group_key(r1, "") is None or r1.shifting.base is ShiftBase.SOURCE_COMPONENT
    return by_source and not _carries_on(r1)


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

    r1 = later.rules
    if _carries_on(r1) and r1.carry_over.share and not r1.carry_over.per_component:
        for n in names:  # one carry-over limit for the second year's whole award binds all
            parent[root(n)] = root(names[0])
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


@attrs.frozen
class _Weights:
    """
    What a cent is worth in a network, by the order of preference of the module: with
    *big* more than all the money, a cent of each level outweighs any number of cents of
    the levels below it.
    """

    big: int

    @property
    def kept(self) -> int:
        """Moving on from the second year (least repayable)."""
        return self.big**4

    @property
    def later(self) -> int:
        """Spent in the second year (least repayable, then most spent)."""
        return self.kept + self.big**3

    @property
    def first(self) -> int:
        """Shifted in the first year (and most spent in the first year)."""
        return self.later + self.big**2

    @property
    def carried(self) -> int:
        """Carried from the first year (where all else ties: kept, not repaid, in the first year)."""
        return self.big

    #: Carried money that covers its own component's overspend in the second year (where all
    #: else ties: spent on the component it was carried for, not freeing its award to shift).
    own = 1

    @property
    def forced(self) -> int:
        """What a case of :func:`_layered` forces, before anything else counts."""
        return self.big**5


def _own_value(names: Sequence[str], first: FirstYear, later: LaterYear, w: _Weights) -> int:
    """The cost (as :func:`_optimum` counts it) of the engine's own shifting."""
    threshold, members, room = _second_year(names, first, later)
    moved = {
        n: min(first.unspent.get(n, 0) - first.outs.get(n, 0), first.carry_limit.get(n, 0))
        for n in names
    }
    carried = {n: moved[n] + first.again.get(n, 0) for n in names}
    spent_later = sum(
        min(max(0, room[g]), sum(min(carried[n], threshold[n]) for n in ms))
        for g, ms in members.items()
    )
    own = sum(min(carried[n], _over(later, n)) for n in names)
    shifted = sum(first.outs.get(n, 0) for n in names)
    return -(
        w.first * shifted + w.later * spent_later + w.carried * sum(moved.values()) + w.own * own
    )


def _over(later: LaterYear, name: str) -> int:
    """What a component spends in the second year beyond its award there."""
    return max(0, later.spent.get(name, 0) - later.awarded.get(name, 0))


def _first_year(
    net: FlowNetwork, names: Sequence[str], first: FirstYear, w: _Weights, *, fixed: bool
) -> dict[str, int]:
    """
    The first year's arcs: each component's money left after its own spending shifts to an
    overspend of its group or carries to the same component; with *fixed*, the engine's own
    shifting is taken out first. Returns the shifting arcs.
    """
    r0 = first.rules
    out_arcs: dict[str, int] = {}
    for n in names:
        if n not in first.unspent:
            continue
        unspent = first.unspent[n] - (first.outs.get(n, 0) if fixed else 0)
        net.add_arc("source", ("left", n), capacity=unspent, cost=0)
        if first.again.get(n, 0):
            net.add_arc("source", ("carried", n), capacity=first.again[n], cost=0)
        key = _group_key(r0, first.theme.get(n, ""))
        if key is not None and not fixed:
            if r0.shifting.base is ShiftBase.SOURCE_COMPONENT:
                give, take = min(unspent, first.shift_limit[n]), first.need[n]
            else:
                give, take = unspent, min(first.need[n], first.shift_limit[n])
            out_arcs[n] = net.add_arc(("left", n), ("hub", key), capacity=give, cost=0)
            net.add_arc(("hub", key), "sink", capacity=take, cost=-w.first)
        net.add_arc(("left", n), ("carried", n), capacity=first.carry_limit[n], cost=-w.carried)
        # What is carried and not spent in the second year is repaid there: worth nothing more.
        net.add_arc(
            ("carried", n), "sink", capacity=first.carry_limit[n] + first.again.get(n, 0), cost=0
        )
    return out_arcs


def _optimum(
    names: Sequence[str], first: FirstYear, later: LaterYear, w: _Weights
) -> tuple[int, dict[str, int]]:
    """The least cost over both years for the components *names*, and its shifting."""
    net = FlowNetwork()
    out_arcs = _first_year(net, names, first, w, fixed=False)
    threshold, members, room = _second_year(names, first, later)
    for group, ms in members.items():
        for n in ms:
            # Carried money covers its own component's overspend first (spent there, whether
            # or not the group could have covered it by shifting); the rest frees its award.
            over = _over(later, n)
            net.add_arc(("carried", n), ("own", n), capacity=over, cost=-w.own)
            net.add_arc(("own", n), ("spends", group), capacity=over, cost=0)
            net.add_arc(("own", n), "sink", capacity=over, cost=0)
            net.add_arc(("carried", n), ("spends", group), capacity=threshold[n] - over, cost=0)
        net.add_arc(("spends", group), "sink", capacity=max(0, room[group]), cost=-w.later)
    cost = net.solve("source", "sink")
    return cost, {n: net.flow(a) for n, a in out_arcs.items()}


#: At most this many networks are solved for one group in :func:`_layered_optimum`; beyond
#: it, the year's own choice stands and a finding says so.
MAX_NETWORKS = 64


@attrs.frozen
class _Case:
    """
    What a branch of :func:`_layered_optimum` fixes about components of the second year:
    *sources* have all their overspend covered by carried money (which then frees their
    award), *sinks* only their overspend (their award is all spent), *drains* all their
    spending (so that what is left of carried money may move on again), and *stays* move
    no carried money on.
    """

    sources: frozenset[str] = frozenset()
    sinks: frozenset[str] = frozenset()
    drains: frozenset[str] = frozenset()
    stays: frozenset[str] = frozenset()


def _layered(
    names: Sequence[str],
    first: FirstYear,
    later: LaterYear,
    big: int,
    *,
    fixed: bool,
    case: _Case,
) -> tuple[int, dict[str, int], list[_Case]] | None:
    """
    The least cost over both years for the components *names*, where the second year
    carries money on (kept) or limits shifting by the receiving component: each
    component's second-year spending in two layers, what it overspends its award by and
    the rest, under what *case* fixes. Returns the cost, the first year's shifting, and
    the two cases to try instead if the flow is not an accounting the rules allow (none if
    it is): for the first component (by name) whose flow frees its award, or moves carried
    money on, while carried money does not cover what it must first. ``None`` if the case
    is impossible.
    """
    r1 = later.rules
    w = _Weights(big)
    w_kept, w_later, bonus = w.kept, w.later, w.forced
    net = FlowNetwork()
    out_arcs = _first_year(net, names, first, w, fixed=fixed)
    into_over: dict[str, int] = {}
    into_base: dict[str, int] = {}
    shifted_in: dict[str, int] = {}
    moved_on: dict[str, int] = {}
    whole = not r1.carry_over.per_component and r1.carry_over.share != 0
    carries_on = _carries_on(r1)
    again = _moves_again(r1)
    by_source = r1.shifting.base is ShiftBase.SOURCE_COMPONENT
    overs = {n: max(0, later.spent.get(n, 0) - later.awarded.get(n, 0)) for n in names}
    bases = {n: min(later.awarded.get(n, 0), later.spent.get(n, 0)) for n in names}
    for n in names:
        award, over, base = later.awarded.get(n, 0), overs[n], bases[n]
        drain = n in case.drains
        net.add_arc("source", ("award", n), capacity=award, cost=0)
        net.add_arc(("award", n), ("base", n), capacity=0 if drain else award, cost=0)
        net.add_arc(("base", n), "sink", capacity=base, cost=-w_later)
        net.add_arc(("over", n), "sink", capacity=over, cost=-w_later)
        cost = -bonus - w.own if n in case.sources else -w.own
        into_over[n] = net.add_arc(("carried", n), ("over", n), capacity=over, cost=cost)
        if n not in case.sinks:
            into_base[n] = net.add_arc(
                ("carried", n),
                ("base", n),
                capacity=base if drain else big,
                cost=-bonus if drain else 0,
            )
        key = _group_key(r1, first.theme.get(n, ""))
        if key is not None:
            limit = later.shift_limit.get(n, 0)
            net.add_arc(("award", n), ("hub2", key), capacity=limit if by_source else big, cost=0)
            if n not in case.sources:
                shifted_in[n] = net.add_arc(
                    ("hub2", key), ("over", n), capacity=big if by_source else limit, cost=0
                )
        if carries_on:
            if whole:
                net.add_arc(("award", n), "kept", capacity=big, cost=0)
            else:
                cap = r1.carry_over.limit(Money.from_cents(award)).cents
                net.add_arc(("award", n), "sink", capacity=cap, cost=-w_kept)
        if again and n not in case.stays and (n not in case.sinks or base == 0):
            moved_on[n] = net.add_arc(("carried", n), "sink", capacity=big, cost=-w_kept)
    if carries_on and whole:
        total = sum(later.awarded.get(n, 0) for n in names)
        net.add_arc(
            "kept",
            "sink",
            capacity=r1.carry_over.limit(Money.from_cents(total)).cents,
            cost=-w_kept,
        )
    cost = net.solve("source", "sink")

    def flow(arcs: Mapping[str, int], n: str) -> int:
        return net.flow(arcs[n]) if n in arcs else 0

    if any(flow(into_over, n) < overs[n] for n in case.sources) or any(
        flow(into_base, n) < bases[n] for n in case.drains
    ):
        return None
    cost += bonus * (sum(overs[n] for n in case.sources) + sum(bases[n] for n in case.drains))
    if fixed:
        cost -= w.first * sum(first.outs.get(n, 0) for n in names)
    shifts = {n: net.flow(a) for n, a in out_arcs.items()}
    for n in names:
        frees = flow(into_base, n) > 0 and (
            flow(into_over, n) < overs[n] or flow(shifted_in, n) > 0
        )
        if frees:  # carried money frees its award while its overspend is not all covered by it
            return (
                cost,
                shifts,
                [
                    attrs.evolve(case, sources=case.sources | {n}),
                    attrs.evolve(case, sinks=case.sinks | {n}),
                ],
            )
        moves = flow(moved_on, n) > 0 and (
            flow(into_over, n) < overs[n] or flow(into_base, n) < bases[n]
        )
        if moves and n not in case.drains:  # moved on before all its spending was covered
            options = [attrs.evolve(case, stays=case.stays | {n})]
            if n not in case.sinks:
                options.append(
                    attrs.evolve(case, sources=case.sources | {n}, drains=case.drains | {n})
                )
            return cost, shifts, options
    return cost, shifts, []


def _layered_optimum(
    names: Sequence[str], first: FirstYear, later: LaterYear, *, fixed: bool
) -> tuple[int, dict[str, int]] | None:
    """
    The best accounting over both years by :func:`_layered`, branch and bound: a network's
    least cost bounds every accounting of its case; where its flow is one the rules allow, it
    is the best of its case; otherwise the component whose flow the rules do not allow is
    settled in each of its two cases, in two networks. ``None`` if more than
    :data:`MAX_NETWORKS` networks would be needed.
    """
    big = (
        sum(first.unspent.get(n, 0) + first.again.get(n, 0) for n in names)
        + sum(later.awarded.get(n, 0) for n in names)
        + 1
    )
    best: tuple[int, dict[str, int]] | None = None
    todo = [_Case()]
    solved = 0
    while todo:
        case = todo.pop()
        solved += 1
        if solved > MAX_NETWORKS:
            return None
        found = _layered(names, first, later, big, fixed=fixed, case=case)
        if found is None or (best is not None and found[0] >= best[0]):
            continue  # impossible, or no better than the best found
        cost, shifts, instead = found
        if instead:
            todo += instead
        else:
            best = (cost, shifts)
    assert best is not None, "the accounting of the engine's own choice is always allowed"
    return best


def best_shifts(
    first: FirstYear, later: Sequence[LaterYear]
) -> tuple[dict[str, int] | None, str | None]:
    """
    The first year's shifting out of each component that is best over both years (``None``
    where the engine's own, :attr:`FirstYear.outs`, is as good), and why the best over the
    years is not computed (``None`` where it is).
    """
    if not supported(first, later):
        carry = first.rules.carry_over
        left = sum(first.unspent.values()) - sum(first.outs.values())
        one_limit = not carry.per_component and carry.share != 0 and left > 0
        return None, (why_not_computed(first, later) if has_choice(first) or one_limit else None)
    if not has_choice(first):
        return None, None
    outs = dict(first.outs)
    better = False
    reason = None
    for names in _groups(first, later[0]):
        if not _gives_up_carry(first, names):
            continue
        if _closed_form(later[0]):
            w = _Weights(sum(first.unspent.get(n, 0) + first.again.get(n, 0) for n in names) + 1)
            best, shifts = _optimum(names, first, later[0], w)
            own = _own_value(names, first, later[0], w)
        else:
            found = _layered_optimum(names, first, later[0], fixed=False)
            mine = _layered_optimum(names, first, later[0], fixed=True)
            if found is None or mine is None:  # this group keeps the year's own choice
                reason = (
                    f"with money carried on from the second year it is computed where at most "
                    f"{MAX_NETWORKS} networks settle a group of components, and more are needed "
                    f"for {', '.join(names)}"
                )
                continue
            (best, shifts), (own, _) = found, mine
        assert best <= own, "the joint optimum is never worse than the engine's own shifting"
        if best < own:
            better = True
            outs.update(shifts)
    return (outs if better else None), reason


def why_not_computed(first: FirstYear, later: Sequence[LaterYear]) -> str:
    """In a few words, why the years are not :func:`supported`."""
    if len(later) != 1:
        return (
            f"it is computed for two years with walls, and {len(later) + 1} follow each other here"
        )
    return (
        "it is computed where the first year's carry-over is limited per component, "
        "and here one limit holds for the whole award"
    )

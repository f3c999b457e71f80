"""
The settlement engine: the walk over the years (award, carried in, spent, carried on,
repayable) and, in a year with walls, the most favourable shifting between components the
rules allow, computed exactly in cents. Its results are the values of :mod:`.settlement`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from .._core.findings import Finding, FindingKind
from .._core.maps import normalize_amounts
from .._core.money import Money
from .joint_shift import FirstYear, LaterYear, best_shifts
from .rules import ShiftBase, ShiftScope
from .scheme import YearRules
from .settlement import Settlement
from .settlement_findings import year_findings
from .settlement_years import WHOLE, ComponentSettlement, YearSettlement


if TYPE_CHECKING:
    from .grants import Amounts, Grant


__all__ = ["settle"]


# -- the computation ------------------------------------------------------------------------


@attrs.define
class _Budget:
    """Working figures of one budget in one year."""

    name: str
    theme: str
    number: int
    awarded: int
    carried_in: int
    spent: int
    used: int = 0
    unspent_carried: int = 0
    unspent_award: int = 0
    need: int = 0
    shifted_in: int = 0
    shifted_out: int = 0
    #: The year's shifting and carry-over limits of this budget's award (each computed once).
    shift_limit: int = 0
    carry_limit: int = 0


def _parts(value: Money | Mapping[str, Money] | None) -> dict[str, int]:
    if value is None:
        return {}
    if isinstance(value, Money):
        return {WHOLE: value.cents}
    return {k: v.cents for k, v in value.items()}


def _level(total: int, have: Mapping[str, int], caps: Mapping[str, int]) -> dict[str, int]:
    """
    Take *total* cents from the amounts *have*, at most ``caps[n]`` from each,
    from the largest first: the largest amounts are levelled down together
    (water-filling), so that what is left is as even as the caps allow. The
    cents that rounding leaves go one each to the amounts at the level, by
    name. Neither the order of the input nor any numbering matters.

    >>> _level(500, {"a": 2000, "b": 1500}, {"a": 500, "b": 1500})
    {'a': 500, 'b': 0}
    >>> _level(301, {"a": 1000, "b": 1000}, {"a": 1000, "b": 1000})
    {'a': 151, 'b': 150}
    """

    def take(level: int) -> dict[str, int]:
        return {n: min(caps[n], max(0, have[n] - level)) for n in have}

    if total <= 0:
        return dict.fromkeys(have, 0)
    assert total <= sum(take(0).values())
    low, high = 0, max(have.values())  # take(high) is all zero
    while low < high:  # the lowest level at which at most *total* is taken
        mid = (low + high) // 2
        if sum(take(mid).values()) <= total:
            high = mid
        else:
            low = mid + 1
    parts = take(low)
    rest = total - sum(parts.values())
    if rest:
        below = take(low - 1)
        for n in sorted(n for n in have if below[n] > parts[n])[:rest]:
            parts[n] += 1
    return parts


def _carry_caps(budgets: list[_Budget], rules: YearRules) -> dict[str, int] | None:
    """Per budget, what may carry to the next year (``None``: one limit for the whole award)."""
    carry = rules.carry_over
    if rules.is_last or carry.share == 0:
        return {b.name: 0 for b in budgets}
    if not carry.per_component:
        return None
    return {b.name: b.carry_limit for b in budgets}


def _groups(budgets: list[_Budget], rules: YearRules) -> list[list[_Budget]]:
    """The groups of components between which money may shift in the year."""
    groups: dict[str, list[_Budget]] = {}
    for b in budgets:
        key = b.theme if rules.shifting.within is ShiftScope.MAIN_THEME else ""
        groups.setdefault(key, []).append(b)
    return list(groups.values())


def _give_take(group: list[_Budget], rules: YearRules) -> tuple[dict[str, int], dict[str, int]]:
    """What each component may give to, and take from, the others of its group."""
    shifting = rules.shifting
    give: dict[str, int] = {}
    take: dict[str, int] = {}
    for b in group:
        limit = b.shift_limit
        if shifting.base is ShiftBase.SOURCE_COMPONENT:
            give[b.name] = min(b.unspent_award, limit)
            take[b.name] = b.need
        else:
            give[b.name] = b.unspent_award
            take[b.name] = min(b.need, limit)
    return give, take


def _shifts_allowed(rules: YearRules) -> bool:
    return rules.shifting.within is not ShiftScope.NONE and rules.shifting.share != 0


def _shift(budgets: list[_Budget], rules: YearRules) -> None:
    """
    Cover overspends from unspent awards: the most favourable accounting the
    shifting and carry-over rules allow (docs/schemes-spuk-gala.md, "The
    optimal settlement").

    Within each group of components between which money may shift, the most
    that can shift is ``F = min(what the sources may give, what the sinks may
    take)``. Shifting all of it is never worse for what is repayable (every
    cent shifted is spent now instead of carried or repaid), so F shifts. A
    source's unspent money above its own carry-over limit can only be
    shifted or repaid, so the sources give that part first ("tier 1") and
    the part they could carry only after ("tier 2"): what is repayable,
    ``sum(max(0, unspent - given - carry limit))``, is then
    ``sum(excess) - min(F, sum(tier 1))``, which no other accounting beats
    (each source gives at most its cap and all together at most F). Where
    that leaves a choice, the largest amounts are taken first (:func:`_level`):
    in tier 1 the largest excesses, in tier 2 the largest unspent amounts,
    and among the sinks the largest overspends are covered first, so neither
    the order of the input nor the components' numbers matter. (Where the
    next year is settled too and has walls, :mod:`.joint_shift` may choose
    the tier-2 givers otherwise: see :func:`_best_over_the_run`.)
    """
    if not _shifts_allowed(rules):
        return
    carry_caps = _carry_caps(budgets, rules)
    for group in _groups(budgets, rules):
        give, take = _give_take(group, rules)
        flow = min(sum(give.values()), sum(take.values()))
        if flow == 0:
            continue
        unspent = {b.name: b.unspent_award for b in group}
        excess = (
            dict(unspent)
            if carry_caps is None
            else {n: max(0, u - carry_caps[n]) for n, u in unspent.items()}
        )
        tier1 = {n: min(g, excess[n]) for n, g in give.items()}
        first = min(flow, sum(tier1.values()))
        out = _level(first, excess, tier1)
        left = {n: unspent[n] - out[n] for n in give}
        tier2 = {n: give[n] - out[n] for n in give}
        for n, extra in _level(flow - first, left, tier2).items():
            out[n] += extra
        into = _level(flow, take, take)
        for b in group:
            b.shifted_out = out[b.name]
            b.shifted_in = into[b.name]


def _shift_out(budgets: list[_Budget], rules: YearRules, outs: Mapping[str, int]) -> None:
    """
    Shift *outs* out of the components (the joint optimum of :mod:`.joint_shift`,
    which shifts as much in each group as :func:`_shift` does); the overspends
    take it in as :func:`_shift` has them take it, the largest first.
    """
    for group in _groups(budgets, rules):
        _, take = _give_take(group, rules)
        flow = sum(outs.get(b.name, 0) for b in group)
        into = _level(flow, take, take)
        for b in group:
            b.shifted_out = outs.get(b.name, 0)
            b.shifted_in = into[b.name]


def _best_over_the_run(
    budgets: list[_Budget], rules: YearRules, later: Sequence[LaterYear], themes: Mapping[str, str]
) -> Finding | None:
    """
    Where the next year with walls is settled too, shift as is best for both years
    (:mod:`.joint_shift`); where that is not computed for the rules in force and the
    year leaves a choice the next year can feel, a finding says the choice is the year's own.
    """
    if not later or not _shifts_allowed(rules):
        return None
    again = rules.carry_over.moves_again and not rules.is_last
    carry_caps = _carry_caps(budgets, rules) or {}
    first = FirstYear(
        rules=rules,
        theme=themes,
        unspent={b.name: b.unspent_award for b in budgets},
        need={b.name: b.need for b in budgets},
        again={b.name: b.unspent_carried for b in budgets if again and b.unspent_carried},
        shift_limit={b.name: b.shift_limit for b in budgets},
        carry_limit={b.name: carry_caps.get(b.name, 0) for b in budgets},
        outs={b.name: b.shifted_out for b in budgets},
    )
    outs, reason = best_shifts(first, later)
    if outs is not None:
        _shift_out(budgets, rules, outs)
    if reason is None:
        return None
    year, last = rules.year, later[-1].rules.year
    return Finding(
        kind=FindingKind.CHOICE_PER_YEAR,
        message=(
            f"where the shifting of {year} leaves a choice of which component gives up "
            f"money it could carry to {year + 1}, the choice is the best for {year} "
            f"alone, not proven the best for {year}-{last} together: {reason}"
        ),
        source=rules.shifting.source,
        year=year,
    )


def _settle_year(
    grant: Grant,
    year: int,
    awarded: Mapping[str, int],
    carried_in: Mapping[str, int],
    spent: Mapping[str, int],
    later: Sequence[LaterYear] = (),
) -> tuple[YearSettlement, dict[str, int]]:
    scheme = grant.scheme
    rules = scheme.rules_for(year)
    walls = rules.has_walls and bool(scheme.components)
    if not walls:
        awarded = {WHOLE: sum(awarded.values())} if awarded else {}
        carried_in = {WHOLE: sum(carried_in.values())} if carried_in else {}
        spent = {WHOLE: sum(spent.values())} if spent else {}
    names = set(awarded) | set(carried_in) | set(spent)
    if not names:
        names = {WHOLE} if not walls else set()
    order = {c.name: (c.number, c.theme) for c in scheme.components}
    budgets = [
        _Budget(
            name=n,
            theme=order.get(n, (0, ""))[1],
            number=order.get(n, (0, ""))[0],
            awarded=awarded.get(n, 0),
            carried_in=carried_in.get(n, 0),
            spent=spent.get(n, 0),
        )
        for n in sorted(names, key=lambda n: (order.get(n, (0, ""))[0], n))
    ]
    for b in budgets:
        from_carried = min(b.spent, b.carried_in)
        from_award = min(b.awarded, b.spent - from_carried)
        b.used = from_carried + from_award
        b.unspent_carried = b.carried_in - from_carried
        b.unspent_award = b.awarded - from_award
        b.need = b.spent - b.used
        if walls:
            b.shift_limit = rules.shifting.limit(Money.from_cents(b.awarded)).cents
        if rules.carry_over.per_component:
            b.carry_limit = rules.carry_over.limit(Money.from_cents(b.awarded)).cents
    choice = None
    if walls:
        _shift(budgets, rules)
        themes = {c.name: c.theme for c in scheme.components}
        choice = _best_over_the_run(budgets, rules, later, themes)

    carry = rules.carry_over
    findings: list[Finding] = []
    results = []
    carried_out: dict[str, int] = {}
    whole_limit = carry.limit(Money.from_cents(sum(b.awarded for b in budgets))).cents
    # One limit for the whole award: what moves is split over the budgets in
    # proportion to what each has left (order-free; only the total matters).
    left_over = {b.name: b.unspent_award - b.shifted_out for b in budgets}
    whole_moved = _level(min(whole_limit, sum(left_over.values())), left_over, left_over)
    for b in budgets:
        remaining = b.unspent_award - b.shifted_out
        if rules.is_last or carry.share == 0:
            moved = 0
        elif carry.per_component:
            moved = min(remaining, b.carry_limit)
        else:
            moved = whole_moved[b.name]
        again = b.unspent_carried if carry.moves_again and not rules.is_last else 0
        if moved + again:
            carried_out[b.name] = moved + again
        results.append(
            ComponentSettlement(
                component=b.name,
                awarded=Money.from_cents(b.awarded),
                carried_in=Money.from_cents(b.carried_in),
                spent=Money.from_cents(b.spent),
                shifted_in=Money.from_cents(b.shifted_in),
                shifted_out=Money.from_cents(b.shifted_out),
                eligible=Money.from_cents(b.used + b.shifted_in),
                carried_over=Money.from_cents(moved + again),
                repayable=Money.from_cents(b.unspent_carried - again + remaining - moved),
                overspend=Money.from_cents(b.need - b.shifted_in),
            )
        )
    findings += year_findings(year, rules, walls, results, budgets)
    if choice is not None:
        findings.append(choice)
    return (
        YearSettlement(year=year, rules=rules, budgets=tuple(results), findings=tuple(findings)),
        carried_out,
    )


def _year_keys(spent: object) -> object:
    """
    *spent* with its year keys as ints: an int stays, a string of ASCII
    digits (as JSON gives, ``"2025"``) is read as the year; anything else is
    refused.

    >>> _year_keys({"2025": Money(1)})
    {2025: Money('1.00')}
    >>> _year_keys({"twenty": Money(1)})
    Traceback (most recent call last):
    ...
    izafunding.errors.SchemeError: spent: the key 'twenty' is not a year: give the year as a number such as 2025 (or a string of the ASCII digits 0-9 such as "2025")
    """
    from ..errors import SchemeError

    if not isinstance(spent, Mapping):
        return spent  # normalize_amounts says what it must be
    out: dict[int, object] = {}
    for key, value in spent.items():
        if isinstance(key, int) and not isinstance(key, bool):
            year = key
        elif isinstance(key, str) and key.isascii() and key.isdigit():
            year = int(key)
        else:
            msg = (
                f"spent: the key {key!r} is not a year: give the year as a number such as "
                f'2025 (or a string of the ASCII digits 0-9 such as "2025")'
            )
            raise SchemeError(msg)
        if year in out:
            msg = f"spent: {year} is given twice (keys {year!r} and {key!r}); give it once"
            raise SchemeError(msg)
        out[year] = value
    return out


def _walled_run(
    grant: Grant, spent: Mapping[int, Money | Mapping[str, Money]], year: int, last: int
) -> tuple[LaterYear, ...]:
    """
    The settled years with walls that follow *year* without a break, if *year* has
    walls: the years whose settlement the shifting of *year* can change.
    """
    scheme = grant.scheme
    if not scheme.components or not scheme.rules_for(year).has_walls:
        return ()
    run: list[LaterYear] = []
    for later in range(year + 1, last + 1):
        rules = scheme.rules_for(later)
        if not rules.has_walls:
            break
        awarded = _parts(grant.awarded.get(later))
        run.append(
            LaterYear(
                rules=rules,
                awarded=awarded,
                spent=_parts(spent.get(later)),
                shift_limit={
                    n: rules.shifting.limit(Money.from_cents(a)).cents for n, a in awarded.items()
                },
            )
        )
    return tuple(run)


def settle(grant: Grant, spent: Amounts) -> Settlement:
    """
    Settle *grant* against *spent* (same shape as the grant's awards); see
    :class:`Settlement` for the rules applied.

    The years for which spending is given are settled, in order from the
    grant's first year (or the first year given, if earlier); nothing is
    assumed for the others. The grant's later years, and the year after the
    last settled one if money moved into it, are :attr:`Settlement.open_years`.

    Raises:
        SchemeError: A year outside the period, a year missing between the
            first and the last year given (the message names it), a key that
            is not a year, a single amount in a year with walls, a negative
            or non-Money amount.
        UnknownNameError: An unknown component.
    """
    from ..errors import SchemeError

    scheme = grant.scheme
    spent_norm = normalize_amounts(scheme, _year_keys(spent), "spent")
    results = []
    carried: dict[str, int] = {}
    if spent_norm:
        first = min(min(grant.awarded), min(spent_norm))
        last = max(spent_norm)
        missing = [y for y in range(first, last + 1) if y not in spent_norm]
        if missing:
            given = ", ".join(map(str, spent_norm))
            names = " and ".join(map(str, missing))
            msg = (
                f"spent: no spending is given for {names} (given: {given}); years are "
                f"settled in order from {first}, so give {names} too (Money(0) where "
                f"nothing was spent), or leave out the years after {missing[0] - 1} to "
                f"settle only up to there"
            )
            raise SchemeError(msg)
        for year in range(first, last + 1):
            result, carried = _settle_year(
                grant,
                year,
                _parts(grant.awarded.get(year)),
                carried,
                _parts(spent_norm.get(year)),
                _walled_run(grant, spent_norm, year, last),
            )
            results.append(result)
        after = last + 1
    else:
        after = min(grant.awarded)
    open_years = {y for y in grant.awarded if y >= after}
    if carried and after in scheme.years:
        open_years.add(after)
    return Settlement(grant=grant, years=tuple(results), open_years=tuple(sorted(open_years)))

"""
Variants of a scenario: without (some) partners, and scaled to a different award. Each returns a
new :class:`~.scenario.Scenario` (``attrs.evolve``); the scenario's methods of the same names
call these.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs

from .._core.keys import ProRata
from .._core.money import Money
from .._core.rounding import allocate
from .._render.formats import compact_euros, share
from ..errors import ScenarioError
from .base import MUNICIPALITIES, _check_money, _unknown
from .figures import LineFigures
from .inputs import CostLine, PartnerShortfall, Reduction


if TYPE_CHECKING:
    from .scenario import Scenario


__all__ = ["scaled_to_award", "without_partners"]


def without_partners(
    scenario: Scenario,
    *,
    shortfall: PartnerShortfall,
    partners: Iterable[str] | None = None,
    name: str | None = None,
) -> Scenario:
    """The scenario in which *partners* (default: all) do not pay (see :meth:`Scenario.without_partners`)."""
    if not isinstance(shortfall, PartnerShortfall):
        msg = (
            f"'shortfall' must be PartnerShortfall.MUNICIPALITIES_PAY or "
            f"PartnerShortfall.KEEP_PERCENTAGES (got {shortfall!r})"
        )
        raise ScenarioError(msg)
    known = list(dict.fromkeys(p for line in scenario.lines for p in line.partners))
    if partners is None:
        dropped = set(known)
    else:
        if isinstance(partners, str):
            partners = [partners]
        dropped = set(partners)
        for partner in sorted(dropped):
            if partner not in known:
                raise _unknown(partner, what="partner", known=known)
    new_lines = []
    for figures in scenario.line_figures:
        new_lines.append(_without(figures, dropped, shortfall))
    who = "partners" if partners is None else ", ".join(sorted(dropped))
    if name is None:
        what = (
            "the municipalities make up the difference"
            if shortfall is PartnerShortfall.MUNICIPALITIES_PAY
            else "the municipalities keep their percentages, so less work is done"
        )
        name = f"{scenario.name}; {who} do not pay, {what}"
    return attrs.evolve(scenario, name=name, lines=tuple(new_lines))


def scaled_to_award(
    scenario: Scenario, award: Money, *, source: str = "", name: str | None = None
) -> Scenario:
    """The scenario on a different annual award (see :meth:`Scenario.scaled_to_award`)."""
    _check_money(scenario, attrs.fields(CostLine).annual, award)
    weights = {line.name: line.annual.cents for line in scenario.lines}
    if not any(weights.values()):
        msg = (
            f"cannot scale {scenario.name!r} to an award of {award}: its lines' annual "
            f"amounts are all zero, so there is no proportion to keep"
        )
        raise ScenarioError(msg)
    split = allocate(award, ProRata(weights), rounding=scenario.line_rounding)
    cited = f" ({source})" if source else ""
    new_lines = []
    for line in scenario.lines:
        exact_share = split.exact_share(line.name)
        derivation = (
            f"{share(exact_share)} of the award {award}{cited}, in proportion to the "
            f"line's {line.annual} of {scenario.annual_total}; "
            f"{scenario.line_rounding.describe()}"
            + (
                f", +{split.extra_units(line.name)} unit for a largest remainder"
                if split.extra_units(line.name)
                else ""
            )
        )
        new_lines.append(
            attrs.evolve(line, annual=split[line.name], derivation=derivation)
        )
    if name is None:
        name = f"{scenario.name}, on the award of {compact_euros(award)} a year"
    return attrs.evolve(scenario, name=name, lines=tuple(new_lines))



def _without(figures: LineFigures, dropped: set[str], shortfall: PartnerShortfall) -> CostLine:
    """A cost line in which the *dropped* partners pay nothing."""
    line = figures.line
    present = [p for p in line.partners if p in dropped]
    gone = sum((line.shares.share(p) for p in present), Fraction(0))
    if gone == 0:
        return line
    # The partners who do not pay keep a share of zero, so they still show.
    remaining = [
        (str(r), line.shares.share(r)) for r in line.shares.recipients if r not in dropped
    ]
    zeros = {p: Fraction(0) for p in present}
    who = ", ".join(present)
    if shortfall is PartnerShortfall.MUNICIPALITIES_PAY:
        shares = {r: s + gone if r == MUNICIPALITIES else s for r, s in remaining}
        return attrs.evolve(line, shares={**shares, **zeros})
    parts = figures.partner_parts()
    amount = sum((parts[p] for p in present), Money.zero())
    reduction = Reduction(
        amount=amount,
        reason=(
            f"{who} do not pay their {share(gone)} and the others keep their "
            f"percentages, so this part of the work is not done"
        ),
    )
    if gone == 1:
        shares = {MUNICIPALITIES: Fraction(1)}
    else:
        shares = {r: s / (1 - gone) for r, s in remaining}
    return attrs.evolve(
        line, reductions=(*line.reductions, reduction), shares={**shares, **zeros}
    )

"""
The findings of a settled year: each overspend, each amount repayable and why (carried money
not spent, the carry-over limit, no carry-over, the last year), an overspend left uncovered
beside unspent money, and where a finding rests on the default of an open rule, what the
default is and how to settle under another reading.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._core.findings import Finding, FindingKind
from .._core.money import Money
from .rules import CarryOver, Shifting, ShiftScope
from .scheme import YearRules
from .settlement_years import ComponentSettlement


if TYPE_CHECKING:
    from .settlement_engine import _Budget


__all__ = ["year_findings"]

_ZERO = Money(0)


def _label(year: int, component: str, walls: bool) -> str:
    return f"{component} in {year}" if walls else f"{year}"


def _previous_carry_source(rules: YearRules, year: int, default: str) -> str:
    """The source of the rule that moved money into *year*."""
    return rules.previous_carry_over.source if rules.previous_carry_over else default


def _moved_from_award(r: ComponentSettlement, b: _Budget, rules: YearRules) -> int:
    """The part of what moved on that came from the year's own award."""
    again = b.unspent_carried if rules.carry_over.moves_again and not rules.is_last else 0
    return r.carried_over.cents - again


def _default_note(rule: Shifting | CarryOver | None, year: int) -> str:
    """
    What a finding adds when it rests on a default for an open rule: that it
    is a default, the open question, and how to settle under another reading.
    """
    if rule is None or not rule.open_question:
        return ""
    if isinstance(rule, CarryOver):
        how = f"scheme.with_rule(CarryOver(share=..., years={rule.years[0]}, source=...))"
        what = "carry-over"
    else:
        how = (
            f"scheme.with_rule(attrs.evolve(scheme.rules_for({rule.years[0]}).shifting, "
            f"base=ShiftBase.TARGET_COMPONENT)) (or another share=...)"
        )
        what = "shifting"
    return (
        f" (this rests on a default for an open {what} rule: {rule.open_question}; to "
        f"settle under another reading, use the variant {how})"
    )


def year_findings(
    year: int,
    rules: YearRules,
    walls: bool,
    results: list[ComponentSettlement],
    budgets: list[_Budget],
) -> list[Finding]:
    found: list[Finding] = []
    carry = rules.carry_over
    for r, b in zip(results, budgets, strict=True):
        where = _label(year, r.component, walls)
        component = r.component if walls else None
        shift_default = _default_note(rules.shifting, year) if walls else ""
        if not r.overspend.is_zero():
            shift_note = ""
            if walls and rules.shifting.within is not ShiftScope.ANY:
                shift_note = f"; shifting: {rules.shifting.describe()}"
            found.append(
                Finding(
                    kind=FindingKind.OVERSPEND,
                    message=(
                        f"{where}: spent {r.spent} against {r.available} available"
                        + (f" and {r.shifted_in} shifted in" if not r.shifted_in.is_zero() else "")
                        + f": {r.overspend} is not eligible; it stays the recipient's own "
                        f"cost and is not repaid{shift_note}{shift_default}"
                    ),
                    source=rules.shifting.source if walls else rules.walls.source,
                    amount=r.overspend,
                    year=year,
                    component=component,
                )
            )
        if b.unspent_carried and (rules.is_last or not carry.moves_again):
            found.append(
                Finding(
                    kind=FindingKind.CARRIED_NOT_SPENT,
                    message=(
                        f"{where}: {Money.from_cents(b.unspent_carried)} moved in from "
                        f"{year - 1} was not spent in {year} and is repayable"
                        + _default_note(rules.previous_carry_over, year - 1)
                    ),
                    source=_previous_carry_source(rules, year, carry.source),
                    amount=Money.from_cents(b.unspent_carried),
                    year=year,
                    component=component,
                    repayable=Money.from_cents(b.unspent_carried),
                )
            )
        left = b.unspent_award - b.shifted_out - _moved_from_award(r, b, rules)
        if left <= 0:
            continue
        amount = Money.from_cents(left)
        if rules.is_last:
            kind = FindingKind.LAST_YEAR
            text = f"{year} is the last year of the grant period: {amount} unspent is repayable"
            source = rules.carry_over.source
        elif carry.share == 0:
            kind = FindingKind.NO_CARRY_OVER
            text = f"{amount} unspent is repayable: nothing may move to the next year"
            source = carry.source
        else:
            kind = FindingKind.CARRY_LIMIT
            text = (
                f"{carry.describe()}; {r.carried_over} moves to {year + 1} and the other "
                f"{amount} unspent is repayable"
            )
            source = carry.source
        if not rules.is_last:
            text += _default_note(carry, year)
            if b.shifted_in or b.shifted_out:
                text += shift_default
        found.append(
            Finding(
                kind=kind,
                message=text if kind is FindingKind.LAST_YEAR and not walls else f"{where}: {text}",
                source=source,
                amount=amount,
                year=year,
                component=component,
                repayable=amount,
            )
        )
    if walls:
        stuck = sum((r.overspend for r in results), _ZERO)
        idle = sum(
            (
                Money.from_cents(b.unspent_award - b.shifted_out)
                for b in budgets
                if b.unspent_award > b.shifted_out
            ),
            _ZERO,
        )
        if not stuck.is_zero() and not idle.is_zero():
            found.append(
                Finding(
                    kind=FindingKind.SHIFT_LIMIT,
                    message=(
                        f"in {year} overspends of {stuck} stay uncovered while {idle} of "
                        f"other components' awards is unspent: {rules.shifting.describe()}"
                        + _default_note(rules.shifting, year)
                    ),
                    source=rules.shifting.source,
                    amount=min(stuck, idle),
                    year=year,
                )
            )
    return found

"""A settled year (YearSettlement) and each budget in it (ComponentSettlement): the result values."""

from __future__ import annotations

from typing import final

import attrs

from .._core.findings import Finding
from .._core.money import Money
from .scheme import YearRules


__all__ = ["WHOLE", "ComponentSettlement", "YearSettlement"]

_ZERO = Money(0)
#: The name of the one budget of a year without walls.
WHOLE = "(one budget)"


@final
@attrs.frozen(kw_only=True)
class ComponentSettlement:
    """
    One budget of one year: a component in a year with walls, or the whole
    award in a year without.

    Always ``eligible + carried_over + repayable == available + shifted_in -
    shifted_out``, and ``spent == eligible + overspend``.

    Attributes:
        component: The component's name, or ``"(one budget)"``.

        awarded: The year's award for it.

        carried_in: What moved in from the previous year (spent first).

        spent: What was spent on it.

        shifted_in: What shifted in from other components to cover an overspend.

        shifted_out: What shifted out to other components.

        eligible: Spending that counts.

        carried_over: What moves to the next year.

        repayable: What is not spent and may not move on.

        overspend: Spending above what was available: not eligible, not repaid.
    """

    component: str
    awarded: Money
    carried_in: Money
    spent: Money
    shifted_in: Money
    shifted_out: Money
    eligible: Money
    carried_over: Money
    repayable: Money
    overspend: Money

    @property
    def available(self) -> Money:
        """The award plus what was carried in."""
        return self.awarded + self.carried_in


@final
@attrs.frozen(kw_only=True)
class YearSettlement:
    """
    The settlement of one year: totals over its budgets, the budgets
    themselves, and the findings of the year.

    Always ``eligible + carried_over + repayable == available``, to the cent.
    """

    year: int
    rules: YearRules = attrs.field(repr=False)
    budgets: tuple[ComponentSettlement, ...]
    findings: tuple[Finding, ...]

    def _sum(self, field: str) -> Money:
        return sum((getattr(b, field) for b in self.budgets), _ZERO)

    @property
    def awarded(self) -> Money:
        """The year's award."""
        return self._sum("awarded")

    @property
    def carried_in(self) -> Money:
        """What moved in from the previous year."""
        return self._sum("carried_in")

    @property
    def available(self) -> Money:
        """The award plus what was carried in."""
        return self.awarded + self.carried_in

    @property
    def spent(self) -> Money:
        """What was spent."""
        return self._sum("spent")

    @property
    def eligible(self) -> Money:
        """Spending that counts."""
        return self._sum("eligible")

    @property
    def shifted(self) -> Money:
        """What shifted between components."""
        return self._sum("shifted_in")

    @property
    def carried_over(self) -> Money:
        """What moves to the next year."""
        return self._sum("carried_over")

    @property
    def repayable(self) -> Money:
        """What is repayable for this year."""
        return self._sum("repayable")

    @property
    def overspend(self) -> Money:
        """Spending above what was available: not eligible, not repaid."""
        return self._sum("overspend")

    def budget(self, component: str) -> ComponentSettlement:
        """The budget of *component* (or ``"(one budget)"`` in a year without walls)."""
        for b in self.budgets:
            if b.component == component:
                return b
        from ..errors import UnknownNameError

        names = ", ".join(b.component for b in self.budgets) or "none"
        msg = f"{self.year} has no budget {component!r} in this settlement (budgets: {names})"
        raise UnknownNameError(msg)


"""A mitigation scenario: spending withheld on the milestones judged unlikely, and the risk
before and after."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, final

import attrs

from .._core.money import Money
from .._render.exportable import Exportable
from .._render.formats import approx_euros, percent
from .._render.formats import level as level_text
from .._render.table import Column, Kind, Report, Table
from .risk import (
    DEFAULT_LEVELS,
    RiskProfile,
)


if TYPE_CHECKING:
    from .schedule import MilestoneSchedule


__all__ = ["Mitigation"]


# -- mitigation ------------------------------------------------------------------------------------


@final
@attrs.frozen(kw_only=True, eq=False)
class Mitigation(Exportable):
    """
    A mitigation scenario: spending withheld on the milestones judged
    unlikely, and the risk before and after (seed 002, Kanttekeningen 2.1:
    "het budget behorende bij mijlpalen die ... minder haalbaar zijn, slechts
    gedeeltelijk of niet te besteden").

    Attributes:
        threshold: Milestones with a chance of being reached below it are
            withheld.

        before: The risk per bearer as planned.

        after: The risk per bearer with spending withheld.

        schedule: The schedule with spending withheld.

        withheld: ``(milestone, amount withheld)`` per milestone withheld.

        chances: ``(milestone, chance of being reached)`` for every milestone.
    """

    threshold: Fraction
    before: RiskProfile
    after: RiskProfile
    schedule: MilestoneSchedule
    withheld: tuple[tuple[str, Money], ...]
    chances: tuple[tuple[str, Fraction], ...]

    def exposure_drop(self) -> dict[str, Money]:
        """Per bearer, how much the worst case drops."""
        after = self.after.exposure()
        return {b: w - after[b] for b, w in self.before.exposure().items()}

    def to_rows(self, levels: Sequence[Fraction] = DEFAULT_LEVELS) -> list[dict[str, object]]:
        """Per bearer the risk-section figures before and after, side by side."""
        rows = []
        for before, after in zip(self.before.summary_rows(levels), self.after.summary_rows(levels), strict=True):
            row: dict[str, object] = {"bearer": before["bearer"]}
            for key in before:
                if key != "bearer":
                    row[f"{key}_before"] = before[key]
                    row[f"{key}_after"] = after[key]
            rows.append(row)
        return rows

    def table(self, levels: Sequence[Fraction] = DEFAULT_LEVELS) -> Table:
        """Per bearer the worst case, the expected repayment and each level, before and after."""
        before, after = self.before.summary(levels), self.after.summary(levels)
        columns = [Column(key="bearer")]
        for c in before.columns[1:]:
            columns += [
                attrs.evolve(c, key=f"{c.key}_before", title=f"{c.title} before"),
                attrs.evolve(c, key=f"{c.key}_after", title=f"{c.title} after"),
            ]
        rows = [
            (b[0], *(cell for pair in zip(b[1:], a[1:], strict=True) for cell in pair))
            for b, a in zip(before.rows, after.rows, strict=True)
        ]
        return Table(name="mitigation", title=f"Withholding below {percent(self.threshold)}", columns=columns, rows=rows)

    def withheld_table(self) -> Table:
        """Per milestone withheld, the amount withheld and its chance of being reached."""
        chances = dict(self.chances)
        return Table(
            name="withheld",
            title="Spending withheld",
            columns=(
                Column(key="milestone"),
                Column(key="withheld", kind=Kind.MONEY),
                Column(key="chance", title="chance of being reached", kind=Kind.PERCENTAGE),
            ),
            rows=[(name, amount, chances[name]) for name, amount in self.withheld],
        )

    def report(self) -> Report:
        """The mitigation as a :class:`~izafunding._render.table.Report`."""
        return Report(
            kind="mitigation",
            title=f"Withholding spending on milestones with a chance below {percent(self.threshold)}",
            tables=(self.table(), self.withheld_table()),
            explanation=self.explain(),
            inputs={"threshold": f"{self.threshold.numerator}/{self.threshold.denominator}"},
        )

    def explain(self, levels: Sequence[Fraction] = DEFAULT_LEVELS) -> tuple[str, ...]:
        """What is withheld and how each bearer's risk drops."""
        chances = dict(self.chances)
        if not self.withheld:
            lines = [f"No milestone has a chance below {percent(self.threshold)}: nothing is withheld."]
        else:
            lines = [f"Withhold spending on the milestones with a chance below {percent(self.threshold)}:"]
            lines += [
                f"  {name}: {amount} withheld (chance of being reached {percent(chances[name])})"
                for name, amount in self.withheld
            ]
        for bearer in self.before:
            b, a = self.before[bearer], self.after[bearer]
            lines.append(
                f"{bearer}: worst case {b.worst_case} -> {a.worst_case}; expected "
                f"{approx_euros(b.expected)} -> {approx_euros(a.expected)}"
            )
            for level in levels:
                lines.append(
                    f"  {level_text(level)}: {b.quantile(level)} -> {a.quantile(level)}"
                )
        return tuple(lines)

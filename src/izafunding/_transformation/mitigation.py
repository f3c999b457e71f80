"""A mitigation scenario: spending withheld on the milestones judged unlikely, and the risk
before and after."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, final

import attrs

from .._core.money import Money, RoundingMode
from .risk import (
    DEFAULT_LEVELS,
    RiskProfile,
    _fmt_pct,
)


if TYPE_CHECKING:
    from .schedule import MilestoneSchedule


__all__ = ["Mitigation"]


# -- mitigation ------------------------------------------------------------------------------------


@final
@attrs.frozen(kw_only=True, eq=False)
class Mitigation:
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

    def explain(self, levels: Sequence[Fraction] = DEFAULT_LEVELS) -> tuple[str, ...]:
        """What is withheld and how each bearer's risk drops."""
        chances = dict(self.chances)
        if not self.withheld:
            lines = [f"No milestone has a chance below {_fmt_pct(self.threshold)}: nothing is withheld."]
        else:
            lines = [f"Withhold spending on the milestones with a chance below {_fmt_pct(self.threshold)}:"]
            lines += [
                f"  {name}: {amount} withheld (chance of being reached {_fmt_pct(chances[name])})"
                for name, amount in self.withheld
            ]
        for bearer in self.before:
            b, a = self.before[bearer], self.after[bearer]
            lines.append(
                f"{bearer}: worst case {b.worst_case} -> {a.worst_case}; expected "
                f"{_euros(b.expected)} -> {_euros(a.expected)}"
            )
            for level in levels:
                lines.append(
                    f"  {_pct(level)}: {b.quantile(level)} -> {a.quantile(level)}"
                )
        return tuple(lines)


def _euros(value: Fraction) -> str:
    rounded = Money.from_fraction(value, rounding=RoundingMode.HALF_UP)
    return str(rounded) if rounded.as_fraction() == value else f"≈ {rounded}"


def _pct(level: Fraction) -> str:
    pct = Fraction(level) * 100
    return f"{pct.numerator}%" if pct.denominator == 1 else f"{level}"

"""How a schedule settles: each milestone's outcome (*vaststelling* of its amount) and the
settlement of the whole schedule."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, final

import attrs

from .._core.findings import Finding, FindingKind
from .._core.money import Money
from .._render.exportable import Exportable
from .._render.formats import text_list
from .._render.json_export import money_to_dict
from .._render.table import Column, Kind, Report, Rule, Table
from .milestones import (
    REGULATION,
    Milestone,
    _sum_by,
    _unknown_milestone,
)


if TYPE_CHECKING:
    from .._schemes.sisa import SisaReport, SisaWording
    from .schedule import MilestoneSchedule


__all__ = ["MilestoneOutcome", "ScheduleSettlement"]


# -- settlement --------------------------------------------------------------------------------------

#: The columns of a settlement per milestone: the views show milestone, outcome, missed in, set,
#: repaid and paid by; the plain rows have the figures (bearer, amount, reached, spent, borne).
_COLUMNS = (
    Column(key="name", title="milestone"),
    Column(key="bearer", shown=False),
    Column(key="amount", kind=Kind.MONEY, shown=False),
    Column(key="reached", kind=Kind.FLAG, shown=False),
    Column(key="outcome", plain=False),
    Column(key="missed_in", title="missed in"),
    Column(key="spent", kind=Kind.MONEY, shown=False),
    Column(key="determined", title="set", kind=Kind.MONEY),
    Column(key="repayable", title="repaid", kind=Kind.MONEY),
    Column(key="borne", kind=Kind.MONEY, shown=False),
    Column(key="paid_by", title="paid by", plain=False),
)


@final
@attrs.frozen(kw_only=True)
class MilestoneOutcome(Exportable):
    """
    How one milestone settles (*vaststelling* of its amount).

    Attributes:
        milestone: The milestone.

        reached: Whether it counts as reached under the plan's rule.

        reached_in: The areas where it was reached.

        missed_in: The areas where it was not reached.

        spent: What was spent on it.

        determined: The amount set definitively: what was spent, up to its
            amount, when reached; nothing when missed.

        repayable: What goes back to the ministry: its amount less what is
            determined.

        borne: Of that, what was already spent: paid by the bearer.

        unspent: Of that, what was never spent: repaid from the advance
            still held.

        overspent: Spending above its amount, which the grant does not cover.
    """

    milestone: Milestone
    reached: bool
    reached_in: tuple[str, ...]
    missed_in: tuple[str, ...]
    spent: Money
    determined: Money
    repayable: Money
    borne: Money
    unspent: Money
    overspent: Money

    @classmethod
    def of(cls, m: Milestone, *, reached_in: tuple[str, ...], reached: bool, spent: Money) -> MilestoneOutcome:
        """Settle milestone *m* (see :meth:`MilestoneSchedule.settle`)."""
        used = min(spent, m.amount)
        determined = used if reached else Money(0)
        return cls(
            milestone=m,
            reached=reached,
            reached_in=reached_in,
            missed_in=tuple(a for a in m.areas if a not in reached_in),
            spent=spent,
            determined=determined,
            repayable=m.amount - determined,
            borne=Money(0) if reached else used,
            unspent=m.amount - used,
            overspent=spent - used,
        )

    @property
    def name(self) -> str:
        """The milestone's name."""
        return self.milestone.name

    def cells(self) -> tuple[object, ...]:
        """The outcome's row of cells in a settlement table (columns of :meth:`table`)."""
        m = self.milestone
        return (
            m.name,
            m.bearer,
            m.amount,
            self.reached,
            "reached" if self.reached else "missed",
            ", ".join(self.missed_in),
            self.spent,
            self.determined,
            self.repayable,
            self.borne,
            m.bearer if self.borne.cents else "",
        )

    def table(self) -> Table:
        """The outcome as a one-row table (the columns of :meth:`ScheduleSettlement.table`)."""
        return Table(name="outcome", title=f"Milestone {self.name}", columns=_COLUMNS, rows=(self.cells(),))

    def report(self) -> Report:
        """The outcome as a :class:`~izafunding._render.table.Report`."""
        return Report(
            kind="milestone outcome",
            title=f"Milestone {self.name}: {'reached' if self.reached else 'missed'}",
            tables=(self.table(),),
            explanation=(self.explain(),),
            inputs={"milestone": self.name, "reached_in": list(self.reached_in), "spent": money_to_dict(self.spent)},
        )

    def explain(self) -> str:
        """One line in plain English."""
        m = self.milestone
        if self.reached:
            where = f"reached in {text_list(self.reached_in)}"
            if self.missed_in:
                where += f" (not in {text_list(self.missed_in)}, which the rule allows)"
            text = f"{m.name}: {where}; set at {self.determined} of {m.amount}"
            if self.unspent.cents:
                text += f"; {self.unspent} not spent is repaid"
        else:
            text = (
                f"{m.name}: missed in {text_list(self.missed_in)}"
                + (f" (reached in {text_list(self.reached_in)})" if self.reached_in else "")
                + f"; its advance of {m.amount} is repaid: {self.borne} already spent, paid by {m.bearer}"
            )
            if self.unspent.cents:
                text += f", and {self.unspent} not spent"
        if self.overspent.cents:
            text += f"; {self.overspent} spent above its amount is not covered"
        return text


@final
@attrs.frozen(kw_only=True)
class ScheduleSettlement(Exportable):
    """
    The settlement of a milestone schedule from outcomes: per milestone what
    is set definitively and what is repaid, and who pays it.

    Invariant: ``repayable == sum(by_bearer.values()) + unspent`` and
    ``determined + repayable == advanced``.

    Attributes:
        schedule: The schedule settled.

        outcomes: One :class:`MilestoneOutcome` per milestone, in order.
    """

    schedule: MilestoneSchedule
    outcomes: tuple[MilestoneOutcome, ...]

    @property
    def advanced(self) -> Money:
        """The advances the schedule carries: the sum of the amounts."""
        return self.schedule.total

    @property
    def determined(self) -> Money:
        """The total set definitively."""
        return Money.from_cents(sum(o.determined.cents for o in self.outcomes))

    @property
    def repayable(self) -> Money:
        """The total repaid to the ministry."""
        return Money.from_cents(sum(o.repayable.cents for o in self.outcomes))

    @property
    def unspent(self) -> Money:
        """Of the repayable, what was never spent (repaid from the advance still held)."""
        return Money.from_cents(sum(o.unspent.cents for o in self.outcomes))

    def sisa(
        self,
        year: int,
        *,
        recipient: str = "",
        passed_on: Mapping[str, Money] | None = None,
        corrections: tuple[Money, Money] | None = None,
        decision: str | None = None,
        wording: Mapping[str, SisaWording] | None = None,
    ) -> SisaReport:
        """
        The SiSa rows of the transformation funds for *year* from this
        settlement alone (spending by the milestones' budget years); see
        :func:`izafunding._transformation.sisa.schedule_sisa`.
        """
        from .sisa import schedule_sisa

        return schedule_sisa(
            self,
            year,
            recipient=recipient,
            passed_on=passed_on,
            corrections=corrections,
            decision=decision,
            wording=wording,
        )

    @property
    def by_bearer(self) -> dict[str, Money]:
        """Per bearer, what it pays: the money spent on the missed milestones it bears."""
        return _sum_by((o.milestone.bearer, o.borne) for o in self.outcomes)

    @property
    def repayable_by_bearer(self) -> dict[str, Money]:
        """Per bearer, the advances of the missed milestones it bears (spent or not)."""
        return _sum_by(
            (o.milestone.bearer, o.milestone.amount if not o.reached else Money(0))
            for o in self.outcomes
        )

    @property
    def missed(self) -> tuple[MilestoneOutcome, ...]:
        """The milestones missed, each with the areas where it was missed."""
        return tuple(o for o in self.outcomes if not o.reached)

    def outcome(self, name: str) -> MilestoneOutcome:
        """The outcome of the milestone *name*."""
        for o in self.outcomes:
            if o.name == name:
                return o
        raise _unknown_milestone(name, self.schedule.names)

    @property
    def findings(self) -> tuple[Finding, ...]:
        """
        Spending the grant does not cover (above a milestone's amount), as
        findings with their source. The missed milestones are in :attr:`missed`.
        """
        return tuple(
            Finding(
                kind=FindingKind.OVERSPEND,
                message=(
                    f"{o.name}: {o.overspent} spent above its amount of {o.milestone.amount} "
                    f"is not covered by the grant"
                ),
                source=f"{REGULATION}, art. 10",
                amount=o.overspent,
            )
            for o in self.outcomes
            if o.overspent.cents
        )

    def explain(self) -> tuple[str, ...]:
        """One line per milestone, then the totals and who pays."""
        lines = [o.explain() for o in self.outcomes]
        lines.append(
            f"Advanced {self.advanced}; set definitively {self.determined}; repaid {self.repayable}"
            + (f", of which {self.unspent} never spent" if self.unspent.cents else "")
            + "."
        )
        for bearer, amount in self.by_bearer.items():
            lines.append(f"  paid by {bearer} (spent on missed milestones): {amount}")
        rule = self.schedule.rule
        lines.append(f"Rule: {rule.describe()} [source: {rule.source}].")
        return tuple(lines)

    def to_rows(self) -> list[dict[str, object]]:
        """One plain row per milestone."""
        return self.table().to_rows()

    def table(self) -> Table:
        """Per milestone its outcome, where it was missed, what is set, what is repaid and who pays."""
        return Table(
            name="milestones",
            title=f"Settlement: repaid {self.repayable} of {self.advanced}",
            columns=_COLUMNS,
            rows=[o.cells() for o in self.outcomes],
        )

    def report(self) -> Report:
        """The settlement as a :class:`~izafunding._render.table.Report`."""
        rule = self.schedule.rule
        return Report(
            kind="schedule settlement",
            title=f"Settlement of the milestones: repaid {self.repayable} of {self.advanced}",
            tables=(self.table(),),
            explanation=self.explain(),
            rules=(Rule(text=rule.describe(), source=rule.source),),
            findings=self.findings,
            inputs={
                "reached_in": {o.name: list(o.reached_in) for o in self.outcomes},
                "spent": {o.name: money_to_dict(o.spent) for o in self.outcomes},
            },
        )

    def plot(self) -> Any:
        """Bars of what is repaid per milestone (extra ``plot``)."""
        from .._render.charts import bar_chart

        return bar_chart(self.table(), "repayable")

    def _repr_html_(self) -> str:
        return self.table().html(css_class="izafunding-settlement", heading_align=False)

"""The settlement (*vaststelling*) of a transformation grant: per milestone, per year and per
pass-through partner year."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final, final

import attrs

from .._core.findings import Finding, FindingKind
from .._core.money import Money
from .._render.exportable import Exportable
from .._render.json_export import money_to_dict
from .._render.table import Column, Kind, Report, Rule, Table
from .._schemes.grants import FrozenMap
from .._schemes.rules import CapReading
from .._schemes.settlement import Settlement
from .milestones import SEED_002
from .outcomes import ScheduleSettlement


if TYPE_CHECKING:
    from .grant import TransformationGrant
    from .sisa import BookYears


__all__ = ["PartnerLine", "TransformationSettlement"]

_UITVOERING: Final = f"{SEED_002}, Uitvoering"


@final
@attrs.frozen(kw_only=True)
class PartnerLine:
    """
    One year of the pass-through subsidy: granted, set from the milestones
    reached, borne by the parties for the missed ones, reclaimed from the
    partner as unspent. Always ``granted == determined + borne + reclaimed``.

    Attributes:
        year: The budget year.

        partner: The partner.

        granted: The subsidy granted (*verleend*) for the year.

        determined: Set (*vastgesteld*) from the year's milestones reached.

        borne: Spent on the year's missed milestones, per bearer.

        reclaimed: Not spent: reclaimed from the partner.
    """

    year: int
    partner: str
    granted: Money
    determined: Money
    borne: FrozenMap[str, Money]
    reclaimed: Money


@final
@attrs.frozen(kw_only=True)
class TransformationSettlement(Exportable):
    """
    The settlement (*vaststelling*) of a transformation grant: per milestone
    (:attr:`milestones`), per year under the scheme's rules (:attr:`years`),
    and per year for the pass-through partner (:meth:`partner_lines`).

    Invariants: ``determined + repayable == paid`` (every advance is either
    set definitively or repaid), so the repayment never exceeds the
    advances paid.

    Attributes:
        grant: The grant settled.

        milestones: The settlement of the schedule.

        years: The year-by-year settlement of the costs, booked per SiSa book year.

        costs: The costs per year they were made.
    """

    grant: TransformationGrant
    milestones: ScheduleSettlement
    years: Settlement
    costs: FrozenMap[int, Money]
    revenues: FrozenMap[int, Money] = attrs.field(factory=FrozenMap)
    outside: FrozenMap[int, Money] = attrs.field(factory=FrozenMap)

    @property
    def cap(self) -> CapReading:
        """The cap reading used (art. 10(3)): the grant's, else the scheme's."""
        return self.grant.cap_reading

    @property
    def on_milestones(self) -> Money:
        """
        What the reached milestones allow under :attr:`cap`: per milestone,
        each one's spending up to its own amount; together, their spending
        up to their summed amount.
        """
        if self.cap is CapReading.PER_MILESTONE:
            return self.milestones.determined
        reached = [o for o in self.milestones.outcomes if o.reached]
        spent = sum((o.spent for o in reached), Money(0))
        amounts = sum((o.milestone.amount for o in reached), Money(0))
        return min(spent, amounts)

    @property
    def revenue(self) -> Money:
        """The realised revenues in the grant period, deducted from the costs."""
        return sum(self.revenues.values(), Money(0))

    @property
    def net_costs(self) -> Money:
        """The costs in the grant period less the revenues (never below zero)."""
        return max(self.in_period - self.revenue, Money(0))

    @property
    def paid(self) -> Money:
        """The advances paid."""
        return Money.from_cents(sum(m.cents for m in self.grant.advances.values()))

    @property
    def determined(self) -> Money:
        """
        The amount set definitively: spent on milestones reached, up to their
        amounts (:attr:`on_milestones`), and at most the costs made inside the
        grant period less the revenues (:attr:`net_costs`; art. 10(3)),
        counted over the whole period: costs made ahead of a year's advance
        (prefinancing) count, as money may be spent "at another moment" within
        the period (seed 002), even where the year-by-year book shows them as
        spending above that year's advance.
        """
        return min(self.on_milestones, self.net_costs, self.paid)

    @property
    def in_period(self) -> Money:
        """The costs booked in the grant period."""
        return sum((y.spent for y in self.years.years), Money(0))

    @property
    def repayable(self) -> Money:
        """What goes back to the ministry: the advances less what is set definitively."""
        return self.paid - self.determined

    @property
    def by_bearer(self) -> dict[str, Money]:
        """Per bearer, what it pays: what was spent on the missed milestones it bears."""
        return self.milestones.by_bearer

    @property
    def sisa(self) -> BookYears:
        """
        The costs per SiSa book year (after late accounting), a mapping;
        called with a year, ``sisa(2025)``, the year's SiSa report (issue 15,
        see :func:`izafunding._transformation.sisa.transformation_sisa`).
        """
        from .sisa import BookYears

        return BookYears(
            self.grant.by_book_year(
                {y: m for y, m in self.costs.items() if y not in self.outside}
            ),
            self,
        )

    def partner_lines(self) -> tuple[PartnerLine, ...]:
        """
        Per year, the pass-through subsidy: granted, set from the milestones
        reached, borne for the missed ones, reclaimed as unspent.

        Raises:
            SchemeError: The grant has no pass-through partner.
        """
        granted = self.grant.subsidy_granted()
        assert self.grant.pass_through is not None
        partner = self.grant.pass_through.partner
        lines = []
        for year, amount in granted.items():
            outcomes = [o for o in self.milestones.outcomes if o.milestone.year == year]
            borne: dict[str, Money] = {}
            for o in outcomes:
                if o.borne.cents:
                    borne[o.milestone.bearer] = borne.get(o.milestone.bearer, Money(0)) + o.borne
            lines.append(
                PartnerLine(
                    year=year,
                    partner=partner,
                    granted=amount,
                    determined=sum((o.determined for o in outcomes), Money(0)),
                    borne=FrozenMap(borne),
                    reclaimed=sum((o.unspent for o in outcomes), Money(0)),
                )
            )
        return tuple(lines)

    @property
    def prefinanced(self) -> dict[int, Money]:
        """Per SiSa book year, the costs made ahead of the advances (counted against later ones)."""
        out: dict[int, Money] = {}
        costs = paid = 0
        for year in sorted(set(self.sisa) | set(self.grant.advances)):
            costs += self.sisa.get(year, Money(0)).cents
            paid += self.grant.advances.get(year, Money(0)).cents
            ahead = costs - paid - sum(m.cents for m in out.values())
            if ahead > 0:
                out[year] = Money.from_cents(ahead)
        return out

    @property
    def findings(self) -> tuple[Finding, ...]:
        """
        The determination over the whole period (the one finding that makes
        money repayable), costs made ahead of the advances, overspending on
        milestones, and costs that do not match the milestones. They derive
        from the determination: their ``repayable`` add up to :attr:`repayable`.
        """
        art10 = f"{self.grant.scheme.source}, art. 10"
        missed = ", ".join(f"{b} {m}" for b, m in self.by_bearer.items() if m.cents)
        revenue = (
            f" less revenues {self.revenue} = {self.net_costs}" if self.revenues else ""
        )
        out = [] if self.repayable.is_zero() else [
            Finding(
                kind=FindingKind.DETERMINATION,
                message=(
                    f"set definitively over the whole period {self.determined} "
                    f"({self.grant._cap_note()}): spent on the milestones reached, up to "
                    f"their amounts, {self.on_milestones}; costs in the grant period "
                    f"{self.in_period}{revenue}; advances {self.paid}: "
                    + f"{self.repayable} is repayable"
                    + (f" (spent on missed milestones: {missed})" if missed else "")
                ),
                source=art10,
                amount=self.determined,
                repayable=self.repayable,
            )
        ]
        period = self.grant.scheme.period
        for year, amount in self.outside.items():
            if amount.cents:
                out.append(
                    Finding(
                        kind=FindingKind.INELIGIBLE,
                        message=(
                            f"costs of {year} ({amount}) lie outside the grant period {period}: "
                            f"they are not eligible"
                        ),
                        source=art10,
                        amount=amount,
                        year=year,
                    )
                )
        for o in self.milestones.missed:
            if o.borne.cents:
                out.append(
                    Finding(
                        kind=FindingKind.INELIGIBLE,
                        message=(
                            f"{o.name} was not reached: the {o.borne} spent on it is not "
                            f"eligible; {o.milestone.bearer} bears it"
                        ),
                        source=art10,
                        amount=o.borne,
                    )
                )
        for year, ahead in self.prefinanced.items():
            out.append(
                Finding(
                    kind=FindingKind.PREFINANCED,
                    message=(
                        f"costs up to {year} exceed the advances up to {year} by {ahead}: they are "
                        f"eligible within the grant period and count against the later advances"
                    ),
                    source=f"{art10}; {_UITVOERING}",
                    amount=ahead,
                    year=year,
                )
            )
        out += self.milestones.findings
        on_milestones = Money.from_cents(sum(o.spent.cents for o in self.milestones.outcomes))
        total_costs = Money.from_cents(sum(m.cents for m in self.costs.values()))
        if on_milestones != total_costs:
            out.append(
                Finding(
                    kind=FindingKind.INCONSISTENCY,
                    message=(
                        f"the costs per year add up to {total_costs}, the spending per milestone "
                        f"to {on_milestones} (difference {total_costs - on_milestones})"
                    ),
                    source=art10,
                    amount=abs(total_costs - on_milestones),
                )
            )
        return tuple(out)

    def explain(self) -> tuple[str, ...]:
        """Per milestone, per year and per partner year, then the totals."""
        g = self.grant
        lines = [
            f"Settlement of {g.scheme.label} for {g.recipient}: advances {self.paid}, "
            f"set definitively {self.determined}, repaid {self.repayable}",
            *self.milestones.explain(),
            f"Art. 10(3): {g._cap_note()}: the reached milestones allow {self.on_milestones}",
        ]
        if self.revenues:
            lines.append(
                "Revenues deducted from the costs (art. 10(3)): "
                + ", ".join(f"{y} {m}" for y, m in self.revenues.items())
                + f"; costs in the grant period {self.in_period}, net {self.net_costs}"
            )
        for rule in g.late_accounting:
            lines.append(f"SiSa: {rule.describe()} [source: {rule.source}]")
        lines += [f"  book year {y}: costs {m}" for y, m in self.sisa.items()]
        lines.append(
            "Year by year, the costs against the advances as they came (costs made ahead of an "
            "advance count against the later ones; the determination over the whole period "
            "decides what is repayable):"
        )
        ahead = self.prefinanced
        for y in self.years.years:
            lines.append(
                f"  {y.year}: advance {y.awarded}, costs counted {y.spent}"
                + (f" (costs ahead of the advances: {ahead[y.year]})" if y.year in ahead else "")
                + (
                    f", unspent moving on {y.carried_over}"
                    if not y.carried_over.is_zero()
                    else ""
                )
            )
        lines.append(
            f"  determination over the period: set {self.determined}, repayable {self.repayable}"
        )
        if g.pass_through is not None:
            lines.append(
                f"Subsidy to {g.pass_through.partner} ({'; '.join(g.pass_through.requirements)}):"
            )
            for p in self.partner_lines():
                borne = ", ".join(f"{b} {m}" for b, m in p.borne.items()) or "nothing"
                lines.append(
                    f"  {p.year}: granted {p.granted}, set {p.determined}, borne for missed "
                    f"milestones: {borne}, reclaimed as unspent {p.reclaimed}"
                )
        lines += [f"Finding: {f}" for f in self.findings]
        return tuple(lines)

    def to_rows(self) -> list[dict[str, object]]:
        """
        Per year: advance, costs, SiSa book-year costs, and the milestones set
        and repaid. The determination is over the whole period: what it makes
        repayable beyond the milestones' own figures is shown in the last
        year, so the column adds up to :attr:`repayable`.
        """
        return self.table().to_rows()

    def table(self) -> Table:
        """
        Per year: advance, costs, SiSa book-year costs, and the milestones set and repaid
        (the last year carries what the determination over the period adds, see :meth:`to_rows`).
        """
        sisa = self.sisa
        years = list(self.grant.advances.items())
        repaid: list[Money] = []
        determined: list[Money] = []
        for year, _ in years:
            outcomes = [o for o in self.milestones.outcomes if o.milestone.year == year]
            repaid.append(sum((o.repayable for o in outcomes), Money(0)))
            determined.append(sum((o.determined for o in outcomes), Money(0)))
        if repaid:
            repaid[-1] += self.repayable - sum(repaid, Money(0))
        return Table(
            name="years",
            title=(
                f"{self.grant.scheme.label} for {self.grant.recipient}: set {self.determined}, "
                f"repaid {self.repayable}"
            ),
            columns=_YEAR_COLUMNS,
            rows=[
                (year, advance, self.costs.get(year, Money(0)), sisa.get(year, Money(0)), d, r)
                for (year, advance), d, r in zip(years, determined, repaid, strict=True)
            ],
        )

    def report(self) -> Report:
        """The settlement as a :class:`~izafunding._render.table.Report`: per year and per milestone."""
        g = self.grant
        rule = g.schedule.rule
        return Report(
            kind="transformation settlement",
            title=f"Settlement of {g.scheme.label} for {g.recipient}",
            tables=(self.table(), self.milestones.table()),
            explanation=self.explain(),
            rules=(
                Rule(text=rule.describe(), source=rule.source),
                Rule(text=f"art. 10(3): {g._cap_note()}", source=f"{g.scheme.label}, art. 10(3)"),
                *(Rule(text=r.describe(), source=r.source) for r in g.late_accounting),
            ),
            findings=self.findings,
            inputs={
                "recipient": g.recipient,
                "costs": {str(y): money_to_dict(m) for y, m in self.costs.items()},
                "revenues": {str(y): money_to_dict(m) for y, m in self.revenues.items()},
                "reached_in": {o.name: list(o.reached_in) for o in self.milestones.outcomes},
            },
        )

    def plot(self) -> Any:
        """The year-by-year settlement as a waterfall per year (extra ``plot``)."""
        return self.years.plot()

    def _repr_html_(self) -> str:
        return (
            self.table().html(css_class="izafunding-transformation", heading_align=False)
            + self.milestones._repr_html_()
        )


#: The columns of a transformation settlement per year.
_YEAR_COLUMNS: Final = (
    Column(key="year", kind=Kind.COUNT, format="plain"),
    Column(key="advance", kind=Kind.MONEY),
    Column(key="costs", kind=Kind.MONEY),
    Column(key="sisa_costs", title="SiSa costs", kind=Kind.MONEY),
    Column(key="determined", title="set", kind=Kind.MONEY),
    Column(key="repayable", title="repaid", kind=Kind.MONEY),
)

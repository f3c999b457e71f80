"""The settlement (vaststelling) of a grant against what was spent: the result, its views and exports."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, final

import attrs

from .._core.findings import Finding, FindingKind
from .._core.maps import FrozenMap
from .._core.money import Money
from .._render.exportable import Exportable
from .._render.json_export import money_to_dict
from .._render.table import Column, Kind, Report, Rule, Table, html_list
from .final_settlement import FinalSettlement, YearContribution
from .final_settlement import years_list as _years_list
from .settlement_years import ComponentSettlement, YearSettlement


if TYPE_CHECKING:
    from .grants import Grant
    from .members import MembersYear
    from .sisa import SisaReport, SisaShape, SisaWording


__all__ = [
    "ComponentSettlement",
    "FinalSettlement",
    "Settlement",
    "YearContribution",
    "YearSettlement",
]

_ZERO = Money(0)


@final
@attrs.frozen(kw_only=True)
class Settlement(Exportable):
    """
    The settlement (*vaststelling*) of a grant against what was spent: per
    year and in total, eligible spending, what moved to the next year, what
    shifted between components, what is repayable (*terugvordering*), and
    every rule outcome as a :class:`Finding` with the rule's source.

    Spending is counted against carried-in money first (it must be spent in
    the year it moves to), then against the year's award. An overspend on a
    component is covered by shifting where the rules allow, then capped at
    what was available and reported: it is never repaid. Money moved to a
    year and not spent there is repayable; in the last year of the period
    everything unspent is. Shifting comes before carry-over (it never lowers
    what the recipient keeps). Where the rules leave a choice (which
    component's unspent money covers another's overspend), the settlement
    takes the accounting that repays least, then spends most now; with two
    years with walls settled together (GALA 2023 and 2024), the first
    year's choice is made for both (docs/schemes-spuk-gala.md). Every limit
    that is not a whole cent is rounded down (in favour of the Rijk).

    >>> from izafunding.schemes import SPUK_GALA
    >>> grant = Grant.from_published(SPUK_GALA, "Zutphen", years=(2025, 2026))
    >>> s = grant.settle(spent={2025: Money(780962), 2026: Money(800000)})
    >>> s.year(2025).carried_over, s.year(2026).repayable, s.repayable
    (Money('88096.20'), Money('38201.20'), Money('50105.00'))
    >>> [f.kind.value for f in s.findings]
    ['carry-over limit', 'last year']

    Only the years for which spending is given are settled, in order from
    the grant's first year; nothing is assumed for the others. Its later
    years are :attr:`open_years`: nothing is repayable for them yet, and a
    finding says so.

    >>> s = grant.settle(spent={2025: Money(780962)})
    >>> s.open_years, s.repayable
    ((2026,), Money('11903.80'))
    >>> print(s.findings[-1].message)
    2026 is not settled yet: no spending was given for it. Its award € 750.105,00 and € 88.096,20 moved in from 2025 are still to be accounted; nothing is repayable for 2026 yet. Give the spending of 2026 to settle it.

    Attributes:
        grant: The grant settled.

        years: One :class:`YearSettlement` per settled year, ascending.

        open_years: The grant's later years, not settled yet because no
            spending was given for them (their award, and what moved into
            the first of them, are still to be accounted).
    """

    grant: Grant
    years: tuple[YearSettlement, ...]
    open_years: tuple[int, ...] = ()

    # -- issue 15: a region's members and SiSa (computed in _members.py and _sisa.py) --
    members_by_year: Mapping[int, MembersYear] = attrs.field(factory=FrozenMap, repr=False)

    def members(self, year: int) -> MembersYear:
        """
        The members' accounting of *year*: a read-only mapping municipality ->
        :class:`~izafunding.MemberAccount` (``.transferred``, ``.spent``,
        ``.returned``), given when the grant was settled per municipality.

        Raises:
            UnknownNameError: The year was not settled per municipality.
        """
        self.year(year)
        if year not in self.members_by_year:
            from ..errors import UnknownNameError

            given = ", ".join(map(str, self.members_by_year)) or "none"
            msg = (
                f"{year} was not settled per municipality (years with members: {given}); "
                f"settle with spent={{{year}: {{municipality: Money}}}} and transferred=..."
            )
            raise UnknownNameError(msg)
        return self.members_by_year[year]

    def sisa(
        self,
        year: int,
        *,
        wording: Mapping[str, SisaWording] | None = None,
        shape: SisaShape | None = None,
    ) -> SisaReport:
        """The SiSa rows of *year*, dated like the rules (see ``docs/sisa.md``)."""
        from .sisa import settlement_sisa

        members = self.members_by_year.get(year)
        return settlement_sisa(self, year, members=members, wording=wording, shape=shape)

    # -- end of issue 15 --

    def year(self, year: int) -> YearSettlement:
        """
        The settlement of *year*.

        Raises:
            SchemeError: The year is outside the scheme's period.
            UnknownNameError: The year is in the period but not settled here
                (an open year: no spending was given for it).
        """
        self.grant.scheme.check_year(year)
        for y in self.years:
            if y.year == year:
                return y
        from ..errors import UnknownNameError

        settled = ", ".join(str(y.year) for y in self.years) or "none"
        why = " yet: no spending was given for it" if year in self.open_years else " here"
        msg = f"{year} is not settled{why} (settled years: {settled})"
        raise UnknownNameError(msg)

    @property
    def final(self) -> FinalSettlement | None:
        """
        The final settlement over the whole grant period (*eindafrekening*):
        present when every year of the scheme's period is settled (for SPUK
        GALA, 2023-2026: the settlement of 2027); ``None`` otherwise.
        """
        scheme = self.grant.scheme
        if self.open_years or self.settled_years != scheme.years:
            return None
        contributions = []
        for y, after in zip(self.years, (*self.years[1:], None), strict=True):
            spent_there = (
                sum((min(b.spent, b.carried_in) for b in after.budgets), _ZERO)
                if after is not None
                else _ZERO
            )
            contributions.append(
                YearContribution(
                    year=y.year,
                    awarded=y.awarded,
                    eligible=y.eligible,
                    carried_over=y.carried_over,
                    carried_spent=min(spent_there, y.carried_over),
                    repayable=y.repayable,
                )
            )
        return FinalSettlement(
            settled_in=scheme.rules_for(scheme.years[-1]).determination.settled_in,
            years=tuple(contributions),
            repayable=self.repayable,
        )

    @property
    def settled_years(self) -> tuple[int, ...]:
        """The years settled, ascending."""
        return tuple(y.year for y in self.years)

    def _sum(self, field: str) -> Money:
        return sum((getattr(y, field) for y in self.years), _ZERO)

    @property
    def awarded(self) -> Money:
        """The total awarded."""
        return self._sum("awarded")

    @property
    def spent(self) -> Money:
        """The total spent."""
        return self._sum("spent")

    @property
    def eligible(self) -> Money:
        """The total of eligible spending."""
        return self._sum("eligible")

    @property
    def carried_over(self) -> Money:
        """The total moved from a year to the next (each move counted once)."""
        return self._sum("carried_over")

    @property
    def shifted(self) -> Money:
        """The total shifted between components."""
        return self._sum("shifted")

    @property
    def overspend(self) -> Money:
        """Spending above what was available: not eligible, not repaid."""
        return self._sum("overspend")

    @property
    def paid(self) -> Money:
        """
        The advances paid for the settled years (the advances of the
        :attr:`open_years` are accounted when those years are settled).
        """
        assert self.grant.advances is not None
        settled = set(self.settled_years)
        return sum((m for y, m in self.grant.advances.items() if y in settled), _ZERO)

    @property
    def repayable(self) -> Money:
        """
        What the recipient must repay: the advances paid for the settled
        years less the eligible spending and what is :attr:`pending` for an
        open year, never below zero. With advances equal to the awards (the
        default) this is the sum of the years' repayable amounts.
        """
        return max(self.paid - self.eligible - self.pending, _ZERO)

    @property
    def pending(self) -> Money:
        """
        What moved from the last settled year into the first open year: not
        spent yet and not repayable yet, to be accounted when that year is
        settled (zero when no year is open).
        """
        if not self.open_years or not self.years:
            return _ZERO
        return self.years[-1].carried_over

    @property
    def unspent(self) -> Money:
        """
        The sum of the years' repayable amounts: the award not spent under the
        rules. It equals :attr:`repayable` when the advances equal the awards;
        with smaller advances, only what was paid can be repaid.
        """
        return self._sum("repayable")

    @property
    def still_to_pay(self) -> Money:
        """What the Rijk still owes when the advances were less than the eligible spending."""
        return max(self.eligible - self.paid, _ZERO)

    @property
    def findings(self) -> tuple[Finding, ...]:
        """
        Every finding, year by year; where the advances differ from the
        awards, a finding says how that changes what is repayable, so that
        the findings' ``repayable`` add up to :attr:`repayable`; last, one
        finding per open year (repaying nothing).
        """
        found = [f for y in self.years for f in y.findings]
        difference = self.repayable - self.unspent
        if not difference.is_zero():
            found.append(
                Finding(
                    kind=FindingKind.ADVANCES,
                    message=(
                        f"advances paid {self.paid} against eligible spending {self.eligible}: "
                        f"{self.repayable} is repayable, not the {self.unspent} unspent under "
                        f"the rules (only what was paid can be repaid)"
                    ),
                    source=self.grant.source or self.grant.scheme.source,
                    amount=abs(difference),
                    repayable=difference,
                )
            )
        found += self._open_findings()
        return tuple(found)

    def _open_findings(self) -> list[Finding]:
        """One finding per open year: not settled, nothing repayable yet."""
        found = []
        carried = self.years[-1].carried_over if self.years else _ZERO
        for year in self.open_years:
            awarded = self.grant.awarded_in(year)
            moved_in = carried if year == self.open_years[0] else _ZERO
            parts = [f"its award {awarded}"] if not awarded.is_zero() else []
            if not moved_in.is_zero():
                parts.append(f"{moved_in} moved in from {year - 1}")
            pending = " and ".join(parts) or "nothing"
            verb = "are" if len(parts) > 1 else "is"
            found.append(
                Finding(
                    kind=FindingKind.NOT_SETTLED,
                    message=(
                        f"{year} is not settled yet: no spending was given for it. "
                        f"{pending[0].upper()}{pending[1:]} {verb} still to be accounted; "
                        f"nothing is repayable for {year} yet. Give the spending of {year} "
                        f"to settle it."
                    ),
                    source=self.grant.scheme.rules_for(year).determination.source,
                    amount=awarded + moved_in,
                    year=year,
                )
            )
        return found

    def _coverage(self) -> str:
        """Which years are settled and which are still open, in one line."""
        settled = _years_list(self.settled_years) or "none"
        line = f"Settled: {settled}"
        if self.open_years:
            line += f"; not yet settled (no spending given): {_years_list(self.open_years)}"
        return line

    # -- explanation and display ------------------------------------------------------------

    def explain(self) -> tuple[str, ...]:
        """Plain-English lines: each year's figures, its findings, and the totals."""
        g = self.grant
        lines = [f"Settlement of {g.scheme.label} for {g.recipient}", self._coverage()]
        for y in self.years:
            lines.append(
                f"{y.year}: available {y.available} (award {y.awarded} + carried in "
                f"{y.carried_in}); spent {y.spent}; eligible {y.eligible}; shifted "
                f"{y.shifted}; "
                + ("last year of the period" if y.rules.is_last else f"to {y.year + 1} {y.carried_over}")
                + f"; repayable {y.repayable}"
                + (f"; overspend {y.overspend} (not eligible)" if not y.overspend.is_zero() else "")
            )
            if y.rules.has_walls:
                for b in y.budgets:
                    lines.append(
                        f"  {b.component}: available {b.available}, spent {b.spent}, "
                        f"shifted in {b.shifted_in}, out {b.shifted_out}, eligible "
                        f"{b.eligible}, to next year {b.carried_over}, repayable {b.repayable}"
                    )
            lines += [f"  - {f}" for f in y.findings]
        lines.append(
            f"Total: awarded {self.awarded}, paid {self.paid}, eligible {self.eligible}, "
            f"repayable {self.repayable}"
            + (f", still to pay {self.still_to_pay}" if not self.still_to_pay.is_zero() else "")
        )
        if (closing := self.final) is not None:
            lines += closing.explain()
        return tuple(lines)

    def table(self) -> Table:
        """
        The years' table: per year what was available, spent, eligible, shifted, carried
        over and repayable (award and carried in, in the exports); the totals below, with
        the settlement's :attr:`repayable`. Its notes: the years settled, the final settlement.
        """
        rows = [(y.year, *(getattr(y, k) for k, _ in _YEAR_FIGURES)) for y in self.years]
        total = (
            "total",
            self.awarded,
            None,
            None,
            self.spent,
            self.eligible,
            self.shifted,
            None,
            self.repayable,
        )
        notes = [self._coverage()]
        if (closing := self.final) is not None:
            notes.append("\n".join(closing.explain()))
        g = self.grant
        return Table(
            name="settlement",
            title=f"{g.scheme.label}: settlement for {g.recipient}",
            columns=_YEAR_COLUMNS,
            rows=rows,
            footer=(total,),
            notes=notes,
        )

    def budgets_table(self) -> Table:
        """One row per year and budget, every figure of the budget."""
        rows = [
            (y.year, b.component, *(getattr(b, k) for k in _BUDGET_FIGURES))
            for y in self.years
            for b in y.budgets
        ]
        return Table(
            name="budgets",
            title=f"{self.grant.scheme.label}: budgets of {self.grant.recipient}",
            columns=_BUDGET_COLUMNS,
            rows=rows,
        )

    def report(self) -> Report:
        """The settlement as it leaves the library: tables, rules per year, findings, inputs."""
        table = self.table()
        g = self.grant
        rules = [
            Rule(text=rule.describe(), source=rule.source, valid=str(y.year))
            for y in self.years
            for rule in y.rules.all()
        ]
        return Report(
            kind="settlement",
            title=table.title,
            tables=(table, self.budgets_table()),
            explanation=self.explain(),
            rules=rules,
            findings=self.findings,
            inputs={
                "scheme": g.scheme.name,
                "recipient": g.recipient,
                "years": {
                    str(y.year): {
                        "awarded": money_to_dict(y.awarded),
                        "spent": money_to_dict(y.spent),
                    }
                    for y in self.years
                },
                "paid": money_to_dict(self.paid),
            },
        )

    def plot(self, year: int | None = None) -> Any:
        """
        A waterfall per settled year (or of *year*): award, carried in, spent, the
        overspend that is not eligible, carried on, ending at what is repayable; the
        amount shifted between components in each year's title (a matplotlib ``Figure``;
        extra ``plot``).
        """
        from .._render.charts import waterfall_charts

        years = self.years if year is None else (self.year(year),)
        panels = [
            (
                f"{y.year} (shifted {y.shifted})",
                [
                    ("award", y.awarded),
                    ("carried in", y.carried_in),
                    ("spent", -y.spent),
                    ("overspend, not eligible", y.overspend),
                    ("carried on", -y.carried_over),
                ],
            )
            for y in years
        ]
        g = self.grant
        return waterfall_charts(f"{g.scheme.label}: {g.recipient}", panels, result="repayable")

    def render(self) -> str:
        """A text table (one row per year) and the findings, for the command line."""
        g = self.grant
        out = [
            f"{g.scheme.label}: settlement for {g.recipient}"
            + (f" (applicant {g.applicant})" if g.applicant else ""),
            self._coverage(),
            "",
            *self.table().text_lines(rule=True, strip=False),
            "",
            f"Advances paid {self.paid}; eligible {self.eligible}; to repay {self.repayable}"
            + (f"; still to pay {self.still_to_pay}" if not self.still_to_pay.is_zero() else ""),
        ]
        if (closing := self.final) is not None:
            out += ["", *closing.explain()]
        if self.findings:
            out += ["", "Findings:"]
            out += [f"- {f}" for f in self.findings]
        return "\n".join(out)

    def to_rows(self) -> list[dict[str, object]]:
        """
        Plain rows, one per year and budget, ready for ``pandas.DataFrame(rows)``.
        """
        return self.budgets_table().to_rows()

    def _repr_html_(self) -> str:
        table = self.table().html(heading_align=False, footer_labels=True)
        return f"<div class='izafunding-settlement'>{table}{html_list(self.findings)}</div>"

    def __repr__(self) -> str:
        return (
            f"<Settlement {self.grant.scheme.label} {self.grant.recipient}: eligible "
            f"{self.eligible}, carried over {self.carried_over}, repayable {self.repayable}, "
            f"{len(self.findings)} findings>"
        )


#: The years' table: award and carried in only in the exports.
_YEAR_FIGURES = (
    ("awarded", "award"),
    ("carried_in", "carried in"),
    ("available", "available"),
    ("spent", "spent"),
    ("eligible", "eligible"),
    ("shifted", "shifted"),
    ("carried_over", "carried over"),
    ("repayable", "repayable"),
)
_YEAR_COLUMNS = (
    Column(key="year", kind=Kind.COUNT, format="plain", align="left"),
    *(
        Column(key=k, title=t, kind=Kind.MONEY, shown=k not in ("awarded", "carried_in"))
        for k, t in _YEAR_FIGURES
    ),
)
_BUDGET_FIGURES = (
    "awarded",
    "carried_in",
    "spent",
    "shifted_in",
    "shifted_out",
    "eligible",
    "carried_over",
    "repayable",
    "overspend",
)
_BUDGET_COLUMNS = (
    Column(key="year", kind=Kind.COUNT, format="plain", align="left"),
    Column(key="component"),
    *(Column(key=k, title=k.replace("_", " "), kind=Kind.MONEY) for k in _BUDGET_FIGURES),
)

"""Settlement (vaststelling) of a grant against what was spent, year by year."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, final

import attrs

from .._core.findings import Finding, FindingKind
from .._core.maps import FrozenMap, normalize_amounts
from .._core.money import Money
from .._render.exportable import Exportable
from .._render.json_export import money_to_dict
from .._render.table import Column, Kind, Report, Rule, Table, html_list
from .rules import CarryOver, ShiftBase, Shifting, ShiftScope, YearRules


if TYPE_CHECKING:
    from .grants import Amounts, Grant
    from .members import MembersYear
    from .sisa import SisaReport, SisaShape, SisaWording


__all__ = [
    "ComponentSettlement",
    "FinalSettlement",
    "Settlement",
    "YearContribution",
    "YearSettlement",
    "settle",
]

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


@final
@attrs.frozen(kw_only=True)
class YearContribution:
    """
    One year's part in the final settlement over the period: its award, its
    eligible spending, what it carried to the next year and how much of that
    was spent there, and what it makes repayable.
    """

    year: int
    awarded: Money
    eligible: Money
    carried_over: Money
    carried_spent: Money
    repayable: Money


@final
@attrs.frozen(kw_only=True)
class FinalSettlement(Exportable):
    """
    The final settlement over the whole grant period (*eindafrekening*; SPUK
    GALA: in 2027 over 2023-2026): the period total with each year's
    contribution. :attr:`repayable` is what the ministry reclaims.

    Attributes:
        settled_in: The year of the final settlement, where the scheme says.

        years: Each year's contribution, ascending.

        repayable: What the ministry reclaims (the settlement's repayable:
            the advances paid less the eligible spending).
    """

    settled_in: int | None
    years: tuple[YearContribution, ...]
    repayable: Money

    def _sum(self, field: str) -> Money:
        return sum((getattr(y, field) for y in self.years), _ZERO)

    @property
    def awarded(self) -> Money:
        """The total awarded over the period."""
        return self._sum("awarded")

    @property
    def eligible(self) -> Money:
        """The eligible spending over the period."""
        return self._sum("eligible")

    @property
    def carried_over(self) -> Money:
        """What moved from a year to the next, over the period."""
        return self._sum("carried_over")

    @property
    def carried_spent(self) -> Money:
        """Of that, what was spent in the year it moved to."""
        return self._sum("carried_spent")

    @property
    def span(self) -> str:
        """The period's years, e.g. ``'2023-2026'``."""
        return _years_list(tuple(y.year for y in self.years))

    def explain(self) -> tuple[str, ...]:
        """The period total, then each year's contribution."""
        when = f" of {self.settled_in}" if self.settled_in is not None else ""
        lines = [
            f"Final settlement{when} (eindafrekening) over {self.span}: awarded {self.awarded}, "
            f"eligible {self.eligible}, carried to the next year {self.carried_over} (spent "
            f"there {self.carried_spent}), repayable {self.repayable} (what the ministry reclaims)"
        ]
        for y in self.years:
            lines.append(
                f"  {y.year}: awarded {y.awarded}, eligible {y.eligible}, carried to "
                f"{y.year + 1} {y.carried_over} (spent there {y.carried_spent}), repayable "
                f"{y.repayable}"
            )
        unspent = self._sum("repayable")
        if unspent != self.repayable:
            lines.append(
                f"  unspent under the rules {unspent}; the advances paid make {self.repayable} "
                f"repayable"
            )
        return tuple(lines)

    def table(self) -> Table:
        """The period's table: one row per year, the period total below."""
        rows = [(y.year, *(getattr(y, f) for f, _ in _FINAL_FIGURES)) for y in self.years]
        return Table(
            name="final settlement",
            title=f"Final settlement (eindafrekening) over {self.span}",
            columns=_FINAL_COLUMNS,
            rows=rows,
            footer=(("total", *(getattr(self, f) for f, _ in _FINAL_FIGURES)),),
        )

    def report(self) -> Report:
        """The final settlement as it leaves the library."""
        table = self.table()
        return Report(
            kind="final settlement", title=table.title, tables=(table,), explanation=self.explain()
        )

    def to_rows(self) -> list[dict[str, object]]:
        """One plain row per year, then a row ``"total"``."""
        return self.table().to_rows(footer=True)


_FINAL_FIGURES = (
    ("awarded", "awarded"),
    ("eligible", "eligible"),
    ("carried_over", "carried over"),
    ("carried_spent", "carried, spent"),
    ("repayable", "repayable"),
)
_FINAL_COLUMNS = (
    Column(key="year", kind=Kind.COUNT, format="plain", align="left"),
    *(Column(key=k, title=t, kind=Kind.MONEY) for k, t in _FINAL_FIGURES),
)


def _years_list(years: tuple[int, ...]) -> str:
    """(2023, 2024, 2025) -> '2023-2025'; (2023, 2025) -> '2023, 2025'."""
    if len(years) > 2 and years == tuple(range(years[0], years[-1] + 1)):
        return f"{years[0]}-{years[-1]}"
    return ", ".join(map(str, years))


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
    what the recipient keeps). Every limit that is not a whole cent is
    rounded down (in favour of the Rijk).

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
    return {b.name: carry.limit(Money.from_cents(b.awarded)).cents for b in budgets}


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
    the order of the input nor the components' numbers matter.
    """
    shifting = rules.shifting
    if shifting.within is ShiftScope.NONE or shifting.share == 0:
        return
    carry_caps = _carry_caps(budgets, rules)
    groups: dict[str, list[_Budget]] = {}
    for b in budgets:
        key = b.theme if shifting.within is ShiftScope.MAIN_THEME else ""
        groups.setdefault(key, []).append(b)
    for group in groups.values():
        give: dict[str, int] = {}
        take: dict[str, int] = {}
        for b in group:
            limit = shifting.limit(Money.from_cents(b.awarded)).cents
            if shifting.base is ShiftBase.SOURCE_COMPONENT:
                give[b.name] = min(b.unspent_award, limit)
                take[b.name] = b.need
            else:
                give[b.name] = b.unspent_award
                take[b.name] = min(b.need, limit)
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


def _settle_year(
    grant: Grant,
    year: int,
    awarded: Mapping[str, int],
    carried_in: Mapping[str, int],
    spent: Mapping[str, int],
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
        _shift(budgets, rules)

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
            moved = min(remaining, carry.limit(Money.from_cents(b.awarded)).cents)
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
    findings += _findings(year, rules, walls, results, budgets)
    return (
        YearSettlement(year=year, rules=rules, budgets=tuple(results), findings=tuple(findings)),
        carried_out,
    )


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


def _findings(
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
            )
            results.append(result)
        after = last + 1
    else:
        after = min(grant.awarded)
    open_years = {y for y in grant.awarded if y >= after}
    if carried and after in scheme.years:
        open_years.add(after)
    return Settlement(grant=grant, years=tuple(results), open_years=tuple(sorted(open_years)))

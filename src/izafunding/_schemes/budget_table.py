"""A multi-year budget table (meerjarenbegroting): lines per year, the stated totals checked."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import final

import attrs

from .._core.findings import Finding, FindingKind
from .._core.money import Money
from .._core.validators import non_empty_text
from .._render.exportable import Exportable
from .._render.json_export import money_to_dict
from .._render.table import Column, Kind, Report, Table, html_list
from ..errors import SchemeError, UnknownNameError


__all__ = ["BudgetLine", "BudgetTable"]

_ZERO = Money(0)
_check_text = non_empty_text()


def _amounts_by_year(
    value: Mapping[int, Money] | Iterable[tuple[int, Money]],
) -> tuple[tuple[int, Money], ...]:
    pairs = tuple(value.items()) if isinstance(value, Mapping) else tuple(value)
    for year, amount in pairs:
        if isinstance(year, bool) or not isinstance(year, int):
            msg = f"years must be ints such as 2023 (got {year!r})"
            raise SchemeError(msg)
        if not isinstance(amount, Money):
            msg = f"the amount for {year} must be a Money (got {amount!r})"
            raise SchemeError(msg)
    return tuple(sorted(pairs))


@final
@attrs.frozen(kw_only=True)
class BudgetLine:
    """
    One line of a multi-year budget table (*meerjarenbegroting*): a label and
    an amount per year.
    """

    label: str = attrs.field(validator=_check_text)
    amounts: tuple[tuple[int, Money], ...] = attrs.field(converter=_amounts_by_year)

    def get(self, year: int) -> Money:
        """The amount for *year* (zero if the line has none)."""
        return dict(self.amounts).get(year, _ZERO)


def _budget_lines(value: Iterable[BudgetLine]) -> tuple[BudgetLine, ...]:
    return tuple(value)


@final
@attrs.frozen(kw_only=True)
class BudgetTable(Exportable):
    """
    A multi-year budget table: lines with an amount per year and the totals
    the document states, checked against the sum of the lines.

    >>> t = BudgetTable(title="t", source="s", lines=[
    ...     BudgetLine(label="A", amounts={2022: Money(1)}),
    ...     BudgetLine(label="B", amounts={2022: Money(2)})],
    ...     stated_totals={2022: Money(4)})
    >>> t.total(2022), [f.amount for f in t.findings()]
    (Money('3.00'), [Money('1.00')])
    """

    title: str
    lines: tuple[BudgetLine, ...] = attrs.field(converter=_budget_lines)
    stated_totals: tuple[tuple[int, Money], ...] = attrs.field(
        default=(), converter=_amounts_by_year
    )
    total_label: str = "Total"
    source: str = attrs.field(validator=_check_text)

    @property
    def years(self) -> tuple[int, ...]:
        """The years of the table."""
        years = {y for line in self.lines for y, _ in line.amounts} | {
            y for y, _ in self.stated_totals
        }
        return tuple(sorted(years))

    def total(self, year: int) -> Money:
        """The sum of the lines for *year*."""
        return sum((line.get(year) for line in self.lines), _ZERO)

    def line(self, label: str) -> BudgetLine:
        """
        The line called *label*.

        Raises:
            UnknownNameError: No such line; the message lists them.
        """
        for ln in self.lines:
            if ln.label == label:
                return ln
        labels = [ln.label for ln in self.lines]
        msg = f"{self.title} has no line {label!r} (lines: {', '.join(labels)})"
        raise UnknownNameError(msg)

    def findings(self) -> tuple[Finding, ...]:
        """Every stated total that is not the sum of its lines."""
        found = []
        for year, stated in self.stated_totals:
            computed = self.total(year)
            if computed != stated:
                parts = " + ".join(f"{ln.get(year):compact}" for ln in self.lines)
                found.append(
                    Finding(
                        kind=FindingKind.INCONSISTENCY,
                        message=(
                            f"{self.total_label} {year} is stated as {stated:compact}, but its "
                            f"lines sum to {computed:compact} ({parts}): "
                            f"{abs(stated - computed):compact} "
                            + ("more" if stated > computed else "less")
                            + " than its lines, unexplained"
                        ),
                        source=self.source,
                        amount=stated - computed,
                        year=year,
                    )
                )
        return tuple(found)

    def table(self) -> Table:
        """
        The budget table: one row per line with its amount per year; below, the sum of the
        lines and the total the document states (empty for a year it states none).
        """
        stated = dict(self.stated_totals)
        return Table(
            name="budget",
            title=self.title,
            columns=(
                Column(key="line", title=""),
                *(
                    Column(key=str(y), kind=Kind.MONEY, format="compact_euros")
                    for y in self.years
                ),
            ),
            rows=[(ln.label, *(ln.get(y) for y in self.years)) for ln in self.lines],
            footer=(
                ("Sum of lines", *(self.total(y) for y in self.years)),
                (f"{self.total_label} (stated)", *(stated.get(y) for y in self.years)),
            ),
            notes=(f"Source: {self.source}",),
        )

    def report(self) -> Report:
        """The budget table as it leaves the library: the lines, both totals, findings."""
        table = self.table()
        return Report(
            kind="budget table",
            title=table.title,
            tables=(table,),
            explanation=tuple(self.render().splitlines()),
            sources=(self.source,),
            findings=self.findings(),
            inputs={
                "lines": {
                    ln.label: {str(y): money_to_dict(m) for y, m in ln.amounts}
                    for ln in self.lines
                },
                "stated_totals": {str(y): money_to_dict(m) for y, m in self.stated_totals},
            },
        )

    def render(self) -> str:
        """The table as text, with the computed and stated totals and the findings."""
        cells = self.table().text_cells()
        labels = [*(ln.label for ln in self.lines), self.total_label, "Stated total"]
        label_w = max(len(s) for s in labels) + 2
        out = [self.title, f"Source: {self.source}", ""]
        out += [f"{row[0]:<{label_w}}" + "".join(f"{c:>14}" for c in row[1:]) for row in cells]
        findings = self.findings()
        if findings:
            out += ["", "Findings:", *(f"- {f}" for f in findings)]
        return "\n".join(out)

    def to_rows(self) -> list[dict[str, object]]:
        """
        Plain rows, one per line and the stated total (``None`` for a year it states
        none), ready for ``pandas.DataFrame(rows)``.
        """
        table = self.table()
        return [*table.to_rows(), table.to_rows(footer=True)[-1]]

    def _repr_html_(self) -> str:
        wrong = [(1, str(y)) for y, m in self.stated_totals if self.total(y) != m]
        table = attrs.evolve(self.table(), notes=()).html(
            css_class="izafunding-budget", heading_align=False, footer_labels=True, alert_cells=wrong
        )
        return table + html_list(self.findings())

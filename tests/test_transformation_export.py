"""
The transformation results and the scenario comparison export through their one table: CSV (both
dialects) read back with ``csv`` and added up, the JSON receipt, the workbook and the chart.

Figures: Zutphen's SPUK transformatiemiddelen (advances € 341.840,00 over 2024-2027, milestone
R2 of € 8.712,50 missed in Zuidwijken and borne by Sensire: "Plan van aanpak
transformatiemiddelen Zutphen", seed 002, as in ``izafunding.examples.zutphen``) and the
IJssel-Vecht memo against the real award of € 3.023.765 a year ("Memo SPUK IZA-middelen 2023",
``izafunding.examples.ijssel_vecht``).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from izafunding import Money, compare
from izafunding._render.table import Column, Kind, Table, TableError
from izafunding.examples import ijssel_vecht, zutphen


COSTS = {2024: Money(20000), 2025: Money(150000), 2026: Money(150000), 2027: Money(21840)}


def schedule_settlement() -> Any:
    schedule = zutphen.schedule()
    return schedule.settle(reached={n: (zutphen.AREA,) for n in schedule.names if n != "R2"})


def transformation_settlement() -> Any:
    schedule = zutphen.schedule()
    reached = {n: (zutphen.AREA,) for n in schedule.names if n != "R2"}
    return zutphen.grant().settle(reached=reached, costs=COSTS)


def outcome() -> Any:
    return schedule_settlement().outcome("R2")


def mitigation() -> Any:
    return zutphen.schedule().mitigate(zutphen.assumed_chances(), below=Fraction(3, 5))


def profile() -> Any:
    return zutphen.risk()


def distribution() -> Any:
    return zutphen.risk()["Sensire"].distribution


def comparison() -> Any:
    return compare(ijssel_vecht.scenario(), ijssel_vecht.alternatives()["real award"])


RESULTS: dict[str, Callable[[], Any]] = {
    "schedule settlement": schedule_settlement,
    "milestone outcome": outcome,
    "transformation settlement": transformation_settlement,
    "mitigation": mitigation,
    "risk profile": profile,
    "distribution": distribution,
    "comparison": comparison,
}


def read(result: Any, dialect: str) -> list[dict[str, str]]:
    text = result.to_csv(dialect)
    if dialect == "excel-nl":
        assert text.startswith("\ufeff")
        text = text.removeprefix("\ufeff")
    rows = csv.reader(io.StringIO(text), delimiter=";" if dialect == "excel-nl" else ",")
    head, *body = list(rows)
    return [dict(zip(head, r, strict=True)) for r in body]


def number(text: str, dialect: str) -> Decimal:
    assert "." not in text or dialect == "plain"
    return Decimal(text.replace(",", ".") if dialect == "excel-nl" else text)


def exact(row: dict[str, str], key: str, dialect: str) -> Fraction:
    """A share or probability cell, from its exact column where the decimals do not end."""
    if row.get(f"{key} exact"):
        num, _, den = row[f"{key} exact"].partition("/")
        return Fraction(int(num), int(den))
    return Fraction(number(row[key], dialect))


@pytest.mark.parametrize("dialect", ["excel-nl", "plain"])
class TestCsv:
    def test_schedule_settlement_repaid_adds_up(self, dialect: str) -> None:
        """Per milestone what is repaid adds up to the € 8.712,50 of R2; set + repaid = advanced."""
        repaid = "repaid" if dialect == "excel-nl" else "repayable"
        setting = "set" if dialect == "excel-nl" else "determined"
        rows = read(schedule_settlement(), dialect)
        assert [r["milestone" if dialect == "excel-nl" else "name"] for r in rows][-1] == "R2"
        total = sum(number(r[repaid], dialect) for r in rows)
        assert total == Decimal("8712.50")
        assert total + sum(number(r[setting], dialect) for r in rows) == Decimal("341840.00")
        assert [r["reached"] for r in rows].count("no") == 1

    def test_milestone_outcome(self, dialect: str) -> None:
        """R2's one row: missed, € 8.712,50 repaid, paid by Sensire."""
        (row,) = read(outcome(), dialect)
        assert row["reached"] == "no"
        assert number(row["repaid" if dialect == "excel-nl" else "repayable"], dialect) == Decimal("8712.50")
        assert row["paid by" if dialect == "excel-nl" else "paid_by"] == "Sensire"

    def test_transformation_settlement_years_add_up(self, dialect: str) -> None:
        """The advances add up to € 341.840,00 and the repaid column to the repayable € 8.712,50."""
        rows = read(transformation_settlement(), dialect)
        assert [r["year"] for r in rows] == ["2024", "2025", "2026", "2027"]
        assert sum(number(r["advance"], dialect) for r in rows) == Decimal("341840.00")
        repaid = "repaid" if dialect == "excel-nl" else "repayable"
        assert sum(number(r[repaid], dialect) for r in rows) == Decimal("8712.50")
        costs = sum(number(r["costs"], dialect) for r in rows)
        assert costs == sum(Decimal(m.amount) for m in COSTS.values())

    def test_mitigation_drop_is_what_is_withheld(self, dialect: str) -> None:
        """Withholding R2 lowers Sensire's worst case by exactly the € 8.712,50 withheld."""
        rows = {r["bearer"]: r for r in read(mitigation(), dialect)}
        before = "worst case before" if dialect == "excel-nl" else "exposure_before"
        after = "worst case after" if dialect == "excel-nl" else "exposure_after"
        drop = number(rows["Sensire"][before], dialect) - number(rows["Sensire"][after], dialect)
        assert drop == Decimal("8712.50")
        assert number(rows["Zutphen"][before], dialect) == number(rows["Zutphen"][after], dialect)

    @pytest.mark.parametrize("make", [profile, distribution])
    def test_probabilities_add_up_to_one(self, dialect: str, make: Callable[[], Any]) -> None:
        """Each bearer's probabilities add up to exactly 1 (the exact column where needed)."""
        rows = read(make(), dialect)
        by_bearer: dict[str, Fraction] = {}
        for r in rows:
            bearer = r.get("bearer", "")
            by_bearer[bearer] = by_bearer.get(bearer, Fraction(0)) + exact(r, "probability", dialect)
        assert by_bearer
        assert all(total == 1 for total in by_bearer.values())

    def test_comparison_b_minus_a(self, dialect: str) -> None:
        """Every row: B - A is the difference of its figures; a missing figure is empty."""
        rows = read(comparison(), dialect)
        a, b = ("A", "B") if dialect == "excel-nl" else ("a", "b")
        difference = "difference"
        for r in rows:
            left = number(r[a], dialect) if r[a] else Decimal(0)
            right = number(r[b], dialect) if r[b] else Decimal(0)
            assert right - left == number(r[difference], dialect)
        zwolle = next(r for r in rows if r[list(r)[1]] == "Zwolle" and r[list(r)[3]] == "pays")
        assert number(zwolle[b], dialect) > number(zwolle[a], dialect)


@pytest.mark.parametrize("name", sorted(RESULTS))
class TestEveryResult:
    def test_json_safe_and_deterministic(self, name: str) -> None:
        """The receipt is JSON-safe and the same bytes every time."""
        first = json.dumps(RESULTS[name]().to_dict(), sort_keys=True)
        assert first == json.dumps(RESULTS[name]().to_dict(), sort_keys=True)
        assert '"cents"' in first

    def test_xlsx_reads_back(self, name: str) -> None:
        """The workbook's figures sheet has the main table, amounts as numbers."""
        openpyxl = pytest.importorskip("openpyxl")
        result = RESULTS[name]()
        book = openpyxl.load_workbook(io.BytesIO(result.to_xlsx()))
        assert book.sheetnames[:3] == ["figures", "explanation", "sources and findings"]
        sheet = book["figures"]
        table = result.report().table
        assert sheet.cell(row=1, column=1).value == table.title
        assert [c.value or "" for c in sheet[2]][: len(table.columns)] == [c.title for c in table.columns]
        money = [i for i, c in enumerate(table.columns) if c.kind is Kind.MONEY]
        for j, cells in enumerate(table.rows):
            for i in money:
                value = sheet.cell(row=3 + j, column=1 + i).value
                if isinstance(cells[i], Money):
                    assert Decimal(str(value)) == cells[i].amount

    def test_plot_renders(self, name: str) -> None:
        """The chart renders to PNG with Agg."""
        pytest.importorskip("matplotlib")
        fig = RESULTS[name]().plot()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")
        assert buffer.getvalue().startswith(b"\x89PNG")


class TestChartData:
    def test_comparison_bars_per_member(self) -> None:
        """Two series of bars, one per scenario, one bar per member, in cents."""
        pytest.importorskip("matplotlib")
        result = comparison()
        ax = result.plot().axes[0]
        members = result.members()
        assert [t.get_text() for t in ax.get_xticklabels()] == members.values("name")
        a, b = ax.containers
        assert [round(bar.get_height()) for bar in a] == [m.cents for m in members.values("a")]
        assert [round(bar.get_height()) for bar in b] == [m.cents for m in members.values("b")]
        assert [t.get_text() for t in ax.get_legend().get_texts()] == ["A", "B"]

    def test_schedule_settlement_bars_repaid(self) -> None:
        """One bar per milestone: what is repaid, only R2's is not zero."""
        pytest.importorskip("matplotlib")
        ax = schedule_settlement().plot().axes[0]
        heights = [round(bar.get_height()) for bar in ax.patches]
        assert heights == [0, 0, 0, 0, 0, 871250]

    def test_distribution_marks_the_quantile(self) -> None:
        """The distribution chart marks the 90% amount (Sensire: € 69.701,00)."""
        pytest.importorskip("matplotlib")
        d = distribution()
        ax = d.plot().axes[0]
        assert d.quantile(Fraction(9, 10)) == Money(69701)
        assert any(line.get_xdata()[0] == 6970100 for line in ax.lines)
        assert [round(bar.get_height(), 6) for bar in ax.patches] == [float(p) for p in d.values()]

    def test_transformation_settlement_waterfall_per_year(self) -> None:
        """The settlement's chart is a waterfall per year: one axes for each of 2024-2027."""
        pytest.importorskip("matplotlib")
        fig = transformation_settlement().plot()
        assert len(fig.axes) == 4


class TestTableValue:
    def test_the_text_html_and_rows_agree(self) -> None:
        """The schedule settlement's HTML shows the table's figures; the rows keep the flag."""
        s = schedule_settlement()
        html = s._repr_html_()
        assert "<td>missed</td><td>Zuidwijken</td>" in html
        assert s.to_rows()[-1]["reached"] is False
        assert s.table().values("repayable")[-1] == Money("8712.50")

    def test_flag_column(self) -> None:
        """A flag column holds bools only, shown as yes/no."""
        column = Column(key="reached", kind=Kind.FLAG)
        assert (column.text(True), column.text(False)) == ("yes", "no")
        with pytest.raises(TableError, match="must be bool for a flag column"):
            Table(title="t", columns=(column,), rows=((1,),))

    def test_risk_summary(self) -> None:
        """The risk section's table: per bearer worst case, expected and the 90%/95% amounts."""
        summary = profile().summary()
        assert summary.values("bearer") == ["Zutphen", "Sensire"]
        assert summary.values("q90") == [Money(104552), Money(69701)]
        assert "€ 28.751,65" in summary.render()

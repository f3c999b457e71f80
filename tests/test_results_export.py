"""
The converted results export through their one table: CSV (both dialects) read back and added up,
the JSON receipt, the workbook and the chart.

Figures: the IJssel-Vecht memo's split by inhabitants (€ 262.000 over eight members, the memo's
rounding half up per member leaves € 1: "Memo SPUK IZA-middelen 2023") and Midden-IJssel's 2023
SPUK IZA settlement (award € 1.438.963,00, spent € 1.295.300,00, repayable € 143.663,00:
"Verantwoording SPUK IZA 2023 Midden-IJssel"), both from ``izafunding.examples``.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Any

import pytest

from izafunding import LargestRemainder, Money
from izafunding.examples import ijssel_vecht, midden_ijssel


def memo() -> Any:
    return ijssel_vecht.inhabitants_split(ijssel_vecht.DOCUMENT_ROUNDING)


def fair() -> Any:
    return ijssel_vecht.inhabitants_split(LargestRemainder(unit=Money(1)))


def settlement() -> Any:
    return midden_ijssel.settlement()


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


@pytest.mark.parametrize("dialect", ["excel-nl", "plain"])
class TestCsv:
    def test_allocation_adds_up_to_its_total_and_residue(self, dialect: str) -> None:
        """The memo's parts add up to the total row; target - total is the € 1 residue."""
        part = "part" if dialect == "excel-nl" else "amount"
        first = "recipient"
        rows = read(memo(), dialect)
        members = [r for r in rows if r[first] not in ("total", "target", "residue")]
        by_label = {r[first]: r for r in rows}
        total = number(by_label["total"][part], dialect)
        assert sum(number(r[part], dialect) for r in members) == total == Decimal("261999.00")
        assert number(by_label["target"][part], dialect) - total == number(
            by_label["residue"][part], dialect
        ) == Decimal("1.00")
        assert len(members) == 8

    def test_largest_remainder_has_no_residue(self, dialect: str) -> None:
        """Under largest remainder the parts add up to the whole € 262.000."""
        part = "part" if dialect == "excel-nl" else "amount"
        rows = read(fair(), dialect)
        total = next(r for r in rows if r["recipient"] == "total")
        assert number(total[part], dialect) == Decimal("262000.00")
        assert number(next(r for r in rows if r["recipient"] == "residue")[part], dialect) == 0

    def test_settlement_years_add_up(self, dialect: str) -> None:
        """The year rows add up to the total row; the total repayable is the settlement's."""
        s = settlement()
        rows = read(s, dialect)
        year = "year"
        years = [r for r in rows if r[year] != "total"]
        total = next(r for r in rows if r[year] == "total")
        for key, title in (("spent", "spent"), ("eligible", "eligible"), ("repayable", "repayable")):
            column = title if dialect == "excel-nl" else key
            assert sum(number(r[column], dialect) for r in years) == number(total[column], dialect)
        column = "repayable"
        assert number(total[column], dialect) == s.repayable.amount == Decimal("143663.00")
        carried = "carried over" if dialect == "excel-nl" else "carried_over"
        assert carried in total


class TestJson:
    @pytest.mark.parametrize("make", [memo, fair, settlement])
    def test_json_safe_and_deterministic(self, make: Any) -> None:
        """to_dict needs no default= and gives the same bytes each time."""
        first = json.dumps(make().to_dict(), sort_keys=True)
        assert first == json.dumps(make().to_dict(), sort_keys=True)
        data = json.loads(first)
        assert data["format"] == "izafunding-receipt/1"
        assert len(data["inputs_sha256"]) == 64

    def test_final_settlement(self) -> None:
        """A settlement with a final settlement exports that too, its rows adding up."""
        from izafunding import Grant
        from izafunding.schemes import SPUK_GALA

        # tests/test_final_settlement.py's hand-computed GALA case: awarded € 800.000 =
        # eligible € 770.000 + repayable € 30.000.
        ks, val = "Kansrijke Start", "Valpreventie"
        each = {ks: Money(100000), val: Money(100000)}
        grant = Grant(
            scheme=SPUK_GALA,
            recipient="X",
            awarded={2023: each, 2024: each, 2025: Money(200000), 2026: Money(200000)},
        )
        final = grant.settle({
            2023: {ks: Money(90000), val: Money(100000)},
            2024: {ks: Money(105000), val: Money(95000)},
            2025: Money(170000),
            2026: Money(210000),
        }).final
        assert final is not None
        assert final.repayable == Money(30000)
        rows = final.to_rows()
        assert rows[-1]["year"] == "total"
        eligible = [Decimal(str(r["eligible"])) for r in rows]
        assert sum(eligible[:-1], Decimal(0)) == eligible[-1] == Decimal("770000.00")
        assert json.dumps(final.to_dict(), sort_keys=True) == json.dumps(final.to_dict(), sort_keys=True)
        totals = read(final, "plain")[-1]
        assert totals["year"] == "total"
        assert Decimal(totals["repayable"]) == Decimal("30000.00")

    def test_allocation_receipt_figures(self) -> None:
        """The receipt carries the memo's parts as exact strings and cents, and the residue."""
        data = memo().to_dict()
        rows = data["figures"][0]["rows"]
        assert rows[0]["amount"] == {"euros": "20021.00", "cents": 2002100}
        assert data["findings"][0]["kind"] == "residue"


class TestXlsx:
    @pytest.mark.parametrize("make", [memo, settlement])
    def test_reads_back_and_adds_up(self, make: Any) -> None:
        """The figures sheet has numeric euro cells; the body adds up to the total row."""
        openpyxl = pytest.importorskip("openpyxl")
        result = make()
        book = openpyxl.load_workbook(io.BytesIO(result.to_xlsx()))
        sheet = book["figures"]
        heading = [c.value for c in sheet[2]]
        column = heading.index("part" if "part" in heading else "repayable") + 1
        labels = [sheet.cell(row=r, column=1).value for r in range(3, sheet.max_row + 1)]
        labels = labels[: labels.index("total") + 1]  # the main table (others follow below it)
        values = [sheet.cell(row=r, column=column).value for r in range(3, 3 + len(labels))]
        body = [Decimal(str(v)) for v, lab in zip(values, labels, strict=True)
                if lab not in ("total", "target", "residue") and v is not None]
        total = Decimal(str(values[labels.index("total")]))
        assert round(sum(body) * 100) == round(total * 100)
        assert "€" in sheet.cell(row=3, column=column).number_format


class TestPlot:
    def test_allocation_bars(self) -> None:
        """One bar per recipient, heights the parts in cents; renders to PNG."""
        pytest.importorskip("matplotlib")
        split = fair()
        fig = split.plot()
        assert [p.get_height() for p in fig.axes[0].patches] == [split[r].cents for r in split]
        png = io.BytesIO()
        fig.savefig(png, format="png")
        assert png.getvalue().startswith(b"\x89PNG")

    def test_settlement_waterfall_per_year(self) -> None:
        """One panel per year; its steps go award, carried in, spent, ... and end at repayable."""
        pytest.importorskip("matplotlib")
        s = settlement()
        fig = s.plot()
        assert len(fig.axes) == len(s.years)
        for ax, y in zip(fig.axes, s.years, strict=True):
            labels = [t.get_text() for t in ax.get_xticklabels()]
            assert labels == [
                "award", "carried in", "spent", "overspend, not eligible", "carried on", "repayable"
            ]
            bars = ax.patches
            assert bars[0].get_height() == y.awarded.cents
            assert bars[-1].get_height() == y.repayable.cents
        png = io.BytesIO()
        fig.savefig(png, format="png")
        assert png.getvalue().startswith(b"\x89PNG")

    def test_settlement_unknown_year(self) -> None:
        """Asking for a year the settlement does not have names the years it has."""
        pytest.importorskip("matplotlib")
        from izafunding.errors import FundingError

        with pytest.raises(FundingError, match="2023"):
            settlement().plot(year=2031)


class TestViewsAgree:
    def test_settlement_text_and_html_same_columns(self) -> None:
        """The text and the HTML name the same columns and show the same repayable total."""
        s = settlement()
        text, html = s.render(), s._repr_html_()
        for title in ("available", "spent", "eligible", "shifted", "carried over", "repayable"):
            assert title in text
            assert f"<th>{title}</th>" in html
        assert "to next year" not in text.splitlines()[3]
        assert str(s.repayable) in text.splitlines()[6]
        assert f"<td style='text-align:right'>{s.repayable}</td></tr></tfoot>" in html

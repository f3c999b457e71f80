"""
The scheme results converted to the table value export through it: CSV (both dialects) read
back and added up, the JSON receipt JSON-safe and deterministic, the workbook read back.

Figures, all from ``izafunding.examples`` and the built-in tables:

- Midden-IJssel's members in 2023 ("Raadsmededeling 2023-918 SPUK-IZA 2023", Deventer, 17 October
  2023, with the example's chosen spending): passed on or kept € 1.295.300 (Deventer's own part
  € 801.500, Raalte € 101.200, Voorst € 135.000, Olst-Wijhe € 257.600); repayable to the Rijk
  € 180.163 = never allocated € 143.663 + returned by the members € 15.000 + Deventer € 21.500.
- Its SiSa rows of 2023: H35 the whole region € 1.258.800 = Deventer's own € 780.000 + the H35B
  rows € 101.200 + € 120.000 + € 257.600; none verified against the SiSa annex.
- The same document's spending plan: € 655.000 + € 640.300 = € 1.295.300 of € 1.438.963
  available, € 143.663 room.
- The GALA local budget table (Raadsessie 18 April 2023): 2022 stated € 710.000, lines € 638.000.
- The SPUK AZWA local part 2027 (VWS letter of 22 April 2026, provisional): € 231.000.000 over
  342 municipalities, residue € 0; Zutphen € 655.292.
- Zutphen's funding overview: 2025 € 880.962, 2026 € 750.105 (Brede SPUK, annex 2A of the VWS
  letter of 12 September 2025), 2027 € 655.292 estimated.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Any

import pytest

from izafunding import Money, data
from izafunding._schemes.overview import funding_overview
from izafunding.examples import gala, midden_ijssel, midden_ijssel_sisa, zutphen


def members() -> Any:
    return midden_ijssel_sisa.settlement().members(2023)


def sisa() -> Any:
    return midden_ijssel_sisa.sisa()


def transformation_sisa() -> Any:
    grant = zutphen.grant()
    reached = {n: (zutphen.AREA,) for n in grant.schedule.names if n != "R2"}
    costs = {2024: 20000, 2025: 150000, 2026: 150000, 2027: 21840}
    return grant.settle(reached=reached, costs={y: Money(c) for y, c in costs.items()}).sisa(2024)


def plan() -> Any:
    return midden_ijssel.PLAN


def budget() -> Any:
    return gala.TABLE


def azwa() -> Any:
    return data.azwa_estimates(2027)


def azwa_zutphen() -> Any:
    return data.azwa_estimates(2027).estimate("Zutphen")


def overview() -> Any:
    return funding_overview("Zutphen")


ALL = [members, sisa, transformation_sisa, plan, budget, azwa, azwa_zutphen, overview]


def read(result: Any, dialect: str) -> list[dict[str, str]]:
    text = result.to_csv(dialect)
    if dialect == "excel-nl":
        assert text.startswith("\ufeff")
        text = text.removeprefix("\ufeff")
    rows = list(csv.reader(io.StringIO(text), delimiter=";" if dialect == "excel-nl" else ","))
    head, *body = rows
    assert len(set(head)) == len(head), f"repeated headings {head}"
    return [dict(zip(head, r, strict=True)) for r in body]


def number(text: str, dialect: str) -> Decimal:
    assert text, "an empty amount"
    if dialect == "excel-nl":
        assert "." not in text
        return Decimal(text.replace(",", "."))
    assert "," not in text
    return Decimal(text)


def total(rows: list[dict[str, str]], column: str, dialect: str) -> Decimal:
    return sum((number(r[column], dialect) for r in rows if r[column]), Decimal(0))


@pytest.mark.parametrize("dialect", ["excel-nl", "plain"])
class TestCsv:
    def test_members_add_up(self, dialect: str) -> None:
        """Every figure column of the accounts adds up to the total row."""
        rows = read(members(), dialect)
        first = "municipality" if dialect == "excel-nl" else "account"
        body = [r for r in rows if r[first] != "total"]
        foot = next(r for r in rows if r[first] == "total")
        assert [r[first] for r in body] == ["Deventer (own part)", "Raalte", "Voorst", "Olst-Wijhe"]
        keys = ("transferred", "spent", "charged", "overspend", "returned", "kept")
        titles = ("passed on", "spent", "charged", "own money", "returns", "keeps")
        for column in titles if dialect == "excel-nl" else keys:
            assert total(body, column, dialect) == number(foot[column], dialect)
        passed = "passed on" if dialect == "excel-nl" else "transferred"
        assert number(foot[passed], dialect) == Decimal("1295300.00")
        returned = "returns" if dialect == "excel-nl" else "returned"
        assert number(foot[returned], dialect) == Decimal("36500.00")

    def test_sisa_in_the_spreadsheet_shape(self, dialect: str) -> None:
        """Code, indicator, label, control, year, value, municipality, ...; unverified says no."""
        rows = read(sisa(), dialect)
        assert list(rows[0])[:7] == [
            "code", "indicator", "label", "control", "year", "value", "municipality"
        ]
        assert list(rows[0])[-1] == "verified"
        assert {r["verified"] for r in rows} == {"no"}
        assert {r["year"] for r in rows} == {"2023"}
        region = [r for r in rows if r["code"] == "H35" and not r["municipality"]]
        parts = [r for r in rows if r["municipality"]]
        assert number(region[0]["value"], dialect) == total(parts, "value", dialect)
        assert number(region[0]["value"], dialect) == Decimal("1258800.00")
        assert total([r for r in rows if r["code"] == "H35B"], "value", dialect) == Decimal(
            "478800.00"
        )

    def test_sisa_yes_no_and_to_fill_in(self, dialect: str) -> None:
        """A yes/no indicator is Ja/Nee; one to fill in is an empty cell."""
        rows = read(transformation_sisa(), dialect)
        values = [r["value"] for r in rows]
        assert values == ["", "Ja", "0,00" if dialect == "excel-nl" else "0.00", "", "Nee"]

    def test_plan_adds_up(self, dialect: str) -> None:
        """The lines add up to each subtotal and to the total; available - total is the room."""
        result = plan()
        rows = read(result, dialect)
        first = "#" if dialect == "excel-nl" else "number"
        body = [r for r in rows if r[first].isdigit()]
        foot = {r[first]: r for r in rows if not r[first].isdigit()}
        assert len(body) == len(result.lines)
        for group, amount in result.subtotals().items():
            lines = [r for r in body if r["group"] == group]
            assert total(lines, "amount", dialect) == amount.amount
            assert number(foot[f"Subtotal {group}"]["amount"], dialect) == amount.amount
        assert total(body, "amount", dialect) == number(foot["Total"]["amount"], dialect)
        assert number(foot["Total"]["amount"], dialect) == Decimal("1295300.00")
        room = number(foot["Available"]["amount"], dialect) - number(foot["Total"]["amount"], dialect)
        assert room == number(foot["Remaining room"]["amount"], dialect) == Decimal("143663.00")
        assert any(not r["amount"] for r in body)  # the p.m. line

    def test_budget_sum_of_lines_and_stated(self, dialect: str) -> None:
        """Per year the lines add up to 'Sum of lines'; the stated 2022 total differs by € 72.000."""
        rows = read(budget(), dialect)
        first = "" if dialect == "excel-nl" else "line"
        foot = {r[first]: r for r in rows if r[first] in ("Sum of lines", "Totaal Lokaal (stated)")}
        body = [r for r in rows if r[first] not in foot]
        for year in ("2022", "2023", "2024", "2025", "2026"):
            assert total(body, year, dialect) == number(foot["Sum of lines"][year], dialect)
        stated = number(foot["Totaal Lokaal (stated)"]["2022"], dialect)
        assert stated - number(foot["Sum of lines"]["2022"], dialect) == Decimal("72000.00")

    def test_azwa_adds_up_to_the_national_line(self, dialect: str) -> None:
        """342 estimates add up to € 231.000.000; each row says estimate and provisional."""
        rows = read(azwa(), dialect)
        first = "municipality" if dialect == "excel-nl" else "name"
        foot = {r[first]: r for r in rows if r[first] in ("total", "national line", "residue")}
        body = [r for r in rows if r[first] not in foot]
        assert len(body) == 342
        assert total(body, "amount", dialect) == number(foot["total"]["amount"], dialect)
        assert number(foot["national line"]["amount"], dialect) == Decimal("231000000.00")
        assert number(foot["residue"]["amount"], dialect) == 0
        for r in body:
            assert "estimate" in r["figure"]
            assert "provisional" in r["figure"]

    def test_azwa_estimate_says_so(self, dialect: str) -> None:
        """One municipality's estimate: its amount, estimate and provisional, and its method."""
        (row,) = read(azwa_zutphen(), dialect)
        assert number(row["amount"], dialect) == Decimal("655292.00")
        assert "estimate" in row["figure"]
        assert "provisional" in row["figure"]
        assert "largest remainder" in row["method"]

    def test_overview_totals(self, dialect: str) -> None:
        """Per year the figures counted in totals add up to the year's total row."""
        rows = read(overview(), dialect)
        in_total = "in total" if dialect == "excel-nl" else "in_total"
        body = [r for r in rows if r["scheme"] != "total"]
        foot = {r["year"]: r for r in rows if r["scheme"] == "total"}
        assert sorted(foot) == ["2025", "2026", "2027", "2028", "2029"]
        for year, row in foot.items():
            counted = [r for r in body if r["year"] == year and r[in_total] == "yes"]
            assert total(counted, "amount", dialect) == number(row["amount"], dialect)
        assert number(foot["2025"]["amount"], dialect) == Decimal("880962.00")
        assert foot["2027"]["kind"] == "computed (includes estimates)"
        assert foot["2027"]["provisional"] == "yes"
        azwa_rows = [r for r in body if r["scheme"] == "SPUK AZWA"]
        assert {r["kind"] for r in azwa_rows} == {"estimated"}
        assert {r["provisional"] for r in azwa_rows} == {"yes"}


class TestJson:
    @pytest.mark.parametrize("make", ALL)
    def test_json_safe_and_deterministic(self, make: Any) -> None:
        """to_dict needs no default= and gives the same bytes each time."""
        first = json.dumps(make().to_dict(), sort_keys=True)
        assert first == json.dumps(make().to_dict(), sort_keys=True)
        receipt = json.loads(first)
        assert receipt["format"] == "izafunding-receipt/1"
        assert len(receipt["inputs_sha256"]) == 64
        assert receipt["figures"]

    @pytest.mark.parametrize("make", [azwa, azwa_zutphen, overview])
    def test_estimates_say_estimate_and_provisional(self, make: Any) -> None:
        """Every AZWA receipt says estimate and provisional."""
        text = json.dumps(make().to_dict()).lower()
        assert "estimate" in text
        assert "provisional" in text

    def test_members_receipt_figures(self) -> None:
        """The receipt carries the make-up of the repayment, its parts adding up."""
        receipt = members().to_dict()
        make_up = receipt["figures"][1]
        parts = [r["amount"]["cents"] for r in make_up["rows"]]
        assert parts == [14366300, 1500000, 2150000]
        assert sum(parts) == make_up["totals"][0]["amount"]["cents"] == 18016300


class TestXlsx:
    @pytest.mark.parametrize(
        ("make", "label", "column", "expected"),
        [
            (members, "total", "charged", Decimal("1258800")),
            (plan, "Total", "amount", Decimal("1295300")),
            (budget, "Sum of lines", "2023", Decimal("1059000")),
            (azwa, "total", "amount", Decimal("231000000")),
        ],
    )
    def test_reads_back_and_adds_up(
        self, make: Any, label: str, column: str, expected: Decimal
    ) -> None:
        """The figures sheet has numeric euro cells; the body adds up to the total row."""
        openpyxl = pytest.importorskip("openpyxl")
        result = make()
        table = result.report().table
        book = openpyxl.load_workbook(io.BytesIO(result.to_xlsx()))
        sheet = book["figures"]
        assert sheet.cell(row=1, column=1).value == table.title
        heading = [c.value for c in sheet[2]]
        j = heading.index(table.column(column).title) + 1
        n_body = len(table.rows)
        body = [sheet.cell(row=3 + i, column=j).value for i in range(n_body)]
        labels = [sheet.cell(row=r, column=1).value for r in range(3, 3 + n_body + len(table.footer))]
        foot = sheet.cell(row=3 + labels.index(label), column=j).value
        assert sum(Decimal(str(v)) for v in body if v is not None) == Decimal(str(foot)) == expected
        assert "€" in sheet.cell(row=3, column=j).number_format

    def test_sisa_sheet(self) -> None:
        """The SiSa workbook's rows are the spreadsheet's, amounts numeric, verified FALSE."""
        openpyxl = pytest.importorskip("openpyxl")
        book = openpyxl.load_workbook(io.BytesIO(sisa().to_xlsx()))
        sheet = book["figures"]
        heading = [c.value for c in sheet[2]]
        assert heading[:6] == ["code", "indicator", "label", "control", "year", "value"]
        values = [sheet.cell(row=r, column=6).value for r in range(3, 8)]
        assert [Decimal(str(v)) for v in values] == [
            Decimal(v) for v in ("1258800", "780000", "101200", "120000", "257600")
        ]
        verified = heading.index("verified") + 1
        assert {sheet.cell(row=r, column=verified).value for r in range(3, 8)} == {False}


class TestViewsAgree:
    def test_sisa_text_and_html_mark_the_same_rows(self) -> None:
        """The text and the HTML mark unverified rows with '*' and explain the mark."""
        report = sisa()
        text, html = report.render(), report._repr_html_()
        assert text.count("  *") == html.count("<td>*</td>") == 5
        assert "* not verified against the year" in text
        assert "* not verified against the year" in html

    def test_plan_text_and_html_same_totals(self) -> None:
        """The plan's text and HTML use the same labels for its totals."""
        result = plan()
        text, html = result.render(), result._repr_html_()
        for label in ("Subtotal Gezamenlijke regionale taken", "Total", "Available", "Remaining room"):
            assert label in text
            assert f">{label}</th>" in html

    def test_overview_total_marks_estimates_in_both(self) -> None:
        """The overview's text and HTML both mark an estimated year's total E*."""
        result = overview()
        text, html = result.render(), result._repr_html_()
        assert "€ 655.292 E*" in text.splitlines()[6]
        assert "<td style='text-align:right'>€ 655.292 E*</td>" in html.split("<tfoot>")[1]


class TestTableAdditions:
    def test_width_cuts_the_text_only(self) -> None:
        """A column's width cuts a long cell in the text with an ellipsis; HTML and rows keep it."""
        from izafunding._render.table import Column, Table

        t = Table(title="t", columns=(Column(key="label", width=5),), rows=(("abcdefgh",),))
        assert t.text_lines() == ["label", "abcd…"]
        assert "<td>abcdefgh</td>" in t.html()
        assert t.to_rows() == [{"label": "abcdefgh"}]

    def test_alert_cells(self) -> None:
        """alert_cells marks one cell of a total row, not the row."""
        from izafunding._render.table import Column, Kind, Table

        t = Table(
            title="t",
            columns=(
                Column(key="line"),
                Column(key="a", kind=Kind.MONEY),
                Column(key="b", kind=Kind.MONEY),
            ),
            footer=(("stated", Money(1), Money(2)),),
        )
        html = t.html(footer_labels=True, alert_cells=[(0, "b")])
        assert "<tr><th>stated</th><td style='text-align:right'>€ 1,00</td>" in html
        assert "<td style='text-align:right;color:#b00;font-weight:bold'>€ 2,00</td>" in html


class TestNonEmptyText:
    @pytest.mark.parametrize("value", ["", "   ", None, 3])
    def test_refused_with_the_field_and_value(self, value: object) -> None:
        """One validator: the message names the field, what it needs and the value given."""
        from izafunding import BudgetLine
        from izafunding._core.regions import Region
        from izafunding.errors import RegionError, SchemeError

        with pytest.raises(SchemeError, match=r"'label' must be a non-empty text \(got "):
            BudgetLine(label=value, amounts={})  # type: ignore[arg-type]
        with pytest.raises(RegionError, match=r"'name' must be a non-empty name \(got "):
            Region(name=value, mandated="Deventer")  # type: ignore[arg-type]

"""The presentation layer (izafunding._render): the table value, formatters and exports."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from izafunding import HalfUpEach, LargestRemainder, Money
from izafunding._core.twoway import round_two_way
from izafunding._render import formats
from izafunding._render.csv_export import to_csv
from izafunding._render.extras import MissingExtraError, require
from izafunding._render.frame import to_frame
from izafunding._render.json_export import receipt_json, table_from_dict, table_to_dict
from izafunding._render.table import Column, Kind, Report, Table, TableError
from izafunding._render.xlsx import to_xlsx
from izafunding.examples import ijssel_vecht, midden_ijssel
from izafunding.strategies import money


EURO = LargestRemainder(unit=Money(1))
# IJssel-Vecht's members and inhabitants as in tests/test_twoway.py (award 2026: € 3.242.094).
INHABITANTS = {
    "Dalfsen": 29683, "Hardenberg": 62260, "Kampen": 55070, "Ommen": 19035,
    "Staphorst": 17738, "Steenwijkerland": 45480, "Zwartewaterland": 23447, "Zwolle": 135720,
}


def ijssel_vecht_table() -> dict[str, dict[str, Fraction]]:
    """The 2026 award, half equally and half by inhabitants, exact."""
    half = Fraction(3_242_094, 2)
    everyone = sum(INHABITANTS.values())
    return {m: {"equal": half / 8, "inhabitants": half * n / everyone} for m, n in INHABITANTS.items()}


def memo_split() -> Report:
    """The IJssel-Vecht memo's split by inhabitants (memo's rounding: half up per member)."""
    return ijssel_vecht.inhabitants_split(ijssel_vecht.DOCUMENT_ROUNDING).report()


class TestFormats:
    @pytest.mark.parametrize(
        ("name", "value", "text"),
        [
            ("euros", Money(1438963), "€ 1.438.963,00"),
            ("whole_euros", Money(-6514), "-€ 6.514"),
            ("compact_euros", Money(45021), "€ 45.021"),
            ("compact_euros", Money("755941.25"), "€ 755.941,25"),
            ("exact_euros", Fraction(60062413, 3000), "€ 20.020,8043…"),
            ("exact_euros", Fraction(5, 2), "€ 2,50"),
            ("approx_euros", Fraction(5, 3), "≈ € 1,67"),
            ("count", 135720, "135.720"),
            ("number", Fraction(1, 4), "0,25"),
            ("number", Fraction(1, 3), "1/3"),
            ("share", Fraction(1, 8), "12,5%"),
            ("share", Fraction(1, 3), "1/3"),
            ("percent", Fraction(9, 10), "90%"),
            ("percent", Fraction(1, 3), "33,33%"),
            ("percent_fixed", Fraction(9, 10), "90,00%"),
            ("level", Fraction(19, 20), "95%"),
            ("level", Fraction(1, 3), "1/3"),
        ],
    )
    def test_variant(self, name: str, value: object, text: str) -> None:
        """Each named variant writes the figure as the library does today."""
        assert formats.FORMATS[name](value) == text

    def test_no_private_copies_left(self) -> None:
        """The private formatter copies the formatters replaced are gone from the modules."""
        import importlib

        gone = {
            "izafunding._core.allocation": ("_fmt_euros", "_fmt_number", "_fmt_int", "_exact_decimal"),
            "izafunding._core.keys": ("_fmt_euros", "_fmt_number", "_fmt_int"),
            "izafunding._scenarios.scenario": ("_fmt", "_fmt_share", "_table"),
            "izafunding._scenarios.compare": ("_table",),
            "izafunding._transformation.risk": ("_fmt_pct", "_fmt_fraction_euros"),
            "izafunding._transformation.milestones": ("_euros", "_pct", "_fmt_areas"),
            "izafunding._transformation.mitigation": ("_euros", "_pct"),
        }
        for module, names in gone.items():
            loaded = importlib.import_module(module)
            assert [n for n in names if hasattr(loaded, n)] == [], module

    def test_text_list(self) -> None:
        """Names are joined by commas, or 'none'."""
        assert formats.text_list(["a", "b"]) == "a, b"
        assert formats.text_list([]) == "none"


class TestTable:
    def test_text_html_rows_from_one_value(self) -> None:
        """The text table, the HTML and the rows show the same figures."""
        t = memo_split().table
        text = t.render()
        html = t.html(css_class="izafunding-allocation")
        rows = t.to_rows()
        assert "Dalfsen" in text
        assert "€ 20.021,00" in text
        assert "<td style='text-align:right'>€ 20.021,00</td>" in html
        assert html.startswith("<table class='izafunding-allocation'><caption>")
        assert "<tfoot>" in html
        dalfsen = rows[0]
        assert dalfsen["recipient"] == "Dalfsen"
        assert dalfsen["amount"] == Decimal("20021.00")
        assert isinstance(dalfsen["share"], Fraction)

    def test_rule_under_heading(self) -> None:
        """With rule=True a line of dashes runs under the heading (the settlement's style)."""
        lines = midden_ijssel.settlement().report().table.text_lines(rule=True)
        assert set(lines[1].replace(" ", "")) == {"-"}

    def test_html_escapes(self) -> None:
        """Every text is escaped in HTML."""
        t = Table(title="<b>", columns=(Column(key="x"),), rows=(("a&b",),))
        assert "&lt;b&gt;" in t.html()
        assert "a&amp;b" in t.html()

    def test_float_refused(self) -> None:
        """A float in an amount column is refused with the column's name."""
        with pytest.raises(TableError, match="column 'amount' must be Money"):
            Table(title="t", columns=(Column(key="amount", kind=Kind.MONEY),), rows=((1.5,),))

    def test_row_length(self) -> None:
        """A row with the wrong number of cells is refused."""
        with pytest.raises(TableError, match="has 2 cells for 1 columns"):
            Table(title="t", columns=(Column(key="x"),), rows=(("a", "b"),))

    def test_unknown_format(self) -> None:
        """A column naming an unknown formatter is refused, with the known ones."""
        with pytest.raises(TableError, match=r"unknown format 'euro'.*compact_euros"):
            Column(key="x", kind=Kind.MONEY, format="euro")

    def test_unknown_column(self) -> None:
        """Asking for a column that is not there lists the columns."""
        with pytest.raises(TableError, match="columns: recipient, basis, share"):
            memo_split().table.column("part")


def read_csv(text: str, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


class TestCsv:
    def test_excel_nl_reads_back_and_adds_up(self) -> None:
        """Dutch Excel CSV: BOM, semicolons, decimal comma; the parts add up to the total row."""
        text = to_csv(memo_split().table, dialect="excel-nl")
        assert text.startswith("\ufeff")
        rows = read_csv(text.removeprefix("\ufeff"), ";")
        head, body = rows[0], rows[1:]
        assert head[:5] == ["recipient", "share", "exact share", "exact share exact", "exact"]
        part = head.index("part")
        members = body[:8]
        total = next(r for r in body if r[0] == "total")
        assert "." not in total[part]
        assert sum(Decimal(r[part].replace(",", ".")) for r in members) == Decimal(
            total[part].replace(",", ".")
        )
        assert {r[0] for r in members} == set(INHABITANTS)

    def test_plain_reads_back_and_adds_up(self) -> None:
        """Plain CSV: commas, decimal point, keys as headings; the two-way table adds up."""
        t = round_two_way(ijssel_vecht_table(), rounding=EURO).table()
        rows = read_csv(to_csv(t, dialect="plain"), ",")
        head, body = rows[0], rows[1:]
        assert head == ["row", "col0", "col1", "total"]
        members, total = body[:-1], body[-1]
        for r in members:
            assert Decimal(r[1]) + Decimal(r[2]) == Decimal(r[3])
        for j in (1, 2, 3):
            assert sum(Decimal(r[j]) for r in members) == Decimal(total[j])
        assert total[3] == "3242094.00"

    def test_residues_shown_under_half_up(self) -> None:
        """Under HalfUpEach the CSV has a residue column and a residue row."""
        t = round_two_way(ijssel_vecht_table(), rounding=HalfUpEach(unit=Money(1))).table()
        rows = read_csv(to_csv(t, dialect="plain"), ",")
        assert rows[0][-1] == "residue"
        assert rows[-1][0] == "residue"
        hardenberg = next(r for r in rows if r[0] == "Hardenberg")
        assert hardenberg[-1] == "-1.00"

    def test_unknown_dialect(self) -> None:
        """An unknown dialect names the two there are."""
        with pytest.raises(TableError, match="excel-nl, plain"):
            to_csv(memo_split().table, dialect="excel")


cells = st.one_of(
    st.none(),
    st.builds(lambda c: (Kind.MONEY, c), money()),
    st.builds(lambda f: (Kind.SHARE, f), st.fractions(min_value=0, max_value=1)),
    st.builds(lambda f: (Kind.EXACT_MONEY, f), st.fractions(min_value=-10**6, max_value=10**6)),
    st.builds(lambda n: (Kind.COUNT, n), st.integers(-10**9, 10**9)),
    st.builds(lambda s: (Kind.TEXT, s), st.text(max_size=8)),
    st.builds(lambda d: (Kind.DATE, d), st.dates()),
)


@st.composite
def tables(draw: st.DrawFn) -> Table:
    kinds = draw(st.lists(st.sampled_from(list(Kind)), min_size=1, max_size=4))
    strategies = {
        Kind.MONEY: money(),
        Kind.SHARE: st.fractions(min_value=0, max_value=1),
        Kind.PERCENTAGE: st.fractions(min_value=0, max_value=1),
        Kind.EXACT_MONEY: st.fractions(min_value=-10**6, max_value=10**6),
        Kind.COUNT: st.integers(-10**9, 10**9),
        Kind.TEXT: st.text(max_size=8),
        Kind.DATE: st.dates(),
        Kind.FLAG: st.booleans(),
    }

    def row() -> tuple[object, ...]:
        return tuple(draw(st.one_of(st.none(), strategies[k])) for k in kinds)

    return Table(
        title=draw(st.text(max_size=10)),
        columns=tuple(Column(key=f"c{i}", kind=k) for i, k in enumerate(kinds)),
        rows=[row() for _ in range(draw(st.integers(0, 4)))],
        footer=[row() for _ in range(draw(st.integers(0, 2)))],
        notes=draw(st.lists(st.text(max_size=10), max_size=2)),
    )


class TestJson:
    @given(tables())
    def test_round_trip(self, table: Table) -> None:
        """to_dict -> json text -> from_dict gives back an equal table."""
        text = json.dumps(table_to_dict(table))
        assert table_from_dict(json.loads(text)) == table

    def test_amounts_are_exact_strings_and_cents(self) -> None:
        """An amount is an exact decimal string plus integer cents; a share 'n/d' plus decimal."""
        d = table_to_dict(memo_split().table)
        first = d["rows"][0]
        assert first["amount"] == {"euros": "20021.00", "cents": 2002100}
        assert first["share"]["fraction"].count("/") == 1
        assert Decimal(first["share"]["decimal"]) > 0

    def test_receipt_is_deterministic(self) -> None:
        """The same input gives the same bytes; the receipt holds version, inputs hash, rules."""
        a = receipt_json(memo_split())
        b = receipt_json(memo_split())
        assert a == b
        r = json.loads(a)
        assert r["format"] == "izafunding-receipt/1"
        assert r["library"]["name"] == "izafunding"
        assert len(r["inputs_sha256"]) == 64
        assert r["rules"][0]["text"] == "each part rounded half up to € 1,00"
        assert r["findings"][0]["kind"] == "residue"
        assert "time" not in a.lower()

    def test_settlement_receipt(self) -> None:
        """A settlement's receipt lists its rules with their sources and its figures."""
        r = json.loads(receipt_json(midden_ijssel.settlement().report()))
        assert r["figures"][0]["totals"][0]["repayable"] == {"euros": "143663.00", "cents": 14366300}
        assert all(rule["source"] for rule in r["rules"])

    def test_malformed(self) -> None:
        """Malformed data is refused with a FundingError, never a KeyError."""
        with pytest.raises(TableError, match="cannot read a table"):
            table_from_dict({"columns": []})
        good = table_to_dict(memo_split().table)
        good["rows"][0]["amount"] = {"euros": "1.00", "cents": 5}
        with pytest.raises(TableError, match="cannot read a money cell"):
            table_from_dict(good)


class TestExtras:
    def test_missing_extra_names_it(self) -> None:
        """A missing optional package gives a one-line error naming the extra."""
        with pytest.raises(MissingExtraError, match=r"install izafunding\[plot\]"):
            require("izafunding_no_such_package", "plot", "a chart")

    def test_xlsx_without_openpyxl(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """to_xlsx without openpyxl says to install izafunding[excel]."""
        import sys

        monkeypatch.setitem(sys.modules, "openpyxl", None)
        with pytest.raises(MissingExtraError, match=r"install izafunding\[excel\]"):
            to_xlsx(memo_split())


class TestXlsx:
    def test_reads_back(self) -> None:
        """The workbook has the three sheets; amounts are numeric cells in euro format."""
        openpyxl = pytest.importorskip("openpyxl")
        data = to_xlsx(memo_split())
        book = openpyxl.load_workbook(io.BytesIO(data))
        assert book.sheetnames == ["figures", "explanation", "sources and findings"]
        sheet = book["figures"]
        heading = [c.value for c in sheet[2]]
        part = heading.index("part") + 1
        cell = sheet.cell(row=3, column=part)
        assert round(Decimal(str(cell.value)) * 100) == 2002100
        assert "€" in cell.number_format
        amounts = [sheet.cell(row=r, column=part).value for r in range(3, 11)]
        total = sheet.cell(row=11, column=part).value
        assert round(sum(Decimal(str(a)) for a in amounts) * 100) == round(Decimal(str(total)) * 100)
        assert book["explanation"]["A2"].value.startswith("Dalfsen")
        assert book["sources and findings"]["B2"].value.startswith("rule")

    def test_side_by_side(self) -> None:
        """Several results go side by side, each under its label."""
        openpyxl = pytest.importorskip("openpyxl")
        from izafunding._render.xlsx import workbook

        fair = ijssel_vecht.inhabitants_split(EURO).report()
        data = workbook([memo_split(), fair], labels=["memo", "largest remainder"])
        sheet = openpyxl.load_workbook(io.BytesIO(data))["figures"]
        assert sheet["A1"].value == "memo"
        assert sheet.cell(row=1, column=8).value == "largest remainder"


class TestFrame:
    def test_integer_cents_and_exact_euros(self) -> None:
        """to_frame has an int64 cents column and an exact-euro column."""
        pytest.importorskip("pandas")
        df = to_frame(memo_split().table)
        assert str(df["amount_cents"].dtype) == "Int64"
        assert df["amount_cents"].sum() == 26_199_900  # the memo's parts: € 1 short of € 262.000
        assert df["amount"][0] == Decimal("20021.00")
        assert (df["amount_cents"] / 100).dtype.kind == "f"  # the documented way to plot


class TestCharts:
    def test_allocation_bars(self) -> None:
        """An allocation plots as one bar per recipient, heights in cents, rendered to PNG."""
        pytest.importorskip("matplotlib")
        split = ijssel_vecht.inhabitants_split(EURO)
        fig = split.plot()
        ax = fig.axes[0]
        assert [p.get_height() for p in ax.patches] == [split[r].cents for r in split]
        png = io.BytesIO()
        fig.savefig(png, format="png")
        assert png.getvalue().startswith(b"\x89PNG")

    def test_settlement_waterfall(self) -> None:
        """A settlement year plots as a waterfall that ends at what is repayable."""
        pytest.importorskip("matplotlib")
        s = midden_ijssel.settlement()
        fig = s.plot()
        bars = fig.axes[0].patches
        assert bars[-1].get_height() == s.years[0].repayable.cents
        png = io.BytesIO()
        fig.savefig(png, format="png")
        assert png.getvalue().startswith(b"\x89PNG")

    def test_distribution(self) -> None:
        """A risk distribution plots its bars and marks the quantile."""
        pytest.importorskip("matplotlib")
        from izafunding._render.charts import distribution_chart
        from izafunding.examples import zutphen

        risk = zutphen.risk()["Zutphen"]
        rows = risk.to_rows()
        outcomes: list[tuple[Money, Fraction]] = []
        for r in rows:
            amount, p = r["amount"], r["probability"]
            assert isinstance(amount, Decimal)
            assert isinstance(p, Fraction)
            outcomes.append((Money(amount), p))
        fig = distribution_chart(
            "Zutphen", outcomes, level=Fraction(9, 10), quantile=risk.quantile(Fraction(9, 10))
        )
        assert len(fig.axes[0].patches) == len(rows)
        fig.savefig(io.BytesIO(), format="png")


class TestResults:
    def test_allocation(self) -> None:
        """An allocation's rows carry recipient, exact share, exact amount and part."""
        split = ijssel_vecht.inhabitants_split(EURO)
        rows = split.report().table.to_rows()
        assert [r["recipient"] for r in rows] == list(split)
        assert sum(r["amount"] for r in rows) == split.target.amount  # type: ignore[misc]
        assert rows[0]["share"] == split.exact_share("Dalfsen")

    def test_settlement(self) -> None:
        """A settlement's table has a row per year and the repayable total."""
        s = midden_ijssel.settlement()
        t = s.report().table
        assert t.values("year") == [y.year for y in s.years]
        assert t.footer[0][-1] == s.repayable
        assert "2023" in t.render()

    def test_dates_iso(self) -> None:
        """A date cell is ISO text in JSON and CSV."""
        t = Table(title="t", columns=(Column(key="due", kind=Kind.DATE),), rows=((date(2025, 3, 1),),))
        assert table_to_dict(t)["rows"][0]["due"] == "2025-03-01"
        assert to_csv(t, dialect="plain").splitlines()[1] == "2025-03-01"

"""
The scenario's member table adds up both ways (issue 13, item 1), and scenarios and repayment
risks leave the library through their one table value (issue 13, items 2-3): CSV read back with
``csv`` in both dialects, ``to_dict`` JSON-safe and deterministic, xlsx read back, charts
rendered to PNG with their data checked.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from fractions import Fraction

import pytest

from izafunding import LargestRemainder, Money, Period
from izafunding._core.regions import InhabitantCount, Member, Municipality
from izafunding._scenarios.base import MemberSplit
from izafunding._scenarios.inputs import CostLine
from izafunding._scenarios.scenario import Scenario
from izafunding.examples import ijssel_vecht, zutphen


#: IJssel-Vecht's SPUK-IZA award for 2026 (domain.md: "€ 3.242.094 in 2026") and the memo's
#: inhabitants per member (Memo SPUK IZA 2025, Samen Gezond IJssel-Vecht, appendix
#: "Verdeling kosten gemeenten").
MEMO = "Memo SPUK IZA 2025, Samen Gezond IJssel-Vecht, appendix Verdeling kosten gemeenten"
AWARD_2026 = Money(3242094)
INHABITANTS = {
    "Dalfsen": 29683,
    "Hardenberg": 62260,
    "Kampen": 55070,
    "Ommen": 19035,
    "Staphorst": 17738,
    "Steenwijkerland": 45480,
    "Zwartewaterland": 23447,
    "Zwolle": 135720,
}


def award_2026() -> Scenario:
    """The 2026 award, half split equally and half by inhabitants, largest remainder in euros."""
    half = Money(AWARD_2026.cents // 200)
    return Scenario(
        name="IJssel-Vecht 2026 award",
        period=Period.year(2026),
        lines=(
            CostLine(name="half equally", annual=half, split=MemberSplit.EQUAL),
            CostLine(name="half by inhabitants", annual=AWARD_2026 - half, split=MemberSplit.INHABITANTS),
        ),
        members=[Member(municipality=Municipality(n), inhabitants=InhabitantCount(count=c, reference_date=None, source=MEMO)) for n, c in INHABITANTS.items()],
        rounding=LargestRemainder(unit=Money(1)),
    )


def test_the_2026_award_adds_up_along_every_row_and_down_every_column() -> None:
    s = award_2026()
    assert s.municipal_total == AWARD_2026
    members = s.member_figures
    for m in members:
        assert sum((a for _, a in m.columns), Money.zero()) == m.pays, m.name
        assert abs(m.pays.as_fraction() - m.exact) < 1, m.name
    labels = [label for label, _ in s.columns()]
    for j, (label, alloc) in enumerate(s.columns()):
        assert sum((m.columns[j][1] for m in members), Money.zero()) == alloc.target, label
        for m in members:
            assert abs(m.columns[j][1].as_fraction() - alloc.exact_amount(m.name)) < 1
    assert sum((m.pays for m in members), Money.zero()) == AWARD_2026
    hardenberg = s.member("Hardenberg")
    # Not € 202.631 + € 259.830 against a row total rounded on its own.
    assert hardenberg.column(labels[0]) + hardenberg.column(labels[1]) == hardenberg.pays
    assert not (hardenberg.column(labels[0]) == Money(202631) and hardenberg.column(labels[1]) == Money(259830) and hardenberg.pays == Money(462460))


def test_the_member_table_shows_no_residue_under_largest_remainder() -> None:
    table = award_2026().report().table
    assert [c.key for c in table.columns][-1] == "pays"
    residue = dict(zip([c.key for c in table.columns], table.footer[-1], strict=True))
    assert residue["pays"] == Money(0)
    assert all(v == Money(0) for k, v in residue.items() if k.startswith("group:"))


def _read(text: str, dialect: str) -> list[list[str]]:
    if dialect == "excel-nl":
        assert text.startswith("\ufeff")
        return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    return list(csv.reader(io.StringIO(text)))


def _number(cell: str, dialect: str) -> Decimal:
    return Decimal(cell.replace(",", ".") if dialect == "excel-nl" else cell)


@pytest.mark.parametrize("dialect", ["excel-nl", "plain"])
def test_scenario_csv_reads_back_and_its_rows_and_columns_add_up(dialect: str) -> None:
    rows = _read(award_2026().to_csv(dialect), dialect)
    head, body = rows[0], rows[1:]
    groups = [i for i, h in enumerate(head) if "equally" in h or "by inhabitants" in h]
    assert len(groups) == 2, head
    pays = head.index("pays")
    members = [r for r in body if r[0] in INHABITANTS]
    assert len(members) == 8
    for r in members:
        assert sum(_number(r[i], dialect) for i in groups) == _number(r[pays], dialect)
    assert sum(_number(r[pays], dialect) for r in members) == Decimal("3242094.00")
    totals = next(r for r in body if r[0] == "sum of parts")
    for i in [*groups, pays]:
        assert sum(_number(r[i], dialect) for r in members) == _number(totals[i], dialect)


@pytest.mark.parametrize(
    "result",
    [award_2026, ijssel_vecht.scenario, lambda: zutphen.risk()["Sensire"]],
    ids=["award-2026", "memo", "repayment-risk"],
)
def test_to_dict_is_json_safe_and_deterministic(result: object) -> None:
    a = result()  # type: ignore[operator]
    b = result()  # type: ignore[operator]
    text = json.dumps(a.to_dict(), sort_keys=True)
    assert text == json.dumps(b.to_dict(), sort_keys=True)
    assert json.loads(text)["kind"]


def test_repayment_risk_csv_probabilities_add_up_to_one() -> None:
    risk = zutphen.risk()["Sensire"]
    rows = _read(risk.to_csv("plain"), "plain")
    head, body = rows[0], rows[1:]
    p = head.index("probability")
    assert sum(Decimal(r[p]) for r in body) == pytest.approx(Decimal(1), abs=Decimal("1e-8"))


def test_scenario_xlsx_reads_back() -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(io.BytesIO(award_2026().to_xlsx()))
    sheet = book.worksheets[0]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    flat = [v for row in values for v in row]
    assert "Hardenberg" in flat
    numbers = [v for v in flat if isinstance(v, (int, float, Decimal))]
    assert numbers, "the amounts are numeric cells"


def _png(fig: object) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")  # type: ignore[attr-defined]
    return buffer.getvalue()


def test_scenario_plot_is_bars_of_what_each_member_pays() -> None:
    pytest.importorskip("matplotlib")
    s = award_2026()
    fig = s.plot()
    assert _png(fig).startswith(b"\x89PNG")
    bars = fig.axes[0].patches
    assert [round(b.get_height()) for b in bars] == [m.pays.cents for m in s.member_figures]


def test_repayment_risk_plot_is_its_distribution_with_the_quantile_marked() -> None:
    pytest.importorskip("matplotlib")
    risk = zutphen.risk()["Sensire"]
    fig = risk.plot()
    assert _png(fig).startswith(b"\x89PNG")
    ax = fig.axes[0]
    outcomes = list(risk.distribution.items())
    assert [round(b.get_x() + b.get_width() / 2) for b in ax.patches] == [m.cents for m, _ in outcomes]
    assert ax.lines[-1].get_xdata()[0] == risk.quantile(Fraction(9, 10)).cents

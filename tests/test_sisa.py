"""SiSa rows per scheme and year: shapes, values, deadlines, verified flags, wording overrides."""

from __future__ import annotations

from datetime import date

import attrs
import pytest

from izafunding import (
    Grant,
    Money,
    SchemeError,
    SisaShape,
    SisaWording,
    UnknownNameError,
)
from izafunding._sisa import SHAPES, one_line_shape, shape_for
from izafunding.examples import zutphen
from izafunding.schemes import SPUK_GALA, SPUK_IZA


def _gala() -> Grant:
    return Grant(
        scheme=SPUK_GALA,
        recipient="Zutphen",
        awarded={
            2023: {"Kansrijke Start": Money(100000), "Mentale Gezondheid": Money(100000),
                   "Valpreventie": Money(100000)},
            2024: {"Kansrijke Start": Money(100000), "Mentale Gezondheid": Money(100000)},
            2025: Money(880962),
            2026: Money(750105),
        },
    )


def _gala_settlement() -> object:
    return _gala().settle(
        spent={
            2023: {"Kansrijke Start": Money(85000), "Mentale Gezondheid": Money(70000),
                   "Valpreventie": Money(100000)},
            2024: {"Kansrijke Start": Money(110000), "Mentale Gezondheid": Money(100000)},
            2025: Money(780962),
            2026: Money(800000),
        }
    )


class TestGala:
    def test_2023_one_row_per_component_with_an_award(self) -> None:
        """GALA 2023: one row per component with an award, the spending on each."""
        report = _gala_settlement().sisa(2023)  # type: ignore[attr-defined]
        assert [(r.component, r.value) for r in report.rows] == [
            ("Kansrijke Start", Money(85000)),
            ("Mentale Gezondheid", Money(70000)),
            ("Valpreventie", Money(100000)),
        ]
        assert report.deadline == date(2024, 7, 15)
        assert not any(r.verified for r in report.rows)

    def test_2024_shows_the_2023_money_spent_under_the_20_percent_rule(self) -> None:
        """GALA 2024: per component, the 2024 spending and what of the 2023 money (20%) was spent."""
        s = _gala_settlement()
        report = s.sisa(2024)  # type: ignore[attr-defined]
        carried = {r.component: r.value for r in report.rows if r.key == "gala.component.carried"}
        # Spending counts against the money carried in first (the settlement engine).
        assert carried == {"Kansrijke Start": Money(15000), "Mentale Gezondheid": Money(20000)}
        assert report.total("gala.component") + report.total("gala.component.carried") == s.year(2024).spent  # type: ignore[attr-defined]

    def test_2025_one_line(self) -> None:
        """GALA 2025: one line for the whole award."""
        report = _gala_settlement().sisa(2025)  # type: ignore[attr-defined]
        assert [(r.key, r.value) for r in report.rows] == [("gala.total", Money(780962))]

    def test_2026_shows_the_2025_money_spent_under_the_10_percent_rule(self) -> None:
        """GALA 2026: one line, and the 2025 money spent in 2026 (at most 10% of the 2025 award)."""
        report = _gala_settlement().sisa(2026)  # type: ignore[attr-defined]
        assert [(r.key, r.value) for r in report.rows] == [
            ("gala.total", Money("711903.80")),
            ("gala.carried", Money("88096.20")),
        ]


class TestIza:
    def test_without_members_one_total_row_and_a_note(self) -> None:
        """SPUK-IZA settled as one total: the H35 total, and a note that H35B cannot be shown."""
        grant = Grant(scheme=SPUK_IZA, recipient="Midden-IJssel", awarded={2023: Money(1438963)},
                      applicant="Deventer")
        report = grant.settle(spent={2023: Money(1295300)}).sisa(2023)
        assert [(r.code, r.value) for r in report.rows] == [("H35", Money(1295300))]
        assert "H35B" in report.notes[0]
        assert report.accountable == "Deventer"

    def test_wording_override_makes_a_row_verified(self) -> None:
        """The verified wording from the SiSa annex replaces the library's, without a code change."""
        grant = Grant(scheme=SPUK_IZA, recipient="Midden-IJssel", awarded={2023: Money(100)},
                      applicant="Deventer")
        s = grant.settle(spent={2023: {"Deventer": Money(50), "Raalte": Money(10)}},
                         transferred={2023: {"Raalte": Money(10)}})
        wording = {"iza.member": SisaWording(indicator="03", label="Besteding (jaar T)",
                                             source="SiSa-bijlage 2023")}
        report = s.sisa(2023, wording=wording)
        member = next(r for r in report.rows if r.key == "iza.member")
        assert (member.code, member.indicator, member.verified, member.source) == (
            "H35B", "03", True, "SiSa-bijlage 2023")
        assert "H35B/03" in report.render()
        assert "*" in report.render()  # the other rows are still unverified

    def test_bad_wording(self) -> None:
        """A wording for an indicator the shape does not have, or a bad control, is refused."""
        grant = Grant(scheme=SPUK_IZA, recipient="R", awarded={2023: Money(100)})
        s = grant.settle(spent={2023: Money(1)})
        with pytest.raises(UnknownNameError, match=r"does not have.*iza\.region"):
            s.sisa(2023, wording={"h35": SisaWording(source="x")})
        with pytest.raises(SchemeError, match="'control' must be one of"):
            SisaWording(control="X", source="x")
        with pytest.raises(SchemeError, match="must be a SisaWording"):
            s.sisa(2023, wording={"iza.region": "H35/01"})  # type: ignore[dict-item]


class TestOtherSchemes:
    def test_a_scheme_without_a_shape_gets_one_line_unverified(self) -> None:
        """A scheme with no shape here (the SPUK AZWA) plugs in: one line, the total spent, unverified."""
        scheme = attrs.evolve(SPUK_IZA, name="SPUK AZWA")
        grant = Grant(scheme=scheme, recipient="Zutphen", awarded={2024: Money(1000)})
        report = grant.settle(spent={2024: Money(900)}).sisa(2024)
        assert [(r.key, r.value, r.verified) for r in report.rows] == [("spent", Money(900), False)]
        assert "no SiSa shape is known for SPUK AZWA" in report.render()

    def test_provisional_scheme_is_said(self) -> None:
        """A provisional scheme's shape and report say so."""
        assert "provisional" in one_line_shape("SPUK AZWA", 2027, provisional=True).indicators[0].note

    def test_a_user_shape(self) -> None:
        """A user may pass a shape of their own."""
        shape = attrs.evolve(one_line_shape("X", 2023), scheme="SPUK IZA")
        grant = Grant(scheme=SPUK_IZA, recipient="R", awarded={2023: Money(100)})
        assert grant.settle(spent={2023: Money(5)}).sisa(2023, shape=shape).rows[0].value == Money(5)

    def test_shapes_by_scheme_and_year(self) -> None:
        """Shapes are keyed by scheme name and year."""
        assert shape_for("SPUK IZA", 2026) is SHAPES[0]
        with pytest.raises(UnknownNameError, match="has no indicator 'x'"):
            SHAPES[0].indicator("x")
        with pytest.raises(SchemeError, match="unique keys"):
            SisaShape(scheme="x", years=2023, source="s",
                      indicators=(SHAPES[0].indicators[0], SHAPES[0].indicators[0]))


class TestTransformation:
    def _settled(self) -> object:
        grant = zutphen.grant()
        plan = zutphen.schedule()
        return grant.settle(
            reached={n: ("Zuidwijken",) for n in plan.names if n != "R2"},
            costs={2024: Money(20000), 2025: Money(150000), 2026: Money(150000),
                   2027: Money(21840)},
        )

    def test_seven_indicators_from_2025(self) -> None:
        """From SiSa 2025 all seven indicators, with their numbers and aard controle (DUS-I)."""
        report = self._settled().sisa(2025)  # type: ignore[attr-defined]
        assert [(r.indicator, r.control) for r in report.rows] == [
            ("1", "n.v.t."), ("2", "D1"), ("3", "R"), ("4", "R"), ("5", "R"), ("6", "R"),
            ("7", "n.v.t."),
        ]
        assert report.rows[2].value == Money(170000)  # 2024 costs accounted in 2025 (seed 002)
        assert report.deadline == date(2026, 7, 15)

    def test_book_years_mapping_unchanged(self) -> None:
        """settlement.sisa is still the mapping of costs per book year."""
        assert dict(self._settled().sisa) == {  # type: ignore[attr-defined]
            2025: Money(170000), 2026: Money(150000), 2027: Money(21840)}

    def test_final_year_missed_milestones(self) -> None:
        """In the final year with R2 missed: indicator 2 'Nee', 6 the cumulative spending on it, 7 'Ja'."""
        rows = {r.indicator: r.value for r in self._settled().sisa(2027).rows}  # type: ignore[attr-defined]
        assert rows["2"] is False
        assert rows["6"] == Money("8712.50")
        assert rows["7"] is True

    def test_money_passed_on_moves_the_deadline(self) -> None:
        """Money passed to another municipality: final accounting a year later, and the later deadline."""
        report = self._settled().sisa(2027, passed_on={"Lochem": Money(1000)})  # type: ignore[attr-defined]
        rows = {r.indicator: r.value for r in report.rows}
        assert report.deadline == date(2029, 7, 15)
        assert rows["3"] == Money(20840)
        assert rows["7"] is False
        assert "art. 9(2)" in report.render()

    def test_2024_has_no_correction_rows(self) -> None:
        """Indicators 4 and 5 are asked from SiSa 2025 on."""
        report = self._settled().sisa(2024)  # type: ignore[attr-defined]
        assert [r.indicator for r in report.rows] == ["1", "2", "3", "6", "7"]

    def test_schedule_settlement_sisa(self) -> None:
        """A schedule's settlement gives the same indicators by the milestones' budget years."""
        plan = zutphen.schedule()
        settled = plan.settle(reached=dict.fromkeys(plan.names, ("Zuidwijken",)))
        report = settled.sisa(2025, recipient="Zutphen", decision="IZA-2024-1")
        assert report.rows[0].value == "IZA-2024-1"
        assert report.rows[1].value is True
        with pytest.raises(SchemeError, match="outside the schedule's budget years"):
            settled.sisa(2030)

    def test_bad_arguments(self) -> None:
        """Bad passed_on and corrections are refused."""
        s = self._settled()
        with pytest.raises(SchemeError, match="passed_on must map"):
            s.sisa(2025, passed_on={"Lochem": 1})  # type: ignore[attr-defined]
        with pytest.raises(SchemeError, match="corrections must be a pair"):
            s.sisa(2025, corrections=Money(1))  # type: ignore[attr-defined]


class TestRendering:
    def test_rows_html_and_repr(self) -> None:
        """A report renders as text, HTML and rows, and every rendering shows what is unverified."""
        report = _gala_settlement().sisa(2025)  # type: ignore[attr-defined]
        assert "Deliver by 15 July 2026" in report.render()
        assert "not verified" in report._repr_html_()
        assert report.to_rows()[0]["verified"] is False
        assert report.to_rows()[0]["value"] == Money(780962).amount
        assert "not all verified" in repr(report)

"""
Tests of the SPUK AZWA 2027-2029 (provisional): the scheme, the national lines, the estimates.

Source: letter of VWS to the VNG, 22 April 2026, kenmerk 1097348-DMO ("AZWA-afspraken D5 en D6
en financieringsinstrument"), section 4: the national lines per year (€ million):
local 231 / 278 / 321, regional 194 / 235 / 169, GGD 3 / 3 / 4, NPLV 15 / 21 / 25,
healthy school 8 / 10 / 13; totals 451 / 547 / 532. The 2026 bases: VWS letter of 12 September
2025, ref. 4190863-1084972-DMO, annexes 2A (Zutphen € 750.105) and 2B.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from izafunding import Grant, Money, data
from izafunding._azwa import WERKAGENDA, AzwaPart, FigureKind
from izafunding.errors import (
    AllocationError,
    FloatNotAllowedError,
    ParseError,
    SchemeError,
    UnknownNameError,
)
from izafunding.schemes import SPUK_AZWA, by_name, spuk_azwa


LINES = {
    2027: {"local": 231, "regional": 194, "ggd_knowledge_and_coordination": 3, "nplv_areas": 15, "healthy_school": 8},
    2028: {"local": 278, "regional": 235, "ggd_knowledge_and_coordination": 3, "nplv_areas": 21, "healthy_school": 10},
    2029: {"local": 321, "regional": 169, "ggd_knowledge_and_coordination": 4, "nplv_areas": 25, "healthy_school": 13},
}
TOTALS = {2027: 451, 2028: 547, 2029: 532}


class TestScheme:
    def test_provisional_and_period(self) -> None:
        """SPUK_AZWA is provisional, covers 2027-2029 and is found by name."""
        assert SPUK_AZWA.provisional is True
        assert SPUK_AZWA.years == (2027, 2028, 2029)
        assert by_name("azwa") is SPUK_AZWA
        assert by_name("SPUK AZWA").name == "SPUK AZWA"

    def test_every_rule_cites_the_letter(self) -> None:
        """Every rule and every national budget cites the VWS letter of 22 April 2026."""
        for rule in SPUK_AZWA.rules:
            assert "22 April 2026" in rule.source
            assert "1097348-DMO" in rule.source
        for budget in SPUK_AZWA.budgets:
            assert "22 April 2026" in budget.source

    def test_every_explanation_says_provisional(self) -> None:
        """The explanation, rules table, markdown, repr and each year's lines say provisional."""
        assert all("provisional" in line for line in SPUK_AZWA.explain()[:2])
        for year in SPUK_AZWA.years:
            assert all("provisional" in line for line in SPUK_AZWA.rules_for(year).explain()[:6])
        assert SPUK_AZWA.rules_table()[-1]["rule"] == "status"
        assert "provisional" in SPUK_AZWA.rules_markdown()
        assert "provisional" in repr(SPUK_AZWA)
        assert "provisional" in SPUK_AZWA.label

    def test_other_schemes_not_provisional(self) -> None:
        """The 2023-2026 schemes are not provisional; their explanations are unchanged."""
        from izafunding.schemes import SPUK_GALA, SPUK_IZA

        assert not SPUK_GALA.provisional
        assert not SPUK_IZA.provisional
        assert SPUK_IZA.label == "SPUK IZA"
        assert not any("provisional" in line for line in SPUK_IZA.explain())

    def test_one_budget_no_application(self) -> None:
        """One budget without walls, free shifting, no application, yearly SiSa on one line."""
        rules = SPUK_AZWA.rules_for(2027)
        assert not rules.has_walls
        assert rules.shifting.share == 1
        assert "no application" in rules.applicant.describe()
        assert "one line" in rules.determination.accounting
        assert "werkagenda" in rules.advance.describe()
        assert "2026" in rules.advance.describe()

    def test_werkagenda_condition(self) -> None:
        """Paid without application once the werkagenda is adopted; by 15 November 2026, in 2026."""
        assert WERKAGENDA.application_required is False
        assert WERKAGENDA.can_pay_in(2026, adopted_on=date(2026, 11, 15))
        assert not WERKAGENDA.can_pay_in(2026, adopted_on=date(2026, 11, 16))
        assert WERKAGENDA.can_pay_in(2027, adopted_on=date(2026, 12, 1))
        assert not WERKAGENDA.can_pay_in(2027, adopted_on=None)
        assert not WERKAGENDA.can_pay_in(2027, adopted_on=date(2028, 1, 1))

    def test_carry_over_open_default_none(self) -> None:
        """Carry-over is open: none by default (with the open question), a parameter otherwise."""
        rule = SPUK_AZWA.rules_for(2027).carry_over
        assert rule.share == 0
        assert rule.open_question
        variant = spuk_azwa(carry_over=Fraction(1, 10))
        assert variant.rules_for(2027).carry_over.share == Fraction(1, 10)
        assert variant.rules_for(2029).carry_over.share == 0
        assert variant.provisional
        with pytest.raises(SchemeError, match="share must lie from 0 to 1"):
            spuk_azwa(carry_over=2)

    def test_settlement_findings_provisional(self) -> None:
        """An AZWA grant settles; its findings cite the provisional letter."""
        grant = Grant(scheme=SPUK_AZWA, recipient="Zutphen", awarded={2027: Money(655292)})
        settlement = grant.settle({2027: Money(600000)})
        assert settlement.repayable == Money(55292)
        assert all("provisional" in f.source for f in settlement.findings)
        carried = Grant(
            scheme=spuk_azwa(carry_over=Fraction(1, 10)),
            recipient="Zutphen",
            awarded={2027: Money(655292), 2028: Money(788620)},
        ).settle({2027: Money(600000), 2028: Money(843912)})
        assert carried.repayable == Money(0)

    def test_provisional_must_be_bool(self) -> None:
        """A non-bool provisional flag is refused."""
        with pytest.raises(SchemeError, match="'provisional' must be True or False"):
            attrs.evolve(SPUK_AZWA, provisional="yes")  # type: ignore[arg-type]


class TestLines:
    @pytest.mark.parametrize("year", [2027, 2028, 2029])
    def test_lines_and_column_sums(self, year: int) -> None:
        """The letter's lines per year, and their column sums € 451 / 547 / 532 million."""
        lines = data.azwa_lines(year)
        assert {k: lines[k] for k in lines} == {k: Money(v * 1_000_000) for k, v in LINES[year].items()}
        assert lines.total == Money(TOTALS[year] * 1_000_000)

    def test_direct_lines_not_paid_to_municipalities(self) -> None:
        """The NPLV, GGD and healthy-school lines name their recipients and have no estimates."""
        for name, who in [
            ("ggd_knowledge_and_coordination", "GGDs"),
            ("nplv_areas", "NPLV"),
            ("healthy_school", "GGD GHOR"),
        ]:
            line = data.azwa_line(name, 2027)
            assert who in line.recipient
            assert not line.paid_to_municipalities
            assert line.provisional
            with pytest.raises(UnknownNameError, match=r"'local'.*'regional'"):
                data.azwa_estimates(2027, name)
        assert data.azwa_line("local", 2027).part is AzwaPart.LOCAL

    def test_unknown_year(self) -> None:
        """A year outside 2027-2029 is refused with the years."""
        with pytest.raises(UnknownNameError, match=r"no year 2026 .*2027, 2028, 2029"):
            data.azwa_lines(2026)


class TestEstimates:
    @pytest.mark.parametrize("year", [2027, 2028, 2029])
    def test_sum_exactly_to_the_lines(self, year: int) -> None:
        """All 342 local estimates sum to the local line, all 42 regional ones to the regional."""
        local = data.azwa_estimates(year, part="local")
        regional = data.azwa_estimates(year, part="regional")
        assert len(local) == 342
        assert len(regional) == 42
        assert local.total == data.azwa_lines(year)["local"]
        assert regional.total == data.azwa_lines(year)["regional"]
        assert all(m.cents % 100 == 0 for m in local.values())

    def test_zutphen(self) -> None:
        """Zutphen 2027: € 231 million × 750.105 / 264.423.052 = € 655.291,79 -> € 655.292."""
        e = data.azwa_estimate("Zutphen", 2027)
        assert e.amount == Money(655292)
        assert e.is_estimate
        assert e.kind is FigureKind.ESTIMATED
        assert e.provisional
        assert "estimate" in str(e)
        assert "provisional" in str(e)
        assert "2026 Brede SPUK" in (e.method or "")
        assert "22 April 2026" in e.source

    def test_each_estimate_within_a_euro(self) -> None:
        """Every estimate is within one euro of its exact share of the line."""
        table = data.brede_spuk_awards(2026)
        est = data.azwa_estimates(2028)
        for name, weight in table.items():
            exact = Fraction(278_000_000) * weight.cents / table.total.cents
            assert abs(Fraction(est[name].cents, 100) - exact) < 1

    def test_regions_and_amsterdam(self) -> None:
        """A region gets its regional estimate; Amsterdam is a municipality unless part='regional'."""
        assert data.azwa_estimate("Midden-IJssel", 2029).part is AzwaPart.REGIONAL
        assert data.azwa_estimate("Amsterdam", 2027).part is AzwaPart.LOCAL
        assert data.azwa_estimate("Amsterdam", 2027, part="regional").part is AzwaPart.REGIONAL

    def test_base_year_2025(self) -> None:
        """Another base year is a parameter, and still sums exactly."""
        est = data.azwa_estimates(2027, base_year=2025)
        assert est.total == Money(231_000_000)
        assert "2025 Brede SPUK" in est.estimate("Zutphen").method  # type: ignore[operator]

    def test_own_weights(self) -> None:
        """A user's own weights for all 42 regions replace the base (here: equal)."""
        weights = dict.fromkeys(data.regions(), 1)
        est = data.azwa_estimates(2027, "regional", weights=weights)
        assert est.total == Money(194_000_000)
        assert set(est.values()) <= {Money(4_619_047), Money(4_619_048)}

    def test_own_weights_must_cover_the_part(self) -> None:
        """Weights that miss or add names are refused, naming them."""
        weights = dict.fromkeys(list(data.regions())[1:], 1)
        with pytest.raises(AllocationError, match="missing: Achterhoek"):
            data.azwa_estimates(2027, "regional", weights=weights)
        with pytest.raises(FloatNotAllowedError, match="float"):
            data.azwa_estimates(2027, "regional", weights=dict.fromkeys(data.regions(), 1.0))  # type: ignore[arg-type]

    def test_unknown_name(self) -> None:
        """An unknown name suggests the closest."""
        with pytest.raises(UnknownNameError, match="did you mean 'Zutphen'"):
            data.azwa_estimate("Zutfen", 2027)
        with pytest.raises(UnknownNameError, match="did you mean 'Zutphen'"):
            data.azwa_estimates(2027)["Zutfen"]

    @given(st.lists(st.integers(min_value=0, max_value=10**6), min_size=42, max_size=42))
    def test_any_weights_sum_exactly(self, raw: list[int]) -> None:
        """For any weights (not all zero), the 42 estimates sum exactly to the line."""
        if not any(raw):
            raw[0] = 1
        weights = dict(zip(data.regions(), raw, strict=True))
        est = data.azwa_estimates(2029, "regional", weights=weights)
        assert est.total == Money(169_000_000)
        assert all(m.cents >= 0 for m in est.values())


class TestLoadedTable:
    def test_loaded_table_replaces_estimates(self) -> None:
        """A loaded award table replaces the estimate, marked published; others stay estimates."""
        table = data.read_award_table("name,amount\nZutphen,€ 700.000\nNonexistent,1\n")
        e = data.azwa_estimate("Zutphen", 2027, published=table)
        assert e.amount == Money(700000)
        assert not e.is_estimate
        assert e.kind is FigureKind.PUBLISHED
        assert "published" in str(e)
        est = data.azwa_estimates(2027, published=table)
        assert est["Zutphen"] == Money(700000)
        assert est.published_names == ("Zutphen",)
        assert est.unmatched == ("Nonexistent",)
        assert est.estimate("Deventer").is_estimate
        assert est.residue == Money(655292) - Money(700000)

    def test_national_shape_with_years(self) -> None:
        """A table in the national tables' shape (a column per year, semicolons) reads per year."""
        text = "region;mandated_municipality;azwa_2027;azwa_2028\nMidden-IJssel;Deventer;1.900.000;2.000.000\n"
        table = data.read_award_table(text, year=2028)
        assert table.year == 2028
        assert table["Midden-IJssel"] == Money(2_000_000)
        e = data.azwa_estimate("Midden-IJssel", 2028, published=table)
        assert e.amount == Money(2_000_000)
        assert not e.is_estimate
        with pytest.raises(SchemeError, match="loaded table is for 2028, not 2027"):
            data.azwa_estimate("Midden-IJssel", 2027, published=table)

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("", "empty"),
            ("who,amount\nA,1\n", "first column must be name"),
            ("name\nA\n", "no amount column"),
            ("name,azwa_2027,azwa_2028\nA,1,2\n", "several amount columns"),
            ("name,amount\nA,lots\n", "line 2 \\(A\\)"),
            ("name,amount\nA,-5\n", "cannot be negative"),
            ("name,amount\nA,1\nA,2\n", "'A' appears twice"),
            ("name,amount\n", "no rows"),
        ],
    )
    def test_bad_tables(self, text: str, message: str) -> None:
        """A malformed table is a ParseError naming what is wrong."""
        with pytest.raises(ParseError, match=message):
            data.read_award_table(text)

    def test_year_not_in_table(self) -> None:
        """Asking for a year the table has no column for names the years it has."""
        with pytest.raises(ParseError, match="no column for 2029 \\(years: 2027\\)"):
            data.read_award_table("name,azwa_2027\nA,1\n", year=2029)

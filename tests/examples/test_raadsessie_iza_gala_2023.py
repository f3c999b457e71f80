"""
Raadsessie "IZA - GALA - bijbehorende middelen", 18 April 2023 (seed 003): slides
"Financiële mogelijkheden" and the local budget table "Aanvraag Brede SPUK".

The table gives Sport en Gezondheid and Welzijn & Sociale Basis for 2022-2026 and a
"Totaal Lokaal". For 2023-2026 the total is the sum of the two themes; for 2022 it is
€ 710.000 against € 638.000, € 72.000 the document does not explain: the library
reproduces every figure and reports the gap. The slide's rules for 2023 ("15% schuiven
binnen de hoofdthema's", "Maximaal 20% doorschuiven naar 2024") are the 2023 rules of
SPUK GALA; the national figures it names (IZA € 150 million a year for municipalities,
GALA € 180 million a year extra) are kept as the seed's.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from izafunding import FindingKind, Money
from izafunding.examples import gala as ex
from izafunding.schemes import SPUK_GALA, SPUK_IZA, ShiftScope


TABLE = {
    "Sport en Gezondheid": (419000, 626000, 550000, 550000, 474000),
    "Welzijn & Sociale Basis": (219000, 433000, 214000, 310000, 273000),
}
TOTAL_LOKAAL = (710000, 1059000, 764000, 860000, 747000)
YEARS = (2022, 2023, 2024, 2025, 2026)


class TestTable:
    """Every figure of the table, to the cent."""

    @pytest.mark.parametrize("label", list(TABLE))
    def test_lines(self, label: str) -> None:
        """Each theme's amount per year is the table's."""
        line = ex.TABLE.line(label)
        assert [line.get(y) for y in YEARS] == [Money(a) for a in TABLE[label]]

    @pytest.mark.parametrize(("year", "total"), list(zip(YEARS, TOTAL_LOKAAL, strict=True)))
    def test_stated_totals(self, year: int, total: int) -> None:
        """'Totaal Lokaal' as stated."""
        assert ex.STATED_TOTALS[year] == Money(total)

    @pytest.mark.parametrize("year", YEARS[1:])
    def test_totals_2023_2026_are_sums(self, year: int) -> None:
        """From 2023 the total is the sum of the two themes."""
        assert ex.TABLE.total(year) == ex.STATED_TOTALS[year]

    def test_2022_gap(self) -> None:
        """2022: € 710.000 stated, € 638.000 in the themes: a € 72.000 finding."""
        assert ex.TABLE.total(2022) == Money(638000)
        (finding,) = ex.TABLE.findings()
        assert finding.kind is FindingKind.INCONSISTENCY
        assert finding.year == 2022
        assert finding.amount == Money(72000)
        assert "€ 710.000" in finding.message
        assert "18 April 2023" in finding.source

    def test_display(self) -> None:
        """The table renders with its finding, as rows and as HTML."""
        text = ex.render()
        assert "€ 72.000" in text
        assert "| rule | 2023 | 2024 | 2025 | 2026 |" in text
        rows = ex.TABLE.to_rows()
        assert rows[-1]["2022"] == Money(710000).amount
        assert "color:#b00" in ex.TABLE._repr_html_()


class TestRules:
    """The slide's 2023 rules are SPUK GALA's 2023 rules."""

    def test_shift_15_within_main_theme(self) -> None:
        """'15% schuiven binnen de hoofdthema's'."""
        rule = SPUK_GALA.rules_for(2023).shifting
        assert rule.share == Fraction(15, 100)
        assert rule.within is ShiftScope.MAIN_THEME
        assert "18 April 2023" in rule.source

    def test_carry_20_to_2024(self) -> None:
        """'Maximaal 20% doorschuiven naar 2024'."""
        rule = SPUK_GALA.rules_for(2023).carry_over
        assert rule.share == Fraction(20, 100)
        assert "Maximaal 20%" in rule.source

    def test_fifteen_components(self) -> None:
        """The slide's 15 components in three groups."""
        assert [c.number for c in SPUK_GALA.components] == list(range(1, 16))
        assert SPUK_GALA.component("Welzijn op recept").theme == "Gezondheid en sociale basis"

    def test_national_figures(self) -> None:
        """IZA € 150 million a year for municipalities; GALA € 180 million a year extra."""
        assert SPUK_IZA.budgets[0].amount == Money(150_000_000)
        assert SPUK_GALA.budgets[0].amount == Money(180_000_000)
        assert "new money only" in SPUK_GALA.budgets[0].note

    def test_registered(self) -> None:
        """The example is registered as gala-2022-2026."""
        from izafunding import examples

        assert examples.get("gala-2022-2026") is ex.EXAMPLE

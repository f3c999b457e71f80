"""
Tests of the schemes and their dated rules.

Sources: domain.md §2; Regeling specifieke uitkering IZA-doelen 2023-2026 (Stcrt. 2023,
19964); Regeling specifieke uitkering sport en bewegen, gezondheidsbevordering,
cultuurparticipatie en de sociale basis 2023-2026 (Stcrt. 2023, 4245); Regeling
specifieke uitkering transformatiemiddelen IZA (Stcrt. 2024, 17398); VWS letter
'Wijziging SPUK IZA en Brede SPUK' (12 September 2025, ref. 4190863-1084972-DMO);
raadsessie IZA - GALA (18 April 2023, seed 003).
"""

from __future__ import annotations

from fractions import Fraction

import attrs
import pytest

from izafunding import Money, Period, SchemeError, UnknownNameError
from izafunding.schemes import (
    SPUK_GALA,
    SPUK_IZA,
    SPUK_TRANSFORMATION,
    Applicant,
    ApplicantKind,
    CarryOver,
    DeterminationKind,
    Scheme,
    ShiftBase,
    Shifting,
    ShiftScope,
    Walls,
    by_name,
)


class TestGalaTimeline:
    """The GALA rules change year by year (domain.md §2 table)."""

    def test_period(self) -> None:
        """The GALA grant period is 2023 t/m 2026."""
        assert SPUK_GALA.period == Period.years_range(2023, 2026)
        assert SPUK_GALA.years == (2023, 2024, 2025, 2026)

    def test_walls(self) -> None:
        """Walls between components in 2023 and 2024, one budget from 2025."""
        assert [SPUK_GALA.rules_for(y).has_walls for y in SPUK_GALA.years] == [
            True,
            True,
            False,
            False,
        ]

    def test_shifting_2023(self) -> None:
        """In 2023 at most 15% shifts, only within one main theme (seed 003)."""
        shifting = SPUK_GALA.rules_for(2023).shifting
        assert shifting.share == Fraction(15, 100)
        assert shifting.within is ShiftScope.MAIN_THEME
        assert shifting.base is ShiftBase.SOURCE_COMPONENT
        assert shifting.open_question is not None
        assert "seed" not in shifting.source or "Raadsessie" in shifting.source

    def test_carry_over(self) -> None:
        """20% per component in 2023, none in 2024, 10% of the award in 2025, none in 2026."""
        carry = [SPUK_GALA.rules_for(y).carry_over for y in SPUK_GALA.years]
        assert [c.share for c in carry] == [
            Fraction(20, 100),
            Fraction(0),
            Fraction(10, 100),
            Fraction(0),
        ]
        assert carry[0].per_component
        assert not carry[2].per_component
        assert "4190863-1084972-DMO" in carry[2].source

    def test_last_year(self) -> None:
        """2026 is the last year."""
        assert SPUK_GALA.rules_for(2026).is_last
        assert not SPUK_GALA.rules_for(2025).is_last

    def test_final_settlement(self) -> None:
        """GALA is settled once, in 2027."""
        det = SPUK_GALA.rules_for(2024).determination
        assert det.kind is DeterminationKind.FINAL
        assert det.settled_in == 2027

    def test_components(self) -> None:
        """Fifteen components in three main themes."""
        assert len(SPUK_GALA.components) == 15
        assert SPUK_GALA.themes() == (
            "Sport, bewegen en cultuur",
            "Gezondheid en sociale basis",
            "Ondersteunende onderdelen",
        )
        assert SPUK_GALA.component("Kansrijke Start").number == 4

    def test_unknown_component(self) -> None:
        """An unknown component suggests the closest names."""
        with pytest.raises(UnknownNameError, match="did you mean 'Valpreventie'"):
            SPUK_GALA.component("Valpreventi")

    def test_rules_table(self) -> None:
        """The rules table has one row per kind of rule and a column per year."""
        rows = SPUK_GALA.rules_table()
        assert [r["rule"] for r in rows][:4] == [
            "who applies",
            "walls between components",
            "shifting between components",
            "spending in the next year",
        ]
        assert "10%" in rows[3]["2025"]
        assert SPUK_GALA.rules_markdown().startswith("| rule | 2023 | 2024 | 2025 | 2026 |")


class TestSpukIza:
    """SPUK-IZA: a region, a mandated municipality, no carry-over."""

    def test_no_carry_over(self) -> None:
        """Unspent SPUK-IZA money is repaid every year; 2023 is settled, not open (the refusal of 2023)."""
        for year in SPUK_IZA.years:
            assert SPUK_IZA.rules_for(year).carry_over.share == 0
        assert SPUK_IZA.rules_for(2023).carry_over.open_question is None
        assert "kan niet worden meegenomen naar 2024" in SPUK_IZA.rules_for(2023).carry_over.source

    def test_mandated_municipality(self) -> None:
        """One mandated municipality applies for the region."""
        assert SPUK_IZA.rules_for(2025).applicant.kind is ApplicantKind.MANDATED_MUNICIPALITY

    def test_national_budget(self) -> None:
        """€ 150 million a year in 2023-2025, € 161 million in 2026."""
        assert [(b.amount, b.years) for b in SPUK_IZA.budgets] == [
            (Money(150_000_000), (2023, 2024, 2025)),
            (Money(161_000_000), (2026,)),
        ]


class TestTransformation:
    """SPUK Transformatiemiddelen (domain.md §2, seed 002)."""

    def test_period_versions(self) -> None:
        """The period ended 2027 in the first version and ends 2028 now."""
        assert SPUK_TRANSFORMATION.period == Period.years_range(2024, 2028)
        old = SPUK_TRANSFORMATION.as_version("2024")
        assert old.period == Period.years_range(2024, 2027)
        with pytest.raises(SchemeError, match="2024-2027"):
            old.rules_for(2028)

    def test_unknown_version(self) -> None:
        """An unknown version lists the versions."""
        with pytest.raises(SchemeError, match="versions: 2024, 2026"):
            SPUK_TRANSFORMATION.as_version("2025")

    def test_rules(self) -> None:
        """Lead municipality, 100% advance, carry-over within the period, milestones."""
        rules = SPUK_TRANSFORMATION.rules_for(2025)
        assert rules.applicant.kind is ApplicantKind.LEAD_MUNICIPALITY
        assert rules.advance.share == 1
        assert "yearly instalments" in rules.advance.schedule
        assert rules.carry_over.share == 1
        assert rules.determination.kind is DeterminationKind.MILESTONES

    def test_ceiling(self) -> None:
        """The national ceiling in the 2026 version is € 352.973.325."""
        (ceiling,) = SPUK_TRANSFORMATION.budgets
        assert ceiling.amount == Money(352_973_325)
        assert ceiling.per_period
        assert SPUK_TRANSFORMATION.as_version("2024").budgets == ()


class TestYearOutsidePeriod:
    """Asking a scheme about a year outside its period is an error naming the period."""

    @pytest.mark.parametrize(
        ("scheme", "year"),
        [(SPUK_GALA, 2022), (SPUK_GALA, 2027), (SPUK_IZA, 2027), (SPUK_TRANSFORMATION, 2023)],
    )
    def test_outside(self, scheme: Scheme, year: int) -> None:
        """The error names the period."""
        with pytest.raises(SchemeError, match=r"grant period is \d{4}-01-01 t/m \d{4}-12-31"):
            scheme.rules_for(year)

    @pytest.mark.parametrize("year", ["2025", 2025.0, None, True])
    def test_not_a_year(self, year: object) -> None:
        """A year that is not an int is refused."""
        with pytest.raises(SchemeError, match=r"SPUK GALA has no rules for .*: its grant period"):
            SPUK_GALA.rules_for(year)  # type: ignore[arg-type]


class TestVariants:
    """Variants are made without touching library code."""

    def test_with_rule(self) -> None:
        """What if 2024 had the 2023 carry-over."""
        rule = attrs.evolve(SPUK_GALA.rules_for(2023).carry_over, years=2024, source="what if")
        variant = SPUK_GALA.with_rule(rule)
        assert variant.rules_for(2024).carry_over.share == Fraction(20, 100)
        assert variant.rules_for(2023).carry_over.share == Fraction(20, 100)
        assert variant.rules_for(2025).carry_over.share == Fraction(10, 100)
        assert SPUK_GALA.rules_for(2024).carry_over.share == 0

    def test_evolve_rules(self) -> None:
        """attrs.evolve on the scheme works when every year keeps one rule of each kind."""
        rules = tuple(
            r for r in SPUK_GALA.rules if not (isinstance(r, Walls) and r.years == (2023, 2024))
        )
        with pytest.raises(SchemeError, match="walls between components"):
            attrs.evolve(SPUK_GALA, rules=rules)

    def test_duplicate_rule(self) -> None:
        """Two rules of one kind in one year are refused."""
        extra = Applicant(kind=ApplicantKind.EACH_MUNICIPALITY, years=2024, source="x")
        with pytest.raises(SchemeError, match="2 'who applies' rules"):
            attrs.evolve(SPUK_IZA, rules=(*SPUK_IZA.rules, extra))


class TestRuleValidation:
    """Rules validate their parameters."""

    @pytest.mark.parametrize("share", [0.15, Fraction(3, 2), -1, "15%"])
    def test_bad_share(self, share: object) -> None:
        """Shares must be exact and from 0 to 1."""
        with pytest.raises(SchemeError, match=r"^a share must (be an int|lie from 0 to 1)"):
            CarryOver(share=share, years=2023, source="x")  # type: ignore[arg-type]

    @pytest.mark.parametrize("years", [(), "2023", (2023.0,), (True,)])
    def test_bad_years(self, years: object) -> None:
        """Years must be ints."""
        with pytest.raises(SchemeError, match=r"^'years' must (name|be a year|hold years)"):
            CarryOver(share=0, years=years, source="x")  # type: ignore[arg-type]

    def test_source_required(self) -> None:
        """A rule without a source is refused."""
        with pytest.raises(SchemeError, match="cite"):
            CarryOver(share=0, years=2023, source=" ")

    def test_limit_rounds_down(self) -> None:
        """A limit that is not a whole cent is rounded down, in favour of the Rijk."""
        rule = Shifting(
            share=Fraction(15, 100), within=ShiftScope.MAIN_THEME, years=2023, source="x"
        )
        assert rule.limit(Money("0.99")) == Money("0.14")


class TestByName:
    """Schemes by name."""

    @pytest.mark.parametrize(
        ("name", "scheme"),
        [
            ("SPUK IZA", SPUK_IZA),
            ("spuk-gala", SPUK_GALA),
            ("Brede SPUK", SPUK_GALA),
            ("SPUK_TRANSFORMATION", SPUK_TRANSFORMATION),
        ],
    )
    def test_names(self, name: str, scheme: Scheme) -> None:
        """Common spellings find the scheme."""
        assert by_name(name) is scheme

    def test_unknown(self) -> None:
        """An unknown scheme lists the schemes."""
        with pytest.raises(UnknownNameError, match="schemes: SPUK IZA"):
            by_name("WMO")

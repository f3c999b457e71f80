"""
Memo aan de raad, gemeente Noordoostpolder: "Informeren over de ontwikkelingen van het
Integraal Zorgakkoord in Flevoland", college van burgemeester en wethouders, 13 August
2024 (seed 004).

The memo names the national money: € 2,8 billion in the IZA for transformations,
€ 150 million structural for the prevention infrastructure (SPUK-IZA), and € 180 million
a year to 2026 for sport, culture, health, prevention and the social base (SPUK GALA);
the five chain approaches are funded through SPUK GALA; Flevoland's SPUK-IZA is mostly
distributed over the municipalities, with a regional network office paid from regional
SPUK-IZA. The region's mandated municipality (Almere) and amounts come from the VWS
letter of 12 September 2025, annex 2B.
"""

from __future__ import annotations

from izafunding import Grant, Money, data
from izafunding.schemes import SPUK_GALA, SPUK_IZA, ApplicantKind


class TestFlevoland:
    """Flevoland's SPUK-IZA: one region, Almere mandated."""

    def test_region(self) -> None:
        """Flevoland is a SPUK-IZA region with Almere as mandated municipality."""
        assert data.regions()["Flevoland"].mandated.name == "Almere"

    def test_grant(self) -> None:
        """A grant for Flevoland from the national table names Almere as applicant."""
        grant = Grant.from_published(SPUK_IZA, "Flevoland")
        assert grant.applicant == "Almere"
        assert grant.awarded_in(2025) == data.spuk_iza_awards(2025)["Flevoland"]

    def test_noordoostpolder_gala(self) -> None:
        """Noordoostpolder applies for its own Brede SPUK."""
        assert "Noordoostpolder" in data.brede_spuk_awards(2025)
        assert SPUK_GALA.rules_for(2024).applicant.kind is ApplicantKind.EACH_MUNICIPALITY


class TestNationalFigures:
    """The memo's national figures are the schemes' (the seed's wording kept)."""

    def test_prevention_infrastructure(self) -> None:
        """€ 150 million structural for the prevention infrastructure (SPUK-IZA, 2023-2025)."""
        assert SPUK_IZA.budgets[0].amount == Money(150_000_000)

    def test_gala_to_2026(self) -> None:
        """€ 180 million a year to 2026 (the new GALA money)."""
        budget = SPUK_GALA.budgets[0]
        assert budget.amount == Money(180_000_000)
        assert budget.years[-1] == 2026

"""
Raadsmededeling 2023-918 "Voorstel inzet regionale middelen tbv SPUK-IZA 2023",
gemeente Deventer (Wethouder De Geest, team DEV-BLD), 17 October 2023, with its
appendix "Voorstel besteding SPUK-IZA 2023" (seed 000).

Midden-IJssel (Deventer, Olst-Wijhe, Raalte, Voorst) receives at most € 1.438.963 a
year (the text, twice); Deventer applies as mandated municipality (college decision
27 June 2023). The appendix lists 12 regional tasks (€ 655.000) and 20 municipal
proposals (€ 640.300) plus a p.m. line, € 1.295.300 in all ("€ 1.300.000" in the
text). Its table uses "Beschikbaar bedrag € 1.438.964" and "Nog niet benutte
budgetruimte € 143.664": against the text's maximum, confirmed by the published 2025
award (VWS letter of 12 September 2025, annex 2B), the room is € 143.663, and the
library reports the table's € 1 as an inconsistency rather than copying it. Money not
spent may not move to the next years: it is repaid to the Rijk.
"""

from __future__ import annotations

import pytest

from izafunding import FindingKind, Money, data
from izafunding.examples import midden_ijssel as ex
from izafunding.schemes import SPUK_IZA


#: Every line of the appendix with an amount (number: euros).
LINES = {
    1: 40000, 2: 10000, 3: 7500, 4: 45000, 5: 15000, 6: 300000, 7: 75000, 8: 7500,
    9: 10000, 10: 7500, 11: 7500, 12: 130000,
    13: 40000, 14: 40000, 15: 65000, 16: 60000, 17: 60000, 18: 20000, 19: 16500,
    20: 20000, 21: 50000,
    22: 20000, 23: 6200,
    24: 10000, 25: 25000, 26: 25000,
    27: 25600, 28: 15000, 29: 20000, 30: 25000, 31: 67000, 32: 30000,
}  # fmt: skip


class TestPlan:
    """The appendix's figures, to the cent."""

    @pytest.mark.parametrize(("number", "euros"), sorted(LINES.items()))
    def test_line(self, number: int, euros: int) -> None:
        """Every line's amount is the appendix's."""
        assert ex.PLAN.line(number).amount == Money(euros)

    def test_pm_line(self) -> None:
        """Line 33 'Overige voorstellen' is p.m.: no amount yet."""
        assert [line.number for line in ex.PLAN.pending()] == [33]
        assert ex.PLAN.line(33).amount_text() == "p.m."

    def test_regional_tasks(self) -> None:
        """Subtotaal regionale taken € 655.000 (line 6: € 75.000 × 4 municipalities)."""
        assert ex.PLAN.subtotal(ex.REGIONAL) == Money(655000)
        assert ex.PLAN.line(6).amount == Money(75000) * 4

    def test_municipal_proposals(self) -> None:
        """Subtotaal voorstellen gemeenten € 640.300."""
        assert ex.PLAN.subtotal(ex.MUNICIPAL) == Money(640300)

    def test_by_owner(self) -> None:
        """Deventer € 371.500, Raalte € 26.200, Voorst € 60.000, Olst-Wijhe € 182.600."""
        assert ex.PLAN.by_owner() == {
            "Alle gemeenten": Money(655000),
            "Deventer": Money(371500),
            "Raalte": Money(26200),
            "Voorst": Money(60000),
            "Olst-Wijhe": Money(182600),
        }

    def test_total(self) -> None:
        """Totaal regionale taken + voorstellen gemeenten € 1.295.300."""
        assert ex.PLAN.total == Money(1295300)

    def test_remaining(self) -> None:
        """The remaining room is € 143.663 against the text's € 1.438.963."""
        assert ex.PLAN.budget == Money(1438963)
        assert ex.PLAN.remaining == Money(143663)

    def test_owners_are_the_members(self) -> None:
        """The plan's municipal owners are Midden-IJssel's four members."""
        members = set(data.regions()["Midden-IJssel"].member_names())
        assert set(ex.PLAN.owners()) - {"Alle gemeenten"} == members


class TestFindings:
    """The document's € 1 inconsistency is reported, not copied."""

    def test_two_inconsistencies(self) -> None:
        """The table's available amount and remaining room are each € 1 too high."""
        found = ex.PLAN.findings()
        assert [f.kind for f in found] == [FindingKind.INCONSISTENCY] * 2
        assert [f.amount for f in found] == [Money(1), Money(1)]
        assert "€ 1.438.964" in found[0].message
        assert "€ 143.664" in found[1].message
        assert "€ 143.663" in found[1].message
        assert all("2023-918" in f.source for f in found)

    def test_rounded_total_in_text(self) -> None:
        """The text's '€ 1.300.000' is the total rounded, not an inconsistency."""
        assert not any("1.300.000" in f.message for f in ex.PLAN.findings())

    def test_against_grant(self) -> None:
        """The budget equals the award: no further finding against the grant."""
        assert ex.PLAN.findings(ex.GRANT) == ex.PLAN.findings()

    def test_published_award_confirms_the_text(self) -> None:
        """The 2025 SPUK-IZA table gives Midden-IJssel € 1.438.963, Deventer mandated."""
        assert data.spuk_iza_awards(2025)["Midden-IJssel"] == ex.BUDGET
        assert data.regions()["Midden-IJssel"].mandated.name == "Deventer"


class TestSettlement:
    """Unspent SPUK-IZA money is repaid to the Rijk."""

    def test_spending_the_plan(self) -> None:
        """Spending exactly the plan repays the remaining € 143.663."""
        s = ex.settlement()
        assert s.eligible == Money(1295300)
        assert s.carried_over == Money(0)
        assert s.repayable == Money(143663)
        assert [f.kind for f in s.findings] == [FindingKind.NO_CARRY_OVER]

    def test_grant(self) -> None:
        """The grant: SPUK-IZA, Midden-IJssel, Deventer as applicant."""
        assert ex.GRANT.scheme is SPUK_IZA
        assert ex.GRANT.applicant == "Deventer"
        assert ex.GRANT.awarded == {2023: Money(1438963)}


class TestExample:
    """The example prints the plan, the findings and the settlement."""

    def test_render(self) -> None:
        """The rendered example shows the figures and the inconsistency."""
        text = ex.render()
        for figure in ("€ 655.000", "€ 640.300", "€ 1.295.300", "€ 143.663", "€ 1.438.964"):
            assert figure in text
        assert "p.m." in text

    def test_registered(self) -> None:
        """The example is registered as midden-ijssel-2023."""
        from izafunding import examples

        assert examples.get("midden-ijssel-2023") is ex.EXAMPLE

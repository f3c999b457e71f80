"""
Raadsmededeling 2023-918 'Voorstel inzet regionale middelen tbv SPUK-IZA 2023',
gemeente Deventer (17 October 2023), appendix 'Voorstel besteding SPUK-IZA 2023'
(seed 000), end to end: the plan's owners as transfers to the members, a realised
spending per member (chosen for the example, not in the document), the settlement
with the Rijk and between the members, and the SiSa rows H35/H35B.
"""

from __future__ import annotations

from izafunding import Money
from izafunding.examples import midden_ijssel_sisa as ex
from izafunding.examples import render


class TestTransfers:
    def test_members_receive_their_proposals_plus_line_6(self) -> None:
        """Raalte € 26.200, Voorst € 60.000, Olst-Wijhe € 182.600, each plus € 75.000 of line 6."""
        assert {
            "Raalte": Money(26200 + 75000),
            "Voorst": Money(60000 + 75000),
            "Olst-Wijhe": Money(182600 + 75000),
            "Deventer": Money(801500),
        } == ex.TRANSFERRED

    def test_deventer_keeps_the_rest_of_the_plan(self) -> None:
        """Deventer: the regional tasks less 3 x € 75.000, plus its own proposals (€ 371.500)."""
        assert ex.TRANSFERRED["Deventer"] == Money(655000 - 225000 + 371500)
        assert sum(ex.TRANSFERRED.values(), Money(0)) == Money(1295300)


class TestSettlement:
    def test_repayable_is_made_up_of_its_parts(self) -> None:
        """Repayable € 180.163 = € 143.663 never allocated + € 15.000 Voorst + € 21.500 Deventer."""
        s = ex.settlement()
        book = s.members(2023)
        assert s.repayable == Money(180163)
        assert book.not_allocated == Money(143663)
        assert book.returned_by_members == Money(15000)
        assert book.own.returned == Money(21500)
        assert book.not_allocated + book.returned_by_members + book.own.returned == s.repayable

    def test_olst_wijhe_overspend_stays_its_own(self) -> None:
        """Olst-Wijhe's € 2.400 above its transfer stays its own money."""
        a = ex.settlement().members(2023)["Olst-Wijhe"]
        assert (a.transferred, a.spent, a.charged, a.returned) == (
            Money(257600), Money(260000), Money(257600), Money(0))

    def test_shared_equally(self) -> None:
        """Shared equally, each of the four repays € 9.125 of the € 36.500 allocated and unspent."""
        book = ex.settlement_by_key().members(2023)
        assert {a.returned for a in book.values()} == {Money(9125)}
        assert book.repayable == Money(180163)


class TestSisa:
    def test_region_total_is_members_plus_own_and_the_settlement(self) -> None:
        """H35 total = H35B rows + Deventer's own spending = the settlement's spending."""
        report = ex.sisa()
        assert report.total("iza.region") == Money(1258800)
        assert report.total("iza.member") + report.total("iza.own") == Money(1258800)
        assert ex.settlement().year(2023).spent == Money(1258800)
        assert [r.municipality for r in report.rows if r.code == "H35B"] == list(
            ex.TRANSFERRED)[:3]

    def test_example_prints(self) -> None:
        """`izafunding example midden-ijssel-2023-sisa` prints the transfers, settlement and rows."""
        text = render("midden-ijssel-2023-sisa")
        assert "H35B" in text
        assert "€ 180.163,00" in text
        assert "Deliver by 15 July 2024" in text

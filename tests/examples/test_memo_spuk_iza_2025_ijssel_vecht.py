"""
Memo SPUK IZA 2025, Samen Gezond IJssel-Vecht (December 2024), seed 001: the
Q1 2025 scenario as a whole.

Written after the VNG left the IZA on 29 November 2024. Section 2 gives the
four budget lines of the SPUK IZA (network organisation € 600.000,
coordination € 800.000, local effort of the municipalities € 800.000,
execution of the regioplan € 800.000 a year: "€3 miljoen per jaar", "Voor
Q1 2025 komt dit neer op €750.000"). Section 3 continues until 1-4-2025:
€ 50.000 saved on the chain approaches, € 40.000 on the regioplan, costs
shared with the partners 50/50, 50/50, 100/0 and 70/30 (table: total
€ 660.000, municipalities € 462.000, partners € 198.000), the ZonMw subsidy
of about € 85.239 a quarter, and € 358.603 of SPUK IZA 2024 money paid to
the municipalities at the end of 2024. The appendix splits the municipal
€ 462.000: € 200.000 equally, € 262.000 by inhabitants, with the ZonMw
offset beside it, each figure rounded half up to whole euros; its figures
add up to € 461.999, a € 1 residue the memo does not mention. Section 4d
names the alternatives when partners do not pay. The real award
(€ 3.023.765 a year, VWS letter of 12 September 2025) is the one figure the
memo could not use.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from izafunding import HalfUpEach, LargestRemainder, Money, PartnerShortfall, Period, compare, data
from izafunding.examples import ijssel_vecht


MEMO = ijssel_vecht.scenario()
FAIR = ijssel_vecht.scenario(LargestRemainder(unit=Money(1)))

#: Section 2 and 3: annual amount, Q1 amount, saving, Q1 cost, municipal / partner part and %.
LINES = {
    "Organisatie netwerk": (600000, 150000, 0, 150000, 75000, 75000, "0.5"),
    "Coördinatiekosten": (800000, 200000, 50000, 150000, 75000, 75000, "0.5"),
    "Lokale inzet gemeenten": (800000, 200000, 0, 200000, 200000, 0, "1"),
    "Uitvoer regioplan": (800000, 200000, 40000, 160000, 112000, 48000, "0.7"),
}
#: The appendix: inhabitants / equal split / by inhabitants / total / ZonMw.
APPENDIX = {
    "Dalfsen": (29683, 25000, 20021, 45021, -6514),
    "Hardenberg": (62260, 25000, 41995, 66995, -13663),
    "Kampen": (55070, 25000, 37145, 62145, -12085),
    "Ommen": (19035, 25000, 12839, 37839, -4177),
    "Staphorst": (17738, 25000, 11964, 36964, -3892),
    "Steenwijkerland": (45480, 25000, 30676, 55676, -9980),
    "Zwartewaterland": (23447, 25000, 15815, 40815, -5145),
    "Zwolle": (135720, 25000, 91544, 116544, -29783),
}


class TestSection2And3:
    def test_spuk_iza_a_year(self) -> None:
        """The four lines add up to the memo's € 3.000.000 a year."""
        assert MEMO.annual_total == Money(3000000) == ijssel_vecht.PLANNED_ANNUAL

    def test_q1_budget(self) -> None:
        """€ 3.000.000 a year is € 750.000 for Q1 2025."""
        assert MEMO.period == Period.quarter(2025, 1)
        assert MEMO.prorated_total == Money(750000)

    @pytest.mark.parametrize("name", list(LINES))
    def test_line(self, name: str) -> None:
        """Each line: a year, per quarter, the saving, the Q1 cost and its sharing, to the cent."""
        annual, quarter, saving, cost, municipal, partners, share = LINES[name]
        line = MEMO.line(name)
        assert line.line.annual == Money(annual)
        assert line.prorated == Money(quarter)
        assert line.reductions == Money(saving)
        assert line.cost == Money(cost)
        assert line.municipal == Money(municipal)
        assert line.partners == Money(partners)
        assert line.line.municipal_share == Decimal(share)

    def test_table_totals(self) -> None:
        """The table's totals: € 660.000, municipalities € 462.000, partners € 198.000."""
        assert MEMO.reductions_total == Money(90000)
        assert MEMO.total == Money(660000)
        assert MEMO.municipal_total == Money(462000)
        assert MEMO.partner_total == Money(198000)

    def test_zonmw_quarter(self) -> None:
        """The ZonMw subsidy saves about € 85.239 a quarter."""
        assert MEMO.offsets_total == Money(85239) == ijssel_vecht.ZONMW_QUARTER

    def test_remaining_2024(self) -> None:
        """€ 358.603 of SPUK IZA 2024 money went to the municipalities at the end of 2024."""
        assert Money.parse("€358.603") == ijssel_vecht.REMAINING_2024
        assert "€ 358.603" in ijssel_vecht.render()


class TestAppendix:
    def test_inhabitants(self) -> None:
        """The eight municipalities and their inhabitants, 388.433 together."""
        members = {m.name: m.inhabitants.count for m in MEMO.members if m.inhabitants}
        assert members == {name: row[0] for name, row in APPENDIX.items()}
        assert sum(members.values()) == 388433

    @pytest.mark.parametrize("name", list(APPENDIX))
    def test_municipality(self, name: str) -> None:
        """Each municipality's equal part, part by inhabitants, total and ZonMw offset, to the euro."""
        _, equal, by_inhabitants, total, zonmw = APPENDIX[name]
        member = MEMO.member(name)
        assert member.column("equally") == Money(equal)
        assert member.column("by inhabitants") == Money(by_inhabitants)
        assert member.pays == Money(total)
        assert -member.offset("ZonMw") == Money(zonmw)
        assert member.net == Money(total + zonmw)

    def test_stated_totals_and_hidden_residue(self) -> None:
        """The stated totals € 200.000, € 262.000, € 462.000 against sums of € 261.999 and € 461.999."""
        columns = dict(MEMO.columns())
        assert columns["equally"].target == columns["equally"].total == Money(200000)
        assert columns["by inhabitants"].target == Money(262000)
        assert columns["by inhabitants"].total == Money(261999)
        assert MEMO.municipal_split.target == Money(462000)
        assert MEMO.municipal_split.total == Money(461999)
        assert MEMO.residue == Money(1)
        assert "a residue of € 1,00" in MEMO.render()

    def test_zonmw_column_adds_up(self) -> None:
        """The ZonMw column does add up to € 85.239."""
        ((_, zonmw),) = MEMO.offset_splits()
        assert zonmw.total == Money(85239)
        assert zonmw.residue == Money(0)

    def test_document_rounding(self) -> None:
        """The memo's rounding is each figure half up to whole euros."""
        assert MEMO.rounding == HalfUpEach(unit=Money(1))

    def test_largest_remainder_gives_the_euro_to_steenwijkerland(self) -> None:
        """Under largest remainder the split adds up and the euro goes to Steenwijkerland."""
        assert FAIR.residue == Money(0)
        assert FAIR.municipal_split.total == Money(462000)
        assert FAIR.member("Steenwijkerland").pays == Money(55677)
        assert FAIR.member("Steenwijkerland").column("by inhabitants") == Money(30677)
        differences = compare(MEMO, FAIR).differences()
        changed = {(row.name, row.figure) for row in differences if row.section == "municipality"}
        assert changed == {("Steenwijkerland", "pays"), ("Steenwijkerland", "net")}

    def test_kept_helpers(self) -> None:
        """The example's split helpers give the appendix's columns."""
        doc = HalfUpEach(unit=Money(1))
        assert ijssel_vecht.inhabitants_split(doc)["Zwolle"] == Money(91544)
        assert ijssel_vecht.municipal_split(doc)["Zwolle"] == Money(116544)
        assert ijssel_vecht.zonmw_split(doc)["Zwolle"] == Money(-29783)


class TestAlternatives:
    def test_municipalities_make_up_the_difference(self) -> None:
        """Partners do not pay, municipalities make up: they pay all € 660.000."""
        alt = ijssel_vecht.alternatives()["municipalities make up"]
        assert alt.total == Money(660000)
        assert alt.municipal_total == Money(660000)
        assert alt.partner_total == Money(0)
        # € 200.000 equally, € 460.000 by inhabitants.
        assert dict(alt.columns())["by inhabitants"].target == Money(460000)

    def test_keep_percentages_halves_the_functions(self) -> None:
        """Partners do not pay, municipalities keep their percentages: € 462.000 of work, functions halved."""
        alt = MEMO.without_partners(shortfall=PartnerShortfall.KEEP_PERCENTAGES)
        assert alt.total == Money(462000)
        assert alt.line("Organisatie netwerk").cost == Money(75000)
        assert alt.line("Coördinatiekosten").cost == Money(75000)
        assert alt.line("Uitvoer regioplan").cost == Money(112000)
        assert [m.pays for m in alt.member_figures] == [m.pays for m in MEMO.member_figures]

    def test_real_award(self) -> None:
        """On the real award of € 3.023.765 a year the quarter is € 755.941,25."""
        award = data.spuk_iza_awards(2025)["IJssel-Vecht"]
        assert award == Money(3023765)
        real = ijssel_vecht.real_award()
        assert real.annual_total == award
        assert real.prorated_total == Money("755941.25")
        assert real.reductions_total == Money(90000)
        assert real.total == Money("665941.25")
        assert real.line("Organisatie netwerk").line.annual == Money(604753)
        assert real.municipal_total + real.partner_total == real.total

    def test_example_prints_everything(self) -> None:
        """The example prints the memo's tables, the hidden residue and the alternatives."""
        text = ijssel_vecht.render()
        for figure in ("€ 660.000", "€ 462.000", "€ 198.000", "€ 45.021", "€ 116.544", "€ 261.999",
                       "€ 461.999", "€ 30.677", "€ 755.941,25", "€ 185.726", "-€ 85.239"):
            assert figure in text, figure
        assert "municipalities make up" in text
        assert "work halved" in text
        assert "real award" in text

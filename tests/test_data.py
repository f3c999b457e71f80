"""
Tests of the built-in national figures.

Source: letter of the Ministry of VWS to all municipalities, "Wijziging SPUK IZA en
Brede SPUK", 12 September 2025, ref. 4190863-1084972-DMO: annex 2A (Brede SPUK per
municipality, 2025 and 2026) and annex 2B (SPUK-IZA per region, with the mandated
municipality). Every column sum is asserted to the cent.
"""

from __future__ import annotations

import pytest

from izafunding import FundingError, Money, UnknownNameError, data
from izafunding._core.findings import FindingKind


class TestColumnSums:
    """The column sums of the letter's annexes, to the cent."""

    @pytest.mark.parametrize(
        ("year", "total"), [(2025, Money(310_475_334)), (2026, Money(264_423_052))]
    )
    def test_brede_spuk(self, year: int, total: Money) -> None:
        """The Brede SPUK column sums to the figure of annex 2A."""
        table = data.brede_spuk_awards(year)
        assert len(table) == 342
        assert table.total == total

    @pytest.mark.parametrize(
        ("year", "total"), [(2025, Money(142_900_002)), (2026, Money(153_213_599))]
    )
    def test_spuk_iza(self, year: int, total: Money) -> None:
        """The SPUK-IZA column sums to the figure of annex 2B."""
        table = data.spuk_iza_awards(year)
        assert len(table) == 42
        assert table.total == total

    def test_spuk_iza_2025_residue(self) -> None:
        """The 2025 SPUK-IZA sum is € 2 above a round € 142,9 million, and that is reported."""
        residue = next(f for f in data.findings() if f.kind is FindingKind.RESIDUE)
        assert residue.amount == Money(2)
        assert residue.year == 2025
        assert "4190863-1084972-DMO" in residue.source
        assert "€ 142.900.002" in residue.message


class TestFigures:
    """Single figures the seeds and domain.md rely on."""

    def test_midden_ijssel(self) -> None:
        """Midden-IJssel's 2025 amount confirms seed 000's text (€ 1.438.963), not its table."""
        assert data.spuk_iza_awards(2025)["Midden-IJssel"] == Money(1_438_963)
        assert data.spuk_iza_awards(2026)["Midden-IJssel"] == Money(1_542_862)

    def test_ijssel_vecht(self) -> None:
        """IJssel-Vecht's real award is € 3.023.765 (2025), € 3.242.094 (2026)."""
        assert data.spuk_iza_awards(2025)["IJssel-Vecht"] == Money(3_023_765)
        assert data.spuk_iza_awards(2026)["IJssel-Vecht"] == Money(3_242_094)

    def test_zutphen(self) -> None:
        """Zutphen's Brede SPUK amounts."""
        assert data.brede_spuk_awards(2025)["Zutphen"] == Money(880_962)
        assert data.brede_spuk_awards(2026)["Zutphen"] == Money(750_105)

    def test_spelling(self) -> None:
        """Names are spelled as in the letter."""
        names = set(data.municipalities())
        assert {"'s-Gravenhage", "Bergen (L.)", "Bergen (NH.)", "Súdwest-Fryslân"} <= names

    def test_small_municipalities_floor(self) -> None:
        """Five small municipalities get slightly more in 2026; the others less."""
        more = [
            name
            for name in data.municipalities()
            if data.brede_spuk_awards(2026)[name] > data.brede_spuk_awards(2025)[name]
        ]
        assert more == ["Ameland", "Rozendaal", "Schiermonnikoog", "Terschelling", "Vlieland"]

    def test_read_only(self) -> None:
        """The tables are read-only mappings."""
        table = data.brede_spuk_awards(2025)
        with pytest.raises(TypeError, match=r"'AwardTable' object does not support item"):
            table["Zutphen"] = Money(1)  # type: ignore[index]

    def test_cached(self) -> None:
        """The same table object is returned each time."""
        assert data.brede_spuk_awards(2025) is data.brede_spuk_awards(2025)

    def test_source(self) -> None:
        """Each table cites the letter and the annex."""
        assert data.brede_spuk_awards(2025).source.endswith("annex 2A")
        assert data.spuk_iza_awards(2026).source.endswith("annex 2B")


class TestUnknown:
    """Unknown years and names say what is known."""

    @pytest.mark.parametrize("year", [2023, 2024, 2027, "2025", 2025.0, None, True])
    def test_unknown_year(self, year: object) -> None:
        """A year not in the tables lists the years."""
        with pytest.raises(UnknownNameError, match=r"years: 2025, 2026"):
            data.brede_spuk_awards(year)  # type: ignore[arg-type]
        with pytest.raises(FundingError, match=r"years: 2025, 2026"):
            data.spuk_iza_awards(year)  # type: ignore[arg-type]

    def test_unknown_municipality(self) -> None:
        """An unknown municipality suggests the closest names."""
        with pytest.raises(UnknownNameError, match="did you mean 'Zutphen'"):
            data.brede_spuk_awards(2025)["Zutfen"]

    def test_unknown_region(self) -> None:
        """The letter's spelling 'Midden-Ijssel' suggests 'Midden-IJssel'."""
        with pytest.raises(KeyError, match="did you mean 'Midden-IJssel'"):
            data.spuk_iza_awards(2025)["Midden-Ijssel"]

    def test_mapping_protocol(self) -> None:
        """`in` and `.get` behave as for any mapping."""
        table = data.spuk_iza_awards(2025)
        assert "Midden-IJssel" in table
        assert "Midden-Ijssel" not in table
        assert 2025 not in table  # type: ignore[comparison-overlap]
        assert table.get("Nowhere") is None

    def test_find(self) -> None:
        """find() ignores case and extra spaces."""
        assert data.spuk_iza_awards(2025).find("  midden-ijssel ") == "Midden-IJssel"
        with pytest.raises(UnknownNameError, match=r"'Midden' is not a region in the SPUK\-IZA table"):
            data.spuk_iza_awards(2025).find("Midden")


class TestRegions:
    """The regions with their mandated municipality and, from the seeds, members."""

    def test_all_regions(self) -> None:
        """42 regions, each with a mandated municipality."""
        regions = data.regions()
        assert len(regions) == 42
        assert list(regions) == list(data.spuk_iza_awards(2025))
        assert regions["Flevoland"].mandated.name == "Almere"
        assert regions["Apeldoorn/Zutphen"].mandated.name == "Apeldoorn"

    def test_midden_ijssel(self) -> None:
        """Midden-IJssel: Deventer (GM0150) and four members (seed 000)."""
        region = data.regions()["Midden-IJssel"]
        assert region.mandated.identifier == "GM0150"
        assert region.member_names() == ("Deventer", "Olst-Wijhe", "Raalte", "Voorst")

    def test_ijssel_vecht(self) -> None:
        """IJssel-Vecht: Zwolle and the inhabitants of seed 001's appendix."""
        region = data.regions()["IJssel-Vecht"]
        assert region.mandated.name == "Zwolle"
        counts = {m.name: m.inhabitants.count for m in region.members if m.inhabitants}
        assert sum(counts.values()) == 388_433
        assert all(
            m.inhabitants is not None and m.inhabitants.reference_date is None
            for m in region.members
        )

    def test_regions_without_members(self) -> None:
        """Regions the seeds do not describe have no members."""
        assert data.regions()["Achterhoek"].members == ()

    def test_unknown_region(self) -> None:
        """An unknown region suggests the closest names."""
        with pytest.raises(UnknownNameError, match="did you mean 'Flevoland'"):
            data.regions()["Flevolnd"]

    def test_mandated_not_a_municipality(self) -> None:
        """Twente's mandated party, SamenTwente, is not a municipality: reported."""
        found = [f for f in data.findings() if f.kind is FindingKind.INCONSISTENCY]
        assert len(found) == 1
        assert "SamenTwente" in found[0].message

    def test_mandated_are_municipalities(self) -> None:
        """All other mandated municipalities are among the 342."""
        names = set(data.municipalities())
        others = [r.mandated.name for r in data.regions().values() if r.mandated.name not in names]
        assert others == ["SamenTwente"]

"""
Tests of municipalities, regions and inhabitant counts with their reference date.

Sources: Memo SPUK IZA 2025, Samen Gezond IJssel-Vecht (December 2024), appendix
(seed 001: the inhabitants); Raadsmededeling 2023-918, Deventer (17 October 2023,
seed 000: Midden-IJssel's members and mandate); VWS letter of 12 September 2025,
annex 2B (mandated municipalities).
"""

from __future__ import annotations

from datetime import date

import pytest

from izafunding import (
    AllocationError,
    LargestRemainder,
    Money,
    RegionError,
    UnknownNameError,
    allocate,
)
from izafunding._core.regions import SEED_REGIONS, InhabitantCount, Member, Municipality, Region


def _region(name: str) -> Region:
    return next(r for r in SEED_REGIONS if r.name == name)


class TestMunicipality:
    """Municipalities by name and optional CBS code."""

    def test_identifier(self) -> None:
        """The CBS code identifies when known, else the name."""
        assert Municipality("Deventer", code="GM0150").identifier == "GM0150"
        assert Municipality("Raalte").identifier == "Raalte"

    @pytest.mark.parametrize("code", ["0150", "GM150", "gm0150", 150])
    def test_bad_code(self, code: object) -> None:
        """A code that is not GM + four digits is refused."""
        with pytest.raises(RegionError, match="GM0150"):
            Municipality("Deventer", code=code)  # type: ignore[arg-type]

    @pytest.mark.parametrize("name", ["", " ", None])
    def test_bad_name(self, name: object) -> None:
        """A municipality needs a name."""
        with pytest.raises(RegionError, match=r"'name' must be a non-empty name \(got "):
            Municipality(name)  # type: ignore[arg-type]

    def test_region_checks_its_parts(self) -> None:
        """A region takes a name for its mandated municipality and refuses non-members."""
        assert Region(name="X", mandated="Zwolle").mandated == Municipality("Zwolle")
        with pytest.raises(RegionError, match="Member values"):
            Region(name="X", mandated="Zwolle", members=[1])  # type: ignore[list-item]
        with pytest.raises(RegionError, match="mandated"):
            Region(name="X", mandated=5)  # type: ignore[arg-type]


class TestInhabitantCount:
    """A count carries its reference date (peildatum), which is not a rule's validity."""

    def test_reference_date(self) -> None:
        """The reference date is kept with the count."""
        count = InhabitantCount(count=100, reference_date=date(2024, 1, 1), source="CBS")
        assert count.reference_date == date(2024, 1, 1)

    @pytest.mark.parametrize("count", [-1, 1.5, True, "100"])
    def test_bad_count(self, count: object) -> None:
        """A count must be a non-negative int."""
        with pytest.raises(AllocationError, match=r"'count' must be a non\-negative int of inhabitants"):
            InhabitantCount(count=count, reference_date=None, source="x")  # type: ignore[arg-type]


class TestSeedRegions:
    """The regions of the seeds ship as built-in data."""

    def test_ijssel_vecht(self) -> None:
        """IJssel-Vecht: Zwolle mandated, eight members with seed 001's inhabitants."""
        region = _region("IJssel-Vecht")
        assert region.mandated.name == "Zwolle"
        assert len(region.members) == 8
        assert region.member("Ommen").inhabitants is not None
        assert sum(m.inhabitants.count for m in region.members if m.inhabitants) == 388433
        assert all(m.inhabitants and m.inhabitants.reference_date is None for m in region.members)

    def test_midden_ijssel(self) -> None:
        """Midden-IJssel: Deventer (GM0150) mandated, four members without counts."""
        region = _region("Midden-IJssel")
        assert region.member_names() == ("Deventer", "Olst-Wijhe", "Raalte", "Voorst")
        assert region.mandated.identifier == "GM0150"
        assert "27 June 2023" in region.source

    def test_keys(self) -> None:
        """A region gives an equal key and a key by inhabitants."""
        region = _region("IJssel-Vecht")
        alloc = allocate(Money(200000), region.equal_key(), rounding=LargestRemainder())
        assert alloc["Zwolle"] == Money(25000)
        by_inhabitants = allocate(
            Money(262000), region.inhabitants_key(), rounding=LargestRemainder(unit=Money(1))
        )
        assert by_inhabitants["Steenwijkerland"] == Money(30677)

    def test_no_counts(self) -> None:
        """A key by inhabitants needs every member's count."""
        with pytest.raises(AllocationError, match="no inhabitant count"):
            _region("Midden-IJssel").inhabitants_key()

    def test_no_members(self) -> None:
        """A region without members has no keys."""
        region = Region(name="Achterhoek", mandated=Municipality("Doetinchem"))
        with pytest.raises(AllocationError, match="no members"):
            region.equal_key()

    def test_unknown_member(self) -> None:
        """An unknown member lists the members."""
        with pytest.raises(UnknownNameError, match="members: Deventer"):
            _region("Midden-IJssel").member("Zwolle")

    def test_member_name(self) -> None:
        """A member's name is its municipality's."""
        assert Member(municipality=Municipality("Voorst")).name == "Voorst"

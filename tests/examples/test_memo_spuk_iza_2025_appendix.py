"""
Memo SPUK IZA 2025, Samen Gezond IJssel-Vecht (December 2024), appendix
"Verdeling kosten gemeenten zonder ZonMw subsidie en bij voortzetting alle
activiteiten" (seed 001).

The appendix splits the municipal part of the Q1 2025 costs over the eight
municipalities: € 200.000 equally, € 262.000 by inhabitants, and the ZonMw
offset of € 85.239 by inhabitants, each figure rounded half up to whole
euros. Its figures sum to € 261.999 and € 461.999, not to the € 262.000 and
€ 462.000 it states: the library reproduces the figures under the document's
rounding and reports the € 1 residue; under largest remainder the euro goes
to Steenwijkerland.
"""

from __future__ import annotations

import pytest

from izafunding import Composite, Equal, HalfUpEach, LargestRemainder, Money, ProRata, allocate


INHABITANTS = {
    "Dalfsen": 29683,
    "Hardenberg": 62260,
    "Kampen": 55070,
    "Ommen": 19035,
    "Staphorst": 17738,
    "Steenwijkerland": 45480,
    "Zwartewaterland": 23447,
    "Zwolle": 135720,
}
#: The appendix, per municipality: by inhabitants / total / ZonMw offset.
APPENDIX = {
    "Dalfsen": (20021, 45021, -6514),
    "Hardenberg": (41995, 66995, -13663),
    "Kampen": (37145, 62145, -12085),
    "Ommen": (12839, 37839, -4177),
    "Staphorst": (11964, 36964, -3892),
    "Steenwijkerland": (30676, 55676, -9980),
    "Zwartewaterland": (15815, 40815, -5145),
    "Zwolle": (91544, 116544, -29783),
}
DOCUMENT = HalfUpEach(unit=Money(1))
FAIR = LargestRemainder(unit=Money(1))


def test_inhabitants_total() -> None:
    """The eight municipalities have 388.433 inhabitants together."""
    assert sum(INHABITANTS.values()) == 388433


@pytest.mark.parametrize("name", sorted(APPENDIX))
def test_by_inhabitants_column(name: str) -> None:
    """Each figure of the column 'Verdeling obv inwoners € 262.000' is reproduced to the euro."""
    alloc = allocate(Money(262000), ProRata(INHABITANTS), rounding=DOCUMENT)
    assert alloc[name] == Money(APPENDIX[name][0])


def test_by_inhabitants_hidden_residue() -> None:
    """The column sums to € 261.999 against € 262.000: a € 1 residue the memo never mentions."""
    alloc = allocate(Money(262000), ProRata(INHABITANTS), rounding=DOCUMENT)
    assert alloc.total == Money(261999)
    assert alloc.target == Money(262000)
    assert alloc.residue == Money(1)
    assert "a residue of € 1,00" in alloc.explain()[-1]


def test_largest_remainder_assigns_the_euro_to_steenwijkerland() -> None:
    """Under largest remainder the parts sum to € 262.000; Steenwijkerland gets € 30.677."""
    alloc = allocate(Money(262000), ProRata(INHABITANTS), rounding=FAIR)
    assert alloc.total == Money(262000)
    assert alloc.residue == Money(0)
    assert alloc["Steenwijkerland"] == Money(30677)
    assert alloc.extra_units("Steenwijkerland") == 1
    others = {n: m for n, m in alloc.items() if n != "Steenwijkerland"}
    assert others == {n: Money(v[0]) for n, v in APPENDIX.items() if n != "Steenwijkerland"}


def test_equal_column() -> None:
    """The column 'Gelijke verdeling € 200.000' is € 25.000 each."""
    alloc = allocate(Money(200000), Equal(list(INHABITANTS)), rounding=DOCUMENT)
    assert set(alloc.values()) == {Money(25000)}
    assert alloc.residue == Money(0)


@pytest.mark.parametrize("name", sorted(APPENDIX))
def test_total_column(name: str) -> None:
    """Each 'Totaal' figure is reproduced by one composite key rounded once."""
    key = Composite.from_amounts(
        [(Money(200000), Equal(list(INHABITANTS))), (Money(262000), ProRata(INHABITANTS))]
    )
    alloc = allocate(Money(462000), key, rounding=DOCUMENT)
    assert alloc[name] == Money(APPENDIX[name][1])


def test_total_column_residue() -> None:
    """The 'Totaal' column sums to € 461.999 against € 462.000."""
    key = Composite.from_amounts(
        [(Money(200000), Equal(list(INHABITANTS))), (Money(262000), ProRata(INHABITANTS))]
    )
    alloc = allocate(Money(462000), key, rounding=DOCUMENT)
    assert (alloc.total, alloc.residue) == (Money(461999), Money(1))
    fair = allocate(Money(462000), key, rounding=FAIR)
    assert (fair.total, fair["Steenwijkerland"]) == (Money(462000), Money(55677))


@pytest.mark.parametrize("name", sorted(APPENDIX))
def test_zonmw_column(name: str) -> None:
    """Each 'Tegemoetkoming ZonMw' figure is the -€ 85.239 a quarter by inhabitants."""
    alloc = allocate(Money.parse("-€ 85.239"), ProRata(INHABITANTS), rounding=DOCUMENT)
    assert alloc[name] == Money(APPENDIX[name][2])


def test_zonmw_column_sums() -> None:
    """The ZonMw column does sum to -€ 85.239: no residue there."""
    alloc = allocate(Money(-85239), ProRata(INHABITANTS), rounding=DOCUMENT)
    assert alloc.total == Money(-85239)
    assert alloc.residue == Money(0)

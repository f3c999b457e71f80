"""
IJssel-Vecht, memo SPUK IZA 2025: the Q1 2025 cost split over the eight
municipalities (seed 001).

Source: Memo SPUK IZA 2025, Samen Gezond IJssel-Vecht (December 2024),
section 3 and the appendix "Verdeling kosten gemeenten zonder ZonMw subsidie
en bij voortzetting alle activiteiten".

>>> appendix = inhabitants_split(HalfUpEach(unit=Money(1)))
>>> appendix["Steenwijkerland"], appendix.total, appendix.residue
(Money('30676.00'), Money('261999.00'), Money('1.00'))
>>> inhabitants_split(LargestRemainder(unit=Money(1)))["Steenwijkerland"]
Money('30677.00')
"""

from __future__ import annotations

from .. import _regions
from .._allocation import (
    Allocation,
    Composite,
    HalfUpEach,
    LargestRemainder,
    Rounding,
    allocate,
)
from .._money import Money
from ..errors import UnknownNameError
from . import Example


__all__ = [
    "EXAMPLE",
    "INHABITANTS_PART",
    "LOCAL_EFFORT",
    "MUNICIPAL_PART",
    "ZONMW_QUARTER",
    "inhabitants_split",
    "municipal_split",
    "region",
    "render",
    "zonmw_split",
]

SOURCE = "Memo SPUK IZA 2025, Samen Gezond IJssel-Vecht (December 2024)"

#: Local effort of the municipalities in Q1 2025, split equally (section 3).
LOCAL_EFFORT = Money(200000)
#: The rest of the municipal part, split by inhabitants (appendix).
INHABITANTS_PART = Money(262000)
#: The municipal part of the Q1 2025 costs (section 3, table).
MUNICIPAL_PART = Money(462000)
#: The expected ZonMw subsidy per quarter, distributed by inhabitants.
ZONMW_QUARTER = Money(85239)


def region() -> _regions.Region:
    """The IJssel-Vecht region with the memo's inhabitant counts."""
    for r in _regions.SEED_REGIONS:
        if r.name == "IJssel-Vecht":
            return r
    msg = "IJssel-Vecht is missing from the built-in regions"  # pragma: no cover
    raise UnknownNameError(msg)  # pragma: no cover


def inhabitants_split(rounding: Rounding) -> Allocation:
    """The € 262.000 split by inhabitants (appendix, third column)."""
    return allocate(INHABITANTS_PART, region().inhabitants_key(), rounding=rounding)


def municipal_split(rounding: Rounding) -> Allocation:
    """
    The municipal € 462.000: € 200.000 equally and € 262.000 by inhabitants,
    rounded once (appendix, column "Totaal").
    """
    r = region()
    key = Composite.from_amounts(
        [(LOCAL_EFFORT, r.equal_key()), (INHABITANTS_PART, r.inhabitants_key())]
    )
    return allocate(MUNICIPAL_PART, key, rounding=rounding)


def zonmw_split(rounding: Rounding) -> Allocation:
    """The ZonMw offset of € 85.239 a quarter by inhabitants (appendix, last column)."""
    return allocate(-ZONMW_QUARTER, region().inhabitants_key(), rounding=rounding)


def _table(rounding: Rounding) -> list[str]:
    equal = allocate(LOCAL_EFFORT, region().equal_key(), rounding=rounding)
    by_inhabitants = inhabitants_split(rounding)
    total = municipal_split(rounding)
    zonmw = zonmw_split(rounding)
    head = f"{'':<16}{'inhabitants':>12}{'equal':>14}{'by inhabitants':>16}{'total':>14}{'ZonMw':>12}"
    lines = [head]
    for member in region().members:
        name = member.name
        count = member.inhabitants.count if member.inhabitants else 0
        lines.append(
            f"{name:<16}{count:>12,}".replace(",", ".")
            + f"{equal[name]:>14whole}{by_inhabitants[name]:>16whole}"
            f"{total[name]:>14whole}{zonmw[name]:>12whole}"
        )
    lines.append(
        f"{'sum of parts':<28}{equal.total:>14whole}{by_inhabitants.total:>16whole}"
        f"{total.total:>14whole}{zonmw.total:>12whole}"
    )
    lines.append(
        f"{'to divide':<28}{equal.target:>14whole}{by_inhabitants.target:>16whole}"
        f"{total.target:>14whole}{zonmw.target:>12whole}"
    )
    lines.append(
        f"{'residue':<28}{equal.residue:>14whole}{by_inhabitants.residue:>16whole}"
        f"{total.residue:>14whole}{zonmw.residue:>12whole}"
    )
    return lines


def render() -> str:
    """The appendix under the document's rounding and under largest remainder."""
    doc = HalfUpEach(unit=Money(1))
    fair = LargestRemainder(unit=Money(1))
    lines = [
        "IJssel-Vecht, Q1 2025: the municipal part split over the eight municipalities",
        f"Source: {SOURCE}, appendix.",
        "",
        "As the memo rounds (each figure half up to whole euros):",
        *_table(doc),
        "",
        "The memo states totals of € 262.000 and € 462.000, but its own figures add up",
        f"to {inhabitants_split(doc).total:whole} and {municipal_split(doc).total:whole}:"
        " a residue of € 1 the memo does not mention.",
        "",
        "With largest remainder (the parts always add up to the total):",
        *_table(fair),
        "",
        "How each part by inhabitants was computed (memo's rounding):",
        *inhabitants_split(doc).explain(),
    ]
    return "\n".join(lines)


EXAMPLE = Example(
    name="ijssel-vecht-2025q1",
    title="IJssel-Vecht Q1 2025: the municipal share by inhabitants, and the hidden € 1",
    source=SOURCE,
    render=render,
)

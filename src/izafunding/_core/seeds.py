"""
The regions the seed documents describe, as plain rows: name, mandated municipality and its CBS
code, the members (name, CBS code, inhabitants) with their source, and the region's source.
:data:`izafunding._core.regions.SEED_REGIONS` builds the ``Region`` values from them; kept free of
the value objects so that the award command's quick path can tell a seed region's member without
loading attrs.
"""

from __future__ import annotations

from typing import Final


__all__ = ["SEED_REGION_ROWS", "SeedRow"]

#: (name, mandated, mandated's CBS code, ((member, CBS code, inhabitants), ...), the members'
#: source, the region's source).
SeedRow = tuple[str, str, str | None, tuple[tuple[str, str | None, int | None], ...], str, str]

_SEED_001 = (
    "Memo SPUK IZA 2025, Samen Gezond IJssel-Vecht (December 2024), appendix "
    "'Verdeling kosten gemeenten'; the memo does not state the reference date"
)
_SEED_000 = "Raadsmededeling 2023-918 SPUK-IZA 2023, Deventer (17 October 2023)"
_FLEVOLAND = "Regioplan IZA Flevoland 2023 (secondary source); no inhabitant counts"
_ZAANSTREEK = (
    "launch of the IZA regioplan Zaanstreek Waterland (Sigra; secondary source); "
    "no inhabitant counts"
)

SEED_REGION_ROWS: Final[tuple[SeedRow, ...]] = (
    (
        "IJssel-Vecht",
        "Zwolle",
        None,
        (
            ("Dalfsen", None, 29683),
            ("Hardenberg", None, 62260),
            ("Kampen", None, 55070),
            ("Ommen", None, 19035),
            ("Staphorst", None, 17738),
            ("Steenwijkerland", None, 45480),
            ("Zwartewaterland", None, 23447),
            ("Zwolle", None, 135720),
        ),
        _SEED_001,
        _SEED_001 + "; mandated municipality from the VWS letter of 12 September 2025",
    ),
    (
        "Midden-IJssel",
        "Deventer",
        "GM0150",
        (
            ("Deventer", "GM0150", None),
            ("Olst-Wijhe", None, None),
            ("Raalte", None, None),
            ("Voorst", None, None),
        ),
        _SEED_000,
        _SEED_000 + " (mandate by college decision of 27 June 2023)",
    ),
    # Two regions whose members a secondary source names (shared/data/README.md).
    (
        "Flevoland",
        "Almere",
        None,
        tuple((n, None, None) for n in ("Almere", "Dronten", "Lelystad", "Noordoostpolder", "Urk")),
        _FLEVOLAND,
        _FLEVOLAND,
    ),
    (
        "Zaanstreek Waterland",
        "Purmerend",
        None,
        tuple(
            (n, None, None)
            for n in (
                "Purmerend",
                "Zaanstad",
                "Landsmeer",
                "Edam-Volendam",
                "Wormerland",
                "Oostzaan",
                "Waterland",
            )
        ),
        _ZAANSTREEK,
        _ZAANSTREEK,
    ),
)

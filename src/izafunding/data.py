"""
The national figures, built in: every municipality's Brede SPUK (SPUK GALA)
amount and every region's SPUK-IZA amount and mandated municipality, for 2025
and 2026.

Source: letter of the Ministry of VWS to all municipalities, "Wijziging SPUK
IZA en Brede SPUK", 12 September 2025, ref. 4190863-1084972-DMO, annexes 2A
(per municipality) and 2B (per region). Whole euros, as published. The tables
ship inside the package and are read lazily, without network access.

>>> from izafunding import data
>>> data.brede_spuk_awards(2025)["Zutphen"]
Money('880962.00')
>>> data.spuk_iza_awards(2025)["IJssel-Vecht"]
Money('3023765.00')
>>> data.regions()["Midden-IJssel"].mandated.name
'Deventer'
>>> data.spuk_iza_awards(2024)
Traceback (most recent call last):
...
izafunding.errors.UnknownNameError: the SPUK-IZA table has no year 2024 (years: 2025, 2026)
"""

from __future__ import annotations

from ._schemes.azwa_lines import azwa_estimate, azwa_estimates, azwa_line, azwa_lines
from ._schemes.municipalities import (
    closest_names,
    municipalities,
    municipality,
    region_of,
    regions,
)

# Public as izafunding.data.resolve_municipality, though not in __all__.
from ._schemes.municipalities import (
    resolve_municipality as resolve_municipality,
)
from ._schemes.national import (
    AwardTable,
    brede_spuk_awards,
    findings,
    read_award_table,
    spuk_iza_awards,
)
from ._schemes.national_rows import SOURCE, YEARS


__all__ = [
    "SOURCE",
    "YEARS",
    "AwardTable",
    "azwa_estimate",
    "azwa_estimates",
    "azwa_line",
    "azwa_lines",
    "brede_spuk_awards",
    "closest_names",
    "findings",
    "municipalities",
    "municipality",
    "read_award_table",
    "region_of",
    "regions",
    "spuk_iza_awards",
]

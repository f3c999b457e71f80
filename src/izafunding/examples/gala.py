"""
GALA 2022-2026: the local budget table of the council session on IZA and
GALA (seed 003), checked, next to the dated rules of SPUK GALA.

Source: Raadsessie "IZA - GALA - bijbehorende middelen" (18 April 2023),
slides "Financiële mogelijkheden" and the budget table "Aanvraag Brede SPUK".

The table's 2023-2026 totals are the sums of its two themes; its 2022 total
(€ 710.000) is € 72.000 more than the two themes (€ 419.000 + € 219.000 =
€ 638.000), which the document does not explain. The library reproduces
every figure and reports the gap.

>>> TABLE.total(2023), TABLE.total(2022)
(Money('1059000.00'), Money('638000.00'))
>>> [(f.year, f.amount) for f in TABLE.findings()]
[(2022, Money('72000.00'))]
"""

from __future__ import annotations

from typing import Final

from .._core.money import Money
from .._schemes.budget_table import BudgetLine, BudgetTable
from ..schemes import SPUK_GALA
from . import Example


__all__ = ["EXAMPLE", "SOURCE", "STATED_TOTALS", "TABLE", "render"]

SOURCE: Final = (
    "Raadsessie 'IZA - GALA - bijbehorende middelen' (18 April 2023), budget table "
    "'Aanvraag Brede SPUK'"
)

_YEARS = (2022, 2023, 2024, 2025, 2026)

#: "Totaal Lokaal" as the table states it.
STATED_TOTALS: Final = dict(
    zip(_YEARS, map(Money, (710000, 1059000, 764000, 860000, 747000)), strict=True)
)

TABLE: Final = BudgetTable(
    title="Local budget 2022-2026 (Brede SPUK), council session 18 April 2023",
    lines=(
        BudgetLine(
            label="Sport en Gezondheid",
            amounts=dict(
                zip(_YEARS, map(Money, (419000, 626000, 550000, 550000, 474000)), strict=True)
            ),
        ),
        BudgetLine(
            label="Welzijn & Sociale Basis",
            amounts=dict(
                zip(_YEARS, map(Money, (219000, 433000, 214000, 310000, 273000)), strict=True)
            ),
        ),
    ),
    stated_totals=STATED_TOTALS,
    total_label="Totaal Lokaal",
    source=SOURCE,
)
"""The seed's table: two themes and the stated local total per year."""


def render() -> str:
    """The budget table with its finding, then the dated GALA rules."""
    return "\n".join(
        [
            TABLE.render(),
            "",
            "The rules of SPUK GALA, year by year ('open': a parameter with a documented default):",
            SPUK_GALA.rules_markdown(),
            "",
            "Sources of the rules:",
            *(f"- {source}" for source in SPUK_GALA.sources()),
        ]
    )


EXAMPLE: Final = Example(
    name="gala-2022-2026",
    title="GALA 2022-2026: the local budget table, its € 72.000 gap, and the dated GALA rules",
    source=SOURCE,
    render=render,
)

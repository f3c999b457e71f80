"""
Midden-IJssel, SPUK-IZA 2023: the spending plan of the four municipalities
(seed 000), checked against the award, and settled.

Source: Raadsmededeling 2023-918 "Voorstel inzet regionale middelen tbv
SPUK-IZA 2023", gemeente Deventer (17 October 2023), with its appendix
"Voorstel besteding SPUK-IZA 2023".

The text twice says the region receives at most € 1.438.963 a year; the
appendix's table says "Beschikbaar bedrag € 1.438.964" and computes the
remaining room from it (€ 143.664). The published 2025 award (VWS letter of
12 September 2025, annex 2B) confirms € 1.438.963, so the library uses the
text's figure and reports the table's € 1 as a finding.

>>> PLAN.subtotal(REGIONAL), PLAN.subtotal(MUNICIPAL), PLAN.total, PLAN.remaining
(Money('655000.00'), Money('640300.00'), Money('1295300.00'), Money('143663.00'))
>>> [f.amount for f in PLAN.findings(GRANT)]
[Money('1.00'), Money('1.00')]
"""

from __future__ import annotations

from typing import Final

from .._core.money import Money
from .._schemes.grants import Grant
from .._schemes.settlement import Settlement
from .._schemes.spending_plan import PlanLine, SpendingPlan, StatedFigure, StatedKind
from ..schemes import SPUK_IZA
from . import Example


__all__ = [
    "BUDGET",
    "CRITERIA",
    "EXAMPLE",
    "GRANT",
    "MUNICIPAL",
    "PLAN",
    "REGIONAL",
    "SOURCE",
    "render",
    "settlement",
]

SOURCE: Final = (
    "Raadsmededeling 2023-918 'Voorstel inzet regionale middelen tbv SPUK-IZA 2023', "
    "gemeente Deventer (17 October 2023), appendix 'Voorstel besteding SPUK-IZA 2023'"
)

#: The maximum a year, as the text states it twice ("maximaal € 1.438.963,-").
BUDGET: Final = Money(1438963)

REGIONAL: Final = "Gezamenlijke regionale taken"
MUNICIPAL: Final = "Voorstellen van gemeenten"

#: The criteria of the appendix (the regional board's starting points).
CRITERIA: Final = (
    (
        "a",
        "extra costs of regional tasks following from the IZA and the existing cooperation "
        "with Salland Zorgverzekeraar",
    ),
    (
        "b",
        "existing plans executable in 2023 that strengthen the social base or healthier "
        "living and need a one-off investment without other budget",
    ),
    (
        "c",
        "proposals closely related to the regional transformation process Ecosysteem "
        "Mentale Gezondheid (GEM)",
    ),
)

_ALL = "Alle gemeenten"

# (number, description, owner, criterion, euros or None for p.m.)
# The appendix puts criterion (a) next to the regional tasks; for the municipal
# proposals it names the relation per line: (c) where the line names GEM, else (b).
_REGIONAL_LINES = (
    (1, "Ondersteuning regionale samenwerking", _ALL, 40000),
    (2, "Opstellen Plan van aanpak/governance SPUK-IZA", _ALL, 10000),
    (3, "Beheer en verantwoording SPUK-IZA", _ALL, 7500),
    (4, "Coördinatiekosten coalitie Gezondheid!", _ALL, 45000),
    (5, "Coördinatiekosten coalitie Ouderen", _ALL, 15000),
    (6, "Uitvoeringskosten gemeenten als gevolg van IZA (€ 75.000 per gemeente)", _ALL, 300000),
    (7, "Opstellen regioplan", _ALL, 75000),
    (8, "Projectleider ketensamenwerking Kansrijke Start", _ALL, 7500),
    (9, "Trekkerschap ketensamenwerking Kind naar Gezond Gewicht", _ALL, 10000),
    (10, "Projectleider ketensamenwerking valpreventie ouderen", _ALL, 7500),
    (11, "Projectleider ketensamenwerking Welzijn op recept", _ALL, 7500),
    (12, "Opleidingsbudget sociaal domein/samenwerking zorg", _ALL, 130000),
)
_MUNICIPAL_LINES = (
    (13, "Jongerencafé's & herstelcursussen Vriendendiensten", "Deventer", "c", 40000),
    (14, "Uitbreiding cliëntondersteuning Vriendendiensten", "Deventer", "c", 40000),
    (15, "Structureel maken Lifestyle change", "Deventer", "c", 65000),
    (16, "Structureel maken Loop je lichter", "Deventer", "c", 60000),
    (17, "Investeringen in voorzieningen sociaal domein", "Deventer", "b", 60000),
    (18, "Structureel maken Beweegmakelaar", "Deventer", "b", 20000),
    (19, "Opleiding GLI voor combinatiefunctionarissen", "Deventer", "b", 16500),
    (20, "Upgraden sociale kaart", "Deventer", "b", 20000),
    (21, "Impuls armoedebestrijding", "Deventer", "b", 50000),
    (22, "Investeren in invoeringspraktijk sociaal domein", "Raalte", "b", 20000),
    (23, "Campagne positieve gezondheid", "Raalte", "b", 6200),
    (24, "Structureel maken aandacht voor gezonde voeding", "Voorst", "b", 10000),
    (25, "Uitvoering Plan versterking mentaal welzijn", "Voorst", "b", 25000),
    (26, "Verkleinen gezondheidsachterstanden", "Voorst", "b", 25000),
    (27, "Projectleider Ketenaanpak overgewicht kinderen", "Olst-Wijhe", "b", 25600),
    (28, "Welzijn op recept/leefstijlloket", "Olst-Wijhe", "b", 15000),
    (29, "Voorlichting jongeren psychische kwetsbaarheid", "Olst-Wijhe", "c", 20000),
    (30, "Impuls laaggeletterdheid", "Olst-Wijhe", "b", 25000),
    (31, "Proeftuin SPOC beweeg- en ontmoetingsplek", "Olst-Wijhe", "b", 67000),
    (32, "Gebiedsaanpak Boskamp", "Olst-Wijhe", "b", 30000),
    (33, "Overige voorstellen", _ALL, None, None),
)

PLAN: Final = SpendingPlan(
    title="Midden-IJssel: Voorstel besteding SPUK-IZA 2023",
    year=2023,
    budget=BUDGET,
    criteria=CRITERIA,
    budget_source="the text's maximum (stated twice; the published 2025 award confirms it)",
    lines=(
        *(
            PlanLine(
                number=n,
                description=d,
                owner=o,
                group=REGIONAL,
                criterion="a",
                amount=Money(a),
            )
            for n, d, o, a in _REGIONAL_LINES
        ),
        *(
            PlanLine(
                number=n,
                description=d,
                owner=o,
                group=MUNICIPAL,
                criterion=c,
                amount=None if a is None else Money(a),
                note="" if a is not None else "p.m.: proposals up to the available amount",
            )
            for n, d, o, c, a in _MUNICIPAL_LINES
        ),
    ),
    stated=(
        StatedFigure(
            kind=StatedKind.GROUP_SUBTOTAL,
            group=REGIONAL,
            amount=Money(655000),
            where="the table ('Subtotaal regionale taken')",
        ),
        StatedFigure(
            kind=StatedKind.GROUP_SUBTOTAL,
            group=MUNICIPAL,
            amount=Money(640300),
            where="the table ('Subtotaal voorstellen gemeenten')",
        ),
        StatedFigure(
            kind=StatedKind.TOTAL,
            amount=Money(1295300),
            where="the table ('Totaal regionale taken + voorstellen gemeenten')",
        ),
        StatedFigure(
            kind=StatedKind.TOTAL,
            amount=Money(1300000),
            rounded_to=Money(100000),
            where="the text ('een bedrag van € 1.300.000,- aan voorstellen')",
        ),
        StatedFigure(
            kind=StatedKind.BUDGET,
            amount=Money(1438963),
            where="the text ('maximaal € 1.438.963,-')",
        ),
        StatedFigure(
            kind=StatedKind.BUDGET,
            amount=Money(1438964),
            where="the table ('Beschikbaar bedrag')",
        ),
        StatedFigure(
            kind=StatedKind.REMAINING,
            amount=Money(143664),
            where="the table ('Nog niet benutte budgetruimte')",
        ),
    ),
    source=SOURCE,
)
"""The appendix's plan: 32 lines with an amount and one p.m. line."""

GRANT: Final = Grant(
    scheme=SPUK_IZA,
    recipient="Midden-IJssel",
    awarded={2023: BUDGET},
    applicant="Deventer",
    source=(
        f"{SOURCE} (maximum a year); confirmed by the 2025 award in the VWS letter of "
        f"12 September 2025, annex 2B"
    ),
)
"""The region's 2023 SPUK-IZA grant, applied for by Deventer as mandated municipality."""


def settlement() -> Settlement:
    """
    The settlement if exactly the plan is spent: the remaining room is
    repayable, since SPUK-IZA money may not move to the next year.

    >>> settlement().repayable
    Money('143663.00')
    """
    return GRANT.settle(spent={2023: PLAN.total})


def render() -> str:
    """The plan, its findings, and the settlement if exactly the plan is spent."""
    s = settlement()
    own = PLAN.findings()
    against_grant = PLAN.findings(GRANT)[len(own) :]
    return "\n".join(
        [
            PLAN.render(),
            "",
            "Subtotals by owner:",
            *(f"  {owner:<16}{amount:>14whole}" for owner, amount in PLAN.by_owner().items()),
            "",
            f"Against the grant ({GRANT.awarded_in(2023):whole} for 2023):",
            *([f"- {f}" for f in against_grant] or ["- the plan's budget equals the award"]),
            "",
            "If exactly the plan is spent in 2023:",
            s.render(),
        ]
    )


EXAMPLE: Final = Example(
    name="midden-ijssel-2023",
    title="Midden-IJssel SPUK-IZA 2023: the spending plan, its € 1 inconsistency, the settlement",
    source=SOURCE,
    render=render,
)

"""
The three schemes of the seeds as ready objects, composed from dated rules.

Each rule cites its source and the years in which it is in force; every
detail the public record leaves **open** is a rule parameter with its
documented default and an ``open_question`` that says so.

>>> from izafunding.schemes import SPUK_GALA, SPUK_IZA, SPUK_TRANSFORMATION
>>> [SPUK_GALA.rules_for(y).carry_over.share for y in SPUK_GALA.years]
[Fraction(1, 5), Fraction(0, 1), Fraction(1, 10), Fraction(0, 1)]
>>> SPUK_IZA.rules_for(2024).applicant.describe()
'one mandated municipality applies for the whole region'
>>> str(SPUK_TRANSFORMATION.period), str(SPUK_TRANSFORMATION.as_version("2024").period)
('2024-01-01 t/m 2028-12-31', '2024-01-01 t/m 2027-12-31')
"""

from __future__ import annotations

from fractions import Fraction
from typing import Final

from ._core.money import Money
from ._core.periods import Period
from ._schemes.azwa import AZWA_LETTER, WERKAGENDA
from ._schemes.rules import (
    Advance,
    Applicant,
    ApplicantKind,
    CapReading,
    CarryOver,
    Determination,
    DeterminationKind,
    GrantPeriod,
    NationalBudget,
    Rule,
    ShiftBase,
    Shifting,
    ShiftScope,
    Walls,
)
from ._schemes.scheme import Component, Scheme, YearRules
from .errors import UnknownNameError


__all__ = [
    "GALA_COMPONENTS",
    "SOURCES",
    "SPUK_AZWA",
    "SPUK_GALA",
    "SPUK_IZA",
    "SPUK_TRANSFORMATION",
    "Advance",
    "Applicant",
    "ApplicantKind",
    "CapReading",
    "CarryOver",
    "Component",
    "Determination",
    "DeterminationKind",
    "GrantPeriod",
    "NationalBudget",
    "Rule",
    "Scheme",
    "ShiftBase",
    "ShiftScope",
    "Shifting",
    "Walls",
    "YearRules",
    "by_name",
    "spuk_azwa",
]

# -- sources ------------------------------------------------------------------------------

REG_IZA: Final = (
    "Regeling specifieke uitkering IZA-doelen 2023-2026 (Stcrt. 2023, 19964, 7 July 2023)"
)
REG_GALA: Final = (
    "Regeling specifieke uitkering sport en bewegen, gezondheidsbevordering, "
    "cultuurparticipatie en de sociale basis 2023-2026 (Stcrt. 2023, 4245, 6 February 2023)"
)
REG_TRANSFORMATION: Final = (
    "Regeling specifieke uitkering transformatiemiddelen IZA (Stcrt. 2024, 17398, "
    "15 May 2024), since renamed 'IZA AZWA 2024-2028'"
)
VWS_LETTER: Final = (
    "VWS letter 'Wijziging SPUK IZA en Brede SPUK', 12 September 2025, ref. 4190863-1084972-DMO"
)
SEED_000: Final = "Raadsmededeling 2023-918 SPUK-IZA 2023, Deventer (17 October 2023)"
SEED_002: Final = "College proposal 'De Buurt als Ecosysteem', Zutphen (case 1047323)"
SEED_003: Final = (
    "Raadsessie 'IZA - GALA - bijbehorende middelen' (18 April 2023), slide "
    "'Financiële mogelijkheden'"
)

#: The documents the rules cite, by short name.
SOURCES: Final = {
    "REG_IZA": REG_IZA,
    "REG_GALA": REG_GALA,
    "REG_TRANSFORMATION": REG_TRANSFORMATION,
    "VWS_LETTER": VWS_LETTER,
    "SEED_000": SEED_000,
    "SEED_002": SEED_002,
    "SEED_003": SEED_003,
    "AZWA_LETTER": AZWA_LETTER,
}

# -- SPUK-IZA -------------------------------------------------------------------------------

_IZA_YEARS = range(2023, 2027)

SPUK_IZA: Final = Scheme(
    name="SPUK IZA",
    title="Regeling specifieke uitkering IZA-doelen 2023-2026",
    source=REG_IZA,
    periods=(GrantPeriod(period=Period.years_range(2023, 2026), version="2023", source=REG_IZA),),
    rules=(
        Applicant(
            kind=ApplicantKind.MANDATED_MUNICIPALITY,
            years=_IZA_YEARS,
            source=f"{REG_IZA}, annex 1 (mandated municipality per region); {SEED_000}",
        ),
        Walls(between_components=False, years=_IZA_YEARS, source=REG_IZA),
        Shifting(
            share=1,
            within=ShiftScope.ANY,
            years=_IZA_YEARS,
            source=f"{REG_IZA}: one amount per region, no components",
        ),
        CarryOver.none(
            years=2023,
            source=(
                f"{SEED_000} ('Niet uitgegeven middelen mogen niet mee overgaan naar komende jaren'); "
                "the VNG asked to lift the year limit for 2023 and the state secretary refused "
                "(Skipr, December 2023: the SPUK IZA 'kan niet worden meegenomen naar 2024')"
            ),
        ),
        CarryOver.none(
            years=range(2024, 2027),
            source=f"{SEED_000}; {REG_IZA}",
        ),
        Determination(
            kind=DeterminationKind.YEARLY,
            accounting="SiSa indicators H35/H35B by the mandated municipality, by 15 July of the next year",
            years=_IZA_YEARS,
            source=f"{REG_IZA}; {SEED_000}",
            open_question=(
                "whether the formal vaststelling is yearly or once after 2026; with no "
                "carry-over each year settles on its own (default: yearly)"
            ),
        ),
        Advance(
            share=1,
            schedule="paid in the year (2023 without application, by 30 September 2023)",
            years=_IZA_YEARS,
            source=REG_IZA,
            open_question="the instalments of the advance (default: 100% in the year)",
        ),
    ),
    budgets=(
        NationalBudget(
            amount=Money(150_000_000),
            years=range(2023, 2026),
            note="of which € 7 million to the BTW-compensatiefonds",
            source=REG_IZA,
        ),
        NationalBudget(
            amount=Money(161_000_000),
            years=2026,
            note="a 10% cut of € 14,1 million and € 25 million extra from the AZWA",
            source=VWS_LETTER,
        ),
    ),
)
"""
SPUK-IZA: one amount per region a year, applied for by the mandated
municipality; no carry-over (seed 000); yearly SiSa accounting.

>>> SPUK_IZA.rules_for(2023).carry_over.share, SPUK_IZA.rules_for(2023).carry_over.open_question
(Fraction(0, 1), None)
"""

# -- SPUK GALA (the "Brede SPUK") -------------------------------------------------------------

_SPORT = "Sport, bewegen en cultuur"
_HEALTH = "Gezondheid en sociale basis"
_SUPPORT = "Ondersteunende onderdelen"

#: The 15 components (*onderdelen*) in three main themes (regulation; seed 003).
GALA_COMPONENTS: Final = (
    Component(1, "Lokaal Sportakkoord", theme=_SPORT),
    Component(2, "Brede Regeling Combinatiefuncties", theme=_SPORT),
    Component(3, "Terugdringen gezondheidsachterstanden", theme=_HEALTH),
    Component(4, "Kansrijke Start", theme=_HEALTH),
    Component(5, "Mentale Gezondheid", theme=_HEALTH),
    Component(6, "Aanpak Overgewicht en obesitas", theme=_HEALTH),
    Component(7, "Valpreventie", theme=_HEALTH),
    Component(8, "Leefomgeving", theme=_HEALTH),
    Component(
        9,
        "Opgroeien in een Kansrijke Omgeving (OKO) & Vroegsignalering alcoholproblematiek",
        theme=_HEALTH,
    ),
    Component(10, "Versterken Sociale Basis", theme=_HEALTH),
    Component(11, "Mantelzorg", theme=_HEALTH),
    Component(12, "Eén tegen Eenzaamheid", theme=_HEALTH),
    Component(13, "Welzijn op recept", theme=_HEALTH),
    Component(14, "Versterking kennis- en adviesfunctie GGD", theme=_SUPPORT),
    Component(15, "Coördinatiekosten regionale aanpak preventie", theme=_SUPPORT),
)

_GALA_YEARS = range(2023, 2027)

SPUK_GALA: Final = Scheme(
    name="SPUK GALA",
    title=(
        "Regeling specifieke uitkering sport en bewegen, gezondheidsbevordering, "
        "cultuurparticipatie en de sociale basis 2023-2026 (Brede SPUK)"
    ),
    source=REG_GALA,
    periods=(GrantPeriod(period=Period.years_range(2023, 2026), version="2023", source=REG_GALA),),
    components=GALA_COMPONENTS,
    rules=(
        Applicant(kind=ApplicantKind.EACH_MUNICIPALITY, years=_GALA_YEARS, source=REG_GALA),
        Walls(
            between_components=True,
            years=(2023, 2024),
            source=f"{REG_GALA}; {SEED_003}",
        ),
        Walls(
            between_components=False,
            years=(2025, 2026),
            source=f"{VWS_LETTER} (one SiSa line instead of fifteen: ontschotting)",
        ),
        Shifting(
            share=Fraction(15, 100),
            within=ShiftScope.MAIN_THEME,
            base=ShiftBase.SOURCE_COMPONENT,
            years=2023,
            source=f"{SEED_003} ('15% schuiven binnen de hoofdthema's')",
            open_question=(
                "the base of the 15% is not stated (default: the award of the component "
                "the money leaves)"
            ),
        ),
        Shifting(
            share=Fraction(15, 100),
            within=ShiftScope.MAIN_THEME,
            base=ShiftBase.SOURCE_COMPONENT,
            years=2024,
            source=f"{SEED_003}; no later rule found",
            open_question="whether the 2023 shifting rule holds unchanged in 2024 (default: yes)",
        ),
        Shifting(
            share=1,
            within=ShiftScope.ANY,
            years=(2025, 2026),
            source=f"{VWS_LETTER}: the whole award may be spent on any component",
        ),
        CarryOver(
            share=Fraction(20, 100),
            per_component=True,
            years=2023,
            source=(
                f"{SEED_003} ('Maximaal 20% doorschuiven naar 2024'); per component as a "
                f"council paper confirms; a one-off because the scheme started late"
            ),
        ),
        CarryOver.none(
            years=2024,
            source=f"{REG_GALA}; no carry-over rule found for 2024",
            open_question="no rule for 2024 was found (default: none; unspent is repayable)",
        ),
        CarryOver(
            share=Fraction(10, 100),
            per_component=False,
            years=2025,
            source=f"{VWS_LETTER} (at most 10% of the 2025 award may be spent in 2026)",
        ),
        CarryOver.none(
            years=2026,
            source=f"{REG_GALA}: 2026 is the last year of the period",
        ),
        Determination(
            kind=DeterminationKind.FINAL,
            settled_in=2027,
            accounting="SiSa per component every year (one line from 2025)",
            years=_GALA_YEARS,
            source=f"{REG_GALA}; {VWS_LETTER}",
        ),
        Advance(
            share=1,
            schedule="paid in the year of the award",
            years=_GALA_YEARS,
            source=REG_GALA,
            open_question="the instalments of the advance (default: 100% in the year)",
        ),
    ),
    budgets=(
        NationalBudget(
            amount=Money(180_000_000),
            years=_GALA_YEARS,
            note=(
                "the new money only (seed 003); the whole scheme is about € 300 million a "
                "year: the published amounts are the authority"
            ),
            source=SEED_003,
        ),
    ),
)
"""
SPUK GALA, the "Brede SPUK": each municipality applies for itself; the
rules change year by year (domain.md §2): walls and limited shifting and
carry-over in 2023, no carry-over in 2024, one budget from 2025 with 10%
carry-over to 2026, and one final settlement in 2027.

>>> [SPUK_GALA.rules_for(y).has_walls for y in SPUK_GALA.years]
[True, True, False, False]
>>> SPUK_GALA.component("Kansrijke start")
Traceback (most recent call last):
...
izafunding.errors.UnknownNameError: SPUK GALA has no component 'Kansrijke start' (components: ...); did you mean 'Kansrijke Start', ...?
"""

# -- SPUK Transformatiemiddelen -----------------------------------------------------------

_TRANSFORMATION_YEARS = range(2024, 2029)

SPUK_TRANSFORMATION: Final = Scheme(
    name="SPUK Transformatiemiddelen",
    title="Regeling specifieke uitkering transformatiemiddelen IZA (IZA AZWA 2024-2028)",
    source=REG_TRANSFORMATION,
    periods=(
        GrantPeriod(
            period=Period.years_range(2024, 2027),
            version="2024",
            source=f"{REG_TRANSFORMATION}, first version; {SEED_002} (until 31 December 2027)",
        ),
        GrantPeriod(
            period=Period.years_range(2024, 2028),
            version="2026",
            source=f"{REG_TRANSFORMATION}, as amended (renamed 'IZA AZWA 2024-2028')",
        ),
    ),
    rules=(
        Applicant(
            kind=ApplicantKind.LEAD_MUNICIPALITY,
            years=_TRANSFORMATION_YEARS,
            source=f"{REG_TRANSFORMATION} (applications until 31 March 2027)",
        ),
        Walls(
            between_components=False,
            years=_TRANSFORMATION_YEARS,
            source=f"{REG_TRANSFORMATION}: one award, tied to milestones",
        ),
        Shifting(
            share=1,
            within=ShiftScope.ANY,
            years=_TRANSFORMATION_YEARS,
            source=REG_TRANSFORMATION,
        ),
        CarryOver(
            share=1,
            per_component=False,
            moves_again=True,
            years=range(2024, 2028),
            source=(
                f"{SEED_002} ('money not spent in one year may be spent at another moment "
                f"within the grant period')"
            ),
        ),
        CarryOver.none(
            years=2028,
            source=f"{REG_TRANSFORMATION}, as amended: 2028 is the last year of the period",
        ),
        Determination(
            kind=DeterminationKind.MILESTONES,
            accounting=(
                "SiSa: spending every year and, at the end, cumulative spending on "
                "milestones not reached"
            ),
            years=_TRANSFORMATION_YEARS,
            source=f"{REG_TRANSFORMATION}, art. 10",
            cap=CapReading.PER_MILESTONE,
            open_question=(
                "whether the cap of art. 10(3) applies per milestone or to the reached "
                "milestones together (default: per milestone)"
            ),
        ),
        Advance(
            share=1,
            schedule="in yearly instalments following the plan's budget per year",
            years=_TRANSFORMATION_YEARS,
            source=f"{REG_TRANSFORMATION}, art. 7",
        ),
    ),
    budgets=(
        NationalBudget(
            amount=Money(352_973_325),
            years=_TRANSFORMATION_YEARS,
            per_period=True,
            version="2026",
            note="the ceiling was raised twice; first come, first served",
            source=f"{REG_TRANSFORMATION}, 2026 version",
        ),
    ),
)
"""
SPUK Transformatiemiddelen: a 100% advance in yearly instalments, spending
may move between years within the period, vaststelling from the milestones
reached (built on top of this scheme by the milestones module). The grant
period is versioned: 2024-2027 in the first version (seed 002), 2024-2028
now.

>>> SPUK_TRANSFORMATION.rules_for(2028).determination.kind
<DeterminationKind.MILESTONES: 'set from the milestones reached: realised costs up to the amounts of reached milestones'>
>>> SPUK_TRANSFORMATION.as_version("2024").rules_for(2028)
Traceback (most recent call last):
...
izafunding.errors.SchemeError: SPUK Transformatiemiddelen has no rules for 2028: its grant period is 2024-01-01 t/m 2027-12-31 (2024-2027)
"""

# -- SPUK AZWA 2027-2029 (provisional) ------------------------------------------------------

_AZWA_YEARS = range(2027, 2030)

_AZWA_LINE_NOTES: Final = (
    ("local", (231, 278, 321), "local part: to each municipality (key vooralsnog that of the Brede SPUK)"),
    ("regional", (194, 235, 169), "regional part: to each region's mandated municipality (key vooralsnog that of the SPUK-IZA)"),
    ("ggd_knowledge_and_coordination", (3, 3, 4), "knowledge and coordination role of the GGD: paid directly to the 25 GGDs, not to municipalities"),
    ("nplv_areas", (15, 21, 25), "to the NPLV areas: paid to the municipalities of those areas, not to the mandated municipality"),
    ("healthy_school", (8, 10, 13), "(mental) healthy school: to the GGD GHOR Nederland subsidy, not to municipalities"),
)


def spuk_azwa(
    *, carry_over: int | Fraction = 0, carry_over_source: str | None = None
) -> Scheme:
    """
    The SPUK AZWA 2027-2029 as the letter of 22 April 2026 describes it,
    **provisional**, with *carry_over* (the share of a year's award that may
    be spent in the next year; the letter does not say: **open**, default
    none) as a parameter.

    >>> spuk_azwa(carry_over=Fraction(1, 10)).rules_for(2027).carry_over.describe()
    "at most 10% of the year's award may be spent in the next year"

    Raises:
        SchemeError: *carry_over* is not a share from 0 to 1.
    """
    if carry_over == 0:
        carry = CarryOver.none(
            years=(2027, 2028),
            source=AZWA_LETTER,
            open_question=(
                "the letter does not say whether unspent money may be spent in a later year "
                "(default: none; spuk_azwa(carry_over=...) makes a variant)"
            ),
        )
    else:
        carry = CarryOver(
            share=carry_over,
            per_component=False,
            years=(2027, 2028),
            source=carry_over_source or f"assumed by the user; not in the {AZWA_LETTER}",
        )
    return Scheme(
        name="SPUK AZWA",
        title="Specifieke uitkering AZWA 2027-2029 (announced; regulation not yet published)",
        source=AZWA_LETTER,
        periods=(
            GrantPeriod(period=Period.years_range(2027, 2029), version="letter 2026-04-22", source=AZWA_LETTER),
        ),
        provisional=True,
        rules=(
            Applicant(
                kind=ApplicantKind.NO_APPLICATION,
                years=_AZWA_YEARS,
                source=f"{AZWA_LETTER}: paid 'ambtshalve' locally and regionally (the SPUK-IZA construct)",
            ),
            Walls(
                between_components=False,
                years=_AZWA_YEARS,
                source=f"{AZWA_LETTER}: 'ontschot', one budget without walls between themes",
            ),
            Shifting(share=1, within=ShiftScope.ANY, years=_AZWA_YEARS, source=f"{AZWA_LETTER}: one budget"),
            carry,
            CarryOver.none(years=2029, source=f"{AZWA_LETTER}: 2029 is the last year of the period"),
            Determination(
                kind=DeterminationKind.YEARLY,
                accounting="SiSa: yearly, one line, the total spent",
                years=_AZWA_YEARS,
                source=AZWA_LETTER,
                open_question="how and when the amount is finally set is not in the letter (default: yearly)",
            ),
            Advance(
                share=1,
                schedule=(
                    "paid without application once the college-approved regional werkagenda "
                    f"reaches VWS; adopted by {WERKAGENDA.adopted_by:%d-%m-%Y}, payment can come "
                    f"in {WERKAGENDA.early_payment_year} already"
                ),
                years=_AZWA_YEARS,
                source=AZWA_LETTER,
                open_question="the instalments of the payment (default: 100% in the year)",
            ),
        ),
        budgets=tuple(
            NationalBudget(
                amount=Money(millions * 1_000_000),
                years=year,
                version="letter 2026-04-22",
                note=f"line '{name}', {note}",
                source=f"{AZWA_LETTER}, section 4",
            )
            for name, amounts, note in _AZWA_LINE_NOTES
            for year, millions in zip(_AZWA_YEARS, amounts, strict=True)
        ),
    )


SPUK_AZWA: Final = spuk_azwa()
"""
SPUK AZWA 2027-2029, the successor of the SPUK-IZA and the Brede SPUK:
**provisional** (VWS letter to the VNG, 22 April 2026, kenmerk
1097348-DMO): one budget without walls, paid without application locally
to each municipality and regionally to each region's mandated
municipality once the regional werkagenda reaches VWS (a werkagenda
adopted by 15 November 2026 lets the Rijk pay in 2026), SiSa one line a
year, carry-over open (default none).

>>> SPUK_AZWA.provisional, SPUK_AZWA.label
(True, 'SPUK AZWA (provisional: not yet a published regulation)')
>>> SPUK_AZWA.rules_for(2027).applicant.describe()
"no application (ambtshalve): each municipality receives its local part, each region's mandated municipality the regional part"
"""


_ALL: Final = (SPUK_IZA, SPUK_GALA, SPUK_TRANSFORMATION, SPUK_AZWA)
_ALIASES: Final = {
    "spuk iza": SPUK_IZA,
    "spuk-iza": SPUK_IZA,
    "spuk_iza": SPUK_IZA,
    "iza": SPUK_IZA,
    "spuk gala": SPUK_GALA,
    "spuk-gala": SPUK_GALA,
    "spuk_gala": SPUK_GALA,
    "gala": SPUK_GALA,
    "brede spuk": SPUK_GALA,
    "spuk transformatiemiddelen": SPUK_TRANSFORMATION,
    "spuk_transformation": SPUK_TRANSFORMATION,
    "transformatiemiddelen": SPUK_TRANSFORMATION,
    "transformation": SPUK_TRANSFORMATION,
    "spuk azwa": SPUK_AZWA,
    "spuk-azwa": SPUK_AZWA,
    "spuk_azwa": SPUK_AZWA,
    "azwa": SPUK_AZWA,
}


def by_name(name: str) -> Scheme:
    """
    The ready scheme called *name* ("SPUK IZA", "SPUK-GALA", "Brede SPUK",
    "SPUK_TRANSFORMATION", ...; case does not matter).

    >>> by_name("brede spuk").name
    'SPUK GALA'

    Raises:
        UnknownNameError: No scheme has that name; the message lists them.
    """
    key = " ".join(str(name).strip().lower().split())
    if key in _ALIASES:
        return _ALIASES[key]
    msg = f"no scheme called {name!r} (schemes: {', '.join(s.name for s in _ALL)})"
    raise UnknownNameError(msg)

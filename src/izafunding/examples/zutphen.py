"""
Zutphen, 'De Buurt als Ecosysteem': the milestones of the social-domain
budget, who bears which repayment risk, and the risk section (seed 002).

Source: Collegevoorstel 'Aanvraag SPUK voor IZA-plan Buurt als Ecosysteem',
gemeente Zutphen, zaaknummer 1047323 (2025): Beoogd effect ("ruim
€ 340.000"), Kanttekeningen 2.1 (the milestone rule, the risk split
€ 69.701 / € 272.139 and the mitigation), Uitvoering (the subsidy to
Stichting Perspectief, costs of 2024 in book year 2025) and Financiële
consequenties (€ 341.840 over 2024-2027 and the budget per year).

**The individual milestones are not public.** The document's annex 2
(*Mijlpalenoverzicht De Zuidwijken Zutphen*) is not part of the published
proposal, so :func:`schedule` is built from the document's totals, and every
one of them holds: € 341.840 in all; 2024 € 34.851, 2025 € 167.587, 2026
€ 121.977, 2027 € 17.425; result milestones € 69.701 (Sensire), effort
milestones € 272.139 (Zutphen). The split into milestones is ours: the
document's figures have 2026 + 2027 = € 139.402 = 2 × € 69.701, so we tie
half of each of the last two years' budget to a result milestone and the
rest, and all of 2024 and 2025, to effort milestones. Milestone 2 includes
the signing of the declaration of intent, as the document says (4.1). The
chances used for the risk profile are illustrative assumptions, not the
document's: it gives none.

>>> s = schedule()
>>> s.total, s.exposure()
(Money('341840.00'), {'Zutphen': Money('272139.00'), 'Sensire': Money('69701.00')})
>>> s.by_year()[2025]
Money('167587.00')
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Final

from .._core.money import Money
from .._core.periods import Period
from .._render.formats import percent_fixed
from .._transformation.grant import LateAccounting, PassThrough, TransformationGrant
from .._transformation.milestones import (
    SEED_002,
    CommonFactor,
    Milestone,
    MilestoneKind,
    Probabilities,
)
from .._transformation.risk import DEFAULT_LEVELS, RiskProfile
from .._transformation.schedule import MilestoneSchedule
from ..schemes import SPUK_TRANSFORMATION
from . import Example


__all__ = [
    "AREA",
    "BUDGET",
    "CARE_PROVIDER",
    "EFFORT_MILESTONES",
    "EXAMPLE",
    "MUNICIPALITY",
    "PARTNER",
    "PERIOD",
    "RESULT_MILESTONES",
    "STATED_ROUGHLY",
    "TOTAL",
    "assumed_chances",
    "common_factor",
    "grant",
    "render",
    "risk",
    "schedule",
]

SOURCE: Final = SEED_002

#: The municipality that applies and bears the effort milestones.
MUNICIPALITY: Final = "Zutphen"
#: The care provider that bears all result milestones (Kanttekeningen 2.1).
CARE_PROVIDER: Final = "Sensire"
#: The executing organisation that receives the money as a yearly subsidy.
PARTNER: Final = "Stichting Perspectief"
#: The participating neighbourhood in Zutphen.
AREA: Final = "Zuidwijken"
#: The plan runs 2024 t/m 2027 (Financiële consequenties; Kanttekeningen 3.1).
PERIOD: Final = Period.years_range(2024, 2027)

#: "€ 341.840 begroot voor het sociaal domein voor de periode 2024-2027".
TOTAL: Final = Money(341840)
#: "Het budget per jaar bedraagt" (Financiële consequenties).
BUDGET: Final = {
    2024: Money(34851),
    2025: Money(167587),
    2026: Money(121977),
    2027: Money(17425),
}
#: Sensire bears the result milestones, "in totaal € 69.701,-".
RESULT_MILESTONES: Final = Money(69701)
#: The municipality bears the effort milestones, "in totaal € 272.139".
EFFORT_MILESTONES: Final = Money(272139)
#: "ruim € 340.000,-" (Beoogd effect): the text's round figure for € 341.840.
STATED_ROUGHLY: Final = Money(340000)


def schedule(areas: tuple[str, ...] = (AREA,)) -> MilestoneSchedule:
    """
    The plan's milestone schedule, built from the document's totals (see the
    module docstring: the annex with the individual milestones is not
    public).

    *areas* are the participating neighbourhoods in which each milestone must
    be reached; the Zutphen proposal names only the Zuidwijken, but the
    national plan runs in more neighbourhoods, and the plan's rule (reached in
    all of them) makes each one count.
    """
    half_2026 = Money("60988.50")  # 1/2 of € 121.977
    half_2027 = Money("8712.50")  # 1/2 of € 17.425

    def effort(name: str, amount: Money, year: int, description: str) -> Milestone:
        return Milestone(
            name=name,
            kind=MilestoneKind.EFFORT,
            amount=amount,
            due=date(year, 12, 31),
            areas=areas,
            bearer=MUNICIPALITY,
            description=description,
        )

    def result(name: str, amount: Money, year: int, description: str) -> Milestone:
        return Milestone(
            name=name,
            kind=MilestoneKind.RESULT,
            amount=amount,
            due=date(year, 12, 31),
            areas=areas,
            bearer=CARE_PROVIDER,
            description=description,
        )

    return MilestoneSchedule(
        [
            effort("M1", Money(34851), 2024, "preparation: kartrekkers and the neighbourhood plan"),
            effort(
                "M2",
                Money(167587),
                2025,
                "declaration of intent signed by all participating municipalities; plan under way",
            ),
            effort("M3", half_2026, 2026, "social-domain effort 2026"),
            result("R1", half_2026, 2026, "results 2026"),
            effort("M4", half_2027, 2027, "social-domain effort 2027"),
            result("R2", half_2027, 2027, "results 2027: less use of district nursing and GP care"),
        ],
        plan="De Buurt als Ecosysteem, Zuidwijken (social-domain budget)",
        period=PERIOD,
        budget=BUDGET,
        bearers={MUNICIPALITY: EFFORT_MILESTONES, CARE_PROVIDER: RESULT_MILESTONES},
    )


def grant() -> TransformationGrant:
    """
    The SPUK transformatiemiddelen grant for the plan: the budget per year as
    yearly advances, passed on as a yearly subsidy to Stichting Perspectief,
    with the costs of 2024 accounted in book year 2025. The scheme is the
    version the document describes (money usable "tot en met 2027").

    >>> dict(grant().advances)
    {2024: Money('34851.00'), 2025: Money('167587.00'), 2026: Money('121977.00'), 2027: Money('17425.00')}
    """
    return TransformationGrant(
        schedule=schedule(),
        recipient=MUNICIPALITY,
        scheme=SPUK_TRANSFORMATION.as_version("2024"),
        pass_through=PassThrough(partner=PARTNER),
        late_accounting=[LateAccounting(cost_year=2024, book_year=2025)],
        source=SOURCE,
    )


def assumed_chances() -> dict[str | tuple[str, str], Fraction]:
    """
    Illustrative chances that each milestone is reached (the document gives
    none): high for the early effort milestones, lower for the results.
    """
    return {
        "M1": Fraction(19, 20),
        "M2": Fraction(9, 10),
        "M3": Fraction(4, 5),
        "M4": Fraction(4, 5),
        "R1": Fraction(3, 5),
        "R2": Fraction(1, 2),
    }


def common_factor() -> CommonFactor:
    """
    An illustrative common factor: the national programme goes as planned
    (weight 3/4, the assumed chances) or meets a setback that lowers every
    chance (weight 1/4).
    """
    good = assumed_chances()
    setback = {k: p * Fraction(1, 2) for k, p in good.items()}
    return CommonFactor(
        {
            "programme as planned": (Fraction(3, 4), good),
            "national setback": (Fraction(1, 4), setback),
        }
    )


def risk(chances: Probabilities | CommonFactor | None = None) -> RiskProfile:
    """The repayment risk per bearer under *chances* (default: :func:`assumed_chances`)."""
    return schedule().risk(assumed_chances() if chances is None else chances)


def _distribution_table(profile: RiskProfile) -> list[str]:
    lines = [f"{'bearer':<10}{'repayment':>16}{'probability':>14}{'P(≤ amount)':>14}"]
    for bearer, r in profile.items():
        for row in r.to_rows():
            p = row["probability"]
            c = row["cumulative"]
            assert isinstance(p, Fraction)
            assert isinstance(c, Fraction)
            lines.append(
                f"{bearer:<10}{Money(row['amount'])!s:>16}"  # type: ignore[arg-type]
                f"{percent_fixed(p):>14}{percent_fixed(c):>14}"
            )
    return lines


def render() -> str:
    """The schedule, the checks against the document, exposure, risk and mitigation."""
    s = schedule()
    profile = risk()
    lines = [
        "Zutphen, 'De Buurt als Ecosysteem': milestones and repayment risk",
        f"Source: {SOURCE}.",
        "The individual milestones (annex 2) are not public: the schedule below is built",
        "from the document's totals, which all hold.",
        "",
        *s.explain(),
        "",
        f"Total {s.total} = € 341.840 in the document ('ruim € 340.000' in its text).",
        "",
        "Exposure (worst case: every milestone missed, all money spent):",
        *(f"  {b}: {m}" for b, m in s.exposure().items()),
        "",
        "Risk section (risicoparagraaf), with illustrative chances (the document gives none):",
        *profile.explain(DEFAULT_LEVELS),
        "",
        "The exact distribution of the repayment per bearer:",
        *_distribution_table(profile),
        "",
        "With a common factor (a national setback with probability 1/4 halves every chance):",
        *risk(common_factor()).explain(DEFAULT_LEVELS),
        "",
        "Mitigation (seed 002): withhold spending on milestones judged less achievable:",
        *s.mitigate(assumed_chances(), below=Fraction(3, 5)).explain(),
        "",
        "The grant: advances per year (100%, art. 7), passed on to Stichting Perspectief:",
        *(f"  {year}: {amount}" for year, amount in grant().advances.items()),
        "",
        "Settlement if R2 is missed in the Zuidwijken and everything else is reached, with",
        "Perspectief's 2024 costs (€ 20.000, prefinanced by Sensire) accounted in 2025 and",
        "the rest spent later than budgeted:",
        *grant()
        .settle(
            reached={n: (AREA,) for n in s.names if n != "R2"},
            costs={2024: Money(20000), 2025: Money(150000), 2026: Money(150000), 2027: Money(21840)},
        )
        .explain(),
    ]
    return "\n".join(lines)


EXAMPLE = Example(
    name="zutphen-buurt-als-ecosysteem",
    title="Zutphen, 'De Buurt als Ecosysteem': milestones, who bears the risk, exact risk profile",
    source=SOURCE,
    render=render,
)

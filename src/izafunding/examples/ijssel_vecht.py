"""
IJssel-Vecht, memo SPUK IZA 2025: what continuing until 1 April 2025 costs,
who pays which part, and the split over the eight municipalities (seed 001).

Source: Memo SPUK IZA 2025, Samen Gezond IJssel-Vecht (December 2024),
written after the VNG left the IZA on 29 November 2024: section 2 (the four
budget lines of the SPUK IZA), section 3 ("Verdeling kosten", the Q1 2025
scenario and its table, "Invloed op ZonMw-subsidie", "Verdeling resterende
SPUK IZA budget 2024"), section 4d (partners that do not pay), and the
appendix "Verdeling kosten gemeenten zonder ZonMw subsidie en bij
voortzetting alle activiteiten".

>>> memo = scenario()
>>> memo.total, memo.municipal_total, memo.partner_total
(Money('660000.00'), Money('462000.00'), Money('198000.00'))
>>> appendix = inhabitants_split(HalfUpEach(unit=Money(1)))
>>> appendix["Steenwijkerland"], appendix.total, appendix.residue
(Money('30676.00'), Money('261999.00'), Money('1.00'))
>>> inhabitants_split(LargestRemainder(unit=Money(1)))["Steenwijkerland"]
Money('30677.00')
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from .. import data
from .._core import regions as _regions
from .._core.allocation import Allocation
from .._core.findings import Finding, FindingKind
from .._core.money import Money
from .._core.periods import Period
from .._core.rounding import HalfUpEach, LargestRemainder, Rounding, allocate
from .._scenarios.base import MUNICIPALITIES, MemberSplit
from .._scenarios.compare import compare, side_by_side
from .._scenarios.inputs import CostLine, Offset, PartnerShortfall, Reduction
from .._scenarios.scenario import Scenario
from ..errors import UnknownNameError
from . import Example


__all__ = [
    "DOCUMENT_ROUNDING",
    "EXAMPLE",
    "INHABITANTS_PART",
    "LINES",
    "LOCAL_EFFORT",
    "MUNICIPAL_PART",
    "PARTNERS",
    "PLANNED_ANNUAL",
    "Q1_2025",
    "REMAINING_2024",
    "ZONMW",
    "ZONMW_QUARTER",
    "alternatives",
    "findings",
    "inhabitants_split",
    "municipal_split",
    "real_award",
    "region",
    "render",
    "scenario",
    "zonmw_split",
]

SOURCE = "Memo SPUK IZA 2025, Samen Gezond IJssel-Vecht (December 2024)"

#: The period of the memo's scenario: continue until 1-4-2025 (section 3).
Q1_2025: Final = Period.quarter(2025, 1)
#: The memo's rounding: each figure rounded half up to whole euros (appendix).
DOCUMENT_ROUNDING: Final = HalfUpEach(unit=Money(1))
#: The memo's name for the partners ("Partners SGIJV", section 3, table).
PARTNERS: Final = "partners"

#: The SPUK IZA a year as the memo plans it: "€3 miljoen per jaar" (section 3),
#: a rounded planning figure; the award is € 3.023.765 (see :func:`real_award`).
PLANNED_ANNUAL: Final = Money(3000000)
#: Local effort of the municipalities in Q1 2025, split equally (section 3).
LOCAL_EFFORT: Final = Money(200000)
#: The rest of the municipal part, split by inhabitants (appendix).
INHABITANTS_PART: Final = Money(262000)
#: The municipal part of the Q1 2025 costs (section 3, table).
MUNICIPAL_PART: Final = Money(462000)
#: The expected ZonMw subsidy per quarter, distributed by inhabitants
#: ("ongeveer €85.239 per kwartaal", section 3, "Invloed op ZonMw-subsidie").
ZONMW_QUARTER: Final = Money(85239)
#: SPUK IZA 2024 money left at the end of 2024 and paid to the municipalities
#: (section 3, "Verdeling resterende SPUK IZA budget 2024"); context only, it
#: is not part of the Q1 2025 costs.
REMAINING_2024: Final = Money(358603)


def _shares(municipal: str) -> dict[str, Decimal]:
    share = Decimal(municipal)
    return {MUNICIPALITIES: share, PARTNERS: 1 - share}


_SECTION_2 = f"{SOURCE}, section 2 'Huidige afspraken SPUK IZA'"
_SECTION_3 = f"{SOURCE}, section 3 'Verdeling kosten' and its table"

#: The four budget lines of the SPUK IZA for IJssel-Vecht (section 2) with
#: the Q1 2025 savings and the cost sharing of section 3.
LINES: Final = (
    CostLine(
        name="Organisatie netwerk",
        annual=Money(600000),
        shares=_shares("0.5"),
        split=MemberSplit.INHABITANTS,
        source=f"{_SECTION_2}; {_SECTION_3}: 50% municipalities, 50% partners",
    ),
    CostLine(
        name="Coördinatiekosten",
        annual=Money(800000),
        reductions=(
            Reduction(
                amount=Money(50000),
                reason="contribution to the chain approaches (ketenaanpakken) suspended",
                source=f"{SOURCE}, section 3, 'Coördinatiekosten'",
            ),
        ),
        shares=_shares("0.5"),
        split=MemberSplit.INHABITANTS,
        source=f"{_SECTION_2}; {_SECTION_3}: 50% municipalities, 50% partners",
    ),
    CostLine(
        name="Lokale inzet gemeenten",
        annual=Money(800000),
        shares=_shares("1"),
        split=MemberSplit.EQUAL,
        source=(
            f"{_SECTION_2}; {_SECTION_3}: 100% municipalities; split equally "
            f"('de lokale inzet gemeenten gelijkelijk verdeeld')"
        ),
    ),
    CostLine(
        name="Uitvoer regioplan",
        annual=Money(800000),
        reductions=(
            Reduction(
                amount=Money(40000),
                reason="no new activities of the coalitions in the first quarter",
                source=f"{SOURCE}, section 3, 'Uitvoer regioplan'",
            ),
        ),
        shares=_shares("0.7"),
        split=MemberSplit.INHABITANTS,
        source=f"{_SECTION_2}; {_SECTION_3}: 70% municipalities, 30% partners",
    ),
)

#: The ZonMw subsidy as an offset for Q1 2025, by inhabitants (appendix).
ZONMW: Final = Offset(
    name="ZonMw",
    amount=ZONMW_QUARTER,
    split=MemberSplit.INHABITANTS,
    source=f"{SOURCE}, section 3 'Invloed op ZonMw-subsidie' and appendix",
)


def region() -> _regions.Region:
    """The IJssel-Vecht region with the memo's inhabitant counts."""
    for r in _regions.SEED_REGIONS:
        if r.name == "IJssel-Vecht":
            return r
    msg = "IJssel-Vecht is missing from the built-in regions"  # pragma: no cover
    raise UnknownNameError(msg)  # pragma: no cover


def scenario(rounding: Rounding = DOCUMENT_ROUNDING) -> Scenario:
    """
    The memo's scenario: continue until 1 April 2025, the four lines with
    their savings, shared with the partners, the municipal part split
    (local effort equally, the rest by inhabitants) under *rounding* (by
    default the memo's), with the ZonMw offset beside it.

    >>> scenario().member("Dalfsen").pays
    Money('45021.00')
    >>> scenario(LargestRemainder(unit=Money(1))).member("Steenwijkerland").pays
    Money('55677.00')
    """
    return Scenario(
        name="IJssel-Vecht, continue until 1-4-2025 (memo)",
        period=Q1_2025,
        lines=LINES,
        members=region(),
        rounding=rounding,
        offsets=(ZONMW,),
        source=SOURCE,
    )


def real_award(rounding: Rounding = DOCUMENT_ROUNDING) -> Scenario:
    """
    The memo's scenario on the region's real SPUK-IZA award, € 3.023.765 a
    year (:mod:`izafunding.data`), instead of the memo's rounded € 3.000.000.

    How the award maps onto the four lines: their annual amounts are scaled
    in proportion (6 : 8 : 8 : 8), split exactly by largest remainder in
    cents so they add up to the award; each is then prorated to Q1 as
    before, so the quarter is € 755.941,25. The savings (€ 50.000 and
    € 40.000) are stated in euros and stay; the shares and splits stay.

    >>> real = real_award()
    >>> real.prorated_total, real.total
    (Money('755941.25'), Money('665941.25'))
    """
    award = data.spuk_iza_awards(2025)["IJssel-Vecht"]
    return scenario(rounding).scaled_to_award(
        award,
        source=f"izafunding.data.spuk_iza_awards(2025); {data.SOURCE}",
        name=f"IJssel-Vecht, continue until 1-4-2025, on the real award of {award:whole} a year",
    )


def alternatives(rounding: Rounding = DOCUMENT_ROUNDING) -> dict[str, Scenario]:
    """
    The memo's scenario and its alternatives, by short label: the two the
    memo names in section 4d (partners do not pay, and the municipalities
    either make up the difference or keep their percentages so the work is
    halved) and the real award.

    >>> {label: s.municipal_total for label, s in alternatives().items()}
    {'memo': Money('462000.00'), 'municipalities make up': Money('660000.00'), 'work halved': Money('462000.00'), 'real award': Money('466079.66')}
    """
    memo = scenario(rounding)
    return {
        "memo": memo,
        "municipalities make up": memo.without_partners(
            shortfall=PartnerShortfall.MUNICIPALITIES_PAY,
            name="IJssel-Vecht Q1 2025: partners do not pay, the municipalities make up the difference",
        ),
        "work halved": memo.without_partners(
            shortfall=PartnerShortfall.KEEP_PERCENTAGES,
            name=(
                "IJssel-Vecht Q1 2025: partners do not pay, the municipalities keep their "
                "percentages (less regioplan, functions halved)"
            ),
        ),
        "real award": real_award(rounding),
    }


def inhabitants_split(rounding: Rounding) -> Allocation:
    """The € 262.000 split by inhabitants (appendix, third column)."""
    return dict(scenario(rounding).columns())["by inhabitants"]


def municipal_split(rounding: Rounding) -> Allocation:
    """
    The municipal € 462.000: € 200.000 equally and € 262.000 by inhabitants,
    rounded once (appendix, column "Totaal").
    """
    return scenario(rounding).municipal_split


def zonmw_split(rounding: Rounding) -> Allocation:
    """The ZonMw offset of € 85.239 a quarter by inhabitants (appendix, last column)."""
    return allocate(-ZONMW_QUARTER, region().inhabitants_key(), rounding=rounding)


def findings() -> tuple[Finding, ...]:
    """
    The memo's hidden euro: its appendix rounds each municipality's share
    half-up to whole euros, so the column by inhabitants adds up to
    € 261.999 and the totals to € 461.999, against the stated € 262.000 and
    € 462.000 (appendix "Verdeling kosten gemeenten zonder ZonMw subsidie en
    bij voortzetting alle activiteiten").

    >>> [(f.kind.value, f.amount) for f in findings()]
    [('residue', Money('1.00')), ('residue', Money('1.00'))]
    >>> print(findings()[0].message)
    the appendix's column by inhabitants adds up to € 261.999, not the stated € 262.000: each share is rounded half-up to whole euros, leaving € 1 unallocated
    """
    out = []
    for what, split in (
        ("column by inhabitants", inhabitants_split(DOCUMENT_ROUNDING)),
        ("column of totals", municipal_split(DOCUMENT_ROUNDING)),
    ):
        if not split.residue.is_zero():
            out.append(
                Finding(
                    kind=FindingKind.RESIDUE,
                    message=(
                        f"the appendix's {what} adds up to {split.total:whole}, not the stated "
                        f"{split.target:whole}: each share is rounded half-up to whole euros, "
                        f"leaving {split.residue:whole} unallocated"
                    ),
                    source=f"{SOURCE}, appendix",
                    amount=split.residue,
                )
            )
    return tuple(out)


def render() -> str:
    """The memo's tables, the hidden residue, and the alternatives side by side."""
    memo = scenario()
    fair = scenario(LargestRemainder(unit=Money(1)))
    document = inhabitants_split(DOCUMENT_ROUNDING)
    options = alternatives()
    real = options["real award"]
    lines = [
        "IJssel-Vecht, Q1 2025: what continuing costs, who pays, and the split over the",
        "eight municipalities",
        "",
        "As the memo computes it (each figure rounded half up to whole euros):",
        "",
        memo.render(),
        "",
        f"The hidden residue: the memo states totals of {document.target:whole} and "
        f"{memo.municipal_split.target:whole}, but its own",
        f"figures add up to {document.total:whole} and {memo.municipal_split.total:whole}: "
        f"{memo.residue:whole} the memo does not mention.",
        "",
        "With largest remainder (the parts always add up; the euro goes to the largest remainder):",
        "",
        fair.render_members(),
        "",
        "The alternatives side by side (memo's rounding):",
        *[f"  {label}: {s.name}" for label, s in options.items()],
        "",
        side_by_side(list(options.items())),
        "",
        f"The real award: the memo plans {PLANNED_ANNUAL:whole} a year "
        f"({memo.prorated_total:whole} for Q1); the award is "
        f"{real.annual_total:whole} ({real.prorated_total} for Q1).",
        "Its four lines are scaled in proportion to the memo's (largest remainder in cents);",
        "the savings stay in euros. What changes against the memo:",
        "",
        compare(memo, real).render(only_differences=True),
        "",
        f"For context (not in the Q1 costs): {REMAINING_2024:whole} of SPUK IZA 2024 money",
        "was paid to the municipalities at the end of 2024.",
        "",
        "How Dalfsen's figures were computed (memo's rounding):",
        *memo.member("Dalfsen").explain(),
    ]
    return "\n".join(lines)


EXAMPLE = Example(
    name="ijssel-vecht-2025q1",
    title="IJssel-Vecht Q1 2025: costs, cost sharing, the split by inhabitants, the hidden € 1",
    source=SOURCE,
    render=render,
)

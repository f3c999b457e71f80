"""
Midden-IJssel, SPUK-IZA 2023, end to end: the plan's owners turned into
transfers to the members, a realised spending per member, the settlement
with the Rijk and between the members, and the SiSa rows (H35, H35B).

Source: Raadsmededeling 2023-918 (seed 000). The transfers follow the
plan's owners: Raalte, Voorst and Olst-Wijhe receive their proposals plus
the € 75.000 each of line 6 ("€ 75.000 per gemeente"); Deventer, the
mandated municipality, keeps the rest of the plan for itself (the other
regional tasks and its own proposals). The **realised spending is chosen
for the example**; it is not in the document.

>>> dict(TRANSFERRED)
{'Raalte': Money('101200.00'), 'Voorst': Money('135000.00'), 'Olst-Wijhe': Money('257600.00'), 'Deventer': Money('801500.00')}
>>> s = settlement()
>>> s.repayable, dict(s.members(2023).make_up())
(Money('180163.00'), {'never allocated': Money('143663.00'), 'returned by the members': Money('15000.00'), "Deventer's own part": Money('21500.00')})
"""

from __future__ import annotations

from typing import Final

from .._core.keys import Equal
from .._core.money import Money
from .._schemes.members import RegionAgreement
from .._schemes.settlement import Settlement
from .._schemes.sisa import SisaReport
from . import Example
from .midden_ijssel import GRANT, PLAN, SOURCE


__all__ = [
    "EXAMPLE",
    "MANDATED",
    "SPENT",
    "TRANSFERRED",
    "render",
    "settlement",
    "settlement_by_key",
    "sisa",
]

MANDATED: Final = "Deventer"
_LINE_6: Final = Money(75000)  # "Uitvoeringskosten gemeenten als gevolg van IZA (€ 75.000 per gemeente)"
_OTHERS: Final = ("Raalte", "Voorst", "Olst-Wijhe")


def _transfers() -> dict[str, Money]:
    owners = PLAN.by_owner()
    out = {m: owners[m] + _LINE_6 for m in _OTHERS}
    # Deventer keeps the rest of the plan: the total less what is passed on.
    out[MANDATED] = PLAN.total - sum(out.values(), Money(0))
    return out


#: What Deventer passes on (and, under its own name, keeps for its own part of the plan).
TRANSFERRED: Final = _transfers()

#: The realised spending, chosen for the example (not in the document).
SPENT: Final = {
    "Deventer": Money(780000),
    "Raalte": Money(101200),
    "Voorst": Money(120000),
    "Olst-Wijhe": Money(260000),
}


def settlement() -> Settlement:
    """The settlement with the members' accounting (overspend stays the member's own money)."""
    return GRANT.settle(spent={2023: SPENT}, transferred={2023: TRANSFERRED})


def settlement_by_key() -> Settlement:
    """
    The same, had the region agreed to share the repayment of the allocated
    money equally (the document agrees nothing on it).

    >>> {m: a.returned for m, a in settlement_by_key().members(2023).items()}
    {'Deventer': Money('9125.00'), 'Raalte': Money('9125.00'), 'Voorst': Money('9125.00'), 'Olst-Wijhe': Money('9125.00')}
    """
    key = Equal([MANDATED, *_OTHERS])
    return GRANT.settle(
        spent={2023: SPENT},
        transferred={2023: TRANSFERRED},
        agreement=RegionAgreement(
            repayment_key=key, source="an alternative for the example: shared equally"
        ),
    )


def sisa() -> SisaReport:
    """
    The SiSa rows of 2023: H35 for the region and the mandated
    municipality's own spending, H35B one row per member that received money.

    >>> [(r.code, r.municipality, r.value) for r in sisa().rows]
    [('H35', None, Money('1258800.00')), ('H35', 'Deventer', Money('780000.00')), ('H35B', 'Raalte', Money('101200.00')), ('H35B', 'Voorst', Money('120000.00')), ('H35B', 'Olst-Wijhe', Money('257600.00'))]
    """
    return settlement().sisa(2023)


def render() -> str:
    """The transfers, the settlement between the members and with the Rijk, and the SiSa rows."""
    s = settlement()
    members = s.members(2023)
    by_key = settlement_by_key().members(2023)
    return "\n".join(
        [
            "Midden-IJssel SPUK-IZA 2023: the plan's owners as transfers "
            "(Raalte, Voorst, Olst-Wijhe: their proposals + € 75.000 of line 6; "
            "Deventer keeps the rest of the plan)",
            "The realised spending is chosen for the example; it is not in the document.",
            "",
            members.render(),
            "",
            s.render(),
            "",
            "Had the region agreed to share the repayment of the allocated money equally:",
            *by_key.explain()[1:],
            "",
            s.sisa(2023).render(),
        ]
    )


EXAMPLE: Final = Example(
    name="midden-ijssel-2023-sisa",
    title="Midden-IJssel SPUK-IZA 2023 end to end: transfers, members' accounting, SiSa rows",
    source=SOURCE,
    render=render,
)

"""
The national lines of the SPUK AZWA 2027-2029 (provisional) and the estimates of every
municipality's local part and every region's regional part. Public through :mod:`izafunding.data`.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from .._core import names as _names
from .._core.money import Money
from ..errors import AllocationError, UnknownNameError
from .municipalities import closest_names, municipalities, regions, resolve_municipality
from .national import AwardTable, brede_spuk_awards, spuk_iza_awards
from .national_rows import _read


if TYPE_CHECKING:
    from . import azwa as _azwa


__all__ = [
    "azwa_estimate",
    "azwa_estimates",
    "azwa_line",
    "azwa_lines",
]


_AZWA_FILE = "spuk_azwa_lines_2027_2029.csv"


@functools.cache
def _azwa_rows() -> tuple[tuple[str, str, tuple[int, ...]], ...]:
    from .azwa import AZWA_YEARS

    return tuple(
        (r["line"], r["recipient"], tuple(int(r[f"azwa_{y}"]) for y in AZWA_YEARS))
        for r in _read(_AZWA_FILE)
    )


def _check_azwa_year(year: object) -> int:
    from .azwa import AZWA_YEARS

    if isinstance(year, bool) or not isinstance(year, int) or year not in AZWA_YEARS:
        msg = (
            f"the SPUK AZWA has no year {year!r} (years: {', '.join(map(str, AZWA_YEARS))}; "
            f"before 2027 see brede_spuk_awards and spuk_iza_awards)"
        )
        raise UnknownNameError(msg)
    return year


@functools.cache
def _azwa_lines(year: int) -> AwardTable:
    from .azwa import AZWA_LETTER, AZWA_YEARS

    column = AZWA_YEARS.index(year)
    return AwardTable(
        title=f"SPUK AZWA national lines {year} (provisional)",
        year=year,
        kind="line",
        source=f"{AZWA_LETTER}, section 4",
        amounts={name: Money(amounts[column]) for name, _, amounts in _azwa_rows()},
    )


def azwa_lines(year: int) -> AwardTable:
    """
    The national lines of the SPUK AZWA in *year* (2027-2029), **provisional**:
    ``"local"`` (to every municipality), ``"regional"`` (to every region's
    mandated municipality), and three lines paid to named recipients, not to
    the municipality or the mandated municipality:
    ``"ggd_knowledge_and_coordination"`` (the 25 GGDs), ``"nplv_areas"`` (the
    municipalities of the NPLV areas) and ``"healthy_school"`` (GGD GHOR
    Nederland). See :func:`azwa_line` for each line's recipient.

    Source: VWS letter to the VNG of 22 April 2026, kenmerk 1097348-DMO, section 4.

    >>> lines = azwa_lines(2027)
    >>> lines["local"], lines["regional"], lines.total
    (Money('231000000.00'), Money('194000000.00'), Money('451000000.00'))

    Raises:
        UnknownNameError: No such year; the message lists 2027-2029.
    """
    return _azwa_lines(_check_azwa_year(year))


def azwa_line(name: str, year: int) -> _azwa.AzwaLine:
    """
    One national AZWA line with its recipient and, for the local and regional
    lines, the part it pays.

    >>> print(azwa_line("nplv_areas", 2028))
    SPUK AZWA 2028, nplv_areas: € 21.000.000 to the municipalities of the NPLV areas [provisional ...]
    >>> azwa_line("nplv_areas", 2028).paid_to_municipalities
    False

    Raises:
        UnknownNameError: No such line or year.
    """
    from .azwa import AzwaLine, AzwaPart

    table = azwa_lines(year)
    key = table.find(name)
    recipient = next(r for n, r, _ in _azwa_rows() if n == key)
    part = {"local": AzwaPart.LOCAL, "regional": AzwaPart.REGIONAL}.get(key)
    return AzwaLine(
        name=key, year=year, amount=table[key], recipient=recipient, part=part, source=table.source
    )


def _azwa_part(part: object) -> _azwa.AzwaPart:
    from .azwa import AzwaPart

    if isinstance(part, AzwaPart):
        return part
    for p in AzwaPart:
        if isinstance(part, str) and part.strip().lower() == p.value:
            return p
    msg = (
        f"part must be 'local' (each municipality) or 'regional' (each region) (got {part!r}); "
        f"the other AZWA lines are paid to named recipients and have no estimates"
    )
    raise UnknownNameError(msg)


@functools.cache
def _default_method(part: _azwa.AzwaPart, base_year: int) -> _azwa.EstimateMethod:
    from .azwa import AzwaPart, EstimateMethod

    if part is AzwaPart.LOCAL:
        table = brede_spuk_awards(base_year)
        what = f"in proportion to their {base_year} Brede SPUK amounts"
    else:
        table = spuk_iza_awards(base_year)
        what = f"in proportion to their {base_year} SPUK-IZA amounts"
    return EstimateMethod(description=what, weights=dict(table), source=table.source)


@functools.cache
def _default_estimates(year: int, part: _azwa.AzwaPart, base_year: int) -> _azwa.AzwaEstimates:
    from .azwa import estimate_part

    return estimate_part(azwa_line(part.value, year), _default_method(part, base_year))


def azwa_estimates(
    year: int,
    part: str = "local",
    *,
    published: Mapping[str, Money] | None = None,
    base_year: int = 2026,
    weights: Mapping[str, int | Decimal | Money] | None = None,
    weights_source: str = "weights given by the user",
) -> _azwa.AzwaEstimates:
    """
    **Estimates** (not awards) of every municipality's local part
    (*part* ``"local"``: 342) or every region's regional part (``"regional"``:
    42) of the SPUK AZWA in *year*: a read-only mapping name -> ``Money``.

    The method: the national line allocated over the recipients in proportion
    to their *base_year* amounts (the Brede SPUK for the local part, the
    SPUK-IZA for the regional part: the keys are "vooralsnog" those, but
    their weights are not public), by largest remainder in whole euros, so
    the estimates add up exactly to the line. *weights* (name -> weight, for
    exactly the recipients of the part) replaces the base. Where *published*
    (a table the user loaded with :func:`read_award_table`) has a name, its
    amount replaces the estimate.

    >>> est = azwa_estimates(2027)
    >>> len(est), est.total == azwa_lines(2027)["local"], est.residue
    (342, True, Money('0.00'))
    >>> azwa_estimates(2029, "regional")["Midden-IJssel"]
    Money('1701831.00')

    Raises:
        UnknownNameError: An unknown year, base year or part.
        AllocationError: *weights* do not name exactly the part's recipients.
    """
    from .azwa import AzwaPart, EstimateMethod, estimate_part

    year = _check_azwa_year(year)
    chosen = _azwa_part(part)
    if weights is None:
        if published is None:
            return _default_estimates(year, chosen, base_year)
        method = _default_method(chosen, base_year)
    else:
        method = EstimateMethod(
            description="in proportion to the weights given", weights=weights, source=weights_source
        )
        base = municipalities() if chosen is AzwaPart.LOCAL else tuple(regions())
        missing = sorted(set(base) - set(method.weights))
        unknown = sorted(set(method.weights) - set(base))
        if missing or unknown:
            what = "municipalities" if chosen is AzwaPart.LOCAL else "regions"
            msg = (
                f"weights must name exactly the {len(base)} {what} of the {chosen.value} part "
                f"(missing: {', '.join(missing[:5]) or 'none'}"
                + (" ..." if len(missing) > 5 else "")
                + f"; unknown: {', '.join(unknown[:5]) or 'none'}"
                + (" ..." if len(unknown) > 5 else "")
                + ")"
            )
            raise AllocationError(msg)
    return estimate_part(azwa_line(chosen.value, year), method, published)


def azwa_estimate(
    name: str,
    year: int,
    published: Mapping[str, Money] | None = None,
    *,
    part: str | None = None,
    base_year: int = 2026,
    weights: Mapping[str, int | Decimal | Money] | None = None,
) -> _azwa.AzwaEstimate:
    """
    The SPUK AZWA amount of one municipality (its local part) or one region
    (its regional part) in *year*: an **estimate** made as
    :func:`azwa_estimates` describes, or the published amount where the
    loaded table *published* has the name. A name that is both a
    municipality and a region (Amsterdam) is taken as the municipality
    unless *part* is ``"regional"``.

    >>> e = azwa_estimate("Zutphen", 2027)
    >>> e.amount, e.is_estimate
    (Money('655292.00'), True)
    >>> print(e.method)
    the national local line 2027 (€ 231.000.000) allocated over the 342 municipalities in proportion to their 2026 Brede SPUK amounts, by largest remainder in whole euros
    >>> from izafunding.data import read_award_table
    >>> table = read_award_table("name,amount\\nZutphen,€ 700.000\\n")
    >>> azwa_estimate("Zutphen", 2027, published=table).describe()
    "published (loaded table: a table loaded by the user); the scheme's rules are provisional ..."

    Raises:
        UnknownNameError: Neither a municipality nor a region (with
            suggestions), or an unknown year or part.
    """
    if part is None:
        wanted = " ".join(str(name).split()).lower()
        if any(m.lower() == wanted for m in municipalities()):
            part = "local"
        elif any(r.lower() == wanted for r in regions()):
            part = "regional"
        else:
            try:  # a code or a common name ("Den Bosch") of a municipality
                name = resolve_municipality(str(name)).name
            except UnknownNameError:
                known = [*municipalities(), *regions()]
                hint = _names.suggestion_hint(closest_names(str(name), known))
                msg = f"{name!r} is neither a municipality nor a SPUK-IZA region{hint}"
                raise UnknownNameError(msg) from None
            part = "local"
    estimates = azwa_estimates(
        year, part, published=published, base_year=base_year, weights=weights
    )
    return estimates.estimate(name)

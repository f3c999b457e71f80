"""
The text of ``izafunding award``: a municipality's or a region's published amounts from the
national tables. Kept apart from the grant file so that the command loads only the tables.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import UnknownNameError
from .award_text import quick_award_text, region_not_known_lines


# The tables and names load when a name needs them: a municipality as the table spells it is
# printed from the rows (award_text), without the value objects.
if TYPE_CHECKING:
    from .. import data
    from .._core.regions import Region


__all__ = ["render_award"]


def render_award(name: str, year: int | None = None) -> str:
    """
    A municipality's Brede SPUK (SPUK GALA) amounts, or a region's SPUK-IZA
    amounts and mandated municipality, from the national tables; a mandated
    municipality also shows its region.

    >>> print(render_award("Zutphen", 2025))
    Zutphen: Brede SPUK (SPUK GALA)
      2025  € 880.962
    Source: VWS letter 'Wijziging SPUK IZA en Brede SPUK', 12 September 2025, ref. 4190863-1084972-DMO, annex 2A
    <BLANKLINE>
    SPUK-IZA: the built-in data does not say which region Zutphen belongs to ...

    Raises:
        UnknownNameError: The name is neither a municipality nor a region (the
            message suggests the closest), or the year is not in the tables.
    """
    quick = quick_award_text(str(name), year)
    return quick if quick is not None else _general_text(name, year)


def _general_text(name: str, year: int | None) -> str:
    """:func:`render_award`'s text for any name, by the tables and the name look-ups."""
    from .. import data

    years: tuple[int, ...]
    if year is None:
        years = data.YEARS
    else:
        data.brede_spuk_awards(year)  # raises for a year not in the tables
        years = (year,)
    gala = data.brede_spuk_awards(years[0])
    iza = data.spuk_iza_awards(years[0])
    municipality, region, notes = _award_names(str(name), gala, iza)
    out: list[str] = [*notes]
    if municipality is not None:
        out.append(f"{municipality}: Brede SPUK (SPUK GALA)")
        out += [f"  {y}  {data.brede_spuk_awards(y)[municipality]:whole}" for y in years]
        mandated_for = [r.name for r in data.regions().values() if r.mandated.name == municipality]
        for r in mandated_for:
            if r != region:
                amounts = ", ".join(f"{y} {data.spuk_iza_awards(y)[r]:whole}" for y in years)
                out.append(f"Mandated municipality of the SPUK-IZA region {r} ({amounts})")
        out.append(f"Source: {gala.source}")
        out += _member_region_lines(municipality, region, mandated_for, years)
    if region is not None:
        if out:
            out.append("")
        info = data.regions()[region]
        out.append(f"{region}: SPUK-IZA region, mandated municipality {info.mandated.name}")
        out += [f"  {y}  {data.spuk_iza_awards(y)[region]:whole}" for y in years]
        if info.members:
            out.append(f"Members: {', '.join(info.member_names())} (source: {_members_source(info)})")
        else:
            out.append(
                "Members: not known to the built-in data (the sources here name the members "
                "of IJssel-Vecht, Midden-IJssel, Flevoland and Zaanstreek Waterland only)"
            )
        out.append(f"Source: {iza.source}")
    return "\n".join(out)


def award_tables(name: str, year: int | None = None) -> tuple[data.AwardTable, ...]:
    """
    The rows :func:`render_award` prints, as award tables (one per table and year) that export:
    the municipality's Brede SPUK amounts and, for a region, its SPUK-IZA amounts.

    >>> [(t.title, dict(t)) for t in award_tables("Zutphen", 2025)]
    [('Brede SPUK table 2025', {'Zutphen': Money('880962.00')})]
    """
    from .. import data

    years = data.YEARS if year is None else (year,)
    gala = data.brede_spuk_awards(years[0])
    iza = data.spuk_iza_awards(years[0])
    municipality, region, _ = _award_names(str(name), gala, iza)
    tables: list[data.AwardTable] = []
    if municipality is not None:
        tables += [data.brede_spuk_awards(y).only([municipality]) for y in years]
    if region is not None:
        tables += [data.spuk_iza_awards(y).only([region]) for y in years]
    return tuple(tables)


def _award_names(
    name: str, gala: data.AwardTable, iza: data.AwardTable
) -> tuple[str | None, str | None, list[str]]:
    """The municipality and the region *name* means, and the notes on how it was read."""
    from .. import data
    from .._core import names as _names
    from .._schemes.municipalities import find_municipality

    municipality = region = None
    notes: list[str] = []
    # Not resolve_municipality: a region's name is no municipality, and the suggestions of that
    # error would not be shown.
    found = find_municipality(name)
    if found is not None:
        municipality = found.name
        if found.note:
            notes.append(f"Name: {found.note}")
    # A region is matched by its name in another case or spelling only (no aliases): when the
    # name is a municipality, look for a region only if one has that name, which spares the
    # suggestions of a failed look-up.
    key = _names.name_key(name)
    if municipality is None or any(_names.name_key(r) == key for r in iza):
        try:
            found = iza.resolve(name)
            region = found.name
            if found.note and municipality is None:
                notes.append(f"Name: {found.note}")
        except UnknownNameError:
            pass
    if municipality is None and region is None:
        known = [*gala, *iza]
        hint = _names.suggestion_hint(data.closest_names(name, known))
        msg = (
            f"{name!r} is neither a municipality of the Brede SPUK table nor a region of "
            f"the SPUK-IZA table{hint}"
        )
        raise UnknownNameError(msg)
    return municipality, region, notes


def _member_region_lines(
    municipality: str, region: str | None, mandated_for: list[str], years: tuple[int, ...]
) -> list[str]:
    """The SPUK-IZA line of the region a municipality is a member of, or that it is not known."""
    from .. import data

    if region is not None or mandated_for:
        return []
    info = data.region_of(municipality)
    if info is None:
        return region_not_known_lines(municipality)
    return [
        "",
        f"{info.name}: SPUK-IZA region of {municipality}, mandated municipality "
        f"{info.mandated.name}",
        *[f"  {y}  {data.spuk_iza_awards(y)[info.name]:whole}" for y in years],
        f"Members: {', '.join(info.member_names())} (source: {_members_source(info)})",
        f"Source: {data.SOURCE}, annex 2B",
    ]


def _members_source(region: Region) -> str:
    """Where the members of a built-in region come from (its source after 'members: ')."""
    return region.source.split("members: ", 1)[-1]

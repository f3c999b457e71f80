"""
The quick path of ``izafunding award NAME`` for the common case, a municipality named as the
national table spells it: its text is made from the table's rows (whole euros as ``int``), so the
command line prints it without loading attrs and the library's value objects, which is most of the
command's start-up. Every other case (another spelling, a region, a member of a region the seeds
describe, a year not in the tables, an export) returns ``None`` and is left to
:func:`izafunding._files.award.render_award`, which this text equals (tested for every
municipality and year, byte for byte).
"""

from __future__ import annotations

from .._core.notation import euro_text
from .._core.seeds import SEED_REGION_ROWS
from .._core.spelling import name_key
from .._schemes.national_rows import SOURCE, YEARS, _gala_rows, _iza_rows


__all__ = ["quick_award_text", "region_not_known_lines"]


def region_not_known_lines(municipality: str) -> list[str]:
    """The lines that say the built-in data does not know *municipality*'s SPUK-IZA region."""
    return [
        "",
        f"SPUK-IZA: the built-in data does not say which region {municipality} belongs to "
        f"(members are known for IJssel-Vecht, Midden-IJssel, Flevoland and Zaanstreek "
        f"Waterland); `izafunding award REGION` shows a region's line",
    ]


def quick_award_text(name: str, year: int | None = None) -> str | None:
    """
    What ``render_award(name, year)`` prints when *name* is a municipality as the Brede SPUK
    table spells it, neither a region's name nor a member of a region the seeds describe, and
    *year* is ``None`` or a year of the tables; ``None`` otherwise (ask ``render_award``).

    >>> print(quick_award_text("Zutphen", 2026))
    Zutphen: Brede SPUK (SPUK GALA)
      2026  € 750.105
    Source: VWS letter 'Wijziging SPUK IZA en Brede SPUK', 12 September 2025, ref. 4190863-1084972-DMO, annex 2A
    <BLANKLINE>
    SPUK-IZA: the built-in data does not say which region Zutphen belongs to ...
    >>> quick_award_text("zutphen") is None, quick_award_text("Zutphen", 2027) is None
    (True, True)
    """
    years: tuple[int, ...]
    if year is None:
        years = YEARS
    elif type(year) is int and year in YEARS:
        years = (year,)
    else:
        return None
    row = next((r for r in _gala_rows() if r[0] == name), None)
    code = name.strip().upper()
    if row is None or code.isdigit() or (code.startswith("GM") and code[2:].isdigit()):
        return None  # not the table's spelling, or a CBS code: the general path reads it
    key = name_key(name)
    iza = _iza_rows()
    if any(name_key(r[0]) == key for r in iza):
        return None  # also a region's name: the general path shows both
    if any(name in (m[0] for m in seed[3]) for seed in SEED_REGION_ROWS):
        return None  # its region and members are known: the general path shows them
    out = [f"{name}: Brede SPUK (SPUK GALA)"]
    amounts = row[1:]  # one per year of the tables
    out += [f"  {y}  {_whole(amounts[YEARS.index(y)])}" for y in years]
    mandated_for = [r for r in iza if r[1] == name]
    for r in mandated_for:
        line = ", ".join(f"{y} {_whole(r[2:][YEARS.index(y)])}" for y in years)
        out.append(f"Mandated municipality of the SPUK-IZA region {r[0]} ({line})")
    out.append(f"Source: {SOURCE}, annex 2A")
    if not mandated_for:
        out += region_not_known_lines(name)
    return "\n".join(out)


def _whole(euros: int) -> str:
    """Whole euros in Dutch notation, as ``format(Money(euros), "whole")`` writes them."""
    return euro_text(100 * euros, whole=True)

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

import csv
import difflib
import functools
import io
from collections.abc import Iterator, Mapping
from importlib import resources
from typing import Final, final

from . import _regions
from ._findings import Finding, FindingKind
from ._money import Money
from ._regions import Municipality, Region
from .errors import UnknownNameError


__all__ = [
    "SOURCE",
    "YEARS",
    "AwardTable",
    "brede_spuk_awards",
    "closest_names",
    "findings",
    "municipalities",
    "regions",
    "spuk_iza_awards",
]

#: The letter the tables come from.
SOURCE: Final = (
    "VWS letter 'Wijziging SPUK IZA en Brede SPUK', 12 September 2025, ref. 4190863-1084972-DMO"
)
#: The years the tables cover.
YEARS: Final = (2025, 2026)

_GALA_FILE = "brede_spuk_2025_2026.csv"
_IZA_FILE = "spuk_iza_regions_2025_2026.csv"


def closest_names(name: str, known: list[str] | tuple[str, ...], n: int = 3) -> list[str]:
    """
    The known names closest to *name*, case-insensitively, best first.

    >>> closest_names("zutfen", ["Zutphen", "Zwolle", "Deventer"])
    ['Zutphen']
    """
    lowered = {k.lower(): k for k in known}
    close = difflib.get_close_matches(str(name).lower(), list(lowered), n=n, cutoff=0.6)
    return [lowered[c] for c in close]


@final
class AwardTable(Mapping[str, Money]):
    """
    A published table of awards for one year: a read-only mapping name ->
    ``Money``, in the order of the source, with its total and source.

    An unknown name raises :class:`~izafunding.errors.UnknownNameError`
    (a ``KeyError``) that lists the closest known names.

    >>> table = brede_spuk_awards(2025)
    >>> len(table), table.total
    (342, Money('310475334.00'))
    >>> table["Zutfen"]
    Traceback (most recent call last):
    ...
    izafunding.errors.UnknownNameError: 'Zutfen' is not a municipality in the Brede SPUK table 2025; did you mean 'Zutphen', ...?

    Attributes:
        title: What the table holds, e.g. ``"Brede SPUK table 2025"``.

        year: The year of the amounts.

        kind: ``"municipality"`` or ``"region"``.

        source: The document and annex.
    """

    __slots__ = ("_amounts", "kind", "source", "title", "year")

    def __init__(
        self, *, title: str, year: int, kind: str, source: str, amounts: Mapping[str, Money]
    ) -> None:
        self.title = title
        self.year = year
        self.kind = kind
        self.source = source
        self._amounts: dict[str, Money] = dict(amounts)

    def __getitem__(self, name: str) -> Money:
        try:
            return self._amounts[name]
        except (KeyError, TypeError):
            raise self._unknown(name) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._amounts)

    def __len__(self) -> int:
        return len(self._amounts)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name in self._amounts

    def _unknown(self, name: object) -> UnknownNameError:
        close = closest_names(str(name), list(self._amounts))
        hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
        msg = f"{name!r} is not a {self.kind} in the {self.title}{hint}"
        return UnknownNameError(msg)

    def find(self, name: str) -> str:
        """
        The name as spelled in the table, ignoring case and extra spaces.

        >>> spuk_iza_awards(2025).find("midden-ijssel")
        'Midden-IJssel'

        Raises:
            UnknownNameError: No name matches; the message lists the closest.
        """
        if name in self._amounts:
            return name
        wanted = " ".join(str(name).split()).lower()
        for known in self._amounts:
            if known.lower() == wanted:
                return known
        raise self._unknown(name)

    @property
    def total(self) -> Money:
        """The sum of the column."""
        return sum(self._amounts.values(), Money(0))

    def __repr__(self) -> str:
        return f"<AwardTable {self.title}: {len(self)} {self.kind}s, total {self.total}>"


# -- loading --------------------------------------------------------------------------


def _read(filename: str) -> list[dict[str, str]]:
    text = resources.files("izafunding").joinpath("_data", filename).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@functools.cache
def _gala_rows() -> tuple[tuple[str, int, int], ...]:
    return tuple(
        (r["municipality"], int(r["brede_spuk_2025"]), int(r["brede_spuk_2026"]))
        for r in _read(_GALA_FILE)
    )


@functools.cache
def _iza_rows() -> tuple[tuple[str, str, int, int], ...]:
    return tuple(
        (
            r["region"],
            r["mandated_municipality"],
            int(r["spuk_iza_2025"]),
            int(r["spuk_iza_2026"]),
        )
        for r in _read(_IZA_FILE)
    )


def _check_year(year: object, what: str) -> int:
    if isinstance(year, bool) or not isinstance(year, int) or year not in YEARS:
        msg = f"the {what} table has no year {year!r} (years: {', '.join(map(str, YEARS))})"
        raise UnknownNameError(msg)
    return year


@functools.cache
def _gala_table(year: int) -> AwardTable:
    column = YEARS.index(year) + 1
    return AwardTable(
        title=f"Brede SPUK table {year}",
        year=year,
        kind="municipality",
        source=f"{SOURCE}, annex 2A",
        amounts={row[0]: Money(row[column]) for row in _gala_rows()},
    )


@functools.cache
def _iza_table(year: int) -> AwardTable:
    column = YEARS.index(year) + 2
    rows = _iza_rows()
    return AwardTable(
        title=f"SPUK-IZA table {year}",
        year=year,
        kind="region",
        source=f"{SOURCE}, annex 2B",
        amounts={row[0]: Money(row[column]) for row in rows},
    )


def brede_spuk_awards(year: int) -> AwardTable:
    """
    Every municipality's Brede SPUK (SPUK GALA) amount in *year* (2025 or
    2026): 342 municipalities, names spelled as in the letter.

    Source: VWS letter of 12 September 2025, ref. 4190863-1084972-DMO, annex 2A.

    >>> brede_spuk_awards(2026)["'s-Gravenhage"]
    Money('8507582.00')

    Raises:
        UnknownNameError: No table for *year*; the message lists the years.
    """
    return _gala_table(_check_year(year, "Brede SPUK"))


def spuk_iza_awards(year: int) -> AwardTable:
    """
    Every region's SPUK-IZA amount in *year* (2025 or 2026): 42 regions.

    Source: VWS letter of 12 September 2025, ref. 4190863-1084972-DMO, annex 2B.

    >>> spuk_iza_awards(2025)["Midden-IJssel"]
    Money('1438963.00')

    Raises:
        UnknownNameError: No table for *year*; the message lists the years.
    """
    return _iza_table(_check_year(year, "SPUK-IZA"))


def municipalities() -> tuple[str, ...]:
    """
    The 342 municipalities of the Brede SPUK table, in the letter's order.

    >>> len(municipalities()), municipalities()[0]
    (342, 'Aa en Hunze')
    """
    return tuple(row[0] for row in _gala_rows())


@functools.cache
def _regions_map() -> Mapping[str, Region]:
    seeds = {r.name: r for r in _regions.SEED_REGIONS}
    result: dict[str, Region] = {}
    for name, mandated, _, _ in _iza_rows():
        seed = seeds.get(name)
        if seed is not None and seed.mandated.name == mandated:
            result[name] = Region(
                name=name,
                mandated=seed.mandated,
                members=seed.members,
                source=f"{SOURCE}, annex 2B (mandated municipality); members: {seed.source}",
            )
        else:
            result[name] = Region(
                name=name, mandated=Municipality(mandated), source=f"{SOURCE}, annex 2B"
            )
    return _ReadOnly(result, "region in the SPUK-IZA table")


@final
class _ReadOnly(Mapping[str, Region]):
    """A read-only mapping whose unknown names suggest the closest known ones."""

    __slots__ = ("_items", "_what")

    def __init__(self, items: dict[str, Region], what: str) -> None:
        self._items = items
        self._what = what

    def __getitem__(self, name: str) -> Region:
        try:
            return self._items[name]
        except (KeyError, TypeError):
            close = closest_names(str(name), list(self._items))
            hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
            msg = f"{name!r} is not a {self._what}{hint}"
            raise UnknownNameError(msg) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"<{len(self)} regions>"


def regions() -> Mapping[str, Region]:
    """
    The 42 SPUK-IZA regions by name, each with its mandated municipality
    (annex 2B of the VWS letter) and, where the seeds name them, its members
    and their inhabitants with the reference date (``None`` where the source
    does not state it).

    >>> r = regions()["IJssel-Vecht"]
    >>> r.mandated.name, len(r.members), r.members[0].inhabitants.count
    ('Zwolle', 8, 29683)
    >>> regions()["Midden-IJssel"].member_names()
    ('Deventer', 'Olst-Wijhe', 'Raalte', 'Voorst')
    """
    return _regions_map()


def findings() -> tuple[Finding, ...]:
    """
    What the national tables show that a reader should know: the € 2 by
    which the 2025 SPUK-IZA column exceeds a round € 142,9 million (a per-row
    rounding residue), and the mandated parties that are not one of the 342
    municipalities.

    >>> for f in findings():
    ...     print(f.kind.value, f.amount)
    residue € 2,00
    inconsistency None
    """
    result = [
        Finding(
            kind=FindingKind.RESIDUE,
            message=(
                f"the 2025 SPUK-IZA amounts of the 42 regions sum to "
                f"{spuk_iza_awards(2025).total:whole}, € 2 above a round € 142.900.000: "
                f"each region's amount was rounded to whole euros on its own"
            ),
            source=f"{SOURCE}, annex 2B",
            amount=spuk_iza_awards(2025).total - Money(142_900_000),
            year=2025,
        )
    ]
    known = set(municipalities())
    for region in regions().values():
        if region.mandated.name not in known:
            result.append(
                Finding(
                    kind=FindingKind.INCONSISTENCY,
                    message=(
                        f"the mandated party of {region.name}, {region.mandated.name!r}, is "
                        f"not one of the 342 municipalities of the Brede SPUK table (it is "
                        f"a joint body of the region's municipalities)"
                    ),
                    source=f"{SOURCE}, annex 2B",
                )
            )
    return tuple(result)

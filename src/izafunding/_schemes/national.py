"""
The national award tables: every municipality's Brede SPUK (SPUK GALA) amount and every region's
SPUK-IZA amount for 2025 and 2026 (annexes 2A and 2B of the VWS letter of 12 September 2025), what
they show that a reader should know, and an award table read from a user's CSV text. Public through
:mod:`izafunding.data`.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Final, final

from .._core import names as _names
from .._core.findings import Finding, FindingKind
from .._core.money import Money
from .._render.exportable import Exportable
from ..errors import UnknownNameError
from .municipalities import (
    _municipality_aliases,
    _what_else,
    closest_names,
    municipalities,
    regions,
)
from .national_rows import SOURCE, YEARS, _gala_rows, _iza_rows


if TYPE_CHECKING:
    from .._render.table import Report


__all__ = [
    "AwardTable",
    "brede_spuk_awards",
    "findings",
    "read_award_table",
    "spuk_iza_awards",
]


@final
class AwardTable(Mapping[str, Money], Exportable):
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
    izafunding.errors.UnknownNameError: 'Zutfen' is not a municipality in the Brede SPUK table 2025; did you mean 'Zutphen'?

    Attributes:
        title: What the table holds, e.g. ``"Brede SPUK table 2025"``.

        year: The year of the amounts (``None`` for a loaded table that does
            not say).

        kind: ``"municipality"`` or ``"region"``.

        source: The document and annex.
    """

    __slots__ = ("_amounts", "kind", "source", "title", "year")

    def __init__(
        self, *, title: str, year: int | None, kind: str, source: str, amounts: Mapping[str, Money]
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
        other = _what_else(str(name), self.kind)
        close = [] if other else closest_names(str(name), list(self._amounts))
        hint = _names.suggestion_hint(close)
        msg = f"{name!r} is not a {self.kind} in the {self.title}{hint}{other}"
        return UnknownNameError(msg)

    def find(self, name: str) -> str:
        """
        The name as spelled in the table, ignoring case and extra spaces.

        >>> spuk_iza_awards(2025).find("midden-ijssel")
        'Midden-IJssel'

        Raises:
            UnknownNameError: No name matches; the message lists the closest.
        """
        return self.resolve(name).name

    def resolve(self, name: str) -> _names.Resolved:
        """
        The name as spelled in the table and why it differs from *name*
        (case, hyphens, diacritics, a well-known alternative name such as
        "Den Bosch"), for an output to say once.

        >>> brede_spuk_awards(2025).resolve("Den Haag").note
        "'Den Haag' read as 's-Gravenhage (alternative name)"

        Raises:
            UnknownNameError: No name matches; the message lists the likeliest.
        """
        if name in self._amounts:
            return _names.Resolved(given=name, name=name)
        aliases = _municipality_aliases() if self.kind == "municipality" else None
        try:
            return _names.resolve(name, tuple(self._amounts), what=self.kind, aliases=aliases)
        except UnknownNameError:
            raise self._unknown(name) from None

    @property
    def total(self) -> Money:
        """The sum of the column."""
        return sum(self._amounts.values(), Money(0))

    def __repr__(self) -> str:
        return f"<AwardTable {self.title}: {len(self)} {self.kind}s, total {self.total}>"

    def only(self, names: Iterable[str]) -> AwardTable:
        """The same table with only *names* (as spelled in it), e.g. the rows a command printed."""
        keep = [self.find(n) for n in names]
        return AwardTable(
            title=self.title,
            year=self.year,
            kind=self.kind,
            source=self.source,
            amounts={n: self._amounts[n] for n in keep},
        )

    def report(self) -> Report:
        """The table as a :class:`~izafunding._render.table.Report`: name, amount, total, source."""
        from .._render.table import Column, Kind, Report, Table

        table = Table(
            title=self.title,
            columns=(
                Column(key=self.kind, kind=Kind.TEXT),
                Column(key="year", kind=Kind.COUNT, format="plain"),
                Column(key="amount", kind=Kind.MONEY),
            ),
            rows=[(n, self.year, m) for n, m in self._amounts.items()],
            footer=[("total", None, self.total)],
            notes=(f"Source: {self.source}",),
            name="awards",
        )
        return Report(
            kind="award-table",
            title=self.title,
            tables=(table,),
            sources=(self.source,),
            inputs={"table": self.title, "year": self.year, "names": list(self._amounts)},
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

_NAME_COLUMNS: Final = {
    "name": "name",
    "naam": "name",
    "municipality": "municipality",
    "gemeente": "municipality",
    "region": "region",
    "regio": "region",
}
_EXTRA_COLUMNS: Final = {"mandated_municipality", "mandaatgemeente", "recipient", "cbs_code", "code"}


def read_award_table(
    text: str,
    *,
    year: int | None = None,
    title: str = "loaded award table",
    source: str = "a table loaded by the user",
) -> AwardTable:
    """
    An award table from CSV *text*: ``name,amount`` rows, or the national
    tables' columns (``municipality,azwa_2027,azwa_2028,...`` or
    ``region,mandated_municipality,azwa_2027,...``; pick a year column with
    *year*). Comma or semicolon separated; amounts in whole euros or Dutch
    notation (``€ 1.438.963``). Pure: the caller reads the file.

    >>> t = read_award_table("municipality;azwa_2027;azwa_2028\\nZutphen;700000;800000\\n", year=2028)
    >>> t["Zutphen"], t.year
    (Money('800000.00'), 2028)

    Raises:
        ParseError: The text is not such a table; the message names the line
            and what would be valid.
    """
    from ..errors import ParseError

    if not isinstance(text, str):
        msg = f"read_award_table needs the CSV text as a str (got {type(text).__name__})"
        raise ParseError(msg)
    lines = [ln for ln in text.lstrip("\ufeff").splitlines() if ln.strip()]
    if not lines:
        msg = "the award table is empty: give a header (name,amount) and one row per name"
        raise ParseError(msg)
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    rows = list(csv.reader(lines, delimiter=delimiter))
    header = [h.strip().lower() for h in rows[0]]
    if not header or header[0] not in _NAME_COLUMNS:
        msg = (
            f"line 1: the first column must be name, municipality or region (got "
            f"{rows[0][0] if rows[0] else ''!r})"
        )
        raise ParseError(msg)
    kind = _NAME_COLUMNS[header[0]]
    amount_cols = [i for i, h in enumerate(header) if i and h not in _EXTRA_COLUMNS]
    if not amount_cols:
        msg = "line 1: the table has no amount column (e.g. name,amount or municipality,azwa_2027)"
        raise ParseError(msg)
    table_year: int | None = year
    if len(amount_cols) > 1 or header[amount_cols[0]][-4:].isdigit():
        by_year = {
            int(header[i][-4:]): i for i in amount_cols if header[i][-4:].isdigit()
        }
        if year is None and len(amount_cols) > 1:
            msg = (
                f"line 1: the table has several amount columns ({', '.join(rows[0][i] for i in amount_cols)}); "
                f"choose one with year="
            )
            raise ParseError(msg)
        if year is None:
            table_year = next(iter(by_year))
        elif year not in by_year:
            msg = f"line 1: the table has no column for {year} (years: {', '.join(map(str, by_year))})"
            raise ParseError(msg)
        column = by_year[table_year] if table_year is not None else amount_cols[0]
    else:
        column = amount_cols[0]
    amounts: dict[str, Money] = {}
    for number, row in enumerate(rows[1:], start=2):
        if len(row) <= column or not row[0].strip():
            msg = f"line {number}: expected a name and an amount (got {delimiter.join(row)!r})"
            raise ParseError(msg)
        name = " ".join(row[0].split())
        try:
            amount = Money.parse(row[column])
        except ParseError as e:
            msg = f"line {number} ({name}): {e}"
            raise ParseError(msg) from None
        if amount.cents < 0:
            msg = f"line {number} ({name}): an award cannot be negative (got {amount})"
            raise ParseError(msg)
        if name in amounts:
            msg = f"line {number}: {name!r} appears twice"
            raise ParseError(msg)
        amounts[name] = amount
    if not amounts:
        msg = "the award table has a header but no rows"
        raise ParseError(msg)
    return AwardTable(title=title, year=table_year, kind=kind, source=source, amounts=amounts)

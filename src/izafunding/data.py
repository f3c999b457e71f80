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
import functools
import io
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, final

import attrs

from ._core import names as _names
from ._core import regions as _regions
from ._core.findings import Finding, FindingKind
from ._core.money import Money
from ._core.regions import Municipality, Region
from .errors import AllocationError, UnknownNameError


if TYPE_CHECKING:
    from ._schemes import azwa as _azwa


__all__ = [
    "SOURCE",
    "YEARS",
    "AwardTable",
    "azwa_estimate",
    "azwa_estimates",
    "azwa_line",
    "azwa_lines",
    "brede_spuk_awards",
    "closest_names",
    "findings",
    "municipalities",
    "municipality",
    "read_award_table",
    "region_of",
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
    The known names that *name* most likely means, best first (see
    ``izafunding._core.names.suggest``: spelling variants, prefixes, words, then
    similarity; a well-known alternative name of a municipality first).

    >>> closest_names("zutfen", ["Zutphen", "Zwolle", "Deventer"])
    ['Zutphen']
    >>> closest_names("Den Bosch", municipalities())
    ["'s-Hertogenbosch"]
    """
    alias = _municipality_aliases().get(_names.name_key(name))
    first = [alias[0]] if alias is not None and alias[0] in known else []
    rest = [k for k in _names.suggest(name, known, n) if k not in first]
    return (first + rest)[:n]


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


# -- loading --------------------------------------------------------------------------


def _read(filename: str) -> list[dict[str, str]]:
    # The package's own loader reads its data, from a directory or a zip (as pkgutil.get_data
    # does), without importing importlib.resources and its archive modules: the command line
    # starts faster.
    loader = __spec__.loader if __spec__ is not None else None
    get_data = getattr(loader, "get_data", None)
    if get_data is None:  # pragma: no cover - a loader without get_data: the general way
        from importlib import resources

        text = resources.files("izafunding").joinpath("_data", filename).read_text(encoding="utf-8")
    else:
        cut = max(__file__.rfind("/"), __file__.rfind("\\"))
        sep = __file__[cut] if cut >= 0 else "/"
        text = get_data(f"{__file__[: cut + 1]}_data{sep}{filename}").decode("utf-8")
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


@functools.cache
def _regions_map() -> Mapping[str, Region]:
    seeds = {r.name: r for r in _regions.SEED_REGIONS}
    result: dict[str, Region] = {}
    for name, mandated, _, _ in _iza_rows():
        seed = seeds.get(name)
        if seed is not None and seed.mandated.name == mandated:
            result[name] = Region(
                name=name,
                mandated=_with_code(seed.mandated),
                members=tuple(
                    attrs.evolve(m, municipality=_with_code(m.municipality))
                    for m in seed.members
                ),
                source=f"{SOURCE}, annex 2B (mandated municipality); members: {seed.source}",
            )
        else:
            result[name] = Region(
                name=name,
                mandated=_with_code(Municipality(mandated)),
                source=f"{SOURCE}, annex 2B",
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
            other = _what_else(str(name), "region")
            close = [] if other else closest_names(str(name), list(self._items))
            hint = _names.suggestion_hint(close)
            msg = f"{name!r} is not a {self._what}{hint}{other}"
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


# -- the SPUK AZWA 2027-2029 (provisional) ----------------------------------------------

_AZWA_FILE = "spuk_azwa_lines_2027_2029.csv"


@functools.cache
def _azwa_rows() -> tuple[tuple[str, str, tuple[int, ...]], ...]:
    from ._schemes.azwa import AZWA_YEARS

    return tuple(
        (r["line"], r["recipient"], tuple(int(r[f"azwa_{y}"]) for y in AZWA_YEARS))
        for r in _read(_AZWA_FILE)
    )


def _check_azwa_year(year: object) -> int:
    from ._schemes.azwa import AZWA_YEARS

    if isinstance(year, bool) or not isinstance(year, int) or year not in AZWA_YEARS:
        msg = (
            f"the SPUK AZWA has no year {year!r} (years: {', '.join(map(str, AZWA_YEARS))}; "
            f"before 2027 see brede_spuk_awards and spuk_iza_awards)"
        )
        raise UnknownNameError(msg)
    return year


@functools.cache
def _azwa_lines(year: int) -> AwardTable:
    from ._schemes.azwa import AZWA_LETTER, AZWA_YEARS

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
    from ._schemes.azwa import AzwaLine, AzwaPart

    table = azwa_lines(year)
    key = table.find(name)
    recipient = next(r for n, r, _ in _azwa_rows() if n == key)
    part = {"local": AzwaPart.LOCAL, "regional": AzwaPart.REGIONAL}.get(key)
    return AzwaLine(
        name=key, year=year, amount=table[key], recipient=recipient, part=part, source=table.source
    )


def _azwa_part(part: object) -> _azwa.AzwaPart:
    from ._schemes.azwa import AzwaPart

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
    from ._schemes.azwa import AzwaPart, EstimateMethod

    if part is AzwaPart.LOCAL:
        table = brede_spuk_awards(base_year)
        what = f"in proportion to their {base_year} Brede SPUK amounts"
    else:
        table = spuk_iza_awards(base_year)
        what = f"in proportion to their {base_year} SPUK-IZA amounts"
    return EstimateMethod(description=what, weights=dict(table), source=table.source)


@functools.cache
def _default_estimates(year: int, part: _azwa.AzwaPart, base_year: int) -> _azwa.AzwaEstimates:
    from ._schemes.azwa import estimate_part

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
    from ._schemes.azwa import AzwaPart, EstimateMethod, estimate_part

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
            known = [*municipalities(), *regions()]
            hint = _names.suggestion_hint(closest_names(str(name), known))
            msg = f"{name!r} is neither a municipality nor a SPUK-IZA region{hint}"
            raise UnknownNameError(msg)
    estimates = azwa_estimates(
        year, part, published=published, base_year=base_year, weights=weights
    )
    return estimates.estimate(name)


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
    from .errors import ParseError

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
# -- names and codes --------------------------------------------------------------------

_CODES_FILE = "municipalities_2025.csv"
_MERGERS_FILE = "herindelingen_2022_2023.csv"
_CODES_SOURCE: Final = (
    "CBS municipality codes, municipal division of 1 January 2023 (342 municipalities), "
    "as published in the Ministry of VWS's corona-dashboard code; see _data/README.md"
)
# Effective dates of the mergers in the merger table (not in its source).
_MERGER_DATES: Final = {"Amsterdam": "24 March 2022"}

# Names people write for a municipality, by name key -> official name. The CBS spellings,
# the older names of merged municipalities and the name keys of the official names
# themselves are added from the tables.
_ALTERNATIVE_NAMES: Final = {
    "Den Bosch": "'s-Hertogenbosch",
    "Hertogenbosch": "'s-Hertogenbosch",
    "Bois-le-Duc": "'s-Hertogenbosch",
    "Den Haag": "'s-Gravenhage",
    "The Hague": "'s-Gravenhage",
    "Gravenhage": "'s-Gravenhage",
    "Bergen Limburg": "Bergen (L.)",
    "Bergen (Lb.)": "Bergen (L.)",
    "Bergen Noord-Holland": "Bergen (NH.)",
    "Bergen (N-H.)": "Bergen (NH.)",
    "Nuenen": "Nuenen, Gerwen en Nederwetten",
    "Nuenen c.a.": "Nuenen, Gerwen en Nederwetten",
    "Nederwetten": "Nuenen, Gerwen en Nederwetten",
    "Zuidwest-Friesland": "Súdwest-Fryslân",
    "Noordoost-Friesland": "Noardeast-Fryslân",
    "Tietjerksteradeel": "Tytsjerksteradiel",
    "Dantumadeel": "Dantumadiel",
}


@functools.cache
def _code_rows() -> tuple[tuple[str, str, str], ...]:
    return tuple(
        (r["municipality"], r["cbs_code"], r["cbs_name"]) for r in _read(_CODES_FILE)
    )


@functools.cache
def _municipality_aliases() -> Mapping[str, tuple[str, str]]:
    """Name key -> (official name, why it is read so)."""
    result: dict[str, tuple[str, str]] = {}
    for r in _read(_MERGERS_FILE):
        when = _MERGER_DATES.get(r["new_name"], "1 January 2023")
        result[_names.name_key(r["old_name"])] = (
            r["new_name"],
            f"merged into {r['new_name']} on {when}",
        )
    for name, _, cbs_name in _code_rows():
        if cbs_name != name:
            result[_names.name_key(cbs_name)] = (name, "CBS spelling")
    for alternative, name in _ALTERNATIVE_NAMES.items():
        result[_names.name_key(alternative)] = (name, "alternative name")
    return result


def _with_code(m: Municipality) -> Municipality:
    if m.code is not None:
        return m
    known = _municipalities_map()
    return known.get(m.name, m)


@final
class _Municipalities(Mapping[str, Municipality]):
    """The 342 municipalities by official name; an unknown name gets suggestions."""

    __slots__ = ("_items",)

    def __init__(self, items: dict[str, Municipality]) -> None:
        self._items = items

    # `in` and get() ask the dict itself: a name not found is no error to suggest names for.
    def __contains__(self, name: object) -> bool:
        try:
            return name in self._items
        except TypeError:
            return False

    def get(self, name: str, default: Any = None) -> Any:
        """The municipality called *name*, else *default* (no suggestions computed)."""
        return self._items.get(name, default) if name in self else default

    def __getitem__(self, name: str) -> Municipality:
        try:
            return self._items[name]
        except (KeyError, TypeError):
            hint = _names.suggestion_hint(closest_names(str(name), tuple(self._items))[:1])
            msg = f"{name!r} is not one of the 342 municipalities" + (
                f"{hint} (data.municipality() reads other spellings)" if hint else ""
            )
            raise UnknownNameError(msg) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"<{len(self)} municipalities>"


@functools.cache
def _municipalities_map() -> Mapping[str, Municipality]:
    codes = {name: code for name, code, _ in _code_rows()}
    return _Municipalities({name: Municipality(name, code=codes[name]) for name, *_ in _gala_rows()})


def municipalities() -> Mapping[str, Municipality]:
    """
    The 342 municipalities by official name (the spelling of the national
    tables), in the letter's order, each with its CBS code.

    Source: the names of annex 2A of the VWS letter of 12 September 2025; the
    codes of the CBS municipal division (see ``_data/README.md``).

    >>> len(municipalities()), next(iter(municipalities()))
    (342, 'Aa en Hunze')
    >>> municipalities()["Zutphen"].cbs_code
    'GM0301'
    """
    return _municipalities_map()


def resolve_municipality(name_or_code: str) -> _names.Resolved:
    """
    The official name that *name_or_code* means, and why it differs, for an
    output to say once (see :func:`municipality`).

    >>> resolve_municipality("Den Bosch").note
    "'Den Bosch' read as 's-Hertogenbosch (alternative name)"
    """
    if isinstance(name_or_code, str):
        code = name_or_code.strip().upper()
        if code.isdigit() and len(code) == 4:
            code = "GM" + code
        for name, cbs_code, _ in _code_rows():
            if cbs_code == code:
                return _names.Resolved(given=name_or_code, name=name, reason=f"CBS code {code}")
    known = tuple(_municipalities_map())
    if name_or_code in known:
        return _names.Resolved(given=name_or_code, name=name_or_code)
    return _names.resolve(
        name_or_code,
        known,
        what="municipality",
        aliases=_municipality_aliases(),
        extra_hint=_what_else(str(name_or_code), "municipality"),
    )


def municipality(name_or_code: str) -> Municipality:
    """
    The municipality that *name_or_code* means: a CBS code (``"GM0150"``),
    the official name of the national tables, the CBS spelling
    (``"Hengelo (O.)"``), a common alternative name (``"Den Bosch"``,
    ``"Den Haag"``), the name of a municipality merged into it since 2022,
    or any of these in another case, with or without diacritics, hyphens or
    an apostrophe (``"s-Hertogenbosch"``). Nothing else is guessed.

    >>> municipality("GM0150")
    Municipality(name='Deventer', code='GM0150')
    >>> municipality("Den Haag").cbs_code
    'GM0518'
    >>> municipality("s-Hertogenbosch").name
    "'s-Hertogenbosch"
    >>> municipality("Bergen")
    Traceback (most recent call last):
    ...
    izafunding.errors.UnknownNameError: 'Bergen' is not a municipality; did you mean 'Bergen (L.)', 'Bergen (NH.)', 'Bergen op Zoom'?

    Raises:
        UnknownNameError: No municipality is meant; the message suggests the
            likeliest, or names the region when a region was given.
    """
    return _municipalities_map()[resolve_municipality(name_or_code).name]


def region_of(name: str) -> Region | None:
    """
    The SPUK-IZA region of the municipality *name* where the built-in data
    knows it (a member named by a source, or the mandated municipality);
    ``None`` where it does not.

    >>> region_of("Dalfsen").name
    'IJssel-Vecht'
    >>> region_of("Zutphen") is None
    True
    """
    for region in regions().values():
        if name in region.member_names() or region.mandated.name == name:
            return region
    return None


def _what_else(name: str, expected: str) -> str:
    """What *name* is when it is not the *expected* kind of name, for an error message."""
    try:
        if expected == "region":
            found = resolve_municipality(name).name
        else:
            found = _names.resolve(name, tuple(_regions_map()), what="region").name
    except UnknownNameError:
        return ""
    if expected == "region":
        region = region_of(found)
        if region is None:
            key = _names.name_key(found)
            named = [r for r in _regions_map() if key in _names.name_key(r).split()]
            perhaps = f"; perhaps {' or '.join(map(repr, named))}" if named else ""
            return (
                f"; {found} is a municipality, and the built-in data does not say which "
                f"SPUK-IZA region it belongs to (the regions: izafunding.data.regions()){perhaps}"
            )
        if region.mandated.name == found:
            return (
                f"; {found} is a municipality, the mandated municipality of the SPUK-IZA "
                f"region {region.name!r}"
            )
        return (
            f"; {found} is a municipality, a member of the SPUK-IZA region {region.name!r} "
            f"(mandated municipality {region.mandated.name})"
        )
    region = _regions_map()[found]
    return f"; {found} is a SPUK-IZA region (mandated municipality {region.mandated.name})"

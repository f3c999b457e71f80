"""
The 342 municipalities (official names, CBS codes, the names people write for them) and the 42
SPUK-IZA regions with their mandated municipalities, from the national tables. Public through
:mod:`izafunding.data`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from typing import Any, Final, final

import attrs

from .._core import names as _names
from .._core import regions as _regions
from .._core.regions import Municipality, Region
from ..errors import UnknownNameError
from .national_rows import SOURCE, _gala_rows, _iza_rows, _read


__all__ = [
    "closest_names",
    "municipalities",
    "municipality",
    "region_of",
    "regions",
    "resolve_municipality",
]


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
    found = find_municipality(name_or_code)
    if found is not None:
        return found
    known = tuple(_municipalities_map())
    return _names.resolve(
        name_or_code,
        known,
        what="municipality",
        aliases=_municipality_aliases(),
        extra_hint=_what_else(str(name_or_code), "municipality"),
    )


def find_municipality(name_or_code: str) -> _names.Resolved | None:
    """
    What :func:`resolve_municipality` finds, or ``None`` where it would raise (computing no
    suggestions: for a caller that tries a region next).

    >>> find_municipality("GM0301").note, find_municipality("Midden-IJssel")
    ("'GM0301' read as Zutphen (CBS code GM0301)", None)
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
    return _names.find(name_or_code, known, aliases=_municipality_aliases())


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

"""
What ``izafunding allocate`` reads and prints: a key written as text
("50% equal + 50% inhabitants"), an allocation file, the total from the
national tables and the recipients from a region's built-in members; no I/O.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final, final

import attrs

from .. import data
from .._core import names as _names
from .._core.keys import AllocationKey, Composite, Equal, Fixed, ProRata
from .._core.money import Money
from .._core.regions import Region
from .._schemes.municipalities import _municipality_aliases
from ..errors import InputFileError, UnknownNameError
from .inputs import TomlLocator, check_keys, fail, field_money, field_weight, parse_toml


__all__ = [
    "BASES",
    "EXAMPLE_TOML",
    "AllocationRequest",
    "KeyPart",
    "format_key",
    "parse_allocation_toml",
    "parse_key",
]

#: What a part of a key can split by, and the words accepted for each.
BASES: Final = {
    "equal": "equal",
    "equally": "equal",
    "inhabitants": "inhabitants",
    "by inhabitants": "inhabitants",
    "pro-rata": "inhabitants",
    "weights": "inhabitants",
    "fixed": "fixed",
    "shares": "fixed",
}
_BASE_WORDS: Final = ("equal", "inhabitants", "pro-rata", "fixed")

#: An allocation file to start from (IJssel-Vecht's 2026 award, half equal, half by inhabitants).
EXAMPLE_TOML: Final = """\
# An allocation for `izafunding allocate FILE.toml`.
award = "IJssel-Vecht"   # or: total = "€ 262.000"
year = 2026

# The key as one line, or as parts (each with its weight and key):
# key = "50% equal + 50% inhabitants"
[[key]]
weight = "50%"
key = "equal"
[[key]]
weight = "50%"
key = "inhabitants"

# rounding = "largest-remainder"   # or "half-up-each"
# unit = "€ 1"

# Without [weights], a region's built-in members (and inhabitants where known) are used.
# [weights]
# source = "CBS, inhabitants on 1 January 2024"   # optional, printed with the split
# Dalfsen = 29683
"""

_TOP: Final = ("total", "award", "year", "table", "key", "rounding", "unit", "weights")
_TABLES: Final = ("spuk-iza", "brede-spuk")
_ROUNDINGS: Final = ("largest-remainder", "half-up-each")


@final
@attrs.frozen(kw_only=True)
class KeyPart:
    """
    One part of a composite key: its weight (a fraction of the total) and
    what it splits by (``"equal"``, ``"inhabitants"`` or ``"fixed"``).
    """

    weight: Fraction
    basis: str


def _weight(text: str, where: str) -> Fraction:
    raw = text.strip()
    percent = raw.endswith("%")
    number = field_weight(raw.rstrip("%").strip(), where=where)
    value = Fraction(number) if not isinstance(number, Fraction) else number
    return value / 100 if percent else value


def _basis(word: str, where: str) -> str:
    key = " ".join(word.lower().split())
    if key in BASES:
        return BASES[key]
    hint = _names.did_you_mean(word, _BASE_WORDS)
    msg = f"{where}: unknown key {word.strip()!r}{hint} (the keys: {', '.join(_BASE_WORDS)})"
    raise InputFileError(msg)


_PART: Final = re.compile(r"^\s*(?P<weight>[0-9][0-9.,/ ]*%?)?\s*(?:[x×*]\s*)?(?P<basis>[A-Za-z][A-Za-z -]*?)\s*$")


def parse_key(text: str, *, where: str = "--key") -> tuple[KeyPart, ...]:
    """
    A key written as text: one key (``"equal"``, ``"inhabitants"``,
    ``"pro-rata"``, ``"fixed"``) or weighted parts joined by ``+``, the
    weights as percentages, fractions or decimals that sum to exactly 1.

    >>> [(str(p.weight), p.basis) for p in parse_key("50% equal + 50% inhabitants")]
    [('1/2', 'equal'), ('1/2', 'inhabitants')]
    >>> parse_key("50% equal + 40% inhabitants")
    Traceback (most recent call last):
    ...
    izafunding.errors.InputFileError: --key: the parts' weights sum to 90%, not 100%: '50% equal + 40% inhabitants'

    Raises:
        InputFileError: A part or key is unknown, or the weights do not sum to 1.
    """
    pieces = str(text).split("+")
    parts: list[KeyPart] = []
    for piece in pieces:
        m = _PART.match(piece)
        if m is None or (m["weight"] is None and len(pieces) > 1):
            msg = (
                f"{where}: cannot read {piece.strip()!r} as a part of a key; write parts such as "
                f"'50% equal + 50% inhabitants'"
            )
            raise InputFileError(msg)
        weight = Fraction(1) if m["weight"] is None else _weight(m["weight"], where)
        parts.append(KeyPart(weight=weight, basis=_basis(m["basis"], where)))
    _check_sum(parts, where, str(text))
    return tuple(parts)


def _check_sum(parts: Sequence[KeyPart], where: str, text: str) -> None:
    total = sum((p.weight for p in parts), Fraction(0))
    if total != 1:
        msg = f"{where}: the parts' weights sum to {_percent(total)}, not 100%: {text!r}"
        raise InputFileError(msg)
    seen = [p.basis for p in parts]
    twice = sorted({b for b in seen if seen.count(b) > 1})
    if twice:
        msg = f"{where}: the key {twice[0]!r} appears twice; give each key once"
        raise InputFileError(msg)


def _percent(value: Fraction) -> str:
    pct = value * 100
    if pct.denominator == 1:
        return f"{pct.numerator}%"
    return f"{float(pct):.4g}%".replace(".", ",")  # display only, never computed on


def format_key(parts: Sequence[KeyPart]) -> str:
    """
    The key in words.

    >>> format_key(parse_key("1/3 equal + 2/3 inhabitants"))
    '1/3 equal + 2/3 by inhabitants'
    """
    words = {"equal": "equal", "inhabitants": "by inhabitants", "fixed": "fixed shares"}
    if len(parts) == 1:
        return words[parts[0].basis]
    out = []
    for p in parts:
        pct = p.weight * 100
        amount = f"{pct.numerator}%" if pct.denominator == 1 else str(p.weight)
        out.append(f"{amount} {words[p.basis]}")
    return " + ".join(out)


@final
@attrs.frozen(kw_only=True)
class AllocationRequest:
    """
    What to divide, over whom and how, as read from the command line or a
    file; ``None`` where not given.
    """

    total: Money | None = None
    award: str | None = None
    year: int | None = None
    table: str | None = None
    key: tuple[KeyPart, ...] | None = None
    weights: tuple[tuple[str, int | Decimal | Fraction], ...] | None = None
    weights_source: str = ""
    weights_reference_date: datetime.date | None = None
    rounding: str | None = None
    unit: Money | None = None
    origin: str = "the command line"

    def combined(self, other: AllocationRequest) -> AllocationRequest:
        """This request completed by *other*; a value given in both is an error."""
        changes: dict[str, Any] = {}
        for field in ("total", "award", "year", "table", "key", "weights", "rounding", "unit"):
            mine, theirs = getattr(self, field), getattr(other, field)
            if mine is not None and theirs is not None and mine != theirs:
                msg = (
                    f"{field} is given both in {other.origin} and on {self.origin}, differently; "
                    f"give it once"
                )
                raise InputFileError(msg)
            if mine is None:
                changes[field] = theirs
        if self.weights is None and other.weights is not None:
            changes["weights_source"] = other.weights_source
            changes["weights_reference_date"] = other.weights_reference_date
        return attrs.evolve(self, **changes)


def parse_allocation_toml(text: str, source: str) -> AllocationRequest:
    """
    An allocation file (see :data:`EXAMPLE_TOML`). Unknown fields and tables
    are refused, naming them and the valid ones.

    >>> r = parse_allocation_toml(EXAMPLE_TOML, "a.toml")
    >>> r.award, r.year, format_key(r.key)
    ('IJssel-Vecht', 2026, '50% equal + 50% by inhabitants')
    >>> parse_allocation_toml("total = 100\\n[equal]\\n", "a.toml")
    Traceback (most recent call last):
    ...
    izafunding.errors.InputFileError: a.toml: line 2: [equal]: unknown table [equal]; the fields are total, award, year, table, key, rounding, unit, weights (weights as a [weights] table, key as text or [[key]] tables)

    Raises:
        InputFileError: The text is not a valid allocation file.
    """
    doc = parse_toml(text, source)
    loc = TomlLocator.of(text, source)
    for name in doc:
        if name not in _TOP:
            table = name if isinstance(doc[name], Mapping) else None
            what = f"unknown table [{name}]" if table else f"unknown field {name!r}"
            raise fail(
                loc.where(table, None, None if table else name),
                f"{what}; the fields are {', '.join(_TOP)} (weights as a [weights] table, key "
                f"as text or [[key]] tables)",
            )
    total = field_money(doc["total"], where=loc.where(None, None, "total")) if "total" in doc else None
    award = _text(doc, "award", loc)
    table = _text(doc, "table", loc)
    if table is not None and table not in _TABLES:
        raise fail(loc.where(None, None, "table"), f"must be one of {', '.join(_TABLES)} (got {table!r})")
    year = doc.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise fail(loc.where(None, None, "year"), f"must be a year such as 2026, without quotes (got {year!r})")
    rounding = _text(doc, "rounding", loc)
    if rounding is not None and rounding not in _ROUNDINGS:
        raise fail(loc.where(None, None, "rounding"), f"must be one of {', '.join(_ROUNDINGS)} (got {rounding!r})")
    unit = field_money(doc["unit"], where=loc.where(None, None, "unit")) if "unit" in doc else None
    key = _file_key(doc.get("key"), loc)
    weights, weights_source, reference_date = _file_weights(doc.get("weights"), loc)
    return AllocationRequest(
        total=total,
        award=award,
        year=year,
        table=table,
        key=key,
        weights=weights,
        weights_source=weights_source or (source if weights is not None else ""),
        weights_reference_date=reference_date,
        rounding=rounding,
        unit=unit,
        origin=source,
    )


def _text(doc: Mapping[str, Any], name: str, loc: TomlLocator) -> str | None:
    if name not in doc:
        return None
    value = doc[name]
    if not isinstance(value, str) or not value.strip():
        raise fail(loc.where(None, None, name), f'must be text in quotes, such as {name} = "..." (got {value!r})')
    return value


def _file_key(value: object, loc: TomlLocator) -> tuple[KeyPart, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return parse_key(value, where=loc.where(None, None, "key"))
    if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
        raise fail(
            loc.where(None, None, "key"),
            'must be text such as key = "50% equal + 50% inhabitants", or [[key]] tables with '
            f"a weight and a key (got {value!r})",
        )
    parts = []
    for i, part in enumerate(value):
        where = loc.where("key", i)
        check_keys(part, ("weight", "key"), where)
        if "key" not in part or not isinstance(part["key"], str):
            raise fail(loc.where("key", i, "key"), 'missing; write key = "equal" or key = "inhabitants"')
        raw = part.get("weight", "100%")
        if isinstance(raw, float):
            raise fail(loc.where("key", i, "weight"), f'{raw!r} is a float; write it in quotes, such as "50%"')
        weight = _weight(str(raw), loc.where("key", i, "weight"))
        parts.append(KeyPart(weight=weight, basis=_basis(part["key"], loc.where("key", i, "key"))))
    if not parts:
        raise fail(loc.where(None, None, "key"), "has no parts")
    _check_sum(parts, loc.where("key", 0), " + ".join(format_key([p]) for p in parts))
    return tuple(parts)


def _file_weights(
    value: object, loc: TomlLocator
) -> tuple[tuple[tuple[str, int | Decimal | Fraction], ...] | None, str, datetime.date | None]:
    if value is None:
        return None, "", None
    if not isinstance(value, Mapping):
        raise fail(loc.where(None, None, "weights"), f"must be a table [weights] (got {value!r})")
    source = ""
    reference: datetime.date | None = None
    pairs: list[tuple[str, int | Decimal | Fraction]] = []
    for name, raw in value.items():
        if name == "source" and isinstance(raw, str):
            source = raw
            continue
        if name == "reference_date" and isinstance(raw, datetime.date):
            reference = raw
            continue
        if isinstance(raw, Mapping):
            raise fail(loc.where("weights", None, name), "unknown table inside [weights]; give name = weight lines")
        pairs.append((str(name), field_weight(raw, where=loc.where("weights", None, name))))
    return tuple(pairs), source, reference


# -- computing and printing --------------------------------------------------------------


def _total(req: AllocationRequest) -> tuple[Money, list[str], Region | None]:
    """The amount to divide, the lines that say where it comes from, and the region if any."""
    if req.total is not None and req.award is not None:
        msg = "give the total or an award (--award NAME --year Y), not both"
        raise InputFileError(msg)
    if req.total is not None:
        return req.total, [f"To divide: {req.total} (given on {req.origin})"], None
    if req.award is None:
        msg = (
            "give the amount to divide: a total (izafunding allocate '€ 262.000' FILE), or an "
            "award from the national tables (--award IJssel-Vecht --year 2026)"
        )
        raise InputFileError(msg)
    if req.year is None:
        msg = f"--award {req.award}: give the year too (--year 2025 or --year 2026)"
        raise InputFileError(msg)
    iza, gala = data.spuk_iza_awards(req.year), data.brede_spuk_awards(req.year)
    region = municipality = None
    if req.table in (None, "spuk-iza"):
        try:
            region = iza.resolve(req.award)
        except UnknownNameError:
            if req.table == "spuk-iza":
                raise
    if req.table in (None, "brede-spuk"):
        try:
            municipality = data.resolve_municipality(req.award)
        except UnknownNameError:
            if req.table == "brede-spuk" or region is None:
                if region is None and req.table is None:
                    close = _names.suggestion_hint(data.closest_names(req.award, [*gala, *iza]))
                    msg = (
                        f"--award: {req.award!r} is neither a SPUK-IZA region nor a "
                        f"municipality of the national tables{close}"
                    )
                    raise UnknownNameError(msg) from None
                raise
    if region is not None and municipality is not None:
        msg = (
            f"--award: {req.award!r} is both the SPUK-IZA region {region.name} "
            f"({iza[region.name]:whole}) and the municipality {municipality.name} (Brede SPUK "
            f"{gala[municipality.name]:whole}); say which with --table spuk-iza or --table brede-spuk"
        )
        raise InputFileError(msg)
    lines: list[str] = []
    if region is not None:
        info = data.regions()[region.name]
        amount = iza[region.name]
        if region.note:
            lines.append(f"Name: {region.note}")
        lines.append(
            f"To divide: {amount}, the SPUK-IZA award of {region.name} for {req.year} "
            f"(mandated municipality {info.mandated.name})"
        )
        lines.append(f"Source: {iza.source}")
        return amount, lines, info
    assert municipality is not None
    if municipality.note:
        lines.append(f"Name: {municipality.note}")
    amount = gala[municipality.name]
    lines.append(f"To divide: {amount}, the Brede SPUK award of {municipality.name} for {req.year}")
    lines.append(f"Source: {gala.source}")
    return amount, lines, None


def _no_members(region: Region | None, why: str) -> InputFileError:
    known = [r.name for r in data.regions().values() if r.members]
    where = f"the built-in data does not know the members of {region.name}" if region else why
    msg = (
        f"{where} (members are built in for {', '.join(known)}); give the recipients and "
        f"their weights with --weights FILE: a CSV file of name,inhabitants rows or a TOML "
        f"file with a [weights] table"
    )
    return InputFileError(msg)


def _recipients(
    req: AllocationRequest, region: Region | None, needs_weights: bool
) -> tuple[dict[str, int | Decimal | Fraction] | None, tuple[str, ...], list[str]]:
    """The weights (None when not needed and not known), the recipients, and the lines saying whence."""
    if req.weights is not None:
        weights = dict(req.weights)
        notes: list[str] = []
        if region is not None and region.members:
            weights, notes = _match_members(weights, region)
        what = "Weights" if region is None or not region.members else "Inhabitants"
        ref = req.weights_reference_date
        when = f", reference date {ref.isoformat()}" if ref else ""
        return weights, tuple(weights), [*notes, f"{what}: from {req.weights_source}{when}"]
    if region is None:
        raise _no_members(None, "no recipients given")
    if not region.members:
        raise _no_members(region, "")
    names = region.member_names()
    counts = [m.inhabitants for m in region.members]
    lines = [f"Recipients: the {len(names)} members of {region.name}, built in ({_members_source(region)})"]
    if all(c is not None for c in counts):
        first = counts[0]
        assert first is not None
        if first.reference_date is not None:
            date = f"; reference date {first.reference_date.isoformat()}"
        else:
            date = "" if "reference date" in first.source else "; reference date not stated"
        lines.append(f"Inhabitants: {first.source}{date}")
        return {m.name: m.inhabitants.count for m in region.members if m.inhabitants}, names, lines
    if needs_weights:
        missing = [m.name for m in region.members if m.inhabitants is None]
        msg = (
            f"the built-in members of {region.name} have no inhabitant counts "
            f"({', '.join(missing)}); give them with --weights FILE: a CSV file of "
            f"name,inhabitants rows or a TOML file with a [weights] table"
        )
        raise InputFileError(msg)
    return None, names, lines


def _members_source(region: Region) -> str:
    return region.source.split("members: ", 1)[-1]


def _match_members(
    weights: dict[str, int | Decimal | Fraction], region: Region
) -> tuple[dict[str, int | Decimal | Fraction], list[str]]:
    """The weights by member name; a name that is not a member, or a member missing, is an error."""
    members = region.member_names()
    result: dict[str, int | Decimal | Fraction] = {}
    notes = []
    for name, weight in weights.items():
        try:
            found = _names.resolve(
                name, members, what=f"member of {region.name}", aliases=_municipality_aliases()
            )
        except UnknownNameError as e:
            msg = f"{e} (the members: {', '.join(members)})"
            raise UnknownNameError(msg) from None
        if found.note:
            notes.append(f"Name: {found.note}")
        result[found.name] = weight
    missing = [m for m in members if m not in result]
    if missing:
        msg = (
            f"the weights name no {', '.join(missing)}, member{'s' if len(missing) > 1 else ''} "
            f"of {region.name}; give a weight for every member ({', '.join(members)})"
        )
        raise InputFileError(msg)
    return result, notes


def _key(parts: Sequence[KeyPart], recipients: tuple[str, ...], weights: Mapping[str, Any] | None) -> AllocationKey:
    keys: list[tuple[Fraction, AllocationKey]] = []
    for part in parts:
        sub: AllocationKey
        if part.basis == "equal":
            sub = Equal(recipients)
        else:
            assert weights is not None
            sub = ProRata(weights) if part.basis == "inhabitants" else Fixed(weights)
        keys.append((part.weight, sub))
    return keys[0][1] if len(keys) == 1 else Composite(keys)

"""
Reading a grant, its transfers and the spending from TOML text for
``izafunding sisa``, and the command's text; no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

import attrs

from .._core.keys import Equal, ProRata
from .._core.money import Money
from .._schemes.grants import Grant
from .._schemes.members import OverspendRule, RegionAgreement
from .._schemes.settlement import Settlement
from .._schemes.sisa import SisaWording
from ..errors import FundingError
from ..schemes import by_name
from .inputs import TomlLocator, check_keys, fail, field_money, parse_toml, text_field


__all__ = ["SISA_TOML", "SisaFile", "parse_sisa_toml"]

#: A file to start from: Midden-IJssel 2023 (seed 000), the spending chosen for the example.
SISA_TOML: Final = """\
# A grant, what was passed on to the members and what each spent, for `izafunding sisa FILE.toml`.
# Amounts in Dutch notation ("€ 1.438.963", "€ 1.438.963,50") or whole euros (1438963).
scheme = "SPUK IZA"            # "SPUK IZA", "SPUK GALA", or another scheme by name
recipient = "Midden-IJssel"    # the region for SPUK IZA
applicant = "Deventer"         # the mandated municipality (needed to settle per member)
# year = 2023                  # optional: only this SiSa year (default: every year spent)

[awarded]
2023 = "€ 1.438.963"

# What the mandated municipality passed on to each member; under its own name,
# optionally, the part it kept for its own activities (default: all the rest).
[transferred.2023]
Raalte = "€ 101.200"
Voorst = "€ 135.000"
Olst-Wijhe = "€ 257.600"
Deventer = "€ 801.500"

# What each municipality spent (the mandated one under its own name). For a grant
# without members write one amount per year under [spent]: 2023 = "€ 1.295.300".
[spent.2023]
Deventer = "€ 780.000"
Raalte = "€ 101.200"
Voorst = "€ 120.000"
Olst-Wijhe = "€ 260.000"

# Optional: what the region agreed between its members.
# [agreement]
# overspend = "own"            # "own" (default: stays the member's own money) or "pooled"
# repayment = "own money"      # "own money" (default), "equal", or "inhabitants"
# [agreement.inhabitants]      # for repayment = "inhabitants"
# Deventer = 101236

# Optional: the verified wording of an indicator, from the year's SiSa annex.
# [wording."iza.member"]
# code = "H35B"
# indicator = "02"
# label = "..."
# control = "R"
# source = "SiSa-bijlage 2023"
"""

_KEYS: Final = (
    "scheme",
    "recipient",
    "applicant",
    "source",
    "year",
    "awarded",
    "transferred",
    "spent",
    "agreement",
    "wording",
)
_YEAR = re.compile(r"^\d{4}$")


@attrs.frozen(kw_only=True)
class SisaFile:
    """What a ``sisa`` file holds, as domain values."""

    grant: Grant
    spent: Mapping[int, Any]
    transferred: Mapping[int, Mapping[str, Money]]
    agreement: RegionAgreement | None
    wording: Mapping[str, SisaWording]
    year: int | None

    def settle(self) -> Settlement:
        """The settlement (per member where the spending is given per municipality)."""
        if self.transferred or self.agreement is not None:
            return self.grant.settle(
                self.spent, transferred=self.transferred, agreement=self.agreement
            )
        return self.grant.settle(self.spent)


def _year(key: object, where: str) -> int:
    if not _YEAR.match(str(key)):
        raise fail(where, f"expected a year such as 2023 as the key, got {key!r}")
    return int(str(key))


def _amount(value: object, where: str) -> Money:
    amount = field_money(value, where=where)
    if amount.cents < 0:
        raise fail(where, f"must not be negative (got {amount})")
    return amount


def _table(doc: Mapping[str, Any], name: str, loc: TomlLocator) -> Mapping[str, Any]:
    value = doc.get(name, {})
    if not isinstance(value, Mapping):
        raise fail(loc.where(None, None, name), f"must be a table [{name}]")
    return value


def _per_year(
    doc: Mapping[str, Any], name: str, loc: TomlLocator
) -> dict[int, Money | dict[str, Money]]:
    out: dict[int, Money | dict[str, Money]] = {}
    for key, value in _table(doc, name, loc).items():
        year = _year(key, loc.where(name, None, str(key)))
        if isinstance(value, Mapping):
            out[year] = {
                str(k): _amount(v, loc.where(f"{name}.{key}", None, str(k)))
                for k, v in value.items()
            }
        else:
            out[year] = _amount(value, loc.where(name, None, str(key)))
    return out


def _agreement(doc: Mapping[str, Any], loc: TomlLocator) -> RegionAgreement | None:
    if "agreement" not in doc:
        return None
    table = _table(doc, "agreement", loc)
    where = loc.where("agreement")
    check_keys(table, ("overspend", "repayment", "inhabitants", "source"), where)
    overspend = table.get("overspend", "own")
    rules = {"own": OverspendRule.OWN, "pooled": OverspendRule.POOLED}
    if overspend not in rules:
        raise fail(
            loc.where("agreement", None, "overspend"),
            f"must be \"own\" or \"pooled\" (got {overspend!r})",
        )
    repayment = table.get("repayment", "own money")
    key: Equal | ProRata | None = None
    if repayment == "inhabitants":
        weights = table.get("inhabitants")
        if not isinstance(weights, Mapping) or not weights:
            raise fail(
                loc.where("agreement.inhabitants"),
                "missing; add an [agreement.inhabitants] table, a line per municipality",
            )
        for name, count in weights.items():
            if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                raise fail(
                    loc.where("agreement.inhabitants", None, str(name)),
                    f"must be a whole number of inhabitants (got {count!r})",
                )
        key = ProRata({str(k): v for k, v in weights.items()})
    elif repayment not in ("own money", "equal"):
        raise fail(
            loc.where("agreement", None, "repayment"),
            f"must be \"own money\", \"equal\" or \"inhabitants\" (got {repayment!r})",
        )
    source = text_field(table, "source", where, required=False) or "the region's agreement (file)"
    # repayment = "equal": the key is completed from the names in the file (_equal_key).
    return RegionAgreement(overspend=rules[overspend], repayment_key=key, source=source)


def _equal_key(doc: Mapping[str, Any], parsed: SisaFile) -> SisaFile:
    """``repayment = "equal"``: every municipality with an account bears an equal share."""
    table = doc.get("agreement", {})
    if not isinstance(table, Mapping) or table.get("repayment") != "equal" or not parsed.agreement:
        return parsed
    names: list[str] = [parsed.grant.applicant or ""]
    for part in (*parsed.transferred.values(), *parsed.spent.values()):
        if isinstance(part, Mapping):
            names += [n for n in part if n not in names]
    key = Equal([n for n in names if n])
    return attrs.evolve(parsed, agreement=attrs.evolve(parsed.agreement, repayment_key=key))


def _wording(doc: Mapping[str, Any], loc: TomlLocator) -> dict[str, SisaWording]:
    out: dict[str, SisaWording] = {}
    for key, table in _table(doc, "wording", loc).items():
        where = loc.where(f'wording."{key}"')
        if not isinstance(table, Mapping):
            raise fail(where, "must be a table with code, indicator, label, control, source")
        check_keys(table, ("code", "indicator", "label", "control", "source"), where)
        fields = {
            f: text_field(table, f, where, required=False) or None
            for f in ("code", "indicator", "label", "control")
        }
        try:
            out[str(key)] = SisaWording(source=text_field(table, "source", where), **fields)
        except FundingError as e:
            raise fail(where, str(e)) from None
    return out


def parse_sisa_toml(text: str, source: str) -> SisaFile:
    """
    The grant, transfers, spending, agreement and wording of a ``sisa`` file
    (see :data:`SISA_TOML`). Every error names the file, the line and the field.

    >>> f = parse_sisa_toml(SISA_TOML, "sisa.toml")
    >>> f.grant.recipient, f.transferred[2023]["Raalte"]
    ('Midden-IJssel', Money('101200.00'))
    >>> parse_sisa_toml(SISA_TOML.replace('Voorst = "€ 135.000"', 'Voorst = "veel"'), "s.toml")
    Traceback (most recent call last):
    ...
    izafunding.errors.InputFileError: s.toml: line 15: [transferred.2023], field 'Voorst': cannot read 'veel' ...

    Raises:
        InputFileError: The text is not a valid ``sisa`` file.
    """
    doc = parse_toml(text, source)
    loc = TomlLocator.of(text, source)
    check_keys(doc, _KEYS, source)
    try:
        scheme = by_name(text_field(doc, "scheme", loc.where(None, None, "scheme")))
    except FundingError as e:
        raise fail(loc.where(None, None, "scheme"), str(e)) from None
    recipient = text_field(doc, "recipient", loc.where(None, None, "recipient"))
    applicant = text_field(doc, "applicant", loc.where(None, None, "applicant"), required=False)
    year = doc.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise fail(loc.where(None, None, "year"), f"must be a year such as 2023 (got {year!r})")
    awarded = _per_year(doc, "awarded", loc)
    if not awarded:
        raise fail(loc.where("awarded"), 'missing; add an [awarded] table, such as 2023 = "€ 1.438.963"')
    try:
        grant = Grant(
            scheme=scheme,
            recipient=recipient,
            awarded=awarded,
            applicant=applicant or None,
            source=text_field(doc, "source", source, required=False) or source,
        )
    except FundingError as e:
        raise fail(loc.where("awarded"), str(e)) from None
    spent = _per_year(doc, "spent", loc)
    if not spent:
        raise fail(loc.where("spent"), "missing; add a [spent] table or [spent.YEAR] tables")
    transferred: dict[int, Mapping[str, Money]] = {}
    for y, part in _per_year(doc, "transferred", loc).items():
        if not isinstance(part, Mapping):
            raise fail(
                loc.where("transferred", None, str(y)),
                f"write a table [transferred.{y}] with a line per member",
            )
        transferred[y] = part
    parsed = SisaFile(
        grant=grant,
        spent=spent,
        transferred=transferred,
        agreement=_agreement(doc, loc),
        wording=_wording(doc, loc),
        year=year,
    )
    return _equal_key(doc, parsed)

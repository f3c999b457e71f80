"""
Reading a grant and its spending from TOML text, and the texts of
``izafunding settle`` and ``izafunding award``; no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

import attrs

from .._core.money import Money
from .._schemes.grants import Grant
from .._schemes.scheme import Scheme
from ..errors import FundingError, InputFileError, UnknownNameError
from ..schemes import by_name
from .award import render_award  # its home is .award (the award command loads only the tables)
from .inputs import field_money, field_str, parse_toml


__all__ = ["EXAMPLE_TOML", "parse_grant_toml", "render_award", "render_settle_file"]

#: A grant file to start from (the Midden-IJssel plan of seed 000 spent in full).
EXAMPLE_TOML: Final = """\
# A grant (beschikking) and what was spent, for `izafunding settle FILE.toml`.
# Amounts in Dutch notation ("€ 1.438.963", "€ 1.438.963,50") or whole euros (1438963).
scheme = "SPUK IZA"            # "SPUK IZA", "SPUK GALA" or "SPUK Transformatiemiddelen"
recipient = "Midden-IJssel"    # a region for SPUK IZA, a municipality otherwise
applicant = "Deventer"         # optional: the mandated or lead municipality

[awarded]                      # or: awarded = "published" (the VWS tables, 2025 and 2026)
2023 = "€ 1.438.963"

# For SPUK GALA 2023 and 2024 (walls between components), give a table per year:
# [awarded.2023]
# "Kansrijke Start" = "€ 50.000"

# [advances]                   # optional; default: the scheme's advance (100%)
# 2023 = "€ 1.438.963"

[spent]
2023 = "€ 1.295.300"
"""

_KEYS: Final = ("scheme", "recipient", "applicant", "source", "awarded", "advances", "spent")
_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")
_KEY = re.compile(
    r"""^\s*((?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+)(?:\s*\.\s*(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+))*)\s*="""
)
_PART = re.compile(r"""\s*("([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*""")


def _parts(dotted: str) -> tuple[str, ...]:
    return tuple(
        m[2] if m[2] is not None else m[3] if m[3] is not None else m[4]
        for m in _PART.finditer(dotted)
    )


def _line_of(text: str, path: tuple[str, ...]) -> int | None:
    """The line on which the field *path* is written (or its table starts)."""
    table: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), start=1):
        if m := _HEADER.match(line):
            table = _parts(m[1])
            if table == path:
                return number
            continue
        if (m := _KEY.match(line)) and table + _parts(m[1]) == path:
            return number
    return None


class _Where:
    """Builds 'file: line N, field' locations for errors."""

    def __init__(self, text: str, source: str) -> None:
        self.text = text
        self.source = source

    def __call__(self, *path: str) -> str:
        field = ".".join(f'"{p}"' if not re.fullmatch(r"[A-Za-z0-9_-]+", p) else p for p in path)
        line = _line_of(self.text, path)
        return f"{self.source}: line {line}, {field}" if line else f"{self.source}: {field}"

    def error(self, path: tuple[str, ...], message: str) -> InputFileError:
        return InputFileError(f"{self(*path)}: {message}")


def _year(key: str, where: _Where, table: str, scheme: Scheme) -> int:
    if not re.fullmatch(r"[0-9]{4}", key.strip()):
        raise where.error((table, key), f"expected a year such as 2025 as the key, got {key!r}")
    year = int(key)
    try:
        return scheme.check_year(year)
    except FundingError as e:
        raise where.error((table, key), str(e)) from None


def _amounts(
    doc: Mapping[str, Any], table: str, where: _Where, scheme: Scheme, *, components: bool
) -> dict[int, Money | dict[str, Money]]:
    if table not in doc:
        return {}
    value = doc[table]
    if not isinstance(value, Mapping):
        raise where.error(
            (table,), f'must be a table [{table}] with a line per year, such as 2025 = "€ 880.962"'
        )
    result: dict[int, Money | dict[str, Money]] = {}
    for key, amount in value.items():
        year = _year(str(key), where, table, scheme)
        walls = scheme.rules_for(year).has_walls and bool(scheme.components)
        if isinstance(amount, Mapping):
            if not components or not scheme.components:
                raise where.error(
                    (table, str(key)),
                    f"{scheme.name} takes one amount for {year} here, not a table of components",
                )
            parts: dict[str, Money] = {}
            for name, part in amount.items():
                try:
                    scheme.component(str(name))
                except UnknownNameError as e:
                    raise where.error((table, str(key), str(name)), str(e)) from None
                parts[str(name)] = _money(part, where, (table, str(key), str(name)))
            result[year] = parts
        else:
            if walls and components:
                raise where.error(
                    (table, str(key)),
                    f"in {year} {scheme.name} has walls between components: write a table "
                    f'[{table}.{year}] with a line per component, such as "Kansrijke Start" = '
                    f'"€ 50.000"',
                )
            result[year] = _money(amount, where, (table, str(key)))
    return result


def _money(value: object, where: _Where, path: tuple[str, ...]) -> Money:
    amount = field_money(value, where=where(*path))
    if amount.cents < 0:
        raise where.error(path, f"must not be negative (got {amount})")
    return amount


def parse_grant_toml(text: str, source: str) -> tuple[Grant, dict[int, Money | dict[str, Money]]]:
    """
    A grant and its spending from the TOML text of a grant file (see
    :data:`EXAMPLE_TOML`). Every error names the file, the line and the field.

    >>> grant, spent = parse_grant_toml(EXAMPLE_TOML, "grant.toml")
    >>> grant.recipient, spent
    ('Midden-IJssel', {2023: Money('1295300.00')})
    >>> parse_grant_toml(EXAMPLE_TOML.replace("€ 1.295.300", "€ 1.5"), "g.toml")
    Traceback (most recent call last):
    ...
    izafunding.errors.InputFileError: g.toml: line 18, spent.2023: cannot read '€ 1.5' as an amount: ...

    Raises:
        InputFileError: The text is not a valid grant file.
    """
    doc = parse_toml(text, source)
    where = _Where(text, source)
    unknown = [k for k in doc if k not in _KEYS]
    if unknown:
        raise where.error((unknown[0],), f"unknown field; the fields are {', '.join(_KEYS)}")
    try:
        scheme = by_name(field_str(doc, "scheme", source=source))
    except UnknownNameError as e:
        raise where.error(("scheme",), str(e)) from None
    recipient = field_str(doc, "recipient", source=source)
    applicant = field_str(doc, "applicant", source=source) if "applicant" in doc else None
    grant_source = field_str(doc, "source", source=source) if "source" in doc else source
    if doc.get("awarded") == "published":
        advances_raw = _amounts(doc, "advances", where, scheme, components=False)
        advances = {y: a for y, a in advances_raw.items() if isinstance(a, Money)}
        try:
            grant = Grant.from_published(scheme, recipient)
            grant = attrs.evolve(
                grant,
                source=grant_source,
                applicant=grant.applicant if applicant is None else applicant,
                advances=advances or grant.advances,
            )
        except FundingError as e:
            raise where.error(("awarded",), str(e)) from None
    else:
        if "awarded" not in doc:
            raise where.error(
                ("awarded",),
                'missing; add an [awarded] table (a line per year) or awarded = "published"',
            )
        awarded = _amounts(doc, "awarded", where, scheme, components=True)
        advances_raw = _amounts(doc, "advances", where, scheme, components=False)
        advances = {y: a for y, a in advances_raw.items() if isinstance(a, Money)}
        if not awarded:
            raise where.error(
                ("awarded",), 'must name at least one year, such as 2025 = "€ 880.962"'
            )
        try:
            grant = Grant(
                scheme=scheme,
                recipient=recipient,
                awarded=awarded,
                advances=advances or None,
                applicant=applicant,
                source=grant_source,
            )
        except FundingError as e:
            raise where.error(("awarded",), str(e)) from None
    if "spent" not in doc:
        raise where.error(("spent",), "missing; add a [spent] table with a line per year")
    spent = _amounts(doc, "spent", where, scheme, components=True)
    return grant, spent


def render_settle_file(text: str, source: str, *, explain: bool = False) -> str:
    """
    The settlement of the grant file *text*, as ``izafunding settle`` prints it.

    >>> print(render_settle_file(EXAMPLE_TOML, "grant.toml"))
    SPUK IZA: settlement for Midden-IJssel (applicant Deventer)
    ...
    Advances paid € 1.438.963,00; eligible € 1.295.300,00; to repay € 143.663,00
    ...
    """
    grant, spent = parse_grant_toml(text, source)
    try:
        settlement = grant.settle(spent)
    except FundingError as e:
        where = "" if str(e).startswith("spent") else "spent: "
        msg = f"{source}: {where}{e}"
        raise InputFileError(msg) from None
    out = settlement.render()
    if explain:
        out += "\n\nHow it was computed:\n" + "\n".join(settlement.explain())
    return out

"""
JSON-safe data of a table and a deterministic receipt of a result.

Every value becomes data ``json.dumps`` writes without a ``default=``: an amount as
``{"euros": "1234.50", "cents": 123450}`` (an exact decimal string and integer cents); an exact
amount as ``{"euros": ..., "exact": "n/d", "cents": ...}`` (cents rounded half up); a share or
a probability as ``{"fraction": "n/d", "decimal": "0.125"}``; a date as ISO text.

A :func:`receipt` is the whole record of a result: a format version, the library version, the
inputs, every figure, every rule applied with its source and validity, the findings and a
SHA-256 hash of the inputs. It holds no timestamp, so the same input gives the same bytes
(:func:`receipt_json`).

>>> from izafunding import Money
>>> encode(Kind.MONEY, Money("1234.5"))
{'euros': '1234.50', 'cents': 123450}
>>> from fractions import Fraction
>>> encode(Kind.SHARE, Fraction(1, 3))
{'fraction': '1/3', 'decimal': '0.3333333333'}
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import date
from fractions import Fraction
from typing import Any

from .._core.findings import Finding
from .._core.money import Money, RoundingMode
from .._version import __version__
from .formats import decimal_text, fraction
from .table import Column, Kind, Report, Rule, Table, TableError, as_fraction


__all__ = [
    "RECEIPT_FORMAT",
    "decode",
    "encode",
    "finding_to_dict",
    "inputs_hash",
    "money_to_dict",
    "receipt",
    "receipt_json",
    "table_from_dict",
    "table_to_dict",
]

#: The version of the receipt's layout; raised when a field changes meaning.
RECEIPT_FORMAT = "izafunding-receipt/1"


def money_to_dict(amount: Money) -> dict[str, Any]:
    """An amount as an exact decimal string of euros and integer cents."""
    return {"euros": decimal_text(amount.amount), "cents": amount.cents}


def encode(kind: Kind, value: object) -> Any:
    """The JSON-safe form of one cell of a column of *kind*."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if kind is Kind.MONEY:
        assert isinstance(value, Money)
        return money_to_dict(value)
    if kind is Kind.EXACT_MONEY:
        exact = as_fraction(value)
        cents = Money.from_fraction(exact, rounding=RoundingMode.HALF_UP).cents
        return {"euros": decimal_text(exact), "exact": fraction(exact), "cents": cents}
    if kind in (Kind.SHARE, Kind.PERCENTAGE):
        exact = as_fraction(value)
        return {"fraction": fraction(exact), "decimal": decimal_text(exact)}
    if kind is Kind.DATE:
        assert isinstance(value, date)
        return value.isoformat()
    return value


def _bad(kind: Kind, value: object) -> TableError:
    msg = f"cannot read a {kind.value} cell from {value!r}"
    return TableError(msg)


def _fraction(text: object, kind: Kind) -> Fraction:
    if not isinstance(text, str) or "/" not in text:
        raise _bad(kind, text)
    num, _, den = text.partition("/")
    try:
        return Fraction(int(num), int(den))
    except (ValueError, ZeroDivisionError):
        raise _bad(kind, text) from None


def decode(kind: Kind, data: Any) -> object:
    """
    A cell back from :func:`encode`.

    Raises:
        TableError: The data is not what :func:`encode` writes for *kind*.
    """
    if data is None:
        return None
    if kind is Kind.TEXT:
        if not isinstance(data, str):
            raise _bad(kind, data)
        return data
    if kind is Kind.DATE:
        if not isinstance(data, str):
            raise _bad(kind, data)
        try:
            return date.fromisoformat(data)
        except ValueError:
            return data  # a label such as "-"
    if isinstance(data, str):
        return data
    if kind is Kind.FLAG:
        if type(data) is not bool:
            raise _bad(kind, data)
        return data
    if kind is Kind.COUNT:
        if type(data) is not int:
            raise _bad(kind, data)
        return data
    if not isinstance(data, Mapping):
        raise _bad(kind, data)
    if kind is Kind.MONEY:
        cents = data.get("cents")
        if type(cents) is not int or data.get("euros") != decimal_text(Money.from_cents(cents).amount):
            raise _bad(kind, data)
        return Money.from_cents(cents)
    key = "exact" if kind is Kind.EXACT_MONEY else "fraction"
    return _fraction(data.get(key), kind)


def table_to_dict(table: Table) -> dict[str, Any]:
    """The table as JSON-safe data: columns, rows and totals (each a key -> value mapping)."""

    def rows(part: tuple[tuple[object, ...], ...]) -> list[dict[str, Any]]:
        return [
            {c.key: encode(c.kind, v) for c, v in zip(table.columns, row, strict=True)}
            for row in part
        ]

    return {
        "name": table.name,
        "title": table.title,
        "columns": [
            {
                "key": c.key,
                "title": c.title,
                "kind": c.kind.value,
                "format": c.format,
                "missing": c.missing,
                "align": c.align,
                "shown": c.shown,
                "plain": c.plain,
            }
            for c in table.columns
        ],
        "rows": rows(table.rows),
        "totals": rows(table.footer),
        "notes": list(table.notes),
    }


def table_from_dict(data: Mapping[str, Any]) -> Table:
    """
    A table back from :func:`table_to_dict`, equal to the original.

    Raises:
        TableError: The data is malformed.
    """
    try:
        columns = tuple(
            Column(
                key=c["key"],
                title=c["title"],
                kind=Kind(c["kind"]),
                format=c["format"],
                missing=c["missing"],
                align=c["align"],
                shown=bool(c.get("shown", True)),
                plain=bool(c.get("plain", True)),
            )
            for c in data["columns"]
        )

        def rows(part: list[Mapping[str, Any]]) -> list[tuple[object, ...]]:
            return [tuple(decode(c.kind, row[c.key]) for c in columns) for row in part]

        return Table(
            name=data["name"],
            title=data["title"],
            columns=columns,
            rows=rows(data["rows"]),
            footer=rows(data["totals"]),
            notes=tuple(data["notes"]),
        )
    except (KeyError, TypeError, ValueError) as e:
        if isinstance(e, TableError):
            raise
        msg = f"cannot read a table from this data: {type(e).__name__} {e}"
        raise TableError(msg) from None


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    """A finding as JSON-safe data."""
    return {
        "kind": finding.kind.value,
        "message": finding.message,
        "source": finding.source,
        "amount": None if finding.amount is None else money_to_dict(finding.amount),
        "year": finding.year,
        "component": finding.component,
    }


def _canonical(data: Any) -> bytes:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def inputs_hash(inputs: Mapping[str, Any]) -> str:
    """The SHA-256 of the inputs' canonical JSON (sorted keys, no spaces, UTF-8)."""
    return hashlib.sha256(_canonical(inputs)).hexdigest()


def _rule(rule: Rule) -> dict[str, str]:
    return {"text": rule.text, "source": rule.source, "valid": rule.valid}


def receipt(report: Report) -> dict[str, Any]:
    """The deterministic receipt of a result (see the module)."""
    inputs = json.loads(_canonical(report.inputs))  # refuses what is not JSON-safe
    return {
        "format": RECEIPT_FORMAT,
        "library": {"name": "izafunding", "version": __version__},
        "kind": report.kind,
        "title": report.title,
        "inputs": inputs,
        "inputs_sha256": inputs_hash(inputs),
        "figures": [table_to_dict(t) for t in report.tables],
        "explanation": list(report.explanation),
        "rules": [_rule(r) for r in report.rules],
        "sources": list(report.sources),
        "findings": [finding_to_dict(f) for f in report.findings],
    }


def receipt_json(report: Report) -> str:
    """The receipt as JSON text: sorted keys, two-space indent, UTF-8 text, a final newline."""
    return json.dumps(receipt(report), sort_keys=True, ensure_ascii=False, indent=2) + "\n"

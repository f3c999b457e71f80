"""
CSV of a table, in two dialects.

``excel-nl`` is what Dutch Excel opens without a wizard: semicolons, a decimal comma, no
thousands separator, and a UTF-8 byte-order mark so the euro sign survives. ``plain`` is for
programs: commas, a decimal point, the column keys as headings, no mark.

Numbers are exact. An amount is written in euros with its cents (``1438963,00``); an exact
amount or a share with all its decimals when they end. Where a column holds a value whose
decimals do not end (a third), the decimal is cut at 10 places and a column ``<key> exact``
next to it holds the exact fraction ``n/d``.

>>> from izafunding import Money
>>> from izafunding._render.table import Column, Kind, Table
>>> t = Table(title="t", columns=(Column(key="name"), Column(key="amount", kind=Kind.MONEY)),
...           rows=(("a", Money("1234.5")),))
>>> to_csv(t, dialect="plain")
'name,amount\\r\\na,1234.50\\r\\n'
>>> to_csv(t, dialect="excel-nl")
'\\ufeffname;amount\\r\\na;1234,50\\r\\n'
"""

from __future__ import annotations

import csv
import io
from fractions import Fraction

from .._core.money import Money
from .formats import decimal_text, fraction
from .table import Column, Kind, Table, TableError, as_fraction


__all__ = ["DIALECTS", "to_csv"]

#: The dialects: name -> (delimiter, decimal comma, byte-order mark, headings are titles).
DIALECTS: dict[str, tuple[str, bool, bool, bool]] = {
    "excel-nl": (";", True, True, True),
    "plain": (",", False, False, False),
}

_EXACT = (Kind.EXACT_MONEY, Kind.SHARE, Kind.PERCENTAGE)


def _terminates(value: object) -> bool:
    if not isinstance(value, (Fraction, int)):
        return True
    den = Fraction(value).denominator
    for p in (2, 5):
        while den % p == 0:
            den //= p
    return den == 1


def _cell(column: Column, value: object, comma: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, Money):
        return decimal_text(value.amount, decimal_comma=comma)
    if isinstance(value, str):
        return value
    if column.kind in _EXACT:
        return decimal_text(as_fraction(value), decimal_comma=comma)
    if column.kind is Kind.DATE:
        return value.isoformat()  # type: ignore[attr-defined,no-any-return]
    if column.kind is Kind.FLAG:
        return "yes" if value else "no"
    return str(value)


def to_csv(table: Table, *, dialect: str = "excel-nl") -> str:
    """
    The table (body, then its total rows) as CSV text in *dialect*.

    Raises:
        TableError: An unknown dialect.
    """
    if dialect not in DIALECTS:
        msg = f"unknown CSV dialect {dialect!r}; dialects are {', '.join(DIALECTS)}"
        raise TableError(msg)
    delimiter, comma, bom, titles = DIALECTS[dialect]
    rows = [*table.rows, *table.footer]
    exact_too = {
        i
        for i, c in enumerate(table.columns)
        if c.kind in _EXACT and not all(_terminates(r[i]) for r in rows)
    }
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    head: list[str] = []
    for i, c in enumerate(table.columns):
        head.append(c.title if titles else c.key)
        if i in exact_too:
            head.append(f"{c.title if titles else c.key} exact")
    writer.writerow(head)
    for row in rows:
        cells: list[str] = []
        for i, (c, v) in enumerate(zip(table.columns, row, strict=True)):
            cells.append(_cell(c, v, comma))
            if i in exact_too:
                cells.append("" if not isinstance(v, (Fraction, int)) else fraction(Fraction(v)))
        writer.writerow(cells)
    return ("\ufeff" if bom else "") + out.getvalue()

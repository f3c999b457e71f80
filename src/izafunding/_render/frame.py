"""
pandas DataFrames of a table (extra ``pandas``), with no float inside the library.

An amount column ``amount`` becomes two: ``amount_cents`` (integers, ``int64``) and ``amount``
(exact ``Decimal`` euros). An exact amount becomes ``<key>_cents`` (rounded half up) and the
exact ``Fraction``; shares and percentages stay ``Fraction``. For plotting, numeric euros are
one line away, on the caller's side::

    df["amount_cents"] / 100
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from .._money import Money, RoundingMode
from .extras import require
from .table import Kind, Table


__all__ = ["to_frame"]


def to_frame(table: Table, *, totals: bool = False) -> Any:
    """
    The table's body (and with *totals* its total rows) as a ``pandas.DataFrame``.

    Raises:
        MissingExtraError: pandas is not installed (``install izafunding[pandas]``).
    """
    pd = require("pandas", "pandas", "a DataFrame")
    rows = [*table.rows, *(table.footer if totals else ())]
    data: dict[str, Any] = {}
    for i, c in enumerate(table.columns):
        values = [row[i] for row in rows]
        if c.kind is Kind.MONEY:
            cents = [v.cents if isinstance(v, Money) else None for v in values]
            data[f"{c.key}_cents"] = pd.array(cents, dtype="Int64")
            data[c.key] = pd.Series([v.amount if isinstance(v, Money) else v for v in values], dtype=object)
        elif c.kind is Kind.EXACT_MONEY:
            data[f"{c.key}_cents"] = pd.array(
                [
                    Money.from_fraction(Fraction(v), rounding=RoundingMode.HALF_UP).cents
                    if isinstance(v, (Fraction, int))
                    else None
                    for v in values
                ],
                dtype="Int64",
            )
            data[c.key] = pd.Series(values, dtype=object)
        elif c.kind is Kind.COUNT and all(isinstance(v, int) for v in values):
            data[c.key] = pd.array(values, dtype="Int64")
        else:
            data[c.key] = pd.Series(values, dtype=object)
    return pd.DataFrame(data)

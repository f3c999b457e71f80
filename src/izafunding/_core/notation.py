"""
Numbers in Dutch notation, pure and free of the value objects: euros from a whole number of
cents (the one implementation behind ``Money.format``, and so every euro the library writes;
the award command's quick path writes its euros with it without loading attrs), grouped
counts and exact numbers (which :mod:`izafunding._render.formats` names among its formatters,
and which an allocation key's explanation uses in the core).
"""

from __future__ import annotations

from typing import TYPE_CHECKING


if TYPE_CHECKING:
    from fractions import Fraction


__all__ = ["count", "euro_text", "fraction", "number"]


def euro_text(cents: int, *, whole: bool = False, compact: bool = False) -> str:
    """
    *cents* as ``€ 1.438.963,00``; with *whole* or *compact* as ``€ 1.438.963`` when there
    are no cents (:meth:`Money.format <izafunding.Money.format>` refuses *whole* with cents
    before it gets here; *compact* then writes the cents).

    >>> euro_text(143896300), euro_text(-651400, whole=True), euro_text(50, compact=True)
    ('€ 1.438.963,00', '-€ 6.514', '€ 0,50')
    """
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    grouped = f"{euros:,}".replace(",", ".")
    if (whole or compact) and not rest:
        return f"{sign}€ {grouped}"
    return f"{sign}€ {grouped},{rest:02d}"


def count(n: int) -> str:
    """A whole number with Dutch thousands dots: ``29.683``."""
    return f"{n:,}".replace(",", ".")


def number(value: Fraction) -> str:
    """An exact number: integers grouped, decimals with a comma, others as ``n/d``."""
    # Here, not at the top: the award command's quick path uses euro_text without them.
    from decimal import Decimal
    from fractions import Fraction

    if value.denominator == 1:
        return count(value.numerator)
    as_decimal = Decimal(value.numerator) / Decimal(value.denominator)
    if Fraction(as_decimal) == value:
        return str(as_decimal).replace(".", ",")
    return fraction(value)


def fraction(value: Fraction) -> str:
    """An exact ratio as ``n/d`` (``1/1`` for one)."""
    return f"{value.numerator}/{value.denominator}"

"""
Euros in Dutch notation from a whole number of cents: the one implementation behind
``Money.format`` (and so every euro the library writes), pure and free of the value objects,
so that the award command's quick path writes its euros with it without loading attrs.
"""

from __future__ import annotations


__all__ = ["euro_text"]


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

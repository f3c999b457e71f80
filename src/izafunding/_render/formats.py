"""
The formatters: every way the library writes a figure as text, each variant named once.

Every result's text, HTML and export goes through these; the restructure replaced the
private copies in the modules by them, byte for byte. Which copy each one replaced:

=====================  ======================================================  ==================
formatter              example                                                 replaces
=====================  ======================================================  ==================
:func:`euros`          ``€ 1.438.963,00`` (always cents)                       ``str(Money)``, ``_settlement._fmt``
:func:`whole_euros`    ``€ 6.514`` (refuses cents)                             ``Money.format(whole=True)``
:func:`compact_euros`  ``€ 45.021``, ``€ 755.941,25`` (cents only when there)  ``_scenarios._fmt``, ``format(m, "compact")``
:func:`exact_euros`    ``€ 20.020,8042…`` (all decimals, or 4 and an ellipsis) ``_allocation._fmt_euros``
:func:`approx_euros`   ``€ 5,00`` or ``≈ € 1,67`` (rounded to cents, marked)    ``_risk._fmt_fraction_euros``, ``_milestones._euros``
:func:`count`          ``29.683`` (grouped integer)                            ``_allocation._fmt_int``
:func:`number`         ``29.683``, ``0,25``, ``1/3`` (exact number)            ``_allocation._fmt_number``
:func:`fraction`       ``1/3``                                                 the shares in ``Allocation.explain``
:func:`share`          ``50%``, ``12,5%`` or ``1/3``                           ``_scenarios._fmt_share``
:func:`percent`        ``90%`` or ``12,35%`` (two decimals, half up)           ``_risk._fmt_pct``
:func:`percent_fixed`  ``90,00%`` (always two decimals)                        ``_risk._fmt_pct(fixed=True)``
:func:`level`          ``90%`` or ``1/3`` (a probability level)                ``_milestones._pct``
:func:`text_list`      ``a, b`` or ``none``                                    ``_milestones._fmt_areas``
:func:`yes_no`         ``yes`` or ``no``                                       (new: a flag column)
=====================  ======================================================  ==================

:func:`exact_decimal` is the plain-rows value behind :func:`exact_euros` (``_allocation.
_exact_decimal``); :func:`decimal_text` writes an exact number for a file (CSV, JSON).

>>> from fractions import Fraction
>>> from izafunding import Money
>>> euros(Money(1438963)), compact_euros(Money("755941.25")), exact_euros(Fraction(1, 3))
('€ 1.438.963,00', '€ 755.941,25', '€ 0,3333…')
>>> share(Fraction(1, 8)), percent(Fraction(1, 3)), level(Fraction(1, 3))
('12,5%', '33,33%', '1/3')
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from fractions import Fraction

from .._core.money import Money, RoundingMode
from .._core.notation import count, fraction, number


__all__ = [
    "FORMATS",
    "approx_euros",
    "compact_euros",
    "count",
    "decimal_text",
    "euros",
    "exact_decimal",
    "exact_euros",
    "fraction",
    "level",
    "number",
    "percent",
    "percent_fixed",
    "share",
    "text_list",
    "whole_euros",
    "yes_no",
]


# -- amounts --------------------------------------------------------------------------------------


def euros(amount: Money) -> str:
    """Euros and cents in Dutch notation: ``€ 1.438.963,00``, ``-€ 6.514,00``."""
    return amount.format()


def whole_euros(amount: Money) -> str:
    """
    Whole euros: ``€ 6.514``; an amount with cents is refused (it never hides them).

    Raises:
        MoneyError: The amount has cents.
    """
    return amount.format(whole=True)


def compact_euros(amount: Money) -> str:
    """Whole euros when the amount is whole (``€ 45.021``), else with cents (``€ 755.941,25``)."""
    return amount.format(compact=True)


def exact_decimal(value: Fraction) -> Decimal:
    """
    The exact ``Decimal`` of *value* when it terminates, else rounded to 10 decimals
    (for display only).

    >>> exact_decimal(Fraction(1, 4)), exact_decimal(Fraction(1, 3))
    (Decimal('0.25'), Decimal('0.3333333333'))
    """
    as_decimal = Decimal(value.numerator) / Decimal(value.denominator)
    if Fraction(as_decimal) == value:
        return as_decimal
    return round(as_decimal, 10)


def exact_euros(value: Fraction) -> str:
    """
    An exact amount of euros: all decimals when they end (at least two), else four
    decimals cut off and an ellipsis (``€ 20.020,8042…``).

    >>> exact_euros(Fraction(5)), exact_euros(Fraction(-1001, 8))
    ('€ 5,00', '-€ 125,125')
    """
    sign = "-" if value < 0 else ""
    value = abs(value)
    exact = exact_decimal(value)
    if Fraction(exact) == value:
        whole, _, decimals = f"{exact:f}".partition(".")
        decimals = (decimals + "00")[: max(2, len(decimals))]
    else:
        scaled = value.numerator * 10**4 // value.denominator
        whole, decimals = str(scaled // 10**4), f"{scaled % 10**4:04d}…"
    return f"{sign}€ {count(int(whole))},{decimals}"


def approx_euros(value: Fraction) -> str:
    """
    An exact amount rounded half up to cents, marked ``≈`` when that changed it.

    >>> approx_euros(Fraction(5)), approx_euros(Fraction(5, 3))
    ('€ 5,00', '≈ € 1,67')
    """
    rounded = Money.from_fraction(value, rounding=RoundingMode.HALF_UP)
    return str(rounded) if rounded.as_fraction() == value else f"≈ {rounded}"


# -- numbers --------------------------------------------------------------------------------------


def share(value: Fraction) -> str:
    """A share as a percentage when it is a whole or decimal percent (``12,5%``), else ``n/d``."""
    pct = value * 100
    if pct.denominator == 1:
        return f"{pct.numerator}%"
    as_text = number(pct)
    if "/" not in as_text:
        return f"{as_text}%"
    return fraction(value)


def percent(value: Fraction) -> str:
    """A probability as a percentage: whole when exact (``90%``), else two decimals half up."""
    pct = value * 100
    if pct.denominator == 1:
        return f"{pct.numerator}%"
    return percent_fixed(value)


def percent_fixed(value: Fraction) -> str:
    """A probability as a percentage with two decimals, half up: ``90,00%``, ``12,35%``."""
    rounded = Money.from_fraction(value * 100, rounding=RoundingMode.HALF_UP)
    return f"{str(rounded.amount).replace('.', ',')}%"


def level(value: Fraction) -> str:
    """A probability level: a whole percentage (``90%``), else the fraction as Python writes it."""
    pct = Fraction(value) * 100
    return f"{pct.numerator}%" if pct.denominator == 1 else f"{value}"


def text_list(items: Iterable[str]) -> str:
    """Names joined by commas, or ``none``."""
    return ", ".join(items) or "none"


def yes_no(value: bool) -> str:
    """A flag: ``yes`` or ``no``."""
    return "yes" if value else "no"


def decimal_text(value: Fraction | Decimal | int, *, decimal_comma: bool = False) -> str:
    """
    An exact number for a file: all digits when it terminates, else 10 decimals; no
    thousands separator; a decimal comma if asked.

    >>> decimal_text(Fraction(-5, 4)), decimal_text(Decimal("1438963.00"), decimal_comma=True)
    ('-1.25', '1438963,00')
    """
    text = f"{value:f}" if isinstance(value, Decimal) else f"{exact_decimal(Fraction(value)):f}"
    return text.replace(".", ",") if decimal_comma else text


#: Every formatter by name, for a :class:`~izafunding._render.table.Column`'s ``format``.
FORMATS: dict[str, Callable[..., str]] = {
    "euros": euros,
    "whole_euros": whole_euros,
    "compact_euros": compact_euros,
    "exact_euros": exact_euros,
    "approx_euros": approx_euros,
    "count": count,
    "number": number,
    "fraction": fraction,
    "share": share,
    "percent": percent,
    "percent_fixed": percent_fixed,
    "level": level,
    "text": str,
    "yes_no": yes_no,
}

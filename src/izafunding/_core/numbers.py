"""The bound on every exact number izafunding reads, and how a bad input is shown in a message."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Final

from ..errors import MoneyError


__all__ = ["MAX_NUMBER_DIGITS", "check_number_size", "shown"]


#: The one bound on every exact number izafunding reads (amounts, weights, shares,
#: chances): at most this many significant digits, and no digit further than this many
#: places before or after the decimal point. It is checked before any exact arithmetic,
#: so that a typo such as ``1e-999999999`` is refused at once instead of becoming a
#: number with a billion digits. No budget, head count or estimate comes near it.
MAX_NUMBER_DIGITS: Final = 100
_MAX_INT: Final = 10**MAX_NUMBER_DIGITS


def shown(text: str, *, limit: int = 60) -> str:
    r"""
    *text* in quotes as the user typed it, for an error message: spaces of any
    kind stay as they are (never a Python escape such as ``\xa0``), other
    control characters are escaped, and a long text is cut short.

    >>> shown("3\u00a0242\u00a0094") == "'3\u00a0242\u00a0094'"
    True
    >>> print(shown("a\tb"), shown("9" * 5000))
    'a\tb' '99999999999999999999999999999999999999999999999999...' (5000 characters)
    """
    out = []
    for char in text[:limit] if len(text) > limit else text:
        if char.isprintable() or char in "\u00a0\u202f\u2007\u2009":
            out.append(char)
        else:
            out.append(repr(char)[1:-1])
    if len(text) > limit:
        return "'" + "".join(out[: limit - 10]) + f"...' ({len(text)} characters)"
    return "'" + "".join(out) + "'"


def check_number_size(
    value: int | Decimal | Fraction, what: str, error: type[Exception] = MoneyError
) -> None:
    """
    Refuse a number beyond :data:`MAX_NUMBER_DIGITS` digits or decimal places, in
    constant time (never by building the number).

    >>> check_number_size(Decimal("1e-999999999"), "weight")
    Traceback (most recent call last):
    ...
    izafunding.errors.MoneyError: weight 1E-999999999 has too many digits or decimals: ...
    """
    if isinstance(value, Decimal):
        if not value.is_finite():
            return
        _, digits, exponent = value.as_tuple()
        assert isinstance(exponent, int)
        too_big = len(digits) > MAX_NUMBER_DIGITS or value.adjusted() >= MAX_NUMBER_DIGITS
        too_fine = exponent < -MAX_NUMBER_DIGITS
        shown_value = str(value) if len(digits) <= 60 else f"of {len(digits)} digits"
    elif isinstance(value, Fraction):
        too_big = abs(value.numerator) >= _MAX_INT
        too_fine = value.denominator >= _MAX_INT
        shown_value = "" if too_big or too_fine else str(value)
    else:
        too_big = abs(value) >= _MAX_INT
        too_fine = False
        shown_value = "" if too_big else str(value)
    if too_big or too_fine:
        shown_value = f" {shown_value}" if shown_value else ""
        msg = (
            f"{what}{shown_value} has too many digits or decimals: at most "
            f"{MAX_NUMBER_DIGITS} digits and {MAX_NUMBER_DIGITS} decimals are read"
        )
        raise error(msg)

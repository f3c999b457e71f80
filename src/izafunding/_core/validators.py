"""The checks shared by the domain's validators: an amount of money, a non-empty text."""

from __future__ import annotations

from ..errors import FloatNotAllowedError, SchemeError
from .money import Money


__all__ = ["check_money"]


def check_money(value: object, where: str) -> Money:
    """
    *value* as a non-negative ``Money``, or an error naming *where* it was.

    Raises:
        FloatNotAllowedError: A float.
        SchemeError: Not Money, or negative.
    """
    if isinstance(value, float):
        msg = (
            f"{where}: {value!r} is a float; use Money such as Money('1438963') (floats lose cents)"
        )
        raise FloatNotAllowedError(msg)
    if not isinstance(value, Money):
        msg = f"{where}: expected a Money such as Money(1438963) (got {value!r})"
        raise SchemeError(msg)
    if value.cents < 0:
        msg = f"{where}: must not be negative (got {value})"
        raise SchemeError(msg)
    return value

"""The checks shared by the domain's validators: an amount of money, a non-empty text."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import FloatNotAllowedError, FundingError, SchemeError
from .money import Money


__all__ = ["check_money", "non_empty_text"]


def non_empty_text(
    *, need: str = "be a non-empty text", error: type[FundingError] = SchemeError
) -> Callable[[Any, Any, str], None]:
    """
    An attrs validator refusing anything but a text with more than spaces in it; the message
    says the field *need*-s (``"be a non-empty name such as 'Midden-IJssel'"``) and shows the
    value given.

    >>> import attrs
    >>> @attrs.frozen
    ... class Line:
    ...     label: str = attrs.field(validator=non_empty_text())
    >>> Line(label=" ")
    Traceback (most recent call last):
    ...
    izafunding.errors.SchemeError: 'label' must be a non-empty text (got ' ')
    """

    def check(instance: Any, attribute: Any, value: str) -> None:
        text: object = value
        if not isinstance(text, str) or not text.strip():
            msg = f"'{attribute.name}' must {need} (got {value!r})"
            raise error(msg)

    return check


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

"""Stakes: money at risk on a milestone, with the exact probability that it is reached."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Final, final

import attrs

from .._core.money import Money
from .._core.numbers import check_number_size
from ..errors import FloatNotAllowedError, ProbabilityError


__all__ = ["DEFAULT_LEVELS", "Stake", "exact_probability"]

#: The probability levels a budget's risk section (*risicoparagraaf*) reports:
#: the amount not exceeded with 90% and with 95% probability.
DEFAULT_LEVELS: Final = (Fraction(9, 10), Fraction(19, 20))


def exact_probability(value: object, *, what: str = "probability") -> Fraction:
    """
    Check that *value* is an exact probability (0 to 1) and return it as a Fraction.

    Ints, ``Fraction`` and ``Decimal`` are accepted; a ``float`` is refused
    (``0.1`` is not one tenth), and so is anything outside [0, 1].

    >>> exact_probability(Decimal("0.9"))
    Fraction(9, 10)
    >>> exact_probability(0.9)
    Traceback (most recent call last):
    ...
    izafunding.errors.FloatNotAllowedError: probability must not be a float (got 0.9); ...
    >>> exact_probability(Fraction(3, 2))
    Traceback (most recent call last):
    ...
    izafunding.errors.ProbabilityError: probability must lie between 0 and 1 (got 3/2)
    """
    if isinstance(value, float):
        msg = (
            f"{what} must not be a float (got {value!r}); write it exactly, as "
            f"Fraction(9, 10) or Decimal('0.9')"
        )
        raise FloatNotAllowedError(msg)
    if isinstance(value, bool) or not isinstance(value, (int, Fraction, Decimal)):
        msg = (
            f"{what} must be a Fraction, Decimal or int between 0 and 1 "
            f"(got {value!r}, a {type(value).__name__})"
        )
        raise ProbabilityError(msg)
    if isinstance(value, Decimal) and not value.is_finite():
        msg = f"{what} must be a finite number between 0 and 1 (got {value!r})"
        raise ProbabilityError(msg)
    if isinstance(value, Decimal):
        check_number_size(value, what, ProbabilityError)
    if isinstance(value, Decimal) and not -_MAX_DIGITS <= value.adjusted() <= 0 and value != 0:
        msg = (
            f"{what} must be a number between 0 and 1 written with at most {_MAX_DIGITS} "
            f"decimals (got {value!r})"
        )
        raise ProbabilityError(msg)
    exact = Fraction(value)
    if not 0 <= exact <= 1:
        msg = f"{what} must lie between 0 and 1 (got {exact})"
        raise ProbabilityError(msg)
    return exact


# A chance such as 1e-5000 is meaningless for a budget and would make every figure
# carry thousands of digits; a hundred decimals is more than any estimate has.
_MAX_DIGITS = 100


def _chances_converter(value: Iterable[object]) -> tuple[Fraction, ...]:
    return tuple(exact_probability(c, what="chance") for c in value)


def _check_stake_amount(instance: object, attribute: attrs.Attribute[Money], value: Money) -> None:
    if not isinstance(value, Money) or value.cents < 0:
        msg = f"'{attribute.name}' must be a Money of at least € 0,00 (got {value!r})"
        raise ProbabilityError(msg)


@final
@attrs.frozen(kw_only=True)
class Stake:
    """
    Money at risk on one milestone: repaid when the milestone is missed.

    *chances* holds the probability that the milestone is reached, one per
    scenario of the common factor (a single one when chances are independent).

    >>> Stake(name="M1", amount=Money(1000), chances=(Fraction(9, 10),))
    Stake(name='M1', amount=Money('1000.00'), chances=(Fraction(9, 10),))

    Attributes:
        name: The milestone's name.

        amount: What is repaid (from money already spent) when it is missed.

        chances: Per scenario, the exact probability that it is reached.
    """

    name: str
    amount: Money = attrs.field(validator=_check_stake_amount)
    chances: tuple[Fraction, ...] = attrs.field(converter=_chances_converter)


def _check_level(q: object) -> Fraction:
    return exact_probability(q, what="level q")

"""
What every module of a scenario shares: the member split, the name that stands for the
municipalities together, and the validators of names and amounts.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final, TypeAlias, TypeVar

import attrs

from .._core.keys import AllocationKey
from .._core.money import Money
from .._core.names import did_you_mean
from .._core.validators import non_empty_text
from ..errors import FloatNotAllowedError, MoneyError, ScenarioError, UnknownNameError


__all__ = ["MUNICIPALITIES", "MemberSplit", "Split"]

#: The recipient in a cost line's shares that stands for the member
#: municipalities together; every other recipient is a partner.
MUNICIPALITIES: Final = "municipalities"

Weight: TypeAlias = int | Decimal | Fraction
T = TypeVar("T")


_check_text = non_empty_text(need="be a non-empty name", error=ScenarioError)


def _check_str(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str):
        msg = f"'{attribute.name}' must be text (got {value!r})"
        raise ScenarioError(msg)


def _check_money(instance: object, attribute: attrs.Attribute[Money], value: Money) -> None:
    if isinstance(value, float):
        msg = (
            f"'{attribute.name}' must not be a float (got {value!r}): floats lose cents; "
            f"write Money({str(value)!r})"
        )
        raise FloatNotAllowedError(msg)
    if not isinstance(value, Money):
        msg = f"'{attribute.name}' must be a Money such as Money(800000) (got {value!r})"
        raise MoneyError(msg)
    if value.cents < 0:
        msg = f"'{attribute.name}' must not be negative (got {value!r})"
        raise ScenarioError(msg)


def _as_tuple(value: object, kind: type[T], what: str) -> tuple[T, ...]:
    """A sequence as a tuple, checking each element's type."""
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        msg = f"'{what}' must be a sequence of {kind.__name__} (got {value!r})"
        raise ScenarioError(msg)
    items = tuple(value)
    for item in items:
        if not isinstance(item, kind):
            msg = f"'{what}' must hold only {kind.__name__} values (got {item!r})"
            raise ScenarioError(msg)
    return items


class MemberSplit(enum.Enum):
    """
    How an amount is split over the member municipalities (*verdeelsleutel*).

    ``EQUAL`` is the *gelijke verdeling* (every member the same part);
    ``INHABITANTS`` is *naar rato van inwonersaantallen* (in proportion to
    each member's inhabitants, as counted on their reference date). A line
    may also name any allocation key over the members' names instead.

    >>> MemberSplit.INHABITANTS.describe()
    'by inhabitants'
    """

    EQUAL = "equal"
    INHABITANTS = "inhabitants"

    def describe(self) -> str:
        """In words: 'equally' or 'by inhabitants'."""
        return "equally" if self is MemberSplit.EQUAL else "by inhabitants"


Split: TypeAlias = MemberSplit | AllocationKey


def _check_split(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, (MemberSplit, AllocationKey)):
        msg = (
            f"'{attribute.name}' must be MemberSplit.EQUAL, MemberSplit.INHABITANTS or an "
            f"allocation key over the members' names (got {value!r})"
        )
        raise ScenarioError(msg)


def _describe_split(split: Split) -> str:
    if isinstance(split, MemberSplit):
        return split.describe()
    return f"by {type(split).__name__} key"


def _check_unique(names: Sequence[str], what: str) -> None:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            msg = f"the {what} {name!r} appears twice; each {what} may appear once"
            raise ScenarioError(msg)
        seen.add(name)


def _unknown(name: object, *, what: str, known: Sequence[str]) -> UnknownNameError:
    hint = did_you_mean(str(name), list(known))
    msg = f"no {what} called {name!r} (known: {', '.join(known) or 'none'}){hint}"
    return UnknownNameError(msg)

"""Rounding policies (largest remainder, half up each) and allocate(), which divides a total by a key under one."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeAlias, final

import attrs

from ..errors import AllocationError
from .allocation import Allocation
from .keys import (
    AllocationKey,
    Composite,
    Equal,
    Fixed,
    ProRata,
    Recipient,
    _check_custom_shares,
    _check_key,
    _tie_ranks,
)
from .money import Money


__all__ = [
    "HalfUpEach",
    "LargestRemainder",
    "Rounding",
    "allocate",
]

_CENT = Money.from_cents(1)


# -- rounding policies ----------------------------------------------------------


def _check_unit(instance: object, attribute: attrs.Attribute[Money], unit: Money) -> None:
    if not isinstance(unit, Money) or unit.cents <= 0:
        msg = (
            f"'{attribute.name}' must be a positive Money such as Money('0.01') or "
            f"Money(1) (got {unit!r})"
        )
        raise AllocationError(msg)


@final
@attrs.frozen
class LargestRemainder:
    """
    Round every part down to *unit*, then give the units that are left, one
    each, to the largest remainders: the parts always sum to the total.

    Ties between equal remainders go to the recipient whose identifier sorts
    first (a CBS code, else the name), never to whoever came first in the
    input, so the result does not depend on the order of the input.

    >>> alloc = allocate(Money(100), Equal(["b", "a", "c"]),
    ...                  rounding=LargestRemainder(unit=Money(1)))
    >>> dict(alloc), alloc.residue
    ({'b': Money('33.00'), 'a': Money('34.00'), 'c': Money('33.00')}, Money('0.00'))
    """

    unit: Money = attrs.field(default=_CENT, validator=_check_unit)

    def describe(self) -> str:
        """In words."""
        return f"largest remainder in units of {self.unit}"

    def to_dict(self) -> dict[str, Any]:
        """The rounding policy as JSON-safe data; ``LargestRemainder.from_dict`` reads it back equal."""
        from .._files.value_dicts import rounding_to_dict

        return rounding_to_dict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LargestRemainder:
        """The rounding policy of :meth:`to_dict`'s data; malformed data raises an ``InputFileError``."""
        from .._files.value_dicts import rounding_of_type

        return rounding_of_type(data, cls)


@final
@attrs.frozen
class HalfUpEach:
    """
    Round every part on its own, half up (away from zero), to *unit*: what a
    municipal spreadsheet does. The parts may then not sum to the total; the
    difference is kept on the result as its ``residue``, never hidden.

    >>> alloc = allocate(Money(100), Equal(["a", "b", "c"]),
    ...                  rounding=HalfUpEach(unit=Money(1)))
    >>> alloc.total, alloc.residue
    (Money('99.00'), Money('1.00'))
    """

    unit: Money = attrs.field(default=_CENT, validator=_check_unit)

    def describe(self) -> str:
        """In words."""
        return f"each part rounded half up to {self.unit}"

    def to_dict(self) -> dict[str, Any]:
        """The rounding policy as JSON-safe data; ``HalfUpEach.from_dict`` reads it back equal."""
        from .._files.value_dicts import rounding_to_dict

        return rounding_to_dict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> HalfUpEach:
        """The rounding policy of :meth:`to_dict`'s data; malformed data raises an ``InputFileError``."""
        from .._files.value_dicts import rounding_of_type

        return rounding_of_type(data, cls)


Rounding: TypeAlias = LargestRemainder | HalfUpEach


# -- allocate --------------------------------------------------------------------


def _key_tie_ranks(key: AllocationKey, recipients: tuple[Recipient, ...]) -> tuple[int, ...]:
    """The tie ranks of *key*'s recipients, kept on the library's own keys for reuse."""
    memo = getattr(key, "_memo", None)
    if not isinstance(memo, dict):
        return _tie_ranks(recipients)
    ranks = memo.get("ranks")
    if ranks is None:
        ranks = memo["ranks"] = _tie_ranks(recipients)
    return ranks


def allocate(total: Money, key: AllocationKey, *, rounding: Rounding) -> Allocation:
    """
    Divide *total* over the recipients of *key*, rounding as *rounding* says.

    The exact shares are computed as fractions; rounding happens once, at
    the end, under the declared policy.

    >>> inhabitants = {"Dalfsen": 29683, "Hardenberg": 62260}
    >>> alloc = allocate(Money(1000), ProRata(inhabitants), rounding=LargestRemainder())
    >>> alloc["Dalfsen"], alloc.total, alloc.residue
    (Money('322.84'), Money('1000.00'), Money('0.00'))

    Raises:
        AllocationError: The key or rounding is invalid, or a largest-remainder
            split is asked for a total that is not a whole number of units.
    """
    if not isinstance(total, Money):
        msg = f"total must be a Money such as Money(262000) (got {total!r})"
        raise AllocationError(msg)
    key = _check_key(key)
    if not isinstance(rounding, (LargestRemainder, HalfUpEach)):
        msg = (
            f"rounding must be LargestRemainder(unit=...) or HalfUpEach(unit=...) "
            f"(got {rounding!r})"
        )
        raise AllocationError(msg)
    nums, den = key.integer_shares()
    recipients = tuple(key.recipients)
    if not isinstance(key, (Equal, ProRata, Fixed, Composite)):
        _check_custom_shares(key, recipients, nums, den)
    unit = rounding.unit.cents
    sign = -1 if total.cents < 0 else 1
    amount = total.cents * sign
    scale = den * unit
    if isinstance(rounding, LargestRemainder):
        if amount % unit:
            msg = (
                f"cannot split {total} into whole units of {rounding.unit} so that the "
                f"parts sum to the total; use a smaller unit (Money('0.01')) or "
                f"HalfUpEach, which reports the residue"
            )
            raise AllocationError(msg)
        products = [amount * n for n in nums]
        floors = [p // scale for p in products]
        left = amount // unit - sum(floors)
        extra = [0] * len(nums)
        if left:
            # Largest remainder first; equal remainders by identifier (rank 0 first).
            ranks = _key_tie_ranks(key, recipients)
            size = len(nums)
            order_key = [
                (p % scale) * size + (size - rank) for p, rank in zip(products, ranks, strict=True)
            ]
            del products
            for i in sorted(range(size), key=order_key.__getitem__, reverse=True)[:left]:
                extra[i] = 1
            del order_key
        cents = tuple(sign * (q + e) * unit for q, e in zip(floors, extra, strict=True))
        return Allocation(
            target=total,
            key=key,
            rounding=rounding,
            cents=cents,
            extra_units=tuple(extra),
            recipients=recipients,
            numerators=nums,
            denominator=den,
        )
    half_up = []
    for n in nums:
        q, r = divmod(amount * n, scale)
        half_up.append(sign * (q + (2 * r >= scale)) * unit)
    return Allocation(
        target=total,
        key=key,
        rounding=rounding,
        cents=tuple(half_up),
        extra_units=(0,) * len(nums),
        recipients=recipients,
        numerators=nums,
        denominator=den,
    )



"""Allocation keys (verdeelsleutels): the rules that say which exact share of a total each recipient gets."""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Protocol, TypeAlias, final, runtime_checkable

import attrs

from ..errors import AllocationError, FloatNotAllowedError, UnknownNameError
from . import notation
from .money import Money
from .names import did_you_mean
from .numbers import MAX_NUMBER_DIGITS, check_number_size


__all__ = [
    "AllocationKey",
    "Composite",
    "Equal",
    "Fixed",
    "ProRata",
    "identifier_of",
]

Recipient: TypeAlias = Hashable
Weight: TypeAlias = int | Decimal | Fraction

_MAX_WEIGHT = 10**MAX_NUMBER_DIGITS
#: The int weights taken as they are: 0 up to (not including) the bound on digits.
_INT_WEIGHTS = range(_MAX_WEIGHT)


def identifier_of(recipient: object) -> str:
    """
    The identifier that breaks ties between recipients.

    A recipient with an ``identifier`` attribute (a municipality with its CBS
    code, say) is ordered by it; any other recipient by ``str()``. Ties are
    never broken by the order of the input.

    >>> identifier_of("Zwolle")
    'Zwolle'
    """
    ident = getattr(recipient, "identifier", None)
    return ident if isinstance(ident, str) else str(recipient)


def _tie_ranks(recipients: Sequence[Recipient]) -> tuple[int, ...]:
    """Each recipient's place when sorted by identifier (0 sorts first)."""
    if all(type(r) is str for r in recipients):
        # The common case, names: a str's identifier is itself, and the names are unique,
        # so sorting by the name gives the same order as the general key below.
        names: Sequence[str] = recipients  # type: ignore[assignment]
        order = sorted(range(len(names)), key=names.__getitem__)
    else:
        # The type name and repr settle ties between recipients with the same text (1 and "1").
        order = sorted(
            range(len(recipients)),
            key=lambda i: (
                identifier_of(recipients[i]),
                type(recipients[i]).__name__,
                repr(recipients[i]),
            ),
        )
    # The places are the inverse of the order: sorting the positions by the order inverts it.
    return tuple(sorted(range(len(order)), key=order.__getitem__))


def _check_weight(recipient: object, weight: object, what: str) -> Fraction:
    if type(weight) is int and weight in _INT_WEIGHTS:  # the common case: inhabitants
        return Fraction(weight)
    if isinstance(weight, float):
        msg = (
            f"{what} of {recipient!r} must not be a float (got {weight!r}); use an int, "
            f"a Decimal such as Decimal({str(weight)!r}) or a Fraction"
        )
        raise FloatNotAllowedError(msg)
    if isinstance(weight, bool) or not isinstance(weight, (int, Decimal, Fraction)):
        msg = (
            f"{what} of {recipient!r} must be an int, Decimal or Fraction "
            f"(got {weight!r}, a {type(weight).__name__})"
        )
        raise AllocationError(msg)
    if isinstance(weight, Decimal) and not weight.is_finite():
        msg = f"{what} of {recipient!r} must be finite (got {weight!r})"
        raise AllocationError(msg)
    check_number_size(weight, f"{what} of {recipient!r}", AllocationError)
    if weight < 0:
        msg = f"{what} of {recipient!r} must not be negative (got {weight!r})"
        raise AllocationError(msg)
    return Fraction(weight)


def _pairs(value: object, what: str) -> tuple[tuple[Recipient, Any], ...]:
    """Mapping or iterable of pairs -> tuple of pairs, refusing duplicates and emptiness."""
    if isinstance(value, Mapping):
        pairs = tuple(value.items())
    elif isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        msg = f"{what} must be a mapping of recipient to value (got {value!r})"
        raise AllocationError(msg)
    else:
        pairs = tuple(value)
        for pair in pairs:
            if not (isinstance(pair, tuple) and len(pair) == 2):
                msg = f"{what} must be (recipient, value) pairs (got {pair!r})"
                raise AllocationError(msg)
    if not pairs:
        msg = f"{what} must name at least one recipient (got none)"
        raise AllocationError(msg)
    _check_unique([r for r, _ in pairs], what)
    return pairs


def _check_unique(recipients: Sequence[Recipient], what: str) -> None:
    # The common case, distinct non-empty names, checked in one pass; anything else goes
    # through the loop below, which names the offending recipient.
    if all(type(r) is str and r and not r[0].isspace() for r in recipients) and len(
        set(recipients)
    ) == len(recipients):
        return
    seen: set[Recipient] = set()
    for r in recipients:
        try:
            hash(r)
        except TypeError:
            msg = f"{what}: recipient {r!r} must be hashable, such as a name"
            raise AllocationError(msg) from None
        if isinstance(r, str) and not r.strip():
            msg = f"{what}: a recipient's name is empty ({r!r}); give every recipient a name"
            raise AllocationError(msg)
        if r in seen:
            msg = f"{what}: recipient {r!r} appears twice; each recipient may appear once"
            raise AllocationError(msg)
        seen.add(r)


def _integer_numerators(fractions: Sequence[Fraction]) -> tuple[tuple[int, ...], int]:
    """Fractions -> integer numerators over one common denominator."""
    den = math.lcm(*(f.denominator for f in fractions))
    nums = tuple(f.numerator * (den // f.denominator) for f in fractions)
    return nums, den


@runtime_checkable
class AllocationKey(Protocol):
    """
    An allocation key (*verdeelsleutel*): the rule that says which exact
    share of a total each recipient gets.

    Every key gives its recipients, and their shares as integer numerators
    over one denominator (so allocation is exact integer arithmetic), and
    can describe a recipient's share in words.
    """

    @property
    def recipients(self) -> tuple[Recipient, ...]:
        """The recipients, in the order given."""
        ...

    def integer_shares(self) -> tuple[tuple[int, ...], int]:
        """Each recipient's share as a numerator over a common denominator."""
        ...

    def describe(self, recipient: Recipient) -> str:
        """In words: how *recipient*'s share follows from this key."""
        ...


def _shares_of(key: AllocationKey) -> dict[Recipient, Fraction]:
    nums, den = key.integer_shares()
    recipients = tuple(key.recipients)
    if not isinstance(key, (Equal, ProRata, Fixed, Composite)):
        # A key of the user's own making inside a Composite is checked as allocate() checks
        # one given on its own, so that the mix conserves the money too.
        _check_custom_shares(key, recipients, nums, den)
    return {r: Fraction(n, den) for r, n in zip(recipients, nums, strict=True)}


def _check_key(key: object) -> AllocationKey:
    if not isinstance(key, AllocationKey):
        msg = (
            f"key must be an allocation key such as Equal(...), ProRata(...), Fixed(...) "
            f"or Composite(...) (got {key!r})"
        )
        raise AllocationError(msg)
    return key


def _recipients_converter(value: Iterable[Recipient]) -> tuple[Recipient, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        msg = f"Equal needs a sequence of recipients, such as a list of names (got {value!r})"
        raise AllocationError(msg)
    return tuple(value)


@final
@attrs.frozen
class Equal:
    """
    Equal split (*gelijke verdeling*): every recipient the same share.

    >>> from izafunding import LargestRemainder, allocate
    >>> allocate(Money(200000), Equal(["Dalfsen", "Zwolle"]),
    ...          rounding=LargestRemainder())["Zwolle"]
    Money('100000.00')
    """

    recipients: tuple[Recipient, ...] = attrs.field(converter=_recipients_converter)

    @recipients.validator
    def _validate(self, _: object, value: tuple[Recipient, ...]) -> None:
        if not value:
            msg = "Equal needs at least one recipient (got none)"
            raise AllocationError(msg)
        _check_unique(value, "Equal")

    def integer_shares(self) -> tuple[tuple[int, ...], int]:
        """One part each, over the number of recipients."""
        return (1,) * len(self.recipients), len(self.recipients)

    def describe(self, recipient: Recipient) -> str:
        """In words: one of n equal parts."""
        return f"1 of {len(self.recipients)} equal parts"

    def to_dict(self) -> dict[str, Any]:
        """The key as JSON-safe data; ``Equal.from_dict`` reads it back equal."""
        from .._files.value_dicts import key_to_dict

        return key_to_dict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Equal:
        """The key of :meth:`to_dict`'s data; malformed data raises an ``InputFileError``."""
        from .._files.value_dicts import key_of_type

        return key_of_type(data, cls)


def _weights_converter(value: object) -> tuple[tuple[Recipient, int | Fraction], ...]:
    pairs = _pairs(value, "ProRata")
    if all(type(w) is int and w in _INT_WEIGHTS for _, w in pairs):
        return pairs  # the common case, counts of inhabitants: valid as they are
    return tuple((r, _check_weight(r, w, "weight")) for r, w in pairs)


@final
@attrs.frozen
class ProRata:
    """
    Split in proportion to a weight (*naar rato*), e.g. inhabitants.

    Weights are ints, Decimals or Fractions, never floats; none negative and
    not all zero. A recipient with weight zero gets nothing.

    >>> key = ProRata({"Ommen": 19035, "Staphorst": 17738})
    >>> key.describe("Ommen")
    'weight 19.035 of 36.773'
    >>> ProRata({"Ommen": 0})
    Traceback (most recent call last):
    ...
    izafunding.errors.AllocationError: ProRata: the weights must not all be zero ...
    """

    # The weights as given when they are ints (the common case, kept without a Fraction
    # each), else as Fractions; ``weights`` shows them all as Fractions.
    _given: tuple[tuple[Recipient, int | Fraction], ...] = attrs.field(
        alias="weights", converter=_weights_converter
    )
    # What follows from the weights (the recipients, the integer shares and their sum, the total
    # weight) and what allocate() may reuse (the tie ranks), computed once; never compared.
    _memo: dict[str, object] = attrs.field(init=False, eq=False, repr=False, factory=dict)

    def __attrs_post_init__(self) -> None:
        values = [w for _, w in self._given]
        if all(type(w) is int for w in values):
            nums, common = tuple(values), 1
        else:
            nums, common = _integer_numerators([Fraction(w) for w in values])
        if not any(nums):
            shown = {r: notation.number(w) for r, w in self.weights}
            msg = (
                f"ProRata: the weights must not all be zero (got {shown!r}); "
                f"give at least one recipient a positive weight"
            )
            raise AllocationError(msg)
        # Shares are nums[i] / sum(nums); the weights' own denominator cancels.
        memo = self._memo
        memo["recipients"] = tuple(r for r, _ in self._given)
        memo["shares"] = (nums, sum(nums))
        memo["total_weight"] = Fraction(sum(nums), common)

    @property
    def recipients(self) -> tuple[Recipient, ...]:
        """The recipients, in the order given."""
        return self._memo["recipients"]  # type: ignore[return-value]

    @property
    def total_weight(self) -> Fraction:
        """The sum of the weights."""
        return self._memo["total_weight"]  # type: ignore[return-value]

    @property
    def weights(self) -> tuple[tuple[Recipient, Fraction], ...]:
        """The (recipient, weight) pairs, in the order given, each weight a Fraction."""
        cached = self._memo.get("weights")
        if cached is None:
            cached = self._memo["weights"] = tuple((r, Fraction(w)) for r, w in self._given)
        return cached  # type: ignore[return-value]

    def weight(self, recipient: Recipient) -> Fraction:
        """The weight of *recipient*."""
        by_recipient = self._memo.get("by_recipient")
        if by_recipient is None:
            by_recipient = self._memo["by_recipient"] = dict(self._given)
        try:
            return Fraction(by_recipient[recipient])  # type: ignore[index]
        except (KeyError, TypeError):
            raise _unknown(recipient, self.recipients) from None

    def __repr__(self) -> str:
        return f"ProRata(weights={self.weights!r})"

    def integer_shares(self) -> tuple[tuple[int, ...], int]:
        """Each weight over the sum of the weights."""
        return self._memo["shares"]  # type: ignore[return-value]

    def describe(self, recipient: Recipient) -> str:
        """In words: weight w of W."""
        return (
            f"weight {notation.number(self.weight(recipient))} of {notation.number(self.total_weight)}"
        )

    def to_dict(self) -> dict[str, Any]:
        """The key as JSON-safe data; ``ProRata.from_dict`` reads it back equal."""
        from .._files.value_dicts import key_to_dict

        return key_to_dict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ProRata:
        """The key of :meth:`to_dict`'s data; malformed data raises an ``InputFileError``."""
        from .._files.value_dicts import key_of_type

        return key_of_type(data, cls)


def _shares_converter(value: object) -> tuple[tuple[Recipient, Fraction], ...]:
    return tuple((r, _check_weight(r, s, "share")) for r, s in _pairs(value, "Fixed"))


@final
@attrs.frozen
class Fixed:
    """
    Fixed shares that sum to exactly 1, e.g. 70% municipalities, 30% partners.

    >>> Fixed({"gemeenten": Decimal("0.7"), "partners": Decimal("0.3")}).describe("partners")
    'fixed share 0,3'
    >>> Fixed({"gemeenten": Decimal("0.7"), "partners": Decimal("0.2")})
    Traceback (most recent call last):
    ...
    izafunding.errors.AllocationError: Fixed: the shares must sum to exactly 1 (got 0,9, ...
    """

    shares: tuple[tuple[Recipient, Fraction], ...] = attrs.field(converter=_shares_converter)

    @shares.validator
    def _validate(self, _: object, value: tuple[tuple[Recipient, Fraction], ...]) -> None:
        total = sum((s for _, s in value), Fraction(0))
        if total != 1:
            msg = (
                f"Fixed: the shares must sum to exactly 1 (got {notation.number(total)}, "
                f"from {', '.join(f'{r}: {notation.number(s)}' for r, s in value)})"
            )
            raise AllocationError(msg)

    @property
    def recipients(self) -> tuple[Recipient, ...]:
        """The recipients, in the order given."""
        return tuple(r for r, _ in self.shares)

    def share(self, recipient: Recipient) -> Fraction:
        """The share of *recipient*."""
        for r, s in self.shares:
            if r == recipient:
                return s
        raise _unknown(recipient, self.recipients)

    def integer_shares(self) -> tuple[tuple[int, ...], int]:
        """The shares over their common denominator."""
        return _integer_numerators([s for _, s in self.shares])

    def describe(self, recipient: Recipient) -> str:
        """In words: the fixed share."""
        return f"fixed share {notation.number(self.share(recipient))}"

    def to_dict(self) -> dict[str, Any]:
        """The key as JSON-safe data; ``Fixed.from_dict`` reads it back equal."""
        from .._files.value_dicts import key_to_dict

        return key_to_dict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Fixed:
        """The key of :meth:`to_dict`'s data; malformed data raises an ``InputFileError``."""
        from .._files.value_dicts import key_of_type

        return key_of_type(data, cls)


def _parts_converter(value: object) -> tuple[tuple[Fraction, AllocationKey], ...]:
    if isinstance(value, Mapping) or not isinstance(value, Iterable):
        msg = f"Composite needs a sequence of (weight, key) pairs (got {value!r})"
        raise AllocationError(msg)
    parts = []
    for pair in value:
        if not (isinstance(pair, tuple) and len(pair) == 2):
            msg = f"Composite needs (weight, key) pairs (got {pair!r})"
            raise AllocationError(msg)
        weight, key = pair
        parts.append((_check_weight(key, weight, "the weight"), _check_key(key)))
    return tuple(parts)


@final
@attrs.frozen
class Composite:
    """
    A weighted mix of keys, rounded once at the end, never per sub-key.

    The weights are fractions that sum to exactly 1 (30% equal and 70% by
    inhabitants is ``[(Decimal("0.3"), Equal(...)), (Decimal("0.7"),
    ProRata(...))]``). To mix by amounts, as documents do ("€ 200.000 equally,
    the rest € 262.000 by inhabitants"), use :meth:`from_amounts`.

    >>> from izafunding import LargestRemainder, allocate
    >>> key = Composite([(Decimal("0.5"), Equal(["A", "B"])),
    ...                  (Decimal("0.5"), ProRata({"A": 3, "B": 1}))])
    >>> dict(allocate(Money(100), key, rounding=LargestRemainder()))
    {'A': Money('62.50'), 'B': Money('37.50')}
    """

    parts: tuple[tuple[Fraction, AllocationKey], ...] = attrs.field(converter=_parts_converter)
    # The recipients, integer shares and tie ranks, computed on first use and reused by every
    # further allocate() with this key (the key is immutable, so they cannot go stale).
    _memo: dict[str, object] = attrs.field(init=False, eq=False, repr=False, factory=dict)

    @parts.validator
    def _validate(self, _: object, value: tuple[tuple[Fraction, AllocationKey], ...]) -> None:
        if not value:
            msg = "Composite needs at least one (weight, key) pair (got none)"
            raise AllocationError(msg)
        total = sum((w for w, _ in value), Fraction(0))
        if total != 1:
            msg = (
                f"Composite: the weights must sum to exactly 1 (got {notation.number(total)}); "
                f"to mix keys by amounts use Composite.from_amounts"
            )
            raise AllocationError(msg)

    @classmethod
    def from_amounts(cls, parts: Iterable[tuple[Money, AllocationKey]]) -> Composite:
        """
        Mix keys in proportion to amounts, e.g. € 200.000 equally and
        € 262.000 by inhabitants.

        >>> key = Composite.from_amounts([(Money(200000), Equal(["A", "B"])),
        ...                               (Money(262000), ProRata({"A": 1, "B": 1}))])
        >>> [str(w) for w, _ in key.parts]
        ['100/231', '131/231']
        """
        pairs = list(parts)
        for amount, _ in pairs:
            if not isinstance(amount, Money) or amount.cents < 0:
                msg = f"Composite.from_amounts needs non-negative Money amounts (got {amount!r})"
                raise AllocationError(msg)
        total = sum(a.cents for a, _ in pairs)
        if total == 0:
            msg = "Composite.from_amounts: the amounts must not all be zero"
            raise AllocationError(msg)
        return cls([(Fraction(a.cents, total), k) for a, k in pairs])

    @property
    def recipients(self) -> tuple[Recipient, ...]:
        """Every recipient of any sub-key, in order of first appearance."""
        cached = self._memo.get("recipients")
        if cached is None:
            seen: dict[Recipient, None] = {}
            for _, key in self.parts:
                for r in key.recipients:
                    seen.setdefault(r, None)
            cached = self._memo["recipients"] = tuple(seen)
        return cached  # type: ignore[return-value]

    def integer_shares(self) -> tuple[tuple[int, ...], int]:
        """The weighted sum of the sub-keys' shares, exactly."""
        cached = self._memo.get("shares")
        if cached is None:
            totals: dict[Recipient, Fraction] = dict.fromkeys(self.recipients, Fraction(0))
            for weight, key in self.parts:
                for r, share in _shares_of(key).items():
                    totals[r] += weight * share
            cached = self._memo["shares"] = _integer_numerators(list(totals.values()))
        return cached  # type: ignore[return-value]

    def describe(self, recipient: Recipient) -> str:
        """In words: each sub-key's contribution."""
        pieces = []
        for weight, key in self.parts:
            if recipient in key.recipients:
                pieces.append(f"{notation.number(weight)} × ({key.describe(recipient)})")
        return " + ".join(pieces)

    def to_dict(self) -> dict[str, Any]:
        """The key as JSON-safe data; ``Composite.from_dict`` reads it back equal."""
        from .._files.value_dicts import key_to_dict

        return key_to_dict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Composite:
        """The key of :meth:`to_dict`'s data; malformed data raises an ``InputFileError``."""
        from .._files.value_dicts import key_of_type

        return key_of_type(data, cls)


def _unknown(recipient: object, known: Sequence[Recipient]) -> UnknownNameError:
    names = [str(r) for r in known]
    hint = did_you_mean(str(recipient), names)
    shown = ", ".join(names[:12]) + (", ..." if len(names) > 12 else "")
    msg = f"{recipient!r} is not a recipient of this allocation (recipients: {shown}){hint}"
    return UnknownNameError(msg)


def _check_custom_shares(
    key: object, recipients: tuple[Recipient, ...], nums: object, den: object
) -> None:
    """A key of the user's own making: its shares must conserve the money."""
    where = f"the key {type(key).__name__}"
    if not recipients:
        msg = f"{where} has no recipients; give it at least one"
        raise AllocationError(msg)
    _check_unique(recipients, where)
    if isinstance(den, bool) or not isinstance(den, int) or den <= 0:
        msg = (
            f"{where}: integer_shares() must give a positive int denominator "
            f"(got {den!r}); shares are numerators over it"
        )
        raise AllocationError(msg)
    if not isinstance(nums, tuple) or len(nums) != len(recipients):
        count = len(nums) if isinstance(nums, tuple) else "no tuple of"
        msg = (
            f"{where}: integer_shares() must give one share per recipient "
            f"({len(recipients)} recipients, got {count} shares)"
        )
        raise AllocationError(msg)
    for r, n in zip(recipients, nums, strict=True):
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            msg = f"{where}: the share of {r!r} must be a non-negative int numerator (got {n!r})"
            raise AllocationError(msg)
    if sum(nums) != den:
        msg = (
            f"{where}: the shares add up to {sum(nums)}/{den}, not {den}/{den}; "
            f"the parts would not add up to the total"
        )
        raise AllocationError(msg)
    if den >= _MAX_WEIGHT:
        msg = f"{where}: the denominator has more than {MAX_NUMBER_DIGITS} digits"
        raise AllocationError(msg)

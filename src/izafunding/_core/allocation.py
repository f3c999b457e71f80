"""Allocation keys (verdeelsleutels), rounding policies and allocate()."""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Protocol, TypeAlias, final, runtime_checkable

import attrs

from .._render import formats
from .._render.exportable import Exportable
from .._render.table import Column, Kind, Report, Rule, Table
from ..errors import AllocationError, FloatNotAllowedError, UnknownNameError
from .findings import Finding, FindingKind
from .money import MAX_NUMBER_DIGITS, Money, check_number_size
from .names import did_you_mean


__all__ = [
    "Allocation",
    "AllocationKey",
    "Composite",
    "Equal",
    "Fixed",
    "HalfUpEach",
    "LargestRemainder",
    "ProRata",
    "Rounding",
    "allocate",
    "identifier_of",
]

Recipient: TypeAlias = Hashable
Weight: TypeAlias = int | Decimal | Fraction

_CENT = Money.from_cents(1)
_MAX_WEIGHT = 10**MAX_NUMBER_DIGITS


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
    ranks = [0] * len(recipients)
    for rank, i in enumerate(order):
        ranks[i] = rank
    return tuple(ranks)


def _check_weight(recipient: object, weight: object, what: str) -> Fraction:
    if type(weight) is int and 0 <= weight < _MAX_WEIGHT:  # the common case: inhabitants
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
        from .._files.dicts import key_to_dict

        return key_to_dict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Equal:
        """The key of :meth:`to_dict`'s data; malformed data raises an ``InputFileError``."""
        from .._files.dicts import key_of_type

        return key_of_type(data, cls)


def _weights_converter(value: object) -> tuple[tuple[Recipient, int | Fraction], ...]:
    pairs = _pairs(value, "ProRata")
    if all(type(w) is int and 0 <= w < _MAX_WEIGHT for _, w in pairs):
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
    recipients: tuple[Recipient, ...] = attrs.field(init=False, eq=False, repr=False)
    _numerators: tuple[int, ...] = attrs.field(init=False, eq=False, repr=False)
    _denominator: int = attrs.field(init=False, eq=False, repr=False)
    # What allocate() derives from the key and may reuse (the tie ranks), computed once.
    _memo: dict[str, object] = attrs.field(init=False, eq=False, repr=False, factory=dict)
    #: The sum of the weights.
    total_weight: Fraction = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        values = [w for _, w in self._given]
        if all(type(w) is int for w in values):
            nums, common = tuple(values), 1
        else:
            nums, common = _integer_numerators([Fraction(w) for w in values])
        if not any(nums):
            shown = {r: formats.number(w) for r, w in self.weights}
            msg = (
                f"ProRata: the weights must not all be zero (got {shown!r}); "
                f"give at least one recipient a positive weight"
            )
            raise AllocationError(msg)
        # Shares are nums[i] / sum(nums); the weights' own denominator cancels.
        recipients = tuple(r for r, _ in self._given)
        object.__setattr__(self, "recipients", recipients)
        object.__setattr__(self, "_numerators", nums)
        object.__setattr__(self, "_denominator", sum(nums))
        object.__setattr__(self, "total_weight", Fraction(sum(nums), common))

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
        return self._numerators, self._denominator

    def describe(self, recipient: Recipient) -> str:
        """In words: weight w of W."""
        return (
            f"weight {formats.number(self.weight(recipient))} of {formats.number(self.total_weight)}"
        )

    def to_dict(self) -> dict[str, Any]:
        """The key as JSON-safe data; ``ProRata.from_dict`` reads it back equal."""
        from .._files.dicts import key_to_dict

        return key_to_dict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ProRata:
        """The key of :meth:`to_dict`'s data; malformed data raises an ``InputFileError``."""
        from .._files.dicts import key_of_type

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
                f"Fixed: the shares must sum to exactly 1 (got {formats.number(total)}, "
                f"from {', '.join(f'{r}: {formats.number(s)}' for r, s in value)})"
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
        return f"fixed share {formats.number(self.share(recipient))}"

    def to_dict(self) -> dict[str, Any]:
        """The key as JSON-safe data; ``Fixed.from_dict`` reads it back equal."""
        from .._files.dicts import key_to_dict

        return key_to_dict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Fixed:
        """The key of :meth:`to_dict`'s data; malformed data raises an ``InputFileError``."""
        from .._files.dicts import key_of_type

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
                f"Composite: the weights must sum to exactly 1 (got {formats.number(total)}); "
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
                pieces.append(f"{formats.number(weight)} × ({key.describe(recipient)})")
        return " + ".join(pieces)

    def to_dict(self) -> dict[str, Any]:
        """The key as JSON-safe data; ``Composite.from_dict`` reads it back equal."""
        from .._files.dicts import key_to_dict

        return key_to_dict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Composite:
        """The key of :meth:`to_dict`'s data; malformed data raises an ``InputFileError``."""
        from .._files.dicts import key_of_type

        return key_of_type(data, cls)


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
        from .._files.dicts import rounding_to_dict

        return rounding_to_dict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LargestRemainder:
        """The rounding policy of :meth:`to_dict`'s data; malformed data raises an ``InputFileError``."""
        from .._files.dicts import rounding_of_type

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
        from .._files.dicts import rounding_to_dict

        return rounding_to_dict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> HalfUpEach:
        """The rounding policy of :meth:`to_dict`'s data; malformed data raises an ``InputFileError``."""
        from .._files.dicts import rounding_of_type

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


@final
@attrs.frozen(kw_only=True, eq=False)
class Allocation(Exportable, Mapping[Recipient, Money]):
    """
    The result of :func:`allocate`: a read-only mapping recipient -> part.

    It remembers what was to be divided (*target*), under which key and which
    rounding, so every part can explain itself. Two allocations are equal
    when they give the same parts to the same recipients.

    >>> alloc = allocate(Money(100), Equal(["a", "b", "c"]), rounding=HalfUpEach())
    >>> alloc.target, alloc.total, alloc.residue
    (Money('100.00'), Money('99.99'), Money('0.01'))
    >>> print(alloc.explain()[0])
    a: 1 of 3 equal parts (share 1/3) of € 100,00 = € 33,3333… unrounded; each part rounded half up to € 0,01 -> € 33,33

    Attributes:
        target: What was to be divided.

        key: The allocation key.

        rounding: The rounding policy.
    """

    target: Money
    key: AllocationKey
    rounding: Rounding
    _cents: tuple[int, ...] = attrs.field(alias="cents", repr=False)
    _extra_units: tuple[int, ...] = attrs.field(alias="extra_units", repr=False)
    # The key's recipients and exact shares as allocate() computed them, kept so that
    # reading and explaining never recompute them (a Composite's shares are costly).
    _recipients: tuple[Recipient, ...] = attrs.field(alias="recipients", repr=False)
    _numerators: tuple[int, ...] = attrs.field(alias="numerators", repr=False)
    _denominator: int = attrs.field(alias="denominator", repr=False)
    _positions: dict[Recipient, int] | None = attrs.field(init=False, default=None, repr=False)
    # Every part as Money, built in one pass on first read.
    _parts: dict[Recipient, Money] | None = attrs.field(init=False, default=None, repr=False)

    def _position(self, recipient: Recipient) -> int:
        positions = self._positions
        if positions is None:
            positions = {r: i for i, r in enumerate(self._recipients)}
            object.__setattr__(self, "_positions", positions)
        try:
            return positions[recipient]
        except (KeyError, TypeError):
            raise _unknown(recipient, self._recipients) from None

    # -- mapping -------------------------------------------------------------

    def __getitem__(self, recipient: Recipient) -> Money:
        parts = self._parts
        if parts is None:
            parts = dict(zip(self._recipients, Money._many_from_cents(self._cents), strict=True))
            object.__setattr__(self, "_parts", parts)
        try:
            return parts[recipient]
        except (KeyError, TypeError):
            raise _unknown(recipient, self._recipients) from None

    def __iter__(self) -> Iterator[Recipient]:
        return iter(self._recipients)

    def __len__(self) -> int:
        return len(self._cents)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Allocation):
            return dict(zip(self._recipients, self._cents, strict=True)) == dict(
                zip(other._recipients, other._cents, strict=True)
            ) and self.target == other.target
        if isinstance(other, Mapping):
            return dict(self.items()) == dict(other.items())
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    # -- totals ----------------------------------------------------------------

    @property
    def total(self) -> Money:
        """The sum of the parts."""
        return Money.from_cents(sum(self._cents))

    @property
    def residue(self) -> Money:
        """
        ``target - total``: what the rounding left undivided (positive) or
        invented (negative). Always zero under :class:`LargestRemainder`.
        """
        return Money.from_cents(self.target.cents - sum(self._cents))

    def exact_share(self, recipient: Recipient) -> Fraction:
        """The exact fraction of the target that *recipient* is entitled to."""
        return Fraction(self._numerators[self._position(recipient)], self._denominator)

    def exact_amount(self, recipient: Recipient) -> Fraction:
        """The exact (unrounded) part of *recipient*, in euros."""
        return self.target.as_fraction() * self.exact_share(recipient)

    def extra_units(self, recipient: Recipient) -> int:
        """How many rounding units *recipient* got for a largest remainder (0 or 1)."""
        return self._extra_units[self._position(recipient)]

    # -- explanation and display ------------------------------------------------

    def table(self) -> Table:
        """
        The allocation as a :class:`~izafunding._render.table.Table`: per recipient the basis
        under the key (shown as "share"), the exact share (rows and exports), the exact amount,
        the part and the extra units (rows and exports); the total, target and residue below.
        """
        rows = [
            (
                str(r),
                self.key.describe(r),
                self.exact_share(r),
                self.exact_amount(r),
                self[r],
                self.extra_units(r),
            )
            for r in self
        ]
        return Table(
            name="allocation",
            title=f"{self.target} by {type(self.key).__name__}, {self.rounding.describe()}",
            columns=_ALLOCATION_COLUMNS,
            rows=rows,
            footer=(
                ("total", None, None, None, self.total, None),
                ("target", None, None, None, self.target, None),
                ("residue", None, None, None, self.residue, None),
            ),
        )

    def report(self) -> Report:
        """The allocation as it leaves the library: its table, explanation, rule and inputs."""
        table = self.table()
        findings = []
        if not self.residue.is_zero():
            findings.append(
                Finding(
                    kind=FindingKind.RESIDUE,
                    message=f"the parts add up to {self.total}, not {self.target}",
                    source=self.rounding.describe(),
                    amount=self.residue,
                )
            )
        from .._render.json_export import money_to_dict  # only when a report is asked for

        return Report(
            kind="allocation",
            title=table.title,
            tables=(table,),
            explanation=self.explain(),
            rules=(Rule(text=self.rounding.describe(), source="declared on the call"),),
            findings=findings,
            inputs={
                "target": money_to_dict(self.target),
                "key": type(self.key).__name__,
                "shares": {str(r): formats.fraction(self.exact_share(r)) for r in self},
                "rounding": {
                    "policy": type(self.rounding).__name__,
                    "unit": money_to_dict(self.rounding.unit),
                },
            },
        )

    def plot(self) -> Any:
        """Bars per recipient, the parts in euros (a matplotlib ``Figure``; extra ``plot``)."""
        from .._render.charts import bar_chart

        return bar_chart(self.table(), "amount")

    def explain(self) -> tuple[str, ...]:
        """
        One plain-English line per recipient: its share under the key, the
        exact amount, the rounding, any remainder unit, and the part; then a
        line on the total and the residue.
        """
        lines = []
        for r in self:
            extra = self.extra_units(r)
            extra_text = (
                f", +{extra} unit of {self.rounding.unit} for a largest remainder"
                if extra
                else ""
            )
            lines.append(
                f"{r}: {self.key.describe(r)} (share {formats.fraction(self.exact_share(r))}) "
                f"of {self.target} = {formats.exact_euros(self.exact_amount(r))} unrounded; "
                f"{self.rounding.describe()}{extra_text} -> {self[r]}"
            )
        if self.residue.is_zero():
            lines.append(f"Total: {self.total}, the whole of {self.target}.")
        else:
            lines.append(
                f"Total: {self.total} against {self.target}: a residue of {self.residue} "
                f"that the rounding ({self.rounding.describe()}) leaves "
                f"{'undivided' if self.residue.cents > 0 else 'over-allocated'}."
            )
        return tuple(lines)

    def to_rows(self) -> list[dict[str, object]]:
        """
        Plain rows, one per recipient, ready for ``pandas.DataFrame(rows)``.

        ``share`` is the exact ``Fraction``; ``exact`` the unrounded part as a
        ``Decimal`` (all digits when it terminates, else rounded to 10
        decimals, for display only); ``amount`` the part in euros.

        >>> allocate(Money(10), Equal(["a", "b"]), rounding=LargestRemainder()).to_rows()[0]
        {'recipient': 'a', 'share': Fraction(1, 2), 'exact': Decimal('5'), 'amount': Decimal('5.00'), 'extra_units': 0}
        """
        return self.table().to_rows()

    def _repr_html_(self) -> str:
        return self.table().html(
            css_class="izafunding-allocation",
            heading_align=False,
            footer_labels=True,
            span_labels=True,
            alert=() if self.residue.is_zero() else (2,),
        )

    def __repr__(self) -> str:
        parts = ", ".join(f"{r!r}: {self[r]!r}" for r in self)
        return (
            f"<Allocation of {self.target} by {type(self.key).__name__}, "
            f"{self.rounding!r}, residue {self.residue}: {{{parts}}}>"
        )


#: The allocation's columns: the views show recipient, basis, exact amount and part; the rows
#: and exports carry the exact share and the extra units instead of the basis.
_ALLOCATION_COLUMNS = (
    Column(key="recipient", title="recipient", kind=Kind.TEXT),
    Column(key="basis", title="share", kind=Kind.TEXT, plain=False),
    Column(key="share", title="exact share", kind=Kind.SHARE, format="fraction", shown=False),
    Column(key="exact", title="exact", kind=Kind.EXACT_MONEY),
    Column(key="amount", title="part", kind=Kind.MONEY),
    Column(key="extra_units", title="extra units", kind=Kind.COUNT, shown=False),
)


# Names _scenarios/scenario.py still imports, until its own conversion lands (aliases, not copies).
_fmt_euros = formats.exact_euros
_fmt_number = formats.number

"""Money: exact euros in whole cents, with Dutch parsing and formatting."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

import attrs

from ..errors import FloatNotAllowedError, MoneyError, ParseError
from .notation import euro_text
from .numbers import MAX_NUMBER_DIGITS, check_number_size, shown


__all__ = ["Money", "RoundingMode", "round_fraction"]


class RoundingMode(enum.Enum):
    """
    How an exact amount is brought to a whole number of units.

    ``HALF_UP`` is what spreadsheets and municipal documents do (0,5 goes
    away from zero); ``HALF_EVEN`` is banker's rounding; ``DOWN`` truncates
    toward zero; ``UP`` rounds away from zero; ``FLOOR`` and ``CEILING``
    round toward minus and plus infinity.
    """

    HALF_UP = "half-up"
    HALF_EVEN = "half-even"
    DOWN = "down"
    UP = "up"
    FLOOR = "floor"
    CEILING = "ceiling"


def round_fraction(value: Fraction, mode: RoundingMode) -> int:
    """
    Round an exact fraction to an integer under *mode*.

    >>> round_fraction(Fraction(5, 2), RoundingMode.HALF_UP)
    3
    >>> round_fraction(Fraction(-5, 2), RoundingMode.HALF_UP)
    -3
    >>> round_fraction(Fraction(5, 2), RoundingMode.HALF_EVEN)
    2
    """
    num, den = value.numerator, value.denominator  # den > 0
    floor, rem = divmod(num, den)
    if rem == 0:
        return floor
    if mode is RoundingMode.FLOOR:
        return floor
    if mode is RoundingMode.CEILING:
        return floor + 1
    if mode is RoundingMode.DOWN:
        return floor + 1 if num < 0 else floor
    if mode is RoundingMode.UP:
        return floor if num < 0 else floor + 1
    twice = 2 * rem
    if twice < den:
        return floor
    if twice > den:
        return floor + 1
    # Exactly half way.
    if mode is RoundingMode.HALF_UP:
        return floor if num < 0 else floor + 1
    return floor if floor % 2 == 0 else floor + 1


_MINUS = "-\u2212\u2013"  # hyphen-minus, minus sign, en dash (all seen in documents)
_AMOUNT = re.compile(
    rf"""
    ^\s*
    (?P<sign1>[{_MINUS}])?\s*
    (?P<cur1>€|EUR|eur|Eur)?\s*
    (?P<sign2>[{_MINUS}])?\s*
    (?P<whole>[0-9]{{1,3}}(?:\.[0-9]{{3}})+|[0-9]{{1,3}}(?:\ [0-9]{{3}})+|[0-9]+)
    (?:,(?P<frac>[0-9]+|-{{1,2}}))?
    \s*(?P<scale>miljoen|mln\.?|miljard|mld\.?)?
    \s*(?P<cur2>€|EUR|eur|Eur|euro|Euro)?
    \s*$
    """,
    re.VERBOSE | re.ASCII,
)
# A plain number for Money("..."): ASCII digits, an optional point, no underscores.
_PLAIN = re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,9})?$", re.ASCII)
_SCALES: Final = {
    "miljoen": 10**6,
    "mln": 10**6,
    "mln.": 10**6,
    "miljard": 10**9,
    "mld": 10**9,
    "mld.": 10**9,
}


# Amounts above 10^15 euros are refused as input: no public budget comes near, and
# a typo such as "1e100000" should not become a number with a hundred thousand digits.
_MAX_DIGITS: Final = 15


def _to_cents(value: object, what: str = "amount") -> int:
    """Convert a str, int or Decimal number of euros to whole cents, exactly."""
    if isinstance(value, bool):
        msg = f"{what} must be a str, int or Decimal number of euros (got the bool {value!r})"
        raise MoneyError(msg)
    if isinstance(value, int):
        if abs(value) >= 10**_MAX_DIGITS:
            shown_value = (
                value
                if abs(value) < 10**40
                else f"of about {int(abs(value).bit_length() * 0.30103) + 1} digits"
            )
            msg = (
                f"{what} {shown_value} is too large for an amount of euros "
                f"(less than 10^{_MAX_DIGITS})"
            )
            raise MoneyError(msg)
        return value * 100
    if isinstance(value, float):
        msg = (
            f"{what} must not be a float (got {value!r}): floats lose cents; "
            f"pass a str such as {str(value)!r}, an int or a Decimal"
        )
        raise FloatNotAllowedError(msg)
    if isinstance(value, str):
        text = value.strip()
        if not _PLAIN.match(text) or len(text) > 2 * MAX_NUMBER_DIGITS:
            msg = (
                f"{what} {shown(value)} is not a plain number of euros such as '1438963' or "
                f"'12.50' (digits 0-9, a point for the cents); for Dutch notation "
                f"('€ 1.438.963,-') use Money.parse"
            )
            raise ParseError(msg)
        value = Decimal(text)
    if isinstance(value, Decimal):
        if not value.is_finite():
            msg = f"{what} must be a finite number of euros (got {value!r})"
            raise MoneyError(msg)
        if value and value.adjusted() >= _MAX_DIGITS:
            msg = (
                f"{what} {value:.6E} is too large for an amount of euros "
                f"(less than 10^{_MAX_DIGITS})"
            )
            raise MoneyError(msg)
        check_number_size(value, what)
        # Exact, whatever the active Decimal context: no multiplication under its precision.
        cents = Fraction(value) * 100
        if cents.denominator != 1:
            msg = (
                f"{what} {value} has a fraction of a cent; round it explicitly first "
                f"(for example Money.from_fraction(..., rounding=RoundingMode.HALF_UP))"
            )
            raise MoneyError(msg)
        return cents.numerator
    msg = (
        f"{what} must be a str, int or Decimal number of euros "
        f"(got {value!r}, a {type(value).__name__})"
    )
    raise MoneyError(msg)


@attrs.frozen(init=False, repr=False, order=True)
class Money:
    """
    An exact amount of euros, in whole cents.

    ``Money("1438963")``, ``Money(1438963)`` and ``Money(Decimal("12.50"))``
    all mean euros. A ``float`` is refused (it cannot hold most cents
    exactly), and so is a fraction of a cent: round explicitly with
    :meth:`from_fraction` or :meth:`scale`.

    >>> Money("1438963")
    Money('1438963.00')
    >>> str(Money.parse("€ 1.438.963,-"))
    '€ 1.438.963,00'
    >>> Money(150000) + Money(75000) - Money("0.01")
    Money('224999.99')
    >>> sum([Money(1), Money(2)])
    Money('3.00')
    >>> Money(1.5)
    Traceback (most recent call last):
    ...
    izafunding.errors.FloatNotAllowedError: amount must not be a float (got 1.5): ...

    Attributes:
        cents: The exact integer number of cents.
    """

    cents: int

    def __init__(self, euros: str | int | Decimal | Money) -> None:
        cents = euros.cents if isinstance(euros, Money) else _to_cents(euros)
        object.__setattr__(self, "cents", cents)

    # -- construction -------------------------------------------------------

    @classmethod
    def from_cents(cls, cents: int) -> Money:
        """
        Build an amount from an exact integer number of cents.

        >>> Money.from_cents(143896300)
        Money('1438963.00')
        """
        if isinstance(cents, bool) or not isinstance(cents, int):
            msg = f"cents must be an int (got {cents!r}, a {type(cents).__name__})"
            raise MoneyError(msg)
        money = object.__new__(cls)
        object.__setattr__(money, "cents", cents)
        return money

    @classmethod
    def _many_from_cents(cls, cents: Iterable[int]) -> list[Money]:
        """
        Amounts from integer cents that the library computed itself (no checks):
        the fast path for reading back every part of an allocation.
        """
        new = object.__new__
        put = object.__setattr__
        result = []
        for c in cents:
            money = new(cls)
            put(money, "cents", c)
            result.append(money)
        return result

    @classmethod
    def zero(cls) -> Money:
        """
        Return € 0,00.

        >>> Money.zero()
        Money('0.00')
        """
        return cls.from_cents(0)

    @classmethod
    def from_fraction(
        cls,
        euros: Fraction | Decimal | int,
        *,
        rounding: RoundingMode,
        unit: Money | None = None,
    ) -> Money:
        """
        Round an exact number of euros to a multiple of *unit* (default one cent).

        >>> Money.from_fraction(Fraction(1, 3), rounding=RoundingMode.HALF_UP)
        Money('0.33')
        >>> Money.from_fraction(
        ...     Fraction(41995), rounding=RoundingMode.HALF_UP, unit=Money(1000))
        Money('42000.00')
        """
        exact = _exact(euros, "euros")
        unit_cents = _unit_cents(unit)
        units = round_fraction(exact * 100 / unit_cents, _mode(rounding))
        return cls.from_cents(units * unit_cents)

    @classmethod
    def parse(cls, text: str) -> Money:
        """
        Read an amount in the Dutch notation of municipal documents.

        Dots group thousands, a comma starts the cents, ``,-`` means whole
        euros, and the sign may stand before or after the euro sign.
        ``miljoen`` and ``miljard`` are understood.

        >>> Money.parse("€ 1.438.963,-")
        Money('1438963.00')
        >>> Money.parse("-€ 6.514")
        Money('-6514.00')
        >>> Money.parse("€ 1.438.963,50")
        Money('1438963.50')
        >>> Money.parse("€3 miljoen")
        Money('3000000.00')
        >>> Money.parse("€ 1.5")
        Traceback (most recent call last):
        ...
        izafunding.errors.ParseError: cannot read '€ 1.5' as an amount: ...

        Raises:
            ParseError: The text is not one unambiguous amount.
        """
        if not isinstance(text, str):
            msg = f"Money.parse needs a str (got {text!r}, a {type(text).__name__})"
            raise ParseError(msg)
        normalized = re.sub(r"[\u00a0\u202f\u2007\u2009]", " ", text)
        match = _AMOUNT.match(normalized) if len(normalized) <= 200 else None
        if match is None:
            msg = (
                f"cannot read {shown(text)} as an amount: expected Dutch notation such as "
                f"'€ 1.438.963', '€ 1.438.963,-', '€ 1.438.963,50', '3 242 094 euro' or "
                f"'-€ 6.514' (dots or spaces group thousands in threes, a comma starts "
                f"the cents; digits 0-9)"
            )
            raise ParseError(msg)
        if match["sign1"] and match["sign2"]:
            msg = f"cannot read {shown(text)} as an amount: it has two minus signs"
            raise ParseError(msg)
        if match["cur1"] and match["cur2"]:
            msg = f"cannot read {shown(text)} as an amount: it names the currency twice"
            raise ParseError(msg)
        negative = bool(match["sign1"] or match["sign2"])
        digits = match["whole"].replace(".", "").replace(" ", "").lstrip("0")
        frac = match["frac"]
        scale = _SCALES[match["scale"]] if match["scale"] else 1
        too_large = (
            f"cannot read {shown(text)} as an amount: it is too large for an amount of "
            f"euros (less than 10^{_MAX_DIGITS}, a million miljard)"
        )
        if len(digits) > _MAX_DIGITS:
            raise ParseError(too_large)
        whole = int(digits or "0")
        if frac is None or frac.startswith("-"):
            exact = Fraction(whole * scale)
        else:
            if scale == 1 and len(frac) != 2:
                msg = (
                    f"cannot read {shown(text)} as an amount: after the decimal comma "
                    f"write exactly two digits of cents (got {shown(frac)})"
                )
                raise ParseError(msg)
            exact = (whole + Fraction(int(frac), 10 ** len(frac))) * scale
        cents = exact * 100
        if cents.denominator != 1:
            msg = f"cannot read {shown(text)} as an amount: it has a fraction of a cent"
            raise ParseError(msg)
        if abs(cents) >= 10 ** (_MAX_DIGITS + 2):
            raise ParseError(too_large)
        return cls.from_cents(-int(cents) if negative else int(cents))

    # -- views ----------------------------------------------------------------

    @property
    def amount(self) -> Decimal:
        """
        The amount in euros as a ``Decimal`` with two decimals.

        >>> Money(12).amount
        Decimal('12.00')
        """
        sign = "-" if self.cents < 0 else ""
        whole, cents = divmod(abs(self.cents), 100)
        return Decimal(f"{sign}{whole}.{cents:02d}")

    def as_fraction(self) -> Fraction:
        """
        The amount in euros as an exact ``Fraction``.

        >>> Money("0.25").as_fraction()
        Fraction(1, 4)
        """
        return Fraction(self.cents, 100)

    def is_zero(self) -> bool:
        """Whether this is € 0,00."""
        return self.cents == 0

    def is_whole(self) -> bool:
        """
        Whether this is a whole number of euros.

        >>> Money("12.50").is_whole(), Money(12).is_whole()
        (False, True)
        """
        return self.cents % 100 == 0

    # -- formatting -------------------------------------------------------------

    def format(self, *, whole: bool = False, compact: bool = False) -> str:
        """
        Dutch notation: ``€ 1.438.963,00``, or ``€ 1.438.963`` with *whole*.

        *whole* refuses an amount with cents (it never hides them); *compact*
        writes whole euros when the amount is whole and the cents otherwise,
        as the documents' tables do.

        >>> Money(45021).format(compact=True), Money("755941.25").format(compact=True)
        ('€ 45.021', '€ 755.941,25')

        >>> Money(-6514).format(whole=True)
        '-€ 6.514'
        >>> Money("0.5").format(whole=True)
        Traceback (most recent call last):
        ...
        izafunding.errors.MoneyError: cannot format € 0,50 as whole euros: ...
        """
        if whole and self.cents % 100:
            msg = (
                f"cannot format {self} as whole euros: it has cents; round it "
                f"first (Money.from_fraction(..., unit=Money(1))) or use str()"
            )
            raise MoneyError(msg)
        return euro_text(self.cents, whole=whole, compact=compact)

    def __str__(self) -> str:
        return self.format()

    def __repr__(self) -> str:
        return f"Money({str(self.amount)!r})"

    def __format__(self, spec: str) -> str:
        """
        Format with a string spec; a trailing ``whole`` means whole euros (an
        error for an amount with cents), ``compact`` whole euros unless there
        are cents.

        >>> f"[{Money(6514):>10whole}] [{Money('0.5'):>8compact}]"
        '[   € 6.514] [  € 0,50]'
        """
        if spec.endswith("whole"):
            return format(self.format(whole=True), spec.removesuffix("whole"))
        if spec.endswith("compact"):
            return format(self.format(compact=True), spec.removesuffix("compact"))
        return format(str(self), spec.removesuffix("s"))

    # -- arithmetic -------------------------------------------------------------

    def __add__(self, other: Money) -> Money:
        if isinstance(other, Money):
            return Money.from_cents(self.cents + other.cents)
        return NotImplemented

    def __radd__(self, other: object) -> Money:
        # Only to let sum() start from the int 0.
        if isinstance(other, int) and not isinstance(other, bool) and other == 0:
            return self
        return NotImplemented

    def __sub__(self, other: Money) -> Money:
        if isinstance(other, Money):
            return Money.from_cents(self.cents - other.cents)
        return NotImplemented

    def __neg__(self) -> Money:
        return Money.from_cents(-self.cents)

    def __pos__(self) -> Money:
        return self

    def __abs__(self) -> Money:
        return Money.from_cents(abs(self.cents))

    def __mul__(self, other: int) -> Money:
        if isinstance(other, bool):
            return NotImplemented
        if isinstance(other, int):
            return Money.from_cents(self.cents * other)
        if isinstance(other, float):
            msg = f"cannot multiply {self!r} by the float {other!r}: floats lose cents"
            raise FloatNotAllowedError(msg)
        if isinstance(other, (Decimal, Fraction)):
            msg = (
                f"multiplying {self!r} by {other!r} may give a fraction of a cent; "
                f"use money.scale(ratio, rounding=RoundingMode.HALF_UP) to say how to round"
            )
            raise MoneyError(msg)
        return NotImplemented

    def __rmul__(self, other: int) -> Money:
        return self.__mul__(other)

    def scale(
        self,
        ratio: Fraction | Decimal | int,
        *,
        rounding: RoundingMode,
        unit: Money | None = None,
    ) -> Money:
        """
        Multiply by an exact *ratio*, rounding to *unit* (default a cent).

        >>> Money(1000).scale(Decimal("0.15"), rounding=RoundingMode.HALF_UP)
        Money('150.00')
        >>> Money(100).scale(Fraction(1, 3), rounding=RoundingMode.DOWN)
        Money('33.33')
        """
        exact = _exact(ratio, "ratio") * self.cents / 100
        return Money.from_fraction(exact, rounding=rounding, unit=unit)

    def __bool__(self) -> bool:
        msg = f"the truth of {self!r} is ambiguous; use .is_zero() or compare with Money(0)"
        raise TypeError(msg)

    def __reduce__(self) -> tuple[Any, tuple[int]]:
        return (Money.from_cents, (self.cents,))

    def to_dict(self) -> dict[str, Any]:
        """The amount as JSON-safe data; ``Money.from_dict`` reads it back equal."""
        from .._files.value_dicts import money_to_dict

        return money_to_dict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Money:
        """The amount of :meth:`to_dict`'s data; malformed data raises an ``InputFileError``."""
        from .._files.value_dicts import money_from_dict

        return money_from_dict(data)


def _exact(value: object, what: str) -> Fraction:
    """Turn an int, Decimal or Fraction into an exact Fraction; refuse floats."""
    if isinstance(value, bool):
        msg = f"{what} must be an int, Decimal or Fraction (got the bool {value!r})"
        raise MoneyError(msg)
    if isinstance(value, float):
        msg = f"{what} must not be a float (got {value!r}); use a Decimal or Fraction"
        raise FloatNotAllowedError(msg)
    if isinstance(value, Decimal):
        if not value.is_finite():
            msg = f"{what} must be finite (got {value!r})"
            raise MoneyError(msg)
        check_number_size(value, what)
        return Fraction(value)
    if isinstance(value, (int, Fraction)):
        return Fraction(value)
    msg = f"{what} must be an int, Decimal or Fraction (got {value!r}, a {type(value).__name__})"
    raise MoneyError(msg)


def _unit_cents(unit: Money | None) -> int:
    """The rounding unit in cents; it must be a positive amount."""
    if unit is None:
        return 1
    if not isinstance(unit, Money):
        msg = f"unit must be a Money such as Money('0.01') or Money(1) (got {unit!r})"
        raise MoneyError(msg)
    if unit.cents <= 0:
        msg = f"unit must be a positive amount such as Money('0.01') or Money(1) (got {unit!r})"
        raise MoneyError(msg)
    return unit.cents


def _mode(rounding: object) -> RoundingMode:
    if not isinstance(rounding, RoundingMode):
        valid = ", ".join(f"RoundingMode.{m.name}" for m in RoundingMode)
        msg = f"rounding must be one of {valid} (got {rounding!r})"
        raise MoneyError(msg)
    return rounding


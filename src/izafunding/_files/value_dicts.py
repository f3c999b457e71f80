"""
The core values as JSON-safe data and back: amounts, exact numbers, periods, allocation keys and
rounding policies, and :class:`At`, the place in the data that every reader names in its errors.

Every value becomes data that ``json.dumps`` writes without a ``default=``, and reads back equal
to the original: an amount as ``{"euros": "1234.50", "cents": 123450}`` (an exact decimal string
and integer cents; the same as in a receipt), a share or weight that is not a whole number as
``{"fraction": "n/d", "decimal": "0.3333333333"}`` (the fraction is the value; the decimal is for
a reader), a date as ISO text (``"2025-03-31"``), a year as a string key (JSON keys are text).
The inputs built from them (a grant, a scenario, milestones, a schedule) are in ``dicts.py``.

Data that does not describe a valid value is refused with an :class:`InputFileError` that names
the place (``Scenario.from_dict: lines[0].annual``), the bad value and what would be valid.

>>> from izafunding import Money
>>> money_to_dict(Money("1234.5"))
{'euros': '1234.50', 'cents': 123450}
>>> money_from_dict({"euros": "1234.50", "cents": 123450})
Money('1234.50')
>>> money_from_dict({"euros": "1234.50", "cents": 12345})
Traceback (most recent call last):
...
izafunding.errors.InputFileError: Money.from_dict: the euros '1234.50' and the cents 12345 disagree; give cents 123450 (or only one of the two)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import TYPE_CHECKING, Any, TypeVar

from .._core.money import Money
from .._render.formats import decimal_text
from .._render.json_export import money_to_dict
from ..errors import FundingError, InputFileError


if TYPE_CHECKING:
    from .._core.keys import AllocationKey
    from .._core.periods import Period
    from .._core.rounding import Rounding


__all__ = [
    "At",
    "key_from_dict",
    "key_of_type",
    "key_to_dict",
    "money_from_dict",
    "money_to_dict",
    "number_to_data",
    "period_from_dict",
    "period_to_dict",
    "read_key",
    "read_money",
    "read_number",
    "read_period",
    "read_rounding",
    "rounding_from_dict",
    "rounding_of_type",
    "rounding_to_dict",
    "share_to_data",
]

T = TypeVar("T")

_FRACTION = re.compile(r"-?[0-9]{1,400}(/[0-9]{1,400})?")


class At:
    """Where in the data a value is: the reader's name and the path, for messages."""

    __slots__ = ("path", "what")

    def __init__(self, what: str, path: str = "") -> None:
        self.what = what
        self.path = path

    def __truediv__(self, part: str | int) -> At:
        step = f"[{part}]" if isinstance(part, int) else (f".{part}" if self.path else part)
        return At(self.what, self.path + step)

    def error(self, problem: str) -> InputFileError:
        where = f"{self.what}: {self.path}" if self.path else self.what
        return InputFileError(f"{where}: {problem}")

    def mapping(self, value: object, fields: tuple[str, ...], optional: tuple[str, ...] = ()) -> Mapping[str, Any]:
        """*value* as a mapping with every field of *fields* and none unknown."""
        if not isinstance(value, Mapping):
            msg = f"must be an object with {', '.join(map(repr, fields))} (got {value!r})"
            raise self.error(msg) from None
        missing = [f for f in fields if f not in value]
        if missing:
            msg = f"is missing {', '.join(map(repr, missing))} (got the fields {sorted(map(str, value))})"
            raise self.error(msg) from None
        unknown = sorted(str(k) for k in value if k not in fields and k not in optional)
        if unknown:
            known = ", ".join(map(repr, (*fields, *optional)))
            msg = f"unknown field(s) {', '.join(map(repr, unknown))}; the fields are {known}"
            raise self.error(msg) from None
        return value

    def text(self, value: object, *, empty: bool = True) -> str:
        if not isinstance(value, str) or (not empty and not value.strip()):
            msg = f"must be {'a' if empty else 'a non-empty'} text (got {value!r})"
            raise self.error(msg) from None
        return value

    def optional_text(self, value: object) -> str | None:
        return None if value is None else self.text(value)

    def integer(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            msg = f"must be a whole number (got {value!r})"
            raise self.error(msg) from None
        return value

    def items(self, value: object) -> list[Any]:
        if not isinstance(value, list):
            msg = f"must be a list (got {value!r})"
            raise self.error(msg) from None
        return value

    def date(self, value: object) -> date:
        try:
            if not isinstance(value, str):
                raise ValueError
            return date.fromisoformat(value)
        except ValueError:
            msg = f"must be a date in ISO form such as '2025-03-31' (got {value!r})"
            raise self.error(msg) from None

    def year(self, value: object) -> int:
        if isinstance(value, str) and re.fullmatch(r"[0-9]{4}", value):
            return int(value)
        msg = f"must be a year such as '2025' (got {value!r})"
        raise self.error(msg)

    def choice(self, value: object, choices: Mapping[str, T]) -> T:
        if isinstance(value, str) and value in choices:
            return choices[value]
        msg = f"must be one of {', '.join(map(repr, choices))} (got {value!r})"
        raise self.error(msg)

    def build(self, make: Callable[[], T]) -> T:
        """Construct a value; the library's own error, if any, is given the place."""
        try:
            return make()
        except InputFileError:
            raise
        except FundingError as e:
            raise self.error(str(e)) from None


# -- numbers, amounts, dates ------------------------------------------------------


def money_from_dict(data: object, what: str = "Money.from_dict") -> Money:
    """The amount of :func:`money_to_dict`'s data (``euros``, ``cents`` or both, agreeing)."""
    return read_money(data, At(what))


def read_money(data: object, at: At) -> Money:
    if not isinstance(data, Mapping) or not data or set(data) - {"euros", "cents"}:
        msg = f"must be an amount such as {{'euros': '1234.50', 'cents': 123450}} (got {data!r})"
        raise at.error(msg)
    cents: int | None = None
    if "cents" in data:
        cents = (at / "cents").integer(data["cents"])
    if "euros" in data:
        euros = data["euros"]
        try:
            if not isinstance(euros, str):
                raise InvalidOperation
            amount = Decimal(euros)
            if not amount.is_finite() or amount != amount.quantize(Decimal("0.01")):
                raise InvalidOperation
        except InvalidOperation:
            msg = f"must be a decimal text of euros and whole cents such as '1234.50' (got {euros!r})"
            raise (at / "euros").error(msg) from None
        from_euros = int(amount * 100)
        if cents is not None and cents != from_euros:
            msg = (
                f"the euros {euros!r} and the cents {cents} disagree; give cents {from_euros} "
                f"(or only one of the two)"
            )
            raise at.error(
                msg
            )
        cents = from_euros
    assert cents is not None
    return at.build(lambda: Money.from_cents(cents))


def number_to_data(value: Fraction | int) -> Any:
    """A whole number as itself; any other exact number as its fraction and a decimal text."""
    if isinstance(value, int) or value.denominator == 1:
        return int(value)
    return {"fraction": f"{value.numerator}/{value.denominator}", "decimal": decimal_text(value)}


def share_to_data(value: Fraction) -> dict[str, str]:
    """A share: always its fraction ``n/d`` and a decimal text."""
    return {"fraction": f"{value.numerator}/{value.denominator}", "decimal": decimal_text(value)}


def read_number(data: object, at: At) -> Fraction:
    """A whole number, or ``{"fraction": "n/d", ...}`` (the decimal text is only for reading)."""
    if isinstance(data, int) and not isinstance(data, bool):
        return Fraction(data)
    if isinstance(data, Mapping) and "fraction" in data and set(data) <= {"fraction", "decimal"}:
        text = data["fraction"]
        if isinstance(text, str) and _FRACTION.fullmatch(text) and not text.endswith("/0"):
            return Fraction(text)
    msg = f"must be a whole number or {{'fraction': 'n/d', 'decimal': '...'}} such as {{'fraction': '1/3'}} (got {data!r})"
    raise at.error(msg)


def _weight(data: object, at: At) -> int | Fraction:
    value = read_number(data, at)
    return int(value) if value.denominator == 1 else value


def period_to_dict(period: Period) -> dict[str, Any]:
    """A period as its first and last day, ISO."""
    return {"first_day": period.first_day.isoformat(), "last_day": period.last_day.isoformat()}


def period_from_dict(data: object, what: str = "Period.from_dict") -> Period:
    """The period of :func:`period_to_dict`'s data."""
    return read_period(data, At(what))


def read_period(data: object, at: At) -> Period:
    from .._core.periods import Period

    fields = at.mapping(data, ("first_day", "last_day"))
    first, last = (at / "first_day").date(fields["first_day"]), (at / "last_day").date(fields["last_day"])
    return at.build(lambda: Period(first_day=first, last_day=last))


# -- allocation keys and rounding ----------------------------------------------------


def _recipient_to_data(recipient: object, what: str) -> Any:
    from .._core.regions import Municipality

    if isinstance(recipient, str) or (isinstance(recipient, int) and not isinstance(recipient, bool)):
        return recipient
    if isinstance(recipient, Municipality):
        return {"municipality": recipient.name, "code": recipient.code}
    msg = (
        f"{what}: recipient {recipient!r} cannot be written as JSON; "
        f"name recipients by text, a whole number or a Municipality"
    )
    raise InputFileError(msg)


def _recipient(data: object, at: At) -> Any:
    from .._core.regions import Municipality

    if isinstance(data, str) or (isinstance(data, int) and not isinstance(data, bool)):
        return data
    if isinstance(data, Mapping) and set(data) == {"municipality", "code"}:
        name, code = data["municipality"], data["code"]
        return at.build(lambda: Municipality(name, code=code))
    msg = f"must be a name, a whole number or {{'municipality': name, 'code': 'GM0150' or null}} (got {data!r})"
    raise at.error(msg)


def key_to_dict(key: AllocationKey) -> dict[str, Any]:
    """An allocation key (Equal, ProRata, Fixed or Composite), tagged with ``"key"``."""
    from .._core.keys import Composite, Equal, Fixed, ProRata

    name = type(key).__name__
    if isinstance(key, Equal):
        return {"key": "equal", "recipients": [_recipient_to_data(r, name) for r in key.recipients]}
    if isinstance(key, ProRata):
        return {
            "key": "pro_rata",
            "weights": [
                {"recipient": _recipient_to_data(r, name), "weight": number_to_data(w)} for r, w in key.weights
            ],
        }
    if isinstance(key, Fixed):
        return {
            "key": "fixed",
            "shares": [
                {"recipient": _recipient_to_data(r, name), "share": share_to_data(s)} for r, s in key.shares
            ],
        }
    if isinstance(key, Composite):
        return {
            "key": "composite",
            "parts": [{"weight": share_to_data(w), "key": key_to_dict(k)} for w, k in key.parts],
        }
    msg = f"{name}: only the library's keys (Equal, ProRata, Fixed, Composite) can be written as JSON"
    raise InputFileError(msg)


_KEYS = ("equal", "pro_rata", "fixed", "composite")


def key_from_dict(data: object, what: str = "key_from_dict") -> AllocationKey:
    """The allocation key of :func:`key_to_dict`'s data."""
    return read_key(data, At(what))


def key_of_type(data: object, cls: type[T]) -> T:
    """``cls.from_dict``: the key of *data*, which must be a key of type *cls*."""
    at = At(f"{cls.__name__}.from_dict")
    key = read_key(data, at)
    if not isinstance(key, cls):
        msg = f"is a {type(key).__name__} key, not a {cls.__name__} (use key_from_dict for any key)"
        raise (at / "key").error(msg)
    return key


def rounding_of_type(data: object, cls: type[T]) -> T:
    """``cls.from_dict``: the rounding policy of *data*, which must be of type *cls*."""
    at = At(f"{cls.__name__}.from_dict")
    rounding = read_rounding(data, at)
    if not isinstance(rounding, cls):
        msg = f"is {type(rounding).__name__}, not {cls.__name__}"
        raise (at / "rounding").error(msg)
    return rounding


def read_key(data: object, at: At) -> AllocationKey:
    from .._core.keys import Composite, Equal, Fixed, ProRata

    if not isinstance(data, Mapping) or "key" not in data:
        msg = f"must be an allocation key with 'key' one of {', '.join(map(repr, _KEYS))} (got {data!r})"
        raise at.error(msg)
    kind = (at / "key").choice(data["key"], {k: k for k in _KEYS})
    if kind == "equal":
        fields = at.mapping(data, ("key", "recipients"))
        names = [_recipient(r, at / "recipients" / i) for i, r in enumerate((at / "recipients").items(fields["recipients"]))]
        return at.build(lambda: Equal(names))
    if kind in ("pro_rata", "fixed"):
        field, item = ("weights", "weight") if kind == "pro_rata" else ("shares", "share")
        fields = at.mapping(data, ("key", field))
        pairs = []
        for i, entry in enumerate((at / field).items(fields[field])):
            place = at / field / i
            pair = place.mapping(entry, ("recipient", item))
            pairs.append((_recipient(pair["recipient"], place / "recipient"), _weight(pair[item], place / item)))
        cls: Any = ProRata if kind == "pro_rata" else Fixed
        return at.build(lambda: cls(pairs))  # type: ignore[no-any-return]
    fields = at.mapping(data, ("key", "parts"))
    parts = []
    for i, entry in enumerate((at / "parts").items(fields["parts"])):
        place = at / "parts" / i
        part = place.mapping(entry, ("weight", "key"))
        parts.append((read_number(part["weight"], place / "weight"), read_key(part["key"], place / "key")))
    return at.build(lambda: Composite(parts))


def rounding_to_dict(rounding: Rounding) -> dict[str, Any]:
    """A rounding policy, tagged with ``"rounding"``, and its unit."""
    from .._core.rounding import LargestRemainder

    name = "largest_remainder" if isinstance(rounding, LargestRemainder) else "half_up_each"
    return {"rounding": name, "unit": money_to_dict(rounding.unit)}


def rounding_from_dict(data: object, what: str = "rounding_from_dict") -> Rounding:
    """The rounding policy of :func:`rounding_to_dict`'s data."""
    return read_rounding(data, At(what))


def read_rounding(data: object, at: At) -> Rounding:
    from .._core.rounding import HalfUpEach, LargestRemainder

    fields = at.mapping(data, ("rounding", "unit"))
    kind = (at / "rounding").choice(
        fields["rounding"], {"largest_remainder": "largest_remainder", "half_up_each": "half_up_each"}
    )
    unit = read_money(fields["unit"], at / "unit")
    if kind == "largest_remainder":
        return at.build(lambda: LargestRemainder(unit=unit))
    return at.build(lambda: HalfUpEach(unit=unit))

"""
Inputs as JSON-safe data and back: ``to_dict`` and ``from_dict`` of the input values.

Every value becomes data that ``json.dumps`` writes without a ``default=``, and reads back equal
to the original: an amount as ``{"euros": "1234.50", "cents": 123450}`` (an exact decimal string
and integer cents; the same as in a receipt), a share or weight that is not a whole number as
``{"fraction": "n/d", "decimal": "0.3333333333"}`` (the fraction is the value; the decimal is for
a reader), a date as ISO text (``"2025-03-31"``), a year as a string key (JSON keys are text).

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

import functools
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
    from .._core.regions import Member
    from .._core.rounding import Rounding
    from .._scenarios.base import Split
    from .._scenarios.scenario import CostLine, Offset, Reduction, Scenario
    from .._schemes.grants import Grant
    from .._transformation.milestones import Milestone, ReachRule
    from .._transformation.schedule import MilestoneSchedule


__all__ = [
    "grant_from_dict",
    "grant_to_dict",
    "key_from_dict",
    "key_of_type",
    "key_to_dict",
    "milestone_from_dict",
    "milestone_to_dict",
    "money_from_dict",
    "money_to_dict",
    "period_from_dict",
    "period_to_dict",
    "rounding_from_dict",
    "rounding_of_type",
    "rounding_to_dict",
    "scenario_from_dict",
    "scenario_to_dict",
    "schedule_from_dict",
    "schedule_to_dict",
]

T = TypeVar("T")

_FRACTION = re.compile(r"-?[0-9]{1,400}(/[0-9]{1,400})?")


class _At:
    """Where in the data a value is: the reader's name and the path, for messages."""

    __slots__ = ("path", "what")

    def __init__(self, what: str, path: str = "") -> None:
        self.what = what
        self.path = path

    def __truediv__(self, part: str | int) -> _At:
        step = f"[{part}]" if isinstance(part, int) else (f".{part}" if self.path else part)
        return _At(self.what, self.path + step)

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
    return _money(data, _At(what))


def _money(data: object, at: _At) -> Money:
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


def _number_to_data(value: Fraction | int) -> Any:
    """A whole number as itself; any other exact number as its fraction and a decimal text."""
    if isinstance(value, int) or value.denominator == 1:
        return int(value)
    return {"fraction": f"{value.numerator}/{value.denominator}", "decimal": decimal_text(value)}


def _share_to_data(value: Fraction) -> dict[str, str]:
    """A share: always its fraction ``n/d`` and a decimal text."""
    return {"fraction": f"{value.numerator}/{value.denominator}", "decimal": decimal_text(value)}


def _number(data: object, at: _At) -> Fraction:
    """A whole number, or ``{"fraction": "n/d", ...}`` (the decimal text is only for reading)."""
    if isinstance(data, int) and not isinstance(data, bool):
        return Fraction(data)
    if isinstance(data, Mapping) and "fraction" in data and set(data) <= {"fraction", "decimal"}:
        text = data["fraction"]
        if isinstance(text, str) and _FRACTION.fullmatch(text) and not text.endswith("/0"):
            return Fraction(text)
    msg = f"must be a whole number or {{'fraction': 'n/d', 'decimal': '...'}} such as {{'fraction': '1/3'}} (got {data!r})"
    raise at.error(msg)


def _weight(data: object, at: _At) -> int | Fraction:
    value = _number(data, at)
    return int(value) if value.denominator == 1 else value


def period_to_dict(period: Period) -> dict[str, Any]:
    """A period as its first and last day, ISO."""
    return {"first_day": period.first_day.isoformat(), "last_day": period.last_day.isoformat()}


def period_from_dict(data: object, what: str = "Period.from_dict") -> Period:
    """The period of :func:`period_to_dict`'s data."""
    return _period(data, _At(what))


def _period(data: object, at: _At) -> Period:
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


def _recipient(data: object, at: _At) -> Any:
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
                {"recipient": _recipient_to_data(r, name), "weight": _number_to_data(w)} for r, w in key.weights
            ],
        }
    if isinstance(key, Fixed):
        return {
            "key": "fixed",
            "shares": [
                {"recipient": _recipient_to_data(r, name), "share": _share_to_data(s)} for r, s in key.shares
            ],
        }
    if isinstance(key, Composite):
        return {
            "key": "composite",
            "parts": [{"weight": _share_to_data(w), "key": key_to_dict(k)} for w, k in key.parts],
        }
    msg = f"{name}: only the library's keys (Equal, ProRata, Fixed, Composite) can be written as JSON"
    raise InputFileError(msg)


_KEYS = ("equal", "pro_rata", "fixed", "composite")


def key_from_dict(data: object, what: str = "key_from_dict") -> AllocationKey:
    """The allocation key of :func:`key_to_dict`'s data."""
    return _key(data, _At(what))


def key_of_type(data: object, cls: type[T]) -> T:
    """``cls.from_dict``: the key of *data*, which must be a key of type *cls*."""
    at = _At(f"{cls.__name__}.from_dict")
    key = _key(data, at)
    if not isinstance(key, cls):
        msg = f"is a {type(key).__name__} key, not a {cls.__name__} (use key_from_dict for any key)"
        raise (at / "key").error(msg)
    return key


def rounding_of_type(data: object, cls: type[T]) -> T:
    """``cls.from_dict``: the rounding policy of *data*, which must be of type *cls*."""
    at = _At(f"{cls.__name__}.from_dict")
    rounding = _rounding(data, at)
    if not isinstance(rounding, cls):
        msg = f"is {type(rounding).__name__}, not {cls.__name__}"
        raise (at / "rounding").error(msg)
    return rounding


def _key(data: object, at: _At) -> AllocationKey:
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
        parts.append((_number(part["weight"], place / "weight"), _key(part["key"], place / "key")))
    return at.build(lambda: Composite(parts))


def rounding_to_dict(rounding: Rounding) -> dict[str, Any]:
    """A rounding policy, tagged with ``"rounding"``, and its unit."""
    from .._core.rounding import LargestRemainder

    name = "largest_remainder" if isinstance(rounding, LargestRemainder) else "half_up_each"
    return {"rounding": name, "unit": money_to_dict(rounding.unit)}


def rounding_from_dict(data: object, what: str = "rounding_from_dict") -> Rounding:
    """The rounding policy of :func:`rounding_to_dict`'s data."""
    return _rounding(data, _At(what))


def _rounding(data: object, at: _At) -> Rounding:
    from .._core.rounding import HalfUpEach, LargestRemainder

    fields = at.mapping(data, ("rounding", "unit"))
    kind = (at / "rounding").choice(
        fields["rounding"], {"largest_remainder": "largest_remainder", "half_up_each": "half_up_each"}
    )
    unit = _money(fields["unit"], at / "unit")
    if kind == "largest_remainder":
        return at.build(lambda: LargestRemainder(unit=unit))
    return at.build(lambda: HalfUpEach(unit=unit))


# -- a grant ------------------------------------------------------------------------


def grant_to_dict(grant: Grant) -> dict[str, Any]:
    """A grant: its scheme by name, the recipient, the awards and advances per year."""
    from ..schemes import by_name

    try:
        known = by_name(grant.scheme.name) == grant.scheme
    except FundingError:
        known = False
    if not known:
        msg = (
            f"Grant.to_dict: the scheme {grant.scheme.name!r} is not one of the library's "
            f"schemes (izafunding.schemes.by_name), so it cannot be named in JSON"
        )
        raise InputFileError(msg)
    awarded: dict[str, Any] = {}
    for year, value in grant.awarded.items():
        awarded[str(year)] = (
            money_to_dict(value)
            if isinstance(value, Money)
            else {c: money_to_dict(v) for c, v in value.items()}
        )
    advances = grant.advances or {}
    return {
        "type": "Grant",
        "scheme": grant.scheme.name,
        "recipient": grant.recipient,
        "awarded": awarded,
        "advances": {str(y): money_to_dict(v) for y, v in advances.items()},
        "applicant": grant.applicant,
        "source": grant.source,
    }


def grant_from_dict(data: object) -> Grant:
    """The grant of :func:`grant_to_dict`'s data."""
    from .._schemes.grants import Grant
    from ..schemes import by_name

    at = _At("Grant.from_dict")
    fields = at.mapping(
        data, ("scheme", "recipient", "awarded"), optional=("type", "advances", "applicant", "source")
    )
    _check_type(fields, "Grant", at)
    scheme = (at / "scheme").build(lambda: by_name((at / "scheme").text(fields["scheme"])))
    awarded: dict[int, Money | dict[str, Money]] = {}
    if not isinstance(fields["awarded"], Mapping):
        msg = f"must be an object of year to amount (got {fields['awarded']!r})"
        raise (at / "awarded").error(msg)
    for year, value in fields["awarded"].items():
        place = at / "awarded" / str(year)
        if isinstance(value, Mapping) and value and not set(value) <= {"euros", "cents"}:
            awarded[(at / "awarded").year(year)] = {
                (place / str(c)).text(c): _money(v, place / str(c)) for c, v in value.items()
            }
        else:
            awarded[(at / "awarded").year(year)] = _money(value, place)
    advances: dict[int, Money] | None = None
    if fields.get("advances") is not None:
        if not isinstance(fields["advances"], Mapping):
            msg = f"must be an object of year to amount (got {fields['advances']!r})"
            raise (at / "advances").error(msg)
        advances = {
            (at / "advances").year(y): _money(v, at / "advances" / str(y)) for y, v in fields["advances"].items()
        }
    return at.build(
        lambda: Grant(
            scheme=scheme,
            recipient=(at / "recipient").text(fields["recipient"]),
            awarded=awarded,
            advances=advances,
            applicant=(at / "applicant").optional_text(fields.get("applicant")),
            source=(at / "source").text(fields.get("source", "")),
        )
    )


def _check_type(fields: Mapping[str, Any], name: str, at: _At) -> None:
    if "type" in fields and fields["type"] != name:
        msg = f"must be {name!r} (got {fields['type']!r})"
        raise (at / "type").error(msg)


# -- a scenario -----------------------------------------------------------------------


def _split_to_data(split: Split) -> Any:
    from .._scenarios.scenario import MemberSplit

    return split.value if isinstance(split, MemberSplit) else key_to_dict(split)


def _split(data: object, at: _At) -> Split:
    from .._scenarios.scenario import MemberSplit

    if isinstance(data, str):
        return at.choice(data, {s.value: s for s in MemberSplit})
    if isinstance(data, Mapping):
        return _key(data, at)
    msg = f"must be 'equal', 'inhabitants' or an allocation key (got {data!r})"
    raise at.error(msg)


def _member_to_data(member: Member) -> dict[str, Any]:
    count = member.inhabitants
    return {
        "municipality": member.municipality.name,
        "code": member.municipality.code,
        "inhabitants": None
        if count is None
        else {
            "count": count.count,
            "reference_date": None if count.reference_date is None else count.reference_date.isoformat(),
            "source": count.source,
        },
    }


def _member(data: object, at: _At) -> Member:
    from .._core.regions import InhabitantCount, Member, Municipality

    fields = at.mapping(data, ("municipality",), optional=("code", "inhabitants"))
    name = (at / "municipality").text(fields["municipality"], empty=False)
    code = (at / "code").optional_text(fields.get("code"))
    municipality = at.build(lambda: Municipality(name, code=code))
    raw = fields.get("inhabitants")
    if raw is None:
        return Member(municipality=municipality)
    place = at / "inhabitants"
    counted = place.mapping(raw, ("count",), optional=("reference_date", "source"))
    day = counted.get("reference_date")
    inhabitants = place.build(
        lambda: InhabitantCount(
            count=(place / "count").integer(counted["count"]),
            reference_date=None if day is None else (place / "reference_date").date(day),
            source=(place / "source").text(counted.get("source", "")),
        )
    )
    return Member(municipality=municipality, inhabitants=inhabitants)


def _reduction_to_data(r: Reduction) -> dict[str, Any]:
    return {"amount": money_to_dict(r.amount), "reason": r.reason, "source": r.source}


def _line_to_data(line: CostLine) -> dict[str, Any]:
    return {
        "name": line.name,
        "annual": money_to_dict(line.annual),
        "reductions": [_reduction_to_data(r) for r in line.reductions],
        "shares": key_to_dict(line.shares),
        "split": _split_to_data(line.split),
        "source": line.source,
        "derivation": line.derivation,
    }


def _line(data: object, at: _At) -> CostLine:
    from .._core.keys import Fixed
    from .._scenarios.scenario import CostLine, Reduction

    fields = at.mapping(
        data, ("name", "annual"), optional=("reductions", "shares", "split", "source", "derivation")
    )
    reductions = []
    for i, entry in enumerate((at / "reductions").items(fields.get("reductions", []))):
        place = at / "reductions" / i
        r = place.mapping(entry, ("amount", "reason"), optional=("source",))
        amount = _money(r["amount"], place / "amount")
        reason = (place / "reason").text(r["reason"])
        source = (place / "source").text(r.get("source", ""))
        reductions.append(
            place.build(functools.partial(Reduction, amount=amount, reason=reason, source=source))
        )
    extra: dict[str, Any] = {}
    if "shares" in fields:
        shares = _key(fields["shares"], at / "shares")
        if not isinstance(shares, Fixed):
            msg = f"must be a 'fixed' key between 'municipalities' and the partners (got {fields['shares']!r})"
            raise (at / "shares").error(msg)
        extra["shares"] = shares
    if "split" in fields:
        extra["split"] = _split(fields["split"], at / "split")
    annual = _money(fields["annual"], at / "annual")
    return at.build(
        lambda: CostLine(
            name=(at / "name").text(fields["name"]),
            annual=annual,
            reductions=reductions,
            source=(at / "source").text(fields.get("source", "")),
            derivation=(at / "derivation").text(fields.get("derivation", "")),
            **extra,
        )
    )


def _offset_to_data(offset: Offset) -> dict[str, Any]:
    return {
        "name": offset.name,
        "amount": money_to_dict(offset.amount),
        "split": _split_to_data(offset.split),
        "source": offset.source,
    }


def _offset(data: object, at: _At) -> Offset:
    from .._scenarios.scenario import Offset

    fields = at.mapping(data, ("name", "amount"), optional=("split", "source"))
    extra: dict[str, Any] = {}
    if "split" in fields:
        extra["split"] = _split(fields["split"], at / "split")
    amount = _money(fields["amount"], at / "amount")
    return at.build(
        lambda: Offset(
            name=(at / "name").text(fields["name"]),
            amount=amount,
            source=(at / "source").text(fields.get("source", "")),
            **extra,
        )
    )


def scenario_to_dict(scenario: Scenario) -> dict[str, Any]:
    """A scenario: its period, cost lines, members, offsets and rounding policies."""
    return {
        "type": "Scenario",
        "name": scenario.name,
        "period": period_to_dict(scenario.period),
        "lines": [_line_to_data(line) for line in scenario.lines],
        "members": [_member_to_data(m) for m in scenario.members],
        "rounding": rounding_to_dict(scenario.rounding),
        "offsets": [_offset_to_data(o) for o in scenario.offsets],
        "line_rounding": rounding_to_dict(scenario.line_rounding),
        "basis": scenario.basis.value,
        "source": scenario.source,
    }


def scenario_from_dict(data: object) -> Scenario:
    """The scenario of :func:`scenario_to_dict`'s data."""
    from .._core.proration import ProrationBasis
    from .._core.rounding import LargestRemainder
    from .._scenarios.scenario import Scenario

    at = _At("Scenario.from_dict")
    fields = at.mapping(
        data,
        ("name", "period", "lines", "members", "rounding"),
        optional=("type", "offsets", "line_rounding", "basis", "source"),
    )
    _check_type(fields, "Scenario", at)
    extra: dict[str, Any] = {}
    if "line_rounding" in fields:
        line_rounding = _rounding(fields["line_rounding"], at / "line_rounding")
        if not isinstance(line_rounding, LargestRemainder):
            msg = "must be a 'largest_remainder' rounding, so that each line's parts add up"
            raise (at / "line_rounding").error(msg)
        extra["line_rounding"] = line_rounding
    if "basis" in fields:
        extra["basis"] = (at / "basis").choice(fields["basis"], {b.value: b for b in ProrationBasis})
    period = _period(fields["period"], at / "period")
    lines = [_line(x, at / "lines" / i) for i, x in enumerate((at / "lines").items(fields["lines"]))]
    members = [_member(x, at / "members" / i) for i, x in enumerate((at / "members").items(fields["members"]))]
    offsets = [_offset(x, at / "offsets" / i) for i, x in enumerate((at / "offsets").items(fields.get("offsets", [])))]
    rounding = _rounding(fields["rounding"], at / "rounding")
    return at.build(
        lambda: Scenario(
            name=(at / "name").text(fields["name"]),
            period=period,
            lines=lines,
            members=members,
            rounding=rounding,
            offsets=offsets,
            source=(at / "source").text(fields.get("source", "")),
            **extra,
        )
    )


# -- milestones -----------------------------------------------------------------------


def milestone_to_dict(m: Milestone) -> dict[str, Any]:
    """A milestone: kind, amount, due date (ISO), areas, bearer and the optional fields."""
    return {
        "name": m.name,
        "kind": m.kind.value,
        "amount": money_to_dict(m.amount),
        "due": m.due.isoformat(),
        "areas": list(m.areas),
        "bearer": m.bearer,
        "budget_year": m.budget_year,
        "withheld": money_to_dict(m.withheld),
        "description": m.description,
    }


def milestone_from_dict(data: object, what: str = "Milestone.from_dict") -> Milestone:
    """The milestone of :func:`milestone_to_dict`'s data."""
    return _milestone(data, _At(what))


def _milestone(data: object, at: _At) -> Milestone:
    from .._transformation.milestones import Milestone, MilestoneKind

    fields = at.mapping(
        data,
        ("name", "kind", "amount", "due", "areas", "bearer"),
        optional=("budget_year", "withheld", "description"),
    )
    extra: dict[str, Any] = {}
    if fields.get("withheld") is not None:
        extra["withheld"] = _money(fields["withheld"], at / "withheld")
    year = fields.get("budget_year")
    amount = _money(fields["amount"], at / "amount")
    areas = tuple((at / "areas" / i).text(a) for i, a in enumerate((at / "areas").items(fields["areas"])))
    return at.build(
        lambda: Milestone(
            name=(at / "name").text(fields["name"]),
            kind=(at / "kind").choice(fields["kind"], {k.value: k for k in MilestoneKind}),
            amount=amount,
            due=(at / "due").date(fields["due"]),
            areas=areas,
            bearer=(at / "bearer").text(fields["bearer"]),
            budget_year=None if year is None else (at / "budget_year").integer(year),
            description=(at / "description").text(fields.get("description", "")),
            **extra,
        )
    )


def _rule_to_data(rule: ReachRule) -> dict[str, Any]:
    from .._transformation.milestones import ShareOfAreas

    if isinstance(rule, ShareOfAreas):
        return {"rule": "share_of_areas", "share": _share_to_data(rule.share), "source": rule.source}
    return {"rule": "all_areas", "source": rule.source}


def _rule(data: object, at: _At) -> ReachRule:
    from .._transformation.milestones import AllAreas, ShareOfAreas

    if not isinstance(data, Mapping) or "rule" not in data:
        msg = f"must be a rule with 'rule' 'all_areas' or 'share_of_areas' (got {data!r})"
        raise at.error(msg)
    kind = (at / "rule").choice(data["rule"], {"all_areas": "all", "share_of_areas": "share"})
    if kind == "all":
        fields = at.mapping(data, ("rule",), optional=("source",))
        extra = {"source": (at / "source").text(fields["source"])} if "source" in fields else {}
        return at.build(lambda: AllAreas(**extra))
    fields = at.mapping(data, ("rule", "share"), optional=("source",))
    share = _number(fields["share"], at / "share")
    extra = {"source": (at / "source").text(fields["source"])} if "source" in fields else {}
    return at.build(lambda: ShareOfAreas(share, **extra))


def schedule_to_dict(schedule: MilestoneSchedule) -> dict[str, Any]:
    """A milestone schedule: its milestones, plan, period, budget, bearers and rule."""
    return {
        "type": "MilestoneSchedule",
        "milestones": [milestone_to_dict(m) for m in schedule.milestones],
        "plan": schedule.plan,
        "period": None if schedule.period is None else period_to_dict(schedule.period),
        "budget": None
        if schedule.budget is None
        else {str(y): money_to_dict(v) for y, v in schedule.budget.items()},
        "bearers": None
        if schedule.bearers is None
        else {b: money_to_dict(v) for b, v in schedule.bearers.items()},
        "rule": _rule_to_data(schedule.rule),
    }


def schedule_from_dict(data: object) -> MilestoneSchedule:
    """The schedule of :func:`schedule_to_dict`'s data."""
    from .._transformation.schedule import MilestoneSchedule

    at = _At("MilestoneSchedule.from_dict")
    fields = at.mapping(
        data, ("milestones",), optional=("type", "plan", "period", "budget", "bearers", "rule")
    )
    _check_type(fields, "MilestoneSchedule", at)
    milestones = [
        _milestone(x, at / "milestones" / i) for i, x in enumerate((at / "milestones").items(fields["milestones"]))
    ]
    extra: dict[str, Any] = {}
    if fields.get("period") is not None:
        extra["period"] = _period(fields["period"], at / "period")
    if fields.get("budget") is not None:
        budget = fields["budget"]
        if not isinstance(budget, Mapping):
            msg = f"must be an object of year to amount (got {budget!r})"
            raise (at / "budget").error(msg)
        extra["budget"] = {(at / "budget").year(y): _money(v, at / "budget" / str(y)) for y, v in budget.items()}
    if fields.get("bearers") is not None:
        bearers = fields["bearers"]
        if not isinstance(bearers, Mapping):
            msg = f"must be an object of bearer to amount (got {bearers!r})"
            raise (at / "bearers").error(msg)
        extra["bearers"] = {
            (at / "bearers").text(b): _money(v, at / "bearers" / str(b)) for b, v in bearers.items()
        }
    if fields.get("rule") is not None:
        extra["rule"] = _rule(fields["rule"], at / "rule")
    return at.build(
        lambda: MilestoneSchedule(milestones, plan=(at / "plan").text(fields.get("plan", "")), **extra)
    )

"""Periods: inclusive date ranges (years, quarters, months) and their parts."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator, Mapping
from datetime import date, datetime, timedelta
from typing import Any, Final, final

import attrs
from dateutil.relativedelta import relativedelta
from dateutil.rrule import MONTHLY, YEARLY, rrule

from ..errors import ParseError, PeriodError
from .numbers import shown


__all__ = ["Period"]

_ONE_DAY: Final = timedelta(days=1)
_ISO_RANGE: Final = re.compile(
    r"^\s*([0-9]{4}-[0-9]{2}-[0-9]{2})\s*/\s*([0-9]{4}-[0-9]{2}-[0-9]{2})\s*$", re.ASCII
)


def _check_date(instance: Period, attribute: attrs.Attribute[date], value: date) -> None:
    # datetime is a subclass of date; a time of day has no place in a period.
    if not isinstance(value, date) or isinstance(value, datetime):
        msg = f"'{attribute.name}' must be a datetime.date (got {value!r})"
        raise PeriodError(msg)


@final
@attrs.frozen(kw_only=True)
class Period:
    """
    An inclusive range of days, as the documents' "1 januari t/m 31 december".

    Both *first_day* and *last_day* belong to the period.

    >>> q1 = Period.quarter(2025, 1)
    >>> q1.first_day, q1.last_day, q1.days
    (datetime.date(2025, 1, 1), datetime.date(2025, 3, 31), 90)
    >>> date(2025, 3, 31) in q1, date(2025, 4, 1) in q1
    (True, False)
    >>> [str(m) for m in q1.months()]
    ['2025-01', '2025-02', '2025-03']
    >>> Period(first_day=date(2025, 2, 1), last_day=date(2025, 1, 1))
    Traceback (most recent call last):
    ...
    izafunding.errors.PeriodError: 'last_day' must not be before 'first_day' ...

    Attributes:
        first_day: The first day of the period (inclusive).

        last_day: The last day of the period (inclusive).
    """

    first_day: date = attrs.field(validator=_check_date)
    last_day: date = attrs.field(validator=_check_date)

    def __attrs_post_init__(self) -> None:
        if self.last_day < self.first_day:
            msg = (
                f"'last_day' must not be before 'first_day' (got first_day="
                f"{self.first_day.isoformat()}, last_day={self.last_day.isoformat()}); "
                f"both days are inclusive, so a one-day period has first_day == last_day"
            )
            raise PeriodError(msg)

    # -- named constructors --------------------------------------------------

    @classmethod
    def year(cls, year: int) -> Period:
        """
        The calendar year *year* (1 January t/m 31 December).

        >>> Period.year(2025).days
        365
        """
        _check_year(year)
        return cls(first_day=date(year, 1, 1), last_day=date(year, 12, 31))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        """
        Quarter *quarter* (1-4) of *year*.

        >>> str(Period.quarter(2025, 2))
        '2025-Q2'
        """
        _check_year(year)
        if isinstance(quarter, bool) or not isinstance(quarter, int) or not 1 <= quarter <= 4:
            msg = f"quarter must be 1, 2, 3 or 4 (got {quarter!r})"
            raise PeriodError(msg)
        first = date(year, 3 * quarter - 2, 1)
        return cls(first_day=first, last_day=first + relativedelta(months=3) - _ONE_DAY)

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """
        Month *month* (1-12) of *year*.

        >>> Period.month(2024, 2).days
        29
        """
        _check_year(year)
        if isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= 12:
            msg = f"month must be an int from 1 to 12 (got {month!r})"
            raise PeriodError(msg)
        first = date(year, month, 1)
        return cls(first_day=first, last_day=first + relativedelta(months=1) - _ONE_DAY)

    @classmethod
    def years_range(cls, first_year: int, last_year: int) -> Period:
        """
        The years *first_year* t/m *last_year*, both inclusive.

        >>> str(Period.years_range(2023, 2026))
        '2023-01-01 t/m 2026-12-31'
        """
        return cls(first_day=cls.year(first_year).first_day, last_day=cls.year(last_year).last_day)

    @classmethod
    def parse(cls, text: str) -> Period:
        """
        Read an ISO range ``2025-01-01/2025-03-31``, a year ``2025``, a quarter
        ``2025-Q1`` or a month ``2025-03``.

        >>> Period.parse("2025-Q1") == Period.quarter(2025, 1)
        True
        >>> Period.parse("2024-01-01/2027-12-31").days
        1461
        """
        stripped = text.strip() if isinstance(text, str) else text
        try:
            if isinstance(stripped, str):
                if m := _ISO_RANGE.match(stripped):
                    return cls(
                        first_day=date.fromisoformat(m[1]), last_day=date.fromisoformat(m[2])
                    )
                if re.fullmatch(r"[0-9]{4}", stripped):
                    return cls.year(int(stripped))
                if m := re.fullmatch(r"([0-9]{4})-?[Qq]([1-4])", stripped):
                    return cls.quarter(int(m[1]), int(m[2]))
                if m := re.fullmatch(r"([0-9]{4})-([0-9]{2})", stripped):
                    return cls.month(int(m[1]), int(m[2]))
        except (ValueError, PeriodError) as e:
            msg = f"cannot read {shown(text)} as a period: {e}"
            raise ParseError(msg) from None
        if not isinstance(text, str):
            msg = f"Period.parse needs a str (got {text!r}, a {type(text).__name__})"
            raise ParseError(msg)
        msg = (
            f"cannot read {shown(text)} as a period: expected '2025', '2025-Q1', '2025-03' "
            f"or '2025-01-01/2025-03-31'"
        )
        raise ParseError(msg)

    # -- questions -------------------------------------------------------------

    @property
    def days(self) -> int:
        """The number of days, both ends included."""
        return (self.last_day - self.first_day).days + 1

    def __contains__(self, day: object) -> bool:
        if isinstance(day, Period):
            return self.first_day <= day.first_day and day.last_day <= self.last_day
        if isinstance(day, date):
            return self.first_day <= day <= self.last_day
        return False

    def contains(self, other: Period | date) -> bool:
        """
        Whether *other* (a day or a whole period) lies inside this period.

        >>> Period.year(2025).contains(Period.quarter(2025, 4))
        True
        """
        return other in self

    def overlaps(self, other: Period) -> bool:
        """
        Whether the two periods share at least one day.

        >>> Period.year(2025).overlaps(Period.parse("2024-12-31/2025-01-01"))
        True
        """
        _check_period(other, "other")
        return self.first_day <= other.last_day and other.first_day <= self.last_day

    def intersection(self, other: Period) -> Period | None:
        """
        The days both periods share, or ``None``.

        >>> Period.year(2025).intersection(Period.parse("2024-07-01/2025-06-30"))
        Period(first_day=datetime.date(2025, 1, 1), last_day=datetime.date(2025, 6, 30))
        """
        if not self.overlaps(other):
            return None
        return Period(
            first_day=max(self.first_day, other.first_day),
            last_day=min(self.last_day, other.last_day),
        )

    def is_whole_months(self) -> bool:
        """
        Whether the period starts on a first and ends on a last day of a month.

        >>> Period.quarter(2025, 1).is_whole_months()
        True
        """
        last = self.last_day
        return self.first_day.day == 1 and last.day == calendar.monthrange(last.year, last.month)[1]

    def month_count(self) -> int:
        """
        The number of whole months; only for a period of whole months.

        >>> Period.quarter(2025, 1).month_count()
        3
        """
        if not self.is_whole_months():
            msg = (
                f"{self} is not a number of whole months (it must start on the first "
                f"and end on the last day of a month)"
            )
            raise PeriodError(msg)
        first, last = self.first_day, self.last_day
        return (last.year - first.year) * 12 + last.month - first.month + 1

    @property
    def year_numbers(self) -> tuple[int, ...]:
        """
        The calendar years this period touches.

        >>> Period.parse("2024-01-01/2027-12-31").year_numbers
        (2024, 2025, 2026, 2027)
        """
        return tuple(range(self.first_day.year, self.last_day.year + 1))

    # -- splitting --------------------------------------------------------------

    def _split(self, starts: Iterator[date], step: relativedelta) -> tuple[Period, ...]:
        parts = []
        for start in starts:
            try:
                end = start + step - _ONE_DAY
            except (ValueError, OverflowError):  # the last part of the calendar (year 9999)
                end = date.max
            piece = self.intersection(Period(first_day=start, last_day=end))
            if piece is not None:
                parts.append(piece)
        return tuple(parts)

    def years(self) -> tuple[Period, ...]:
        """
        The calendar years (clipped to this period), in order.

        >>> [str(y) for y in Period.parse("2024-07-01/2025-12-31").years()]
        ['2024-07-01 t/m 2024-12-31', '2025']
        """
        start = date(self.first_day.year, 1, 1)
        starts = (d.date() for d in rrule(YEARLY, dtstart=start, until=self.last_day))
        return self._split(starts, relativedelta(years=1))

    def quarters(self) -> tuple[Period, ...]:
        """
        The calendar quarters (clipped to this period), in order.

        >>> [str(q) for q in Period.year(2025).quarters()]
        ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']
        """
        first_month = 3 * ((self.first_day.month - 1) // 3) + 1
        start = date(self.first_day.year, first_month, 1)
        starts = (
            d.date() for d in rrule(MONTHLY, interval=3, dtstart=start, until=self.last_day)
        )
        return self._split(starts, relativedelta(months=3))

    def months(self) -> tuple[Period, ...]:
        """
        The calendar months (clipped to this period), in order.

        >>> len(Period.years_range(2024, 2027).months())
        48
        """
        start = self.first_day.replace(day=1)
        starts = (d.date() for d in rrule(MONTHLY, dtstart=start, until=self.last_day))
        return self._split(starts, relativedelta(months=1))

    # -- text ---------------------------------------------------------------------

    def __str__(self) -> str:
        first, last = self.first_day, self.last_day
        if self.is_whole_months():
            months = self.month_count()
            if months == 12 and first.month == 1:
                return f"{first.year}"
            if months == 3 and first.month % 3 == 1:
                return f"{first.year}-Q{(first.month + 2) // 3}"
            if months == 1:
                return f"{first.year}-{first.month:02d}"
        return f"{first.isoformat()} t/m {last.isoformat()}"

    def to_dict(self) -> dict[str, Any]:
        """The period as JSON-safe data; ``Period.from_dict`` reads it back equal."""
        from .._files.value_dicts import period_to_dict

        return period_to_dict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Period:
        """The period of :meth:`to_dict`'s data; malformed data raises an ``InputFileError``."""
        from .._files.value_dicts import period_from_dict

        return period_from_dict(data)


def _check_period(value: object, name: str) -> None:
    if not isinstance(value, Period):
        msg = f"'{name}' must be a Period such as Period.year(2025) (got {value!r})"
        raise PeriodError(msg)


def _check_year(year: object) -> None:
    if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2200:
        msg = f"year must be an int from 1900 to 2200, such as 2025 (got {year!r})"
        raise PeriodError(msg)

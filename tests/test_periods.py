"""Tests for Period and prorate: inclusive periods and the part of a year."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from izafunding import (
    HalfUpEach,
    LargestRemainder,
    Money,
    ParseError,
    Period,
    PeriodError,
    ProrationBasis,
    prorate,
)
from izafunding.strategies import money, periods


class TestConstruction:
    def test_named_constructors(self) -> None:
        """year, quarter and month give the calendar periods, both days inclusive."""
        assert Period.year(2025) == Period(first_day=date(2025, 1, 1), last_day=date(2025, 12, 31))
        assert Period.quarter(2025, 1).last_day == date(2025, 3, 31)
        assert Period.quarter(2025, 4).first_day == date(2025, 10, 1)
        assert Period.month(2024, 2).last_day == date(2024, 2, 29)
        assert Period.years_range(2024, 2027).days == 1461

    def test_last_before_first(self) -> None:
        """A last day before the first raises PeriodError naming both days."""
        with pytest.raises(PeriodError, match="2025-02-01"):
            Period(first_day=date(2025, 2, 1), last_day=date(2025, 1, 31))

    def test_one_day(self) -> None:
        """A one-day period has first_day == last_day and one day."""
        assert Period(first_day=date(2025, 4, 1), last_day=date(2025, 4, 1)).days == 1

    @pytest.mark.parametrize(
        ("call", "message"),
        [
            (lambda: Period.quarter(2025, 5), "quarter must be"),
            (lambda: Period.quarter(2025, True), "quarter must be"),
            (lambda: Period.month(2025, 13), "month must be"),
            (lambda: Period.year("2025"), "year must be"),  # type: ignore[arg-type]
            (lambda: Period(first_day="2025-01-01", last_day=date(2025, 1, 2)), "datetime.date"),  # type: ignore[arg-type]
            (
                lambda: Period(first_day=datetime(2025, 1, 1), last_day=date(2025, 1, 2)),
                "datetime.date",
            ),
        ],
    )
    def test_bad_input(self, call: object, message: str) -> None:
        """Bad arguments raise PeriodError saying what is valid."""
        with pytest.raises(PeriodError, match=message):
            call()  # type: ignore[operator]

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("2025", Period.year(2025)),
            ("2025-Q1", Period.quarter(2025, 1)),
            ("2025q3", Period.quarter(2025, 3)),
            ("2025-03", Period.month(2025, 3)),
            ("2024-01-01/2027-12-31", Period.years_range(2024, 2027)),
        ],
    )
    def test_parse(self, text: str, expected: Period) -> None:
        """parse reads years, quarters, months and ISO ranges."""
        assert Period.parse(text) == expected

    @pytest.mark.parametrize("text", ["2025-Q5", "2025-13", "2025-02-30/2025-03-01", "Q1", ""])
    def test_parse_errors(self, text: str) -> None:
        """Unreadable periods raise ParseError naming the text."""
        with pytest.raises(ParseError, match="period"):
            Period.parse(text)

    @given(periods())
    def test_str_parse_round_trip(self, p: Period) -> None:
        """A period's str() reads back as the same period (ISO range form)."""
        text = str(p).replace(" t/m ", "/")
        assert Period.parse(text) == p


class TestQuestions:
    def test_contains_and_overlap(self) -> None:
        """Containment of days and periods, and overlap, include both ends."""
        q1 = Period.quarter(2025, 1)
        assert date(2025, 1, 1) in q1
        assert date(2025, 3, 31) in q1
        assert date(2025, 4, 1) not in q1
        assert Period.month(2025, 2) in q1
        assert "2025-01-01" not in q1
        assert q1.overlaps(Period.parse("2025-03-31/2025-04-30"))
        assert not q1.overlaps(Period.quarter(2025, 2))

    @given(periods(), periods())
    def test_overlap_symmetric(self, a: Period, b: Period) -> None:
        """Overlap is symmetric and agrees with intersection."""
        assert a.overlaps(b) == b.overlaps(a)
        assert (a.intersection(b) is not None) == a.overlaps(b)

    def test_overlap_needs_a_period(self) -> None:
        """overlaps and intersection refuse a non-period with a PeriodError."""
        with pytest.raises(PeriodError, match="must be a Period"):
            Period.year(2025).overlaps(date(2025, 1, 1))  # type: ignore[arg-type]
        with pytest.raises(PeriodError, match="must be a Period"):
            Period.year(2025).intersection(None)  # type: ignore[arg-type]

    def test_end_of_the_calendar(self) -> None:
        """The last month date can hold prints and counts without overflowing."""
        december = Period(first_day=date(9999, 12, 1), last_day=date(9999, 12, 31))
        assert str(december) == "9999-12"
        assert december.month_count() == 1

    def test_month_count_needs_whole_months(self) -> None:
        """month_count refuses a period that is not whole months."""
        with pytest.raises(PeriodError, match="whole months"):
            Period.parse("2025-01-02/2025-03-31").month_count()


class TestSplitting:
    def test_split_year(self) -> None:
        """A year has four quarters and twelve months, in order."""
        year = Period.year(2025)
        assert [str(q) for q in year.quarters()] == ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]
        assert len(year.months()) == 12
        assert year.years() == (year,)

    def test_split_clips(self) -> None:
        """Sub-periods of an arbitrary range are clipped to it."""
        p = Period.parse("2024-11-15/2025-02-10")
        assert [str(m) for m in p.months()] == [
            "2024-11-15 t/m 2024-11-30",
            "2024-12",
            "2025-01",
            "2025-02-01 t/m 2025-02-10",
        ]
        assert [str(q) for q in p.quarters()] == ["2024-11-15 t/m 2024-12-31", "2025-01-01 t/m 2025-02-10"]

    @given(periods(), st.sampled_from(["years", "quarters", "months"]))
    def test_split_tiles(self, p: Period, how: str) -> None:
        """Sub-periods tile the period: no gaps, no overlaps, same days."""
        parts = getattr(p, how)()
        assert parts[0].first_day == p.first_day
        assert parts[-1].last_day == p.last_day
        for before, after in itertools.pairwise(parts):
            assert after.first_day == before.last_day + timedelta(days=1)
        assert sum(part.days for part in parts) == p.days


class TestProrate:
    def test_memo_quarter(self) -> None:
        """€ 3.000.000 a year is € 750.000 for Q1 2025 (memo SPUK IZA 2025, IJssel-Vecht)."""
        p = prorate(Money(3000000), Period.quarter(2025, 1), rounding=LargestRemainder(unit=Money(1)))
        assert p.amount == Money(750000)
        assert p.residue == Money(0)

    def test_each_line_per_quarter(self) -> None:
        """€ 600.000 and € 800.000 a year are € 150.000 and € 200.000 a quarter (memo)."""
        q1 = Period.quarter(2025, 1)
        assert prorate(Money(600000), q1, rounding=LargestRemainder()).amount == Money(150000)
        assert prorate(Money(800000), q1, rounding=LargestRemainder()).amount == Money(200000)

    def test_real_award_quarter(self) -> None:
        """IJssel-Vecht's real award € 3.023.765 a year is € 755.941,25 for a quarter."""
        p = prorate(Money(3023765), Period.quarter(2025, 1), rounding=LargestRemainder())
        assert p.amount == Money("755941.25")

    def test_days_basis(self) -> None:
        """By days, half of January 2025 of € 365 a year is € 15."""
        p = prorate(
            Money(365),
            Period.parse("2025-01-01/2025-01-15"),
            rounding=LargestRemainder(),
            basis=ProrationBasis.DAYS,
        )
        assert p.amount == Money(15)

    def test_spanning_years(self) -> None:
        """A period over two years takes its part of each year."""
        p = prorate(Money(1200), Period.parse("2024-07-01/2025-06-30"), rounding=LargestRemainder())
        assert p.amount == Money(1200)
        assert len(p.explain()) == 2

    def test_bad_arguments(self) -> None:
        """A basis, period or amount of the wrong type is refused, never read as something else."""
        q1 = Period.quarter(2025, 1)
        with pytest.raises(PeriodError, match=r"ProrationBasis\.MONTHS"):
            prorate(Money(1), q1, rounding=LargestRemainder(), basis="months")  # type: ignore[arg-type]
        with pytest.raises(PeriodError, match="period must be a Period"):
            prorate(Money(1), "2025-Q1", rounding=LargestRemainder())  # type: ignore[arg-type]
        with pytest.raises(PeriodError, match="annual must be a Money"):
            prorate(800000, q1, rounding=LargestRemainder())  # type: ignore[arg-type]

    def test_months_basis_needs_whole_months(self) -> None:
        """Months basis refuses a period that is not whole months and names DAYS."""
        with pytest.raises(PeriodError, match="DAYS"):
            prorate(Money(1), Period.parse("2025-01-02/2025-01-31"), rounding=LargestRemainder())

    @given(money(min_value=Money(0)), st.integers(2020, 2030))
    def test_part_and_rest_make_the_year(self, annual: Money, year: int) -> None:
        """Each quarter's part and the rest of its year add up to the annual amount,
        up to the residue the rounding reports."""
        for quarter in Period.year(year).quarters():
            (_, alloc), = prorate(annual, quarter, rounding=HalfUpEach()).allocations
            assert alloc.total + alloc.residue == annual
            assert len(alloc) == 2

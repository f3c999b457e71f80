"""
Tests that pin the core down at its boundaries, written for the mutants that
tools/mutate.py found alive (issue 11): each bound is tested on both sides.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from izafunding import AllocationError, Money, MoneyError, ParseError, RoundingMode
from izafunding._core.money import round_fraction
from izafunding._core.numbers import MAX_NUMBER_DIGITS, check_number_size, shown


class TestNumberBound:
    def test_the_bound_is_100(self) -> None:
        """One bound, 100 digits and decimals, for every exact number."""
        assert MAX_NUMBER_DIGITS == 100

    def test_decimal_digits_at_the_bound(self) -> None:
        """100 significant digits are read, 101 are not."""
        check_number_size(Decimal("0." + "1" * 100), "w")
        with pytest.raises(MoneyError, match="w of 101 digits has too many digits"):
            check_number_size(Decimal("1" * 101), "w")

    def test_decimal_places_at_the_bound(self) -> None:
        """A digit 100 places after the point is read, 101 places is not."""
        check_number_size(Decimal("1e-100"), "w")
        with pytest.raises(MoneyError, match="w 1E-101 has too many"):
            check_number_size(Decimal("1e-101"), "w")

    def test_decimal_size_at_the_bound(self) -> None:
        """A number below 10^100 is read, 10^100 is not."""
        check_number_size(Decimal("9.9e99"), "w")
        with pytest.raises(MoneyError, match="too many digits"):
            check_number_size(Decimal("1e100"), "w")

    def test_decimal_shown_up_to_60_digits(self) -> None:
        """A refused Decimal of up to 60 digits is shown; a longer one by its length."""
        with pytest.raises(MoneyError, match=r"w 1\.1{59}E-91 has"):
            check_number_size(Decimal("1" * 60 + "e-150"), "w")
        with pytest.raises(MoneyError, match="w of 61 digits has"):
            check_number_size(Decimal("1" * 61 + "e-150"), "w")

    def test_int_at_the_bound(self) -> None:
        """An int below 10^100 is read, 10^100 is not, and it is not printed."""
        check_number_size(10**100 - 1, "w")
        check_number_size(-(10**100) + 1, "w")
        with pytest.raises(MoneyError, match=r"^w has too many digits"):
            check_number_size(10**100, "w")
        with pytest.raises(MoneyError, match=r"^w has too many digits"):
            check_number_size(-(10**100), "w")

    def test_fraction_at_the_bound(self) -> None:
        """Numerator and denominator below 10^100 are read; the refused one is not printed."""
        check_number_size(Fraction(10**100 - 1, 10**100 - 3), "w")
        with pytest.raises(MoneyError, match=r"^w has too many"):
            check_number_size(Fraction(1, 10**100), "w")
        with pytest.raises(MoneyError, match=r"^w has too many"):
            check_number_size(Fraction(-(10**100), 3), "w")

    def test_error_class_is_the_callers(self) -> None:
        """The caller chooses the error class."""
        with pytest.raises(AllocationError, match="too many"):
            check_number_size(10**100, "w", AllocationError)


class TestShown:
    def test_up_to_the_limit_as_typed(self) -> None:
        """60 characters are shown whole; 61 are cut to 50 and counted."""
        assert shown("x" * 60) == "'" + "x" * 60 + "'"
        assert shown("x" * 61) == "'" + "x" * 50 + "...' (61 characters)"
        assert shown("x" * 21, limit=20) == "'" + "x" * 10 + "...' (21 characters)"

    def test_escapes_only_control_characters(self) -> None:
        """Non-breaking spaces are kept; a newline or NUL is escaped."""
        assert shown("3\u00a0242\u202f094") == "'3\u00a0242\u202f094'"
        assert shown("a\nb\x00") == "'a\\nb\\x00'"


class TestMoneyBounds:
    def test_huge_int_shown_by_its_size(self) -> None:
        """Up to 10^40 the refused amount is printed; beyond, its number of digits."""
        with pytest.raises(MoneyError, match="amount 100000000000000000000 is too large"):
            Money(10**20)
        with pytest.raises(MoneyError, match="amount " + "9" * 40 + " is too large"):
            Money(10**40 - 1)
        with pytest.raises(MoneyError, match="amount of about 41 digits is too large"):
            Money(10**40)

    def test_plain_text_length(self) -> None:
        """Money(str) reads up to 200 characters."""
        assert Money("0" * 199 + "1") == Money(1)
        with pytest.raises(ParseError, match="not a plain number"):
            Money("0" * 200 + "1")

    def test_parse_length(self) -> None:
        """Money.parse reads up to 200 characters."""
        assert Money.parse("0" * 199 + "1") == Money(1)
        with pytest.raises(ParseError, match="cannot read"):
            Money.parse("0" * 200 + "1")

    def test_decimal_just_below_the_bound(self) -> None:
        """Money(Decimal) is below 10^15 euros, both signs."""
        assert Money(Decimal("999999999999999.99")).cents == 10**17 - 1
        assert Money(Decimal("-999999999999999.99")).cents == -(10**17) + 1
        with pytest.raises(MoneyError, match="too large"):
            Money(Decimal("-1e15"))


class TestRounding:
    @pytest.mark.parametrize(
        ("mode", "plus", "minus"),
        [
            (RoundingMode.DOWN, 1, -1),
            (RoundingMode.UP, 2, -2),
            (RoundingMode.FLOOR, 1, -2),
            (RoundingMode.CEILING, 2, -1),
            (RoundingMode.HALF_UP, 2, -2),
            (RoundingMode.HALF_EVEN, 2, -2),
        ],
    )
    def test_one_and_a_half(self, mode: RoundingMode, plus: int, minus: int) -> None:
        """3/2 and -3/2 under every mode."""
        assert round_fraction(Fraction(3, 2), mode) == plus
        assert round_fraction(Fraction(-3, 2), mode) == minus

    @pytest.mark.parametrize("mode", list(RoundingMode))
    def test_a_third(self, mode: RoundingMode) -> None:
        """4/3 and -4/3: only UP, CEILING (plus) and UP, FLOOR (minus) leave the nearest."""
        up = mode in (RoundingMode.UP, RoundingMode.CEILING)
        down = mode in (RoundingMode.UP, RoundingMode.FLOOR)
        assert round_fraction(Fraction(4, 3), mode) == (2 if up else 1)
        assert round_fraction(Fraction(-4, 3), mode) == (-2 if down else -1)

    def test_cent_unit(self) -> None:
        """A unit of one cent is valid."""
        assert Money.from_fraction(Fraction(1, 3), rounding=RoundingMode.UP, unit=Money("0.01")) == Money("0.34")


class TestViews:
    def test_is_zero(self) -> None:
        """is_zero is true for € 0,00 only."""
        assert Money(0).is_zero()
        assert not Money("0.01").is_zero()
        assert not Money("-0.01").is_zero()

    def test_sign_in_formats(self) -> None:
        """€ 0,50 is never shown as -€ 0,50, and zero has no sign."""
        assert Money("0.5").format() == "€ 0,50"
        assert Money("-0.5").format() == "-€ 0,50"
        assert Money(0).format() == "€ 0,00"
        assert Money("0.01").format() == "€ 0,01"

    def test_format_spec_compact(self) -> None:
        """'compact' writes whole euros when the amount is whole."""
        assert f"{Money(5):compact}" == "€ 5"
        assert f"{Money('5.5'):compact}" == "€ 5,50"


class TestArithmeticRefusals:
    def test_int_plus_money(self) -> None:
        """Only the int 0 may be added to money (for sum()); any other int is a TypeError."""
        assert 0 + Money(1) == Money(1)
        with pytest.raises(TypeError, match="unsupported operand"):
            _ = 1 + Money(1)
        with pytest.raises(TypeError, match="unsupported operand"):
            _ = True + Money(1)
        with pytest.raises(TypeError, match="unsupported operand"):
            _ = Money(1) + 1  # type: ignore[operator]
        with pytest.raises(TypeError, match="unsupported operand"):
            _ = Money(1) - 1  # type: ignore[operator]

    def test_unary_plus(self) -> None:
        """+money is the same money."""
        assert +Money("-2.5") == Money("-2.5")

    def test_times_text(self) -> None:
        """Money times a str is a TypeError, not a repeated string."""
        with pytest.raises(TypeError, match=r"unsupported operand|can't multiply"):
            _ = Money(1) * "2"  # type: ignore[operator]
        with pytest.raises(TypeError, match=r"unsupported operand|can't multiply"):
            _ = Money(1) * True


class TestPeriodBoundaries:
    def test_keywords_only(self) -> None:
        """A Period is built with keywords: first and last day cannot be swapped by position."""
        from datetime import date

        from izafunding import Period

        with pytest.raises(TypeError, match="positional"):
            Period(date(2025, 1, 1), date(2025, 12, 31))  # type: ignore[call-arg]

    def test_period_inside_period(self) -> None:
        """A period is inside another when both its ends are, the ends included."""
        from izafunding import Period

        year = Period.year(2025)
        assert Period.quarter(2025, 1) in year
        assert Period.quarter(2025, 4) in year
        assert year in year
        assert Period.parse("2024-12-01/2025-01-31") not in year
        assert Period.parse("2025-12-01/2026-01-31") not in year
        assert year.__contains__("2025") is False

    def test_month_count_across_years(self) -> None:
        """Months are counted across the turn of a year."""
        from izafunding import Period

        assert Period.parse("2024-11-01/2025-02-28").month_count() == 4
        assert Period.parse("2023-01-01/2025-12-31").month_count() == 36

    def test_quarters_from_mid_quarter(self) -> None:
        """A period starting inside a quarter is clipped at the quarter's end."""
        from izafunding import Period

        parts = [str(q) for q in Period.parse("2025-05-01/2025-12-31").quarters()]
        assert parts == ["2025-05-01 t/m 2025-06-30", "2025-Q3", "2025-Q4"]
        parts = [str(q) for q in Period.parse("2025-12-15/2026-03-31").quarters()]
        assert parts == ["2025-12-15 t/m 2025-12-31", "2026-Q1"]

    def test_year_range_at_its_ends(self) -> None:
        """Years 1900 to 2200 are valid, 1899 and 2201 are not."""
        from izafunding import Period, PeriodError

        assert Period.year(1900).days == 365
        assert Period.year(2200).days == 365
        for year in (1899, 2201):
            with pytest.raises(PeriodError, match="from 1900 to 2200"):
                Period.year(year)

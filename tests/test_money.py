"""Tests for Money: exact euros in whole cents, Dutch notation."""

from __future__ import annotations

import contextlib
import pickle
from decimal import Decimal, localcontext
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from izafunding import (
    FloatNotAllowedError,
    FundingError,
    Money,
    MoneyError,
    ParseError,
    RoundingMode,
)
from izafunding.strategies import money


class TestConstruction:
    def test_str_int_decimal_mean_euros(self) -> None:
        """Money("1438963"), Money(1438963) and Money(Decimal) are the same euros."""
        assert Money("1438963") == Money(1438963) == Money(Decimal("1438963.00"))
        assert Money("12.50").cents == 1250

    def test_from_cents(self) -> None:
        """from_cents builds from an exact integer number of cents."""
        assert Money.from_cents(143896300) == Money(1438963)

    @pytest.mark.parametrize("bad", [1.5, 0.1, float("nan")])
    def test_float_refused_with_type_error(self, bad: float) -> None:
        """A float is refused with a TypeError that is also a FundingError."""
        with pytest.raises(TypeError, match="float"):
            Money(bad)  # type: ignore[arg-type]
        with pytest.raises(FloatNotAllowedError, match=r"amount must not be a float \(got .*\): floats lose"):
            Money(bad)  # type: ignore[arg-type]

    @pytest.mark.parametrize("bad", ["0.001", Decimal("1.005")])
    def test_sub_cent_refused(self, bad: str | Decimal) -> None:
        """A fraction of a cent is refused unless rounded explicitly."""
        with pytest.raises(MoneyError, match="fraction of a cent"):
            Money(bad)

    @pytest.mark.parametrize("bad", [Decimal("NaN"), Decimal("Infinity")])
    def test_not_finite_refused(self, bad: Decimal) -> None:
        """NaN and infinity are not money."""
        with pytest.raises(MoneyError, match="finite"):
            Money(bad)

    @pytest.mark.parametrize("bad", [True, None, [1], Fraction(1, 2)])
    def test_other_types_refused(self, bad: object) -> None:
        """bool, None, lists and Fractions are refused with a message naming them."""
        with pytest.raises(FundingError, match="must be"):
            Money(bad)  # type: ignore[arg-type]

    def test_exact_whatever_the_decimal_context(self) -> None:
        """A low Decimal precision in the caller's context does not round amounts."""
        with localcontext(prec=5):
            assert Money("1438963") == Money.from_cents(143896300)
            assert Money(Decimal("1438963.01")).cents == 143896301

    @pytest.mark.parametrize("bad", ["1e100000", Decimal("1E+16"), 10**16])
    def test_absurdly_large_refused(self, bad: object) -> None:
        """Amounts of 10^15 euros and more are refused as input, not computed with."""
        with pytest.raises(MoneyError, match="too large"):
            Money(bad)  # type: ignore[arg-type]

    def test_plain_text_that_is_not_a_number(self) -> None:
        """Money("€ 5") points to Money.parse."""
        with pytest.raises(ParseError, match=r"Money\.parse"):
            Money("€ 5")

    def test_from_cents_needs_int(self) -> None:
        """from_cents refuses anything but an int."""
        with pytest.raises(MoneyError, match=r"cents must be an int \(got Decimal\('1'\), a"):
            Money.from_cents(Decimal(1))  # type: ignore[arg-type]
        with pytest.raises(MoneyError, match=r"cents must be an int \(got True, a bool\)"):
            Money.from_cents(True)


class TestParse:
    @pytest.mark.parametrize(
        ("text", "cents"),
        [
            ("€ 1.438.963,-", 143896300),  # seed 000
            ("€1.438.963", 143896300),
            ("-€ 6.514", -651400),  # seed 001 appendix
            ("€ 85.239", 8523900),  # seed 001
            ("€ 1.438.963,50", 143896350),
            ("€600.000", 60000000),  # seed 001
            ("€ 1.438.964", 143896400),  # seed 000's table
            ("€3 miljoen", 300000000),  # seed 001
            ("€ 2,8 miljard", 280000000000),  # seed 004
            ("€ 0,05", 5),
            ("€ -6.514", -651400),
            ("\u2212€ 6.514", -651400),
            ("€\u00a0150.000", 15000000),
            ("1.438.963", 143896300),
            ("12", 1200),
        ],
    )
    def test_dutch_notations(self, text: str, cents: int) -> None:
        """Every notation found in the seed documents is read exactly."""
        assert Money.parse(text).cents == cents

    @pytest.mark.parametrize(
        "text",
        ["€ 1.5", "€ 1,5", "€ 1,505", "€ 14.38.963", "", "€", "abc", "--€ 5", "-€ -5", "1.2.3", "€ 1,2,3"],
    )
    def test_ambiguous_or_malformed(self, text: str) -> None:
        """Ambiguous or malformed text raises ParseError naming the text."""
        with pytest.raises(ParseError, match=r"^cannot read '.*' as an amount: ") as info:
            Money.parse(text)
        assert repr(text) in str(info.value)

    def test_parse_needs_text(self) -> None:
        """Money.parse refuses non-text."""
        with pytest.raises(ParseError, match=r"Money\.parse needs a str \(got 5, a int\)"):
            Money.parse(5)  # type: ignore[arg-type]

    @given(money())
    def test_round_trip(self, m: Money) -> None:
        """Formatting and parsing again gives the same amount."""
        assert Money.parse(str(m)) == m

    @given(st.text(max_size=30))
    def test_fuzz(self, text: str) -> None:
        """Any text either parses or raises ParseError, nothing else."""
        with contextlib.suppress(ParseError):
            Money.parse(text)


class TestFormat:
    def test_str_and_whole(self) -> None:
        """str gives € 1.438.963,00 and format(whole=True) € 1.438.963."""
        m = Money(1438963)
        assert str(m) == "€ 1.438.963,00"
        assert m.format(whole=True) == "€ 1.438.963"
        assert Money(-6514).format(whole=True) == "-€ 6.514"
        assert str(Money("0.05")) == "€ 0,05"

    def test_whole_refuses_cents(self) -> None:
        """Whole-euro formatting never hides cents."""
        with pytest.raises(MoneyError, match=r"cannot format € 1,50 as whole euros: it has"):
            Money("1.50").format(whole=True)

    def test_repr_round_trips(self) -> None:
        """repr pastes back into code."""
        m = Money("1438963.5")
        assert repr(m) == "Money('1438963.50')"
        assert eval(repr(m)) == m

    def test_format_spec(self) -> None:
        """Format specs align; a trailing 'whole' formats whole euros."""
        assert f"{Money(5):>8whole}" == "     € 5"
        assert f"{Money(5)}" == "€ 5,00"

    def test_amount_is_decimal(self) -> None:
        """amount is a Decimal with two places."""
        assert Money(-5).amount == Decimal("-5.00")
        assert str(Money("-0.05").amount) == "-0.05"


class TestArithmetic:
    @given(money(), money(), money())
    def test_group_laws(self, a: Money, b: Money, c: Money) -> None:
        """Addition is associative and commutative, with zero and negation."""
        assert (a + b) + c == a + (b + c)
        assert a + b == b + a
        assert a + Money(0) == a
        assert a - a == Money(0)
        assert -a + a == Money(0)
        assert a.__neg__().__neg__() == a
        assert abs(a) >= Money(0)

    def test_sum_starts_at_zero(self) -> None:
        """sum() works with its default start 0 and with Money(0)."""
        assert sum([Money(1), Money("2.50")]) == Money("3.50")
        assert sum([Money(1)], Money(0)) == Money(1)
        assert sum([], Money(0)) == Money(0)

    def test_multiply_by_int_only(self) -> None:
        """Money * int is exact; Decimal, Fraction and float need scale or are refused."""
        assert Money("0.25") * 4 == Money(1) == 4 * Money("0.25")
        with pytest.raises(MoneyError, match="scale"):
            Money(1) * Decimal("0.3")  # type: ignore[operator]
        with pytest.raises(FloatNotAllowedError, match=r"cannot multiply Money\('1\.00'\) by the float 0\.3:"):
            Money(1) * 0.3  # type: ignore[operator]
        with pytest.raises(TypeError, match=r"can't multiply sequence by non\-int of type"):
            Money(1) * "3"  # type: ignore[operator]

    def test_no_mixing_with_numbers(self) -> None:
        """Adding a plain number is a TypeError."""
        with pytest.raises(TypeError, match=r"unsupported operand type\(s\) for \+: 'Money' and"):
            Money(1) + 1  # type: ignore[operator]

    def test_truth_is_ambiguous(self) -> None:
        """bool(Money) is refused: use is_zero()."""
        with pytest.raises(TypeError, match="is_zero"):
            bool(Money(0))

    def test_ordering_and_hash(self) -> None:
        """Money orders by amount and hashes by value."""
        assert Money(1) < Money(2)
        assert sorted([Money(3), Money(-1)]) == [Money(-1), Money(3)]
        assert len({Money(1), Money("1.00")}) == 1

    def test_pickle(self) -> None:
        """Money pickles."""
        assert pickle.loads(pickle.dumps(Money("1.23"))) == Money("1.23")


class TestRounding:
    @pytest.mark.parametrize(
        ("mode", "expected"),
        [
            (RoundingMode.HALF_UP, ["0.03", "-0.03", "0.02"]),
            (RoundingMode.HALF_EVEN, ["0.02", "-0.02", "0.02"]),
            (RoundingMode.DOWN, ["0.02", "-0.02", "0.02"]),
            (RoundingMode.UP, ["0.03", "-0.03", "0.03"]),
            (RoundingMode.FLOOR, ["0.02", "-0.03", "0.02"]),
            (RoundingMode.CEILING, ["0.03", "-0.02", "0.03"]),
        ],
    )
    def test_modes(self, mode: RoundingMode, expected: list[str]) -> None:
        """Each mode rounds 2.5, -2.5 and 2.1 cents as its name says."""
        values = [Fraction(25, 1000), Fraction(-25, 1000), Fraction(21, 1000)]
        got = [Money.from_fraction(v, rounding=mode) for v in values]
        assert got == [Money(e) for e in expected]

    def test_scale(self) -> None:
        """scale multiplies by an exact ratio with a declared rounding and unit."""
        m = Money(1438963)
        assert m.scale(Fraction(1, 5), rounding=RoundingMode.DOWN) == Money("287792.60")
        assert m.scale(Decimal("0.15"), rounding=RoundingMode.DOWN, unit=Money(1)) == Money(215844)

    def test_scale_refuses_float_and_bad_rounding(self) -> None:
        """scale refuses a float ratio, a missing mode and a bad unit."""
        with pytest.raises(FloatNotAllowedError, match=r"ratio must not be a float \(got 0\.5\); use a"):
            Money(1).scale(0.5, rounding=RoundingMode.DOWN)  # type: ignore[arg-type]
        with pytest.raises(MoneyError, match="RoundingMode"):
            Money(1).scale(Fraction(1, 2), rounding="down")  # type: ignore[arg-type]
        with pytest.raises(MoneyError, match="positive"):
            Money(1).scale(Fraction(1, 2), rounding=RoundingMode.DOWN, unit=Money(0))

    @given(money(), st.fractions(min_value=-10, max_value=10, max_denominator=1000))
    def test_scale_matches_exact_arithmetic(self, m: Money, ratio: Fraction) -> None:
        """scale is within half a cent of the exact product under HALF_UP."""
        scaled = m.scale(ratio, rounding=RoundingMode.HALF_UP)
        assert abs(scaled.as_fraction() - m.as_fraction() * ratio) <= Fraction(1, 200)

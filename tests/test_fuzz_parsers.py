"""
Every parser fuzzed (issue 11): arbitrary text, and arbitrary TOML and CSV, either
parses to a value that reads back to the same value, or raises a FundingError, never
anything else. Each example must finish within Hypothesis' deadline.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from fractions import Fraction

from hypothesis import example, given, settings
from hypothesis import strategies as st

from izafunding import FundingError, Money, Period
from izafunding._files.inputs import field_weight, parse_toml, parse_weights_csv, parse_weights_toml


# Text near the notations: digits of every script, separators, signs, words, exponents.
_NEAR = st.lists(
    st.sampled_from(
        [*"0123456789.,- €/%eE+_", "\u00a0", "\u202f", "١", "²", "１", "miljoen", "mld", "euro", "EUR", "e999999999", "9" * 30]
    ),
    max_size=25,
).map("".join)
_TEXT = st.one_of(st.text(max_size=40), _NEAR)
_DEADLINE = settings(deadline=timedelta(seconds=2))


def _reads_back(money: Money) -> None:
    assert Money.parse(money.format()) == money
    assert Money.parse(money.format(compact=True)) == money
    assert Money(str(money.amount)) == money


class TestAmounts:
    @_DEADLINE
    @given(_TEXT)
    @example("1e-999999999")
    @example("9" * 5000)
    @example("3\u00a0242\u00a0094")
    def test_money_parse(self, text: str) -> None:
        """Money.parse: an amount that formats back to itself, or a FundingError."""
        try:
            money = Money.parse(text)
        except FundingError:
            return
        _reads_back(money)

    @_DEADLINE
    @given(_TEXT)
    @example("1e-999999999")
    @example("1e999999999")
    def test_money_plain(self, text: str) -> None:
        """Money(str): an amount that reads back to itself, or a FundingError."""
        try:
            money = Money(text)
        except FundingError:
            return
        _reads_back(money)
        assert money.amount == Decimal(text.strip())

    @_DEADLINE
    @given(st.decimals(allow_nan=True, allow_infinity=True) | st.just(Decimal("1e-999999999")))
    def test_money_decimal(self, value: Decimal) -> None:
        """Money(Decimal): exact euros, or a FundingError."""
        try:
            money = Money(value)
        except FundingError:
            return
        assert money.amount == value

    @given(st.integers(-(10**17) + 1, 10**17 - 1))
    def test_every_amount_reads_back(self, cents: int) -> None:
        """Every amount below 10^15 euros formats and parses back to itself."""
        _reads_back(Money.from_cents(cents))


class TestPeriods:
    @_DEADLINE
    @given(_TEXT | st.from_regex(r"\A[0-9٠-٩]{4}(-[0-9Qq]{1,2}(-[0-9]{2})?)?(/[0-9-]{10})?\Z"))
    def test_period_parse(self, text: str) -> None:
        """Period.parse: a period that reads back from its ISO range, or a FundingError."""
        try:
            period = Period.parse(text)
        except FundingError:
            return
        assert Period.parse(f"{period.first_day}/{period.last_day}") == period


def _weight_reads_back(value: int | Decimal | Fraction) -> None:
    if isinstance(value, Fraction):
        assert field_weight(f"{value.numerator}/{value.denominator}", where="w") == value
    elif isinstance(value, Decimal):
        assert field_weight(str(value), where="w") == value
    else:
        assert field_weight(value, where="w") == value


class TestFiles:
    @_DEADLINE
    @given(_TEXT)
    @example("1,000.00")
    @example("²")
    def test_weight(self, text: str) -> None:
        """field_weight: an exact number that reads back to itself, or a FundingError."""
        try:
            value = field_weight(text, where="w")
        except FundingError:
            return
        assert isinstance(value, (int, Decimal, Fraction))
        _weight_reads_back(value)

    @_DEADLINE
    @given(
        st.lists(st.tuples(st.text(max_size=8), _TEXT), max_size=5).map(
            lambda rows: "\n".join(f"{a},{b}" for a, b in rows)
        )
        | st.text(max_size=80)
    )
    @example("Dalfsen,nul\n")
    @example("a;1,5\nb;50%\n")
    def test_csv(self, text: str) -> None:
        """parse_weights_csv: names to exact numbers, or a FundingError."""
        try:
            weights = parse_weights_csv(text, "w.csv")
        except FundingError:
            return
        assert weights
        for name, value in weights.items():
            assert name
            assert name.strip() == name
            _weight_reads_back(value)

    @_DEADLINE
    @given(
        st.lists(st.tuples(st.from_regex(r"\A[A-Za-z]{1,6}\Z"), _TEXT), max_size=5).map(
            lambda rows: "[weights]\n" + "\n".join(f'{a} = "{b}"' for a, b in rows)
        )
        | st.text(max_size=80)
    )
    @example("a = " + "[" * 5000)
    def test_toml(self, text: str) -> None:
        """parse_toml and parse_weights_toml: values, or a FundingError."""
        try:
            parse_toml(text, "w.toml")
            weights = parse_weights_toml(text, "w.toml")
        except FundingError:
            return
        for value in weights.values():
            _weight_reads_back(value)

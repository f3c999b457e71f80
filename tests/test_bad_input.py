"""
A catalogue of bad inputs, as a hostile or careless user would give them (issue 11).

Every input is refused with an error of the ``FundingError`` hierarchy whose message
says what is wrong, through the API and through the command line, and in bounded
time: each test runs under an alarm (``_deadline``), so an input that hangs fails
the suite in seconds instead of stalling it.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from izafunding import (
    AllocationError,
    Composite,
    DistributionTooLargeError,
    Equal,
    Fixed,
    FloatNotAllowedError,
    FundingError,
    HalfUpEach,
    InputFileError,
    LargestRemainder,
    MilestoneError,
    Money,
    MoneyError,
    ParseError,
    Period,
    PeriodError,
    ProbabilityError,
    ProRata,
    RoundingMode,
    allocate,
    prorate,
)
from izafunding._files.inputs import (
    MAX_FILE_BYTES,
    check_file_size,
    field_weight,
    parse_toml,
    parse_weights_csv,
    parse_weights_toml,
)
from izafunding._transformation.milestones import ShareOfAreas
from izafunding._transformation.risk import RepaymentRisk, Stake, exact_probability
from izafunding.cli import main


#: Seconds any one bad input may take before the test fails (refusals take milliseconds).
DEADLINE = 10


class _HangError(Exception):
    """Raised by the alarm: the input was not refused in time."""


@pytest.fixture(autouse=True)
def _deadline() -> Iterator[None]:
    """Fail a test that runs longer than DEADLINE seconds (no dependency needed)."""
    if sys.platform == "win32":  # no SIGALRM; the suite still runs, without the guard
        yield
        return

    def hang(signum: int, frame: FrameType | None) -> None:
        msg = f"no answer within {DEADLINE} s: the input was not refused in bounded time"
        raise _HangError(msg)

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(DEADLINE)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _r(*args: Any, **kwargs: Any) -> Callable[[], object]:
    """A call to make later: _r(f, x, y=1)() is f(x, y=1)."""
    function, *rest = args
    return lambda: function(*rest, **kwargs)


_LR = LargestRemainder()


def _times(factor: Any) -> object:
    return Money(1) * factor

# (id, call, error class, words of the message)
API: list[tuple[str, Callable[[], object], type[Exception], str]] = [
    # -- Money(...) -------------------------------------------------------------------
    ("money-tiny-exponent", _r(Money, "1e-999999999"), MoneyError, "too many digits or decimals"),
    ("money-decimal-tiny", _r(Money, Decimal("1e-999999999")), MoneyError, "too many digits"),
    ("money-huge-exponent", _r(Money, "1e999999999"), MoneyError, "too large"),
    ("money-decimal-9e15", _r(Money, Decimal("9e15")), MoneyError, "less than 10\\^15"),
    ("money-decimal-1e15", _r(Money, Decimal("1E+15")), MoneyError, "too large"),
    ("money-int-1e15", _r(Money, 10**15), MoneyError, "less than 10\\^15"),
    ("money-int-neg-1e15", _r(Money, -(10**15)), MoneyError, "too large"),
    ("money-int-huge", _r(Money, 10**5000), MoneyError, "of about 5001 digits"),
    ("money-str-huge", _r(Money, "9" * 5000), ParseError, "not a plain number"),
    ("money-arabic-digits", _r(Money, "١٢٣"), ParseError, "digits 0-9"),
    ("money-devanagari", _r(Money, "१२३"), ParseError, "not a plain number"),
    ("money-underscore", _r(Money, "1_000"), ParseError, "not a plain number"),
    ("money-superscript", _r(Money, "²"), ParseError, "not a plain number"),
    ("money-fullwidth", _r(Money, "１２３"), ParseError, "not a plain number"),
    ("money-nan-str", _r(Money, "NaN"), ParseError, "not a plain number"),
    ("money-inf-str", _r(Money, "Infinity"), ParseError, "not a plain number"),
    ("money-nan", _r(Money, Decimal("NaN")), MoneyError, "finite"),
    ("money-snan", _r(Money, Decimal("sNaN")), MoneyError, "finite"),
    ("money-inf", _r(Money, Decimal("-Infinity")), MoneyError, "finite"),
    ("money-float", _r(Money, 1.5), FloatNotAllowedError, "float"),
    ("money-bool", _r(Money, True), MoneyError, "bool"),
    ("money-none", _r(Money, None), MoneyError, "a NoneType"),
    ("money-list", _r(Money, [1]), MoneyError, "a list"),
    ("money-fraction", _r(Money, Fraction(1, 2)), MoneyError, "a Fraction"),
    ("money-sub-cent", _r(Money, "0.001"), MoneyError, "fraction of a cent"),
    ("money-empty", _r(Money, ""), ParseError, "not a plain number"),
    ("money-dutch-notation", _r(Money, "€ 1.438.963"), ParseError, "use Money.parse"),
    ("money-comma", _r(Money, "12,50"), ParseError, "a point for the cents"),
    ("money-hex", _r(Money, "0x10"), ParseError, "not a plain number"),
    ("money-two-points", _r(Money, "1.2.3"), ParseError, "not a plain number"),
    ("money-space-inside", _r(Money, "1 000"), ParseError, "not a plain number"),
    # -- Money.parse --------------------------------------------------------------------
    ("parse-nines", _r(Money.parse, "9" * 5000), ParseError, "5000 characters"),
    ("parse-16-digits", _r(Money.parse, "9" * 16), ParseError, "too large"),
    ("parse-10-15", _r(Money.parse, "1.000.000.000.000.000"), ParseError, "too large"),
    ("parse-miljard-huge", _r(Money.parse, "999.999.999 miljard"), ParseError, "too large"),
    ("parse-mld-huge", _r(Money.parse, "€ 1.000.000 mld"), ParseError, "less than 10\\^15"),
    ("parse-miljoen-huge", _r(Money.parse, "1.000.000.000 miljoen"), ParseError, "too large"),
    ("parse-english", _r(Money.parse, "1,000.00"), ParseError, "Dutch notation"),
    ("parse-mixed", _r(Money.parse, "1.000,000.5"), ParseError, "Dutch notation"),
    ("parse-decimal-point", _r(Money.parse, "€ 1.5"), ParseError, "comma starts the cents"),
    ("parse-three-cents", _r(Money.parse, "€ 1,505"), ParseError, "exactly two digits"),
    ("parse-one-cent-digit", _r(Money.parse, "€ 1,5"), ParseError, "exactly two digits"),
    ("parse-sub-cent-scale", _r(Money.parse, "1,0000000001 miljoen"), ParseError, "fraction of a cent"),
    ("parse-two-minus", _r(Money.parse, "-€ -5"), ParseError, "two minus signs"),
    ("parse-two-currencies", _r(Money.parse, "€ 5 euro"), ParseError, "currency twice"),
    ("parse-arabic", _r(Money.parse, "€ ١٢٣"), ParseError, "digits 0-9"),
    ("parse-superscript", _r(Money.parse, "€ 1²"), ParseError, "digits 0-9"),
    ("parse-underscore", _r(Money.parse, "1_000"), ParseError, "cannot read '1_000'"),
    ("parse-empty", _r(Money.parse, ""), ParseError, "cannot read ''"),
    ("parse-blank", _r(Money.parse, "   "), ParseError, "as an amount"),
    ("parse-only-euro", _r(Money.parse, "€"), ParseError, "as an amount"),
    ("parse-bad-grouping", _r(Money.parse, "1.00.000"), ParseError, "in threes"),
    ("parse-mixed-groups", _r(Money.parse, "1 000.000"), ParseError, "in threes"),
    ("parse-leading-dot", _r(Money.parse, ".500"), ParseError, "as an amount"),
    ("parse-exponent", _r(Money.parse, "1e5"), ParseError, "as an amount"),
    ("parse-not-str", _r(Money.parse, 5), ParseError, "needs a str"),
    ("parse-bytes", _r(Money.parse, b"5"), ParseError, "a bytes"),
    ("parse-nbsp-shown", _r(Money.parse, "3\u00a0242\u00a09x4"), ParseError, "'3\u00a0242\u00a09x4'"),
    ("parse-newline", _r(Money.parse, "5\n6"), ParseError, "as an amount"),
    ("parse-scale-word", _r(Money.parse, "5 biljoen"), ParseError, "as an amount"),
    ("parse-percent", _r(Money.parse, "50%"), ParseError, "as an amount"),
    # -- arithmetic and rounding ----------------------------------------------------------
    ("scale-tiny", _r(Money(1).scale, Decimal("1e-999999999"), rounding=RoundingMode.HALF_UP), MoneyError, "too many digits"),
    ("scale-huge", _r(Money(1).scale, Decimal("1e999999999"), rounding=RoundingMode.HALF_UP), MoneyError, "too many digits"),
    ("scale-float", _r(Money(1).scale, 0.5, rounding=RoundingMode.HALF_UP), FloatNotAllowedError, "float"),
    ("scale-nan", _r(Money(1).scale, Decimal("NaN"), rounding=RoundingMode.HALF_UP), MoneyError, "finite"),
    ("scale-str", _r(Money(1).scale, "0.5", rounding=RoundingMode.HALF_UP), MoneyError, "a str"),
    ("scale-no-mode", _r(Money(1).scale, Fraction(1, 3), rounding="half-up"), MoneyError, "RoundingMode.HALF_UP"),
    ("from-fraction-tiny", _r(Money.from_fraction, Decimal("1e-999999999"), rounding=RoundingMode.DOWN), MoneyError, "too many digits"),
    ("from-fraction-unit-zero", _r(Money.from_fraction, 1, rounding=RoundingMode.DOWN, unit=Money(0)), MoneyError, "positive amount"),
    ("from-fraction-unit-int", _r(Money.from_fraction, 1, rounding=RoundingMode.DOWN, unit=1), MoneyError, "unit must be a Money"),
    ("from-cents-str", _r(Money.from_cents, "100"), MoneyError, "cents must be an int"),
    ("from-cents-bool", _r(Money.from_cents, False), MoneyError, "cents must be an int"),
    ("mul-decimal", _r(_times, Decimal("0.5")), MoneyError, "money.scale"),
    ("mul-float", _r(_times, 0.5), FloatNotAllowedError, "floats lose cents"),
    ("format-whole-cents", _r(Money("0.5").format, whole=True), MoneyError, "cannot format € 0,50 as whole euros"),
    # -- Period --------------------------------------------------------------------------
    ("period-arabic-year", _r(Period.parse, "٢٠٢٥"), ParseError, "cannot read '٢٠٢٥' as a period"),
    ("period-arabic-month", _r(Period.parse, "2025-٠٣"), ParseError, "as a period"),
    ("period-arabic-range", _r(Period.parse, "2025-01-01/2025-0١-31"), ParseError, "as a period"),
    ("period-empty", _r(Period.parse, ""), ParseError, "expected '2025'"),
    ("period-five-digits", _r(Period.parse, "20251"), ParseError, "expected '2025'"),
    ("period-month-13", _r(Period.parse, "2025-13"), ParseError, "from 1 to 12"),
    ("period-q5", _r(Period.parse, "2025-Q5"), ParseError, "as a period"),
    ("period-reversed", _r(Period.parse, "2025-02-01/2025-01-01"), ParseError, "must not be before"),
    ("period-bad-day", _r(Period.parse, "2025-02-30/2025-03-01"), ParseError, "day is out of range"),
    ("period-year-9999", _r(Period.year, 9999), PeriodError, "from 1900 to 2200"),
    ("period-year-1899", _r(Period.year, 1899), PeriodError, "from 1900 to 2200"),
    ("period-year-str", _r(Period.year, "2025"), PeriodError, "got '2025'"),
    ("period-year-bool", _r(Period.year, True), PeriodError, "year must be an int"),
    ("period-month-0", _r(Period.month, 2025, 0), PeriodError, "from 1 to 12"),
    ("period-quarter-0", _r(Period.quarter, 2025, 0), PeriodError, "1, 2, 3 or 4"),
    ("period-not-str", _r(Period.parse, 2025), ParseError, "needs a str"),
    ("period-datetime", _r(lambda: Period(first_day=__import__("datetime").datetime(2025, 1, 1), last_day=date(2025, 2, 1))), PeriodError, "datetime.date"),
    ("period-overlap-date", _r(Period.year(2025).overlaps, date(2025, 1, 1)), PeriodError, "must be a Period"),
    ("prorate-9999", _r(prorate, Money(100), Period(first_day=date(9999, 1, 1), last_day=date(9999, 12, 31)), rounding=_LR), PeriodError, "from 1900 to 2200"),
    ("prorate-days", _r(prorate, Money(100), Period.parse("2025-01-01/2025-01-15"), rounding=_LR), PeriodError, "basis=ProrationBasis.DAYS"),
    ("prorate-not-money", _r(prorate, 100, Period.year(2025), rounding=_LR), PeriodError, "annual must be a Money"),
    ("prorate-not-period", _r(prorate, Money(100), "2025", rounding=_LR), PeriodError, "period must be a Period"),
    ("prorate-basis", _r(prorate, Money(100), Period.year(2025), rounding=_LR, basis="days"), PeriodError, "ProrationBasis.MONTHS"),
    # -- allocation keys -----------------------------------------------------------------
    ("prorata-huge-exponent", _r(ProRata, {"a": Decimal("1e999999999"), "b": 1}), AllocationError, "too many digits"),
    ("prorata-tiny-exponent", _r(ProRata, {"a": Decimal("1e-999999999"), "b": 1}), AllocationError, "too many digits"),
    ("prorata-huge-int", _r(ProRata, {"a": 10**200, "b": 1}), AllocationError, "too many digits"),
    ("prorata-huge-fraction", _r(ProRata, {"a": Fraction(1, 10**200), "b": 1}), AllocationError, "too many digits"),
    ("prorata-negative", _r(ProRata, {"a": -1, "b": 2}), AllocationError, "must not be negative"),
    ("prorata-all-zero", _r(ProRata, {"a": 0, "b": 0}), AllocationError, "must not all be zero"),
    ("prorata-float", _r(ProRata, {"a": 0.5}), FloatNotAllowedError, "must not be a float"),
    ("prorata-nan", _r(ProRata, {"a": Decimal("NaN")}), AllocationError, "must be finite"),
    ("prorata-str", _r(ProRata, {"a": "5"}), AllocationError, "a str"),
    ("prorata-bool", _r(ProRata, {"a": True}), AllocationError, "a bool"),
    ("prorata-empty", _r(ProRata, {}), AllocationError, "at least one recipient"),
    ("prorata-empty-name", _r(ProRata, {"": 1, "b": 1}), AllocationError, "name is empty"),
    ("prorata-blank-name", _r(ProRata, {"  ": 1}), AllocationError, "name is empty"),
    ("prorata-twice", _r(ProRata, [("a", 1), ("a", 2)]), AllocationError, "appears twice"),
    ("prorata-unhashable", _r(ProRata, [(["a"], 1)]), AllocationError, "must be hashable"),
    ("prorata-string", _r(ProRata, "ab"), AllocationError, "mapping of recipient"),
    ("prorata-bad-pair", _r(ProRata, [("a", 1, 2)]), AllocationError, "\\(recipient, value\\) pairs"),
    ("equal-empty", _r(Equal, []), AllocationError, "at least one recipient"),
    ("equal-empty-name", _r(Equal, ["a", ""]), AllocationError, "name is empty"),
    ("equal-twice", _r(Equal, ["a", "a"]), AllocationError, "appears twice"),
    ("equal-string", _r(Equal, "ab"), AllocationError, "sequence of recipients"),
    ("fixed-not-one", _r(Fixed, {"a": Decimal("0.7"), "b": Decimal("0.2")}), AllocationError, "sum to exactly 1 \\(got 0,9"),
    ("fixed-tiny", _r(Fixed, {"a": Decimal("1e-999999999")}), AllocationError, "too many digits"),
    ("fixed-negative", _r(Fixed, {"a": 2, "b": -1}), AllocationError, "must not be negative"),
    ("composite-not-one", _r(Composite, [(Decimal("0.5"), Equal(["a"]))]), AllocationError, "weights must sum to exactly 1"),
    ("composite-empty", _r(Composite, []), AllocationError, "at least one"),
    ("composite-tiny", _r(Composite, [(Decimal("1e-999999999"), Equal(["a"]))]), AllocationError, "too many digits"),
    ("composite-mapping", _r(Composite, {"a": 1}), AllocationError, "sequence of \\(weight, key\\) pairs"),
    ("composite-not-key", _r(Composite, [(1, "a")]), AllocationError, "allocation key"),
    ("allocate-not-money", _r(allocate, 100, Equal(["a"]), rounding=_LR), AllocationError, "total must be a Money"),
    ("allocate-not-key", _r(allocate, Money(1), {"a": 1}, rounding=_LR), AllocationError, "key must be an allocation key"),
    ("allocate-no-rounding", _r(allocate, Money(1), Equal(["a"]), rounding=RoundingMode.HALF_UP), AllocationError, "LargestRemainder"),
    ("allocate-unit", _r(allocate, Money("1.50"), Equal(["a"]), rounding=LargestRemainder(unit=Money(1))), AllocationError, "whole units of € 1,00"),
    ("unit-zero", _r(LargestRemainder, unit=Money(0)), AllocationError, "unit"),
    ("half-up-unit-negative", _r(HalfUpEach, unit=Money(-1)), AllocationError, "unit"),
    # -- chances and milestones ---------------------------------------------------------------
    ("chance-tiny", _r(exact_probability, Decimal("1e-999999999")), ProbabilityError, "too many digits"),
    ("chance-huge", _r(exact_probability, Decimal("1e999999999")), ProbabilityError, "too many digits"),
    ("chance-above-one", _r(exact_probability, Fraction(3, 2)), ProbabilityError, "between 0 and 1"),
    ("chance-negative", _r(exact_probability, -1), ProbabilityError, "between 0 and 1"),
    ("chance-float", _r(exact_probability, 0.9), FloatNotAllowedError, "float"),
    ("chance-str", _r(exact_probability, "0.9"), ProbabilityError, "a str"),
    ("chance-nan", _r(exact_probability, Decimal("NaN")), ProbabilityError, "finite"),
    ("share-tiny", _r(ShareOfAreas, Decimal("1e-999999999")), MilestoneError, "too many digits"),
    ("share-zero", _r(ShareOfAreas, 0), MilestoneError, "above 0 and at most 1"),
    ("share-float", _r(ShareOfAreas, 0.5), FloatNotAllowedError, "float"),
    ("max-outcomes-huge", _r(RepaymentRisk, bearer="x", stakes=(), max_outcomes=10**9), DistributionTooLargeError, "more than izafunding computes"),
    ("max-outcomes-zero", _r(RepaymentRisk, bearer="x", stakes=(), max_outcomes=0), ProbabilityError, "positive int"),
    ("stake-chance-tiny", _r(Stake, name="M", amount=Money(1), chances=(Decimal("1e-999999999"),)), ProbabilityError, "too many digits"),
    # -- input files (the pure parsers) -------------------------------------------------------
    ("weight-english", _r(field_weight, "1,000.00", where="w"), InputFileError, "ambiguous"),
    ("weight-mixed", _r(field_weight, "1.000,000.5", where="w"), InputFileError, "ambiguous"),
    ("weight-english-thousands", _r(field_weight, "29,683", where="w"), InputFileError, "comma groups thousands in English"),
    ("weight-dutch-thousands", _r(field_weight, "135.720", where="w"), InputFileError, "dot groups thousands in Dutch"),
    ("weight-point-comma", _r(field_weight, "1.5,3", where="w"), InputFileError, "mixes dots and commas"),
    ("weight-tiny", _r(field_weight, "1e-999999999", where="w"), InputFileError, "too many digits"),
    ("weight-huge", _r(field_weight, "1e999999999", where="w"), InputFileError, "too many digits"),
    ("weight-long", _r(field_weight, "9" * 5000, where="w"), InputFileError, "5000 characters"),
    ("weight-superscript", _r(field_weight, "²", where="w"), InputFileError, "digits 0-9"),
    ("weight-arabic", _r(field_weight, "١٢٣", where="w"), InputFileError, "digits 0-9"),
    ("weight-underscore", _r(field_weight, "1_000", where="w"), InputFileError, "got '1_000'"),
    ("weight-nan", _r(field_weight, "nan", where="w"), InputFileError, "expected a weight"),
    ("weight-inf", _r(field_weight, "inf", where="w"), InputFileError, "expected a weight"),
    ("weight-div-zero", _r(field_weight, "1/0", where="w"), InputFileError, "divides by zero"),
    ("weight-huge-fraction", _r(field_weight, "1/" + "9" * 150, where="w"), InputFileError, "too many digits"),
    ("weight-float", _r(field_weight, 0.5, where="w"), InputFileError, "is a float"),
    ("weight-bool", _r(field_weight, True, where="w"), InputFileError, "expected a weight"),
    ("weight-huge-int", _r(field_weight, 10**200, where="w"), InputFileError, "too many digits"),
    ("weight-list", _r(field_weight, [1], where="w"), InputFileError, "expected a weight"),
    ("weight-word", _r(field_weight, "nul", where="w"), InputFileError, "got 'nul'"),
    ("weight-nbsp-shown", _r(field_weight, "3\u00a0242,0.5", where="w"), InputFileError, "'3\u00a0242,0.5'"),
    ("toml-english", _r(parse_weights_toml, '[weights]\na = "1,000.00"\n', "w.toml"), InputFileError, "w.toml: weights.a: '1,000.00' is ambiguous"),
    ("toml-tiny", _r(parse_weights_toml, '[weights]\na = "1e999999999"\n', "w.toml"), InputFileError, "too many digits"),
    ("toml-float", _r(parse_weights_toml, "[weights]\na = 1.5\n", "w.toml"), InputFileError, "is a float"),
    ("toml-no-table", _r(parse_weights_toml, "a = 1\n", "w.toml"), InputFileError, "add a \\[weights\\] table"),
    ("toml-not-table", _r(parse_weights_toml, "weights = 1\n", "w.toml"), InputFileError, "must be a table"),
    ("toml-syntax", _r(parse_toml, "a = ", "x.toml"), InputFileError, "not valid TOML"),
    ("toml-nested-deep", _r(parse_toml, "a = " + "[" * 100_000 + "]" * 100_000, "x.toml"), InputFileError, "nested more than 100 deep"),
    ("toml-nested-tables", _r(parse_toml, "a = " + "{b = " * 5000 + "1" + "}" * 5000, "x.toml"), InputFileError, "nested"),
    ("toml-too-big", _r(parse_toml, "# " + "x" * MAX_FILE_BYTES, "big.toml"), InputFileError, "limited to 10 MB"),
    ("file-size", _r(check_file_size, 49_000_000, "big.toml"), InputFileError, "49,0 MB"),
    ("csv-number-word", _r(parse_weights_csv, "Dalfsen,nul\nOmmen,5\n", "w.csv"), InputFileError, "line 1, weight: expected a weight"),
    ("csv-english", _r(parse_weights_csv, 'a,"1,000.00"\n', "w.csv"), InputFileError, "ambiguous"),
    ("csv-tiny", _r(parse_weights_csv, "a,1e-999999999\n", "w.csv"), InputFileError, "too many digits"),
    ("csv-superscript", _r(parse_weights_csv, "a,²\n", "w.csv"), InputFileError, "digits 0-9"),
    ("csv-arabic", _r(parse_weights_csv, "a,١٢٣\n", "w.csv"), InputFileError, "digits 0-9"),
    ("csv-three-cells", _r(parse_weights_csv, "a,0,5\n", "w.csv"), InputFileError, "separate the cells with semicolons"),
    ("csv-one-cell", _r(parse_weights_csv, "a\n", "w.csv"), InputFileError, "expected two cells"),
    ("csv-twice", _r(parse_weights_csv, "a,1\na,2\n", "w.csv"), InputFileError, "line 2: 'a' appears twice"),
    ("csv-empty-name", _r(parse_weights_csv, "a,1\n,2\n", "w.csv"), InputFileError, "line 2: the name is empty"),
    ("csv-empty-weight", _r(parse_weights_csv, "a,1\nb,\n", "w.csv"), InputFileError, "weight of 'b' is empty"),
    ("csv-header-only", _r(parse_weights_csv, "name,weight\n", "w.csv"), InputFileError, "no rows"),
    ("csv-empty", _r(parse_weights_csv, "", "w.csv"), InputFileError, "no rows"),
    ("csv-second-header", _r(parse_weights_csv, "name,weight\nname,weight\n", "w.csv"), InputFileError, "line 2"),
    ("csv-semicolon-english", _r(parse_weights_csv, "a;1,000.00\n", "w.csv"), InputFileError, "ambiguous"),
    ("csv-semicolon-cells", _r(parse_weights_csv, "a;1;2\n", "w.csv"), InputFileError, "two cells 'name;weight'"),
    ("csv-stray-return", _r(parse_weights_csv, "a,\"1\r\n\"x\n\r0", "w.csv"), InputFileError, "not a valid CSV file|expected"),
    ("csv-carriage-return", _r(parse_weights_csv, "\r0", "w.csv"), InputFileError, "w.csv"),
    ("money-exponent-overflow", _r(Money, "1e1000000000000000000"), ParseError, "not a plain number"),
    ("weight-exponent-overflow", _r(field_weight, "0E1000000000000000000", where="w"), InputFileError, "expected a weight"),
    ("csv-too-big", _r(parse_weights_csv, "a,1\n" * (MAX_FILE_BYTES // 4 + 1), "big.csv"), InputFileError, "limited to 10 MB"),
]


class _BadKey:
    """An allocation key of a user's own making, with shares chosen per test."""

    def __init__(self, recipients: tuple[object, ...], nums: object, den: object) -> None:
        self._recipients = recipients
        self._nums = nums
        self._den = den

    @property
    def recipients(self) -> tuple[object, ...]:
        return self._recipients

    def integer_shares(self) -> tuple[object, object]:
        return self._nums, self._den

    def describe(self, recipient: object) -> str:
        return "custom"


CUSTOM_KEYS = [
    ("denominator-zero", _BadKey(("a", "b"), (0, 0), 0), "positive int denominator"),
    ("denominator-negative", _BadKey(("a",), (-1,), -1), "positive int denominator"),
    ("denominator-float", _BadKey(("a",), (1,), 1.0), "positive int denominator"),
    ("sum-too-large", _BadKey(("a", "b"), (1, 1), 1), "add up to 2/1, not 1/1"),
    ("sum-too-small", _BadKey(("a", "b"), (1, 1), 10), "add up to 2/10, not 10/10"),
    ("negative-share", _BadKey(("a", "b"), (2, -1), 1), "share of 'b' must be a non-negative int"),
    ("float-share", _BadKey(("a",), (1.0,), 1), "share of 'a' must be a non-negative int"),
    ("bool-share", _BadKey(("a",), (True,), 1), "share of 'a'"),
    ("too-few-shares", _BadKey(("a", "b"), (1,), 1), "one share per recipient \\(2 recipients, got 1"),
    ("shares-not-tuple", _BadKey(("a",), [1], 1), "one share per recipient"),
    ("twice", _BadKey(("a", "a"), (1, 1), 2), "appears twice"),
    ("no-recipients", _BadKey((), (), 1), "no recipients"),
    ("empty-name", _BadKey(("",), (1,), 1), "name is empty"),
]


class TestApi:
    @pytest.mark.parametrize(
        ("call", "error", "words"), [c[1:] for c in API], ids=[c[0] for c in API]
    )
    def test_refused(self, call: Callable[[], object], error: type[Exception], words: str) -> None:
        """Each bad input is refused with its error class and the words of its message."""
        with pytest.raises(error, match=words) as caught:
            call()
        assert isinstance(caught.value, FundingError)

    @pytest.mark.parametrize(("key", "words"), [c[1:] for c in CUSTOM_KEYS], ids=[c[0] for c in CUSTOM_KEYS])
    def test_custom_key_refused(self, key: _BadKey, words: str) -> None:
        """allocate() checks a custom key's shares, so money is conserved whatever key is passed."""
        with pytest.raises(AllocationError, match=words):
            allocate(Money(1), key, rounding=_LR)  # type: ignore[arg-type]

    def test_custom_key_that_conserves_money(self) -> None:
        """A correct custom key still allocates, to the cent."""
        alloc = allocate(Money(1), _BadKey(("a", "b"), (1, 3), 4), rounding=_LR)  # type: ignore[arg-type]
        assert dict(alloc) == {"a": Money("0.25"), "b": Money("0.75")}

    def test_share_of_areas_work_refused_up_front(self) -> None:
        """A share-of-areas rule over 1.000 areas and 25 milestones is refused, saying the size."""
        from izafunding import Milestone, MilestoneKind, MilestoneSchedule

        areas = tuple(f"wijk {i}" for i in range(1000))
        milestones = [
            Milestone(
                name=f"M{i}",
                kind=MilestoneKind.EFFORT,
                amount=Money(1000),
                due=date(2025, 12, 31),
                areas=areas,
                bearer="gemeente",
            )
            for i in range(25)
        ]
        schedule = MilestoneSchedule(milestones, rule=ShareOfAreas(Fraction(4, 5)))
        chances = {m.name: Fraction(9, 10) for m in milestones}
        with pytest.raises(DistributionTooLargeError, match=r"25_000_000_000 steps .*\(25 milestones with up to 1_000 areas"):
            schedule.risk(chances)


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert out == ""
    return code, err


_RISK = """\
plan = "p"
period = "2024-01-01/2027-12-31"
{top}
[[milestone]]
name = "M1"
kind = "effort"
amount = {amount}
due = 2025-12-31
areas = ["A"]
bearer = "gemeente"
chance = {chance}
"""

# (id, file name, file text, extra arguments, words of the one-line error)
CLI: list[tuple[str, str, str, tuple[str, ...], str]] = [
    ("allocate-toml-english", "w.toml", '[weights]\na = "1,000.00"\nb = 1\n', ("allocate", "100"), "'1,000.00' is ambiguous"),
    ("allocate-toml-tiny", "w.toml", '[weights]\na = "1e999999999"\n', ("allocate", "100"), "too many digits"),
    ("allocate-csv-tiny", "w.csv", "a,1e-999999999\n", ("allocate", "100"), "too many digits"),
    ("allocate-csv-superscript", "w.csv", "a,²\n", ("allocate", "100"), "digits 0-9"),
    ("allocate-csv-nul", "w.csv", "Dalfsen,nul\nOmmen,5\n", ("allocate", "100"), "line 1, weight"),
    ("allocate-csv-empty-name", "w.csv", "a,1\n,2\n", ("allocate", "100"), "the name is empty"),
    ("allocate-nested", "w.toml", "a = " + "[" * 100_000 + "]" * 100_000, ("allocate", "100"), "nested"),
    ("allocate-total-huge", "w.toml", "[weights]\na = 1\n", ("allocate", "9" * 5000), "too large|5000 characters"),
    ("allocate-total-miljard", "w.toml", "[weights]\na = 1\n", ("allocate", "999.999.999 miljard"), "too large"),
    ("allocate-total-arabic", "w.toml", "[weights]\na = 1\n", ("allocate", "١٢٣"), "digits 0-9"),
    ("allocate-total-english", "w.toml", "[weights]\na = 1\n", ("allocate", "1,000.00"), "cannot read '1,000.00'"),
    ("allocate-total-nbsp", "w.toml", "[weights]\na = 1\n", ("allocate", "3\u00a0242\u00a09x4"), "'3\u00a0242\u00a09x4'"),
    ("allocate-fixed-not-one", "w.toml", '[weights]\na = "0.5"\n', ("allocate", "100", "--key", "fixed"), "sum to exactly 1"),
    ("allocate-unit-zero", "w.toml", "[weights]\na = 1\n", ("allocate", "100", "--unit", "0"), "unit"),
    ("risk-chance-tiny", "r.toml", _RISK.format(top="", amount='"€ 1.000"', chance='"1e-999999999"'), ("risk",), "too many digits"),
    ("risk-chance-english", "r.toml", _RISK.format(top="", amount='"€ 1.000"', chance='"1,000.00"'), ("risk",), "ambiguous"),
    ("risk-amount-huge", "r.toml", _RISK.format(top="", amount='"' + "9" * 5000 + '"', chance='"90%"'), ("risk",), "5000 characters"),
    ("risk-amount-arabic", "r.toml", _RISK.format(top="", amount='"€ ١٢٣"', chance='"90%"'), ("risk",), "digits 0-9"),
    ("risk-max-outcomes", "r.toml", _RISK.format(top="", amount='"€ 1.000"', chance='"90%"'), ("risk", "--max-outcomes", "1000000000"), "more than izafunding computes"),
    ("risk-rule-share-tiny", "r.toml", _RISK.format(top='rule = "share 1e-999999999"', amount='"€ 1.000"', chance='"90%"'), ("risk",), "too many digits"),
    ("settle-arabic-year", "g.toml", 'scheme = "SPUK IZA"\nrecipient = "Midden-IJssel"\n[awarded]\n"٢٠٢٣" = "€ 1.438.963"\n[spent]\n2023 = "€ 1"\n', ("settle",), "expected a year such as 2025"),
    ("settle-huge-amount", "g.toml", 'scheme = "SPUK IZA"\nrecipient = "Midden-IJssel"\n[awarded]\n2023 = "999.999.999 miljard"\n[spent]\n2023 = "€ 1"\n', ("settle",), "too large"),
    ("scenario-nested", "s.toml", "a = " + "{b = " * 5000 + "1" + "}" * 5000, ("scenario",), "nested"),
]


class TestCommandLine:
    @pytest.mark.parametrize(
        ("name", "text", "argv", "words"), [c[1:] for c in CLI], ids=[c[0] for c in CLI]
    )
    def test_refused_in_one_line(
        self,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        name: str,
        text: str,
        argv: tuple[str, ...],
        words: str,
    ) -> None:
        """Each bad file or argument gives one line 'izafunding COMMAND: error: ...', exit code 2."""
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        command, *rest = argv
        args = [command, *rest[:1], str(path), *rest[1:]] if command == "allocate" else [command, str(path), *rest]
        code, err = _cli(capsys, *args)
        assert code == 2
        assert err.count("\n") == 1
        assert err.startswith(f"izafunding {command}: error: ")
        assert "Traceback" not in err
        assert "\\x" not in err
        import re

        assert re.search(words, err), err

    def test_file_too_large(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A file over 10 MB is refused before it is read, naming the limit."""
        path = tmp_path / "big.toml"
        with path.open("wb") as f:
            f.truncate(49_000_000)  # sparse: no 49 MB written
        code, err = _cli(capsys, "scenario", str(path))
        assert code == 2
        assert "big.toml: the file is 49,0 MB; input files are limited to 10 MB" in err

    @pytest.mark.parametrize(
        ("argv", "words"),
        [
            (["risk", "--rows", "x"], "--rows: expected a whole number, got 'x'"),
            (["bogus"], "unknown choice 'bogus'"),
            (["award", "Zutphen", "--year", "twee"], "expected a whole number"),
            (["example", "--nope"], "unknown arguments: --nope"),
        ],
    )
    def test_argument_errors_in_one_line(
        self, capsys: pytest.CaptureFixture[str], argv: list[str], words: str
    ) -> None:
        """argparse's errors are one line in words, with exit code 2 (no usage block)."""
        with pytest.raises(SystemExit, match=r"2") as caught:
            main(argv)
        assert caught.value.code == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        assert words in err

    @pytest.mark.parametrize(
        ("argv", "words"),
        [
            (["allocate", "100"], "no recipients given"),
            (["allocate", "1", "w", "--key", "odd"], "--key: unknown key 'odd'"),
        ],
    )
    def test_allocate_argument_errors_in_one_line(
        self, capsys: pytest.CaptureFixture[str], argv: list[str], words: str
    ) -> None:
        """The allocate command's own argument errors are one line in words, with exit code 2."""
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        assert words in err

    def test_internal_error_asks_for_a_bug_report(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """An error of ours (not of the input) is one line asking for a bug report, exit code 2."""
        from izafunding._files import award

        def broken(name: str, year: int | None) -> str:
            table: dict[str, str] = {}
            return table[name + "?"]

        # The award command imports its text function when it runs (the command line loads lazily).
        monkeypatch.setattr(award, "render_award", broken)
        code, err = _cli(capsys, "award", "Zutphen")
        assert code == 2
        assert err.count("\n") == 1
        assert err.startswith("izafunding award: error: internal error (KeyError at test_bad_input.py:")
        assert "please report it" in err


def test_catalogue_size() -> None:
    """The catalogue holds at least 150 distinct bad inputs (issue 11)."""
    ids = [c[0] for c in API] + [c[0] for c in CUSTOM_KEYS] + [c[0] for c in CLI]
    assert len(set(ids)) == len(ids)
    assert len(ids) >= 150

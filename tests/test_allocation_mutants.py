"""
Tests that pin allocation down where tools/mutate.py found mutants alive (issue 11):
bounds on both sides, the exact text of explain(), the HTML and the repr, equality and
hashing of keys and results, and largest-remainder order. They assert what a user sees
(output), not how it is computed.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest

from izafunding import AllocationError, Money, UnknownNameError
from izafunding._core.allocation import Allocation
from izafunding._core.keys import Composite, Equal, Fixed, ProRata
from izafunding._core.rounding import HalfUpEach, LargestRemainder, allocate


class _Key:
    """A key of the user's own making: recipients and integer shares as given."""

    def __init__(self, recipients: tuple[str, ...], nums: tuple[int, ...], den: int) -> None:
        self.recipients = recipients
        self._shares = (nums, den)

    def integer_shares(self) -> tuple[tuple[int, ...], int]:
        return self._shares

    def describe(self, recipient: object) -> str:
        return "own share"


class TestWeightBound:
    def test_int_weight_at_the_bound(self) -> None:
        """An int weight below 10^100 is read, 10^100 is refused, alone or beside a Decimal."""
        key = ProRata({"a": 10**100 - 1, "b": 1})
        assert key.weight("a") == 10**100 - 1
        with pytest.raises(AllocationError, match="weight of 'a' has too many digits"):
            ProRata({"a": 10**100, "b": 1})
        with pytest.raises(AllocationError, match="weight of 'a' has too many digits"):
            ProRata({"a": 10**100, "b": Decimal(1)})
        assert ProRata({"a": 10**100 - 1, "b": Decimal(1)}).weight("a") == 10**100 - 1

    def test_weights_mixed_int_and_decimal(self) -> None:
        """Zero and positive ints beside a Decimal give the same key as the Fractions."""
        key = ProRata({"a": 0, "b": 3, "c": Decimal("1.5")})
        assert key.weights == (("a", Fraction(0)), ("b", Fraction(3)), ("c", Fraction(3, 2)))
        assert key.describe("c") == "weight 1,5 of 4,5"

    def test_weights_all_decimal(self) -> None:
        """Weights that are all Decimals (none an int) are split exactly."""
        key = ProRata({"a": Decimal("0.5"), "b": Decimal("1.5")})
        assert key.total_weight == 2
        assert key.integer_shares() == ((1, 3), 4)
        alloc = allocate(Money(10), key, rounding=LargestRemainder())
        assert dict(alloc) == {"a": Money("2.50"), "b": Money("7.50")}

    def test_custom_denominator_at_the_bound(self) -> None:
        """A custom key's denominator below 10^100 is used; 10^100 is refused."""
        big = 10**100 - 1
        alloc = allocate(Money(1), _Key(("a", "b"), (big - 1, 1), big), rounding=LargestRemainder())
        assert dict(alloc) == {"a": Money(1), "b": Money(0)}
        with pytest.raises(AllocationError, match="the denominator has more than 100 digits"):
            allocate(Money(1), _Key(("a", "b"), (10**100 - 1, 1), 10**100), rounding=HalfUpEach())

    def test_custom_key_of_a_thousand_parts(self) -> None:
        alloc = allocate(Money(10), _Key(("a", "b"), (999, 1), 1000), rounding=LargestRemainder())
        assert dict(alloc) == {"a": Money("9.99"), "b": Money("0.01")}

    def test_custom_key_may_give_zero(self) -> None:
        """A share of 0 is allowed (a recipient that gets nothing); -1 is not."""
        alloc = allocate(Money(10), _Key(("a", "b"), (0, 2), 2), rounding=LargestRemainder())
        assert dict(alloc) == {"a": Money(0), "b": Money(10)}
        with pytest.raises(AllocationError, match=r"share of 'a' must be a non-negative int .*-1"):
            allocate(Money(10), _Key(("a", "b"), (-1, 3), 2), rounding=LargestRemainder())


class TestLargestRemainderOrder:
    def test_largest_remainder_not_largest_part(self) -> None:
        """€ 0,10 by 19:51:30: the extra cent goes to the remainder 0,9 (a), not to the largest part."""
        alloc = allocate(
            Money("0.10"), ProRata({"a": 19, "b": 51, "c": 30}), rounding=LargestRemainder()
        )
        assert dict(alloc) == {"a": Money("0.02"), "b": Money("0.05"), "c": Money("0.03")}
        assert [alloc.extra_units(r) for r in alloc] == [1, 0, 0]

    def test_larger_remainder_beats_first_name(self) -> None:
        """One cent by 1:1:2: c's remainder (2/4) beats a's (1/4), though a sorts first."""
        alloc = allocate(Money("0.01"), ProRata({"a": 1, "b": 1, "c": 2}), rounding=LargestRemainder())
        assert dict(alloc) == {"a": Money(0), "b": Money(0), "c": Money("0.01")}

    def test_negative_total(self) -> None:
        """A negative total (a repayment) is split with the same parts, negated."""
        alloc = allocate(
            Money("-0.10"), ProRata({"a": 19, "b": 51, "c": 30}), rounding=LargestRemainder()
        )
        assert dict(alloc) == {"a": Money("-0.02"), "b": Money("-0.05"), "c": Money("-0.03")}
        half = allocate(Money("-0.05"), Equal(["a", "b"]), rounding=HalfUpEach())
        assert dict(half) == {"a": Money("-0.03"), "b": Money("-0.03")}
        assert half.residue == Money("0.01")


class TestNumbersInWords:
    def test_fraction_that_does_not_end(self) -> None:
        """A share with no finite decimal is shown as a fraction."""
        key = Fixed({"a": Fraction(1, 3), "b": Fraction(2, 3)})
        assert key.describe("a") == "fixed share 1/3"
        with pytest.raises(AllocationError, match=r"sum to exactly 1 \(got 2/3, from a: 1/3, b: 1/3\)"):
            Fixed({"a": Fraction(1, 3), "b": Fraction(1, 3)})


class TestExplain:
    def test_half_a_euro_and_zero(self) -> None:
        """€ 0,50 is shown as € 0,50 (not -€ 0,50 or € 0,500), and nothing as € 0,00."""
        alloc = allocate(Money(1), ProRata({"a": 1, "b": 0, "c": 1}), rounding=LargestRemainder())
        assert alloc.explain() == (
            "a: weight 1 of 2 (share 1/2) of € 1,00 = € 0,50 unrounded; "
            "largest remainder in units of € 0,01 -> € 0,50",
            "b: weight 0 of 2 (share 0/1) of € 1,00 = € 0,00 unrounded; "
            "largest remainder in units of € 0,01 -> € 0,00",
            "c: weight 1 of 2 (share 1/2) of € 1,00 = € 0,50 unrounded; "
            "largest remainder in units of € 0,01 -> € 0,50",
            "Total: € 1,00, the whole of € 1,00.",
        )

    def test_html_of_half_a_euro_and_zero(self) -> None:
        alloc = allocate(Money(1), ProRata({"a": 1, "b": 0, "c": 1}), rounding=LargestRemainder())
        assert alloc._repr_html_() == (
            "<table class='izafunding-allocation'><caption>€ 1,00 by ProRata, largest remainder "
            "in units of € 0,01</caption><thead><tr><th>recipient</th><th>share</th><th>exact</th>"
            "<th>part</th></tr></thead><tbody>"
            "<tr><td>a</td><td>weight 1 of 2</td><td style='text-align:right'>€ 0,50</td>"
            "<td style='text-align:right'>€ 0,50</td></tr>"
            "<tr><td>b</td><td>weight 0 of 2</td><td style='text-align:right'>€ 0,00</td>"
            "<td style='text-align:right'>€ 0,00</td></tr>"
            "<tr><td>c</td><td>weight 1 of 2</td><td style='text-align:right'>€ 0,50</td>"
            "<td style='text-align:right'>€ 0,50</td></tr></tbody><tfoot>"
            "<tr><th colspan='3'>total</th><td style='text-align:right'>€ 1,00</td></tr>"
            "<tr><th colspan='3'>target</th><td style='text-align:right'>€ 1,00</td></tr>"
            "<tr><th colspan='3'>residue</th><td style='text-align:right'>€ 0,00</td></tr>"
            "</tfoot></table>"
        )


class TestEquality:
    def test_same_parts_other_target(self) -> None:
        """Equal parts are not enough: the targets must be equal too."""
        parts = allocate(Money(100), Equal(["a", "b", "c"]), rounding=HalfUpEach())
        other = allocate(Money("99.99"), Equal(["a", "b", "c"]), rounding=HalfUpEach())
        assert dict(parts) == dict(other)
        assert parts != other
        assert not parts == other  # noqa: SIM201 - the == operator itself is under test

    def test_same_target_other_parts(self) -> None:
        half_up = allocate(Money(100), Equal(["a", "b", "c"]), rounding=HalfUpEach())
        largest = allocate(Money(100), Equal(["a", "b", "c"]), rounding=LargestRemainder())
        assert half_up != largest
        assert not half_up == largest  # noqa: SIM201
        assert half_up == allocate(Money(100), Equal(["c", "b", "a"]), rounding=HalfUpEach())

    def test_not_comparable_with_other_things(self) -> None:
        """Compared with a number, an allocation is simply not equal (False, not None)."""
        alloc = allocate(Money(1), Equal(["a"]), rounding=HalfUpEach())
        assert (alloc == 1) is False
        assert (alloc != 1) is True
        assert alloc == {"a": Money(1)}

    def test_prorata_equal_and_hashable_after_use(self) -> None:
        """A key that has been used is still equal to a fresh one, with the same hash."""
        used = ProRata({"b": 2, "a": 1, "c": 1})
        allocate(Money("0.01"), used, rounding=LargestRemainder())
        assert used.weights[0] == ("b", Fraction(2))
        assert used.weight("a") == 1
        fresh = ProRata({"b": 2, "a": 1, "c": 1})
        assert used == fresh
        assert hash(used) == hash(fresh)
        assert repr(used) == "ProRata(weights=(('b', Fraction(2, 1)), ('a', Fraction(1, 1)), ('c', Fraction(1, 1))))"

    def test_composite_equal_hashable_and_shown_after_use(self) -> None:
        def make() -> Composite:
            return Composite([(Decimal("0.5"), Equal(["A", "B"])), (Decimal("0.5"), ProRata({"A": 3, "B": 1}))])

        used = make()
        assert dict(allocate(Money("0.03"), used, rounding=LargestRemainder())) == {
            "A": Money("0.02"),
            "B": Money("0.01"),
        }
        assert used == make()
        assert hash(used) == hash(make())
        assert repr(used) == (
            "Composite(parts=((Fraction(1, 2), Equal(recipients=('A', 'B'))), "
            "(Fraction(1, 2), ProRata(weights=(('A', Fraction(3, 1)), ('B', Fraction(1, 1)))))))"
        )


class TestConstruction:
    def test_prorata_takes_only_its_weights(self) -> None:
        make: Any = ProRata
        assert make(weights={"a": 1}) == ProRata({"a": 1})
        with pytest.raises(TypeError):
            make(weights={"a": 1}, memo={})

    def test_composite_takes_only_its_parts(self) -> None:
        parts = [(Fraction(1), Equal(["a"]))]
        make: Any = Composite  # called as a user might, with what it does not take
        with pytest.raises(TypeError):
            make(parts, {})
        with pytest.raises(TypeError):
            make(parts=parts, memo={})

    def test_composite_pairs_must_be_tuples(self) -> None:
        with pytest.raises(AllocationError, match=r"Composite needs \(weight, key\) pairs \(got \[1, "):
            Composite([[1, Equal(["a"])]])

    def test_allocation_takes_keywords_and_no_caches(self) -> None:
        alloc = allocate(Money(1), Equal(["a"]), rounding=HalfUpEach())
        caches = ("positions", "parts")
        given = {
            str(f.alias): getattr(alloc, f.name)
            for f in attrs.fields(Allocation)
            if f.init and f.alias not in caches
        }
        make: Any = Allocation
        assert make(**given) == alloc
        with pytest.raises(TypeError):
            make(*given.values())
        for cache in caches:
            with pytest.raises(TypeError):
                make(**given, **{cache: None})


class TestUnknownRecipient:
    def test_three_suggestions_at_most(self) -> None:
        # The one "did you mean" of _core.names: equally close names in their order (difflib,
        # used here before, gave them backwards: 'Zwolle4', 'Zwolle3', 'Zwolle2').
        alloc = allocate(Money(1), Equal(["Zwolle1", "Zwolle2", "Zwolle3", "Zwolle4"]), rounding=HalfUpEach())
        with pytest.raises(UnknownNameError) as raised:
            alloc["Zwolle"]
        assert str(raised.value) == (
            "'Zwolle' is not a recipient of this allocation (recipients: Zwolle1, Zwolle2, "
            "Zwolle3, Zwolle4); did you mean 'Zwolle1', 'Zwolle2', 'Zwolle3'?"
        )

    def test_twelve_recipients_shown_in_full(self) -> None:
        names = [f"g{i:02d}" for i in range(13)]
        twelve = allocate(Money(1), Equal(names[:12]), rounding=HalfUpEach())
        with pytest.raises(UnknownNameError) as raised:
            twelve["Zwolle"]
        assert str(raised.value) == (
            f"'Zwolle' is not a recipient of this allocation (recipients: {', '.join(names[:12])})"
        )
        thirteen = allocate(Money(1), Equal(names), rounding=HalfUpEach())
        with pytest.raises(UnknownNameError) as raised:
            thirteen["Zwolle"]
        assert str(raised.value) == (
            f"'Zwolle' is not a recipient of this allocation (recipients: {', '.join(names[:12])}, ...)"
        )


class TestCustomSubKeys:
    """A custom key inside a Composite is checked as a top-level custom key is (it was not: a bug)."""

    def test_sub_key_with_too_few_shares(self) -> None:
        """A sub-key with one share for two recipients is refused, not a traceback from zip."""
        key = Composite([(Fraction(1), _Key(("a", "b"), (1,), 1))])
        with pytest.raises(AllocationError, match="one share per recipient"):
            allocate(Money(1), key, rounding=LargestRemainder())

    def test_sub_key_that_does_not_conserve(self) -> None:
        """A sub-key whose shares add up to 6/2 is refused instead of giving € 3 for € 1."""
        key = Composite([(Fraction(1), _Key(("a", "b"), (3, 3), 2))])
        with pytest.raises(AllocationError, match="add up to"):
            allocate(Money(1), key, rounding=LargestRemainder())


class TestHalfUpEach:
    """Each part rounded on its own: no remainder units, and the policy says so in words."""

    def test_describe(self) -> None:
        """The policy names itself as the explanation prints it."""
        assert HalfUpEach(unit=Money(1)).describe() == "each part rounded half up to € 1,00"
        assert LargestRemainder().describe() == "largest remainder in units of € 0,01"

    def test_no_remainder_units(self) -> None:
        """Half up each gives no part an extra unit, and its explanation names none."""
        alloc = allocate(Money(100), Equal(["a", "b", "c"]), rounding=HalfUpEach(unit=Money(1)))
        assert [alloc.extra_units(r) for r in alloc] == [0, 0, 0]
        assert not any("for a largest remainder" in line for line in alloc.explain())
        assert alloc.residue == Money(1)

"""Tests for allocation keys, rounding policies and allocate()."""

from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from izafunding import (
    Allocation,
    AllocationError,
    Composite,
    Equal,
    Fixed,
    FloatNotAllowedError,
    HalfUpEach,
    LargestRemainder,
    Money,
    ProRata,
    UnknownNameError,
    allocate,
)
from izafunding._core.keys import AllocationKey, identifier_of
from izafunding._core.regions import Municipality
from izafunding._core.rounding import Rounding
from izafunding.strategies import keys, money, pro_rata_keys, roundings


CENT = Money("0.01")


def _exact_parts(total: Money, key: AllocationKey) -> dict[object, Fraction]:
    nums, den = key.integer_shares()
    return {r: total.as_fraction() * Fraction(n, den) for r, n in zip(key.recipients, nums, strict=True)}


def _reordered(key: AllocationKey, rng: random.Random) -> AllocationKey:
    """The same key with its recipients in another order."""
    if isinstance(key, Equal):
        items = list(key.recipients)
        rng.shuffle(items)
        return Equal(items)
    if isinstance(key, ProRata):
        pairs = list(key.weights)
        rng.shuffle(pairs)
        return ProRata(pairs)
    if isinstance(key, Fixed):
        pairs = list(key.shares)
        rng.shuffle(pairs)
        return Fixed(pairs)
    assert isinstance(key, Composite)
    return Composite([(w, _reordered(k, rng)) for w, k in key.parts])


class TestKeys:
    def test_equal(self) -> None:
        """Equal gives each recipient the same share."""
        alloc = allocate(Money(200000), Equal(["a", "b", "c", "d", "e", "f", "g", "h"]), rounding=LargestRemainder())
        assert set(alloc.values()) == {Money(25000)}

    def test_pro_rata_with_decimals_and_fractions(self) -> None:
        """ProRata accepts int, Decimal and Fraction weights, exactly."""
        key = ProRata({"a": 1, "b": Decimal("0.5"), "c": Fraction(1, 2)})
        assert dict(allocate(Money(200), key, rounding=LargestRemainder())) == {
            "a": Money(100),
            "b": Money(50),
            "c": Money(50),
        }

    def test_pro_rata_zero_weight_gets_nothing(self) -> None:
        """A recipient with weight zero gets zero."""
        alloc = allocate(Money(100), ProRata({"a": 0, "b": 3}), rounding=LargestRemainder())
        assert alloc["a"] == Money(0)

    def test_pro_rata_from_pairs(self) -> None:
        """ProRata accepts (recipient, weight) pairs as well as a mapping."""
        assert ProRata([("a", 1), ("b", 2)]) == ProRata({"a": 1, "b": 2})

    def test_fixed(self) -> None:
        """Fixed shares of 70% and 30% split the regioplan line of the memo: 112.000 / 48.000."""
        key = Fixed({"gemeenten": Decimal("0.7"), "partners": Decimal("0.3")})
        alloc = allocate(Money(160000), key, rounding=LargestRemainder())
        assert alloc["gemeenten"] == Money(112000)
        assert alloc["partners"] == Money(48000)

    def test_composite_rounds_once(self) -> None:
        """Composite rounds once at the end, not per sub-key."""
        key = Composite([(Fraction(1, 2), Equal(["a", "b", "c"])), (Fraction(1, 2), Equal(["a", "b", "c"]))])
        per_sub_key = 2 * allocate(Money("0.05"), Equal(["a", "b", "c"]), rounding=HalfUpEach())["a"].cents
        once = allocate(Money("0.10"), key, rounding=HalfUpEach())
        assert once["a"] == Money("0.03")
        assert per_sub_key == 4  # two sub-keys rounded separately would give 0,04

    def test_composite_recipients_union(self) -> None:
        """A recipient missing from a sub-key gets nothing from that sub-key."""
        key = Composite([(Decimal("0.3"), Equal(["a"])), (Decimal("0.7"), ProRata({"a": 1, "b": 1}))])
        alloc = allocate(Money(100), key, rounding=LargestRemainder())
        assert dict(alloc) == {"a": Money(65), "b": Money(35)}
        assert "0,3 × (1 of 1 equal parts)" in key.describe("a")

    def test_composite_from_amounts(self) -> None:
        """from_amounts weighs keys by amounts (memo: € 200.000 equally, € 262.000 by inhabitants)."""
        key = Composite.from_amounts([(Money(200000), Equal(["a", "b"])), (Money(262000), ProRata({"a": 1, "b": 0}))])
        alloc = allocate(Money(462000), key, rounding=LargestRemainder())
        assert dict(alloc) == {"a": Money(362000), "b": Money(100000)}

    def test_keys_are_values(self) -> None:
        """Keys compare and hash by value, and evolve makes variants."""
        key = ProRata({"a": 1, "b": 2})
        assert key == ProRata({"a": 1, "b": 2})
        assert hash(key) == hash(ProRata({"a": 1, "b": 2}))
        variant = attrs.evolve(key, weights={"a": 2, "b": 2})
        assert variant.weights == ProRata({"a": 2, "b": 2}).weights
        assert allocate(Money(10), variant, rounding=LargestRemainder())["a"] == Money(5)
        with pytest.raises(attrs.exceptions.FrozenInstanceError, match=r"can't set attribute"):
            key.weights = ()  # type: ignore[misc]


class TestBadKeys:
    @pytest.mark.parametrize(
        ("build", "message"),
        [
            (lambda: Equal([]), "at least one recipient"),
            (lambda: Equal(["a", "a"]), "appears twice"),
            (lambda: Equal("ab"), "sequence of recipients"),
            (lambda: ProRata({}), "at least one recipient"),
            (lambda: ProRata({"a": -1, "b": 2}), "must not be negative"),
            (lambda: ProRata({"a": 0, "b": 0}), "must not all be zero"),
            (lambda: ProRata([("a", 1), ("a", 2)]), "appears twice"),
            (lambda: ProRata({"a": "1"}), "must be an int, Decimal or Fraction"),
            (lambda: ProRata({"a": True}), "must be an int, Decimal or Fraction"),
            (lambda: ProRata({"a": Decimal("NaN")}), "finite"),
            (lambda: ProRata([("a", 1, 2)]), "pairs"),
            (lambda: ProRata(5), "mapping"),
            (lambda: Fixed({"a": Decimal("0.7"), "b": Decimal("0.2")}), "sum to exactly 1"),
            (lambda: Fixed({"a": Decimal("1.5"), "b": Decimal("-0.5")}), "must not be negative"),
            (lambda: Composite([]), "at least one"),
            (lambda: Composite([(Decimal("0.5"), Equal(["a"]))]), "sum to exactly 1"),
            (lambda: Composite([(1, "not a key")]), "allocation key"),
            (lambda: Composite({"a": 1}), "sequence"),
            (lambda: Composite.from_amounts([(Money(0), Equal(["a"]))]), "all be zero"),
            (lambda: Composite.from_amounts([(Money(-1), Equal(["a"]))]), "non-negative"),
        ],
    )
    def test_refused_before_arithmetic(self, build: object, message: str) -> None:
        """Every bad key raises AllocationError saying what is wrong and what is valid."""
        with pytest.raises(AllocationError, match=message):
            build()  # type: ignore[operator]

    def test_float_weights_refused(self) -> None:
        """A float weight is refused with a TypeError naming the recipient."""
        with pytest.raises(FloatNotAllowedError, match="'a'"):
            ProRata({"a": 0.5})
        with pytest.raises(TypeError, match=r"share of 'a' must not be a float \(got 1\.0\); use"):
            Fixed({"a": 1.0})

    def test_bad_total_and_rounding(self) -> None:
        """allocate refuses a non-Money total, a non-key and an unknown rounding."""
        with pytest.raises(AllocationError, match="total must be a Money"):
            allocate(100, Equal(["a"]), rounding=LargestRemainder())  # type: ignore[arg-type]
        with pytest.raises(AllocationError, match="allocation key"):
            allocate(Money(1), {"a": 1}, rounding=LargestRemainder())  # type: ignore[arg-type]
        with pytest.raises(AllocationError, match="rounding must be"):
            allocate(Money(1), Equal(["a"]), rounding="half-up")  # type: ignore[arg-type]
        with pytest.raises(AllocationError, match="positive Money"):
            LargestRemainder(unit=Money(0))
        with pytest.raises(AllocationError, match="positive Money"):
            HalfUpEach(unit="1")  # type: ignore[arg-type]

    def test_largest_remainder_needs_whole_units(self) -> None:
        """A total that is not a whole number of units cannot sum exactly: refused, with advice."""
        with pytest.raises(AllocationError, match="smaller unit"):
            allocate(Money("755941.25"), Equal(["a", "b"]), rounding=LargestRemainder(unit=Money(1)))

    def test_unknown_recipient(self) -> None:
        """Asking for a recipient that is not there names the recipients and suggests one."""
        alloc = allocate(Money(1), Equal(["Zwolle", "Kampen"]), rounding=LargestRemainder())
        with pytest.raises(UnknownNameError, match="did you mean 'Zwolle'"):
            alloc["Zwole"]
        assert alloc.get("Zwole") is None
        assert "Zwole" not in alloc
        with pytest.raises(KeyError, match=r"\['unhashable'\] is not a recipient of this"):
            alloc[["unhashable"]]  # type: ignore[index]


class TestRounding:
    def test_ties_by_identifier_not_input_order(self) -> None:
        """Equal remainders go to the identifier that sorts first, whatever the input order."""
        a = allocate(Money("0.02"), Equal(["c", "b", "a"]), rounding=LargestRemainder())
        b = allocate(Money("0.02"), Equal(["a", "c", "b"]), rounding=LargestRemainder())
        assert a == b
        assert a["a"] == a["b"] == CENT

    def test_ties_between_same_text(self) -> None:
        """Recipients with the same text (1 and "1") are still ordered independently of input."""
        a = allocate(Money("0.01"), Equal([1, "1"]), rounding=LargestRemainder())
        b = allocate(Money("0.01"), Equal(["1", 1]), rounding=LargestRemainder())
        assert a == b

    def test_unhashable_recipient(self) -> None:
        """A recipient that cannot be hashed is refused with an AllocationError."""
        with pytest.raises(AllocationError, match="hashable"):
            Equal([("a", [1])])

    def test_ties_by_cbs_code(self) -> None:
        """A municipality with a CBS code is ordered by its code, not its name."""
        zwolle = Municipality("Zwolle", code="GM0193")
        dalfsen = Municipality("Dalfsen", code="GM0148")
        deventer = Municipality("Deventer", code="GM0150")
        alloc = allocate(Money("0.02"), Equal([zwolle, deventer, dalfsen]), rounding=LargestRemainder())
        assert alloc[dalfsen] == alloc[deventer] == CENT
        assert alloc[zwolle] == Money(0)
        assert identifier_of(zwolle) == "GM0193"

    def test_negative_total(self) -> None:
        """A negative total (an offset) splits as the mirror of the positive one."""
        key = ProRata({"a": 1, "b": 2})
        pos = allocate(Money(100), key, rounding=LargestRemainder())
        neg = allocate(Money(-100), key, rounding=LargestRemainder())
        assert dict(neg) == {r: -m for r, m in pos.items()}

    def test_half_up_each_residue_kept(self) -> None:
        """HalfUpEach keeps the difference on the result."""
        alloc = allocate(Money(100), Equal(["a", "b", "c"]), rounding=HalfUpEach(unit=Money(1)))
        assert alloc.total == Money(99)
        assert alloc.residue == Money(1)
        assert alloc.target == Money(100)

    def test_half_up_can_over_allocate(self) -> None:
        """HalfUpEach can also invent money; the residue is then negative."""
        alloc = allocate(Money(2), Equal(["a", "b", "c", "d"]), rounding=HalfUpEach(unit=Money(1)))
        assert alloc.total == Money(4)
        assert alloc.residue == Money(-2)
        assert "over-allocated" in alloc.explain()[-1]


class TestProperties:
    @given(money(min_value=Money(0)), keys(), st.sampled_from([CENT, Money(1)]))
    def test_largest_remainder_conserves_money(self, total: Money, key: AllocationKey, unit: Money) -> None:
        """Under LargestRemainder the parts sum to the total to the cent, none is negative,
        and each is within one unit of its exact share."""
        assume(total.cents % unit.cents == 0)
        alloc = allocate(total, key, rounding=LargestRemainder(unit=unit))
        assert alloc.total == total
        assert alloc.residue == Money(0)
        exact = _exact_parts(total, key)
        for r, part in alloc.items():
            assert part >= Money(0)
            assert part.cents % unit.cents == 0
            assert abs(part.as_fraction() - exact[r]) < unit.as_fraction()

    @given(money(), keys())
    def test_half_up_each_residue_is_reported(self, total: Money, key: AllocationKey) -> None:
        """Under HalfUpEach every part is within half a unit of its exact share and
        total + residue == target."""
        alloc = allocate(total, key, rounding=HalfUpEach())
        assert alloc.total + alloc.residue == total
        exact = _exact_parts(total, key)
        for r, part in alloc.items():
            assert abs(part.as_fraction() - exact[r]) <= CENT.as_fraction() / 2

    @given(money(min_value=Money(0)), keys(), roundings(), st.randoms(use_true_random=False))
    def test_independent_of_input_order(
        self, total: Money, key: AllocationKey, rounding: Rounding, rng: random.Random
    ) -> None:
        """Reordering the recipients of a key does not change any part."""
        assume(total.cents % rounding.unit.cents == 0)
        a = allocate(total, key, rounding=rounding)
        b = allocate(total, _reordered(key, rng), rounding=rounding)
        assert a == b

    @given(money(min_value=Money(0)), pro_rata_keys(), st.integers(1, 1000))
    def test_scale_invariance(self, total: Money, key: ProRata, factor: int) -> None:
        """Multiplying every weight by the same factor changes nothing."""
        scaled = ProRata({r: w * factor for r, w in key.weights})
        assert allocate(total, key, rounding=LargestRemainder()) == allocate(
            total, scaled, rounding=LargestRemainder()
        )

    @given(money(min_value=Money(0)), pro_rata_keys())
    def test_monotone_in_weight(self, total: Money, key: ProRata) -> None:
        """Under HalfUpEach a larger weight never gets a smaller part."""
        alloc = allocate(total, key, rounding=HalfUpEach())
        ordered = sorted(key.weights, key=lambda rw: rw[1])
        parts = [alloc[r] for r, _ in ordered]
        assert parts == sorted(parts)


class TestResult:
    def test_mapping_and_equality(self) -> None:
        """An Allocation is a read-only mapping; equality is by parts, not order."""
        a = allocate(Money(10), Equal(["a", "b"]), rounding=LargestRemainder())
        assert isinstance(a, Allocation)
        assert list(a) == ["a", "b"]
        assert len(a) == 2
        assert a == {"a": Money(5), "b": Money(5)}
        with pytest.raises(TypeError, match=r"'Allocation' object does not support item"):
            a["a"] = Money(1)  # type: ignore[index]

    def test_explain_lines(self) -> None:
        """explain says weight, exact share, rounding and remainder units per recipient."""
        alloc = allocate(Money(100), ProRata({"a": 1, "b": 2}), rounding=LargestRemainder(unit=Money(1)))
        lines = alloc.explain()
        assert lines[0] == (
            "a: weight 1 of 3 (share 1/3) of € 100,00 = € 33,3333… unrounded; "
            "largest remainder in units of € 1,00 -> € 33,00"
        )
        assert "+1 unit of € 1,00 for a largest remainder -> € 67,00" in lines[1]
        assert lines[-1] == "Total: € 100,00, the whole of € 100,00."

    def test_html(self) -> None:
        """The HTML table escapes names and shows the residue."""
        alloc = allocate(Money(100), Equal(["<a>", "b", "c"]), rounding=HalfUpEach(unit=Money(1)))
        page = alloc._repr_html_()
        assert page.startswith("<table")
        assert "&lt;a&gt;" in page
        assert "residue" in page
        assert "€ 1,00" in page

    def test_rows(self) -> None:
        """to_rows gives plain dicts with Decimal amounts for pandas."""
        rows = allocate(Money(100), Equal(["a", "b", "c"]), rounding=LargestRemainder()).to_rows()
        assert rows[0] == {
            "recipient": "a",
            "share": Fraction(1, 3),
            "exact": Decimal("33.3333333333"),
            "amount": Decimal("33.34"),
            "extra_units": 1,
        }

    def test_repr(self) -> None:
        """repr shows target, key, rounding, residue and parts."""
        text = repr(allocate(Money(1), Equal(["a"]), rounding=LargestRemainder()))
        assert "residue € 0,00" in text
        assert "'a': Money('1.00')" in text

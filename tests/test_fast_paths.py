"""The fast paths of allocation (int weights, string names, a reused key) give the general path's results."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from izafunding import Composite, Equal, LargestRemainder, Money, ProRata, allocate
from izafunding._core.keys import _tie_ranks, identifier_of
from izafunding.errors import UnknownNameError


names = st.text(alphabet="abcAB 1é", min_size=1, max_size=4).filter(lambda s: s.strip() == s)
int_weights = st.dictionaries(names, st.integers(0, 10**6), min_size=1, max_size=12).filter(
    lambda d: any(d.values())
)
totals = st.integers(0, 10**9).map(Money.from_cents)


def general_ranks(recipients: list[object]) -> tuple[int, ...]:
    """The tie ranks by the general key (identifier, type name, repr), written out."""
    order = sorted(
        range(len(recipients)),
        key=lambda i: (identifier_of(recipients[i]), type(recipients[i]).__name__, repr(recipients[i])),
    )
    ranks = [0] * len(recipients)
    for rank, i in enumerate(order):
        ranks[i] = rank
    return tuple(ranks)


class TestFastPaths:
    @given(weights=int_weights, total=totals)
    def test_int_weights_as_fractions_and_decimals(self, weights: dict[str, int], total: Money) -> None:
        """Int weights (kept as ints) split exactly as the same weights given as Fractions or Decimals."""
        fast = allocate(total, ProRata(weights), rounding=LargestRemainder())
        as_fractions = allocate(
            total, ProRata({r: Fraction(w) for r, w in weights.items()}), rounding=LargestRemainder()
        )
        as_decimals = allocate(
            total, ProRata({r: Decimal(w) for r, w in weights.items()}), rounding=LargestRemainder()
        )
        assert dict(fast) == dict(as_fractions) == dict(as_decimals)
        assert ProRata(weights) == ProRata({r: Fraction(w) for r, w in weights.items()})
        assert hash(ProRata(weights)) == hash(ProRata({r: Fraction(w) for r, w in weights.items()}))
        assert ProRata(weights).weights == tuple((r, Fraction(w)) for r, w in weights.items())

    @given(recipients=st.lists(names, min_size=1, max_size=15, unique=True))
    def test_string_tie_ranks(self, recipients: list[str]) -> None:
        """Names are ranked by the one-pass sort exactly as by the general key."""
        assert _tie_ranks(recipients) == general_ranks(list(recipients))

    @given(
        recipients=st.lists(
            st.one_of(names, st.integers(-5, 20), st.tuples(st.integers(0, 3))), min_size=1, max_size=10,
            unique=True,
        ),
        total=totals,
    )
    def test_mixed_recipients(self, recipients: list[object], total: Money) -> None:
        """Non-string recipients take the general path and break ties by identifier, type and repr."""
        assert _tie_ranks(recipients) == general_ranks(recipients)
        alloc = allocate(total, Equal(recipients), rounding=LargestRemainder())
        assert sum(alloc.values(), Money(0)) == total
        ranks = general_ranks(recipients)
        extra = [r for r in recipients if alloc.extra_units(r)]
        # The units left over go to the recipients ranked first (every remainder is equal).
        assert sorted(ranks[recipients.index(r)] for r in extra) == list(range(len(extra)))

    @given(weights=int_weights, equal_share=st.fractions(0, 1), total=totals)
    def test_reused_composite(self, weights: dict[str, int], equal_share: Fraction, total: Money) -> None:
        """A Composite used again gives what a fresh, equal key gives (its cache cannot go stale)."""

        def key() -> Composite:
            return Composite([(equal_share, Equal(list(weights))), (1 - equal_share, ProRata(weights))])

        reused = key()
        first = allocate(total, reused, rounding=LargestRemainder())
        again = allocate(total, reused, rounding=LargestRemainder())
        fresh = allocate(total, key(), rounding=LargestRemainder())
        assert dict(first) == dict(again) == dict(fresh)
        assert reused == key()
        assert hash(reused) == hash(key())

    @given(cents=st.lists(st.integers(-(10**15), 10**15), max_size=20))
    def test_many_from_cents(self, cents: list[int]) -> None:
        """The bulk constructor gives the same amounts as Money.from_cents."""
        assert Money._many_from_cents(cents) == [Money.from_cents(c) for c in cents]

    def test_parts_read_back(self) -> None:
        """Reading a part twice, by key or by iteration, gives the same Money; unknown names still fail."""
        alloc = allocate(Money(100), ProRata({"a": 1, "b": 3}), rounding=LargestRemainder())
        assert alloc["a"] == Money(25)
        assert dict(alloc) == {"a": Money(25), "b": Money(75)}
        with pytest.raises(UnknownNameError, match="'c' is not a recipient of this allocation"):
            alloc["c"]

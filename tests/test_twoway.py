"""Controlled rounding of two-way tables (izafunding._twoway)."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from izafunding import HalfUpEach, LargestRemainder, Money
from izafunding._twoway import controlled_rounding, round_two_way
from izafunding.errors import AllocationError, FloatNotAllowedError, UnknownNameError


# Inhabitants of the IJssel-Vecht members as used by the 2026 split (seed: Memo SPUK IZA 2025,
# Samen Gezond IJssel-Vecht, December 2024; award 2026 from the SPUK IZA region table).
INHABITANTS = {
    "Dalfsen": 29683,
    "Hardenberg": 62260,
    "Kampen": 55070,
    "Ommen": 19035,
    "Staphorst": 17738,
    "Steenwijkerland": 45480,
    "Zwartewaterland": 23447,
    "Zwolle": 135720,
}
AWARD_2026 = Fraction(3_242_094)
EURO = LargestRemainder(unit=Money(1))


def ijssel_vecht_table() -> dict[str, dict[str, Fraction]]:
    """Half of the award equally, half by inhabitants, exact."""
    half = AWARD_2026 / 2
    everyone = sum(INHABITANTS.values())
    return {
        m: {"equal": half / len(INHABITANTS), "inhabitants": half * n / everyone}
        for m, n in INHABITANTS.items()
    }


class TestIJsselVecht2026:
    def test_every_row_and_column_adds_up(self) -> None:
        """The € 3.242.094 award over eight members adds up along rows and down columns."""
        t = round_two_way(ijssel_vecht_table(), rounding=EURO)
        assert t.adds_up()
        assert t.total == Money(3_242_094)
        assert t.column_totals == (Money(1_621_047), Money(1_621_047))
        for i, row in enumerate(t.cells):
            assert sum(row, Money.zero()) == t.row_totals[i]
        for j in range(2):
            assert sum((row[j] for row in t.cells), Money.zero()) == t.column_totals[j]

    def test_each_cell_within_one_euro(self) -> None:
        """Every cell and every total is the floor or the ceiling of its exact value."""
        table = ijssel_vecht_table()
        t = round_two_way(table, rounding=EURO)
        for m in INHABITANTS:
            exact_row = sum(table[m].values(), Fraction(0))
            assert abs(t.row_totals[t.rows.index(m)].as_fraction() - exact_row) < 1
            for c in ("equal", "inhabitants"):
                assert abs(t.cell(m, c).as_fraction() - table[m][c]) < 1

    def test_hardenberg(self) -> None:
        """Hardenberg's row reads € 202.630 + € 259.830 = € 462.460 (exact € 462.460,46)."""
        t = round_two_way(ijssel_vecht_table(), rounding=EURO)
        assert t.cell("Hardenberg", "equal") == Money(202_630)
        assert t.cell("Hardenberg", "inhabitants") == Money(259_830)
        assert t.row_totals[t.rows.index("Hardenberg")] == Money(462_460)

    def test_half_up_each_keeps_the_document_and_shows_residues(self) -> None:
        """Under HalfUpEach each cell is rounded on its own and the residues are reported."""
        t = round_two_way(ijssel_vecht_table(), rounding=HalfUpEach(unit=Money(1)))
        assert t.cell("Hardenberg", "equal") == Money(202_631)
        assert t.cell("Dalfsen", "equal") == Money(202_631)
        assert t.row_residues[t.rows.index("Hardenberg")] == Money(-1)
        assert t.column_residues[0] == Money(1_621_047) - Money(202_631) * 8
        assert not t.adds_up()
        assert "residues shown" in t.describe()


def brute_force(values: list[list[Fraction]], total: int) -> list[tuple[tuple[int, ...], ...]]:
    """Every rounding with cells and totals floor/ceil and the grand total *total*, best first."""
    m, n = len(values), len(values[0])
    free = [(i, j) for i in range(m) for j in range(n) if values[i][j].denominator != 1]
    found = []
    for ups in itertools.product((0, 1), repeat=len(free)):
        cells = [[math.floor(v) for v in row] for row in values]
        for (i, j), u in zip(free, ups, strict=True):
            cells[i][j] += u
        if sum(map(sum, cells)) != total:
            continue
        rows = [(sum(cells[i]), sum(values[i], Fraction(0))) for i in range(m)]
        cols = [
            (sum(cells[i][j] for i in range(m)), sum((values[i][j] for i in range(m)), Fraction(0)))
            for j in range(n)
        ]
        if not all(math.floor(e) <= r <= math.ceil(e) for r, e in rows + cols):
            continue
        margin = sum(abs(r - e) for r, e in rows + cols)
        closeness = sum(abs(cells[i][j] - values[i][j]) for i in range(m) for j in range(n))
        up_list = [k for k, u in enumerate(ups) if u]
        found.append(((margin, closeness, up_list), tuple(tuple(r) for r in cells)))
    found.sort(key=lambda x: x[0])
    return [cells for _, cells in found]


quarters = st.fractions(min_value=-3, max_value=6, max_denominator=4)
tables = st.integers(1, 3).flatmap(
    lambda m: st.integers(1, 3).flatmap(
        lambda n: st.lists(st.lists(quarters, min_size=n, max_size=n), min_size=m, max_size=m)
    )
)


class TestControlledRounding:
    @given(tables)
    def test_adds_up_each_cell_floor_or_ceil(self, values: list[list[Fraction]]) -> None:
        """Rows and columns add up to the floor or ceiling of their totals; cells are floor/ceil."""
        out = controlled_rounding(values)
        m, n = len(values), len(values[0])
        for i in range(m):
            for j in range(n):
                assert math.floor(values[i][j]) <= out[i][j] <= math.ceil(values[i][j])
            assert math.floor(sum(values[i])) <= sum(out[i]) <= math.ceil(sum(values[i]))
        for j in range(n):
            exact = sum(values[i][j] for i in range(m))
            assert math.floor(exact) <= sum(out[i][j] for i in range(m)) <= math.ceil(exact)

    @given(tables, st.booleans())
    def test_is_the_best_rounding(self, values: list[list[Fraction]], up: bool) -> None:
        """Brute force: it is the closest rounding, ties by position, for either grand total."""
        grand = sum(map(sum, values), Fraction(0))
        total = math.ceil(grand) if up else math.floor(grand)
        candidates = brute_force(values, total)
        assert candidates, "Bacharach: a controlled rounding always exists"
        assert controlled_rounding(values, total=total) == candidates[0]

    @given(tables, st.randoms(use_true_random=False))
    def test_order_independent(self, values: list[list[Fraction]], rnd: object) -> None:
        """Shuffling the rows and columns of a labelled table changes no cell."""
        import random

        assert isinstance(rnd, random.Random)
        table = {
            f"r{i}": {f"c{j}": v for j, v in enumerate(row)} for i, row in enumerate(values)
        }
        first = round_two_way(table, rounding=EURO)
        rows = list(table)
        cols = list(table[rows[0]])
        rnd.shuffle(rows)
        rnd.shuffle(cols)
        shuffled = {r: {c: table[r][c] for c in cols} for r in rows}
        second = round_two_way(shuffled, columns=cols, rounding=EURO)
        for r in rows:
            for c in cols:
                assert first.cell(r, c) == second.cell(r, c)

    def test_independent_largest_remainders_can_clash(self) -> None:
        """Where rows and columns each by largest remainder cannot be combined, it still adds up."""
        values = [[Fraction(45, 100), Fraction(0), Fraction(0)], [Fraction(0), Fraction(1, 4), Fraction(1, 4)]]
        out = controlled_rounding(values, total=1)
        assert sum(map(sum, out)) == 1


class TestErrors:
    def test_float(self) -> None:
        """A float amount is refused."""
        with pytest.raises(FloatNotAllowedError, match="must not be a float"):
            round_two_way({"a": {"x": 0.5}})  # type: ignore[dict-item]

    def test_missing_column(self) -> None:
        """Every row must have the same columns."""
        with pytest.raises(AllocationError, match="must have exactly the columns"):
            round_two_way({"a": {"x": Fraction(1)}, "b": {"y": Fraction(1)}})

    def test_unreachable_total(self) -> None:
        """A grand total that is not the floor or ceiling of the exact total is refused."""
        with pytest.raises(AllocationError, match="floor or the ceiling"):
            round_two_way({"a": {"x": Fraction(1, 2)}}, rounding=EURO, total=Money(3))

    def test_total_in_units(self) -> None:
        """The grand total must be a whole number of units."""
        with pytest.raises(AllocationError, match="whole units"):
            round_two_way({"a": {"x": Fraction(1, 2)}}, rounding=EURO, total=Money("0.5"))

    def test_unknown_row(self) -> None:
        """Asking for a row that is not there names the known rows."""
        t = round_two_way({"a": {"x": Fraction(1, 2)}}, rounding=EURO)
        with pytest.raises(UnknownNameError, match="known: a"):
            t.cell("b", "x")

    def test_empty_label(self) -> None:
        """Labels must be non-empty texts."""
        with pytest.raises(AllocationError, match="non-empty text"):
            round_two_way({"": {"x": Fraction(1)}})

    def test_bad_rounding(self) -> None:
        """The rounding must be one of the two policies."""
        with pytest.raises(AllocationError, match="LargestRemainder"):
            round_two_way({"a": {"x": Fraction(1)}}, rounding="up")  # type: ignore[arg-type]

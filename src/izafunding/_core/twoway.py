"""
Controlled rounding of a two-way table: rounded parts that add up along every
row and down every column.

A split over members *and* columns (half equally, half by inhabitants; a
composite key; offsets and net) is a table of exact amounts. Rounding each
column on its own by largest remainder makes the columns add up, but each
row's total is then rounded on its own and a row may not add up (IJssel-Vecht
2026, half equally and half by inhabitants: Hardenberg's € 202.631 +
€ 259.830 = € 462.461 against its row total of € 462.460, the exact
€ 462.460,46 rounded). :func:`round_two_way` rounds the whole table at once.

**Method.** Every value is expressed in rounding units. Each cell becomes the
floor or the ceiling of its exact value, and so does each row total, each
column total and the grand total; every row of rounded cells sums to its
rounded row total and every column to its rounded column total. Among all
such roundings the one chosen is, in this order of priority:

1. the one whose row and column totals are closest to the exact totals
   (the sum of the distances): for a fixed grand total this is largest
   remainder on the rows and on the columns, whenever those two can be
   combined;
2. then the one whose cells are closest to their exact values;
3. then, among equally close ones, the one whose rounded-up cells, listed in
   the order of their (row label, column label), come first in dictionary
   order: ties go by label, never by the order of the input, so permuting
   the rows or columns changes nothing.

**Why it always exists.** Choosing the cells is a transportation problem: a
flow from a source to each row (between the floor and the ceiling of its
total), from each row to each column (between the floor and the ceiling of
the cell) and from each column to a sink. The exact table itself is a
(fractional) flow within these bounds, and the constraint matrix of a
transportation problem is totally unimodular, so a polytope with integer
bounds that holds a fractional point holds an integer one; the flow's value
ranges over an interval with integer ends that contains the exact grand
total, so both its floor and its ceiling are reachable. This is Bacharach's
theorem on matrix rounding (M. Bacharach, "Matrix rounding problems",
*Management Science* 12 (1966) 732-742; also L. H. Cox, "A constructive
procedure for unbiased controlled rounding", *JASA* 82 (1987) 520-524).
The choice above is computed as an integer minimum-cost flow (successive
shortest paths), exactly, on integers.

Rounding the row and the column totals each by largest remainder *first* and
the cells afterwards is not always possible (rows and columns may each prefer
a different unit), which is why the totals are chosen together with the cells.

Under :class:`HalfUpEach` (a document's own rounding) every cell is rounded
half up on its own, as the document did, and nothing is moved: the totals
are the exact totals rounded half up, and the residues per row, per column
and overall are reported (see :attr:`TwoWayRounding.row_residues`).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import final

import attrs

from .._render.table import Column, Kind, Table
from ..errors import AllocationError, FloatNotAllowedError, UnknownNameError
from .money import Money, RoundingMode, round_fraction
from .rounding import HalfUpEach, LargestRemainder, Rounding


__all__ = ["TwoWayRounding", "controlled_rounding", "round_two_way"]


# -- the pure core: exact values in units -> integers ------------------------------------------


def controlled_rounding(
    values: Sequence[Sequence[Fraction]],
    *,
    row_order: Sequence[int] | None = None,
    column_order: Sequence[int] | None = None,
    total: int | None = None,
) -> tuple[tuple[int, ...], ...]:
    """
    Round a table of exact values (in rounding units) to integers, each the
    floor or the ceiling of its value, so that every row and every column
    sums to the floor or the ceiling of its exact total (see the module).

    *row_order* and *column_order* give each row's and column's rank for
    breaking ties (by default their position); *total* fixes the grand total
    (the floor or the ceiling of the exact one; by default the exact total
    when it is whole, else it rounded half up).

    >>> controlled_rounding([[Fraction(1, 2), Fraction(1, 2)], [Fraction(1, 2), Fraction(1, 2)]])
    ((1, 0), (0, 1))
    """
    m = len(values)
    n = len(values[0]) if m else 0
    rows_rank = list(row_order) if row_order is not None else list(range(m))
    cols_rank = list(column_order) if column_order is not None else list(range(n))
    if m == 0 or n == 0:
        return tuple(() for _ in range(m))
    exact = [[Fraction(v) for v in row] for row in values]
    row_sum = [sum(row, Fraction(0)) for row in exact]
    col_sum = [sum((exact[i][j] for i in range(m)), Fraction(0)) for j in range(n)]
    grand = sum(row_sum, Fraction(0))
    lo, hi = math.floor(grand), math.ceil(grand)
    if total is None:
        total = round_fraction(grand, RoundingMode.HALF_UP)
    if not lo <= total <= hi:
        msg = (
            f"the rounded grand total must be the floor or the ceiling of the exact total "
            f"{grand} (got {total})"
        )
        raise AllocationError(msg)

    floors = [[math.floor(v) for v in row] for row in exact]
    den = math.lcm(*(v.denominator for row in exact for v in row))

    def up_cost(v: Fraction) -> int:
        """(|ceil - v| - |floor - v|) * den: the cost of rounding v up rather than down."""
        frac = v - math.floor(v)
        return int(den - 2 * frac * den)

    # Cells that can go up, ranked by (row rank, column rank) for the tie-break.
    free = [(i, j) for i in range(m) for j in range(n) if exact[i][j].denominator != 1]
    order = sorted(free, key=lambda c: (rows_rank[c[0]], cols_rank[c[1]]))
    size = len(order)
    tie = {cell: 1 << (size - 1 - k) for k, cell in enumerate(order)}
    level2 = 1 << (size + 1)  # one unit of cell closeness outweighs every tie-break
    level1 = level2 * (2 * size * den + 1)  # one unit of total closeness outweighs all cells
    must = level1 * (2 * (m + n) * den + 1)  # a mandatory unit outweighs everything

    source, sink = 0, m + n + 1
    graph: list[list[list[int]]] = [[] for _ in range(m + n + 2)]  # arcs: [to, cap, cost, rev]

    def arc(a: int, b: int, cap: int, cost: int) -> None:
        if cap <= 0:
            return
        graph[a].append([b, cap, cost, len(graph[b])])
        graph[b].append([a, 0, -cost, len(graph[a]) - 1])

    for i in range(m):
        base = sum(floors[i])
        arc(source, 1 + i, math.floor(row_sum[i]) - base, -must)
        if row_sum[i].denominator != 1:
            arc(source, 1 + i, 1, level1 * up_cost(row_sum[i]))
    for i, j in free:
        arc(1 + i, 1 + m + j, 1, level2 * up_cost(exact[i][j]) - tie[(i, j)])
    for j in range(n):
        base = sum(floors[i][j] for i in range(m))
        arc(1 + m + j, sink, math.floor(col_sum[j]) - base, -must)
        if col_sum[j].denominator != 1:
            arc(1 + m + j, sink, 1, level1 * up_cost(col_sum[j]))

    need = total - sum(map(sum, floors))
    _min_cost_flow(graph, source, sink, need, order=[source, *range(1, m + n + 1), sink])

    result = [row[:] for row in floors]
    for i in range(m):
        for to, cap, _, _ in graph[1 + i]:
            if 1 + m <= to <= m + n and cap == 0:
                result[i][to - 1 - m] += 1
    _check_rounding(exact, result, total)
    return tuple(tuple(row) for row in result)


def _min_cost_flow(
    graph: list[list[list[int]]], source: int, sink: int, need: int, *, order: list[int]
) -> None:
    """Send *need* units from *source* to *sink* at minimum cost (successive shortest paths)."""
    count = len(graph)
    # Initial potentials: the graph is a DAG in *order* (source, rows, columns, sink).
    inf = None
    potential: list[int | None] = [inf] * count
    potential[source] = 0
    for node in order:
        here = potential[node]
        if here is None:
            continue
        for to, cap, cost, _ in graph[node]:
            if cap > 0:
                there = potential[to]
                if there is None or here + cost < there:
                    potential[to] = here + cost
    pot = [p if p is not None else 0 for p in potential]
    sent = 0
    while sent < need:
        dist: list[int | None] = [None] * count
        prev: list[tuple[int, int] | None] = [None] * count
        dist[source] = 0
        heap = [(0, source)]
        while heap:
            d, node = heapq.heappop(heap)
            if d != dist[node]:
                continue
            for k, (to, cap, cost, _) in enumerate(graph[node]):
                if cap <= 0:
                    continue
                nd = d + cost + pot[node] - pot[to]
                old = dist[to]
                if old is None or nd < old:
                    dist[to] = nd
                    prev[to] = (node, k)
                    heapq.heappush(heap, (nd, to))
        if dist[sink] is None:  # pragma: no cover - excluded by Bacharach's theorem
            msg = "no controlled rounding found (this is a bug: one always exists)"
            raise AllocationError(msg)
        for v in range(count):
            dv = dist[v]
            if dv is not None:
                pot[v] += dv
        push = need - sent
        node = sink
        while node != source:
            back = prev[node]
            assert back is not None
            push = min(push, graph[back[0]][back[1]][1])
            node = back[0]
        node = sink
        while node != source:
            back = prev[node]
            assert back is not None
            edge = graph[back[0]][back[1]]
            edge[1] -= push
            graph[node][edge[3]][1] += push
            node = back[0]
        sent += push


def _check_rounding(exact: list[list[Fraction]], result: list[list[int]], total: int) -> None:
    """The rounding's promise, checked on every call: it costs little and guards public money."""
    m, n = len(exact), len(exact[0])
    ok = sum(map(sum, result)) == total
    for i in range(m):
        s, t = sum(exact[i]), sum(result[i])
        ok = ok and math.floor(s) <= t <= math.ceil(s)
        ok = ok and all(
            math.floor(exact[i][j]) <= result[i][j] <= math.ceil(exact[i][j]) for j in range(n)
        )
    for j in range(n):
        s = sum((exact[i][j] for i in range(m)), Fraction(0))
        t = sum(result[i][j] for i in range(m))
        ok = ok and math.floor(s) <= t <= math.ceil(s)
    if not ok:  # pragma: no cover - excluded by Bacharach's theorem
        msg = "the controlled rounding broke its bounds (this is a bug)"
        raise AllocationError(msg)


# -- the value ---------------------------------------------------------------------------------


def _labels(value: Sequence[str], what: str) -> tuple[str, ...]:
    labels = tuple(value)
    for label in labels:
        if not isinstance(label, str) or not label.strip():
            msg = f"each {what} label must be a non-empty text (got {label!r})"
            raise AllocationError(msg)
    if len(set(labels)) != len(labels):
        twice = sorted({x for x in labels if labels.count(x) > 1})
        msg = f"the {what} label {twice[0]!r} appears twice; each {what} must appear once"
        raise AllocationError(msg)
    if not labels:
        msg = f"a two-way table needs at least one {what}"
        raise AllocationError(msg)
    return labels


def _exact_value(value: object, where: str) -> Fraction:
    if isinstance(value, Money):
        return value.as_fraction()
    if isinstance(value, float):
        msg = f"the amount of {where} must not be a float (got {value!r}); use a Fraction or Money"
        raise FloatNotAllowedError(msg)
    if isinstance(value, (int, Fraction)) and not isinstance(value, bool):
        return Fraction(value)
    msg = f"the amount of {where} must be a Fraction of euros or a Money (got {value!r})"
    raise AllocationError(msg)


@final
@attrs.frozen(kw_only=True)
class TwoWayRounding:
    """
    A rounded two-way table (rows x columns of amounts) with its exact values,
    its totals and, under a document's own rounding, its residues.

    Attributes:
        rows: The row labels (e.g. the members).

        columns: The column labels (e.g. "equal half", "by inhabitants").

        rounding: The policy: :class:`LargestRemainder` means controlled
            rounding (every row and column adds up); :class:`HalfUpEach`
            keeps each cell as a document rounds it and reports residues.

        exact: The exact amounts in euros, row by row.

        cells: The rounded amounts, row by row.

        row_totals: Each row's rounded total (what the row should add up to).

        column_totals: Each column's rounded total.

        total: The rounded grand total.
    """

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    rounding: Rounding
    exact: tuple[tuple[Fraction, ...], ...]
    cells: tuple[tuple[Money, ...], ...]
    row_totals: tuple[Money, ...]
    column_totals: tuple[Money, ...]
    total: Money

    def cell(self, row: str, column: str) -> Money:
        """The rounded amount of *row* in *column*."""
        return self.cells[self._row(row)][self._column(column)]

    def exact_cell(self, row: str, column: str) -> Fraction:
        """The exact amount of *row* in *column*, in euros."""
        return self.exact[self._row(row)][self._column(column)]

    def _row(self, row: str) -> int:
        return _index(self.rows, row, "row")

    def _column(self, column: str) -> int:
        return _index(self.columns, column, "column")

    @property
    def row_sums(self) -> tuple[Money, ...]:
        """The sum of each row's rounded cells."""
        return tuple(sum(row, Money.zero()) for row in self.cells)

    @property
    def column_sums(self) -> tuple[Money, ...]:
        """The sum of each column's rounded cells."""
        return tuple(
            sum((row[j] for row in self.cells), Money.zero()) for j in range(len(self.columns))
        )

    @property
    def row_residues(self) -> tuple[Money, ...]:
        """Per row, its total less the sum of its cells: all zero under controlled rounding."""
        return tuple(t - s for t, s in zip(self.row_totals, self.row_sums, strict=True))

    @property
    def column_residues(self) -> tuple[Money, ...]:
        """Per column, its total less the sum of its cells: all zero under controlled rounding."""
        return tuple(t - s for t, s in zip(self.column_totals, self.column_sums, strict=True))

    @property
    def residue(self) -> Money:
        """The grand total less the sum of all cells."""
        return self.total - sum(self.row_sums, Money.zero())

    def adds_up(self) -> bool:
        """Whether every row, every column and the whole add up to their totals."""
        return (
            all(r.is_zero() for r in self.row_residues)
            and all(r.is_zero() for r in self.column_residues)
            and self.residue.is_zero()
        )

    def table(self, *, row_title: str = "member", title: str = "") -> Table:
        """
        The rounded table: its cells and each row's total, the column totals below; under
        a document's own rounding also a residue column and a residue row.
        """
        residues = not self.adds_up()
        columns = (
            Column(key="row", title=row_title, kind=Kind.TEXT),
            *(Column(key=f"col{j}", title=c, kind=Kind.MONEY, format="compact_euros")
              for j, c in enumerate(self.columns)),
            Column(key="total", title="total", kind=Kind.MONEY, format="compact_euros"),
            *([Column(key="residue", title="residue", kind=Kind.MONEY, format="compact_euros")]
              if residues else []),
        )
        rows = [
            (name, *cells, total, *([residue] if residues else []))
            for name, cells, total, residue in zip(
                self.rows, self.cells, self.row_totals, self.row_residues, strict=True
            )
        ]
        footer: list[tuple[object, ...]] = [
            ("total", *self.column_totals, self.total, *([self.residue] if residues else []))
        ]
        if residues:
            footer.append(("residue", *self.column_residues, self.residue, None))
        return Table(
            name="two-way",
            title=title or self.describe(),
            columns=columns,
            rows=rows,
            footer=footer,
            notes=(self.describe(),),
        )

    def describe(self) -> str:
        """The method, in words."""
        if isinstance(self.rounding, HalfUpEach):
            return (
                f"{self.rounding.describe()}, as the document does; totals rounded half up "
                f"on their own, residues shown per row and per column"
            )
        return (
            f"controlled rounding in units of {self.rounding.unit}: every cell and total the "
            f"floor or ceiling of its exact value, every row and column adding up"
        )


def _index(labels: tuple[str, ...], label: str, what: str) -> int:
    try:
        return labels.index(label)
    except ValueError:
        msg = f"no {what} called {label!r} (known: {', '.join(labels)})"
        raise UnknownNameError(msg) from None


def round_two_way(
    exact: Mapping[str, Mapping[str, Fraction | Money | int]],
    *,
    columns: Sequence[str] | None = None,
    rounding: Rounding | None = None,
    total: Money | None = None,
) -> TwoWayRounding:
    """
    Round a table of exact amounts (row -> column -> euros) so that it adds up
    both ways (see the module for the method and why it always exists).

    *rounding* is :class:`LargestRemainder` (the default, in cents) for
    controlled rounding, or :class:`HalfUpEach` for a document's own figures
    with residues. *total* is the grand total to keep (the floor or ceiling of
    the exact total in units); by default the exact total when it is a whole
    number of units, else it rounded half up.

    >>> t = round_two_way({"a": {"x": Fraction(1, 2), "y": Fraction(1, 2)},
    ...                    "b": {"x": Fraction(1, 2), "y": Fraction(1, 2)}},
    ...                   rounding=LargestRemainder(unit=Money(1)))
    >>> t.cells, t.row_totals, t.column_totals, t.adds_up()
    (((Money('1.00'), Money('0.00')), (Money('0.00'), Money('1.00'))), (Money('1.00'), Money('1.00')), (Money('1.00'), Money('1.00')), True)

    Raises:
        AllocationError: A label is empty or repeated, a row lacks a column,
            or *total* is not reachable.
        FloatNotAllowedError: An amount is a float.
    """
    if rounding is None:
        rounding = LargestRemainder()
    if not isinstance(rounding, (LargestRemainder, HalfUpEach)):
        msg = f"rounding must be LargestRemainder(unit=...) or HalfUpEach(unit=...) (got {rounding!r})"
        raise AllocationError(msg)
    if not isinstance(exact, Mapping):
        msg = f"the table must be a mapping row -> column -> amount (got {exact!r})"
        raise AllocationError(msg)
    rows = _labels(list(exact), "row")
    if columns is None:
        columns = list(exact[rows[0]])
    cols = _labels(columns, "column")
    values: list[list[Fraction]] = []
    for r in rows:
        line = exact[r]
        if not isinstance(line, Mapping) or set(line) != set(cols):
            got = sorted(line) if isinstance(line, Mapping) else line
            msg = f"row {r!r} must have exactly the columns {list(cols)} (got {got!r})"
            raise AllocationError(msg)
        values.append([_exact_value(line[c], f"{r!r}, {c!r}") for c in cols])
    unit = rounding.unit.cents
    in_units = [[v * 100 / unit for v in row] for row in values]
    grand = sum((sum(row, Fraction(0)) for row in in_units), Fraction(0))

    def money(units: int) -> Money:
        return Money.from_cents(units * unit)

    if isinstance(rounding, HalfUpEach):
        half_up = RoundingMode.HALF_UP
        cells = [[round_fraction(v, half_up) for v in row] for row in in_units]
        row_totals = [round_fraction(sum(row, Fraction(0)), half_up) for row in in_units]
        col_totals = [
            round_fraction(sum((row[j] for row in in_units), Fraction(0)), half_up)
            for j in range(len(cols))
        ]
        grand_total = round_fraction(grand, half_up) if total is None else _total_units(total, unit)
    else:
        target = None if total is None else _total_units(total, unit)
        ranks = sorted(range(len(rows)), key=rows.__getitem__)
        row_rank = [ranks.index(i) for i in range(len(rows))]
        cranks = sorted(range(len(cols)), key=cols.__getitem__)
        col_rank = [cranks.index(j) for j in range(len(cols))]
        rounded = controlled_rounding(
            in_units, row_order=row_rank, column_order=col_rank, total=target
        )
        cells = [list(row) for row in rounded]
        row_totals = [sum(row) for row in cells]
        col_totals = [sum(row[j] for row in cells) for j in range(len(cols))]
        grand_total = sum(row_totals)
    return TwoWayRounding(
        rows=rows,
        columns=cols,
        rounding=rounding,
        exact=tuple(tuple(row) for row in values),
        cells=tuple(tuple(money(v) for v in row) for row in cells),
        row_totals=tuple(money(v) for v in row_totals),
        column_totals=tuple(money(v) for v in col_totals),
        total=money(grand_total),
    )


def _total_units(total: Money, unit: int) -> int:
    if not isinstance(total, Money) or total.cents % unit:
        msg = f"total must be a Money in whole units of {Money.from_cents(unit)} (got {total!r})"
        raise AllocationError(msg)
    return total.cents // unit

"""
Charts (extra ``plot``: matplotlib), as ``matplotlib.figure.Figure`` objects.

No pyplot and no global state: each chart builds its own ``Figure`` (render it with the Agg
backend, ``fig.savefig(buffer, format="png")``). Amounts are drawn in integer cents, and the
axis writes them as euros, so no amount becomes a float in the library; only probabilities
(for the risk curves) are handed to matplotlib as floats, for drawing.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from .._core.money import Money
from .extras import require
from .formats import compact_euros, percent
from .table import Kind, Table, TableError


__all__ = ["bar_chart", "bars_chart", "distribution_chart", "waterfall_chart", "waterfall_charts"]


def _figure(title: str) -> tuple[Any, Any]:
    figure_module = require("matplotlib.figure", "plot", "a chart")
    ticker = require("matplotlib.ticker", "plot", "a chart")
    fig = figure_module.Figure(figsize=(8, 4.5))
    ax = fig.add_subplot()
    ax.set_title(title)
    ax.yaxis.set_major_formatter(
        ticker.FuncFormatter(lambda cents, _: compact_euros(Money.from_cents(round(cents))))
    )
    return fig, ax


def bar_chart(table: Table, value: str, *, label: str | None = None) -> Any:
    """
    Bars per row of *table*: the amounts of column *value*, labelled by column *label*
    (default the first column). An allocation as bars per recipient; a comparison per member.

    Raises:
        TableError: *value* is not an amount column.
        MissingExtraError: matplotlib is not installed (``install izafunding[plot]``).
    """
    column = table.column(value)
    if column.kind is not Kind.MONEY:
        msg = f"a bar chart needs an amount column; {value!r} is a {column.kind.value} column"
        raise TableError(msg)
    labels = [str(v) for v in table.values(label or table.columns[0].key)]
    amounts = [v.cents if isinstance(v, Money) else 0 for v in table.values(value)]
    fig, ax = _figure(f"{table.title}: {column.title}")
    ax.bar(labels, amounts, color="#3465a4")
    ax.tick_params(axis="x", labelrotation=45)
    fig.tight_layout()
    return fig


def bars_chart(table: Table, values: Sequence[str], *, label: str | None = None) -> Any:
    """
    Bars side by side per row of *table*, one series per amount column in *values* (a
    comparison of scenarios: per member what it pays in each).

    Raises:
        TableError: A column in *values* is not an amount column.
        MissingExtraError: matplotlib is not installed (``install izafunding[plot]``).
    """
    columns = [table.column(v) for v in values]
    for c in columns:
        if c.kind is not Kind.MONEY:
            msg = f"a bar chart needs amount columns; {c.key!r} is a {c.kind.value} column"
            raise TableError(msg)
    labels = [str(v) for v in table.values(label or table.columns[0].key)]
    fig, ax = _figure(table.title.splitlines()[0] if table.title else "")
    width = 0.8 / max(1, len(columns))
    for j, c in enumerate(columns):
        cents = [v.cents if isinstance(v, Money) else 0 for v in table.values(c.key)]
        ax.bar([i + j * width for i in range(len(labels))], cents, width=width, label=c.title)
    ax.set_xticks([i + width * (len(columns) - 1) / 2 for i in range(len(labels))], labels)
    ax.tick_params(axis="x", labelrotation=45)
    ax.legend()
    fig.tight_layout()
    return fig


def _waterfall(ax: Any, steps: Sequence[tuple[str, Money]], result: str) -> None:
    running = 0
    for name, amount in steps:
        colour = "#4e9a06" if amount.cents >= 0 else "#cc0000"
        ax.bar(name, amount.cents, bottom=running, color=colour)
        running += amount.cents
    ax.bar(result, running, color="#3465a4")
    ax.tick_params(axis="x", labelrotation=45)


def waterfall_chart(title: str, steps: Sequence[tuple[str, Money]], *, result: str) -> Any:
    """
    A waterfall: each step moves the running total up or down; the last bar, *result*,
    is where it ends (a settlement year: award, carried in, spent, shifted, carried on,
    repayable).
    """
    fig, ax = _figure(title)
    _waterfall(ax, steps, result)
    fig.tight_layout()
    return fig


def waterfall_charts(
    title: str, panels: Sequence[tuple[str, Sequence[tuple[str, Money]]]], *, result: str
) -> Any:
    """Several waterfalls side by side, one axes per panel (a settlement: one per year)."""
    figure_module = require("matplotlib.figure", "plot", "a chart")
    ticker = require("matplotlib.ticker", "plot", "a chart")
    fig = figure_module.Figure(figsize=(4 * max(1, len(panels)) + 1, 4.5))
    fig.suptitle(title)
    for i, (name, steps) in enumerate(panels):
        ax = fig.add_subplot(1, max(1, len(panels)), i + 1)
        ax.set_title(name)
        ax.yaxis.set_major_formatter(
            ticker.FuncFormatter(lambda cents, _: compact_euros(Money.from_cents(round(cents))))
        )
        _waterfall(ax, steps, result)
    fig.tight_layout()
    return fig


def distribution_chart(
    title: str,
    outcomes: Sequence[tuple[Money, Fraction]],
    *,
    level: Fraction,
    quantile: Money,
) -> Any:
    """
    An exact distribution of amounts (bars of probability) and its cumulative curve, with
    the amount not exceeded at *level* marked.
    """
    fig, ax = _figure(title)
    ax.set_ylabel("probability")
    ax.yaxis.set_major_formatter(
        require("matplotlib.ticker", "plot", "a chart").PercentFormatter(xmax=1)
    )
    cents = [m.cents for m, _ in outcomes]
    width = max(1, (max(cents) - min(cents)) // 50) if cents else 1
    ax.bar(cents, [float(p) for _, p in outcomes], width=width, color="#3465a4")
    cumulative: list[float] = []
    total = Fraction(0)
    for _, p in outcomes:
        total += p
        cumulative.append(float(total))
    ax.step(cents, cumulative, where="post", color="#f57900")
    ax.axvline(quantile.cents, color="#cc0000", linestyle="--")
    ax.annotate(f"{percent(level)}: {compact_euros(quantile)}", (quantile.cents, 0.5))
    ax.xaxis.set_major_formatter(
        require("matplotlib.ticker", "plot", "a chart").FuncFormatter(
            lambda c, _: compact_euros(Money.from_cents(round(c)))
        )
    )
    fig.tight_layout()
    return fig

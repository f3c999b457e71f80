"""
Results expressed as :class:`~.table.Report` values, from their public attributes only.

These adapters show that the table value carries existing results without touching them; the
restructure (issue 12) replaces each by a method on its result (``Allocation.report()``), after
which this module goes. They read nothing private.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .json_export import money_to_dict
from .table import Column, Kind, Report, Rule, Table


if TYPE_CHECKING:
    from .._core.twoway import TwoWayRounding
    from .._schemes.settlement import Settlement


__all__ = [
    "settlement_plot",
    "settlement_report",
    "two_way_table",
]

_SETTLEMENT_FIGURES = (
    ("awarded", "award"),
    ("carried_in", "carried in"),
    ("available", "available"),
    ("spent", "spent"),
    ("eligible", "eligible"),
    ("shifted", "shifted"),
    ("carried_over", "carried over"),
    ("repayable", "repayable"),
)


def settlement_report(settlement: Settlement) -> Report:
    """A settlement: one row per year, the totals, the rules per year and the findings."""
    columns = (
        Column(key="year", title="year", kind=Kind.COUNT, format="plain", align="left"),
        *(Column(key=k, title=t, kind=Kind.MONEY) for k, t in _SETTLEMENT_FIGURES),
    )
    rows = [
        (y.year, *(getattr(y, k) for k, _ in _SETTLEMENT_FIGURES)) for y in settlement.years
    ]
    total = (
        "total",
        settlement.awarded,
        None,
        None,
        settlement.spent,
        settlement.eligible,
        settlement.shifted,
        None,
        settlement.unspent,
    )
    g = settlement.grant
    title = f"{g.scheme.name}: settlement for {g.recipient}"
    rules = []
    for y in settlement.years:
        for rule in y.rules.all():
            rules.append(Rule(text=rule.describe(), source=rule.source, valid=str(y.year)))
    return Report(
        kind="settlement",
        title=title,
        tables=(Table(name="settlement", title=title, columns=columns, rows=rows, footer=(total,)),),
        explanation=settlement.explain(),
        rules=rules,
        findings=settlement.findings,
        inputs={
            "scheme": g.scheme.name,
            "recipient": g.recipient,
            "years": {
                str(y.year): {
                    "awarded": money_to_dict(y.awarded),
                    "spent": money_to_dict(y.spent),
                }
                for y in settlement.years
            },
            "paid": money_to_dict(settlement.paid),
        },
    )


def two_way_table(rounding: TwoWayRounding, *, row_title: str = "member", title: str = "") -> Table:
    """
    A rounded two-way table: its cells and each row's total, the column totals below; under
    a document's own rounding also a residue column and a residue row.
    """
    residues = not rounding.adds_up()
    columns = (
        Column(key="row", title=row_title, kind=Kind.TEXT),
        *(Column(key=f"col{j}", title=c, kind=Kind.MONEY, format="compact_euros")
          for j, c in enumerate(rounding.columns)),
        Column(key="total", title="total", kind=Kind.MONEY, format="compact_euros"),
        *([Column(key="residue", title="residue", kind=Kind.MONEY, format="compact_euros")]
          if residues else []),
    )
    rows = [
        (name, *cells, total, *([residue] if residues else []))
        for name, cells, total, residue in zip(
            rounding.rows, rounding.cells, rounding.row_totals, rounding.row_residues, strict=True
        )
    ]
    footer: list[tuple[object, ...]] = [
        ("total", *rounding.column_totals, rounding.total, *([rounding.residue] if residues else []))
    ]
    if residues:
        footer.append(("residue", *rounding.column_residues, rounding.residue, None))
    return Table(
        name="two-way",
        title=title or rounding.describe(),
        columns=columns,
        rows=rows,
        footer=footer,
        notes=(rounding.describe(),),
    )


def settlement_plot(settlement: Settlement, year: int | None = None) -> Any:
    """
    A waterfall of one year (default the first): award, carried in, spent, shifted,
    carried on, and what is left repayable (extra ``plot``).
    """
    from .charts import waterfall_chart

    years: Sequence[Any] = settlement.years
    chosen = next((y for y in years if year is None or y.year == year), None)
    if chosen is None:
        from ..errors import UnknownNameError

        msg = f"the settlement has no year {year} (years: {', '.join(str(y.year) for y in years)})"
        raise UnknownNameError(msg)
    unspent_moved = chosen.available - chosen.spent - chosen.repayable - chosen.carried_over
    steps = [
        ("award", chosen.awarded),
        ("carried in", chosen.carried_in),
        ("spent", -chosen.spent),
        ("overspend (not eligible)", -unspent_moved),
        ("carried on", -chosen.carried_over),
    ]
    return waterfall_chart(
        f"{settlement.grant.recipient}, {chosen.year}", steps, result="repayable"
    )

"""
Excel workbooks (extra ``excel``: openpyxl), as bytes: the caller writes the file.

Three sheets: **figures** (every table: amounts as numeric cells in a euro format, exact
amounts and shares as numeric cells with their exact ``n/d`` in a note column when they do not
terminate, totals in bold), **explanation** (the lines of ``explain()``) and **sources and
findings** (the rules with their sources, the documents, the findings). :func:`workbook` puts
several results side by side (several municipalities' settlements, a scenario's alternatives):
one block of columns per result on each sheet.

The bytes differ between runs only in the file's own save time (openpyxl stamps it).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from fractions import Fraction
from typing import Any

from .._money import Money
from .extras import require
from .formats import exact_decimal, fraction
from .json_export import finding_to_dict
from .table import Kind, Report, Table, TableError, as_fraction


__all__ = ["EURO_FORMAT", "SHEETS", "to_xlsx", "workbook"]

#: Excel's number format for euros: the symbol, thousands grouped, two decimals.
EURO_FORMAT = '"€" #,##0.00;-"€" #,##0.00'
#: The sheets of every workbook, in order.
SHEETS = ("figures", "explanation", "sources and findings")

_FORMATS = {
    Kind.MONEY: EURO_FORMAT,
    Kind.EXACT_MONEY: '"€" #,##0.00########',
    Kind.SHARE: "0.##########",
    Kind.PERCENTAGE: "0.00%",
    Kind.COUNT: "#,##0",
    Kind.DATE: "yyyy-mm-dd",
}


def _value(kind: Kind, value: object) -> tuple[object, str | None]:
    """The cell's value for Excel and its number format."""
    if value is None or isinstance(value, str):
        return value, None
    if isinstance(value, Money):
        return value.amount, _FORMATS[Kind.MONEY]
    if kind in (Kind.EXACT_MONEY, Kind.SHARE, Kind.PERCENTAGE):
        return exact_decimal(as_fraction(value)), _FORMATS[kind]
    if kind is Kind.COUNT:
        return value, _FORMATS[Kind.COUNT] if isinstance(value, int) and abs(value) >= 10000 else "0"
    if isinstance(value, date):
        return value, _FORMATS[Kind.DATE]
    return value, None


def _write_table(sheet: Any, bold: Any, table: Table, row: int, col: int) -> int:
    """Write *table* from (row, col); return the next free row."""
    sheet.cell(row=row, column=col, value=table.title).font = bold
    row += 1
    for j, c in enumerate(table.columns):
        sheet.cell(row=row, column=col + j, value=c.title).font = bold
    row += 1
    notes: list[str] = []
    for part, font in ((table.rows, None), (table.footer, bold)):
        for cells in part:
            for j, (c, v) in enumerate(zip(table.columns, cells, strict=True)):
                value, number_format = _value(c.kind, v)
                cell = sheet.cell(row=row, column=col + j, value=value)
                if number_format:
                    cell.number_format = number_format
                if font is not None:
                    cell.font = font
                if isinstance(v, Fraction) and exact_decimal(v) != v:
                    notes.append(f"{c.title}, row {row}: exactly {fraction(v)}")
            row += 1
    for line in (*table.notes, *notes):
        sheet.cell(row=row, column=col, value=line)
        row += 1
    return row + 1


def workbook(reports: Sequence[Report], *, labels: Sequence[str] | None = None) -> bytes:
    """
    A workbook with *reports* side by side, each under its label (default: its title).

    Raises:
        MissingExtraError: openpyxl is not installed (``install izafunding[excel]``).
        TableError: No reports, or labels that do not match them.
    """
    openpyxl = require("openpyxl", "excel", "an Excel workbook")
    styles = require("openpyxl.styles", "excel", "an Excel workbook")
    if not reports:
        msg = "a workbook needs at least one result"
        raise TableError(msg)
    names = list(labels) if labels is not None else [r.title for r in reports]
    if len(names) != len(reports):
        msg = f"got {len(names)} labels for {len(reports)} results"
        raise TableError(msg)
    bold = styles.Font(bold=True)
    book = openpyxl.Workbook()
    figures = book.active
    figures.title = SHEETS[0]
    explanation = book.create_sheet(SHEETS[1])
    sources = book.create_sheet(SHEETS[2])
    side_by_side = len(reports) > 1
    col = 1
    for label, report in zip(names, reports, strict=True):
        row = 1
        if side_by_side:
            figures.cell(row=1, column=col, value=label).font = bold
            row = 3
        for table in report.tables:
            row = _write_table(figures, bold, table, row, col)
        col += max(len(t.columns) for t in report.tables) + 1
    for j, (label, report) in enumerate(zip(names, reports, strict=True)):
        explanation.cell(row=1, column=j + 1, value=label).font = bold
        for i, line in enumerate(report.explanation):
            explanation.cell(row=i + 2, column=j + 1, value=line)
    head = ("result", "what", "text", "source", "valid / amount")
    for j, h in enumerate(head):
        sources.cell(row=1, column=j + 1, value=h).font = bold
    row = 2
    for label, report in zip(names, reports, strict=True):
        lines: list[tuple[object, ...]] = [
            *(("rule", r.text, r.source, r.valid) for r in report.rules),
            *(("source", s, "", "") for s in report.sources),
        ]
        for f in report.findings:
            d = finding_to_dict(f)
            amount = f.amount.amount if f.amount is not None else None
            lines.append((f"finding: {d['kind']}", d["message"], d["source"], amount))
        for entry in lines:
            for j, v in enumerate((label, *entry)):
                cell = sources.cell(row=row, column=j + 1, value=v)
                if j == 4 and v is not None and not isinstance(v, str):
                    cell.number_format = EURO_FORMAT
            row += 1
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_xlsx(report: Report) -> bytes:
    """One result as a workbook (see :func:`workbook`)."""
    return workbook([report])

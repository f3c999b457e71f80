"""
The table value: columns with typed cells, from which every view of a result is produced.

A :class:`Table` holds values, never text: ``Money`` for an amount, a ``Fraction`` of euros for
an exact amount, a ``Fraction`` for a share or a probability, an ``int`` for a count, a ``date``,
a ``str``. Each :class:`Column` says what its cells are (its :class:`Kind`) and which formatter
of :mod:`.formats` writes them, so the text table, the HTML table, the plain rows, the CSV, the
JSON and the workbook all read the same figures and cannot disagree.

>>> from fractions import Fraction
>>> from izafunding import Money
>>> t = Table(
...     title="Split",
...     columns=(Column(key="recipient", title="recipient", kind=Kind.TEXT),
...              Column(key="share", title="share", kind=Kind.SHARE),
...              Column(key="amount", title="part", kind=Kind.MONEY)),
...     rows=(("a", Fraction(1, 3), Money("33.34")), ("b", Fraction(2, 3), Money("66.66"))),
...     footer=(("total", None, Money(100)),),
... )
>>> print(t.render())
Split
<BLANKLINE>
recipient  share          part
a            1/3    € 33,34
b            2/3    € 66,66
total              € 100,00
>>> t.to_rows()[0]
{'recipient': 'a', 'share': Fraction(1, 3), 'amount': Decimal('33.34')}
"""

from __future__ import annotations

import enum
import html
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from fractions import Fraction
from typing import Any, final

import attrs

from .._core.findings import Finding
from .._core.money import Money
from ..errors import FundingError
from . import formats


__all__ = ["Column", "Kind", "Report", "Rule", "Table", "TableError", "as_fraction", "html_list"]


class Kind(enum.Enum):
    """What the cells of a column are."""

    #: An amount in whole cents (``Money``).
    MONEY = "money"
    #: An exact amount of euros (``Fraction``), e.g. a part before rounding.
    EXACT_MONEY = "exact money"
    #: A share of a whole (``Fraction``), e.g. a member's share under a key.
    SHARE = "share"
    #: A probability or rate (``Fraction``) shown as a percentage.
    PERCENTAGE = "percentage"
    #: A whole number (``int``): inhabitants, a year, a line number.
    COUNT = "count"
    #: Text (``str``).
    TEXT = "text"
    #: A calendar date (``date``).
    DATE = "date"
    #: Yes or no (``bool``), e.g. whether a milestone was reached.
    FLAG = "flag"


#: The formatter a column uses unless it names another, per kind.
_DEFAULT_FORMAT: Mapping[Kind, str] = {
    Kind.MONEY: "euros",
    Kind.EXACT_MONEY: "exact_euros",
    Kind.SHARE: "fraction",
    Kind.PERCENTAGE: "percent",
    Kind.COUNT: "count",
    Kind.TEXT: "text",
    Kind.DATE: "iso",
    Kind.FLAG: "yes_no",
}

_TYPES: Mapping[Kind, tuple[type, ...]] = {
    Kind.MONEY: (Money,),
    Kind.EXACT_MONEY: (Fraction, int),
    Kind.SHARE: (Fraction, int),
    Kind.PERCENTAGE: (Fraction, int),
    Kind.COUNT: (int,),
    Kind.TEXT: (str,),
    Kind.DATE: (date,),
    Kind.FLAG: (bool,),
}


class TableError(FundingError, ValueError):
    """A table was built with a cell that does not fit its column."""


def _formatter(name: str) -> Callable[[Any], str]:
    if name == "iso":
        return lambda d: d.isoformat()
    if name == "plain":
        return str
    return formats.FORMATS[name]


def _check_format(instance: Column, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    if value is not None and value not in formats.FORMATS and value not in ("iso", "plain"):
        msg = (
            f"unknown format {value!r} for column {instance.key!r}; formats are "
            f"{', '.join(sorted([*formats.FORMATS, 'iso', 'plain']))}"
        )
        raise TableError(msg)


@final
@attrs.frozen(kw_only=True)
class Column:
    """
    A column of a :class:`Table`.

    Attributes:
        key: The machine name, used by the plain rows, CSV ``plain``, JSON and pandas
            (``"amount"``).

        title: The heading people read (``"part"``); by default the key.

        kind: What the cells are.

        format: The name of the formatter in :mod:`.formats` for the text and HTML views
            (``"compact_euros"``, ``"share"``, ...), ``"plain"`` for ``str()`` or ``"iso"``
            for a date; by default the kind's.

        missing: The text of an empty cell (``None``).

        align: ``"left"`` or ``"right"``; by default text left, figures right.

        shown: Whether the text and HTML views show the column (``False`` for a figure
            only the rows and exports carry, such as an exact share beside its description).

        plain: Whether :meth:`Table.to_rows` has the column (``False`` for a description
            the views show beside the figure it explains). Every export has every column.

        width: The widest the text view writes a cell; a longer one is cut with an ellipsis
            (the HTML and the exports keep it whole). By default no limit.
    """

    key: str
    title: str = attrs.field(default=attrs.Factory(lambda self: self.key, takes_self=True))
    kind: Kind = Kind.TEXT
    format: str | None = attrs.field(default=None, validator=_check_format)
    missing: str = ""
    align: str = attrs.field(
        default=attrs.Factory(
            lambda self: "left" if self.kind in (Kind.TEXT, Kind.DATE, Kind.FLAG) else "right",
            takes_self=True,
        )
    )
    shown: bool = True
    plain: bool = True
    width: int | None = None

    def text(self, value: object) -> str:
        """The text of one cell."""
        if value is None:
            return self.missing
        if isinstance(value, str) and self.kind is not Kind.TEXT:
            return value  # a label in a figure column (e.g. "-" or "p.m.")
        return _formatter(self.format or _DEFAULT_FORMAT[self.kind])(value)

    def check(self, value: object, where: str) -> None:
        """Refuse a cell that is not of the column's kind (a float above all)."""
        if value is None or (isinstance(value, str) and self.kind is not Kind.TEXT):
            return
        ok = isinstance(value, _TYPES[self.kind]) and (
            self.kind is Kind.FLAG or not isinstance(value, bool)
        )
        if not ok:
            msg = (
                f"the cell {where} of column {self.key!r} must be "
                f"{' or '.join(t.__name__ for t in _TYPES[self.kind])} for a {self.kind.value} "
                f"column (got {value!r})"
            )
            raise TableError(msg)


def _rows(value: Iterable[Sequence[object]]) -> tuple[tuple[object, ...], ...]:
    return tuple(tuple(row) for row in value)


def _columns(value: Iterable[Column]) -> tuple[Column, ...]:
    return tuple(value)


def _texts(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def as_fraction(value: object) -> Fraction:
    """The exact value of a share, percentage or exact-amount cell."""
    if isinstance(value, (Fraction, int)) and not isinstance(value, bool):
        return Fraction(value)
    msg = f"expected an exact number (Fraction or int), got {value!r}"
    raise TableError(msg)


@final
@attrs.frozen(kw_only=True)
class Table:
    """
    A table of typed cells: a body, total rows below it (*footer*) and notes under it.

    Attributes:
        title: The caption.

        columns: The columns.

        rows: The body, one tuple of cells per row.

        footer: Rows of totals (sum of parts, target, residue), kept apart so exports can
            tell them from the body.

        notes: Lines printed under the table (a residue sentence, reference dates).

        name: A short machine name (``"members"``), for sheet names and JSON.
    """

    title: str
    columns: tuple[Column, ...] = attrs.field(converter=_columns)
    rows: tuple[tuple[object, ...], ...] = attrs.field(converter=_rows, default=())
    footer: tuple[tuple[object, ...], ...] = attrs.field(converter=_rows, default=())
    notes: tuple[str, ...] = attrs.field(converter=_texts, default=())
    name: str = "figures"

    def __attrs_post_init__(self) -> None:
        keys = [c.key for c in self.columns]
        if len(set(keys)) != len(keys):
            msg = f"each column key must appear once (got {keys})"
            raise TableError(msg)
        for part, rows in (("row", self.rows), ("total row", self.footer)):
            for i, row in enumerate(rows):
                if len(row) != len(self.columns):
                    msg = (
                        f"{part} {i + 1} of {self.title!r} has {len(row)} cells for "
                        f"{len(self.columns)} columns"
                    )
                    raise TableError(msg)
                for column, value in zip(self.columns, row, strict=True):
                    column.check(value, f"in {part} {i + 1}")

    def column(self, key: str) -> Column:
        """The column called *key*."""
        for c in self.columns:
            if c.key == key:
                return c
        msg = f"no column {key!r} (columns: {', '.join(c.key for c in self.columns)})"
        raise TableError(msg)

    def values(self, key: str, *, footer: bool = False) -> list[object]:
        """The cells of column *key*, in the body (or the total rows)."""
        i = [c.key for c in self.columns].index(self.column(key).key)
        return [row[i] for row in (self.footer if footer else self.rows)]

    # -- text ------------------------------------------------------------------------------

    def shown(self) -> tuple[Column, ...]:
        """The columns the text and HTML views show."""
        return tuple(c for c in self.columns if c.shown)

    def _shown_cells(self, row: Sequence[object]) -> list[tuple[Column, object]]:
        return [(c, v) for c, v in zip(self.columns, row, strict=True) if c.shown]

    def text_cells(self) -> list[list[str]]:
        """The heading and every row as text cells (the shown columns)."""
        return [
            [c.title for c in self.shown()],
            *([c.text(v) for c, v in self._shown_cells(row)] for row in self.rows),
            *([c.text(v) for c, v in self._shown_cells(row)] for row in self.footer),
        ]

    def text_lines(self, *, rule: bool = False, gap: str = "  ", strip: bool = True) -> list[str]:
        """
        The table as aligned lines (text columns left, figures right, *gap* between
        columns); with *rule*, a line of dashes under the heading; with *strip* (the
        default), trailing spaces removed.
        """
        cells = self.text_cells()
        shown = self.shown()
        for i, c in enumerate(shown):
            if c.width is not None:
                w = c.width
                for row in cells:
                    row[i] = row[i] if len(row[i]) <= w else row[i][: w - 1] + "…"
        widths = [max(len(row[i]) for row in cells) for i in range(len(shown))]

        def line(row: list[str]) -> str:
            text = gap.join(
                cell.ljust(w) if c.align == "left" else cell.rjust(w)
                for cell, w, c in zip(row, widths, shown, strict=True)
            )
            return text.rstrip() if strip else text

        out = [line(cells[0])]
        if rule:
            out.append(line(["-" * w for w in widths]))
        out += [line(row) for row in cells[1:]]
        return out

    def render(self, *, rule: bool = False) -> str:
        """The title, the table and its notes, as text."""
        parts = [self.title, "", *self.text_lines(rule=rule)]
        if self.notes:
            parts += ["", *self.notes]
        return "\n".join(parts)

    # -- HTML ------------------------------------------------------------------------------

    def html(
        self,
        *,
        css_class: str | None = None,
        caption: bool = True,
        heading_align: bool = True,
        footer_labels: bool = False,
        span_labels: bool = False,
        alert: Iterable[int] = (),
        alert_cells: Iterable[tuple[int, str]] = (),
        emphasis: Iterable[int] = (),
    ) -> str:
        """
        The table as HTML (caption, ``thead``, ``tbody``, ``tfoot``), every text escaped.

        Args:
            css_class: The table's ``class``.
            caption: Whether to write the title as the caption.
            heading_align: Whether the headings of figure columns are aligned right too.
            footer_labels: Whether the first cell of a total row is a heading (``<th>``).
            span_labels: With *footer_labels*, whether that heading spans the empty cells
                after it (``<th colspan='3'>total</th>``).
            alert: The total rows (by index) to draw attention to (a residue that is not zero).
            alert_cells: The cells of total rows, by row index and column key, to draw
                attention to (a stated total that is not the sum of its lines).
            emphasis: The body rows (by index) written in bold (a figure that differs).

        A title or notes line with line breaks is written with ``<br>``.
        """
        esc = html.escape
        right = " style='text-align:right'"
        alerted = set(alert)
        alerted_cells = set(alert_cells)
        loud = "color:#b00;font-weight:bold"
        bold = set(emphasis)

        def td(c: Column, v: object, flagged: bool = False) -> str:
            text = c.text(v)
            styles = [*(["text-align:right"] if c.align == "right" and text else []),
                      *([loud] if flagged else [])]
            style = f" style='{';'.join(styles)}'" if styles else ""
            return f"<td{style}>{esc(text)}</td>"

        def th(c: Column) -> str:
            style = right if heading_align and c.align == "right" else ""
            return f"<th{style}>{esc(c.title)}</th>"

        def footer_row(i: int, row: Sequence[object]) -> str:
            cells = self._shown_cells(row)
            out = []
            if footer_labels and cells:
                c, v = cells[0]
                span = 1
                if span_labels:
                    while span < len(cells) and cells[span][1] is None:
                        span += 1
                colspan = f" colspan='{span}'" if span > 1 else ""
                out.append(f"<th{colspan}>{esc(c.text(v))}</th>")
                cells = cells[span:]
            out += [td(c, v, (i, c.key) in alerted_cells) for c, v in cells]
            style = f" style='{loud}'" if i in alerted else ""
            return f"<tr{style}>{''.join(out)}</tr>"

        klass = f" class='{esc(css_class)}'" if css_class else ""
        out = [f"<table{klass}>"]
        if caption and self.title:
            out.append(f"<caption>{'<br>'.join(esc(line) for line in self.title.splitlines())}</caption>")
        out.append(f"<thead><tr>{''.join(th(c) for c in self.shown())}</tr></thead>")
        strong = " style='font-weight:bold'"
        body = "".join(
            f"<tr{strong if i in bold else ''}>"
            f"{''.join(td(c, v) for c, v in self._shown_cells(r))}</tr>"
            for i, r in enumerate(self.rows)
        )
        out.append(f"<tbody>{body}</tbody>")
        if self.footer:
            out.append(
                f"<tfoot>{''.join(footer_row(i, r) for i, r in enumerate(self.footer))}</tfoot>"
            )
        out.append("</table>")
        if self.notes:
            out.append(
                "".join(
                    f"<p>{'<br>'.join(esc(line) for line in n.splitlines())}</p>"
                    for n in self.notes
                )
            )
        return "".join(out)

    def _repr_html_(self) -> str:
        return self.html()

    # -- plain rows and exports --------------------------------------------------------------

    def to_rows(self, *, footer: bool = False) -> list[dict[str, object]]:
        """
        Plain rows (column key -> value), ready for ``pandas.DataFrame(rows)``: an amount as
        a ``Decimal`` of euros, an exact amount as :func:`.formats.exact_decimal`, shares and
        percentages as ``Fraction``; with *footer*, the total rows too.
        """
        rows = [*self.rows, *(self.footer if footer else ())]
        return [
            {c.key: _plain(c, v) for c, v in zip(self.columns, row, strict=True) if c.plain}
            for row in rows
        ]


def _plain(column: Column, value: object) -> object:
    if value is None or (isinstance(value, str) and column.kind is not Kind.TEXT):
        return None if value is None else value
    if column.kind is Kind.MONEY:
        assert isinstance(value, Money)
        return value.amount
    if column.kind is Kind.EXACT_MONEY:
        return formats.exact_decimal(as_fraction(value))
    if column.kind in (Kind.SHARE, Kind.PERCENTAGE):
        return as_fraction(value)
    return value


@final
@attrs.frozen(kw_only=True)
class Rule:
    """A rule a result applied, with its source and the period it is valid for."""

    text: str
    source: str
    valid: str = ""


def _tables(value: Iterable[Table]) -> tuple[Table, ...]:
    tables = tuple(value)
    if not tables:
        msg = "a report needs at least one table"
        raise TableError(msg)
    return tables


def _rules(value: Iterable[Rule]) -> tuple[Rule, ...]:
    return tuple(value)


def _findings(value: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(value)


@final
@attrs.frozen(kw_only=True)
class Report:
    """
    A result as it leaves the library: its tables, its explanation, the rules applied
    with their sources, the findings and the inputs it was computed from.

    Attributes:
        kind: What result it is (``"allocation"``, ``"settlement"``).

        title: One line naming it.

        tables: Its tables, the main one first.

        explanation: The lines of its ``explain()``.

        rules: Every rule applied, with its source.

        sources: The documents it reproduces or relies on.

        findings: Its findings.

        inputs: The inputs it was computed from, as JSON-safe data.
    """

    kind: str
    title: str
    tables: tuple[Table, ...] = attrs.field(converter=_tables)
    explanation: tuple[str, ...] = attrs.field(converter=_texts, default=())
    rules: tuple[Rule, ...] = attrs.field(converter=_rules, default=())
    sources: tuple[str, ...] = attrs.field(converter=_texts, default=())
    findings: tuple[Finding, ...] = attrs.field(converter=_findings, default=())
    inputs: Mapping[str, Any] = attrs.field(factory=dict)

    @property
    def table(self) -> Table:
        """The main table."""
        return self.tables[0]


def html_list(items: Iterable[object]) -> str:
    """Items (findings) as an HTML list, every text escaped; nothing for no items."""
    inner = "".join(f"<li>{html.escape(str(i))}</li>" for i in items)
    return f"<ul>{inner}</ul>" if inner else ""

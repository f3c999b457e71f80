"""
:class:`Exportable`: what every result gains from describing itself once as a
:class:`~.table.Report`.

A result class implements one method, ``report()`` (its tables, explanation, rules with their
sources, findings and inputs, built from its figures), and inherits from this mixin; its CSV,
JSON receipt, Excel workbook, pandas frame and chart then come from that one value, never written
by hand per class.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any


if TYPE_CHECKING:
    from .table import Report


__all__ = ["Exportable"]


class Exportable:
    """
    Mixin for results: exports from ``report()``.

    Subclasses implement :meth:`report`; they may override :meth:`plot` with a chart that fits
    them better than the default bars of the main table's first amount column.
    """

    __slots__ = ()

    def report(self) -> Report:
        """The result as a :class:`~izafunding._render.table.Report` (implemented by each result)."""
        raise NotImplementedError

    def to_csv(self, dialect: str = "excel-nl") -> str:
        """
        The main table as CSV text: ``"excel-nl"`` (semicolon, decimal comma, UTF-8 byte-order
        mark, what Dutch Excel opens) or ``"plain"`` (comma, decimal point). Numbers are exact.
        """
        from .csv_export import to_csv

        return to_csv(self.report().table, dialect=dialect)

    def to_dict(self) -> dict[str, Any]:
        """
        The deterministic, JSON-safe receipt: format version, library version, inputs and their
        hash, every figure, the rules with their sources, the findings; no timestamps.
        """
        from .json_export import receipt

        return receipt(self.report())

    def to_xlsx(self) -> bytes:
        """
        The bytes of an .xlsx workbook (figures, explanation, sources and findings); extra
        ``excel``. The caller writes the bytes: the library does no I/O.
        """
        from .xlsx import to_xlsx

        return to_xlsx(self.report())

    def to_frame(self) -> Any:
        """The main table as a pandas ``DataFrame`` with integer-cent columns; extra ``pandas``."""
        from .frame import to_frame

        return to_frame(self.report().table)

    def plot(self) -> Any:
        """A matplotlib ``Figure`` (extra ``plot``): by default bars of the first amount column."""
        from .charts import bar_chart
        from .table import Kind

        table = self.report().table
        money = next((c.key for c in table.columns if c.kind is Kind.MONEY), None)
        if money is None:
            from .table import TableError

            msg = f"{table.title!r} has no amount column to chart"
            raise TableError(msg)
        return bar_chart(table, money)

"""The Exportable mixin: a result that describes itself once as a Report exports in every format."""

from __future__ import annotations

import csv
import io
import json

import attrs
import pytest

from izafunding import Money
from izafunding._render.exportable import Exportable
from izafunding._render.table import Column, Kind, Report, Table, TableError


@attrs.frozen
class Split(Exportable):
    """A tiny result: two parts."""

    parts: tuple[tuple[str, Money], ...]

    def report(self) -> Report:
        table = Table(
            title="split",
            columns=[Column(key="who"), Column(key="amount", kind=Kind.MONEY)],
            rows=self.parts,
            footer=[("total", sum((m for _, m in self.parts), Money(0)))],
        )
        return Report(kind="split", title="a split", tables=[table])


@attrs.frozen
class NoAmounts(Exportable):
    def report(self) -> Report:
        return Report(kind="names", title="names", tables=[Table(title="names", columns=[Column(key="who")], rows=[("a",)])])


SPLIT = Split(parts=(("Dalfsen", Money("326506.91")), ("Zwolle", Money(769031))))


class TestExportable:
    def test_csv_both_dialects(self) -> None:
        """The CSV of the report's main table, Dutch Excel and plain, exact."""
        nl = SPLIT.to_csv()
        assert nl.startswith("\ufeff")
        rows = list(csv.reader(io.StringIO(nl.lstrip("\ufeff")), delimiter=";"))
        assert rows[1] == ["Dalfsen", "326506,91"]
        plain = list(csv.reader(io.StringIO(SPLIT.to_csv("plain"))))
        assert plain[2] == ["Zwolle", "769031.00"]

    def test_dict_is_json(self) -> None:
        """to_dict is JSON-safe without a default= and the same bytes each time."""
        first = json.dumps(SPLIT.to_dict(), sort_keys=True)
        assert first == json.dumps(SPLIT.to_dict(), sort_keys=True)
        assert "326506.91" in first

    def test_plot_needs_an_amount_column(self) -> None:
        """The default chart refuses a table without amounts, naming it."""
        pytest.importorskip("matplotlib")
        with pytest.raises(TableError, match="'names' has no amount column to chart"):
            NoAmounts().plot()

    def test_plot_bars(self) -> None:
        """The default chart draws bars of the first amount column, in cents."""
        pytest.importorskip("matplotlib")
        fig = SPLIT.plot()
        heights = [p.get_height() for p in fig.axes[0].patches]
        assert heights == [32650691, 76903100]

    def test_report_is_required(self) -> None:
        """A result that forgets report() says so instead of exporting nothing."""
        with pytest.raises(NotImplementedError):
            Exportable().to_csv()

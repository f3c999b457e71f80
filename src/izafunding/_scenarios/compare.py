"""Comparing scenarios figure by figure: per line and per municipality."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, final

import attrs

from .._core.money import Money
from .._render.exportable import Exportable
from .._render.table import Column, Kind, Report, Table
from ..errors import ScenarioError, UnknownNameError
from .figures import Figure
from .scenario import Scenario


__all__ = ["Comparison", "ComparisonRow", "compare", "side_by_side"]


@final
@attrs.frozen(kw_only=True)
class ComparisonRow:
    """
    One figure in two scenarios: its amount in each (``None`` where the
    scenario has no such line or member) and the difference *b - a*.

    >>> row = ComparisonRow(section="municipality", name="Dalfsen", figure="pays",
    ...                     a=Money(45021), b=Money(60152))
    >>> row.difference
    Money('15131.00')

    Attributes:
        section: ``"line"``, ``"municipality"`` or ``"total"``.

        name: The line, the municipality, or ``"all lines"`` /
            ``"all municipalities"``.

        figure: What the amount is, e.g. ``"cost"``, ``"municipalities"``,
            a partner's name, ``"pays"``, an offset's name, ``"net"``.

        a: The amount in the first scenario, or ``None``.

        b: The amount in the second scenario, or ``None``.
    """

    section: str
    name: str
    figure: str
    a: Money | None
    b: Money | None

    @property
    def difference(self) -> Money:
        """*b - a*; a missing figure counts as zero."""
        zero = Money.zero()
        return (zero if self.b is None else self.b) - (zero if self.a is None else self.a)

    @property
    def differs(self) -> bool:
        """Whether the figure differs (or exists in only one scenario)."""
        return self.a != self.b


def _check_scenario(value: object, what: str) -> Scenario:
    if not isinstance(value, Scenario):
        msg = f"compare needs two Scenario values; {what} is {value!r}"
        raise ScenarioError(msg)
    return value


def _amount(key: str, title: str, **kw: Any) -> Column:
    return Column(key=key, title=title, kind=Kind.MONEY, format="compact_euros", **kw)


#: The columns of a comparison: the views show the label (a line or member, once per group), the
#: figure, A, B and B - A where they differ; the rows have section, name, figure, a, b, difference.
_COLUMNS = (
    Column(key="section", shown=False),
    Column(key="name", shown=False),
    Column(key="label", title="", plain=False),
    Column(key="figure", align="right"),
    _amount("a", "A", missing="-"),
    _amount("b", "B", missing="-"),
    _amount("difference", "difference", shown=False),
    _amount("change", "B - A", plain=False),
)


def _labels(keys: Iterable[tuple[str, str]]) -> list[str]:
    """The name of each line or member on its first row only."""
    out, last = [], None
    for key in keys:
        out.append(key[1] if key != last else "")
        last = key
    return out


@final
@attrs.frozen(kw_only=True)
class Comparison(Exportable):
    """
    Two scenarios compared per line and per municipality: both figures and
    the difference. Made by :func:`compare`.

    Attributes:
        a: The first scenario.

        b: The second scenario.

        rows: One row per figure that either scenario has.
    """

    a: Scenario
    b: Scenario
    rows: tuple[ComparisonRow, ...]

    @property
    def has_differences(self) -> bool:
        """Whether any figure differs."""
        return any(row.differs for row in self.rows)

    def differences(self) -> tuple[ComparisonRow, ...]:
        """The rows whose figures differ."""
        return tuple(row for row in self.rows if row.differs)

    def row(self, section: str, name: str, figure: str) -> ComparisonRow:
        """
        The row for one figure, e.g. ``row("municipality", "Dalfsen", "pays")``.

        Raises:
            UnknownNameError: Neither scenario has that figure.
        """
        for row in self.rows:
            if (row.section, row.name, row.figure) == (section, name, figure):
                return row
        msg = (
            f"neither scenario has the figure {figure!r} of {section} {name!r}; "
            f"sections are 'line', 'municipality' and 'total'"
        )
        raise UnknownNameError(msg)

    def to_rows(self) -> list[dict[str, object]]:
        """
        Plain rows (section, name, figure, a, b, difference; amounts as
        ``Decimal``, a missing figure as ``None``), ready for pandas.
        """
        return self.table().to_rows()

    def table(self, *, only_differences: bool = False) -> Table:
        """Per figure its amount in A and in B and, where they differ, B - A."""
        rows = self.differences() if only_differences else self.rows
        labels = _labels((row.section, row.name) for row in rows)
        return Table(
            name="comparison",
            title=f"A: {self.a.name} ({self.a.period})\nB: {self.b.name} ({self.b.period})",
            columns=_COLUMNS,
            rows=[
                (
                    row.section,
                    row.name,
                    label,
                    row.figure,
                    row.a,
                    row.b,
                    row.difference,
                    row.difference if row.differs else None,
                )
                for row, label in zip(rows, labels, strict=True)
            ],
        )

    def members(self) -> Table:
        """Per municipality what it pays in A and in B (the figures a chart compares)."""
        pays = [row for row in self.rows if row.section == "municipality" and row.figure == "pays"]
        return Table(
            name="members",
            title=f"What each municipality pays: A {self.a.name}, B {self.b.name}",
            columns=(Column(key="name", title="municipality"), _amount("a", "A"), _amount("b", "B")),
            rows=[(row.name, row.a, row.b) for row in pays],
        )

    def report(self) -> Report:
        """The comparison as a :class:`~izafunding._render.table.Report`."""
        return Report(
            kind="comparison",
            title=f"{self.a.name} compared with {self.b.name}",
            tables=(self.table(), self.members()),
            explanation=self.explain(),
            inputs={"a": self.a.report().inputs, "b": self.b.report().inputs},
        )

    def plot(self) -> Any:
        """Bars per municipality of what it pays in each scenario (extra ``plot``)."""
        from .._render.charts import bars_chart

        return bars_chart(self.members(), ("a", "b"))

    def explain(self) -> tuple[str, ...]:
        """In words, each figure that differs."""
        if not self.has_differences:
            return (f"{self.a.name!r} and {self.b.name!r} have the same figures.",)
        out = [f"A: {self.a.name}", f"B: {self.b.name}"]
        for row in self.differences():
            what = f"{row.name}, {row.figure}"
            if row.a is None:
                out.append(f"{what}: only in B ({row.b})")
            elif row.b is None:
                out.append(f"{what}: only in A ({row.a})")
            else:
                direction = "more" if row.difference.cents > 0 else "less"
                out.append(
                    f"{what}: {row.a} in A, {row.b} in B: {abs(row.difference)} {direction} in B"
                )
        return tuple(out)

    def render(self, *, only_differences: bool = False) -> str:
        """The comparison as a text table (A, B and B - A per figure)."""
        table = self.table(only_differences=only_differences)
        return "\n".join([table.title, "", *table.text_lines()])

    def _repr_html_(self) -> str:
        table = self.table()
        view = attrs.evolve(table, title=f"A: {self.a.name}\nB: {self.b.name}")
        return view.html(
            css_class="izafunding-comparison",
            heading_align=False,
            emphasis=[i for i, row in enumerate(self.rows) if row.differs],
        )


def _ordered_keys(a: Sequence[Figure], b: Sequence[Figure]) -> list[tuple[str, str, str]]:
    """
    The figures of *a* in order; a figure only *b* has goes after the last
    figure of the same line or member, or after the last of its section.
    """
    keys = [(f.section, f.name, f.figure) for f in a]
    seen = set(keys)
    for f in b:
        key = (f.section, f.name, f.figure)
        if key in seen:
            continue
        positions = [i for i, k in enumerate(keys) if k[:2] == key[:2]] or [
            i for i, k in enumerate(keys) if k[0] == key[0] and not k[1].startswith("all ")
        ]
        if positions:
            keys.insert(positions[-1] + 1, key)
        else:
            keys.append(key)
        seen.add(key)
    return keys


def compare(a: Scenario, b: Scenario) -> Comparison:
    """
    Compare two scenarios figure by figure: per cost line (cost,
    municipal and partner parts), per municipality (what it pays, its
    offsets, net) and the totals, with both amounts and the difference
    *b - a*. Lines and members are matched by name.

    >>> from izafunding.examples import ijssel_vecht
    >>> memo = ijssel_vecht.scenario()
    >>> paying = memo.without_partners(shortfall=PartnerShortfall.MUNICIPALITIES_PAY)
    >>> diff = compare(memo, paying)
    >>> diff.row("municipality", "Zwolle", "pays").difference
    Money('69182.00')
    >>> compare(memo, memo).has_differences
    False
    """
    a = _check_scenario(a, "a")
    b = _check_scenario(b, "b")
    figures_a = a.figures()
    figures_b = b.figures()
    amounts_a = {(f.section, f.name, f.figure): f.amount for f in figures_a}
    amounts_b = {(f.section, f.name, f.figure): f.amount for f in figures_b}
    rows = tuple(
        ComparisonRow(
            section=key[0], name=key[1], figure=key[2], a=amounts_a.get(key), b=amounts_b.get(key)
        )
        for key in _ordered_keys(figures_a, figures_b)
    )
    return Comparison(a=a, b=b, rows=rows)


def side_by_side(scenarios: Sequence[tuple[str, Scenario]]) -> str:
    """
    Several scenarios in one text table, one column per scenario (with
    the label given): per line its cost and municipal part, the totals,
    and per municipality what it pays and, with offsets, net.
    """
    if not scenarios:
        msg = "side_by_side needs at least one (label, scenario) pair"
        raise ScenarioError(msg)
    figures = [{(f.section, f.name, f.figure): f.amount for f in s.figures()} for _, s in scenarios]
    keys = [(f.section, f.name, f.figure) for f in scenarios[0][1].figures()]
    for _, s in scenarios[1:]:
        keys = _ordered_keys(
            [Figure(*k, Money.zero()) for k in keys],
            s.figures(),
        )
    wanted = {"cost", "municipalities", "partners", "pays", "net", "residue"}
    shown = [key for key in keys if key[2] in wanted]
    table = Table(
        name="side by side",
        title="",
        columns=(
            Column(key="label", title=""),
            Column(key="figure", align="right"),
            *(_amount(f"s{i}", label, missing="-") for i, (label, _) in enumerate(scenarios)),
        ),
        rows=[
            (label, key[2], *(f.get(key) for f in figures))
            for key, label in zip(shown, _labels(k[:2] for k in shown), strict=True)
        ],
    )
    return "\n".join(table.text_lines())

"""Comparing scenarios figure by figure: per line and per municipality."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import final

import attrs

from .._core.money import Money
from .._render.formats import compact_euros as _fmt
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


@final
@attrs.frozen(kw_only=True)
class Comparison:
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
        return [
            {
                "section": row.section,
                "name": row.name,
                "figure": row.figure,
                "a": None if row.a is None else row.a.amount,
                "b": None if row.b is None else row.b.amount,
                "difference": row.difference.amount,
            }
            for row in self.rows
        ]

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

    def _table(self, *, only_differences: bool) -> list[list[str]]:
        rows = [["", "figure", "A", "B", "B - A"]]
        last = None
        for row in self.differences() if only_differences else self.rows:
            label = row.name if (row.section, row.name) != last else ""
            last = (row.section, row.name)
            rows.append(
                [
                    label,
                    row.figure,
                    "-" if row.a is None else _fmt(row.a),
                    "-" if row.b is None else _fmt(row.b),
                    _fmt(row.difference) if row.differs else "",
                ]
            )
        return rows

    def render(self, *, only_differences: bool = False) -> str:
        """The comparison as a text table (A, B and B - A per figure)."""
        return "\n".join(
            [
                f"A: {self.a.name} ({self.a.period})",
                f"B: {self.b.name} ({self.b.period})",
                "",
                *_table(self._table(only_differences=only_differences)),
            ]
        )

    def _repr_html_(self) -> str:
        esc = html.escape
        right = " style='text-align:right'"
        body = []
        for cells, row in zip(self._table(only_differences=False)[1:], self.rows, strict=True):
            style = " style='font-weight:bold'" if row.differs else ""
            body.append(
                f"<tr{style}><td>{esc(cells[0])}</td><td>{esc(cells[1])}</td>"
                + "".join(f"<td{right}>{esc(c)}</td>" for c in cells[2:])
                + "</tr>"
            )
        return (
            "<table class='izafunding-comparison'>"
            f"<caption>A: {esc(self.a.name)}<br>B: {esc(self.b.name)}</caption>"
            "<thead><tr><th></th><th>figure</th><th>A</th><th>B</th><th>B - A</th></tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>"
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
    rows = [["", "figure", *[label for label, _ in scenarios]]]
    last = None
    for key in keys:
        section, name, figure = key
        if figure not in wanted:
            continue
        label = name if (section, name) != last else ""
        last = (section, name)
        rows.append(
            [label, figure, *["-" if key not in f else _fmt(f[key]) for f in figures]]
        )
    return "\n".join(_table(rows))


def _table(rows: list[list[str]]) -> list[str]:
    """Rows of cells as aligned text: the first column left, the others right."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    out = []
    for row in rows:
        cells = [
            cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)
        ]
        out.append("  ".join(cells).rstrip())
    return out

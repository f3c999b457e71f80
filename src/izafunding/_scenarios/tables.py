"""The tables of a scenario: its cost lines and its split over the members."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from .._core.findings import Finding, FindingKind
from .._core.money import Money
from .._render.formats import compact_euros
from .._render.json_export import money_to_dict
from .._render.table import Column, Kind, Report, Rule, Table
from .base import MUNICIPALITIES


if TYPE_CHECKING:
    from .scenario import Scenario


__all__ = [
    "figures_table",
    "html_view",
    "line_table",
    "member_table",
    "reference_dates",
    "report",
    "residue_sentence",
    "split_caption",
]


def reference_dates(scenario: Scenario) -> list[str]:
    references = sorted(
        {
            (
                m.inhabitants.reference_date.isoformat()
                if m.inhabitants.reference_date
                else "not stated"
            )
            + (f" ({m.inhabitants.source})" if m.inhabitants.source else "")
            for m in scenario.members
            if m.inhabitants is not None
        }
    )
    if not references:
        return []
    return [f"Reference date of the inhabitant counts: {'; '.join(references)}."]

def residue_sentence(scenario: Scenario) -> str:
    split = scenario._computed.municipal_split
    if split.residue.is_zero():
        return (
            f"The members' parts add up to the municipal {split.target} "
            f"({scenario.rounding.describe()})."
        )
    return (
        f"The members' parts add up to {split.total}, not the municipal {split.target}: "
        f"a residue of {split.residue} that the rounding ({scenario.rounding.describe()}) "
        f"leaves {'undivided' if split.residue.cents > 0 else 'over-allocated'}."
    )

def split_caption(scenario: Scenario) -> str:
    groups = scenario._computed.groups
    parts = [f"{', '.join(g.lines)} ({compact_euros(g.amount)}) {g.label}" for g in groups]
    return (
        f"The municipal part {compact_euros(scenario.municipal_total)} over the {len(scenario.members)} "
        f"members: {'; '.join(parts)}; {scenario.rounding.describe()}."
    )

def line_table(scenario: Scenario) -> Table:
    """The cost lines: annual, in the period, reductions, cost, and each party's part and share."""
    partners = list(scenario.partner_totals())
    columns = [
        Column(key="line", title="cost line"),
        Column(key="annual", title="a year", kind=Kind.MONEY, format="compact_euros"),
        Column(key="in_period", title=f"in {scenario.period}", kind=Kind.MONEY, format="compact_euros"),
        Column(key="reductions", title="reductions", kind=Kind.MONEY, format="compact_euros", missing="-"),
        Column(key="cost", title="cost", kind=Kind.MONEY, format="compact_euros"),
        Column(key=MUNICIPALITIES, title=MUNICIPALITIES, kind=Kind.MONEY, format="compact_euros"),
        Column(key=f"{MUNICIPALITIES}_share", title="", kind=Kind.SHARE, format="share"),
    ]
    for p in partners:
        columns += [
            Column(key=f"partner:{p}", title=p, kind=Kind.MONEY, format="compact_euros", missing="-"),
            Column(key=f"share:{p}", title="", kind=Kind.SHARE, format="share"),
        ]
    rows = []
    for f in scenario.line_figures:
        parts = f.partner_parts()
        cells: list[object] = [
            f.name,
            f.line.annual,
            f.prorated,
            None if f.reductions.is_zero() else -f.reductions,
            f.cost,
            f.municipal,
            f.line.municipal_share,
        ]
        for p in partners:
            cells += [parts[p], f.line.shares.share(p)] if p in parts else [None, None]
        rows.append(tuple(cells))
    totals = scenario.partner_totals()
    footer = (
        "total",
        scenario.annual_total,
        scenario.prorated_total,
        -scenario.reductions_total,
        scenario.total,
        scenario.municipal_total,
        None,
        *[x for p in partners for x in (totals[p], None)],
    )
    return Table(
        name="lines",
        title=f"{scenario.name}: cost lines in {scenario.period}",
        columns=columns,
        rows=rows,
        footer=(footer,),
    )


def member_table(scenario: Scenario) -> Table:
    """
    The split over the members: per member its part of each group of lines, what it pays, each
    offset (negative) and its net; below, the sum of the parts, what was to divide and the residue.
    """
    computed = scenario._computed
    groups = computed.groups
    offsets = computed.offsets
    has_inhabitants = all(m.inhabitants is not None for m in scenario.members)
    columns = [
        Column(key="municipality", title="municipality"),
        *([Column(key="inhabitants", title="inhabitants", kind=Kind.COUNT)] if has_inhabitants else []),
        *[
            Column(key=f"group:{g.label}", title=f"{g.label} {compact_euros(g.amount)}", kind=Kind.MONEY, format="compact_euros")
            for g in groups
        ],
        Column(key="pays", title="pays", kind=Kind.MONEY, format="compact_euros"),
        *[Column(key=f"offset:{o.name}", title=o.name, kind=Kind.MONEY, format="compact_euros") for o, _ in offsets],
        *([Column(key="net", title="net", kind=Kind.MONEY, format="compact_euros")] if offsets else []),
    ]
    # Under a document's own rounding a row's parts need not add up to what it pays: the
    # difference is shown per row (and per column in the residue row below), never hidden.
    row_residues = [
        f.pays - sum((amount for _, amount in f.columns), Money.zero()) for f in computed.members
    ]
    show_row_residue = bool(groups) and any(not r.is_zero() for r in row_residues)
    if show_row_residue:
        columns.append(Column(key="row_residue", title="row residue", kind=Kind.MONEY, format="compact_euros"))
    rows = []
    for member, figures, row_residue in zip(scenario.members, computed.members, row_residues, strict=True):
        counts = [member.inhabitants.count] if has_inhabitants and member.inhabitants else []
        rows.append(
            (
                member.name,
                *counts,
                *[amount for _, amount in figures.columns],
                figures.pays,
                *[-amount for _, amount in figures.offsets],
                *([figures.net] if offsets else []),
                *([row_residue] if show_row_residue else []),
            )
        )
    split = computed.municipal_split
    offsets_sum = sum((a.total for _, a in offsets), Money.zero())
    offsets_target = sum((a.target for _, a in offsets), Money.zero())
    offsets_residue = sum((a.residue for _, a in offsets), Money.zero())
    pad = [None] if has_inhabitants else []
    column_sums = [
        sum((f.columns[j][1] for f in computed.members), Money.zero()) for j in range(len(groups))
    ]
    pays_sum = sum((f.pays for f in computed.members), Money.zero())
    tail = [sum(row_residues, Money.zero())] if show_row_residue else []
    footer = [
        (
            "sum of parts",
            *pad,
            *column_sums,
            pays_sum,
            *[-a.total for _, a in offsets],
            *([pays_sum - offsets_sum] if offsets else []),
            *tail,
        ),
        (
            "to divide",
            *pad,
            *[g.amount for g in groups],
            split.target,
            *[-a.target for _, a in offsets],
            *([split.target - offsets_target] if offsets else []),
            *([None] if show_row_residue else []),
        ),
        (
            "residue",
            *pad,
            *[g.amount - s for g, s in zip(groups, column_sums, strict=True)],
            split.target - pays_sum,
            *[-a.residue for _, a in offsets],
            *([split.target - pays_sum - offsets_residue] if offsets else []),
            *([None] if show_row_residue else []),
        ),
    ]
    return Table(
        name="members",
        title=split_caption(scenario),
        columns=columns,
        rows=rows,
        footer=footer,
        notes=(residue_sentence(scenario),),
    )


_FIGURE_COLUMNS = (
    Column(key="scenario", title="scenario"),
    Column(key="section", title="section"),
    Column(key="name", title="name"),
    Column(key="figure", title="figure"),
    Column(key="amount", title="amount", kind=Kind.MONEY),
)


def figures_table(scenario: Scenario) -> Table:
    """Every figure of the scenario, one row each (scenario, section, name, figure, amount)."""
    return Table(
        name="figures",
        title=f"{scenario.name}: every figure",
        columns=_FIGURE_COLUMNS,
        rows=[(scenario.name, f.section, f.name, f.figure, f.amount) for f in scenario.figures()],
    )


def report(scenario: Scenario) -> Report:
    """The scenario as it leaves the library: the member table first, the lines, every figure."""
    title = f"{scenario.name} ({scenario.period})"
    findings = []
    split = scenario.municipal_split
    if not split.residue.is_zero():
        findings.append(
            Finding(
                kind=FindingKind.RESIDUE,
                message=residue_sentence(scenario),
                source=scenario.rounding.describe(),
                amount=split.residue,
            )
        )
    return Report(
        kind="scenario",
        title=title,
        tables=(member_table(scenario), line_table(scenario), figures_table(scenario)),
        explanation=scenario.explain(),
        rules=(
            Rule(text=scenario.rounding.describe(), source="the split over the members, declared on the scenario"),
            Rule(text=scenario.line_rounding.describe(), source="each line's proration and sharing"),
        ),
        sources=(scenario.source,) if scenario.source else (),
        findings=findings,
        inputs={
            "name": scenario.name,
            "period": str(scenario.period),
            "lines": {line.name: money_to_dict(line.annual) for line in scenario.lines},
            "members": [m.name for m in scenario.members],
            "offsets": {o.name: money_to_dict(o.amount) for o in scenario.offsets},
            "rounding": scenario.rounding.describe(),
        },
    )


def html_view(scenario: Scenario) -> str:
    """The scenario as HTML: the cost lines, the split's caption, the member table, the residue."""
    esc = html.escape
    members = member_table(scenario)
    return (
        f"<div class='izafunding-scenario'><h4>{esc(scenario.name)} ({esc(str(scenario.period))})</h4>"
        + (f"<p>Source: {esc(scenario.source)}</p>" if scenario.source else "")
        + line_table(scenario).html(caption=False)
        + f"<p>{esc(members.title)}</p>"
        + members.html(caption=False)
        + "</div>"
    )

"""The tables of a scenario: its cost lines and its split over the members."""

from __future__ import annotations

import html
from fractions import Fraction
from typing import TYPE_CHECKING

from .._core.money import Money
from .._render.formats import compact_euros, number, share
from .base import MUNICIPALITIES


if TYPE_CHECKING:
    from .scenario import Scenario


__all__ = ["line_table", "member_table", "reference_dates", "residue_sentence", "split_caption"]


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

def line_table(scenario: Scenario) -> list[list[str]]:
    partners = list(scenario.partner_totals())
    head = [
        "cost line",
        "a year",
        f"in {scenario.period}",
        "reductions",
        "cost",
        MUNICIPALITIES,
        "",
        *[x for p in partners for x in (p, "")],
    ]
    rows = [head]
    for f in scenario._computed.lines:
        parts = f.partner_parts()
        cells = [
            f.name,
            compact_euros(f.line.annual),
            compact_euros(f.prorated),
            compact_euros(-f.reductions) if not f.reductions.is_zero() else "-",
            compact_euros(f.cost),
            compact_euros(f.municipal),
            share(f.line.municipal_share),
        ]
        for p in partners:
            if p in parts:
                cells += [compact_euros(parts[p]), share(f.line.shares.share(p))]
            else:
                cells += ["-", ""]
        rows.append(cells)
    totals = scenario.partner_totals()
    rows.append(
        [
            "total",
            compact_euros(scenario.annual_total),
            compact_euros(scenario.prorated_total),
            compact_euros(-scenario.reductions_total),
            compact_euros(scenario.total),
            compact_euros(scenario.municipal_total),
            "",
            *[x for p in partners for x in (compact_euros(totals[p]), "")],
        ]
    )
    return rows

def member_table(scenario: Scenario) -> list[list[str]]:
    groups = scenario._computed.groups
    offsets = scenario._computed.offsets
    has_inhabitants = all(m.inhabitants is not None for m in scenario.members)
    head = [
        "municipality",
        *(["inhabitants"] if has_inhabitants else []),
        *[f"{g.label} {compact_euros(g.amount)}" for g in groups],
        "pays",
        *[o.name for o, _ in offsets],
        *(["net"] if offsets else []),
    ]
    rows = [head]
    for member, figures in zip(scenario.members, scenario._computed.members, strict=True):
        counts = (
            [number(Fraction(member.inhabitants.count))]
            if has_inhabitants and member.inhabitants
            else []
        )
        rows.append(
            [
                member.name,
                *counts,
                *[compact_euros(amount) for _, amount in figures.columns],
                compact_euros(figures.pays),
                *[compact_euros(-amount) for _, amount in figures.offsets],
                *([compact_euros(figures.net)] if offsets else []),
            ]
        )
    split = scenario._computed.municipal_split
    offsets_sum = sum((a.total for _, a in offsets), Money.zero())
    offsets_target = sum((a.target for _, a in offsets), Money.zero())
    pad = [""] if has_inhabitants else []
    rows.append(
        [
            "sum of parts",
            *pad,
            *[compact_euros(g.allocation.total) for g in groups],
            compact_euros(split.total),
            *[compact_euros(-a.total) for _, a in offsets],
            *([compact_euros(split.total - offsets_sum)] if offsets else []),
        ]
    )
    rows.append(
        [
            "to divide",
            *pad,
            *[compact_euros(g.amount) for g in groups],
            compact_euros(split.target),
            *[compact_euros(-a.target) for _, a in offsets],
            *([compact_euros(split.target - offsets_target)] if offsets else []),
        ]
    )
    rows.append(
        [
            "residue",
            *pad,
            *[compact_euros(g.allocation.residue) for g in groups],
            compact_euros(split.residue),
            *[compact_euros(-a.residue) for _, a in offsets],
            *(
                [compact_euros(split.residue - sum((a.residue for _, a in offsets), Money.zero()))]
                if offsets
                else []
            ),
        ]
    )
    return rows


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


def _html_table(rows: list[list[str]], *, footer_rows: int) -> str:
    esc = html.escape
    head, body = rows[0], rows[1:]
    split = len(body) - footer_rows

    right = " style='text-align:right'"

    def tr(cells: list[str], tag: str) -> str:
        inner = "".join(
            f"<{tag}{'' if i == 0 else right}>{esc(c)}</{tag}>" for i, c in enumerate(cells)
        )
        return f"<tr>{inner}</tr>"

    return (
        "<table>"
        f"<thead>{tr(head, 'th')}</thead>"
        f"<tbody>{''.join(tr(r, 'td') for r in body[:split])}</tbody>"
        f"<tfoot>{''.join(tr(r, 'td') for r in body[split:])}</tfoot>"
        "</table>"
    )

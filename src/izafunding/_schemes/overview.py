"""One municipality's funding overview 2023-2029: every scheme, every figure with its kind and source."""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Final, final

import attrs

from .._core.allocation import Allocation
from .._core.money import Money, RoundingMode
from .._render import formats
from .._render.exportable import Exportable
from .._render.table import Column, Kind, Report, Rule, Table, html_list
from ..errors import SchemeError
from .azwa import AZWA_LETTER, PROVISIONAL_NOTE, FigureKind


if TYPE_CHECKING:
    from .._transformation.grant import TransformationGrant
    from .._transformation.risk import RiskProfile
    from .grants import Grant
    from .settlement import Settlement


__all__ = ["OVERVIEW_YEARS", "FundingOverview", "OverviewFigure", "funding_overview"]

#: The years of an overview: the IZA/GALA period and the SPUK AZWA.
OVERVIEW_YEARS: Final = tuple(range(2023, 2030))
_LEGEND: Final = (
    "P published, E estimated (not an award), C computed, G given by you; "
    f"* {PROVISIONAL_NOTE}. Rows marked 'not in total' are shown but not added."
)
_MARK: Final = {
    FigureKind.PUBLISHED: "P",
    FigureKind.ESTIMATED: "E",
    FigureKind.COMPUTED: "C",
    FigureKind.GIVEN: "G",
}


@final
@attrs.frozen(kw_only=True)
class OverviewFigure:
    """
    One figure of a funding overview: a scheme's line in one year, with its
    kind (published, estimated, computed, given) and source.

    Attributes:
        scheme: The scheme, e.g. ``"SPUK GALA (Brede SPUK)"``.

        item: What the figure is: ``"awarded"``, ``"estimated local part"``,
            ``"spent"``, ``"repayable"``, ...

        year: The year (``None`` for a figure over the whole period, such as
            a repayment risk).

        amount: The amount.

        kind: Where it comes from.

        source: The document, table or computation.

        in_total: Whether it counts in the year's total of money for the
            municipality (money received for a region, spending and
            repayments are shown but not added).

        provisional: Whether it rests on the provisional SPUK AZWA letter.
    """

    scheme: str
    item: str
    year: int | None
    amount: Money
    kind: FigureKind
    source: str
    in_total: bool = False
    provisional: bool = False

    def __str__(self) -> str:
        when = str(self.year) if self.year is not None else "period"
        note = f", {PROVISIONAL_NOTE}" if self.provisional else ""
        return (
            f"{self.scheme}, {self.item}, {when}: {self.amount:whole} "
            f"({self.kind.value}{note}) [source: {self.source}]"
        )


_FIGURE_COLUMNS: Final = (
    Column(key="municipality"),
    Column(key="scheme"),
    Column(key="item"),
    Column(key="year", kind=Kind.COUNT, format="plain", missing="period"),
    Column(key="amount", kind=Kind.MONEY, format="compact_euros"),
    Column(key="kind"),
    Column(key="provisional", kind=Kind.FLAG),
    Column(key="in_total", title="in total", kind=Kind.FLAG),
    Column(key="source"),
)


def _figures(value: Iterable[OverviewFigure]) -> tuple[OverviewFigure, ...]:
    return tuple(value)


def _notes(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@final
@attrs.frozen(kw_only=True)
class FundingOverview(Exportable):
    """
    One municipality's funding per year 2023-2029 and per scheme: what it
    was awarded (published tables), its estimated SPUK AZWA, its share of
    its region's SPUK-IZA where a split is given, transformation advances,
    and what was spent, carried and repayable where a settlement is given,
    with totals per year. Every figure has its kind and source; every SPUK
    AZWA figure is marked provisional.
    """

    municipality: str
    figures: tuple[OverviewFigure, ...] = attrs.field(converter=_figures)
    notes: tuple[str, ...] = attrs.field(default=(), converter=_notes)
    years: tuple[int, ...] = OVERVIEW_YEARS

    def figure(self, scheme: str, item: str, year: int | None) -> OverviewFigure | None:
        """The figure of *scheme*'s *item* in *year*, or ``None``."""
        return next(
            (
                f
                for f in self.figures
                if f.scheme == scheme and f.item == item and f.year == year
            ),
            None,
        )

    def total(self, year: int) -> Money:
        """
        The money for the municipality in *year*: the sum of the figures
        counted in totals (``Money(0)`` when none is known: see :meth:`total_kinds`).
        """
        return sum(
            (f.amount for f in self.figures if f.year == year and f.in_total), Money(0)
        )

    def totals(self) -> dict[int, Money]:
        """:meth:`total` per year."""
        return {y: self.total(y) for y in self.years}

    def total_kinds(self, year: int) -> tuple[FigureKind, ...]:
        """The kinds of the figures in *year*'s total (an estimate makes the total one)."""
        kinds = {f.kind for f in self.figures if f.year == year and f.in_total}
        return tuple(k for k in FigureKind if k in kinds)

    def _lines(self) -> list[tuple[str, str]]:
        return list(dict.fromkeys((f.scheme, f.item) for f in self.figures if f.year is not None))

    def table(self) -> Table:
        """
        Every figure, one row each (municipality, scheme, item, year, amount, kind,
        provisional, in total, source), and below one total per year that has figures
        counted in it ("computed (includes estimates)" where an estimate is in it). The
        exports and :meth:`to_rows` are this table; :meth:`grid` is the view people read.
        """
        rows = [
            (
                self.municipality,
                f.scheme,
                f.item,
                f.year,
                f.amount,
                f.kind.value,
                f.provisional,
                f.in_total,
                f.source,
            )
            for f in self.figures
        ]
        footer = []
        for y in self.years:
            kinds = self.total_kinds(y)
            if not kinds:
                continue
            estimated = FigureKind.ESTIMATED in kinds
            footer.append(
                (
                    self.municipality,
                    "total",
                    "total",
                    y,
                    self.total(y),
                    "computed" + (" (includes estimates)" if estimated else ""),
                    estimated,
                    False,
                    "sum of the figures counted in totals",
                )
            )
        return Table(
            name="overview",
            title=f"Funding overview {self.years[0]}-{self.years[-1]}: {self.municipality}",
            columns=_FIGURE_COLUMNS,
            rows=rows,
            footer=footer,
            notes=[_LEGEND, *self.notes],
        )

    def grid(self) -> Table:
        """
        The overview as people read it: one row per scheme and item, one column per year
        (each amount with its mark: P published, E estimated, C computed, G given, *
        provisional), the total for the municipality below.
        """
        body = [
            (f"{s}: {i}", *(self._cell(s, i, y) for y in self.years)) for s, i in self._lines()
        ]
        total = (
            "total for the municipality",
            *(
                (formats.whole_euros(self.total(y)) if self.total_kinds(y) else "")
                + (" E*" if FigureKind.ESTIMATED in self.total_kinds(y) else "")
                for y in self.years
            ),
        )
        return Table(
            name="overview",
            title=f"Funding overview {self.years[0]}-{self.years[-1]}: {self.municipality}",
            columns=(
                Column(key="line", title="scheme / item"),
                *(Column(key=str(y), align="right") for y in self.years),
            ),
            rows=body,
            footer=(total,),
        )

    def report(self) -> Report:
        """The overview as it leaves the library: every figure with its kind and source."""
        table = self.table()
        return Report(
            kind="funding overview",
            title=table.title,
            tables=(table, self.grid()),
            explanation=tuple(self.render().splitlines()),
            rules=(Rule(text=PROVISIONAL_NOTE, source=AZWA_LETTER),),
            sources=tuple(dict.fromkeys(f.source for f in self.figures)),
            inputs={"municipality": self.municipality, "years": list(self.years)},
        )

    def to_rows(self) -> list[dict[str, object]]:
        """
        Plain rows of :meth:`table`, one per figure, then one total per year (ready for
        ``pandas.DataFrame``); ``provisional`` and ``in_total`` as ``bool``.
        """
        return self.table().to_rows(footer=True)

    def _cell(self, scheme: str, item: str, year: int) -> str:
        f = self.figure(scheme, item, year)
        if f is None:
            return ""
        return f"{formats.whole_euros(f.amount)} {_MARK[f.kind]}" + ("*" if f.provisional else "")

    def _sources(self) -> list[str]:
        return [
            f"{s}: {i}: {src}"
            for (s, i), src in dict.fromkeys(((f.scheme, f.item), f.source) for f in self.figures)
        ]

    def render(self) -> str:
        """A text table: one row per scheme and item, one column per year, totals; then the legend and sources."""
        grid = self.grid()
        out = [grid.title, "", *grid.text_lines(rule=True, strip=False), "", _LEGEND]
        period = [f for f in self.figures if f.year is None]
        if period:
            out += ["", "Over the whole period:"]
            out += [f"- {f}" for f in period]
        if self.notes:
            out += ["", "Notes:"]
            out += [f"- {n}" for n in self.notes]
        out += ["", "Sources:"]
        out += [f"- {line}" for line in self._sources()]
        return "\n".join(out)

    def _repr_html_(self) -> str:
        grid = self.grid().html(heading_align=False, footer_labels=True)
        period = [str(f) for f in self.figures if f.year is None]
        return (
            f"<div class='izafunding-overview'>{grid}<p>{html.escape(_LEGEND)}</p>"
            f"{html_list([*period, *self.notes])}{html_list(self._sources())}</div>"
        )

    def __repr__(self) -> str:
        return f"<FundingOverview {self.municipality}: {len(self.figures)} figures, {self.years[0]}-{self.years[-1]}>"


def _year_total(value: Money | Mapping[str, Money]) -> Money:
    if isinstance(value, Money):
        return value
    return sum(value.values(), Money(0))


def funding_overview(
    municipality: str,
    *,
    azwa_published: Mapping[int, Mapping[str, Money]] | None = None,
    iza_share: Mapping[int, Money | Allocation] | None = None,
    grants: Iterable[Grant] = (),
    settlements: Iterable[Settlement] = (),
    transformation: TransformationGrant | None = None,
    risk: RiskProfile | None = None,
) -> FundingOverview:
    """
    The funding overview of *municipality* from the built-in tables (Brede
    SPUK 2025-2026, SPUK-IZA of a region it is mandated for, the SPUK AZWA
    estimates 2027-2029), plus what the caller gives: loaded AZWA award
    tables per year (*azwa_published*), its share of the region's SPUK-IZA
    per year (*iza_share*: an amount, or the ``Allocation`` that split it),
    grants (awards of years not in the tables), settlements (spent, carried,
    repayable), a transformation grant (its advances) and a milestone
    repayment risk (*risk*, for the municipality as bearer).

    >>> o = funding_overview("Zutphen")
    >>> o.figure("SPUK GALA (Brede SPUK)", "awarded", 2025).amount
    Money('880962.00')
    >>> print(o.figure("SPUK AZWA", "local part", 2027))
    SPUK AZWA, local part, 2027: € 655.292 (estimated, provisional ...) [source: ...]

    Raises:
        UnknownNameError: *municipality* is not one of the 342 (with suggestions).
    """
    from .. import data

    gala_name = "SPUK GALA (Brede SPUK)"
    name = data.brede_spuk_awards(2025).find(municipality)
    figures: list[OverviewFigure] = []
    notes: list[str] = []
    published_years: dict[str, set[int]] = {}
    for y in data.YEARS:
        table = data.brede_spuk_awards(y)
        figures.append(
            OverviewFigure(
                scheme=gala_name, item="awarded", year=y, amount=table[name],
                kind=FigureKind.PUBLISHED, source=table.source, in_total=True,
            )
        )
        published_years.setdefault("SPUK GALA", set()).add(y)
    for region in data.regions().values():
        if region.mandated.name != name:
            continue
        for y in data.YEARS:
            table = data.spuk_iza_awards(y)
            figures.append(
                OverviewFigure(
                    scheme="SPUK IZA", item=f"awarded to the region {region.name} (mandated; not in total)",
                    year=y, amount=table[region.name], kind=FigureKind.PUBLISHED, source=table.source,
                )
            )
    for y, share in sorted((iza_share or {}).items()):
        if isinstance(share, Allocation):
            amount, kind = share[name], FigureKind.COMPUTED
            source = f"the split given: {share.explain()[0] if share.explain() else 'allocation'}"
        elif isinstance(share, Money):
            amount, kind, source = share, FigureKind.GIVEN, "given by the user"
        else:
            msg = f"iza_share[{y!r}] must be a Money or an Allocation (got {share!r})"
            raise SchemeError(msg)
        figures.append(
            OverviewFigure(
                scheme="SPUK IZA", item="share of the region's SPUK-IZA", year=y, amount=amount,
                kind=kind, source=source, in_total=True,
            )
        )
    from .azwa import AZWA_YEARS

    for y in AZWA_YEARS:
        est = data.azwa_estimate(name, y, (azwa_published or {}).get(y), part="local")
        figures.append(
            OverviewFigure(
                scheme="SPUK AZWA", item="local part", year=y, amount=est.amount, kind=est.kind,
                source=est.source if est.is_estimate else f"{est.source} (scheme rules {PROVISIONAL_NOTE})",
                in_total=True, provisional=True,
            )
        )
    for region in data.regions().values():
        if region.mandated.name != name:
            continue
        for y in AZWA_YEARS:
            est = data.azwa_estimate(region.name, y, part="regional")
            figures.append(
                OverviewFigure(
                    scheme="SPUK AZWA", item=f"regional part for {region.name} (mandated; not in total)",
                    year=y, amount=est.amount, kind=est.kind, source=est.source, provisional=True,
                )
            )
    for grant in grants:
        label = gala_name if grant.scheme.name == "SPUK GALA" else grant.scheme.label
        for y, value in grant.awarded.items():
            amount = _year_total(value)
            if y in published_years.get(grant.scheme.name, set()):
                shown = next(f for f in figures if f.scheme == label and f.year == y and f.item == "awarded")
                if shown.amount != amount:
                    notes.append(
                        f"your {grant.scheme.name} grant for {y} says {amount:whole}; the published "
                        f"table says {shown.amount:whole} (the published figure is shown)"
                    )
                continue
            figures.append(
                OverviewFigure(
                    scheme=label, item="awarded", year=y, amount=amount, kind=FigureKind.GIVEN,
                    source=grant.source or "grant given by the user", in_total=True,
                    provisional=grant.scheme.provisional,
                )
            )
    for settlement in settlements:
        scheme = settlement.grant.scheme
        label = gala_name if scheme.name == "SPUK GALA" else scheme.label
        for ys in settlement.years:
            for item, amount in (
                ("spent (not in total)", ys.spent),
                ("carried to next year (not in total)", ys.carried_over),
                ("repayable (not in total)", ys.repayable),
            ):
                figures.append(
                    OverviewFigure(
                        scheme=label, item=item, year=ys.year, amount=amount, kind=FigureKind.COMPUTED,
                        source=f"settlement of the grant given ({ys.rules.determination.source})",
                        provisional=scheme.provisional,
                    )
                )
    if transformation is not None:
        for y, amount in sorted(transformation.advances.items()):
            figures.append(
                OverviewFigure(
                    scheme="SPUK Transformatiemiddelen", item="advance", year=y, amount=amount,
                    kind=FigureKind.COMPUTED,
                    source=f"the grant's yearly budget (art. 7); {transformation.source or 'grant given'}",
                    in_total=True,
                )
            )
    if risk is not None:
        for bearer, r in risk.items():
            if bearer != name:
                continue
            figures.append(
                OverviewFigure(
                    scheme="SPUK Transformatiemiddelen", item=f"milestones: exposure of {bearer}",
                    year=None, amount=r.exposure, kind=FigureKind.COMPUTED,
                    source="the milestone schedule (worst case)",
                )
            )
            figures.append(
                OverviewFigure(
                    scheme="SPUK Transformatiemiddelen",
                    item=f"milestones: expected repayment of {bearer} (rounded to a cent)",
                    year=None, amount=Money.from_fraction(r.expected, rounding=RoundingMode.HALF_UP), kind=FigureKind.COMPUTED,
                    source="the milestone schedule and the chances given",
                )
            )
    if not any(f.scheme == gala_name and f.year in (2023, 2024) for f in figures):
        notes.append(
            "the Brede SPUK amounts of 2023 and 2024 are not in the built-in tables: add a grant "
            "to show them"
        )
    notes.append(
        f"the SPUK AZWA amounts are {PROVISIONAL_NOTE}; estimates are not awards until the "
        f"regulation or the award letters are published"
    )
    return FundingOverview(municipality=name, figures=figures, notes=notes)

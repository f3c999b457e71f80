"""Funding-stop scenarios: cost lines, cost sharing with partners, offsets."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, final

import attrs

from .._core.allocation import Allocation
from .._core.keys import AllocationKey
from .._core.money import Money
from .._core.periods import Period
from .._core.proration import ProrationBasis
from .._core.regions import Member, Region
from .._core.rounding import HalfUpEach, LargestRemainder, Rounding
from .._render.exportable import Exportable
from .._render.table import Report
from ..errors import ScenarioError
from . import computation as _computation
from . import tables as _tables
from . import variants as _variants
from .base import (
    MUNICIPALITIES,
    MemberSplit,
    Split,
    _as_tuple,
    _check_str,
    _check_text,
    _check_unique,
    _unknown,
)
from .figures import Figure, LineFigures, MemberFigures
from .inputs import CostLine, Offset, PartnerShortfall, Reduction


__all__ = [
    "MUNICIPALITIES",
    "CostLine",
    "Figure",
    "LineFigures",
    "MemberFigures",
    "MemberSplit",
    "Offset",
    "PartnerShortfall",
    "Reduction",
    "Scenario",
]


def _lines(value: Iterable[CostLine]) -> tuple[CostLine, ...]:
    return _as_tuple(value, CostLine, "lines")


def _offsets(value: Iterable[Offset]) -> tuple[Offset, ...]:
    return _as_tuple(value, Offset, "offsets")


def _members_converter(value: Region | Iterable[Member]) -> tuple[Member, ...]:
    if isinstance(value, Region):
        return value.members
    return _as_tuple(value, Member, "members")


# -- scenario ----------------------------------------------------------------------


@final
@attrs.frozen(kw_only=True)
class Scenario(Exportable):
    """
    A funding-stop scenario (*scenario*): what continuing costs in a period,
    who pays which part, how the municipal part is split over the member
    municipalities, and what offsets save each of them.

    Every figure is computed when the scenario is built (so a bad scenario
    fails at once), explains itself, and can be compared with another
    scenario by :func:`compare`. Variants are made with ``attrs.evolve`` or
    the named methods :meth:`without_partners` and :meth:`scaled_to_award`.

    >>> from izafunding.examples import ijssel_vecht
    >>> memo = ijssel_vecht.scenario()
    >>> memo.total, memo.municipal_total, memo.partner_total
    (Money('660000.00'), Money('462000.00'), Money('198000.00'))
    >>> memo.member("Zwolle").pays, memo.residue
    (Money('116544.00'), Money('1.00'))

    Attributes:
        name: What the scenario is called.

        period: The period it covers; every line's annual amount is prorated
            to it.

        lines: The cost lines, with unique names.

        members: The member municipalities (a :class:`Region` is accepted),
            with their inhabitants where a split is by inhabitants.

        rounding: How the municipal part and the offsets are split over the
            members: the user's declared policy (the memo's is
            ``HalfUpEach(unit=Money(1))``); any residue is reported.

        offsets: Money expected in the period that lowers what members pay.

        line_rounding: How each line is prorated and shared between
            municipalities and partners: largest remainder (in cents by
            default), so the parts always add up.

        basis: Proration by whole months (default) or days.

        source: The document the scenario comes from.
    """

    name: str = attrs.field(validator=_check_text)
    period: Period = attrs.field()
    lines: tuple[CostLine, ...] = attrs.field(converter=_lines)
    members: tuple[Member, ...] = attrs.field(converter=_members_converter)
    rounding: Rounding = attrs.field()
    offsets: tuple[Offset, ...] = attrs.field(default=(), converter=_offsets)
    line_rounding: LargestRemainder = attrs.field(default=LargestRemainder())
    basis: ProrationBasis = attrs.field(default=ProrationBasis.MONTHS)
    source: str = attrs.field(default="", validator=_check_str)
    _computed: _computation._Computed = attrs.field(init=False, eq=False, repr=False)

    @period.validator
    def _check_period(self, attribute: attrs.Attribute[Period], value: Period) -> None:
        if not isinstance(value, Period):
            msg = f"'period' must be a Period such as Period.quarter(2025, 1) (got {value!r})"
            raise ScenarioError(msg)

    @rounding.validator
    def _check_rounding(self, attribute: attrs.Attribute[Rounding], value: Rounding) -> None:
        if not isinstance(value, (LargestRemainder, HalfUpEach)):
            msg = (
                f"'rounding' must be LargestRemainder(unit=...) or HalfUpEach(unit=...) "
                f"(got {value!r})"
            )
            raise ScenarioError(msg)

    @line_rounding.validator
    def _check_line_rounding(
        self, attribute: attrs.Attribute[LargestRemainder], value: LargestRemainder
    ) -> None:
        if not isinstance(value, LargestRemainder):
            msg = (
                f"'line_rounding' must be LargestRemainder(unit=...), so that each line's "
                f"municipal and partner parts add up to its cost (got {value!r})"
            )
            raise ScenarioError(msg)

    @basis.validator
    def _check_basis(
        self, attribute: attrs.Attribute[ProrationBasis], value: ProrationBasis
    ) -> None:
        if not isinstance(value, ProrationBasis):
            msg = f"'basis' must be ProrationBasis.MONTHS or ProrationBasis.DAYS (got {value!r})"
            raise ScenarioError(msg)

    def __attrs_post_init__(self) -> None:
        _check_unique([line.name for line in self.lines], "cost line")
        _check_unique([offset.name for offset in self.offsets], "offset")
        if not self.lines:
            msg = "a scenario needs at least one cost line (got none)"
            raise ScenarioError(msg)
        if not self.members:
            msg = "a scenario needs at least one member municipality (got none)"
            raise ScenarioError(msg)
        _check_unique([member.name for member in self.members], "member")
        object.__setattr__(self, "_computed", self._compute())

    # -- computing ----------------------------------------------------------------

    def _member_names(self) -> tuple[str, ...]:
        return tuple(member.name for member in self.members)

    def _key(self, split: Split, owner: str) -> AllocationKey:
        return _computation.key_for(self, split, owner)

    def _compute(self) -> _computation._Computed:
        return _computation.compute(self)

    # -- the figures ---------------------------------------------------------------

    @property
    def line_figures(self) -> tuple[LineFigures, ...]:
        """Each cost line's figures in the period, in the order of the lines."""
        return self._computed.lines

    def line(self, name: str) -> LineFigures:
        """
        The figures of the cost line called *name*.

        Raises:
            UnknownNameError: No line has that name.
        """
        for figures in self._computed.lines:
            if figures.name == name:
                return figures
        raise _unknown(name, what="cost line", known=[f.name for f in self._computed.lines])

    @property
    def member_figures(self) -> tuple[MemberFigures, ...]:
        """Each member's figures, in the order of the members."""
        return self._computed.members

    def member(self, name: str) -> MemberFigures:
        """
        The figures of the member municipality called *name*.

        Raises:
            UnknownNameError: No member has that name.
        """
        for figures in self._computed.members:
            if figures.name == name:
                return figures
        raise _unknown(name, what="member municipality", known=self._member_names())

    def member_info(self, name: str) -> Member:
        """The member called *name*, with its inhabitants."""
        for member in self.members:
            if member.name == name:
                return member
        raise _unknown(name, what="member municipality", known=self._member_names())

    @property
    def annual_total(self) -> Money:
        """The sum of the lines' annual amounts."""
        return sum((line.annual for line in self.lines), Money.zero())

    @property
    def prorated_total(self) -> Money:
        """The lines' amounts in the period, before reductions."""
        return sum((f.prorated for f in self._computed.lines), Money.zero())

    @property
    def reductions_total(self) -> Money:
        """All reductions together."""
        return sum((f.reductions for f in self._computed.lines), Money.zero())

    @property
    def total(self) -> Money:
        """What the lines cost in the period, after reductions."""
        return sum((f.cost for f in self._computed.lines), Money.zero())

    @property
    def municipal_total(self) -> Money:
        """The municipalities' part of the cost."""
        return sum((f.municipal for f in self._computed.lines), Money.zero())

    @property
    def partner_total(self) -> Money:
        """The partners' part of the cost, all partners together."""
        return sum((f.partners for f in self._computed.lines), Money.zero())

    def partner_totals(self) -> dict[str, Money]:
        """Each partner's part of the cost over all lines."""
        totals: dict[str, Money] = {}
        for figures in self._computed.lines:
            for partner, amount in figures.partner_parts().items():
                totals[partner] = totals.get(partner, Money.zero()) + amount
        return totals

    @property
    def municipal_split(self) -> Allocation:
        """
        The municipal part split over the members by the composite key of
        the lines' splits, rounded once under :attr:`rounding`.
        """
        return self._computed.municipal_split

    def columns(self) -> tuple[tuple[str, Allocation], ...]:
        """
        Per group of lines with the same split, its municipal amount split
        over the members, rounded on its own: the columns of a document
        such as "equally € 200.000" and "by inhabitants € 262.000".
        """
        return tuple((g.label, g.allocation) for g in self._computed.groups)

    def offset_splits(self) -> tuple[tuple[Offset, Allocation], ...]:
        """Each offset split over the members."""
        return self._computed.offsets

    @property
    def residue(self) -> Money:
        """
        What the rounding of the split over the members left undivided:
        the municipal part less the sum of what the members pay.
        """
        return self._computed.municipal_split.residue

    @property
    def offsets_total(self) -> Money:
        """The sum of the offsets."""
        return sum((offset.amount for offset in self.offsets), Money.zero())

    def figures(self) -> tuple[Figure, ...]:
        """
        Every figure of the scenario, addressed for comparison: per line
        (and for all lines), per member (and for all members).
        """
        out: list[Figure] = []
        partner_names = list(self.partner_totals())
        for f in self._computed.lines:
            out += [
                Figure("line", f.name, "a year", f.line.annual),
                Figure("line", f.name, "in period", f.prorated),
                Figure("line", f.name, "reductions", f.reductions),
                Figure("line", f.name, "cost", f.cost),
                Figure("line", f.name, MUNICIPALITIES, f.municipal),
            ]
            parts = f.partner_parts()
            out += [Figure("line", f.name, p, parts[p]) for p in partner_names if p in parts]
        out += [
            Figure("total", "all lines", "a year", self.annual_total),
            Figure("total", "all lines", "in period", self.prorated_total),
            Figure("total", "all lines", "reductions", self.reductions_total),
            Figure("total", "all lines", "cost", self.total),
            Figure("total", "all lines", MUNICIPALITIES, self.municipal_total),
        ]
        totals = self.partner_totals()
        out += [Figure("total", "all lines", p, totals[p]) for p in partner_names]
        for m in self._computed.members:
            out.append(Figure("municipality", m.name, "pays", m.pays))
            out += [Figure("municipality", m.name, o, amount) for o, amount in m.offsets]
            if self.offsets:
                out.append(Figure("municipality", m.name, "net", m.net))
        split = self._computed.municipal_split
        out += [
            Figure("total", "all municipalities", "pays", split.total),
            Figure("total", "all municipalities", "residue", split.residue),
        ]
        for offset, alloc in self._computed.offsets:
            out.append(Figure("total", "all municipalities", offset.name, alloc.total))
        if self.offsets:
            net = split.total - sum((a.total for _, a in self._computed.offsets), Money.zero())
            out.append(Figure("total", "all municipalities", "net", net))
        return tuple(out)

    # -- variants --------------------------------------------------------------------

    def without_partners(
        self,
        *,
        shortfall: PartnerShortfall,
        partners: Iterable[str] | None = None,
        name: str | None = None,
    ) -> Scenario:
        """
        The scenario in which *partners* (default: all) do not pay.

        With ``PartnerShortfall.MUNICIPALITIES_PAY`` the municipalities take
        over the partners' shares; the lines cost the same. With
        ``PartnerShortfall.KEEP_PERCENTAGES`` each line is reduced by the
        partners' part (that work is not done) and the municipalities pay
        what they paid before.

        >>> from izafunding.examples import ijssel_vecht
        >>> memo = ijssel_vecht.scenario()
        >>> memo.without_partners(shortfall=PartnerShortfall.MUNICIPALITIES_PAY).municipal_total
        Money('660000.00')
        >>> halved = memo.without_partners(shortfall=PartnerShortfall.KEEP_PERCENTAGES)
        >>> halved.total, halved.line("Organisatie netwerk").cost
        (Money('462000.00'), Money('75000.00'))

        Raises:
            UnknownNameError: A partner named is in no line's shares.
        """
        return _variants.without_partners(self, shortfall=shortfall, partners=partners, name=name)

    def scaled_to_award(
        self, award: Money, *, source: str = "", name: str | None = None
    ) -> Scenario:
        """
        The scenario on a different annual award: the lines' annual amounts
        are scaled in proportion so that they add up to *award* exactly
        (a :class:`ProRata` split by their current annual amounts, under
        :attr:`line_rounding`); reductions, shares and splits stay as they
        are, since the documents state the savings in euros.

        >>> from izafunding.examples import ijssel_vecht
        >>> real = ijssel_vecht.scenario().scaled_to_award(Money(3023765))
        >>> real.annual_total, real.prorated_total
        (Money('3023765.00'), Money('755941.25'))

        Raises:
            ScenarioError: The lines' annual amounts are all zero.
        """
        return _variants.scaled_to_award(self, award, source=source, name=name)

    # -- explanation and display ------------------------------------------------------

    def explain(self) -> tuple[str, ...]:
        """
        How every figure was computed: each line (annual amount, proration,
        reductions, shares, key), the split over the members (key, reference
        date, rounding), each member and the residue.
        """
        out = [f"{self.name} ({self.period})" + (f"; source: {self.source}" if self.source else "")]
        for figures in self._computed.lines:
            out += figures.explain()
        out.append(
            f"Total {self.total}: municipalities {self.municipal_total}, "
            f"partners {self.partner_total}."
        )
        out += _tables.reference_dates(self)
        for member in self._computed.members:
            out += member.explain()
        out.append(_tables.residue_sentence(self))
        return tuple(out)

    def report(self) -> Report:
        """The scenario as a :class:`~izafunding._render.table.Report`: the member table, the
        cost lines and every figure, with the explanation, the rules and any residue."""
        return _tables.report(self)

    def to_rows(self) -> list[dict[str, object]]:
        """
        Every figure as a plain row (scenario, section, name, figure,
        amount), ready for ``pandas.DataFrame(rows)``.

        >>> from izafunding.examples import ijssel_vecht
        >>> ijssel_vecht.scenario().to_rows()[3]["amount"]
        Decimal('150000.00')
        """
        return _tables.figures_table(self).to_rows()

    def render(self, *, explain: bool = False) -> str:
        """
        The scenario as text: its cost lines, the split over the members
        and the residue; with *explain*, every figure's derivation.
        """
        text = [
            f"{self.name} ({self.period})",
            *([f"Source: {self.source}"] if self.source else []),
            "",
            self.render_lines(),
            "",
            self.render_members(),
        ]
        if explain:
            text += ["", *self.explain()]
        return "\n".join(text)

    def render_lines(self) -> str:
        """The cost lines as a text table: annual, in the period, reductions, cost, shares."""
        return "\n".join(_tables.line_table(self).text_lines())

    def render_members(self) -> str:
        """The split over the members as a text table, with the residue and reference dates."""
        table = _tables.member_table(self)
        return "\n".join(
            [table.title, *table.text_lines(), *table.notes, *_tables.reference_dates(self)]
        )

    def plot(self) -> Any:
        """Bars of what each member pays (extra ``plot``); a matplotlib ``Figure``."""
        from .._render.charts import bar_chart

        return bar_chart(_tables.member_table(self), "pays")

    def _repr_html_(self) -> str:
        return _tables.html_view(self)

    @classmethod
    def from_toml(cls, text: str, *, source: str = "<scenario>") -> Scenario:
        """
        Read a scenario from the text of a TOML file (see docs/scenarios.md);
        errors name *source*, the line, the table and the field.

        Raises:
            InputFileError: The text is not a valid scenario.
        """
        # Imported here: the parser builds on this module.
        from .._files.scenario import parse_scenario_toml

        return parse_scenario_toml(text, source)

    def to_dict(self) -> dict[str, Any]:
        """
        The scenario's receipt (every figure, rule and finding, as for every result), whose
        ``inputs`` are the scenario itself as JSON-safe data: ``Scenario.from_dict`` reads either
        back, equal to this scenario.
        """
        from .._files.dicts import scenario_to_dict
        from .._render.json_export import receipt

        return receipt(attrs.evolve(self.report(), inputs=scenario_to_dict(self)))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Scenario:
        """
        The scenario of :meth:`to_dict`'s receipt, or of its ``inputs`` alone; malformed data
        raises an ``InputFileError``.
        """
        from .._files.dicts import scenario_from_dict

        if isinstance(data, Mapping) and str(data.get("format", "")).startswith("izafunding-receipt"):
            data = data.get("inputs")  # type: ignore[assignment]
        return scenario_from_dict(data)


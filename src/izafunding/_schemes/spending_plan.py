"""Spending plans (bestedingsvoorstellen) and multi-year budget tables, checked."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Final, final

import attrs

from .._core.findings import Finding, FindingKind
from .._core.money import Money, RoundingMode
from .._core.names import did_you_mean
from .._core.validators import non_empty_text
from .._render import formats
from .._render.exportable import Exportable
from .._render.json_export import money_to_dict
from .._render.table import Column, Kind, Report, Table, html_list
from ..errors import SchemeError, UnknownNameError


if TYPE_CHECKING:
    from .grants import Grant


__all__ = [
    "PlanLine",
    "SpendingPlan",
    "StatedFigure",
    "StatedKind",
]

_ZERO = Money(0)


_check_text = non_empty_text()


def _check_optional_amount(
    instance: object, attribute: attrs.Attribute[Money | None], value: Money | None
) -> None:
    if value is not None and not isinstance(value, Money):
        msg = f"'{attribute.name}' must be a Money, or None for a p.m. line (got {value!r})"
        raise SchemeError(msg)


def _check_amount(instance: object, attribute: attrs.Attribute[Money], value: Money) -> None:
    if not isinstance(value, Money):
        msg = f"'{attribute.name}' must be a Money such as Money(1438963) (got {value!r})"
        raise SchemeError(msg)


@final
@attrs.frozen(kw_only=True)
class PlanLine:
    """
    One numbered line of a spending plan (*bestedingsvoorstel*): what, who
    carries it out (owner), its group, the criterion it meets, and its amount;
    ``None`` for a *p.m.* (pro memorie) line without an amount yet.

    >>> PlanLine(number=33, description="Overige voorstellen", owner="Alle gemeenten",
    ...          group="Voorstellen van gemeenten", amount=None).is_pending
    True
    """

    number: int
    description: str = attrs.field(validator=_check_text)
    owner: str = attrs.field(validator=_check_text)
    group: str = attrs.field(validator=_check_text)
    criterion: str | None = None
    amount: Money | None = attrs.field(validator=_check_optional_amount)
    note: str = ""

    @property
    def is_pending(self) -> bool:
        """Whether this is a *p.m.* line (no amount yet)."""
        return self.amount is None

    def amount_text(self) -> str:
        """The amount in whole euros, or ``p.m.``."""
        if self.amount is None:
            return "p.m."
        return formats.compact_euros(self.amount)


class StatedKind(enum.Enum):
    """Which figure of a plan a document states."""

    BUDGET = "the available budget"
    GROUP_SUBTOTAL = "a group's subtotal"
    OWNER_SUBTOTAL = "an owner's subtotal"
    TOTAL = "the total"
    REMAINING = "the remaining room"


@final
@attrs.frozen(kw_only=True)
class StatedFigure:
    """
    A figure as a document states it, to check against what the library
    computes. With *rounded_to*, the document rounds (the text's "€ 1.300.000"
    for € 1.295.300): it agrees when the computed figure, rounded half up to
    that unit, equals it.

    Attributes:
        kind: Which figure it is.

        amount: The stated amount.

        where: Where the document states it (e.g. "the table").

        group: The group or owner, for a subtotal.

        rounded_to: The unit the document rounded to, if it rounds.
    """

    kind: StatedKind
    amount: Money = attrs.field(validator=_check_amount)
    where: str
    group: str | None = None
    rounded_to: Money | None = None


def _plan_lines(value: Iterable[PlanLine]) -> tuple[PlanLine, ...]:
    lines = tuple(value)
    for line in lines:
        if not isinstance(line, PlanLine):
            msg = f"a spending plan's lines must be PlanLine objects (got {line!r})"
            raise SchemeError(msg)
    return lines


def _stated(value: Iterable[StatedFigure]) -> tuple[StatedFigure, ...]:
    return tuple(value)


def _criteria(value: Iterable[tuple[str, str]] | Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(value.items()) if isinstance(value, Mapping) else tuple(value)


@final
@attrs.frozen(kw_only=True)
class SpendingPlan(Exportable):
    """
    A spending plan for one year of a grant (*bestedingsvoorstel*): numbered
    lines with owner, group and criterion, *p.m.* lines, subtotals per group
    and per owner, the remaining budget room, and checks of the document's
    own figures and against the grant.

    >>> plan = SpendingPlan(title="t", year=2023, budget=Money(100), source="s", lines=[
    ...     PlanLine(number=1, description="a", owner="X", group="G", amount=Money(60)),
    ...     PlanLine(number=2, description="b", owner="Y", group="G", amount=None)])
    >>> plan.total, plan.remaining, [l.number for l in plan.pending()]
    (Money('60.00'), Money('40.00'), [2])

    Attributes:
        title: The plan's title.

        year: The year the plan is for.

        budget: The maximum available (*beschikbaar budget*), as the
            authoritative source says.

        lines: The numbered lines, in the document's order.

        stated: Figures the document states, to be checked.

        criteria: The criteria, as (key, text) pairs.

        budget_source: Where the budget comes from, if not the document itself.

        source: The document.
    """

    title: str
    year: int
    budget: Money = attrs.field(validator=_check_amount)
    lines: tuple[PlanLine, ...] = attrs.field(converter=_plan_lines)
    stated: tuple[StatedFigure, ...] = attrs.field(default=(), converter=_stated)
    criteria: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_criteria)
    budget_source: str = ""
    source: str = attrs.field(validator=_check_text)

    def __attrs_post_init__(self) -> None:
        numbers = [line.number for line in self.lines]
        if not self.lines:
            msg = f"{self.title}: a spending plan needs at least one line"
            raise SchemeError(msg)
        if len(set(numbers)) != len(numbers):
            twice = sorted({n for n in numbers if numbers.count(n) > 1})
            msg = f"{self.title}: line numbers must be distinct (twice: {twice})"
            raise SchemeError(msg)
        keys = {k for k, _ in self.criteria}
        for line in self.lines:
            if self.criteria and line.criterion is not None and line.criterion not in keys:
                msg = (
                    f"{self.title}: line {line.number} names criterion {line.criterion!r}; "
                    f"the criteria are {', '.join(sorted(keys))}"
                )
                raise SchemeError(msg)

    # -- figures ---------------------------------------------------------------------

    @property
    def total(self) -> Money:
        """The sum of all lines with an amount."""
        return sum((line.amount for line in self.lines if line.amount is not None), _ZERO)

    @property
    def remaining(self) -> Money:
        """The remaining budget room (*nog niet benutte budgetruimte*): budget - total."""
        return self.budget - self.total

    def pending(self) -> list[PlanLine]:
        """The *p.m.* lines."""
        return [line for line in self.lines if line.is_pending]

    def groups(self) -> tuple[str, ...]:
        """The groups, in the document's order."""
        return tuple(dict.fromkeys(line.group for line in self.lines))

    def owners(self) -> tuple[str, ...]:
        """The owners, in the document's order."""
        return tuple(dict.fromkeys(line.owner for line in self.lines))

    def subtotals(self) -> dict[str, Money]:
        """The subtotal of each group, in the document's order."""
        return {g: self.subtotal(g) for g in self.groups()}

    def by_owner(self) -> dict[str, Money]:
        """The subtotal of each owner, in the document's order."""
        return {
            o: sum(
                (ln.amount for ln in self.lines if ln.owner == o and ln.amount is not None),
                _ZERO,
            )
            for o in self.owners()
        }

    def subtotal(self, group: str) -> Money:
        """
        The subtotal of *group*.

        Raises:
            UnknownNameError: No such group; the message lists the closest.
        """
        if group not in self.groups():
            hint = did_you_mean(str(group), list(self.groups()))
            msg = f"{self.title} has no group {group!r} (groups: {', '.join(self.groups())}){hint}"
            raise UnknownNameError(msg)
        return sum(
            (ln.amount for ln in self.lines if ln.group == group and ln.amount is not None),
            _ZERO,
        )

    def line(self, number: int) -> PlanLine:
        """
        The line numbered *number*.

        Raises:
            UnknownNameError: No line has that number.
        """
        for ln in self.lines:
            if ln.number == number:
                return ln
        msg = (
            f"{self.title} has no line {number!r} (lines "
            f"{self.lines[0].number}-{self.lines[-1].number})"
        )
        raise UnknownNameError(msg)

    # -- checks ----------------------------------------------------------------------------

    def _computed(self, figure: StatedFigure) -> Money:
        if figure.kind is StatedKind.BUDGET:
            return self.budget
        if figure.kind is StatedKind.TOTAL:
            return self.total
        if figure.kind is StatedKind.GROUP_SUBTOTAL:
            return self.subtotal(figure.group or "")
        if figure.kind is StatedKind.OWNER_SUBTOTAL:
            owners = self.by_owner()
            if figure.group not in owners:
                msg = f"{self.title} has no owner {figure.group!r} (owners: {', '.join(owners)})"
                raise UnknownNameError(msg)
            return owners[figure.group]
        return self.remaining

    def findings(self, grant: Grant | None = None) -> tuple[Finding, ...]:
        """
        The plan's findings: every stated figure that differs from the
        computed one (an inconsistency of the document), a total above the
        budget, and, with *grant*, a budget that differs from the grant's
        award for the plan's year.
        """
        found: list[Finding] = []
        for figure in self.stated:
            computed = self._computed(figure)
            if figure.rounded_to is not None:
                shown = Money.from_fraction(
                    computed.as_fraction(), rounding=RoundingMode.HALF_UP, unit=figure.rounded_to
                )
                if shown == figure.amount:
                    continue
            elif computed == figure.amount:
                continue
            label = figure.kind.value + (f" of {figure.group}" if figure.group else "")
            how, note = self._explain_computed(figure)
            found.append(
                Finding(
                    kind=FindingKind.INCONSISTENCY,
                    message=(
                        f"{figure.where} states {label} as {figure.amount:compact}, but "
                        f"{how} gives {computed:compact}: a difference of "
                        f"{abs(figure.amount - computed):compact}{note}"
                    ),
                    source=self.source,
                    amount=figure.amount - computed,
                    year=self.year,
                )
            )
        if self.total > self.budget:
            found.append(
                Finding(
                    kind=FindingKind.PLAN,
                    message=(
                        f"the plan's total {self.total:compact} is above the budget "
                        f"{self.budget:compact} by {self.total - self.budget:compact}"
                    ),
                    source=self.source,
                    amount=self.total - self.budget,
                    year=self.year,
                )
            )
        if grant is not None:
            awarded = grant.awarded_in(self.year)
            if awarded != self.budget:
                found.append(
                    Finding(
                        kind=FindingKind.PLAN,
                        message=(
                            f"the plan's budget {self.budget:compact} differs from the award "
                            f"for {self.year}, {awarded}, by {self.budget - awarded}"
                        ),
                        source=grant.source or grant.scheme.source,
                        amount=self.budget - awarded,
                        year=self.year,
                    )
                )
        return tuple(found)

    def _explain_computed(self, figure: StatedFigure) -> tuple[str, str]:
        """How the library computes *figure*, and a note on how the document did."""
        if figure.kind is StatedKind.REMAINING:
            text = f"the budget {self.budget:compact} less the total {self.total:compact}"
            for other in self.stated:
                if (
                    other.kind is StatedKind.BUDGET
                    and other.amount != self.budget
                    and other.amount - self.total == figure.amount
                ):
                    return (
                        text,
                        f"; the document computed it from {other.amount:compact} ({other.where})",
                    )
            return text, ""
        if figure.kind is StatedKind.BUDGET:
            return self.budget_source or "the plan's budget", ""
        return "the sum of the lines", ""

    # -- explanation and display --------------------------------------------------------------

    def explain(self) -> tuple[str, ...]:
        """Plain-English lines: the subtotals, total, remaining room and findings."""
        lines = [f"{self.title} ({self.year}); budget {self.budget:compact}"]
        for group, amount in self.subtotals().items():
            numbers = [ln.number for ln in self.lines if ln.group == group]
            lines.append(
                f"{group} (lines {numbers[0]}-{numbers[-1]}): {amount:compact}"
                if numbers == list(range(numbers[0], numbers[-1] + 1))
                else f"{group} (lines {', '.join(map(str, numbers))}): {amount:compact}"
            )
        for owner, amount in self.by_owner().items():
            lines.append(f"  by {owner}: {amount:compact}")
        pending = self.pending()
        if pending:
            lines.append(
                "p.m. (no amount yet): " + ", ".join(f"line {ln.number}" for ln in pending)
            )
        lines.append(f"Total: {self.total:compact}; remaining room: {self.remaining:compact}")
        lines += [f"- {f}" for f in self.findings()]
        return tuple(lines)

    def table(self) -> Table:
        """
        The plan's table: one row per line (number, description, owner, group, criterion,
        amount; a *p.m.* line's amount is empty), the subtotal per group, the total, the
        budget available and the room remaining below.
        """
        return Table(
            name="plan",
            title=self.title,
            columns=_PLAN_COLUMNS,
            rows=[
                (ln.number, ln.description, ln.owner, ln.group, ln.criterion, ln.amount)
                for ln in self.lines
            ],
            footer=[
                (label, None, None, None, None, amount)
                for label, amount in [
                    *((f"Subtotal {g}", a) for g, a in self.subtotals().items()),
                    ("Total", self.total),
                    ("Available", self.budget),
                    ("Remaining room", self.remaining),
                ]
            ],
            notes=(f"Source: {self.source}",),
        )

    def report(self) -> Report:
        """The plan as it leaves the library: its lines and totals, findings, source."""
        table = self.table()
        return Report(
            kind="spending plan",
            title=table.title,
            tables=(table,),
            explanation=self.explain(),
            sources=(self.source,),
            findings=self.findings(),
            inputs={
                "title": self.title,
                "year": self.year,
                "budget": money_to_dict(self.budget),
                "lines": [
                    {
                        "number": ln.number,
                        "amount": None if ln.amount is None else money_to_dict(ln.amount),
                    }
                    for ln in self.lines
                ],
            },
        )

    def render(self) -> str:
        """
        The plan as text: its table's cells, the lines under their group's heading with the
        group's subtotal, then the total, the budget and the room; and the findings.
        """
        table = self.table()
        cells = table.text_cells()[1:]
        body, foot = cells[: len(self.lines)], cells[len(self.lines) :]
        width = min(max(len(ln.description) for ln in self.lines), 60)
        owner_w = max(len(ln.owner) for ln in self.lines)
        label_w = width + owner_w + 6
        out = [f"{self.title}", f"Source: {self.source}", ""]
        subtotals = dict(zip(self.groups(), foot, strict=False))
        for group in self.groups():
            out.append(group)
            for ln, (number, desc, owner, _, crit, amount) in zip(self.lines, body, strict=True):
                if ln.group != group:
                    continue
                crit = f"({crit})" if crit else ""
                out.append(
                    f"{number:>3} {desc[:width]:<{width}}  {owner:<{owner_w}}  "
                    f"{crit:<3} {amount:>12}"
                )
            label, *_, amount = subtotals[group]
            out.append(f"{'':>3} {label:<{label_w}} {amount:>12}")
            out.append("")
        for label, *_, amount in foot[len(subtotals) :]:
            out.append(f"{'':>3} {label:<{label_w}} {amount:>12}")
        findings = self.findings()
        if findings:
            out += ["", "Findings:", *(f"- {f}" for f in findings)]
        return "\n".join(out)

    def to_rows(self) -> list[dict[str, object]]:
        """Plain rows, one per line, ready for ``pandas.DataFrame(rows)``."""
        return self.table().to_rows()

    def _repr_html_(self) -> str:
        table = attrs.evolve(self.table(), notes=()).html(
            heading_align=False, footer_labels=True, span_labels=True
        )
        return f"<div class='izafunding-plan'>{table}{html_list(self.findings())}</div>"


_PLAN_COLUMNS: Final = (
    Column(key="number", title="#", kind=Kind.COUNT, format="plain", align="left"),
    Column(key="description", title="line"),
    Column(key="owner"),
    Column(key="group"),
    Column(key="criterion"),
    Column(key="amount", kind=Kind.MONEY, format="compact_euros", missing="p.m."),
)

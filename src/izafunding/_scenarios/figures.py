"""The figures of a scenario: per cost line, per member, and one addressed figure for
comparison."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import TYPE_CHECKING, final

import attrs

from .._core.allocation import Allocation
from .._core.money import Money
from .._core.proration import Proration
from ..errors import UnknownNameError
from .base import MUNICIPALITIES, _describe_split


if TYPE_CHECKING:
    from .inputs import CostLine


__all__ = ["Figure", "LineFigures", "MemberFigures"]


@final
@attrs.frozen(kw_only=True)
class LineFigures:
    """
    A cost line's figures in a scenario's period, each able to say how it
    was computed.

    Attributes:
        line: The cost line.

        proration: The annual amount prorated to the period.

        sharing: The cost split between ``"municipalities"`` and the
            partners by the line's fixed shares.
    """

    line: CostLine
    proration: Proration
    sharing: Allocation

    @property
    def name(self) -> str:
        """The line's name."""
        return self.line.name

    @property
    def prorated(self) -> Money:
        """The annual amount's part in the period, before reductions."""
        return self.proration.amount

    @property
    def reductions(self) -> Money:
        """The sum of the line's reductions."""
        return self.line.reductions_total

    @property
    def cost(self) -> Money:
        """What the line costs in the period: prorated less reductions."""
        return self.sharing.target

    @property
    def municipal(self) -> Money:
        """The municipalities' part of the cost."""
        return self.sharing[MUNICIPALITIES]

    @property
    def partners(self) -> Money:
        """The partners' part of the cost, all partners together."""
        return self.cost - self.municipal

    def partner_parts(self) -> dict[str, Money]:
        """Each partner's part of the cost."""
        return {str(r): self.sharing[r] for r in self.sharing if r != MUNICIPALITIES}

    def explain(self) -> tuple[str, ...]:
        """
        How each figure of the line was computed: annual amount, proration,
        reductions, shares and the key for the municipal part.
        """
        line = self.line
        origin = f" ({line.derivation})" if line.derivation else ""
        source = f"; source: {line.source}" if line.source else ""
        lines = [f"{line.name}: {line.annual} a year{origin}{source}"]
        lines += [f"  {text}" for text in self.proration.explain()]
        for reduction in line.reductions:
            cited = f" ({reduction.source})" if reduction.source else ""
            lines.append(f"  less {reduction.amount}: {reduction.reason}{cited}")
        lines.append(f"  = {self.cost} in {self.proration.period}")
        for recipient in self.sharing:
            lines.append(
                f"  {recipient}: {self.sharing.key.describe(recipient)} of {self.cost} "
                f"({self.sharing.rounding.describe()}) -> {self.sharing[recipient]}"
            )
        lines.append(f"  the municipal part is split over the members {_describe_split(line.split)}")
        return tuple(lines)


@final
@attrs.frozen(kw_only=True)
class MemberFigures:
    """
    What one member municipality pays in a scenario, the offsets it
    receives, and what it pays net.

    Attributes:
        name: The municipality's name.

        pays: Its part of the municipal cost, under the scenario's rounding.

        exact: Its exact (unrounded) part, in euros.

        columns: Its part of each group of lines with the same split
            (e.g. "equally", "by inhabitants"), each rounded on its own,
            as a document's columns are.

        offsets: Per offset, the amount it receives (positive).

        explain_with: Builds the explanation when :meth:`explain` is asked.
    """

    name: str
    pays: Money
    exact: Fraction
    columns: tuple[tuple[str, Money], ...]
    offsets: tuple[tuple[str, Money], ...]
    explain_with: Callable[[], tuple[str, ...]] = attrs.field(eq=False, repr=False)

    def offset(self, name: str) -> Money:
        """The amount of the offset called *name* (positive)."""
        for offset_name, amount in self.offsets:
            if offset_name == name:
                return amount
        known = ", ".join(n for n, _ in self.offsets) or "none"
        msg = f"no offset called {name!r} in this scenario (offsets: {known})"
        raise UnknownNameError(msg)

    def column(self, label: str) -> Money:
        """The part in the column *label*, e.g. ``"equally"``."""
        for column_label, amount in self.columns:
            if column_label == label:
                return amount
        known = ", ".join(n for n, _ in self.columns)
        msg = f"no column called {label!r} in this scenario (columns: {known})"
        raise UnknownNameError(msg)

    @property
    def offsets_total(self) -> Money:
        """The sum of its offsets."""
        return sum((amount for _, amount in self.offsets), Money.zero())

    @property
    def net(self) -> Money:
        """What it pays less what the offsets bring."""
        return self.pays - self.offsets_total

    def explain(self) -> tuple[str, ...]:
        """How each figure was computed: each group's key, the rounding, offsets, net."""
        return self.explain_with()


@final
@attrs.frozen
class Figure:
    """
    One figure of a scenario, addressed by section, name and what it is,
    e.g. ``("municipality", "Dalfsen", "pays")``; the unit of :func:`compare`.
    """

    section: str
    name: str
    figure: str
    amount: Money

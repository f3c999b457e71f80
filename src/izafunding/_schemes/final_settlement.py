"""The final settlement over the whole grant period (eindafrekening) and each year's part in it."""

from __future__ import annotations

from typing import final

import attrs

from .._core.money import Money
from .._render.exportable import Exportable
from .._render.table import Column, Kind, Report, Table


__all__ = ["FinalSettlement", "YearContribution", "years_list"]

_ZERO = Money(0)


@final
@attrs.frozen(kw_only=True)
class YearContribution:
    """
    One year's part in the final settlement over the period: its award, its
    eligible spending, what it carried to the next year and how much of that
    was spent there, and what it makes repayable.
    """

    year: int
    awarded: Money
    eligible: Money
    carried_over: Money
    carried_spent: Money
    repayable: Money


@final
@attrs.frozen(kw_only=True)
class FinalSettlement(Exportable):
    """
    The final settlement over the whole grant period (*eindafrekening*; SPUK
    GALA: in 2027 over 2023-2026): the period total with each year's
    contribution. :attr:`repayable` is what the ministry reclaims.

    Attributes:
        settled_in: The year of the final settlement, where the scheme says.

        years: Each year's contribution, ascending.

        repayable: What the ministry reclaims (the settlement's repayable:
            the advances paid less the eligible spending).
    """

    settled_in: int | None
    years: tuple[YearContribution, ...]
    repayable: Money

    def _sum(self, field: str) -> Money:
        return sum((getattr(y, field) for y in self.years), _ZERO)

    @property
    def awarded(self) -> Money:
        """The total awarded over the period."""
        return self._sum("awarded")

    @property
    def eligible(self) -> Money:
        """The eligible spending over the period."""
        return self._sum("eligible")

    @property
    def carried_over(self) -> Money:
        """What moved from a year to the next, over the period."""
        return self._sum("carried_over")

    @property
    def carried_spent(self) -> Money:
        """Of that, what was spent in the year it moved to."""
        return self._sum("carried_spent")

    @property
    def span(self) -> str:
        """The period's years, e.g. ``'2023-2026'``."""
        return years_list(tuple(y.year for y in self.years))

    def explain(self) -> tuple[str, ...]:
        """The period total, then each year's contribution."""
        when = f" of {self.settled_in}" if self.settled_in is not None else ""
        lines = [
            f"Final settlement{when} (eindafrekening) over {self.span}: awarded {self.awarded}, "
            f"eligible {self.eligible}, carried to the next year {self.carried_over} (spent "
            f"there {self.carried_spent}), repayable {self.repayable} (what the ministry reclaims)"
        ]
        for y in self.years:
            lines.append(
                f"  {y.year}: awarded {y.awarded}, eligible {y.eligible}, carried to "
                f"{y.year + 1} {y.carried_over} (spent there {y.carried_spent}), repayable "
                f"{y.repayable}"
            )
        unspent = self._sum("repayable")
        if unspent != self.repayable:
            lines.append(
                f"  unspent under the rules {unspent}; the advances paid make {self.repayable} "
                f"repayable"
            )
        return tuple(lines)

    def table(self) -> Table:
        """The period's table: one row per year, the period total below."""
        rows = [(y.year, *(getattr(y, f) for f, _ in _FINAL_FIGURES)) for y in self.years]
        return Table(
            name="final settlement",
            title=f"Final settlement (eindafrekening) over {self.span}",
            columns=_FINAL_COLUMNS,
            rows=rows,
            footer=(("total", *(getattr(self, f) for f, _ in _FINAL_FIGURES)),),
        )

    def report(self) -> Report:
        """The final settlement as it leaves the library."""
        table = self.table()
        return Report(
            kind="final settlement", title=table.title, tables=(table,), explanation=self.explain()
        )

    def to_rows(self) -> list[dict[str, object]]:
        """One plain row per year, then a row ``"total"``."""
        return self.table().to_rows(footer=True)


_FINAL_FIGURES = (
    ("awarded", "awarded"),
    ("eligible", "eligible"),
    ("carried_over", "carried over"),
    ("carried_spent", "carried, spent"),
    ("repayable", "repayable"),
)
_FINAL_COLUMNS = (
    Column(key="year", kind=Kind.COUNT, format="plain", align="left"),
    *(Column(key=k, title=t, kind=Kind.MONEY) for k, t in _FINAL_FIGURES),
)


def years_list(years: tuple[int, ...]) -> str:
    """(2023, 2024, 2025) -> '2023-2025'; (2023, 2025) -> '2023, 2025'."""
    if len(years) > 2 and years == tuple(range(years[0], years[-1] + 1)):
        return f"{years[0]}-{years[-1]}"
    return ", ".join(map(str, years))

"""SiSa accounting of the transformation funds: the report of a year of a transformation grant
or of a milestone schedule (the milestone indicators, money passed on to other municipalities) and
the costs per SiSa book year of a transformation settlement."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, final

from .._core.maps import FrozenMap
from .._core.money import Money
from .._schemes.sisa import SisaReport, SisaRow, Wording, indicator_definitions, sisa_deadline
from .._schemes.sisa_shapes import (
    REG_TRANSFORMATION_9,
    TRANSFORMATION_FROM,
    TRANSFORMATION_PREFIX,
    SisaIndicator,
    SisaValue,
    shape_for,
)
from ..errors import SchemeError


if TYPE_CHECKING:
    from .grant import TransformationSettlement
    from .outcomes import ScheduleSettlement


__all__ = ["BookYears", "schedule_sisa", "transformation_sisa"]

_T = TRANSFORMATION_PREFIX


def _milestone_rows(
    schedule: ScheduleSettlement,
    year: int,
    spent: Money,
    *,
    final_year: int,
    passed_on: Mapping[str, Money],
    corrections: tuple[Money, Money],
    decision: str | None,
    defs: Mapping[str, SisaIndicator],
) -> tuple[list[SisaRow], list[str], int]:
    later = 1 if any(not m.is_zero() for m in passed_on.values()) else 0
    due = [o for o in schedule.outcomes if o.milestone.year <= year]
    reached = all(o.reached for o in due)
    is_final = year == final_year + later
    missed = Money.from_cents(
        sum(o.spent.cents for o in schedule.outcomes if not o.reached and o.milestone.year <= year)
    )
    own = spent - sum(passed_on.values(), Money(0))
    values: dict[str, SisaValue] = {
        f"{_T}1": decision,
        f"{_T}2": reached,
        f"{_T}3": own,
        f"{_T}4": corrections[0],
        f"{_T}5": corrections[1],
        f"{_T}6": missed if (is_final and not reached) else None,
        f"{_T}7": is_final,
    }
    rows = [
        SisaRow.of(d, year, values[key])
        for key, d in defs.items()
        if year >= TRANSFORMATION_FROM.get(key, 0)
    ]
    notes = []
    if later:
        names = ", ".join(f"{n} {m}" for n, m in passed_on.items() if not m.is_zero())
        notes.append(
            f"money passed to other municipalities ({names}): they account for it (SiSa tussen "
            f"medeoverheden) and the expected final accounting moves one year later "
            f"[source: {REG_TRANSFORMATION_9}]"
        )
    if values[f"{_T}1"] is None:
        notes.append("indicator 1: give the decision number (beschikkingsnummer)")
    if not (is_final and not reached):
        notes.append("indicator 6 is filled only when indicator 2 is 'Nee' at the end of the period")
    return rows, notes, later


def _passed_on(value: Mapping[str, Money] | None) -> Mapping[str, Money]:
    if value is None:
        return {}
    if not isinstance(value, Mapping) or not all(isinstance(v, Money) for v in value.values()):
        msg = f"passed_on must map a municipality to a Money (got {value!r})"
        raise SchemeError(msg)
    return value


def _corrections(value: tuple[Money, Money] | None) -> tuple[Money, Money]:
    if value is None:
        return (Money(0), Money(0))
    if not (isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, Money) for v in value)):
        msg = (
            "corrections must be a pair (own execution, by other municipalities) of Money, "
            f"such as (Money(0), Money(1250)) (got {value!r})"
        )
        raise SchemeError(msg)
    return value


def transformation_sisa(
    settlement: TransformationSettlement,
    year: int,
    *,
    passed_on: Mapping[str, Money] | None = None,
    corrections: tuple[Money, Money] | None = None,
    decision: str | None = None,
    wording: Wording = None,
) -> SisaReport:
    """The SiSa report of a transformation grant for *year* (see ``TransformationSettlement.sisa``)."""
    grant = settlement.grant
    grant.scheme.check_year(year)
    passed = _passed_on(passed_on)
    defs = indicator_definitions(shape_for(grant.scheme.name, year), wording)
    books = grant.by_book_year(settlement.costs)
    spent = books.get(year, Money(0))
    final_year = max([*grant.advances, *books])
    rows, notes, later = _milestone_rows(
        settlement.milestones,
        year,
        spent,
        final_year=final_year,
        passed_on=passed,
        corrections=_corrections(corrections),
        decision=decision,
        defs=defs,
    )
    return SisaReport(
        scheme=grant.scheme.name,
        recipient=grant.recipient,
        accountable=grant.recipient,
        year=year,
        rows=tuple(rows),
        deadline=sisa_deadline(year, later),
        notes=tuple(notes),
    )


def schedule_sisa(
    schedule: ScheduleSettlement,
    year: int,
    *,
    scheme: str = "SPUK Transformatiemiddelen",
    recipient: str = "",
    passed_on: Mapping[str, Money] | None = None,
    corrections: tuple[Money, Money] | None = None,
    decision: str | None = None,
    wording: Wording = None,
) -> SisaReport:
    """The SiSa report of a milestone schedule's settlement for *year*: spending by budget year."""
    passed = _passed_on(passed_on)
    defs = indicator_definitions(shape_for(scheme, year), wording)
    years = [o.milestone.year for o in schedule.outcomes]
    if year not in range(min(years), max(years) + 2):
        msg = (
            f"{year} is outside the schedule's budget years ({min(years)}-{max(years)}, "
            f"and the year after for a final accounting moved later)"
        )
        raise SchemeError(msg)
    spent = Money.from_cents(sum(o.spent.cents for o in schedule.outcomes if o.milestone.year == year))
    rows, notes, later = _milestone_rows(
        schedule,
        year,
        spent,
        final_year=max(years),
        passed_on=passed,
        corrections=_corrections(corrections),
        decision=decision,
        defs=defs,
    )
    return SisaReport(
        scheme=scheme,
        recipient=recipient or "the schedule",
        accountable=recipient or "the schedule",
        year=year,
        rows=tuple(rows),
        deadline=sisa_deadline(year, later),
        notes=tuple(notes),
    )


@final
class BookYears(Mapping[int, Money]):
    """
    The costs per SiSa book year of a transformation settlement (a read-only
    mapping, as before), which is also callable: ``settlement.sisa(2025)``
    gives the year's :class:`SisaReport`.
    """

    __slots__ = ("_items", "_settlement")

    def __init__(self, items: Mapping[int, Money], settlement: TransformationSettlement) -> None:
        self._items = FrozenMap(items)
        self._settlement = settlement

    def __getitem__(self, key: int) -> Money:
        return self._items[key]

    def __iter__(self) -> Iterator[int]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return repr(self._items)

    def __call__(
        self,
        year: int,
        *,
        passed_on: Mapping[str, Money] | None = None,
        corrections: tuple[Money, Money] | None = None,
        decision: str | None = None,
        wording: Wording = None,
    ) -> SisaReport:
        """The SiSa report for *year* (see :func:`transformation_sisa`)."""
        return transformation_sisa(
            self._settlement,
            year,
            passed_on=passed_on,
            corrections=corrections,
            decision=decision,
            wording=wording,
        )

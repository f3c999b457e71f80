"""Findings: rule outcomes and inconsistencies, as values with their source."""

from __future__ import annotations

import enum
from typing import final

import attrs

from .money import Money


__all__ = ["Finding", "FindingKind"]


class FindingKind(enum.Enum):
    """What a finding is about."""

    #: More was spent than was available (after shifting); the excess is not eligible.
    OVERSPEND = "overspend"
    #: Money could not shift between components: a shifting limit or the walls stopped it.
    SHIFT_LIMIT = "shift limit"
    #: Unspent money beyond what may move to the next year is repayable.
    CARRY_LIMIT = "carry-over limit"
    #: Money moved to a year and not spent there is repayable.
    CARRIED_NOT_SPENT = "carried over, not spent"
    #: Unspent money in the last year of the period is repayable.
    LAST_YEAR = "last year"
    #: Unspent money in a year without carry-over is repayable.
    NO_CARRY_OVER = "no carry-over"
    #: A document's figures contradict each other or the public record.
    INCONSISTENCY = "inconsistency"
    #: A rounding left a residue (a sum that differs from a stated or round total).
    RESIDUE = "residue"
    #: A plan does not fit the grant (it plans more than the award, or for other years).
    PLAN = "plan"
    #: The advances paid differ from the awards, so what is repayable differs from what is unspent.
    ADVANCES = "advances"
    #: The amount set definitively over the whole period (art. 10 determination).
    DETERMINATION = "determination"
    #: Costs made ahead of an advance, eligible within the grant period (prefinancing).
    PREFINANCED = "prefinanced"
    #: A year of the grant for which no spending was given: not settled yet, nothing repayable.
    NOT_SETTLED = "not yet settled"
    #: Spending the grant cannot cover: costs outside the grant period, or on a milestone not reached.
    INELIGIBLE = "ineligible"
    #: A choice the rules leave in a year with walls is the best for that year alone: whether another
    #: would repay less over the next year settled with it is not computed under the rules in force.
    CHOICE_PER_YEAR = "choice made per year"


@final
@attrs.frozen(kw_only=True)
class Finding:
    """
    A rule outcome or an inconsistency (*bevinding*): a value with a human
    message and the source of the rule or document, never an exception.

    >>> f = Finding(kind=FindingKind.INCONSISTENCY, message="the table says € 1.438.964",
    ...             source="Raadsmededeling 2023-918", amount=Money(1))
    >>> str(f)
    'inconsistency: the table says € 1.438.964 [source: Raadsmededeling 2023-918]'

    Attributes:
        kind: What the finding is about.

        message: One or two sentences a finance officer can read.

        source: The rule's or document's source.

        amount: The amount at stake, if any (for example the money that is
            repayable because of this rule, or the size of an inconsistency).

        year: The year it concerns, if any.

        component: The component it concerns, if any.

        repayable: The money this finding makes repayable (``Money(0)`` for
            a finding that repays nothing: an overspend, an inconsistency, a
            residue). The ``repayable`` of a settlement's findings add up to
            the settlement's ``repayable``, to the cent.
    """

    kind: FindingKind
    message: str
    source: str
    amount: Money | None = None
    year: int | None = None
    component: str | None = None
    repayable: Money = attrs.field(factory=lambda: Money(0))

    def __str__(self) -> str:
        return f"{self.kind.value}: {self.message} [source: {self.source}]"

"""The inputs of a scenario: cost lines with their reductions and shares, offsets, and what
happens when partners do not pay."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Final, final

import attrs

from .._core.keys import Fixed
from .._core.money import Money
from .._core.periods import Period
from .._core.proration import ProrationBasis, prorate
from .._core.rounding import LargestRemainder, allocate
from ..errors import AllocationError, ScenarioError
from .base import (
    MUNICIPALITIES,
    MemberSplit,
    Split,
    Weight,
    _as_tuple,
    _check_money,
    _check_split,
    _check_str,
    _check_text,
)
from .figures import LineFigures


__all__ = ["RESERVED_NAMES", "CostLine", "Offset", "PartnerShortfall", "Reduction"]


def _reductions(value: Iterable[Reduction]) -> tuple[Reduction, ...]:
    return _as_tuple(value, Reduction, "reductions")


@final
@attrs.frozen(kw_only=True)
class Reduction:
    """
    A saving (*besparing*) on a cost line in the scenario's period.

    The amount is for the scenario's period, as documents state it ("in the
    first quarter € 50.000 can be saved on the chain approaches").

    >>> Reduction(amount=Money(50000), reason="saved on chain approaches").amount
    Money('50000.00')

    Attributes:
        amount: The saving in the period (not negative).

        reason: What is not spent, in words.

        source: Where the saving is stated.
    """

    amount: Money = attrs.field(validator=_check_money)
    reason: str = attrs.field(validator=_check_text)
    source: str = attrs.field(default="", validator=_check_str)


def _shares_converter(value: Fixed | Mapping[str, Weight]) -> Fixed:
    if isinstance(value, Fixed):
        return value
    if isinstance(value, Mapping):
        return Fixed(value)
    msg = (
        f"'shares' must be a Fixed key or a mapping such as "
        f"{{'municipalities': Decimal('0.7'), 'partners': Decimal('0.3')}} (got {value!r})"
    )
    raise AllocationError(msg)


def _check_shares(instance: object, attribute: attrs.Attribute[Fixed], value: Fixed) -> None:
    if MUNICIPALITIES not in value.recipients:
        msg = (
            f"'shares' must name {MUNICIPALITIES!r} (the member municipalities together) "
            f"beside the partners, with shares that sum to exactly 1, such as "
            f"{{'municipalities': Decimal('0.7'), 'partners': Decimal('0.3')}} "
            f"(got recipients {', '.join(map(repr, value.recipients))})"
        )
        raise AllocationError(msg)
    for recipient in value.recipients:
        if not isinstance(recipient, str) or not recipient.strip():
            msg = f"'shares': every recipient must be a name (got {recipient!r})"
            raise AllocationError(msg)
        if recipient != MUNICIPALITIES and recipient.strip().lower() in RESERVED_NAMES:
            msg = (
                f"'shares': a partner may not be called {recipient!r}: that name is taken by "
                f"a figure of the scenario ({', '.join(sorted(RESERVED_NAMES))})"
            )
            raise AllocationError(msg)


_ALL_MUNICIPAL: Final = Fixed({MUNICIPALITIES: 1})

#: The names of a scenario's own figures; partners and offsets may not take them, or
#: compare() could not tell "the partner called cost" from "the line's cost".
RESERVED_NAMES: Final = frozenset(
    {"a year", "in period", "reductions", "cost", MUNICIPALITIES, "pays", "net", "residue"}
)


def _check_offset_name(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    _check_text(instance, attribute, value)
    if value.strip().lower() in RESERVED_NAMES:
        msg = (
            f"'name' of an offset may not be {value!r}: that name is taken by a figure of "
            f"the scenario ({', '.join(sorted(RESERVED_NAMES))})"
        )
        raise ScenarioError(msg)


@final
@attrs.frozen(kw_only=True)
class CostLine:
    """
    A cost line (*kostenpost*) of a scenario: an annual amount, the savings
    on it in the scenario's period, how its cost is shared between the
    municipalities and the partners (*kostenverdeling*), and how the
    municipal part is split over the member municipalities.

    >>> line = CostLine(
    ...     name="Uitvoer regioplan", annual=Money(800000),
    ...     reductions=[Reduction(amount=Money(40000), reason="fewer new activities")],
    ...     shares={"municipalities": Decimal("0.7"), "partners": Decimal("0.3")},
    ...     split=MemberSplit.INHABITANTS)
    >>> figures = line.figures(Period.quarter(2025, 1))
    >>> figures.prorated, figures.cost, figures.municipal, figures.partners
    (Money('200000.00'), Money('160000.00'), Money('112000.00'), Money('48000.00'))

    Attributes:
        name: The line's name, unique within a scenario.

        annual: The amount for a whole year; the scenario prorates it to its
            period.

        reductions: Savings in the scenario's period.

        shares: A :class:`Fixed` key (or a mapping that builds one) between
            ``"municipalities"`` and the partners, summing to exactly 1; the
            default is all municipal.

        split: How the municipal part is split over the members: a
            :class:`MemberSplit` or an allocation key over their names.

        source: Where the line and its figures come from.

        derivation: How the annual amount was found when it was derived
            (e.g. scaled to an award); empty when it is given.
    """

    name: str = attrs.field(validator=_check_text)
    annual: Money = attrs.field(validator=_check_money)
    reductions: tuple[Reduction, ...] = attrs.field(
        default=(), converter=_reductions
    )
    shares: Fixed = attrs.field(
        default=_ALL_MUNICIPAL, converter=_shares_converter, validator=_check_shares
    )
    split: Split = attrs.field(default=MemberSplit.INHABITANTS, validator=_check_split)
    source: str = attrs.field(default="", validator=_check_str)
    derivation: str = attrs.field(default="", validator=_check_str)

    @property
    def municipal_share(self) -> Fraction:
        """
        The municipalities' share of the line's cost.

        >>> CostLine(name="x", annual=Money(1)).municipal_share
        Fraction(1, 1)
        """
        return self.shares.share(MUNICIPALITIES)

    @property
    def partners(self) -> tuple[str, ...]:
        """The partners named in the shares (even with a share of zero)."""
        return tuple(str(r) for r in self.shares.recipients if r != MUNICIPALITIES)

    @property
    def reductions_total(self) -> Money:
        """The sum of the reductions."""
        return sum((r.amount for r in self.reductions), Money.zero())

    def figures(
        self,
        period: Period,
        *,
        rounding: LargestRemainder | None = None,
        basis: ProrationBasis = ProrationBasis.MONTHS,
    ) -> LineFigures:
        """
        The line's figures in *period*: the annual amount prorated (under
        *rounding*, by default largest remainder in cents), less the
        reductions, shared between municipalities and partners under the
        same rounding, so the parts always add up to the cost.

        Raises:
            ScenarioError: The reductions exceed the prorated amount.
        """
        rounding = LargestRemainder() if rounding is None else rounding
        if not isinstance(rounding, LargestRemainder):
            msg = (
                f"the rounding of a cost line must be LargestRemainder(...), so that the "
                f"municipal and partner parts add up to the cost (got {rounding!r})"
            )
            raise ScenarioError(msg)
        proration = prorate(self.annual, period, rounding=rounding, basis=basis)
        cost = proration.amount - self.reductions_total
        if cost.cents < 0:
            msg = (
                f"cost line {self.name!r}: the reductions ({self.reductions_total}) exceed "
                f"its amount in {period} ({proration.amount}); a reduction may save at most "
                f"what the line costs in the period"
            )
            raise ScenarioError(msg)
        sharing = allocate(cost, self.shares, rounding=rounding)
        return LineFigures(line=self, proration=proration, sharing=sharing)


@final
@attrs.frozen(kw_only=True)
class Offset:
    """
    An offset (*tegemoetkoming*): money expected in the scenario's period
    that lowers what the municipalities pay, such as a ZonMw subsidy, split
    over the members and shown beside what each pays.

    >>> Offset(name="ZonMw", amount=Money(85239)).split
    <MemberSplit.INHABITANTS: 'inhabitants'>

    Attributes:
        name: The offset's name, unique within a scenario.

        amount: The amount in the scenario's period (not negative).

        split: How it is split over the members.

        source: Where the amount comes from.
    """

    name: str = attrs.field(validator=_check_offset_name)
    amount: Money = attrs.field(validator=_check_money)
    split: Split = attrs.field(default=MemberSplit.INHABITANTS, validator=_check_split)
    source: str = attrs.field(default="", validator=_check_str)


class PartnerShortfall(enum.Enum):
    """
    What happens when partners do not pay their share of the cost lines
    (memo SPUK IZA 2025, IJssel-Vecht, §4d).

    ``MUNICIPALITIES_PAY``: the municipalities make up the difference; the
    lines cost the same. ``KEEP_PERCENTAGES``: the municipalities keep their
    percentages, so the part of the work the partners' money paid for is not
    done ("functies worden gehalveerd") and the lines cost less.
    """

    MUNICIPALITIES_PAY = "municipalities-pay"
    KEEP_PERCENTAGES = "keep-percentages"

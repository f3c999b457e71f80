"""Funding-stop scenarios: cost lines, cost sharing with partners, offsets."""

from __future__ import annotations

import enum
import functools
import html
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final, TypeAlias, TypeVar, final

import attrs

from .._core.allocation import (
    Allocation,
    AllocationKey,
    Composite,
    Equal,
    Fixed,
    HalfUpEach,
    LargestRemainder,
    ProRata,
    Rounding,
    _fmt_euros,
    _fmt_number,
    allocate,
)
from .._core.money import Money
from .._core.names import did_you_mean
from .._core.periods import Period
from .._core.proration import Proration, ProrationBasis, prorate
from .._core.regions import Member, Region
from ..errors import (
    AllocationError,
    FloatNotAllowedError,
    MoneyError,
    ScenarioError,
    UnknownNameError,
)


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

#: The recipient in a cost line's shares that stands for the member
#: municipalities together; every other recipient is a partner.
MUNICIPALITIES: Final = "municipalities"

Weight: TypeAlias = int | Decimal | Fraction
T = TypeVar("T")


# -- helpers --------------------------------------------------------------------


def _fmt(amount: Money) -> str:
    """Whole euros when whole ('€ 45.021'), else with cents ('€ 75.594,13')."""
    return amount.format(whole=amount.is_whole())


def _fmt_share(share: Fraction) -> str:
    """A share as a percentage when it is a whole or decimal percent, else a fraction."""
    percent = share * 100
    if percent.denominator == 1:
        return f"{percent.numerator}%"
    as_text = _fmt_number(percent)
    if "/" not in as_text:
        return f"{as_text}%"
    return f"{share.numerator}/{share.denominator}"


def _check_text(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        msg = f"'{attribute.name}' must be a non-empty name (got {value!r})"
        raise ScenarioError(msg)


def _check_str(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str):
        msg = f"'{attribute.name}' must be text (got {value!r})"
        raise ScenarioError(msg)


def _check_money(instance: object, attribute: attrs.Attribute[Money], value: Money) -> None:
    if isinstance(value, float):
        msg = (
            f"'{attribute.name}' must not be a float (got {value!r}): floats lose cents; "
            f"write Money({str(value)!r})"
        )
        raise FloatNotAllowedError(msg)
    if not isinstance(value, Money):
        msg = f"'{attribute.name}' must be a Money such as Money(800000) (got {value!r})"
        raise MoneyError(msg)
    if value.cents < 0:
        msg = f"'{attribute.name}' must not be negative (got {value!r})"
        raise ScenarioError(msg)


def _as_tuple(value: object, kind: type[T], what: str) -> tuple[T, ...]:
    """A sequence as a tuple, checking each element's type."""
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        msg = f"'{what}' must be a sequence of {kind.__name__} (got {value!r})"
        raise ScenarioError(msg)
    items = tuple(value)
    for item in items:
        if not isinstance(item, kind):
            msg = f"'{what}' must hold only {kind.__name__} values (got {item!r})"
            raise ScenarioError(msg)
    return items


def _reductions(value: Iterable[Reduction]) -> tuple[Reduction, ...]:
    return _as_tuple(value, Reduction, "reductions")


def _lines(value: Iterable[CostLine]) -> tuple[CostLine, ...]:
    return _as_tuple(value, CostLine, "lines")


def _offsets(value: Iterable[Offset]) -> tuple[Offset, ...]:
    return _as_tuple(value, Offset, "offsets")


class MemberSplit(enum.Enum):
    """
    How an amount is split over the member municipalities (*verdeelsleutel*).

    ``EQUAL`` is the *gelijke verdeling* (every member the same part);
    ``INHABITANTS`` is *naar rato van inwonersaantallen* (in proportion to
    each member's inhabitants, as counted on their reference date). A line
    may also name any allocation key over the members' names instead.

    >>> MemberSplit.INHABITANTS.describe()
    'by inhabitants'
    """

    EQUAL = "equal"
    INHABITANTS = "inhabitants"

    def describe(self) -> str:
        """In words: 'equally' or 'by inhabitants'."""
        return "equally" if self is MemberSplit.EQUAL else "by inhabitants"


Split: TypeAlias = MemberSplit | AllocationKey


def _check_split(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, (MemberSplit, AllocationKey)):
        msg = (
            f"'{attribute.name}' must be MemberSplit.EQUAL, MemberSplit.INHABITANTS or an "
            f"allocation key over the members' names (got {value!r})"
        )
        raise ScenarioError(msg)


def _describe_split(split: Split) -> str:
    if isinstance(split, MemberSplit):
        return split.describe()
    return f"by {type(split).__name__} key"


# -- inputs ----------------------------------------------------------------------


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


# -- figures ----------------------------------------------------------------------


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


@attrs.frozen(kw_only=True)
class _Group:
    """Lines whose municipal parts are split by the same key."""

    label: str
    split: Split
    key: AllocationKey
    lines: tuple[str, ...]
    amount: Money
    allocation: Allocation


@attrs.frozen(kw_only=True)
class _Computed:
    lines: tuple[LineFigures, ...]
    groups: tuple[_Group, ...]
    municipal_split: Allocation
    offsets: tuple[tuple[Offset, Allocation], ...]
    members: tuple[MemberFigures, ...]


def _members_converter(value: Region | Iterable[Member]) -> tuple[Member, ...]:
    if isinstance(value, Region):
        return value.members
    return _as_tuple(value, Member, "members")


# -- scenario ----------------------------------------------------------------------


@final
@attrs.frozen(kw_only=True)
class Scenario:
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
    _computed: _Computed = attrs.field(init=False, eq=False, repr=False)

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
        names = self._member_names()
        if split is MemberSplit.EQUAL:
            return Equal(names)
        if split is MemberSplit.INHABITANTS:
            missing = [m.name for m in self.members if m.inhabitants is None]
            if missing:
                msg = (
                    f"{owner} is split by inhabitants, but {', '.join(missing)} "
                    f"{'has' if len(missing) == 1 else 'have'} no inhabitant count; give "
                    f"every member an InhabitantCount or split {owner} equally"
                )
                raise ScenarioError(msg)
            return ProRata({m.name: m.inhabitants.count for m in self.members if m.inhabitants})
        assert isinstance(split, AllocationKey)
        for recipient in split.recipients:
            if recipient not in names:
                msg = (
                    f"{owner}: {recipient!r} is not a member municipality of the scenario "
                    f"(members: {', '.join(names)})"
                )
                raise UnknownNameError(msg)
        return split

    def _compute(self) -> _Computed:
        lines = tuple(
            line.figures(self.period, rounding=self.line_rounding, basis=self.basis)
            for line in self.lines
        )
        # Lines with the same split form one group (one column of a document).
        grouped: dict[int, tuple[Split, AllocationKey, list[str], Money]] = {}
        order: list[Split] = []
        for figures in lines:
            split = figures.line.split
            key = self._key(split, f"cost line {figures.name!r}")
            if split in order:
                i = order.index(split)
                _, _, names_of, amount = grouped[i]
                names_of.append(figures.name)
                grouped[i] = (split, key, names_of, amount + figures.municipal)
            else:
                grouped[len(order)] = (split, key, [figures.name], figures.municipal)
                order.append(split)
        groups = [
            _Group(
                label=(
                    split.describe()
                    if isinstance(split, MemberSplit)
                    else f"by the key of {names_of[0]}"
                ),
                split=split,
                key=key,
                lines=tuple(names_of),
                amount=amount,
                allocation=allocate(amount, key, rounding=self.rounding),
            )
            for split, key, names_of, amount in sorted(
                grouped.values(), key=lambda g: _group_rank(g[0], order)
            )
        ]
        municipal = sum((f.municipal for f in lines), Money.zero())
        names = self._member_names()
        if municipal.is_zero():
            composite: AllocationKey = Equal(names)
        else:
            parts: list[tuple[Money, AllocationKey]] = [(g.amount, g.key) for g in groups]
            covered = {r for g in groups if not g.amount.is_zero() for r in g.key.recipients}
            if set(names) - covered:
                # Every member appears in the split, with a part of zero if no key names it.
                parts.insert(0, (Money.zero(), Equal(names)))
            composite = Composite.from_amounts(parts)
        municipal_split = allocate(municipal, composite, rounding=self.rounding)
        offsets = tuple(
            (
                offset,
                allocate(
                    offset.amount,
                    self._key(offset.split, f"offset {offset.name!r}"),
                    rounding=self.rounding,
                ),
            )
            for offset in self.offsets
        )
        # One exact computation of the composite key for all members.
        nums, den = municipal_split.key.integer_shares()
        exact = {
            r: municipal.as_fraction() * Fraction(n, den)
            for r, n in zip(municipal_split.key.recipients, nums, strict=True)
        }
        members = tuple(
            self._member_figures(member, tuple(groups), municipal_split, offsets, exact[member.name])
            for member in self.members
        )
        return _Computed(
            lines=lines,
            groups=tuple(groups),
            municipal_split=municipal_split,
            offsets=offsets,
            members=members,
        )

    def _describe_key(self, split: Split, key: AllocationKey, name: str) -> str:
        if split is MemberSplit.INHABITANTS:
            member = self.member_info(name)
            count = member.inhabitants
            assert count is not None
            total = sum(m.inhabitants.count for m in self.members if m.inhabitants)
            when = (
                f"reference date {count.reference_date.isoformat()}"
                if count.reference_date
                else "reference date not stated"
            )
            return (
                f"{_fmt_number(Fraction(count.count))} of {_fmt_number(Fraction(total))} "
                f"inhabitants ({when})"
            )
        if name not in key.recipients:
            return "not in this key"
        return key.describe(name)

    def _member_figures(
        self,
        member: Member,
        groups: tuple[_Group, ...],
        municipal_split: Allocation,
        offsets: tuple[tuple[Offset, Allocation], ...],
        exact: Fraction,
    ) -> MemberFigures:
        name = member.name
        columns = tuple(
            (g.label, g.allocation[name] if name in g.key.recipients else Money.zero())
            for g in groups
        )
        return MemberFigures(
            name=name,
            pays=municipal_split[name],
            exact=exact,
            columns=columns,
            # An offset may be split over some members only; the others receive nothing.
            offsets=tuple(
                (offset.name, alloc[name] if name in alloc else Money.zero())
                for offset, alloc in offsets
            ),
            explain_with=functools.partial(self._explain_member, name),
        )

    def _explain_member(self, name: str) -> tuple[str, ...]:
        """How a member's figures were computed (built only when asked)."""
        computed = self._computed
        split = computed.municipal_split
        figures = self.member(name)
        rounding = self.rounding.describe()
        text = [f"{name} pays {split[name]} of the municipal {split.target}:"]
        for group in computed.groups:
            alloc = group.allocation
            exact = alloc.exact_amount(name) if name in group.key.recipients else Fraction(0)
            text.append(
                f"  {group.label}: {self._describe_key(group.split, group.key, name)} of "
                f"{group.amount} ({', '.join(group.lines)}) = {_fmt_euros(exact)}"
            )
        extra = split.extra_units(name)
        extra_text = (
            f", +{extra} unit of {self.rounding.unit} for a largest remainder" if extra else ""
        )
        text.append(
            f"  together {_fmt_euros(figures.exact)} unrounded, rounded once ({rounding}"
            f"{extra_text}) -> {split[name]}"
        )
        for offset, alloc in computed.offsets:
            cited = f" (source: {offset.source})" if offset.source else ""
            text.append(
                f"  offset {offset.name}: "
                f"{self._describe_key(offset.split, alloc.key, name)} of {offset.amount} "
                f"= {_fmt_euros(alloc.exact_amount(name))} ({rounding}) -> -{alloc[name]}{cited}"
            )
        if computed.offsets:
            text.append(f"  net {figures.net}")
        return tuple(text)

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
        if not isinstance(shortfall, PartnerShortfall):
            msg = (
                f"'shortfall' must be PartnerShortfall.MUNICIPALITIES_PAY or "
                f"PartnerShortfall.KEEP_PERCENTAGES (got {shortfall!r})"
            )
            raise ScenarioError(msg)
        known = list(dict.fromkeys(p for line in self.lines for p in line.partners))
        if partners is None:
            dropped = set(known)
        else:
            if isinstance(partners, str):
                partners = [partners]
            dropped = set(partners)
            for partner in sorted(dropped):
                if partner not in known:
                    raise _unknown(partner, what="partner", known=known)
        new_lines = []
        for figures in self._computed.lines:
            new_lines.append(_without(figures, dropped, shortfall))
        who = "partners" if partners is None else ", ".join(sorted(dropped))
        if name is None:
            what = (
                "the municipalities make up the difference"
                if shortfall is PartnerShortfall.MUNICIPALITIES_PAY
                else "the municipalities keep their percentages, so less work is done"
            )
            name = f"{self.name}; {who} do not pay, {what}"
        return attrs.evolve(self, name=name, lines=tuple(new_lines))

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
        _check_money(self, attrs.fields(CostLine).annual, award)
        weights = {line.name: line.annual.cents for line in self.lines}
        if not any(weights.values()):
            msg = (
                f"cannot scale {self.name!r} to an award of {award}: its lines' annual "
                f"amounts are all zero, so there is no proportion to keep"
            )
            raise ScenarioError(msg)
        split = allocate(award, ProRata(weights), rounding=self.line_rounding)
        cited = f" ({source})" if source else ""
        new_lines = []
        for line in self.lines:
            share = split.exact_share(line.name)
            derivation = (
                f"{_fmt_share(share)} of the award {award}{cited}, in proportion to the "
                f"line's {line.annual} of {self.annual_total}; "
                f"{self.line_rounding.describe()}"
                + (
                    f", +{split.extra_units(line.name)} unit for a largest remainder"
                    if split.extra_units(line.name)
                    else ""
                )
            )
            new_lines.append(
                attrs.evolve(line, annual=split[line.name], derivation=derivation)
            )
        if name is None:
            name = f"{self.name}, on the award of {_fmt(award)} a year"
        return attrs.evolve(self, name=name, lines=tuple(new_lines))

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
        out += self._reference_dates()
        for member in self._computed.members:
            out += member.explain()
        out.append(self._residue_sentence())
        return tuple(out)

    def _reference_dates(self) -> list[str]:
        references = sorted(
            {
                (
                    m.inhabitants.reference_date.isoformat()
                    if m.inhabitants.reference_date
                    else "not stated"
                )
                + (f" ({m.inhabitants.source})" if m.inhabitants.source else "")
                for m in self.members
                if m.inhabitants is not None
            }
        )
        if not references:
            return []
        return [f"Reference date of the inhabitant counts: {'; '.join(references)}."]

    def _residue_sentence(self) -> str:
        split = self._computed.municipal_split
        if split.residue.is_zero():
            return (
                f"The members' parts add up to the municipal {split.target} "
                f"({self.rounding.describe()})."
            )
        return (
            f"The members' parts add up to {split.total}, not the municipal {split.target}: "
            f"a residue of {split.residue} that the rounding ({self.rounding.describe()}) "
            f"leaves {'undivided' if split.residue.cents > 0 else 'over-allocated'}."
        )

    def to_rows(self) -> list[dict[str, object]]:
        """
        Every figure as a plain row (scenario, section, name, figure,
        amount), ready for ``pandas.DataFrame(rows)``.

        >>> from izafunding.examples import ijssel_vecht
        >>> ijssel_vecht.scenario().to_rows()[3]["amount"]
        Decimal('150000.00')
        """
        return [
            {
                "scenario": self.name,
                "section": f.section,
                "name": f.name,
                "figure": f.figure,
                "amount": f.amount.amount,
            }
            for f in self.figures()
        ]

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
        return "\n".join(_table(self._line_table()))

    def render_members(self) -> str:
        """The split over the members as a text table, with the residue and reference dates."""
        return "\n".join(
            [
                self._split_caption(),
                *_table(self._member_table()),
                self._residue_sentence(),
                *self._reference_dates(),
            ]
        )

    def _split_caption(self) -> str:
        groups = self._computed.groups
        parts = [f"{', '.join(g.lines)} ({_fmt(g.amount)}) {g.label}" for g in groups]
        return (
            f"The municipal part {_fmt(self.municipal_total)} over the {len(self.members)} "
            f"members: {'; '.join(parts)}; {self.rounding.describe()}."
        )

    def _line_table(self) -> list[list[str]]:
        partners = list(self.partner_totals())
        head = [
            "cost line",
            "a year",
            f"in {self.period}",
            "reductions",
            "cost",
            MUNICIPALITIES,
            "",
            *[x for p in partners for x in (p, "")],
        ]
        rows = [head]
        for f in self._computed.lines:
            parts = f.partner_parts()
            cells = [
                f.name,
                _fmt(f.line.annual),
                _fmt(f.prorated),
                _fmt(-f.reductions) if not f.reductions.is_zero() else "-",
                _fmt(f.cost),
                _fmt(f.municipal),
                _fmt_share(f.line.municipal_share),
            ]
            for p in partners:
                if p in parts:
                    cells += [_fmt(parts[p]), _fmt_share(f.line.shares.share(p))]
                else:
                    cells += ["-", ""]
            rows.append(cells)
        totals = self.partner_totals()
        rows.append(
            [
                "total",
                _fmt(self.annual_total),
                _fmt(self.prorated_total),
                _fmt(-self.reductions_total),
                _fmt(self.total),
                _fmt(self.municipal_total),
                "",
                *[x for p in partners for x in (_fmt(totals[p]), "")],
            ]
        )
        return rows

    def _member_table(self) -> list[list[str]]:
        groups = self._computed.groups
        offsets = self._computed.offsets
        has_inhabitants = all(m.inhabitants is not None for m in self.members)
        head = [
            "municipality",
            *(["inhabitants"] if has_inhabitants else []),
            *[f"{g.label} {_fmt(g.amount)}" for g in groups],
            "pays",
            *[o.name for o, _ in offsets],
            *(["net"] if offsets else []),
        ]
        rows = [head]
        for member, figures in zip(self.members, self._computed.members, strict=True):
            counts = (
                [_fmt_number(Fraction(member.inhabitants.count))]
                if has_inhabitants and member.inhabitants
                else []
            )
            rows.append(
                [
                    member.name,
                    *counts,
                    *[_fmt(amount) for _, amount in figures.columns],
                    _fmt(figures.pays),
                    *[_fmt(-amount) for _, amount in figures.offsets],
                    *([_fmt(figures.net)] if offsets else []),
                ]
            )
        split = self._computed.municipal_split
        offsets_sum = sum((a.total for _, a in offsets), Money.zero())
        offsets_target = sum((a.target for _, a in offsets), Money.zero())
        pad = [""] if has_inhabitants else []
        rows.append(
            [
                "sum of parts",
                *pad,
                *[_fmt(g.allocation.total) for g in groups],
                _fmt(split.total),
                *[_fmt(-a.total) for _, a in offsets],
                *([_fmt(split.total - offsets_sum)] if offsets else []),
            ]
        )
        rows.append(
            [
                "to divide",
                *pad,
                *[_fmt(g.amount) for g in groups],
                _fmt(split.target),
                *[_fmt(-a.target) for _, a in offsets],
                *([_fmt(split.target - offsets_target)] if offsets else []),
            ]
        )
        rows.append(
            [
                "residue",
                *pad,
                *[_fmt(g.allocation.residue) for g in groups],
                _fmt(split.residue),
                *[_fmt(-a.residue) for _, a in offsets],
                *(
                    [_fmt(split.residue - sum((a.residue for _, a in offsets), Money.zero()))]
                    if offsets
                    else []
                ),
            ]
        )
        return rows

    def _repr_html_(self) -> str:
        esc = html.escape
        return (
            f"<div class='izafunding-scenario'><h4>{esc(self.name)} ({esc(str(self.period))})</h4>"
            + (f"<p>Source: {esc(self.source)}</p>" if self.source else "")
            + _html_table(self._line_table(), footer_rows=1)
            + f"<p>{esc(self._split_caption())}</p>"
            + _html_table(self._member_table(), footer_rows=3)
            + f"<p>{esc(self._residue_sentence())}</p></div>"
        )

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
        """The scenario as JSON-safe data; ``Scenario.from_dict`` reads it back equal."""
        from .._files.dicts import scenario_to_dict

        return scenario_to_dict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Scenario:
        """The scenario of :meth:`to_dict`'s data; malformed data raises an ``InputFileError``."""
        from .._files.dicts import scenario_from_dict

        return scenario_from_dict(data)


def _without(figures: LineFigures, dropped: set[str], shortfall: PartnerShortfall) -> CostLine:
    """A cost line in which the *dropped* partners pay nothing."""
    line = figures.line
    present = [p for p in line.partners if p in dropped]
    gone = sum((line.shares.share(p) for p in present), Fraction(0))
    if gone == 0:
        return line
    # The partners who do not pay keep a share of zero, so they still show.
    remaining = [
        (str(r), line.shares.share(r)) for r in line.shares.recipients if r not in dropped
    ]
    zeros = {p: Fraction(0) for p in present}
    who = ", ".join(present)
    if shortfall is PartnerShortfall.MUNICIPALITIES_PAY:
        shares = {r: s + gone if r == MUNICIPALITIES else s for r, s in remaining}
        return attrs.evolve(line, shares={**shares, **zeros})
    parts = figures.partner_parts()
    amount = sum((parts[p] for p in present), Money.zero())
    reduction = Reduction(
        amount=amount,
        reason=(
            f"{who} do not pay their {_fmt_share(gone)} and the others keep their "
            f"percentages, so this part of the work is not done"
        ),
    )
    if gone == 1:
        shares = {MUNICIPALITIES: Fraction(1)}
    else:
        shares = {r: s / (1 - gone) for r, s in remaining}
    return attrs.evolve(
        line, reductions=(*line.reductions, reduction), shares={**shares, **zeros}
    )


def _group_rank(split: Split, order: list[Split]) -> tuple[int, int]:
    """Equal first, then by inhabitants, then other keys in the order of the lines."""
    if split is MemberSplit.EQUAL:
        return (0, 0)
    if split is MemberSplit.INHABITANTS:
        return (1, 0)
    return (2, order.index(split))


def _check_unique(names: Sequence[str], what: str) -> None:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            msg = f"the {what} {name!r} appears twice; each {what} may appear once"
            raise ScenarioError(msg)
        seen.add(name)


def _unknown(name: object, *, what: str, known: Sequence[str]) -> UnknownNameError:
    hint = did_you_mean(str(name), list(known))
    msg = f"no {what} called {name!r} (known: {', '.join(known) or 'none'}){hint}"
    return UnknownNameError(msg)


# -- text and HTML tables ------------------------------------------------------------


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

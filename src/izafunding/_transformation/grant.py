"""Transformation grants: SPUK transformatiemiddelen tied to a milestone schedule."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import final

import attrs

from .._core.money import Money
from .._core.validators import non_empty_text
from .._schemes.grants import FrozenMap, Grant
from .._schemes.rules import CapReading, DeterminationKind
from .._schemes.scheme import Scheme
from ..errors import MilestoneError, SchemeError
from ..schemes import SPUK_TRANSFORMATION
from .grant_settlement import _UITVOERING, PartnerLine, TransformationSettlement
from .milestones import SEED_002, Milestone, MilestoneKind
from .schedule import MilestoneSchedule


__all__ = [
    "LateAccounting",
    "PartnerLine",
    "PassThrough",
    "TransformationGrant",
    "TransformationSettlement",
]


def _check_year(instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2200:
        msg = f"'{attribute.name}' must be a year such as 2025 (got {value!r})"
        raise SchemeError(msg)


_check_text = non_empty_text()


@final
@attrs.frozen(kw_only=True)
class LateAccounting:
    """
    Costs of one year accounted in the SiSa of a later book year (*kosten
    verantwoorden in een later boekjaar*).

    Zutphen: "Kosten die Perspectief heeft gemaakt in 2024 mogen worden
    verantwoord in de SISA-verantwoording in boekjaar 2025" (seed 002,
    Uitvoering).

    >>> LateAccounting(cost_year=2024, book_year=2025).describe()
    'costs of 2024 are accounted in the SiSa of book year 2025'
    """

    cost_year: int = attrs.field(validator=_check_year)
    book_year: int = attrs.field(validator=_check_year)
    source: str = attrs.field(default=_UITVOERING, validator=_check_text)

    def __attrs_post_init__(self) -> None:
        if self.book_year <= self.cost_year:
            msg = (
                f"'book_year' must come after 'cost_year' (got costs of {self.cost_year} in "
                f"book year {self.book_year})"
            )
            raise SchemeError(msg)

    def describe(self) -> str:
        """In words."""
        return f"costs of {self.cost_year} are accounted in the SiSa of book year {self.book_year}"


def _requirements(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        msg = f"'requirements' must be a tuple of texts, such as ({value!r},) (got {value!r})"
        raise SchemeError(msg)
    out = tuple(value)
    for r in out:
        if not isinstance(r, str) or not r.strip():
            msg = f"'requirements' must hold non-empty texts (got {r!r})"
            raise SchemeError(msg)
    return out


@final
@attrs.frozen(kw_only=True)
class PassThrough:
    """
    A pass-through subsidy (*doorgeefsubsidie*): the municipality grants the
    SPUK money yearly, at most the year's instalment, as a subsidy to the
    executing partner, with its own accountability requirements, and sets it
    yearly from the milestones reached.

    Zutphen: "maximaal het bedrag van de te ontvangen SPUK jaarlijks als
    subsidie te verlenen aan Stichting Perspectief" (Besluit 3); "jaarlijks een
    subsidie inclusief verantwoordingseisen, zoals het verbod op
    dubbelfinanciering"; "van behaalde mijlpalen stellen we jaarlijks het
    verleende subsidiebedrag vast" (Uitvoering).

    >>> PassThrough(partner="Stichting Perspectief").requirements
    ('no double financing (verbod op dubbelfinanciering)',)

    Attributes:
        partner: The organisation that receives the subsidy.

        requirements: Its accountability requirements (*verantwoordingseisen*).

        source: Where the arrangement is agreed.
    """

    partner: str = attrs.field(validator=_check_text)
    requirements: tuple[str, ...] = attrs.field(
        default=("no double financing (verbod op dubbelfinanciering)",), converter=_requirements
    )
    source: str = attrs.field(default=f"{SEED_002}, Besluit 3 and Uitvoering", validator=_check_text)


def _check_scheme(instance: object, attribute: attrs.Attribute[Scheme], value: object) -> None:
    if not isinstance(value, Scheme):
        msg = f"'scheme' must be a Scheme such as izafunding.schemes.SPUK_TRANSFORMATION (got {value!r})"
        raise SchemeError(msg)


def _check_schedule(instance: object, attribute: attrs.Attribute[MilestoneSchedule], value: object) -> None:
    if not isinstance(value, MilestoneSchedule):
        msg = f"'schedule' must be a MilestoneSchedule (got {value!r})"
        raise MilestoneError(msg)


def _check_cap_or_none(
    instance: object, attribute: attrs.Attribute[CapReading | None], value: object
) -> None:
    if value is not None and not isinstance(value, CapReading):
        msg = (
            f"'cap' must be CapReading.PER_MILESTONE, CapReading.TOGETHER or None (the "
            f"scheme's reading) (got {value!r})"
        )
        raise SchemeError(msg)


def _money_by_year(value: object, what: str) -> dict[int, Money]:
    if not isinstance(value, Mapping):
        msg = f"{what} must map a year to a Money, such as {{2025: Money(167587)}} (got {value!r})"
        raise SchemeError(msg)
    out: dict[int, Money] = {}
    for year, amount in value.items():
        if isinstance(year, bool) or not isinstance(year, int):
            msg = f"{what}: the key {year!r} is not a year such as 2025"
            raise SchemeError(msg)
        if not isinstance(amount, Money) or amount.cents < 0:
            msg = f"{what}[{year}] must be a Money of at least € 0,00 (got {amount!r})"
            raise SchemeError(msg)
        out[year] = amount
    return dict(sorted(out.items()))


def _check_pass_through(
    instance: object, attribute: attrs.Attribute[PassThrough | None], value: object
) -> None:
    if value is not None and not isinstance(value, PassThrough):
        msg = (
            f"'pass_through' must be PassThrough(partner=...) or None "
            f"(got {value!r}, a {type(value).__name__})"
        )
        raise SchemeError(msg)


def _late_tuple(value: Iterable[LateAccounting]) -> tuple[LateAccounting, ...]:
    if isinstance(value, LateAccounting):
        value = (value,)
    if not isinstance(value, Iterable):
        msg = f"'late_accounting' must be a sequence of LateAccounting rules (got {value!r})"
        raise SchemeError(msg)
    out = tuple(value)
    for rule in out:
        if not isinstance(rule, LateAccounting):
            msg = f"'late_accounting' must hold LateAccounting rules (got {rule!r})"
            raise SchemeError(msg)
    return out


@final
@attrs.frozen(kw_only=True)
class TransformationGrant:
    """
    A grant of SPUK transformatiemiddelen (*beschikking*): the plan's budget
    per year, paid as a 100% advance in yearly instalments (art. 7), tied to
    the milestone schedule, set definitively from the milestones reached
    (art. 10).

    Spending may move between years inside the grant period: the scheme's
    carry-over rule lets unspent money move on, so only what is unspent at
    the end of the period, or spent on milestones missed, comes back.

    >>> from izafunding.examples.zutphen import schedule
    >>> from izafunding.schemes import SPUK_TRANSFORMATION
    >>> grant = TransformationGrant(schedule=schedule(), recipient="Zutphen",
    ...                             scheme=SPUK_TRANSFORMATION.as_version("2024"))
    >>> grant.advances[2025], grant.total
    (Money('167587.00'), Money('341840.00'))

    Attributes:
        schedule: The plan's milestones; their amounts per budget year are
            the award per year.

        recipient: The municipality that applies and receives the money.

        scheme: The scheme; default :data:`izafunding.schemes.SPUK_TRANSFORMATION`.
            It must set the amount from the milestones reached.

        pass_through: The subsidy to the executing partner, if any.

        late_accounting: Rules that move costs to a later SiSa book year.

        source: The decision or document.

        cap: How the reached milestones' amounts cap the costs (art. 10(3),
            **open**): :attr:`CapReading.PER_MILESTONE` or
            :attr:`CapReading.TOGETHER`; ``None`` (the default) takes the
            reading of the scheme's determination rule (per milestone in
            :data:`~izafunding.schemes.SPUK_TRANSFORMATION`).
    """

    schedule: MilestoneSchedule = attrs.field(validator=_check_schedule)
    recipient: str = attrs.field(validator=_check_text)
    scheme: Scheme = attrs.field(default=SPUK_TRANSFORMATION, validator=_check_scheme)
    pass_through: PassThrough | None = attrs.field(default=None, validator=_check_pass_through)
    late_accounting: tuple[LateAccounting, ...] = attrs.field(default=(), converter=_late_tuple)
    source: str = ""
    cap: CapReading | None = attrs.field(default=None, validator=_check_cap_or_none)

    def __attrs_post_init__(self) -> None:
        period = self.scheme.period
        for year in self.schedule.by_year():
            rules = self.scheme.rules_for(year)  # a year outside the period raises
            if rules.determination.kind is not DeterminationKind.MILESTONES:
                msg = (
                    f"{self.scheme.name} does not set its amounts from milestones in {year} "
                    f"({rules.determination.describe()}); a TransformationGrant needs a scheme "
                    f"such as SPUK_TRANSFORMATION"
                )
                raise SchemeError(msg)
        for m in self.schedule.milestones:
            if m.due not in period:
                msg = (
                    f"milestone {m.name!r} is due {m.due.isoformat()}, outside the grant period "
                    f"{period} of {self.scheme.name}"
                )
                raise MilestoneError(msg)
        seen: set[int] = set()
        for rule in self.late_accounting:
            for year in (rule.cost_year, rule.book_year):
                self.scheme.check_year(year)
            if rule.cost_year in seen:
                msg = f"two late-accounting rules for the costs of {rule.cost_year}; give one"
                raise SchemeError(msg)
            seen.add(rule.cost_year)

    # -- the award and its advances -------------------------------------------------

    @property
    def grant(self) -> Grant:
        """The plain :class:`~izafunding.Grant`: the budget per year as the award, advances by the scheme's rule."""
        return Grant(
            scheme=self.scheme,
            recipient=self.recipient,
            awarded=self.schedule.by_year(),
            source=self.source,
        )

    @property
    def advances(self) -> Mapping[int, Money]:
        """The advance (*voorschot*) per year: 100% of the year's budget (art. 7)."""
        advances = self.grant.advances
        assert advances is not None
        return advances

    @property
    def total(self) -> Money:
        """The total granted."""
        return self.schedule.total

    @property
    def cap_reading(self) -> CapReading:
        """The cap reading used: the grant's own, else that of the scheme's determination rule."""
        if self.cap is not None:
            return self.cap
        return self.scheme.rules_for(self.scheme.years[0]).determination.cap

    def _cap_note(self) -> str:
        """The reading used, and whether it is the default for the open question."""
        reading = self.cap_reading
        text = f"cap {reading.value}"
        rule = self.scheme.rules_for(self.scheme.years[0]).determination
        if self.cap is None and rule.open_question:
            text += (
                f" (this rests on a default for an open rule: {rule.open_question}; to settle "
                f"under the other reading, give TransformationGrant(cap=CapReading."
                f"{'TOGETHER' if reading is CapReading.PER_MILESTONE else 'PER_MILESTONE'}, ...) "
                f"or a scheme whose determination rule has that cap)"
            )
        return text

    def book_year(self, cost_year: int) -> int:
        """
        The SiSa book year in which costs of *cost_year* are accounted.

        >>> TransformationGrant(schedule=_example(), recipient="Zutphen",
        ...     late_accounting=[LateAccounting(cost_year=2024, book_year=2025)]).book_year(2024)
        2025
        """
        self.scheme.check_year(cost_year)
        for rule in self.late_accounting:
            if rule.cost_year == cost_year:
                return rule.book_year
        return cost_year

    def by_book_year(self, costs: Mapping[int, Money]) -> dict[int, Money]:
        """Costs per year they were made -> costs per SiSa book year."""
        out: dict[int, Money] = {}
        for year, amount in costs.items():
            if not isinstance(amount, Money):
                msg = f"costs[{year}] must be a Money (got {amount!r})"
                raise SchemeError(msg)
            book = self.book_year(year)
            out[book] = out.get(book, Money(0)) + amount
        return dict(sorted(out.items()))

    def subsidy_granted(self) -> dict[int, Money]:
        """
        The pass-through subsidy granted (*verleend*) per year: at most the
        year's instalment (Besluit 3), so the instalment itself.

        Raises:
            SchemeError: The grant has no pass-through partner.
        """
        if self.pass_through is None:
            msg = "this grant has no pass_through partner; give pass_through=PassThrough(partner=...)"
            raise SchemeError(msg)
        return dict(self.advances)

    # -- settlement ------------------------------------------------------------------------

    def settle(
        self,
        *,
        reached: Mapping[str, Iterable[str]],
        spent: Mapping[str, Money] | None = None,
        costs: Mapping[int, Money] | None = None,
        revenues: Mapping[int, Money] | None = None,
    ) -> TransformationSettlement:
        """
        Settle the grant (*vaststelling*, art. 10) from the outcomes.

        Args:
            reached: Milestone name -> the areas where it was reached.

            spent: Milestone name -> what was spent on it (default: the
                planned spending).

            costs: The costs per year they were made (default: each
                milestone's spending in its budget year). They are booked in
                SiSa book years (late accounting), settled year by year
                under the scheme's rules (money may move between years inside
                the period), and must add up to the spending on the
                milestones, else a finding says by how much they differ. Costs
                of a year outside the grant period are ineligible: a finding,
                not an error.

            revenues: The realised revenues per year (art. 10(3)): deducted
                from the costs in the grant period.

        The amount set definitively is what was spent on the milestones
        reached, capped by their amounts (per milestone, or together: see
        :attr:`cap`), never more than the costs in the grant period less the
        revenues, nor more than the advances; the rest of the advances is
        repaid; each bearer pays what was spent on the missed milestones it
        bears (ineligible spending, with a finding).

        >>> g = TransformationGrant(schedule=_example(), recipient="Zutphen")
        >>> s = g.settle(reached={"M1": ("A",), "R1": ("A",)}, revenues={2025: Money(200)})
        >>> s.determined, s.repayable
        (Money('1300.00'), Money('200.00'))
        >>> print(s.findings[0].message)
        set definitively over the whole period € 1.300,00 (cap per milestone: ... (this rests on a default for an open rule: ...): spent on the milestones reached, up to their amounts, € 1.500,00; costs in the grant period € 1.500,00 less revenues € 200,00 = € 1.300,00; advances € 1.500,00: € 200,00 is repayable

        The cap reading (open in art. 10(3)) is a parameter: M1 (€ 1.000)
        overspent by € 200 and R1 (€ 500) underspent by € 200 are capped
        per milestone at € 1.300, together at € 1.500:

        >>> both = {"M1": ("A",), "R1": ("A",)}
        >>> over = {"M1": Money(1200), "R1": Money(300)}
        >>> g.settle(reached=both, spent=over).determined
        Money('1300.00')
        >>> attrs.evolve(g, cap=CapReading.TOGETHER).settle(reached=both, spent=over).determined
        Money('1500.00')
        """
        if costs is not None and not isinstance(costs, Mapping):
            msg = f"costs must map a year to a Money, such as {{2025: Money(167587)}} (got {costs!r})"
            raise SchemeError(msg)
        revenue = _money_by_year(revenues if revenues is not None else {}, "revenues")
        for year in revenue:
            self.scheme.check_year(year)
        milestones = self.schedule.settle(reached=reached, spent=spent)
        if costs is None:
            planned: dict[int, Money] = {}
            for o in milestones.outcomes:
                y = o.milestone.year
                planned[y] = planned.get(y, Money(0)) + o.spent
            costs = planned
        costs = _money_by_year(costs, "costs")
        inside = {y: m for y, m in costs.items() if y in self.scheme.years}
        outside = {y: m for y, m in costs.items() if y not in self.scheme.years}
        booked = _against_advances(self.by_book_year(inside), self.advances)
        # The determination is over the whole period (art. 10): the costs given
        # are all the costs, so a later year into which money moved has none.
        years = self.grant.settle(spent=booked)
        while years.open_years:
            booked[years.open_years[0]] = Money(0)
            years = self.grant.settle(spent=booked)
        return TransformationSettlement(
            grant=self,
            milestones=milestones,
            years=years,
            costs=FrozenMap(sorted(costs.items())),
            revenues=FrozenMap(revenue),
            outside=FrozenMap(sorted(outside.items())),
        )


def _against_advances(booked: Mapping[int, Money], advances: Mapping[int, Money]) -> dict[int, Money]:
    """
    The costs per book year counted against the advances as they came: costs
    made ahead of an advance (prefinancing) count in the year whose advance
    covers them, since money may be spent "at another moment" within the
    grant period (seed 002; art. 10 sets the amount over the whole period).
    What no advance covers stays in the last year.

    >>> _against_advances({2024: Money(3000), 2025: Money(1000)},
    ...                   {2024: Money(1000), 2025: Money(2000), 2026: Money(1000)})
    {2024: Money('1000.00'), 2025: Money('2000.00'), 2026: Money('1000.00')}
    """
    given = set(booked) | set(advances)
    years = list(range(min(given), max(given) + 1)) if given else []
    out: dict[int, Money] = {}
    costs = paid = counted = 0
    for i, year in enumerate(years):
        costs += booked.get(year, Money(0)).cents
        paid += advances.get(year, Money(0)).cents
        upto = costs if i == len(years) - 1 else min(costs, paid)
        out[year] = Money.from_cents(upto - counted)
        counted = upto
    return out


def _example() -> MilestoneSchedule:
    """A tiny schedule for the docstrings."""
    return MilestoneSchedule(
        [
            Milestone(name="M1", kind=MilestoneKind.EFFORT, amount=Money(1000),
                      due=date(2024, 12, 31), areas=("A",), bearer="gemeente"),
            Milestone(name="R1", kind=MilestoneKind.RESULT, amount=Money(500),
                      due=date(2025, 12, 31), areas=("A",), bearer="zorg"),
        ]
    )

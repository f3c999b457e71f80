"""Milestones (mijlpalen) of a transformation plan, their schedule, settlement and risk."""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final, TypeAlias, TypeVar, final

import attrs

from .._core.money import Money
from .._core.names import did_you_mean
from .._core.numbers import check_number_size
from .._core.validators import non_empty_text
from .._render.formats import text_list
from ..errors import (
    FloatNotAllowedError,
    MilestoneError,
    ProbabilityError,
    UnknownNameError,
)
from .risk import exact_probability


__all__ = [
    "REGULATION",
    "SEED_002",
    "AllAreas",
    "CommonFactor",
    "Milestone",
    "MilestoneKind",
    "Probabilities",
    "ReachRule",
    "ShareOfAreas",
]

#: The seed document on milestones, their rule and who bears which risk.
SEED_002: Final = (
    "Collegevoorstel 'Aanvraag SPUK voor IZA-plan Buurt als Ecosysteem', gemeente Zutphen, "
    "zaaknummer 1047323 (2025)"
)
#: The regulation that ties the advances to milestones.
REGULATION: Final = (
    "Regeling specifieke uitkering transformatiemiddelen IZA (Stcrt. 2024, 17398, 15 May 2024)"
)


class MilestoneKind(enum.Enum):
    """
    The kind of a milestone: an effort obligation (*inspanningsmijlpaal*) or a
    result obligation (*resultaatsmijlpaal*).

    Source: Regeling specifieke uitkering transformatiemiddelen IZA (Stcrt.
    2024, 17398); seed 002, Kanttekeningen 2.1.

    >>> MilestoneKind.EFFORT, MilestoneKind.RESULT.dutch
    (MilestoneKind.EFFORT, 'resultaatsmijlpaal')
    """

    EFFORT = "effort"
    RESULT = "result"

    @property
    def dutch(self) -> str:
        """The Dutch term."""
        return "inspanningsmijlpaal" if self is MilestoneKind.EFFORT else "resultaatsmijlpaal"

    def __repr__(self) -> str:
        return f"MilestoneKind.{self.name}"


# -- validators -------------------------------------------------------------------


_check_text = non_empty_text(need="be a non-empty text such as 'M2'", error=MilestoneError)


def _check_kind(instance: object, attribute: attrs.Attribute[MilestoneKind], value: object) -> None:
    if not isinstance(value, MilestoneKind):
        msg = f"'kind' must be MilestoneKind.EFFORT or MilestoneKind.RESULT (got {value!r})"
        raise MilestoneError(msg)


def _check_date(instance: object, attribute: attrs.Attribute[date], value: object) -> None:
    if not isinstance(value, date) or isinstance(value, datetime):
        msg = f"'{attribute.name}' must be a datetime.date such as date(2025, 12, 31) (got {value!r})"
        raise MilestoneError(msg)


def _areas_converter(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        msg = (
            f"'areas' must be a tuple of area names, such as ({value!r},), not a single "
            f"text (got {value!r})"
        )
        raise MilestoneError(msg)
    if not isinstance(value, Iterable):
        msg = f"'areas' must be a tuple of area names such as ('Zuidwijken',) (got {value!r})"
        raise MilestoneError(msg)
    return tuple(value)


def _check_areas(instance: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]) -> None:
    if not value:
        msg = "'areas' must name at least one area (neighbourhood or municipality) in which the milestone must be reached"
        raise MilestoneError(msg)
    seen: set[str] = set()
    for area in value:
        if not isinstance(area, str) or not area.strip():
            msg = f"'areas' must hold non-empty names (got {area!r} in {value!r})"
            raise MilestoneError(msg)
        if area in seen:
            msg = f"'areas' names {area!r} twice (got {value!r}); each area may appear once"
            raise MilestoneError(msg)
        seen.add(area)


def _check_positive_money(instance: object, attribute: attrs.Attribute[Money], value: object) -> None:
    if not isinstance(value, Money) or value.cents <= 0:
        msg = f"'{attribute.name}' must be a positive Money such as Money(34851) (got {value!r})"
        raise MilestoneError(msg)


_ZERO: Final = Money(0)


def _check_budget_year(instance: object, attribute: attrs.Attribute[int | None], value: object) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2200):
        msg = f"'{attribute.name}' must be a year such as 2025, or None for the year it is due (got {value!r})"
        raise MilestoneError(msg)


@final
@attrs.frozen(kw_only=True)
class Milestone:
    """
    A milestone (*mijlpaal*) of a transformation plan: an amount tied to an
    effort or a result, due on a date, to be reached in every area named
    (neighbourhoods or municipalities), with one party bearing the risk of
    repaying it when it is missed.

    >>> m2 = Milestone(name="M2", kind=MilestoneKind.EFFORT, amount=Money(80000),
    ...                due=date(2025, 12, 31), areas=("Zuidwijken",), bearer="Zutphen")
    >>> m2.year, m2.spending, attrs.evolve(m2, withheld=Money(30000)).spending
    (2025, Money('80000.00'), Money('50000.00'))
    >>> Milestone(name="M2", kind=MilestoneKind.EFFORT, amount=Money(80000),
    ...           due=date(2025, 12, 31), areas="Zuidwijken", bearer="Zutphen")
    Traceback (most recent call last):
    ...
    izafunding.errors.MilestoneError: 'areas' must be a tuple of area names, such as ('Zuidwijken',), ...

    Attributes:
        name: Unique within its schedule, e.g. ``"M2"``.

        kind: Effort or result.

        amount: The part of the grant tied to the milestone.

        due: The date by which it must be reached.

        areas: Where it must be reached; the schedule's rule says whether
            every area counts (Zutphen's plan) or a share of them.

        bearer: The party that bears the risk of repaying it (Zutphen's
            plan: the care provider the result milestones, the
            municipality the effort milestones).

        budget_year: The year whose budget holds the amount; ``None`` (the
            default) for the year it is due (see :attr:`year`).

        withheld: The part of the amount the partners do not spend until it
            is known that the milestone is reached (seed 002's mitigation);
            default nothing. What is spent before, :attr:`spending`, is the
            money at risk.

        description: What the milestone is about.
    """

    name: str = attrs.field(validator=_check_text)
    kind: MilestoneKind = attrs.field(validator=_check_kind)
    amount: Money = attrs.field(validator=_check_positive_money)
    due: date = attrs.field(validator=_check_date)
    areas: tuple[str, ...] = attrs.field(converter=_areas_converter, validator=_check_areas)
    bearer: str = attrs.field(validator=_check_text)
    budget_year: int | None = attrs.field(default=None, validator=_check_budget_year)
    withheld: Money = _ZERO
    description: str = ""

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.withheld, Money) or not Money(0) <= self.withheld <= self.amount:
            msg = (
                f"milestone {self.name!r}: 'withheld' must be a Money from € 0,00 to its amount "
                f"{self.amount} (got {self.withheld!r})"
            )
            raise MilestoneError(msg)

    @property
    def year(self) -> int:
        """The budget year: *budget_year* if given, else the year it is due."""
        return self.due.year if self.budget_year is None else self.budget_year

    @property
    def spending(self) -> Money:
        """What is spent before it is known whether it is reached: the money at risk."""
        return self.amount - self.withheld

    def to_dict(self) -> dict[str, Any]:
        """The milestone as JSON-safe data; ``Milestone.from_dict`` reads it back equal."""
        from .._files.dicts import milestone_to_dict

        return milestone_to_dict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Milestone:
        """The milestone of :meth:`to_dict`'s data; malformed data raises an ``InputFileError``."""
        from .._files.dicts import milestone_from_dict

        return milestone_from_dict(data)


# -- when a milestone counts as reached: the plan's rule -----------------------------------


@final
@attrs.frozen
class AllAreas:
    """
    A milestone counts as reached only when it is reached in every one of its
    areas: Zutphen's plan ("in alle deelnemende buurten"). It is the plan's
    choice, not a rule of the scheme.

    >>> AllAreas().is_reached({"Zuidwijken"}, ("Zuidwijken", "Noordveen"))
    False
    >>> AllAreas().chance([Fraction(9, 10), Fraction(1, 2)])
    Fraction(9, 20)
    """

    source: str = f"{SEED_002}, Kanttekeningen 2.1"

    def is_reached(self, reached_in: Iterable[str], areas: Sequence[str]) -> bool:
        """Whether the milestone counts as reached, given where it was reached."""
        done = set(reached_in)
        return all(a in done for a in areas)

    def chance(self, chances: Sequence[Fraction]) -> Fraction:
        """The probability it counts as reached, given independent chances per area."""
        return math.prod(chances, start=Fraction(1))

    def describe(self) -> str:
        """In words."""
        return "a milestone counts only when reached in all its areas"


def _check_share(instance: object, attribute: attrs.Attribute[Fraction], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, (Fraction, int, Decimal)) or not 0 < value <= 1:
        msg = f"'share' must be an exact fraction above 0 and at most 1, such as Fraction(4, 5) (got {value!r})"
        raise MilestoneError(msg)


def _to_share(value: object) -> Fraction:
    if isinstance(value, float):
        msg = f"'share' must not be a float (got {value!r}); use Fraction(1, 2) or Decimal('0.5')"
        raise FloatNotAllowedError(msg)
    if isinstance(value, bool) or not isinstance(value, (int, Fraction, Decimal)):
        msg = f"'share' must be an exact fraction such as Fraction(4, 5) (got {value!r})"
        raise MilestoneError(msg)
    if isinstance(value, Decimal) and not value.is_finite():
        msg = f"'share' must be a finite fraction above 0 and at most 1 (got {value!r})"
        raise MilestoneError(msg)
    check_number_size(value, "'share'", MilestoneError)
    return Fraction(value)


@final
@attrs.frozen
class ShareOfAreas:
    """
    A milestone counts as reached when it is reached in at least *share* of
    its areas (rounded up to whole areas): a plan's alternative to
    :class:`AllAreas`.

    >>> rule = ShareOfAreas(Fraction(2, 3))
    >>> rule.needed(3), rule.is_reached({"a", "b"}, ("a", "b", "c"))
    (2, True)
    >>> rule.chance([Fraction(1, 2)] * 3)
    Fraction(1, 2)
    """

    share: Fraction = attrs.field(converter=_to_share, validator=_check_share)
    source: str = "the transformation plan's own rule (the regulation leaves it to the plan)"

    def needed(self, areas: int) -> int:
        """How many of *areas* areas must be reached."""
        return math.ceil(self.share * areas)

    def is_reached(self, reached_in: Iterable[str], areas: Sequence[str]) -> bool:
        """Whether the milestone counts as reached, given where it was reached."""
        done = set(reached_in)
        return sum(a in done for a in areas) >= self.needed(len(areas))

    def chance(self, chances: Sequence[Fraction]) -> Fraction:
        """The exact probability of reaching enough areas (independent areas)."""
        counts = [Fraction(1)]  # counts[k]: P(k areas reached so far)
        for p in chances:
            nxt = [Fraction(0)] * (len(counts) + 1)
            for k, q in enumerate(counts):
                nxt[k] += q * (1 - p)
                nxt[k + 1] += q * p
            counts = nxt
        return sum(counts[self.needed(len(chances)) :], Fraction(0))

    def describe(self) -> str:
        """In words."""
        return f"a milestone counts when reached in at least {self.share} of its areas"


ReachRule: TypeAlias = AllAreas | ShareOfAreas

#: The most work (milestones x scenarios x areas^3) a share-of-areas rule may need: its
#: exact chance sums over every count of areas reached, a few seconds at this size.
MAX_SHARE_WORK: Final = 50_000_000

#: An exact chance: a ``Fraction``, ``Decimal`` or int from 0 to 1.
Chance: TypeAlias = Fraction | Decimal | int
#: Chances of being reached: ``(milestone, area) -> probability``, or
#: ``milestone -> probability`` for the same chance in each of its areas.
Probabilities: TypeAlias = (
    Mapping[tuple[str, str], Chance] | Mapping[str, Chance] | Mapping[str | tuple[str, str], Chance]
)


def _scenarios_converter(value: object) -> tuple[tuple[str, Fraction, tuple[tuple[object, Fraction], ...]], ...]:
    if not isinstance(value, Mapping) or not value:
        msg = (
            "CommonFactor needs a mapping of scenario name -> (weight, probabilities), such as "
            "{'plan works': (Fraction(3, 4), good), 'setback': (Fraction(1, 4), bad)} "
            f"(got {value!r})"
        )
        raise ProbabilityError(msg)
    out = []
    for name, pair in value.items():
        if not (isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[1], Mapping)):
            msg = f"scenario {name!r} must be a pair (weight, probabilities) (got {pair!r})"
            raise ProbabilityError(msg)
        weight = exact_probability(pair[0], what=f"the weight of scenario {name!r}")
        for key in pair[1]:
            _check_hashable(key, f"scenario {name!r}: the key")
        chances = tuple(
            (key, exact_probability(p, what=f"scenario {name!r}: the chance of {key!r}"))
            for key, p in pair[1].items()
        )
        out.append((str(name), weight, chances))
    total = sum((w for _, w, _ in out), Fraction(0))
    if total != 1:
        msg = f"the scenario weights must sum to exactly 1 (got {total})"
        raise ProbabilityError(msg)
    return tuple(out)


@final
@attrs.frozen
class CommonFactor:
    """
    Chances that share a common factor: a mixture of scenarios (say, the
    national programme goes well or not), each with its weight and its own
    chances; given the scenario, milestones and areas are independent.

    Milestones then miss together more often than independent chances say,
    which fattens the tail of the repayment distribution.

    >>> factor = CommonFactor({"goes well": (Fraction(3, 4), {"M1": Fraction(9, 10)}),
    ...                        "setback": (Fraction(1, 4), {"M1": Fraction(1, 2)})})
    >>> [name for name, _, _ in factor.scenarios]
    ['goes well', 'setback']

    Attributes:
        scenarios: ``(name, weight, chances)`` per scenario; the weights sum
            to exactly 1; *chances* as for independent probabilities.
    """

    scenarios: tuple[tuple[str, Fraction, tuple[tuple[object, Fraction], ...]], ...] = attrs.field(
        converter=_scenarios_converter
    )


def _check_hashable(key: object, what: str) -> None:
    try:
        hash(key)
    except TypeError:
        msg = f"{what} {key!r} must be hashable, such as a year, a name or a (name, area) pair"
        raise MilestoneError(msg) from None


_K = TypeVar("_K")


def _sum_by(pairs: Iterable[tuple[_K, Money]], *, sort: bool = False) -> dict[_K, Money]:
    out: dict[_K, Money] = {}
    for key, amount in pairs:
        out[key] = out.get(key, Money(0)) + amount
    if sort:
        return {k: out[k] for k in sorted(out, key=str)}
    return out


def _mismatches(actual: Mapping[_K, Money], planned: Mapping[_K, Money], what: str) -> list[str]:
    problems = []
    for key in dict.fromkeys([*planned, *actual]):
        have, want = actual.get(key, Money(0)), planned.get(key, Money(0))
        if have != want:
            problems.append(f"{key}: milestones {have}, {what} {want} (difference {have - want})")
    return problems


def _unknown_milestone(name: object, known: Sequence[str]) -> UnknownNameError:
    hint = did_you_mean(str(name), list(known))
    msg = f"{name!r} is not a milestone of this schedule (milestones: {', '.join(known)}){hint}"
    return UnknownNameError(msg)


def _unknown_area(name: str, area: object, areas: Sequence[str]) -> UnknownNameError:
    hint = did_you_mean(str(area), list(areas))
    msg = f"milestone {name!r} has no area {area!r} (its areas: {text_list(areas)}){hint}"
    return UnknownNameError(msg)

"""The chances a user gives a schedule, read: a chance per (milestone, area) or per milestone, or
the scenarios of a common factor, into the exact chance that each milestone counts as reached
under the schedule's rule, per scenario."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..errors import DistributionTooLargeError, ProbabilityError
from .milestones import MAX_SHARE_WORK, CommonFactor, Probabilities, ShareOfAreas, _unknown_area
from .risk import exact_probability


if TYPE_CHECKING:
    from .schedule import MilestoneSchedule


__all__ = ["check_share_work", "milestone_chances", "scenario_chances"]


def check_share_work(schedule: MilestoneSchedule, probabilities: object) -> None:
    """Refuse up front a share-of-areas computation too large to finish in seconds."""
    if not isinstance(schedule.rule, ShareOfAreas):
        return
    scenarios = len(probabilities.scenarios) if isinstance(probabilities, CommonFactor) else 1
    work = scenarios * sum(len(m.areas) ** 3 for m in schedule.milestones)
    if work > MAX_SHARE_WORK:
        largest = max(len(m.areas) for m in schedule.milestones)
        msg = (
            f"the share-of-areas rule would need about {work:_} steps of exact arithmetic "
            f"({len(schedule.milestones)} milestones with up to {largest:_} areas, "
            f"{scenarios} scenario{'s' if scenarios != 1 else ''}; the work grows as the cube "
            f"of the areas): more than the {MAX_SHARE_WORK:_} izafunding computes (a few "
            f"seconds); group the areas into fewer, or use the all-areas rule"
        )
        raise DistributionTooLargeError(msg, work, MAX_SHARE_WORK)


def scenario_chances(
    schedule: MilestoneSchedule, probabilities: Probabilities | CommonFactor
) -> tuple[tuple[str, ...], tuple[Fraction, ...], list[dict[str, Fraction]]]:
    """The scenarios' names (none without a common factor), their weights, and in each the chance
    of each milestone."""
    check_share_work(schedule, probabilities)
    if isinstance(probabilities, CommonFactor):
        names = tuple(n for n, _, _ in probabilities.scenarios)
        weights = tuple(w for _, w, _ in probabilities.scenarios)
        per = [milestone_chances(schedule, dict(c), scenario=n) for n, _, c in probabilities.scenarios]
        return names, weights, per
    if not isinstance(probabilities, Mapping):
        msg = (
            "probabilities must map (milestone, area) to an exact chance, such as "
            f"{{('M2', 'Zuidwijken'): Fraction(9, 10)}}, or be a CommonFactor (got {probabilities!r})"
        )
        raise ProbabilityError(msg)
    return (), (Fraction(1),), [milestone_chances(schedule, probabilities)]


def milestone_chances(
    schedule: MilestoneSchedule, probabilities: Mapping[Any, object], scenario: str = ""
) -> dict[str, Fraction]:
    """(milestone, area) chances -> the chance each milestone counts as reached."""
    where = f"scenario {scenario!r}: " if scenario else ""
    per_area: dict[tuple[str, str], Fraction] = {}
    whole: dict[str, Fraction] = {}
    for key, value in probabilities.items():
        if isinstance(key, str):
            schedule.milestone(key)
            whole[key] = exact_probability(value, what=f"{where}the chance of {key!r}")
        elif isinstance(key, tuple) and len(key) == 2 and all(isinstance(k, str) for k in key):
            name, area = key
            m = schedule.milestone(name)
            if area not in m.areas:
                raise _unknown_area(name, area, m.areas)
            per_area[(name, area)] = exact_probability(value, what=f"{where}the chance of {key!r}")
        else:
            msg = (
                f"{where}a key of the probabilities must be (milestone, area) or a milestone's "
                f"name, such as ('M2', 'Zuidwijken') (got {key!r})"
            )
            raise ProbabilityError(msg)
    out: dict[str, Fraction] = {}
    missing = []
    for m in schedule.milestones:
        chances = []
        for area in m.areas:
            if (m.name, area) in per_area:
                if m.name in whole:
                    msg = (
                        f"{where}the chance of {m.name!r} is given both for the whole milestone "
                        f"and for ({m.name!r}, {area!r}); give one or the other"
                    )
                    raise ProbabilityError(msg)
                chances.append(per_area[(m.name, area)])
            elif m.name in whole:
                chances.append(whole[m.name])
            else:
                missing.append(f"({m.name!r}, {area!r})")
        out[m.name] = schedule.rule.chance(chances)
    if missing:
        shown = ", ".join(missing[:8]) + (f" and {len(missing) - 8} more" if len(missing) > 8 else "")
        msg = (
            f"{where}no chance given for {shown}; give every (milestone, area) a chance, "
            f"or a milestone's name for the same chance in all its areas"
        )
        raise ProbabilityError(msg)
    return out

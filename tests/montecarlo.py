"""
A Monte Carlo estimate of a milestone schedule's repayments, only to cross-check the exact
distribution of :meth:`izafunding.MilestoneSchedule.risk` (random sampling has no place in the
package: the library's answers are exact).
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Sequence
from fractions import Fraction

from izafunding import CommonFactor, MilestoneSchedule, Money
from izafunding._transformation.chances import check_share_work, milestone_chances
from izafunding._transformation.milestones import Probabilities
from izafunding._transformation.risk import exact_probability


def sample_repayments(
    schedule: MilestoneSchedule,
    probabilities: Probabilities | CommonFactor,
    *,
    samples: int,
    seed: int,
) -> dict[str, dict[Money, Fraction]]:
    """
    Estimate the repayment distribution per bearer by seeded simulation.

    Only to cross-check :meth:`MilestoneSchedule.risk` in tests: it draws
    each (milestone, area) independently (after drawing the scenario of a
    common factor), applies the schedule's rule, and counts. Every draw is
    exact (``randrange`` against the chance's numerator and denominator).
    """
    rng = random.Random(seed)
    weights: list[Fraction]
    tables: list[dict[object, object]]
    if isinstance(probabilities, CommonFactor):
        weights = [w for _, w, _ in probabilities.scenarios]
        tables = [dict(c) for _, _, c in probabilities.scenarios]
    else:
        weights, tables = [Fraction(1)], [dict(probabilities.items())]
    check_share_work(schedule, probabilities)  # the exact path's bound on the work
    # Per scenario: (milestone, area) -> chance, checked through the exact path.
    per_area = []
    for table in tables:
        milestone_chances(schedule, table)  # the exact path's checks
        chance: dict[tuple[str, str], Fraction] = {}
        for m in schedule.milestones:
            for a in m.areas:
                raw = table.get((m.name, a), table.get(m.name))
                chance[(m.name, a)] = exact_probability(raw)
        per_area.append(chance)
    wden = math.lcm(*(w.denominator for w in weights))
    cumulative = list(_accumulate([w.numerator * (wden // w.denominator) for w in weights]))
    counts: dict[str, dict[int, int]] = {b: {} for b in schedule.by_bearer()}
    for _ in range(samples):
        pick = rng.randrange(wden)
        s = next(i for i, c in enumerate(cumulative) if pick < c)
        lost: dict[str, int] = dict.fromkeys(counts, 0)
        for m in schedule.milestones:
            done = [
                a
                for a in m.areas
                if rng.randrange(per_area[s][(m.name, a)].denominator)
                < per_area[s][(m.name, a)].numerator
            ]
            if not schedule.rule.is_reached(done, m.areas):
                lost[m.bearer] += m.spending.cents
        for b, cents in lost.items():
            counts[b][cents] = counts[b].get(cents, 0) + 1
    return {
        b: {Money.from_cents(c): Fraction(n, samples) for c, n in sorted(table.items())}
        for b, table in counts.items()
    }


def _accumulate(values: Sequence[int]) -> Iterable[int]:
    total = 0
    for v in values:
        total += v
        yield total

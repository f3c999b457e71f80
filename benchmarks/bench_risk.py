"""
Time the exact repayment risk of a schedule of 24 milestones with two bearers (12 each, all
amounts distinct: 4.096 possible repayments per bearer) over 10 areas, and print the figure
(target: under 50 ms). Also prints the time to hand out every probability as a reduced
``Fraction`` (the distribution is computed exactly as integer numerators over one common
denominator; building 8.192 reduced fractions of ~600-bit integers is extra), and that the
expected value and worst case of 2.000 milestones stay instant.

Run: ``.venv/bin/python benchmarks/bench_risk.py``
"""

from __future__ import annotations

import time
from datetime import date
from fractions import Fraction

from izafunding import Milestone, MilestoneKind, MilestoneSchedule, Money


AREAS = tuple(f"Wijk {i + 1}" for i in range(10))


def schedule() -> MilestoneSchedule:
    """24 milestones, 12 per bearer; amounts 1.000·2^i euros plus a few cents: every subset sum distinct."""
    milestones = []
    for b, (bearer, kind) in enumerate((("gemeente", MilestoneKind.EFFORT), ("zorgaanbieder", MilestoneKind.RESULT))):
        for i in range(12):
            milestones.append(
                Milestone(
                    name=f"{kind.value[0].upper()}{i + 1}",
                    kind=kind,
                    amount=Money.from_cents(100_000 * 2**i + 137 * i + 3 * b),
                    due=date(2024 + i % 4, 12, 31),
                    areas=AREAS,
                    bearer=bearer,
                )
            )
    return MilestoneSchedule(milestones)


def chances(s: MilestoneSchedule) -> dict[str | tuple[str, str], Fraction]:
    """A chance per milestone and area: 90% to 99%, varying (exact fractions)."""
    return {
        (m.name, a): Fraction(90 + (i + j) % 10, 100)
        for i, m in enumerate(s.milestones)
        for j, a in enumerate(AREAS)
    }


def run_once(s: MilestoneSchedule, probabilities: dict[str | tuple[str, str], Fraction]) -> tuple[float, float, int]:
    """One full run: the risk per bearer, its distribution, expected value, 90% and 95%."""
    start = time.perf_counter()
    profile = s.risk(probabilities)
    outcomes = 0
    for risk in profile.values():
        outcomes += len(risk.distribution)
        figures = (risk.expected, risk.quantile(Fraction(9, 10)), risk.quantile(Fraction(19, 20)))
        assert figures[1] <= figures[2]
    computed = time.perf_counter() - start
    start = time.perf_counter()
    for risk in profile.values():
        values = list(risk.distribution.values())
        assert sum(risk.distribution.numerators) == risk.distribution.denominator
        assert len(values) == 4096
    fractions = time.perf_counter() - start
    return computed, fractions, outcomes


def main() -> None:
    """Time the runs and print the figures."""
    s = schedule()
    probabilities = chances(s)
    runs = [run_once(s, probabilities) for _ in range(9)]
    best = min(r[0] for r in runs)
    median = sorted(r[0] for r in runs)[len(runs) // 2]
    fractions = min(r[1] for r in runs)
    profile = s.risk(probabilities)
    bits = max(r.distribution.denominator.bit_length() for r in profile.values())
    print(f"exact risk, 24 milestones x 10 areas, 2 bearers, {runs[0][2]} outcomes in all:")
    print(f"  distribution + expected + 90%/95%: best {best * 1000:.1f} ms, median {median * 1000:.1f} ms (target < 50 ms)")
    print(f"  every probability as a reduced Fraction ({bits}-bit denominator): +{fractions * 1000:.1f} ms")
    big = MilestoneSchedule(
        [
            Milestone(name=f"M{i}", kind=MilestoneKind.EFFORT, amount=Money.from_cents(100_000 + i),
                      due=date(2026, 12, 31), areas=("A",), bearer="gemeente")
            for i in range(2000)
        ]
    )
    start = time.perf_counter()
    risk = big.risk({f"M{i}": Fraction(i % 9 + 1, 10) for i in range(2000)})["gemeente"]
    expected, worst = risk.expected, risk.worst_case
    elapsed = time.perf_counter() - start
    print(f"  2.000 milestones: expected {float(expected):,.2f} and worst case {worst} in {elapsed * 1000:.1f} ms "
          f"(the distribution would need up to {risk.outcome_bound():_} outcomes: refused)")


if __name__ == "__main__":
    main()

"""
Settle all 342 municipalities' SPUK GALA grants over 2023-2026 with random spending
per component (2023 and 2024: 15 components with walls; 2025 and 2026: one budget),
and print the time (target: under 1 s on this machine); then the same under the reading
that 20% of each 2024 award may also move to 2025 (a variant of the open rule, under which
2023's shifting is chosen for both years by a branch and bound: no target). The 2025 and 2026 awards are
the published ones (VWS letter of 12 September 2025, annex 2A); 2023 and 2024 are the
2025 award spread evenly over the 15 components, as no table of those years is built in.

Run: ``.venv/bin/python benchmarks/bench_settle.py``
"""

from __future__ import annotations

import random
import time
from fractions import Fraction

from izafunding import Grant, Money, data
from izafunding.schemes import GALA_COMPONENTS, SPUK_GALA, CarryOver, Scheme


#: The 2024 carry-over variant (20% of each component's award to 2025).
CARRYING_2024 = SPUK_GALA.with_rule(
    CarryOver(share=Fraction(20, 100), per_component=True, years=2024, source="a variant")
)


def cases(scheme: Scheme = SPUK_GALA) -> list[tuple[Grant, dict[int, Money | dict[str, Money]]]]:
    """One grant and random spending per municipality (deterministic)."""
    rng = random.Random(2027)
    a25, a26 = data.brede_spuk_awards(2025), data.brede_spuk_awards(2026)
    out = []
    for name in a25:
        per = Money.from_cents(a25[name].cents // len(GALA_COMPONENTS))
        walls = {c.name: per for c in GALA_COMPONENTS}
        grant = Grant(
            scheme=scheme,
            recipient=name,
            awarded={2023: walls, 2024: walls, 2025: a25[name], 2026: a26[name]},
        )

        def spend(award: Money) -> Money:
            return Money.from_cents(award.cents * rng.randint(60, 140) // 100)

        spent: dict[int, Money | dict[str, Money]] = {
            2023: {c: spend(per) for c in walls},
            2024: {c: spend(per) for c in walls},
            2025: spend(a25[name]),
            2026: spend(a26[name]),
        }
        out.append((grant, spent))
    return out


def _best_of_three(work: list[tuple[Grant, dict[int, Money | dict[str, Money]]]]) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for grant, spent in work:
            grant.settle(spent=spent)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    work = cases()
    print(
        f"settled {len(work)} GALA grants 2023-2026 in {_best_of_three(work):.3f} s (target: under 1 s)"
    )
    variant = cases(CARRYING_2024)
    print(
        f"the same under the 2024 carry-over variant: {_best_of_three(variant):.3f} s (no target)"
    )


if __name__ == "__main__":
    main()

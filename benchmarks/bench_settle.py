"""
Settle all 342 municipalities' SPUK GALA grants over 2023-2026 with random spending
per component (2023 and 2024: 15 components with walls; 2025 and 2026: one budget),
and print the time (target: under 1 s on this machine). The 2025 and 2026 awards are
the published ones (VWS letter of 12 September 2025, annex 2A); 2023 and 2024 are the
2025 award spread evenly over the 15 components, as no table of those years is built in.

Run: ``.venv/bin/python benchmarks/bench_settle.py``
"""

from __future__ import annotations

import random
import time

from izafunding import Grant, Money, data
from izafunding.schemes import GALA_COMPONENTS, SPUK_GALA


def cases() -> list[tuple[Grant, dict[int, Money | dict[str, Money]]]]:
    """One grant and random spending per municipality (deterministic)."""
    rng = random.Random(2027)
    a25, a26 = data.brede_spuk_awards(2025), data.brede_spuk_awards(2026)
    out = []
    for name in a25:
        per = Money.from_cents(a25[name].cents // len(GALA_COMPONENTS))
        walls = {c.name: per for c in GALA_COMPONENTS}
        grant = Grant(
            scheme=SPUK_GALA,
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


def main() -> None:
    work = cases()
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for grant, spent in work:
            grant.settle(spent=spent)
        best = min(best, time.perf_counter() - start)
    print(f"settled {len(work)} GALA grants 2023-2026 in {best:.3f} s (target: under 1 s)")


if __name__ == "__main__":
    main()

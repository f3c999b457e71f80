"""
Time a 342-way ProRata allocation (one part per Dutch municipality) against a
hand-written integer-cents largest-remainder loop, in the same run, and print
the ratio (target: the library within 1.5x of the hand loop). Also prints the
import time of izafunding (target: under 100 ms of its own time).

Run: ``.venv/bin/python benchmarks/bench_allocate.py``
"""

from __future__ import annotations

import random
import subprocess
import sys
import timeit

from izafunding import LargestRemainder, Money, ProRata, allocate


N = 342
TOTAL = Money(310475334)  # the 2025 GALA column sum, VWS letter of 12 September 2025


def weights() -> dict[str, int]:
    """342 municipalities with inhabitant-like weights (deterministic)."""
    rng = random.Random(342)
    return {f"Gemeente {i:03d}": rng.randint(900, 950000) for i in range(N)}


def hand_loop(total_cents: int, names: list[str], ws: list[int]) -> dict[str, int]:
    """The straightforward largest-remainder loop a careful developer writes by hand."""
    denominator = sum(ws)
    floors = []
    remainders = []
    for w in ws:
        q, r = divmod(total_cents * w, denominator)
        floors.append(q)
        remainders.append(r)
    left = total_cents - sum(floors)
    order = sorted(range(len(ws)), key=lambda i: (-remainders[i], names[i]))
    for i in order[:left]:
        floors[i] += 1
    return dict(zip(names, floors, strict=True))


def best_of(stmt: object, number: int, repeat: int = 7) -> float:
    """Best time per call in microseconds."""
    return min(timeit.repeat(stmt, number=number, repeat=repeat)) / number * 1e6  # type: ignore[arg-type]


def main() -> None:
    """Run both, check they agree, and print the figures."""
    ws = weights()
    names, values = list(ws), list(ws.values())
    key = ProRata(ws)
    rounding = LargestRemainder()
    lib = allocate(TOTAL, key, rounding=rounding)
    hand = hand_loop(TOTAL.cents, names, values)
    assert {n: m.cents for n, m in lib.items()} == hand, "library and hand loop disagree"

    number = 500
    t_hand = best_of(lambda: hand_loop(TOTAL.cents, names, values), number)
    t_lib = best_of(lambda: allocate(TOTAL, key, rounding=rounding), number)
    t_lib_read = best_of(lambda: dict(allocate(TOTAL, key, rounding=rounding)), number)
    t_key = best_of(lambda: ProRata(ws), number)
    print(f"342-way ProRata, largest remainder in cents (best of 7 x {number}):")
    print(f"  hand-written integer loop         {t_hand:8.1f} µs")
    print(f"  allocate(total, key, rounding)    {t_lib:8.1f} µs   ratio {t_lib / t_hand:.2f}x (target <= 1.5x)")
    print(f"  ... and read every part as Money  {t_lib_read:8.1f} µs   ratio {t_lib_read / t_hand:.2f}x")
    print(f"  building the ProRata key          {t_key:8.1f} µs   (validation, once per key)")

    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import izafunding"],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    own = 0
    total = 0
    for line in out.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[0].startswith("import time:") and parts[0].split(":")[1].strip().isdigit():
            self_us = int(parts[0].split(":")[1])
            name = parts[2].strip()
            if name.startswith("izafunding"):
                own += self_us
            total += self_us
    print(f"import izafunding: {own / 1000:.1f} ms own time, {total / 1000:.1f} ms with dependencies (target < 100 ms own)")


if __name__ == "__main__":
    main()

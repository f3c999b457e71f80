"""
Time the user's own path, each side by side with a hand-written baseline in one run,
and print every figure as a ratio against its target:

(a) build ``ProRata`` from a dict of 342 integer weights, ``allocate``, read every part
    as ``Money``; against a hand loop that does the same and returns ``Money``
    (target <= 1.5x);
(b) the same at 10 and 100.000 recipients, with peak memory (tracemalloc) against the
    hand loop's (targets: time no worse than (a)'s ratio at 100.000, memory <= 1.5x);
(c) a ``Composite`` (30% equal + 70% by inhabitants) over 342, the key built once and
    used 100 times: each further ``allocate`` against a hand-written composite loop
    (target <= 1.5x);
(d) settling every municipality's GALA grant and every region's SPUK-IZA grant of the
    national tables (2025), with ``explain()`` and ``to_rows()`` (target < 150 ms for
    all 384 grants);
(e) the whole-process time of ``izafunding award Zutphen`` and ``izafunding example
    ijssel-vecht-2025q1`` against ``python -c pass`` (target: award <= 5x).

Run: ``.venv/bin/python benchmarks/bench_user_path.py``  (``--quick`` for fewer repeats)
"""

from __future__ import annotations

import gc
import random
import subprocess
import sys
import time
import timeit
import tracemalloc
from collections.abc import Callable
from fractions import Fraction
from functools import partial
from typing import Any

from izafunding import Composite, Equal, Grant, LargestRemainder, Money, ProRata, allocate, data
from izafunding.schemes import SPUK_GALA, SPUK_IZA


TOTAL = Money(310475334)  # the 2025 GALA column sum, VWS letter of 12 September 2025
QUICK = "--quick" in sys.argv


def weights(n: int, seed: int = 342) -> dict[str, int]:
    """*n* recipients with inhabitant-like weights (deterministic)."""
    rng = random.Random(seed)
    return {f"Gemeente {i:06d}": rng.randint(900, 950000) for i in range(n)}


def hand_prorata(total_cents: int, ws: dict[str, int]) -> dict[object, Money]:
    """What a careful developer writes by hand: largest remainder in cents, parts as Money."""
    names = list(ws)
    values = list(ws.values())
    for v in values:  # the same validation a user would need: ints, not negative
        if type(v) is not int or v < 0:
            raise ValueError(v)
    denominator = sum(values)
    floors = []
    remainders = []
    for w in values:
        q, r = divmod(total_cents * w, denominator)
        floors.append(q)
        remainders.append(r)
    left = total_cents - sum(floors)
    order = sorted(range(len(values)), key=lambda i: (-remainders[i], names[i]))
    for i in order[:left]:
        floors[i] += 1
    return {n: Money.from_cents(c) for n, c in zip(names, floors, strict=True)}


def lib_prorata(total: Money, ws: dict[str, int]) -> dict[object, Money]:
    """The user's path through the library."""
    return dict(allocate(total, ProRata(ws), rounding=LargestRemainder()))


def hand_composite(total_cents: int, names: list[str], values: list[int], equal_share: Fraction) -> list[int]:
    """A hand-written 'x equal + (1-x) by weight' largest-remainder loop, shares precomputed per call."""
    n = len(names)
    wsum = sum(values)
    # share_i = e/n + (1-e) * w_i / wsum over the common denominator n * wsum * den(e)
    e_num, e_den = equal_share.numerator, equal_share.denominator
    den = n * wsum * e_den
    nums = [e_num * wsum + (e_den - e_num) * n * w for w in values]
    floors = []
    remainders = []
    for s in nums:
        q, r = divmod(total_cents * s, den)
        floors.append(q)
        remainders.append(r)
    left = total_cents - sum(floors)
    order = sorted(range(n), key=lambda i: (-remainders[i], names[i]))
    for i in order[:left]:
        floors[i] += 1
    return floors


def best_of(stmt: Callable[[], object], number: int, repeat: int = 5) -> float:
    """Best time per call in microseconds."""
    if QUICK:
        number, repeat = max(1, number // 5), 3
    return min(timeit.repeat(stmt, number=number, repeat=repeat)) / number * 1e6


def peak_memory(stmt: Callable[[], object]) -> int:
    """Peak bytes allocated while *stmt* runs (its result kept alive, as a user keeps it)."""
    gc.collect()
    tracemalloc.start()
    kept = stmt()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del kept
    return peak


def ratio_line(label: str, lib: float, hand: float, target: float | None, unit: str = "µs") -> str:
    r = lib / hand
    verdict = "" if target is None else ("  ok" if r <= target else "  OVER TARGET")
    goal = "" if target is None else f" (target <= {target:.1f}x)"
    return f"  {label:<44} lib {lib:10.1f} {unit}  hand {hand:10.1f} {unit}  ratio {r:5.2f}x{goal}{verdict}"


def bench_a_b() -> float:
    print("(a), (b): ProRata from a dict + allocate + read every part as Money, largest remainder in cents")
    ratio_a = 0.0
    for n, number in ((10, 2000), (342, 200), (100_000, 1)):
        ws = weights(n)
        assert lib_prorata(TOTAL, ws) == hand_prorata(TOTAL.cents, ws), "library and hand loop disagree"
        repeat = 3 if n > 1000 else 5
        t_lib = best_of(partial(lib_prorata, TOTAL, ws), number, repeat)
        t_hand = best_of(partial(hand_prorata, TOTAL.cents, ws), number, repeat)
        target = 1.5 if n == 342 else None
        print(ratio_line(f"{n} recipients", t_lib, t_hand, target))
        if n == 342:
            ratio_a = t_lib / t_hand
        if n == 100_000:
            print(f"  {'':<44} at 100.000: {t_lib / t_hand:.2f}x against (a)'s {ratio_a:.2f}x "
                  f"(target: no worse){'  ok' if t_lib / t_hand <= max(ratio_a, 1.5) else '  OVER TARGET'}")
            m_lib = peak_memory(partial(lib_prorata, TOTAL, ws))
            m_hand = peak_memory(partial(hand_prorata, TOTAL.cents, ws))
            print(ratio_line("peak memory at 100.000", m_lib / 1e6, m_hand / 1e6, 1.5, unit="MB"))
    return ratio_a


def bench_c() -> None:
    print("(c): Composite (30% equal + 70% by inhabitants) over 342, key built once, used 100 times")
    ws = weights(342)
    names, values = list(ws), list(ws.values())
    equal_share = Fraction(3, 10)
    key = Composite([(equal_share, Equal(names)), (1 - equal_share, ProRata(ws))])
    rounding = LargestRemainder()
    lib = allocate(TOTAL, key, rounding=rounding)
    hand = hand_composite(TOTAL.cents, names, values, equal_share)
    assert [lib[n].cents for n in names] == hand, "library and hand composite loop disagree"

    def lib_100() -> None:
        for _ in range(100):
            dict(allocate(TOTAL, key, rounding=rounding))

    def hand_100() -> None:
        for _ in range(100):
            cents = hand_composite(TOTAL.cents, names, values, equal_share)
            {n: Money.from_cents(c) for n, c in zip(names, cents, strict=True)}

    print(ratio_line("100 allocations with the same key", best_of(lib_100, 2, 3) / 100,
                     best_of(hand_100, 2, 3) / 100, 1.5))


def bench_d() -> None:
    print("(d): settle every municipality's GALA grant and every region's SPUK-IZA grant (2025), explain + rows")
    year = 2025
    rng = random.Random(2025)
    gala = data.brede_spuk_awards(year)
    iza = data.spuk_iza_awards(year)
    cases: list[tuple[Grant, dict[int, Any]]] = []
    for name, amount in gala.items():
        spent = Money.from_cents(amount.cents * rng.randint(70, 115) // 100)
        cases.append((Grant(scheme=SPUK_GALA, recipient=name, awarded={year: amount}), {year: spent}))
    for name, amount in iza.items():
        spent = Money.from_cents(amount.cents * rng.randint(70, 115) // 100)
        cases.append((Grant(scheme=SPUK_IZA, recipient=name, awarded={year: amount}), {year: spent}))

    def run() -> None:
        for grant, spent in cases:
            s = grant.settle(spent)
            s.explain()
            s.to_rows()

    t = best_of(run, 1, 3) / 1000
    print(f"  {len(cases)} grants settled, explained, rows      {t:8.1f} ms  (target < 150 ms)"
          f"{'  ok' if t < 150 else '  OVER TARGET'}")


def process_time(cmd: list[str], runs: int) -> float:
    """Median whole-process wall time in ms."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return times[len(times) // 2]


def bench_e() -> None:
    print("(e): whole process against `python -c pass` (median of runs)")
    runs = 5 if QUICK else 15
    cli = [sys.executable, "-m", "izafunding"]
    t_pass = process_time([sys.executable, "-c", "pass"], runs)
    t_award = process_time([*cli, "award", "Zutphen"], runs)
    t_region = process_time([*cli, "award", "Midden-IJssel"], runs)
    t_example = process_time([*cli, "example", "ijssel-vecht-2025q1"], runs)
    print(ratio_line("izafunding award Zutphen", t_award, t_pass, 5.0, unit="ms"))
    # A region (or another spelling) takes the general path: the tables as value objects.
    print(ratio_line("izafunding award Midden-IJssel", t_region, t_pass, None, unit="ms"))
    print(ratio_line("izafunding example ijssel-vecht-2025q1", t_example, t_pass, None, unit="ms"))


def main() -> None:
    """Run every benchmark and print the figures."""
    bench_a_b()
    bench_c()
    bench_d()
    bench_e()


if __name__ == "__main__":
    main()

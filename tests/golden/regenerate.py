"""
Freeze the library's output into golden files (run by hand, from the repository root):

    .venv/bin/python tests/golden/regenerate.py

It writes one file per subject and view under ``tests/golden/files/``: the text of every
registered example (``izafunding.examples``), the text of every command's pure renderer on its
template file, and, for every result type, what ``render``, ``explain``, ``_repr_html_`` and
``to_rows`` return on the worked examples. ``tests/test_golden.py`` compares the current output
with these files byte for byte, so that moving code (issue 12) provably changes no output.

Regenerate only for a deliberate change of output, and list that change in CHANGELOG.md.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from fractions import Fraction
from pathlib import Path


FILES = Path(__file__).parent / "files"

#: The views frozen for every result object, when it has them.
VIEWS = ("render", "render_lines", "render_members", "explain", "_repr_html_", "to_rows")


def _text(value: object) -> str:
    """The frozen text of a view's value: str as is, lines joined, rows one repr per line."""
    if isinstance(value, str):
        return value if value.endswith("\n") else value + "\n"
    if isinstance(value, tuple):
        return "".join(f"{line}\n" for line in value)
    if isinstance(value, list):
        return "".join(f"{row!r}\n" for row in value)
    msg = f"cannot freeze a {type(value).__name__}"
    raise TypeError(msg)


def _objects() -> Iterator[tuple[str, object]]:
    """Every result type, built from the worked examples: (subject name, object)."""
    from izafunding import HalfUpEach, LargestRemainder, Money, Period, compare, prorate
    from izafunding.examples import gala, ijssel_vecht, midden_ijssel, zutphen

    yield "allocation-ijssel-vecht-memo", ijssel_vecht.inhabitants_split(ijssel_vecht.DOCUMENT_ROUNDING)
    yield "allocation-ijssel-vecht-largest-remainder", ijssel_vecht.inhabitants_split(
        LargestRemainder(unit=Money(1))
    )
    yield "allocation-zonmw-half-up", ijssel_vecht.zonmw_split(HalfUpEach(unit=Money(1)))
    memo = ijssel_vecht.scenario()
    yield "scenario-ijssel-vecht-memo", memo
    yield "scenario-ijssel-vecht-largest-remainder", ijssel_vecht.scenario(
        LargestRemainder(unit=Money(1))
    )
    yield "comparison-memo-real-award", compare(memo, ijssel_vecht.alternatives()["real award"])
    yield "settlement-midden-ijssel-2023", midden_ijssel.settlement()
    yield "spending-plan-midden-ijssel-2023", midden_ijssel.PLAN
    yield "budget-table-gala", gala.TABLE
    schedule = zutphen.schedule()
    yield "milestone-schedule-zutphen", schedule
    reached = {n: (zutphen.AREA,) for n in schedule.names if n != "R2"}
    yield "schedule-settlement-zutphen-r2-missed", schedule.settle(reached=reached)
    yield "repayment-risk-zutphen", zutphen.risk()["Sensire"]
    yield "risk-profile-zutphen", zutphen.risk()
    yield "risk-profile-zutphen-common-factor", zutphen.risk(zutphen.common_factor())
    yield "mitigation-zutphen", schedule.mitigate(zutphen.assumed_chances(), below=Fraction(3, 5))
    yield "transformation-settlement-zutphen", zutphen.grant().settle(
        reached=reached,
        costs={2024: Money(20000), 2025: Money(150000), 2026: Money(150000), 2027: Money(21840)},
    )
    from izafunding import data
    from izafunding._schemes.overview import funding_overview
    from izafunding.examples import midden_ijssel_sisa

    yield "members-midden-ijssel-2023", midden_ijssel_sisa.settlement().members(2023)
    yield "members-midden-ijssel-2023-by-key", midden_ijssel_sisa.settlement_by_key().members(2023)
    yield "sisa-midden-ijssel-2023", midden_ijssel_sisa.sisa()
    yield "sisa-zutphen-transformation", zutphen.grant().settle(
        reached=reached,
        costs={2024: Money(20000), 2025: Money(150000), 2026: Money(150000), 2027: Money(21840)},
    ).sisa(2024)
    yield "azwa-estimates-2027-local", data.azwa_estimates(2027)
    yield "azwa-estimates-2029-regional", data.azwa_estimates(2029, "regional")
    yield "azwa-estimate-zutphen-2027", data.azwa_estimates(2027).estimate("Zutphen")
    yield "funding-overview-zutphen", funding_overview("Zutphen")
    yield "funding-overview-deventer", funding_overview("Deventer")
    yield "proration-q1-2025", prorate(
        Money(3023765), Period.quarter(2025, 1), rounding=LargestRemainder()
    )


def _commands() -> Iterator[tuple[str, Callable[[], str]]]:
    """What each command prints on its template file, and the award look-ups."""
    from izafunding import _commands
    from izafunding._files import grant as _grant_file
    from izafunding._files import scenario as _scenario_file
    from izafunding._files import schedule as _schedule_file

    yield "command-settle", lambda: _grant_file.render_settle_file(_grant_file.EXAMPLE_TOML, "grant.toml")
    yield "command-settle-explain", lambda: _grant_file.render_settle_file(
        _grant_file.EXAMPLE_TOML, "grant.toml", explain=True
    )
    yield "command-award-zutphen", lambda: _grant_file.render_award("Zutphen")
    yield "command-award-midden-ijssel-2026", lambda: _grant_file.render_award("Midden-IJssel", 2026)
    yield "command-scenario", lambda: _commands.render_scenario_file(
        _scenario_file.EXAMPLE_TOML, "scenario.toml"
    )
    yield "command-scenario-explain", lambda: _commands.render_scenario_file(
        _scenario_file.EXAMPLE_TOML, "scenario.toml", explain=True
    )
    yield "command-risk", lambda: _commands.render_risk_file(_schedule_file.RISK_TOML, "risk.toml")


def _variants() -> Iterator[tuple[str, Callable[[], str | tuple[str, ...]]]]:
    """Views called with options: the scenario explained, the comparison's differences."""
    from izafunding import compare
    from izafunding.examples import ijssel_vecht

    memo = ijssel_vecht.scenario()
    real = ijssel_vecht.alternatives()["real award"]
    yield "scenario-ijssel-vecht-memo.render-explain.txt", lambda: memo.render(explain=True)
    yield "comparison-memo-real-award.render-differences.txt", lambda: compare(memo, real).render(
        only_differences=True
    )


def outputs() -> dict[str, str]:
    """Every frozen output: file name -> text."""
    from izafunding import examples

    out: dict[str, str] = {}
    for name in examples.names():
        out[f"example-{name}.txt"] = _text(examples.render(name))
    for name, render in _commands():
        out[f"{name}.txt"] = _text(render())
    for name, make in _variants():
        out[name] = _text(make())
    for name, obj in _objects():
        for view in VIEWS:
            method = getattr(obj, view, None)
            if method is not None:
                suffix = "html" if view == "_repr_html_" else "txt"
                out[f"{name}.{view.strip('_')}.{suffix}"] = _text(method())
    return out


def main() -> int:
    """Write every golden file and remove files no longer produced."""
    FILES.mkdir(exist_ok=True)
    produced = outputs()
    for old in FILES.iterdir():
        if old.name not in produced:
            old.unlink()
    for name, text in produced.items():
        (FILES / name).write_bytes(text.encode("utf-8"))
    sys.stdout.write(f"wrote {len(produced)} golden files to {FILES}\n")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
    raise SystemExit(main())

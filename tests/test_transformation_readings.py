"""
The art. 10 readings as parameters (issue 10, item 3): realised revenues deducted from the
costs; the cap per milestone (default) or over the reached milestones together, chosen on
the scheme or the grant and named in the explanation; costs outside the grant period or on
a milestone not reached are ineligible spending with a finding.

Rules: Regeling specifieke uitkering transformatiemiddelen IZA (Stcrt. 2024, 17398), art.
10(3): "de gerealiseerde kosten en opbrengsten ... tot ten hoogste het verleende bedrag";
whether the cap is per milestone is open (domain.md §2).
"""

from __future__ import annotations

from datetime import date

import attrs
import pytest

from izafunding import (
    FindingKind,
    Milestone,
    MilestoneKind,
    MilestoneSchedule,
    Money,
    SchemeError,
    TransformationGrant,
)
from izafunding.schemes import SPUK_TRANSFORMATION, CapReading


def _m(name: str, amount: int, year: int, bearer: str = "gemeente") -> Milestone:
    return Milestone(
        name=name,
        kind=MilestoneKind.EFFORT,
        amount=Money(amount),
        due=date(year, 12, 31),
        areas=("A",),
        bearer=bearer,
    )


def _grant(**kw: object) -> TransformationGrant:
    """M1 € 1.000 (2024), M2 € 2.000 (2025), M3 € 1.000 (2026)."""
    schedule = MilestoneSchedule([_m("M1", 1000, 2024), _m("M2", 2000, 2025), _m("M3", 1000, 2026, "zorg")])
    return TransformationGrant(schedule=schedule, recipient="gemeente", **kw)  # type: ignore[arg-type]


ALL = {"M1": ("A",), "M2": ("A",), "M3": ("A",)}
# M1 overspent by € 500, M2 underspent by € 500: costs € 4.000 in all.
UNEVEN = {"M1": Money(1500), "M2": Money(1500), "M3": Money(1000)}


class TestRevenues:
    """Realised revenues are deducted from the costs (art. 10(3))."""

    def test_deducted(self) -> None:
        """Costs € 4.000, revenues € 300 in 2025: set € 3.700, € 300 repayable."""
        s = _grant().settle(reached=ALL, revenues={2025: Money(300)})
        assert (s.revenue, s.net_costs, s.determined, s.repayable) == (
            Money(300),
            Money(3700),
            Money(3700),
            Money(300),
        )
        assert sum((f.repayable for f in s.findings), Money(0)) == s.repayable
        text = "\n".join(s.explain())
        assert "Revenues deducted from the costs (art. 10(3)): 2025 € 300,00" in text
        assert "less revenues € 300,00 = € 3.700,00" in s.findings[0].message

    def test_revenues_offset_an_overspend_first(self) -> None:
        """Costs above the milestones' amounts absorb revenues before the determination drops."""
        spent = {"M1": Money(1200), "M2": Money(2000), "M3": Money(1000)}
        s = _grant().settle(reached=ALL, spent=spent, costs={2024: Money(1200), 2025: Money(2000), 2026: Money(1000)},
                            revenues={2026: Money(100)})
        assert (s.net_costs, s.determined) == (Money(4100), Money(4000))

    @pytest.mark.parametrize(
        ("revenues", "match"),
        [
            ({"2025": Money(1)}, "the key '2025' is not a year"),
            ({2025: Money(-1)}, r"revenues\[2025\] must be a Money of at least"),
            ({2025: 100}, r"revenues\[2025\] must be a Money"),
            ({2030: Money(1)}, "no rules for 2030"),
            ([(2025, Money(1))], "revenues must map a year to a Money"),
        ],
    )
    def test_bad_revenues(self, revenues: object, match: str) -> None:
        """Bad revenues are a SchemeError naming the value."""
        with pytest.raises(SchemeError, match=match):
            _grant().settle(reached=ALL, revenues=revenues)  # type: ignore[arg-type]


class TestCapReading:
    """The cap per milestone (default) or over the reached milestones together."""

    def test_per_milestone_is_the_default(self) -> None:
        """Per milestone, M1's € 500 overspend is not covered by M2's € 500 left: set € 3.500."""
        s = _grant().settle(reached=ALL, spent=UNEVEN)
        assert s.cap is CapReading.PER_MILESTONE
        assert (s.determined, s.repayable) == (Money(3500), Money(500))
        (f,) = [f for f in s.findings if f.kind is FindingKind.DETERMINATION]
        assert "cap per milestone" in f.message
        assert "rests on a default for an open rule" in f.message
        assert "TransformationGrant(cap=CapReading.TOGETHER" in f.message
        assert any(line.startswith("Art. 10(3): cap per milestone") for line in s.explain())

    def test_together_on_the_grant(self) -> None:
        """Together, the reached milestones' € 4.000 cover the € 4.000 spent: nothing repayable."""
        s = _grant(cap=CapReading.TOGETHER).settle(reached=ALL, spent=UNEVEN)
        assert (s.cap, s.determined, s.repayable) == (CapReading.TOGETHER, Money(4000), Money(0))
        line = next(line for line in s.explain() if line.startswith("Art. 10(3)"))
        assert "over the reached milestones together" in line
        assert "default" not in line

    def test_together_on_the_scheme(self) -> None:
        """A scheme whose determination rule reads 'together' applies it; it is no default then."""
        rule = attrs.evolve(
            SPUK_TRANSFORMATION.rules_for(2024).determination,
            cap=CapReading.TOGETHER,
            open_question=None,
            source="the ministry's reading (what if)",
        )
        scheme = SPUK_TRANSFORMATION.with_rule(rule)
        s = _grant(scheme=scheme).settle(reached=ALL, spent=UNEVEN)
        assert (s.cap, s.determined) == (CapReading.TOGETHER, Money(4000))
        assert not any("rests on a default" in line for line in s.explain())

    def test_the_grant_overrides_the_scheme(self) -> None:
        """The grant's reading wins over the scheme's."""
        s = _grant(cap=CapReading.PER_MILESTONE).settle(reached=ALL, spent=UNEVEN)
        assert s.determined == Money(3500)
        assert not any("rests on a default" in f.message for f in s.findings)

    def test_together_counts_only_reached_milestones(self) -> None:
        """Together caps the reached milestones only: a missed one's spending is not eligible."""
        reached = {"M1": ("A",), "M2": ("A",)}
        s = _grant(cap=CapReading.TOGETHER).settle(reached=reached, spent=UNEVEN)
        assert (s.on_milestones, s.determined, s.repayable) == (Money(3000), Money(3000), Money(1000))

    def test_bad_cap(self) -> None:
        """A cap that is not a CapReading is refused."""
        with pytest.raises(SchemeError, match=r"'cap' must be CapReading\.PER_MILESTONE"):
            _grant(cap="together")


class TestIneligibleSpending:
    """Costs outside the period or on a milestone not reached: a finding, not an exception."""

    def test_costs_outside_the_period(self) -> None:
        """Costs of 2023 (before the 2024-2028 period) are not eligible, with a finding."""
        costs = {2023: Money(500), 2024: Money(1000), 2025: Money(2000), 2026: Money(1000)}
        s = _grant().settle(reached=ALL, costs=costs)
        (f,) = [f for f in s.findings if f.kind is FindingKind.INELIGIBLE]
        assert (f.year, f.amount, f.repayable) == (2023, Money(500), Money(0))
        assert "outside the grant period" in f.message
        assert (s.in_period, s.determined, s.repayable) == (Money(4000), Money(4000), Money(0))

    def test_costs_on_a_missed_milestone(self) -> None:
        """M3 missed with € 1.000 spent: not eligible, borne by its bearer, with a finding."""
        s = _grant().settle(reached={"M1": ("A",), "M2": ("A",)})
        (f,) = [f for f in s.findings if f.kind is FindingKind.INELIGIBLE]
        assert f.amount == Money(1000)
        assert "M3 was not reached" in f.message
        assert "zorg bears it" in f.message
        assert s.repayable == Money(1000)
        assert sum((f.repayable for f in s.findings), Money(0)) == s.repayable

    def test_bad_cost_key(self) -> None:
        """A cost year that is not an int is an error, not silently ineligible."""
        with pytest.raises(SchemeError, match="the key '2025' is not a year"):
            _grant().settle(reached=ALL, costs={"2025": Money(1)})  # type: ignore[dict-item]

"""
Findings, explain(), the year view and rows agree with the figures (issue 10, item 2).

Rules: domain.md §2. SPUK Transformatiemiddelen: the amount is set over the whole period
from the realised costs up to the amounts of the milestones reached (Regeling specifieke
uitkering transformatiemiddelen IZA, Stcrt. 2024, 17398, art. 10(3)); money not spent in
one year may be spent at another moment within the period (seed 002, Zutphen, 'De Buurt
als Ecosysteem', Uitvoering).
"""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from izafunding import (
    FindingKind,
    Grant,
    Milestone,
    MilestoneKind,
    MilestoneSchedule,
    Money,
    TransformationGrant,
    TransformationSettlement,
)
from izafunding.strategies import grants, milestone_schedules, spending


def _ahead() -> TransformationGrant:
    """Advances € 1.000 / € 2.000 / € 1.000 in 2024-2026, one milestone a year."""

    def m(name: str, amount: int, year: int) -> Milestone:
        return Milestone(
            name=name,
            kind=MilestoneKind.EFFORT,
            amount=Money(amount),
            due=date(year, 12, 31),
            areas=("A",),
            bearer="gemeente",
        )

    schedule = MilestoneSchedule([m("M1", 1000, 2024), m("M2", 2000, 2025), m("M3", 1000, 2026)])
    return TransformationGrant(schedule=schedule, recipient="gemeente")


class TestCostsAheadOfTheAdvances:
    """Costs 2024 € 3.000 and 2025 € 1.000 against advances 1.000 / 2.000 / 1.000, all reached."""

    def _settle(self) -> TransformationSettlement:
        reached = {"M1": ("A",), "M2": ("A",), "M3": ("A",)}
        return _ahead().settle(
            reached=reached, costs={2024: Money(3000), 2025: Money(1000)}
        )

    def test_nothing_is_repayable(self) -> None:
        """The determination is € 4.000 and nothing is repayable."""
        s = self._settle()
        assert (s.determined, s.repayable) == (Money(4000), Money(0))

    def test_no_finding_says_otherwise(self) -> None:
        """No finding calls the 2024 costs 'not eligible' or anything 'repayable'."""
        s = self._settle()
        assert [f.kind for f in s.findings] == [FindingKind.PREFINANCED]
        (f,) = s.findings
        assert (f.year, f.amount, f.repayable) == (2024, Money(2000), Money(0))
        assert "not eligible" not in f.message
        assert "repayable" not in f.message

    def test_year_view_and_explain_agree(self) -> None:
        """The year view repays nothing; explain and the rows say the same."""
        s = self._settle()
        assert s.years.repayable == Money(0)
        assert s.years.overspend == Money(0)
        assert [y.spent for y in s.years.years] == [Money(1000), Money(2000), Money(1000)]
        text = "\n".join(s.explain())
        assert "repayable € 2.000" not in text
        assert "not eligible" not in text
        assert "set € 4.000,00, repayable € 0,00" in text
        assert [r["repayable"] for r in s.to_rows()] == [0, 0, 0]


class TestFindingsAddUp:
    """The findings' repayable amounts add up to what the settlement repays, to the cent."""

    @settings(max_examples=80, deadline=None)
    @given(st.data())
    def test_grants(self, data: st.DataObject) -> None:
        """Every scheme, random grants, advances and spending."""
        grant: Grant = data.draw(grants())
        s = grant.settle(spent=data.draw(spending(grant)))
        assert sum((f.repayable for f in s.findings), Money(0)) == s.repayable
        assert sum((y.repayable for y in s.years), Money(0)) == s.unspent

    @settings(max_examples=60, deadline=None)
    @given(st.data())
    def test_transformation(self, data: st.DataObject) -> None:
        """Random schedules, outcomes and costs: findings and rows add up to repayable."""
        schedule = data.draw(milestone_schedules())
        grant = TransformationGrant(schedule=schedule, recipient="gemeente")
        reached = {
            m.name: tuple(a for a in m.areas if data.draw(st.booleans())) for m in schedule.milestones
        }
        years = sorted(schedule.by_year())
        costs = {
            y: Money.from_cents(data.draw(st.integers(0, 2 * schedule.by_year()[y].cents)))
            for y in years
        }
        s = grant.settle(reached=reached, costs=costs)
        assert sum((f.repayable for f in s.findings), Money(0)) == s.repayable
        rows = [r["repayable"] for r in s.to_rows()]
        assert sum((Money(str(r)) for r in rows), Money(0)) == s.repayable
        assert s.determined + s.repayable == s.paid

"""Tests for transformation grants: advances, moving money between years, pass-through, settlement."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from izafunding import (
    FindingKind,
    FundingError,
    LateAccounting,
    Milestone,
    MilestoneError,
    MilestoneKind,
    MilestoneSchedule,
    Money,
    PassThrough,
    ProbabilityError,
    SchemeError,
    ShareOfAreas,
    TransformationGrant,
)
from izafunding._transformation.risk import exact_probability
from izafunding.schemes import SPUK_IZA, SPUK_TRANSFORMATION
from izafunding.strategies import milestone_schedules


def _schedule() -> MilestoneSchedule:
    def m(name: str, amount: int, year: int, bearer: str = "gemeente") -> Milestone:
        return Milestone(
            name=name,
            kind=MilestoneKind.EFFORT if bearer == "gemeente" else MilestoneKind.RESULT,
            amount=Money(amount),
            due=date(year, 12, 31),
            areas=("A", "B"),
            bearer=bearer,
        )

    return MilestoneSchedule([m("M1", 1000, 2024), m("M2", 3000, 2025), m("R1", 500, 2026, "zorg")])


def _grant(**changes: Any) -> TransformationGrant:
    fields: dict[str, Any] = {
        "schedule": _schedule(),
        "recipient": "gemeente",
        "pass_through": PassThrough(partner="Stichting Perspectief"),
        "late_accounting": [LateAccounting(cost_year=2024, book_year=2025)],
    }
    fields.update(changes)
    return TransformationGrant(**fields)


ALL = {"M1": ("A", "B"), "M2": ("A", "B"), "R1": ("A", "B")}


class TestGrant:
    def test_advances_follow_the_budget(self) -> None:
        """The advance per year is 100% of the year's budget (art. 7)."""
        g = _grant()
        assert dict(g.advances) == {2024: Money(1000), 2025: Money(3000), 2026: Money(500)}
        assert g.total == Money(4500)
        assert g.grant.scheme is SPUK_TRANSFORMATION
        assert g.grant.paid == Money(4500)

    def test_year_outside_the_period(self) -> None:
        """A budget year outside the scheme's grant period is refused."""
        late = attrs.evolve(_schedule().milestone("R1"), due=date(2028, 6, 30))
        schedule = MilestoneSchedule([*_schedule().milestones[:2], late])
        TransformationGrant(schedule=schedule, recipient="x")  # 2028 is inside the 2026 version
        with pytest.raises(SchemeError, match="2028"):
            TransformationGrant(schedule=schedule, recipient="x", scheme=SPUK_TRANSFORMATION.as_version("2024"))

    def test_due_date_outside_the_period(self) -> None:
        """A due date after the grant period is refused even when its budget year is inside."""
        late = attrs.evolve(_schedule().milestone("R1"), due=date(2028, 1, 31), budget_year=2027)
        schedule = MilestoneSchedule([*_schedule().milestones[:2], late])
        with pytest.raises(MilestoneError, match="'R1' is due 2028-01-31, outside the grant period"):
            TransformationGrant(schedule=schedule, recipient="x", scheme=SPUK_TRANSFORMATION.as_version("2024"))

    def test_needs_a_milestone_scheme(self) -> None:
        """A scheme that does not set amounts from milestones is refused."""
        schedule = MilestoneSchedule([attrs.evolve(_schedule().milestone("M1"), due=date(2024, 6, 30))])
        with pytest.raises(SchemeError, match="does not set its amounts from milestones"):
            TransformationGrant(schedule=schedule, recipient="x", scheme=SPUK_IZA)

    @pytest.mark.parametrize(
        ("changes", "error", "match"),
        [
            ({"schedule": "plan"}, MilestoneError, "'schedule' must be a MilestoneSchedule"),
            ({"recipient": ""}, SchemeError, "'recipient'"),
            ({"scheme": "SPUK"}, SchemeError, "'scheme' must be a Scheme"),
            ({"late_accounting": ["2024->2025"]}, SchemeError, "LateAccounting rules"),
            (
                {"late_accounting": [LateAccounting(cost_year=2024, book_year=2025),
                                     LateAccounting(cost_year=2024, book_year=2026)]},
                SchemeError,
                "two late-accounting rules",
            ),
            ({"late_accounting": [LateAccounting(cost_year=2024, book_year=2030)]}, SchemeError, "2030"),
        ],
    )
    def test_bad_input(self, changes: dict[str, Any], error: type[Exception], match: str) -> None:
        """Malformed grants are refused at construction."""
        with pytest.raises(error, match=match):
            _grant(**changes)

    @pytest.mark.parametrize(
        ("fields", "match"),
        [
            ({"cost_year": 2025, "book_year": 2025}, "must come after"),
            ({"cost_year": "2024", "book_year": 2025}, "'cost_year' must be a year"),
            ({"cost_year": 2024, "book_year": 2025, "source": ""}, "'source'"),
        ],
    )
    def test_bad_late_accounting(self, fields: dict[str, Any], match: str) -> None:
        """A late-accounting rule needs years in order and a source."""
        with pytest.raises(SchemeError, match=match):
            LateAccounting(**fields)

    def test_bad_pass_through(self) -> None:
        """A pass-through needs a partner and requirements as a tuple of texts."""
        with pytest.raises(SchemeError, match="'partner'"):
            PassThrough(partner="")
        with pytest.raises(SchemeError, match="tuple of texts"):
            PassThrough(partner="P", requirements="no double financing")
        with pytest.raises(SchemeError, match="non-empty texts"):
            PassThrough(partner="P", requirements=("",))


class TestLateAccounting:
    def test_costs_of_2024_in_book_year_2025(self) -> None:
        """Costs made in 2024 are accounted in the SiSa of book year 2025."""
        g = _grant()
        assert g.book_year(2024) == 2025
        assert g.book_year(2025) == 2025
        assert g.by_book_year({2024: Money(700), 2025: Money(2000)}) == {2025: Money(2700)}
        with pytest.raises(SchemeError, match=r"SPUK Transformatiemiddelen has no rules for 2031:"):
            g.book_year(2031)
        with pytest.raises(SchemeError, match="must be a Money"):
            g.by_book_year({2024: 700})  # type: ignore[dict-item]

    def test_describe(self) -> None:
        """The rule says itself in words."""
        assert "book year 2025" in LateAccounting(cost_year=2024, book_year=2025).describe()


class TestSettle:
    def test_everything_reached_and_spent(self) -> None:
        """All milestones reached and all money spent: nothing is repaid."""
        s = _grant().settle(reached=ALL)
        assert s.determined == Money(4500)
        assert s.repayable == Money(0)
        assert s.paid == Money(4500)
        assert s.findings == ()

    def test_money_moves_between_years(self) -> None:
        """Spending later than budgeted, inside the period, is no reason to repay."""
        s = _grant().settle(reached=ALL, costs={2024: Money(0), 2025: Money(2000), 2026: Money(2500)})
        assert s.repayable == Money(0)
        assert s.years.repayable == Money(0)
        assert s.years.carried_over > Money(0)

    def test_spending_ahead_of_the_advance_is_not_repaid(self) -> None:
        """Costs made ahead of a year's advance (prefinancing) count over the whole period:
        every milestone reached and everything spent inside the period repays nothing."""
        s = _grant(late_accounting=()).settle(
            reached=ALL, costs={2024: Money(2000), 2025: Money(2000), 2026: Money(500)}
        )
        assert s.determined == Money(4500)
        assert s.repayable == Money(0)

    def test_missed_milestone_repaid_by_its_bearer(self) -> None:
        """A milestone missed in one area is repaid in full; its bearer pays what was spent."""
        s = _grant().settle(reached={"M1": ("A", "B"), "M2": ("A",), "R1": ("A", "B")})
        assert s.repayable == Money(3000)
        assert s.by_bearer == {"gemeente": Money(3000), "zorg": Money(0)}
        assert s.determined + s.repayable == s.paid

    def test_unspent_repaid(self) -> None:
        """Money never spent comes back even on reached milestones, and costs must match."""
        s = _grant().settle(reached=ALL, spent={"M2": Money(2500)}, costs={2024: Money(1000), 2025: Money(2500), 2026: Money(500)})
        assert s.determined == Money(4000)
        assert s.repayable == Money(500)
        # The findings derive from the determination: one finding makes the € 500 repayable.
        assert [f.kind for f in s.findings] == [FindingKind.DETERMINATION]
        assert s.findings[0].repayable == Money(500)
        assert s.years.repayable == Money(500)

    def test_costs_that_do_not_match_are_a_finding(self) -> None:
        """Costs per year that differ from the spending per milestone give an inconsistency finding."""
        s = _grant().settle(reached=ALL, costs={2025: Money(4000)})
        kinds = [f.kind for f in s.findings]
        assert FindingKind.INCONSISTENCY in kinds
        assert s.determined == Money(4000)  # no more than the eligible costs
        assert s.repayable == Money(500)

    def test_overspend_is_a_finding(self) -> None:
        """Spending above a milestone's amount is not covered: an overspend finding with the article."""
        s = _grant().settle(reached=ALL, spent={"M1": Money(1200)}, costs={2024: Money(1200), 2025: Money(3000), 2026: Money(500)})
        (finding,) = [f for f in s.findings if f.kind is FindingKind.OVERSPEND and "M1" in f.message]
        assert finding.amount == Money(200)
        assert "art. 10" in finding.source

    def test_sisa_years(self) -> None:
        """The settlement books the costs of 2024 in 2025."""
        s = _grant().settle(reached=ALL, costs={2024: Money(1000), 2025: Money(3000), 2026: Money(500)})
        assert s.sisa == {2025: Money(4000), 2026: Money(500)}
        assert s.years.year(2024).spent == Money(0)
        assert s.years.year(2025).spent == Money(4000)

    def test_partner_lines(self) -> None:
        """Per year: granted = set + borne for missed milestones + reclaimed as unspent."""
        s = _grant().settle(reached={"M1": ("A", "B"), "R1": ("A",)}, spent={"M2": Money(2000)})
        lines = {p.year: p for p in s.partner_lines()}
        assert lines[2024].determined == Money(1000)
        assert lines[2025].borne == {"gemeente": Money(2000)}
        assert lines[2025].reclaimed == Money(1000)
        assert lines[2026].borne == {"zorg": Money(500)}
        for p in lines.values():
            assert p.granted == p.determined + sum(p.borne.values(), Money(0)) + p.reclaimed
            assert p.partner == "Stichting Perspectief"

    def test_no_partner(self) -> None:
        """Without a pass-through there are no partner lines to give."""
        g = _grant(pass_through=None)
        with pytest.raises(SchemeError, match="no pass_through partner"):
            g.settle(reached=ALL).partner_lines()
        assert "Subsidy to" not in "\n".join(g.settle(reached=ALL).explain())

    def test_display(self) -> None:
        """explain, to_rows and _repr_html_ show advances, SiSa years, milestones and the partner."""
        s = _grant().settle(reached={"M1": ("A", "B"), "M2": ("A", "B")})
        text = "\n".join(s.explain())
        assert "repaid € 500,00" in text
        assert "costs of 2024 are accounted in the SiSa of book year 2025" in text
        assert "Subsidy to Stichting Perspectief (no double financing" in text
        rows = s.to_rows()
        assert rows[0]["year"] == 2024
        assert rows[0]["sisa_costs"] == Money(0).amount
        assert rows[2]["repayable"] == Money(500).amount
        assert "<table" in s._repr_html_()

    @given(milestone_schedules(max_milestones=6), st.data())
    def test_repayment_never_exceeds_advances(self, schedule: MilestoneSchedule, data: st.DataObject) -> None:
        """Whatever is reached and spent, 0 <= repaid <= advances paid, and set + repaid = paid."""
        grant = TransformationGrant(schedule=schedule, recipient="gemeente",
                                    late_accounting=[LateAccounting(cost_year=2024, book_year=2025)])
        reached = {
            m.name: tuple(data.draw(st.lists(st.sampled_from(m.areas), unique=True)))
            for m in schedule.milestones
        }
        spent = {
            m.name: Money.from_cents(data.draw(st.integers(0, 2 * m.amount.cents)))
            for m in schedule.milestones
            if data.draw(st.booleans())
        }
        s = grant.settle(reached=reached, spent=spent)
        assert Money(0) <= s.repayable <= s.paid
        assert s.determined + s.repayable == s.paid
        assert sum(s.by_bearer.values(), Money(0)) <= s.paid


class TestBadInputGetsFundingErrors:
    """Bad input to schedules, risk and grants is a FundingError naming it, never a bare error."""

    @pytest.mark.parametrize(
        ("call", "words"),
        [
            (lambda s: s.settle(reached={}, spent=[("M1", Money(1))]), "spent must map a milestone name to a Money"),
            (lambda s: s.withhold(5), "withhold needs names in a list or a mapping"),
            (lambda s: s.withhold(None), "withhold needs names in a list or a mapping"),
            (lambda s: s.withhold([["M1"]]), "withhold needs milestone names"),
            (lambda s: MilestoneSchedule(s.milestones, budget=[([2025], Money(1))]), "must be hashable"),
            (lambda s: _grant().settle(reached={}, costs=[1]), "costs must map a year to a Money"),  # type: ignore[arg-type]
            (lambda s: _grant(pass_through="Perspectief"), "'pass_through' must be PassThrough"),
            (lambda s: _grant(late_accounting=None), "'late_accounting' must be a sequence"),
        ],
    )
    def test_refused(self, call: Any, words: str) -> None:
        """Each bad call raises a FundingError that says what is wrong."""
        with pytest.raises(FundingError, match=words):
            call(_schedule())

    @pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity")])
    def test_share_of_areas_not_finite(self, value: Decimal) -> None:
        """A share of areas must be finite."""
        with pytest.raises(MilestoneError, match="finite"):
            ShareOfAreas(value)

    @pytest.mark.parametrize("value", [Decimal("1e-5000"), Decimal("1E+1000000")])
    def test_absurd_chances(self, value: Decimal) -> None:
        """Chances with thousands of digits are refused instead of computed with."""
        with pytest.raises(ProbabilityError, match="at most 100"):
            exact_probability(value)

    def test_withhold_takes_a_generator(self) -> None:
        """withhold accepts any iterable of names, a generator included."""
        assert _schedule().withhold(n for n in ["M1"]).exposure()["gemeente"] == Money(3000)

"""Tests for milestones, milestone schedules, their settlement and the mitigation scenario."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from izafunding import (
    AllAreas,
    FindingKind,
    FloatNotAllowedError,
    Milestone,
    MilestoneError,
    MilestoneKind,
    MilestoneSchedule,
    Money,
    Period,
    ProbabilityError,
    ShareOfAreas,
    UnknownNameError,
)
from izafunding.strategies import milestone_schedules


def _m(name: str = "M1", **changes: Any) -> Milestone:
    fields: dict[str, Any] = {
        "name": name,
        "kind": MilestoneKind.EFFORT,
        "amount": Money(1000),
        "due": date(2025, 12, 31),
        "areas": ("A", "B"),
        "bearer": "gemeente",
    }
    fields.update(changes)
    return Milestone(**fields)


def _schedule(**changes: Any) -> MilestoneSchedule:
    return MilestoneSchedule(
        [
            _m("M1"),
            _m("M2", amount=Money(2000), due=date(2026, 6, 30)),
            _m("R1", kind=MilestoneKind.RESULT, amount=Money(500), due=date(2026, 12, 31), bearer="zorg"),
        ],
        **changes,
    )


class TestMilestone:
    def test_defaults(self) -> None:
        """The budget year defaults to the due year, the spending to the whole amount."""
        m = _m()
        assert m.year == 2025
        assert attrs.evolve(m, due=date(2026, 1, 1)).year == 2026
        assert _m(budget_year=2024).year == 2024
        assert m.spending == Money(1000)
        assert m.withheld == Money(0)

    def test_values(self) -> None:
        """Milestones are frozen values: equal by value, hashable, varied with attrs.evolve."""
        m = _m()
        assert m == _m()
        assert hash(m) == hash(_m())
        assert attrs.evolve(m, amount=Money(5)).spending == Money(5)
        with pytest.raises(attrs.exceptions.FrozenInstanceError, match=r"can't set attribute"):
            m.amount = Money(1)  # type: ignore[misc]

    def test_repr_round_trips(self) -> None:
        """repr pastes back into code."""
        m = _m()
        namespace = {"Milestone": Milestone, "MilestoneKind": MilestoneKind, "Money": Money,
                     "datetime": __import__("datetime")}
        assert eval(repr(m), namespace) == m

    def test_kind_dutch(self) -> None:
        """Each kind names its Dutch term."""
        assert MilestoneKind.EFFORT.dutch == "inspanningsmijlpaal"
        assert MilestoneKind.RESULT.dutch == "resultaatsmijlpaal"

    @pytest.mark.parametrize(
        ("changes", "match"),
        [
            ({"name": ""}, "'name' must be a non-empty text"),
            ({"name": 3}, "'name' must be a non-empty text"),
            ({"bearer": ""}, "'bearer' must be a non-empty text"),
            ({"bearer": None}, "'bearer' must be a non-empty text"),
            ({"kind": "effort"}, "'kind' must be MilestoneKind.EFFORT"),
            ({"amount": Money(0)}, "'amount' must be a positive Money"),
            ({"amount": Money(-5)}, "'amount' must be a positive Money"),
            ({"amount": 1000}, "'amount' must be a positive Money"),
            ({"due": "2025-12-31"}, "'due' must be a datetime.date"),
            ({"due": datetime(2025, 12, 31, 12)}, "'due' must be a datetime.date"),
            ({"areas": "Zuidwijken"}, "not a single text"),
            ({"areas": ()}, "at least one area"),
            ({"areas": ("A", "A")}, "names 'A' twice"),
            ({"areas": ("A", "")}, "non-empty names"),
            ({"areas": 5}, "tuple of area names"),
            ({"budget_year": 20255}, "'budget_year' must be a year"),
            ({"budget_year": True}, "'budget_year' must be a year"),
            ({"withheld": Money(1001)}, "'withheld' must be a Money from"),
            ({"withheld": Money(-1)}, "'withheld' must be a Money from"),
            ({"withheld": 5}, "'withheld' must be a Money from"),
        ],
    )
    def test_bad_input(self, changes: dict[str, Any], match: str) -> None:
        """Every malformed field is refused at construction with a message naming it."""
        with pytest.raises(MilestoneError, match=match):
            _m(**changes)

    def test_errors_are_value_errors(self) -> None:
        """MilestoneError is a FundingError and a ValueError."""
        with pytest.raises(ValueError, match="'amount'"):
            _m(amount=Money(0))


class TestSchedule:
    def test_views(self) -> None:
        """Totals per year, bearer and kind add up; exposure is the spending per bearer."""
        s = _schedule()
        assert s.total == Money(3500)
        assert s.by_year() == {2025: Money(1000), 2026: Money(2500)}
        assert s.by_bearer() == {"gemeente": Money(3000), "zorg": Money(500)}
        assert s.by_kind() == {MilestoneKind.EFFORT: Money(3000), MilestoneKind.RESULT: Money(500)}
        assert s.exposure() == {"gemeente": Money(3000), "zorg": Money(500)}
        assert s.names == ("M1", "M2", "R1")
        assert s.areas == ("A", "B")

    def test_checks_pass(self) -> None:
        """A schedule whose amounts match its budget, split and period is accepted."""
        s = _schedule(
            period=Period.years_range(2024, 2027),
            budget={2025: Money(1000), 2026: Money(2500)},
            bearers={"gemeente": Money(3000), "zorg": Money(500)},
        )
        assert s.budget == {2025: Money(1000), 2026: Money(2500)}
        assert hash(s) == hash(attrs.evolve(s))

    def test_budget_mismatch_lists_every_year(self) -> None:
        """Amounts per year that do not add up to the budget are refused, every year listed."""
        with pytest.raises(MilestoneError, match=r"the milestones do not add up to the plan: 2025:") as e:
            _schedule(budget={2025: Money(900), 2026: Money(2500), 2027: Money(100)})
        assert "2025: milestones € 1.000,00, budget € 900,00 (difference € 100,00)" in str(e.value)
        assert "2027: milestones € 0,00, budget € 100,00" in str(e.value)

    def test_bearer_mismatch(self) -> None:
        """Amounts per bearer that do not match the agreed split are refused."""
        with pytest.raises(MilestoneError, match="zorg: milestones € 500,00, agreed split € 600,00"):
            _schedule(bearers={"gemeente": Money(3000), "zorg": Money(600)})

    def test_unknown_bearer_in_split(self) -> None:
        """A milestone whose bearer is not in the agreed split is refused."""
        with pytest.raises(MilestoneError, match="zorg: milestones € 500,00, agreed split € 0,00"):
            _schedule(bearers={"gemeente": Money(3000)})

    def test_due_outside_period(self) -> None:
        """A due date outside the grant period is refused."""
        with pytest.raises(MilestoneError, match="'M2' is due 2026-06-30, outside the grant period 2025"):
            _schedule(period=Period.year(2025))

    def test_budget_year_outside_period(self) -> None:
        """A budget year outside the grant period is refused."""
        with pytest.raises(MilestoneError, match="budgeted in 2023"):
            MilestoneSchedule([_m(budget_year=2023)], period=Period.year(2025))

    def test_duplicate_names(self) -> None:
        """Two milestones with one name are refused."""
        with pytest.raises(MilestoneError, match="two milestones are called 'M1'"):
            MilestoneSchedule([_m(), _m(amount=Money(5))])

    @pytest.mark.parametrize(
        ("milestones", "match"),
        [
            ([], "at least one milestone"),
            (["M1"], "holds Milestone values"),
            ("M1", "sequence of Milestone values"),
            ({"M1": 1}, "sequence of Milestone values"),
        ],
    )
    def test_bad_milestones(self, milestones: Any, match: str) -> None:
        """Anything but a non-empty sequence of milestones is refused."""
        with pytest.raises(MilestoneError, match=match):
            MilestoneSchedule(milestones)

    @pytest.mark.parametrize(
        ("changes", "match"),
        [
            ({"budget": {"2025": Money(3500)}}, "years"),
            ({"budget": {2025: 3500}}, "Money amounts"),
            ({"budget": "3500"}, "Money amounts"),
            ({"period": "2025"}, "'period' must be a Period"),
            ({"rule": "all"}, "'rule' must be AllAreas"),
        ],
    )
    def test_bad_options(self, changes: dict[str, Any], match: str) -> None:
        """Malformed budgets, periods and rules are refused."""
        with pytest.raises(MilestoneError, match=match):
            _schedule(**changes)

    def test_unknown_milestone(self) -> None:
        """Asking for an unknown milestone names the known ones and the closest."""
        with pytest.raises(UnknownNameError, match=r"'M12' is not a milestone .* did you mean .*'M1'"):
            _schedule().milestone("M12")

    def test_what_if_with_evolve(self) -> None:
        """attrs.evolve makes a what-if, checked again."""
        s = _schedule(budget={2025: Money(1000), 2026: Money(2500)})
        cheaper = attrs.evolve(s, milestones=(_m("M1"),), budget={2025: Money(1000)})
        assert cheaper.total == Money(1000)
        with pytest.raises(MilestoneError, match=r"the milestones do not add up to the plan: 2026:"):
            attrs.evolve(s, milestones=(_m("M1"),))

    def test_display(self) -> None:
        """explain, to_rows and _repr_html_ show every milestone."""
        s = _schedule(plan="Plan", budget={2025: Money(1000), 2026: Money(2500)})
        text = "\n".join(s.explain())
        assert "Plan: 3 milestones, € 3.500,00" in text
        assert "2025: € 1.000,00 = the plan's budget" in text
        assert len(s.to_rows()) == 3
        assert s.to_rows()[2]["bearer"] == "zorg"
        assert "<table" in s._repr_html_()
        assert "R1" in s._repr_html_()


class TestRules:
    def test_all_areas(self) -> None:
        """AllAreas needs every area; its chance is the product."""
        rule = AllAreas()
        assert rule.is_reached(["A", "B"], ("A", "B"))
        assert not rule.is_reached(["A"], ("A", "B"))
        assert rule.chance([Fraction(1, 2), Fraction(1, 3)]) == Fraction(1, 6)
        assert "1047323" in rule.source

    def test_share_of_areas(self) -> None:
        """ShareOfAreas rounds the areas needed up and sums the binomial tail exactly."""
        rule = ShareOfAreas(Fraction(1, 2))
        assert rule.needed(3) == 2
        assert rule.is_reached(["A", "B"], ("A", "B", "C"))
        assert not rule.is_reached(["A"], ("A", "B", "C"))
        # P(at least 2 of 3 at 1/2) = 4/8.
        assert rule.chance([Fraction(1, 2)] * 3) == Fraction(1, 2)
        assert ShareOfAreas(1).chance([Fraction(1, 2), Fraction(1, 3)]) == Fraction(1, 6)

    @pytest.mark.parametrize("share", [0, Fraction(3, 2), -1])
    def test_share_bounds(self, share: Fraction) -> None:
        """A share must be above 0 and at most 1."""
        with pytest.raises(MilestoneError, match="'share'"):
            ShareOfAreas(share)

    def test_share_float(self) -> None:
        """A float share is refused."""
        with pytest.raises(FloatNotAllowedError, match=r"'share' must not be a float \(got 0\.5\); use"):
            ShareOfAreas(0.5)

    def test_plan_choice_changes_settlement(self) -> None:
        """The rule is the plan's choice: a majority rule counts what all-areas misses."""
        s = _schedule()
        reached = {"M1": ("A",), "M2": ("A", "B"), "R1": ("A", "B")}
        assert s.settle(reached=reached).repayable == Money(1000)
        majority = attrs.evolve(s, rule=ShareOfAreas(Fraction(1, 2)))
        assert majority.settle(reached=reached).repayable == Money(0)


class TestSettle:
    def test_reached_in_all_but_one_area_is_missed(self) -> None:
        """A milestone reached in all but one area is missed; its bearer pays its amount."""
        s = _schedule()
        result = s.settle(reached={"M1": ("A", "B"), "M2": ("A",), "R1": ("B", "A")})
        assert result.repayable == Money(2000)
        assert result.by_bearer == {"gemeente": Money(2000), "zorg": Money(0)}
        assert [(o.name, o.missed_in) for o in result.missed] == [("M2", ("B",))]
        assert result.outcome("M2").reached_in == ("A",)
        assert result.determined == Money(1500)

    def test_left_out_means_reached_nowhere(self) -> None:
        """A milestone not mentioned was reached nowhere."""
        result = _schedule().settle(reached={})
        assert result.repayable == Money(3500)
        assert result.outcome("R1").missed_in == ("A", "B")

    def test_spent_less(self) -> None:
        """Unspent money is repaid from the advance held; the bearer pays only what was spent."""
        s = _schedule()
        result = s.settle(
            reached={"M1": ("A", "B"), "R1": ("A", "B")},
            spent={"M1": Money(800), "M2": Money(300)},
        )
        assert result.outcome("M1").determined == Money(800)
        assert result.outcome("M2").borne == Money(300)
        assert result.unspent == Money(200 + 1700)
        assert result.repayable == Money(200 + 2000)
        assert result.by_bearer == {"gemeente": Money(300), "zorg": Money(0)}
        assert result.repayable_by_bearer == {"gemeente": Money(2000), "zorg": Money(0)}

    def test_overspend_is_a_finding(self) -> None:
        """Spending above a milestone's amount is not covered: a finding, not an exception."""
        result = _schedule().settle(reached={"M1": ("A", "B")}, spent={"M1": Money(1200)})
        assert result.outcome("M1").overspent == Money(200)
        assert result.outcome("M1").determined == Money(1000)
        (finding,) = result.findings
        assert finding.kind is FindingKind.OVERSPEND
        assert finding.amount == Money(200)
        assert "€ 200,00 spent above its amount" in str(finding)
        assert "art. 10" in finding.source

    def test_explain_cites_the_plan_rule(self) -> None:
        """The settlement's explanation names the plan's rule and its source."""
        result = _schedule().settle(reached={"M1": ("A", "B"), "M2": ("A", "B")})
        assert [o.name for o in result.missed] == ["R1"]
        assert result.findings == ()
        assert "Rule: a milestone counts only when reached in all its areas [source:" in result.explain()[-1]
        assert "1047323" in result.explain()[-1]

    @pytest.mark.parametrize(
        ("reached", "spent", "error", "match"),
        [
            ({"M9": ("A",)}, None, UnknownNameError, "'M9' is not a milestone"),
            ({"M1": ("C",)}, None, UnknownNameError, "milestone 'M1' has no area 'C'"),
            ({"M1": "A"}, None, MilestoneError, "must be a tuple of areas"),
            ({"M1": 1}, None, MilestoneError, "must be a tuple of areas"),
            (["M1"], None, MilestoneError, "'reached' must map"),
            ({}, {"M9": Money(1)}, UnknownNameError, "'M9'"),
            ({}, {"M1": Money(-1)}, MilestoneError, "spent\\['M1'\\]"),
            ({}, {"M1": 100}, MilestoneError, "spent\\['M1'\\]"),
        ],
    )
    def test_bad_outcomes(self, reached: Any, spent: Any, error: type[Exception], match: str) -> None:
        """Unknown milestones or areas and malformed outcomes are refused."""
        with pytest.raises(error, match=match):
            _schedule().settle(reached=reached, spent=spent)

    def test_display(self) -> None:
        """explain, to_rows and _repr_html_ say who pays what."""
        result = _schedule().settle(reached={"M1": ("A", "B"), "M2": ("A",)})
        text = "\n".join(result.explain())
        assert "M2: missed in B (reached in A); its advance of € 2.000,00 is repaid" in text
        assert "paid by zorg (spent on missed milestones): € 500,00" in text
        assert result.to_rows()[1]["reached"] is False
        assert "missed" in result._repr_html_()

    @given(milestone_schedules(), st.data())
    def test_invariants(self, schedule: MilestoneSchedule, data: st.DataObject) -> None:
        """Repayment never exceeds the advances; determined + repaid = advanced; repaid = borne + unspent."""
        reached = {
            m.name: tuple(data.draw(st.lists(st.sampled_from(m.areas), unique=True)))
            for m in schedule.milestones
            if data.draw(st.booleans())
        }
        result = schedule.settle(reached=reached)
        assert Money(0) <= result.repayable <= result.advanced
        assert result.determined + result.repayable == result.advanced
        assert result.repayable == sum(result.by_bearer.values(), Money(0)) + result.unspent
        for bearer, paid in result.by_bearer.items():
            assert paid <= schedule.exposure()[bearer]


class TestWithholdAndMitigate:
    def test_withhold_names_and_amounts(self) -> None:
        """Withholding lowers the planned spending and so the exposure, not the advance."""
        s = _schedule()
        partly = s.withhold({"M2": Money(500)})
        assert partly.milestone("M2").spending == Money(500)
        assert partly.milestone("M2").withheld == Money(1500)
        assert partly.total == s.total
        assert s.withhold(["M2", "R1"]).exposure() == {"gemeente": Money(1000), "zorg": Money(0)}

    def test_withhold_bad(self) -> None:
        """Unknown names, a bare text and too much spending are refused."""
        s = _schedule()
        with pytest.raises(UnknownNameError, match=r"'M9' is not a milestone of this schedule"):
            s.withhold(["M9"])
        with pytest.raises(MilestoneError, match="names in a list"):
            s.withhold("M1")
        with pytest.raises(MilestoneError, match="the spending on 'M1'"):
            s.withhold({"M1": Money(5000)})

    def test_withheld_milestone_missed_costs_nothing(self) -> None:
        """A missed milestone on which nothing was spent is repaid from money held: no one pays."""
        s = _schedule().withhold(["R1"])
        result = s.settle(reached={"M1": ("A", "B"), "M2": ("A", "B")})
        assert result.repayable == Money(500)
        assert result.by_bearer["zorg"] == Money(0)
        assert result.unspent == Money(500)

    def test_mitigate(self) -> None:
        """Mitigation withholds the milestones below the threshold and the worst case drops."""
        s = _schedule()
        chances = {"M1": Fraction(9, 10), "M2": Fraction(1, 2), "R1": Fraction(2, 5)}
        m = s.mitigate(chances, below=Fraction(3, 5))
        assert m.withheld == (("M2", Money(2000)), ("R1", Money(500)))
        assert m.exposure_drop() == {"gemeente": Money(2000), "zorg": Money(500)}
        assert m.after["gemeente"].worst_case == Money(1000)
        assert m.after["gemeente"].expected == Fraction(190)  # 1000 × (1 - 81/100)
        assert dict(m.chances)["M1"] == Fraction(81, 100)
        text = "\n".join(m.explain())
        assert "M2: € 2.000,00 withheld" in text
        assert "gemeente: worst case € 3.000,00 -> € 1.000,00" in text
        row = m.to_rows()[0]
        assert row["exposure_before"] == Decimal("3000.00")
        assert row["exposure_after"] == Decimal("1000.00")

    def test_mitigate_nothing_below(self) -> None:
        """With every chance above the threshold, nothing is withheld."""
        m = _schedule().mitigate({"M1": 1, "M2": 1, "R1": 1}, below=Fraction(1, 2))
        assert m.withheld == ()
        assert "nothing is withheld" in m.explain()[0]

    def test_mitigate_bad_threshold(self) -> None:
        """The threshold is an exact probability."""
        with pytest.raises(FloatNotAllowedError, match=r"below must not be a float \(got 0\.5\); write it"):
            _schedule().mitigate({"M1": 1, "M2": 1, "R1": 1}, below=0.5)  # type: ignore[arg-type]
        with pytest.raises(ProbabilityError, match=r"below must lie between 0 and 1 \(got 2\)"):
            _schedule().mitigate({"M1": 1, "M2": 1, "R1": 1}, below=2)

    @settings(max_examples=30)
    @given(milestone_schedules(max_milestones=6), st.fractions(0, 1, max_denominator=10), st.data())
    def test_mitigation_never_raises_the_worst_case(
        self, schedule: MilestoneSchedule, below: Fraction, data: st.DataObject
    ) -> None:
        """Withholding spending never raises any bearer's worst case or expected repayment."""
        chances = {m.name: data.draw(st.fractions(0, 1, max_denominator=10)) for m in schedule.milestones}
        m = schedule.mitigate(chances, below=below)
        for bearer in m.before:
            assert m.after[bearer].worst_case <= m.before[bearer].worst_case
            assert m.after[bearer].expected <= m.before[bearer].expected

"""Tests for the exact repayment risk: distributions, quantiles, common factors and limits."""

from __future__ import annotations

import math
import time
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from izafunding import (
    CommonFactor,
    Distribution,
    DistributionTooLargeError,
    FloatNotAllowedError,
    Milestone,
    MilestoneKind,
    MilestoneSchedule,
    Money,
    ProbabilityError,
    RepaymentRisk,
    Stake,
    UnknownNameError,
)
from izafunding.strategies import chances, common_factors, milestone_schedules
from montecarlo import sample_repayments


def _m(name: str, amount: int | str, bearer: str = "gemeente", areas: tuple[str, ...] = ("A",)) -> Milestone:
    return Milestone(
        name=name,
        kind=MilestoneKind.EFFORT,
        amount=Money(amount),
        due=date(2026, 12, 31),
        areas=areas,
        bearer=bearer,
    )


def _risk(*pairs: tuple[int, Fraction], max_outcomes: int = 100_000) -> RepaymentRisk:
    return RepaymentRisk(
        bearer="x",
        stakes=[Stake(name=f"M{i}", amount=Money(a), chances=(c,)) for i, (a, c) in enumerate(pairs)],
        max_outcomes=max_outcomes,
    )


HALF = Fraction(1, 2)


class TestExactDistribution:
    def test_one_milestone_two_areas(self) -> None:
        """A milestone reached in all areas with chances 9/10 and 1/2 is missed with 11/20."""
        s = MilestoneSchedule([_m("M1", 1000, areas=("A", "B"))])
        r = s.risk({("M1", "A"): Fraction(9, 10), ("M1", "B"): HALF})["gemeente"]
        assert dict(r.distribution) == {Money(0): Fraction(9, 20), Money(1000): Fraction(11, 20)}
        assert r.expected == 550

    def test_equal_sums_merge(self) -> None:
        """Two milestones of the same amount give three outcomes, not four."""
        r = _risk((100, HALF), (100, HALF))
        assert dict(r.distribution) == {Money(0): Fraction(1, 4), Money(100): HALF, Money(200): Fraction(1, 4)}
        assert r.outcome_bound() == 3

    def test_certain_outcomes(self) -> None:
        """A sure miss shifts the distribution; a sure reach and a zero stake change nothing."""
        r = _risk((100, Fraction(0)), (50, Fraction(1)), (0, HALF), (10, HALF))
        assert dict(r.distribution) == {Money(100): HALF, Money(110): HALF}
        assert r.best_case == Money(100)
        assert r.worst_case == Money(110)
        assert r.exposure == Money(160)

    def test_named_chance_applies_to_every_area(self) -> None:
        """A milestone's name as key gives the same chance in each of its areas."""
        s = MilestoneSchedule([_m("M1", 1000, areas=("A", "B"))])
        by_name = s.risk({"M1": HALF})["gemeente"]
        by_area = s.risk({("M1", "A"): HALF, ("M1", "B"): HALF})["gemeente"]
        assert by_name.distribution == by_area.distribution
        assert by_name.probability_missed("M1") == Fraction(3, 4)

    def test_bearers_are_separate(self) -> None:
        """Each bearer gets only its own milestones; combined holds them all."""
        s = MilestoneSchedule([_m("M1", 100), _m("R1", 50, bearer="zorg")])
        profile = s.risk({"M1": HALF, "R1": Fraction(1, 5)})
        assert list(profile) == ["gemeente", "zorg"]
        assert dict(profile["zorg"].distribution) == {Money(0): Fraction(1, 5), Money(50): Fraction(4, 5)}
        assert len(profile.combined.distribution) == 4
        assert profile.combined.expected == 50 + 40
        assert profile.exposure() == {"gemeente": Money(100), "zorg": Money(50)}
        assert profile.expected() == {"gemeente": Fraction(50), "zorg": Fraction(40)}
        with pytest.raises(UnknownNameError, match="'Sensire' bears no milestone"):
            profile["Sensire"]

    def test_withheld_spending_is_not_at_risk(self) -> None:
        """The risk counts only the money spent before the outcome is known."""
        s = MilestoneSchedule([_m("M1", 1000)]).withhold({"M1": Money(400)})
        r = s.risk({"M1": HALF})["gemeente"]
        assert dict(r.distribution) == {Money(0): HALF, Money(400): HALF}

    def test_quantile_is_exact_at_the_boundary(self) -> None:
        """At a cumulative probability of exactly q the quantile is that amount, not the next."""
        r = _risk((100, Fraction(9, 10)))
        assert r.quantile(Fraction(9, 10)) == Money(0)
        assert r.quantile(Fraction(91, 100)) == Money(100)
        assert r.quantile(Decimal("0.9")) == Money(0)
        assert r.quantile(0) == Money(0)
        assert r.quantile(1) == Money(100)

    @pytest.mark.parametrize(
        ("q", "error"),
        [(0.9, FloatNotAllowedError), (Fraction(3, 2), ProbabilityError), ("0.9", ProbabilityError), (-1, ProbabilityError)],
    )
    def test_quantile_bad_level(self, q: Any, error: type[Exception]) -> None:
        """A level must be an exact probability."""
        with pytest.raises(error, match="level q"):
            _risk((100, HALF)).quantile(q)

    def test_probability_above(self) -> None:
        """P(repayment > x) is exact."""
        r = _risk((100, HALF), (200, HALF))
        assert r.probability_above(Money(100)) == HALF
        assert r.probability_above(Money(300)) == 0
        with pytest.raises(ProbabilityError, match=r"amount must be a Money such as Money\(50000\) \(got"):
            r.probability_above(100)  # type: ignore[arg-type]

    def test_rows_are_plot_ready(self) -> None:
        """to_rows gives amount, probability, cumulative and exceedance per outcome."""
        rows = _risk((100, HALF), (200, Fraction(3, 4))).to_rows()
        assert [r["amount"] for r in rows] == [Decimal("0.00"), Decimal("100.00"), Decimal("200.00"), Decimal("300.00")]
        assert rows[-1]["cumulative"] == 1
        assert rows[0]["exceedance"] == 1 - rows[0]["probability"]  # type: ignore[operator]
        assert rows[0]["bearer"] == "x"

    def test_display(self) -> None:
        """explain gives the risk-section lines; repr and HTML summarize."""
        r = _risk((100, HALF))
        text = "\n".join(r.explain())
        assert "expected repayment: € 50,00" in text
        assert "not exceeded with 90% probability: € 100,00" in text
        assert "not exceeded with 95% probability: € 100,00" in text
        assert "M0: € 100,00 at risk, missed with probability 50%" in text
        assert "expected € 50,00" in repr(r)
        assert "<table" in r._repr_html_()

    def test_profile_summary(self) -> None:
        """summary_rows gives exposure, expected and the 90%/95% amounts per bearer."""
        s = MilestoneSchedule([_m("M1", 100), _m("R1", 50, bearer="zorg")])
        profile = s.risk({"M1": Fraction(1, 3), "R1": Fraction(1, 5)})
        row = profile.summary_rows()[0]
        assert row == {
            "bearer": "gemeente",
            "exposure": Decimal("100.00"),
            "expected": Fraction(200, 3),
            "expected_rounded": Decimal("66.67"),
            "q90": Decimal("100.00"),
            "q95": Decimal("100.00"),
        }
        assert "q99" in profile.summary_rows([Fraction(99, 100)])[0]
        assert "≈ € 66,67" in "\n".join(profile.explain())
        assert len(profile.to_rows()) == 4
        assert "gemeente" in repr(profile)
        assert profile._repr_html_().count("<table") == 2


class TestProbabilityErrors:
    @pytest.mark.parametrize(
        ("probabilities", "error", "match"),
        [
            ({"M1": 0.9, "R1": 1}, FloatNotAllowedError, "must not be a float"),
            ({"M1": Fraction(11, 10), "R1": 1}, ProbabilityError, "between 0 and 1 \\(got 11/10\\)"),
            ({"M1": -1, "R1": 1}, ProbabilityError, "between 0 and 1"),
            ({"M1": True, "R1": 1}, ProbabilityError, "Fraction, Decimal or int"),
            ({"M1": "9/10", "R1": 1}, ProbabilityError, "Fraction, Decimal or int"),
            ({"M1": Decimal("NaN"), "R1": 1}, ProbabilityError, "finite"),
            ({"M9": 1, "R1": 1}, UnknownNameError, "'M9' is not a milestone"),
            ({("M1", "Z"): 1, ("M1", "A"): 1, "R1": 1}, UnknownNameError, "has no area 'Z'"),
            ({("M1",): 1, "R1": 1}, ProbabilityError, "must be \\(milestone, area\\)"),
            ({5: 1, "R1": 1}, ProbabilityError, "must be \\(milestone, area\\)"),
            ({"R1": 1}, ProbabilityError, "no chance given for \\('M1', 'A'\\)"),
            ({"M1": 1, ("M1", "A"): 1, "R1": 1}, ProbabilityError, "both for the whole milestone"),
            ([("M1", 1)], ProbabilityError, "must map \\(milestone, area\\)"),
        ],
    )
    def test_bad_probabilities(self, probabilities: Any, error: type[Exception], match: str) -> None:
        """Every bad chance is refused with a message that names it."""
        s = MilestoneSchedule([_m("M1", 100), _m("R1", 50, bearer="zorg")])
        with pytest.raises(error, match=match):
            s.risk(probabilities)

    def test_missing_lists_many(self) -> None:
        """Missing chances are listed, the first eight by name."""
        s = MilestoneSchedule([_m(f"M{i}", 100) for i in range(10)])
        with pytest.raises(ProbabilityError, match="and 2 more"):
            s.risk({})

    @pytest.mark.parametrize(
        ("scenarios", "match"),
        [
            ({"a": (HALF, {"M1": 1}), "b": (Fraction(1, 3), {"M1": 1})}, "sum to exactly 1"),
            ({"a": (0.5, {"M1": 1}), "b": (HALF, {"M1": 1})}, "must not be a float"),
            ({"a": (1, {"M1": 0.5})}, "must not be a float"),
            ({"a": HALF}, "must be a pair"),
            ({}, "needs a mapping"),
            ([(1, {})], "needs a mapping"),
        ],
    )
    def test_bad_common_factor(self, scenarios: Any, match: str) -> None:
        """A common factor needs exact weights that sum to 1 and exact chances."""
        with pytest.raises((ProbabilityError, FloatNotAllowedError), match=match):
            CommonFactor(scenarios)

    def test_common_factor_checked_against_schedule(self) -> None:
        """A scenario's chances are checked against the schedule, naming the scenario."""
        s = MilestoneSchedule([_m("M1", 100)])
        factor = CommonFactor({"good": (HALF, {"M1": 1}), "bad": (HALF, {})})
        with pytest.raises(ProbabilityError, match="scenario 'bad': no chance given"):
            s.risk(factor)

    def test_bad_stakes(self) -> None:
        """RepaymentRisk checks its stakes, weights and limit."""
        with pytest.raises(ProbabilityError, match="'stakes' must hold Stake"):
            RepaymentRisk(bearer="x", stakes=["M1"])  # type: ignore[list-item]
        with pytest.raises(ProbabilityError, match="2 chances but there are 1 scenarios"):
            RepaymentRisk(bearer="x", stakes=[Stake(name="M", amount=Money(1), chances=(HALF, HALF))])
        with pytest.raises(ProbabilityError, match="sum to exactly 1"):
            RepaymentRisk(bearer="x", stakes=[], weights=(HALF,))
        with pytest.raises(ProbabilityError, match="one weight per scenario"):
            RepaymentRisk(bearer="x", stakes=[], weights=())
        with pytest.raises(ProbabilityError, match="names 1 scenarios"):
            RepaymentRisk(bearer="x", stakes=[], scenarios=("a",), weights=(HALF, HALF))
        with pytest.raises(ProbabilityError, match="max_outcomes"):
            RepaymentRisk(bearer="x", stakes=[], max_outcomes=0)
        with pytest.raises(ProbabilityError, match="'amount' must be a Money"):
            Stake(name="M", amount=Money(-1), chances=(HALF,))


class TestDistributionValue:
    def test_checks(self) -> None:
        """A Distribution holds ascending amounts with positive probabilities summing to 1."""
        with pytest.raises(ProbabilityError, match="sum to exactly 1"):
            Distribution(cents=(0, 1), numerators=(1, 1), denominator=3)
        with pytest.raises(ProbabilityError, match="ascending"):
            Distribution(cents=(1, 0), numerators=(1, 1), denominator=2)
        with pytest.raises(ProbabilityError, match="positive probability"):
            Distribution(cents=(0, 1), numerators=(2, 0), denominator=2)
        with pytest.raises(ProbabilityError, match="one numerator per amount"):
            Distribution(cents=(), numerators=(), denominator=1)

    def test_mapping(self) -> None:
        """It is a read-only mapping Money -> Fraction, equal by value."""
        d = Distribution(cents=(0, 100), numerators=(1, 3), denominator=4)
        same = Distribution(cents=(0, 100), numerators=(2, 6), denominator=8)
        assert d == same
        assert d == {Money(0): Fraction(1, 4), Money(1): Fraction(3, 4)}
        assert d != Distribution(cents=(0, 100), numerators=(3, 1), denominator=4)
        assert Money(1) in d
        assert 1 not in d  # type: ignore[comparison-overlap]
        assert Money(2) not in d
        with pytest.raises(KeyError, match=r"Money\('2\.00'\)"):
            d[Money(2)]
        assert d.mean == Fraction(3, 4)
        assert "Distribution of 2 amounts" in repr(d)
        assert d.cents == (0, 100)
        assert d.numerators == (1, 3)
        assert d.denominator == 4


class TestLimits:
    def test_too_large_is_refused_with_the_count(self) -> None:
        """Beyond max_outcomes the distribution is refused; the message says how many and how to raise it."""
        r = _risk(*((2**i, HALF) for i in range(20)), max_outcomes=1000)
        with pytest.raises(DistributionTooLargeError, match=r"the repayment distribution for 'x' would need up") as e:
            _ = r.distribution
        message = str(e.value)
        assert "would need up to 1_048_576 outcomes" in message
        assert "20 milestones that may be missed" in message
        assert "pass max_outcomes=1_048_576" in message
        assert e.value.outcomes == 2**20
        assert e.value.limit == 1000
        with pytest.raises(DistributionTooLargeError, match=r"the repayment distribution for 'x' would need up"):
            r.quantile(HALF)

    def test_raising_the_limit_computes_it(self) -> None:
        """The caller can raise the limit."""
        pairs = [(2**i, HALF) for i in range(12)]
        assert len(_risk(*pairs, max_outcomes=4096).distribution) == 4096
        with pytest.raises(DistributionTooLargeError, match=r"the repayment distribution for 'x' would need up"):
            _ = _risk(*pairs, max_outcomes=4095).distribution

    def test_bound_counts_merged_sums(self) -> None:
        """A bound above the limit is checked by counting sums, so merged sums are not refused."""
        # 1..13 cents: bound min(2^13, 92) = 92; the limit of 100 lets it through.
        r = _risk(*((i, HALF) for i in range(1, 14)), max_outcomes=100)
        assert len(r.distribution) == 92
        # Amounts 1, 2, 4, ..., and a few repeats: bound above 50, actual sums below it.
        r2 = _risk(*((a, HALF) for a in (1, 2, 3, 4, 5, 6, 7)), max_outcomes=30)
        assert len(r2.distribution) == 29

    def test_expected_and_worst_case_stay_instant(self) -> None:
        """For 2.000 milestones, expected value and worst case are exact and instant."""
        pairs = [(1000 + i, Fraction(i % 7 + 1, 9)) for i in range(2000)]
        r = _risk(*pairs, max_outcomes=10)
        start = time.perf_counter()
        expected = r.expected
        worst = r.worst_case
        elapsed = time.perf_counter() - start
        assert expected == sum((a * (1 - c) for a, c in pairs), Fraction(0))
        assert worst == Money(sum(a for a, _ in pairs))
        assert elapsed < 1  # generous: not a benchmark, a guard against hanging
        with pytest.raises(DistributionTooLargeError, match=r"the repayment distribution for 'x' would need up"):
            _ = r.distribution

    def test_schedule_passes_the_limit(self) -> None:
        """MilestoneSchedule.risk passes max_outcomes on."""
        s = MilestoneSchedule([_m(f"M{i}", 2**i) for i in range(6)])
        with pytest.raises(DistributionTooLargeError, match="up to 64 outcomes"):
            _ = s.risk(dict.fromkeys([f"M{i}" for i in range(6)], HALF), max_outcomes=10)["gemeente"].distribution


class TestCommonFactor:
    def test_mixture_by_hand(self) -> None:
        """A common factor mixes the scenarios' distributions by their weights."""
        s = MilestoneSchedule([_m("M1", 100), _m("M2", 100)])
        factor = CommonFactor({"good": (Fraction(3, 4), {"M1": 1, "M2": 1}),
                               "bad": (Fraction(1, 4), {"M1": 0, "M2": HALF})})
        r = s.risk(factor)["gemeente"]
        assert dict(r.distribution) == {Money(0): Fraction(3, 4), Money(100): Fraction(1, 8), Money(200): Fraction(1, 8)}
        assert r.expected == Fraction(75, 2)
        assert r.worst_case == Money(200)
        assert r.best_case == Money(0)
        assert r.scenarios == ("good", "bad")
        assert s.chances(factor) == {"M1": Fraction(3, 4), "M2": Fraction(7, 8)}

    def test_fatter_tail_than_independent(self) -> None:
        """Shared bad luck makes missing both more likely than independent chances with the same means."""
        s = MilestoneSchedule([_m("M1", 100), _m("M2", 100)])
        factor = CommonFactor({"good": (HALF, {"M1": Fraction(9, 10), "M2": Fraction(9, 10)}),
                               "bad": (HALF, {"M1": Fraction(1, 10), "M2": Fraction(1, 10)})})
        mixed = s.risk(factor)["gemeente"]
        independent = s.risk({"M1": HALF, "M2": HALF})["gemeente"]
        assert mixed.expected == independent.expected
        assert mixed.distribution[Money(200)] > independent.distribution[Money(200)]

    def test_zero_weight_scenario_is_ignored(self) -> None:
        """A scenario with weight 0 changes nothing, not even the worst case."""
        s = MilestoneSchedule([_m("M1", 100)])
        factor = CommonFactor({"sure": (1, {"M1": 1}), "never": (0, {"M1": 0})})
        r = s.risk(factor)["gemeente"]
        assert dict(r.distribution) == {Money(0): Fraction(1)}
        assert r.worst_case == Money(0)


class TestProperties:
    @given(milestone_schedules(max_milestones=7), st.data())
    def test_sums_to_exactly_one(self, schedule: MilestoneSchedule, data: st.DataObject) -> None:
        """The distribution's probabilities sum to exactly 1, as fractions."""
        profile = schedule.risk(data.draw(chances(schedule)))
        for r in [*profile.values(), profile.combined]:
            assert sum(r.distribution.values(), Fraction(0)) == 1
            assert all(p > 0 for p in r.distribution.values())

    @given(milestone_schedules(max_milestones=7), st.data())
    def test_expected_is_sum_of_amount_times_miss(self, schedule: MilestoneSchedule, data: st.DataObject) -> None:
        """Expected value == sum of amount × probability of missing == the distribution's mean."""
        probabilities = data.draw(chances(schedule))
        reach = schedule.chances(probabilities)
        profile = schedule.risk(probabilities)
        for bearer, r in profile.items():
            by_hand = sum(
                (m.spending.as_fraction() * (1 - reach[m.name]) for m in schedule.milestones if m.bearer == bearer),
                Fraction(0),
            )
            assert r.expected == by_hand
            assert r.distribution.mean == by_hand

    @given(milestone_schedules(max_milestones=6), st.data())
    def test_common_factor_expected_and_sum(self, schedule: MilestoneSchedule, data: st.DataObject) -> None:
        """With a common factor the probabilities still sum to 1 and the mean is the weighted expected value."""
        factor = data.draw(common_factors(schedule))
        profile = schedule.risk(factor)
        for r in profile.values():
            assert sum(r.distribution.values(), Fraction(0)) == 1
            assert r.distribution.mean == r.expected

    @given(milestone_schedules(max_milestones=7), st.data())
    def test_quantiles_and_bounds(self, schedule: MilestoneSchedule, data: st.DataObject) -> None:
        """Quantiles rise with the level; the support runs from the best to the worst case, within the exposure."""
        profile = schedule.risk(data.draw(chances(schedule)))
        for bearer, r in profile.items():
            amounts = list(r.distribution)
            assert amounts == sorted(amounts)
            assert amounts[0] == r.best_case
            assert amounts[-1] == r.worst_case <= schedule.exposure()[bearer]
            assert r.quantile(Fraction(9, 10)) <= r.quantile(Fraction(19, 20)) <= r.worst_case
            assert len(r.distribution) <= r.outcome_bound()

    @settings(max_examples=25)
    @given(milestone_schedules(max_milestones=5, max_areas=2), st.data())
    def test_agrees_with_monte_carlo(self, schedule: MilestoneSchedule, data: st.DataObject) -> None:
        """A seeded Monte Carlo estimate agrees with the exact distribution within six standard errors."""
        common = data.draw(st.booleans())
        probabilities: Any = data.draw(common_factors(schedule) if common else chances(schedule))
        samples = 3000
        estimate = sample_repayments(schedule, probabilities, samples=samples, seed=data.draw(st.integers(0, 2**32)))
        profile = schedule.risk(probabilities)
        for bearer, r in profile.items():
            exact = r.distribution
            assert set(estimate[bearer]) <= set(exact)
            for amount, p in exact.items():
                p_hat = estimate[bearer].get(amount, Fraction(0))
                sigma = math.sqrt(float(p * (1 - p)) / samples)
                assert abs(float(p_hat - p)) <= 6 * sigma + 1e-9


class TestMonteCarloCrossCheck:
    def test_zutphen_sized_example(self) -> None:
        """On a fixed schedule, 20.000 seeded samples land within 1 percentage point of every exact probability."""
        s = MilestoneSchedule([
            _m("M1", 34851, areas=("A", "B")),
            _m("M2", 167587, areas=("A",)),
            _m("R1", "60988.50", bearer="zorg", areas=("A", "B")),
            _m("R2", "8712.50", bearer="zorg"),
        ])
        probabilities: dict[str | tuple[str, str], Fraction] = {
            ("M1", "A"): Fraction(19, 20), ("M1", "B"): Fraction(9, 10), "M2": Fraction(4, 5),
                         "R1": Fraction(3, 5), "R2": HALF}
        estimate = sample_repayments(s, probabilities, samples=20000, seed=2024)
        for bearer, r in s.risk(probabilities).items():
            for amount, p in r.distribution.items():
                assert abs(estimate[bearer].get(amount, Fraction(0)) - p) < Fraction(1, 100)

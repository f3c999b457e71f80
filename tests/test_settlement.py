"""
Tests of settlement (vaststelling): eligible spending, shifting, carry-over, repayment, findings.

Sources of the rules exercised: domain.md §2; raadsessie IZA - GALA - bijbehorende
middelen (18 April 2023, seed 003: 15% shifting within a main theme, at most 20%
carried to 2024); VWS letter 'Wijziging SPUK IZA en Brede SPUK' (12 September 2025,
ref. 4190863-1084972-DMO: one budget from 2025, at most 10% of the 2025 award to 2026);
Raadsmededeling 2023-918 (17 October 2023, seed 000: no SPUK-IZA carry-over);
college proposal 'De Buurt als Ecosysteem', Zutphen (seed 002: spending may move
between the years of the period).
"""

from __future__ import annotations

from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from izafunding import (
    FindingKind,
    FloatNotAllowedError,
    Grant,
    Money,
    SchemeError,
    Settlement,
    UnknownNameError,
)
from izafunding.schemes import (
    SPUK_GALA,
    SPUK_IZA,
    SPUK_TRANSFORMATION,
    ShiftBase,
    ShiftScope,
)
from izafunding.strategies import grants, spending


Spent = dict[int, Money | dict[str, Money]]
KS = "Kansrijke Start"
VAL = "Valpreventie"
SPORT = "Lokaal Sportakkoord"


def _gala_2023() -> Grant:
    return Grant(
        scheme=SPUK_GALA,
        recipient="Zutphen",
        awarded={2023: {KS: Money(100000), VAL: Money(100000), SPORT: Money(100000)}},
    )


def _kinds(s: Settlement) -> list[FindingKind]:
    return [f.kind for f in s.findings]


class TestSpukIza:
    """SPUK-IZA: one budget a year, no carry-over."""

    def test_midden_ijssel(self) -> None:
        """Spending the plan's € 1.295.300 of € 1.438.963 repays € 143.663."""
        grant = Grant(scheme=SPUK_IZA, recipient="Midden-IJssel", awarded={2023: Money(1438963)})
        s = grant.settle(spent={2023: Money(1295300)})
        assert s.eligible == Money(1295300)
        assert s.carried_over == Money(0)
        assert s.repayable == Money(143663)
        assert s.year(2023).repayable == Money(143663)
        (finding,) = s.findings
        assert finding.kind is FindingKind.NO_CARRY_OVER
        assert "Niet uitgegeven middelen" in finding.source

    def test_overspend(self) -> None:
        """Overspending is capped at what was available, reported, and not repaid."""
        grant = Grant(scheme=SPUK_IZA, recipient="X", awarded={2024: Money(100)})
        s = grant.settle(spent={2024: Money(150)})
        assert (s.eligible, s.repayable, s.overspend) == (Money(100), Money(0), Money(50))
        assert _kinds(s) == [FindingKind.OVERSPEND]
        assert s.findings[0].amount == Money(50)

    def test_spending_in_a_year_without_award(self) -> None:
        """Spending in a year without award is all overspend."""
        grant = Grant(scheme=SPUK_IZA, recipient="X", awarded={2023: Money(100)})
        s = grant.settle(spent={2023: Money(100), 2024: Money(10)})
        assert [y.year for y in s.years] == [2023, 2024]
        assert s.year(2024).overspend == Money(10)
        assert s.repayable == Money(0)

    def test_no_spending_reported(self) -> None:
        """A year with an award and no spending given is not settled: open, nothing repayable."""
        grant = Grant(scheme=SPUK_IZA, recipient="X", awarded={2023: Money(100)})
        s = grant.settle(spent={})
        assert (s.years, s.open_years, s.repayable) == ((), (2023,), Money(0))
        assert [f.kind for f in s.findings] == [FindingKind.NOT_SETTLED]
        assert grant.settle(spent={2023: Money(0)}).repayable == Money(100)


class TestGala2023:
    """GALA 2023: walls, 15% shifting within a main theme, 20% per component to 2024."""

    def test_shift_and_carry(self) -> None:
        """An overspend is covered by 15% of another component of the same theme."""
        s = _gala_2023().settle(
            spent={2023: {KS: Money(120000), VAL: Money(70000), SPORT: Money(50000)}}
        )
        y = s.year(2023)
        ks, val, sport = y.budget(KS), y.budget(VAL), y.budget(SPORT)
        assert (ks.shifted_in, ks.eligible, ks.overspend) == (
            Money(15000),
            Money(115000),
            Money(5000),
        )
        assert (val.shifted_out, val.carried_over, val.repayable) == (
            Money(15000),
            Money(15000),
            Money(0),
        )
        # Sport is another main theme: its money cannot cover Kansrijke Start.
        assert (sport.shifted_out, sport.carried_over, sport.repayable) == (
            Money(0),
            Money(20000),
            Money(30000),
        )
        assert (y.eligible, y.shifted, y.carried_over, y.repayable) == (
            Money(235000),
            Money(15000),
            Money(35000),
            Money(30000),
        )
        # Findings follow the components' numbers: Sport (1), Kansrijke Start (4).
        assert [f.kind for f in y.findings] == [
            FindingKind.CARRY_LIMIT,
            FindingKind.OVERSPEND,
            FindingKind.SHIFT_LIMIT,
        ]
        assert "Maximaal 20%" in y.findings[0].source
        assert "15% schuiven" in y.findings[1].source

    def test_carried_money_not_spent_is_repayable(self) -> None:
        """Money moved to 2024 and not spent there is repayable in 2024."""
        s = _gala_2023().settle(
            spent={
                2023: {KS: Money(120000), VAL: Money(70000), SPORT: Money(50000)},
                2024: {VAL: Money(15000), SPORT: Money(10000)},
            }
        )
        y = s.year(2024)
        assert y.carried_in == Money(35000)
        assert y.budget(SPORT).repayable == Money(10000)
        assert y.budget(VAL).repayable == Money(0)
        assert [f.kind for f in y.findings] == [FindingKind.CARRIED_NOT_SPENT]
        assert "Maximaal 20% doorschuiven" in y.findings[0].source
        assert s.repayable == Money(40000)
        assert s.repayable == s.paid - s.eligible

    def test_walk_continues_while_money_is_carried(self) -> None:
        """Money moved to 2024 leaves 2024 open until its spending is given; then it settles."""
        spent_2023 = {KS: Money(100000), VAL: Money(100000), SPORT: Money(90000)}
        s = _gala_2023().settle(spent={2023: spent_2023})
        assert [y.year for y in s.years] == [2023]
        assert (s.open_years, s.pending, s.repayable) == ((2024,), Money(10000), Money(0))
        s = _gala_2023().settle(spent={2023: spent_2023, 2024: {}})
        assert [y.year for y in s.years] == [2023, 2024]
        assert s.year(2024).repayable == Money(10000)

    def test_limits_round_down(self) -> None:
        """20% of € 0,99 may move: € 0,19, not € 0,20 (in favour of the Rijk)."""
        grant = Grant(scheme=SPUK_GALA, recipient="X", awarded={2023: {KS: Money("0.99")}})
        s = grant.settle(spent={2023: {KS: Money(0)}})
        assert s.year(2023).carried_over == Money("0.19")

    def test_shift_base_target(self) -> None:
        """With the base on the receiving component, 15% of its award may come in."""
        rule = attrs.evolve(SPUK_GALA.rules_for(2023).shifting, base=ShiftBase.TARGET_COMPONENT)
        grant = attrs.evolve(_gala_2023(), scheme=SPUK_GALA.with_rule(rule))
        s = grant.settle(spent={2023: {KS: Money(120000), VAL: Money(70000), SPORT: Money(100000)}})
        assert s.year(2023).budget(KS).shifted_in == Money(15000)
        assert s.year(2023).budget(VAL).shifted_out == Money(15000)

    def test_shift_any_component(self) -> None:
        """A variant that allows shifting between all components."""
        rule = attrs.evolve(SPUK_GALA.rules_for(2023).shifting, within=ShiftScope.ANY)
        grant = attrs.evolve(_gala_2023(), scheme=SPUK_GALA.with_rule(rule))
        s = grant.settle(spent={2023: {KS: Money(140000), VAL: Money(100000), SPORT: Money(50000)}})
        assert s.year(2023).budget(KS).shifted_in == Money(15000)
        assert s.year(2023).budget(SPORT).shifted_out == Money(15000)

    def test_no_shifting(self) -> None:
        """A variant without shifting leaves the overspend uncovered."""
        rule = attrs.evolve(SPUK_GALA.rules_for(2023).shifting, within=ShiftScope.NONE)
        grant = attrs.evolve(_gala_2023(), scheme=SPUK_GALA.with_rule(rule))
        s = grant.settle(spent={2023: {KS: Money(120000), VAL: Money(70000), SPORT: Money(100000)}})
        assert s.year(2023).budget(KS).overspend == Money(20000)

    def test_what_if_2024_had_the_2023_carry_over(self) -> None:
        """A scheme variant: 20% per component from 2024 to 2025 (into one budget)."""
        rule = attrs.evolve(SPUK_GALA.rules_for(2023).carry_over, years=2024, source="what if")
        grant = Grant(
            scheme=SPUK_GALA.with_rule(rule),
            recipient="X",
            awarded={2024: {KS: Money(1000)}, 2025: Money(0)},
        )
        s = grant.settle(spent={2024: {KS: Money(500)}, 2025: Money(200)})
        assert s.year(2024).carried_over == Money(200)
        assert s.year(2025).carried_in == Money(200)
        assert s.repayable == Money(300)


class TestGala2025:
    """GALA from 2025: one budget, 10% of the 2025 award to 2026, 2026 the last year."""

    def test_zutphen(self) -> None:
        """Zutphen spends € 100.000 less in 2025: 10% moves, the rest is repayable."""
        grant = Grant.from_published(SPUK_GALA, "Zutphen", years=(2025, 2026))
        s = grant.settle(spent={2025: Money(780962), 2026: Money(800000)})
        assert s.year(2025).carried_over == Money("88096.20")
        assert s.year(2025).repayable == Money("11903.80")
        assert s.year(2026).available == Money("838201.20")
        assert s.year(2026).repayable == Money("38201.20")
        assert s.repayable == Money(50105)
        assert _kinds(s) == [FindingKind.CARRY_LIMIT, FindingKind.LAST_YEAR]

    def test_spent_per_component(self) -> None:
        """Spending per component in a year without walls counts as one budget."""
        grant = Grant(scheme=SPUK_GALA, recipient="X", awarded={2025: Money(100)})
        s = grant.settle(spent={2025: {KS: Money(150), VAL: Money(-0)}})
        assert s.year(2025).eligible == Money(100)

    def test_last_year(self) -> None:
        """In 2026 everything unspent is repayable."""
        grant = Grant(scheme=SPUK_GALA, recipient="X", awarded={2026: Money(100)})
        s = grant.settle(spent={2026: Money(40)})
        assert s.repayable == Money(60)
        assert _kinds(s) == [FindingKind.LAST_YEAR]


class TestTransformation:
    """Transformation funds: spending may move between the years of the period."""

    def test_money_keeps_moving(self) -> None:
        """Money unspent in 2024 and 2025 may be spent in 2026."""
        grant = Grant(
            scheme=SPUK_TRANSFORMATION,
            recipient="Zutphen",
            awarded={2024: Money(34851), 2025: Money(167587)},
        )
        s = grant.settle(spent={2024: Money(0), 2025: Money(0), 2026: Money(202438)})
        assert [y.carried_over for y in s.years] == [Money(34851), Money(202438), Money(0)]
        assert s.repayable == Money(0)
        assert s.findings == ()


class TestAdvances:
    """Repayment is measured against what was paid."""

    def test_partial_advance(self) -> None:
        """With an advance below the eligible spending the Rijk still owes the difference."""
        grant = Grant(
            scheme=SPUK_IZA, recipient="X", awarded={2023: Money(1000)}, advances={2023: Money(500)}
        )
        s = grant.settle(spent={2023: Money(800)})
        assert (s.paid, s.eligible, s.repayable, s.still_to_pay) == (
            Money(500),
            Money(800),
            Money(0),
            Money(300),
        )


class TestBadSpending:
    """Bad spending input is an error; business outcomes are not."""

    def test_single_amount_in_year_with_walls(self) -> None:
        """GALA 2023 spending must be per component."""
        with pytest.raises(SchemeError, match="walls"):
            _gala_2023().settle(spent={2023: Money(1)})

    def test_unknown_component(self) -> None:
        """An unknown component suggests the closest."""
        with pytest.raises(UnknownNameError, match="did you mean"):
            _gala_2023().settle(spent={2023: {"Valpreventi": Money(1)}})

    def test_year_outside_period(self) -> None:
        """A year outside the period names the period."""
        with pytest.raises(SchemeError, match="2023-01-01 t/m 2026-12-31"):
            _gala_2023().settle(spent={2027: Money(1)})

    def test_negative(self) -> None:
        """Negative spending is refused."""
        with pytest.raises(SchemeError, match="negative"):
            Grant(scheme=SPUK_IZA, recipient="X", awarded={2023: Money(1)}).settle(
                spent={2023: Money(-1)}
            )

    def test_float(self) -> None:
        """Float spending is refused."""
        with pytest.raises(FloatNotAllowedError, match=r"spent\[2023\]: 0\.5 is a float; use Money such as"):
            Grant(scheme=SPUK_IZA, recipient="X", awarded={2023: Money(1)}).settle(
                spent={2023: 0.5}  # type: ignore[dict-item]
            )

    def test_not_a_mapping(self) -> None:
        """Spending must be a mapping by year."""
        with pytest.raises(SchemeError, match="mapping"):
            Grant(scheme=SPUK_IZA, recipient="X", awarded={2023: Money(1)}).settle(
                spent=Money(1)  # type: ignore[arg-type]
            )

    def test_unknown_year_asked(self) -> None:
        """Asking for a year that was not settled says which were."""
        s = Grant(scheme=SPUK_IZA, recipient="X", awarded={2023: Money(1)}).settle(
            spent={2023: Money(0)}
        )
        with pytest.raises(UnknownNameError, match="settled years: 2023"):
            s.year(2024)
        with pytest.raises(SchemeError, match="grant period"):
            s.year(2030)


class TestDisplay:
    """Settlements explain themselves."""

    def test_explain_render_rows_html(self) -> None:
        """explain(), render(), to_rows() and _repr_html_ show the figures and findings."""
        s = _gala_2023().settle(
            spent={2023: {KS: Money(120000), VAL: Money(70000), SPORT: Money(50000)}}
        )
        assert any("overspend" in line for line in s.explain())
        assert "€ 235.000,00" in s.render()
        rows = s.to_rows()
        assert {r["component"] for r in rows if r["year"] == 2023} == {KS, VAL, SPORT}
        assert "<table>" in s._repr_html_()
        assert "Settlement SPUK GALA Zutphen" in repr(s)


# -- properties ---------------------------------------------------------------------------


@st.composite
def _grant_and_spending(draw: st.DrawFn) -> tuple[Grant, Spent]:
    grant = draw(grants())
    return grant, draw(spending(grant))


class TestProperties:
    """Laws that hold for every grant and every spending."""

    @given(_grant_and_spending())
    def test_never_repays_more_than_paid(self, case: tuple[Grant, Spent]) -> None:
        """A settlement never repays more than was paid."""
        grant, spent = case
        s = grant.settle(spent)
        assert Money(0) <= s.repayable <= s.paid

    @given(_grant_and_spending())
    def test_every_year_adds_up(self, case: tuple[Grant, Spent]) -> None:
        """For every year, eligible + carried over + repayable == available, to the cent."""
        grant, spent = case
        s = grant.settle(spent)
        for y in s.years:
            assert y.eligible + y.carried_over + y.repayable == y.available
            assert y.eligible + y.overspend == y.spent
            for b in y.budgets:
                assert b.eligible + b.carried_over + b.repayable == (
                    b.available + b.shifted_in - b.shifted_out
                )
                for value in attrs.astuple(b, recurse=False)[1:]:
                    assert value >= Money(0)
        for before, after in zip(s.years, s.years[1:], strict=False):
            assert before.carried_over == after.carried_in
        assert s.years[-1].carried_over == s.pending
        assert s.awarded == s.eligible + s.unspent + s.pending

    @given(grants())
    def test_spending_the_award_repays_nothing(self, grant: Grant) -> None:
        """Spending exactly the award repays nothing and finds nothing."""
        s = grant.settle(dict(grant.awarded))
        assert s.repayable == Money(0)
        assert s.eligible == grant.total
        assert sum((y.repayable for y in s.years), Money(0)) == Money(0)
        assert s.findings == ()

    @given(_grant_and_spending())
    def test_order_independent(self, case: tuple[Grant, Spent]) -> None:
        """The result does not depend on the order of the input."""
        grant, spent = case
        reversed_spent = {
            year: dict(reversed(list(v.items()))) if isinstance(v, dict) else v
            for year, v in reversed(list(spent.items()))
        }
        reversed_awarded = {
            year: dict(reversed(list(v.items()))) if not isinstance(v, Money) else v
            for year, v in reversed(list(grant.awarded.items()))
        }
        other = attrs.evolve(grant, awarded=reversed_awarded)
        assert grant.settle(spent) == other.settle(reversed_spent)

    @given(_grant_and_spending())
    def test_carry_over_within_limits(self, case: tuple[Grant, Spent]) -> None:
        """What moves on never exceeds the year's limit (plus money that may move again)."""
        grant, spent = case
        s = grant.settle(spent)
        for y in s.years:
            carry = y.rules.carry_over
            if carry.moves_again:
                continue
            if y.rules.is_last:
                assert y.carried_over == Money(0)
            elif carry.per_component:
                for b in y.budgets:
                    assert b.carried_over <= carry.limit(b.awarded)
            else:
                assert y.carried_over <= carry.limit(y.awarded)
            if y.rules.has_walls and y.rules.shifting.within is not ShiftScope.ANY:
                for b in y.budgets:
                    if y.rules.shifting.base is ShiftBase.SOURCE_COMPONENT:
                        assert b.shifted_out <= y.rules.shifting.limit(b.awarded)

    def test_share_fraction(self) -> None:
        """The GALA 2025 carry-over share is exactly one tenth."""
        assert SPUK_GALA.rules_for(2025).carry_over.share == Fraction(1, 10)

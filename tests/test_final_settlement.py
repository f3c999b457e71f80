"""
The GALA final settlement over the whole period (issue 10, item 6): the eindafrekening of
2027 over 2023-2026 ends with the period total and each year's contribution.

Rules: domain.md §2, SPUK GALA: "one final settlement in 2027 over the whole period;
whatever was not spent under the rules is reclaimed then" (Stcrt. 2023, 4245; VWS letter
'Wijziging SPUK IZA en Brede SPUK', 12 September 2025). Hand-computed case: 20% per
component 2023 -> 2024, none 2024 -> 2025, 10% of the 2025 award -> 2026.
"""

from __future__ import annotations

from hypothesis import given

from izafunding import Grant, Money
from izafunding.schemes import SPUK_GALA, SPUK_IZA
from izafunding.strategies import grants, spending


KS, VAL = "Kansrijke Start", "Valpreventie"


def _grant() -> Grant:
    each = {KS: Money(100000), VAL: Money(100000)}
    return Grant(
        scheme=SPUK_GALA,
        recipient="X",
        awarded={2023: each, 2024: each, 2025: Money(200000), 2026: Money(200000)},
    )


SPENT: dict[int, Money | dict[str, Money]] = {
    2023: {KS: Money(90000), VAL: Money(100000)},  # KS's € 10.000 carries (within 20%)
    2024: {KS: Money(105000), VAL: Money(95000)},  # € 10.000 carried in is spent; € 10.000 repayable
    2025: Money(170000),  # € 20.000 (10%) carries, € 10.000 repayable
    2026: Money(210000),  # the € 20.000 carried in is spent; € 10.000 of the award is repayable
}


class TestGalaEindafrekening:
    """A settlement of 2023-2026 ends with the period total."""

    def test_period_total(self) -> None:
        """Awarded € 800.000 = eligible € 770.000 + repayable € 30.000; € 30.000 carried and spent."""
        final = _grant().settle(SPENT).final
        assert final is not None
        assert final.settled_in == 2027
        assert (final.awarded, final.eligible, final.carried_over, final.carried_spent, final.repayable) == (
            Money(800000),
            Money(770000),
            Money(30000),
            Money(30000),
            Money(30000),
        )

    def test_each_years_contribution(self) -> None:
        """Per year: eligible, carried (spent in the next year) and repayable."""
        final = _grant().settle(SPENT).final
        assert final is not None
        assert [(y.year, y.eligible, y.carried_over, y.carried_spent, y.repayable) for y in final.years] == [
            (2023, Money(190000), Money(10000), Money(10000), Money(0)),
            (2024, Money(200000), Money(0), Money(0), Money(10000)),
            (2025, Money(170000), Money(20000), Money(20000), Money(10000)),
            (2026, Money(210000), Money(0), Money(0), Money(10000)),
        ]

    def test_carried_not_spent(self) -> None:
        """2026 spends € 10.000 of the € 20.000 carried in (carried money is spent first)."""
        spent = {**SPENT, 2026: Money(10000)}
        final = _grant().settle(spent).final
        assert final is not None
        assert (final.years[2].carried_over, final.years[2].carried_spent) == (Money(20000), Money(10000))
        # 2026: € 10.000 carried and not spent + its whole € 200.000 award.
        assert final.years[3].repayable == Money(210000)
        assert final.repayable == Money(230000)

    def test_shown_everywhere(self) -> None:
        """explain(), render(), the HTML and the rows show the period total."""
        s = _grant().settle(SPENT)
        head = "Final settlement of 2027 (eindafrekening) over 2023-2026: awarded € 800.000,00"
        assert any(line.startswith(head) for line in s.explain())
        assert head in s.render()
        assert head in s._repr_html_()
        assert "  2025: awarded € 200.000,00, eligible € 170.000,00, carried to 2026 € 20.000,00" in s.render()
        final = s.final
        assert final is not None
        rows = final.to_rows()
        assert rows[-1] == {
            "year": "total",
            "awarded": Money(800000).amount,
            "eligible": Money(770000).amount,
            "carried_over": Money(30000).amount,
            "carried_spent": Money(30000).amount,
            "repayable": Money(30000).amount,
        }
        assert [r["year"] for r in rows] == [2023, 2024, 2025, 2026, "total"]

    def test_not_before_the_period_is_settled(self) -> None:
        """With 2026 still open there is no final settlement yet."""
        s = _grant().settle({y: SPENT[y] for y in (2023, 2024, 2025)})
        assert s.final is None
        assert "Final settlement" not in s.render()

    def test_advances_less_than_awards(self) -> None:
        """The total reclaims what was paid less what is eligible, and says so."""
        grant = Grant(
            scheme=SPUK_IZA,
            recipient="R",
            awarded={y: Money(100) for y in SPUK_IZA.years},
            advances={y: Money(50) for y in SPUK_IZA.years},
        )
        s = grant.settle({y: Money(40) for y in SPUK_IZA.years})
        final = s.final
        assert final is not None
        assert final.repayable == Money(40)
        assert any("the advances paid make € 40,00 repayable" in line for line in final.explain())


class TestProperties:
    """Laws of the period total."""

    @given(grants(scheme=SPUK_GALA).flatmap(lambda g: spending(g).map(lambda s: (g, s))))
    def test_adds_up(self, case: tuple[Grant, dict[int, object]]) -> None:
        """Over the whole period: awarded = eligible + unspent; carried spent <= carried."""
        grant, spent = case
        s = grant.settle(spent)  # type: ignore[arg-type]
        final = s.final
        if final is None:
            return
        assert final.awarded == final.eligible + sum((y.repayable for y in final.years), Money(0))
        assert final.carried_spent <= final.carried_over
        assert final.repayable == s.repayable

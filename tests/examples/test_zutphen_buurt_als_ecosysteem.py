"""
Seed 002: Zutphen, college proposal 'Aanvraag SPUK voor IZA-plan Buurt als Ecosysteem'.

Source: Collegevoorstel – Aanvraag SPUK voor IZA-plan 'Buurt als Ecosysteem', gemeente Zutphen,
team Welzijn, zaaknummer 1047323 (2025); sections Beoogd effect ("ruim € 340.000,-"),
Kanttekeningen 2.1 (milestones reached "in alle deelnemende buurten"; Sensire bears the result
milestones, "in totaal € 69.701,-"; the municipality the effort milestones, "in totaal
€ 272.139"; the mitigation), 4.1 (milestone 2 includes the declaration of intent), Uitvoering
(yearly subsidy to Stichting Perspectief with accountability requirements; costs of 2024 in
the SiSa of book year 2025) and Financiële consequenties (€ 341.840 for 2024-2027: 2024
€ 34.851, 2025 € 167.587, 2026 € 121.977, 2027 € 17.425).

The annex with the individual milestones (bijlage 2) is not public; the example schedule is built
from the totals above, and these tests assert that every one of them holds.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from izafunding import Money, examples
from izafunding.cli import main
from izafunding.examples import zutphen


class TestFinancieleConsequenties:
    def test_total_341840(self) -> None:
        """'€ 341.840 begroot voor het sociaal domein voor de periode 2024-2027'."""
        assert Money(341840) == zutphen.TOTAL
        assert zutphen.schedule().total == Money(341840)

    @pytest.mark.parametrize(
        ("year", "amount"),
        [(2024, "€ 34.851,-"), (2025, "€ 167.587,-"), (2026, "€ 121.977,-"), (2027, "€ 17.425,-")],
    )
    def test_budget_per_year(self, year: int, amount: str) -> None:
        """'Het budget per jaar bedraagt': 2024 € 34.851, 2025 € 167.587, 2026 € 121.977, 2027 € 17.425."""
        assert zutphen.BUDGET[year] == Money.parse(amount)
        assert zutphen.schedule().by_year()[year] == Money.parse(amount)

    def test_years_add_up_to_341840(self) -> None:
        """€ 34.851 + € 167.587 + € 121.977 + € 17.425 = € 341.840."""
        assert sum(zutphen.BUDGET.values(), Money(0)) == Money(341840)
        assert tuple(zutphen.schedule().by_year()) == (2024, 2025, 2026, 2027)

    def test_period_2024_2027(self) -> None:
        """The plan runs 'van 2024 tot en met 2027'; every milestone is due inside it."""
        s = zutphen.schedule()
        assert s.period == zutphen.PERIOD
        assert all(m.due in zutphen.PERIOD for m in s.milestones)


class TestKanttekeningen21:
    def test_result_milestones_69701_borne_by_sensire(self) -> None:
        """'Sensire [draagt] het gehele risico van de resultaatsmijlpalen ... (in totaal € 69.701,-)'."""
        s = zutphen.schedule()
        results = [m for m in s.milestones if m.kind.value == "result"]
        assert sum((m.amount for m in results), Money(0)) == Money.parse("€ 69.701,-")
        assert {m.bearer for m in results} == {"Sensire"}
        assert Money(69701) == zutphen.RESULT_MILESTONES

    def test_effort_milestones_272139_borne_by_zutphen(self) -> None:
        """'financieel verantwoordelijk voor de inspanningsmijlpalen ... (in totaal € 272.139)'."""
        s = zutphen.schedule()
        efforts = [m for m in s.milestones if m.kind.value == "effort"]
        assert sum((m.amount for m in efforts), Money(0)) == Money.parse("€ 272.139")
        assert {m.bearer for m in efforts} == {"Zutphen"}
        assert Money(272139) == zutphen.EFFORT_MILESTONES

    def test_split_adds_up_to_341840(self) -> None:
        """€ 69.701 + € 272.139 = € 341.840."""
        assert zutphen.RESULT_MILESTONES + zutphen.EFFORT_MILESTONES == zutphen.TOTAL

    def test_exposure_per_bearer(self) -> None:
        """Worst case: the municipality € 272.139, the care provider € 69.701."""
        assert zutphen.schedule().exposure() == {"Zutphen": Money(272139), "Sensire": Money(69701)}
        assert zutphen.risk().exposure() == {"Zutphen": Money(272139), "Sensire": Money(69701)}

    def test_reached_in_all_neighbourhoods(self) -> None:
        """'definitief vastgesteld als een mijlpaal in alle deelnemende buurten is behaald'."""
        s = zutphen.schedule(areas=("Zuidwijken", "another neighbourhood"))
        result = s.settle(reached=dict.fromkeys(s.names, ("Zuidwijken",)))
        assert result.repayable == Money(341840)
        assert result.by_bearer == {"Zutphen": Money(272139), "Sensire": Money(69701)}

    def test_missed_milestone_is_repaid_by_its_bearer(self) -> None:
        """'Als een mijlpaal niet wordt behaald, dienen we het bedrag ... terug te betalen'."""
        s = zutphen.schedule()
        result = s.settle(reached={n: ("Zuidwijken",) for n in s.names if n != "R2"})
        assert result.repayable == Money("8712.50")
        assert result.by_bearer == {"Zutphen": Money(0), "Sensire": Money("8712.50")}

    def test_mitigation_lowers_the_exposure(self) -> None:
        """'budget ... slechts gedeeltelijk of niet te besteden. Hiermee maken we het risico ... zo klein mogelijk'."""
        m = zutphen.schedule().mitigate(zutphen.assumed_chances(), below=Fraction(3, 5))
        assert [name for name, _ in m.withheld] == ["R2"]
        assert m.exposure_drop() == {"Zutphen": Money(0), "Sensire": Money("8712.50")}

    def test_risk_profile_for_the_risicoparagraaf(self) -> None:
        """With the illustrative chances the risk section's figures are exact."""
        profile = zutphen.risk()
        zutphen_risk, sensire = profile["Zutphen"], profile["Sensire"]
        assert sum(zutphen_risk.distribution.values(), Fraction(0)) == 1
        assert zutphen_risk.expected == Fraction(3244145, 100)
        assert zutphen_risk.quantile(Fraction(9, 10)) == Money(104552)
        assert zutphen_risk.quantile(Fraction(19, 20)) == Money(167587)
        assert sensire.expected == Fraction(2875165, 100)
        assert dict(sensire.distribution) == {
            Money(0): Fraction(3, 10),
            Money("8712.50"): Fraction(3, 10),
            Money("60988.50"): Fraction(1, 5),
            Money(69701): Fraction(1, 5),
        }


class TestUitvoering:
    def test_advances_follow_the_budget_per_year(self) -> None:
        """'We ontvangen de SPUK als voorschot in jaarlijkse termijnen': 2024 € 34.851 ... 2027 € 17.425."""
        assert dict(zutphen.grant().advances) == zutphen.BUDGET
        assert zutphen.grant().total == Money(341840)

    def test_subsidy_to_perspectief_at_most_the_spuk(self) -> None:
        """'maximaal het bedrag van de te ontvangen SPUK jaarlijks als subsidie te verlenen aan Stichting Perspectief'."""
        g = zutphen.grant()
        assert g.pass_through is not None
        assert g.pass_through.partner == "Stichting Perspectief"
        assert g.subsidy_granted() == zutphen.BUDGET
        assert "verbod op dubbelfinanciering" in g.pass_through.requirements[0]

    def test_costs_of_2024_in_book_year_2025(self) -> None:
        """'Kosten die Perspectief heeft gemaakt in 2024 mogen worden verantwoord in ... boekjaar 2025'."""
        g = zutphen.grant()
        assert g.book_year(2024) == 2025
        s = g.settle(reached=dict.fromkeys(g.schedule.names, ("Zuidwijken",)),
                     costs={2024: Money(20000), 2025: Money(150000), 2026: Money(150000), 2027: Money(21840)})
        assert s.sisa[2025] == Money(170000)
        assert 2024 not in s.sisa
        assert s.repayable == Money(0)

    def test_spending_may_move_within_the_period(self) -> None:
        """'middelen die niet ... in een bepaald jaar [zijn] besteed, te besteden op een ander moment binnen de periode'."""
        g = zutphen.grant()
        s = g.settle(reached=dict.fromkeys(g.schedule.names, ("Zuidwijken",)),
                     costs={2025: Money(100000), 2026: Money(200000), 2027: Money(41840)})
        assert s.years.repayable == Money(0)
        assert s.repayable == Money(0)

    def test_usable_until_2027(self) -> None:
        """'De IZA transformatiemiddelen kunnen worden gebruikt tot en met 2027': the grant's scheme version ends then."""
        assert zutphen.grant().scheme.period.last_day.isoformat() == "2027-12-31"


class TestBeoogdEffect:
    def test_ruim_340000(self) -> None:
        """'ruim € 340.000,-' is the text's round figure for € 341.840: a little more, under € 345.000."""
        assert Money.parse("€ 340.000,-") == zutphen.STATED_ROUGHLY
        assert zutphen.STATED_ROUGHLY < zutphen.TOTAL < Money(345000)


class TestExampleAndCommandLine:
    def test_registered(self) -> None:
        """The example is listed under its name and cites the document."""
        assert "zutphen-buurt-als-ecosysteem" in examples.names()
        assert "1047323" in examples.get("zutphen-buurt-als-ecosysteem").source

    def test_cli_prints_schedule_exposure_and_risk(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`izafunding example zutphen-buurt-als-ecosysteem` prints schedule, exposure and risk profile."""
        assert main(["example", "zutphen-buurt-als-ecosysteem"]) == 0
        out = capsys.readouterr().out
        assert "annex 2) are not public" in out
        assert "Zutphen: € 272.139,00" in out
        assert "Sensire: € 69.701,00" in out
        assert "not exceeded with 95% probability" in out
        assert "Mitigation" in out

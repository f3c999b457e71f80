"""Tests of scenarios: cost lines, cost sharing, the split over members, offsets, variants."""

from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from izafunding import (
    AllocationError,
    CostLine,
    Equal,
    FloatNotAllowedError,
    FundingError,
    HalfUpEach,
    InputFileError,
    LargestRemainder,
    MemberSplit,
    Money,
    MoneyError,
    Offset,
    PartnerShortfall,
    Period,
    ProRata,
    ProrationBasis,
    Reduction,
    Scenario,
    ScenarioError,
    UnknownNameError,
)
from izafunding._commands import render_scenario_file
from izafunding._core.regions import InhabitantCount, Member, Municipality
from izafunding._files.scenario import EXAMPLE_TOML, parse_scenario_toml
from izafunding.cli import main
from izafunding.strategies import cost_lines, scenarios


Q1 = Period.quarter(2025, 1)
HALF = {"municipalities": Decimal("0.5"), "partners": Decimal("0.5")}


def _members(**counts: int) -> list[Member]:
    return [
        Member(
            municipality=Municipality(name),
            inhabitants=InhabitantCount(count=count, reference_date=None, source="test"),
        )
        for name, count in counts.items()
    ]


def _scenario(**changes: object) -> Scenario:
    fields: dict[str, object] = {
        "name": "test",
        "period": Q1,
        "lines": [
            CostLine(name="network", annual=Money(600000), shares=HALF),
            CostLine(
                name="local",
                annual=Money(800000),
                split=MemberSplit.EQUAL,
            ),
        ],
        "members": _members(A=3, B=1),
        "rounding": LargestRemainder(),
    }
    fields.update(changes)
    return Scenario(**fields)  # type: ignore[arg-type]


class TestCostLine:
    def test_prorated_reduced_and_shared(self) -> None:
        """€ 800.000 a year is € 200.000 in Q1 2025; less € 50.000; shared 50/50."""
        line = CostLine(
            name="Coördinatiekosten",
            annual=Money(800000),
            reductions=[Reduction(amount=Money(50000), reason="chain approaches")],
            shares=HALF,
        )
        figures = line.figures(Q1)
        assert figures.prorated == Money(200000)
        assert figures.reductions == Money(50000)
        assert figures.cost == Money(150000)
        assert figures.municipal == Money(75000)
        assert figures.partners == Money(75000)
        assert figures.partner_parts() == {"partners": Money(75000)}

    def test_default_is_all_municipal_by_inhabitants(self) -> None:
        """Without shares a line is paid wholly by the municipalities, split by inhabitants."""
        line = CostLine(name="x", annual=Money(1200))
        assert line.municipal_share == 1
        assert line.partners == ()
        assert line.split is MemberSplit.INHABITANTS

    def test_several_partners(self) -> None:
        """Shares may name several partners; each part is kept."""
        line = CostLine(
            name="x",
            annual=Money(1200),
            shares={"municipalities": Fraction(1, 2), "insurer": Fraction(1, 3), "GGD": Fraction(1, 6)},
        )
        figures = line.figures(Period.year(2025))
        assert figures.partner_parts() == {"insurer": Money(400), "GGD": Money(200)}
        assert figures.partners == Money(600)

    def test_odd_cents_shared_exactly(self) -> None:
        """A cost with an odd cent is shared so the parts still add up (largest remainder)."""
        line = CostLine(name="x", annual=Money("0.04"), shares=HALF)
        figures = line.figures(Period.month(2025, 1))
        assert figures.municipal + figures.partners == figures.cost

    def test_explain_names_every_step(self) -> None:
        """The explanation names the annual amount, the proration, the saving and the shares."""
        line = CostLine(
            name="Uitvoer regioplan",
            annual=Money(800000),
            reductions=[Reduction(amount=Money(40000), reason="no new activities", source="memo")],
            shares={"municipalities": Decimal("0.7"), "partners": Decimal("0.3")},
        )
        text = "\n".join(line.figures(Q1).explain())
        assert "€ 800.000,00 a year" in text
        assert "3 of 12 months" in text
        assert "less € 40.000,00: no new activities (memo)" in text
        assert "fixed share 0,7 of € 160.000,00" in text
        assert "by inhabitants" in text

    def test_days_basis(self) -> None:
        """A period inside a month is prorated by days when asked."""
        line = CostLine(name="x", annual=Money(36500))
        period = Period.parse("2025-01-01/2025-01-10")
        assert line.figures(period, basis=ProrationBasis.DAYS).cost == Money(1000)


class TestCostLineErrors:
    def test_shares_not_summing_to_one(self) -> None:
        """Shares that do not sum to exactly 1 are refused."""
        with pytest.raises(AllocationError, match="sum to exactly 1"):
            CostLine(
                name="x",
                annual=Money(1),
                shares={"municipalities": Decimal("0.7"), "partners": Decimal("0.2")},
            )

    def test_shares_without_municipalities(self) -> None:
        """Shares must name the municipalities."""
        with pytest.raises(AllocationError, match="'municipalities'"):
            CostLine(name="x", annual=Money(1), shares={"gemeenten": 1})

    def test_shares_not_a_mapping(self) -> None:
        """Shares given as a number are refused with an example of the right form."""
        with pytest.raises(AllocationError, match="Fixed key or a mapping"):
            CostLine(name="x", annual=Money(1), shares=Decimal("0.5"))  # type: ignore[arg-type]

    def test_float_share(self) -> None:
        """A float share is refused."""
        with pytest.raises(FloatNotAllowedError, match=r"share of 'municipalities' must not be a float"):
            CostLine(name="x", annual=Money(1), shares={"municipalities": 0.5, "partners": 0.5})  # type: ignore[dict-item]

    def test_float_annual(self) -> None:
        """A float annual amount is refused with a TypeError."""
        with pytest.raises(FloatNotAllowedError, match="annual"):
            CostLine(name="x", annual=800000.0)  # type: ignore[arg-type]
        assert issubclass(FloatNotAllowedError, TypeError)

    def test_int_annual(self) -> None:
        """An int annual amount is refused: write Money(...)."""
        with pytest.raises(MoneyError, match="Money"):
            CostLine(name="x", annual=800000)  # type: ignore[arg-type]

    def test_negative_annual(self) -> None:
        """A negative annual amount is refused."""
        with pytest.raises(ScenarioError, match="negative"):
            CostLine(name="x", annual=Money(-1))

    def test_negative_reduction(self) -> None:
        """A negative reduction is refused."""
        with pytest.raises(ScenarioError, match="negative"):
            Reduction(amount=Money(-1), reason="x")

    def test_empty_name(self) -> None:
        """A line needs a name."""
        with pytest.raises(ScenarioError, match="'name'"):
            CostLine(name=" ", annual=Money(1))

    def test_reductions_not_reductions(self) -> None:
        """Reductions must be Reduction values."""
        with pytest.raises(ScenarioError, match="Reduction"):
            CostLine(name="x", annual=Money(1), reductions=[Money(1)])  # type: ignore[list-item]

    def test_bad_split(self) -> None:
        """A split must be a MemberSplit or an allocation key."""
        with pytest.raises(ScenarioError, match="MemberSplit"):
            CostLine(name="x", annual=Money(1), split="equal")  # type: ignore[arg-type]

    def test_reductions_exceed_the_line(self) -> None:
        """Reductions larger than the line's amount in the period are refused, naming the line."""
        line = CostLine(
            name="Coördinatiekosten",
            annual=Money(800000),
            reductions=[Reduction(amount=Money(200001), reason="x")],
        )
        with pytest.raises(ScenarioError, match=r"'Coördinatiekosten'.*exceed"):
            line.figures(Q1)

    def test_line_rounding_must_be_largest_remainder(self) -> None:
        """A line is never rounded half up each, or its parts would not add up."""
        with pytest.raises(ScenarioError, match="LargestRemainder"):
            CostLine(name="x", annual=Money(1)).figures(Q1, rounding=HalfUpEach())  # type: ignore[arg-type]


class TestScenario:
    def test_totals(self) -> None:
        """The totals are the sums of the lines."""
        s = _scenario()
        assert s.annual_total == Money(1400000)
        assert s.prorated_total == Money(350000)
        assert s.total == Money(350000)
        assert s.municipal_total == Money(275000)
        assert s.partner_total == Money(75000)
        assert s.partner_totals() == {"partners": Money(75000)}

    def test_split_equal_and_by_inhabitants(self) -> None:
        """The equal line is split equally, the rest by inhabitants, rounded once."""
        s = _scenario()
        # 200.000 equally; 75.000 by inhabitants 3:1.
        assert s.member("A").pays == Money(100000 + 56250)
        assert s.member("B").pays == Money(100000 + 18750)
        assert s.member("A").column("equally") == Money(100000)
        assert s.member("A").column("by inhabitants") == Money(56250)
        assert s.residue == Money(0)

    def test_region_as_members(self) -> None:
        """A Region may be given as the members."""
        from izafunding.examples import ijssel_vecht

        s = _scenario(members=ijssel_vecht.region())
        assert len(s.member_figures) == 8

    def test_custom_key(self) -> None:
        """A line may be split by any key over the members' names."""
        line = CostLine(name="x", annual=Money(400), split=ProRata({"B": 1}))
        s = _scenario(lines=[line])
        assert s.member("B").pays == Money(100)
        assert s.member("A").pays == Money(0)

    def test_offsets_beside_what_members_pay(self) -> None:
        """An offset is split over the members and shown beside what each pays, with net."""
        s = _scenario(offsets=[Offset(name="ZonMw", amount=Money(4000))])
        a = s.member("A")
        assert a.offset("ZonMw") == Money(3000)
        assert a.net == a.pays - Money(3000)
        assert s.offsets_total == Money(4000)
        assert s.offset_splits()[0][1].total == Money(4000)

    def test_unknown_offset_and_column(self) -> None:
        """Asking for an offset or column that is not there names the known ones."""
        member = _scenario().member("A")
        with pytest.raises(UnknownNameError, match="offsets: none"):
            member.offset("ZonMw")
        with pytest.raises(UnknownNameError, match="equally"):
            member.column("by weight")

    def test_half_up_each_residue(self) -> None:
        """Under HalfUpEach the residue is the municipal part less the sum of the parts."""
        s = _scenario(
            lines=[CostLine(name="x", annual=Money(400), split=MemberSplit.EQUAL)],
            members=_members(A=1, B=1, C=1),
            rounding=HalfUpEach(unit=Money(1)),
        )
        assert s.municipal_total == Money(100)
        assert [m.pays for m in s.member_figures] == [Money(33)] * 3
        assert s.residue == Money(1)
        assert "a residue of € 1,00" in s.render()

    def test_largest_remainder_in_euros_on_cents(self) -> None:
        """Largest remainder in whole euros cannot split an amount with cents: it says so."""
        with pytest.raises(AllocationError, match="HalfUpEach"):
            _scenario(
                lines=[CostLine(name="x", annual=Money("4.04"))],
                rounding=LargestRemainder(unit=Money(1)),
            )

    def test_zero_cost(self) -> None:
        """A scenario whose lines cost nothing splits nothing."""
        s = _scenario(lines=[CostLine(name="x", annual=Money(0))])
        assert [m.pays for m in s.member_figures] == [Money(0), Money(0)]

    def test_equality_and_hash(self) -> None:
        """Scenarios are values: equal when built from equal inputs, and hashable."""
        assert _scenario() == _scenario()
        assert hash(_scenario()) == hash(_scenario())
        assert _scenario() != _scenario(name="other")

    def test_repr_round_trips(self) -> None:
        """repr shows the inputs, not the computed figures."""
        assert "_computed" not in repr(_scenario())
        assert repr(_scenario()).startswith("Scenario(name='test'")

    def test_evolve_recomputes(self) -> None:
        """attrs.evolve builds a new, recomputed scenario."""
        s = attrs.evolve(_scenario(), rounding=HalfUpEach(unit=Money(1)))
        assert s.rounding == HalfUpEach(unit=Money(1))
        assert s.total == _scenario().total

    def test_explain_and_rows_and_html(self) -> None:
        """The scenario explains itself, converts to rows and renders as HTML."""
        s = _scenario(offsets=[Offset(name="ZonMw", amount=Money(4000))])
        text = "\n".join(s.explain())
        assert "A pays" in text
        assert "1 of 2 equal parts" in text
        assert "3 of 4 inhabitants" in text
        rows = s.to_rows()
        assert {"scenario", "section", "name", "figure", "amount"} == set(rows[0])
        assert {"section": "municipality", "name": "A", "figure": "pays"}.items() <= next(
            r for r in rows if r["name"] == "A" and r["figure"] == "pays"
        ).items()
        html = s._repr_html_()
        assert html.startswith("<div")
        assert "<table>" in html
        assert "ZonMw" in html
        assert "How" not in s.render()
        assert "A pays" in s.render(explain=True)


class TestScenarioErrors:
    def test_no_lines(self) -> None:
        """A scenario needs a cost line."""
        with pytest.raises(ScenarioError, match="at least one cost line"):
            _scenario(lines=[])

    def test_no_members(self) -> None:
        """A scenario needs a member."""
        with pytest.raises(ScenarioError, match="at least one member"):
            _scenario(members=[])

    def test_line_twice(self) -> None:
        """Two lines with the same name are refused."""
        line = CostLine(name="x", annual=Money(1))
        with pytest.raises(ScenarioError, match="'x' appears twice"):
            _scenario(lines=[line, line])

    def test_member_twice(self) -> None:
        """Two members with the same name are refused."""
        with pytest.raises(ScenarioError, match="'A' appears twice"):
            _scenario(members=[*_members(A=1), *_members(A=2)])

    def test_offset_twice(self) -> None:
        """Two offsets with the same name are refused."""
        offset = Offset(name="ZonMw", amount=Money(1))
        with pytest.raises(ScenarioError, match="'ZonMw' appears twice"):
            _scenario(offsets=[offset, offset])

    @pytest.mark.parametrize("name", ["pays", "cost", "Net", "municipalities"])
    def test_offset_name_reserved(self, name: str) -> None:
        """An offset may not take the name of a scenario figure, or compare() would mix them up."""
        with pytest.raises(ScenarioError, match="taken by a figure"):
            Offset(name=name, amount=Money(1))

    def test_partner_name_reserved(self) -> None:
        """A partner may not be called after a scenario figure such as 'cost'."""
        with pytest.raises(AllocationError, match="taken by a figure"):
            CostLine(
                name="a",
                annual=Money(100),
                shares={"municipalities": Decimal("0.5"), "cost": Decimal("0.5")},
            )

    def test_offset_over_some_members(self) -> None:
        """An offset split over some members only gives the others nothing, not an error."""
        offset = Offset(name="X", amount=Money(100), split=ProRata({"A": 1}))
        scenario = _scenario(offsets=[offset])
        assert scenario.member("A").offsets == (("X", Money(100)),)
        assert scenario.member("B").offsets == (("X", Money(0)),)

    def test_member_without_inhabitants(self) -> None:
        """Splitting by inhabitants needs every member's count."""
        members = [Member(municipality=Municipality("A")), *_members(B=1)]
        with pytest.raises(ScenarioError, match="A has no inhabitant count"):
            _scenario(members=members)

    def test_equal_split_needs_no_inhabitants(self) -> None:
        """Without inhabitants an equal split still works."""
        members = [Member(municipality=Municipality("A")), Member(municipality=Municipality("B"))]
        line = CostLine(name="x", annual=Money(400), split=MemberSplit.EQUAL)
        s = _scenario(lines=[line], members=members)
        assert s.member("A").pays == Money(50)
        assert "inhabitants" not in s.render_members().splitlines()[1]

    def test_unknown_municipality_in_key(self) -> None:
        """A key naming a municipality that is not a member is refused, naming it."""
        line = CostLine(name="x", annual=Money(1), split=Equal(["A", "Zwole"]))
        with pytest.raises(UnknownNameError, match="'Zwole' is not a member"):
            _scenario(lines=[line])

    def test_unknown_member_lookup(self) -> None:
        """Looking up an unknown member suggests the closest name."""
        s = _scenario(members=_members(Zwolle=1, Kampen=1))
        with pytest.raises(UnknownNameError, match="did you mean 'Zwolle'"):
            s.member("Zwole")
        with pytest.raises(UnknownNameError, match="did you mean 'Zwolle'"):
            s.member_info("Zwole")
        with pytest.raises(UnknownNameError, match="no cost line called 'netwrk'"):
            s.line("netwrk")

    def test_bad_rounding(self) -> None:
        """The rounding must be a declared policy."""
        with pytest.raises(ScenarioError, match="'rounding'"):
            _scenario(rounding="half up")

    def test_bad_line_rounding(self) -> None:
        """Lines are rounded by largest remainder only."""
        with pytest.raises(ScenarioError, match="'line_rounding'"):
            _scenario(line_rounding=HalfUpEach())

    def test_bad_period_and_basis(self) -> None:
        """The period must be a Period and the basis a ProrationBasis."""
        with pytest.raises(ScenarioError, match="'period'"):
            _scenario(period="2025-Q1")
        with pytest.raises(ScenarioError, match="'basis'"):
            _scenario(basis="months")

    def test_lines_not_lines(self) -> None:
        """The lines must be CostLine values."""
        with pytest.raises(ScenarioError, match="CostLine"):
            _scenario(lines=["network"])
        with pytest.raises(ScenarioError, match="sequence"):
            _scenario(lines="network")

    def test_reduction_larger_than_line(self) -> None:
        """A reduction larger than its line in the period is refused at construction."""
        line = CostLine(name="x", annual=Money(4), reductions=[Reduction(amount=Money(2), reason="r")])
        with pytest.raises(ScenarioError, match="exceed"):
            _scenario(lines=[line])

    def test_errors_are_funding_errors(self) -> None:
        """ScenarioError is a FundingError and a ValueError."""
        assert issubclass(ScenarioError, FundingError)
        assert issubclass(ScenarioError, ValueError)


class TestVariants:
    def test_municipalities_make_up(self) -> None:
        """When partners do not pay and municipalities make up, the lines cost the same."""
        s = _scenario().without_partners(shortfall=PartnerShortfall.MUNICIPALITIES_PAY)
        assert s.total == Money(350000)
        assert s.municipal_total == Money(350000)
        assert s.partner_total == Money(0)
        assert s.line("network").line.shares.share("partners") == 0
        assert "make up the difference" in s.name

    def test_keep_percentages(self) -> None:
        """When partners do not pay and municipalities keep their percentages, the work shrinks."""
        s = _scenario().without_partners(shortfall=PartnerShortfall.KEEP_PERCENTAGES)
        assert s.line("network").cost == Money(75000)
        assert s.municipal_total == _scenario().municipal_total
        assert s.partner_total == Money(0)
        reduction = s.line("network").line.reductions[-1]
        assert reduction.amount == Money(75000)
        assert "partners do not pay their 50%" in reduction.reason

    def test_one_partner_of_two(self) -> None:
        """Dropping one partner leaves the others' shares, renormalised when the work shrinks."""
        line = CostLine(
            name="x",
            annual=Money(1200),
            shares={"municipalities": Fraction(1, 2), "insurer": Fraction(1, 4), "GGD": Fraction(1, 4)},
        )
        s = _scenario(lines=[line])
        pay = s.without_partners(shortfall=PartnerShortfall.MUNICIPALITIES_PAY, partners=["GGD"])
        assert pay.line("x").partner_parts() == {"insurer": Money(75), "GGD": Money(0)}
        assert pay.line("x").municipal == Money(225)
        keep = s.without_partners(shortfall=PartnerShortfall.KEEP_PERCENTAGES, partners="GGD")
        assert keep.line("x").cost == Money(225)
        assert keep.line("x").municipal == Money(150)
        assert keep.line("x").partner_parts()["insurer"] == Money(75)

    def test_line_paid_wholly_by_partners(self) -> None:
        """A line paid wholly by partners disappears when they keep their percentages."""
        line = CostLine(name="x", annual=Money(1200), shares={"municipalities": 0, "partners": 1})
        s = _scenario(lines=[line, CostLine(name="y", annual=Money(4))])
        keep = s.without_partners(shortfall=PartnerShortfall.KEEP_PERCENTAGES)
        assert keep.line("x").cost == Money(0)

    def test_unknown_partner(self) -> None:
        """Naming a partner that is in no line is refused, listing the partners."""
        with pytest.raises(UnknownNameError, match="no partner called 'Zilveren Kruis'"):
            _scenario().without_partners(
                shortfall=PartnerShortfall.MUNICIPALITIES_PAY, partners=["Zilveren Kruis"]
            )

    def test_bad_shortfall(self) -> None:
        """The shortfall must be a PartnerShortfall."""
        with pytest.raises(ScenarioError, match="PartnerShortfall"):
            _scenario().without_partners(shortfall="pay")  # type: ignore[arg-type]

    def test_scaled_to_award(self) -> None:
        """Scaling to an award keeps the proportion, exactly, and says how."""
        s = _scenario().scaled_to_award(Money(1400001), source="award letter")
        assert s.annual_total == Money(1400001)
        network = s.line("network").line
        assert network.annual == Money("600000.43")
        assert "3/7 of the award € 1.400.001,00 (award letter)" in network.derivation
        assert "award letter" in "\n".join(s.line("network").explain())

    def test_scaled_to_award_refuses_zero_lines(self) -> None:
        """Lines that are all zero have no proportion to keep."""
        s = _scenario(lines=[CostLine(name="x", annual=Money(0))])
        with pytest.raises(ScenarioError, match="all zero"):
            s.scaled_to_award(Money(1))

    def test_scaled_to_award_refuses_floats(self) -> None:
        """The award must be Money."""
        with pytest.raises(FloatNotAllowedError, match=r"'annual' must not be a float \(got 3023765\.0\):"):
            _scenario().scaled_to_award(3023765.0)  # type: ignore[arg-type]


def _figures(s: Scenario) -> dict[tuple[str, str, str], Money]:
    return {(f.section, f.name, f.figure): f.amount for f in s.figures()}


class TestProperties:
    @given(scenarios())
    def test_parts_add_up_per_line(self, s: Scenario) -> None:
        """Each line's municipal and partner parts add up to its cost, which is prorated less reductions."""
        for f in s.line_figures:
            assert f.municipal + f.partners == f.cost
            assert sum(f.partner_parts().values(), Money(0)) == f.partners
            assert f.cost == f.prorated - f.reductions
        assert s.municipal_total + s.partner_total == s.total

    @given(scenarios())
    def test_split_adds_up_or_reports_residue(self, s: Scenario) -> None:
        """The split over members adds up to the municipal part, or differs by exactly the residue."""
        parts = sum((m.pays for m in s.member_figures), Money(0))
        assert parts + s.residue == s.municipal_total
        if isinstance(s.rounding, LargestRemainder):
            assert s.residue == Money(0)
        else:
            limit = Fraction(s.rounding.unit.cents * len(s.members), 2)
            assert abs(s.residue.cents) <= limit
        for m in s.member_figures:
            assert abs(m.pays.as_fraction() - m.exact) < s.rounding.unit.as_fraction()

    @given(scenarios(rounding=st.just(LargestRemainder())))
    def test_largest_remainder_conserves(self, s: Scenario) -> None:
        """Under largest remainder the members pay exactly the municipal part, offsets too."""
        assert sum((m.pays for m in s.member_figures), Money(0)) == s.municipal_total
        for offset, alloc in s.offset_splits():
            assert alloc.total == offset.amount

    @given(scenarios(), st.randoms(use_true_random=False))
    def test_order_independent(self, s: Scenario, rnd: random.Random) -> None:
        """Shuffling the lines, members and offsets changes no figure."""
        lines, members, offsets = list(s.lines), list(s.members), list(s.offsets)
        rnd.shuffle(lines)
        rnd.shuffle(members)
        rnd.shuffle(offsets)
        shuffled = attrs.evolve(s, lines=lines, members=members, offsets=offsets)
        assert _figures(shuffled) == _figures(s)

    @given(scenarios())
    def test_without_partners(self, s: Scenario) -> None:
        """Without partners the municipalities pay everything, or the partners' work is dropped."""
        pay = s.without_partners(shortfall=PartnerShortfall.MUNICIPALITIES_PAY)
        assert pay.total == s.total
        assert pay.partner_total == Money(0)
        assert pay.municipal_total == s.total
        keep = s.without_partners(shortfall=PartnerShortfall.KEEP_PERCENTAGES)
        assert keep.partner_total == Money(0)
        assert keep.total == s.municipal_total
        for before, after in zip(s.line_figures, keep.line_figures, strict=True):
            assert after.municipal == before.municipal

    @given(scenarios(), st.integers(0, 10**10))
    def test_scaled_to_award_adds_up(self, s: Scenario, cents: int) -> None:
        """Scaled to an award, the lines' annual amounts add up to it exactly."""
        if s.annual_total.is_zero():
            return
        try:
            scaled = s.scaled_to_award(Money.from_cents(cents))
        except ScenarioError:
            # A smaller award may no longer carry a line's reductions: refused, not hidden.
            return
        assert scaled.annual_total == Money.from_cents(cents)

    @given(cost_lines())
    def test_cost_lines_strategy(self, line: CostLine) -> None:
        """Generated cost lines fit any period of whole months."""
        assert line.figures(Period.month(2025, 2)).cost >= Money(0)


class TestToml:
    def test_example_file(self) -> None:
        """The example file reproduces the memo's scenario."""
        s = parse_scenario_toml(EXAMPLE_TOML, "ijssel-vecht.toml")
        assert s.total == Money(660000)
        assert s.municipal_total == Money(462000)
        assert s.member("Dalfsen").pays == Money(45021)
        assert s.member("Zwolle").offset("ZonMw") == Money(29783)
        assert s.residue == Money(1)

    def test_from_toml(self) -> None:
        """Scenario.from_toml reads the same text."""
        assert Scenario.from_toml(EXAMPLE_TOML) == parse_scenario_toml(EXAMPLE_TOML, "x")

    def test_optional_fields(self) -> None:
        """Reference dates, codes, sources, custom splits and a day basis are read."""
        text = """
name = "x"
period = "2025-01-01/2025-01-10"
basis = "days"
source = "a memo"
rounding = { policy = "largest-remainder" }

[[cost_line]]
name = "a"
annual = 36500
split = { Dalfsen = 1, Ommen = "3" }
source = "line source"

[[cost_line.reductions]]
amount = "€ 100"
reason = "saving"
source = "p. 3"

[[member]]
name = "Dalfsen"
code = "GM0148"
inhabitants = 29683
reference_date = 2024-01-01

[[member]]
name = "Ommen"
inhabitants = 19035
reference_date = "2024-01-01"

[[offset]]
name = "ZonMw"
amount = "€ 10"
split = "equal"
source = "letter"
"""
        s = parse_scenario_toml(text, "x.toml")
        assert s.line("a").cost == Money(900)
        assert s.member("Ommen").pays == Money(675)
        assert s.member("Dalfsen").offset("ZonMw") == Money(5)
        member = s.member_info("Dalfsen")
        assert member.municipality.code == "GM0148"
        assert member.inhabitants is not None
        assert str(member.inhabitants.reference_date) == "2024-01-01"
        assert s.line("a").line.reductions[0].source == "p. 3"

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            (('annual = "€ 800.000"', 'annual = 800000.5'), r"line 14: \[\[cost_line\]\] #2 \('Coördinatiekosten'\), field 'annual': 800000.5 is a float"),
            (('annual = "€ 800.000"', 'annual = "€ 800.OOO"'), r"line 14: .*field 'annual': cannot read '€ 800.OOO'"),
            (('"70%"', '"70"'), r"line 28: \[\[cost_line\]\] #4 \('Uitvoer regioplan'\), field 'shares': .*sum to exactly 1"),
            (('"70%"', '0.7'), r"line 28: .*field 'shares', municipalities: 0.7 is a float"),
            (('municipalities = "50%"', 'gemeenten = "50%"'), r"line 9: .*field 'shares': .*'municipalities'"),
            (('split = "equal"', 'split = "equally"'), r"line 23: .*field 'split': 'equally' is not a split"),
            (('split = "equal"', 'split = { Dalfsen = 1, Zwole = 1 }'), r"line 23: .*field 'split': 'Zwole' is not a member"),
            (('inhabitants = 29683', 'inhabitants = "29.683"'), r"line 34: \[\[member\]\] #1 \('Dalfsen'\), field 'inhabitants': write the number"),
            (('inhabitants = 29683', 'inhabitants = 29683\ninhabitans = 1'), r"\[\[member\]\] #1 \('Dalfsen'\): unknown field 'inhabitans'"),
            (('name = "Kampen"', 'name = "Dalfsen"'), r"line 41: \[\[member\]\] #3, field 'name': 'Dalfsen' appears twice"),
            (('amount = "€ 50.000"', 'amount = "€ 250.000"'), r"line 17: \[\[cost_line\]\] #2 \('Coördinatiekosten'\), field 'reductions': .*exceed"),
            (('amount = "€ 85.239"', 'amount = 85239.0'), r"line 66: \[\[offset\]\] #1 \('ZonMw'\), field 'amount': 85239.0 is a float"),
            (('period = "2025-Q1"', 'period = "2025-Q5"'), r"line 2: field 'period': cannot read '2025-Q5'"),
            (('policy = "half-up-each"', 'policy = "half up"'), r"line 4: field 'rounding', policy: 'half up' is not a rounding policy"),
            (('unit = "€ 1"', 'unit = "€ 0"'), r"field 'rounding', unit: .*positive"),
            (('rounding = { policy = "half-up-each", unit = "€ 1" }\n', ''), r"field 'rounding': missing; declare how"),
            (('name = "IJssel-Vecht, continue until 1-4-2025"\n', ''), r"field 'name': missing"),
            (('period = "2025-Q1"', 'period = "2025-Q1"\nperiods = 1'), r"unknown field 'periods'"),
            (('name = "Organisatie netwerk"\nannual = "€ 600.000"', 'name = "Organisatie netwerk"'), r"line 6: .*field 'annual': missing"),
            (('[[offset]]', '[[offset]]\nnaam = "x"'), r"\[\[offset\]\] #1 \('ZonMw'\): unknown field 'naam'"),
            (('reductions = [{ amount = "€ 50.000", reason = "chain approaches suspended" }]', 'reductions = [{ amount = "€ 50.000" }]'), r"field 'reductions', #1, reason: missing"),
        ],
    )
    def test_malformed_file_names_line_and_field(self, change: tuple[str, str], message: str) -> None:
        """A malformed file is refused with an error naming the file, the line, the table and the field."""
        text = EXAMPLE_TOML.replace(*change, 1)
        assert text != EXAMPLE_TOML
        with pytest.raises(InputFileError, match=message) as info:
            parse_scenario_toml(text, "s.toml")
        assert str(info.value).startswith("s.toml")

    def test_syntax_error_names_line(self) -> None:
        """A TOML syntax error names the file and the line."""
        with pytest.raises(InputFileError, match=r"s.toml: not valid TOML: .*line 2"):
            parse_scenario_toml('name = "x"\nperiod = 2025-Q1\n', "s.toml")

    def test_no_members_or_lines(self) -> None:
        """A file without members or cost lines says what to add."""
        head = 'name = "x"\nperiod = "2025"\nrounding = { policy = "largest-remainder" }\n'
        with pytest.raises(InputFileError, match=r"no \[\[member\]\] tables"):
            parse_scenario_toml(head, "s.toml")
        with pytest.raises(InputFileError, match=r"no \[\[cost_line\]\] tables"):
            parse_scenario_toml(head + '[[member]]\nname = "A"\n', "s.toml")

    def test_member_table_not_array(self) -> None:
        """Members written as a single table are refused with the right form."""
        text = 'name = "x"\nperiod = "2025"\nrounding = { policy = "largest-remainder" }\n[member]\nname = "A"\n'
        with pytest.raises(InputFileError, match=r"write each entry as a \[\[member\]\] table"):
            parse_scenario_toml(text, "s.toml")

    def test_inhabitants_missing_for_a_split(self) -> None:
        """A member without inhabitants where a line splits by inhabitants is refused, naming it."""
        text = EXAMPLE_TOML.replace("inhabitants = 29683\n", "", 1)
        with pytest.raises(InputFileError, match=r"s.toml: .*Dalfsen has no inhabitant count"):
            parse_scenario_toml(text, "s.toml")

    def test_render_with_alternatives(self) -> None:
        """The file's scenario is printed with each alternative asked for and its comparison."""
        out = render_scenario_file(
            EXAMPLE_TOML, "s.toml", without_partners="keep-percentages", award="€ 3.023.765"
        )
        assert "€ 462.000" in out
        assert "€ 755.941,25" in out
        assert out.count("Compared with the scenario in the file") == 2
        with pytest.raises(InputFileError, match="--without-partners"):
            render_scenario_file(EXAMPLE_TOML, "s.toml", without_partners="nobody")


class TestCli:
    def test_scenario_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """izafunding scenario FILE.toml prints the cost lines, the split and the residue."""
        path = tmp_path / "s.toml"
        path.write_text(EXAMPLE_TOML, encoding="utf-8")
        assert main(["scenario", str(path), "--explain"]) == 0
        out = capsys.readouterr().out
        assert "€ 660.000" in out
        assert "€ 116.544" in out
        assert "a residue of € 1,00" in out
        assert "Dalfsen pays € 45.021,00" in out

    def test_alternatives(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--without-partners and --award add the alternatives and their comparison."""
        path = tmp_path / "s.toml"
        path.write_text(EXAMPLE_TOML, encoding="utf-8")
        code = main(["scenario", str(path), "--without-partners", "municipalities-pay", "--award", "€ 3.023.765"])
        assert code == 0
        out = capsys.readouterr().out
        assert "€ 185.726" in out
        assert "€ 755.941,25" in out

    def test_template(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--template prints a scenario file that runs."""
        assert main(["scenario", "--template"]) == 0
        text = capsys.readouterr().out
        assert parse_scenario_toml(text, "t.toml").total == Money(660000)

    def test_malformed_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A malformed file exits with 2 and one line naming the file, line and field."""
        path = tmp_path / "s.toml"
        path.write_text(EXAMPLE_TOML.replace('"€ 600.000"', "600000.0"), encoding="utf-8")
        assert main(["scenario", str(path)]) == 2
        err = capsys.readouterr().err
        assert f"{path}: line 8: [[cost_line]] #1 ('Organisatie netwerk'), field 'annual'" in err

    def test_missing_file(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A missing file or no file at all is an error, not a traceback."""
        assert main(["scenario", "/nonexistent/s.toml"]) == 2
        assert "cannot read the file" in capsys.readouterr().err
        assert main(["scenario"]) == 2
        assert "--template" in capsys.readouterr().err

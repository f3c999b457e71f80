"""Tests of compare(): two scenarios per line and per municipality."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given

from izafunding import (
    Comparison,
    CostLine,
    LargestRemainder,
    MemberSplit,
    Money,
    PartnerShortfall,
    Period,
    Scenario,
    ScenarioError,
    UnknownNameError,
    compare,
)
from izafunding._core.regions import InhabitantCount, Member, Municipality
from izafunding._scenarios.compare import side_by_side
from izafunding.examples import ijssel_vecht
from izafunding.strategies import scenarios


MEMO = ijssel_vecht.scenario()
PAYING = MEMO.without_partners(shortfall=PartnerShortfall.MUNICIPALITIES_PAY)


def _small(*lines: CostLine, members: tuple[str, ...] = ("A", "B")) -> Scenario:
    return Scenario(
        name="small",
        period=Period.year(2025),
        lines=lines,
        members=[
            Member(
                municipality=Municipality(n),
                inhabitants=InhabitantCount(count=1, reference_date=None, source="t"),
            )
            for n in members
        ],
        rounding=LargestRemainder(),
    )


class TestCompare:
    def test_both_figures_and_difference(self) -> None:
        """Each row has both figures and the difference b - a."""
        diff = compare(MEMO, PAYING)
        row = diff.row("municipality", "Zwolle", "pays")
        assert (row.a, row.b, row.difference) == (Money(116544), Money(185726), Money(69182))
        row = diff.row("line", "Uitvoer regioplan", "partners")
        assert (row.a, row.b, row.difference) == (Money(48000), Money(0), Money(-48000))
        row = diff.row("total", "all lines", "municipalities")
        assert row.difference == Money(198000)

    def test_per_line_and_per_municipality(self) -> None:
        """The rows cover every line and every municipality, and the totals."""
        diff = compare(MEMO, PAYING)
        sections = {(r.section, r.name) for r in diff.rows}
        assert {("line", line.name) for line in MEMO.lines} <= sections
        assert {("municipality", m.name) for m in MEMO.members} <= sections
        assert ("total", "all lines") in sections
        assert ("total", "all municipalities") in sections

    def test_unchanged_figures_do_not_differ(self) -> None:
        """Figures that stay the same show no difference."""
        diff = compare(MEMO, PAYING)
        row = diff.row("line", "Lokale inzet gemeenten", "cost")
        assert not row.differs
        assert row.difference == Money(0)
        assert row not in diff.differences()

    def test_line_in_one_scenario_only(self) -> None:
        """A line in only one scenario shows None on the other side; its difference counts it."""
        a = _small(CostLine(name="x", annual=Money(100)))
        b = _small(CostLine(name="x", annual=Money(100)), CostLine(name="y", annual=Money(40)))
        diff = compare(a, b)
        row = diff.row("line", "y", "cost")
        assert (row.a, row.b, row.difference) == (None, Money(40), Money(40))
        assert row.differs
        names = [r.name for r in diff.rows if r.section == "line"]
        assert names.index("y") == names.index("x") + 5
        assert "only in B" in "\n".join(diff.explain())
        back = compare(b, a).row("line", "y", "cost")
        assert (back.a, back.b) == (Money(40), None)
        assert "only in A" in "\n".join(compare(b, a).explain())

    def test_member_in_one_scenario_only(self) -> None:
        """A member in only one scenario is shown after the other members."""
        line = CostLine(name="x", annual=Money(300), split=MemberSplit.EQUAL)
        diff = compare(_small(line), _small(line, members=("A", "B", "C")))
        municipalities = [r.name for r in diff.rows if r.section == "municipality"]
        assert municipalities == ["A", "B", "C"]
        assert diff.row("municipality", "C", "pays").a is None

    def test_unknown_row(self) -> None:
        """Asking for a figure neither scenario has says which sections exist."""
        with pytest.raises(UnknownNameError, match="sections are"):
            compare(MEMO, MEMO).row("municipality", "Deventer", "pays")

    def test_not_a_scenario(self) -> None:
        """compare refuses anything but scenarios."""
        with pytest.raises(ScenarioError, match="two Scenario values"):
            compare(MEMO, "memo")  # type: ignore[arg-type]

    def test_rows_text_and_html(self) -> None:
        """A comparison converts to plain rows, renders as text and as an HTML table."""
        diff = compare(MEMO, PAYING)
        rows = diff.to_rows()
        assert set(rows[0]) == {"section", "name", "figure", "a", "b", "difference"}
        zwolle = next(r for r in rows if r["name"] == "Zwolle" and r["figure"] == "pays")
        assert zwolle["difference"] == Money(69182).amount
        text = diff.render()
        assert "B - A" in text
        assert "€ 69.182" in text
        assert len(diff.render(only_differences=True)) < len(text)
        html = diff._repr_html_()
        assert html.startswith("<table class='izafunding-comparison'>")
        assert "€ 69.182" in html
        assert "font-weight:bold" in html

    def test_explain(self) -> None:
        """The explanation says, per differing figure, how much more or less."""
        lines = compare(MEMO, PAYING).explain()
        assert any("Zwolle, pays: € 116.544,00 in A, € 185.726,00 in B: € 69.182,00 more in B" in x for x in lines)
        assert compare(MEMO, MEMO).explain() == (f"{MEMO.name!r} and {MEMO.name!r} have the same figures.",)

    def test_comparison_is_a_value(self) -> None:
        """A Comparison is a frozen value."""
        diff = compare(MEMO, PAYING)
        assert isinstance(diff, Comparison)
        with pytest.raises(attrs.exceptions.FrozenInstanceError, match=r"can't set attribute"):
            diff.a = PAYING  # type: ignore[misc]

    def test_side_by_side(self) -> None:
        """Several scenarios print side by side, one column each."""
        text = side_by_side(list(ijssel_vecht.alternatives().items()))
        header = text.splitlines()[0]
        for label in ("memo", "municipalities make up", "work halved", "real award"):
            assert label in header
        with pytest.raises(ScenarioError, match=r"side_by_side needs at least one \(label, scenario\)"):
            side_by_side([])


class TestProperties:
    @given(scenarios())
    def test_compare_with_itself(self, s: Scenario) -> None:
        """Comparing a scenario with itself shows no difference."""
        diff = compare(s, s)
        assert not diff.has_differences
        assert diff.differences() == ()
        assert all(row.difference == Money(0) for row in diff.rows)

    @given(scenarios(max_lines=3, max_members=4), scenarios(max_lines=3, max_members=4))
    def test_antisymmetric(self, a: Scenario, b: Scenario) -> None:
        """compare(b, a) has the same rows as compare(a, b) with the difference negated."""
        forward = {(r.section, r.name, r.figure): r for r in compare(a, b).rows}
        backward = {(r.section, r.name, r.figure): r for r in compare(b, a).rows}
        assert forward.keys() == backward.keys()
        for key, row in forward.items():
            assert backward[key].difference == -row.difference
            assert (backward[key].a, backward[key].b) == (row.b, row.a)

    @given(scenarios())
    def test_difference_is_b_minus_a(self, s: Scenario) -> None:
        """Against the partners-pay-nothing variant, every difference is b - a."""
        other = s.without_partners(shortfall=PartnerShortfall.MUNICIPALITIES_PAY)
        for row in compare(s, other).rows:
            assert row.a is not None
            assert row.b is not None
            assert row.difference == row.b - row.a

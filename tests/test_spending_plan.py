"""
Tests of spending plans and multi-year budget tables.

Sources: the shapes of Raadsmededeling 2023-918's appendix (Deventer, 17 October 2023,
seed 000) and of the budget table of the raadsessie IZA - GALA (18 April 2023, seed 003).
"""

from __future__ import annotations

import pytest

from izafunding import (
    BudgetLine,
    BudgetTable,
    FindingKind,
    Grant,
    Money,
    PlanLine,
    SchemeError,
    SpendingPlan,
    StatedFigure,
    StatedKind,
    UnknownNameError,
)
from izafunding.schemes import SPUK_IZA


def _plan(**kw: object) -> SpendingPlan:
    lines = [
        PlanLine(number=1, description="a", owner="X", group="G", criterion="a", amount=Money(60)),
        PlanLine(number=2, description="b", owner="Y", group="H", criterion="b", amount=Money(30)),
        PlanLine(number=3, description="c", owner="Y", group="H", amount=None),
    ]
    args: dict[str, object] = {
        "title": "plan",
        "year": 2023,
        "budget": Money(100),
        "lines": lines,
        "criteria": {"a": "first", "b": "second"},
        "source": "doc",
    }
    args.update(kw)
    return SpendingPlan(**args)  # type: ignore[arg-type]


class TestSpendingPlan:
    """Subtotals, remaining room, p.m. lines and checks."""

    def test_figures(self) -> None:
        """Totals per group and per owner, and the remaining room."""
        plan = _plan()
        assert plan.subtotals() == {"G": Money(60), "H": Money(30)}
        assert plan.by_owner() == {"X": Money(60), "Y": Money(30)}
        assert plan.total == Money(90)
        assert plan.remaining == Money(10)
        assert [ln.number for ln in plan.pending()] == [3]

    def test_stated_figures(self) -> None:
        """A stated figure that differs is an inconsistency; a rounded one that fits is not."""
        plan = _plan(
            stated=[
                StatedFigure(kind=StatedKind.TOTAL, amount=Money(90), where="table"),
                StatedFigure(
                    kind=StatedKind.TOTAL, amount=Money(100), rounded_to=Money(100), where="text"
                ),
                StatedFigure(
                    kind=StatedKind.GROUP_SUBTOTAL, group="H", amount=Money(31), where="t"
                ),
                StatedFigure(
                    kind=StatedKind.OWNER_SUBTOTAL, group="X", amount=Money(60), where="t"
                ),
                StatedFigure(kind=StatedKind.REMAINING, amount=Money(10), where="t"),
            ]
        )
        (finding,) = plan.findings()
        assert finding.kind is FindingKind.INCONSISTENCY
        assert finding.amount == Money(1)

    def test_over_budget(self) -> None:
        """A plan above its budget is a finding."""
        plan = _plan(budget=Money(80))
        assert [f.kind for f in plan.findings()] == [FindingKind.PLAN]
        assert plan.findings()[0].amount == Money(10)

    def test_against_grant(self) -> None:
        """A budget that differs from the award is a finding."""
        grant = Grant(scheme=SPUK_IZA, recipient="R", awarded={2023: Money(99)})
        (finding,) = _plan().findings(grant)
        assert finding.amount == Money(1)

    def test_display(self) -> None:
        """explain(), render(), to_rows() and HTML show the plan."""
        plan = _plan()
        assert "p.m." in plan.render()
        assert any("line 3" in line for line in plan.explain())
        assert plan.to_rows()[2]["amount"] is None
        assert "<table>" in plan._repr_html_()

    def test_unknown_group_and_line(self) -> None:
        """Unknown groups and lines say what exists."""
        with pytest.raises(UnknownNameError, match="did you mean 'G'"):
            _plan().subtotal("GG")
        with pytest.raises(UnknownNameError, match="lines 1-3"):
            _plan().line(4)

    def test_bad_plans(self) -> None:
        """Duplicate numbers, unknown criteria, no lines, bad amounts are refused."""
        line = PlanLine(number=1, description="a", owner="X", group="G", amount=Money(1))
        with pytest.raises(SchemeError, match="distinct"):
            _plan(lines=[line, line])
        with pytest.raises(SchemeError, match="criterion 'z'"):
            _plan(
                lines=[
                    PlanLine(
                        number=1, description="a", owner="X", group="G", criterion="z", amount=None
                    )
                ]
            )
        with pytest.raises(SchemeError, match="at least one line"):
            _plan(lines=[])
        with pytest.raises(SchemeError, match=r"p\.m\."):
            PlanLine(number=1, description="a", owner="X", group="G", amount=5)  # type: ignore[arg-type]
        with pytest.raises(SchemeError, match="non-empty"):
            PlanLine(number=1, description="", owner="X", group="G", amount=None)
        with pytest.raises(SchemeError, match="PlanLine"):
            _plan(lines=["line"])


class TestCents:
    """Plans and tables with amounts in cents display them instead of failing."""

    def test_plan_with_cents(self) -> None:
        """A plan line of € 10,50 renders, explains and reports its findings with the cents."""
        line = PlanLine(number=4, description="d", owner="X", group="G", amount=Money("10.50"))
        plan = _plan(lines=[line], budget=Money("5.25"))
        text = "\n".join([plan.render(), *plan.explain(), *(str(f) for f in plan.findings())])
        assert "€ 10,50" in text
        assert "€ 5,25" in text
        assert "<table" in plan._repr_html_()

    def test_table_with_cents(self) -> None:
        """A budget table with cents renders and reports a gap in cents."""
        table = BudgetTable(
            title="t",
            source="s",
            lines=[BudgetLine(label="A", amounts={2023: Money("1.50")})],
            stated_totals={2023: Money(2)},
        )
        assert "€ 0,50" in "\n".join(str(f) for f in table.findings())
        assert "€ 1,50" in table.render()


class TestBudgetTable:
    """Multi-year tables with stated totals."""

    def test_consistent(self) -> None:
        """A table whose totals are the sums has no findings."""
        table = BudgetTable(
            title="t",
            source="s",
            lines=[BudgetLine(label="A", amounts={2023: Money(1), 2024: Money(2)})],
            stated_totals={2023: Money(1), 2024: Money(2)},
        )
        assert table.findings() == ()
        assert table.years == (2023, 2024)

    def test_less_than_lines(self) -> None:
        """A stated total below its lines is reported as less."""
        table = BudgetTable(
            title="t",
            source="s",
            lines=[BudgetLine(label="A", amounts={2023: Money(5)})],
            stated_totals={2023: Money(4)},
        )
        (finding,) = table.findings()
        assert "less" in finding.message
        assert finding.amount == Money(-1)

    def test_bad_input(self) -> None:
        """Years must be ints and amounts Money; lines must exist."""
        with pytest.raises(SchemeError, match=r"years must be ints such as 2023 \(got '2023'\)"):
            BudgetLine(label="A", amounts={"2023": Money(1)})  # type: ignore[arg-type]
        with pytest.raises(SchemeError, match=r"the amount for 2023 must be a Money \(got 1\)"):
            BudgetLine(label="A", amounts={2023: 1})  # type: ignore[arg-type]
        table = BudgetTable(title="t", source="s", lines=[])
        with pytest.raises(UnknownNameError, match=r"t has no line 'A' \(lines: \)"):
            table.line("A")

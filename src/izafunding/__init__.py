"""
izafunding: the rules of Dutch municipal health funding (SPUK IZA, GALA and
the IZA transformation funds) as exact, explained, tested Python.

>>> from izafunding import Money, ProRata, LargestRemainder, allocate
>>> allocate(Money(262000), ProRata({"Ommen": 19035, "Zwolle": 135720}),
...          rounding=LargestRemainder(unit=Money(1)))["Ommen"]
Money('32226.00')
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .errors import (
    AllocationError,
    DistributionTooLargeError,
    FloatNotAllowedError,
    FundingError,
    InputFileError,
    MilestoneError,
    MoneyError,
    ParseError,
    PeriodError,
    ProbabilityError,
    RegionError,
    ScenarioError,
    SchemeError,
    UnknownNameError,
)


if TYPE_CHECKING:
    from ._core.allocation import Allocation
    from ._core.findings import Finding, FindingKind
    from ._core.keys import AllocationKey, Composite, Equal, Fixed, ProRata
    from ._core.money import Money, RoundingMode
    from ._core.periods import Period
    from ._core.proration import Proration, ProrationBasis, prorate
    from ._core.rounding import HalfUpEach, LargestRemainder, Rounding, allocate
    from ._scenarios.base import MemberSplit
    from ._scenarios.compare import Comparison, ComparisonRow, compare
    from ._scenarios.figures import Figure, LineFigures, MemberFigures
    from ._scenarios.inputs import CostLine, Offset, PartnerShortfall, Reduction
    from ._scenarios.scenario import Scenario
    from ._schemes.budget_table import BudgetLine, BudgetTable
    from ._schemes.final_settlement import FinalSettlement, YearContribution
    from ._schemes.grants import Grant
    from ._schemes.members import MemberAccount, MembersYear, OverspendRule, RegionAgreement
    from ._schemes.overview import FundingOverview, OverviewFigure, funding_overview
    from ._schemes.settlement import Settlement
    from ._schemes.settlement_years import ComponentSettlement, YearSettlement
    from ._schemes.sisa import SisaReport, SisaRow
    from ._schemes.sisa_shapes import SisaIndicator, SisaShape, SisaWording
    from ._schemes.spending_plan import PlanLine, SpendingPlan, StatedFigure, StatedKind
    from ._transformation.distribution import Distribution
    from ._transformation.grant import LateAccounting, PassThrough, TransformationGrant
    from ._transformation.grant_settlement import PartnerLine, TransformationSettlement
    from ._transformation.milestones import (
        AllAreas,
        CommonFactor,
        Milestone,
        MilestoneKind,
        ShareOfAreas,
    )
    from ._transformation.mitigation import Mitigation
    from ._transformation.outcomes import MilestoneOutcome, ScheduleSettlement
    from ._transformation.risk import RepaymentRisk, RiskProfile
    from ._transformation.schedule import MilestoneSchedule
    from ._transformation.stakes import Stake


__all__ = [
    "AllAreas",
    "Allocation",
    "AllocationError",
    "AllocationKey",
    "BudgetLine",
    "BudgetTable",
    "CommonFactor",
    "Comparison",
    "ComparisonRow",
    "ComponentSettlement",
    "Composite",
    "CostLine",
    "Distribution",
    "DistributionTooLargeError",
    "Equal",
    "Figure",
    "FinalSettlement",
    "Finding",
    "FindingKind",
    "Fixed",
    "FloatNotAllowedError",
    "FundingError",
    "FundingOverview",
    "Grant",
    "HalfUpEach",
    "InputFileError",
    "LargestRemainder",
    "LateAccounting",
    "LineFigures",
    "MemberAccount",
    "MemberFigures",
    "MemberSplit",
    "MembersYear",
    "Milestone",
    "MilestoneError",
    "MilestoneKind",
    "MilestoneOutcome",
    "MilestoneSchedule",
    "Mitigation",
    "Money",
    "MoneyError",
    "Offset",
    "OverspendRule",
    "OverviewFigure",
    "ParseError",
    "PartnerLine",
    "PartnerShortfall",
    "PassThrough",
    "Period",
    "PeriodError",
    "PlanLine",
    "ProRata",
    "ProbabilityError",
    "Proration",
    "ProrationBasis",
    "Reduction",
    "RegionAgreement",
    "RegionError",
    "RepaymentRisk",
    "RiskProfile",
    "Rounding",
    "RoundingMode",
    "Scenario",
    "ScenarioError",
    "ScheduleSettlement",
    "SchemeError",
    "Settlement",
    "ShareOfAreas",
    "SisaIndicator",
    "SisaReport",
    "SisaRow",
    "SisaShape",
    "SisaWording",
    "SpendingPlan",
    "Stake",
    "StatedFigure",
    "StatedKind",
    "TransformationGrant",
    "TransformationSettlement",
    "UnknownNameError",
    "YearContribution",
    "YearSettlement",
    "allocate",
    "compare",
    "funding_overview",
    "prorate",
]

__version__ = "0.1.0.dev0"


# The errors are imported at once; every other public name (the core too) loads on first use, so
# `import izafunding` stays fast and a command of the command line loads only what it uses (PEP 562).
_LAZY: dict[str, str] = {
    "Allocation": "izafunding._core.allocation",
    "AllocationKey": "izafunding._core.keys",
    "Composite": "izafunding._core.keys",
    "Equal": "izafunding._core.keys",
    "Fixed": "izafunding._core.keys",
    "HalfUpEach": "izafunding._core.rounding",
    "LargestRemainder": "izafunding._core.rounding",
    "ProRata": "izafunding._core.keys",
    "Rounding": "izafunding._core.rounding",
    "allocate": "izafunding._core.rounding",
    "Money": "izafunding._core.money",
    "RoundingMode": "izafunding._core.money",
    "Period": "izafunding._core.periods",
    "Proration": "izafunding._core.proration",
    "ProrationBasis": "izafunding._core.proration",
    "prorate": "izafunding._core.proration",
    "AllAreas": "izafunding._transformation.milestones",
    "BudgetLine": "izafunding._schemes.budget_table",
    "BudgetTable": "izafunding._schemes.budget_table",
    "CommonFactor": "izafunding._transformation.milestones",
    "Comparison": "izafunding._scenarios.compare",
    "ComparisonRow": "izafunding._scenarios.compare",
    "ComponentSettlement": "izafunding._schemes.settlement_years",
    "FinalSettlement": "izafunding._schemes.final_settlement",
    "CostLine": "izafunding._scenarios.inputs",
    "Distribution": "izafunding._transformation.distribution",
    "Figure": "izafunding._scenarios.figures",
    "Finding": "izafunding._core.findings",
    "FindingKind": "izafunding._core.findings",
    "FundingOverview": "izafunding._schemes.overview",
    "Grant": "izafunding._schemes.grants",
    "LateAccounting": "izafunding._transformation.grant",
    "LineFigures": "izafunding._scenarios.figures",
    "MemberAccount": "izafunding._schemes.members",
    "MemberFigures": "izafunding._scenarios.figures",
    "MemberSplit": "izafunding._scenarios.base",
    "MembersYear": "izafunding._schemes.members",
    "Milestone": "izafunding._transformation.milestones",
    "MilestoneKind": "izafunding._transformation.milestones",
    "MilestoneOutcome": "izafunding._transformation.outcomes",
    "MilestoneSchedule": "izafunding._transformation.schedule",
    "Mitigation": "izafunding._transformation.mitigation",
    "Offset": "izafunding._scenarios.inputs",
    "OverspendRule": "izafunding._schemes.members",
    "OverviewFigure": "izafunding._schemes.overview",
    "PartnerLine": "izafunding._transformation.grant_settlement",
    "PartnerShortfall": "izafunding._scenarios.inputs",
    "PassThrough": "izafunding._transformation.grant",
    "PlanLine": "izafunding._schemes.spending_plan",
    "Reduction": "izafunding._scenarios.inputs",
    "RegionAgreement": "izafunding._schemes.members",
    "RepaymentRisk": "izafunding._transformation.risk",
    "RiskProfile": "izafunding._transformation.risk",
    "Scenario": "izafunding._scenarios.scenario",
    "ScheduleSettlement": "izafunding._transformation.outcomes",
    "Settlement": "izafunding._schemes.settlement",
    "ShareOfAreas": "izafunding._transformation.milestones",
    "SisaIndicator": "izafunding._schemes.sisa_shapes",
    "SisaReport": "izafunding._schemes.sisa",
    "SisaRow": "izafunding._schemes.sisa",
    "SisaShape": "izafunding._schemes.sisa_shapes",
    "SisaWording": "izafunding._schemes.sisa_shapes",
    "SpendingPlan": "izafunding._schemes.spending_plan",
    "Stake": "izafunding._transformation.stakes",
    "StatedFigure": "izafunding._schemes.spending_plan",
    "StatedKind": "izafunding._schemes.spending_plan",
    "TransformationGrant": "izafunding._transformation.grant",
    "TransformationSettlement": "izafunding._transformation.grant_settlement",
    "YearContribution": "izafunding._schemes.final_settlement",
    "YearSettlement": "izafunding._schemes.settlement_years",
    "compare": "izafunding._scenarios.compare",
    "funding_overview": "izafunding._schemes.overview",
}


# The public modules, reachable as attributes after `import izafunding` (loaded on first use).
_SUBMODULES: frozenset[str] = frozenset({"data", "examples", "schemes", "strategies"})


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        try:
            return importlib.import_module(f"izafunding.{name}")
        except ModuleNotFoundError as e:
            if e.name != "hypothesis":
                raise
            msg = "izafunding.strategies needs Hypothesis: pip install 'izafunding[testing]'"
            raise FundingError(msg) from None
    module = _LAZY.get(name)
    if module is None:
        msg = f"module 'izafunding' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__) | _SUBMODULES)

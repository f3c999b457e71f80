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

from ._allocation import (
    Allocation,
    AllocationKey,
    Composite,
    Equal,
    Fixed,
    HalfUpEach,
    LargestRemainder,
    ProRata,
    Rounding,
    allocate,
)
from ._money import Money, RoundingMode
from ._periods import Period
from ._proration import Proration, ProrationBasis, prorate
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
    from ._compare import Comparison, ComparisonRow, compare
    from ._findings import Finding, FindingKind
    from ._grants import Grant
    from ._milestones import (
        AllAreas,
        CommonFactor,
        Milestone,
        MilestoneKind,
        MilestoneOutcome,
        MilestoneSchedule,
        Mitigation,
        ScheduleSettlement,
        ShareOfAreas,
    )
    from ._risk import Distribution, RepaymentRisk, RiskProfile, Stake
    from ._scenarios import (
        CostLine,
        Figure,
        LineFigures,
        MemberFigures,
        MemberSplit,
        Offset,
        PartnerShortfall,
        Reduction,
        Scenario,
    )
    from ._settlement import (
        ComponentSettlement,
        FinalSettlement,
        Settlement,
        YearContribution,
        YearSettlement,
    )
    from ._spending_plan import (
        BudgetLine,
        BudgetTable,
        PlanLine,
        SpendingPlan,
        StatedFigure,
        StatedKind,
    )
    from ._transformation import (
        LateAccounting,
        PartnerLine,
        PassThrough,
        TransformationGrant,
        TransformationSettlement,
    )


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
    "Grant",
    "HalfUpEach",
    "InputFileError",
    "LargestRemainder",
    "LateAccounting",
    "LineFigures",
    "MemberFigures",
    "MemberSplit",
    "Milestone",
    "MilestoneError",
    "MilestoneKind",
    "MilestoneOutcome",
    "MilestoneSchedule",
    "Mitigation",
    "Money",
    "MoneyError",
    "Offset",
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
    "prorate",
]

__version__ = "0.1.0.dev0"


# The core (money, periods, allocation, errors) is imported at once; the rest of the
# public names load on first use, so `import izafunding` stays fast (PEP 562).
_LAZY: dict[str, str] = {
    "AllAreas": "izafunding._milestones",
    "BudgetLine": "izafunding._spending_plan",
    "BudgetTable": "izafunding._spending_plan",
    "CommonFactor": "izafunding._milestones",
    "Comparison": "izafunding._compare",
    "ComparisonRow": "izafunding._compare",
    "ComponentSettlement": "izafunding._settlement",
    "FinalSettlement": "izafunding._settlement",
    "YearContribution": "izafunding._settlement",
    "CostLine": "izafunding._scenarios",
    "Distribution": "izafunding._risk",
    "Figure": "izafunding._scenarios",
    "Finding": "izafunding._findings",
    "FindingKind": "izafunding._findings",
    "Grant": "izafunding._grants",
    "LateAccounting": "izafunding._transformation",
    "LineFigures": "izafunding._scenarios",
    "MemberFigures": "izafunding._scenarios",
    "MemberSplit": "izafunding._scenarios",
    "Milestone": "izafunding._milestones",
    "MilestoneKind": "izafunding._milestones",
    "MilestoneOutcome": "izafunding._milestones",
    "MilestoneSchedule": "izafunding._milestones",
    "Mitigation": "izafunding._milestones",
    "Offset": "izafunding._scenarios",
    "PartnerLine": "izafunding._transformation",
    "PartnerShortfall": "izafunding._scenarios",
    "PassThrough": "izafunding._transformation",
    "PlanLine": "izafunding._spending_plan",
    "Reduction": "izafunding._scenarios",
    "RepaymentRisk": "izafunding._risk",
    "RiskProfile": "izafunding._risk",
    "Scenario": "izafunding._scenarios",
    "ScheduleSettlement": "izafunding._milestones",
    "Settlement": "izafunding._settlement",
    "ShareOfAreas": "izafunding._milestones",
    "SpendingPlan": "izafunding._spending_plan",
    "Stake": "izafunding._risk",
    "StatedFigure": "izafunding._spending_plan",
    "StatedKind": "izafunding._spending_plan",
    "TransformationGrant": "izafunding._transformation",
    "TransformationSettlement": "izafunding._transformation",
    "YearSettlement": "izafunding._settlement",
    "compare": "izafunding._compare",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        msg = f"module 'izafunding' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))

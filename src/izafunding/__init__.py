"""
izafunding: the rules of Dutch municipal health funding (SPUK IZA, GALA and
the IZA transformation funds) as exact, explained, tested Python.

>>> from izafunding import Money, ProRata, LargestRemainder, allocate
>>> allocate(Money(262000), ProRata({"Ommen": 19035, "Zwolle": 135720}),
...          rounding=LargestRemainder(unit=Money(1)))["Ommen"]
Money('32226.00')
"""

from __future__ import annotations

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
from ._money import Money, RoundingMode
from ._periods import Period
from ._proration import Proration, ProrationBasis, prorate
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
from ._settlement import ComponentSettlement, Settlement, YearSettlement
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
    "YearSettlement",
    "allocate",
    "compare",
    "prorate",
]

__version__ = "0.1.0.dev0"

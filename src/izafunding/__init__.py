"""
izafunding: the rules of Dutch municipal health funding (SPUK IZA, GALA and
the IZA transformation funds) as exact, explained, tested Python.

>>> from izafunding import Money, ProRata, LargestRemainder, allocate
>>> allocate(Money(262000), ProRata({"Ommen": 19035, "Zwolle": 135720}),
...          rounding=LargestRemainder(unit=Money(1)))["Ommen"]
Money('32226.00')
"""

from __future__ import annotations

import builtins
import importlib

from ._version import __version__ as __version__


# Not `from typing import TYPE_CHECKING`: `import izafunding` does not load typing (a type checker
# reads any name TYPE_CHECKING as true).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from types import ModuleType
    from typing import Any
else:
    ModuleType = type(builtins)



class _Deferred:
    """A public name not loaded yet: which module defines it (stands in its place while recording)."""

    __slots__ = ("module",)

    def __init__(self, module: str) -> None:
        self.module = module


class _DeferredModule(ModuleType):
    """What a recorded ``from .m import X`` receives instead of the module: X becomes a _Deferred."""

    def __getattr__(self, name: str) -> _Deferred:
        return _Deferred(self.__name__)


class _PublicNames:
    """Run the public imports below once, as written, without loading the modules they name.

    The imports are the one list of public names: a type checker reads them as they are (each
    ``X as X``, an explicit re-export), and at run time this block records them instead, so that
    ``__all__`` and the lazy map are derived from them. Only this package's own relative imports
    are recorded (any other import, of another thread too, goes through unchanged; a tool that
    swapped ``builtins.__import__`` itself while this block runs would be undone); the errors are
    imported at once.
    """

    _EAGER = frozenset({"errors"})

    def __init__(self, namespace: dict[str, Any]) -> None:
        self._namespace = namespace
        self._import = builtins.__import__
        self.lazy: dict[str, str] = {}
        self.names: list[str] = []

    def _record(
        self,
        name: str,
        globals: Mapping[str, object] | None = None,
        locals: Mapping[str, object] | None = None,
        fromlist: Sequence[str] | None = (),
        level: int = 0,
    ) -> ModuleType:
        if level == 1 and globals is self._namespace and fromlist:
            self.names += fromlist
            if name not in self._EAGER:
                module = f"{__name__}.{name}"
                self.lazy.update(dict.fromkeys(fromlist, module))
                return _DeferredModule(module)
        return self._import(name, globals, locals, fromlist, level)

    def __enter__(self) -> None:
        builtins.__import__ = self._record

    def __exit__(self, *_: object) -> None:
        builtins.__import__ = self._import
        for name in self.lazy:  # each recorded `from .m import X as X` bound X to a _Deferred
            if isinstance(self._namespace.get(name), _Deferred):
                del self._namespace[name]
        self.names.sort()


# The public names, each written once. The errors are imported at once; every other name (the
# core too) loads on first use, so `import izafunding` stays fast and a command of the command line
# loads only what it uses (PEP 562).
_public = _PublicNames(globals())
with _public:
    from ._core.allocation import Allocation as Allocation
    from ._core.findings import Finding as Finding
    from ._core.findings import FindingKind as FindingKind
    from ._core.keys import AllocationKey as AllocationKey
    from ._core.keys import Composite as Composite
    from ._core.keys import Equal as Equal
    from ._core.keys import Fixed as Fixed
    from ._core.keys import ProRata as ProRata
    from ._core.money import Money as Money
    from ._core.money import RoundingMode as RoundingMode
    from ._core.periods import Period as Period
    from ._core.proration import Proration as Proration
    from ._core.proration import ProrationBasis as ProrationBasis
    from ._core.proration import prorate as prorate
    from ._core.rounding import HalfUpEach as HalfUpEach
    from ._core.rounding import LargestRemainder as LargestRemainder
    from ._core.rounding import Rounding as Rounding
    from ._core.rounding import allocate as allocate
    from ._scenarios.base import MemberSplit as MemberSplit
    from ._scenarios.compare import Comparison as Comparison
    from ._scenarios.compare import ComparisonRow as ComparisonRow
    from ._scenarios.compare import compare as compare
    from ._scenarios.figures import Figure as Figure
    from ._scenarios.figures import LineFigures as LineFigures
    from ._scenarios.figures import MemberFigures as MemberFigures
    from ._scenarios.inputs import CostLine as CostLine
    from ._scenarios.inputs import Offset as Offset
    from ._scenarios.inputs import PartnerShortfall as PartnerShortfall
    from ._scenarios.inputs import Reduction as Reduction
    from ._scenarios.scenario import Scenario as Scenario
    from ._schemes.budget_table import BudgetLine as BudgetLine
    from ._schemes.budget_table import BudgetTable as BudgetTable
    from ._schemes.final_settlement import FinalSettlement as FinalSettlement
    from ._schemes.final_settlement import YearContribution as YearContribution
    from ._schemes.grants import Grant as Grant
    from ._schemes.members import MemberAccount as MemberAccount
    from ._schemes.members import MembersYear as MembersYear
    from ._schemes.members import OverspendRule as OverspendRule
    from ._schemes.members import RegionAgreement as RegionAgreement
    from ._schemes.overview import FundingOverview as FundingOverview
    from ._schemes.overview import OverviewFigure as OverviewFigure
    from ._schemes.overview import funding_overview as funding_overview
    from ._schemes.settlement import Settlement as Settlement
    from ._schemes.settlement_years import ComponentSettlement as ComponentSettlement
    from ._schemes.settlement_years import YearSettlement as YearSettlement
    from ._schemes.sisa import SisaReport as SisaReport
    from ._schemes.sisa import SisaRow as SisaRow
    from ._schemes.sisa_shapes import SisaIndicator as SisaIndicator
    from ._schemes.sisa_shapes import SisaShape as SisaShape
    from ._schemes.sisa_shapes import SisaWording as SisaWording
    from ._schemes.spending_plan import PlanLine as PlanLine
    from ._schemes.spending_plan import SpendingPlan as SpendingPlan
    from ._schemes.spending_plan import StatedFigure as StatedFigure
    from ._schemes.spending_plan import StatedKind as StatedKind
    from ._transformation.distribution import Distribution as Distribution
    from ._transformation.grant import LateAccounting as LateAccounting
    from ._transformation.grant import PassThrough as PassThrough
    from ._transformation.grant import TransformationGrant as TransformationGrant
    from ._transformation.grant_settlement import PartnerLine as PartnerLine
    from ._transformation.grant_settlement import (
        TransformationSettlement as TransformationSettlement,
    )
    from ._transformation.milestones import AllAreas as AllAreas
    from ._transformation.milestones import CommonFactor as CommonFactor
    from ._transformation.milestones import Milestone as Milestone
    from ._transformation.milestones import MilestoneKind as MilestoneKind
    from ._transformation.milestones import ShareOfAreas as ShareOfAreas
    from ._transformation.mitigation import Mitigation as Mitigation
    from ._transformation.outcomes import MilestoneOutcome as MilestoneOutcome
    from ._transformation.outcomes import ScheduleSettlement as ScheduleSettlement
    from ._transformation.risk import RepaymentRisk as RepaymentRisk
    from ._transformation.risk import RiskProfile as RiskProfile
    from ._transformation.schedule import MilestoneSchedule as MilestoneSchedule
    from ._transformation.stakes import Stake as Stake
    from .errors import AllocationError as AllocationError
    from .errors import DistributionTooLargeError as DistributionTooLargeError
    from .errors import FloatNotAllowedError as FloatNotAllowedError
    from .errors import FundingError as FundingError
    from .errors import InputFileError as InputFileError
    from .errors import MilestoneError as MilestoneError
    from .errors import MoneyError as MoneyError
    from .errors import ParseError as ParseError
    from .errors import PeriodError as PeriodError
    from .errors import ProbabilityError as ProbabilityError
    from .errors import RegionError as RegionError
    from .errors import ScenarioError as ScenarioError
    from .errors import SchemeError as SchemeError
    from .errors import UnknownNameError as UnknownNameError

__all__ = _public.names
_LAZY: dict[str, str] = _public.lazy
del _public


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

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
from ._findings import Finding, FindingKind
from ._grants import Grant
from ._money import Money, RoundingMode
from ._periods import Period
from ._proration import Proration, ProrationBasis, prorate
from ._settlement import ComponentSettlement, Settlement, YearSettlement
from .errors import (
    AllocationError,
    FloatNotAllowedError,
    FundingError,
    InputFileError,
    MoneyError,
    ParseError,
    PeriodError,
    SchemeError,
    UnknownNameError,
)


__all__ = [
    "Allocation",
    "AllocationError",
    "AllocationKey",
    "ComponentSettlement",
    "Composite",
    "Equal",
    "Finding",
    "FindingKind",
    "Fixed",
    "FloatNotAllowedError",
    "FundingError",
    "Grant",
    "HalfUpEach",
    "InputFileError",
    "LargestRemainder",
    "Money",
    "MoneyError",
    "ParseError",
    "Period",
    "PeriodError",
    "ProRata",
    "Proration",
    "ProrationBasis",
    "Rounding",
    "RoundingMode",
    "SchemeError",
    "Settlement",
    "UnknownNameError",
    "YearSettlement",
    "allocate",
    "prorate",
]

__version__ = "0.1.0.dev0"

"""The exception hierarchy: every error izafunding raises on purpose."""

from __future__ import annotations


__all__ = [
    "AllocationError",
    "DistributionTooLargeError",
    "FloatNotAllowedError",
    "FundingError",
    "InputFileError",
    "MilestoneError",
    "MoneyError",
    "ParseError",
    "PeriodError",
    "ProbabilityError",
    "RegionError",
    "ScenarioError",
    "SchemeError",
    "UnknownNameError",
]


class FundingError(Exception):
    """
    Base class of every exception izafunding raises on purpose.

    Each subclass also derives from the builtin that fits its meaning, so a
    caller may catch either ``FundingError`` or, say, ``ValueError``.
    Business outcomes (a limit exceeded, money to repay) are never
    exceptions: they are values with reasons.
    """


class ParseError(FundingError, ValueError):
    """
    Text (an amount in Dutch notation, a date, a file) cannot be read
    unambiguously.
    """


class MoneyError(FundingError, ValueError):
    """
    An amount is not valid money: sub-cent, not finite, or of the wrong kind
    of number for the operation.
    """


class FloatNotAllowedError(FundingError, TypeError):
    """
    A ``float`` was given where money or a weight is expected.

    Floats cannot represent most cents exactly (``0.1 + 0.2 != 0.3``), so
    izafunding refuses them; pass a ``str``, ``int``, ``Decimal`` or
    ``Fraction`` instead.
    """


class PeriodError(FundingError, ValueError):
    """A period is invalid (last day before first day) or does not fit."""


class AllocationError(FundingError, ValueError):
    """
    An allocation key (verdeelsleutel) or rounding policy is invalid: no
    recipients, a recipient twice, negative or all-zero weights, shares that
    do not sum to exactly 1, or a total the rounding unit cannot divide.
    """


class SchemeError(FundingError, ValueError):
    """
    A scheme (regeling) or grant is asked something it does not cover: a year
    outside its period, an unknown component, a malformed award.
    """


class RegionError(FundingError, ValueError):
    """
    A municipality or region is invalid: an empty name, a malformed CBS code,
    members that are not :class:`~izafunding._core.regions.Member` values.
    """


class UnknownNameError(FundingError, KeyError):
    """
    A name (municipality, region, recipient, example, component) is not
    known; the message lists the closest known names.

    It is a ``KeyError``, so the read-only mappings of izafunding behave as
    mappings (``in``, ``.get``) and callers may catch either.
    """

    def __str__(self) -> str:
        # KeyError quotes its argument; a message reads better plain.
        return str(self.args[0]) if self.args else ""


class InputFileError(ParseError):
    """
    A user's input file (TOML or CSV) is malformed; the message names the
    file, the line or table, and the field.
    """


class MilestoneError(FundingError, ValueError):
    """
    A milestone (*mijlpaal*) or milestone schedule is invalid: a name twice,
    no bearer, a due date outside the grant period, an area it does not have,
    or amounts that do not add up to the plan's budget per year or per bearer.
    """


class ProbabilityError(FundingError, ValueError):
    """
    A probability or scenario weight is not an exact number from 0 to 1, is
    missing for a milestone and area, or the weights do not sum to exactly 1;
    or a parameter of the risk computation is invalid.
    """


class DistributionTooLargeError(FundingError, ValueError):
    """
    An exact repayment distribution would need more outcomes than allowed.

    The number of outcomes grows as 2^n with the number of milestones; the
    message says how many it would need and how to raise the limit
    (``max_outcomes``). The expected value and the worst case stay exact and
    instant for any size.

    Attributes:
        outcomes: An upper bound on the outcomes it would need.

        limit: The limit that was exceeded.
    """

    def __init__(self, msg: str, outcomes: int = 0, limit: int = 0) -> None:
        super().__init__(msg)
        self.outcomes = outcomes
        self.limit = limit


class ScenarioError(FundingError, ValueError):
    """
    A scenario (cost lines, shares, members, offsets) is inconsistent: a
    reduction larger than its line, a name twice, a member without
    inhabitants where an amount is split by inhabitants.
    """

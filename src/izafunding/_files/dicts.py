"""
Inputs as JSON-safe data and back: ``to_dict`` and ``from_dict`` of a grant, a scenario, a
milestone and a milestone schedule.

They are built from the core values' data (``value_dicts.py``: an amount as ``{"euros": "1234.50",
"cents": 123450}``, an exact share as ``{"fraction": "n/d", "decimal": ...}``, a period, a key, a
rounding policy), a date as ISO text (``"2025-03-31"``) and a year as a string key (JSON keys are
text). Data that does not describe a valid input is refused with an :class:`InputFileError` that
names the place (``Scenario.from_dict: lines[0].annual``), the bad value and what would be valid.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .._core.money import Money
from ..errors import FundingError, InputFileError
from .value_dicts import (
    At,
    key_to_dict,
    money_to_dict,
    period_to_dict,
    read_key,
    read_money,
    read_number,
    read_period,
    read_rounding,
    rounding_to_dict,
    share_to_data,
)


if TYPE_CHECKING:
    from .._core.regions import Member
    from .._scenarios.base import Split
    from .._scenarios.scenario import CostLine, Offset, Reduction, Scenario
    from .._schemes.grants import Grant
    from .._transformation.milestones import Milestone, ReachRule
    from .._transformation.schedule import MilestoneSchedule


__all__ = [
    "grant_from_dict",
    "grant_to_dict",
    "milestone_from_dict",
    "milestone_to_dict",
    "scenario_from_dict",
    "scenario_to_dict",
    "schedule_from_dict",
    "schedule_to_dict",
]


# -- a grant ------------------------------------------------------------------------


def grant_to_dict(grant: Grant) -> dict[str, Any]:
    """A grant: its scheme by name, the recipient, the awards and advances per year."""
    from ..schemes import by_name

    try:
        known = by_name(grant.scheme.name) == grant.scheme
    except FundingError:
        known = False
    if not known:
        msg = (
            f"Grant.to_dict: the scheme {grant.scheme.name!r} is not one of the library's "
            f"schemes (izafunding.schemes.by_name), so it cannot be named in JSON"
        )
        raise InputFileError(msg)
    awarded: dict[str, Any] = {}
    for year, value in grant.awarded.items():
        awarded[str(year)] = (
            money_to_dict(value)
            if isinstance(value, Money)
            else {c: money_to_dict(v) for c, v in value.items()}
        )
    advances = grant.advances or {}
    return {
        "type": "Grant",
        "scheme": grant.scheme.name,
        "recipient": grant.recipient,
        "awarded": awarded,
        "advances": {str(y): money_to_dict(v) for y, v in advances.items()},
        "applicant": grant.applicant,
        "source": grant.source,
    }


def grant_from_dict(data: object) -> Grant:
    """The grant of :func:`grant_to_dict`'s data."""
    from .._schemes.grants import Grant
    from ..schemes import by_name

    at = At("Grant.from_dict")
    fields = at.mapping(
        data, ("scheme", "recipient", "awarded"), optional=("type", "advances", "applicant", "source")
    )
    _check_type(fields, "Grant", at)
    scheme = (at / "scheme").build(lambda: by_name((at / "scheme").text(fields["scheme"])))
    awarded: dict[int, Money | dict[str, Money]] = {}
    if not isinstance(fields["awarded"], Mapping):
        msg = f"must be an object of year to amount (got {fields['awarded']!r})"
        raise (at / "awarded").error(msg)
    for year, value in fields["awarded"].items():
        place = at / "awarded" / str(year)
        if isinstance(value, Mapping) and value and not set(value) <= {"euros", "cents"}:
            awarded[(at / "awarded").year(year)] = {
                (place / str(c)).text(c): read_money(v, place / str(c)) for c, v in value.items()
            }
        else:
            awarded[(at / "awarded").year(year)] = read_money(value, place)
    advances: dict[int, Money] | None = None
    if fields.get("advances") is not None:
        if not isinstance(fields["advances"], Mapping):
            msg = f"must be an object of year to amount (got {fields['advances']!r})"
            raise (at / "advances").error(msg)
        advances = {
            (at / "advances").year(y): read_money(v, at / "advances" / str(y)) for y, v in fields["advances"].items()
        }
    return at.build(
        lambda: Grant(
            scheme=scheme,
            recipient=(at / "recipient").text(fields["recipient"]),
            awarded=awarded,
            advances=advances,
            applicant=(at / "applicant").optional_text(fields.get("applicant")),
            source=(at / "source").text(fields.get("source", "")),
        )
    )


def _check_type(fields: Mapping[str, Any], name: str, at: At) -> None:
    if "type" in fields and fields["type"] != name:
        msg = f"must be {name!r} (got {fields['type']!r})"
        raise (at / "type").error(msg)


# -- a scenario -----------------------------------------------------------------------


def _split_to_data(split: Split) -> Any:
    from .._scenarios.scenario import MemberSplit

    return split.value if isinstance(split, MemberSplit) else key_to_dict(split)


def _split(data: object, at: At) -> Split:
    from .._scenarios.scenario import MemberSplit

    if isinstance(data, str):
        return at.choice(data, {s.value: s for s in MemberSplit})
    if isinstance(data, Mapping):
        return read_key(data, at)
    msg = f"must be 'equal', 'inhabitants' or an allocation key (got {data!r})"
    raise at.error(msg)


def _member_to_data(member: Member) -> dict[str, Any]:
    count = member.inhabitants
    return {
        "municipality": member.municipality.name,
        "code": member.municipality.code,
        "inhabitants": None
        if count is None
        else {
            "count": count.count,
            "reference_date": None if count.reference_date is None else count.reference_date.isoformat(),
            "source": count.source,
        },
    }


def _member(data: object, at: At) -> Member:
    from .._core.regions import InhabitantCount, Member, Municipality

    fields = at.mapping(data, ("municipality",), optional=("code", "inhabitants"))
    name = (at / "municipality").text(fields["municipality"], empty=False)
    code = (at / "code").optional_text(fields.get("code"))
    municipality = at.build(lambda: Municipality(name, code=code))
    raw = fields.get("inhabitants")
    if raw is None:
        return Member(municipality=municipality)
    place = at / "inhabitants"
    counted = place.mapping(raw, ("count",), optional=("reference_date", "source"))
    day = counted.get("reference_date")
    inhabitants = place.build(
        lambda: InhabitantCount(
            count=(place / "count").integer(counted["count"]),
            reference_date=None if day is None else (place / "reference_date").date(day),
            source=(place / "source").text(counted.get("source", "")),
        )
    )
    return Member(municipality=municipality, inhabitants=inhabitants)


def _reduction_to_data(r: Reduction) -> dict[str, Any]:
    return {"amount": money_to_dict(r.amount), "reason": r.reason, "source": r.source}


def _line_to_data(line: CostLine) -> dict[str, Any]:
    return {
        "name": line.name,
        "annual": money_to_dict(line.annual),
        "reductions": [_reduction_to_data(r) for r in line.reductions],
        "shares": key_to_dict(line.shares),
        "split": _split_to_data(line.split),
        "source": line.source,
        "derivation": line.derivation,
    }


def _line(data: object, at: At) -> CostLine:
    from .._core.keys import Fixed
    from .._scenarios.scenario import CostLine, Reduction

    fields = at.mapping(
        data, ("name", "annual"), optional=("reductions", "shares", "split", "source", "derivation")
    )
    reductions = []
    for i, entry in enumerate((at / "reductions").items(fields.get("reductions", []))):
        place = at / "reductions" / i
        r = place.mapping(entry, ("amount", "reason"), optional=("source",))
        amount = read_money(r["amount"], place / "amount")
        reason = (place / "reason").text(r["reason"])
        source = (place / "source").text(r.get("source", ""))
        reductions.append(
            place.build(functools.partial(Reduction, amount=amount, reason=reason, source=source))
        )
    extra: dict[str, Any] = {}
    if "shares" in fields:
        shares = read_key(fields["shares"], at / "shares")
        if not isinstance(shares, Fixed):
            msg = f"must be a 'fixed' key between 'municipalities' and the partners (got {fields['shares']!r})"
            raise (at / "shares").error(msg)
        extra["shares"] = shares
    if "split" in fields:
        extra["split"] = _split(fields["split"], at / "split")
    annual = read_money(fields["annual"], at / "annual")
    return at.build(
        lambda: CostLine(
            name=(at / "name").text(fields["name"]),
            annual=annual,
            reductions=reductions,
            source=(at / "source").text(fields.get("source", "")),
            derivation=(at / "derivation").text(fields.get("derivation", "")),
            **extra,
        )
    )


def _offset_to_data(offset: Offset) -> dict[str, Any]:
    return {
        "name": offset.name,
        "amount": money_to_dict(offset.amount),
        "split": _split_to_data(offset.split),
        "source": offset.source,
    }


def _offset(data: object, at: At) -> Offset:
    from .._scenarios.scenario import Offset

    fields = at.mapping(data, ("name", "amount"), optional=("split", "source"))
    extra: dict[str, Any] = {}
    if "split" in fields:
        extra["split"] = _split(fields["split"], at / "split")
    amount = read_money(fields["amount"], at / "amount")
    return at.build(
        lambda: Offset(
            name=(at / "name").text(fields["name"]),
            amount=amount,
            source=(at / "source").text(fields.get("source", "")),
            **extra,
        )
    )


def scenario_to_dict(scenario: Scenario) -> dict[str, Any]:
    """A scenario: its period, cost lines, members, offsets and rounding policies."""
    return {
        "type": "Scenario",
        "name": scenario.name,
        "period": period_to_dict(scenario.period),
        "lines": [_line_to_data(line) for line in scenario.lines],
        "members": [_member_to_data(m) for m in scenario.members],
        "rounding": rounding_to_dict(scenario.rounding),
        "offsets": [_offset_to_data(o) for o in scenario.offsets],
        "line_rounding": rounding_to_dict(scenario.line_rounding),
        "basis": scenario.basis.value,
        "source": scenario.source,
    }


def scenario_from_dict(data: object) -> Scenario:
    """The scenario of :func:`scenario_to_dict`'s data."""
    from .._core.proration import ProrationBasis
    from .._core.rounding import LargestRemainder
    from .._scenarios.scenario import Scenario

    at = At("Scenario.from_dict")
    fields = at.mapping(
        data,
        ("name", "period", "lines", "members", "rounding"),
        optional=("type", "offsets", "line_rounding", "basis", "source"),
    )
    _check_type(fields, "Scenario", at)
    extra: dict[str, Any] = {}
    if "line_rounding" in fields:
        line_rounding = read_rounding(fields["line_rounding"], at / "line_rounding")
        if not isinstance(line_rounding, LargestRemainder):
            msg = "must be a 'largest_remainder' rounding, so that each line's parts add up"
            raise (at / "line_rounding").error(msg)
        extra["line_rounding"] = line_rounding
    if "basis" in fields:
        extra["basis"] = (at / "basis").choice(fields["basis"], {b.value: b for b in ProrationBasis})
    period = read_period(fields["period"], at / "period")
    lines = [_line(x, at / "lines" / i) for i, x in enumerate((at / "lines").items(fields["lines"]))]
    members = [_member(x, at / "members" / i) for i, x in enumerate((at / "members").items(fields["members"]))]
    offsets = [_offset(x, at / "offsets" / i) for i, x in enumerate((at / "offsets").items(fields.get("offsets", [])))]
    rounding = read_rounding(fields["rounding"], at / "rounding")
    return at.build(
        lambda: Scenario(
            name=(at / "name").text(fields["name"]),
            period=period,
            lines=lines,
            members=members,
            rounding=rounding,
            offsets=offsets,
            source=(at / "source").text(fields.get("source", "")),
            **extra,
        )
    )


# -- milestones -----------------------------------------------------------------------


def milestone_to_dict(m: Milestone) -> dict[str, Any]:
    """A milestone: kind, amount, due date (ISO), areas, bearer and the optional fields."""
    return {
        "name": m.name,
        "kind": m.kind.value,
        "amount": money_to_dict(m.amount),
        "due": m.due.isoformat(),
        "areas": list(m.areas),
        "bearer": m.bearer,
        "budget_year": m.budget_year,
        "withheld": money_to_dict(m.withheld),
        "description": m.description,
    }


def milestone_from_dict(data: object, what: str = "Milestone.from_dict") -> Milestone:
    """The milestone of :func:`milestone_to_dict`'s data."""
    return _milestone(data, At(what))


def _milestone(data: object, at: At) -> Milestone:
    from .._transformation.milestones import Milestone, MilestoneKind

    fields = at.mapping(
        data,
        ("name", "kind", "amount", "due", "areas", "bearer"),
        optional=("budget_year", "withheld", "description"),
    )
    extra: dict[str, Any] = {}
    if fields.get("withheld") is not None:
        extra["withheld"] = read_money(fields["withheld"], at / "withheld")
    year = fields.get("budget_year")
    amount = read_money(fields["amount"], at / "amount")
    areas = tuple((at / "areas" / i).text(a) for i, a in enumerate((at / "areas").items(fields["areas"])))
    return at.build(
        lambda: Milestone(
            name=(at / "name").text(fields["name"]),
            kind=(at / "kind").choice(fields["kind"], {k.value: k for k in MilestoneKind}),
            amount=amount,
            due=(at / "due").date(fields["due"]),
            areas=areas,
            bearer=(at / "bearer").text(fields["bearer"]),
            budget_year=None if year is None else (at / "budget_year").integer(year),
            description=(at / "description").text(fields.get("description", "")),
            **extra,
        )
    )


def _rule_to_data(rule: ReachRule) -> dict[str, Any]:
    from .._transformation.milestones import ShareOfAreas

    if isinstance(rule, ShareOfAreas):
        return {"rule": "share_of_areas", "share": share_to_data(rule.share), "source": rule.source}
    return {"rule": "all_areas", "source": rule.source}


def _rule(data: object, at: At) -> ReachRule:
    from .._transformation.milestones import AllAreas, ShareOfAreas

    if not isinstance(data, Mapping) or "rule" not in data:
        msg = f"must be a rule with 'rule' 'all_areas' or 'share_of_areas' (got {data!r})"
        raise at.error(msg)
    kind = (at / "rule").choice(data["rule"], {"all_areas": "all", "share_of_areas": "share"})
    if kind == "all":
        fields = at.mapping(data, ("rule",), optional=("source",))
        extra = {"source": (at / "source").text(fields["source"])} if "source" in fields else {}
        return at.build(lambda: AllAreas(**extra))
    fields = at.mapping(data, ("rule", "share"), optional=("source",))
    share = read_number(fields["share"], at / "share")
    extra = {"source": (at / "source").text(fields["source"])} if "source" in fields else {}
    return at.build(lambda: ShareOfAreas(share, **extra))


def schedule_to_dict(schedule: MilestoneSchedule) -> dict[str, Any]:
    """A milestone schedule: its milestones, plan, period, budget, bearers and rule."""
    return {
        "type": "MilestoneSchedule",
        "milestones": [milestone_to_dict(m) for m in schedule.milestones],
        "plan": schedule.plan,
        "period": None if schedule.period is None else period_to_dict(schedule.period),
        "budget": None
        if schedule.budget is None
        else {str(y): money_to_dict(v) for y, v in schedule.budget.items()},
        "bearers": None
        if schedule.bearers is None
        else {b: money_to_dict(v) for b, v in schedule.bearers.items()},
        "rule": _rule_to_data(schedule.rule),
    }


def schedule_from_dict(data: object) -> MilestoneSchedule:
    """The schedule of :func:`schedule_to_dict`'s data."""
    from .._transformation.schedule import MilestoneSchedule

    at = At("MilestoneSchedule.from_dict")
    fields = at.mapping(
        data, ("milestones",), optional=("type", "plan", "period", "budget", "bearers", "rule")
    )
    _check_type(fields, "MilestoneSchedule", at)
    milestones = [
        _milestone(x, at / "milestones" / i) for i, x in enumerate((at / "milestones").items(fields["milestones"]))
    ]
    extra: dict[str, Any] = {}
    if fields.get("period") is not None:
        extra["period"] = read_period(fields["period"], at / "period")
    if fields.get("budget") is not None:
        budget = fields["budget"]
        if not isinstance(budget, Mapping):
            msg = f"must be an object of year to amount (got {budget!r})"
            raise (at / "budget").error(msg)
        extra["budget"] = {(at / "budget").year(y): read_money(v, at / "budget" / str(y)) for y, v in budget.items()}
    if fields.get("bearers") is not None:
        bearers = fields["bearers"]
        if not isinstance(bearers, Mapping):
            msg = f"must be an object of bearer to amount (got {bearers!r})"
            raise (at / "bearers").error(msg)
        extra["bearers"] = {
            (at / "bearers").text(b): read_money(v, at / "bearers" / str(b)) for b, v in bearers.items()
        }
    if fields.get("rule") is not None:
        extra["rule"] = _rule(fields["rule"], at / "rule")
    return at.build(
        lambda: MilestoneSchedule(milestones, plan=(at / "plan").text(fields.get("plan", "")), **extra)
    )

"""Reading a milestone schedule and its chances from the text of a TOML file; rendering its risk."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from fractions import Fraction
from typing import Any, Final

import attrs

from .._core.money import Money
from .._core.periods import Period
from .._transformation.milestones import (
    AllAreas,
    CommonFactor,
    Milestone,
    MilestoneKind,
    ReachRule,
    ShareOfAreas,
)
from .._transformation.risk import (
    DEFAULT_LEVELS,
    DEFAULT_MAX_OUTCOMES,
)
from .._transformation.schedule import MilestoneSchedule
from ..errors import FundingError
from .inputs import (
    TomlLocator,
    check_keys,
    fail,
    field_money,
    field_weight,
    parse_toml,
    text_field,
)


__all__ = ["RISK_TOML", "RiskFile", "parse_risk_toml"]

#: A complete risk file: the Zutphen plan of seed 002 (schedule built from its totals) with
#: illustrative chances and a common factor.
RISK_TOML: Final = """\
# The milestones of a transformation plan and the chance that each is reached.
plan = "De Buurt als Ecosysteem, Zuidwijken (social-domain budget)"
period = "2024-01-01/2027-12-31"   # the grant period: every milestone is due inside it
rule = "all-areas"                 # a milestone counts only when reached in all its areas
                                   # (or e.g. "share 4/5": in at least 4/5 of them)

[budget]                           # optional: the plan's budget per year (checked)
2024 = "€ 34.851"
2025 = "€ 167.587"
2026 = "€ 121.977"
2027 = "€ 17.425"

[bearers]                          # optional: the agreed split of the risk (checked)
Zutphen = "€ 272.139"
Sensire = "€ 69.701"

[risk]                             # optional
levels = ["90%", "95%"]            # the amounts not exceeded with these probabilities
withhold_below = "60%"             # mitigation: withhold spending on milestones below this chance
# max_outcomes = 100000            # the largest distribution to compute

[[milestone]]
name = "M1"
kind = "effort"                    # effort (inspanning) or result (resultaat)
amount = "€ 34.851"
due = 2024-12-31
areas = ["Zuidwijken"]
bearer = "Zutphen"
chance = "95%"                     # in each area; or chances = { Zuidwijken = "95%" }

[[milestone]]
name = "M2"
kind = "effort"
amount = "€ 167.587"
due = 2025-12-31
areas = ["Zuidwijken"]
bearer = "Zutphen"
chance = "90%"

[[milestone]]
name = "M3"
kind = "effort"
amount = "€ 60.988,50"
due = 2026-12-31
areas = ["Zuidwijken"]
bearer = "Zutphen"
chance = "80%"

[[milestone]]
name = "R1"
kind = "result"
amount = "€ 60.988,50"
due = 2026-12-31
areas = ["Zuidwijken"]
bearer = "Sensire"
chance = "60%"

[[milestone]]
name = "M4"
kind = "effort"
amount = "€ 8.712,50"
due = 2027-12-31
areas = ["Zuidwijken"]
bearer = "Zutphen"
chance = "80%"

[[milestone]]
name = "R2"
kind = "result"
amount = "€ 8.712,50"
due = 2027-12-31
areas = ["Zuidwijken"]
bearer = "Sensire"
chance = "50%"
"""

_TOP: Final = ("plan", "period", "rule", "source", "budget", "bearers", "risk", "milestone", "scenario")
_MILESTONE: Final = (
    "name", "kind", "amount", "due", "areas", "bearer", "chance", "chances",
    "budget_year", "withheld", "description",
)
_RISK: Final = ("levels", "withhold_below", "max_outcomes")
_SCENARIO: Final = ("name", "weight", "chances")
_KINDS: Final = {
    "effort": MilestoneKind.EFFORT,
    "inspanning": MilestoneKind.EFFORT,
    "inspanningsmijlpaal": MilestoneKind.EFFORT,
    "result": MilestoneKind.RESULT,
    "resultaat": MilestoneKind.RESULT,
    "resultaatsmijlpaal": MilestoneKind.RESULT,
}
def _chance(value: object, where: str) -> Fraction:
    """A chance: "95%", "0.95", "0,95", "19/20", 0 or 1; floats refused; 0 to 1."""
    if isinstance(value, str) and value.strip().endswith("%"):
        number = Fraction(field_weight(value.strip()[:-1], where=where)) / 100
    else:
        number = Fraction(field_weight(value, where=where))
    if not 0 <= number <= 1:
        raise fail(where, f"a chance must lie from 0% to 100% (got {value!r})")
    return number


def _levels(text: str, where: str) -> tuple[Fraction, ...]:
    """
    Levels as --levels takes them: percentages with or without the sign
    ("90%,95%" or "90,95") or fractions ("0.9,0.95"); "0,9" (a decimal comma)
    is the fraction 0.9.

    >>> [str(x) for x in _levels("90,95", "--levels")], [str(x) for x in _levels("0,9", "--levels")]
    (['9/10', '19/20'], ['9/10'])
    """
    raw = text.strip()
    if re.fullmatch(r"0,\d+", raw):
        return (_chance(raw, where),)  # one level with a decimal comma, not 0% and 9%
    result = []
    for part in (p.strip() for p in raw.split(",")):
        if not part:
            continue
        if not part.endswith("%") and "/" not in part:
            try:
                number = Fraction(part)
            except ValueError:
                number = Fraction(-1)
            if number > 1:
                part += "%"  # 90 means 90%: a probability above 1 can only be a percentage
        result.append(_chance(part, where))
    return tuple(result)


def _date(value: object, where: str) -> date:
    if isinstance(value, datetime):
        raise fail(where, f"write a date without a time, such as 2025-12-31 (got {value!r})")
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise fail(where, f"expected a date such as 2025-12-31 (got {value!r})")


def _rule(data: Mapping[str, Any], lines: TomlLocator, cited: str) -> ReachRule:
    text = text_field(data, "rule", lines.where(field="rule"), required=False).strip().lower()
    # The rule is the user's plan's, not the seed document's, unless the file cites a source.
    source = cited or f"the rule written in {lines.source}"
    if text in ("", "all-areas", "all areas", "all"):
        return AllAreas(source=source)
    if text.startswith("share"):
        where = lines.where(field="rule")
        share = _chance(text.removeprefix("share").strip(), where)
        if share == 0:
            raise fail(where, "the share must be above 0%")
        return ShareOfAreas(share, source=source)
    raise fail(lines.where(field="rule"), f'write "all-areas" or "share 4/5" (got {text!r})')


def _amounts(data: Mapping[str, Any], name: str, lines: TomlLocator, *, years: bool) -> dict[Any, Money] | None:
    if name not in data:
        return None
    table = data[name]
    where = lines.where(name)
    if not isinstance(table, Mapping):
        raise fail(where, f"must be a table [{name}] (got {table!r})")
    out: dict[Any, Money] = {}
    for key, value in table.items():
        at = lines.where(name, None, key)
        amount = field_money(value, where=at)
        if years:
            if not re.fullmatch(r"[0-9]{4}", key):
                raise fail(at, f"the keys of [{name}] are years such as 2025 (got {key!r})")
            out[int(key)] = amount
        else:
            out[key] = amount
    return out


@attrs.frozen(kw_only=True)
class RiskFile:
    """
    What a risk file holds: the schedule, the chances (independent, or a
    common factor), and the options for the risk section.

    Attributes:
        schedule: The milestone schedule (checked on construction).

        chances: Per milestone and area, or a :class:`CommonFactor`.

        levels: The probability levels to report.

        max_outcomes: The largest distribution to compute.

        withhold_below: The mitigation threshold, if any.

        source: The document the plan comes from, if the file names it.
    """

    schedule: MilestoneSchedule
    chances: Mapping[Any, Fraction] | CommonFactor
    levels: tuple[Fraction, ...] = DEFAULT_LEVELS
    max_outcomes: int = DEFAULT_MAX_OUTCOMES
    withhold_below: Fraction | None = None
    source: str = ""


def _milestone_chances(
    table: Mapping[str, Any], name: str, areas: Sequence[str], where: str
) -> dict[Any, Fraction]:
    """The chances written on one milestone: ``chance`` for every area, or ``chances`` per area."""
    if "chance" in table and "chances" in table:
        raise fail(where, "give either chance (every area) or chances (per area), not both")
    if "chance" in table:
        return {name: _chance(table["chance"], f"{where}, field 'chance'")}
    if "chances" in table:
        per = table["chances"]
        at = f"{where}, field 'chances'"
        if not isinstance(per, Mapping):
            raise fail(at, f'write chances = {{ {areas[0]} = "90%" }} (got {per!r})')
        out: dict[Any, Fraction] = {}
        for area, value in per.items():
            if area not in areas:
                raise fail(at, f"{area!r} is not one of its areas ({', '.join(areas)})")
            out[(name, area)] = _chance(value, f"{at}, area {area!r}")
        return out
    return {}


def _milestone(table: Mapping[str, Any], i: int, lines: TomlLocator) -> tuple[Milestone, dict[Any, Fraction]]:
    label = table.get("name") if isinstance(table.get("name"), str) else ""

    def at(field: str | None = None) -> str:
        return lines.where("milestone", i, field, label=str(label))

    check_keys(table, _MILESTONE, at())
    name = text_field(table, "name", at("name"))
    kind_text = text_field(table, "kind", at("kind")).strip().lower()
    if kind_text not in _KINDS:
        raise fail(at("kind"), f'write kind = "effort" or kind = "result" (got {kind_text!r})')
    if "amount" not in table:
        raise fail(at("amount"), 'missing; write amount = "€ 34.851"')
    amount = field_money(table["amount"], where=at("amount"))
    if "due" not in table:
        raise fail(at("due"), "missing; write due = 2025-12-31")
    due = _date(table["due"], at("due"))
    areas = table.get("areas")
    if isinstance(areas, str):
        areas = [areas]
    if not isinstance(areas, list) or not areas or not all(isinstance(a, str) for a in areas):
        raise fail(at("areas"), f'write areas = ["Zuidwijken"] (got {areas!r})')
    bearer = text_field(table, "bearer", at("bearer"))
    budget_year = table.get("budget_year")
    if budget_year is not None and (isinstance(budget_year, bool) or not isinstance(budget_year, int)):
        raise fail(at("budget_year"), f"write a year such as budget_year = 2025 (got {budget_year!r})")
    withheld = field_money(table["withheld"], where=at("withheld")) if "withheld" in table else Money(0)
    description = text_field(table, "description", at("description"), required=False)
    try:
        milestone = Milestone(
            name=name,
            kind=_KINDS[kind_text],
            amount=amount,
            due=due,
            areas=tuple(areas),
            bearer=bearer,
            budget_year=budget_year,
            withheld=withheld,
            description=description,
        )
    except FundingError as e:
        raise fail(at(), str(e)) from None
    return milestone, _milestone_chances(table, name, milestone.areas, at())


def _scenarios(
    data: Mapping[str, Any], lines: TomlLocator, own: Mapping[Any, Fraction], schedule: MilestoneSchedule
) -> CommonFactor | None:
    items = data.get("scenario")
    if items is None:
        return None
    if not isinstance(items, list) or not items:
        raise fail(lines.where(field="scenario"), "write each scenario as a [[scenario]] table")
    scenarios: dict[str, tuple[Fraction, dict[Any, Fraction]]] = {}
    for i, table in enumerate(items):
        if not isinstance(table, Mapping):
            raise fail(lines.where("scenario", i), f"must be a table (got {table!r})")
        label = table.get("name") if isinstance(table.get("name"), str) else ""

        def at(field: str | None = None, i: int = i, label: object = label) -> str:
            return lines.where("scenario", i, field, label=str(label))

        check_keys(table, _SCENARIO, at())
        name = text_field(table, "name", at("name"))
        if name in scenarios:
            raise fail(at("name"), f"two scenarios are called {name!r}")
        if "weight" not in table:
            raise fail(at("weight"), 'missing; write weight = "3/4" (the weights sum to 1)')
        weight = _chance(table["weight"], at("weight"))
        # The milestones' own chances, per area; the scenario overrides what it names.
        chances: dict[Any, Fraction] = {}
        for m in schedule.milestones:
            for area in m.areas:
                p = own.get((m.name, area), own.get(m.name))
                if p is not None:
                    chances[(m.name, area)] = p
        given = table.get("chances", {})
        if not isinstance(given, Mapping):
            raise fail(at("chances"), f'write chances = {{ M1 = "90%" }} (got {given!r})')
        for milestone, value in given.items():
            if milestone not in schedule.names:
                raise fail(at("chances"), f"{milestone!r} is not a milestone (milestones: {', '.join(schedule.names)})")
            areas = schedule.milestone(milestone).areas
            if isinstance(value, Mapping):
                for area, p in value.items():
                    if area not in areas:
                        raise fail(at("chances"), f"milestone {milestone!r} has no area {area!r} ({', '.join(areas)})")
                    chances[(milestone, area)] = _chance(p, f"{at('chances')}, {milestone}.{area}")
            else:
                p = _chance(value, f"{at('chances')}, {milestone}")
                for area in areas:
                    chances[(milestone, area)] = p
        scenarios[name] = (weight, chances)
    try:
        return CommonFactor(scenarios)
    except FundingError as e:
        raise fail(lines.where("scenario", 0), str(e)) from None


def parse_risk_toml(text: str, source: str) -> RiskFile:
    """
    Read a risk file (see :data:`RISK_TOML`); every error names the file, the
    line, the table and the field.

    >>> risk_file = parse_risk_toml(RISK_TOML, "zutphen.toml")
    >>> risk_file.schedule.total, risk_file.withhold_below
    (Money('341840.00'), Fraction(3, 5))
    >>> parse_risk_toml(RISK_TOML.replace('amount = "€ 167.587"', 'amount = 167587.0'), "z.toml")
    Traceback (most recent call last):
    ...
    izafunding.errors.InputFileError: z.toml: line 34: [[milestone]] #2 ('M2'), field 'amount': 167587.0 is a float; ...
    """
    data = parse_toml(text, source)
    lines = TomlLocator.of(text, source)
    check_keys(data, _TOP, lines.where())
    plan = text_field(data, "plan", lines.where(field="plan"), required=False)
    document = text_field(data, "source", lines.where(field="source"), required=False)
    period = None
    if "period" in data:
        where = lines.where(field="period")
        period_text = text_field(data, "period", where)
        years = re.fullmatch(r"\s*(\d{4})\s*[-–—]\s*(\d{4})\s*", period_text)
        try:
            if years:
                period = Period.years_range(int(years[1]), int(years[2]))
            else:
                period = Period.parse(period_text)
        except FundingError as e:
            raise fail(where, str(e)) from None
    rule = _rule(data, lines, document)
    budget = _amounts(data, "budget", lines, years=True)
    bearers = _amounts(data, "bearers", lines, years=False)
    items = data.get("milestone")
    if not isinstance(items, list) or not items:
        raise fail(lines.where(), "no milestones: write each as a [[milestone]] table (see --template)")
    milestones: list[Milestone] = []
    chances: dict[Any, Fraction] = {}
    for i, table in enumerate(items):
        if not isinstance(table, Mapping):
            raise fail(lines.where("milestone", i), f"must be a table (got {table!r})")
        milestone, own = _milestone(table, i, lines)
        if milestone.name in {m.name for m in milestones}:
            raise fail(lines.where("milestone", i, "name", label=milestone.name),
                        f"a milestone called {milestone.name!r} came before; each needs its own name")
        milestones.append(milestone)
        chances.update(own)
    try:
        schedule = MilestoneSchedule(milestones, plan=plan, period=period, budget=budget, bearers=bearers, rule=rule)
    except FundingError as e:
        raise fail(lines.where(), str(e)) from None
    factor = _scenarios(data, lines, chances, schedule)
    options = data.get("risk", {})
    if not isinstance(options, Mapping):
        raise fail(lines.where("risk"), "must be a table [risk]")
    check_keys(options, _RISK, lines.where("risk"))
    levels: tuple[Fraction, ...] = DEFAULT_LEVELS
    if "levels" in options:
        raw = options["levels"]
        if not isinstance(raw, list) or not raw:
            raise fail(lines.where("risk", None, "levels"), f'write levels = ["90%", "95%"] (got {raw!r})')
        levels = tuple(_chance(v, lines.where("risk", None, "levels")) for v in raw)
    max_outcomes = options.get("max_outcomes", DEFAULT_MAX_OUTCOMES)
    if isinstance(max_outcomes, bool) or not isinstance(max_outcomes, int) or max_outcomes < 1:
        raise fail(lines.where("risk", None, "max_outcomes"), f"write a positive whole number (got {max_outcomes!r})")
    below = options.get("withhold_below")
    withhold_below = None if below is None else _chance(below, lines.where("risk", None, "withhold_below"))
    probabilities: Mapping[Any, Fraction] | CommonFactor = chances if factor is None else factor
    try:
        schedule.chances(probabilities)  # every milestone and area needs a chance
    except FundingError as e:
        raise fail(lines.where(), f"{e} (write chance = \"90%\" on each [[milestone]])") from None
    return RiskFile(
        schedule=schedule,
        chances=probabilities,
        levels=levels,
        max_outcomes=max_outcomes,
        withhold_below=withhold_below,
        source=document,
    )

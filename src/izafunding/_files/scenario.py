"""Reading a scenario from the text of a hand-written TOML file; no I/O."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

from .._core.keys import AllocationKey, ProRata
from .._core.money import Money
from .._core.periods import Period
from .._core.proration import ProrationBasis
from .._core.regions import InhabitantCount, Member, Municipality
from .._core.rounding import HalfUpEach, LargestRemainder, Rounding
from .._scenarios.base import MemberSplit
from .._scenarios.inputs import CostLine, Offset, Reduction
from .._scenarios.scenario import Scenario
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


__all__ = ["EXAMPLE_TOML", "parse_scenario_toml"]

#: A complete scenario file: the memo SPUK IZA 2025 of IJssel-Vecht, Q1 2025.
EXAMPLE_TOML: Final = """\
name = "IJssel-Vecht, continue until 1-4-2025"
period = "2025-Q1"
source = "Memo SPUK IZA 2025, Samen Gezond IJssel-Vecht (December 2024)"
rounding = { policy = "half-up-each", unit = "€ 1" }

[[cost_line]]
name = "Organisatie netwerk"
annual = "€ 600.000"
shares = { municipalities = "50%", partners = "50%" }
split = "inhabitants"

[[cost_line]]
name = "Coördinatiekosten"
annual = "€ 800.000"
shares = { municipalities = "50%", partners = "50%" }
split = "inhabitants"
reductions = [{ amount = "€ 50.000", reason = "chain approaches suspended" }]

[[cost_line]]
name = "Lokale inzet gemeenten"
annual = "€ 800.000"
shares = { municipalities = "100%", partners = "0%" }
split = "equal"

[[cost_line]]
name = "Uitvoer regioplan"
annual = "€ 800.000"
shares = { municipalities = "70%", partners = "30%" }
split = "inhabitants"
reductions = [{ amount = "€ 40.000", reason = "no new activities" }]

[[member]]
name = "Dalfsen"
inhabitants = 29683

[[member]]
name = "Hardenberg"
inhabitants = 62260

[[member]]
name = "Kampen"
inhabitants = 55070

[[member]]
name = "Ommen"
inhabitants = 19035

[[member]]
name = "Staphorst"
inhabitants = 17738

[[member]]
name = "Steenwijkerland"
inhabitants = 45480

[[member]]
name = "Zwartewaterland"
inhabitants = 23447

[[member]]
name = "Zwolle"
inhabitants = 135720

[[offset]]
name = "ZonMw"
amount = "€ 85.239"
split = "inhabitants"
"""

_TOP: Final = ("name", "period", "source", "rounding", "basis", "cost_line", "member", "offset")
_LINE: Final = ("name", "annual", "shares", "split", "reductions", "source")
_REDUCTION: Final = ("amount", "reason", "source")
_MEMBER: Final = ("name", "inhabitants", "reference_date", "code")
_OFFSET: Final = ("name", "amount", "split", "source")
_ROUNDING: Final = ("policy", "unit")
def _tables(data: Mapping[str, Any], name: str, loc: TomlLocator) -> list[Mapping[str, Any]]:
    value = data.get(name, [])
    if isinstance(value, Mapping) or not isinstance(value, list):
        where = loc.where(None, None, name)
        raise fail(where, f"write each entry as a [[{name}]] table (got {value!r})")
    for i, item in enumerate(value):
        if not isinstance(item, Mapping):
            raise fail(loc.where(name, i), f"must be a table (got {item!r})")
    return value


def _share(value: object, where: str) -> int | Decimal | Fraction:
    """A share: "70%", "0.7", "0,7", "7/10" or an int; floats refused."""
    if isinstance(value, str) and value.strip().endswith("%"):
        number = field_weight(value.strip()[:-1], where=where)
        return Fraction(number) / 100
    return field_weight(value, where=where)


def _split(value: object, where: str, members: Sequence[str]) -> MemberSplit | AllocationKey:
    if isinstance(value, str):
        for split in MemberSplit:
            if value.strip().lower() == split.value:
                return split
        raise fail(
            where,
            f'{value!r} is not a split; write "equal", "inhabitants" or a table of '
            f"weights per municipality such as {{ Dalfsen = 1, Zwolle = 2 }}",
        )
    if isinstance(value, Mapping):
        weights = {}
        for name, weight in value.items():
            if name not in members:
                raise fail(
                    where,
                    f"{name!r} is not a member municipality of the scenario "
                    f"(members: {', '.join(members)}); add a [[member]] table for it",
                )
            weights[name] = field_weight(weight, where=f"{where}, {name}")
        try:
            return ProRata(weights)
        except FundingError as e:
            raise fail(where, str(e)) from None
    raise fail(where, f'write "equal", "inhabitants" or a table of weights (got {value!r})')


def _rounding(data: Mapping[str, Any], loc: TomlLocator) -> Rounding:
    where = loc.where(None, None, "rounding")
    if "rounding" not in data:
        raise fail(
            where,
            "missing; declare how the split over the members is rounded, such as "
            'rounding = { policy = "largest-remainder", unit = "€ 0,01" } or '
            'rounding = { policy = "half-up-each", unit = "€ 1" }',
        )
    table = data["rounding"]
    if not isinstance(table, Mapping):
        raise fail(where, f"must be a table with policy and unit (got {table!r})")
    check_keys(table, _ROUNDING, where)
    policy = text_field(table, "policy", f"{where}, policy")
    unit = field_money(table["unit"], where=f"{where}, unit") if "unit" in table else Money("0.01")
    try:
        if policy == "largest-remainder":
            return LargestRemainder(unit=unit)
        if policy == "half-up-each":
            return HalfUpEach(unit=unit)
    except FundingError as e:
        where_unit = f"{where}, unit"
        raise fail(where_unit, str(e)) from None
    where_policy = f"{where}, policy"
    raise fail(
        where_policy,
        f'{policy!r} is not a rounding policy; write "largest-remainder" (the parts add up '
        f'to the total) or "half-up-each" (each part rounded on its own; the residue is shown)',
    )


def _member(table: Mapping[str, Any], i: int, loc: TomlLocator, source: str) -> Member:
    label = str(table.get("name", ""))
    check_keys(table, _MEMBER, loc.where("member", i, label=label))
    name = text_field(table, "name", loc.where("member", i, "name"))
    code = text_field(table, "code", loc.where("member", i, "code", label=name), required=False)
    inhabitants = None
    if "inhabitants" in table:
        where = loc.where("member", i, "inhabitants", label=name)
        count = table["inhabitants"]
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise fail(
                where,
                f"write the number of inhabitants as a whole number without dots, such as "
                f"29683 (got {count!r})",
            )
        reference: date | None = None
        if "reference_date" in table:
            where_date = loc.where("member", i, "reference_date", label=name)
            raw = table["reference_date"]
            if isinstance(raw, date):
                reference = raw
            else:
                try:
                    reference = date.fromisoformat(str(raw))
                except ValueError:
                    raise fail(
                        where_date, f"write a date such as 2024-01-01 (got {raw!r})"
                    ) from None
        inhabitants = InhabitantCount(count=count, reference_date=reference, source=source)
    try:
        return Member(municipality=Municipality(name, code=code or None), inhabitants=inhabitants)
    except FundingError as e:
        raise fail(loc.where("member", i, label=name), str(e)) from None


def _reductions(
    table: Mapping[str, Any], i: int, label: str, loc: TomlLocator
) -> tuple[Reduction, ...]:
    where = loc.where("cost_line", i, "reductions", label=label)
    raw = table.get("reductions", [])
    if not isinstance(raw, list):
        raise fail(where, f"write a list of tables with amount and reason (got {raw!r})")
    out = []
    for j, item in enumerate(raw, start=1):
        at = f"{where}, #{j}"
        if not isinstance(item, Mapping):
            raise fail(at, f"must be a table with amount and reason (got {item!r})")
        check_keys(item, _REDUCTION, at)
        if "amount" not in item:
            where_amount = f"{at}, amount"
            raise fail(where_amount, 'missing; write amount = "€ 50.000"')
        amount = field_money(item["amount"], where=f"{at}, amount")
        reason = text_field(item, "reason", f"{at}, reason")
        cited = text_field(item, "source", f"{at}, source", required=False)
        try:
            out.append(Reduction(amount=amount, reason=reason, source=cited))
        except FundingError as e:
            raise fail(at, str(e)) from None
    return tuple(out)


def _cost_line(
    table: Mapping[str, Any],
    i: int,
    loc: TomlLocator,
    members: Sequence[str],
    period: Period,
    basis: ProrationBasis,
) -> CostLine:
    label = str(table.get("name", ""))
    check_keys(table, _LINE, loc.where("cost_line", i, label=label))
    name = text_field(table, "name", loc.where("cost_line", i, "name"))

    def at(field: str) -> str:
        return loc.where("cost_line", i, field, label=name)

    if "annual" not in table:
        raise fail(at("annual"), 'missing; write annual = "€ 800.000" (the amount a year)')
    annual = field_money(table["annual"], where=at("annual"))
    shares: dict[str, int | Decimal | Fraction] = {"municipalities": 1}
    if "shares" in table:
        raw = table["shares"]
        if not isinstance(raw, Mapping):
            raise fail(
                at("shares"),
                f'write a table such as {{ municipalities = "70%", partners = "30%" }} '
                f"(got {raw!r})",
            )
        shares = {str(k): _share(v, f"{at('shares')}, {k}") for k, v in raw.items()}
    split = (
        _split(table["split"], at("split"), members)
        if "split" in table
        else MemberSplit.INHABITANTS
    )
    reductions = _reductions(table, i, name, loc)
    cited = text_field(table, "source", at("source"), required=False)
    try:
        line = CostLine(
            name=name,
            annual=annual,
            reductions=reductions,
            shares=shares,
            split=split,
            source=cited,
        )
    except FundingError as e:
        field = "shares" if "share" in str(e) else None
        raise fail(loc.where("cost_line", i, field, label=name), str(e)) from None
    try:
        line.figures(period, basis=basis)
    except FundingError as e:
        raise fail(at("reductions"), str(e)) from None
    return line


def _offset(table: Mapping[str, Any], i: int, loc: TomlLocator, members: Sequence[str]) -> Offset:
    label = str(table.get("name", ""))
    check_keys(table, _OFFSET, loc.where("offset", i, label=label))
    name = text_field(table, "name", loc.where("offset", i, "name"))

    def at(field: str) -> str:
        return loc.where("offset", i, field, label=name)

    if "amount" not in table:
        raise fail(at("amount"), 'missing; write amount = "€ 85.239" (for the period)')
    amount = field_money(table["amount"], where=at("amount"))
    split = (
        _split(table["split"], at("split"), members)
        if "split" in table
        else MemberSplit.INHABITANTS
    )
    cited = text_field(table, "source", at("source"), required=False)
    try:
        return Offset(name=name, amount=amount, split=split, source=cited)
    except FundingError as e:
        raise fail(loc.where("offset", i, label=name), str(e)) from None


def parse_scenario_toml(text: str, source: str) -> Scenario:
    """
    Read a scenario from TOML text (the format is in docs/scenarios.md and
    :data:`EXAMPLE_TOML`). Every error names *source*, the line, the table
    and the field; amounts are Dutch notation in quotes or whole euros, and
    floats are refused.

    >>> s = parse_scenario_toml(EXAMPLE_TOML, "ijssel-vecht.toml")
    >>> s.total, s.member("Zwolle").pays, s.residue
    (Money('660000.00'), Money('116544.00'), Money('1.00'))
    >>> parse_scenario_toml(EXAMPLE_TOML.replace('"€ 800.000"', '800000.0', 1), "f.toml")
    Traceback (most recent call last):
    ...
    izafunding.errors.InputFileError: f.toml: line 14: [[cost_line]] #2 ('Coördinatiekosten'), field 'annual': 800000.0 is a float; ...

    Raises:
        InputFileError: The text is not a valid scenario.
    """
    data = parse_toml(text, source)
    loc = TomlLocator.of(text, source)
    check_keys(data, _TOP, source)
    name = text_field(data, "name", loc.where(None, None, "name"))
    cited = text_field(data, "source", loc.where(None, None, "source"), required=False)
    period_where = loc.where(None, None, "period")
    raw_period = text_field(data, "period", period_where)
    try:
        period = Period.parse(raw_period)
    except FundingError as e:
        raise fail(period_where, str(e)) from None
    basis = ProrationBasis.MONTHS
    if "basis" in data:
        raw_basis = text_field(data, "basis", loc.where(None, None, "basis"))
        choices = {b.value: b for b in ProrationBasis}
        if raw_basis not in choices:
            raise fail(
                loc.where(None, None, "basis"),
                f'{raw_basis!r} is not a proration basis; write "months" or "days"',
            )
        basis = choices[raw_basis]
    rounding = _rounding(data, loc)
    member_source = cited or source
    members = [
        _member(table, i, loc, member_source)
        for i, table in enumerate(_tables(data, "member", loc))
    ]
    if not members:
        raise fail(source, "no [[member]] tables; name each member municipality")
    names = [m.name for m in members]
    for i, member_name in enumerate(names):
        if member_name in names[:i]:
            raise fail(loc.where("member", i, "name"), f"{member_name!r} appears twice")
    lines = [
        _cost_line(table, i, loc, names, period, basis)
        for i, table in enumerate(_tables(data, "cost_line", loc))
    ]
    if not lines:
        raise fail(source, "no [[cost_line]] tables; a scenario needs at least one cost line")
    for i, line in enumerate(lines):
        if line.name in [other.name for other in lines[:i]]:
            raise fail(loc.where("cost_line", i, "name"), f"{line.name!r} appears twice")
    offsets = [
        _offset(table, i, loc, names) for i, table in enumerate(_tables(data, "offset", loc))
    ]
    for i, offset in enumerate(offsets):
        if offset.name in [other.name for other in offsets[:i]]:
            raise fail(loc.where("offset", i, "name"), f"{offset.name!r} appears twice")
    try:
        return Scenario(
            name=name,
            period=period,
            lines=lines,
            members=members,
            rounding=rounding,
            offsets=offsets,
            basis=basis,
            source=cited,
        )
    except FundingError as e:
        raise fail(source, str(e)) from None

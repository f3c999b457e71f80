"""Reading a scenario from the text of a hand-written TOML file; no I/O."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

import attrs

from ._allocation import AllocationKey, HalfUpEach, LargestRemainder, ProRata, Rounding
from ._compare import compare
from ._inputfiles import field_money, field_weight, parse_toml
from ._money import Money
from ._periods import Period
from ._proration import ProrationBasis
from ._regions import InhabitantCount, Member, Municipality
from ._scenarios import CostLine, MemberSplit, Offset, PartnerShortfall, Reduction, Scenario
from .errors import FundingError, InputFileError


__all__ = ["EXAMPLE_TOML", "parse_scenario_toml", "render_scenario_file"]

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
_HEADER = re.compile(r"^\s*\[")


@attrs.frozen
class _Locator:
    """Finds the line of a table or field in the file's text, for messages."""

    source: str
    lines: tuple[str, ...]

    def _headers(self, table: str) -> list[int]:
        pattern = re.compile(rf"^\s*\[\[\s*{re.escape(table)}\s*\]\]\s*(#.*)?$")
        return [i for i, line in enumerate(self.lines) if pattern.match(line)]

    def _block(self, table: str | None, index: int | None) -> tuple[int, int] | None:
        if table is None:
            end = next((i for i, line in enumerate(self.lines) if _HEADER.match(line)), None)
            return 0, len(self.lines) if end is None else end
        headers = self._headers(table)
        if index is None or index >= len(headers):
            return None
        start = headers[index]
        end = len(self.lines)
        for i in range(start + 1, len(self.lines)):
            line = self.lines[i]
            if _HEADER.match(line) and not re.match(rf"^\s*\[\[?\s*{re.escape(table)}\.", line):
                end = i
                break
        return start, end

    def line_of(self, table: str | None, index: int | None, field: str | None) -> int | None:
        """The 1-based line of *field* in the *index*-th *table* (or its header)."""
        block = self._block(table, index)
        if block is None:
            return None
        start, end = block
        if field is not None:
            key = re.compile(rf"^\s*(\"?){re.escape(field)}\1\s*=")
            for i in range(start, end):
                if key.match(self.lines[i]):
                    return i + 1
        return start + 1 if table is not None else None

    def where(
        self,
        table: str | None = None,
        index: int | None = None,
        field: str | None = None,
        *,
        label: str = "",
    ) -> str:
        """'file.toml: line 12: cost_line #2 ('Coördinatiekosten'), field 'annual''."""
        parts = [self.source]
        number = self.line_of(table, index, field)
        if number is not None:
            parts.append(f"line {number}")
        what = []
        if table is not None:
            what.append(f"[[{table}]] #{(index or 0) + 1}" + (f" ({label!r})" if label else ""))
        if field is not None:
            what.append(f"field {field!r}")
        if what:
            parts.append(", ".join(what))
        return ": ".join(parts)


def _fail(where: str, problem: str) -> InputFileError:
    msg = f"{where}: {problem}"
    return InputFileError(msg)


def _check_keys(table: Mapping[str, Any], known: Sequence[str], where: str) -> None:
    for key in table:
        if key not in known:
            raise _fail(where, f"unknown field {key!r}; the fields are {', '.join(known)}")


def _text(table: Mapping[str, Any], name: str, where: str, *, required: bool = True) -> str:
    if name not in table:
        if required:
            raise _fail(where, f'missing; write {name} = "..."')
        return ""
    value = table[name]
    if not isinstance(value, str) or (required and not value.strip()):
        raise _fail(where, f'must be text in quotes, such as {name} = "..." (got {value!r})')
    return value


def _tables(data: Mapping[str, Any], name: str, loc: _Locator) -> list[Mapping[str, Any]]:
    value = data.get(name, [])
    if isinstance(value, Mapping) or not isinstance(value, list):
        where = loc.where(None, None, name)
        raise _fail(where, f"write each entry as a [[{name}]] table (got {value!r})")
    for i, item in enumerate(value):
        if not isinstance(item, Mapping):
            raise _fail(loc.where(name, i), f"must be a table (got {item!r})")
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
        raise _fail(
            where,
            f'{value!r} is not a split; write "equal", "inhabitants" or a table of '
            f"weights per municipality such as {{ Dalfsen = 1, Zwolle = 2 }}",
        )
    if isinstance(value, Mapping):
        weights = {}
        for name, weight in value.items():
            if name not in members:
                raise _fail(
                    where,
                    f"{name!r} is not a member municipality of the scenario "
                    f"(members: {', '.join(members)}); add a [[member]] table for it",
                )
            weights[name] = field_weight(weight, where=f"{where}, {name}")
        try:
            return ProRata(weights)
        except FundingError as e:
            raise _fail(where, str(e)) from None
    raise _fail(where, f'write "equal", "inhabitants" or a table of weights (got {value!r})')


def _rounding(data: Mapping[str, Any], loc: _Locator) -> Rounding:
    where = loc.where(None, None, "rounding")
    if "rounding" not in data:
        raise _fail(
            where,
            "missing; declare how the split over the members is rounded, such as "
            'rounding = { policy = "largest-remainder", unit = "€ 0,01" } or '
            'rounding = { policy = "half-up-each", unit = "€ 1" }',
        )
    table = data["rounding"]
    if not isinstance(table, Mapping):
        raise _fail(where, f"must be a table with policy and unit (got {table!r})")
    _check_keys(table, _ROUNDING, where)
    policy = _text(table, "policy", f"{where}, policy")
    unit = field_money(table["unit"], where=f"{where}, unit") if "unit" in table else Money("0.01")
    try:
        if policy == "largest-remainder":
            return LargestRemainder(unit=unit)
        if policy == "half-up-each":
            return HalfUpEach(unit=unit)
    except FundingError as e:
        where_unit = f"{where}, unit"
        raise _fail(where_unit, str(e)) from None
    where_policy = f"{where}, policy"
    raise _fail(
        where_policy,
        f'{policy!r} is not a rounding policy; write "largest-remainder" (the parts add up '
        f'to the total) or "half-up-each" (each part rounded on its own; the residue is shown)',
    )


def _member(table: Mapping[str, Any], i: int, loc: _Locator, source: str) -> Member:
    label = str(table.get("name", ""))
    _check_keys(table, _MEMBER, loc.where("member", i, label=label))
    name = _text(table, "name", loc.where("member", i, "name"))
    code = _text(table, "code", loc.where("member", i, "code", label=name), required=False)
    inhabitants = None
    if "inhabitants" in table:
        where = loc.where("member", i, "inhabitants", label=name)
        count = table["inhabitants"]
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise _fail(
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
                    raise _fail(
                        where_date, f"write a date such as 2024-01-01 (got {raw!r})"
                    ) from None
        inhabitants = InhabitantCount(count=count, reference_date=reference, source=source)
    try:
        return Member(municipality=Municipality(name, code=code or None), inhabitants=inhabitants)
    except FundingError as e:
        raise _fail(loc.where("member", i, label=name), str(e)) from None


def _reductions(
    table: Mapping[str, Any], i: int, label: str, loc: _Locator
) -> tuple[Reduction, ...]:
    where = loc.where("cost_line", i, "reductions", label=label)
    raw = table.get("reductions", [])
    if not isinstance(raw, list):
        raise _fail(where, f"write a list of tables with amount and reason (got {raw!r})")
    out = []
    for j, item in enumerate(raw, start=1):
        at = f"{where}, #{j}"
        if not isinstance(item, Mapping):
            raise _fail(at, f"must be a table with amount and reason (got {item!r})")
        _check_keys(item, _REDUCTION, at)
        if "amount" not in item:
            where_amount = f"{at}, amount"
            raise _fail(where_amount, 'missing; write amount = "€ 50.000"')
        amount = field_money(item["amount"], where=f"{at}, amount")
        reason = _text(item, "reason", f"{at}, reason")
        cited = _text(item, "source", f"{at}, source", required=False)
        try:
            out.append(Reduction(amount=amount, reason=reason, source=cited))
        except FundingError as e:
            raise _fail(at, str(e)) from None
    return tuple(out)


def _cost_line(
    table: Mapping[str, Any],
    i: int,
    loc: _Locator,
    members: Sequence[str],
    period: Period,
    basis: ProrationBasis,
) -> CostLine:
    label = str(table.get("name", ""))
    _check_keys(table, _LINE, loc.where("cost_line", i, label=label))
    name = _text(table, "name", loc.where("cost_line", i, "name"))

    def at(field: str) -> str:
        return loc.where("cost_line", i, field, label=name)

    if "annual" not in table:
        raise _fail(at("annual"), 'missing; write annual = "€ 800.000" (the amount a year)')
    annual = field_money(table["annual"], where=at("annual"))
    shares: dict[str, int | Decimal | Fraction] = {"municipalities": 1}
    if "shares" in table:
        raw = table["shares"]
        if not isinstance(raw, Mapping):
            raise _fail(
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
    cited = _text(table, "source", at("source"), required=False)
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
        raise _fail(loc.where("cost_line", i, field, label=name), str(e)) from None
    try:
        line.figures(period, basis=basis)
    except FundingError as e:
        raise _fail(at("reductions"), str(e)) from None
    return line


def _offset(table: Mapping[str, Any], i: int, loc: _Locator, members: Sequence[str]) -> Offset:
    label = str(table.get("name", ""))
    _check_keys(table, _OFFSET, loc.where("offset", i, label=label))
    name = _text(table, "name", loc.where("offset", i, "name"))

    def at(field: str) -> str:
        return loc.where("offset", i, field, label=name)

    if "amount" not in table:
        raise _fail(at("amount"), 'missing; write amount = "€ 85.239" (for the period)')
    amount = field_money(table["amount"], where=at("amount"))
    split = (
        _split(table["split"], at("split"), members)
        if "split" in table
        else MemberSplit.INHABITANTS
    )
    cited = _text(table, "source", at("source"), required=False)
    try:
        return Offset(name=name, amount=amount, split=split, source=cited)
    except FundingError as e:
        raise _fail(loc.where("offset", i, label=name), str(e)) from None


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
    loc = _Locator(source, tuple(text.splitlines()))
    _check_keys(data, _TOP, source)
    name = _text(data, "name", loc.where(None, None, "name"))
    cited = _text(data, "source", loc.where(None, None, "source"), required=False)
    period_where = loc.where(None, None, "period")
    raw_period = _text(data, "period", period_where)
    try:
        period = Period.parse(raw_period)
    except FundingError as e:
        raise _fail(period_where, str(e)) from None
    basis = ProrationBasis.MONTHS
    if "basis" in data:
        raw_basis = _text(data, "basis", loc.where(None, None, "basis"))
        choices = {b.value: b for b in ProrationBasis}
        if raw_basis not in choices:
            raise _fail(
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
        raise _fail(source, "no [[member]] tables; name each member municipality")
    names = [m.name for m in members]
    for i, member_name in enumerate(names):
        if member_name in names[:i]:
            raise _fail(loc.where("member", i, "name"), f"{member_name!r} appears twice")
    lines = [
        _cost_line(table, i, loc, names, period, basis)
        for i, table in enumerate(_tables(data, "cost_line", loc))
    ]
    if not lines:
        raise _fail(source, "no [[cost_line]] tables; a scenario needs at least one cost line")
    for i, line in enumerate(lines):
        if line.name in [other.name for other in lines[:i]]:
            raise _fail(loc.where("cost_line", i, "name"), f"{line.name!r} appears twice")
    offsets = [
        _offset(table, i, loc, names) for i, table in enumerate(_tables(data, "offset", loc))
    ]
    for i, offset in enumerate(offsets):
        if offset.name in [other.name for other in offsets[:i]]:
            raise _fail(loc.where("offset", i, "name"), f"{offset.name!r} appears twice")
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
        raise _fail(source, str(e)) from None


def render_scenario_file(
    text: str,
    source: str,
    *,
    explain: bool = False,
    without_partners: str | None = None,
    award: str | None = None,
) -> str:
    """
    What ``izafunding scenario FILE.toml`` prints: the scenario read from
    *text*, and for each alternative asked for (*without_partners*:
    ``"municipalities-pay"`` or ``"keep-percentages"``; *award*: an annual
    amount such as ``"€ 3.023.765"``) the alternative and its comparison
    with the scenario.

    >>> out = render_scenario_file(EXAMPLE_TOML, "f.toml", award="€ 3.023.765")
    >>> "€ 755.941,25" in out and "B - A" in out
    True
    """
    scenario = parse_scenario_toml(text, source)
    out = [scenario.render(explain=explain)]
    alternatives = []
    if without_partners is not None:
        choices = {s.value: s for s in PartnerShortfall}
        if without_partners not in choices:
            msg = (
                f"--without-partners must be {' or '.join(map(repr, choices))} "
                f"(got {without_partners!r})"
            )
            raise InputFileError(msg)
        alternatives.append(scenario.without_partners(shortfall=choices[without_partners]))
    if award is not None:
        alternatives.append(scenario.scaled_to_award(Money.parse(award)))
    for alternative in alternatives:
        out += [
            "",
            "=" * 20,
            "",
            alternative.render(explain=explain),
            "",
            "Compared with the scenario in the file:",
            "",
            compare(scenario, alternative).render(only_differences=True),
        ]
    return "\n".join(out)

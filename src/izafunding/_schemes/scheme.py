"""The Scheme (regeling) that composes dated rules, its components and the rules of one year (YearRules)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, final

import attrs

from .._core.names import did_you_mean
from .._core.periods import Period
from ..errors import SchemeError, UnknownNameError
from .rules import (
    _RULE_KINDS,
    Advance,
    Applicant,
    CarryOver,
    Determination,
    GrantPeriod,
    NationalBudget,
    Rule,
    Shifting,
    ShiftScope,
    Walls,
    _check_source,
    _years_text,
)


__all__ = [
    "Component",
    "Scheme",
    "YearRules",
]


# -- components -------------------------------------------------------------------------


@final
@attrs.frozen
class Component:
    """
    A component (*onderdeel*) of a scheme's award, with its number and main
    theme (*hoofdthema*).

    >>> Component(4, "Kansrijke Start", theme="Gezondheid en sociale basis").name
    'Kansrijke Start'
    """

    number: int
    name: str
    theme: str = attrs.field(kw_only=True)


# -- the rules of one year ---------------------------------------------------------------


@final
@attrs.frozen(kw_only=True)
class YearRules:
    """
    The rules of a scheme in force in one year, one of each kind.

    Attributes:
        year: The year.

        is_last: Whether this is the last year of the grant period (nothing
            carries on from it).

        previous_carry_over: The carry-over rule of the year before, which
            says what moved into this year (``None`` in the first year).
    """

    year: int
    is_last: bool
    applicant: Applicant
    walls: Walls
    shifting: Shifting
    carry_over: CarryOver
    determination: Determination
    advance: Advance
    previous_carry_over: CarryOver | None = attrs.field(default=None, repr=False)
    provisional: bool = attrs.field(default=False, repr=False)

    @property
    def has_walls(self) -> bool:
        """Whether the year's award has walls between components."""
        return self.walls.between_components

    def all(self) -> tuple[Rule, ...]:
        """The rules, in a fixed order."""
        return (
            self.applicant,
            self.walls,
            self.shifting,
            self.carry_over,
            self.determination,
            self.advance,
        )

    def explain(self) -> tuple[str, ...]:
        """One line per rule, with its source and any open question."""
        lines = []
        for rule in self.all():
            line = (
                f"{self.year} {_KIND_NAMES[type(rule)]}: {rule.describe()} [source: {rule.source}]"
            )
            if rule.open_question:
                line += f" (open: {rule.open_question})"
            if self.provisional:
                line += f" ({PROVISIONAL})"
            lines.append(line)
        if self.is_last:
            lines.append(f"{self.year} is the last year of the grant period: nothing carries on.")
        return tuple(lines)


#: What every output of a provisional scheme says.
PROVISIONAL: str = "provisional: not yet a published regulation"

_KIND_NAMES: dict[type[Any], str] = {
    Applicant: "who applies",
    Walls: "walls between components",
    Shifting: "shifting between components",
    CarryOver: "spending in the next year",
    Determination: "vaststelling",
    Advance: "advance",
}


# -- the scheme ---------------------------------------------------------------------------


def _rules_tuple(value: Iterable[Rule]) -> tuple[Rule, ...]:
    rules = tuple(value)
    for rule in rules:
        if not isinstance(rule, _RULE_KINDS):
            msg = (
                f"a scheme's rules must be Applicant, Walls, Shifting, CarryOver, "
                f"Determination or Advance objects (got {rule!r})"
            )
            raise SchemeError(msg)
    return rules


def _components_tuple(value: Iterable[Component]) -> tuple[Component, ...]:
    return tuple(value)


def _periods_tuple(value: Iterable[GrantPeriod]) -> tuple[GrantPeriod, ...]:
    periods = tuple(value)
    if not periods or not all(isinstance(p, GrantPeriod) for p in periods):
        msg = f"'periods' must be one or more GrantPeriod versions, oldest first (got {periods!r})"
        raise SchemeError(msg)
    return periods


def _budgets_tuple(value: Iterable[NationalBudget]) -> tuple[NationalBudget, ...]:
    return tuple(value)


def _check_provisional(instance: object, attribute: attrs.Attribute[bool], value: object) -> None:
    if not isinstance(value, bool):
        msg = f"'{attribute.name}' must be True or False (got {value!r})"
        raise SchemeError(msg)


@final
@attrs.frozen(kw_only=True)
class Scheme:
    """
    A specific grant scheme (*regeling specifieke uitkering*, SPUK), as data:
    its grant period (per regulation version), its components, and dated rule
    objects, each with its source and the years in which it is in force.

    For every year of the period there must be exactly one rule of each kind
    (who applies, walls, shifting, carry-over, vaststelling, advance), and
    the rules may not contradict each other: a scheme whose last year lets
    money carry on, that limits shifting in a year without walls, that has
    walls but no components, carries per component into or out of a year
    without walls (or the whole award into one with walls), or settles
    before a year it settles, is refused when it is built, with a
    :class:`~izafunding.SchemeError` naming the year and the rule.
    Variants are made with :meth:`with_rule` or ``attrs.evolve``, never by
    editing library code.

    >>> from izafunding.schemes import SPUK_GALA
    >>> SPUK_GALA.rules_for(2023).carry_over.describe()
    "at most 20% of each component's award may be spent on the same component in the next year"
    >>> SPUK_GALA.rules_for(2025).has_walls
    False
    >>> SPUK_GALA.rules_for(2027)
    Traceback (most recent call last):
    ...
    izafunding.errors.SchemeError: SPUK GALA has no rules for 2027: its grant period is 2023-01-01 t/m 2026-12-31 (2023-2026)

    Attributes:
        name: Short name, e.g. ``"SPUK GALA"``.

        title: The regulation's title.

        source: The regulation (Staatscourant number and date).

        periods: The grant period of each regulation version, oldest first;
            the last is the one in force (:attr:`period`).

        components: The components (*onderdelen*), empty if the award is one
            amount.

        rules: The dated rules.

        budgets: National amounts (ceilings, yearly budgets), where known.

        provisional: Whether the rules rest on an announcement rather than a
            published regulation (the SPUK AZWA); every explanation and table
            of the scheme then says so, and :attr:`label` carries it.
    """

    name: str
    title: str
    source: str = attrs.field(validator=_check_source)
    periods: tuple[GrantPeriod, ...] = attrs.field(converter=_periods_tuple)
    components: tuple[Component, ...] = attrs.field(default=(), converter=_components_tuple)
    rules: tuple[Rule, ...] = attrs.field(converter=_rules_tuple)
    budgets: tuple[NationalBudget, ...] = attrs.field(default=(), converter=_budgets_tuple)
    provisional: bool = attrs.field(default=False, validator=_check_provisional)
    # The YearRules of each year, built on first use (a scheme is immutable, so they cannot go
    # stale): a settlement asks for them several times per year.
    _year_rules: dict[int, YearRules] = attrs.field(
        init=False, eq=False, repr=False, factory=dict
    )

    def __attrs_post_init__(self) -> None:
        names = [c.name for c in self.components]
        if len(set(names)) != len(names):
            dup = sorted({n for n in names if names.count(n) > 1})
            msg = f"{self.name}: component names must be distinct (twice: {', '.join(dup)})"
            raise SchemeError(msg)
        for year in self.years:
            for kind in _RULE_KINDS:
                found = [r for r in self.rules if isinstance(r, kind) and year in r.years]
                if len(found) != 1:
                    what = "no" if not found else f"{len(found)}"
                    which = (
                        " (" + "; ".join(f"{r.describe()} [source: {r.source}]" for r in found) + ")"
                        if found
                        else ""
                    )
                    msg = (
                        f"{self.name}: {what} '{_KIND_NAMES[kind]}' rules ({kind.__name__}) "
                        f"in force in {year}{which}; every year of the grant period "
                        f"{_years_text(self.years)} needs exactly one"
                    )
                    raise SchemeError(msg)
        self._check_consistent()

    def _check_consistent(self) -> None:
        """Refuse rules that contradict each other (naming the year and the rule)."""
        last = self.years[-1]
        final = self.rules_for(last).carry_over
        if final.share != 0:
            msg = (
                f"{self.name}: the carry-over rule of {last} ({final.describe()} [source: "
                f"{final.source}]) contradicts the grant period {self.period}: {last} is its "
                f"last year and nothing carries beyond it; use CarryOver.none(years={last}, "
                f"source=...) for {last}"
            )
            raise SchemeError(msg)
        for year in self.years:
            rules = self.rules_for(year)
            if rules.has_walls and not self.components:
                msg = (
                    f"{self.name}: the walls rule of {year} puts walls between components "
                    f"[source: {rules.walls.source}], but the scheme has no components; use "
                    f"Walls(between_components=False, ...) or give the components"
                )
                raise SchemeError(msg)
            shifting = rules.shifting
            free = shifting.within is ShiftScope.ANY and shifting.share == 1
            if not rules.has_walls and not free:
                msg = (
                    f"{self.name}: the shifting rule of {year} ({shifting.describe()} [source: "
                    f"{shifting.source}]) limits shifting, but {year} has no walls between "
                    f"components: the whole award is one budget; use Shifting(share=1, "
                    f"within=ShiftScope.ANY, ...) for {year}"
                )
                raise SchemeError(msg)
            determination = rules.determination
            if determination.settled_in is not None and determination.settled_in < year:
                msg = (
                    f"{self.name}: the vaststelling rule of {year} settles in "
                    f"{determination.settled_in}, before {year} itself; settled_in must be "
                    f"{year} or later"
                )
                raise SchemeError(msg)
        for year in self.years[:-1]:
            rules = self.rules_for(year)
            carry = rules.carry_over
            if carry.share == 0:
                continue
            if carry.per_component and not rules.has_walls:
                msg = (
                    f"{self.name}: the carry-over rule of {year} is per component, but "
                    f"{year} has no walls between components; use per_component=False"
                )
                raise SchemeError(msg)
            if not carry.per_component and self.rules_for(year + 1).has_walls:
                msg = (
                    f"{self.name}: the carry-over rule of {year} moves money without a "
                    f"component into {year + 1}, which has walls between components; use "
                    f"per_component=True"
                )
                raise SchemeError(msg)

    # -- the period -----------------------------------------------------------------

    @property
    def period(self) -> Period:
        """The grant period of the version in force (the last version)."""
        return self.periods[-1].period

    @property
    def years(self) -> tuple[int, ...]:
        """The calendar years of the grant period in force."""
        return self.period.year_numbers

    @property
    def label(self) -> str:
        """The name, with "(provisional)" for a provisional scheme: for every output."""
        return f"{self.name} ({PROVISIONAL})" if self.provisional else self.name

    @property
    def version(self) -> str:
        """The label of the regulation version in force."""
        return self.periods[-1].version

    def as_version(self, version: str) -> Scheme:
        """
        The scheme as it was in regulation version *version*: its grant period
        and national budgets as they were then (rules are kept).

        Raises:
            SchemeError: No version has that label; the message lists them.
        """
        labels = [p.version for p in self.periods]
        if version not in labels:
            msg = f"{self.name} has no version {version!r} (versions: {', '.join(labels)})"
            raise SchemeError(msg)
        keep = labels.index(version) + 1
        allowed = set(labels[:keep])
        periods = self.periods[:keep]
        last = periods[-1].period.year_numbers[-1]
        rules = self.rules
        carry = next((r for r in rules if isinstance(r, CarryOver) and last in r.years), None)
        if carry is not None and carry.share != 0:
            # In that version the period ended in *last*: nothing carried beyond it.
            rules = (
                *(
                    attrs.evolve(r, years=tuple(y for y in r.years if y != last)) if r is carry else r
                    for r in rules
                    if r is not carry or r.years != (last,)
                ),
                CarryOver.none(
                    years=last,
                    source=f"{periods[-1].source}: {last} is the last year of the grant period",
                ),
            )
        return attrs.evolve(
            self,
            periods=periods,
            rules=rules,
            budgets=tuple(b for b in self.budgets if not b.version or b.version in allowed),
        )

    def check_year(self, year: object) -> int:
        """
        *year*, if it lies in the grant period.

        Raises:
            SchemeError: The year is not in the period; the message names it.
        """
        if isinstance(year, bool) or not isinstance(year, int) or year not in self.years:
            msg = (
                f"{self.name} has no rules for {year!r}: its grant period is "
                f"{self.period} ({_years_text(self.years)})"
            )
            raise SchemeError(msg)
        return year

    # -- rules -------------------------------------------------------------------------

    def rules_for(self, year: int) -> YearRules:
        """
        The rules in force in *year*.

        Raises:
            SchemeError: *year* lies outside the grant period.
        """
        cached = self._year_rules.get(year) if type(year) is int else None
        if cached is not None:
            return cached
        year = self.check_year(year)

        def one(kind: type[Any]) -> Any:
            return next(r for r in self.rules if isinstance(r, kind) and year in r.years)

        rules = self._year_rules[year] = YearRules(
            year=year,
            is_last=year == self.years[-1],
            applicant=one(Applicant),
            walls=one(Walls),
            shifting=one(Shifting),
            carry_over=one(CarryOver),
            determination=one(Determination),
            advance=one(Advance),
            provisional=self.provisional,
            previous_carry_over=(
                next(r for r in self.rules if isinstance(r, CarryOver) and year - 1 in r.years)
                if year - 1 in self.years
                else None
            ),
        )
        return rules

    def with_rule(self, rule: Rule) -> Scheme:
        """
        A variant in which *rule* is in force in its years, replacing the rule
        of the same kind in those years.

        >>> from izafunding.schemes import SPUK_GALA
        >>> what_if = SPUK_GALA.with_rule(attrs.evolve(
        ...     SPUK_GALA.rules_for(2023).carry_over, years=2024,
        ...     source="what if 2024 had the 2023 carry-over"))
        >>> what_if.rules_for(2024).carry_over.share
        Fraction(1, 5)
        >>> SPUK_GALA.rules_for(2024).carry_over.share
        Fraction(0, 1)
        """
        (rule,) = _rules_tuple((rule,))
        kept: list[Rule] = []
        for old in self.rules:
            if type(old) is not type(rule):
                kept.append(old)
                continue
            years = tuple(y for y in old.years if y not in rule.years)
            if years:
                kept.append(attrs.evolve(old, years=years))
        return attrs.evolve(self, rules=(*kept, rule))

    # -- components -----------------------------------------------------------------------

    def component(self, name: str) -> Component:
        """
        The component called *name*.

        Raises:
            UnknownNameError: No such component; the message lists the closest.
        """
        for c in self.components:
            if c.name == name:
                return c
        names = [c.name for c in self.components]
        if not names:
            msg = (
                f"{self.name} has no components; give one amount per year (got component {name!r})"
            )
            raise UnknownNameError(msg)
        hint = did_you_mean(str(name), names)
        msg = f"{self.name} has no component {name!r} (components: {', '.join(names)}){hint}"
        raise UnknownNameError(msg)

    def themes(self) -> tuple[str, ...]:
        """The main themes (*hoofdthema's*), in the order of the components."""
        return tuple(dict.fromkeys(c.theme for c in self.components))

    # -- explanation ------------------------------------------------------------------------

    def rules_table(self) -> list[dict[str, str]]:
        """
        One row per kind of rule, one column per year: the dated rules as a
        table (plain rows, ready for ``pandas.DataFrame(rows)``).
        """
        rows: list[dict[str, str]] = []
        per_year = {y: self.rules_for(y) for y in self.years}
        for kind, label in _KIND_NAMES.items():
            row = {"rule": label}
            for y, rules in per_year.items():
                rule = next(r for r in rules.all() if isinstance(r, kind))
                text = rule.describe()
                if rule.open_question:
                    text += " (open)"
                row[str(y)] = text
            rows.append(row)
        if self.provisional:
            rows.append({"rule": "status", **{str(y): PROVISIONAL for y in self.years}})
        return rows

    def rules_markdown(self) -> str:
        """The dated rules as a Markdown table."""
        rows = self.rules_table()
        head = ["rule", *map(str, self.years)]
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(row[h] for h in head) + " |" for row in rows]
        return "\n".join(lines)

    def sources(self) -> tuple[str, ...]:
        """The distinct sources of the scheme's rules, in the order of the rules."""
        return tuple(dict.fromkeys(r.source for r in self.rules))

    def explain(self) -> tuple[str, ...]:
        """Every rule of every year, with its source; then the national budgets."""
        lines = [f"{self.label}: {self.title}", f"Source: {self.source}"]
        lines.append(f"Grant period: {self.period} (version {self.version})")
        for p in self.periods[:-1]:
            lines.append(f"  earlier version {p.version}: {p.period} [source: {p.source}]")
        for y in self.years:
            lines += self.rules_for(y).explain()
        for b in self.budgets:
            lines.append(f"National: {b.describe()} [source: {b.source}]")
        return tuple(lines)

    def __repr__(self) -> str:
        return f"<Scheme {self.label}: {self.period}, {len(self.rules)} rules>"

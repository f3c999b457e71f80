"""
A scheme cannot say two things (issue 10, item 4): rules that contradict each other are
refused when the scheme is built, naming the year and the rule; and the checks in
`Scheme` and its rule objects that no other test reaches.

Rules: domain.md §2 (nothing carries beyond the grant period; without walls the whole
award is one budget). SPUK Transformatiemiddelen: period 2024-2027 in the first version,
2024-2028 as amended (Stcrt. 2024, 17398; seed 002).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest

from izafunding import Money, Period, SchemeError, UnknownNameError
from izafunding._schemes.rules import (
    Advance,
    Applicant,
    ApplicantKind,
    CarryOver,
    Determination,
    DeterminationKind,
    GrantPeriod,
    NationalBudget,
    Rule,
    Shifting,
    ShiftScope,
    Walls,
)
from izafunding._schemes.scheme import Component, Scheme
from izafunding.schemes import SPUK_GALA, SPUK_TRANSFORMATION


YEARS = (2023, 2024)


def _rules(**replace: Rule | tuple[Rule, ...]) -> tuple[Rule, ...]:
    """A consistent two-year scheme with walls and 20% carry-over in 2023; *replace* by kind."""
    rules: dict[str, tuple[Rule, ...]] = {
        "applicant": (Applicant(kind=ApplicantKind.EACH_MUNICIPALITY, years=YEARS, source="s"),),
        "walls": (Walls(between_components=True, years=YEARS, source="s"),),
        "shifting": (
            Shifting(share=Fraction(15, 100), within=ShiftScope.MAIN_THEME, years=YEARS, source="s"),
        ),
        "carry": (
            CarryOver(share=Fraction(1, 5), per_component=True, years=2023, source="s"),
            CarryOver.none(years=2024, source="s"),
        ),
        "determination": (Determination(kind=DeterminationKind.YEARLY, years=YEARS, source="s"),),
        "advance": (Advance(share=1, years=YEARS, source="s"),),
    }
    for kind, value in replace.items():
        rules[kind] = value if isinstance(value, tuple) else (value,)
    return tuple(r for group in rules.values() for r in group)


def _scheme(**kw: Any) -> Scheme:
    args: dict[str, Any] = {
        "name": "Test",
        "title": "A test scheme",
        "source": "s",
        "periods": (GrantPeriod(period=Period.years_range(2023, 2024), version="1", source="s"),),
        "components": (Component(1, "A", theme="T"), Component(2, "B", theme="T")),
        "rules": _rules(),
    }
    args.update(kw)
    return Scheme(**args)


class TestContradictionsRefused:
    """Rules that contradict each other are a SchemeError naming the year and the rule."""

    def test_the_base_scheme_is_fine(self) -> None:
        """The helper's scheme is consistent."""
        assert _scheme().years == YEARS

    def test_last_year_carry_over(self) -> None:
        """Carry-over in the last year of the period is refused (nothing carries beyond it)."""
        carry = (
            CarryOver(share=Fraction(1, 5), per_component=True, years=2023, source="s"),
            CarryOver(share=Fraction(1, 5), per_component=True, years=2024, source="the memo"),
        )
        with pytest.raises(
            SchemeError,
            match=r"the carry-over rule of 2024 \(at most 20%.*the memo\]\) contradicts the grant period",
        ):
            _scheme(rules=_rules(carry=carry))

    def test_gala_variant_with_carry_over_in_2026(self) -> None:
        """A GALA variant that carries from 2026 is refused by with_rule."""
        rule = CarryOver(share=Fraction(1, 10), years=2026, source="what if")
        with pytest.raises(SchemeError, match=r"carry-over rule of 2026.*CarryOver.none"):
            SPUK_GALA.with_rule(rule)

    def test_two_rules_of_one_kind(self) -> None:
        """Two carry-over rules for 2023 are refused, both named."""
        carry = (
            CarryOver(share=Fraction(1, 5), per_component=True, years=2023, source="first"),
            CarryOver.none(years=(2023, 2024), source="second"),
        )
        with pytest.raises(
            SchemeError, match=r"2 'spending in the next year' rules .* in force in 2023 .*first.*second"
        ):
            _scheme(rules=_rules(carry=carry))

    def test_missing_rule(self) -> None:
        """A year without a rule of some kind is refused."""
        with pytest.raises(SchemeError, match=r"no 'advance' rules .* in force in 2024"):
            _scheme(rules=_rules(advance=Advance(share=1, years=2023, source="s")))

    def test_shifting_without_walls(self) -> None:
        """A shifting limit in a year without walls is refused (the award is one budget)."""
        walls = Walls(between_components=False, years=YEARS, source="s")
        carry = (CarryOver(share=Fraction(1, 5), years=2023, source="s"), CarryOver.none(years=2024, source="s"))
        with pytest.raises(SchemeError, match=r"the shifting rule of 2023 .* limits shifting, but 2023 has no walls"):
            _scheme(rules=_rules(walls=walls, carry=carry))

    def test_no_shifting_without_walls(self) -> None:
        """'No shifting' in a year without walls is refused as well."""
        walls = Walls(between_components=False, years=YEARS, source="s")
        shifting = Shifting(share=0, within=ShiftScope.NONE, years=YEARS, source="s")
        carry = (CarryOver(share=Fraction(1, 5), years=2023, source="s"), CarryOver.none(years=2024, source="s"))
        with pytest.raises(SchemeError, match="shifting rule of 2023"):
            _scheme(rules=_rules(walls=walls, shifting=shifting, carry=carry))

    def test_walls_without_components(self) -> None:
        """Walls between components in a scheme without components are refused."""
        with pytest.raises(SchemeError, match=r"walls rule of 2023 .* no components"):
            _scheme(components=())

    def test_settled_before_the_year(self) -> None:
        """A final settlement dated before a year it settles is refused."""
        det = Determination(kind=DeterminationKind.FINAL, settled_in=2023, years=YEARS, source="s")
        with pytest.raises(SchemeError, match="vaststelling rule of 2024 settles in 2023"):
            _scheme(rules=_rules(determination=det))

    def test_per_component_carry_without_walls(self) -> None:
        """Carry-over per component in a year without walls is refused."""
        walls = Walls(between_components=False, years=YEARS, source="s")
        free = Shifting(share=1, within=ShiftScope.ANY, years=YEARS, source="s")
        with pytest.raises(SchemeError, match="carry-over rule of 2023 is per component"):
            _scheme(rules=_rules(walls=walls, shifting=free))

    def test_whole_award_carried_into_walls(self) -> None:
        """Carry-over of the whole award into a year with walls is refused."""
        carry = (CarryOver(share=Fraction(1, 5), years=2023, source="s"), CarryOver.none(years=2024, source="s"))
        with pytest.raises(SchemeError, match="moves money without a component into 2024"):
            _scheme(rules=_rules(carry=carry))

    def test_duplicate_components(self) -> None:
        """Two components with one name are refused."""
        with pytest.raises(SchemeError, match="twice: A"):
            _scheme(components=(Component(1, "A", theme="T"), Component(2, "A", theme="T")))

    def test_not_a_rule(self) -> None:
        """Something that is not a rule object is refused."""
        with pytest.raises(SchemeError, match="must be Applicant, Walls"):
            _scheme(rules=(*_rules(), "20% carry-over"))

    def test_no_periods(self) -> None:
        """A scheme needs a grant period."""
        with pytest.raises(SchemeError, match="one or more GrantPeriod"):
            _scheme(periods=())

    def test_provisional_must_be_a_bool(self) -> None:
        """'provisional' is True or False."""
        with pytest.raises(SchemeError, match="True or False"):
            _scheme(provisional="yes")


class TestTransformationPeriodEnd:
    """SPUK Transformatiemiddelen: nothing carries on from the last year of either version."""

    def test_last_year_of_each_version(self) -> None:
        """2028 (as amended) and 2027 (first version) carry nothing on; earlier years carry all."""
        assert SPUK_TRANSFORMATION.rules_for(2028).carry_over.share == 0
        assert SPUK_TRANSFORMATION.rules_for(2027).carry_over.share == 1
        first = SPUK_TRANSFORMATION.as_version("2024")
        assert first.rules_for(2027).carry_over.share == 0
        assert "2027 is the last year" in first.rules_for(2027).carry_over.source
        assert first.rules_for(2026).carry_over.share == 1

    def test_explanation_does_not_say_two_things(self) -> None:
        """No year says both 'may be spent' and 'nothing carries on'."""
        for scheme in (SPUK_TRANSFORMATION, SPUK_TRANSFORMATION.as_version("2024")):
            lines = scheme.rules_for(scheme.years[-1]).explain()
            text = "\n".join(lines)
            assert "nothing carries on" in text
            assert "may be spent in any later year" not in text


class TestRuleObjects:
    """The validators and texts of the rule objects."""

    def test_infinite_share(self) -> None:
        """A share must be finite."""
        with pytest.raises(SchemeError, match="finite"):
            CarryOver(share=Decimal("Infinity"), years=2023, source="s")

    def test_float_share(self) -> None:
        """A float share is refused."""
        with pytest.raises(SchemeError, match="an int, Decimal or Fraction"):
            CarryOver(share=0.2, years=2023, source="s")  # type: ignore[arg-type]

    def test_rounding_must_be_a_mode(self) -> None:
        """'rounding' must be a RoundingMode."""
        with pytest.raises(SchemeError, match="must be a RoundingMode"):
            CarryOver(share=0, years=2023, source="s", rounding="down")  # type: ignore[arg-type]

    def test_percent_text(self) -> None:
        """A third is written exactly."""
        rule = CarryOver(share=Fraction(1, 3), years=2023, source="s")
        assert rule.describe() == "at most 33 1/3% of the year's award may be spent in the next year"

    @pytest.mark.parametrize(
        ("rule", "text"),
        [
            (CarryOver(share=1, moves_again=True, years=2023, source="s"),
             "unspent money may be spent in any later year of the grant period"),
            (CarryOver(share=1, years=2023, source="s"), "unspent money may be spent in the next year"),
        ],
    )
    def test_carry_texts(self, rule: CarryOver, text: str) -> None:
        """The whole award moving on is described as such."""
        assert rule.describe() == text

    def test_bad_period(self) -> None:
        """A grant period must be a Period."""
        with pytest.raises(SchemeError, match="must be a Period"):
            GrantPeriod(period="2023-2026", version="1", source="s")  # type: ignore[arg-type]

    def test_bad_budget(self) -> None:
        """A national budget must be a non-negative Money."""
        with pytest.raises(SchemeError, match="non-negative Money"):
            NationalBudget(amount=Money(-1), years=2023, source="s")

    def test_component_of_a_scheme_without_components(self) -> None:
        """Asking a scheme without components for one says it has none."""
        scheme = _scheme(
            components=(),
            rules=_rules(
                walls=Walls(between_components=False, years=YEARS, source="s"),
                shifting=Shifting(share=1, within=ShiftScope.ANY, years=YEARS, source="s"),
                carry=CarryOver.none(years=YEARS, source="s"),
            ),
        )
        with pytest.raises(UnknownNameError, match="has no components; give one amount"):
            scheme.component("A")

    def test_explain_names_earlier_versions(self) -> None:
        """explain() lists the earlier versions of the grant period."""
        assert any("earlier version 2024" in line for line in SPUK_TRANSFORMATION.explain())

    def test_evolve_is_checked_too(self) -> None:
        """attrs.evolve builds the scheme anew, so its checks apply."""
        with pytest.raises(SchemeError, match="no components"):
            attrs.evolve(_scheme(), components=())

"""
Inputs to JSON and back: ``x.to_dict()`` is JSON-safe and ``type(x).from_dict(d) == x`` (issue 13,
item 2, the JSON of the inputs), over the library's own Hypothesis strategies; malformed data is
refused with an error that names the bad value and what would be valid.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from izafunding import (
    Composite,
    Equal,
    Fixed,
    FundingError,
    HalfUpEach,
    LargestRemainder,
    Money,
    Period,
    ProRata,
    strategies,
)
from izafunding._core.regions import Municipality
from izafunding._files.value_dicts import key_from_dict
from izafunding._scenarios.scenario import Scenario
from izafunding._schemes.grants import Grant
from izafunding._transformation.milestones import Milestone, ShareOfAreas
from izafunding._transformation.schedule import MilestoneSchedule
from izafunding.examples import ijssel_vecht, zutphen
from izafunding.schemes import SPUK_GALA, SPUK_IZA


def _through_json(value: Any) -> Any:
    """to_dict, written and read as JSON text (no default=), and from_dict of its type."""
    data = value.to_dict()
    text = json.dumps(data, sort_keys=True)
    assert json.dumps(json.loads(text), sort_keys=True) == text
    return type(value).from_dict(json.loads(text))


@given(st.from_type(Money))
def test_money_round_trip(amount: Money) -> None:
    assert _through_json(amount) == amount


@given(st.from_type(Period))
def test_period_round_trip(period: Period) -> None:
    assert _through_json(period) == period


@given(strategies.keys())
def test_key_round_trip(key: Any) -> None:
    back = _through_json(key)
    assert back == key
    assert key_from_dict(key.to_dict()) == key


@given(strategies.roundings())
def test_rounding_round_trip(rounding: Any) -> None:
    assert _through_json(rounding) == rounding


@settings(max_examples=40)
@given(strategies.grants())
def test_grant_round_trip(grant: Grant) -> None:
    back = _through_json(grant)
    assert back == grant
    assert back.scheme is grant.scheme


@settings(max_examples=30)
@given(strategies.scenarios())
def test_scenario_round_trip(scenario: Scenario) -> None:
    back = _through_json(scenario)
    assert back == scenario
    assert back.render() == scenario.render()


@settings(max_examples=30)
@given(strategies.milestone_schedules())
def test_schedule_round_trip(schedule: MilestoneSchedule) -> None:
    assert _through_json(schedule) == schedule


@given(strategies.milestones())
def test_milestone_round_trip(milestone: Milestone) -> None:
    assert _through_json(milestone) == milestone


def test_the_documents_inputs_round_trip() -> None:
    """The memo's scenario (IJssel-Vecht, Memo SPUK IZA 2025) and Zutphen's milestones (seed 002)."""
    memo = ijssel_vecht.scenario()
    assert _through_json(memo) == memo
    assert Scenario.from_dict(memo.to_dict()).member("Zwolle").pays == Money(116544)
    schedule = zutphen.schedule()
    assert _through_json(schedule) == schedule


def test_the_json_shape() -> None:
    """Amounts: exact decimal text and cents; shares: n/d and a decimal; dates ISO; the scheme by name."""
    assert Money("1234.5").to_dict() == {"euros": "1234.50", "cents": 123450}
    assert Period.quarter(2025, 1).to_dict() == {"first_day": "2025-01-01", "last_day": "2025-03-31"}
    assert Fixed({"a": Fraction(1, 3), "b": Fraction(2, 3)}).to_dict()["shares"][0] == {
        "recipient": "a",
        "share": {"fraction": "1/3", "decimal": "0.3333333333"},
    }
    pro_rata = ProRata({"Ommen": 19035, "x": Decimal("0.5")}).to_dict()
    assert pro_rata["weights"] == [
        {"recipient": "Ommen", "weight": 19035},
        {"recipient": "x", "weight": {"fraction": "1/2", "decimal": "0.5"}},
    ]
    grant = Grant(scheme=SPUK_IZA, recipient="Midden-IJssel", awarded={2023: Money(1438963)})
    data = grant.to_dict()
    assert data["scheme"] == "SPUK IZA"
    assert data["awarded"] == {"2023": {"euros": "1438963.00", "cents": 143896300}}
    assert LargestRemainder(unit=Money(1)).to_dict() == {
        "rounding": "largest_remainder",
        "unit": {"euros": "1.00", "cents": 100},
    }


def test_components_municipalities_and_rules_round_trip() -> None:
    """A GALA year with walls between components; a Municipality recipient; a share-of-areas rule."""
    gala = Grant(
        scheme=SPUK_GALA,
        recipient="Zutphen",
        awarded={2023: {"Lokaal Sportakkoord": Money(100000), "Kansrijke Start": Money(20000)}, 2025: Money(5)},
    )
    assert _through_json(gala) == gala
    key = Equal([Municipality("Deventer", code="GM0150"), Municipality("Olst-Wijhe")])
    assert _through_json(key) == key
    mixed = Composite([(Fraction(1, 2), key), (Fraction(1, 2), ProRata({7: 1, 8: 3}))])
    assert _through_json(mixed) == mixed
    schedule = zutphen.schedule()
    import attrs

    shared = attrs.evolve(schedule, rule=ShareOfAreas(Fraction(2, 3)))
    assert _through_json(shared) == shared


_GOOD_GRANT = {"scheme": "SPUK IZA", "recipient": "Midden-IJssel", "awarded": {"2023": {"cents": 100}}}


@pytest.mark.parametrize(
    ("read", "data", "words"),
    [
        (Money.from_dict, {"euros": "1.5x"}, r"euros: must be a decimal text of euros .* \(got '1.5x'\)"),
        (Money.from_dict, {"euros": "1.234"}, r"whole cents such as '1234.50' \(got '1.234'\)"),
        (Money.from_dict, {"cents": 1.5}, r"Money.from_dict: cents: must be a whole number \(got 1.5\)"),
        (Money.from_dict, {"euros": "1.00", "cents": 99}, r"disagree; give cents 100"),
        (Money.from_dict, 5, r"must be an amount such as \{'euros'"),
        (Period.from_dict, {"first_day": "2025-13-01", "last_day": "2025-12-31"}, r"first_day: must be a date in ISO form .* \(got '2025-13-01'\)"),
        (Period.from_dict, {"first_day": "2025-02-01", "last_day": "2025-01-01"}, r"Period.from_dict: .*"),
        (Period.from_dict, {"first_day": "2025-01-01"}, r"is missing 'last_day'"),
        (Equal.from_dict, {"key": "equal", "recipients": []}, r"Equal needs at least one recipient"),
        (Equal.from_dict, {"key": "equal", "recipients": ["a", "a"]}, r"recipient 'a' appears twice"),
        (Equal.from_dict, {"key": "pro_rata", "weights": [{"recipient": "a", "weight": 1}]}, r"is a ProRata key, not a Equal"),
        (ProRata.from_dict, {"key": "pro_rata", "weights": [{"recipient": "a", "weight": 0.5}]}, r"weights\[0\].weight: must be a whole number or \{'fraction'"),
        (ProRata.from_dict, {"key": "pro_rata", "weights": [{"recipient": "a", "weight": {"fraction": "1/0"}}]}, r"\(got \{'fraction': '1/0'\}\)"),
        (Fixed.from_dict, {"key": "fixed", "shares": [{"recipient": "a", "share": {"fraction": "1/2"}}]}, r"the shares must sum to exactly 1"),
        (Composite.from_dict, {"key": "mix", "parts": []}, r"key: must be one of 'equal', 'pro_rata', 'fixed', 'composite' \(got 'mix'\)"),
        (LargestRemainder.from_dict, {"rounding": "bankers", "unit": {"cents": 1}}, r"must be one of 'largest_remainder', 'half_up_each' \(got 'bankers'\)"),
        (HalfUpEach.from_dict, {"rounding": "half_up_each", "unit": {"cents": 0}}, r"must be a positive Money"),
        (HalfUpEach.from_dict, {"rounding": "largest_remainder", "unit": {"cents": 1}}, r"is LargestRemainder, not HalfUpEach"),
        (Grant.from_dict, {**_GOOD_GRANT, "scheme": "SPUK XYZ"}, r"scheme: no scheme called 'SPUK XYZ' \(schemes: SPUK IZA"),
        (Grant.from_dict, {**_GOOD_GRANT, "awarded": {"twenty": {"cents": 1}}}, r"awarded: must be a year such as '2025' \(got 'twenty'\)"),
        (Grant.from_dict, {**_GOOD_GRANT, "awarded": {"2019": {"cents": 1}}}, r"Grant.from_dict: .*2019"),
        (Grant.from_dict, {**_GOOD_GRANT, "colour": "red"}, r"unknown field\(s\) 'colour'; the fields are 'scheme'"),
        (Grant.from_dict, {**_GOOD_GRANT, "type": "Scenario"}, r"type: must be 'Grant' \(got 'Scenario'\)"),
        (Grant.from_dict, [], r"must be an object with 'scheme', 'recipient', 'awarded' \(got \[\]\)"),
    ],
)
def test_malformed_data_is_refused(read: Any, data: object, words: str) -> None:
    with pytest.raises(FundingError, match=words):
        read(data)


def test_malformed_scenario_and_schedule_name_the_place() -> None:
    data = ijssel_vecht.scenario().to_dict()["inputs"]
    data["lines"][0]["annual"] = {"euros": "lots"}
    with pytest.raises(FundingError, match=r"Scenario.from_dict: lines\[0\].annual.euros: must be a decimal"):
        Scenario.from_dict(data)
    data = ijssel_vecht.scenario().to_dict()["inputs"]
    data["members"][1]["inhabitants"]["count"] = -3
    with pytest.raises(FundingError, match=r"members\[1\].inhabitants: 'count' must be a non-negative int"):
        Scenario.from_dict(data)
    data = ijssel_vecht.scenario().to_dict()["inputs"]
    data["basis"] = "weeks"
    with pytest.raises(FundingError, match=r"basis: must be one of 'months', 'days' \(got 'weeks'\)"):
        Scenario.from_dict(data)
    schedule = zutphen.schedule().to_dict()
    schedule["milestones"][0]["kind"] = "hope"
    with pytest.raises(FundingError, match=r"milestones\[0\].kind: must be one of 'effort', 'result' \(got 'hope'\)"):
        MilestoneSchedule.from_dict(schedule)
    schedule = zutphen.schedule().to_dict()
    schedule["milestones"][0]["due"] = date(2025, 1, 1)
    with pytest.raises(FundingError, match=r"due: must be a date in ISO form"):
        MilestoneSchedule.from_dict(schedule)


def test_values_json_cannot_name_are_refused() -> None:
    with pytest.raises(FundingError, match=r"recipient \(1, 2\) cannot be written as JSON"):
        Equal([(1, 2), (3, 4)]).to_dict()

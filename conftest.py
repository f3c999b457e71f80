"""Shared test configuration: Hypothesis profiles."""

from __future__ import annotations

import os
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, settings

import izafunding


settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture(autouse=True)
def _doctest_names(doctest_namespace: dict[str, object]) -> None:
    """Docstrings and docs/*.md examples see the public names, Decimal, Fraction and date."""
    doctest_namespace.update({name: getattr(izafunding, name) for name in izafunding.__all__})
    doctest_namespace.update(Decimal=Decimal, Fraction=Fraction, date=date, izafunding=izafunding)

"""Reading a municipality's own figures for ``izafunding overview NAME FILE.toml`` from TOML text; no I/O."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

import attrs

from ._azwa import FigureKind
from ._inputfiles import field_money, parse_toml
from ._money import Money
from ._overview import FundingOverview, OverviewFigure, funding_overview
from .errors import InputFileError


__all__ = ["OVERVIEW_TOML", "parse_overview_toml", "render_overview"]

#: An overview file to start from.
OVERVIEW_TOML: Final = """\
# A municipality's own figures for `izafunding overview NAME FILE.toml`; every table is optional.
# Amounts in Dutch notation ("€ 120.000") or whole euros (120000).

[gala]            # Brede SPUK awards of years not in the built-in tables (2023, 2024)
2023 = "€ 1.059.000"
2024 = "€ 764.000"

[iza_share]       # the municipality's share of its region's SPUK-IZA, per year
2025 = "€ 120.000"

[azwa]            # the published SPUK AZWA local part (award letter), replacing the estimate
# 2027 = "€ 700.000"

[transformation]  # transformation advances (SPUK Transformatiemiddelen) per year
2025 = "€ 167.587"
"""

_TABLES: Final = ("gala", "iza_share", "azwa", "transformation")


def _years(doc: Mapping[str, Any], table: str, source: str) -> dict[int, Money]:
    value = doc.get(table, {})
    if not isinstance(value, Mapping):
        msg = f"{source}: {table}: must be a table of year = amount, got {value!r}"
        raise InputFileError(msg)
    result: dict[int, Money] = {}
    for key, amount in value.items():
        if not str(key).isdigit() or not 2023 <= int(key) <= 2029:
            msg = f"{source}: {table}.{key}: the key must be a year from 2023 to 2029"
            raise InputFileError(msg)
        result[int(key)] = field_money(amount, where=f"{source}: {table}.{key}")
    return result


def parse_overview_toml(text: str, source: str) -> dict[str, dict[int, Money]]:
    """
    The tables of an overview file (see :data:`OVERVIEW_TOML`), year -> amount each.

    >>> parse_overview_toml(OVERVIEW_TOML, "o.toml")["iza_share"]
    {2025: Money('120000.00')}
    >>> parse_overview_toml("[spent]\\n2025 = 1\\n", "o.toml")
    Traceback (most recent call last):
    ...
    izafunding.errors.InputFileError: o.toml: spent: unknown table; the tables are gala, iza_share, azwa, transformation

    Raises:
        InputFileError: Not a valid overview file; the message names the field.
    """
    doc = parse_toml(text, source)
    for key in doc:
        if key not in _TABLES:
            msg = f"{source}: {key}: unknown table; the tables are {', '.join(_TABLES)}"
            raise InputFileError(msg)
    return {t: _years(doc, t, source) for t in _TABLES}


def overview_from_file(name: str, text: str | None = None, source: str = "") -> FundingOverview:
    """The overview of *name* from built-in data, with the figures of an overview file's *text*."""
    if text is None:
        return funding_overview(name)
    from . import data

    tables = parse_overview_toml(text, source)
    canonical = data.brede_spuk_awards(2025).find(name)
    azwa = {y: {canonical: m} for y, m in tables["azwa"].items()}
    overview = funding_overview(
        canonical, azwa_published=azwa or None, iza_share=tables["iza_share"] or None
    )
    extra = [
        OverviewFigure(
            scheme=scheme,
            item=item,
            year=y,
            amount=m,
            kind=FigureKind.GIVEN,
            source=f"{source}: [{table}]",
            in_total=True,
        )
        for table, scheme, item in (
            ("gala", "SPUK GALA (Brede SPUK)", "awarded"),
            ("transformation", "SPUK Transformatiemiddelen", "advance"),
        )
        for y, m in sorted(tables[table].items())
        if overview.figure(scheme, item, y) is None
    ]
    notes = tuple(
        n for n in overview.notes if not (tables["gala"].keys() >= {2023, 2024} and "2023 and 2024" in n)
    )
    overview = attrs.evolve(overview, figures=(*overview.figures, *extra), notes=notes)
    return overview


def render_overview(name: str, text: str | None = None, source: str = "") -> str:
    """The text of ``izafunding overview NAME [FILE.toml]``."""
    return overview_from_file(name, text, source).render()

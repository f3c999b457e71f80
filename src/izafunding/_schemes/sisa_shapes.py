"""SiSa accounting, the shapes: the dated indicators of each scheme, their wording and sources."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final, TypeAlias, final

import attrs

from .._core.money import Money
from .._core.validators import non_empty_text
from ..errors import SchemeError, UnknownNameError


__all__ = [
    "SHAPES",
    "TRANSFORMATION_FROM",
    "TRANSFORMATION_PREFIX",
    "SisaIndicator",
    "SisaShape",
    "SisaValue",
    "SisaWording",
    "one_line_shape",
    "shape_for",
]

SisaValue: TypeAlias = "Money | bool | str | None"
"""What a SiSa cell holds: an amount, Ja/Nee, a text, or nothing (to fill in)."""

_CONTROLS: Final = ("R", "D1", "D2", "n.v.t.")

#: Where the public record stops (domain.md §4): the SiSa annex itself could not be read.
DUSI_IZA: Final = "DUS-I, page 'Specifieke uitkering Integraal Zorgakkoord' (codes H35, H35B)"
DUSI_TRANSFORMATION: Final = (
    "DUS-I, page 'Specifieke uitkering Transformatiemiddelen IZA' (seven indicators; code not given)"
)
VWS_LETTER_LINES: Final = (
    "VWS letter 'Wijziging SPUK IZA en Brede SPUK', 12 September 2025, ref. "
    "4190863-1084972-DMO ('van 15 verantwoordingsregels naar 1 verantwoordingsregel')"
)
REG_TRANSFORMATION_9: Final = (
    "Regeling specifieke uitkering transformatiemiddelen IZA (Stcrt. 2024, 17398), art. 9(2) "
    "(SiSa tussen medeoverheden)"
)
AZWA_LETTER: Final = (
    "VWS letter to the VNG, 22 April 2026, kenmerk 1097348-DMO (SiSa: one line, the total spent)"
)


def _check_control(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if value not in _CONTROLS:
        msg = f"'{attribute.name}' must be one of {', '.join(_CONTROLS)} (got {value!r})"
        raise SchemeError(msg)


_check_text = non_empty_text()


def _years(value: object) -> tuple[int, ...]:
    if isinstance(value, int) and not isinstance(value, bool):
        return (value,)
    if isinstance(value, (range, tuple, list)):
        out = tuple(value)
        if out and all(isinstance(y, int) and not isinstance(y, bool) for y in out):
            return out
    msg = f"'years' must be a year or a range of years such as range(2023, 2025) (got {value!r})"
    raise SchemeError(msg)


@final
@attrs.frozen(kw_only=True)
class SisaIndicator:
    """
    One indicator of a SiSa code (*indicator*): its number, wording and
    *aard controle*, the years it is asked, and whether the public record
    here confirms it.

    >>> i = SHAPES[0].indicators[2]
    >>> i.key, i.code, i.verified
    ('iza.member', 'H35B', False)

    Attributes:
        key: A stable name for the indicator (the key of a wording override).

        code: The SiSa code (``"H35"``), or ``None`` where not known.

        indicator: The indicator's number, or ``None`` where not known.

        label: The indicator's wording.

        control: The *aard controle*: ``"R"``, ``"D1"``, ``"D2"`` or ``"n.v.t."``.

        source: Where the definition comes from.

        verified: Whether the code, number and wording are all confirmed
            by the public record here.

        note: What is and is not confirmed.
    """

    key: str = attrs.field(validator=_check_text)
    code: str | None
    indicator: str | None
    label: str = attrs.field(validator=_check_text)
    control: str = attrs.field(validator=_check_control)
    source: str = attrs.field(validator=_check_text)
    verified: bool = False
    note: str = ""


@final
@attrs.frozen(kw_only=True)
class SisaWording:
    """
    The verified definition of an indicator, from the year's SiSa annex
    (*SiSa-bijlage*), given by a user to replace the library's unverified
    one without a code change. Fields left ``None`` keep the library's.

    >>> SisaWording(code="H35", indicator="01", source="SiSa-bijlage 2024").indicator
    '01'
    """

    code: str | None = None
    indicator: str | None = None
    label: str | None = None
    control: str | None = None
    source: str = attrs.field(validator=_check_text)

    def __attrs_post_init__(self) -> None:
        if self.control is not None and self.control not in _CONTROLS:
            msg = f"'control' must be one of {', '.join(_CONTROLS)} (got {self.control!r})"
            raise SchemeError(msg)

    def apply(self, indicator: SisaIndicator) -> SisaIndicator:
        """*indicator* with this wording, now verified (its source is this one)."""
        return attrs.evolve(
            indicator,
            code=self.code if self.code is not None else indicator.code,
            indicator=self.indicator if self.indicator is not None else indicator.indicator,
            label=self.label if self.label is not None else indicator.label,
            control=self.control if self.control is not None else indicator.control,
            source=self.source,
            verified=True,
            note=f"verified by the user from {self.source}",
        )


def _indicators(value: Sequence[SisaIndicator]) -> tuple[SisaIndicator, ...]:
    out = tuple(value)
    keys = [i.key for i in out]
    if len(set(keys)) != len(keys):
        msg = f"'indicators' must have unique keys (got {keys!r})"
        raise SchemeError(msg)
    return out


@final
@attrs.frozen(kw_only=True)
class SisaShape:
    """
    The SiSa shape of a scheme in some years: its indicators, whether rows
    are per component, and when the accounting is due (*deadline*: 15 July
    of the next year, or *later_years* later).

    Shapes are data, keyed by the scheme's name and the year
    (:func:`shape_for`); a scheme with no shape here gets the one-line shape
    (the total spent), unverified, so a new scheme plugs in without code.

    Attributes:
        scheme: The scheme's name, as ``Scheme.name``.

        years: The years the shape holds.

        indicators: The indicators, in report order.

        per_component: One row per component (GALA 2023 and 2024).

        source: Where the shape comes from.
    """

    scheme: str = attrs.field(validator=_check_text)
    years: tuple[int, ...] = attrs.field(converter=_years)
    indicators: tuple[SisaIndicator, ...] = attrs.field(converter=_indicators)
    per_component: bool = False
    source: str = attrs.field(validator=_check_text)

    def indicator(self, key: str) -> SisaIndicator:
        """The indicator called *key*."""
        for i in self.indicators:
            if i.key == key:
                return i
        keys = ", ".join(i.key for i in self.indicators)
        msg = f"the SiSa shape of {self.scheme} has no indicator {key!r} (indicators: {keys})"
        raise UnknownNameError(msg)


_UNVERIFIED_IZA = (
    "code confirmed by DUS-I; the indicator number and wording are the usual SiSa pattern, "
    "not verified against the SiSa annex"
)

_IZA: Final = SisaShape(
    scheme="SPUK IZA",
    years=range(2023, 2027),
    source=f"{DUSI_IZA}; domain.md §4",
    indicators=(
        SisaIndicator(
            key="iza.region",
            code="H35",
            indicator=None,
            label="Besteding (jaar T) ten laste van de specifieke uitkering, hele regio",
            control="R",
            source=DUSI_IZA,
            note=_UNVERIFIED_IZA,
        ),
        SisaIndicator(
            key="iza.own",
            code="H35",
            indicator=None,
            label="Besteding (jaar T) door de gemandateerde gemeente zelf",
            control="R",
            source=DUSI_IZA,
            note=_UNVERIFIED_IZA,
        ),
        SisaIndicator(
            key="iza.member",
            code="H35B",
            indicator=None,
            label="Besteding (jaar T) door de deelnemende gemeente (SiSa tussen medeoverheden)",
            control="R",
            source=DUSI_IZA,
            note=_UNVERIFIED_IZA,
        ),
    ),
)

_UNVERIFIED_GALA = "the SiSa code, indicator numbers and wording are not verified here"

_GALA_WALLS: Final = SisaShape(
    scheme="SPUK GALA",
    years=(2023, 2024),
    per_component=True,
    source=f"{VWS_LETTER_LINES}; domain.md §4 (15 lines in 2023 and 2024)",
    indicators=(
        SisaIndicator(
            key="gala.component",
            code=None,
            indicator=None,
            label="Besteding (jaar T) per onderdeel",
            control="R",
            source=VWS_LETTER_LINES,
            note=_UNVERIFIED_GALA,
        ),
        SisaIndicator(
            key="gala.component.carried",
            code=None,
            indicator=None,
            label="Besteding (jaar T) van het uit jaar T-1 doorgeschoven bedrag per onderdeel (20%-regel)",
            control="R",
            source=(
                "Raadsessie 'IZA - GALA - bijbehorende middelen' (18 April 2023) ('Maximaal 20% "
                "doorschuiven naar 2024'); domain.md §4"
            ),
            note=_UNVERIFIED_GALA,
        ),
    ),
)

_GALA_ONE: Final = SisaShape(
    scheme="SPUK GALA",
    years=(2025, 2026),
    source=f"{VWS_LETTER_LINES}; domain.md §4 (one line from 2025)",
    indicators=(
        SisaIndicator(
            key="gala.total",
            code=None,
            indicator=None,
            label="Besteding (jaar T) van de specifieke uitkering",
            control="R",
            source=VWS_LETTER_LINES,
            note=_UNVERIFIED_GALA,
        ),
        SisaIndicator(
            key="gala.carried",
            code=None,
            indicator=None,
            label="Besteding (jaar T) van het uit jaar T-1 doorgeschoven bedrag (10%-regel)",
            control="R",
            source=f"{VWS_LETTER_LINES} (at most 10% of the 2025 award may be spent in 2026)",
            note=_UNVERIFIED_GALA,
        ),
    ),
)

#: The prefix of the transformation indicators' keys.
TRANSFORMATION_PREFIX: Final = "transformation."
_T = TRANSFORMATION_PREFIX
_DUSI_NOTE = "number, wording and aard controle from DUS-I; the SiSa code is not given there"
_TRANSFORMATION: Final = SisaShape(
    scheme="SPUK Transformatiemiddelen",
    years=range(2024, 2029),
    source=f"{DUSI_TRANSFORMATION}; domain.md §4",
    indicators=tuple(
        SisaIndicator(
            key=f"{_T}{n}",
            code=None,
            indicator=str(n),
            label=label,
            control=control,
            source=DUSI_TRANSFORMATION,
            verified=True,
            note=_DUSI_NOTE,
        )
        for n, label, control in (
            (1, "Beschikkingsnummer", "n.v.t."),
            (
                2,
                "Zijn de geplande mijlpalen volgens de coördinerend zorgverzekeraars "
                "gerealiseerd (Ja/Nee)",
                "D1",
            ),
            (3, "Bestedingen (jaar T) Zelfstandige uitvoering", "R"),
            (4, "Correcties Bestedingen (jaar T-1) Zelfstandige uitvoering", "R"),
            (5, "Correcties Bestedingen (jaar T-1) Uitvoering door medeoverheden", "R"),
            (
                6,
                "Cumulatieve Bestedingen (tot en met jaar T) aan niet gerealiseerde mijlpalen "
                "inclusief uitvoering door medeoverheden",
                "R",
            ),
            (7, "Eindverantwoording jaar T? (Ja/Nee)", "n.v.t."),
        )
    ),
)

#: The shapes known here, by scheme name and years (domain.md §4).
SHAPES: Final = (_IZA, _GALA_WALLS, _GALA_ONE, _TRANSFORMATION)

#: From which SiSa year an indicator of the transformation funds is asked (domain.md §4).
TRANSFORMATION_FROM: Final = {f"{_T}4": 2025, f"{_T}5": 2025, f"{_T}6": 2024}


def one_line_shape(scheme: str, year: int, *, provisional: bool = False) -> SisaShape:
    """
    The shape of a scheme with no shape here: one line, the total spent
    (as the SPUK AZWA, SPUK-IZA and the Brede SPUK since 2025), unverified.

    >>> one_line_shape("SPUK AZWA", 2027).indicators[0].label
    'Besteding (jaar T) van de specifieke uitkering'
    """
    note = f"no SiSa shape is known for {scheme}: one line, the total spent; not verified"
    if provisional:
        note += "; the scheme is provisional"
    return SisaShape(
        scheme=scheme,
        years=year,
        source=AZWA_LETTER,
        indicators=(
            SisaIndicator(
                key="spent",
                code=None,
                indicator=None,
                label="Besteding (jaar T) van de specifieke uitkering",
                control="R",
                source=AZWA_LETTER,
                note=note,
            ),
        ),
    )


def shape_for(
    scheme: str, year: int, *, shapes: Sequence[SisaShape] = SHAPES, provisional: bool = False
) -> SisaShape:
    """
    The SiSa shape of *scheme* (its name) in *year*: from *shapes*, else the
    one-line shape.

    >>> shape_for("SPUK GALA", 2024).per_component, shape_for("SPUK GALA", 2025).per_component
    (True, False)
    >>> shape_for("SPUK AZWA", 2027).indicators[0].verified
    False
    """
    for s in shapes:
        if s.scheme == scheme and year in s.years:
            return s
    return one_line_shape(scheme, year, provisional=provisional)

"""SiSa accounting: the dated indicators of each scheme, and the rows of a year's report."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Final, TypeAlias, final

import attrs

from .._core.maps import FrozenMap
from .._core.money import Money
from .._render.exportable import Exportable
from .._render.table import Column, Kind, Report, Table, html_list
from ..errors import SchemeError, UnknownNameError


if TYPE_CHECKING:
    from .._transformation.grant import TransformationSettlement
    from .._transformation.outcomes import ScheduleSettlement
    from .members import MembersYear
    from .settlement import Settlement


__all__ = [
    "SHAPES",
    "BookYears",
    "SisaIndicator",
    "SisaReport",
    "SisaRow",
    "SisaShape",
    "SisaValue",
    "SisaWording",
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


def _check_text(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        msg = f"'{attribute.name}' must be a non-empty text (got {value!r})"
        raise SchemeError(msg)


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

_T = "transformation."
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


@final
@attrs.frozen(kw_only=True)
class SisaRow:
    """
    One row of a SiSa report: an indicator's value for the grant, a
    component or a member municipality.

    Attributes:
        key: The indicator's key (see :class:`SisaIndicator`).

        code: The SiSa code, or ``None`` where not known.

        indicator: The indicator's number, or ``None`` where not known.

        label: The indicator's wording.

        control: The *aard controle*.

        year: The year T.

        value: ``Money``, ``bool`` (Ja/Nee), ``str``, or ``None`` (to fill in).

        municipality: ``None`` for the grant's own rows; the member for H35B rows.

        component: The component, for GALA's rows per component.

        source: Where the definition comes from.

        verified: Whether the public record here confirms code, number and wording.

        note: What is and is not confirmed.
    """

    key: str
    code: str | None
    indicator: str | None
    label: str
    control: str
    year: int
    value: Money | bool | str | None
    municipality: str | None = None
    component: str | None = None
    source: str
    verified: bool
    note: str = ""

    @classmethod
    def of(
        cls,
        definition: SisaIndicator,
        year: int,
        value: Money | bool | str | None,
        *,
        municipality: str | None = None,
        component: str | None = None,
    ) -> SisaRow:
        """A row of *definition* for *year*."""
        return cls(
            key=definition.key,
            code=definition.code,
            indicator=definition.indicator,
            label=definition.label,
            control=definition.control,
            year=year,
            value=value,
            municipality=municipality,
            component=component,
            source=definition.source,
            verified=definition.verified,
            note=definition.note,
        )

    @property
    def shown_value(self) -> str:
        """The value as the report shows it: an amount, Ja/Nee, a text, or '(to fill in)'."""
        v = self.value
        if v is None:
            return "(to fill in)"
        if isinstance(v, bool):
            return "Ja" if v else "Nee"
        return str(v)


def _cell_value(value: Money | bool | str | None) -> Money | str | None:
    if isinstance(value, bool):
        return "Ja" if value else "Nee"
    return value


_SHEET_COLUMNS: Final = (
    Column(key="code"),
    Column(key="indicator"),
    Column(key="label"),
    Column(key="control"),
    Column(key="year", kind=Kind.COUNT, format="plain"),
    Column(key="value", kind=Kind.MONEY),
    Column(key="municipality"),
    Column(key="component"),
    Column(key="source"),
    Column(key="verified"),
)
_VIEW_COLUMNS: Final = (
    Column(key="code"),
    Column(key="label", title="indicator", width=80),
    Column(key="control"),
    Column(key="for"),
    Column(key="value", kind=Kind.MONEY, missing="(to fill in)", align="right"),
    Column(key="verified", title=""),
)


def _fmt_code(row: SisaRow) -> str:
    code = row.code or "?"
    return f"{code}/{row.indicator}" if row.indicator else code


@final
@attrs.frozen(kw_only=True)
class SisaReport(Exportable):
    """
    The SiSa rows of one grant for one year (*SiSa-verantwoording*), with
    the deadline and notes. Every rendering marks rows whose definition is
    not verified.

    Attributes:
        scheme: The scheme's name.

        recipient: The grant's recipient (the region for SPUK-IZA).

        accountable: Who delivers it (the mandated or lead municipality, or
            the recipient).

        year: The year T.

        rows: The rows, in report order.

        deadline: When the SiSa annex is due (15 July of T+1, later where
            the scheme says so).

        notes: Explanations (the deadline's reason, what is provisional).
    """

    scheme: str
    recipient: str
    accountable: str
    year: int
    rows: tuple[SisaRow, ...]
    deadline: date
    notes: tuple[str, ...] = ()

    @property
    def verified(self) -> bool:
        """Whether every row's definition is verified."""
        return all(r.verified for r in self.rows)

    def total(self, key: str) -> Money:
        """The sum of the amounts of the rows of indicator *key*."""
        return sum(
            (r.value for r in self.rows if r.key == key and isinstance(r.value, Money)), Money(0)
        )

    def table(self) -> Table:
        """
        The rows in the shape of the SiSa spreadsheet: code, indicator, label, control,
        year, value, municipality (and component), the definition's source and whether it
        is verified (``yes``/``no``); a yes/no value is ``Ja``/``Nee`` and one to fill in is
        empty. Every export (CSV, JSON, workbook) is this table; its notes say which rows
        are not verified.
        """
        return Table(
            name="sisa",
            title=self._caption(),
            columns=_SHEET_COLUMNS,
            rows=[
                (
                    r.code,
                    r.indicator,
                    r.label,
                    r.control,
                    r.year,
                    _cell_value(r.value),
                    r.municipality,
                    r.component,
                    r.source,
                    "yes" if r.verified else "no",
                )
                for r in self.rows
            ],
            notes=[*self._unverified(), *(f"Note: {n}" for n in self.notes)],
        )

    def view(self) -> Table:
        """The table people read (text and HTML): the code with its indicator number, unverified rows marked '*'."""
        return Table(
            name="sisa",
            title=self._caption(),
            columns=_VIEW_COLUMNS,
            rows=[
                (
                    _fmt_code(r),
                    r.label,
                    r.control,
                    r.municipality or r.component or "",
                    _cell_value(r.value),
                    "" if r.verified else "*",
                )
                for r in self.rows
            ],
            notes=self._unverified(),
        )

    def _caption(self) -> str:
        return (
            f"SiSa {self.year}: {self.scheme} for {self.recipient}; deliver by "
            f"{self.deadline.isoformat()}"
        )

    def _unverified(self) -> list[str]:
        if self.verified:
            return []
        notes = sorted({r.note for r in self.rows if not r.verified and r.note})
        return [
            "* not verified against the year's SiSa annex: " + "; ".join(notes),
            "  Give the verified wording (a SisaWording per indicator) to replace it.",
        ]

    def report(self) -> Report:
        """The SiSa report as it leaves the library: its rows, their sources, the deadline."""
        table = self.table()
        return Report(
            kind="sisa",
            title=table.title,
            tables=(table,),
            explanation=tuple(self.render().splitlines()),
            sources=sorted({r.source for r in self.rows}),
            inputs={
                "scheme": self.scheme,
                "recipient": self.recipient,
                "accountable": self.accountable,
                "year": self.year,
                "deadline": self.deadline.isoformat(),
            },
        )

    def render(self) -> str:
        """A text table, one line per row; unverified rows are marked with '*'."""
        view = self.view()
        out = [
            f"SiSa {self.year}: {self.scheme} for {self.recipient}"
            + (f" (accounted by {self.accountable})" if self.accountable != self.recipient else ""),
            f"Deliver by {self.deadline.day} July {self.deadline.year}"
            if self.deadline.month == 7
            else f"Deliver by {self.deadline.isoformat()}",
            "",
            *view.text_lines(rule=True),
        ]
        if view.notes:
            out += ["", *view.notes]
        out += [f"Note: {n}" for n in self.notes]
        return "\n".join(out)

    def to_rows(self) -> list[dict[str, object]]:
        """
        Plain rows of :meth:`table` (amounts as ``Decimal``), ready for
        ``pandas.DataFrame(rows)``; a yes/no value and ``verified`` as ``bool``, a value to
        fill in as ``None``.
        """
        return [
            {**row, "value": r.value.amount if isinstance(r.value, Money) else r.value,
             "verified": r.verified}
            for row, r in zip(self.table().to_rows(), self.rows, strict=True)
        ]

    def _repr_html_(self) -> str:
        view = self.view()
        table = attrs.evolve(view, notes=()).html(css_class="izafunding-sisa", heading_align=False)
        return table + html_list([*view.notes, *self.notes])

    def __repr__(self) -> str:
        return (
            f"<SisaReport {self.scheme} {self.recipient} {self.year}: {len(self.rows)} rows, "
            f"due {self.deadline.isoformat()}"
            + ("" if self.verified else ", not all verified")
            + ">"
        )


# -- building the reports -------------------------------------------------------------------

Wording: TypeAlias = "Mapping[str, SisaWording] | None"


def _definitions(shape: SisaShape, wording: Wording) -> dict[str, SisaIndicator]:
    out = {i.key: i for i in shape.indicators}
    for key, w in (wording or {}).items():
        if not isinstance(w, SisaWording):
            msg = f"wording[{key!r}] must be a SisaWording(code=..., source=...) (got {w!r})"
            raise SchemeError(msg)
        if key not in out:
            keys = ", ".join(out)
            msg = (
                f"wording names {key!r}, which the SiSa shape of {shape.scheme} in "
                f"{shape.years[0]}-{shape.years[-1]} does not have (indicators: {keys})"
            )
            raise UnknownNameError(msg)
        out[key] = w.apply(out[key])
    return out


def _deadline(year: int, later: int = 0) -> date:
    # 15 July of the next year (domain.md §4), *later* years later where the scheme says so.
    return date(year + 1 + later, 7, 15)


def settlement_sisa(
    settlement: Settlement,
    year: int,
    *,
    members: MembersYear | None = None,
    wording: Wording = None,
    shape: SisaShape | None = None,
) -> SisaReport:
    """The SiSa report of a grant's settlement for *year* (see :meth:`Settlement.sisa`)."""
    grant = settlement.grant
    scheme = grant.scheme
    y = settlement.year(year)
    provisional = bool(getattr(scheme, "provisional", False))
    chosen = shape or shape_for(scheme.name, year, provisional=provisional)
    defs = _definitions(chosen, wording)
    rows: list[SisaRow] = []
    notes: list[str] = []
    accountable = grant.applicant or grant.recipient
    if provisional:
        notes.append(f"{scheme.name} is provisional: its rules and amounts may change")
    if "iza.region" in defs:
        rows.append(SisaRow.of(defs["iza.region"], year, y.spent))
        if members is None:
            notes.append(
                "no transfers to members were given: the H35B rows (one per member that "
                "received money) and the mandated municipality's own spending cannot be shown"
            )
        else:
            own = members.own
            rows.append(SisaRow.of(defs["iza.own"], year, own.charged, municipality=own.municipality))
            for a in members.values():
                if a.mandated or (a.transferred.is_zero() and a.charged.is_zero()):
                    continue
                rows.append(SisaRow.of(defs["iza.member"], year, a.charged, municipality=a.municipality))
    elif chosen.per_component or "gala.total" in defs:
        for b in y.budgets:
            from_carried = min(b.spent, b.carried_in)
            if chosen.per_component:
                if b.awarded.is_zero() and b.spent.is_zero() and b.carried_in.is_zero():
                    continue
                rows.append(
                    SisaRow.of(defs["gala.component"], year, b.spent - from_carried, component=b.component)
                )
                if not b.carried_in.is_zero():
                    rows.append(
                        SisaRow.of(defs["gala.component.carried"], year, from_carried, component=b.component)
                    )
            else:
                rows.append(SisaRow.of(defs["gala.total"], year, b.spent - from_carried))
                if not b.carried_in.is_zero():
                    rows.append(SisaRow.of(defs["gala.carried"], year, from_carried))
    else:
        for d in defs.values():
            rows.append(SisaRow.of(d, year, y.spent if d.key == "spent" else None))
    return SisaReport(
        scheme=scheme.name,
        recipient=grant.recipient,
        accountable=accountable,
        year=year,
        rows=tuple(rows),
        deadline=_deadline(year),
        notes=tuple(notes),
    )


def _milestone_rows(
    schedule: ScheduleSettlement,
    year: int,
    spent: Money,
    *,
    final_year: int,
    passed_on: Mapping[str, Money],
    corrections: tuple[Money, Money],
    decision: str | None,
    defs: Mapping[str, SisaIndicator],
) -> tuple[list[SisaRow], list[str], int]:
    later = 1 if any(not m.is_zero() for m in passed_on.values()) else 0
    due = [o for o in schedule.outcomes if o.milestone.year <= year]
    reached = all(o.reached for o in due)
    is_final = year == final_year + later
    missed = Money.from_cents(
        sum(o.spent.cents for o in schedule.outcomes if not o.reached and o.milestone.year <= year)
    )
    own = spent - sum(passed_on.values(), Money(0))
    values: dict[str, SisaValue] = {
        f"{_T}1": decision,
        f"{_T}2": reached,
        f"{_T}3": own,
        f"{_T}4": corrections[0],
        f"{_T}5": corrections[1],
        f"{_T}6": missed if (is_final and not reached) else None,
        f"{_T}7": is_final,
    }
    rows = [
        SisaRow.of(d, year, values[key])
        for key, d in defs.items()
        if year >= TRANSFORMATION_FROM.get(key, 0)
    ]
    notes = []
    if later:
        names = ", ".join(f"{n} {m}" for n, m in passed_on.items() if not m.is_zero())
        notes.append(
            f"money passed to other municipalities ({names}): they account for it (SiSa tussen "
            f"medeoverheden) and the expected final accounting moves one year later "
            f"[source: {REG_TRANSFORMATION_9}]"
        )
    if values[f"{_T}1"] is None:
        notes.append("indicator 1: give the decision number (beschikkingsnummer)")
    if not (is_final and not reached):
        notes.append("indicator 6 is filled only when indicator 2 is 'Nee' at the end of the period")
    return rows, notes, later


def _passed_on(value: Mapping[str, Money] | None) -> Mapping[str, Money]:
    if value is None:
        return {}
    if not isinstance(value, Mapping) or not all(isinstance(v, Money) for v in value.values()):
        msg = f"passed_on must map a municipality to a Money (got {value!r})"
        raise SchemeError(msg)
    return value


def _corrections(value: tuple[Money, Money] | None) -> tuple[Money, Money]:
    if value is None:
        return (Money(0), Money(0))
    if not (isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, Money) for v in value)):
        msg = (
            "corrections must be a pair (own execution, by other municipalities) of Money, "
            f"such as (Money(0), Money(1250)) (got {value!r})"
        )
        raise SchemeError(msg)
    return value


def transformation_sisa(
    settlement: TransformationSettlement,
    year: int,
    *,
    passed_on: Mapping[str, Money] | None = None,
    corrections: tuple[Money, Money] | None = None,
    decision: str | None = None,
    wording: Wording = None,
) -> SisaReport:
    """The SiSa report of a transformation grant for *year* (see ``TransformationSettlement.sisa``)."""
    grant = settlement.grant
    grant.scheme.check_year(year)
    passed = _passed_on(passed_on)
    defs = _definitions(shape_for(grant.scheme.name, year), wording)
    books = grant.by_book_year(settlement.costs)
    spent = books.get(year, Money(0))
    final_year = max([*grant.advances, *books])
    rows, notes, later = _milestone_rows(
        settlement.milestones,
        year,
        spent,
        final_year=final_year,
        passed_on=passed,
        corrections=_corrections(corrections),
        decision=decision,
        defs=defs,
    )
    return SisaReport(
        scheme=grant.scheme.name,
        recipient=grant.recipient,
        accountable=grant.recipient,
        year=year,
        rows=tuple(rows),
        deadline=_deadline(year, later),
        notes=tuple(notes),
    )


def schedule_sisa(
    schedule: ScheduleSettlement,
    year: int,
    *,
    scheme: str = "SPUK Transformatiemiddelen",
    recipient: str = "",
    passed_on: Mapping[str, Money] | None = None,
    corrections: tuple[Money, Money] | None = None,
    decision: str | None = None,
    wording: Wording = None,
) -> SisaReport:
    """The SiSa report of a milestone schedule's settlement for *year*: spending by budget year."""
    passed = _passed_on(passed_on)
    defs = _definitions(shape_for(scheme, year), wording)
    years = [o.milestone.year for o in schedule.outcomes]
    if year not in range(min(years), max(years) + 2):
        msg = (
            f"{year} is outside the schedule's budget years ({min(years)}-{max(years)}, "
            f"and the year after for a final accounting moved later)"
        )
        raise SchemeError(msg)
    spent = Money.from_cents(sum(o.spent.cents for o in schedule.outcomes if o.milestone.year == year))
    rows, notes, later = _milestone_rows(
        schedule,
        year,
        spent,
        final_year=max(years),
        passed_on=passed,
        corrections=_corrections(corrections),
        decision=decision,
        defs=defs,
    )
    return SisaReport(
        scheme=scheme,
        recipient=recipient or "the schedule",
        accountable=recipient or "the schedule",
        year=year,
        rows=tuple(rows),
        deadline=_deadline(year, later),
        notes=tuple(notes),
    )


@final
class BookYears(Mapping[int, Money]):
    """
    The costs per SiSa book year of a transformation settlement (a read-only
    mapping, as before), which is also callable: ``settlement.sisa(2025)``
    gives the year's :class:`SisaReport`.
    """

    __slots__ = ("_items", "_settlement")

    def __init__(self, items: Mapping[int, Money], settlement: TransformationSettlement) -> None:
        self._items = FrozenMap(items)
        self._settlement = settlement

    def __getitem__(self, key: int) -> Money:
        return self._items[key]

    def __iter__(self) -> Iterator[int]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return repr(self._items)

    def __call__(
        self,
        year: int,
        *,
        passed_on: Mapping[str, Money] | None = None,
        corrections: tuple[Money, Money] | None = None,
        decision: str | None = None,
        wording: Wording = None,
    ) -> SisaReport:
        """The SiSa report for *year* (see :func:`transformation_sisa`)."""
        return transformation_sisa(
            self._settlement,
            year,
            passed_on=passed_on,
            corrections=corrections,
            decision=decision,
            wording=wording,
        )

"""SiSa accounting, the reports: the rows of a year's report and how they are built from a settlement
(the transformation funds' reports are built in ``_transformation/sisa.py``)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Final, TypeAlias, final

import attrs

from .._core.money import Money
from .._render.exportable import Exportable
from .._render.table import Column, Kind, Report, Table, html_list
from ..errors import SchemeError, UnknownNameError
from .sisa_shapes import (
    SHAPES,
    SisaIndicator,
    SisaShape,
    SisaValue,
    SisaWording,
    one_line_shape,
    shape_for,
)


if TYPE_CHECKING:
    from .members import MembersYear
    from .settlement import Settlement


__all__ = [
    "SHAPES",
    "SisaIndicator",
    "SisaReport",
    "SisaRow",
    "SisaShape",
    "SisaValue",
    "SisaWording",
    "Wording",
    "indicator_definitions",
    "one_line_shape",
    "shape_for",
    "sisa_deadline",
]


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
    Column(key="verified", kind=Kind.FLAG),
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
                    r.verified,
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
            {**row, "value": r.value.amount if isinstance(r.value, Money) else r.value}
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


def indicator_definitions(shape: SisaShape, wording: Wording) -> dict[str, SisaIndicator]:
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


def sisa_deadline(year: int, later: int = 0) -> date:
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
    defs = indicator_definitions(chosen, wording)
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
        deadline=sisa_deadline(year),
        notes=tuple(notes),
    )

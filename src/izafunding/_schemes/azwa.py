"""The SPUK AZWA 2027-2029 (provisional): national lines, the werkagenda condition, estimates."""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from datetime import date
from decimal import Decimal
from typing import Final, final

import attrs

from .._core.keys import ProRata
from .._core.maps import FrozenMap
from .._core.money import Money
from .._core.names import did_you_mean
from .._core.rounding import LargestRemainder, allocate
from .._render.exportable import Exportable
from .._render.json_export import money_to_dict
from .._render.table import Column, Kind, Report, Rule, Table
from ..errors import AllocationError, FloatNotAllowedError, SchemeError, UnknownNameError


__all__ = [
    "AZWA_LETTER",
    "AZWA_YEARS",
    "WERKAGENDA",
    "AzwaEstimate",
    "AzwaEstimates",
    "AzwaLine",
    "AzwaPart",
    "EstimateMethod",
    "FigureKind",
    "WerkagendaCondition",
    "estimate_part",
]

#: The one source of everything known about the SPUK AZWA; provisional.
AZWA_LETTER: Final = (
    "VWS letter to the VNG 'AZWA-afspraken D5 en D6 en financieringsinstrument', "
    "22 April 2026, kenmerk 1097348-DMO (provisional: the regulation was announced for mid-2026)"
)
#: The years of the SPUK AZWA.
AZWA_YEARS: Final = (2027, 2028, 2029)
#: What every AZWA figure that rests on the letter says.
PROVISIONAL_NOTE: Final = "provisional (VWS letter of 22 April 2026, not yet a regulation)"


class FigureKind(enum.Enum):
    """Where a figure comes from: every figure of an overview carries one."""

    #: From a published table (the VWS letters, or an award table the user loaded).
    PUBLISHED = "published"
    #: An estimate: not an award (the SPUK AZWA before its regulation).
    ESTIMATED = "estimated"
    #: Computed by the library from other figures (a split, a settlement, a risk).
    COMPUTED = "computed"
    #: Given by the user (a grant or amount typed into a file).
    GIVEN = "given"


class AzwaPart(enum.Enum):
    """The two parts of the SPUK AZWA that are paid to municipalities."""

    #: To each municipality for itself; key "vooralsnog" that of the Brede SPUK.
    LOCAL = "local"
    #: To each region's mandated municipality for the region; key that of the SPUK-IZA.
    REGIONAL = "regional"


@final
@attrs.frozen(kw_only=True)
class WerkagendaCondition:
    """
    The condition of payment (*betalingsvoorwaarde*) of the SPUK AZWA: no
    application; paid once the college-approved regional werkagenda reaches
    VWS (which does not judge its content); a werkagenda adopted by
    *adopted_by* lets the Rijk pay in *early_payment_year* already.

    >>> WERKAGENDA.can_pay_in(2026, adopted_on=date(2026, 11, 1))
    True
    >>> WERKAGENDA.can_pay_in(2026, adopted_on=date(2026, 12, 1))
    False
    >>> WERKAGENDA.can_pay_in(2027, adopted_on=None)
    False
    """

    application_required: bool = False
    adopted_by: date = date(2026, 11, 15)
    early_payment_year: int = 2026
    source: str = AZWA_LETTER

    def can_pay_in(self, year: int, *, adopted_on: date | None) -> bool:
        """
        Whether the Rijk can pay in *year*, given the day the regional
        werkagenda was adopted (``None``: not yet): never before it is
        adopted; in *early_payment_year* only if adopted by *adopted_by*.
        """
        if adopted_on is None or adopted_on.year > year:
            return False
        if year == self.early_payment_year:
            return adopted_on <= self.adopted_by
        return year > self.early_payment_year

    def describe(self) -> str:
        """One line in plain English."""
        return (
            f"no application: paid once the college-approved regional werkagenda reaches VWS; "
            f"adopted by {self.adopted_by:%d-%m-%Y}, payment can come in "
            f"{self.early_payment_year} already ({PROVISIONAL_NOTE})"
        )


#: The werkagenda condition of the letter of 22 April 2026.
WERKAGENDA: Final = WerkagendaCondition()


@final
@attrs.frozen(kw_only=True)
class AzwaLine:
    """
    One national line of the SPUK AZWA in one year (the letter's table),
    with its recipient. Only the local and regional lines are paid to
    municipalities (*part* is set); the other three go to their named
    recipients and are never estimated per municipality.

    >>> line = AzwaLine(name="local", year=2027, amount=Money(231_000_000),
    ...                 recipient="each municipality", part=AzwaPart.LOCAL)
    >>> str(line)
    'SPUK AZWA 2027, local: € 231.000.000 to each municipality [provisional (VWS letter of 22 April 2026, not yet a regulation)]'
    """

    name: str
    year: int
    amount: Money
    recipient: str
    part: AzwaPart | None = None
    source: str = AZWA_LETTER

    @property
    def provisional(self) -> bool:
        """Always ``True``: the lines rest on the letter, not on a regulation."""
        return True

    @property
    def paid_to_municipalities(self) -> bool:
        """Whether the line is paid to every municipality or every mandated municipality."""
        return self.part is not None

    def __str__(self) -> str:
        return (
            f"SPUK AZWA {self.year}, {self.name}: {self.amount:whole} to {self.recipient} "
            f"[{PROVISIONAL_NOTE}]"
        )


def _weights(value: Mapping[str, int | Decimal | Money]) -> FrozenMap[str, int | Decimal]:
    if not isinstance(value, Mapping) or not value:
        msg = f"weights must be a non-empty mapping name -> int, Decimal or Money (got {value!r})"
        raise AllocationError(msg)
    result: dict[str, int | Decimal] = {}
    for name, weight in value.items():
        if isinstance(weight, float):
            msg = f"the weight of {name!r} is a float ({weight!r}); use an int, Decimal or Money"
            raise FloatNotAllowedError(msg)
        if isinstance(weight, Money):
            result[name] = weight.cents
        elif isinstance(weight, (int, Decimal)) and not isinstance(weight, bool):
            result[name] = weight
        else:
            msg = f"the weight of {name!r} must be an int, Decimal or Money (got {weight!r})"
            raise AllocationError(msg)
    return FrozenMap(result)


@final
@attrs.frozen(kw_only=True)
class EstimateMethod:
    """
    How an AZWA estimate is made: the national line allocated over the
    recipients in proportion to *weights*, by largest remainder in whole
    euros (so the parts add up exactly to the line).

    >>> m = EstimateMethod(description="in proportion to their inhabitants",
    ...                    weights={"A": 1, "B": 3}, source="my own count")
    >>> m.weights
    {'A': 1, 'B': 3}

    Attributes:
        description: What the weights are, e.g. "in proportion to their 2026
            Brede SPUK amounts".

        weights: Name -> weight (int or Decimal; a ``Money`` weight is taken in cents).

        source: Where the weights come from.
    """

    description: str
    weights: FrozenMap[str, int | Decimal] = attrs.field(converter=_weights)
    source: str

    def describe(self, line: AzwaLine) -> str:
        """The method applied to *line*, in one sentence."""
        what = "municipalities" if line.part is AzwaPart.LOCAL else "regions"
        return (
            f"the national {line.name} line {line.year} ({line.amount:whole}) allocated over the "
            f"{len(self.weights)} {what} {self.description}, by largest remainder in whole euros"
        )


@final
@attrs.frozen(kw_only=True)
class AzwaEstimate(Exportable):
    """
    One municipality's or region's SPUK AZWA amount for one year: an
    **estimate** (never an award) until the real amount is published, or
    the published amount from a table the user loaded.

    Attributes:
        name: The municipality (local part) or region (regional part).

        year: 2027, 2028 or 2029.

        part: Local or regional.

        amount: The amount in whole euros.

        kind: :attr:`FigureKind.ESTIMATED` or :attr:`FigureKind.PUBLISHED`.

        method: How the estimate was made (``None`` for a published amount).

        source: The letter the estimate rests on, or the loaded table's source.
    """

    name: str
    year: int
    part: AzwaPart
    amount: Money
    kind: FigureKind
    method: str | None
    source: str

    @property
    def is_estimate(self) -> bool:
        """Whether the amount is an estimate (not an award)."""
        return self.kind is FigureKind.ESTIMATED

    @property
    def provisional(self) -> bool:
        """Whether the figure is provisional: every estimate is."""
        return self.is_estimate

    def describe(self) -> str:
        """What the figure is, how it was made and on what it rests."""
        if self.is_estimate:
            return f"estimate, {PROVISIONAL_NOTE}, not an award: {self.method} [source: {self.source}]"
        return (
            f"published (loaded table: {self.source}); the scheme's rules are "
            f"{PROVISIONAL_NOTE}"
        )

    def table(self) -> Table:
        """The figure as a one-row table: name, year, part, amount, what it is, its source."""
        return Table(
            name="azwa",
            title=f"SPUK AZWA {self.part.value} part {self.year}: {self.name}, {_status(self.kind)}",
            columns=_ESTIMATE_COLUMNS,
            rows=[
                (
                    self.name,
                    self.year,
                    self.part.value,
                    self.amount,
                    _status(self.kind),
                    self.method or "",
                    self.source,
                )
            ],
            notes=(self.describe(),),
        )

    def report(self) -> Report:
        """The figure as it leaves the library; an estimate says so in every export."""
        table = self.table()
        return Report(
            kind="azwa estimate" if self.is_estimate else "azwa published amount",
            title=table.title,
            tables=(table,),
            explanation=(str(self),),
            rules=(Rule(text=PROVISIONAL_NOTE, source=AZWA_LETTER),),
            sources=(self.source,),
            inputs={"name": self.name, "year": self.year, "part": self.part.value},
        )

    def to_rows(self) -> list[dict[str, object]]:
        """The figure as one plain row (amount as ``Decimal``)."""
        return self.table().to_rows()

    def _repr_html_(self) -> str:
        return self.table().html(css_class="izafunding-azwa")

    def __str__(self) -> str:
        return (
            f"{self.name}: SPUK AZWA {self.part.value} part {self.year} "
            f"{self.amount:whole} ({self.describe()})"
        )


def _status(kind: FigureKind) -> str:
    if kind is FigureKind.ESTIMATED:
        return "estimate (provisional, not an award)"
    return "published (the scheme is provisional)"


_ESTIMATE_COLUMNS: Final = (
    Column(key="name"),
    Column(key="year", kind=Kind.COUNT, format="plain"),
    Column(key="part"),
    Column(key="amount", kind=Kind.MONEY, format="compact_euros"),
    Column(key="figure"),
    Column(key="method", shown=False),
    Column(key="source", shown=False),
)


def _lookup(table: Mapping[str, Money], name: str) -> str | None:
    if name in table:
        return name
    wanted = " ".join(name.split()).lower()
    return next((k for k in table if " ".join(k.split()).lower() == wanted), None)


@final
class AzwaEstimates(Mapping[str, Money], Exportable):
    """
    Every municipality's (local) or region's (regional) SPUK AZWA amount for
    one year: a read-only mapping name -> ``Money``, each an estimate unless
    the loaded table published it. Without a loaded table the amounts add
    up exactly to the national line (:attr:`residue` is zero).
    """

    __slots__ = ("_amounts", "_published", "line", "method", "published_source", "unmatched")

    def __init__(
        self,
        *,
        line: AzwaLine,
        method: EstimateMethod,
        amounts: Mapping[str, Money],
        published: frozenset[str],
        published_source: str,
        unmatched: tuple[str, ...] = (),
    ) -> None:
        self.line = line
        self.method = method
        self.published_source = published_source
        self._amounts = dict(amounts)
        self._published = published
        #: Names in the loaded table that are not recipients of this part (kept out).
        self.unmatched = unmatched

    @property
    def year(self) -> int:
        """The year."""
        return self.line.year

    @property
    def part(self) -> AzwaPart:
        """Local or regional."""
        assert self.line.part is not None
        return self.line.part

    def __getitem__(self, name: str) -> Money:
        key = _lookup(self._amounts, name) if isinstance(name, str) else None
        if key is None:
            what = "municipality" if self.part is AzwaPart.LOCAL else "region"
            hint = did_you_mean(str(name), self._amounts)
            msg = f"{name!r} is not a {what} of the SPUK AZWA {self.part.value} part{hint}"
            raise UnknownNameError(msg)
        return self._amounts[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._amounts)

    def __len__(self) -> int:
        return len(self._amounts)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and _lookup(self._amounts, name) is not None

    @property
    def total(self) -> Money:
        """The sum of the amounts."""
        return sum(self._amounts.values(), Money(0))

    @property
    def residue(self) -> Money:
        """The national line minus the total (zero unless published amounts replaced estimates)."""
        return self.line.amount - self.total

    @property
    def published_names(self) -> tuple[str, ...]:
        """The names whose amount comes from the loaded table."""
        return tuple(n for n in self._amounts if n in self._published)

    def estimate(self, name: str) -> AzwaEstimate:
        """The amount of *name*, with its kind, method and source."""
        amount = self[name]
        key = _lookup(self._amounts, name)
        assert key is not None
        if key in self._published:
            return AzwaEstimate(
                name=key,
                year=self.year,
                part=self.part,
                amount=amount,
                kind=FigureKind.PUBLISHED,
                method=None,
                source=self.published_source,
            )
        return AzwaEstimate(
            name=key,
            year=self.year,
            part=self.part,
            amount=amount,
            kind=FigureKind.ESTIMATED,
            method=self.method.describe(self.line),
            source=f"{self.line.source}; weights: {self.method.source}",
        )

    def table(self) -> Table:
        """
        Every name's amount, each marked "estimate (provisional, not an award)" or
        "published"; below, the total, the national line and the residue.
        """
        what = "municipality" if self.part is AzwaPart.LOCAL else "region"
        rows = [
            (n, self.year, self.part.value, m, _status(self._kind(n)))
            for n, m in self._amounts.items()
        ]
        return Table(
            name="azwa",
            title=(
                f"SPUK AZWA {self.part.value} part {self.year}: estimates per {what}, "
                "provisional, not awards"
            ),
            columns=(
                Column(key="name", title=what),
                *(c for c in _ESTIMATE_COLUMNS[1:] if c.key not in ("method", "source")),
            ),
            rows=rows,
            footer=(
                ("total", None, None, self.total, None),
                ("national line", None, None, self.line.amount, None),
                ("residue", None, None, self.residue, None),
            ),
            notes=self._notes(),
        )

    def _kind(self, name: str) -> FigureKind:
        return FigureKind.PUBLISHED if name in self._published else FigureKind.ESTIMATED

    def _notes(self) -> tuple[str, ...]:
        notes = [
            f"Estimate: {self.method.describe(self.line)} [source: {self.line.source}; weights: "
            f"{self.method.source}]",
            f"Every amount is {PROVISIONAL_NOTE}; an estimate is not an award until the "
            "regulation or the award letters are published.",
        ]
        if self.published_names:
            notes.append(
                f"{len(self.published_names)} amounts published (loaded table: "
                f"{self.published_source})"
            )
        if self.unmatched:
            notes.append(f"Loaded names not matched: {', '.join(self.unmatched)}")
        return tuple(notes)

    def report(self) -> Report:
        """The estimates as they leave the library; every export says estimate and provisional."""
        table = self.table()
        return Report(
            kind="azwa estimates",
            title=table.title,
            tables=(table,),
            explanation=self.explain(),
            rules=(
                Rule(text=PROVISIONAL_NOTE, source=AZWA_LETTER),
                Rule(text=self.method.describe(self.line), source=self.method.source),
            ),
            sources=tuple(dict.fromkeys((self.line.source, self.method.source))),
            inputs={
                "year": self.year,
                "part": self.part.value,
                "line": money_to_dict(self.line.amount),
                "weights": {k: str(v) for k, v in self.method.weights.items()},
                "published": sorted(self.published_names),
            },
        )

    def explain(self) -> tuple[str, ...]:
        """What the estimates are, how they were made, and that they are provisional."""
        return (
            f"SPUK AZWA {self.part.value} part {self.year}: {len(self)} estimates, total "
            f"{self.total:whole} of the national line {self.line.amount:whole} (residue "
            f"{self.residue:whole})",
            *self._notes(),
        )

    def render(self) -> str:
        """The estimates as a text table, with the method and the provisional note."""
        return self.table().render(rule=True)

    def to_rows(self) -> list[dict[str, object]]:
        """Plain rows, one per name, ready for ``pandas.DataFrame(rows)``."""
        return self.table().to_rows()

    def _repr_html_(self) -> str:
        return self.table().html(
            css_class="izafunding-azwa",
            footer_labels=True,
            span_labels=True,
            alert=() if self.residue.is_zero() else (2,),
        )

    def __repr__(self) -> str:
        return (
            f"<AzwaEstimates {self.part.value} {self.year}: {len(self)} names, total "
            f"{self.total:whole}, {len(self.published_names)} published"
            + (f", {len(self.unmatched)} loaded names not matched" if self.unmatched else "")
            + f", {PROVISIONAL_NOTE}>"
        )


def estimate_part(
    line: AzwaLine, method: EstimateMethod, published: Mapping[str, Money] | None = None
) -> AzwaEstimates:
    """
    Allocate *line* over the recipients of *method* in proportion to its
    weights, by largest remainder in whole euros (ties as :func:`allocate`
    breaks them); where *published* has a name, its amount replaces the
    estimate.

    >>> line = AzwaLine(name="local", year=2027, amount=Money(100), recipient="each municipality",
    ...                 part=AzwaPart.LOCAL)
    >>> est = estimate_part(line, EstimateMethod(description="equally",
    ...                     weights={"A": 1, "B": 1, "C": 1}, source="test"))
    >>> dict(est), est.residue
    ({'A': Money('34.00'), 'B': Money('33.00'), 'C': Money('33.00')}, Money('0.00'))
    """
    if line.part is None:
        msg = (
            f"the SPUK AZWA line {line.name!r} goes to {line.recipient}, not to every "
            f"municipality or region: it has no estimate per municipality (lines with "
            f"estimates: local, regional)"
        )
        raise SchemeError(msg)
    alloc = allocate(
        line.amount, ProRata(dict(method.weights)), rounding=LargestRemainder(unit=Money(1))
    )
    amounts: dict[str, Money] = {str(r): alloc[r] for r in alloc}
    chosen: set[str] = set()
    source = ""
    unmatched: tuple[str, ...] = ()
    if published is not None:
        if not isinstance(published, Mapping):
            msg = f"published must be a mapping name -> Money, e.g. data.read_award_table(text) (got {published!r})"
            raise SchemeError(msg)
        table_year = getattr(published, "year", None)
        if table_year is not None and table_year != line.year:
            msg = f"the loaded table is for {table_year}, not {line.year}"
            raise SchemeError(msg)
        source = str(getattr(published, "source", "a table loaded by the user"))
        for name in amounts:
            key = _lookup(published, name)
            if key is not None:
                value = published[key]
                if not isinstance(value, Money):
                    msg = f"the loaded amount of {key!r} must be Money (got {value!r})"
                    raise SchemeError(msg)
                amounts[name] = value
                chosen.add(name)
        matched = {_lookup(published, n) for n in chosen}
        unmatched = tuple(str(k) for k in published if k not in matched)
    return AzwaEstimates(
        line=line,
        method=method,
        amounts=amounts,
        published=frozenset(chosen),
        published_source=source,
        unmatched=unmatched,
    )

"""The Allocation: what allocate() gives, a read-only mapping recipient -> part that explains itself, and its table."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any, final

import attrs

from .._render import formats
from .._render.exportable import Exportable
from .._render.table import Column, Kind, Report, Rule, Table
from .findings import Finding, FindingKind
from .keys import AllocationKey, Recipient, _unknown
from .money import Money


if TYPE_CHECKING:
    from .rounding import Rounding


__all__ = ["Allocation"]


@final
@attrs.frozen(kw_only=True, eq=False)
class Allocation(Exportable, Mapping[Recipient, Money]):
    """
    The result of :func:`allocate`: a read-only mapping recipient -> part.

    It remembers what was to be divided (*target*), under which key and which
    rounding, so every part can explain itself. Two allocations are equal
    when they give the same parts to the same recipients.

    >>> from izafunding import Equal, HalfUpEach, LargestRemainder, allocate
    >>> alloc = allocate(Money(100), Equal(["a", "b", "c"]), rounding=HalfUpEach())
    >>> alloc.target, alloc.total, alloc.residue
    (Money('100.00'), Money('99.99'), Money('0.01'))
    >>> print(alloc.explain()[0])
    a: 1 of 3 equal parts (share 1/3) of € 100,00 = € 33,3333… unrounded; each part rounded half up to € 0,01 -> € 33,33

    Attributes:
        target: What was to be divided.

        key: The allocation key.

        rounding: The rounding policy.
    """

    target: Money
    key: AllocationKey
    rounding: Rounding
    _cents: tuple[int, ...] = attrs.field(alias="cents", repr=False)
    _extra_units: tuple[int, ...] = attrs.field(alias="extra_units", repr=False)
    # The key's recipients and exact shares as allocate() computed them, kept so that
    # reading and explaining never recompute them (a Composite's shares are costly).
    _recipients: tuple[Recipient, ...] = attrs.field(alias="recipients", repr=False)
    _numerators: tuple[int, ...] = attrs.field(alias="numerators", repr=False)
    _denominator: int = attrs.field(alias="denominator", repr=False)
    _positions: dict[Recipient, int] | None = attrs.field(init=False, default=None, repr=False)
    # Every part as Money, built in one pass on first read.
    _parts: dict[Recipient, Money] | None = attrs.field(init=False, default=None, repr=False)

    def _position(self, recipient: Recipient) -> int:
        positions = self._positions
        if positions is None:
            positions = {r: i for i, r in enumerate(self._recipients)}
            object.__setattr__(self, "_positions", positions)
        try:
            return positions[recipient]
        except (KeyError, TypeError):
            raise _unknown(recipient, self._recipients) from None

    # -- mapping -------------------------------------------------------------

    def __getitem__(self, recipient: Recipient) -> Money:
        parts = self._parts
        if parts is None:
            parts = dict(zip(self._recipients, Money._many_from_cents(self._cents), strict=True))
            object.__setattr__(self, "_parts", parts)
        try:
            return parts[recipient]
        except (KeyError, TypeError):
            raise _unknown(recipient, self._recipients) from None

    def __iter__(self) -> Iterator[Recipient]:
        return iter(self._recipients)

    def __len__(self) -> int:
        return len(self._cents)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Allocation):
            return dict(zip(self._recipients, self._cents, strict=True)) == dict(
                zip(other._recipients, other._cents, strict=True)
            ) and self.target == other.target
        if isinstance(other, Mapping):
            return dict(self.items()) == dict(other.items())
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    # -- totals ----------------------------------------------------------------

    @property
    def total(self) -> Money:
        """The sum of the parts."""
        return Money.from_cents(sum(self._cents))

    @property
    def residue(self) -> Money:
        """
        ``target - total``: what the rounding left undivided (positive) or
        invented (negative). Always zero under :class:`LargestRemainder`.
        """
        return Money.from_cents(self.target.cents - sum(self._cents))

    def exact_share(self, recipient: Recipient) -> Fraction:
        """The exact fraction of the target that *recipient* is entitled to."""
        return Fraction(self._numerators[self._position(recipient)], self._denominator)

    def exact_amount(self, recipient: Recipient) -> Fraction:
        """The exact (unrounded) part of *recipient*, in euros."""
        return self.target.as_fraction() * self.exact_share(recipient)

    def extra_units(self, recipient: Recipient) -> int:
        """How many rounding units *recipient* got for a largest remainder (0 or 1)."""
        return self._extra_units[self._position(recipient)]

    # -- explanation and display ------------------------------------------------

    def table(self) -> Table:
        """
        The allocation as a :class:`~izafunding._render.table.Table`: per recipient the basis
        under the key (shown as "share"), the exact share (rows and exports), the exact amount,
        the part and the extra units (rows and exports); the total, target and residue below.
        """
        rows = [
            (
                str(r),
                self.key.describe(r),
                self.exact_share(r),
                self.exact_amount(r),
                self[r],
                self.extra_units(r),
            )
            for r in self
        ]
        return Table(
            name="allocation",
            title=f"{self.target} by {type(self.key).__name__}, {self.rounding.describe()}",
            columns=_ALLOCATION_COLUMNS,
            rows=rows,
            footer=(
                ("total", None, None, None, self.total, None),
                ("target", None, None, None, self.target, None),
                ("residue", None, None, None, self.residue, None),
            ),
        )

    def report(self) -> Report:
        """The allocation as it leaves the library: its table, explanation, rule and inputs."""
        table = self.table()
        findings = []
        if not self.residue.is_zero():
            findings.append(
                Finding(
                    kind=FindingKind.RESIDUE,
                    message=f"the parts add up to {self.total}, not {self.target}",
                    source=self.rounding.describe(),
                    amount=self.residue,
                )
            )
        from .._render.json_export import money_to_dict  # only when a report is asked for

        return Report(
            kind="allocation",
            title=table.title,
            tables=(table,),
            explanation=self.explain(),
            rules=(Rule(text=self.rounding.describe(), source="declared on the call"),),
            findings=findings,
            inputs={
                "target": money_to_dict(self.target),
                "key": type(self.key).__name__,
                "shares": {str(r): formats.fraction(self.exact_share(r)) for r in self},
                "rounding": {
                    "policy": type(self.rounding).__name__,
                    "unit": money_to_dict(self.rounding.unit),
                },
            },
        )

    def plot(self) -> Any:
        """Bars per recipient, the parts in euros (a matplotlib ``Figure``; extra ``plot``)."""
        from .._render.charts import bar_chart

        return bar_chart(self.table(), "amount")

    def explain(self) -> tuple[str, ...]:
        """
        One plain-English line per recipient: its share under the key, the
        exact amount, the rounding, any remainder unit, and the part; then a
        line on the total and the residue.
        """
        lines = []
        for r in self:
            extra = self.extra_units(r)
            extra_text = (
                f", +{extra} unit of {self.rounding.unit} for a largest remainder"
                if extra
                else ""
            )
            lines.append(
                f"{r}: {self.key.describe(r)} (share {formats.fraction(self.exact_share(r))}) "
                f"of {self.target} = {formats.exact_euros(self.exact_amount(r))} unrounded; "
                f"{self.rounding.describe()}{extra_text} -> {self[r]}"
            )
        if self.residue.is_zero():
            lines.append(f"Total: {self.total}, the whole of {self.target}.")
        else:
            lines.append(
                f"Total: {self.total} against {self.target}: a residue of {self.residue} "
                f"that the rounding ({self.rounding.describe()}) leaves "
                f"{'undivided' if self.residue.cents > 0 else 'over-allocated'}."
            )
        return tuple(lines)

    def to_rows(self) -> list[dict[str, object]]:
        """
        Plain rows, one per recipient, ready for ``pandas.DataFrame(rows)``.

        ``share`` is the exact ``Fraction``; ``exact`` the unrounded part as a
        ``Decimal`` (all digits when it terminates, else rounded to 10
        decimals, for display only); ``amount`` the part in euros.

        >>> from izafunding import Equal, HalfUpEach, LargestRemainder, allocate
        >>> allocate(Money(10), Equal(["a", "b"]), rounding=LargestRemainder()).to_rows()[0]
        {'recipient': 'a', 'share': Fraction(1, 2), 'exact': Decimal('5'), 'amount': Decimal('5.00'), 'extra_units': 0}
        """
        return self.table().to_rows()

    def _repr_html_(self) -> str:
        return self.table().html(
            css_class="izafunding-allocation",
            heading_align=False,
            footer_labels=True,
            span_labels=True,
            alert=() if self.residue.is_zero() else (2,),
        )

    def __repr__(self) -> str:
        parts = ", ".join(f"{r!r}: {self[r]!r}" for r in self)
        return (
            f"<Allocation of {self.target} by {type(self.key).__name__}, "
            f"{self.rounding!r}, residue {self.residue}: {{{parts}}}>"
        )


#: The allocation's columns: the views show recipient, basis, exact amount and part; the rows
#: and exports carry the exact share and the extra units instead of the basis.
_ALLOCATION_COLUMNS = (
    Column(key="recipient", title="recipient", kind=Kind.TEXT),
    Column(key="basis", title="share", kind=Kind.TEXT, plain=False),
    Column(key="share", title="exact share", kind=Kind.SHARE, format="fraction", shown=False),
    Column(key="exact", title="exact", kind=Kind.EXACT_MONEY),
    Column(key="amount", title="part", kind=Kind.MONEY),
    Column(key="extra_units", title="extra units", kind=Kind.COUNT, shown=False),
)


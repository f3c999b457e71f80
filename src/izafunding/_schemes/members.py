"""A region's members: the agreement between them, each member's account and a year of them (how
they are computed from the spending and transfers: ``member_accounting.py``)."""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Final, final

import attrs

from .._core.findings import Finding, FindingKind
from .._core.keys import AllocationKey
from .._core.maps import FrozenMap
from .._core.money import Money
from .._core.names import did_you_mean
from .._core.rounding import LargestRemainder, Rounding
from .._render.exportable import Exportable
from .._render.json_export import money_to_dict
from .._render.table import Column, Kind, Report, Rule, Table, html_list
from ..errors import SchemeError, UnknownNameError


if TYPE_CHECKING:
    pass


__all__ = [
    "MemberAccount",
    "MembersYear",
    "OverspendRule",
    "RegionAgreement",
]

_ZERO = Money(0)
SOURCE_MEMBERS: Final = (
    "Raadsmededeling 2023-918 SPUK-IZA 2023, Deventer (17 October 2023): members that "
    "receive money account to the mandated municipality; Regeling specifieke uitkering "
    "IZA-doelen 2023-2026: the mandated municipality accounts for the region (SiSa H35, H35B)"
)


class OverspendRule(enum.Enum):
    """What happens to a municipality's spending above the money it was given."""

    #: The overspend stays its own money: not charged to the grant (the default).
    OWN = "stays the municipality's own money"
    #: The region agreed to cover overspends from the region's unspent money, as far as it goes.
    POOLED = "covered from the region's unspent money"


def _check_key(
    instance: object, attribute: attrs.Attribute[AllocationKey | None], value: object
) -> None:
    if value is not None and not hasattr(value, "integer_shares"):
        msg = (
            f"'repayment_key' must be an allocation key such as Equal([...]) or "
            f"ProRata({{'Deventer': 101236, ...}}) (got {value!r})"
        )
        raise SchemeError(msg)


def _check_rule(instance: object, attribute: attrs.Attribute[OverspendRule], value: object) -> None:
    if not isinstance(value, OverspendRule):
        msg = f"'overspend' must be OverspendRule.OWN or OverspendRule.POOLED (got {value!r})"
        raise SchemeError(msg)


@final
@attrs.frozen(kw_only=True)
class RegionAgreement:
    """
    What the region's municipalities agreed about the settlement between
    them (*afspraken in de regio*); the scheme does not settle it.

    >>> RegionAgreement().describe()
    "an overspend stays the municipality's own money; each returns its own unspent money"

    Attributes:
        overspend: What happens to spending above the money given
            (default: it stays the municipality's own money).

        repayment_key: Share the repayment of the allocated money by this
            key (``Equal`` or ``ProRata`` by inhabitants) instead of by whose
            money it was; money never allocated is repaid as it is.

        rounding: The rounding of the shares (default: whole cents, parts
            summing to the total).

        source: Where the region agreed it.
    """

    overspend: OverspendRule = attrs.field(default=OverspendRule.OWN, validator=_check_rule)
    repayment_key: AllocationKey | None = attrs.field(default=None, validator=_check_key)
    rounding: Rounding = attrs.field(factory=LargestRemainder)
    source: str = "the library's default: by whose money it was"

    def describe(self) -> str:
        """In words."""
        how = (
            "each returns its own unspent money"
            if self.repayment_key is None
            else "the repayment of the allocated money is shared by the key"
        )
        return f"an overspend {self.overspend.value}; {how}"


@final
@attrs.frozen(kw_only=True)
class MemberAccount:
    """
    One municipality's account with the region for a year
    (*verantwoording aan de gemandateerde gemeente*).

    Always ``transferred == charged + returned + kept`` and ``spent ==
    charged + overspend``.

    Attributes:
        municipality: The municipality.

        mandated: Whether it is the mandated municipality (its
            ``transferred`` is the part it kept for its own activities).

        transferred: What the mandated municipality passed on to it (for
            the mandated municipality: its own part).

        spent: What it spent on the grant's activities.

        charged: Of that, what is charged to the grant.

        returned: What it gives back (a member: to the mandated
            municipality; the mandated municipality: towards the repayment).
            Negative where the region pays it more (a covered overspend).

        kept: What it keeps beyond what was charged (only under a
            repayment key; negative where it pays from its own money).
    """

    municipality: str
    mandated: bool
    transferred: Money
    spent: Money
    charged: Money
    returned: Money
    kept: Money

    @property
    def overspend(self) -> Money:
        """Spending not charged to the grant: the municipality's own money."""
        return self.spent - self.charged

    @property
    def unspent(self) -> Money:
        """What it was given less what was charged (negative for a covered overspend)."""
        return self.transferred - self.charged


@final
@attrs.frozen(kw_only=True)
class MembersYear(Mapping[str, MemberAccount], Exportable):
    """
    A region's year between its members: a read-only mapping municipality ->
    :class:`MemberAccount`, with the money never allocated and how the
    repayment to the Rijk is made up.

    Invariants, to the cent: ``available == not_allocated + sum of
    transferred``; ``repayable == available - charged == not_allocated +
    sum of returned``.

    Attributes:
        year: The year.

        region: The region.

        mandated: The mandated municipality.

        available: What the region had for the year (its award).

        accounts: The accounts, the mandated municipality first.

        not_allocated: Money neither passed on nor kept by the mandated
            municipality for its own part: repaid as it is.

        agreement: What the region agreed.
    """

    year: int
    region: str
    mandated: str
    available: Money
    accounts: FrozenMap[str, MemberAccount]
    not_allocated: Money
    agreement: RegionAgreement

    def __getitem__(self, key: str) -> MemberAccount:
        try:
            return self.accounts[key]
        except KeyError:
            hint = did_you_mean(str(key), list(self.accounts))
            msg = f"{key!r} has no account in {self.region} {self.year} (accounts: {', '.join(self.accounts)}){hint}"
            raise UnknownNameError(msg) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self.accounts)

    def __len__(self) -> int:
        return len(self.accounts)

    @property
    def own(self) -> MemberAccount:
        """The mandated municipality's own account."""
        return self.accounts[self.mandated]

    @property
    def transferred(self) -> Money:
        """What was passed on to the members (not the mandated municipality's own part)."""
        return sum((a.transferred for a in self.values() if not a.mandated), _ZERO)

    @property
    def spent(self) -> Money:
        """The region's spending charged to the grant: the total of all municipalities."""
        return sum((a.charged for a in self.values()), _ZERO)

    @property
    def overspend(self) -> Money:
        """Spending not charged to the grant: the municipalities' own money."""
        return sum((a.overspend for a in self.values()), _ZERO)

    @property
    def returned_by_members(self) -> Money:
        """What the members give back to the mandated municipality."""
        return sum((a.returned for a in self.values() if not a.mandated), _ZERO)

    @property
    def repayable(self) -> Money:
        """What the region repays to the Rijk for the year."""
        return self.available - self.spent

    def make_up(self) -> FrozenMap[str, Money]:
        """
        How the repayment to the Rijk is made up: money never allocated,
        the members' returns, and the mandated municipality's own part. The
        parts add up to :attr:`repayable`, to the cent.
        """
        return FrozenMap(
            {
                "never allocated": self.not_allocated,
                "returned by the members": self.returned_by_members,
                f"{self.mandated}'s own part": self.own.returned,
            }
        )

    @property
    def findings(self) -> tuple[Finding, ...]:
        """An overspend that stays a municipality's own money, and a covered one."""
        out: list[Finding] = []
        for a in self.values():
            if a.overspend.cents > 0:
                out.append(
                    Finding(
                        kind=FindingKind.OVERSPEND,
                        message=(
                            f"{a.municipality} spent {a.spent} in {self.year} against "
                            f"{a.transferred} {'kept for its own part' if a.mandated else 'passed on'}: "
                            f"{a.overspend} {OverspendRule.OWN.value} and is not charged to the grant"
                        ),
                        source=self.agreement.source,
                        amount=a.overspend,
                        year=self.year,
                    )
                )
            elif a.unspent.cents < 0:
                out.append(
                    Finding(
                        kind=FindingKind.OVERSPEND,
                        message=(
                            f"{a.municipality}'s overspend of {-a.unspent} in {self.year} is "
                            f"{OverspendRule.POOLED.value} (the region's agreement)"
                        ),
                        source=self.agreement.source,
                        amount=-a.unspent,
                        year=self.year,
                    )
                )
        return tuple(out)

    def explain(self) -> tuple[str, ...]:
        """Per municipality what it received, spent, had charged and returns; then the make-up."""
        lines = [
            f"{self.region} {self.year}: {self.available} available; {self.agreement.describe()}",
        ]
        for a in self.values():
            role = "own part" if a.mandated else "passed on"
            line = (
                f"  {a.municipality}: {role} {a.transferred}, spent {a.spent}, charged to the "
                f"grant {a.charged}, returns {a.returned}"
            )
            if not a.kept.is_zero():
                line += f", keeps {a.kept}"
            lines.append(line)
        lines.append(
            f"  repayable to the Rijk {self.repayable} = "
            + " + ".join(f"{k} {v}" for k, v in self.make_up().items())
        )
        return tuple(lines)

    def table(self) -> Table:
        """
        The accounts' table: per municipality what it was given, spent, had charged, its own
        money, what it returns and keeps; the totals below. Its notes: the make-up of the
        repayment to the Rijk.
        """
        rows = [
            (
                a.municipality + (" (own part)" if a.mandated else ""),
                a.municipality,
                "own part" if a.mandated else "passed on",
                *(getattr(a, k) for k, _ in _ACCOUNT_FIGURES),
            )
            for a in self.values()
        ]
        total = (
            "total",
            None,
            None,
            self.transferred + self.own.transferred,
            sum((a.spent for a in self.values()), _ZERO),
            self.spent,
            self.overspend,
            sum((a.returned for a in self.values()), _ZERO),
            sum((a.kept for a in self.values()), _ZERO),
        )
        return Table(
            name="members",
            title=(
                f"{self.region} {self.year}: between the members (mandated municipality "
                f"{self.mandated}); {self.agreement.describe()}"
            ),
            columns=_ACCOUNT_COLUMNS,
            rows=rows,
            footer=(total,),
            notes=(
                f"Available {self.available}; never allocated {self.not_allocated}.",
                "\n".join(
                    [
                        f"Repayable to the Rijk {self.repayable}:",
                        *(f"  {k:<32}{v!s:>20}" for k, v in self.make_up().items()),
                    ]
                ),
            ),
        )

    def make_up_table(self) -> Table:
        """The make-up of the repayment to the Rijk, its parts and their total."""
        return Table(
            name="repayment",
            title=f"{self.region} {self.year}: repayable to the Rijk",
            columns=(Column(key="part"), Column(key="amount", kind=Kind.MONEY)),
            rows=list(self.make_up().items()),
            footer=(("repayable", self.repayable),),
        )

    def report(self) -> Report:
        """The members' year as it leaves the library: the accounts, the repayment, findings."""
        table = self.table()
        return Report(
            kind="members",
            title=table.title,
            tables=(table, self.make_up_table()),
            explanation=self.explain(),
            rules=(Rule(text=self.agreement.describe(), source=self.agreement.source),),
            sources=(SOURCE_MEMBERS,),
            findings=self.findings,
            inputs={
                "region": self.region,
                "year": self.year,
                "mandated": self.mandated,
                "available": money_to_dict(self.available),
                "transferred": {n: money_to_dict(a.transferred) for n, a in self.items()},
                "spent": {n: money_to_dict(a.spent) for n, a in self.items()},
            },
        )

    def render(self) -> str:
        """A text table of the accounts and the make-up of the repayment."""
        table = self.table()
        out = [
            table.title,
            "",
            *table.text_lines(rule=True, strip=False),
            "",
            *"\n".join(table.notes).splitlines(),
        ]
        out += [f"- {f}" for f in self.findings]
        return "\n".join(out)

    def to_rows(self) -> list[dict[str, object]]:
        """Plain rows, one per municipality (amounts as ``Decimal``), for ``pandas.DataFrame``."""
        return self.table().to_rows()

    def _repr_html_(self) -> str:
        table = self.table().html(footer_labels=True, span_labels=True)
        return f"<div class='izafunding-members'>{table}{html_list(self.findings)}</div>"


#: The accounts' figures: attribute, heading.
_ACCOUNT_FIGURES = (
    ("transferred", "passed on"),
    ("spent", "spent"),
    ("charged", "charged"),
    ("overspend", "own money"),
    ("returned", "returns"),
    ("kept", "keeps"),
)
_ACCOUNT_COLUMNS = (
    Column(key="account", title="municipality", plain=False),
    Column(key="municipality", title="name", shown=False),
    Column(key="role", shown=False),
    *(Column(key=k, title=t, kind=Kind.MONEY) for k, t in _ACCOUNT_FIGURES),
)

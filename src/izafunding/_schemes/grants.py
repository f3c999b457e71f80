"""Grants (beschikkingen): a scheme, a recipient, the amounts awarded per year."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeAlias, final

import attrs

from .._core.maps import FrozenMap, normalize_amounts
from .._core.money import Money, RoundingMode
from .._core.validators import check_money as _check_money
from .._core.validators import non_empty_text
from ..errors import SchemeError
from .scheme import Scheme


if TYPE_CHECKING:
    from .members import RegionAgreement
    from .settlement import Settlement


__all__ = ["Amounts", "FrozenMap", "Grant", "YearAmount", "normalize_amounts"]

YearAmount: TypeAlias = "Money | Mapping[str, Money]"
"""What a year maps to: one amount, or an amount per component."""

Amounts: TypeAlias = "Mapping[int, Money | Mapping[str, Money]]"
"""Amounts per year (awarded or spent), as a user writes them."""


def year_total(value: Money | Mapping[str, Money]) -> Money:
    """The total of one year's amount(s)."""
    if isinstance(value, Money):
        return value
    return sum(value.values(), Money(0))


def _check_scheme(instance: object, attribute: attrs.Attribute[Scheme], value: Scheme) -> None:
    if not isinstance(value, Scheme):
        msg = f"'scheme' must be a Scheme such as izafunding.schemes.SPUK_IZA (got {value!r})"
        raise SchemeError(msg)


_check_recipient = non_empty_text(need="be a non-empty name such as 'Midden-IJssel'")


def _frozen_awarded(
    value: Mapping[int, Money | Mapping[str, Money]],
) -> Mapping[int, Money | Mapping[str, Money]]:
    # Validated in __attrs_post_init__, where the scheme is known.
    return FrozenMap(value) if isinstance(value, Mapping) else value


def _frozen_advances(value: Mapping[int, Money] | None) -> Mapping[int, Money] | None:
    return FrozenMap(value) if isinstance(value, Mapping) else value


@final
@attrs.frozen(kw_only=True)
class Grant:
    """
    A grant decision (*beschikking*): a scheme, a recipient, the amounts
    awarded per year and the advances (*voorschotten*) paid.

    For a year with walls between components (GALA 2023 and 2024) a year maps
    to ``{component: Money}``; otherwise to one ``Money``. Advances default to
    the scheme's advance rule (100% of the year's award, rounded down to a
    cent).

    >>> from izafunding.schemes import SPUK_IZA
    >>> grant = Grant(scheme=SPUK_IZA, recipient="Midden-IJssel",
    ...               awarded={2023: Money(1438963)})
    >>> grant.total, grant.paid
    (Money('1438963.00'), Money('1438963.00'))
    >>> s = grant.settle(spent={2023: Money(1295300)})
    >>> s.eligible, s.carried_over, s.repayable
    (Money('1295300.00'), Money('0.00'), Money('143663.00'))

    Attributes:
        scheme: The scheme (*regeling*).

        recipient: Who receives the grant: a municipality, or for SPUK-IZA a region.

        awarded: Amount(s) per year.

        advances: Advance paid per year.

        applicant: The municipality that applied and receives the money on
            behalf of the recipient (the mandated municipality or the lead), if any.

        source: The decision or document the amounts come from.
    """

    scheme: Scheme = attrs.field(validator=_check_scheme)
    recipient: str = attrs.field(validator=_check_recipient)
    awarded: Mapping[int, Money | Mapping[str, Money]] = attrs.field(converter=_frozen_awarded)
    advances: Mapping[int, Money] | None = attrs.field(default=None, converter=_frozen_advances)
    applicant: str | None = None
    source: str = ""

    def __attrs_post_init__(self) -> None:
        awarded = normalize_amounts(self.scheme, self.awarded, "awarded")
        if not awarded:
            msg = "awarded must name at least one year, such as {2023: Money(1438963)}"
            raise SchemeError(msg)
        object.__setattr__(self, "awarded", awarded)
        advances: dict[int, Money] = {}
        if self.advances is None:
            for y, v in awarded.items():
                # The advance rule's share of the award, rounded down (in favour of the Rijk).
                share = self.scheme.rules_for(y).advance.share
                advances[y] = year_total(v).scale(share, rounding=RoundingMode.DOWN)
        else:
            if not isinstance(self.advances, Mapping):
                msg = f"advances must be a mapping year -> Money (got {self.advances!r})"
                raise SchemeError(msg)
            for y in sorted(self.advances, key=str):
                self.scheme.check_year(y)
                advances[y] = _check_money(self.advances[y], f"advances[{y}]")
        object.__setattr__(self, "advances", FrozenMap(sorted(advances.items())))

    # -- views -------------------------------------------------------------------------

    @property
    def years(self) -> tuple[int, ...]:
        """The years with an award, ascending."""
        return tuple(self.awarded)

    def awarded_in(self, year: int) -> Money:
        """The total awarded in *year* (zero for a year of the period without award)."""
        self.scheme.check_year(year)
        value = self.awarded.get(year)
        return Money(0) if value is None else year_total(value)

    @property
    def total(self) -> Money:
        """The total awarded over all years."""
        return sum((year_total(v) for v in self.awarded.values()), Money(0))

    @property
    def paid(self) -> Money:
        """The total of the advances."""
        assert self.advances is not None
        return sum(self.advances.values(), Money(0))

    # -- construction from a file ---------------------------------------------------------

    @classmethod
    def from_toml(cls, text: str, *, source: str = "<grant>") -> Grant:
        """
        The grant of a grant file's text, as ``izafunding settle`` reads it
        (see ``izafunding settle --template``); errors name *source*, the
        line and the field. :meth:`spent_from_toml` reads its ``[spent]``.

        Raises:
            InputFileError: The text is not a valid grant file.
        """
        # Imported here: the parser builds on this module.
        from .._files.grant import parse_grant_toml

        return parse_grant_toml(text, source)[0]

    @staticmethod
    def spent_from_toml(text: str, *, source: str = "<grant>") -> dict[int, Money | dict[str, Money]]:
        """
        The ``[spent]`` table of a grant file's text, ready for :meth:`settle`.

        Raises:
            InputFileError: The text is not a valid grant file.
        """
        from .._files.grant import parse_grant_toml

        return parse_grant_toml(text, source)[1]

    # -- construction from the national tables ------------------------------------------

    @classmethod
    def from_published(
        cls, scheme: Scheme, name: str, *, years: Iterable[int] | None = None
    ) -> Grant:
        """
        The grant of *name* under *scheme*, from the national tables built
        into :mod:`izafunding.data` (2025 and 2026): a municipality's Brede
        SPUK amount for SPUK GALA, a region's amount for SPUK-IZA (with its
        mandated municipality as applicant).

        >>> from izafunding.schemes import SPUK_GALA
        >>> Grant.from_published(SPUK_GALA, "Zutphen", years=(2025, 2026)).awarded
        {2025: Money('880962.00'), 2026: Money('750105.00')}

        Raises:
            SchemeError: The scheme has no published table.
            UnknownNameError: The name or a year is not in the tables; the
                message says which are.
        """
        from .. import data
        from ..schemes import SPUK_GALA, SPUK_IZA

        if years is not None and (isinstance(years, (int, str)) or not isinstance(years, Iterable)):
            msg = (
                f"years must be a sequence of years such as (2025, 2026) (got {years!r}); "
                f"the published years are {', '.join(map(str, data.YEARS))}"
            )
            raise SchemeError(msg)
        chosen = tuple(data.YEARS if years is None else years)
        if not chosen:
            msg = f"years must name at least one of {', '.join(map(str, data.YEARS))}"
            raise SchemeError(msg)
        if scheme.name == SPUK_GALA.name:
            tables = {y: data.brede_spuk_awards(y) for y in chosen}
            applicant = None
        elif scheme.name == SPUK_IZA.name:
            tables = {y: data.spuk_iza_awards(y) for y in chosen}
            applicant = ""
        else:
            msg = (
                f"{scheme.name} has no published table of awards; build the grant with "
                f"Grant(scheme=..., recipient=..., awarded={{year: Money(...)}})"
            )
            raise SchemeError(msg)
        first = tables[chosen[0]]
        canonical = first.find(name)
        if applicant is not None:
            applicant = data.regions()[canonical].mandated.name
        return cls(
            scheme=scheme,
            recipient=canonical,
            awarded={y: t[canonical] for y, t in tables.items()},
            applicant=applicant,
            source=first.source,
        )

    # -- settlement --------------------------------------------------------------------------

    def settle(
        self,
        spent: Amounts,
        *,
        transferred: Mapping[int, Mapping[str, Money]] | None = None,
        agreement: RegionAgreement | None = None,
    ) -> Settlement:
        """
        Settle the grant against what was *spent* (same shape as *awarded*),
        for the years given, in order from the grant's first year (the later
        years are :attr:`Settlement.open_years`; nothing is assumed for them):
        per year what is eligible, what moves to the next year, what shifted
        between components, what is repayable, and every rule outcome as a
        finding with the rule's source. See :class:`Settlement`.

        For a region (SPUK-IZA), a year of *spent* may map each municipality
        to what it spent, with *transferred* what the mandated municipality
        passed on to each member, and *agreement* what the region agreed
        between its members; see ``settlement.members(year)``.
        """
        from .settlement_engine import settle

        # issue 15: spending per municipality goes through the members' accounting.
        if transferred is not None or agreement is not None:
            from .member_accounting import settle_region

            return settle_region(self, spent, transferred, agreement)
        from .member_accounting import is_per_member

        if is_per_member(self, spent):
            from .member_accounting import settle_region

            return settle_region(self, spent, None, None)
        return settle(self, spent)

    def to_dict(self) -> dict[str, Any]:
        """The grant (its scheme by name) as JSON-safe data; ``Grant.from_dict`` reads it back equal."""
        from .._files.dicts import grant_to_dict

        return grant_to_dict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Grant:
        """The grant (its scheme by name) of :meth:`to_dict`'s data; malformed data raises an ``InputFileError``."""
        from .._files.dicts import grant_from_dict

        return grant_from_dict(data)

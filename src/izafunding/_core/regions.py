"""Municipalities, regions and inhabitant counts with their reference date."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, final

import attrs

from ..errors import AllocationError, RegionError, UnknownNameError
from .seeds import SEED_REGION_ROWS
from .validators import non_empty_text


if TYPE_CHECKING:
    # Loaded when a key is asked for: reading a region (the award command) needs no keys.
    from .keys import Equal, ProRata


__all__ = ["InhabitantCount", "Member", "Municipality", "Region"]

_CBS_CODE = re.compile(r"^GM\d{4}$")


def _check_code(instance: object, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    if value is not None and not (isinstance(value, str) and _CBS_CODE.match(value)):
        msg = f"'code' must be a CBS municipality code such as 'GM0150' (got {value!r})"
        raise RegionError(msg)


_check_name = non_empty_text(need="be a non-empty name", error=RegionError)


@final
@attrs.frozen
class Municipality:
    """
    A municipality (*gemeente*), by name and optionally its CBS code.

    Ties in allocations are broken by :attr:`identifier`: the CBS code when
    known, else the name.

    >>> Municipality("Deventer", code="GM0150").identifier
    'GM0150'
    >>> str(Municipality("Deventer"))
    'Deventer'
    """

    name: str = attrs.field(validator=_check_name)
    code: str | None = attrs.field(default=None, kw_only=True, validator=_check_code)

    @property
    def identifier(self) -> str:
        """The CBS code if known, else the name."""
        return self.code or self.name

    @property
    def cbs_code(self) -> str | None:
        """
        The CBS municipality code (``"GM0150"``), ``None`` where not known.

        >>> Municipality("Deventer", code="GM0150").cbs_code
        'GM0150'
        """
        return self.code

    def __str__(self) -> str:
        return self.name


def _check_count(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        msg = f"'count' must be a non-negative int of inhabitants (got {value!r})"
        raise AllocationError(msg)


@final
@attrs.frozen(kw_only=True)
class InhabitantCount:
    """
    A number of inhabitants and its reference date (*peildatum*): the day the
    count was taken, which is not the day a rule is valid.

    *reference_date* is ``None`` where the source does not state it.

    >>> InhabitantCount(count=29683, reference_date=None,
    ...                 source="memo SPUK IZA 2025, IJssel-Vecht, appendix").count
    29683
    """

    count: int = attrs.field(validator=_check_count)
    reference_date: date | None
    source: str


@final
@attrs.frozen(kw_only=True)
class Member:
    """A member municipality of a region, with its inhabitants where known."""

    municipality: Municipality
    inhabitants: InhabitantCount | None = None

    @property
    def name(self) -> str:
        """The municipality's name."""
        return self.municipality.name


def _members_tuple(members: Iterable[Member]) -> tuple[Member, ...]:
    if isinstance(members, (str, bytes)) or not isinstance(members, Iterable):
        msg = f"'members' must be a sequence of Member values (got {members!r})"
        raise RegionError(msg)
    result = tuple(members)
    for m in result:
        if not isinstance(m, Member):
            msg = (
                f"'members' must hold Member values such as "
                f"Member(municipality=Municipality('Zwolle')) (got {m!r})"
            )
            raise RegionError(msg)
    return result


def _municipality(value: Municipality | str) -> Municipality:
    """A name is accepted for a municipality without CBS code."""
    if isinstance(value, Municipality):
        return value
    if isinstance(value, str):
        return Municipality(value)
    msg = f"'mandated' must be a Municipality or a name (got {value!r})"
    raise RegionError(msg)


@final
@attrs.frozen(kw_only=True)
class Region:
    """
    A collaboration region (*samenwerkingsregio*) of the IZA, with its mandated
    municipality (*gemandateerde gemeente*, *mandaathouder*), which applies for,
    manages and accounts for the region's SPUK-IZA.

    Attributes:
        name: The region's name as in the published tables.

        mandated: The mandated municipality.

        members: The member municipalities, where a source names them
            (empty otherwise).

        source: Where the membership and counts come from.
    """

    name: str = attrs.field(validator=_check_name)
    mandated: Municipality = attrs.field(converter=_municipality)
    members: tuple[Member, ...] = attrs.field(default=(), converter=_members_tuple)
    source: str = ""

    def member_names(self) -> tuple[str, ...]:
        """The members' names, in the source's order."""
        return tuple(m.name for m in self.members)

    def member(self, name: str) -> Member:
        """The member called *name*."""
        for m in self.members:
            if m.name == name:
                return m
        msg = f"{name!r} is not a member of {self.name} (members: {', '.join(self.member_names())})"
        raise UnknownNameError(msg)

    def equal_key(self) -> Equal:
        """An equal split over the members, by name."""
        from .keys import Equal

        self._require_members()
        return Equal(self.member_names())

    def inhabitants_key(self) -> ProRata:
        """
        A split by inhabitants over the members, by name.

        Raises:
            AllocationError: A member has no inhabitant count.
        """
        from .keys import ProRata

        self._require_members()
        missing = [m.name for m in self.members if m.inhabitants is None]
        if missing:
            msg = f"{self.name}: no inhabitant count for {', '.join(missing)}"
            raise AllocationError(msg)
        return ProRata({m.name: m.inhabitants.count for m in self.members if m.inhabitants})

    def _require_members(self) -> None:
        if not self.members:
            msg = f"{self.name}: the sources name no members for this region"
            raise AllocationError(msg)


def _members(rows: Iterable[tuple[str, str | None, int | None]], source: str) -> tuple[Member, ...]:
    return tuple(
        Member(
            municipality=Municipality(name, code=code),
            inhabitants=None
            if count is None
            else InhabitantCount(count=count, reference_date=None, source=source),
        )
        for name, code, count in rows
    )


#: The regions the seed documents describe, with the members they name (the rows: .seeds).
SEED_REGIONS: tuple[Region, ...] = tuple(
    Region(
        name=name,
        mandated=Municipality(mandated, code=code),
        members=_members(members, members_source),
        source=source,
    )
    for name, mandated, code, members, members_source, source in SEED_REGION_ROWS
)

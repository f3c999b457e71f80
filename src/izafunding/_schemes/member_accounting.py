"""A regional grant settled per member: each member's spending and the money passed on to it into
its account (what is charged to the grant, what it returns, what it keeps), and the region's
settlement with the accounts of every year attached."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import attrs

from .._core.keys import ProRata
from .._core.maps import FrozenMap
from .._core.money import Money
from .._core.names import did_you_mean
from .._core.rounding import LargestRemainder, allocate
from .._core.validators import check_money as _check_money
from ..errors import SchemeError, UnknownNameError
from .members import MemberAccount, MembersYear, OverspendRule, RegionAgreement


if TYPE_CHECKING:
    from .grants import Grant
    from .settlement import Settlement


__all__ = ["account_members", "is_per_member", "settle_region"]

_ZERO = Money(0)


def is_per_member(grant: Grant, spent: object) -> bool:
    """Whether *spent* gives spending per municipality (a scheme without components)."""
    return (
        not grant.scheme.components
        and isinstance(spent, Mapping)
        and any(isinstance(v, Mapping) for v in spent.values())
    )


def _per_year(value: object, what: str) -> dict[int, dict[str, Money]]:
    if not isinstance(value, Mapping):
        msg = f"{what} must map a year to {{municipality: Money}} (got {value!r})"
        raise SchemeError(msg)
    out: dict[int, dict[str, Money]] = {}
    for year, part in value.items():
        if isinstance(year, str) and year.strip().isdigit():
            year = int(year)
        if isinstance(year, bool) or not isinstance(year, int):
            msg = f"{what}: the years must be ints such as 2023 (got {year!r})"
            raise SchemeError(msg)
        if not isinstance(part, Mapping):
            msg = (
                f"{what}[{year}] must map each municipality to a Money, such as "
                f"{{'Raalte': Money(101200)}} (got {part!r})"
            )
            raise SchemeError(msg)
        out[year] = {}
        for name, amount in part.items():
            if not isinstance(name, str) or not name.strip():
                msg = f"{what}[{year}]: a municipality must be a name (got {name!r})"
                raise SchemeError(msg)
            out[year][name] = _check_money(amount, f"{what}[{year}][{name!r}]")
    return out


def _cover(need: dict[str, int], pool: int) -> dict[str, int]:
    """Cover the overspends in *need* from *pool*: in full if it suffices, else pro rata."""
    total = sum(need.values())
    if total <= pool:
        return dict(need)
    if pool == 0:
        return dict.fromkeys(need, 0)
    parts = allocate(Money.from_cents(pool), ProRata(need), rounding=LargestRemainder())
    return {k: parts[k].cents for k in need}


def account_members(
    grant: Grant,
    year: int,
    *,
    spent: Mapping[str, Money],
    transferred: Mapping[str, Money],
    agreement: RegionAgreement,
) -> MembersYear:
    """
    The members' accounting of *grant* for *year*.

    Raises:
        SchemeError: No mandated municipality; more passed on than available.
        UnknownNameError: Spending by a municipality that received nothing
            and is not the mandated one (the message suggests the closest).
    """
    mandated = grant.applicant
    if not mandated:
        msg = (
            f"the grant of {grant.recipient} names no mandated municipality: give "
            f"Grant(..., applicant='Deventer') to settle per member"
        )
        raise SchemeError(msg)
    available = grant.awarded_in(year)
    members = {k: v for k, v in transferred.items() if k != mandated}
    for name in spent:
        if name != mandated and name not in members:
            known = [mandated, *members]
            hint = did_you_mean(str(name), known)
            msg = (
                f"spent[{year}] names {name!r}, which received nothing in {year} and is not the "
                f"mandated municipality {mandated!r}; give transferred[{year}][{name!r}] = "
                f"Money(0) if it spent without receiving money{hint}"
            )
            raise UnknownNameError(msg)
    passed = sum(members.values(), _ZERO)
    own_part = transferred.get(mandated, max(available - passed, _ZERO))
    not_allocated = available - passed - own_part
    if not_allocated.cents < 0:
        msg = (
            f"in {year} {passed} was passed on"
            + (f" and {own_part} kept by {mandated}" if mandated in transferred else "")
            + f", more than the {available} available to {grant.recipient}"
        )
        raise SchemeError(msg)
    key = agreement.repayment_key
    names = [mandated, *members]
    if key is not None:
        names += [str(r) for r in key.recipients if str(r) not in names]
    alloc = {n: (own_part if n == mandated else members.get(n, _ZERO)).cents for n in names}
    spend = {n: spent.get(n, _ZERO).cents for n in names}
    charged = {n: min(alloc[n], spend[n]) for n in names}
    if agreement.overspend is OverspendRule.POOLED:
        need = {n: spend[n] - alloc[n] for n in names if spend[n] > alloc[n]}
        pool = not_allocated.cents + sum(alloc[n] - charged[n] for n in names)
        for n, c in _cover(need, pool).items():
            charged[n] += c
    returned = {n: alloc[n] - charged[n] for n in names}
    kept = dict.fromkeys(names, 0)
    if key is not None:
        to_share = Money.from_cents(sum(returned.values()))
        shares = allocate(to_share, key, rounding=agreement.rounding)
        if not shares.residue.is_zero():
            msg = (
                f"the repayment key's rounding leaves a residue of {shares.residue}; use "
                f"LargestRemainder() so that the shares sum to the repayment"
            )
            raise SchemeError(msg)
        for n in names:
            share = shares.get(n, _ZERO).cents
            kept[n] = returned[n] - share
            returned[n] = share
    accounts = {
        n: MemberAccount(
            municipality=n,
            mandated=n == mandated,
            transferred=Money.from_cents(alloc[n]),
            spent=Money.from_cents(spend[n]),
            charged=Money.from_cents(charged[n]),
            returned=Money.from_cents(returned[n]),
            kept=Money.from_cents(kept[n]),
        )
        for n in names
    }
    return MembersYear(
        year=year,
        region=grant.recipient,
        mandated=mandated,
        available=available,
        accounts=FrozenMap(accounts),
        not_allocated=not_allocated,
        agreement=agreement,
    )


def settle_region(
    grant: Grant,
    spent: Mapping[int, object],
    transferred: Mapping[int, object] | None,
    agreement: RegionAgreement | None,
) -> Settlement:
    """
    Settle a regional grant with the members' accounting: per year the
    spending charged to the grant (the total of all municipalities) is what
    the settlement engine settles; the members' accounts are attached.

    Raises:
        SchemeError: Transfers for a year without spending per municipality,
            or the errors of :func:`account_members`.
    """
    from .settlement_engine import settle

    if agreement is None:
        agreement = RegionAgreement()
    elif not isinstance(agreement, RegionAgreement):
        msg = f"agreement must be a RegionAgreement(...) (got {agreement!r})"
        raise SchemeError(msg)
    if not isinstance(spent, Mapping):
        msg = f"spent must map a year to Money or to {{municipality: Money}} (got {spent!r})"
        raise SchemeError(msg)
    per_member = _per_year({y: v for y, v in spent.items() if isinstance(v, Mapping)}, "spent")
    given = _per_year(transferred if transferred is not None else {}, "transferred")
    for year in given:
        if year not in per_member:
            msg = (
                f"transferred names {year}, but spent[{year}] is not given per municipality; "
                f"give spent[{year}] as {{municipality: Money}}"
            )
            raise SchemeError(msg)
    accounts = {}
    totals: dict[int, object] = {}
    for year, value in spent.items():
        y = int(year) if isinstance(year, str) and year.strip().isdigit() else year
        if isinstance(value, Mapping):
            assert isinstance(y, int)
            grant.scheme.check_year(y)
            book = account_members(
                grant, y, spent=per_member[y], transferred=given.get(y, {}), agreement=agreement
            )
            accounts[y] = book
            totals[y] = book.spent
        else:
            totals[year] = value
    settlement = settle(grant, totals)  # type: ignore[arg-type]
    return attrs.evolve(settlement, members_by_year=FrozenMap(sorted(accounts.items())))

"""
Read-only mappings: :class:`FrozenMap`, and amounts per year in their canonical order.

>>> from izafunding import Money
>>> FrozenMap({2023: Money(1)})
{2023: Money('1.00')}
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, TypeVar, final

from ..errors import SchemeError
from .money import Money
from .validators import check_money


if TYPE_CHECKING:
    from .._schemes.scheme import Scheme


__all__ = ["FrozenMap", "normalize_amounts"]

K = TypeVar("K")
V = TypeVar("V")


@final
class FrozenMap(Mapping[K, V]):
    """
    A read-only, hashable mapping whose repr is a dict literal (so a value
    holding one pastes back into code).

    >>> FrozenMap({2023: Money(1)})
    {2023: Money('1.00')}
    """

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[K, V] | Iterable[tuple[K, V]] = ()) -> None:
        self._items: dict[K, V] = dict(items)

    def __getitem__(self, key: K) -> V:
        return self._items[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(frozenset(self._items.items()))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return dict(self.items()) == dict(other.items())
        return NotImplemented

    def __repr__(self) -> str:
        return repr(self._items)


def normalize_amounts(
    scheme: Scheme, amounts: object, what: str
) -> FrozenMap[int, Money | FrozenMap[str, Money]]:
    """
    Check amounts per year against *scheme* and return them in a canonical
    order: years ascending, components in the scheme's order.

    A year with walls between components needs an amount per component; a
    year without walls takes one amount (or amounts per component, which are
    then only informative).

    Raises:
        SchemeError: A year outside the period, a single amount in a year with
            walls, a negative or non-Money amount.
        UnknownNameError: An unknown component (the message suggests the closest).
    """
    if not isinstance(amounts, Mapping):
        msg = (
            f"{what} must be a mapping year -> Money (or year -> {{component: Money}}), "
            f"such as {{2023: Money(1438963)}} (got {amounts!r})"
        )
        raise SchemeError(msg)
    result: dict[int, Money | FrozenMap[str, Money]] = {}
    for year in sorted(amounts, key=lambda y: (not isinstance(y, int), str(y))):
        value = amounts[year]
        rules = scheme.rules_for(year)
        where = f"{what}[{year}]"
        if isinstance(value, Mapping):
            if not scheme.components:
                msg = f"{where}: {scheme.name} has no components; give one Money for {year}"
                raise SchemeError(msg)
            parts: dict[str, Money] = {}
            for name, amount in value.items():
                scheme.component(name)
                parts[name] = check_money(amount, f"{where}[{name!r}]")
            order = {c.name: c.number for c in scheme.components}
            result[year] = FrozenMap(sorted(parts.items(), key=lambda kv: order[kv[0]]))
        else:
            if rules.has_walls and scheme.components:
                msg = (
                    f"{where}: in {year} {scheme.name} has walls between components "
                    f"[source: {rules.walls.source}]; give a mapping component -> Money, "
                    f"such as {{'Kansrijke Start': Money(50000)}}"
                )
                raise SchemeError(msg)
            result[year] = check_money(value, where)
    return FrozenMap(result)

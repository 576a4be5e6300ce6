"""Money: an amount of rupiah (pagu, realisasi anggaran)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import attrs

from sinkron.errors import InvalidModel
from sinkron.models._base import check_bounds, to_decimal

__all__ = ["Money"]


def _non_negative(instance: Money, attribute: attrs.Attribute[Decimal], value: Decimal) -> None:
    check_bounds("Money", "amount", value, "a finite Decimal number of rupiah")
    if value < 0:
        raise InvalidModel("Money", "amount", f"must not be negative, got {value}")


@attrs.frozen(order=True)
class Money:
    """An amount in rupiah as a :class:`~decimal.Decimal` (pagu, pagu indikatif, realisasi).

    Never negative: a budget ceiling below zero is an error in the source. Below 10^18 rupiah, with at most
    20 digits after the decimal point (the bounds of every number in a model, see docs/models.md).

    >>> Money(1_500_000) + Money("250000.50")
    Money(amount=Decimal('1750000.50'))
    """

    amount: Decimal = attrs.field(converter=to_decimal, validator=_non_negative)

    @classmethod
    def zero(cls) -> Money:
        """Rp 0."""
        return cls(Decimal(0))

    @classmethod
    def total(cls, amounts: Iterable[Money]) -> Money:
        """The sum of several amounts (Rp 0 for none)."""
        return cls(sum((m.amount for m in amounts), Decimal(0)))

    def __add__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.amount + other.amount)

    def __str__(self) -> str:
        from sinkron.numbers import format_id

        return f"Rp {format_id(self.amount)}"

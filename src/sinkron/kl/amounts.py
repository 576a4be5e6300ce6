"""Amounts declared in thousands or millions of rupiah, turned into rupiah.

Sources state their unit in a header, never in the cell: KRISNA Renja K/L exports write
"Alokasi (Ribuan Rupiah)", the RPJMN funding matrices "Indikasi Kebutuhan Pendanaan (Rp Juta)".
sinkron stores every amount as :class:`~sinkron.models.money.Money` in rupiah, so an importer
declares the unit once and converts each cell with :func:`rupiah`.

>>> str(rupiah("201.600", AmountUnit.THOUSANDS))
'Rp 201.600.000'
>>> str(rupiah("25.995.981,9", AmountUnit.parse("Rp Juta")))
'Rp 25.995.981.900.000'
"""

from __future__ import annotations

import enum
import re
from decimal import Decimal

from sinkron.errors import InvalidModel
from sinkron.models.money import Money
from sinkron.numbers import DecimalMark, parse_number

__all__ = ["AmountUnit", "rupiah"]


class AmountUnit(str, enum.Enum):
    """The unit a source writes amounts in (satuan nilai)."""

    RUPIAH = "rupiah"
    """Rupiah (SIPD, SAKTI Kertas Kerja, DIPA)."""
    THOUSANDS = "ribu"
    """Ribuan rupiah (KRISNA Renja K/L exports)."""
    MILLIONS = "juta"
    """Juta rupiah (RPJMN/RKP funding matrices: "Rp Juta")."""
    BILLIONS = "miliar"
    """Miliar rupiah (summary tables)."""

    @property
    def factor(self) -> Decimal:
        """Rupiah per unit: 1, 1 000, 1 000 000 or 1 000 000 000."""
        return _FACTORS[self]

    @classmethod
    def parse(cls, text: str) -> AmountUnit:
        """Read a unit from header text: ``"Ribuan Rupiah"``, ``"(Rp Juta)"``, ``"Rp"``, ``"milyar"``.

        >>> AmountUnit.parse("Alokasi (Ribuan Rupiah)")
        <AmountUnit.THOUSANDS: 'ribu'>
        """
        words = set(re.findall(r"[a-z]+", text.casefold()))
        found = {unit for unit, names in _WORDS.items() if words & names}
        if len(found) == 1:
            return found.pop()
        if not found and words & {"rp", "rupiah"}:
            return cls.RUPIAH
        raise InvalidModel("AmountUnit", "value", f"cannot tell the amount unit from {text!r}")


_FACTORS = {
    AmountUnit.RUPIAH: Decimal(1),
    AmountUnit.THOUSANDS: Decimal(1_000),
    AmountUnit.MILLIONS: Decimal(1_000_000),
    AmountUnit.BILLIONS: Decimal(1_000_000_000),
}
_WORDS = {
    AmountUnit.THOUSANDS: {"ribu", "ribuan", "rb"},
    AmountUnit.MILLIONS: {"juta", "jutaan", "jt"},
    AmountUnit.BILLIONS: {"miliar", "milyar", "miliaran"},
}


def rupiah(amount: Decimal | int | str, unit: AmountUnit = AmountUnit.RUPIAH, *, decimal: DecimalMark = None) -> Money:
    """An amount written in ``unit`` as :class:`Money` in rupiah.

    Text is read with :func:`sinkron.numbers.parse_number` (``"1.234,5"``, ``"Rp 2.500"``); pass
    ``decimal`` when the source says which mark is decimal. Floats are refused (they lose rupiah),
    and so are negative amounts.

    >>> rupiah(13, AmountUnit.MILLIONS).amount
    Decimal('13000000')
    """
    if isinstance(amount, (bool, float)):
        raise InvalidModel("Money", "amount", f"expected a Decimal, int or text, got {amount!r}")
    if isinstance(amount, str):
        try:
            value = parse_number(amount, decimal=decimal)
        except ValueError:
            raise InvalidModel("Money", "amount", f"not an amount: {amount!r}") from None
    elif isinstance(amount, (int, Decimal)):
        value = Decimal(amount)
    else:
        raise InvalidModel("Money", "amount", f"expected a Decimal, int or text, got {amount!r}")
    result = value * unit.factor
    if result == result.to_integral_value():
        result = result.quantize(Decimal(1))  # 25.995.981,9 juta is a whole number of rupiah
    return Money(result)

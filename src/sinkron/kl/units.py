"""Satuan normalisation and target intervals: comparing national and regional targets.

Units are written many ways ("%", "persen"; "Orang", "org"; "Juta KL"; "GWH"). :func:`normalise_unit`
reduces one to a base unit and a scale, so ``"Juta KL"`` is 10⁹ litres and ``"GWH"`` 10⁹ Wh;
a unit sinkron does not know is compared by its text (case and spacing ignored), never guessed.

Targets are compared as intervals: a number is the interval [n, n], a range ``7,0–8,0`` is
[7.0, 8.0]. A regional target *falls short* of a national one when its whole interval lies on the
worse side of the national interval, given the indicator's direction.

>>> normalise_unit("Juta KL").base, normalise_unit("Juta KL").scale
('liter', Decimal('1000000000'))
>>> compatible("persen", "%"), compatible("Orang", "Layanan")
(True, False)
"""

from __future__ import annotations

import re
from decimal import Decimal

import attrs

from sinkron.models.indicators import Direction
from sinkron.models.values import Value

__all__ = ["Interval", "UnitKey", "compatible", "falls_short", "interval", "normalise_unit", "overlaps"]

Interval = tuple[Decimal, Decimal]

_MULTIPLIERS = {
    "ribu": Decimal(10) ** 3,
    "rb": Decimal(10) ** 3,
    "juta": Decimal(10) ** 6,
    "jt": Decimal(10) ** 6,
    "miliar": Decimal(10) ** 9,
    "milyar": Decimal(10) ** 9,
    "triliun": Decimal(10) ** 12,
}
#: Unit spellings → (base unit, scale). Keys are lower case with single spaces.
SYNONYMS: dict[str, tuple[str, Decimal]] = {
    "%": ("%", Decimal(1)),
    "persen": ("%", Decimal(1)),
    "prosen": ("%", Decimal(1)),
    "persentase": ("%", Decimal(1)),
    "orang": ("orang", Decimal(1)),
    "org": ("orang", Decimal(1)),
    "jiwa": ("orang", Decimal(1)),
    "layanan": ("layanan", Decimal(1)),
    "dokumen": ("dokumen", Decimal(1)),
    "dok": ("dokumen", Decimal(1)),
    "laporan": ("laporan", Decimal(1)),
    "paket": ("paket", Decimal(1)),
    "unit": ("unit", Decimal(1)),
    "kegiatan": ("kegiatan", Decimal(1)),
    "hektar": ("hektar", Decimal(1)),
    "hektare": ("hektar", Decimal(1)),
    "ha": ("hektar", Decimal(1)),
    "km": ("meter", Decimal(1000)),
    "kilometer": ("meter", Decimal(1000)),
    "meter": ("meter", Decimal(1)),
    "m": ("meter", Decimal(1)),
    "liter": ("liter", Decimal(1)),
    "kl": ("liter", Decimal(1000)),
    "kiloliter": ("liter", Decimal(1000)),
    "ton": ("ton", Decimal(1)),
    "wh": ("wh", Decimal(1)),
    "kwh": ("wh", Decimal(10) ** 3),
    "mwh": ("wh", Decimal(10) ** 6),
    "gwh": ("wh", Decimal(10) ** 9),
    "twh": ("wh", Decimal(10) ** 12),
    "kw": ("w", Decimal(10) ** 3),
    "mw": ("w", Decimal(10) ** 6),
    "gw": ("w", Decimal(10) ** 9),
    "tahun": ("tahun", Decimal(1)),
    "thn": ("tahun", Decimal(1)),
    "bulan": ("bulan", Decimal(1)),
    "hari": ("hari", Decimal(1)),
}


@attrs.frozen
class UnitKey:
    """A unit reduced to its base and the scale of one written unit in base units."""

    base: str
    scale: Decimal


def normalise_unit(text: str | None) -> UnitKey | None:
    """``"Juta KL"`` → (liter, 10⁹); ``"persen"`` → (%, 1); unknown units keep their lower-case text."""
    if text is None:
        return None
    words = re.sub(r"\s+", " ", text.strip().casefold()).split(" ")
    scale = Decimal(1)
    while len(words) > 1 and words[0] in _MULTIPLIERS:
        scale *= _MULTIPLIERS[words.pop(0)]
    rest = " ".join(words).strip(" .")
    if not rest:
        return None
    base, unit_scale = SYNONYMS.get(rest, (rest, Decimal(1)))
    return UnitKey(base, scale * unit_scale)


def compatible(a: str | None, b: str | None) -> bool:
    """True when both units reduce to the same base (or either is missing)."""
    ka, kb = normalise_unit(a), normalise_unit(b)
    return ka is None or kb is None or ka.base == kb.base


def interval(value: Value, unit: str | None = None) -> Interval | None:
    """The value as an interval in base units (``unit`` is used when the value has none); ``None`` for text."""
    key = normalise_unit(value.unit or unit)
    scale = key.scale if key else Decimal(1)
    if value.number is not None:
        return (value.number * scale, value.number * scale)
    if value.low is not None and value.high is not None:
        return (value.low * scale, value.high * scale)
    return None


def overlaps(a: Interval, b: Interval) -> bool:
    """True when the two closed intervals share a point."""
    return a[0] <= b[1] and b[0] <= a[1]


def falls_short(regional: Interval, national: Interval, direction: Direction) -> bool:
    """True when ``regional`` lies wholly on the worse side of ``national``.

    >>> falls_short((Decimal(6), Decimal(6)), (Decimal("4.5"), Decimal(5)), Direction.LOWER_IS_BETTER)
    True
    >>> falls_short((Decimal(4), Decimal(4)), (Decimal("4.5"), Decimal(5)), Direction.LOWER_IS_BETTER)
    False
    """
    if overlaps(regional, national):
        return False
    if direction is Direction.LOWER_IS_BETTER:
        return regional[0] > national[1]
    return regional[1] < national[0]

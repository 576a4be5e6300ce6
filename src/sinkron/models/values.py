"""Values of targets, baselines and realisations, and the years and periods they belong to."""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import re
from decimal import Decimal

import attrs

from sinkron.errors import InvalidModel
from sinkron.models._base import bounded_decimal, optional_year, to_decimal, year
from sinkron.numbers import PERCENT_SIGN, DecimalMark, format_id, number_text, parse_range, split_number_unit

__all__ = ["Baseline", "Realisation", "ReportingPeriod", "Target", "Value", "ValueKind"]


class ValueKind(str, enum.Enum):
    """What a :class:`Value` holds."""

    NUMBER = "number"
    """A number, possibly with a unit (``"96 %"``, ``"12 Bulan"``)."""
    RANGE = "range"
    """A range ``low–high`` (the RPJMN writes poverty targets as ``7,0–8,0``)."""
    TEXT = "text"
    """Qualitative text (``"Tersedia"``, ``"WTP"``)."""


def _default_text(self: Value) -> str:
    unit = f" {self.unit}" if self.unit else ""
    if self.number is not None:
        return f"{number_text(self.number)}{unit}"
    if self.low is not None and self.high is not None:
        return f"{number_text(self.low)}–{number_text(self.high)}{unit}"
    return ""  # a qualitative value must be given its text; __attrs_post_init__ says so


@attrs.frozen(kw_only=True)
class Value:
    """A target, baseline or realisation value (nilai target / realisasi), keeping the original text.

    Exactly one of: a ``number``; a range ``low``–``high``; or only ``text`` (qualitative).

    >>> Value.parse("7,0–8,0").kind
    <ValueKind.RANGE: 'range'>
    >>> v = Value.parse("12 Bulan"); (v.number, v.unit)
    (Decimal('12'), 'Bulan')
    >>> Value.parse("WTP").kind
    <ValueKind.TEXT: 'text'>
    """

    number: Decimal | None = attrs.field(default=None, converter=to_decimal, validator=bounded_decimal)
    low: Decimal | None = attrs.field(default=None, converter=to_decimal, validator=bounded_decimal)
    high: Decimal | None = attrs.field(default=None, converter=to_decimal, validator=bounded_decimal)
    unit: str | None = None
    """Satuan written with the value (``%``, ``Orang``, ``Laporan``), if any."""
    text: str = attrs.field(default=attrs.Factory(_default_text, takes_self=True))
    """The value as the source wrote it; kept so round trips lose nothing. Without one, the number (or range)
    and unit written with :func:`sinkron.numbers.number_text` (``"3,125 Indeks"``), which reads back exactly."""

    def __attrs_post_init__(self) -> None:
        has_range = self.low is not None or self.high is not None
        if self.number is not None and has_range:
            raise InvalidModel("Value", "number", "a value is a number or a range, not both")
        if has_range:
            if self.low is None or self.high is None:
                raise InvalidModel("Value", "low", "a range needs both low and high")
            if self.low > self.high:
                raise InvalidModel("Value", "low", f"range low {self.low} is greater than high {self.high}")
        if not isinstance(self.text, str):
            raise InvalidModel("Value", "text", f"must be text, got {self.text!r}")
        if self.number is None and not has_range and not self.text.strip():
            raise InvalidModel("Value", "text", "a qualitative value needs its text (non-empty)")

    @property
    def kind(self) -> ValueKind:
        """NUMBER, RANGE or TEXT."""
        if self.number is not None:
            return ValueKind.NUMBER
        if self.low is not None:
            return ValueKind.RANGE
        return ValueKind.TEXT

    @property
    def is_measurable(self) -> bool:
        """True for a number or a range (something realisation can be compared with)."""
        return self.kind is not ValueKind.TEXT

    @property
    def midpoint(self) -> Decimal | None:
        """The number, the middle of a range, or ``None`` for text."""
        if self.number is not None:
            return self.number
        if self.low is not None and self.high is not None:
            return (self.low + self.high) / 2
        return None

    @classmethod
    def of(cls, number: Decimal | int | str, unit: str | None = None) -> Value:
        """A numeric value from a number (not from display text)."""
        return cls(number=to_decimal(number), unit=unit)

    @classmethod
    def parse(cls, text: str, *, unit: str | None = None, decimal: DecimalMark = None) -> Value:
        """Read a value from display text: ``"1.234,5"``, ``"96 %"``, ``"7,0–8,0"``, ``"Tersedia"``.

        ``unit`` is used when the text carries none. The original text is always kept.
        """
        if not isinstance(text, str):
            raise InvalidModel("Value", "text", f"must be text, got {text!r}")
        stripped = " ".join(text.split())
        if not stripped:
            raise InvalidModel("Value", "text", "an empty text is not a value")
        rng = parse_range(stripped, decimal=decimal)
        if rng is not None:
            low, high, found_unit = rng
            if low <= high:
                return cls(low=low, high=high, unit=found_unit or unit, text=text)
        num = split_number_unit(stripped, decimal=decimal)
        if num is not None:
            number, found_unit = num
            if not found_unit or _looks_like_unit(found_unit):
                return cls(number=number, unit=found_unit or unit, text=text)
        return cls(unit=unit, text=text)

    def display(self) -> str:
        """The value formatted the id-ID way (``1.234,5 Orang``, ``24,2%``: the percent sign follows the number)."""
        unit = "" if not self.unit else self.unit if self.unit == PERCENT_SIGN else f" {self.unit}"
        if self.number is not None:
            return f"{format_id(self.number)}{unit}"
        if self.low is not None and self.high is not None:
            return f"{format_id(self.low)}–{format_id(self.high)}{unit}"
        return self.text


#: The digits a satuan may hold: a power after a letter (``m2``, ``Km²``) or the base of a rate
#: (``per 100.000 KH``, ``per 1.000 penduduk``).
_UNIT_DIGITS = re.compile(r"(?<=[^\W\d_])[\d²³]+(?!\w)|\bper\s+\d[\d.,]*(?!\w)", re.IGNORECASE)


def _looks_like_unit(rest: str) -> bool:
    # "12 Bulan", "100 %", "8.3 Nilai", "2 Dokumen (Laporan)", "98 per 100.000 KH", "5 m2";
    # not "1 dari 3 kegiatan selesai".
    return len(rest) <= 40 and not any(ch.isdigit() for ch in _UNIT_DIGITS.sub("", rest))


class ReportingPeriod(str, enum.Enum):
    """The period a realisation covers: the whole year, a quarter (triwulan) or a month (bulan)."""

    YEAR = "year"
    Q1 = "q1"
    Q2 = "q2"
    Q3 = "q3"
    Q4 = "q4"
    M01 = "m01"
    M02 = "m02"
    M03 = "m03"
    M04 = "m04"
    M05 = "m05"
    M06 = "m06"
    M07 = "m07"
    M08 = "m08"
    M09 = "m09"
    M10 = "m10"
    M11 = "m11"
    M12 = "m12"

    @property
    def quarter(self) -> int | None:
        """1–4 for a quarter or a month, ``None`` for the year."""
        if self is ReportingPeriod.YEAR:
            return None
        if self.value.startswith("q"):
            return int(self.value[1])
        return (int(self.value[1:]) - 1) // 3 + 1

    @property
    def is_month(self) -> bool:
        return self.value.startswith("m")

    @property
    def last_month(self) -> int:
        """The last month (1–12) the period covers: 12 for the year, 3, 6, 9 or 12 for a quarter."""
        if self is ReportingPeriod.YEAR:
            return 12
        if self.is_month:
            return int(self.value[1:])
        return 3 * int(self.value[1:])

    def ends_by(self, year: int, day: dt.date) -> bool:
        """Whether the period of ``year`` is over on ``day`` (its last day is ``day`` or earlier)."""
        month = self.last_month
        return dt.date(year, month, calendar.monthrange(year, month)[1]) <= day

    @classmethod
    def month(cls, number: int) -> ReportingPeriod:
        """The period for month 1–12."""
        return cls(f"m{number:02d}")


@attrs.frozen(kw_only=True)
class Baseline:
    """Kondisi awal (baseline) of an indicator: a value and the year it was measured."""

    value: Value
    year: int | None = attrs.field(default=None, validator=optional_year)


@attrs.frozen(kw_only=True)
class Target:
    """Target kinerja of an indicator for one year.

    A year outside the plan period is allowed here (sources do contain them); the alignment rules
    report it.
    """

    year: int = attrs.field(validator=year)
    value: Value


@attrs.frozen(kw_only=True)
class Realisation:
    """Realisasi (achieved value) of an indicator for a year, or a quarter or month of it."""

    year: int = attrs.field(validator=year)
    value: Value
    period: ReportingPeriod = ReportingPeriod.YEAR

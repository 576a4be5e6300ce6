"""Cell values as planning spreadsheets hold them, turned into sinkron values.

Every function takes a raw cell (``str``, ``int``, ``float``, ``bool``, ``date``/``datetime`` or
``None`` — what python-calamine and the csv module give) and either returns the value or raises
:class:`CellError` saying what was expected; the readers turn that into a located
:class:`~sinkron.SourceError`.

>>> to_money("Rp 1.234.567")
Decimal('1234567')
>>> to_money(296187500.0)
Decimal('296187500')
>>> clean_text(" Koordinasi Penyelenggaraan\\n\\n  Kegiatan ")
'Koordinasi Penyelenggaraan Kegiatan'
>>> to_value(0.96, percent=True).text
'96%'
>>> to_value("12 Bulan").unit
'Bulan'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from sinkron.errors import InvalidModel
from sinkron.models import Money, Value
from sinkron.numbers import number_text, parse_number
from sinkron.safe_text import unneutralise

__all__ = [
    "CellError",
    "clean_text",
    "is_blank",
    "join_list",
    "normalise_header",
    "plain_number",
    "split_list",
    "to_date",
    "to_decimal",
    "to_money",
    "to_text",
    "to_value",
    "unescape_text",
]

_SPACES = re.compile(r"\s+")
_HEADER_DROP = re.compile(r"[^0-9a-z{}]+")
#: The separator of several values in one cell: ``";"`` followed by a line break, as the sesendok templates
#: write it (``";\n"``; spaces may stand between them). A ``";"`` inside a line is part of the text — real
#: names hold one (the nomenclature's indicator of 2.18.05.2.01.0006) — and a bare line break is not a
#: separator either: names copied from PDFs are full of stray ones.
_LIST_SEPARATOR = re.compile(r";[ \t]*(?:\r\n|\r|\n)")
#: A separator inside one entry with all the white space after it (written as ``"; "``, so none is left).
_SEPARATOR_IN_ENTRY = re.compile(r";[ \t]*[\r\n]\s*")


class CellError(ValueError):
    """A cell does not hold what its column needs; ``expected`` says what would have been right."""

    def __init__(self, message: str, expected: str) -> None:
        super().__init__(message)
        self.message = message
        self.expected = expected


def unescape_text(value: Any) -> Any:
    """Undo the writer's formula-injection guard (``sinkron.safe_text.unneutralise``): ``"'=1+1"`` → ``"=1+1"``."""
    return unneutralise(value) if isinstance(value, str) else value


def is_blank(value: Any) -> bool:
    """True for ``None``, ``""`` and whitespace-only text."""
    return value is None or (isinstance(value, str) and not value.strip())


def clean_text(value: str) -> str:
    """Collapse runs of spaces and stray line breaks (left by PDF copies) into single spaces."""
    if value.isprintable() and "  " not in value and value[:1] != " " and value[-1:] != " ":
        # Already clean: the only white space is single spaces inside (every other white space character,
        # line breaks and no-break spaces included, is not printable).
        return value
    return _SPACES.sub(" ", value).strip()


def normalise_header(text: str) -> str:
    """Header text for matching: case, spacing, line breaks and punctuation do not count.

    >>> normalise_header("TOLAK UKUR\\nCAPAIAN KEG.")
    'tolak ukur capaian keg'
    """
    return " ".join(_HEADER_DROP.sub(" ", text.casefold()).split())


def plain_number(value: Decimal) -> str:
    """A number as plain text without exponent or trailing zeros: ``96.00`` → ``'96'``, ``0.50`` → ``'0.5'``."""
    if value == value.to_integral_value():
        return format(value.quantize(Decimal(1)), "f")
    return format(value.normalize(), "f")


#: Whole numbers below this print every digit in ``repr`` (no exponent), so ``Decimal(int(value))`` is what
#: reading their text gives.
_WHOLE_FLOAT = 1e15


def _float_decimal(value: float) -> Decimal:
    if value != value or value in (float("inf"), float("-inf")):
        raise CellError(f"not a finite number: {value!r}", "a finite number")
    number = Decimal(repr(value))
    return Decimal(plain_number(number))


def to_decimal(value: Any) -> Decimal:
    """A number from a numeric cell or from id-ID / en-US text (``1.234.567,89``, ``Rp 5.000``, ``96%``)."""
    if isinstance(value, bool):
        raise CellError(f"a boolean {value!r} is not a number", "a number")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if value.is_integer() and value and -_WHOLE_FLOAT < value < _WHOLE_FLOAT:
            return Decimal(int(value))  # a whole number (zero keeps its sign on the general path)
        return _float_decimal(value)
    if isinstance(value, Decimal):
        return value
    if isinstance(value, str):
        try:
            return parse_number(value)
        except ValueError:
            raise CellError(f"{value!r} is not a number", "a number such as 1.234.567 or 1.234.567,89") from None
    raise CellError(f"{type(value).__name__} {value!r} is not a number", "a number")


def to_money(value: Any) -> Decimal:
    """An amount of rupiah (``Rp 1.234.567``, ``1.234.567,00`` or a numeric cell); never negative."""
    try:
        amount = to_decimal(value)
    except CellError:
        raise CellError(f"{value!r} is not an amount of rupiah", "an amount in rupiah such as 1.234.567") from None
    if amount < 0:
        raise CellError(f"a negative amount {value!r}", "an amount of zero or more")
    try:
        Money(amount)  # the model's bounds: below 10^18 rupiah, at most 20 decimals
    except InvalidModel as exc:
        raise CellError(f"{value!r} is not an amount a plan can hold: {exc}", "an amount below 10^18 rupiah") from None
    return amount


def to_text(value: Any) -> str:
    """Text of a cell: numbers without a spurious ``.0``, dates in ISO form."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and value and -_WHOLE_FLOAT < value < _WHOLE_FLOAT:
            return str(int(value))
        return plain_number(_float_decimal(value))
    if isinstance(value, (int, Decimal)):
        return plain_number(Decimal(value))
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


#: Target texts already read (``"100 %"``, ``"12 Bulan"`` repeat across rows): a Value is immutable, so one
#: instance serves every row with the same text and unit.
_PARSED: dict[tuple[str, str | None], Value] = {}
_PARSED_MAX = 1 << 16


def _parse_value(text: str, unit: str | None) -> Value:
    """:meth:`Value.parse`, each distinct text and unit once."""
    key = (text, unit)
    found = _PARSED.get(key)
    if found is None:
        found = Value.parse(text, unit=unit)
        if len(_PARSED) >= _PARSED_MAX:
            _PARSED.clear()
        _PARSED[key] = found
    return found


def to_value(value: Any, *, unit: str | None = None, percent: bool = False, suffix: str | None = None) -> Value:
    """A target or baseline :class:`~sinkron.Value` from a cell.

    Text goes through :meth:`Value.parse` (``"12 Bulan"``, ``"96 %"``, ``"7,0–8,0"``, ``"WTP"``).
    A numeric cell is its number, with the text :func:`sinkron.numbers.number_text` writes (``3,125``);
    one formatted as a percentage (``percent``: 0.96 shown as ``96%``) is read as it is displayed, and
    the literal suffix of its number format (``#,###" bln"``, ``0" per 100.000 KH"``) is its unit.

    >>> to_value(3.125).text, to_value(98, suffix="per 100.000 KH").unit
    ('3,125', 'per 100.000 KH')
    """
    if isinstance(value, str):
        try:
            return _parse_value(value, unit)
        except ValueError as exc:
            raise CellError(str(exc), "a target such as 96 %, 12 Bulan or Tersedia") from None
    if isinstance(value, (dt.date, dt.datetime)):
        raise CellError(f"a date {value.isoformat()} is not a target", "a number or a text target")
    number = to_decimal(value)
    if percent:
        shown = Decimal(plain_number(number * 100))
        return Value(number=shown, unit="%", text=f"{number_text(shown)}%")
    number = Decimal(plain_number(number))
    if suffix:
        return Value(number=number, unit=suffix, text=f"{number_text(number)} {suffix}")
    return Value(number=number, unit=unit, text=number_text(number))


def to_date(value: Any) -> dt.date:
    """A date from a date cell or from ``d/m/yyyy``, ``d-m-yyyy`` or ISO text."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        found = _DATES.get(value)
        if found is not None:
            return found
        text = value.strip()
        for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y"):
            try:
                found = dt.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
            if len(_DATES) >= _PARSED_MAX:
                _DATES.clear()
            _DATES[value] = found
            return found
    raise CellError(f"{value!r} is not a date", "a date such as 2/1/2024 (d/m/yyyy)")


#: Date texts already read (a date is immutable; the same start and end dates repeat down a sheet).
_DATES: dict[str, dt.date] = {}


def split_list(value: str, *, keep_empty: bool = False) -> list[str]:
    """Several entries in one cell, separated by ``";"`` and a line break (``";\\n"``), cleaned.

    Empty entries are dropped unless ``keep_empty`` (targets that line up with indicators). A ``";"``
    within a line stays in the entry.

    >>> split_list("Indeks Kepuasan Masyarakat;\\nPersentase Capaian SPM")
    ['Indeks Kepuasan Masyarakat', 'Persentase Capaian SPM']
    >>> split_list("Jumlah Usaha yang Diinspeksi ; serta Dievaluasi")
    ['Jumlah Usaha yang Diinspeksi ; serta Dievaluasi']
    """
    if ";" not in value:
        part = clean_text(value)
        return [part] if part or keep_empty else []
    parts = [clean_text(part) for part in _LIST_SEPARATOR.split(value)]
    return parts if keep_empty else [p for p in parts if p]


def join_list(parts: Iterable[str]) -> str:
    """Several entries for one cell, joined with ``";\\n"`` so that :func:`split_list` gives them back.

    An entry that holds a ``";"`` before a line break itself has that line break written as a space
    (read back, line breaks in a name are spaces anyway):

    >>> join_list(["Indeks Kepuasan Masyarakat", "Jumlah A;\\nB"])
    'Indeks Kepuasan Masyarakat;\\nJumlah A; B'
    >>> split_list(join_list(["Jumlah A; serta B", "Jumlah C;"]))
    ['Jumlah A; serta B', 'Jumlah C;']
    """
    return ";\n".join(_SEPARATOR_IN_ENTRY.sub("; ", part) for part in parts)

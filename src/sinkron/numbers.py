"""Reading numbers as Indonesian planning documents write them.

Planning data mixes notations: id-ID (``1.234.567,89``), en-US (``1,234,567.89``), plain
(``296187500``), with ``Rp`` and ``%`` signs, en dashes in ranges (``7,0–8,0``) and units after the
number (``"12 Bulan"``, ``"8.3 Nilai"``). These functions turn such text into :class:`~decimal.Decimal`
and never guess silently: a text that could mean two numbers is read by the rules below, which are
documented in ``docs/models.md``.

Rules for a single separator kind:

* ``1.234.567`` (dots every three digits, more than one group) → thousands separators;
* ``1,234,567`` likewise with commas;
* one dot followed by exactly three digits (``1.234``) → thousands in id-ID (SIPD prints
  ``number_format($x, 0, ",", ".")``); pass ``decimal=","`` or ``decimal="."`` to force a reading;
* one dot otherwise (``8.3``, ``0.96``) → decimal point; one comma otherwise (``9,07``) → decimal comma.

With both separators, the last one is the decimal separator.

Sinkron itself writes numbers with :func:`number_text` (``1250``, ``3,125``): never the ambiguous
``3.125`` a reader would take for three thousand one hundred and twenty-five.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Literal

__all__ = [
    "PERCENT_SIGN",
    "format_id",
    "format_percent",
    "number_in_words",
    "number_text",
    "parse_number",
    "parse_range",
    "split_number_unit",
]

_SPACE = re.compile(r"[\s\u00a0\u202f]+")
_NUMBER_HEAD = re.compile(
    r"\s*([-+−]?\s*(?:Rp\.?\s*)?[-+−]?\d(?:[\d.,\u00a0\u202f ]*(?:\d|(?<=\d)[.,]))?)(.*)\Z", re.S | re.I
)
_RANGE = re.compile(r"^\s*(.+?)\s*(?:–|—|-|s\.?d\.?|sampai)\s*(.+?)\s*$", re.I)
_MAY_BE_RANGE = re.compile(r"[–—\-sS]")

DecimalMark = Literal[",", ".", None]


def parse_number(text: str, *, decimal: DecimalMark = None) -> Decimal:
    """Parse one number in any of the notations above; raise ``ValueError`` if it is not one.

    >>> parse_number("1.234.567,89")
    Decimal('1234567.89')
    >>> parse_number("Rp 1.234.567")
    Decimal('1234567')
    >>> parse_number("96%")
    Decimal('96')
    >>> parse_number("8.3")
    Decimal('8.3')
    """
    if text.isdigit() and text.isascii():  # plain digits ("296187500"), the commonest form in SIPD data
        return Decimal(text)
    s = _without_currency_and_percent(_SPACE.sub("", text).replace("−", "-"))
    if not s or not re.fullmatch(r"[-+]?[\d.,]*\d[\d.,]*", s):
        raise ValueError(f"not a number: {text!r}")
    sign = ""
    if s[0] in "+-":
        sign, s = s[0], s[1:]
    dec = _decimal_mark(s, decimal)
    thousands = "," if dec == "." else "."
    if s.count(dec) > 1:
        raise ValueError(f"not a number: {text!r} (more than one decimal mark {dec!r})")
    if thousands in s and not _grouped_in_thousands(s.split(dec)[0].split(thousands)):
        raise ValueError(f"not a number: {text!r} (misplaced thousands separator {thousands!r})")
    s = s.replace(thousands, "").replace(dec, ".")
    if s.endswith("."):
        s = s[:-1]
    try:
        value = Decimal(sign + s)
    except InvalidOperation:  # pragma: no cover - the regex above rules this out
        raise ValueError(f"not a number: {text!r}") from None
    return value


def _without_currency_and_percent(s: str) -> str:
    """``s`` (spaces removed) without a leading ``Rp``/``Rp.`` (after an optional sign) and a trailing ``%``."""
    if s[:2].lower() == "rp" or s[:3].lower() in ("-rp", "+rp"):
        sign = s[0] if s[0] in "+-" else ""
        s = sign + s[len(sign) + 2 :].lstrip(".")
    if s.endswith("%"):
        s = s[:-1]
    return s


def _decimal_mark(s: str, decimal: DecimalMark) -> str:
    """The decimal mark of an unsigned number by the rules of the module docs (``decimal`` forces one)."""
    dots, commas = s.count("."), s.count(",")
    if dots and commas:
        return "." if s.rfind(".") > s.rfind(",") else ","
    if decimal is not None:
        return decimal
    if dots > 1 or commas > 1:
        return "," if dots else "."  # the repeated mark groups thousands
    if dots == 1:
        head, tail = s.split(".")
        return "," if len(tail) == 3 and head not in ("", "0", "-0") else "."
    if commas == 1:
        return ","
    return "."


def _grouped_in_thousands(groups: list[str]) -> bool:
    """Whether the integer part split at the thousands separator is 1–3 digits, then groups of exactly 3."""
    return bool(groups[0]) and len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def split_number_unit(text: str, *, decimal: DecimalMark = None) -> tuple[Decimal, str] | None:
    """Split ``"12 Bulan"`` into ``(Decimal('12'), 'Bulan')``; ``None`` if no number leads the text.

    A percent sign becomes the unit ``%``.

    >>> split_number_unit("100 %")
    (Decimal('100'), '%')
    """
    m = _NUMBER_HEAD.match(text)
    if not m:
        return None
    number_text, rest = m.group(1).rstrip(" ,."), m.group(2).strip()
    if number_text.endswith(("%",)):
        number_text = number_text[:-1]
    try:
        number = parse_number(number_text, decimal=decimal)
    except ValueError:
        return None
    return number, rest


def parse_range(text: str, *, decimal: DecimalMark = None) -> tuple[Decimal, Decimal, str] | None:
    """Parse ``"7,0–8,0"`` or ``"92,02 - 92,11 %"`` into ``(low, high, unit)``; ``None`` if not a range."""
    if not _MAY_BE_RANGE.search(text):  # no dash, "s.d." or "sampai": the regex below cannot match
        return None
    m = _RANGE.match(text)
    if not m:
        return None
    left, right = m.group(1), m.group(2)
    try:
        low = parse_number(left, decimal=decimal)
    except ValueError:
        return None
    parsed = split_number_unit(right, decimal=decimal)
    if parsed is None:
        return None
    high, unit = parsed
    return low, high, unit


def number_text(value: Decimal) -> str:
    """The text sinkron writes a number in: plain digits and a decimal comma, read back exactly.

    A dot followed by three digits reads as a thousands separator (``3.125`` is 3125 in id-ID), so
    sinkron never writes one: :func:`parse_number` gives back exactly ``value`` from this text, whatever
    its digits. It is the default text of a :class:`~sinkron.Value` and what writers put in text fields.

    >>> number_text(Decimal("3.125")), number_text(Decimal("1250")), number_text(Decimal("-0.50"))
    ('3,125', '1250', '-0,50')
    >>> parse_number(number_text(Decimal("1234.567")))
    Decimal('1234.567')
    """
    return format(value, "f").replace(".", ",")


def format_id(value: Decimal, *, places: int | None = None) -> str:
    """Format a number the id-ID way: ``1.234.567,5``.

    >>> format_id(Decimal("1234567.5"))
    '1.234.567,5'
    """
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places))
    sign = "-" if value < 0 else ""
    text = format(abs(value), "f")
    int_part, _, frac = text.partition(".")
    groups: list[str] = []
    while len(int_part) > 3:
        groups.insert(0, int_part[-3:])
        int_part = int_part[:-3]
    groups.insert(0, int_part)
    out = sign + ".".join(groups)
    if frac:
        out += "," + frac
    return out


#: How sinkron writes a percentage after its number: right after it, with no space (``24,2%``, as PUEBI writes it).
PERCENT_SIGN = "%"


def format_percent(value: Decimal, *, places: int = 1) -> str:
    """A percentage (``value`` in percent) the one way sinkron writes it: ``24,2%``, ``50%``.

    Rounded to ``places`` decimals; a whole number is written without decimals. Every message and
    report uses this function, in both languages, so a percentage reads the same everywhere.

    >>> format_percent(Decimal("24.24")), format_percent(Decimal("50.00")), format_percent(Decimal("-0.06"), places=2)
    ('24,2%', '50%', '-0,06%')
    """
    rounded = value.quantize(Decimal(1).scaleb(-places))
    if rounded == rounded.to_integral_value():
        rounded = rounded.quantize(Decimal(1))
    return format_id(rounded) + PERCENT_SIGN


_ONES = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas")
_SCALES = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (1000, "ribu"))


def number_in_words(value: int) -> str:
    """A whole number in Indonesian words (*terbilang*), as berita acara and kuitansi write it.

    ``se-`` stands for "one" before ``belas``, ``puluh``, ``ratus`` and ``ribu`` (``sebelas``,
    ``seratus``, ``seribu``), but not before ``juta`` and above (``satu juta``).

    >>> number_in_words(9), number_in_words(2026), number_in_words(1_115)
    ('sembilan', 'dua ribu dua puluh enam', 'seribu seratus lima belas')
    >>> number_in_words(1_000_000), number_in_words(-21)
    ('satu juta', 'minus dua puluh satu')
    """
    if value < 0:
        return "minus " + number_in_words(-value)
    if value >= 1000 * 10**12:
        raise ValueError(f"{value} is too large to write in words")
    if value < 1000:
        return _hundreds_in_words(value) if value else _ONES[0]
    words: list[str] = []
    for scale, name in _SCALES:
        count, value = divmod(value, scale)
        if count == 1 and scale == 1000:
            words.append("seribu")
        elif count:
            words.append(f"{_hundreds_in_words(count)} {name}")
    if value:
        words.append(_hundreds_in_words(value))
    return " ".join(words)


def _hundreds_in_words(value: int) -> str:
    """1–999 in words (``seratus dua belas``); ``""`` for 0."""
    hundreds, rest = divmod(value, 100)
    words = ["seratus" if hundreds == 1 else f"{_ONES[hundreds]} ratus"] if hundreds else []
    if rest >= 20:
        tens, ones = divmod(rest, 10)
        words.append(f"{_ONES[tens]} puluh" + (f" {_ONES[ones]}" if ones else ""))
    elif rest >= 12:
        words.append(f"{_ONES[rest - 10]} belas")
    elif rest:
        words.append(_ONES[rest])
    return " ".join(words)

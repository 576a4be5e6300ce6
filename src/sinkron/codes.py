"""Kemendagri nomenclature codes (kode urusan, bidang urusan, program, kegiatan, sub kegiatan).

A :class:`Code` is an immutable value. :meth:`Code.parse` accepts the forms met in real data:

* canonical codes of every level: ``1``, ``1.02``, ``1.02.02``, ``1.02.02.2.02``,
  ``1.02.02.2.02.0001`` (4-digit sub kegiatan, since Kepmendagri 050-5889/2021);
* legacy 2-digit sub kegiatan, as SIPD still served them in 2023: ``7.01.02.2.01.01``;
* the generic penunjang codes that every bidang shares: ``X.XX.01.2.01.0001``;
* unpadded parts from spreadsheets: ``1.2.2.2.2.1`` or the Renstra template's ``1.3``;
* a code prefix inside a name, as SIPD writes ``nama_sub_giat``:
  ``"1.05.02.2.03.0002 Pembentukan Sekretariat PPNS"``.

Anything else is rejected with a :class:`~sinkron.errors.CodeError` saying why.

A perangkat daerah's SKPD code (``1.02.0.00.0.00.01.0000``) is not a nomenclature code: it names up to
three bidang urusan, then the unit and sub unit. :func:`skpd_sectors` reads the bidang urusan it names.

The kegiatan level has two dot-separated parts: a single *variant* digit (``2`` = regular
kab/kota, ``1`` = province, ``3``/``4``/``5``/``7`` = special-region variants) and a 2-digit number.
So a kegiatan code has five parts and a sub kegiatan six; a four-part code is incomplete.

This module imports only :mod:`sinkron.errors`.
"""

from __future__ import annotations

import enum
import functools
import re
from typing import Any

import attrs

from sinkron.errors import CodeError

__all__ = ["KABKOTA_VARIANT", "PROVINCIAL_VARIANT", "Code", "CodeLevel", "skpd_sectors"]

PROVINCIAL_VARIANT = "1"
"""The kegiatan variant digit of the provincial lampiran (``1.01.02.1.01``)."""
KABKOTA_VARIANT = "2"
"""The kegiatan variant digit of the regular kabupaten/kota lampiran (``1.02.02.2.02``)."""


class CodeLevel(str, enum.Enum):
    """Level of a nomenclature code; the value is the official Indonesian term."""

    AFFAIR = "urusan"
    """Urusan pemerintahan (or unsur): ``1`` … ``9``."""
    SECTOR = "bidang_urusan"
    """Bidang urusan: ``1.02`` (kesehatan)."""
    PROGRAM = "program"
    """Program: ``1.02.02``."""
    ACTIVITY = "kegiatan"
    """Kegiatan: ``1.02.02.2.02``."""
    SUB_ACTIVITY = "sub_kegiatan"
    """Sub kegiatan: ``1.02.02.2.02.0001``."""

    @property
    def depth(self) -> int:
        """1 for urusan … 5 for sub kegiatan."""
        return _DEPTH[self]


_DEPTH = {
    CodeLevel.AFFAIR: 1,
    CodeLevel.SECTOR: 2,
    CodeLevel.PROGRAM: 3,
    CodeLevel.ACTIVITY: 4,
    CodeLevel.SUB_ACTIVITY: 5,
}
_LEVEL_BY_PARTS = {
    1: CodeLevel.AFFAIR,
    2: CodeLevel.SECTOR,
    3: CodeLevel.PROGRAM,
    5: CodeLevel.ACTIVITY,
    6: CodeLevel.SUB_ACTIVITY,
}
_PARTS_BY_LEVEL = {level: n for n, level in _LEVEL_BY_PARTS.items()}
_PART_NAMES = ("urusan", "bidang urusan", "program", "kegiatan variant", "kegiatan", "sub kegiatan")

# A code at the start of a text, optionally followed by a separator and a name.
_PREFIX = re.compile(r"\s*([0-9Xx]{1,6}(?:\.[0-9Xx]{1,6}){0,9})(?=$|[\s\-–:|)])[\s\-–:|]*(.*)\Z", re.S)
_NN = r"(?!00)\d\d"
_CANONICAL = re.compile(rf"[1-9](?:\.{_NN}(?:\.{_NN}(?:\.[1-9]\.{_NN}(?:\.(?!0000)\d{{4}})?)?)?)?\Z")
_SUPPORT_PROGRAM = "01"


def _check_part(index: int, part: str, text: str) -> str:
    """Validate one part and return it padded to its canonical width."""
    name = _PART_NAMES[index]
    if not part:
        raise CodeError(text, f"the {name} part is empty")
    if part in ("X", "XX", "x", "xx"):
        if index == 0:
            return "X"
        if index == 1:
            return "XX"
        raise CodeError(text, f"only urusan and bidang may be generic (X.XX), not the {name} part")
    if not part.isdigit() or not part.isascii():
        raise CodeError(text, f"the {name} part {part!r} is not a number")
    if index in (0, 3):
        if len(part) != 1 or part == "0":
            raise CodeError(text, f"the {name} part {part!r} must be a single digit 1-9")
        return part
    if index == 5:
        if len(part) > 4:
            raise CodeError(text, f"the sub kegiatan part {part!r} has more than 4 digits")
        if int(part) == 0:
            raise CodeError(text, "the sub kegiatan number must not be zero")
        # Exactly two digits is the legacy 2-digit format; anything else is padded to 4.
        return part if len(part) == 2 else part.zfill(4)
    if len(part) > 2:
        raise CodeError(text, f"the {name} part {part!r} has more than 2 digits")
    if int(part) == 0:
        raise CodeError(text, f"the {name} number must not be zero")
    return part.zfill(2)


def _normalise_parts(raw: list[str], text: str) -> tuple[str, ...]:
    if len(raw) not in _LEVEL_BY_PARTS:
        if len(raw) == 4:
            raise CodeError(text, "a kegiatan code needs five parts (…program.variant.number); four is incomplete")
        raise CodeError(text, f"a code has 1, 2, 3, 5 or 6 dot-separated parts, not {len(raw)}")
    parts = tuple(_check_part(i, p, text) for i, p in enumerate(raw))
    generic_affair = parts[0] == "X"
    if len(parts) > 1 and generic_affair != (parts[1] == "XX"):
        raise CodeError(text, "a generic code must be generic in both urusan and bidang (X.XX)")
    if generic_affair and len(parts) > 2 and parts[2] != _SUPPORT_PROGRAM:
        raise CodeError(text, "only the penunjang program 01 is defined under the generic X.XX")
    return parts


@functools.lru_cache(maxsize=1 << 16)
def _parse(text: str) -> tuple[tuple[str, ...], str]:
    if _CANONICAL.match(text):
        return tuple(text.split(".")), ""
    match = _PREFIX.match(text)
    if not match:
        stripped = text.strip()
        if not stripped:
            raise CodeError(text, "the code is empty")
        raise CodeError(text, "a code is dot-separated numbers such as 1.02.02.2.02.0001")
    code_text, rest = match.group(1), match.group(2)
    return _normalise_parts(code_text.split("."), text), rest.strip()


def _validate_parts(instance: Code, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]) -> None:
    text = ".".join(value)
    if _normalise_parts(list(value), text) != value:
        raise CodeError(text, "parts are not in canonical form; use Code.parse")


@functools.total_ordering
@attrs.frozen(order=False, cache_hash=True)
class Code:
    """A nomenclature code of any level, kept as text so leading zeros survive.

    >>> c = Code.parse("1.02.02.2.02.0001")
    >>> c.level, str(c.parent)
    (<CodeLevel.SUB_ACTIVITY: 'sub_kegiatan'>, '1.02.02.2.02')
    >>> str(Code.parse("1.2.2.2.2.1"))
    '1.02.02.2.02.0001'
    """

    parts: tuple[str, ...] = attrs.field(validator=_validate_parts)

    @classmethod
    def parse(cls, text: str) -> Code:
        """Parse any accepted form (see the module docs); raise :class:`CodeError` otherwise."""
        if isinstance(text, Code):
            return text
        if not isinstance(text, str):
            raise CodeError(repr(text), f"a code must be text, not {type(text).__name__}")
        return _code_of(text)

    @classmethod
    def split_name(cls, text: str) -> tuple[Code | None, str]:
        """Split ``"1.05.02.2.03.0002 Pembentukan …"`` into the code and the name.

        A text that does not start with a valid code gives ``(None, text)`` unchanged.
        """
        try:
            parts, rest = _parse(text)
        except CodeError:
            return None, text
        return _make(parts), rest

    # -- structure -------------------------------------------------------------------------
    @property
    def level(self) -> CodeLevel:
        """The nomenclature level, derived from the number of parts."""
        return _LEVEL_BY_PARTS[len(self.parts)]

    @property
    def parent(self) -> Code | None:
        """The code one level up (``None`` for an urusan)."""
        n = len(self.parts)
        if n == 1:
            return None
        return _make(self.parts[: 3 if n == 5 else n - 1])

    def ancestor(self, level: CodeLevel) -> Code:
        """The prefix of this code at ``level`` (which must not be below this code's level)."""
        n = _PARTS_BY_LEVEL[level]
        if n > len(self.parts):
            raise ValueError(f"{self} is above the {level.value} level")
        return _make(self.parts[:n])

    @property
    def ancestors(self) -> tuple[Code, ...]:
        """Every code above this one, from the urusan down to the parent."""
        out: list[Code] = []
        node = self.parent
        while node is not None:
            out.append(node)
            node = node.parent
        return tuple(reversed(out))

    def is_within(self, other: Code) -> bool:
        """True when ``other`` is this code or one of its ancestors."""
        n = len(other.parts)
        return n <= len(self.parts) and self.parts[:n] == other.parts

    @property
    def sector(self) -> Code | None:
        """The bidang urusan (``1.02``) this code sits under, or ``None`` for an urusan."""
        return _make(self.parts[:2]) if len(self.parts) >= 2 else None

    @property
    def is_generic(self) -> bool:
        """True for the shared penunjang codes written ``X.XX…``."""
        return self.parts[0] == "X"

    @property
    def is_legacy(self) -> bool:
        """True for a 2-digit sub kegiatan number (the pre-050-5889/2021 format)."""
        return len(self.parts) == 6 and len(self.parts[5]) == 2

    @property
    def is_support(self) -> bool:
        """True for the program penunjang urusan pemerintahan daerah (program ``01``) and below."""
        return len(self.parts) >= 3 and self.parts[2] == _SUPPORT_PROGRAM

    @property
    def variant(self) -> str | None:
        """The kegiatan variant digit (``2`` regular kab/kota, ``1`` province, …), if present."""
        return self.parts[3] if len(self.parts) >= 5 else None

    def in_sector(self, sector: Code) -> Code:
        """Instantiate a generic ``X.XX`` penunjang code under a concrete bidang urusan.

        >>> str(Code.parse("X.XX.01.2.01.0001").in_sector(Code.parse("1.03")))
        '1.03.01.2.01.0001'
        """
        if sector.level is not CodeLevel.SECTOR or sector.is_generic:
            raise ValueError(f"{sector} is not a concrete bidang urusan code")
        if not self.is_generic:
            return self
        return _make(sector.parts + self.parts[2:])

    def as_generic(self) -> Code:
        """The ``X.XX`` form of a penunjang code (program 01); other codes are returned as is."""
        if self.is_generic or not self.is_support:
            return self
        return _make(("X", "XX", *self.parts[2:]))

    def modernised(self) -> Code:
        """The 4-digit form of a legacy 2-digit sub kegiatan code (``…01`` → ``…0001``)."""
        parts = self.parts
        if len(parts) != 6 or len(parts[5]) != 2:  # not legacy (is_legacy, inlined: rules call this per item)
            return self
        return _make((*parts[:5], parts[5].zfill(4)))

    # -- text --------------------------------------------------------------------------------
    def __str__(self) -> str:
        return ".".join(self.parts)

    def __repr__(self) -> str:
        return f"Code({str(self)!r})"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """Hypothesis' and IPython's pretty printers show ``Code('1.02.02')`` too, not the parts field by field."""
        printer.text(repr(self))

    def _key(self) -> tuple[tuple[int, str], ...]:
        return tuple((-1, p) if p[0] == "X" else (int(p), p) for p in self.parts)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Code):
            return NotImplemented
        return self._key() < other._key()


@functools.lru_cache(maxsize=1 << 16)
def _code_of(text: str) -> Code:
    """The code a text parses to (one cache lookup for the texts met again and again in a file)."""
    parts, _ = _parse(text)
    return _make(parts)


@functools.lru_cache(maxsize=1 << 16)
def _make(parts: tuple[str, ...]) -> Code:
    """One shared instance per distinct code (validated once, then cached)."""
    return Code(parts=parts)


# SKPD code U.BB.U.BB.U.BB.NN.NNNN: three (urusan.bidang) pairs, then the unit and the sub unit.
_SKPD = re.compile(r"(\d)\.(\d{2})\.(\d)\.(\d{2})\.(\d)\.(\d{2})\.\d{2}\.\d{4}\Z")


def skpd_sectors(code: str) -> tuple[Code, ...] | None:
    """The bidang urusan an SKPD code names, or ``None`` when the text is not an SKPD code.

    A perangkat daerah code has three (urusan.bidang) pairs, then its unit and sub unit numbers; a pair
    with bidang ``00`` (or urusan ``0``) names nothing.

    >>> [str(c) for c in skpd_sectors("2.18.3.31.0.00.01.0000")]
    ['2.18', '3.31']
    >>> skpd_sectors("4.01.3.00.0.00.01.0000")
    (Code('4.01'),)
    >>> skpd_sectors("1.02.0.00.01.0000") is None
    True
    """
    match = _SKPD.match(code.strip())
    if match is None:
        return None
    parts = match.groups()
    return tuple(_code_of(f"{parts[i]}.{parts[i + 1]}") for i in (0, 2, 4) if parts[i] != "0" and parts[i + 1] != "00")

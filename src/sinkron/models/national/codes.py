"""K/L budget codes (kode RKA-K/L / KRISNA / SAKTI): bagian anggaran → … → RO → komponen.

A ministry budgets along its own chain, which never shares keys with the Kemendagri nomenclature:

====================  ===============  =============================================
level                 format           example
====================  ===============  =============================================
bagian anggaran (BA)  3 digits         ``022`` Kementerian Perhubungan
unit eselon I         2 digits         ``022.12``
program               2 letters        ``022.12.DL``; ``WA`` Program Dukungan Manajemen
kegiatan              4 digits         ``3996`` Pendidikan Transportasi
KRO                   3 letters        ``3996.AEC`` Kerja sama
RO                    3 characters     ``3996.AEC.002``, ``4627.EBA.994``, ``BAH.U13``
komponen              3 digits         ``001`` Gaji dan Tunjangan
sub komponen          1 letter         ``A``
akun                  6 digits         ``521211`` Belanja Bahan
====================  ===============  =============================================

:meth:`KLCode.parse` reads every spelling met in exports: the full chain (``022.12.DL``), codes
written from a lower level (``12.DL``, ``DL``, ``WA.1090``, ``3996``, ``3996.AEC``, ``AEC.002``,
``3996.AEC.002``), the compact SAKTI RO form ``3996.AE002`` (two letters of the KRO and the RO
number) and printed headers such as ``(WA)`` or ``(2886)``. The text read is kept as
:attr:`KLCode.display` so an exporter can write it back as the source wrote it.

A code that does not start at the bagian anggaran is *scoped*: KRO and RO codes recur under every
kegiatan (``EBA.994`` Layanan Perkantoran sits under each one), so they are never global keys.
Give the parent with ``within=`` to place a scoped code; only a code anchored at its bagian
anggaran has a canonical :attr:`KLCode.key`.

>>> program = KLCode.parse("022.12.DL")
>>> ro = KLCode.parse("3996.AE002", within=KLCode.parse("3996.AEC", within=program))
>>> ro.key, ro.display
('022.12.DL.3996.AEC.002', '3996.AE002')

Observed RO codes always contain a digit (``002``, ``994``, ``U13``), and KRO codes are three
letters; sinkron relies on that to tell ``AEC.002`` (KRO.RO) from an RO followed by a komponen.
The compact RO form is read as the first two letters of its KRO plus the RO number (the SAKTI
parser this comes from pairs ``3996.AEC.002`` with ``3996.AE002``); it is not verified against a
DJA regulation.

This module imports only :mod:`sinkron.errors`.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator, Mapping

import attrs

from sinkron.errors import SinkronError

__all__ = ["KLCode", "KLCodeError", "KLLevel"]


class KLCodeError(SinkronError, ValueError):
    """A text is not a valid K/L budget code (or cannot be placed); ``reason`` says why."""

    def __init__(self, text: str, reason: str) -> None:
        self.text = text
        self.reason = reason
        super().__init__(f"invalid K/L code {text!r}: {reason}")


class KLLevel(str, enum.Enum):
    """Level of a K/L budget code; the value is the Indonesian term."""

    BUDGET_SECTION = "bagian_anggaran"
    """Bagian anggaran (BA): the K/L, 3 digits (``022``)."""
    UNIT = "unit_eselon_i"
    """Unit eselon I, 2 digits under the BA (``022.12``)."""
    PROGRAM = "program"
    """Program, 2 letters (``DL``; ``WA`` = Program Dukungan Manajemen)."""
    ACTIVITY = "kegiatan"
    """Kegiatan, 4 digits (``3996``)."""
    OUTPUT_CLASS = "kro"
    """KRO, Klasifikasi Rincian Output: 3 letters (``AEC``)."""
    OUTPUT = "ro"
    """RO, Rincian Output: 3 characters with a digit (``002``, ``994``, ``U13``)."""
    COMPONENT = "komponen"
    """Komponen, 3 digits (``001``)."""
    SUB_COMPONENT = "sub_komponen"
    """Sub komponen, 1 letter (``A``)."""
    ACCOUNT = "akun"
    """Akun (mata anggaran), 6 digits (``521211``)."""

    @property
    def depth(self) -> int:
        """0 for the bagian anggaran … 8 for the akun."""
        return _ORDER.index(self)

    @property
    def label(self) -> str:
        """The term a planner writes: ``"KRO"``, ``"sub komponen"``."""
        return _LABELS[self]


_ORDER: tuple[KLLevel, ...] = tuple(KLLevel)
_LABELS = {
    KLLevel.BUDGET_SECTION: "bagian anggaran",
    KLLevel.UNIT: "unit eselon I",
    KLLevel.PROGRAM: "program",
    KLLevel.ACTIVITY: "kegiatan",
    KLLevel.OUTPUT_CLASS: "KRO",
    KLLevel.OUTPUT: "RO",
    KLLevel.COMPONENT: "komponen",
    KLLevel.SUB_COMPONENT: "sub komponen",
    KLLevel.ACCOUNT: "akun",
}
_PATTERNS = {
    KLLevel.BUDGET_SECTION: re.compile(r"[0-9]{3}\Z"),
    KLLevel.UNIT: re.compile(r"[0-9]{2}\Z"),
    KLLevel.PROGRAM: re.compile(r"[A-Z]{2}\Z"),
    KLLevel.ACTIVITY: re.compile(r"[0-9]{4}\Z"),
    KLLevel.OUTPUT_CLASS: re.compile(r"[A-Z]{3}\Z"),
    KLLevel.OUTPUT: re.compile(r"(?=[A-Z]*[0-9])[A-Z0-9]{3}\Z"),
    KLLevel.COMPONENT: re.compile(r"[0-9]{3}\Z"),
    KLLevel.SUB_COMPONENT: re.compile(r"[A-Z]\Z"),
    KLLevel.ACCOUNT: re.compile(r"[0-9]{6}\Z"),
}
_SHAPES = {
    KLLevel.BUDGET_SECTION: "3 digits",
    KLLevel.UNIT: "2 digits",
    KLLevel.PROGRAM: "2 letters",
    KLLevel.ACTIVITY: "4 digits",
    KLLevel.OUTPUT_CLASS: "3 letters",
    KLLevel.OUTPUT: "3 letters or digits with at least one digit",
    KLLevel.COMPONENT: "3 digits",
    KLLevel.SUB_COMPONENT: "1 letter",
    KLLevel.ACCOUNT: "6 digits",
}
_COMPACT = re.compile(r"([A-Z]{2})([0-9]{3})\Z")
_FIELDS = (
    "budget_section",
    "unit",
    "program",
    "activity",
    "output_class",
    "output",
    "component",
    "sub_component",
    "account",
)
_FIELD_OF = dict(zip(_ORDER, _FIELDS))


@attrs.frozen(kw_only=True)
class KLCode:
    """A K/L budget code of any level, anchored at its bagian anggaran or scoped under a parent.

    Equality compares the segments, not :attr:`display`. Build codes with :meth:`parse`.

    >>> KLCode.parse("WA.1090").level
    <KLLevel.ACTIVITY: 'kegiatan'>
    >>> str(KLCode.parse("(wa)")), KLCode.parse("(wa)").display
    ('WA', '(wa)')
    """

    budget_section: str | None = None
    """Bagian anggaran (BA), the K/L: ``022``."""
    unit: str | None = None
    """Unit eselon I: ``12``."""
    program: str | None = None
    """Program: ``DL``."""
    activity: str | None = None
    """Kegiatan: ``3996``."""
    output_class: str | None = None
    """KRO: ``AEC``."""
    output: str | None = None
    """RO: ``002``."""
    component: str | None = None
    """Komponen: ``001``."""
    sub_component: str | None = None
    """Sub komponen: ``A``."""
    account: str | None = None
    """Akun: ``521211``."""
    compact_class: str | None = None
    """The two KRO letters of a compact RO (``AE`` of ``3996.AE002``) read without its KRO."""
    display: str | None = attrs.field(default=None, eq=False)
    """The code as the source wrote it (``"3996.AE002"``, ``"(WA)"``), kept for round trips."""

    def __attrs_post_init__(self) -> None:
        for name in (*_FIELDS, "compact_class"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                raise KLCodeError(repr(value), f"the {name.replace('_', ' ')} must be text, got {type(value).__name__}")
        text = self.display or self._canonical()
        present = [level for level in _ORDER if self.segment(level) is not None]
        if not present and self.compact_class is None:
            raise KLCodeError(text, "a K/L code needs at least one segment")
        for level in present:
            value = self.segment(level)
            if not isinstance(value, str) or not _PATTERNS[level].match(value):
                raise KLCodeError(text, f"the {level.label} {value!r} is not {_SHAPES[level]}")
        if self.compact_class is not None:
            if not isinstance(self.compact_class, str) or not re.fullmatch(r"[A-Z]{2}", self.compact_class):
                raise KLCodeError(text, f"the compact KRO letters {self.compact_class!r} are not 2 letters")
            if self.output_class is not None or self.output is None:
                raise KLCodeError(text, "compact KRO letters stand in for a missing KRO and need an RO")
        filled = {lv.depth for lv in present}
        if self.compact_class is not None:
            filled.add(KLLevel.OUTPUT_CLASS.depth)
        if max(filled) - min(filled) + 1 != len(filled):
            gap = next(lv for lv in _ORDER[min(filled) : max(filled)] if lv.depth not in filled)
            raise KLCodeError(text, f"the segments must be contiguous, but the {gap.label} is missing")

    # -- reading -----------------------------------------------------------------------------------
    @classmethod
    def parse(cls, text: str, *, within: KLCode | str | None = None, level: KLLevel | None = None) -> KLCode:
        """Read a code in any spelling (see the module docs); raise :class:`KLCodeError` otherwise.

        ``within`` is the parent code (or a code above it) the text was found under: the missing
        upper segments are taken from it, and segments present in both must agree. ``level`` names
        the level of the code when the text alone is ambiguous (``"002"`` may be a bagian anggaran,
        an RO or a komponen).
        """
        if not isinstance(text, str):
            raise KLCodeError(repr(text), f"expected text, got {type(text).__name__}")
        context = cls.parse(within) if isinstance(within, str) else within
        readings = _readings(text)
        if context is not None:
            placed: list[KLCode] = []
            reasons: list[str] = []
            for reading in readings:
                try:
                    placed.append(_place(reading, context, text))
                except KLCodeError as exc:
                    reasons.append(exc.reason)
            if not placed and reasons:
                raise KLCodeError(text, reasons[0])
            readings = placed
        if level is not None:
            readings = [r for r in readings if r.level is level]
            if not readings:
                raise KLCodeError(text, f"it cannot be read as a {level.label} code")
        if len(readings) > 1:
            labels = [r.level.label for r in readings]
            options = ", ".join(labels[:-1]) + " or " + labels[-1]
            raise KLCodeError(
                text, f"ambiguous: it may be a {options}; give its parent (within=) or its level (level=)"
            )
        return attrs.evolve(readings[0], display=text.strip())

    @classmethod
    def split_name(cls, text: str) -> tuple[KLCode | None, str]:
        """Split ``"(WA) PROGRAM DUKUNGAN MANAJEMEN"`` or ``"WA.1090 | Dukungan …"`` into code and name.

        The code is the first word (or the parenthesised head); the rest, without a leading
        ``|``, ``-`` or ``:``, is the name. Returns ``(None, text)`` when the first word is not a
        code, so only use it on cells known to start with a code.

        >>> code, name = KLCode.split_name("WA | Program Dukungan Manajemen")
        >>> str(code), name
        ('WA', 'Program Dukungan Manajemen')
        """
        match = re.match(r"\s*(\([^)\s]+\)|[^\s|:]+)\s*[|:\-–]?\s*(.*)\Z", text, re.S)
        if not match:
            return None, text.strip()
        try:
            code = cls.parse(match.group(1))
        except KLCodeError:
            return None, text.strip()
        return code, match.group(2).strip()

    def child(self, text: str, *, level: KLLevel | None = None) -> KLCode:
        """A code read under this one: ``KLCode.parse(text, within=self)``."""
        return KLCode.parse(text, within=self, level=level)

    # -- structure ---------------------------------------------------------------------------------
    def segment(self, level: KLLevel) -> str | None:
        """The segment of ``level``, or ``None``."""
        value: str | None = getattr(self, _FIELD_OF[level])
        return value

    def segments(self) -> Mapping[KLLevel, str]:
        """The segments present, top down (a compact RO's KRO letters are not a segment)."""
        return {lv: v for lv in _ORDER if (v := self.segment(lv)) is not None}

    @property
    def level(self) -> KLLevel:
        """The level of the code: that of its lowest segment."""
        return next(lv for lv in reversed(_ORDER) if self.segment(lv) is not None)

    @property
    def top(self) -> KLLevel:
        """The highest level present (``BUDGET_SECTION`` for an anchored code)."""
        depths = [lv.depth for lv in self.segments()]
        if self.compact_class is not None:
            depths.append(KLLevel.OUTPUT_CLASS.depth)
        return _ORDER[min(depths)]

    @property
    def is_anchored(self) -> bool:
        """True when the code starts at its bagian anggaran and names its KRO (it has a :attr:`key`)."""
        return self.budget_section is not None and self.compact_class is None

    @property
    def key(self) -> str:
        """The canonical key ``BA.unit.program.kegiatan.KRO.RO[.komponen[.sub komponen[.akun]]]``.

        Only anchored codes have one; a scoped code raises :class:`KLCodeError` saying what is missing.
        """
        if self.compact_class is not None:
            raise KLCodeError(
                self.display or str(self),
                f"the compact RO {self.compact_class}{self.output} does not name its KRO; "
                "parse it within its KRO to get a key",
            )
        if self.budget_section is None:
            raise KLCodeError(
                self.display or str(self),
                f"a code starting at the {self.top.label} is scoped to its parent, not a global key; "
                "parse it within its parent code",
            )
        return self._canonical()

    @property
    def parent(self) -> KLCode | None:
        """The code one level up, or ``None`` when nothing is left above this level."""
        if len(self.segments()) <= 1:
            return None
        changes: dict[str, None] = {_FIELD_OF[self.level]: None}
        if self.level is KLLevel.OUTPUT:
            changes["compact_class"] = None
        return attrs.evolve(self, display=None, **changes)

    def ancestor(self, level: KLLevel) -> KLCode:
        """The code at ``level`` (which must be present) with the segments above it."""
        if self.segment(level) is None:
            raise KLCodeError(str(self), f"it has no {level.label} segment")
        keep = {_FIELD_OF[lv]: None for lv in _ORDER if lv.depth > level.depth}
        if level.depth < KLLevel.OUTPUT.depth:
            keep["compact_class"] = None
        return attrs.evolve(self, display=None, **keep)

    def is_within(self, other: KLCode) -> bool:
        """True when ``other`` is this code or one of its ancestors: every segment of ``other`` is in this one."""
        if other.level.depth > self.level.depth or other.compact_class not in (None, self.compact_class):
            return False
        return all(self.segment(lv) == value for lv, value in other.segments().items())

    @property
    def is_operational_output(self) -> bool:
        """RO ``994`` Layanan Perkantoran: belanja operasional (``SUFIKS_OUTPUT_OPERASIONAL='.994'``)."""
        return self.output == "994"

    def _canonical(self) -> str:
        parts: list[str] = []
        for lv in _ORDER:
            value = self.segment(lv)
            if lv is KLLevel.OUTPUT and self.compact_class is not None and value is not None:
                parts.append(f"{self.compact_class}{value}")
            elif value is not None:
                parts.append(value)
        return ".".join(parts)

    def __str__(self) -> str:
        return self._canonical()

    def __repr__(self) -> str:
        return f"KLCode({self._canonical()!r})"


# -- parsing helpers ---------------------------------------------------------------------------------


def _tokens(text: str) -> list[str]:
    stripped = text.strip()
    if stripped.startswith("(") and stripped.endswith(")"):
        stripped = stripped[1:-1].strip()  # printed headers: "(WA)", "(2886)"
    if not stripped:
        raise KLCodeError(text, "the code is empty")
    if any(ch.isspace() for ch in stripped):
        raise KLCodeError(text, "a K/L code has no spaces; its parts are separated by dots")
    tokens = stripped.upper().split(".")
    if any(not t for t in tokens):
        raise KLCodeError(text, "a part between dots is empty")
    return tokens


def _walk(tokens: list[str], start: int) -> tuple[dict[str, str], int]:
    """Assign tokens to levels from ``start`` down; return the assignment and how many tokens fit."""
    values: dict[str, str] = {}
    depth = start
    for count, token in enumerate(tokens):
        if depth >= len(_ORDER):
            return values, count
        level = _ORDER[depth]
        compact = _COMPACT.match(token) if level is KLLevel.OUTPUT_CLASS else None
        if compact:  # "AE002": the KRO's first two letters and the RO number in one part
            values["compact_class"], values["output"] = compact.group(1), compact.group(2)
            depth += 2
            continue
        if not _PATTERNS[level].match(token):
            return values, count
        values[_FIELD_OF[level]] = token
        depth += 1
    return values, len(tokens)


def _readings(text: str) -> list[KLCode]:
    tokens = _tokens(text)
    found: list[KLCode] = []
    best: tuple[int, int] = (-1, 0)  # (tokens matched, start depth) of the best failed reading
    for start in range(len(_ORDER)):
        values, matched = _walk(tokens, start)
        if matched == len(tokens):
            found.append(KLCode(**values))
        elif matched > best[0]:
            best = (matched, start)
    if found:
        return found
    matched, start = best
    if matched <= 0:
        return _fail(text, f"{tokens[0]!r} is not a K/L code part (expected e.g. 022, 12, DL, 3996, AEC, 002)")
    token = tokens[matched]
    depth = start + matched
    previous = _ORDER[depth - 1]
    if depth >= len(_ORDER):
        return _fail(text, f"it has more parts than the K/L chain (nothing comes after the {previous.label})")
    expected = _ORDER[depth]
    return _fail(
        text,
        f"after the {previous.label} {tokens[matched - 1]!r} comes the {expected.label} "
        f"({_SHAPES[expected]}), not {token!r}",
    )


def _fail(text: str, reason: str) -> list[KLCode]:
    raise KLCodeError(text, reason)


def _place(reading: KLCode, context: KLCode, text: str) -> KLCode:
    """Complete ``reading`` with the upper segments of ``context``; they must agree where both have one."""
    start = reading.top.depth
    if start > context.level.depth + 1:
        missing = _ORDER[context.level.depth + 1]
        raise KLCodeError(
            text,
            f"a code starting at the {reading.top.label} needs its {missing.label}; "
            f"the parent {context} stops at the {context.level.label}",
        )
    if start < context.top.depth:
        raise KLCodeError(text, f"it starts above its parent {context} (at the {reading.top.label})")
    if reading.level.depth < context.level.depth:  # "000" read as a bagian anggaran under a KRO
        raise KLCodeError(text, f"as a {reading.level.label} it would sit above its parent {context}")
    values: dict[str, str | None] = {}
    for lv in _ORDER:
        mine, theirs = reading.segment(lv), context.segment(lv)
        if mine is not None and theirs is not None and mine != theirs:
            raise KLCodeError(text, f"its {lv.label} {mine!r} differs from {theirs!r} of the parent {context}")
        values[_FIELD_OF[lv]] = mine if mine is not None else (theirs if lv.depth < start else None)
    compact = reading.compact_class
    if compact is not None and context.output_class is not None:
        if not context.output_class.startswith(compact):
            raise KLCodeError(
                text, f"the compact RO {compact}{reading.output} does not belong to the KRO {context.output_class}"
            )
        values["output_class"] = context.output_class
        compact = None
    if compact is not None and context.compact_class is not None and compact != context.compact_class:
        raise KLCodeError(text, f"its KRO letters {compact} differ from the parent's {context.compact_class}")
    return KLCode(compact_class=compact, **values)


def iter_levels(top: KLLevel = KLLevel.BUDGET_SECTION) -> Iterator[KLLevel]:
    """The levels from ``top`` down to the akun."""
    yield from _ORDER[top.depth :]

"""SIPD sumber dana: funding-source codes and names, read into their parts; renumberings matched by name.

DAK reaches the regions as a *sumber dana* on each sub kegiatan, not as a code tree of its own.
SIPD names encode the parts, separated by hyphens::

    DAK Fisik-Bidang Pendidikan-Reguler-PAUD          jenis - bidang - sub jenis - subbidang
    DAK Non Fisik-Dana BOK-BOK Pkm                    jenis - bidang - subbidang
    DANA KHUSUS-DAK Fisik-Bidang Pendidikan-Reguler-SD   (kelompok first, as SIPD's sumber_dana text)

The codes of the same lines change from year to year (``4.2.1.01.03.0004`` in 2021 data,
``4.2.01.09.01.*`` in 2025 for pendapatan; ``2.2.01.01.03.0001`` for the SIPD kode_dana of
"DAK Fisik-Bidang Pendidikan-Reguler-PAUD"), so sinkron never reads meaning into code positions
and matches one year's list to the next **by name** (:func:`match_renumbered`).

>>> name = FundingName.parse("DAK Fisik-Bidang Pendidikan-Reguler-PAUD")
>>> name.kind, name.area, name.scheme, name.subarea
(<FundingKind.DAK_PHYSICAL: 'dak_fisik'>, 'Pendidikan', 'Reguler', 'PAUD')
"""

from __future__ import annotations

import enum
import re
from collections import defaultdict
from collections.abc import Iterable

import attrs

from sinkron.errors import SinkronError
from sinkron.models._base import to_tuple
from sinkron.names import comparison_key, normalise_name

__all__ = [
    "FundingCode",
    "FundingCodeError",
    "FundingKind",
    "FundingName",
    "Renumbering",
    "RenumberingResult",
    "funding_key",
    "match_renumbered",
]

#: Sub jenis of DAK (the third part of a DAK Fisik name).
SCHEMES = ("Reguler", "Afirmasi", "Penugasan")
_GROUPS = ("dana khusus", "dana umum", "dana transfer khusus", "dana transfer umum")
_BRACKET_GROUP = re.compile(r"^\s*\[([^\]]+)\]\s*-?\s*(.*)\Z", re.S)
_NONFISIK = re.compile(r"non[\s\-]*fisik", re.I)
_KIND = re.compile(r"^(?:DAK|Dana\s+Alokasi\s+Khusus)(?:\s+(Fisik|Non Fisik))?$", re.I)
_CODE = re.compile(r"[0-9]+(?:\.[0-9]+)*\Z")


class FundingCodeError(SinkronError, ValueError):
    """A text is not a SIPD sumber dana code; ``reason`` says why."""

    def __init__(self, text: str, reason: str) -> None:
        self.text = text
        self.reason = reason
        super().__init__(f"invalid sumber dana code {text!r}: {reason}")


class FundingKind(str, enum.Enum):
    """Jenis DAK read from a sumber dana name."""

    DAK_PHYSICAL = "dak_fisik"
    """DAK Fisik."""
    DAK_NON_PHYSICAL = "dak_nonfisik"
    """DAK Non Fisik (BOS, BOK, TPG, …)."""
    DAK = "dak"
    """DAK without saying which (``"Dana Alokasi Khusus"`` alone)."""


@attrs.frozen(kw_only=True)
class FundingCode:
    """A SIPD sumber dana code (``kode_dana``) as its dot-separated parts; no meaning is read into them.

    >>> code = FundingCode.parse("2.2.01.01.03.0001")
    >>> str(code.parent), code.is_within(FundingCode.parse("2.2"))
    ('2.2.01.01.03', True)
    """

    parts: tuple[str, ...] = attrs.field(converter=to_tuple)

    def __attrs_post_init__(self) -> None:
        if not self.parts or not all(isinstance(p, str) and p.isdigit() and p.isascii() for p in self.parts):
            raise FundingCodeError(".".join(map(str, self.parts)), "a sumber dana code is dot-separated digits")

    @classmethod
    def parse(cls, text: str) -> FundingCode:
        """Read ``"2.2.01.01.03.0001"``; raise :class:`FundingCodeError` otherwise."""
        if not isinstance(text, str):
            raise FundingCodeError(repr(text), f"expected text, got {type(text).__name__}")
        stripped = text.strip()
        if not _CODE.match(stripped):
            raise FundingCodeError(text, "a sumber dana code is dot-separated digits such as 2.2.01.01.03.0001")
        return cls(parts=tuple(stripped.split(".")))

    @property
    def parent(self) -> FundingCode | None:
        return FundingCode(parts=self.parts[:-1]) if len(self.parts) > 1 else None

    def is_within(self, other: FundingCode) -> bool:
        """True when ``other`` is this code or a prefix of it."""
        return self.parts[: len(other.parts)] == other.parts

    def __str__(self) -> str:
        return ".".join(self.parts)


@attrs.frozen(kw_only=True)
class FundingName:
    """A sumber dana name split into kelompok, jenis, bidang, sub jenis, subbidang and detail.

    Parts that a name does not have are ``None``; a name that is not DAK keeps its text in
    :attr:`rest`. ``text`` is the name as given.
    """

    text: str
    group: str | None = None
    """Kelompok: ``DANA KHUSUS``, ``DANA UMUM``, ``Dana Transfer Khusus``."""
    kind: FundingKind | None = None
    """DAK Fisik / DAK Non Fisik, or ``None`` for a source that is not DAK."""
    area: str | None = None
    """Bidang (``Pendidikan`` from "Bidang Pendidikan"; ``Dana BOK`` for DAK Non Fisik)."""
    scheme: str | None = None
    """Sub jenis: Reguler, Afirmasi or Penugasan."""
    subarea: str | None = None
    """Subbidang / menu group: ``PAUD``, ``BOK Pkm``, ``Penguatan Sistem Kesehatan``."""
    detail: str | None = None
    """Any further parts, joined with ``-`` (``BOK Kabupaten/Kota``)."""
    rest: str | None = None
    """For a source that is not DAK: the name after its kelompok."""

    @property
    def is_dak(self) -> bool:
        return self.kind is not None

    @classmethod
    def parse(cls, name: str, *, kind: FundingKind | None = None) -> FundingName:
        """Split a SIPD sumber dana name. ``kind`` supplies the jenis a name leaves out (the children
        of "Dana Alokasi Khusus Non Fisik" are named "BOS Reguler", "Dana BOK-BOK Dinas-…").

        >>> FundingName.parse("[DANA UMUM] - PENDAPATAN ASLI DAERAH (PAD)").rest
        'PENDAPATAN ASLI DAERAH (PAD)'
        >>> FundingName.parse("DAK Non Fisik-Dana BOK-BOK Pkm").subarea
        'BOK Pkm'
        """
        text = normalise_name(name)
        group: str | None = None
        body = text
        bracket = _BRACKET_GROUP.match(body)
        if bracket:
            group, body = bracket.group(1).strip(), bracket.group(2).strip()
        body = _NONFISIK.sub("Non Fisik", body)
        parts = [p.strip() for p in body.split("-") if p.strip()]
        if group is None and parts and parts[0].casefold() in _GROUPS:
            group = parts.pop(0)
        found_kind = kind
        if parts and (match := _KIND.match(parts[0])):
            parts.pop(0)
            written = (match.group(1) or "").casefold()
            found_kind = (
                FundingKind.DAK_PHYSICAL
                if written == "fisik"
                else FundingKind.DAK_NON_PHYSICAL
                if written == "non fisik"
                else (kind or FundingKind.DAK)
            )
        if found_kind is None:
            return cls(text=name, group=group, rest="-".join(parts) or None)
        area = re.sub(r"^Bidang\s+", "", parts.pop(0), flags=re.I) if parts else None
        scheme = None
        if parts and parts[0].casefold() in {s.casefold() for s in SCHEMES}:
            written_scheme = parts.pop(0).casefold()
            scheme = next(s for s in SCHEMES if s.casefold() == written_scheme)
        subarea = parts.pop(0) if parts else None
        return cls(
            text=name,
            group=group,
            kind=found_kind,
            area=area,
            scheme=scheme,
            subarea=subarea,
            detail="-".join(parts) or None,
        )

    @property
    def key(self) -> str:
        """The name compared across years: without its kelompok, case, spacing and punctuation."""
        if self.kind is None:
            return comparison_key(self.rest or "")
        kind = {FundingKind.DAK_PHYSICAL: "dakfisik", FundingKind.DAK_NON_PHYSICAL: "daknonfisik"}.get(self.kind, "dak")
        pieces = [self.area, self.scheme, self.subarea, self.detail]
        return kind + "|" + "|".join(comparison_key(p) if p else "" for p in pieces)


def funding_key(name: str, *, kind: FundingKind | None = None) -> str:
    """The comparison key of a sumber dana name (see :attr:`FundingName.key`)."""
    return FundingName.parse(name, kind=kind).key


@attrs.frozen(kw_only=True)
class Renumbering:
    """One sumber dana found in both lists: its old code, its new code and the name that matched."""

    old_code: str
    new_code: str
    name: str


@attrs.frozen(kw_only=True)
class RenumberingResult:
    """The outcome of :func:`match_renumbered`: matches and everything that did not match, nothing dropped."""

    matches: tuple[Renumbering, ...] = ()
    unmatched_old: tuple[tuple[str, str], ...] = ()
    """(code, name) of the old list with no new entry of the same name."""
    unmatched_new: tuple[tuple[str, str], ...] = ()
    ambiguous: tuple[tuple[str, str], ...] = ()
    """(code, name) of entries whose name occurs more than once in a list, so no pairing is safe."""

    @property
    def changed(self) -> tuple[Renumbering, ...]:
        """Matches whose code changed."""
        return tuple(m for m in self.matches if m.old_code != m.new_code)


def match_renumbered(
    old: Iterable[tuple[str, str]], new: Iterable[tuple[str, str]], *, kind: FundingKind | None = None
) -> RenumberingResult:
    """Pair the (code, name) entries of two years' sumber dana lists by name, never by code.

    >>> result = match_renumbered(
    ...     [("4.2.1.01.03.0004", "DAK Fisik-Bidang Pendidikan-Reguler-SMA")],
    ...     [("4.2.01.09.01.0004", "DANA KHUSUS-DAK Fisik-Bidang  Pendidikan-Reguler-SMA")])
    >>> [(m.old_code, m.new_code) for m in result.matches]
    [('4.2.1.01.03.0004', '4.2.01.09.01.0004')]
    """
    old_by: dict[str, list[tuple[str, str]]] = defaultdict(list)
    new_by: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for code, name in old:
        old_by[funding_key(name, kind=kind)].append((code, name))
    for code, name in new:
        new_by[funding_key(name, kind=kind)].append((code, name))
    matches: list[Renumbering] = []
    unmatched_old: list[tuple[str, str]] = []
    unmatched_new: list[tuple[str, str]] = []
    ambiguous: list[tuple[str, str]] = []
    for key, entries in old_by.items():
        partners = new_by.get(key, [])
        if len(entries) > 1 or len(partners) > 1:
            ambiguous.extend(entries)
            ambiguous.extend(partners)
        elif partners:
            matches.append(Renumbering(old_code=entries[0][0], new_code=partners[0][0], name=entries[0][1]))
        else:
            unmatched_old.extend(entries)
    for key, entries in new_by.items():
        if key not in old_by:
            if len(entries) > 1:
                ambiguous.extend(entries)
            else:
                unmatched_new.extend(entries)
    return RenumberingResult(
        matches=tuple(matches),
        unmatched_old=tuple(unmatched_old),
        unmatched_new=tuple(unmatched_new),
        ambiguous=tuple(ambiguous),
    )

"""Comparing nomenclature names the way a planner reads them.

Real names differ in ways that do not change their meaning: case, runs of spaces and line
breaks from PDF copies (``"Koordinasi Penyelenggaraan Kegiatan\\n\\nPemerintahan"``), spaces
around punctuation (``"RKA- SKPD"``), words written together or apart (``"Nonformal"`` /
``"Non Formal"``, ``"Pascabencana"`` / ``"Pasca Bencana"``), common abbreviations
(``"Perda"`` / ``"Peraturan Daerah"``) and small misspellings (``"Mebel"`` / ``"Mebeluer"``).
Those pairs come from SIPD ↔ FMIS name mappings (wp-sipd ``mapping/*.txt``).

:func:`compare_names` returns a :class:`NameMatch`: ``EXACT`` (same after collapsing whitespace),
``VARIANT`` (a tolerated variant, with a score) or ``DIFFERENT``.
"""

from __future__ import annotations

import enum
import re
import unicodedata

import attrs
from rapidfuzz import fuzz

__all__ = ["NameMatch", "NameMatchKind", "compare_names", "comparison_key", "normalise_name", "tokens"]

#: Abbreviations expanded before comparing (lower case, whole words).
ABBREVIATIONS: dict[str, str] = {
    "perda": "peraturan daerah",
    "perkada": "peraturan kepala daerah",
    "perbup": "peraturan bupati",
    "perwali": "peraturan wali kota",
    "pergub": "peraturan gubernur",
    "kab": "kabupaten",
    "kab.": "kabupaten",
    "prov": "provinsi",
    "prov.": "provinsi",
    "kec": "kecamatan",
    "kec.": "kecamatan",
    "pemda": "pemerintah daerah",
    "opd": "perangkat daerah",
    "skpd": "satuan kerja perangkat daerah",
    "yg": "yang",
    "dgn": "dengan",
    "thd": "terhadap",
    "&": "dan",
    "serta": "dan",
}

#: Minimum similarity (0–100) of two comparison keys for a name to count as a variant.
VARIANT_THRESHOLD = 90.0

#: Region-level qualifiers a name may carry or drop ("… DAERAH KABUPATEN/KOTA" / "… DAERAH").
_REGION_SUFFIXES = ("kabupatenkota", "kabupaten", "kota", "provinsi")

_WS = re.compile(r"\s+")
_TOKEN = re.compile(r"[0-9a-z]+\.?|&")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def normalise_name(text: str) -> str:
    """Collapse whitespace (line breaks, tabs, runs of spaces) and trim; keep case and punctuation.

    >>> normalise_name("Koordinasi Penyelenggaraan Kegiatan\\n\\nPemerintahan  di Tingkat Kecamatan ")
    'Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan'
    """
    return _WS.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def tokens(text: str) -> list[str]:
    """Lower-case words with abbreviations expanded (``"Perda"`` → ``peraturan``, ``daerah``)."""
    lowered = unicodedata.normalize("NFKC", text).casefold()
    out: list[str] = []
    for token in _TOKEN.findall(lowered):
        expansion = ABBREVIATIONS.get(token) or ABBREVIATIONS.get(token.rstrip("."))
        if expansion:
            out.extend(expansion.split())
        else:
            out.append(token.rstrip("."))
    return out


def comparison_key(text: str) -> str:
    """Letters and digits only, lower case, abbreviations expanded: the form names are compared in.

    >>> comparison_key("Pendidikan Non Formal / Kesetaraan") == comparison_key("Pendidikan Nonformal/Kesetaraan")
    True
    """
    return _NON_ALNUM.sub("", "".join(tokens(text)))


class NameMatchKind(str, enum.Enum):
    """How two names compare."""

    EXACT = "exact"
    VARIANT = "variant"
    DIFFERENT = "different"


@attrs.frozen
class NameMatch:
    """The result of :func:`compare_names`; ``score`` is 0–1 (1 for the same key)."""

    kind: NameMatchKind
    score: float

    @property
    def matches(self) -> bool:
        """True for EXACT and VARIANT."""
        return self.kind is not NameMatchKind.DIFFERENT


def _without_region_suffix(key: str) -> str:
    for suffix in _REGION_SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix) + 10:
            return key[: -len(suffix)]
    return key


def compare_names(found: str, expected: str, *, threshold: float = VARIANT_THRESHOLD) -> NameMatch:
    """Compare a name from the data with the official one.

    >>> compare_names("Pengadaan Mebel Sekolah", "Pengadaan Mebeluer Sekolah").kind
    <NameMatchKind.VARIANT: 'variant'>
    >>> compare_names("PROGRAM INFORMASI DAN KOMUNIKASI PUBLIK", "PROGRAM APLIKASI INFORMATIKA").kind
    <NameMatchKind.DIFFERENT: 'different'>
    """
    if normalise_name(found) == normalise_name(expected):
        return NameMatch(NameMatchKind.EXACT, 1.0)
    a, b = comparison_key(found), comparison_key(expected)
    if a == b or _without_region_suffix(a) == _without_region_suffix(b):
        return NameMatch(NameMatchKind.VARIANT, 1.0)
    score = fuzz.ratio(a, b)
    if score >= threshold:
        return NameMatch(NameMatchKind.VARIANT, round(score / 100, 4))
    return NameMatch(NameMatchKind.DIFFERENT, round(score / 100, 4))

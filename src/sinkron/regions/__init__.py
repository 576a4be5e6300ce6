"""The 552 regional governments of Indonesia: 38 provinces and 514 kabupaten/kota, by kode wilayah.

The list ships with sinkron (``data/provinsi_kabkota_2025.csv``, Kepmendagri 300.2.2-2138/2025; source
and licence in ``data/SOURCES.md``). Each entry is a :class:`~sinkron.models.Government` whose id is
its Kemendagri region code (kode wilayah): ``62`` for Provinsi Kalimantan Tengah, ``62.71`` for Kota
Palangkaraya; a kabupaten/kota has its province as ``parent_id``.

>>> from sinkron.regions import government, governments
>>> len(governments())
552
>>> government("62.71").name
'Kota Palangkaraya'
>>> government("62").name
'Provinsi Kalimantan Tengah'
>>> [g.name for g in search_governments("kotawaringin")]
['Kabupaten Kotawaringin Barat', 'Kabupaten Kotawaringin Timur']
"""

from __future__ import annotations

import csv
import functools
import io
from importlib import resources

from rapidfuzz import fuzz

from sinkron.errors import SinkronError
from sinkron.models.organisations import Government, GovernmentLevel
from sinkron.names import comparison_key

__all__ = [
    "REGULATION",
    "UnknownRegion",
    "government",
    "governments",
    "region_label",
    "search_governments",
]

REGULATION = "Kepmendagri 300.2.2-2138/2025"
"""The decision the shipped region codes and names follow."""

_DATA = "provinsi_kabkota_2025.csv"
_LEVELS = {"provinsi": GovernmentLevel.PROVINCE, "kabupaten": GovernmentLevel.REGENCY, "kota": GovernmentLevel.CITY}
#: A search matches names that hold the query (level words aside), or are this similar to it (0–100).
_SIMILAR = 80.0


class UnknownRegion(SinkronError, LookupError):
    """A kode wilayah that is not one of the 552 regional governments of the shipped list."""

    def __init__(self, code: str, hint: str | None = None) -> None:
        self.code = code
        self.hint = hint
        message = f"kode wilayah {code!r} is not a province or kabupaten/kota of {REGULATION}"
        super().__init__(f"{message}; {hint}" if hint else message)


@functools.cache
def governments() -> tuple[Government, ...]:
    """The 38 provinces and 514 kabupaten/kota, in the order of their codes (each province before its own).

    A province is named ``Provinsi …`` (the list names it by the region alone: ``Kalimantan Tengah``).
    """
    text = resources.files("sinkron.regions").joinpath("data").joinpath(_DATA).read_text(encoding="utf-8")
    out: list[Government] = []
    for row in csv.DictReader(io.StringIO(text)):
        level = _LEVELS[row["tingkat"]]
        province = level is GovernmentLevel.PROVINCE
        out.append(
            Government(
                level=level,
                name=f"Provinsi {row['nama']}" if province else row["nama"],
                region_code=row["kode"],
                parent_id=None if province else row["kode_provinsi"],
            )
        )
    return tuple(out)


_LEVEL_WORDS = (
    ("provinsi", GovernmentLevel.PROVINCE),
    ("kabupaten", GovernmentLevel.REGENCY),
    ("kota", GovernmentLevel.CITY),
)


def _split_level(key: str) -> tuple[GovernmentLevel | None, str]:
    """The level a name's comparison key starts with (``kabupaten``…) and the rest: names are compared
    without it, so that every ``Kabupaten …`` does not look alike."""
    for word, level in _LEVEL_WORDS:
        if key.startswith(word) and len(key) > len(word):
            return level, key[len(word) :]
    return None, key


@functools.cache
def _by_code() -> dict[str, Government]:
    return {g.id: g for g in governments()}


def _normal_code(code: str) -> str:
    """``"6271"`` (the four-digit form BPS tables use) and ``" 62.71 "`` as ``"62.71"``."""
    text = code.strip()
    if len(text) == 4 and text.isdigit():
        return f"{text[:2]}.{text[2:]}"
    return text


def government(code: str) -> Government:
    """The government of a kode wilayah (``"62"``, ``"62.71"``, or the four-digit ``"6271"``).

    Raises :class:`UnknownRegion` for a code that is none of the 552.

    >>> government("6271").id
    '62.71'
    >>> government("62.99")
    Traceback (most recent call last):
    ...
    sinkron.regions.UnknownRegion: kode wilayah '62.99' is not a province or kabupaten/kota of Kepmendagri 300.2.2-2138/2025; Provinsi Kalimantan Tengah has 62.01 to 62.71
    """
    normal = _normal_code(code)
    found = _by_code().get(normal)
    if found is not None:
        return found
    province = _by_code().get(normal[:2])
    hint = None
    if province is not None and normal != province.id:
        own = [g.id for g in governments() if g.parent_id == province.id]
        hint = f"{province.name} has {own[0]} to {own[-1]}" if own else None
    raise UnknownRegion(code, hint)


def region_label(code: str) -> str:
    """The name of a kode wilayah for a message: ``"Kabupaten Kotawaringin Timur"``; the code itself when it
    is not one of the 552 (a kecamatan code, a typo), so that nothing is hidden.

    >>> region_label("62.02"), region_label("62.02.01")
    ('Kabupaten Kotawaringin Timur', '62.02.01')
    """
    found = _by_code().get(_normal_code(code))
    return found.name if found is not None else code


def search_governments(
    text: str, *, level: GovernmentLevel | None = None, province: str | None = None, limit: int | None = None
) -> list[Government]:
    """Governments whose name holds ``text`` (case, spacing and ``Kab.``/``Prov.`` abbreviations aside),
    or is close to it (a misspelling), best first; optionally of one ``level`` or under one ``province``.

    >>> [g.id for g in search_governments("Palangka Raya")]
    ['62.71']
    >>> [g.name for g in search_governments("kota bogor")]
    ['Kota Bogor', 'Kabupaten Bogor']
    >>> [g.name for g in search_governments("Kotawaringn Timur")]  # a misspelling
    ['Kabupaten Kotawaringin Timur']
    >>> [g.name for g in search_governments("Kab. Kapuas", level=GovernmentLevel.REGENCY)]
    ['Kabupaten Kapuas', 'Kabupaten Kapuas Hulu']
    """
    query_level, query = _split_level(comparison_key(text))
    scored: list[tuple[float, str, Government]] = []
    for candidate in governments():
        if level is not None and candidate.level is not level:
            continue
        if province is not None and province not in (candidate.id, candidate.parent_id):
            continue
        key = _split_level(comparison_key(candidate.name))[1]
        if not query:
            score = 0.0
        elif query in key:
            score = 200.0 - (len(key) - len(query)) / max(len(key), 1)
        else:
            score = fuzz.ratio(query, key)
            if score < _SIMILAR:
                continue
        if query_level is not None and candidate.level is query_level:
            score += 1.0  # "Kota Bogor" before "Kabupaten Bogor"
        scored.append((-score, candidate.id, candidate))
    scored.sort(key=lambda item: (item[0], item[1]))
    found = [candidate for _, _, candidate in scored]
    return found[:limit] if limit is not None else found

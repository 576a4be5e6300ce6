"""The Kemendagri nomenclature of regional government affairs, versioned.

``default_nomenclature()`` returns the shipped catalogue — the kabupaten/kota list of (probably)
Kepmendagri 900.1.15.5-1317/2023, see ``data/SOURCES.md`` — loaded on first use, so importing
sinkron stays fast. Apply newer change lists with :meth:`Nomenclature.with_change_file` or
:meth:`Nomenclature.with_changes`. Import the list a region really uses (a SIPD master export, a
Kodefikasi workbook, a change table on top of a base) with :func:`import_nomenclature`, keep it with
:func:`store_nomenclature` and load it by name with :func:`load_nomenclature` (see ``docs/nomenclature.md``).
sinkron stays fast. ``provincial_nomenclature()`` returns the shipped provincial list (SIPD-RI's
sub kegiatan list for planning year 2027, provincial rows; see ``data/SOURCES.md``), which provincial
plans and provincial-variant codes (kegiatan digit ``1``) are read and checked against.
"""

from __future__ import annotations

import datetime as dt
import functools
from importlib import resources

from sinkron.codes import KABKOTA_VARIANT, PROVINCIAL_VARIANT, Code
from sinkron.names import NameMatch, NameMatchKind, compare_names, comparison_key, normalise_name
from sinkron.nomenclature.catalogue import (
    Change,
    ChangeKind,
    CodeState,
    CodeStatus,
    Entry,
    Nomenclature,
    SearchHit,
    Version,
    read_change_list,
)
from sinkron.nomenclature.importing import (
    GOVERNMENT_LEVELS,
    SourceKind,
    build_nomenclature,
    detect_kind,
    import_nomenclature,
    read_kodefikasi,
    read_sipd_master,
)
from sinkron.nomenclature.store import (
    SHIPPED,
    StoredCatalogue,
    UnknownCatalogue,
    catalogue_home,
    load_nomenclature,
    remove_nomenclature,
    store_nomenclature,
    stored_nomenclatures,
)

__all__ = [
    "BASE_VERSION",
    "GOVERNMENT_LEVELS",
    "KABKOTA_SCOPE",
    "PROVINCIAL_SCOPE",
    "PROVINCIAL_VERSION",
    "SHIPPED",
    "SHIPPED_NAME",
    "Change",
    "ChangeKind",
    "CodeState",
    "CodeStatus",
    "Entry",
    "NameMatch",
    "NameMatchKind",
    "Nomenclature",
    "SearchHit",
    "SourceKind",
    "StoredCatalogue",
    "UnknownCatalogue",
    "Version",
    "build_nomenclature",
    "catalogue_home",
    "compare_names",
    "comparison_key",
    "default_nomenclature",
    "detect_kind",
    "import_nomenclature",
    "is_provincial",
    "list_for_code",
    "load_nomenclature",
    "normalise_name",
    "provincial_nomenclature",
    "read_change_list",
    "read_kodefikasi",
    "read_sipd_master",
    "remove_nomenclature",
    "store_nomenclature",
    "stored_nomenclatures",
]

PROVINCIAL_SCOPE = "provinsi"
"""The ``Version.scope`` of a provincial list (the kegiatan of a provincial list carry variant digit ``1``)."""
KABKOTA_SCOPE = "kabupaten/kota"
"""The ``Version.scope`` of a kabupaten/kota list (variant digit ``2``), the shipped default."""

#: The version of the shipped list.
BASE_VERSION = Version(
    id="kepmendagri-900.1.15.5-1317-2023",
    regulation="Kepmendagri 900.1.15.5-1317/2023",
    effective_year=2024,
    enacted=dt.date(2023, 6, 23),
    scope=KABKOTA_SCOPE,
    note=(
        "Probable: the upstream file (allweDepth/sesendok 'Sub keg 900.xlsx', 2024-02-15) names only '900' "
        "and predates Kepmendagri 900.1.15.5-3406/2024."
    ),
)

#: How messages name the shipped list: what it (probably) is, and that it came with sinkron.
SHIPPED_NAME = f"{BASE_VERSION.regulation} (shipped)"  # as _shipped names it

#: The version of the shipped provincial list: a SIPD-RI export, not one decision.
PROVINCIAL_VERSION = Version(
    id="sipd-ri-2027-provinsi",
    regulation="SIPD-RI nomenklatur sub kegiatan provinsi, versi pemutakhiran 2027 (ekspor 2026-01-23)",
    effective_year=2027,
    scope=PROVINCIAL_SCOPE,
    note=(
        "The provincial rows of SIPD-RI's sub kegiatan list for planning year 2027, exported 2026-01-23 "
        "(allweDepth/sesendok). It names no Kepmendagri: it follows 900.1.15.5-3406/2024 and predates 900.1-861/2026."
    ),
)

_DATA_FILE = "kepmendagri_900_1317_2023_kabkota.csv"
_PROVINCIAL_DATA_FILE = "sipd_2027_provinsi.csv"


def _shipped(version: Version, file_name: str) -> Nomenclature:
    from sinkron.nomenclature.catalogue import _read_entries

    data = resources.files("sinkron.nomenclature").joinpath("data").joinpath(file_name)
    with data.open(encoding="utf-8") as handle:
        return Nomenclature(version, list(_read_entries(handle, file_name)), name=f"{version.regulation} (shipped)")


@functools.lru_cache(maxsize=1)
def default_nomenclature() -> Nomenclature:
    """The shipped kabupaten/kota catalogue, loaded once on first use."""
    return _shipped(BASE_VERSION, _DATA_FILE)


@functools.lru_cache(maxsize=1)
def provincial_nomenclature() -> Nomenclature:
    """The shipped provincial catalogue (:data:`PROVINCIAL_VERSION`), loaded once on first use.

    >>> entry = provincial_nomenclature().lookup("1.01.02.1.01.0001")
    >>> entry.name, entry.satuan
    ('Pembangunan USB (Unit Sekolah Baru)', 'Unit')
    """
    return _shipped(PROVINCIAL_VERSION, _PROVINCIAL_DATA_FILE)


def is_provincial(nomenclature: Nomenclature) -> bool:
    """True when the catalogue is a provincial list (its base version's scope names ``provinsi``)."""
    return PROVINCIAL_SCOPE in nomenclature.versions[0].scope.lower()


def list_for_code(nomenclature: Nomenclature, code: Code) -> Nomenclature:
    """The catalogue that lists ``code``: ``nomenclature`` itself, unless the code's kegiatan variant belongs
    to the other level of government.

    A provincial-variant code (kegiatan digit ``1``) met with a kabupaten/kota catalogue is looked up in
    the shipped provincial list, and a kab/kota-variant code (digit ``2``) met with a provincial catalogue
    in the shipped kab/kota list. Readers and writers use it to name the items of either level;
    the alignment rules choose per plan (``docs/rules.md``).

    >>> str(list_for_code(default_nomenclature(), Code.parse("1.01.02.1.01")).versions[0].scope)
    'provinsi'
    >>> list_for_code(default_nomenclature(), Code.parse("1.02.02.2.02")) is default_nomenclature()
    True
    """
    variant = code.variant
    provincial = is_provincial(nomenclature)
    if variant == PROVINCIAL_VARIANT and not provincial:
        return provincial_nomenclature()
    if variant == KABKOTA_VARIANT and provincial:
        return default_nomenclature()
    return nomenclature

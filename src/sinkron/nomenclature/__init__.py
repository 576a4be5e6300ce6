"""The Kemendagri nomenclature of regional government affairs, versioned.

``default_nomenclature()`` returns the shipped catalogue — the kabupaten/kota list of (probably)
Kepmendagri 900.1.15.5-1317/2023, see ``data/SOURCES.md`` — loaded on first use, so importing
sinkron stays fast. Apply newer change lists with :meth:`Nomenclature.with_change_file` or
:meth:`Nomenclature.with_changes`. Import the list a region really uses (a SIPD master export, a
Kodefikasi workbook, a change table on top of a base) with :func:`import_nomenclature`, keep it with
:func:`store_nomenclature` and load it by name with :func:`load_nomenclature` (see ``docs/nomenclature.md``).
"""

from __future__ import annotations

import datetime as dt
import functools
from importlib import resources

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
    "load_nomenclature",
    "normalise_name",
    "read_change_list",
    "read_kodefikasi",
    "read_sipd_master",
    "remove_nomenclature",
    "store_nomenclature",
    "stored_nomenclatures",
]

#: The version of the shipped list.
BASE_VERSION = Version(
    id="kepmendagri-900.1.15.5-1317-2023",
    regulation="Kepmendagri 900.1.15.5-1317/2023",
    effective_year=2024,
    enacted=dt.date(2023, 6, 23),
    scope="kabupaten/kota",
    note=(
        "Probable: the upstream file (allweDepth/sesendok 'Sub keg 900.xlsx', 2024-02-15) names only '900' "
        "and predates Kepmendagri 900.1.15.5-3406/2024."
    ),
)

#: How messages name the shipped list: what it (probably) is, and that it came with sinkron.
SHIPPED_NAME = f"{BASE_VERSION.regulation} (shipped)"

_DATA_FILE = "kepmendagri_900_1317_2023_kabkota.csv"


@functools.lru_cache(maxsize=1)
def default_nomenclature() -> Nomenclature:
    """The shipped catalogue, loaded once on first use."""
    from sinkron.nomenclature.catalogue import _read_entries

    data = resources.files("sinkron.nomenclature").joinpath("data").joinpath(_DATA_FILE)
    with data.open(encoding="utf-8") as handle:
        return Nomenclature(BASE_VERSION, list(_read_entries(handle, _DATA_FILE)), name=SHIPPED_NAME)

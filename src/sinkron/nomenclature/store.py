"""Where imported nomenclature catalogues are kept: a folder per catalogue in the user's data folder.

The folder is ``$SINKRON_HOME/nomenclature`` when ``SINKRON_HOME`` is set, else the platform's user data
folder: ``$XDG_DATA_HOME/sinkron`` (``~/.local/share/sinkron``) on Linux and other Unix systems,
``~/Library/Application Support/sinkron`` on macOS, ``%APPDATA%\\sinkron`` on Windows — each followed by
``nomenclature/``. A catalogue's folder holds ``catalogue.json`` (its name, what the list is, its scope,
the declared years, the source it was imported from), ``entries.csv`` (the base list, in the columns of
:meth:`Nomenclature.from_csv`) and ``changes.csv`` (its change lists, in the change-list format), so a
stored catalogue can be read, diffed and versioned like any other file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from sinkron.atomic import write_atomic
from sinkron.errors import Location, SinkronError, SourceError
from sinkron.nomenclature.catalogue import Entry, Nomenclature, Version, _read_entries, read_change_list
from sinkron.nomenclature.importing import _slug

__all__ = [
    "SHIPPED",
    "StoredCatalogue",
    "UnknownCatalogue",
    "catalogue_home",
    "load_nomenclature",
    "remove_nomenclature",
    "store_nomenclature",
    "stored_nomenclatures",
]

#: The name that always means the list shipped with sinkron.
SHIPPED = "shipped"
_FORMAT = 1
_ENTRY_COLUMNS = ("kode", "nomenklatur", "kinerja", "indikator", "satuan", "keterangan")
_CHANGE_COLUMNS = (
    "regulation",
    "effective_year",
    "change",
    "code",
    "replacement",
    "nomenklatur",
    "kinerja",
    "indikator",
    "satuan",
    "keterangan",
)


class UnknownCatalogue(SinkronError, LookupError):
    """No catalogue of that name is stored."""


@attrs.frozen(kw_only=True)
class StoredCatalogue:
    """What ``catalogue.json`` says of a stored catalogue."""

    name: str
    path: Path
    regulation: str
    scope: str
    effective_year: int
    declared_years: tuple[int, int | None] | None
    versions: tuple[str, ...]
    """The regulations of its change lists, in order."""
    entries: int
    source: str | None
    imported: str | None
    """When it was stored (ISO 8601, UTC)."""


def catalogue_home() -> Path:
    """The folder imported catalogues are kept in (see the module docstring)."""
    home = os.environ.get("SINKRON_HOME", "").strip()
    if home:
        return Path(home).expanduser() / "nomenclature"
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", "").strip() or Path.home() / ".local" / "share")
    return base / "sinkron" / "nomenclature"


def _folder(name: str, home: Path | None) -> Path:
    return (home or catalogue_home()) / _slug(name)


def store_nomenclature(
    nomenclature: Nomenclature, *, source: str | None = None, replace: bool = False, home: Path | None = None
) -> Path:
    """Keep ``nomenclature`` under its name; the folder it was written to.

    A catalogue of that name already stored is an error unless ``replace``.
    """
    if _slug(nomenclature.name) == SHIPPED:
        raise SinkronError(f"{SHIPPED!r} names the list shipped with sinkron; choose another name")
    folder = _folder(nomenclature.name, home)
    if (folder / "catalogue.json").exists() and not replace:
        raise SinkronError(
            f"a catalogue named {nomenclature.name!r} is already stored in {folder}; replace it on purpose (replace=True, --replace)"
        )
    base, *changes = nomenclature.versions
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(folder / "entries.csv", _entries_csv(nomenclature.base_entries.values()).encode("utf-8"))
    write_atomic(folder / "changes.csv", _changes_csv(changes).encode("utf-8"))
    meta = {
        "format": _FORMAT,
        "name": nomenclature.name,
        "regulation": base.regulation,
        "scope": base.scope,
        "effective_year": base.effective_year,
        "declared_years": list(base.declared_years) if base.declared_years else None,
        "note": base.note,
        "source": source,
        "imported": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "entries": len(nomenclature.base_entries),
        "versions": [v.regulation for v in changes],
    }
    write_atomic(folder / "catalogue.json", json.dumps(meta, ensure_ascii=False, indent=2).encode("utf-8"))
    return folder


def _entries_csv(entries: Iterator[Entry] | Any) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_ENTRY_COLUMNS)
    for e in sorted(entries, key=lambda e: e.code):
        writer.writerow([str(e.code), e.name, e.kinerja or "", e.indikator or "", e.satuan or "", e.note or ""])
    return out.getvalue()


def _changes_csv(versions: list[Version]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_CHANGE_COLUMNS)
    for version in versions:
        for change in version.changes:
            entry = change.entry
            writer.writerow(
                [
                    version.regulation,
                    version.effective_year,
                    change.kind.value,
                    str(change.code),
                    str(change.replacement) if change.replacement else "",
                    entry.name if entry else "",
                    (entry.kinerja if entry else None) or "",
                    (entry.indikator if entry else None) or "",
                    (entry.satuan if entry else None) or "",
                    (entry.note if entry else None) or change.note or "",
                ]
            )
    return out.getvalue()


def _meta(folder: Path) -> dict[str, Any]:
    path = folder / "catalogue.json"
    try:
        meta: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SourceError(f"cannot read the stored catalogue: {exc}", location=Location(source=str(path))) from None
    return meta


def _years(value: Any) -> tuple[int, int | None] | None:
    if not value:
        return None
    first, last = value
    return int(first), None if last is None else int(last)


def load_nomenclature(name: str, *, home: Path | None = None) -> Nomenclature:
    """The catalogue stored as ``name`` (``"shipped"``: the list shipped with sinkron)."""
    if _slug(name) == SHIPPED:
        from sinkron.nomenclature import default_nomenclature

        return default_nomenclature()
    folder = _folder(name, home)
    if not (folder / "catalogue.json").is_file():
        known = ", ".join(c.name for c in stored_nomenclatures(home)) or "none yet"
        raise UnknownCatalogue(
            f"no nomenclature catalogue named {name!r} in {folder.parent} (stored: {known}; "
            f"import one with `sinkron nomenclature import`)"
        )
    meta = _meta(folder)
    version = Version(
        id=_slug(meta["name"]),
        regulation=meta["regulation"],
        effective_year=int(meta["effective_year"]),
        scope=meta["scope"],
        note=meta.get("note"),
        declared_years=_years(meta.get("declared_years")),
    )
    entries_path, changes_path = folder / "entries.csv", folder / "changes.csv"
    with entries_path.open(encoding="utf-8", newline="") as handle:
        nomenclature = Nomenclature(version, list(_read_entries(handle, str(entries_path))), name=meta["name"])
    with changes_path.open(encoding="utf-8", newline="") as handle:
        changes = read_change_list(handle, str(changes_path))
    return nomenclature.with_changes(*changes) if changes else nomenclature


def stored_nomenclatures(home: Path | None = None) -> list[StoredCatalogue]:
    """Every stored catalogue, by name."""
    root = home or catalogue_home()
    found: list[StoredCatalogue] = []
    if not root.is_dir():
        return found
    for folder in sorted(root.iterdir()):
        if not (folder / "catalogue.json").is_file():
            continue
        meta = _meta(folder)
        found.append(
            StoredCatalogue(
                name=meta["name"],
                path=folder,
                regulation=meta["regulation"],
                scope=meta["scope"],
                effective_year=int(meta["effective_year"]),
                declared_years=_years(meta.get("declared_years")),
                versions=tuple(meta.get("versions") or ()),
                entries=int(meta.get("entries") or 0),
                source=meta.get("source"),
                imported=meta.get("imported"),
            )
        )
    return sorted(found, key=lambda c: c.name.lower())


def remove_nomenclature(name: str, *, home: Path | None = None) -> Path:
    """Delete the stored catalogue ``name``; the folder removed."""
    folder = _folder(name, home)
    if not (folder / "catalogue.json").is_file():
        raise UnknownCatalogue(f"no nomenclature catalogue named {name!r} in {folder.parent}")
    shutil.rmtree(folder)
    return folder

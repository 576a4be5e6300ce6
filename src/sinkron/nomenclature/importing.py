"""Build a nomenclature catalogue from the list a region really uses.

Three sources (see ``docs/nomenclature.md``, "Importing the list a region uses"):

* a SIPD master sub kegiatan export — ``get_master_sub_keg_sipd`` records (``kode_program``,
  ``nama_program``, ``kode_giat``, ``nama_giat``, ``kode_sub_giat``, ``nama_sub_giat``, optionally
  ``kode_bidang_urusan``/``nama_bidang_urusan`` and ``kode_urusan``/``nama_urusan``) as JSON (the wp-sipd
  envelope, a list, or JSON Lines) or as an xlsx sheet with those column headers;
* a *Kodefikasi* workbook as the ministry publishes it: either the lampiran layout, the code split over
  the columns URUSAN, BIDANG URUSAN, PROGRAM, KEGIATAN, SUB KEGIATAN beside NOMENKLATUR, KINERJA,
  INDIKATOR, SATUAN (and KETERANGAN), one row per level; or the SIPD-RI layout, one row per sub kegiatan
  with "code name" in BIDANG, PROGRAM, KEGIATAN, SUBKEGIATAN and the list in JENIS PEMDA (PROV/KABKOT);
* a change table (``docs/nomenclature.md``, "Change lists") applied on top of a base catalogue.

Reading xlsx needs openpyxl, installed with the sinkron-spreadsheet plugin. Every problem of a source
is reported with its location, all at once (:class:`~sinkron.errors.ValidationError`).
"""

from __future__ import annotations

import csv
import enum
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from sinkron.codes import Code, CodeLevel
from sinkron.errors import CodeError, ConnectorUnavailable, Location, SourceError, ValidationError
from sinkron.names import comparison_key, normalise_name
from sinkron.nomenclature.catalogue import Entry, Nomenclature, Version, read_change_list

__all__ = [
    "GOVERNMENT_LEVELS",
    "SourceKind",
    "build_nomenclature",
    "detect_kind",
    "import_nomenclature",
    "read_kodefikasi",
    "read_sipd_master",
]

PROVINCE = "provinsi"
MUNICIPALITY = "kabupaten/kota"
#: The two lists: provincial (kegiatan variant digit 1) and kabupaten/kota (variant 2).
GOVERNMENT_LEVELS = (PROVINCE, MUNICIPALITY)
_VARIANT_LEVEL = {"1": PROVINCE, "2": MUNICIPALITY}
#: How a JENIS PEMDA cell names each list.
_PEMDA = {"prov": PROVINCE, "provinsi": PROVINCE, "kabkot": MUNICIPALITY, "kabkota": MUNICIPALITY}


class SourceKind(str, enum.Enum):
    """What an import source holds."""

    SIPD_MASTER = "sipd-master"
    """A SIPD master sub kegiatan export (``get_master_sub_keg_sipd``)."""
    KODEFIKASI = "kodefikasi"
    """A Kodefikasi workbook (lampiran or SIPD-RI layout), or a ``kode, nomenklatur, …`` CSV."""
    CHANGES = "changes"
    """A change table applied on top of a base catalogue."""


# -- sniffing --------------------------------------------------------------------------------------------
def detect_kind(source: str | Path) -> SourceKind:
    """What ``source`` holds, from its extension and header (raises SourceError when it cannot tell)."""
    path = Path(source)
    suffix = path.suffix.lower()
    if suffix in (".json", ".jsonl"):
        return SourceKind.SIPD_MASTER
    if suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            header = {_key(h) for h in next(csv.reader(handle), [])}
        if {"change", "code"} <= header:
            return SourceKind.CHANGES
        if "kode_sub_giat" in header:
            return SourceKind.SIPD_MASTER
        return SourceKind.KODEFIKASI
    if suffix in (".xlsx", ".xlsm"):
        sheet = _first_sheet(path)
        header_row, _ = _find_header(sheet, str(path))
        return SourceKind.SIPD_MASTER if "kode_sub_giat" in header_row else SourceKind.KODEFIKASI
    raise SourceError(
        "cannot tell what this file holds",
        location=Location(source=str(path)),
        expected="a SIPD master export (.json, .xlsx), a Kodefikasi workbook (.xlsx) or a change table (.csv)",
        actual=suffix or "no extension",
    )


# -- collecting entries ------------------------------------------------------------------------------------
class _Entries:
    """Entries gathered row by row: a code met twice must carry the same content, else it is a located error."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.entries: dict[Code, Entry] = {}
        self.where: dict[Code, Location] = {}
        self.errors: list[SourceError] = []
        self.conflicts = 0

    def add(self, entry: Entry, where: Location) -> None:
        known = self.entries.get(entry.code)
        if known is None:
            self.entries[entry.code] = entry
            self.where[entry.code] = where
            return
        if _same(known, entry):
            if known.kinerja is None and entry.kinerja is not None:
                self.entries[entry.code] = entry
            return
        self.conflicts += 1
        self.errors.append(
            SourceError(
                f"{entry.code} is listed again with other content (first at row {self.where[entry.code].row}: "
                f"“{known.name}”)",
                location=where,
                actual=entry.name,
            )
        )

    def error(self, reason: str, where: Location, actual: object = None) -> None:
        self.errors.append(SourceError(reason, location=where, actual=actual))

    def result(self, hint: str | None = None) -> list[Entry]:
        if self.errors:
            if hint is not None:
                self.errors.insert(0, SourceError(hint, location=Location(source=self.source)))
            raise ValidationError(self.errors, source=self.source)
        if not self.entries:
            raise SourceError("no nomenclature rows found", location=Location(source=self.source))
        return list(self.entries.values())


def _same(a: Entry, b: Entry) -> bool:
    def key(text: str | None) -> str:
        return comparison_key(text or "")

    fields = ("kinerja", "indikator", "satuan")
    return key(a.name) == key(b.name) and all(
        key(getattr(a, f)) == key(getattr(b, f)) for f in fields if getattr(a, f) and getattr(b, f)
    )


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = normalise_name(str(value))
    return text or None


def _key(header: object) -> str:
    """A header cell as a key: ``"SUB KEGIATAN"`` → ``sub_kegiatan``, ``"kode_sub_giat"`` stays."""
    return "_".join(str(header or "").strip().lower().replace("/", " ").split())


# -- SIPD master ---------------------------------------------------------------------------------------------
_MASTER_LEVELS = (
    ("kode_urusan", "nama_urusan"),
    ("kode_bidang_urusan", "nama_bidang_urusan"),
    ("kode_program", "nama_program"),
    ("kode_giat", "nama_giat"),
    ("kode_sub_giat", "nama_sub_giat"),
)


def read_sipd_master(source: str | Path) -> tuple[list[Entry], tuple[int, ...]]:
    """The entries of a SIPD master sub kegiatan export, and the budget years (``tahun_anggaran``) it names.

    Every record gives its program, kegiatan and sub kegiatan (and urusan and bidang urusan when it names
    them); a ``nama_*`` field carries its code as a prefix (``"1.05.02 PROGRAM …"``), which is dropped.
    Provincial and kab/kota rows are read alike.
    """
    path = Path(source)
    found = _Entries(str(path))
    years: set[int] = set()
    for where, record in _master_records(path):
        year = record.get("tahun_anggaran")
        if isinstance(year, (int, str)) and str(year).strip().isdigit():
            years.add(int(str(year).strip()))
        read_any = False
        above: tuple[Code, str] | None = None
        for code_field, name_field in _MASTER_LEVELS:
            if _text(record.get(code_field)) is None and _text(record.get(name_field)) is None:
                continue
            read_any = True
            entry = _master_entry(record, code_field, name_field, where, found)
            if entry is None:
                continue
            if above is not None and entry.code.ancestor(above[0].level) != above[0]:
                found.error(f"{entry.code} does not belong to {above[1]} {above[0]}", where.evolve(field=code_field))
                continue
            found.add(entry, where.evolve(field=code_field))
            above = (entry.code, code_field)
        if not read_any:
            found.error("not a SIPD master record: no kode_sub_giat, kode_giat or kode_program", where)
    return found.result(), tuple(sorted(years))


def _master_entry(
    record: Mapping[str, Any], code_field: str, name_field: str, where: Location, found: _Entries
) -> Entry | None:
    """One level of a master record (``kode_giat``/``nama_giat``); ``None`` when it has a problem (recorded)."""
    code_text, name_text = _text(record.get(code_field)), _text(record.get(name_field))
    try:
        prefix, name = Code.split_name(name_text or "")
        code = Code.parse(code_text) if code_text is not None else prefix
    except CodeError as exc:
        found.error(exc.reason, where.evolve(field=code_field), code_text)
        return None
    if code is None:
        found.error("no code", where.evolve(field=code_field), name_text)
    elif prefix is not None and prefix != code:
        found.error(f"{name_field} starts with {prefix}, not {code}", where.evolve(field=name_field))
    elif not name:
        found.error("empty name", where.evolve(field=name_field))
    else:
        return Entry(code=code, name=name)
    return None


def _master_records(path: Path) -> Iterator[tuple[Location, Mapping[str, Any]]]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        sheet = _first_sheet(path)
        header, rows = _find_header(sheet, str(path))
        for number, cells in rows:
            yield Location(source=str(path), sheet=sheet.title, row=number), dict(zip(header, cells))
        return
    if path.suffix.lower() == ".csv":
        yield from _csv_rows(path)
        return
    text = path.read_text(encoding="utf-8-sig")
    try:
        document: Any = json.loads(text)
    except json.JSONDecodeError:
        document = None
    if document is None:  # JSON Lines: one record a line
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise SourceError(f"not JSON: {exc.msg}", location=Location(source=str(path), row=number)) from None
            yield from _json_records([record], path, "$", number)
        return
    if isinstance(document, dict) and isinstance(document.get("data"), list):
        yield from _json_records(document["data"], path, "$.data", None)
    elif isinstance(document, list):
        yield from _json_records(document, path, "$", None)
    else:
        yield from _json_records([document], path, "$", None)


def _json_records(
    records: Iterable[Any], path: Path, prefix: str, line: int | None
) -> Iterator[tuple[Location, Mapping[str, Any]]]:
    for index, record in enumerate(records):
        where = Location(source=str(path), row=line, json_path=f"{prefix}[{index}]" if line is None else None)
        if not isinstance(record, dict):
            raise SourceError("not a SIPD master record (an object)", location=where, actual=type(record).__name__)
        yield where, record


# -- Kodefikasi ----------------------------------------------------------------------------------------------
_SEGMENTS = (
    (CodeLevel.AFFAIR, ("urusan", "urusan_unsur")),
    (CodeLevel.SECTOR, ("bidang", "bidang_urusan", "bidang_urusan_bidang_unsur")),
    (CodeLevel.PROGRAM, ("program",)),
    (CodeLevel.ACTIVITY, ("kegiatan",)),
    (CodeLevel.SUB_ACTIVITY, ("sub_kegiatan", "subkegiatan")),
)
_NAME_HEADERS = ("nomenklatur", "nomenklatur_urusan", "nama", "uraian")


def read_kodefikasi(source: str | Path, *, level: str | None = None) -> list[Entry]:
    """The entries of a Kodefikasi workbook (or a ``kode, nomenklatur, kinerja, indikator, satuan`` CSV).

    ``level`` (``provinsi`` or ``kabupaten/kota``) keeps the rows of that list when the file holds both
    (a JENIS PEMDA column); without it both are read, and a code the two lists fill differently is an error
    that says to choose.
    """
    path = Path(source)
    found = _Entries(str(path))
    rows: Iterator[tuple[Location, dict[str, Any]]]
    if path.suffix.lower() == ".csv":
        rows = _csv_rows(path)
    else:
        sheet = _first_sheet(path)
        header, numbered = _find_header(sheet, str(path))
        rows = (
            (Location(source=str(path), sheet=sheet.title, row=number), dict(zip(header, row)))
            for number, row in numbered
        )
    lists: set[str] = set()
    for where, row in rows:
        pemda = _text(row.get("jenis_pemda"))
        if pemda is not None:
            row_level = _PEMDA.get(_key(pemda).replace("_", ""))
            if row_level is None:
                found.error("unknown JENIS PEMDA", where.evolve(column="JENIS PEMDA"), pemda)
                continue
            lists.add(row_level)
            if level is not None and row_level != level:
                continue
        _kodefikasi_row(row, where, found)
    hint = None
    if level is None and len(lists) > 1 and found.conflicts:
        hint = (
            "the file holds both the provincial and the kab/kota list (JENIS PEMDA), which give some codes "
            "different content: import one list at a time (level provinsi or kabupaten/kota)"
        )
    return found.result(hint)


def _csv_rows(path: Path) -> Iterator[tuple[Location, dict[str, Any]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = [_key(h) for h in next(reader, [])]
        for number, row in enumerate(reader, start=2):
            yield Location(source=str(path), row=number), dict(zip(header, row))


def _kodefikasi_row(row: Mapping[str, Any], where: Location, found: _Entries) -> None:
    details = {
        "kinerja": _text(row.get("kinerja")),
        "indikator": _text(row.get("indikator")),
        "satuan": _text(row.get("satuan")),
        "note": _text(row.get("keterangan")),
    }
    if "kode" in row or any(h in row for h in _NAME_HEADERS):  # lampiran layout: one code per row
        name = next((_text(row[h]) for h in _NAME_HEADERS if h in row), None)
        code_text = _text(row.get("kode"))
        segments = [_segment(row.get(h), level) for level, headers in _SEGMENTS for h in headers if h in row]
        text = code_text or ".".join(s for s in segments if s)
        if not text:
            return  # a title or blank row
        try:
            code = Code.parse(text)
        except CodeError as exc:
            found.error(exc.reason, where.evolve(column="kode"), text)
            return
        if name is None:
            found.error("empty name", where.evolve(column="NOMENKLATUR"))
            return
        found.add(Entry(code=code, name=name, **(details if code.level is CodeLevel.SUB_ACTIVITY else {})), where)
        return
    # SIPD-RI layout: every level column holds "code name"; the row is one sub kegiatan
    for level, headers in _SEGMENTS:
        cell = next((_text(row[h]) for h in headers if h in row), None)
        if cell is None:
            continue
        prefix, rest = Code.split_name(cell)
        if prefix is None or prefix.level is not level or not rest:
            found.error(f"expected a {level.value} code and name", where.evolve(column=headers[0].upper()), cell)
            return
        found.add(Entry(code=prefix, name=rest, **(details if level is CodeLevel.SUB_ACTIVITY else {})), where)


def _segment(value: object, level: CodeLevel) -> str:
    """One code segment as the lampiran writes it: ints for most, ``'2.01'`` text for the kegiatan."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, float):
        if level is CodeLevel.ACTIVITY:  # a number cell lost the kegiatan's trailing zero: 2.1 is 2.10
            return f"{value:.2f}"
        if value.is_integer():
            value = int(value)
    text = str(value).strip()
    if level is CodeLevel.SUB_ACTIVITY and text.isdigit():  # 4 digits since Kepmendagri 050-5889/2021: 10 is 0010
        return text.zfill(4)
    return text


# -- xlsx ----------------------------------------------------------------------------------------------------
def _first_sheet(path: Path) -> Any:
    try:
        import openpyxl  # type: ignore[import-untyped,unused-ignore]
    except ImportError:  # pragma: no cover - openpyxl comes with sinkron-spreadsheet
        raise ConnectorUnavailable(
            "xlsx nomenclature files", "./plugins/sinkron-spreadsheet (or openpyxl)", "openpyxl is not installed"
        ) from None
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise SourceError(f"not an xlsx workbook: {exc}", location=Location(source=str(path))) from None
    return workbook.worksheets[0]


_HEADER_MARKS = ({"kode_sub_giat"}, {"kinerja", "satuan"}, {"kode", "nomenklatur"})
_HEADER_SEARCH_ROWS = 20


def _find_header(sheet: Any, source: str) -> tuple[list[str], Iterator[tuple[int, tuple[Any, ...]]]]:
    """The header (as keys) within the first rows, and the numbered rows below it."""
    rows = sheet.iter_rows(values_only=True)
    for number, row in enumerate(rows, start=1):
        keys = [_key(cell) for cell in row]
        if any(marks <= set(keys) for marks in _HEADER_MARKS):
            return keys, ((n, r) for n, r in enumerate(rows, start=number + 1) if any(c is not None for c in r))
        if number >= _HEADER_SEARCH_ROWS:
            break
    raise SourceError(
        "no nomenclature header in the first rows",
        location=Location(source=source, sheet=sheet.title),
        expected="KINERJA and SATUAN (Kodefikasi), or kode_sub_giat (SIPD master)",
    )


# -- building ------------------------------------------------------------------------------------------------
def scope_of(entries: Iterable[Entry]) -> str:
    """Which lists entries belong to, from their kegiatan variant digits (1 provinsi, 2 kab/kota)."""
    levels = {_VARIANT_LEVEL[e.code.variant] for e in entries if e.code.variant in _VARIANT_LEVEL}
    if levels == {PROVINCE}:
        return PROVINCE
    if levels == {MUNICIPALITY} or not levels:
        return MUNICIPALITY
    return f"{PROVINCE} dan {MUNICIPALITY}"


def build_nomenclature(
    entries: Iterable[Entry],
    *,
    name: str,
    regulation: str | None = None,
    effective_year: int | None = None,
    years: tuple[int, int | None] | None = None,
    scope: str | None = None,
    note: str | None = None,
) -> Nomenclature:
    """A catalogue named ``name`` whose base list is ``entries``.

    ``regulation`` is what the list is (``"SIPD-RI, versi pemutakhiran 2027"``; the name when not given);
    ``years`` the plan years someone declared it in force for (messages say *berlaku* only for those);
    ``effective_year`` the first plan year it is used for (the first declared year by default).
    """
    listed = list(entries)
    first = effective_year if effective_year is not None else (years[0] if years else 0)
    version = Version(
        id=_slug(name),
        regulation=regulation or name,
        effective_year=first,
        scope=scope or scope_of(listed),
        note=note,
        declared_years=years,
    )
    return Nomenclature(version, listed, name=name)


def _slug(name: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in name.lower()).split()) or "catalogue"


def import_nomenclature(
    source: str | Path,
    *,
    name: str,
    kind: SourceKind | str | None = None,
    base: Nomenclature | None = None,
    regulation: str | None = None,
    years: tuple[int, int | None] | None = None,
    level: str | None = None,
) -> Nomenclature:
    """Build the catalogue named ``name`` from ``source`` (nothing is stored: see :func:`store_nomenclature`).

    ``kind`` is detected from the file when not given. A change table is applied on top of ``base`` (the
    shipped list by default). ``level`` picks the provincial or the kab/kota rows of a Kodefikasi file that
    holds both. ``years`` declares the plan years the list is in force for; ``regulation`` says what it is.
    """
    if level is not None and level not in GOVERNMENT_LEVELS:
        raise ValueError(f"level is {' or '.join(GOVERNMENT_LEVELS)}, not {level!r}")
    path = Path(source)
    if not path.is_file():
        raise SourceError("no such file", location=Location(source=str(path)))
    chosen = SourceKind(kind) if kind is not None else detect_kind(path)
    if chosen is SourceKind.CHANGES:
        if base is None:
            from sinkron.nomenclature import default_nomenclature

            base = default_nomenclature()
        with path.open(encoding="utf-8-sig", newline="") as handle:
            changes = read_change_list(handle, str(path))
        first = base.versions[0]
        renamed = build_nomenclature(
            base.base_entries.values(),
            name=name,
            regulation=regulation or first.regulation,
            effective_year=first.effective_year,
            years=years if years is not None else first.declared_years,
            scope=first.scope,
            note=first.note,
        )
        amended = renamed.with_changes(*base.versions[1:], *changes)
        try:
            amended.entries()  # every change must apply to the base: fail here, not at the first lookup
        except ValueError as exc:
            raise SourceError(f"{exc} (base: {base.name})", location=Location(source=str(path))) from None
        return amended
    if chosen is SourceKind.SIPD_MASTER:
        entries, served = read_sipd_master(path)
        return build_nomenclature(
            entries,
            name=name,
            regulation=regulation,
            effective_year=served[0] if served and years is None else None,
            years=years,
            note=f"SIPD master sub kegiatan export {path.name}"
            + (f", tahun anggaran {', '.join(map(str, served))}" if served else ""),
        )
    entries = read_kodefikasi(path, level=level)
    return build_nomenclature(
        entries, name=name, regulation=regulation, years=years, scope=level, note=f"Kodefikasi {path.name}"
    )

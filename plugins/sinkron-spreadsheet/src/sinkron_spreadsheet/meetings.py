"""The meeting workbook: a Rakor / Rakortekrenbang as a desk secretariat fills it in, read into a Meeting.

One xlsx workbook per meeting, one sheet per table (``docs/meetings.md`` shows every column):

==================  =================================================================================
sheet               one row per
==================  =================================================================================
``Rapat``           header block: ``ID Rapat``, ``Jenis Rapat``, ``Nama Rapat``, ``Tanggal Mulai`` …
                    as label | value rows
``Desk``            desk; more rows with the same ID DESK add outcome targets discussed at the desk
``Undangan``        invited party (pemerintah / instansi, jabatan, jumlah)
``Daftar Hadir``    attending party (pemerintah / instansi, jabatan, desk, jumlah)
``Acara``           agenda item
``Kesepakatan``     agreement: desk, perangkat daerah, kode sub kegiatan, indikator outcome, target,
                    satuan, pagu, tahun, catatan
``Tindak Lanjut``   follow-up action: uraian, penanggung jawab, batas waktu, status
``Usulan``          proposal: pemerintah pengusul, usulan, K/L tujuan, peringkat, justifikasi …
``Penandatangan``   signatory of the minutes (jabatan, nama, desk)
``Berita Acara``    (written by sinkron, ignored on reading: the minutes laid out for print)
``Petunjuk``        (in the empty template, ignored on reading: how to fill each sheet)
==================  =================================================================================

A csv file holds one of these tables; the header block goes above its header row as
``Label : value`` lines (or label, value cells). Sheets are found by name, else by their header;
headers match ignoring case, spacing and punctuation, with the aliases of :data:`TABLES`.

Every problem is reported with its file, sheet, row and column, and all of a file's problems come
together (:class:`~sinkron.connector.ReadResult`); a file with problems gives an incomplete result.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import attrs

from sinkron.codes import Code
from sinkron.connector import ReadResult
from sinkron.errors import CodeError, InvalidModel, Location, SourceError
from sinkron.models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Agreement,
    Bundle,
    Desk,
    Meeting,
    MeetingKind,
    Money,
    Participant,
    Proposal,
    Provenance,
)
from sinkron_spreadsheet.cells import (
    CellError,
    is_blank,
    normalise_header,
    to_date,
    to_money,
    to_text,
    to_value,
    unescape_text,
)
from sinkron_spreadsheet.header import column_letter
from sinkron_spreadsheet.workbook import OpenError, Sheet, Workbook, open_workbook, with_workbook

__all__ = [
    "GUIDE_SHEET",
    "HEADER_LABELS",
    "MEETING_SHEET",
    "MINUTES_SHEET",
    "TABLES",
    "Column",
    "Table",
    "is_meeting_file",
    "is_meeting_workbook",
    "read_meeting",
    "read_meeting_workbook",
]

_T = TypeVar("_T")

MEETING_SHEET = "Rapat"
"""The sheet of the header block."""
MINUTES_SHEET = "Berita Acara"
"""The printable minutes sinkron writes; never read."""
GUIDE_SHEET = "Petunjuk"
"""The instructions sheet of the empty template; never read."""


@attrs.frozen
class Column:
    """A column of a meeting table: the field it fills, the header sinkron writes, other headers accepted."""

    field: str
    header: str
    aliases: tuple[str, ...] = ()
    required: bool = False

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(normalise_header(h) for h in (self.header, *self.aliases))


@attrs.frozen
class Table:
    """One table of the meeting workbook: its sheet and columns."""

    key: str
    sheet: str
    columns: tuple[Column, ...]
    description: str = ""

    @property
    def required(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.required)


_PARTY = (
    Column("government", "PEMERINTAH (KODE WILAYAH)", ("PEMERINTAH", "KODE WILAYAH", "PEMERINTAH DAERAH")),
    Column("agency", "INSTANSI (KODE)", ("INSTANSI", "KODE INSTANSI", "K/L", "KODE PERANGKAT DAERAH")),
    Column("name", "NAMA", ("NAMA INSTANSI", "NAMA PEMERINTAH/INSTANSI", "NAMA PESERTA")),
    Column("role", "JABATAN", ("PERAN",), required=True),
    Column("desk", "DESK", ("ID DESK",)),
    Column("count", "JUMLAH", ("JUMLAH PESERTA", "JUMLAH ORANG")),
)

#: The tables of the meeting workbook, in the order sinkron writes them.
TABLES: tuple[Table, ...] = (
    Table(
        "desks",
        "Desk",
        (
            Column("id", "ID DESK", ("KODE DESK",), required=True),
            Column("name", "NAMA DESK", ("DESK",)),
            Column("sectors", "BIDANG URUSAN", ("KODE BIDANG URUSAN",)),
            Column("outcome", "SASARAN/INDIKATOR OUTCOME", ("INDIKATOR OUTCOME", "SASARAN", "OUTCOME")),
        ),
        "desks per urusan, with the outcome targets discussed",
    ),
    Table("invitees", "Undangan", _PARTY, "the invitation list"),
    Table("participants", "Daftar Hadir", _PARTY, "attendance"),
    Table(
        "agenda",
        "Acara",
        (
            Column("start", "WAKTU", ("JAM", "TANGGAL/JAM")),
            Column("title", "ACARA", ("AGENDA",), required=True),
            Column("speaker", "NARASUMBER", ("PEMBICARA",)),
        ),
        "agenda",
    ),
    Table(
        "agreements",
        "Kesepakatan",
        (
            Column("id", "NO", ("NO.", "NOMOR", "NO KESEPAKATAN")),
            Column("desk", "DESK", ("ID DESK",)),
            Column(
                "agency", "PERANGKAT DAERAH", ("KODE PERANGKAT DAERAH", "SKPD", "OPD", "UNIT ORGANISASI"), required=True
            ),
            Column("code", "KODE SUB KEGIATAN", ("SUB KEGIATAN", "KODE"), required=True),
            Column("outcome", "INDIKATOR OUTCOME", ("SASARAN/INDIKATOR OUTCOME", "OUTCOME", "SASARAN")),
            Column("target", "TARGET", ("TARGET KINERJA",)),
            Column("unit", "SATUAN", ()),
            Column("pagu", "PAGU", ("PAGU (RP)", "PAGU INDIKATIF", "JUMLAH PAGU")),
            Column("year", "TAHUN", ("TAHUN RENCANA",), required=True),
            Column("notes", "CATATAN", ("KETERANGAN",)),
        ),
        "agreements (kesepakatan)",
    ),
    Table(
        "actions",
        "Tindak Lanjut",
        (
            Column("id", "NO", ("NO.", "NOMOR")),
            Column("description", "URAIAN", ("TINDAK LANJUT", "URAIAN TINDAK LANJUT"), required=True),
            Column("owner", "PENANGGUNG JAWAB", ("PIC",), required=True),
            Column("due", "BATAS WAKTU", ("TENGGAT", "TENGGAT WAKTU")),
            Column("status", "STATUS", ()),
            Column("completed", "TANGGAL SELESAI", ()),
        ),
        "follow-up actions (tindak lanjut)",
    ),
    Table(
        "proposals",
        "Usulan",
        (
            Column("id", "NO", ("NO.", "NOMOR")),
            Column("government", "PEMERINTAH PENGUSUL", ("PENGUSUL", "PEMERINTAH", "KODE WILAYAH"), required=True),
            Column("title", "USULAN", ("JUDUL USULAN", "KEBUTUHAN"), required=True),
            Column("addressed", "K/L TUJUAN", ("K/L",)),
            Column("rank", "PERINGKAT", ("PRIORITAS", "RANKING")),
            Column("justification", "JUSTIFIKASI", ("ALASAN",)),
            Column("sector", "BIDANG URUSAN", ("KODE BIDANG URUSAN",)),
            Column("pagu", "PAGU", ("PAGU (RP)", "KEBUTUHAN DANA")),
            Column("year", "TAHUN", ()),
        ),
        "proposals (usulan) to K/L",
    ),
    Table("signatories", "Penandatangan", _PARTY, "signatories of the minutes"),
)

#: Header block labels (sheet ``Rapat``, or lines above a csv table) → Meeting field.
HEADER_LABELS: dict[str, tuple[str, ...]] = {
    "id": ("ID Rapat", "Kode Rapat"),
    "kind": ("Jenis Rapat",),
    "title": ("Nama Rapat", "Judul Rapat", "Judul"),
    "start": ("Tanggal Mulai", "Tanggal"),
    "end": ("Tanggal Selesai",),
    "host_id": ("Penyelenggara",),
    "venue": ("Tempat",),
    "chair": ("Pimpinan Rapat", "Pimpinan"),
    "minutes_number": ("Nomor Berita Acara", "Nomor BA", "No. BA"),
}
_LABELS = {normalise_header(label): key for key, labels in HEADER_LABELS.items() for label in labels}
_LINE = re.compile(r"^\s*([^:]{2,40}?)\s*:\s*(.*?)\s*$", re.S)
_KINDS = (
    {normalise_header(k.value): k for k in MeetingKind}
    | {normalise_header(k.name): k for k in MeetingKind}
    | {normalise_header(k.label): k for k in MeetingKind}
    | {
        "desk urusan": MeetingKind.DESK,
        "forum perangkat daerah": MeetingKind.FORUM_PD,
        "rakor penanggulangan kemiskinan": MeetingKind.RAKOR_POVERTY,
        "rakortek": MeetingKind.RAKORTEKRENBANG,
    }
)
_STATUS = (
    {normalise_header(s.value): s for s in ActionStatus}
    | {normalise_header(s.name): s for s in ActionStatus}
    | {
        "belum dilaksanakan": ActionStatus.OPEN,
        "dalam proses": ActionStatus.IN_PROGRESS,
        "sudah": ActionStatus.DONE,
        "sudah dilaksanakan": ActionStatus.DONE,
        "dibatalkan": ActionStatus.CANCELLED,
    }
)
_SHEETS = {normalise_header(t.sheet): t for t in TABLES}
_CODE_SPLIT = re.compile(r"[,;\s]+")
_AGENCY = re.compile(r"^\s*(\d+(?:\.\d+){2,})\s+\S")
_SCAN = 15
"""Rows searched for a table's header."""


def is_meeting_file(source: str | Path, *, format: str | None = None) -> bool:
    """Whether ``source`` has the meeting workbook's structure (see :func:`is_meeting_workbook`); ``False`` when
    it cannot be opened."""
    try:
        workbook = open_workbook(source, kind="csv" if format == "csv" else None)
    except OpenError:
        return False
    try:
        return is_meeting_workbook(workbook)
    finally:
        workbook.close()


def is_meeting_workbook(workbook: Workbook) -> bool:
    """Whether an opened workbook has the meeting workbook's structure: a header block *and* a meeting table's
    header row.

    An xlsx workbook needs a sheet named ``Rapat`` holding header-block labels (``ID Rapat``,
    ``Nama Rapat`` …) and a sheet with the header row of a meeting table (``Desk``, ``Kesepakatan`` …);
    a csv file needs a header-block line (``Nama Rapat : …``) and a meeting table's header row in its
    first rows. A plan sheet is never taken for a meeting because its preamble has a ``Judul :`` line.
    """
    try:
        if workbook.kind == "csv":
            head = _head(workbook.sheet(workbook.sheet_names[0]), _SCAN)
            return _has_header_block(head) and _detect(head) is not None
        names = {normalise_header(name): name for name in workbook.sheet_names}
        block = names.get(normalise_header(MEETING_SHEET))
        if block is None or not _has_header_block(_head(workbook.sheet(block), _SCAN)):
            return False
        skipped = {normalise_header(n) for n in (MEETING_SHEET, MINUTES_SHEET, GUIDE_SHEET)}
        tables = (name for key, name in names.items() if key not in skipped)
        return any(_detect(_head(workbook.sheet(name), _SCAN)) is not None for name in tables)
    except Exception:  # a damaged sheet is the reader's to report, not the detector's
        return False


def _has_header_block(head: Sequence[tuple[int, list[Any]]]) -> bool:
    return any(_label(values) is not None for _, values in head)


def _head(sheet: Sheet, limit: int) -> list[tuple[int, list[Any]]]:
    out = []
    for row, values in sheet.rows():
        out.append((row, values))
        if len(out) >= limit:
            break
    return out


def _label(values: Sequence[Any]) -> tuple[str, Any, int] | None:
    """``(field, value, column index)`` for a header-block row (``label | value`` or ``Label : value``)."""
    cells = [(i, v) for i, v in enumerate(values) if not is_blank(v)]
    if not cells:
        return None
    first, text = cells[0][0], to_text(cells[0][1])
    key = _LABELS.get(normalise_header(text.rstrip(": ")))
    if key is not None:
        rest = cells[1:]
        return key, rest[0][1] if rest else None, rest[0][0] if rest else first + 1
    match = _LINE.match(text)
    if match is not None and len(cells) == 1:
        key = _LABELS.get(normalise_header(match.group(1)))
        if key is not None:
            return key, match.group(2) or None, first
    return None


class _Reader:
    """State of one read: the source, the errors, the records found."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.errors: list[SourceError] = []
        self.header: dict[str, tuple[Any, Location]] = {}
        self.blank: dict[str, Location] = {}
        """Header-block labels present with no value, where they are."""
        self.rows: dict[str, list[tuple[dict[str, Any], Provenance, dict[str, Location]]]] = {t.key: [] for t in TABLES}
        self.records = 0

    def error(self, message: str, where: Location, expected: str | None = None, actual: Any = None) -> None:
        shown = None if actual is None else (actual if isinstance(actual, str) else to_text(actual))
        self.errors.append(SourceError(message, location=where, expected=expected, actual=shown))

    # -- the header block ---------------------------------------------------------------------------
    def header_row(self, sheet: str | None, row: int, values: Sequence[Any]) -> bool:
        found = _label(values)
        if found is None:
            return False
        key, value, column = found
        where = Location(source=self.source, sheet=sheet, row=row + 1, column=column_letter(column), field=key)
        if is_blank(value):
            self.blank.setdefault(key, where)
            return True
        if key in self.header and self.header[key][0] != value:
            self.error(
                f"the header block gives {key} twice", where, expected=to_text(self.header[key][0]), actual=value
            )
            return True
        self.header[key] = (value, where)
        return True

    # -- tables ------------------------------------------------------------------------------------------
    def table(self, table: Table, sheet: Sheet, label: str | None) -> None:
        rows = sheet.rows()
        header: tuple[int, dict[str, int]] | None = None
        for row, values in rows:
            keys = {normalise_header(to_text(v)): i for i, v in enumerate(values) if not is_blank(v)}
            found = {c.field: i for c in table.columns for k in c.keys if (i := keys.get(k)) is not None}
            if all(c.field in found for c in table.required) and len(found) >= max(2, len(table.required)):
                header = (row, found)
                break
            if not self.header_row(label, row, values) and row >= _SCAN:
                break
        if header is None:
            wanted = ", ".join(c.header for c in table.required)
            self.error(
                f"no header row of the {table.sheet} table",
                Location(source=self.source, sheet=label),
                expected=f"a row with the columns {wanted} in the first {_SCAN} rows",
            )
            return
        columns = header[1]
        for row, values in rows:
            cells = {f: values[i] if i < len(values) else None for f, i in columns.items()}
            if all(is_blank(v) for v in cells.values()):
                continue
            self.records += 1
            where = {
                f: Location(source=self.source, sheet=label, row=row + 1, column=column_letter(i), field=f)
                for f, i in columns.items()
            }
            provenance = Provenance(source=self.source, sheet=label, row=row + 1)
            self.rows[table.key].append((cells, provenance, where))


def _detect(values_by_row: Sequence[tuple[int, list[Any]]]) -> Table | None:
    best: tuple[int, Table] | None = None
    for table in TABLES:
        for _, values in values_by_row:
            keys = {normalise_header(to_text(v)) for v in values if not is_blank(v)}
            fields = {c.field for c in table.columns if keys & set(c.keys)}
            fits = all(c.field in fields for c in table.required) and len(fields) >= 2
            if fits and (best is None or len(fields) > best[0]):
                best = (len(fields), table)
    return best[1] if best else None


# -- cell conversions -----------------------------------------------------------------------------------
Convert = Callable[[Any], Any]


def _text(value: Any) -> str:
    return to_text(value).strip()


def _int(value: Any) -> int:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = to_text(value).strip()
    if not text.isdigit():
        raise CellError(f"{text!r} is not a whole number", "a whole number such as 1, 2 or 2026")
    return int(text)


def _code(value: Any) -> Code:
    try:
        return Code.parse(_text(value))
    except CodeError as exc:
        raise CellError(f"not a nomenclature code: {exc.reason}", "a code such as 1.02.02.2.02.0001") from None


def _codes(value: Any) -> tuple[Code, ...]:
    return tuple(_code(part) for part in _CODE_SPLIT.split(_text(value)) if part)


def _agency(value: Any) -> str:
    text = _text(value)
    match = _AGENCY.match(text)
    return match.group(1) if match else text


def _datetime(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    text = _text(value)
    for fmt in (
        "%d/%m/%Y %H:%M",
        "%d-%m-%Y %H:%M",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%d/%m/%Y %H.%M",
    ):
        try:
            return dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
    return dt.datetime.combine(to_date(value), dt.time())


def _status(value: Any) -> ActionStatus:
    found = _STATUS.get(normalise_header(_text(value)))
    if found is None:
        raise CellError(f"unknown status {_text(value)!r}", ", ".join(s.value for s in ActionStatus))
    return found


def _kind(value: Any) -> MeetingKind:
    found = _KINDS.get(normalise_header(_text(value)))
    if found is None:
        raise CellError(f"unknown kind of meeting {_text(value)!r}", ", ".join(k.value for k in MeetingKind))
    return found


class _Row:
    """The cells of one row, converted field by field with every problem recorded."""

    def __init__(self, reader: _Reader, cells: dict[str, Any], where: dict[str, Location], notes: Any) -> None:
        self.reader, self.cells, self.where, self.notes = reader, cells, where, notes
        self.ok = True

    def get(self, field: str, convert: Convert = _text, *, required: bool = False, expected: str = "") -> Any:
        value = self.cells.get(field)
        if isinstance(value, str):
            value = unescape_text(value)
        if is_blank(value):
            if required:
                self.ok = False
                where = self.where.get(field) or next(iter(self.where.values()))
                self.reader.error(f"the {field} is missing", where.evolve(field=field), expected=expected or field)
            return None
        try:
            return convert(value)
        except CellError as exc:
            self.ok = False
            self.reader.error(exc.message, self.where[field], expected=exc.expected, actual=value)
            return None

    def fail(self, message: str, field: str, expected: str | None = None, actual: Any = None) -> None:
        self.ok = False
        where = self.where.get(field) or next(iter(self.where.values()))
        self.reader.error(message, where.evolve(field=field), expected=expected, actual=actual)


def _build(row: _Row, field: str, make: Callable[..., _T], **values: Any) -> _T | None:
    """``make(**values)`` when the row's cells were all readable; a model error is reported at ``field``."""
    if not row.ok:
        return None
    try:
        return make(**values)
    except InvalidModel as exc:
        row.fail(f"the record cannot be built: {exc.reason}", field, actual=exc.reason)
        return None


def _target(row: _Row) -> Any:
    raw = row.cells.get("target")
    unit = row.get("unit")
    if is_blank(raw):
        if unit is not None:
            row.fail("a satuan without a target", "unit", expected="a TARGET next to the SATUAN", actual=unit)
        return None
    where = row.where["target"]
    note = row.notes.get((where.row - 1, _column_index(where.column))) if where.row and where.column else None
    percent = note is not None and note.kind == "percent"
    suffix = note.detail if note is not None and note.kind == "suffix" else None

    def convert(value: Any) -> Any:
        return to_value(value, unit=unit, percent=percent, suffix=suffix)

    return row.get("target", convert)


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + (ord(ch) - 64)
    return index - 1


def _ids(rows: Sequence[tuple[_Row, Provenance]], what: str) -> list[str | None]:
    """Ids from the NO column; a blank NO is the row's number in the table (1, 2 …)."""
    ids: list[str | None] = []
    seen: dict[str, int] = {}
    for n, (row, provenance) in enumerate(rows, start=1):
        ident = row.get("id") or str(n)
        if ident in seen:
            row.fail(
                f"{what} {ident!r} is numbered twice (first in row {seen[ident]})",
                "id",
                expected="a NO used once",
                actual=ident,
            )
            ids.append(None)
            continue
        seen[ident] = provenance.row or 0
        ids.append(ident)
    return ids


def read_meeting(source: str | Path, *, format: str | None = None, encoding: str | None = None) -> ReadResult:
    """Read a meeting workbook (xlsx) or one meeting table (csv) into a ``ReadResult`` with one meeting."""
    return with_workbook(
        source, lambda workbook: read_meeting_workbook(workbook, str(source)), format=format, encoding=encoding
    )


def read_meeting_workbook(workbook: Workbook, source: str) -> ReadResult:
    """Read the meeting of an opened workbook (it stays open), ``source`` naming it."""
    reader = _Reader(source)
    notes: dict[str, Any] = {}
    _read_sheets(reader, workbook, notes)
    meeting = _meeting(reader, notes)
    bundle = Bundle(meetings=[meeting] if meeting is not None else [], sources=(source,))
    return ReadResult(bundle=bundle, errors=reader.errors, source=source, records=reader.records)


def _read_sheets(reader: _Reader, workbook: Workbook, notes: dict[str, Any]) -> None:
    csv = workbook.kind == "csv"
    for name in workbook.sheet_names:
        label = None if csv else name
        key = normalise_header(name)
        if key in (normalise_header(MINUTES_SHEET), normalise_header(GUIDE_SHEET)):
            continue
        try:
            sheet = workbook.sheet(name)
            if key == normalise_header(MEETING_SHEET):
                for row, values in sheet.rows():
                    reader.header_row(label, row, values)
                continue
            table = None if csv else _SHEETS.get(key)
            if table is None:
                head = _head(sheet, _SCAN)
                table = _detect(head)
                if table is None:
                    if csv:
                        for row, values in head:
                            reader.header_row(label, row, values)
                        wanted = "; ".join(f"{t.sheet}: {', '.join(c.header for c in t.required)}" for t in TABLES)
                        reader.error(
                            "no header of a meeting table",
                            Location(source=reader.source),
                            expected=f"a header row of one table ({wanted})",
                        )
                    continue
                sheet = workbook.sheet(name)
            notes[table.key] = sheet.notes
            reader.table(table, sheet, label)
        except Exception as exc:  # calamine raises on a damaged sheet part
            reader.error(
                f"the sheet cannot be read: {type(exc).__name__}: {exc}", Location(source=reader.source, sheet=label)
            )


def _party_rows(reader: _Reader, key: str, desks: dict[str, str], notes: Any) -> list[Participant]:
    out = []
    for cells, _provenance, where in reader.rows[key]:
        row = _Row(reader, cells, where, notes)
        desk = _desk(row, desks)
        role = row.get("role", required=True, expected="a jabatan such as Sekda or Kepala Bappeda")
        government, agency, name = row.get("government"), row.get("agency"), row.get("name")
        count = row.get("count", _int)
        party = _build(
            row,
            "role",
            Participant,
            role=role,
            government_id=government,
            agency_id=agency,
            name=name,
            count=1 if count is None else count,
            desk_id=desk,
        )
        if party is not None:
            out.append(party)
    return out


def _desk(row: _Row, desks: dict[str, str]) -> str | None:
    text = row.get("desk")
    if text is None:
        return None
    found = desks.get(text) or desks.get(normalise_header(text))
    if found is None:
        known = ", ".join(sorted(set(desks.values()))) or "none"
        row.fail("unknown desk", "desk", expected=f"an ID DESK of the Desk sheet ({known})", actual=text)
    return found


def _read_desks(reader: _Reader, notes: Any) -> tuple[list[Desk], dict[str, str]]:
    order: list[str] = []
    parts: dict[str, dict[str, Any]] = {}
    for cells, provenance, where in reader.rows["desks"]:
        row = _Row(reader, cells, where, notes)
        ident = row.get("id", required=True, expected="an ID DESK such as D1")
        name, sectors, outcome = row.get("name"), row.get("sectors", _codes), row.get("outcome")
        if ident is None:
            continue
        if ident not in parts:
            if name is None:
                row.fail("a new desk needs its name", "name", expected="a NAMA DESK such as Desk Kesehatan")
            order.append(ident)
            parts[ident] = {"name": name, "sectors": sectors or (), "outcomes": [], "row": provenance.row}
        else:
            first = parts[ident]
            if name is not None and name != first["name"]:
                row.fail(
                    f"desk {ident!r} is named differently in row {first['row']}",
                    "name",
                    expected=first["name"],
                    actual=name,
                )
            if sectors and tuple(sectors) != tuple(first["sectors"]):
                row.fail(
                    f"desk {ident!r} has other bidang urusan in row {first['row']}",
                    "sectors",
                    expected=", ".join(str(s) for s in first["sectors"]),
                    actual=cells.get("sectors"),
                )
        if outcome is not None:
            parts[ident]["outcomes"].append(outcome)
    desks = []
    for ident in order:
        part = parts[ident]
        if part["name"] is None:
            continue
        desks.append(Desk(id=ident, name=part["name"], sectors=part["sectors"], outcomes=part["outcomes"]))
    lookup = {d.id: d.id for d in desks} | {normalise_header(d.name): d.id for d in desks}
    lookup |= {normalise_header(d.id): d.id for d in desks}
    return desks, lookup


def _numbered(
    reader: _Reader, key: str, what: str, notes: Any, read: Callable[[_Row, str | None, Provenance], _T | None]
) -> list[_T]:
    """The rows of a table numbered by its NO column, each made by ``read(row, id, provenance)`` (``None``: left out)."""
    rows = [(_Row(reader, cells, where, notes), provenance) for cells, provenance, where in reader.rows[key]]
    out = []
    for (row, provenance), ident in zip(rows, _ids(rows, what), strict=True):
        made = read(row, ident, provenance)
        if made is not None:
            out.append(made)
    return out


def _agreement(desks: dict[str, str], row: _Row, ident: str | None, provenance: Provenance) -> Agreement | None:
    desk = _desk(row, desks)
    agency = row.get("agency", _agency, required=True, expected="the perangkat daerah (id or SKPD code)")
    code = row.get("code", _code, required=True, expected="a sub kegiatan code such as 1.02.02.2.02.0001")
    year = row.get("year", _int, required=True, expected="the plan year, such as 2026")
    target = _target(row)
    pagu = row.get("pagu", to_money)
    outcome, notes_text = row.get("outcome"), row.get("notes")
    if ident is None:
        return None
    return _build(
        row,
        "code",
        Agreement,
        id=ident,
        desk_id=desk,
        agency_id=agency,
        sub_activity=code,
        year=year,
        outcome=outcome,
        target=target,
        pagu=Money(pagu) if pagu is not None else None,
        notes=notes_text,
        provenance=provenance,
    )


def _action(row: _Row, ident: str | None, provenance: Provenance) -> ActionItem | None:
    description = row.get("description", required=True, expected="what must be done")
    owner = row.get("owner", required=True, expected="who must do it")
    due, completed = row.get("due", to_date), row.get("completed", to_date)
    status = row.get("status", _status) or ActionStatus.OPEN
    if ident is None:
        return None
    return _build(
        row,
        "description",
        ActionItem,
        id=ident,
        description=description,
        owner=owner,
        due=due,
        status=status,
        completed=completed,
        provenance=provenance,
    )


def _proposal(row: _Row, ident: str | None, provenance: Provenance) -> Proposal | None:
    government = row.get("government", required=True, expected="the proposing government (kode wilayah)")
    title = row.get("title", required=True, expected="the need proposed")
    rank, year = row.get("rank", _int), row.get("year", _int)
    sector = row.get("sector", _code)
    pagu = row.get("pagu", to_money)
    addressed, justification = row.get("addressed"), row.get("justification")
    if ident is None:
        return None
    return _build(
        row,
        "title",
        Proposal,
        id=ident,
        government_id=government,
        title=title,
        addressed_to=addressed,
        rank=rank,
        justification=justification,
        sector=sector,
        pagu=Money(pagu) if pagu is not None else None,
        year=year,
        provenance=provenance,
    )


def _read_agenda(reader: _Reader, notes: Any) -> list[AgendaItem]:
    out = []
    for cells, _provenance, where in reader.rows["agenda"]:
        row = _Row(reader, cells, where, notes)
        start, speaker = row.get("start", _datetime), row.get("speaker")
        title = row.get("title", required=True, expected="the agenda item")
        item = _build(row, "title", AgendaItem, title=title, start=start, speaker=speaker)
        if item is not None:
            out.append(item)
    return out


def _meeting(reader: _Reader, notes: dict[str, Any]) -> Meeting | None:
    desks, lookup = _read_desks(reader, notes.get("desks", {}))
    parts = {
        key: _party_rows(reader, key, lookup, notes.get(key, {})) for key in ("participants", "invitees", "signatories")
    }
    agreements = _numbered(
        reader, "agreements", "agreement", notes.get("agreements", {}), functools.partial(_agreement, lookup)
    )
    actions = _numbered(reader, "actions", "action", notes.get("actions", {}), _action)
    proposals = _numbered(reader, "proposals", "proposal", notes.get("proposals", {}), _proposal)
    agenda = _read_agenda(reader, notes.get("agenda", {}))
    fields: dict[str, Any] = {}
    where_block = Location(source=reader.source, sheet=MEETING_SHEET)
    converters: dict[str, tuple[Convert, str]] = {
        "kind": (_kind, ", ".join(k.value for k in MeetingKind)),
        "start": (to_date, "a date such as 4/3/2025"),
        "end": (to_date, "a date such as 6/3/2025"),
    }
    for key in HEADER_LABELS:
        if key not in reader.header:
            if key in ("id", "kind", "title", "start"):
                where = reader.blank.get(key) or where_block.evolve(field=key)
                reader.error(
                    f"the header block has no {HEADER_LABELS[key][0]}",
                    where,
                    expected=f"a row '{HEADER_LABELS[key][0]} | …' in the {MEETING_SHEET} sheet (or a line "
                    f"'{HEADER_LABELS[key][0]} : …' above a csv table)",
                )
            continue
        value, where = reader.header[key]
        if isinstance(value, str):
            value = unescape_text(value)
        convert, expected = converters.get(key, (_text, ""))
        try:
            fields[key] = convert(value)
        except CellError as exc:
            reader.error(exc.message, where, expected=exc.expected or expected, actual=value)
    if not {"id", "kind", "title", "start"} <= set(fields):
        return None
    try:
        return Meeting(
            desks=desks,
            participants=parts["participants"],
            invitees=parts["invitees"],
            signatories=parts["signatories"],
            agreements=agreements,
            action_items=actions,
            proposals=proposals,
            agenda=agenda,
            provenance=Provenance(source=reader.source, sheet=MEETING_SHEET),
            **fields,
        )
    except InvalidModel as exc:
        reader.error(f"the meeting cannot be built: {exc}", Location(source=reader.source), actual=exc.reason)
        return None

"""Writing the meeting workbook: the minutes (berita acara) of a Meeting as xlsx, and the empty template.

:func:`render_meeting_workbook` writes a :class:`~sinkron.models.Meeting` as the workbook of
:mod:`sinkron_spreadsheet.meetings` — a printable ``Berita Acara`` sheet first (agreements per desk,
signatory roles), then one sheet per table — and :func:`read_meeting` reads it back into an equal
meeting. Given a :class:`~sinkron.meetings.MeetingTemplate` it writes the empty workbook a desk
secretariat fills in, with a ``Petunjuk`` (instructions) sheet. Written with openpyxl in write-only
mode; text that a spreadsheet program would run as a formula gets a leading apostrophe, which the
reader removes. An amount a spreadsheet number would round (more than 15–16 significant digits) is
written as id-ID text, which the reader reads back exactly, with a :class:`UserWarning` naming it.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from sinkron.exporter import Exporter, write_atomic
from sinkron.meetings import MeetingTemplate, minutes_sections
from sinkron.models import Bundle, Meeting, MeetingKind, Participant, Value
from sinkron.numbers import format_id
from sinkron.options import option
from sinkron_spreadsheet.meetings import GUIDE_SHEET, HEADER_LABELS, MEETING_SHEET, MINUTES_SHEET, TABLES, Table
from sinkron_spreadsheet.writer import _warn_written_as_text, exact_as_number, write_only_cell

__all__ = [
    "MeetingXlsxExporter",
    "render_meeting_workbook",
    "write_meeting_workbook",
]

_DATE = "dd/mm/yyyy"
_DATETIME = "dd/mm/yyyy hh:mm"
_WIDTHS = {
    "NAMA": 36,
    "JABATAN": 28,
    "URAIAN": 48,
    "USULAN": 40,
    "JUSTIFIKASI": 48,
    "INDIKATOR OUTCOME": 40,
    "SASARAN/INDIKATOR OUTCOME": 48,
    "NAMA DESK": 28,
    "ACARA": 40,
    "PERANGKAT DAERAH": 26,
    "KODE SUB KEGIATAN": 20,
    "CATATAN": 32,
    "PENANGGUNG JAWAB": 26,
}


class _Book:
    """A write-only workbook with cell helpers."""

    def __init__(self) -> None:
        from openpyxl import Workbook  # type: ignore[import-untyped]

        self.workbook = Workbook(write_only=True)
        self.sheet: Any = None
        self.amounts_as_text: list[tuple[str, Decimal]] = []
        """(sheet title, amount) of each amount a spreadsheet number would round, written as text."""

    def new_sheet(self, title: str, widths: Sequence[int] = ()) -> None:
        from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

        self.sheet = self.workbook.create_sheet(title=title)
        for i, width in enumerate(widths, start=1):
            self.sheet.column_dimensions[get_column_letter(i)].width = width

    def cell(self, value: Any, *, fmt: str | None = None, bold: bool = False) -> Any:
        return write_only_cell(self.sheet, value, fmt=fmt, bold=bold)

    def row(self, values: Sequence[Any], *, bold: bool = False) -> None:
        self.sheet.append([self._cell(v, bold) for v in values])

    def _cell(self, value: Any, bold: bool) -> Any:
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return self.cell(value, fmt=_DATETIME, bold=bold)
        if isinstance(value, dt.date):
            return self.cell(value, fmt=_DATE, bold=bold)
        if isinstance(value, Decimal):
            if not exact_as_number(value):
                self.amounts_as_text.append((self.sheet.title, value))
                return self.cell(format_id(value), bold=bold)  # 1.234.567,89: read back exactly
            return self.cell(value, fmt="#,##0" if value == value.to_integral_value() else "#,##0.00", bold=bold)
        return self.cell(value, bold=bold)

    def render(self) -> bytes:
        buffer = io.BytesIO()
        self.workbook.save(buffer)
        _warn_written_as_text(self.amounts_as_text)
        return buffer.getvalue()


def _table(book: _Book, table: Table, rows: Sequence[Sequence[Any]]) -> None:
    book.new_sheet(table.sheet, [_WIDTHS.get(c.header, 16) for c in table.columns])
    book.row([c.header for c in table.columns], bold=True)
    for row in rows:
        book.row(row)


def _parties(parties: Sequence[Participant]) -> list[list[Any]]:
    return [[p.government_id, p.agency_id, p.name, p.role, p.desk_id, p.count] for p in parties]


def _target(value: Value | None) -> tuple[str | None, str | None]:
    if value is None:
        return None, None
    return value.text, value.unit


def _table_rows(meeting: Meeting) -> dict[str, list[list[Any]]]:
    desks: list[list[Any]] = []
    for desk in meeting.desks:
        sectors = ", ".join(str(s) for s in desk.sectors) or None
        outcomes: list[str | None] = [*desk.outcomes] or [None]
        desks.append([desk.id, desk.name, sectors, outcomes[0]])
        desks += [[desk.id, None, None, outcome] for outcome in outcomes[1:]]
    return {
        "desks": desks,
        "invitees": _parties(meeting.invitees),
        "participants": _parties(meeting.participants),
        "agenda": [[a.start, a.title, a.speaker] for a in meeting.agenda],
        "agreements": [
            [
                a.id,
                a.desk_id,
                a.agency_id,
                str(a.sub_activity),
                a.outcome,
                *_target(a.target),
                a.pagu.amount if a.pagu is not None else None,
                a.year,
                a.notes,
            ]
            for a in meeting.agreements
        ],
        "actions": [[t.id, t.description, t.owner, t.due, t.status.value, t.completed] for t in meeting.action_items],
        "proposals": [
            [
                p.id,
                p.government_id,
                p.title,
                p.addressed_to,
                p.rank,
                p.justification,
                str(p.sector) if p.sector else None,
                p.pagu.amount if p.pagu else None,
                p.year,
            ]
            for p in meeting.proposals
        ],
        "signatories": _parties(meeting.signatories),
    }


def _header_block(book: _Book, values: dict[str, Any]) -> None:
    book.new_sheet(MEETING_SHEET, (22, 60))
    for key, labels in HEADER_LABELS.items():
        book.row([labels[0], values.get(key)])


def _minutes(book: _Book, meeting: Meeting, bundle: Bundle | None) -> None:
    book.new_sheet(MINUTES_SHEET, (6, 14, 30, 20, 40, 36, 14, 18, 8, 30))
    for section in minutes_sections(meeting, bundle):
        book.row([section.heading], bold=True)
        for line in section.lines:
            book.row([line])
        if section.headers:
            book.row(list(section.headers), bold=True)
            for row in section.rows:
                book.row(list(row))
        book.row([])


_GUIDE = (
    (
        "Rapat",
        "Isi kolom B: ID Rapat (kode unik, misalnya rakortek-prov-2025), Jenis Rapat ("
        + ", ".join(k.label for k in MeetingKind)
        + "), Nama Rapat, Tanggal Mulai/Selesai (tanggal), Penyelenggara "
        "(kode wilayah atau id instansi), Tempat, Pimpinan Rapat, Nomor Berita Acara.",
    ),
    (
        "Desk",
        "Satu baris per desk: ID DESK (D1, D2 …), NAMA DESK, BIDANG URUSAN (1.02; beberapa dipisah koma). Baris "
        "berikutnya dengan ID DESK yang sama menambah sasaran/indikator outcome yang dibahas di desk itu.",
    ),
    (
        "Undangan",
        "Pihak yang diundang: PEMERINTAH (kode wilayah: 62, 62.71), INSTANSI (id/kode), NAMA, JABATAN (Sekda, "
        "Kepala Bappeda …), DESK, JUMLAH orang.",
    ),
    ("Daftar Hadir", "Pihak yang hadir, dengan kolom yang sama seperti Undangan. JUMLAH kosong berarti 1."),
    ("Acara", "WAKTU (tanggal dan jam), ACARA, NARASUMBER."),
    (
        "Kesepakatan",
        "Satu baris per kesepakatan: NO, DESK (ID DESK), PERANGKAT DAERAH (id atau kode SKPD), KODE SUB "
        "KEGIATAN, INDIKATOR OUTCOME yang didukung, TARGET, SATUAN, PAGU (rupiah), TAHUN rencana (Renja/RKPD), CATATAN.",
    ),
    (
        "Tindak Lanjut",
        "NO, URAIAN, PENANGGUNG JAWAB, BATAS WAKTU (tanggal), STATUS (belum, proses, selesai, batal), TANGGAL SELESAI.",
    ),
    (
        "Usulan",
        "NO, PEMERINTAH PENGUSUL (kode wilayah), USULAN, K/L TUJUAN (kode BA, nama atau singkatan), PERINGKAT, "
        "JUSTIFIKASI, BIDANG URUSAN, PAGU (kebutuhan dana), TAHUN.",
    ),
    ("Penandatangan", "Penandatangan berita acara: JABATAN, NAMA, PEMERINTAH/INSTANSI, DESK (kosong: seluruh rapat)."),
)


def render_meeting_workbook(obj: Meeting | MeetingTemplate, *, bundle: Bundle | None = None) -> bytes:
    """The meeting workbook (xlsx bytes): a meeting's minutes and tables, or the empty template."""
    book = _Book()
    if isinstance(obj, MeetingTemplate):
        book.new_sheet(GUIDE_SHEET, (18, 110))
        book.row(["Templat data rapat sinkron (kesepakatan, daftar hadir, tindak lanjut, usulan)"], bold=True)
        book.row(["Lembar", "Cara mengisi"], bold=True)
        for sheet, text in _GUIDE:
            book.row([sheet, text])
        _header_block(book, {"kind": obj.kind.label if obj.kind else None, "title": obj.title})
        template = Meeting(
            id="template",
            kind=obj.kind or MeetingKind.RAKOR,
            title="template",
            start=dt.date(2000, 1, 1),
            desks=obj.desks,
            invitees=obj.invitees,
        )
        rows = _table_rows(template)
    else:
        _minutes(book, obj, bundle)
        _header_block(
            book,
            {
                "id": obj.id,
                "kind": obj.kind.label,
                "title": obj.title,
                "start": obj.start,
                "end": obj.end,
                "host_id": obj.host_id,
                "venue": obj.venue,
                "chair": obj.chair,
                "minutes_number": obj.minutes_number,
            },
        )
        rows = _table_rows(obj)
    for table in TABLES:
        _table(book, table, rows[table.key])
    return book.render()


def write_meeting_workbook(obj: Meeting | MeetingTemplate, target: str | Path, *, bundle: Bundle | None = None) -> Path:
    """Write :func:`render_meeting_workbook` to ``target`` atomically."""
    path = Path(target)
    write_atomic(path, render_meeting_workbook(obj, bundle=bundle))
    return path


@attrs.frozen(kw_only=True)
class MeetingXlsxOptions:
    """The render option of the meeting workbook."""

    bundle: Bundle | None = option(None, "The plans the meeting refers to (names items and their pagu).")


class MeetingXlsxExporter(Exporter):
    """A meeting's minutes (berita acara) as the meeting workbook, or the empty template."""

    name = "meeting-xlsx"
    formats = ("xlsx",)
    extension = ".xlsx"
    accepts = (Meeting, MeetingTemplate)
    requires = ("openpyxl",)
    install = "sinkron-spreadsheet"
    description = "meeting minutes / template as the meeting workbook (reads back into the same meeting)"
    render_options = MeetingXlsxOptions
    binary = True

    def render(self, obj: Any, **options: Any) -> bytes:
        return render_meeting_workbook(obj, bundle=options.get("bundle"))

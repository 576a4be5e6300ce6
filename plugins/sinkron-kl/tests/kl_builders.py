"""Synthetic files in the real shapes: a SAKTI Kertas Kerja sheet and KRISNA Renja K/L records.

The codes follow the real formats (``022.12.DL``, ``3996.AEC.002``, ``4627.EB994``); names and
amounts are invented (re-typed in the style of the Kemenhub reference rows, never copied).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
from openpyxl import Workbook

#: Kertas Kerja columns, 1-based for openpyxl (B = KODE … V = Jumlah, AG = Sumber dana).
KODE, URAIAN, VOL, SATUAN, HARGA, JUMLAH, SUMBER = 2, 3, 19, 20, 21, 22, 33
SEGMENTS = ((5, 6), (8, 9), (11, 12), (14, 15), (17, 18))


@attrs.frozen
class Line:
    """One Kertas Kerja row."""

    kode: str | None
    uraian: str | None
    jumlah: int | str | None = None
    vol: int | None = None
    satuan: str | None = None
    harga: int | None = None
    sumber: str | None = None
    segments: tuple[tuple[int, str], ...] = ()


def detail(
    uraian: str,
    vol: int,
    satuan: str,
    harga: int,
    jumlah: int | None = None,
    segments: tuple[tuple[int, str], ...] = (),
) -> Line:
    return Line(None, f"- {uraian}", vol * harga if jumlah is None else jumlah, vol, satuan, harga, None, segments)


#: A satker of the Kemenhub-like BA 022 in T.A. 2026: an operational block before the first program,
#: a KRO row missing (3996.BMA is implied by its RO), a kegiatan row after its KRO (out of order),
#: and a compact RO code (4627.EB994 for 4627.EBA.994).
OPERATIONAL = 120 * 5_000_000
AEC_DETAIL = 400 * 25_000
BMA_DETAIL = 6 * 4_500_000
OFFICE_DETAIL = 12 * 9_000_000
TOTAL = OPERATIONAL + AEC_DETAIL + BMA_DETAIL + OFFICE_DETAIL

PREAMBLE: tuple[tuple[str, ...], ...] = (
    ("KERTAS KERJA SATKER T.A. 2026",),
    ("KEMENTERIAN NEGARA/LEMBAGA", ": (022) KEMENTERIAN PERHUBUNGAN"),
    ("SATKER", ": (654321) POLITEKNIK TRANSPORTASI CONTOH"),
)


def kertas_kerja_lines(total: int = TOTAL) -> list[Line]:
    return [
        Line("022.12", "BADAN PENGEMBANGAN SDM PERHUBUNGAN", total),
        # operational block before the first program (salaries)
        Line("001", "Gaji dan Tunjangan", OPERATIONAL),
        Line("A", "Pembayaran Gaji", OPERATIONAL),
        Line("511111", "Belanja Gaji Pokok PNS", OPERATIONAL, sumber="RM"),
        detail("Gaji pokok", 120, "OB", 5_000_000, segments=((12, "BLN"), (10, "ORG"))),
        Line("022.12.DL", "Program Pendidikan dan Pelatihan Vokasi", AEC_DETAIL + BMA_DETAIL),
        Line("3996", "Pendidikan Transportasi", AEC_DETAIL + BMA_DETAIL),
        Line("3996.AEC", "Kerja sama", AEC_DETAIL),
        Line("3996.AEC.002", "Kerja Sama Pendidikan Vokasi", AEC_DETAIL, vol=2, satuan="Layanan"),
        Line("051", "Penyelenggaraan Kerja Sama", AEC_DETAIL),
        Line("A", "Kerja Sama Dalam Negeri", AEC_DETAIL),
        Line("521211", "Belanja Bahan", AEC_DETAIL, sumber="RM"),
        detail("Penggandaan naskah kerja sama", 400, "EKS", 25_000),
        # no KRO row for 3996.BMA: the RO implies it
        Line("3996.BMA.005", "Dokumen Hasil Evaluasi Pasca Diklat", BMA_DETAIL, vol=1, satuan="Dokumen"),
        Line("052", "Evaluasi Pasca Diklat", BMA_DETAIL),
        Line("524111", "Belanja Perjalanan Dinas Biasa", BMA_DETAIL, sumber="BLU"),
        detail("Perjalanan evaluasi", 6, "OK", 4_500_000, segments=((3, "ORG"), (2, "KALI"))),
        Line("022.12.WA", "Program Dukungan Manajemen", OFFICE_DETAIL),
        # the KRO comes before its kegiatan row, and the RO is written in the compact form
        Line("4627.EBA", "Layanan Dukungan Manajemen Internal", OFFICE_DETAIL),
        Line("4627", "Dukungan Manajemen dan Pelaksanaan Tugas Teknis Lainnya", OFFICE_DETAIL),
        Line("4627.EB994", "Layanan Perkantoran", OFFICE_DETAIL, vol=1, satuan="Layanan"),
        Line("002", "Operasional dan Pemeliharaan Kantor", OFFICE_DETAIL),
        Line("521111", "Belanja Keperluan Perkantoran", OFFICE_DETAIL, sumber="RM"),
        detail("Langganan daya dan jasa", 12, "BLN", 9_000_000),
    ]


def kertas_kerja(
    path: Path,
    lines: Sequence[Line] | None = None,
    *,
    preamble: Sequence[Sequence[str]] = PREAMBLE,
    numbering: bool = True,
    jumlah_header: str = "JUMLAH",
) -> Path:
    """Write a Kertas Kerja sheet in the SAKTI layout (preamble, header, column numbers, rows)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Kertas Kerja"
    row = 1
    for texts in preamble:
        for column, text in enumerate(texts, start=2):
            sheet.cell(row=row, column=column, value=text)
        row += 1
    row += 1
    for column, text in (
        (KODE, "KODE"),
        (URAIAN, "URAIAN"),
        (VOL, "VOLUME"),
        (SATUAN, "SATUAN"),
        (HARGA, "HARGA SATUAN"),
        (JUMLAH, jumlah_header),
        (SUMBER, "SUMBER DANA"),
    ):
        sheet.cell(row=row, column=column, value=text)
    row += 1
    if numbering:
        for n, column in enumerate((KODE, URAIAN, VOL, SATUAN, HARGA, JUMLAH), start=1):
            sheet.cell(row=row, column=column, value=f"({n})")
        row += 1
    for line in lines if lines is not None else kertas_kerja_lines():
        values: dict[int, Any] = {
            KODE: line.kode,
            URAIAN: line.uraian,
            VOL: line.vol,
            SATUAN: line.satuan,
            HARGA: line.harga,
            JUMLAH: line.jumlah,
            SUMBER: line.sumber,
        }
        for (q_col, s_col), (quantity, unit) in zip(SEGMENTS, line.segments):
            values[q_col], values[s_col] = quantity, unit
        for column, value in values.items():
            if value is not None:
                sheet.cell(row=row, column=column, value=value)
        row += 1
    workbook.save(path)
    return path


def first_data_row(preamble: Sequence[Sequence[str]] = PREAMBLE, numbering: bool = True) -> int:
    """The spreadsheet row of the first Kertas Kerja line."""
    return len(preamble) + 1 + 1 + (1 if numbering else 0) + 1


# -- KRISNA ---------------------------------------------------------------------------------------------


def krisna_record(**changes: Any) -> dict[str, Any]:
    """One RO record of a KRISNA Renja K/L export (amounts in ribuan rupiah)."""
    record: dict[str, Any] = {
        "tahun": 2026,
        "kementerian_kode": "032",
        "kementerian_nama": "Kementerian Kelautan dan Perikanan",
        "kementerian_nama_alias": "KKP",
        "program_kode": "032.04.CE",
        "program_nama": "Program Pengelolaan Perikanan dan Kelautan",
        "kegiatan_kode": "5678",
        "kegiatan_nama": "Pengelolaan Perikanan Budidaya",
        "output_kode": "RBK",
        "output_nama": "Prasarana Bidang Perikanan",
        "suboutput_kode": "001",
        "suboutput_nama": "Kampung Perikanan Budidaya yang Dibangun",
        "satuan": "Kawasan",
        "target": 3,
        "alokasi_total": Decimal("4500000"),
        "realisasi_rka_ro": 0,
        "lokasi_alokasi": [
            {"kode_lokasi": "62.02", "nama_lokasi": "Kab. Kotawaringin Timur", "target": 2, "alokasi": 3000000},
            {"kode_lokasi": "6271", "nama_lokasi": "Kota Palangka Raya", "target": 1, "alokasi": "1.500.000"},
        ],
        "komponen": [
            {
                "kdkmpnen": "051",
                "nmkmpnen": "Pembangunan Kolam",
                "jenis_komponen": "Utama",
                "indikator_pbj": "Kontraktual",
                "indikator_komponen": "Kolam terbangun",
                "satuan": "Unit",
                "target": 40,
                "alokasi_total": 4200000,
            },
            {
                "kdkmpnen": "052",
                "nmkmpnen": "Pendampingan",
                "jenis_komponen": "Pendukung",
                "satuan": "Kegiatan",
                "target": 6,
                "alokasi_total": 300000,
            },
        ],
    }
    record.update(changes)
    return record


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value) if value != value.to_integral_value() else int(value)
    raise TypeError(type(value).__name__)


def krisna_file(path: Path, records: Sequence[Any], *, envelope: bool = False) -> Path:
    document: Any = {"status": "ok", "data": list(records)} if envelope else list(records)
    path.write_text(json.dumps(document, default=_default, ensure_ascii=False, indent=1), encoding="utf-8")
    return path

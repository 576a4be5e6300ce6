"""Write the sample inputs of docs/examples/data: small, synthetic files in each layout sinkron reads.

Run from the repository root to regenerate them (``python docs/examples/data/make_samples.py``), or give
a folder to write them elsewhere (the tests do, and compare the result with the committed files).

Every name of a perangkat daerah, every indicator, target, location and rupiah figure here is invented;
the codes and official names (urusan, bidang, program, kegiatan, sub kegiatan) are the shipped
Kepmendagri 900 nomenclature's. The files are written with openpyxl, as a program writes them: formulas
are saved without their values (Excel and LibreOffice save both). Output is byte-for-byte deterministic:
the zip members carry a fixed date and the workbook properties a fixed creation time.

See README.md beside this file for what each file shows and the findings it gives.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import sys
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.worksheet.worksheet import Worksheet  # type: ignore[import-untyped]

HERE = Path(__file__).resolve().parent

#: The date every generated file says it was made (zip members and workbook properties).
STAMP = dt.datetime(2025, 6, 2, 8, 0, 0)

DINKES = ("1.02.0.00.0.00.01.0000", "Dinas Kesehatan")
DPUPR = ("1.03.0.00.0.00.01.0000", "Dinas Pekerjaan Umum dan Penataan Ruang")

URUSAN_1 = "URUSAN PEMERINTAHAN WAJIB YANG BERKAITAN DENGAN PELAYANAN DASAR"
BIDANG_KESEHATAN = "URUSAN PEMERINTAHAN BIDANG KESEHATAN"
BIDANG_PUPR = "URUSAN PEMERINTAHAN BIDANG PEKERJAAN UMUM DAN PENATAAN RUANG"
PENUNJANG = "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"
PERENCANAAN = "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah"
UPAYA_KESEHATAN = "PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT"
LAYANAN_RUJUKAN = "Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah Kabupaten/Kota"
SPAM = "PROGRAM PENGELOLAAN DAN PENGEMBANGAN SISTEM PENYEDIAAN AIR MINUM"
SPAM_KEGIATAN = "Pengelolaan dan Pengembangan Sistem Penyediaan Air Minum (SPAM) di Daerah Kabupaten/Kota"
AIR_LIMBAH = "PROGRAM PENGELOLAAN DAN PENGEMBANGAN SISTEM AIR LIMBAH"
AIR_LIMBAH_KEGIATAN = "Pengelolaan dan Pengembangan Sistem Air Limbah Domestik dalam Daerah Kabupaten/Kota"

#: Sub kegiatan of Dinas Kesehatan used across the samples: code, official name.
IBU_HAMIL = ("1.02.02.2.02.0001", "Pengelolaan Pelayanan Kesehatan Ibu Hamil")
IBU_BERSALIN = ("1.02.02.2.02.0002", "Pengelolaan Pelayanan Kesehatan Ibu Bersalin")
BAYI = ("1.02.02.2.02.0003", "Pengelolaan Pelayanan Kesehatan Bayi Baru Lahir")
BALITA = ("1.02.02.2.02.0004", "Pengelolaan Pelayanan Kesehatan Balita")
GIZI = ("1.02.02.2.02.0015", "Pengelolaan Pelayanan Kesehatan Gizi Masyarakat")
DOKUMEN_PERENCANAAN = ("1.02.01.2.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah")

RENJA_HEADER = (
    "KODE SUB KEGIATAN", "PROGRAM DAN KEGIATAN", "TOLAK UKUR CAPAIAN KEG.", "TARGET KINERJA CAPAIAN KEG.",
    "TOLAK UKUR KELUARAN", "TARGET KINERJA KELUARAN", "TOLAK UKUR HASIL", "TARGET KINERJA HASIL", "SUMBER DANA",
    "LOKASI", "KELUARAN SUB KEG.", "AWAL PELAKSANAAN", "AKHIR PELAKSANAAN", "JUMLAH PAGU", "KETERANGAN",
)  # fmt: skip

RENSTRA_HEADER = (
    "SASARAN", "KODE", "PROGRAM DAN KEGIATAN", "SATUAN", "INDIKATOR", "DATA CAPAIAN AWAL",
    "TARGET TAHUN 1", "DANA TAHUN 1", "TARGET TAHUN 2", "DANA TAHUN 2", "TARGET TAHUN 3", "DANA TAHUN 3",
    "TARGET TAHUN 4", "DANA TAHUN 4", "TARGET TAHUN 5", "DANA TAHUN 5", "LOKASI", "KETERANGAN",
)  # fmt: skip

RINCIAN_HEADER = (
    "KODE AKUN", "URAIAN", "JENIS KELOMPOK", "KELOMPOK", "JENIS KOMPONEN", "NAMA KOMPONEN", "HARGA SAT. KOMPONEN",
    "SATUAN KOMPONEN", "SATUAN", "VOLUME", "JUMLAH", "KODE SUMBER DANA", "KETERANGAN",
)  # fmt: skip

#: The three-row merged header of the RKPD report (Permendagri 86/2017): cell range, text.
RKPD_HEADER = (
    ("A{0}:E{2}", "Kode"),
    ("F{0}:F{2}", "Urusan/Bidang Urusan Pemerintahan Daerah Dan Program/Kegiatan"),
    ("G{0}:I{0}", "Indikator Kinerja"),
    ("J{0}:O{0}", "Rencana Tahun {year}"),
    ("P{0}:P{2}", "Catatan Penting"),
    ("Q{0}:S{0}", "Prakiraan Maju Rencana Tahun {next}"),
    ("G{1}:G{2}", "Capaian Program"),
    ("H{1}:H{2}", "Keluaran Sub Kegiatan"),
    ("I{1}:I{2}", "Hasil Kegiatan"),
    ("J{1}:J{2}", "Lokasi Output Kegiatan"),
    ("K{1}:M{1}", "Target Capaian Kinerja"),
    ("N{1}:N{2}", "Pagu Indikatif (Rp.)"),
    ("O{1}:O{2}", "Sumber Dana"),
    ("Q{1}:R{1}", "Target Capaian Kinerja"),
    ("S{1}:S{2}", "Kebutuhan Dana/Pagu Indikatif (Rp.)"),
    ("K{2}", "Program"),
    ("L{2}", "Keluaran Sub Kegiatan"),
    ("M{2}", "Hasil Kegiatan"),
    ("Q{2}", "Tolok Ukur"),
    ("R{2}", "Target"),
)


# -- writing ---------------------------------------------------------------------------------------------------------
def save(workbook: Workbook, path: Path) -> Path:
    """Save ``workbook`` at ``path`` with fixed dates, so the same generator gives the same bytes."""
    workbook.properties.creator = "sinkron make_samples.py"
    workbook.properties.created = STAMP
    workbook.properties.modified = STAMP
    buffer = io.BytesIO()
    workbook.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = source.read(member.filename)
            if member.filename == "docProps/core.xml":  # openpyxl stamps the saving time
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + STAMP.isoformat().encode() + b"Z", data)
            info = zipfile.ZipInfo(member.filename, date_time=STAMP.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, data)
    return path


def new_sheet(title: str) -> tuple[Workbook, Worksheet]:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    return workbook, sheet


def append(sheet: Worksheet, rows: Sequence[Sequence[Any]]) -> None:
    for row in rows:
        sheet.append(list(row))


def number_format(sheet: Worksheet, columns: str, rows: range, fmt: str) -> None:
    """Give the cells of ``columns`` (letters) in ``rows`` the number format ``fmt``."""
    for row in rows:
        for column in columns:
            sheet[f"{column}{row}"].number_format = fmt


# -- Renja PD / DPA sub kegiatan sheet -------------------------------------------------------------------------------
def renja_rows(revised: bool) -> list[list[Any]]:
    """The sub kegiatan rows of the Dinas Kesehatan Renja 2026; ``revised`` is the later revision of it."""
    start, end = dt.datetime(2026, 1, 5), dt.datetime(2026, 12, 31)
    capaian = ("Persentase ibu dan anak yang mendapat layanan kesehatan sesuai standar", 0.95)
    hasil = ("Cakupan layanan kesehatan ibu dan anak", 0.9)
    rows: list[list[Any]] = [
        [DOKUMEN_PERENCANAAN[0], DOKUMEN_PERENCANAAN[1], "Persentase dokumen perencanaan yang tepat waktu", 1.0,
         "Jumlah dokumen perencanaan perangkat daerah", "3 Dokumen", "Persentase dokumen yang disahkan", 1.0,
         "1.1 PAD", "Kab. Sukamaju", "Renja dan Renstra perubahan", start, end, 84_500_000, None],
        [IBU_HAMIL[0], IBU_HAMIL[1], *capaian, "Jumlah ibu hamil yang mendapat pelayanan", "1.240 Orang", *hasil,
         "DAU", "Kec. Sukamaju;\nKec. Tanjung Sari", "Ibu hamil terlayani", start, end,
         312_400_000 if revised else 296_200_000, None],
        [IBU_BERSALIN[0], IBU_BERSALIN[1], *capaian, "Jumlah ibu bersalin yang mendapat pelayanan", "1.180 Orang",
         *hasil, "DAU", "Kec. Sukamaju;\nKec. Tanjung Sari", "Ibu bersalin terlayani", start, end, 187_650_000, None],
        [BAYI[0], BAYI[1], *capaian, "Jumlah bayi baru lahir yang mendapat pelayanan", "1.150 Orang", *hasil,
         "DAU", "Semua kecamatan", "Bayi baru lahir terlayani", start, end, 143_000_000, None],
    ]  # fmt: skip
    if revised:  # the revision drops the balita sub kegiatan and adds gizi masyarakat
        rows.append([GIZI[0], GIZI[1], *capaian, "Jumlah dokumen hasil pengelolaan gizi masyarakat", "2 Dokumen",
                     *hasil, "DAK Non Fisik", "Semua kecamatan", "Dokumen gizi masyarakat", start, end, 96_000_000,
                     "usulan perubahan"])  # fmt: skip
    else:
        rows.append([BALITA[0], BALITA[1], *capaian, "Jumlah balita yang mendapat pelayanan", "2.600 Orang", *hasil,
                     "DAU", "Semua kecamatan", "Balita terlayani", start, end, 158_750_000, None])  # fmt: skip
    return rows


def renja(path: Path, *, revised: bool = False) -> Path:
    """A Renja PD sub kegiatan sheet (sesendok *Format Sub Kegiatan Renja/DPA/DPPA*) with a title and unit line."""
    workbook, sheet = new_sheet("Sub Keg")
    title = "RENCANA KERJA PERANGKAT DAERAH TAHUN 2026" + (" (PERUBAHAN)" if revised else "")
    above: list[list[Any]] = [[title], [f"Unit Organisasi : {DINKES[0]} {DINKES[1]}"]]
    if revised:
        above.append(["Revisi : 1"])
    append(sheet, [*above, RENJA_HEADER, *renja_rows(revised)])
    first = len(above) + 2
    number_format(sheet, "DH", range(first, sheet.max_row + 1), "0%")
    number_format(sheet, "LM", range(first, sheet.max_row + 1), "d/m/yyyy")
    number_format(sheet, "N", range(first, sheet.max_row + 1), "#,##0")
    return save(workbook, path)


# -- Renstra PD, the messy one ---------------------------------------------------------------------------------------
def renstra_messy(path: Path) -> Path:
    """A Renstra PD of the public works agency in the sesendok *Renstra Template* shape, with every real defect.

    As in the template, a kegiatan row totals its rows by formula and later years project the first by
    ``ROUNDDOWN(…*1.15,-3)``, saved without values (openpyxl writes none). Defects, by row: 12 an empty
    code beside an official name; 13 the code of row 10 again; 14 a program pagu that is not its
    kegiatan's; 15 a kegiatan pagu that counts rows 18 and 19, which cannot be read; 17 row 16's indicator
    again; 18 a row that cannot be placed; 19 a pagu typed with the letter O for zeros; 20 a code without
    its name; 21 targets without their indicator, and a lookup formula sinkron does not compute.
    """
    workbook, sheet = new_sheet("RENSTRA")

    def sub(code: str | None, name: str | None, unit: str, indicator: str | None, baseline: Any,
            targets: Sequence[Any], pagu: Sequence[Any], location: Any = "Kab. Sukamaju") -> list[Any]:  # fmt: skip
        """A sub kegiatan row: targets and pagu for five years."""
        return [None, code, name, unit, indicator, baseline, *(c for pair in zip(targets, pagu) for c in pair),
                location, None]  # fmt: skip

    def total(first: int, last: int) -> list[Any]:
        """The five pagu of rows ``first``…``last`` (Excel rows), as numbers written by hand."""
        columns = [7 + 2 * year for year in range(5)]
        cells = [rows[row - 1] + [None] * len(RENSTRA_HEADER) for row in range(first, last + 1)]
        return [sum(row[column] for row in cells if isinstance(row[column], int)) for column in columns]

    def with_pagu(cells: list[Any], pagu: Sequence[Any]) -> list[Any]:
        """``cells`` (up to DATA CAPAIAN AWAL) followed by targets and ``pagu``: the targets as in ``cells[6:]``."""
        targets = cells[6:] + [None] * (5 - len(cells[6:]))
        return [*cells[:6], *(c for pair in zip(targets, pagu) for c in pair)]

    projected = [f"=ROUNDDOWN({column}6*1.15,-3)" for column in "HJLN"]
    rows: list[list[Any]] = [
        list(RENSTRA_HEADER),
        [None, 1, URUSAN_1],  # row 2: the urusan code as a number
        [None, "1.3", BIDANG_PUPR],  # row 3: the bidang as the template writes it
        ["Meningkatnya akuntabilitas kinerja perangkat daerah", "x.xx.01", PENUNJANG, "Nilai", "Nilai SAKIP", "B",
         "B", "B", "BB", "BB", "A"],  # row 4: the generic penunjang program; its pagu below
        with_pagu([None, "x.xx.01.2.01", PERENCANAAN, "Dokumen", "Jumlah dokumen perencanaan dan evaluasi", 6,
                   6, 6, 6, 6, 6], [f'=_xlfn.IFERROR(SUM({column}6:{column}7),"")' for column in "HJLNP"]),
        sub("x.xx.01.2.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah", "Dokumen",
            "Jumlah dokumen perencanaan perangkat daerah", 2, [2, 2, 2, 2, 2], [75_000_000, *projected]),
        sub("x.xx.01.2.01.0007", "Evaluasi Kinerja Perangkat Daerah", "Laporan", "Jumlah laporan evaluasi kinerja",
            4, [4, 4, 4, 4, 4], [42_000_000, 44_000_000, 46_000_000, 48_000_000, 50_000_000]),
        ["Meningkatnya akses air minum layak", "1.03.03", SPAM, "%",
         "Persentase rumah tangga dengan akses air minum layak", "78 %", "80 %", "83 %", "86 %", "89 %", "92 %"],
        [None, "1.03.03.2.01", SPAM_KEGIATAN, "SR", "Jumlah sambungan rumah baru", 3_200, 800, 800, 800, 800, 800],
        sub("1.03.03.2.01.0022", "Pembangunan Sistem Penyediaan Air Minum (SPAM) Bukan Jaringan Perpipaan", "Unit",
            "Jumlah unit SPAM bukan jaringan perpipaan terbangun", 12, [6, 6, 8, 8, 10],
            [1_250_000_000, 1_250_000_000, 1_600_000_000, 1_600_000_000, 2_000_000_000]),
        sub("1.03.03.2.01.0026", "Peningkatan Sistem Penyediaan Air Minum (SPAM) Jaringan Perpipaan", "Liter/Detik",
            "Tambahan kapasitas SPAM jaringan perpipaan", 40, [10, 10, 15, 15, 20],
            [2_480_000_000, 2_480_000_000, 3_700_000_000, 3_700_000_000, 4_900_000_000]),
        sub(None, "Operasi dan Pemeliharaan Sistem Penyediaan Air Minum (SPAM)", "Unit",
            "Jumlah unit SPAM yang dioperasikan dan dipelihara", 9, [10, 11, 12, 13, 14],
            [640_000_000, 700_000_000, 770_000_000, 840_000_000, 910_000_000]),  # row 12: no code
        sub("1.03.03.2.01.0022", "Pembangunan Sistem Penyediaan Air Minum (SPAM) Bukan Jaringan Perpipaan", "Unit",
            "Jumlah penerima manfaat SPAM bukan jaringan perpipaan", 1_200, [600, 600, 800, 800, 1_000],
            [None] * 5),  # row 13: the code of row 10 again
        ["Meningkatnya akses sanitasi layak", "1.03.05", AIR_LIMBAH, "%",
         "Persentase rumah tangga dengan akses sanitasi layak", "70 %", "73 %", "76 %", "79 %", "82 %", "85 %"],
        [None, "1.03.05.2.01", AIR_LIMBAH_KEGIATAN, "Unit", "Jumlah unit layanan air limbah domestik", 5, 6, 7, 8, 9,
         10],  # row 15
        sub("1.03.05.2.01.0019", "Optimalisasi Instalasi Pengolahan Lumpur Tinja (IPLT)", "M³/Hari",
            "Kapasitas IPLT yang dioptimalkan", 20, [20, 25, 30, 35, 40],
            [860_000_000, 900_000_000, 950_000_000, 1_000_000_000, 1_050_000_000]),  # row 16
        [None, None, None, "M³/Hari", "Kapasitas IPLT yang dioptimalkan", None, 20],  # row 17: the indicator again
        [None, None, "Pengadaan sarana pendukung lainnya", "Paket", None, None, 1, 25_000_000],  # row 18
        sub("1.03.05.2.01.0037", "Penyediaan Sarana Pengangkutan Lumpur Tinja", "Unit",
            "Jumlah truk tinja yang disediakan", 2, [1, 1, 1, 1, 1],
            ["Rp 1.2OO.000.OOO", 1_250_000_000, 1_300_000_000, 1_350_000_000, 1_400_000_000]),  # row 19
        sub("1.03.05.2.01.0038", None, "Unit", "Jumlah SPALD yang dioperasikan dan dipelihara", 3, [3, 4, 5, 6, 7],
            [310_000_000, 330_000_000, 350_000_000, 370_000_000, 390_000_000]),  # row 20: no name
        sub("1.03.05.2.01.0040", "Pembinaan dan Pemberdayaan Masyarakat dalam Pengembangan Sistem Pengelolaan Air "
            "Limbah Domestik (SPALD)", "Orang", None, 150, [150, 150, 200, 200, 250],
            [90_000_000, 90_000_000, 120_000_000, 120_000_000, 150_000_000],
            location="=VLOOKUP(B21,Lokasi!A:B,2,0)"),  # row 21: no indicator; a lookup
    ]  # fmt: skip
    penunjang = [75_000_000]
    for _ in projected:  # what ROUNDDOWN(…*1.15,-3) gives, year after year
        penunjang.append(penunjang[-1] * 115 // 100 // 1000 * 1000)
    rows[3] = with_pagu(rows[3], [a + b for a, b in zip(penunjang, total(7, 7))])
    rows[7] = with_pagu(rows[7], total(10, 12))
    rows[8] = with_pagu(rows[8], total(10, 12))
    limbah = [1_200_000_000 + total(16, 21)[0], *total(16, 21)[1:]]  # the mistyped pagu of row 19 counted
    rows[14] = with_pagu(rows[14], limbah)
    rows[13] = with_pagu(rows[13], [*limbah[:2], limbah[2] + 100_000_000, *limbah[3:]])  # 2027 off by 100 juta
    append(sheet, rows)
    number_format(sheet, "HJLNP", range(2, sheet.max_row + 1), "#,##0")
    return save(workbook, path)


# -- Renstra PD, consistent, and its tujuan/sasaran list -------------------------------------------------------------
def renstra_clean(path: Path) -> Path:
    """The Renstra PD 2025–2029 of Dinas Kesehatan: plain numbers, subtotals that add up, the period above the header."""
    workbook, sheet = new_sheet("RENSTRA")

    def sub(code: str, name: str, unit: str, indicator: str, baseline: int, targets: Sequence[int],
            pagu: Sequence[int]) -> list[Any]:  # fmt: skip
        cells: list[Any] = [None, code, name, unit, indicator, baseline]
        for target, dana in zip(targets, pagu):
            cells += [target, dana]
        return [*cells, "Kab. Sukamaju", None]

    subs = [
        sub(*IBU_HAMIL, "Orang", "Jumlah ibu hamil yang mendapat pelayanan", 1_200, [1_240, 1_260, 1_280, 1_300, 1_320],
            [296_200_000, 305_000_000, 314_000_000, 323_000_000, 333_000_000]),
        sub(*IBU_BERSALIN, "Orang", "Jumlah ibu bersalin yang mendapat pelayanan", 1_150,
            [1_180, 1_200, 1_220, 1_240, 1_260], [187_650_000, 193_000_000, 199_000_000, 205_000_000, 211_000_000]),
        sub(*BAYI, "Orang", "Jumlah bayi baru lahir yang mendapat pelayanan", 1_120, [1_150, 1_170, 1_190, 1_210, 1_230],
            [143_000_000, 147_000_000, 151_000_000, 156_000_000, 160_000_000]),
    ]  # fmt: skip
    totals = [sum(row[7 + 2 * year] for row in subs) for year in range(5)]

    def subtotal(targets: Sequence[Any]) -> list[Any]:
        """Target and dana cells of the program or kegiatan row: its own targets, the sum of the sub kegiatan."""
        return [cell for target, total in zip(targets, totals) for cell in (target, total)]

    append(sheet, [
        ["RENCANA STRATEGIS DINAS KESEHATAN"],
        [f"Unit Organisasi : {DINKES[0]} {DINKES[1]}"],
        ["Periode : 2025-2029"],
        RENSTRA_HEADER,
        [None, 1, URUSAN_1],
        [None, "1.02", BIDANG_KESEHATAN],
        ["Meningkatnya derajat kesehatan ibu dan anak", "1.02.02", UPAYA_KESEHATAN, "per 100.000 KH",
         "Angka kematian ibu", 110, *subtotal([105, 100, 95, 90, 85])],
        [None, "1.02.02.2.02", LAYANAN_RUJUKAN, "%", "Cakupan layanan kesehatan ibu dan anak", "85 %",
         *subtotal(["87 %", "89 %", "91 %", "93 %", "95 %"])],
        *subs,
    ])  # fmt: skip
    number_format(sheet, "HJLNP", range(5, sheet.max_row + 1), "#,##0")
    return save(workbook, path)


def tujuan_sasaran(path: Path) -> Path:
    """The tujuan/sasaran list of the same Renstra; one cell repeats an indicator, as real lists do."""
    workbook, sheet = new_sheet("tujuan sasaran")
    append(sheet, [
        ["Unit Organisasi : " + " ".join(DINKES)],
        ["Periode : 2025-2029"],
        ["KELOMPOK", "TUJUAN/SASARAN", "INDIKATOR SASARAN", "KETERANGAN"],
        ["Tujuan", "Meningkatkan derajat kesehatan masyarakat", "Usia harapan hidup", None],
        ["Sasaran", "Meningkatnya derajat kesehatan ibu dan anak", "Angka kematian ibu;\nAngka kematian bayi", None],
        ["Sasaran", "Meningkatnya mutu layanan kesehatan rujukan",
         "Persentase fasilitas kesehatan terakreditasi;\nPersentase fasilitas kesehatan terakreditasi", None],
        ["Tujuan", "Meningkatkan tata kelola perangkat daerah", "Nilai SAKIP perangkat daerah", None],
        ["Sasaran", "Meningkatnya akuntabilitas kinerja perangkat daerah", "Nilai SAKIP perangkat daerah",
         "diukur tahunan"],
    ])  # fmt: skip
    return save(workbook, path)


# -- RKPD report -----------------------------------------------------------------------------------------------------
def rkpd_report(path: Path) -> Path:
    """The RKPD 2026 report *Program dan Kegiatan Perangkat Daerah* for two perangkat daerah, as SIPD renders it.

    Under the merged three-row header, the row of column numbers ``(1) … (19)``; urusan, bidang,
    program and kegiatan rows carry the sum of the rows under them, and a TOTAL row ends the sheet.
    """
    workbook, sheet = new_sheet("RKPD")
    sheet.append(["RENCANA KERJA PEMERINTAH DAERAH TAHUN 2026"])
    sheet.append(["PROGRAM DAN KEGIATAN PERANGKAT DAERAH"])
    top = 3
    for cells, text in RKPD_HEADER:
        ref = cells.format(top, top + 1, top + 2)
        sheet[ref.split(":")[0]] = text.format(year=2026, next=2027)
        if ":" in ref:
            sheet.merge_cells(ref)
    sheet.append([f"({number})" for number in range(1, 20)])

    def line(code: Sequence[Any], name: str, pagu: int, next_pagu: int, **cells: Any) -> list[Any]:
        row: list[Any] = [*code, *[None] * (5 - len(code)), name] + [None] * 13
        row[13], row[18] = pagu, next_pagu
        for column, value in cells.items():
            row[ord(column) - ord("A")] = value
        return row

    dinkes = [
        [f"Unit Organisasi : {DINKES[0]} {DINKES[1].upper()}"],
        [f"Sub Unit Organisasi : {DINKES[0]} {DINKES[1].upper()}"],
        line([1], URUSAN_1, 626_850_000, 659_000_000),
        line([1, 2], BIDANG_KESEHATAN, 626_850_000, 659_000_000),
        line([1, 2, 2], UPAYA_KESEHATAN, 626_850_000, 659_000_000,
             G="Persentase ibu dan anak yang mendapat layanan kesehatan sesuai standar", K="95 %"),
        line([1, 2, 2, "2.02"], LAYANAN_RUJUKAN, 626_850_000, 659_000_000,
             I="Cakupan layanan kesehatan ibu dan anak", M="90 %"),
        line([1, 2, 2, "2.02", 1], IBU_HAMIL[1], 296_200_000, 311_000_000,
             H="Jumlah ibu hamil yang mendapat pelayanan", J="Kec. Sukamaju;\nKec. Tanjung Sari", L="1.240 Orang",
             O="DAU", Q="Jumlah ibu hamil yang mendapat pelayanan", R="1.260 Orang"),
        line([1, 2, 2, "2.02", 2], IBU_BERSALIN[1], 187_650_000, 197_000_000,
             H="Jumlah ibu bersalin yang mendapat pelayanan", J="Semua kecamatan", L="1.180 Orang", O="DAU",
             Q="Jumlah ibu bersalin yang mendapat pelayanan", R="1.200 Orang"),
        line([1, 2, 2, "2.02", 3], BAYI[1], 143_000_000, 151_000_000,
             H="Jumlah bayi baru lahir yang mendapat pelayanan", J="Semua kecamatan", L="1.150 Orang", O="DAU",
             Q="Jumlah bayi baru lahir yang mendapat pelayanan", R="1.170 Orang"),
    ]  # fmt: skip
    dpupr = [
        [f"Unit Organisasi : {DPUPR[0]} {DPUPR[1].upper()}"],
        line([1], URUSAN_1, 3_730_000_000, 3_900_000_000),
        line([1, 3], BIDANG_PUPR, 3_730_000_000, 3_900_000_000),
        line([1, 3, 3], SPAM, 3_730_000_000, 3_900_000_000,
             G="Persentase rumah tangga dengan akses air minum layak", K="80 %"),
        line([1, 3, 3, "2.01"], SPAM_KEGIATAN, 3_730_000_000, 3_900_000_000,
             I="Jumlah sambungan rumah baru", M="1.500 SR"),
        line([1, 3, 3, "2.01", 22], "Pembangunan Sistem Penyediaan Air Minum (SPAM) Bukan Jaringan Perpipaan",
             1_250_000_000, 1_300_000_000, H="Jumlah unit SPAM bukan jaringan perpipaan terbangun",
             J="Kec. Tanjung Sari", L="6 Unit", O="DAK Fisik", Q="Jumlah unit SPAM terbangun", R="6 Unit"),
        line([1, 3, 3, "2.01", 26], "Peningkatan Sistem Penyediaan Air Minum (SPAM) Jaringan Perpipaan",
             2_480_000_000, 2_600_000_000, H="Tambahan kapasitas SPAM jaringan perpipaan", J="Kec. Sukamaju",
             L="10 Liter/Detik", O="DAU", Q="Tambahan kapasitas SPAM", R="10 Liter/Detik"),
    ]  # fmt: skip
    append(sheet, [*dinkes, *dpupr, line([], "TOTAL", 4_356_850_000, 4_559_000_000)])
    number_format(sheet, "NS", range(7, sheet.max_row + 1), "#,##0")
    return save(workbook, path)


# -- Form Rincian Renja / DPA / DPPA ---------------------------------------------------------------------------------
def rincian(path: Path) -> Path:
    """The rincian belanja of sub kegiatan 1.02.02.2.02.0001 (sesendok *Form Renja DPA DPPA*); one JUMLAH left empty."""
    workbook, sheet = new_sheet("renja dpa")
    lines: list[list[Any]] = [
        ["5.1.02.01.01.0024", "Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor", "kelompok",
         "Alat Tulis Kantor", "ssh", "Buku tulis kelas ibu hamil", 12_500, "Buah", "Buah", 400, 5_000_000,
         "1.2.1.01.01", None],
        ["5.1.02.01.01.0026", "Belanja Alat/Bahan untuk Kegiatan Kantor-Bahan Cetak", "kelompok", "Bahan Cetak",
         "ssh", "Cetak buku KIA", 18_000, "Buah", "Buah", 1_250, 22_500_000, "1.2.1.01.01", None],
        ["5.1.02.01.01.0052", "Belanja Makanan dan Minuman Rapat", "kelompok", "Kelas Ibu Hamil", "sbu",
         "Makan minum peserta kelas ibu hamil", 35_000, "Kotak", "Kotak;Kali", "60;12", None, "1.2.1.01.01",
         "12 pertemuan"],
        ["5.1.02.04.01.0003", "Belanja Perjalanan Dinas Dalam Kota", "kelompok", "Kunjungan Rumah", "sbu",
         "Transport petugas kunjungan ibu hamil risiko tinggi", 150_000, "OK", "Orang;Kali", "8;20", 24_000_000,
         "1.2.1.01.01", None],
    ]  # fmt: skip
    append(sheet, [
        [f"Sub Kegiatan : {IBU_HAMIL[0]} {IBU_HAMIL[1]}"],
        ["Tahun : 2026"],
        ["Pagu : 76.700.000"],
        RINCIAN_HEADER,
        *lines,
    ])  # fmt: skip
    number_format(sheet, "GK", range(5, sheet.max_row + 1), "#,##0")
    return save(workbook, path)


# -- Organisasi Perangkat Daerah list --------------------------------------------------------------------------------
def opd(path: Path) -> Path:
    """The list of perangkat daerah of a kabupaten (sesendok *Organisasi Perangkat Daerah*)."""
    workbook, sheet = new_sheet("OPD - Organisasi")
    append(sheet, [
        ["KODE", "ORGANISASI", "KETERANGAN"],
        ["1.01.2.22.0.00.01.0000", "Dinas Pendidikan dan Kebudayaan", None],
        [DINKES[0], DINKES[1], None],
        ["1.02.0.00.0.00.01.0001", "Rumah Sakit Umum Daerah Sukamaju", "BLUD"],
        [DPUPR[0], DPUPR[1], None],
        ["1.04.2.10.0.00.01.0000", "Dinas Perumahan, Kawasan Permukiman dan Pertanahan", None],
        ["2.18.3.31.0.00.01.0000", "Dinas Penanaman Modal, Pelayanan Terpadu Satu Pintu dan Perindustrian", None],
        ["5.01.5.05.0.00.01.0000", "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah", None],
        ["4.01.0.00.0.00.01.0000", "Sekretariat Daerah", None],
    ])  # fmt: skip
    return save(workbook, path)


# -- Monitoring: anggaran kas and e-Monev realisation ------------------------------------------------------------------
#: The Dinas Kesehatan Renja 2026 sub kegiatan with their pagu, and one (gizi masyarakat) only the Renja
#: perubahan holds: monthly anggaran kas (rupiah; January … December) and quarterly realisation (TW I–III).
MONTHLY_CASH: tuple[tuple[tuple[str, str], int, list[int]], ...] = (
    (DOKUMEN_PERENCANAAN, 84_500_000, [7_000_000] * 11 + [7_500_000]),
    (IBU_HAMIL, 296_200_000, [24_600_000] * 11 + [25_600_000]),
    (IBU_BERSALIN, 187_650_000, [15_600_000] * 11 + [16_050_000]),
    (BAYI, 143_000_000, [5_000_000] * 9 + [30_000_000, 30_000_000, 38_000_000]),
    (BALITA, 158_750_000, [13_000_000] * 11 + [15_750_000]),
    (GIZI, 96_000_000, [8_000_000] * 12),
)
#: Realisasi keuangan per triwulan (TW IV not yet reported) and realisasi fisik (%), by sub kegiatan code.
QUARTERLY_SPENT: dict[str, tuple[list[int | None], float]] = {
    DOKUMEN_PERENCANAAN[0]: ([21_000_000, 21_000_000, 21_000_000, None], 75.0),
    IBU_HAMIL[0]: ([40_000_000, 45_000_000, 50_000_000, None], 45.5),
    IBU_BERSALIN[0]: ([46_800_000, 46_800_000, 40_000_000, None], 70.0),
    BAYI[0]: ([15_000_000, 15_000_000, 15_000_000, None], 30.0),
    BALITA[0]: ([39_000_000, 39_000_000, 39_000_000, None], 74.0),
}
MONTHS = ("JANUARI", "FEBRUARI", "MARET", "APRIL", "MEI", "JUNI", "JULI", "AGUSTUS", "SEPTEMBER", "OKTOBER",
          "NOVEMBER", "DESEMBER")  # fmt: skip


def anggaran_kas(path: Path) -> Path:
    """The DPA 2026 anggaran kas of Dinas Kesehatan per sub kegiatan and month (one code not in the Renja)."""
    workbook, sheet = new_sheet("Anggaran Kas")
    rows = [[code, name, pagu, *months] for (code, name), pagu, months in MONTHLY_CASH]
    append(sheet, [
        ["ANGGARAN KAS DPA TAHUN ANGGARAN 2026"],
        [f"Unit Organisasi : {DINKES[0]} {DINKES[1]}"],
        ["KODE SUB KEGIATAN", "NAMA SUB KEGIATAN", "PAGU DPA", *MONTHS],
        *rows,
    ])  # fmt: skip
    number_format(sheet, "CDEFGHIJKLMNO", range(4, sheet.max_row + 1), "#,##0")
    return save(workbook, path)


def emonev(path: Path) -> Path:
    """An e-Monev-style quarterly realisation sheet of Dinas Kesehatan 2026, reported to the end of TW III."""
    workbook, sheet = new_sheet("Realisasi")
    pagu = {code: amount for (code, _), amount, _ in MONTHLY_CASH}
    rows = [
        [code, name, pagu[code], *QUARTERLY_SPENT[code][0], QUARTERLY_SPENT[code][1]]
        for (code, name), _, _ in MONTHLY_CASH
        if code in QUARTERLY_SPENT
    ]
    append(sheet, [
        ["LAPORAN REALISASI FISIK DAN KEUANGAN TAHUN 2026 S/D TRIWULAN III"],
        [f"Unit Organisasi : {DINKES[0]} {DINKES[1]}"],
        ["KODE SUB KEGIATAN", "NAMA SUB KEGIATAN", "PAGU", "REALISASI KEUANGAN (Rp)", None, None, None,
         "REALISASI FISIK (%)"],
        [None, None, None, "TW I", "TW II", "TW III", "TW IV", None],
        *rows,
    ])  # fmt: skip
    for cells in ("A3:A4", "B3:B4", "C3:C4", "D3:G3", "H3:H4"):
        sheet.merge_cells(cells)
    number_format(sheet, "CDEFG", range(5, sheet.max_row + 1), "#,##0")
    return save(workbook, path)


# -- SIPD JSON -------------------------------------------------------------------------------------------------------
def sipd_record(number: int, agency: tuple[str, str], program: tuple[str, str], activity: tuple[str, str],
                sub: tuple[str, str], pagu: int, output: tuple[str, str, str],
                outcomes: tuple[tuple[str, str, str], tuple[str, str, str]],
                label: tuple[str, str] = ("", "")) -> dict[str, Any]:  # fmt: skip
    """One ``get_sub_keg_sipd`` record (wp-sipd field names) of the RKPD 2026; ids invented.

    ``output`` is the sub kegiatan's indicator, ``outcomes`` the program's (capaian) and the kegiatan's
    (output_giat) as (name, target, satuan); ``label`` the national priority label (id, text), if any."""
    name, target, unit = output
    (capaian, capaian_target, capaian_unit), (hasil, hasil_target, hasil_unit) = outcomes
    return {
        "id": str(8100 + number), "id_sub_giat": str(31000 + number), "id_skpd": str(40 + number // 10),
        "kode_sbl": f"40.40.{600 + number}.{3100 + number}.{31000 + number}", "tahun_anggaran": "2026",
        "kode_skpd": agency[0], "nama_skpd": agency[1], "kode_sub_skpd": agency[0], "nama_sub_skpd": agency[1],
        "kode_program": program[0], "nama_program": program[1], "kode_giat": activity[0], "nama_giat": activity[1],
        "kode_sub_giat": sub[0], "nama_sub_giat": f"{sub[0]} {sub[1]}", "pagu": str(pagu),
        "pagu_n_depan": str(pagu + pagu // 20 // 1000 * 1000), "waktu_awal": "1", "waktu_akhir": "12",
        "sub_keg_indikator": [{"id": str(95000 + number), "outputteks": name, "satuanoutput": unit,
                               "targetoutput": target, "targetoutputteks": f"{target} {unit}"}],
        "capaian_prog_sub_keg": [{"tolak_ukur": capaian, "satuan": capaian_unit, "target": capaian_target,
                                  "target_teks": f"{capaian_target} {capaian_unit}"}],
        "output_giat": [{"outputteks": hasil, "satuanoutput": hasil_unit, "targetoutput": hasil_target,
                         "targetoutputteks": f"{hasil_target} {hasil_unit}"}],
        "sumber_dana": [{"id_sumber_dana": "3", "kode_dana": "1.2", "nama_dana": "DANA ALOKASI UMUM"}],
        "id_label_pusat": label[0], "label_pusat": label[1],
    }  # fmt: skip


def sipd(path: Path) -> Path:
    """SIPD sub kegiatan records of the RKPD 2026 as the wp-sipd API serves them (``get_sub_keg_sipd``)."""
    program_kesehatan, kegiatan_rujukan = ("1.02.02", UPAYA_KESEHATAN), ("1.02.02.2.02", LAYANAN_RUJUKAN)
    program_spam, kegiatan_spam = ("1.03.03", SPAM), ("1.03.03.2.01", SPAM_KEGIATAN)
    kesehatan = (("Persentase ibu dan anak yang mendapat layanan kesehatan sesuai standar", "95", "%"),
                 ("Cakupan layanan kesehatan ibu dan anak", "90", "%"))  # fmt: skip
    air_minum = (("Persentase rumah tangga dengan akses air minum layak", "80", "%"),
                 ("Jumlah sambungan rumah baru", "800", "SR"))  # fmt: skip
    sdm = ("7", "Penguatan pembangunan sumber daya manusia")
    records = [
        sipd_record(1, DINKES, program_kesehatan, kegiatan_rujukan, IBU_HAMIL, 296_200_000,
                    ("Jumlah ibu hamil yang mendapat pelayanan", "1240", "Orang"), kesehatan, sdm),
        sipd_record(2, DINKES, program_kesehatan, kegiatan_rujukan, IBU_BERSALIN, 187_650_000,
                    ("Jumlah ibu bersalin yang mendapat pelayanan", "1180", "Orang"), kesehatan, sdm),
        sipd_record(3, DINKES, program_kesehatan, kegiatan_rujukan, BAYI, 150_000_000,
                    ("Jumlah bayi baru lahir yang mendapat pelayanan", "1150", "Orang"), kesehatan, sdm),
        sipd_record(11, DPUPR, program_spam, kegiatan_spam,
                    ("1.03.03.2.01.0022", "Pembangunan Sistem Penyediaan Air Minum (SPAM) Bukan Jaringan Perpipaan"),
                    1_250_000_000, ("Jumlah unit SPAM bukan jaringan perpipaan terbangun", "6", "Unit"), air_minum),
        sipd_record(12, DPUPR, program_spam, kegiatan_spam,
                    ("1.03.03.2.01.0026", "Peningkatan Sistem Penyediaan Air Minum (SPAM) Jaringan Perpipaan"),
                    2_480_000_000, ("Tambahan kapasitas SPAM jaringan perpipaan", "10", "Liter/Detik"), air_minum),
    ]  # fmt: skip
    envelope = {"action": "get_sub_keg_sipd", "status": "success", "message": "Berhasil", "data": records}
    path.write_text(json.dumps(envelope, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


#: Every sample: file name, the function that writes it.
SAMPLES: dict[str, Callable[[Path], Path]] = {
    "renja-dinkes-2026.xlsx": renja,
    "renja-dinkes-2026-perubahan.xlsx": lambda path: renja(path, revised=True),
    "renstra-dinkes-2025-2029.xlsx": renstra_clean,
    "tujuan-sasaran-dinkes.xlsx": tujuan_sasaran,
    "renstra-dpupr-messy.xlsx": renstra_messy,
    "rkpd-2026-report.xlsx": rkpd_report,
    "rincian-1.02.02.2.02.0001.xlsx": rincian,
    "opd-kabupaten.xlsx": opd,
    "rkpd-2026-sipd.json": sipd,
    "anggaran-kas-dinkes-2026.xlsx": anggaran_kas,
    "emonev-dinkes-2026.xlsx": emonev,
}


def main(folder: Path = HERE) -> list[Path]:
    """Write every sample into ``folder``; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    return [write(folder / name) for name, write in SAMPLES.items()]


if __name__ == "__main__":
    for written in main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(written)

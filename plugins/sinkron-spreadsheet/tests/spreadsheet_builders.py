"""Builders of real xlsx and csv files shaped like the planning layouts met in the wild.

The files are written with openpyxl directly (not with the plugin's writer), the way the templates
and SIPD exports look: merged multi-row headers, codes stored as numbers or split over columns,
id-ID number text, percent formats, formulas with their cached values, stray line breaks.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]

RKPD_HEADER = (
    ("A1:E3", "Kode"),
    ("F1:F3", "Urusan/Bidang Urusan Pemerintahan Daerah Dan Program/Kegiatan"),
    ("G1:I1", "Indikator Kinerja"),
    ("J1:O1", "Rencana Tahun {year}"),
    ("P1:P3", "Catatan Penting"),
    ("Q1:S1", "Prakiraan Maju Rencana Tahun {next}"),
    ("G2:G3", "Capaian Program"),
    ("H2:H3", "Keluaran Sub Kegiatan"),
    ("I2:I3", "Hasil Kegiatan"),
    ("J2:J3", "Lokasi Output Kegiatan"),
    ("K2:M2", "Target Capaian Kinerja"),
    ("N2:N3", "Pagu Indikatif (Rp.)"),
    ("O2:O3", "Sumber Dana"),
    ("Q2:R2", "Target Capaian Kinerja"),
    ("S2:S3", "Kebutuhan Dana/Pagu Indikatif (Rp.)"),
    ("K3", "Program"),
    ("L3", "Keluaran Sub Kegiatan"),
    ("M3", "Hasil Kegiatan"),
    ("Q3", "Tolok Ukur"),
    ("R3", "Target"),
)


def _shift(ref: str, rows: int) -> str:
    letters = ref.rstrip("0123456789")
    return f"{letters}{int(ref[len(letters) :]) + rows}"


def rkpd_report(
    path: Path,
    rows: Sequence[Sequence[Any]],
    *,
    year: int = 2026,
    unit: str | None = None,
    title: str | None = "RENCANA KERJA PERANGKAT DAERAH",
    numbering: bool = True,
    plain_numbers: bool = False,
) -> Path:
    """An RKPD report sheet: title and unit lines, the 3-row merged header, a numbering row, ``rows``.

    The numbering row holds ``(1) (2) … (19)``, or the numbers ``1 2 … 19`` with ``plain_numbers``."""
    wb = Workbook()
    ws = wb.active
    ws.title = "RKPD"
    top = 0
    if title:
        ws.append([title])
        top += 1
    if unit:
        ws.append([f"Unit Organisasi : {unit}"])
        top += 1
    for ref, text in RKPD_HEADER:
        first = ref.split(":")[0]
        ws[_shift(first, top)] = text.format(year=year, next=year + 1)
        if ":" in ref:
            last = ref.split(":")[1]
            ws.merge_cells(f"{_shift(first, top)}:{_shift(last, top)}")
    if numbering:
        ws.append(list(range(1, 20)) if plain_numbers else [f"({i})" for i in range(1, 20)])
    for row in rows:
        ws.append(list(row) + [None] * (19 - len(row)))
    wb.save(path)
    return path


def sheet(
    path: Path,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    title: str = "Sheet1",
    above: Sequence[Sequence[Any]] = (),
    formats: dict[str, str] | None = None,
) -> Path:
    """A one-header-row sheet; ``formats`` maps cell refs (``"F5"``) to number formats."""
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for line in above:
        ws.append(list(line))
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    for ref, fmt in (formats or {}).items():
        ws[ref].number_format = fmt
    wb.save(path)
    return path


def set_cached_values(path: Path, values: dict[str, Any], sheet_member: str = "xl/worksheets/sheet1.xml") -> None:
    """Give formula cells the cached results Excel would have stored (openpyxl writes none)."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    xml = members[sheet_member].decode("utf-8")
    for ref, value in values.items():
        pattern = re.compile(rf'(<c r="{ref}"[^>]*>)(<f>[^<]*</f>)<v\s*/>')
        xml, count = pattern.subn(lambda m, v=value: f"{m.group(1)}{m.group(2)}<v>{v}</v>", xml)
        assert count == 1, f"no uncached formula cell {ref}"
    members[sheet_member] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def csv_file(path: Path, lines: Sequence[Sequence[str]], *, delimiter: str = ",", encoding: str = "utf-8") -> Path:
    text = "\r\n".join(delimiter.join(_quote(c, delimiter) for c in line) for line in lines) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


def _quote(cell: str, delimiter: str) -> str:
    if any(ch in cell for ch in (delimiter, '"', "\n")):
        return '"' + cell.replace('"', '""') + '"'
    return cell


DATE = dt.date

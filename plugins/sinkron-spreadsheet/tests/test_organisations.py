"""The Organisasi Perangkat Daerah list: SKPD codes and names, read into agencies with their bidang urusan."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("sinkron_spreadsheet", reason="sinkron-spreadsheet is not installed in this environment")

from openpyxl import Workbook  # type: ignore[import-untyped]

import sinkron
from sinkron import Code
from sinkron_spreadsheet import read_spreadsheet

LIST = [
    ["1.02.0.00.0.00.01.0000", "Dinas Kesehatan", None],
    ["1.02.0.00.0.00.01.0001", "UPTD Laboratorium Kesehatan", "UPTD"],
    ["2.18.3.31.0.00.01.0000", "Dinas Penanaman Modal dan Perindustrian", None],
    ["4.01.3.00.0.00.01.0000", "Sekretariat Daerah", None],
]


def write_list(path: Path, rows: list[list[Any]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "OPD - Organisasi"
    sheet.append(["KODE", "ORGANISASI", "KETERANGAN"])
    for values in rows:
        sheet.append(values)
    workbook.save(path)
    return path


def test_a_list_reads_into_agencies_with_the_bidang_urusan_their_codes_name(tmp_path: Path) -> None:
    result = sinkron.read_result(write_list(tmp_path / "opd.xlsx", LIST))
    assert result.errors == () and result.complete and result.findings == ()
    assert result.bundle.plans == ()
    agencies = {a.code: a for a in result.bundle.agencies}
    assert list(agencies) == [r[0] for r in LIST]
    assert agencies["1.02.0.00.0.00.01.0000"].sectors == (Code.parse("1.02"),)
    assert agencies["2.18.3.31.0.00.01.0000"].sectors == (Code.parse("2.18"), Code.parse("3.31"))
    assert agencies["4.01.3.00.0.00.01.0000"].sectors == (Code.parse("4.01"),)
    uptd = agencies["1.02.0.00.0.00.01.0001"]
    assert uptd.parent_id == "1.02.0.00.0.00.01.0000" and uptd.extra == {"keterangan": "UPTD"}
    assert agencies["1.02.0.00.0.00.01.0000"].parent_id is None
    assert uptd.provenance is not None and uptd.provenance.row == 3
    assert "layout opd (detected from the header in row 1)" in result.bundle.sources[1]


def test_malformed_codes_and_repeats_are_reported_and_the_rest_is_read(tmp_path: Path) -> None:
    rows = [
        *LIST,
        ["1.02.0.00.01.0000", "Dinas Tanpa Bagian", None],  # row 6: too few parts → SKN005
        [None, "Badan Tanpa Kode", None],  # row 7: no code → SKN005
        [None, None, None],  # row 8: blank
        ["1.03.0.00.0.00.01.0000", None, None],  # row 9: no name → SKN005
        ["1.02.0.00.0.00.01.0000", "Dinkes", None],  # row 10: repeated code → SKN010
        ["KODE", "ORGANISASI", "KETERANGAN"],  # row 11: the header repeated (a second page)
        ["1.05.0.00.0.00.01.0000", "Satuan Polisi Pamong Praja", None],  # row 12: read
    ]
    result = read_spreadsheet(write_list(tmp_path / "opd.xlsx", rows))
    assert result.errors == ()
    assert not result.complete
    located = sorted((f.rule, f.location.row) for f in result.findings if f.location is not None)
    assert located == [("SKN005", 6), ("SKN005", 7), ("SKN005", 9), ("SKN010", 10)]
    repeat = next(f for f in result.findings if f.rule == "SKN010")
    assert repeat.evidence["expected"] == "Dinas Kesehatan" and repeat.evidence["found"] == "Dinkes"
    assert next(f for f in result.findings if f.location and f.location.row == 6).location.column == "A"
    codes = [a.code for a in result.bundle.agencies]
    assert codes == [r[0] for r in LIST] + ["1.05.0.00.0.00.01.0000"]
    # Every row after the header: read, reported, blank or the repeated header.
    assert result.records == len(rows) == len(codes) + len(located) + 1 + 1


def test_the_list_does_not_take_the_files_of_other_layouts(tmp_path: Path) -> None:
    """A Renja sheet with KODE and a perangkat daerah column stays a Renja sheet."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(
        [
            "KODE SUB KEGIATAN",
            "PROGRAM DAN KEGIATAN",
            "TOLAK UKUR KELUARAN",
            "TARGET KINERJA KELUARAN",
            "JUMLAH PAGU",
            "ORGANISASI",
            "KETERANGAN",
        ]
    )
    sheet.append(
        [
            "1.02.02.2.02.0001",
            "Pengelolaan Pelayanan Kesehatan Ibu Hamil",
            "Jumlah Ibu Hamil",
            "100 Orang",
            1000000,
            "Dinas Kesehatan",
            None,
        ]
    )
    path = tmp_path / "renja.xlsx"
    workbook.save(path)
    result = read_spreadsheet(path, year=2026)
    assert "layout renja" in result.bundle.sources[1]
    assert len(result.bundle.plans) == 1


def test_the_real_list_reads(shared_reference: Path) -> None:
    path = shared_reference / "sesendok" / "filled" / "organisasi_perangkat_daerah.xlsx"
    result = sinkron.read_result(path)
    assert result.errors == () and result.complete and result.findings == ()
    assert len(result.bundle.agencies) == result.records > 20
    assert all(agency.sectors for agency in result.bundle.agencies)

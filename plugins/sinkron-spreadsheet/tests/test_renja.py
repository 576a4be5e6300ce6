"""Renja / DPA sub kegiatan sheet: flat rows, percentages as 0.96, text targets, dates, id-ID money."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

pytest.importorskip("sinkron_spreadsheet", reason="sinkron-spreadsheet is not installed in this environment")

from spreadsheet_builders import sheet

import sinkron
from sinkron import Code, FundingSource, IndicatorKind, Money, PlanKind, Value
from sinkron_spreadsheet import read_spreadsheet

HEADER = [
    "KODE SUB KEGIATAN",
    "PROGRAM DAN KEGIATAN",
    "TOLAK UKUR CAPAIAN KEG.",
    "TARGET KINERJA CAPAIAN KEG.",
    "TOLAK UKUR KELUARAN",
    "TARGET KINERJA KELUARAN",
    "TOLAK UKUR HASIL",
    "TARGET KINERJA HASIL",
    "SUMBER DANA",
    "LOKASI",
    "KELUARAN SUB KEG.",
    "AWAL PELAKSANAAN",
    "AKHIR PELAKSANAAN",
    "JUMLAH PAGU",
    "KETERANGAN",
]
LOKASI = "Kab. Pasangkayu, Semua Kecamatan, Semua Kelurahan/Desa"


def rows(pagu2: object = "Rp 1.234.567") -> list[list[object]]:
    return [
        [
            "1.02.02.2.02.0001",
            "Pengelolaan Pelayanan Kesehatan Ibu Hamil",
            "Persentase ibu hamil terlayani",
            "95 %",
            "Jumlah Ibu Hamil yang Mendapatkan Pelayanan Kesehatan Sesuai Standar",
            0.96,
            "Cakupan layanan rujukan",
            "12 Bulan",
            "1.1 PAD",
            LOKASI,
            "Terlayaninya ibu hamil",
            dt.date(2024, 1, 2),
            dt.date(2024, 12, 31),
            296187500,
            None,
        ],
        [
            "1.02.02.2.02.0002",
            "Pengelolaan Pelayanan Kesehatan Ibu Bersalin",
            "Persentase ibu hamil terlayani",
            "95 %",
            "Jumlah Ibu Bersalin",
            "1 Laporan",
            "Cakupan layanan rujukan",
            "12 Bulan",
            "DAU",
            LOKASI,
            None,
            "2/1/2024",
            "31/12/2024",
            pagu2,
            "usulan Musrenbang",
        ],
    ]


def renja(tmp_path: Path, data: list[list[object]] | None = None, header: list[str] = HEADER) -> Path:
    return sheet(tmp_path / "renja.xlsx", header, data or rows(), title="Renja", formats={"F2": "0%"})


def test_reads_flat_sub_kegiatan_rows(tmp_path: Path) -> None:
    result = read_spreadsheet(renja(tmp_path), mapping="renja@2024")
    assert result.errors == ()
    (plan,) = result.bundle.plans
    assert plan.kind is PlanKind.RENJA_PD and plan.year == 2024
    (program,) = plan.programs
    # The sheet has no program row: its name comes from the nomenclature.
    assert program.code == Code.parse("1.02.02") and program.name.startswith("PROGRAM PEMENUHAN UPAYA KESEHATAN")
    # The capaian repeated on every row is one program indicator.
    (capaian,) = program.indicators
    assert capaian.kind is IndicatorKind.OUTCOME and capaian.target_for(2024) == Value.parse("95 %")
    (activity,) = program.activities
    assert activity.indicators[0].target_for(2024) == Value.parse("12 Bulan")
    sub1, sub2 = activity.sub_activities
    # 0.96 with a 0% format is 96%.
    assert sub1.indicators[0].target_for(2024) == Value.parse("96%") and sub1.indicators[0].unit == "%"
    assert sub2.indicators[0].target_for(2024) == Value.parse("1 Laporan")
    assert sub1.funding == (FundingSource(name="PAD", code="1.1"),) and sub2.funding == (FundingSource(name="DAU"),)
    assert sub1.locations == (LOKASI,)
    assert sub1.extra == {"output": "Terlayaninya ibu hamil", "start": "2024-01-02", "end": "2024-12-31"}
    assert sub2.extra["start"] == "2024-01-02" and sub2.extra["note"] == "usulan Musrenbang"
    assert sub1.budget_for(2024) == Money(296187500) and sub2.budget_for(2024) == Money(1234567)
    assert program.budget_for(2024) == Money(296187500 + 1234567)  # no program row: the sum of its sub kegiatan


def test_every_problem_of_the_file_is_reported_together(tmp_path: Path) -> None:
    data = rows(pagu2="seratus juta")
    data[0][0] = "1.02.02.2"  # an incomplete code
    data[1][11] = "awal tahun"  # not a date
    result = read_spreadsheet(renja(tmp_path, data), mapping="renja@2024")
    assert result.errors == ()  # data problems are source findings: the file is read
    found = sorted(
        (f.location.row, f.location.column, f.evidence["field"], f.rule) for f in result.findings if f.location
    )
    assert found == [(2, "A", "code", "SKN005"), (3, "L", "start", "SKN008"), (3, "N", "pagu", "SKN008")]
    money = next(f for f in result.findings if f.evidence["field"] == "pagu")
    assert money.evidence["found"] == "seratus juta" and "rupiah" in str(money.evidence["expected"])
    assert money.path.startswith(f"{tmp_path / 'renja.xlsx'}, sheet 'Renja', row 3, column N")
    # The row with the wrong code is left out and named; the other row is kept without its pagu and start date.
    assert not result.complete
    (sub,) = result.bundle.plans[0].sub_activities()
    assert sub.budgets == () and "start" not in sub.extra
    # Read strictly, the findings of severity error are read errors (all or nothing).
    strict = sinkron.read_result(renja(tmp_path, data), mapping="renja@2024", strict=True)
    assert sorted(e.location.row for e in strict.errors) == [2, 3, 3]


def test_missing_column_and_wrong_sheet(tmp_path: Path) -> None:
    header = [h for h in HEADER if h != "JUMLAH PAGU"]
    data = [r[:13] + r[14:] for r in rows()]
    path = sheet(tmp_path / "renja.xlsx", header, data, title="Renja")
    (error,) = read_spreadsheet(path, mapping="renja@2024").errors
    assert error.message == "no header row with the column(s) the renja layout needs"
    assert error.expected is not None and error.expected.startswith("pagu: JUMLAH PAGU")
    assert error.location.sheet == "Renja" and error.location.row == 1

    (wrong,) = read_spreadsheet(renja(tmp_path), mapping="renja@2024", sheet="DPA").errors
    assert wrong.message == "no sheet named 'DPA'" and wrong.expected == "one of: Renja"

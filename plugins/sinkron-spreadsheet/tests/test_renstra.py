"""Renstra PD: the KODE column defines the level; targets and funds alternate; formula subtotals."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("sinkron_spreadsheet", reason="sinkron-spreadsheet is not installed in this environment")

from spreadsheet_builders import set_cached_values, sheet

from sinkron import Baseline, Budget, Code, Indicator, IndicatorKind, Money, PlanKind, PlanPeriod, Target, Value
from sinkron_spreadsheet import read_spreadsheet

HEADER = [
    "SASARAN",
    "KODE",
    "PROGRAM DAN KEGIATAN",
    "SATUAN",
    "INDIKATOR",
    "DATA CAPAIAN AWAL",
    "TARGET TAHUN 1",
    "DANA TAHUN 1",
    "TARGET TAHUN 2",
    "DANA TAHUN 2",
    "TARGET TAHUN 3",
    "DANA TAHUN 3",
    "TARGET TAHUN 4",
    "DANA TAHUN 4",
    "TARGET TAHUN 5",
    "DANA TAHUN 5",
    "LOKASI",
    "KETERANGAN",
]


def pad(row: list[object]) -> list[object]:
    return row + [None] * (len(HEADER) - len(row))


def renstra(tmp_path: Path, *, cache: bool = True, program_cache: int = 250_000_000) -> Path:
    rows = [
        pad([None, 1, "URUSAN PEMERINTAHAN WAJIB YANG BERKAITAN DENGAN PELAYANAN DASAR"]),
        pad([None, "1.3", "URUSAN PEMERINTAHAN BIDANG PEKERJAAN UMUM DAN PENATAAN RUANG"]),
        pad(
            [
                "Meningkatnya akuntabilitas kinerja",
                "X.XX.01",
                "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
                "Nilai",
                "Nilai SAKIP Perangkat Daerah",
                "B",
                "BB",
                '=IFERROR(SUM(H6:H6),"")',
                "BB",
                '=IFERROR(SUM(J6:J6),"")',
            ]
        ),
        pad(
            [
                None,
                "X.XX.01.2.01",
                "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
                "%",
                "Persentase dokumen tepat waktu",
                "80 %",
                "85 %",
                '=IFERROR(SUM(H6:H8),"")',
                "90 %",
                '=IFERROR(SUM(J6:J8),"")',
            ]
        ),
        pad(
            [
                None,
                "X.XX.01.2.01.0001",
                "Penyusunan Dokumen\nPerencanaan  Perangkat Daerah",
                "Dokumen",
                "Jumlah Dokumen Perencanaan",
                2,
                3,
                150_000_000,
                3,
                "=ROUNDDOWN(H6*1.15,-3)",
                None,
                None,
                None,
                None,
                None,
                None,
                "Kota Palangka Raya",
                "dokumen Renja dan Renstra",
            ]
        ),
        pad([None, None, None, "bln", "Lama waktu penyusunan", None, 12, None, 10]),
        pad(
            [
                None,
                "X.XX.01.2.01.0002",
                "Koordinasi dan Penyusunan Dokumen RKA-SKPD",
                "Dokumen",
                "Jumlah Dokumen RKA-SKPD",
                1,
                1,
                "100.000.000",
                1,
                "115.000.000",
            ]
        ),
    ]
    path = sheet(
        tmp_path / "renstra.xlsx", HEADER, rows, title="Renstra", formats={"G7": '#,###" bln"', "I7": '#,###" bln"'}
    )
    if cache:
        set_cached_values(
            path, {"H4": program_cache, "J4": 287_500_000, "H5": 250_000_000, "J5": 287_500_000, "J6": 172_500_000}
        )
    return path


def test_reads_levels_targets_funds_and_formula_subtotals(tmp_path: Path) -> None:
    result = read_spreadsheet(renstra(tmp_path), start_year=2025)
    assert result.errors == ()
    (plan,) = result.bundle.plans
    assert plan.kind is PlanKind.RENSTRA_PD and plan.period == PlanPeriod(start=2025, end=2029)
    (program,) = plan.programs
    # X.XX.01 under the bidang row "1.3" becomes the penunjang program of bidang 1.03.
    assert program.code == Code.parse("1.03.01") and program.extra["code_original"] == "X.XX.01"
    assert program.extra["objective"] == "Meningkatnya akuntabilitas kinerja"
    assert program.indicators == (
        Indicator(
            name="Nilai SAKIP Perangkat Daerah",
            unit="Nilai",
            kind=IndicatorKind.OUTCOME,
            baseline=Baseline(value=Value.parse("B", unit="Nilai")),
            targets=[
                Target(year=2025, value=Value.parse("BB", unit="Nilai")),
                Target(year=2026, value=Value.parse("BB", unit="Nilai")),
            ],
        ),
    )
    # Formula subtotals are read by their cached values (and agree with the rows under them).
    assert program.budgets == (
        Budget(year=2025, amount=Money(250_000_000)),
        Budget(year=2026, amount=Money(287_500_000)),
    )
    (activity,) = program.activities
    assert activity.code == Code.parse("1.03.01.2.01")
    sub1, sub2 = activity.sub_activities
    assert sub1.name == "Penyusunan Dokumen Perencanaan Perangkat Daerah"
    assert sub1.extra["name_original"] == "Penyusunan Dokumen\nPerencanaan  Perangkat Daerah"
    assert sub1.extra["note"] == "dokumen Renja dan Renstra"
    assert sub1.locations == ("Kota Palangka Raya",)
    assert [i.name for i in sub1.indicators] == ["Jumlah Dokumen Perencanaan", "Lama waktu penyusunan"]
    # A target cell formatted #,###" bln" is read as displayed: "12 bln".
    months = sub1.indicators[1]
    assert months.target_for(2025) == Value.parse("12 bln", unit="bln") and months.target_for(2026).number == 10
    assert sub1.budget_for(2026) == Money(172_500_000)  # =ROUNDDOWN(H7*1.15,-3), cached
    assert sub2.budget_for(2025) == Money(100_000_000)  # id-ID text "100.000.000"


def test_uncached_formulas_are_computed_and_wrong_subtotals_are_findings(tmp_path: Path) -> None:
    cached = read_spreadsheet(renstra(tmp_path), start_year=2025)
    result = read_spreadsheet(renstra(tmp_path, cache=False), start_year=2025)
    assert result.errors == () and result.complete
    evaluated = {(f.location.row, f.location.column) for f in result.findings if f.location and f.rule == "SKN003"}
    assert evaluated == {(4, "H"), (4, "J"), (5, "H"), (5, "J"), (6, "J")}
    note = next(f for f in result.findings if f.location and (f.location.row, f.location.column) == (6, "J"))
    assert note.evidence["expected"] == "=ROUNDDOWN(H6*1.15,-3)" and note.evidence["found"] == "172500000"
    # As in Excel, SUM(H6:H8) skips the text "100.000.000" of row 8: the kegiatan row totals 150.000.000 while
    # the rows under it (read as numbers by sinkron) sum to 250.000.000 — a real subtotal problem of the file.
    mismatches = {(f.location.row, f.location.column) for f in result.findings if f.location and f.rule == "SKN001"}
    assert mismatches == {(5, "H"), (5, "J")}
    assert {f.rule for f in result.findings} == {"SKN001", "SKN003"}
    (activity,) = result.bundle.plans[0].programs[0].activities
    assert activity.budget_for(2025) == Money(150_000_000) and activity.budget_for(2026) == Money(172_500_000)
    assert cached.bundle.plans[0].programs[0].activities[0].sub_activities == activity.sub_activities

    wrong = read_spreadsheet(renstra(tmp_path, program_cache=249_000_000), start_year=2025)
    assert wrong.errors == ()
    (finding,) = wrong.findings
    assert finding.rule == "SKN001" and finding.location is not None
    assert (finding.location.row, finding.location.column, finding.evidence["field"]) == (4, "H", "pagu")
    assert finding.evidence["expected"] == "250000000" and finding.evidence["found"] == "249000000"
    assert finding.evidence["difference"] == "-1000000"
    assert "selisih Rp 1.000.000" in finding.message.id and "difference Rp 1,000,000" in finding.message.en
    (program,) = wrong.bundle.plans[0].programs
    assert program.budget_for(2025) == Money(249_000_000)  # the row is read as written


def test_the_start_year_is_required_and_can_come_from_the_mapping(tmp_path: Path) -> None:
    path = renstra(tmp_path)
    result = read_spreadsheet(path)
    (error,) = result.errors
    assert error.message.startswith("the plan year is unknown") and error.location.row == 1
    assert error.read_option == "start_year=2025"
    assert "give the read option start_year=2025, a keyword of sinkron.read" in str(error)
    assert error.describe(lambda option: f"-R {option}").endswith("(give the read option -R start_year=2025)")
    assert read_spreadsheet(path, mapping="renstra@2025").complete
    assert read_spreadsheet(path, mapping={"extends": "renstra", "start_year": 2025}).complete

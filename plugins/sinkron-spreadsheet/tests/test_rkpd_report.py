"""The RKPD/Renja report: a real-shaped sheet reads into the expected bundle; subtotals are checked."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

pytest.importorskip("sinkron_spreadsheet", reason="sinkron-spreadsheet is not installed in this environment")

from spreadsheet_builders import csv_file, rkpd_report

from sinkron import (
    Activity,
    Agency,
    Budget,
    Bundle,
    Code,
    FundingSource,
    Indicator,
    IndicatorKind,
    Money,
    Plan,
    PlanKind,
    PlanPeriod,
    Program,
    SubActivity,
    Target,
    Value,
)
from sinkron.nomenclature import default_nomenclature
from sinkron_spreadsheet import read_rkpd_report, read_spreadsheet, write_rkpd_report

UNIT = "1.02.0.00.0.00.01.0000"
NAME_SUB1 = "Pengelolaan Pelayanan Kesehatan\nIbu  Hamil"


def report_rows(program_pagu: str = "1.500.000", total: str = "1.500.000") -> list[list[object]]:
    return [
        [
            "1",
            None,
            None,
            None,
            None,
            "URUSAN PEMERINTAHAN WAJIB YANG BERKAITAN DENGAN PELAYANAN DASAR",
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            "1.500.000",
            None,
            None,
            None,
            None,
            "1.100.000",
        ],
        [
            1,
            2,
            None,
            None,
            None,
            "URUSAN PEMERINTAHAN BIDANG KESEHATAN",
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            "1.500.000",
            None,
            None,
            None,
            None,
            "1.100.000",
        ],
        [
            1,
            2,
            2,
            None,
            None,
            "PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT",
            "Persentase ibu hamil mendapatkan pelayanan;\nAngka kematian ibu",
            None,
            None,
            None,
            "95 %;\n90 per 100.000",
            None,
            None,
            program_pagu,
            None,
            None,
            None,
            None,
            "1.100.000",
        ],
        [
            1,
            2,
            2,
            "2.02",
            None,
            "Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah Kabupaten/Kota",
            None,
            None,
            "Cakupan layanan",
            None,
            None,
            None,
            "100 %",
            "1.500.000",
            None,
            None,
            None,
            None,
            "1.100.000",
        ],
        [
            1,
            2,
            2,
            "2.02",
            1,
            NAME_SUB1,
            None,
            "Jumlah Ibu Hamil yang Mendapatkan Pelayanan",
            None,
            "Kec. Pahandut;\nKec. Jekan Raya",
            None,
            "1.200 Orang",
            None,
            "1.000.000",
            "1.1 PAD",
            "prioritas stunting",
            "Jumlah Ibu Hamil yang Mendapatkan Pelayanan",
            "1.300 Orang",
            "1.100.000",
        ],
        [
            1,
            2,
            2,
            "2.02",
            2,
            "Pengelolaan Pelayanan Kesehatan Ibu Bersalin",
            None,
            "Jumlah Ibu Bersalin",
            None,
            "Semua Kecamatan",
            None,
            "800 Orang",
            None,
            "500.000",
            "DAU (Rp 500.000)",
        ],
        [
            None,
            None,
            None,
            None,
            None,
            "TOTAL",
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            total,
            None,
            None,
            None,
            None,
            "1.100.000",
        ],
    ]


def expected_programs() -> tuple[Program, ...]:
    def target(year: int, text: str) -> Target:
        return Target(year=year, value=Value.parse(text))

    sub1 = SubActivity(
        code=Code.parse("1.02.02.2.02.0001"),
        name="Pengelolaan Pelayanan Kesehatan Ibu Hamil",
        agency_id=UNIT,
        indicators=[
            Indicator(
                name="Jumlah Ibu Hamil yang Mendapatkan Pelayanan",
                unit="Orang",
                kind=IndicatorKind.OUTPUT,
                targets=[target(2026, "1.200 Orang"), target(2027, "1.300 Orang")],
            )
        ],
        budgets=[Budget(year=2026, amount=Money(1_000_000)), Budget(year=2027, amount=Money(1_100_000))],
        locations=["Kec. Pahandut", "Kec. Jekan Raya"],
        funding=[FundingSource(name="PAD", code="1.1")],
        extra={"name_original": NAME_SUB1, "note": "prioritas stunting"},
    )
    sub2 = SubActivity(
        code=Code.parse("1.02.02.2.02.0002"),
        name="Pengelolaan Pelayanan Kesehatan Ibu Bersalin",
        agency_id=UNIT,
        indicators=[
            Indicator(
                name="Jumlah Ibu Bersalin", unit="Orang", kind=IndicatorKind.OUTPUT, targets=[target(2026, "800 Orang")]
            )
        ],
        budgets=[Budget(year=2026, amount=Money(500_000))],
        locations=["Semua Kecamatan"],
        funding=[FundingSource(name="DAU", amount=Money(500_000))],
    )
    activity = Activity(
        code=Code.parse("1.02.02.2.02"),
        name="Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah Kabupaten/Kota",
        agency_id=UNIT,
        indicators=[
            Indicator(name="Cakupan layanan", unit="%", kind=IndicatorKind.OUTCOME, targets=[target(2026, "100 %")])
        ],
        budgets=[Budget(year=2026, amount=Money(1_500_000)), Budget(year=2027, amount=Money(1_100_000))],
        sub_activities=[sub1, sub2],
    )
    program = Program(
        code=Code.parse("1.02.02"),
        name="PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT",
        agency_id=UNIT,
        indicators=[
            Indicator(
                name="Persentase ibu hamil mendapatkan pelayanan",
                unit="%",
                kind=IndicatorKind.OUTCOME,
                targets=[target(2026, "95 %")],
            ),
            Indicator(
                name="Angka kematian ibu",
                unit="per 100.000",  # the satuan of a rate is read with its target (issue 26, bug 2)
                kind=IndicatorKind.OUTCOME,
                targets=[target(2026, "90 per 100.000")],
            ),
        ],
        budgets=[Budget(year=2026, amount=Money(1_500_000)), Budget(year=2027, amount=Money(1_100_000))],
        activities=[activity],
    )
    return (program,)


def test_reads_the_report_into_the_expected_bundle(tmp_path: Path) -> None:
    path = rkpd_report(tmp_path / "rkpd.xlsx", report_rows(), unit=f"{UNIT} Dinas Kesehatan")
    result = read_spreadsheet(path)
    assert result.errors == ()
    bundle = result.bundle
    assert bundle.agencies == (Agency(code=UNIT, name="Dinas Kesehatan"),)
    (plan,) = bundle.plans
    assert plan.kind is PlanKind.RKPD
    assert plan.period == PlanPeriod(start=2026, end=2026)
    assert plan.title == "RENCANA KERJA PERANGKAT DAERAH"
    assert plan.programs == expected_programs()
    # Which layout was used, and why, is recorded with the sources and the plan's provenance.
    assert any("layout rkpd-report (detected from the header in row 3)" in s for s in bundle.sources)
    assert plan.provenance is not None and plan.provenance.row == 3 and plan.provenance.sheet == "RKPD"


def test_a_subtotal_that_does_not_add_up_is_a_located_finding(tmp_path: Path) -> None:
    path = rkpd_report(tmp_path / "rkpd.xlsx", report_rows(program_pagu="1.600.000", total="1.400.000"))
    result = read_rkpd_report(path)
    assert result.errors == () and result.complete  # every row is read as written
    problems = {(f.location.row, f.location.column, f.evidence["field"]): f for f in result.findings if f.location}
    assert {f.rule for f in result.findings} == {"SKN001"}
    # Title line, header (3 rows), numbering row, then urusan (row 6), bidang, program (row 8) … TOTAL (row 12).
    program = problems[(8, "N", "pagu")]
    assert program.evidence["expected"] == "1500000" and program.evidence["found"] == "1600000"
    assert program.evidence["difference"] == "100000" and program.subject == "1.02.02"
    # The bidang and urusan rows hold 1.500.000 while their one program now claims 1.600.000.
    assert problems[(7, "N", "pagu")].evidence["found"] == "1500000"
    assert problems[(6, "N", "pagu")].evidence["found"] == "1500000"
    total = problems[(12, "N", "pagu")]
    assert total.evidence["found"] == "1400000" and total.evidence["expected"] == "1600000"
    assert len(result.findings) == 4
    assert all(f.path.startswith(f"{path}, sheet 'RKPD'") for f in result.findings)
    (plan,) = result.bundle.plans
    assert plan.programs[0].budget_for(2026) == Money(1_600_000)


def test_several_units_in_one_sheet(tmp_path: Path) -> None:
    rows = report_rows()[2:6]
    second = [list(r) for r in report_rows()[2:5]]
    second[0][13] = second[1][13] = second[2][13] = "1.000.000"
    second[0][18] = second[1][18] = second[2][18] = None
    path = rkpd_report(
        tmp_path / "rkpd.xlsx",
        [*rows, ["Unit Organisasi : 1.02.0.00.0.00.02.0000 RSUD Doris"], *second],
        unit=f"{UNIT} Dinas Kesehatan",
    )
    result = read_rkpd_report(path)
    assert result.errors == ()
    (plan,) = result.bundle.plans
    assert [p.id for p in plan.programs] == [f"{UNIT}/1.02.02", "1.02.0.00.0.00.02.0000/1.02.02"]
    assert [a.name for a in result.bundle.agencies] == ["Dinas Kesehatan", "RSUD Doris"]


def test_a_kegiatan_code_stored_as_a_number_that_lost_its_zero(tmp_path: Path) -> None:
    rows = report_rows()
    rows[3][3] = 2.1  # typed "2.10": kegiatan 2.10 does not exist under 1.02.02, 2.01 does → resolved
    rows[4][3] = 2.1
    rows[5][3] = 2.1
    result = read_rkpd_report(rkpd_report(tmp_path / "a.xlsx", rows))
    assert [e for e in result.errors if e.location.field == "code"] == []
    codes = {str(i.code) for i in result.bundle.plans[0].items()}
    assert {"1.02.02.2.01", "1.02.02.2.01.0001", "1.02.02.2.01.0002"} <= codes


def test_an_ambiguous_numeric_code_is_reported_not_guessed(tmp_path: Path) -> None:
    rows = report_rows()
    rows[5][3] = 2.9  # 2.09 and 2.90: neither is a kegiatan of 1.02.02, so nothing can decide
    result = read_rkpd_report(rkpd_report(tmp_path / "a.xlsx", rows))
    (finding,) = [f for f in result.findings if f.evidence.get("field") == "code"]
    assert finding.rule == "SKN005" and "lost a trailing zero" in finding.message.en
    assert finding.location is not None and (finding.location.row, finding.location.column) == (11, "A")
    assert finding.evidence["expected"] == "the code as text (one of 1.02.02.2.09.0002, 1.02.02.2.90.0002)"
    # The sub kegiatan of that row is not imported, so the parents' subtotals no longer add up: also reported.
    assert "SKN001" in {f.rule for f in result.findings}
    assert not result.complete


def test_csv_export_with_semicolons_and_windows_1252(tmp_path: Path) -> None:
    header = [
        [
            "Kode",
            "",
            "",
            "",
            "",
            "Urusan/Bidang Urusan Pemerintahan Daerah Dan Program/Kegiatan",
            "Indikator Kinerja",
            "",
            "",
            "Rencana Tahun 2026",
            "",
            "",
            "",
            "",
            "",
            "Catatan Penting",
            "Prakiraan Maju Rencana Tahun 2027",
            "",
            "",
        ],
        [
            "",
            "",
            "",
            "",
            "",
            "",
            "Capaian Program",
            "Keluaran Sub Kegiatan",
            "Hasil Kegiatan",
            "Lokasi Output Kegiatan",
            "Target Capaian Kinerja",
            "",
            "",
            "Pagu Indikatif (Rp.)",
            "Sumber Dana",
            "",
            "Target Capaian Kinerja",
            "",
            "Kebutuhan Dana/Pagu Indikatif (Rp.)",
        ],
        [
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "Program",
            "Keluaran Sub Kegiatan",
            "Hasil Kegiatan",
            "",
            "",
            "",
            "Tolok Ukur",
            "Target",
            "",
        ],
    ]
    rows = [["" if c is None else str(c) for c in row] for row in report_rows()]
    rows[4][5] = "Pengelolaan Pelayanan Kesehatan Ibu Hamil – Puskesmas"  # an en dash: 0x96 in Windows-1252
    path = csv_file(tmp_path / "rkpd.csv", [*header, *rows], delimiter=";", encoding="cp1252")
    result = read_spreadsheet(path)
    assert result.errors == ()
    (plan,) = result.bundle.plans
    names = [i.name for i in plan.items()]
    assert "Pengelolaan Pelayanan Kesehatan Ibu Hamil – Puskesmas" in names
    assert plan.programs[0].budget_for(2026) == Money(1_500_000)
    assert any("Windows-1252" in s for s in result.bundle.sources)


def test_written_report_reads_back_equal(tmp_path: Path) -> None:
    first = read_rkpd_report(rkpd_report(tmp_path / "in.xlsx", report_rows(), unit=f"{UNIT} Dinas Kesehatan"))
    out = write_rkpd_report(first.bundle, tmp_path / "out.xlsx")
    second = read_rkpd_report(out)
    assert second.errors == ()
    assert second.bundle.plans == first.bundle.plans
    assert second.bundle.agencies == first.bundle.agencies
    assert second.bundle.plans[0].programs[0].activities[0].sub_activities[0].budget_for(2027) == Money(
        Decimal(1_100_000)
    )


# -- several perangkat daerah in one sheet: each unit's urusan and bidang subtotals are its own ------------------
UNIT2 = "1.02.0.00.0.00.02.0000"


def two_unit_rows(second_bidang: str = "1.000.000") -> list[list[object]]:
    """Both units carry urusan 1, bidang 1.02 and program 1.02.02, with different pagu; one TOTAL for both."""
    first = report_rows()[:6]
    second = [list(r) for r in report_rows()[:5]]
    for row in second:
        row[13], row[18] = "1.000.000", None
    second[1][13] = second_bidang
    total: list[object] = [None] * 19
    total[5], total[13], total[18] = "TOTAL", "2.500.000", "1.100.000"
    return [*first, [f"Unit Organisasi : {UNIT2} RSUD Doris"], *second, total]


def test_several_units_with_their_urusan_and_bidang_subtotals(tmp_path: Path) -> None:
    path = rkpd_report(tmp_path / "rkpd.xlsx", two_unit_rows(), unit=f"{UNIT} Dinas Kesehatan")
    result = read_rkpd_report(path)
    assert result.errors == ()
    (plan,) = result.bundle.plans
    assert [(p.agency_id, p.budget_for(2026)) for p in plan.programs] == [
        (UNIT, Money(1_500_000)),
        (UNIT2, Money(1_000_000)),
    ]


def test_a_wrong_subtotal_in_the_second_unit_is_reported_at_its_row(tmp_path: Path) -> None:
    path = rkpd_report(tmp_path / "rkpd.xlsx", two_unit_rows(second_bidang="1.200.000"), unit=f"{UNIT} Dinas Kesehatan")
    result = read_rkpd_report(path)
    # Title, unit line, header (3 rows), numbering: unit 1 is rows 7–12, its Unit Organisasi line row 13,
    # unit 2's urusan row 14 and bidang row 15.
    assert result.errors == ()
    (finding,) = result.findings
    assert finding.rule == "SKN001" and finding.location is not None
    assert (finding.location.row, finding.location.column, finding.evidence["field"]) == (15, "N", "pagu")
    assert finding.message.en == (
        "The 2026 pagu of 1.02 is written as Rp 1,200,000; the rows under it sum to Rp 1,000,000 "
        "(difference Rp 200,000)."
    )
    assert finding.evidence["expected"] == "1000000" and finding.evidence["found"] == "1200000"


def _two_unit_bundle() -> Bundle:
    """An RKPD of two perangkat daerah whose pagu is on the sub kegiatan only (as SIPD gives it)."""

    def program(agency: str, amounts: list[int]) -> Program:
        subs = [
            SubActivity(
                code=Code.parse(f"1.02.02.2.02.000{n}"),
                name=f"Sub kegiatan {n}",
                agency_id=agency,
                budgets=[Budget(year=2026, amount=Money(a))],
            )
            for n, a in enumerate(amounts, start=1)
        ]
        activity = Activity(code=Code.parse("1.02.02.2.02"), name="Kegiatan", agency_id=agency, sub_activities=subs)
        return Program(code=Code.parse("1.02.02"), name="Program", agency_id=agency, activities=[activity])

    plan = Plan(
        id="rkpd-2026",
        kind=PlanKind.RKPD,
        title="RKPD 2026",
        period=PlanPeriod(start=2026, end=2026),
        programs=[program(UNIT, [1_000_000, 500_000]), program(UNIT2, [700_000])],
    )
    return Bundle(plans=[plan], agencies=[Agency(code=UNIT, name="Dinas Kesehatan"), Agency(code=UNIT2, name="RSUD")])


def _pagu_column(path: Path) -> dict[str, list[object]]:
    """The pagu (column N) of every row, by the text of its name column (F)."""
    import openpyxl

    sheet = openpyxl.load_workbook(path).active
    out: dict[str, list[object]] = {}
    for row in sheet.iter_rows(values_only=True):
        if len(row) > 13 and isinstance(row[5], str):
            out.setdefault(row[5], []).append(row[13])
    return out


def test_the_writer_fills_every_subtotal_and_a_multi_unit_report_reads_back_clean(tmp_path: Path) -> None:
    path = write_rkpd_report(_two_unit_bundle(), tmp_path / "rkpd.xlsx")
    pagu = _pagu_column(path)
    # Urusan, bidang, program and kegiatan rows carry the sum of the rows under them, per unit, as a report does.
    bidang = default_nomenclature().lookup(Code.parse("1.02"), 2026)
    assert bidang is not None
    assert pagu[bidang.name] == [1_500_000, 700_000]
    assert pagu["Program"] == [1_500_000, 700_000] and pagu["Kegiatan"] == [1_500_000, 700_000]
    assert pagu["TOTAL"] == [2_200_000]
    result = read_rkpd_report(path)
    assert result.errors == ()
    assert [p.budget_for(2026) for p in result.bundle.plans[0].programs] == [Money(1_500_000), Money(700_000)]


def test_a_tampered_subtotal_of_the_second_unit_in_a_written_report(tmp_path: Path) -> None:
    import openpyxl

    path = write_rkpd_report(_two_unit_bundle(), tmp_path / "rkpd.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book.active
    bidang = default_nomenclature().lookup(Code.parse("1.02"), 2026)
    assert sheet is not None and bidang is not None
    rows = [row[0].row for row in sheet.iter_rows() if row[5].value == bidang.name]
    assert len(rows) == 2
    sheet.cell(row=rows[1], column=14, value=800_000)
    book.save(path)
    (finding,) = read_rkpd_report(path).findings
    assert finding.rule == "SKN001" and finding.location is not None
    assert (finding.location.row, finding.location.column) == (rows[1], "N")
    assert finding.evidence["expected"] == "700000" and finding.evidence["found"] == "800000"

"""Tolerant reading (DESIGN §6a): real-shaped files with real defects are read, every row accounted for.

Each layout gets a file carrying the defects met in planners' files — formulas saved without values
(openpyxl writes none), the row of column numbers under the header, an empty code cell beside an
official name, an indicator repeated in a cell, subtotals that do not add up, a repeated code, a row
that cannot be placed — and is read with the expected source findings. Consistent files give none.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("sinkron_spreadsheet", reason="sinkron-spreadsheet is not installed in this environment")

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook  # type: ignore[import-untyped]
from spreadsheet_builders import rkpd_report, sheet

from sinkron import Money, read_result
from sinkron.connector import ReadResult
from sinkron.models.findings import Finding
from sinkron.nomenclature import default_nomenclature
from sinkron.source_findings import leaves_rows_out
from sinkron_spreadsheet import read_spreadsheet
from sinkron_spreadsheet.findings import ROW_KINDS

NOMENCLATURE = default_nomenclature()
UNIT = "1.02.0.00.0.00.01.0000"


def official(code: str, year: int = 2026) -> str:
    entry = NOMENCLATURE.lookup(code, year)
    assert entry is not None, code
    return entry.name


PROGRAM, KEGIATAN = "1.02.02", "1.02.02.2.02"


# -- accounting ---------------------------------------------------------------------------------------------------
_NOTE = re.compile(r"; (\d+) rows: (.+)$")
_LABELS = {"not read (named by a finding)": "reported"}


def tally(result: ReadResult) -> dict[str, int]:
    """The row tally the reader wrote in the sheet's note of ``bundle.sources`` (one sheet)."""
    (note,) = [s for s in result.bundle.sources if _NOTE.search(s)]
    match = _NOTE.search(note)
    assert match is not None
    counts: dict[str, int] = {}
    for part in match.group(2).split(", "):
        number, label = part.split(" ", 1)
        counts[_LABELS.get(label, label)] = int(number)
    assert set(counts) <= set(ROW_KINDS)
    assert sum(counts.values()) == int(match.group(1))
    return counts


def rows_in_file(path: Path) -> int:
    """The rows of the file's sheet up to its last row holding a value (a formatted empty row after it is none)."""
    sheet = load_workbook(path, read_only=True).active
    return max(
        (r for r, row in enumerate(sheet.iter_rows(values_only=True), 1) if any(v is not None for v in row)), default=0
    )


def assert_every_row_accounted(path: Path, result: ReadResult) -> dict[str, int]:
    """rows in file = rows read + rows reported + rows counted by kind, and the reported rows are the ones named."""
    counts = tally(result)
    assert sum(counts.values()) == rows_in_file(path)
    named = {f.location.row for f in result.findings if leaves_rows_out(f) and f.location is not None}
    assert counts.get("reported", 0) == len(named)
    return counts


def found(result: ReadResult) -> set[tuple[str, int | None, str | None]]:
    """(rule, row, column) of each source finding."""
    return {
        (f.rule, f.location.row if f.location else None, f.location.column if f.location else None)
        for f in result.findings
    }


def one(result: ReadResult, rule: str) -> Finding:
    (finding,) = [f for f in result.findings if f.rule == rule]
    return finding


# -- Renstra PD ----------------------------------------------------------------------------------------------------
RENSTRA = [
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


def test_a_renstra_with_every_defect(tmp_path: Path) -> None:
    sub = {n: official(f"{KEGIATAN}.000{n}", 2025) for n in (1, 2, 3)}
    rows: list[list[Any]] = [
        list(range(1, 19)),  # row 2: the column numbers
        [None, 1, official("1", 2025)],
        [None, "1.02", official("1.02", 2025)],
        [None, PROGRAM, official(PROGRAM, 2025), "%", "Persentase capaian layanan", "80 %", "85 %", "=H6", "90 %", 1],
        [
            None,
            KEGIATAN,
            official(KEGIATAN, 2025),
            "%",
            "Cakupan layanan",
            "70 %",
            "75 %",
            "=SUM(H7:H13)",
            "80 %",
            "=SUM(J7:J13)",
        ],
        [None, f"{KEGIATAN}.0001", sub[1], "Orang", "Jumlah ibu terlayani", 100, 110, 100_000_000, 120, 110_000_000],
        [None, None, sub[2], "Orang", "Jumlah persalinan terlayani", 90, 95, 50_000_000, 100, 55_000_000],
        [None, None, None, "Orang", "Jumlah persalinan terlayani", None, 96],  # the same indicator again
        [None, f"{KEGIATAN}.0001", sub[1], "Orang", "Jumlah ibu terlayani", 1, 1],  # the code again
        [None],
        [None, None, "Belanja lain-lain"],  # no code, not an official name
        [
            None,
            f"{KEGIATAN}.0003",
            sub[3],
            "Bayi",
            "Jumlah bayi terlayani",
            80,
            85,
            20_000_000,
            90,
            "=VLOOKUP(B13,A1:B2,2,0)",
        ],
    ]
    path = sheet(tmp_path / "renstra.xlsx", RENSTRA, rows, title="RENSTRA")
    result = read_spreadsheet(path, start_year=2025)
    assert result.errors == ()
    assert found(result) == {
        ("SKN003", 5, "H"),
        ("SKN003", 6, "H"),  # computed from the rows under them
        ("SKN002", 13, "J"),
        ("SKN002", 6, "J"),  # VLOOKUP is not computed, nor the SUM that reads it
        ("SKN001", 5, "J"),  # the program's 2026 pagu (1) is not the sum of its kegiatan
        ("SKN006", 8, "B"),
        ("SKN004", 9, "E"),
        ("SKN010", 10, "B"),
        ("SKN005", 12, "B"),
    }
    assert assert_every_row_accounted(path, result) == {
        "read": 6,
        "reported": 2,
        "header": 2,
        "blank": 1,
        "subtotal": 2,
    }
    (program,) = result.bundle.plans[0].programs
    (activity,) = program.activities
    assert [str(s.code) for s in activity.sub_activities] == [
        f"{KEGIATAN}.0001",
        f"{KEGIATAN}.0002",
        f"{KEGIATAN}.0003",
    ]
    assert program.budget_for(2025) == Money(170_000_000) and activity.budget_for(2025) == Money(170_000_000)
    assert program.budget_for(2026) == Money(1)  # read as written, reported by SKN001
    assert activity.budget_for(2026) == Money(165_000_000)  # its formula could not be computed: the sum of its rows
    assert activity.sub_activities[2].budget_for(2026) is None  # the VLOOKUP cell is left empty
    inferred = one(result, "SKN006")
    assert inferred.evidence["expected"] == f"{KEGIATAN}.0002" and inferred.subject == f"{KEGIATAN}.0002"
    mismatch = one(result, "SKN001")
    assert mismatch.evidence["difference"] == "-164999999" and mismatch.evidence["year"] == 2026
    (indicator,) = activity.sub_activities[1].indicators
    assert indicator.target_for(2025) is not None and indicator.target_for(2025).text == "95"  # the first row's
    duplicate = one(result, "SKN010")
    assert duplicate.evidence["first_row"] == 7 and sub[1] in duplicate.evidence["row"]
    assert "Belanja lain-lain" in one(result, "SKN005").message.en
    assert not result.complete  # two rows are left out, and named
    assert {f.rule for f in result.findings if f.message.id and f.message.en and f.fix} >= {"SKN001", "SKN005"}


# -- Renja / DPA sub kegiatan --------------------------------------------------------------------------------------
RENJA = [
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


def renja_row(code: str | None, name: str, indicator: str, target: str, pagu: object) -> list[Any]:
    return [code, name, None, None, indicator, target, None, None, "DAU", "Semua Kecamatan", None, None, None, pagu]


def test_a_renja_with_every_defect(tmp_path: Path) -> None:
    rows = [
        [f"({i})" for i in range(1, 16)],
        renja_row(KEGIATAN, official(KEGIATAN), "", "", 999),  # the kegiatan's pagu is not the sum of its rows
        renja_row(
            f"{KEGIATAN}.0001",
            official(f"{KEGIATAN}.0001"),
            "Jumlah ibu terlayani;\nJumlah ibu terlayani",
            "100 Orang;\n100 Orang",
            1_000_000,
        ),
        renja_row(None, official(f"{KEGIATAN}.0002"), "Jumlah persalinan", "90 Orang", "=1000000*2"),
        renja_row(f"{KEGIATAN}.0003", official(f"{KEGIATAN}.0003"), "Jumlah bayi", "80 Bayi", 500_000),
    ]
    path = sheet(tmp_path / "renja.xlsx", RENJA, rows, title="Sub Keg")
    result = read_spreadsheet(path, mapping="renja@2026")
    assert result.errors == ()
    assert found(result) == {("SKN001", 3, "N"), ("SKN004", 4, "E"), ("SKN006", 5, "A"), ("SKN003", 5, "N")}
    assert assert_every_row_accounted(path, result) == {"read": 4, "header": 2}
    plan = result.bundle.plans[0]
    subs = list(plan.sub_activities())
    assert [str(s.code) for s in subs] == [f"{KEGIATAN}.000{n}" for n in (1, 2, 3)]
    assert [i.name for i in subs[0].indicators] == ["Jumlah ibu terlayani"]  # read once
    assert subs[1].budget_for(2026) == Money(2_000_000)  # the formula, computed
    assert one(result, "SKN001").evidence["expected"] == "3500000" and result.complete


# -- tujuan / sasaran ----------------------------------------------------------------------------------------------
def test_a_tujuan_sasaran_list_with_every_defect(tmp_path: Path) -> None:
    rows = [
        ["(1)", "(2)", "(3)", "(4)"],
        ["Tujuan", "Meningkatnya derajat kesehatan", "Indeks kesehatan;\nIndeks kesehatan", None],
        ["Sasaran", "Menurunnya kematian ibu", "Angka kematian ibu (%);\nAngka Kematian Ibu", None],
        [None, None, "Angka kematian ibu (%)"],  # the same indicator again, on a row of its own
        ["Misi", "Sehat dan sejahtera", None, None],
        [None, None, None, None],
        ["Sasaran", "Meningkatnya gizi balita", "Prevalensi stunting", "prioritas"],
    ]
    path = sheet(
        tmp_path / "ts.xlsx",
        ["KELOMPOK", "TUJUAN/SASARAN", "INDIKATOR SASARAN", "KETERANGAN"],
        rows,
        above=[["Periode : 2025–2029"]],
        title="tujuan sasaran",
    )
    result = read_spreadsheet(path)
    assert result.errors == ()
    assert found(result) == {("SKN004", 4, "C"), ("SKN004", 6, "C"), ("SKN005", 7, "A")}
    assert assert_every_row_accounted(path, result) == {"read": 4, "reported": 1, "title": 1, "header": 2, "blank": 1}
    (plan,) = result.bundle.plans
    (goal,) = plan.goals
    assert [i.name for i in goal.indicators] == ["Indeks kesehatan"]
    first, second = plan.objectives
    # Two names that give the same id get distinct ids; the repeated one is read once.
    assert [(i.name, i.id) for i in first.indicators] == [
        ("Angka kematian ibu (%)", "angka-kematian-ibu"),
        ("Angka Kematian Ibu", "angka-kematian-ibu-2"),
    ]
    assert second.text == "Meningkatnya gizi balita"


# -- RKPD report (Permendagri 86) ----------------------------------------------------------------------------------
def rkpd_rows(
    *, kegiatan_pagu: object, total: object, code_of_second: bool = True, repeat: bool = False
) -> list[list[Any]]:
    second_code: list[Any] = [1, 2, 2, "2.02", 2] if code_of_second else [None] * 5
    indicator = "Jumlah ibu terlayani;\nJumlah ibu terlayani" if repeat else "Jumlah ibu terlayani"
    target = "1.200 Orang;\n1.200 Orang" if repeat else "1.200 Orang"
    return [
        [f"Sub Unit Organisasi : {UNIT} Dinas Kesehatan"],
        ["1", None, None, None, None, official("1"), *[None] * 7, "1.500.000"],
        [1, 2, None, None, None, official("1.02"), *[None] * 7, "1.500.000"],
        [1, 2, 2, None, None, official(PROGRAM), "Persentase layanan", *[None] * 3, "95 %", None, None, "1.500.000"],
        [1, 2, 2, "2.02", None, official(KEGIATAN), None, None, "Cakupan layanan", *[None] * 3, "100 %", kegiatan_pagu],
        [
            1,
            2,
            2,
            "2.02",
            1,
            official(f"{KEGIATAN}.0001"),
            None,
            indicator,
            None,
            "Semua Kecamatan",
            None,
            target,
            None,
            1_000_000,
        ],
        [
            *second_code,
            official(f"{KEGIATAN}.0002"),
            None,
            "Jumlah persalinan",
            None,
            None,
            None,
            "800 Orang",
            None,
            500_000,
        ],
        [None, None, None, None, None, "TOTAL", *[None] * 7, total],
    ]


def test_an_rkpd_report_with_every_defect(tmp_path: Path) -> None:
    path = rkpd_report(
        tmp_path / "rkpd.xlsx",
        rkpd_rows(kegiatan_pagu="=N12+N13", total="1.400.000", code_of_second=False, repeat=True),
        unit=f"{UNIT} Dinas Kesehatan",
        plain_numbers=True,
    )
    result = read_spreadsheet(path)
    assert result.errors == ()
    assert found(result) == {("SKN003", 11, "N"), ("SKN004", 12, "H"), ("SKN006", 13, "A"), ("SKN001", 14, "N")}
    assert assert_every_row_accounted(path, result) == {"read": 5, "title": 2, "header": 4, "subtotal": 2, "total": 1}
    (plan,) = result.bundle.plans
    # The row of column numbers 1 … 19 is part of the header, never an activity named "6" with pagu 14.
    assert [str(i.code) for i in plan.items()] == [PROGRAM, KEGIATAN, f"{KEGIATAN}.0001", f"{KEGIATAN}.0002"]
    assert plan.programs[0].activities[0].budget_for(2026) == Money(1_500_000)
    # The Sub Unit line repeats the unit's code and name: the same perangkat daerah, no conflict.
    assert [a.id for a in result.bundle.agencies] == [UNIT]
    total = one(result, "SKN001")
    assert "Rp 1.400.000" in total.message.id and "(difference Rp 100,000)" in total.message.en


def test_a_difference_below_one_rupiah_is_rounding(tmp_path: Path) -> None:
    path = rkpd_report(tmp_path / "rkpd.xlsx", rkpd_rows(kegiatan_pagu="1.500.000,4", total="1.500.000"))
    assert read_spreadsheet(path).findings == ()
    path = rkpd_report(tmp_path / "rkpd.xlsx", rkpd_rows(kegiatan_pagu="1.500.001", total="1.500.000"))
    findings = read_spreadsheet(path).findings  # one rupiah is beyond rounding: the kegiatan, and its program above
    assert [(f.rule, f.location.row if f.location else None, f.evidence["difference"]) for f in findings] == [
        ("SKN001", 10, "1"),
        ("SKN001", 9, "-1"),
    ]


def test_strict_reading_turns_error_findings_into_read_errors(tmp_path: Path) -> None:
    path = rkpd_report(tmp_path / "rkpd.xlsx", rkpd_rows(kegiatan_pagu="1.500.000", total="1.400.000"))
    assert read_result(path).complete
    strict = read_result(path, strict=True)
    (error,) = strict.errors
    assert error.location.row == 13 and error.expected == "1500000" and not strict.complete


# -- csv rows with more cells than the header (issue 25) ------------------------------------------------------------
def test_a_csv_row_with_more_cells_than_its_header_is_never_read_from_shifted_columns(tmp_path: Path) -> None:
    """An unquoted 1,500,000 is three cells: the row is named by SKN005, never read with pagu Rp 1."""
    subs = NOMENCLATURE.children(KEGIATAN, 2026)[:4]
    lines = [
        "KODE SUB KEGIATAN,PROGRAM DAN KEGIATAN,JUMLAH PAGU,TOLAK UKUR KELUARAN",
        f"{subs[0].code},{subs[0].name},1,500,000,Jumlah dokumen",  # the indicator shifted to column F
        f"{subs[1].code},{subs[1].name},1.000.000,75,Jumlah dokumen",  # the sen shifted to column D
        f'{subs[2].code},{subs[2].name},"1,500,000",Jumlah dokumen',
        f"{subs[3].code},{subs[3].name},2.500.000,Jumlah dokumen,,,",  # empty cells after the header: no problem
    ]
    path = tmp_path / "renja-2026.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = read_result(path, format="csv", year=2026)
    pagu = {sub.code: [b.amount for b in sub.budgets] for sub in result.bundle.plans[0].sub_activities()}
    assert pagu == {subs[2].code: [Money(Decimal(1_500_000))], subs[3].code: [Money(Decimal(2_500_000))]}
    assert {
        (f.rule, f.location.row if f.location else None, f.location.column if f.location else None)
        for f in result.findings
        if f.rule == "SKN005"
    } == {("SKN005", 2, "E, F"), ("SKN005", 3, "E")}
    finding = next(f for f in result.findings if f.location is not None and f.location.row == 2)
    assert finding.evidence["found"] == "E: '000', F: 'Jumlah dokumen'"
    assert finding.evidence["expected"] == "at most 4 cells, as many as the header"
    assert finding.fix is not None and "1,500,000" in finding.fix.en
    assert not result.complete
    assert tally(result)["reported"] == 2
    strict = read_result(path, format="csv", year=2026, strict=True)
    assert sorted(e.location.row or 0 for e in strict.errors) == [2, 3]


# -- consistent files give no finding ----------------------------------------------------------------------------
SUBS = NOMENCLATURE.children(KEGIATAN, 2026)[:8]


@settings(max_examples=12, deadline=None)
@given(
    amounts=st.lists(st.integers(min_value=0, max_value=10**12), min_size=1, max_size=len(SUBS)),
    plain_numbers=st.booleans(),
    as_text=st.booleans(),
)
def test_a_consistent_rkpd_report_gives_no_source_finding(
    tmp_path_factory: pytest.TempPathFactory, amounts: list[int], plain_numbers: bool, as_text: bool
) -> None:
    def money(amount: int) -> object:
        return f"{amount:,}".replace(",", ".") if as_text else amount

    total = sum(amounts)
    rows: list[list[Any]] = [
        ["1", None, None, None, None, official("1"), *[None] * 7, money(total)],
        [1, 2, None, None, None, official("1.02"), *[None] * 7, money(total)],
        [1, 2, 2, None, None, official(PROGRAM), *[None] * 7, money(total)],
        [1, 2, 2, "2.02", None, official(KEGIATAN), *[None] * 7, money(total)],
    ]
    for entry, amount in zip(SUBS, amounts, strict=False):
        number = int(str(entry.code).rsplit(".", 1)[1])
        rows.append(
            [
                1,
                2,
                2,
                "2.02",
                number,
                entry.name,
                None,
                f"Jumlah layanan {number}",
                None,
                None,
                None,
                f"{number} Dokumen",
                None,
                money(amount),
            ]
        )
    rows.append([None, None, None, None, None, "TOTAL", *[None] * 7, money(total)])
    path = rkpd_report(tmp_path_factory.mktemp("rkpd") / "rkpd.xlsx", rows, plain_numbers=plain_numbers)
    result = read_spreadsheet(path)
    assert result.errors == () and result.findings == () and result.complete
    counts = assert_every_row_accounted(path, result)
    assert counts["read"] == 2 + len(amounts) and counts.get("reported", 0) == 0
    assert result.bundle.plans[0].programs[0].budget_for(2026) == Money(Decimal(total))


# -- the real filled templates -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "options", "rules"),
    [
        ("renstra_template.xlsx", {"start_year": 2025}, {"SKN001", "SKN003", "SKN005"}),
        ("format_sub_kegiatan_renja_dpa_dppa.xlsx", {"year": 2025}, set()),
        ("tujuan_sasaran_renstra.xlsx", {"start_year": 2025}, {"SKN004"}),
    ],
)
def test_the_real_filled_templates_read_with_findings(
    shared_reference: Path, name: str, options: dict[str, int], rules: set[str]
) -> None:
    path = shared_reference / "sesendok" / "filled" / name
    result = read_spreadsheet(path, **options)  # type: ignore[arg-type]
    assert result.errors == ()
    assert result.bundle.plans and {f.rule for f in result.findings} == rules
    counts = tally(result)
    assert counts["read"] > 0 and sum(counts.values()) == rows_in_file(path)

"""The plan year from the title, the sheet name or the file name (SKN007); unit lines above a table."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("sinkron_spreadsheet", reason="sinkron-spreadsheet is not installed in this environment")

from click.testing import CliRunner
from spreadsheet_builders import sheet
from test_renja import HEADER, rows

from sinkron import PlanPeriod, PlanStage
from sinkron.cli import main
from sinkron_spreadsheet import read_spreadsheet
from sinkron_spreadsheet.reader import year_in


def _renja(path: Path, *, title: str = "Sheet1", above: list[list[object]] | None = None) -> Path:
    return sheet(path, HEADER, rows(), title=title, above=above or [])


def _year_findings(result: object) -> list[str]:
    return [f.message.en for f in result.findings if f.rule == "SKN007"]  # type: ignore[attr-defined]


def test_the_year_comes_from_a_title_line_and_is_reported(tmp_path: Path) -> None:
    path = _renja(tmp_path / "renja.xlsx", above=[["RENCANA KERJA DINAS KESEHATAN TAHUN 2026"], []])
    result = read_spreadsheet(path)
    assert result.errors == ()
    assert result.bundle.plans[0].period == PlanPeriod(start=2026, end=2026)
    (finding,) = [f for f in result.findings if f.rule == "SKN007"]
    assert finding.location is not None and finding.location.row == 1
    assert "the title in row 1" in finding.message.en and finding.evidence["found"] == "2026"


def test_the_title_wins_over_the_sheet_name_which_wins_over_the_file_name(tmp_path: Path) -> None:
    titled = _renja(tmp_path / "renja-2024.xlsx", title="DPA 2025", above=[["RKPD 2026"]])
    assert read_spreadsheet(titled).bundle.plans[0].year == 2026
    by_sheet = _renja(tmp_path / "renja-2024b.xlsx", title="DPA 2025")
    result = read_spreadsheet(by_sheet)
    assert result.bundle.plans[0].year == 2025 and "the sheet name" in _year_findings(result)[0]
    by_file = _renja(tmp_path / "renja-dinkes-2024.xlsx")
    result = read_spreadsheet(by_file)
    assert result.bundle.plans[0].year == 2024 and "the file name" in _year_findings(result)[0]


def test_a_read_option_year_is_not_inferred(tmp_path: Path) -> None:
    result = read_spreadsheet(_renja(tmp_path / "renja-dinkes-2024.xlsx"), year=2027)
    assert result.bundle.plans[0].year == 2027 and _year_findings(result) == []


def test_a_renstra_title_gives_its_five_years() -> None:
    assert year_in("RENSTRA DINAS PUPR 2025 - 2029") == PlanPeriod(start=2025, end=2029)
    assert year_in("RKPD 2025 dan RKPD 2026") is None  # two years: none is guessed
    assert year_in("Kode 1.02.02.2.02.0001") is None


def test_without_any_year_the_cli_names_its_own_flag(tmp_path: Path) -> None:
    path = _renja(tmp_path / "renja.xlsx")
    result = CliRunner().invoke(main, ["read", str(path)])
    assert result.exit_code == 2
    assert "give the read option -R year=2026" in result.stderr
    assert "sinkron.read" not in result.stderr
    assert read_spreadsheet(path).errors[0].read_option == "year=2026"


def test_unit_and_sub_unit_with_the_same_code_and_name_are_one_agency(tmp_path: Path) -> None:
    unit = "1.02.0.00.0.00.01.0000 DINAS KESEHATAN"
    path = _renja(
        tmp_path / "renja.xlsx",
        above=[[f"Unit Organisasi : {unit}"], [f"Sub Unit Organisasi : {unit}"], ["Tahun : 2026"]],
    )
    result = read_spreadsheet(path)
    assert result.errors == () and [f.rule for f in result.findings] == []
    (agency,) = result.bundle.agencies
    assert agency.name == "DINAS KESEHATAN" and agency.parent_id is None


def test_a_unit_named_twice_differently_is_a_finding_and_the_first_name_is_kept(tmp_path: Path) -> None:
    path = _renja(
        tmp_path / "renja.xlsx",
        above=[
            ["Unit Organisasi : 1.02.0.00.0.00.01.0000 DINAS KESEHATAN"],
            ["Sub Unit Organisasi : 1.02.0.00.0.00.01.0000 DINKES"],
            ["Tahun : 2026"],
        ],
    )
    result = read_spreadsheet(path)
    assert result.errors == ()
    (finding,) = result.findings
    assert finding.rule == "SKN011" and finding.evidence == {
        "expected": "DINAS KESEHATAN",
        "found": "DINKES",
        "field": "sub_unit",
    }
    assert [a.name for a in result.bundle.agencies] == ["DINAS KESEHATAN"]


def test_a_table_below_empty_rows_and_right_of_empty_columns_keeps_its_row_numbers(tmp_path: Path) -> None:
    """The used range starts at C3: rows and columns are still those the spreadsheet shows."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for c, text in enumerate(HEADER, start=3):
        ws.cell(row=3, column=c, value=text)
    for r, row in enumerate(rows(pagu2="seratus juta"), start=4):
        for c, value in enumerate(row, start=3):
            ws.cell(row=r, column=c, value=value)
    path = tmp_path / "renja-2024.xlsx"
    wb.save(path)
    result = read_spreadsheet(path)
    problems = [*result.errors, *(f for f in result.findings if f.rule != "SKN007")]
    # The unreadable pagu is in row 5 (the second data row), column P (C + 13).
    located = [(p.location.row, p.location.column) for p in problems if p.location is not None]
    assert result.bundle.plans[0].provenance is not None and result.bundle.plans[0].provenance.row == 3
    assert (5, "P") in located, located


def test_the_stage_and_revision_lines_above_the_header(tmp_path: Path) -> None:
    named = read_spreadsheet(
        _renja(tmp_path / "a.xlsx", above=[["Tahap : Rancangan Akhir"], ["Revisi : 2"]]), year=2026
    )
    assert named.findings == () and named.complete
    (plan,) = named.bundle.plans
    assert (plan.stage, plan.revision) == (PlanStage.FINAL_DRAFT, 2)
    unreadable = read_spreadsheet(_renja(tmp_path / "b.xlsx", above=[["Tahap : hampir"], ["Revisi : dua"]]), year=2026)
    (plan,) = unreadable.bundle.plans
    assert (plan.stage, plan.revision) == (PlanStage.ENACTED, 0)  # each read as the default, and said
    where = {(f.rule, f.location.row if f.location else None, f.evidence["field"]) for f in unreadable.findings}
    assert where == {("SKN008", 1, "stage"), ("SKN008", 2, "revision")}


def test_a_row_with_neither_code_nor_name_is_named_and_left_out(tmp_path: Path) -> None:
    stray = [None] * 8 + ["DAU"] + [None] * 4 + [1_000_000, None]  # a funding source and a pagu, nothing else
    path = sheet(tmp_path / "renja.xlsx", HEADER, [*rows(), stray], title="Renja 2026")
    result = read_spreadsheet(path)
    (finding,) = [f for f in result.findings if f.rule == "SKN005"]
    assert finding.location is not None and (finding.location.row, finding.location.column) == (4, "A")
    assert finding.message.en == "Row 4 has neither a code nor a name; the row is not read."
    assert [str(s.code) for s in result.bundle.plans[0].sub_activities()] == ["1.02.02.2.02.0001", "1.02.02.2.02.0002"]

"""The sipd-report format: the RKPD report read by sinkron-spreadsheet, plus the nomenclature check."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("sinkron_sipd", reason="sinkron-sipd is not installed in this environment")
pytest.importorskip("sinkron_spreadsheet", reason="sinkron-spreadsheet is not installed in this environment")
import openpyxl
from sipd_samples import sub_keg, write_json

import sinkron
from sinkron import ConnectorUnavailable
from sinkron.nomenclature import CodeState
from sinkron_sipd import SipdReportConnector, nomenclature_problems, read_sipd
from sinkron_spreadsheet import write_rkpd_report


def _report(tmp_path: Path) -> Path:
    records = [
        sub_keg(sub_id=1),
        sub_keg(sub_id=2, code="1.02.02.2.02.0099", name="Sub kegiatan yang tidak ada"),
        sub_keg(
            sub_id=3,
            code="7.01.02.2.01.01",
            name="Koordinasi Contoh",
            program=("7.01.02", "PROGRAM KECAMATAN"),
            activity=("7.01.02.2.01", "Koordinasi Kecamatan"),
        ),
    ]
    bundle = read_sipd(write_json(tmp_path / "rkpd.json", records)).bundle
    return write_rkpd_report(bundle, tmp_path / "rkpd.xlsx")


def test_the_report_reads_into_the_hierarchy_and_outdated_codes_are_warned(tmp_path: Path) -> None:
    path = _report(tmp_path)
    result = sinkron.read_result(path, format="sipd-report")
    assert result.errors == ()
    plan = result.bundle.plans[0]
    assert [str(p.code) for p in plan.programs] == ["1.02.02", "7.01.02"]
    assert [str(s.code) for s in plan.sub_activities()] == ["1.02.02.2.02.0001", "1.02.02.2.02.0099", "7.01.02.2.01.01"]
    problems = nomenclature_problems(result.bundle)
    assert [(str(p.code), p.state) for p in problems] == [
        ("1.02.02.2.02.0099", CodeState.UNKNOWN),
        ("7.01.02.2.01.01", CodeState.LEGACY),
    ]

    checked = sinkron.read_result(path, format="sipd-report", check_nomenclature=True)
    assert [e.actual for e in checked.errors] == ["1.02.02.2.02.0099", "7.01.02.2.01.01"]
    assert all(e.location.source == str(path) for e in checked.errors)
    assert "use 7.01.02.2.01.0001" in checked.errors[1].message
    assert checked.bundle.plans == result.bundle.plans  # the records are kept


def test_a_tampered_subtotal_is_reported_at_its_row(tmp_path: Path) -> None:
    path = _report(tmp_path)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None
    total_row = next(row[0].row for row in sheet.iter_rows() if row[5].value == "TOTAL")
    sheet.cell(row=total_row, column=14, value=1)
    book.save(path)
    result = sinkron.read_result(path, format="sipd-report")
    assert result.errors == ()
    [finding] = result.findings
    assert finding.rule == "SKN001" and finding.location is not None
    assert (finding.location.row, finding.location.column) == (total_row, "N")
    assert "TOTAL" in finding.message.en


def test_without_the_spreadsheet_plugin_the_format_says_what_to_install(tmp_path: Path) -> None:
    class Missing(SipdReportConnector):
        requires = ("sinkron_spreadsheet_absent",)

    with pytest.raises(ConnectorUnavailable) as caught:
        Missing().read(tmp_path / "x.xlsx")
    assert caught.value.install == "sinkron-spreadsheet"

"""The plugin as users meet it: discovered through its entry point, dispatched by sinkron.read/write, the CLI."""

from __future__ import annotations

import importlib.metadata
import json
from pathlib import Path

import pytest

pytest.importorskip("sinkron_spreadsheet", reason="sinkron-spreadsheet is not installed in this environment")

from click.testing import CliRunner
from spreadsheet_builders import sheet

import sinkron
from sinkron import Bundle, Finding, PlanKind, Provenance, Report, Severity
from sinkron.align.findings import Message
from sinkron.align.report import CoverageRow, Metrics
from sinkron.cli import main
from sinkron.progress import ProgressEvent
from sinkron_spreadsheet import MappingError, load_mapping, read_spreadsheet

RENJA = ["KODE SUB KEGIATAN", "PROGRAM DAN KEGIATAN", "TOLAK UKUR KELUARAN", "TARGET KINERJA KELUARAN", "JUMLAH PAGU"]


def _installed() -> bool:
    try:
        importlib.metadata.distribution("sinkron-spreadsheet")
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


@pytest.mark.skipif(not _installed(), reason="the sinkron-spreadsheet distribution is not installed (no entry point)")
def test_discovered_through_the_real_entry_point() -> None:
    entry = [e for e in importlib.metadata.entry_points(group="sinkron") if e.name == "spreadsheet"]
    assert [e.value for e in entry] == ["sinkron_spreadsheet.plugin"]
    pm = sinkron.PluginManager()
    assert {"spreadsheet", "spreadsheet-csv"} <= set(pm.connectors())
    assert "report-xlsx" in pm.exporters()
    info = next(p for p in pm.plugins() if p.name == "spreadsheet")
    assert info.status == "loaded" and info.distribution == "sinkron-spreadsheet"
    assert "spreadsheet" not in sinkron.PluginManager(disable=["spreadsheet"]).connectors()


def renja(tmp_path: Path, rows: int = 3) -> Path:
    data = [
        [f"1.02.02.2.02.{n:04d}", f"Sub kegiatan {n}", "Jumlah Ibu Hamil", "100 Orang", 1000 * n]
        for n in range(1, rows + 1)
    ]
    return sheet(tmp_path / "renja.xlsx", RENJA, data, above=[["Periode : 2024"]])


@pytest.mark.skipif(not _installed(), reason="the sinkron-spreadsheet distribution is not installed (no entry point)")
def test_sinkron_read_and_write_dispatch_to_the_plugin(tmp_path: Path) -> None:
    events: list[ProgressEvent] = []
    bundle = sinkron.read(renja(tmp_path, rows=2500), progress=events.append)
    assert len(list(bundle.plans[0].sub_activities())) == 2500
    assert events and events[-1].done == 2502 and events[-1].total == 2502 and events[-1].unit == "rows"
    out = sinkron.write(bundle, tmp_path / "out.xlsx")
    assert sinkron.read(out).plans == bundle.plans
    report = Report(
        findings=(
            Finding(
                rule="SKN301",
                severity=Severity.ERROR,
                subject="renja#x",
                path="Renja › x",
                message=Message(id="=pagu melebihi", en="pagu exceeds"),
                evidence={"pagu": "1000"},
                location=Provenance(source="renja.xlsx", row=3),
            ),
        ),
        metrics=Metrics(
            priority_coverage=(
                CoverageRow(
                    priority="pn-06",
                    code="06",
                    name="Kemiskinan",
                    kind="pn",
                    programs=2,
                    sub_activities=5,
                    pagu=sinkron.Money(5).amount,
                    year=2026,
                ),
            )
        ),
    )
    path = sinkron.write(report, tmp_path / "report.xlsx")
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    assert book.sheet_names == ["Temuan", "Cakupan Prioritas"]
    findings = book.get_sheet_by_name("Temuan").to_python()
    assert findings[1][:6] == ["SKN301", "error", "renja#x", "Renja › x", "'=pagu melebihi", "pagu exceeds"]
    assert findings[1][9:] == ["renja.xlsx", "", 3]
    coverage = book.get_sheet_by_name("Cakupan Prioritas").to_python()
    assert coverage[1] == ["pn-06", "06", "Kemiskinan", "pn", "ya", 2, 5, 5, 2026]


@pytest.mark.skipif(not _installed(), reason="the sinkron-spreadsheet distribution is not installed (no entry point)")
def test_cli_read_names_the_layout_and_reports_problems(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["read", str(renja(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "layout renja (detected from the header in row 2)" in result.output
    mapped = runner.invoke(main, ["read", str(renja(tmp_path)), "--mapping", "renja", "--to", "json"])
    assert json.loads(mapped.output)["data"]["plans"][0]["kind"] == "renja_pd"
    bad = sheet(
        tmp_path / "bad.xlsx",
        RENJA,
        [["1.02.02.2.02.0001", "Sub", "Jumlah", "1 Orang", "satu juta"]],
        above=[["Periode : 2024"]],
    )
    tolerant = runner.invoke(main, ["read", str(bad)])
    assert tolerant.exit_code == 0, tolerant.output  # the row is kept without its pagu, and the cell reported
    assert "SKN008" in tolerant.output and "row 3, column E, field 'pagu'" in tolerant.output
    failed = runner.invoke(main, ["read", str(bad), "--strict"])
    assert failed.exit_code == 2  # strict: a source finding of severity error makes the source incomplete
    assert "row 3, column E, field 'pagu'" in failed.output and "1 problem(s)" in failed.output


def test_mappings_from_toml_json_and_dict(tmp_path: Path) -> None:
    toml = tmp_path / "opd.toml"
    toml.write_text(
        'name = "opd"\nplan_kind = "dpa"\nbudget_kind = "pagu"\nyear = 2025\nrequired = ["code", "name", "pagu"]\n'
        '[columns]\ncode = ["KODE REK"]\nname = ["URAIAN"]\npagu = ["PAGU", "JUMLAH PAGU", "PAGU INDIKATIF"]\n'
        '"keluaran.indicator" = ["TOLOK UKUR", "TOLAK UKUR"]\n',
        encoding="utf-8",
    )
    path = sheet(
        tmp_path / "dpa.xlsx",
        ["KODE REK", "URAIAN", "TOLAK UKUR", "Pagu\nIndikatif"],
        [["1.02.02.2.02.0001", "Sub", "Jumlah Ibu Hamil", "2.500.000"]],
    )
    result = read_spreadsheet(path, mapping=toml)
    assert result.errors == ()
    (plan,) = result.bundle.plans
    assert plan.kind is PlanKind.DPA and plan.year == 2025
    (sub,) = plan.sub_activities()
    assert sub.budgets[0].kind.value == "pagu" and sub.indicators[0].name == "Jumlah Ibu Hamil"
    as_json = tmp_path / "opd.json"
    as_json.write_text(json.dumps(load_mapping(toml).to_dict()), encoding="utf-8")
    assert read_spreadsheet(path, mapping=as_json).bundle.plans == result.bundle.plans
    with pytest.raises(MappingError, match="unknown field"):
        load_mapping({"columns": {"kode": ["KODE"]}})
    with pytest.raises(MappingError, match="unknown mapping 'nope'"):
        load_mapping("nope")
    assert isinstance(Bundle(), Bundle)

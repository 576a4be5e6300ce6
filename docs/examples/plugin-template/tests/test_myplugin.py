"""The plugin's tests: sinkron's conformance kit for each part, and the plugin as sinkron sees it once installed."""

from __future__ import annotations

from pathlib import Path

import sinkron
from sinkron import Bundle
from sinkron.testing.conformance import (
    assert_connector_reads,
    assert_exporter_atomic,
    assert_formula_safe,
    assert_reports_broken_inputs,
    assert_rule_fires,
    assert_rule_silent_on_aligned_bundles,
    hostile_bundle,
)
from sinkron_myplugin.connector import MonitoringCsvConnector
from sinkron_myplugin.exporter import SubActivityCsvExporter
from sinkron_myplugin.rules import sub_activity_without_pagu

EXPORT = "kode,nama,pagu,realisasi\n1.02.02.2.02.0001,Pengelolaan Pelayanan Kesehatan Ibu Hamil,150000000,90000000\n"


def _export(folder: Path, text: str = EXPORT) -> Path:
    path = folder / "monev.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_connector_conforms(tmp_path: Path) -> None:
    result = assert_connector_reads(MonitoringCsvConnector(), _export(tmp_path))
    assert [str(s.code) for p in result.bundle.plans for s in p.sub_activities()] == ["1.02.02.2.02.0001"]
    assert_reports_broken_inputs(MonitoringCsvConnector(), tmp_path / "broken")


def test_rule_conforms(tmp_path: Path) -> None:
    without_pagu = MonitoringCsvConnector().read(_export(tmp_path, EXPORT.replace("150000000", ""))).bundle
    assert_rule_fires(sub_activity_without_pagu, [without_pagu])
    assert_rule_silent_on_aligned_bundles(sub_activity_without_pagu, examples=10)


def test_exporter_conforms(tmp_path: Path) -> None:
    assert_exporter_atomic(SubActivityCsvExporter(), hostile_bundle(), tmp_path / "out.csv")
    assert assert_formula_safe(SubActivityCsvExporter(), hostile_bundle())


def test_installed_plugin_is_listed_reads_checks_and_exports(tmp_path: Path) -> None:
    pm = sinkron.PluginManager(load=["myplugin"])
    listed = {info.name: info for info in pm.plugins()}
    assert listed["myplugin"].status == "loaded", listed["myplugin"].error
    source = _export(tmp_path, EXPORT.replace("150000000", ""))
    assert pm.choose_connector(source).connector.name == "myplugin-csv"
    bundle = sinkron.read(source, plugins=pm)
    report = sinkron.check(bundle, rules="APP", plugins=pm)
    assert [f.rule for f in report.findings] == ["APP101"]
    assert report.findings[0].location is not None and report.findings[0].location.row == 2
    written = sinkron.write(bundle, tmp_path / "out" / "subs.csv", "myplugin-csv", plugins=pm)
    assert isinstance(bundle, Bundle) and written.read_text(encoding="utf-8").startswith("kode,nama,pagu")

"""sinkron-spreadsheet's connectors and exporters against the public conformance kit (sinkron.testing.conformance)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("sinkron_spreadsheet", reason="sinkron-spreadsheet is not installed in this environment")

import sinkron
from sinkron.testing.conformance import (
    assert_connector_reads,
    assert_exporter_atomic,
    assert_formula_safe,
    assert_reports_broken_inputs,
    hostile_bundle,
)
from sinkron_spreadsheet.connector import CsvConnector, XlsxConnector


@pytest.mark.parametrize("connector", [XlsxConnector(), CsvConnector()], ids=lambda c: c.name)
def test_broken_inputs_are_located_errors(connector: XlsxConnector, tmp_path: Path) -> None:
    outcomes = assert_reports_broken_inputs(connector, tmp_path)
    assert not any(result is not None and result.bundle.plans for result in outcomes.values())


def test_a_written_renja_reads_back_with_provenance(tmp_path: Path) -> None:
    bundle = hostile_bundle()
    renja = next(p for p in bundle.plans if p.kind.value == "renja_pd")
    path = sinkron.write(bundle.replace(plans=(renja,)), tmp_path / "renja.xlsx", layout="renja")
    result = assert_connector_reads(XlsxConnector(), path)
    assert sum(1 for p in result.bundle.plans for _ in p.items()) > 0


def test_the_xlsx_report_is_atomic_and_formula_safe(tmp_path: Path) -> None:
    pm = sinkron.PluginManager()
    report = sinkron.check(hostile_bundle(), plugins=pm)
    exporter = pm.exporters()["report-xlsx"]
    assert_exporter_atomic(exporter, report, tmp_path / "laporan.xlsx")
    assert len(assert_formula_safe(exporter, report)) > 0

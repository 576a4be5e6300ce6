"""The Renstra tujuan/sasaran list: KELOMPOK, text, several indicators per cell."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("sinkron_spreadsheet", reason="sinkron-spreadsheet is not installed in this environment")

from spreadsheet_builders import sheet

from sinkron import Goal, Indicator, IndicatorKind, Objective
from sinkron_spreadsheet import read_spreadsheet


def test_reads_tujuan_and_sasaran_with_multi_indicator_cells(tmp_path: Path) -> None:
    path = sheet(
        tmp_path / "tujuan.xlsx",
        ["KELOMPOK", "TUJUAN/SASARAN", "INDIKATOR SASARAN", "KETERANGAN"],
        [
            [
                "Tujuan",
                "Meningkatnya kualitas\ninfrastruktur",
                "Indeks Kepuasan Masyarakat;\nIndeks Infrastruktur",
                None,
            ],
            ["Sasaran", "Meningkatnya kemantapan jalan", "Persentase jalan mantap", "jalan kabupaten"],
            [None, None, "Persentase jembatan baik"],
            ["Sasaran", "Meningkatnya layanan air minum", "Cakupan air minum;\n", None],
            ["Misi", "Maju", None, None],
        ],
        above=[["Periode : 2025–2029"]],
    )
    result = read_spreadsheet(path)
    assert result.errors == ()
    (finding,) = result.findings  # the Misi row cannot be placed: named, the rest read
    assert finding.rule == "SKN005" and finding.location is not None
    assert (finding.location.row, finding.location.column, finding.evidence["field"]) == (7, "A", "group")
    assert finding.evidence["expected"] == "Tujuan or Sasaran" and finding.evidence["found"] == "Misi | Maju"
    (plan,) = result.bundle.plans
    assert plan.goals == (
        Goal(id="T1", text="Meningkatnya kualitas infrastruktur",
             indicators=[Indicator(name="Indeks Kepuasan Masyarakat", kind=IndicatorKind.IMPACT),
                         Indicator(name="Indeks Infrastruktur", kind=IndicatorKind.IMPACT)]),
    )  # fmt: skip
    assert plan.objectives == (
        Objective(id="S1", text="Meningkatnya kemantapan jalan", goal_id="T1",
                  indicators=[Indicator(name="Persentase jalan mantap", kind=IndicatorKind.OUTCOME),
                              Indicator(name="Persentase jembatan baik", kind=IndicatorKind.OUTCOME)]),
        Objective(id="S2", text="Meningkatnya layanan air minum", goal_id="T1",
                  indicators=[Indicator(name="Cakupan air minum", kind=IndicatorKind.OUTCOME)]),
    )  # fmt: skip
    assert plan.extra["notes"] == {"S1": "jalan kabupaten"}
    assert any("layout tujuan-sasaran (detected" in s for s in result.bundle.sources)

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
        Goal(
            id="T1",
            text="Meningkatnya kualitas infrastruktur",
            indicators=[
                Indicator(name="Indeks Kepuasan Masyarakat", kind=IndicatorKind.IMPACT),
                Indicator(name="Indeks Infrastruktur", kind=IndicatorKind.IMPACT),
            ],
        ),
    )
    assert plan.objectives == (
        Objective(
            id="S1",
            text="Meningkatnya kemantapan jalan",
            goal_id="T1",
            indicators=[
                Indicator(name="Persentase jalan mantap", kind=IndicatorKind.OUTCOME),
                Indicator(name="Persentase jembatan baik", kind=IndicatorKind.OUTCOME),
            ],
        ),
        Objective(
            id="S2",
            text="Meningkatnya layanan air minum",
            goal_id="T1",
            indicators=[Indicator(name="Cakupan air minum", kind=IndicatorKind.OUTCOME)],
        ),
    )
    assert plan.extra["notes"] == {"S1": "jalan kabupaten"}
    assert any("layout tujuan-sasaran (detected" in s for s in result.bundle.sources)


def test_given_ids_a_repeated_id_a_group_without_text_and_a_row_of_only_a_note(tmp_path: Path) -> None:
    path = sheet(
        tmp_path / "tujuan.xlsx",
        ["KODE", "KELOMPOK", "TUJUAN/SASARAN", "INDIKATOR SASARAN", "KETERANGAN"],
        [
            ["T.01", "Tujuan", "Meningkatnya derajat kesehatan", "Usia harapan hidup", None],
            ["S.01", "Sasaran", "Menurunnya kematian ibu", "Angka kematian ibu", "prioritas"],
            ["S.01", "Sasaran", "Menurunnya kematian bayi", "Angka kematian bayi", None],
            [None, "Sasaran", None, "Prevalensi stunting", None],
            [None, None, None, None, "catatan tanpa baris"],
        ],
        above=[["Periode : 2025–2029"]],
    )
    result = read_spreadsheet(path)
    rows = {(f.rule, f.location.row if f.location else None, f.evidence["field"]) for f in result.findings}
    assert rows == {("SKN010", 5, "id"), ("SKN005", 6, "text"), ("SKN005", 7, "group")}
    (plan,) = result.bundle.plans
    assert [(g.id, g.text) for g in plan.goals] == [("T.01", "Meningkatnya derajat kesehatan")]
    assert [(o.id, o.goal_id, o.text) for o in plan.objectives] == [("S.01", "T.01", "Menurunnya kematian ibu")]
    assert plan.extra["notes"] == {"S.01": "prioritas"}
    assert "7 rows: 2 read, 3 not read (named by a finding), 1 title, 1 header" in result.bundle.sources[1]

"""A flat Renja sheet holding a provincial-variant sub kegiatan (kegiatan digit 1) is read whole."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("sinkron_spreadsheet", reason="sinkron-spreadsheet is not installed in this environment")

from test_renja import renja, rows

from sinkron_spreadsheet import read_spreadsheet


def test_the_parents_of_a_provincial_sub_kegiatan_are_named_from_the_provincial_list(tmp_path: Path) -> None:
    data = rows()
    data[0][0] = "1.01.02.1.01.0001"
    data[0][1] = "Pembangunan USB (Unit Sekolah Baru)"
    result = read_spreadsheet(renja(tmp_path, data), year=2026)
    assert result.errors == ()
    assert [f.rule for f in result.bundle.source_findings] == []
    plan = result.bundle.plans[0]
    activities = {str(a.code): a.name for p in plan.programs for a in p.activities}
    assert activities["1.01.02.1.01"] == "Pengelolaan Pendidikan Sekolah Menengah Atas"
    assert {str(s.code) for s in plan.sub_activities()} == {"1.01.02.1.01.0001", "1.02.02.2.02.0002"}

"""Provincial-variant codes (kegiatan digit 1) are read, checked on import and written back like kab/kota ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("sinkron_sipd", reason="sinkron-sipd is not installed in this environment")
from sipd_samples import sub_keg, write_json

from sinkron import Code
from sinkron_sipd import dumps, nomenclature_problems, read_sipd
from sinkron_sipd.layout import same

SMA = sub_keg(
    code="1.01.02.1.01.0001",
    name="Pembangunan USB (Unit Sekolah Baru)",
    program=("1.01.02", "PROGRAM PENGELOLAAN PENDIDIKAN"),
    activity=("1.01.02.1.01", "Pengelolaan Pendidikan Sekolah Menengah Atas"),
    sub_id=30001,
)


def test_a_renja_with_one_provincial_sub_kegiatan_reads_checks_and_writes_back(tmp_path: Path) -> None:
    path = write_json(tmp_path / "renja.json", [SMA, sub_keg(sub_id=20002)])
    result = read_sipd(path, year=2026, check_nomenclature=True)
    assert result.errors == (), [str(e) for e in result.errors]
    codes = {str(s.code) for s in result.bundle.plans[0].sub_activities()}
    assert codes == {"1.01.02.1.01.0001", "1.02.02.2.02.0001"}
    assert nomenclature_problems(result.bundle) == []
    written = json.loads(dumps(result.bundle, target=path))
    assert same(json.loads(path.read_text(encoding="utf-8")), written)


def test_an_unknown_provincial_code_is_still_a_problem(tmp_path: Path) -> None:
    record = sub_keg(
        code="1.01.02.1.01.0999",
        name="Sub kegiatan yang tidak ada",
        program=("1.01.02", "PROGRAM PENGELOLAAN PENDIDIKAN"),
        activity=("1.01.02.1.01", "Pengelolaan Pendidikan Sekolah Menengah Atas"),
    )
    bundle = read_sipd(write_json(tmp_path / "renja.json", [record]), year=2026).bundle
    problems = nomenclature_problems(bundle)
    assert [p.code for p in problems] == [Code.parse("1.01.02.1.01.0999")]
    assert "provinsi" in problems[0].version

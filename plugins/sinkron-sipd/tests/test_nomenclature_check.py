"""Codes not in force in the plan year are reported (warning), with the replacement where known; records stay."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("sinkron_sipd", reason="sinkron-sipd is not installed in this environment")
from sipd_samples import envelope, sub_keg, write_json

import sinkron
from sinkron.nomenclature import CodeState, default_nomenclature, read_change_list
from sinkron_sipd import nomenclature_problems, read_sipd

LEGACY: dict[str, Any] = {
    "code": "7.01.02.2.01.01",
    "name": "Koordinasi Contoh",
    "program": ("7.01.02", "PROGRAM KECAMATAN"),
    "activity": ("7.01.02.2.01", "Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan"),
}


def _document(tmp_path: Path, year: str = "2026") -> Path:
    records = [
        sub_keg(sub_id=1, year=year),
        sub_keg(sub_id=2, year=year, **LEGACY),
        sub_keg(sub_id=3, year=year, code="1.02.02.2.02.0999", name="Sub kegiatan yang tidak ada"),
    ]
    return write_json(tmp_path / "codes.json", envelope("get_sub_keg_sipd", records))


def test_outdated_codes_are_listed_with_location_and_replacement_and_the_records_are_kept(tmp_path: Path) -> None:
    result = read_sipd(_document(tmp_path))
    assert result.errors == ()  # by default the import is complete: unknown codes are data, not broken records
    assert len(list(result.bundle.plans[0].sub_activities())) == 3
    problems = nomenclature_problems(result.bundle)
    found = {
        (str(p.code), p.state, str(p.replacement) if p.replacement else None, p.location.json_path) for p in problems
    }
    assert found == {
        ("7.01.02.2.01.01", CodeState.LEGACY, "7.01.02.2.01.0001", "$.data[1].kode_sub_giat"),
        ("1.02.02.2.02.0999", CodeState.UNKNOWN, None, "$.data[2].kode_sub_giat"),
    }
    legacy = next(p for p in problems if p.state is CodeState.LEGACY)
    assert legacy.severity == "warning" and legacy.year == 2026
    assert legacy.message == (
        "code 7.01.02.2.01.01 is a legacy 2-digit sub kegiatan code in 2026 (Kepmendagri 900.1.15.5-1317/2023); "
        "use 7.01.02.2.01.0001"
    )


def test_check_nomenclature_true_reports_them_as_source_errors(tmp_path: Path) -> None:
    result = sinkron.read_result(_document(tmp_path), format="sipd", check_nomenclature=True)
    assert [e.location.json_path for e in result.errors] == ["$.data[1].kode_sub_giat", "$.data[2].kode_sub_giat"]
    assert result.errors[0].message.startswith("warning: code 7.01.02.2.01.01")
    assert result.errors[0].expected == "a code in force in 2026"
    assert len(list(result.bundle.plans[0].sub_activities())) == 3  # the records are still there


def test_a_code_retired_by_a_newer_change_list_names_its_replacement(tmp_path: Path) -> None:
    changes = read_change_list(
        io.StringIO(
            "regulation,effective_year,change,code,replacement,nomenklatur,kinerja,indikator,satuan,keterangan\n"
            "Contoh 2/2026,2027,moved,1.02.02.2.02.0001,1.02.02.2.02.0098,,,,,\n"
            "Contoh 2/2026,2027,retired,1.02.02,,,,,,\n"
        ),
        "contoh.csv",
    )
    newer = default_nomenclature().with_changes(*changes)
    bundle = read_sipd(_document(tmp_path, year="2027")).bundle
    problems = {str(p.code): p for p in nomenclature_problems(bundle, newer)}
    moved = problems["1.02.02.2.02.0001"]
    assert (moved.state, str(moved.replacement), moved.version) == (
        CodeState.RETIRED,
        "1.02.02.2.02.0098",
        "Contoh 2/2026",
    )
    assert problems["1.02.02"].state is CodeState.RETIRED  # program codes are checked too
    assert problems["1.02.02"].location.json_path == "$.data[0].kode_program"
    assert "1.02.02.2.02.0001" not in {str(p.code) for p in nomenclature_problems(bundle)}  # fine in the shipped list

"""The declarative record mapping: located errors, nothing dropped, SIPD-style indicator rows folded."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("sinkron_http", reason="sinkron-http is not installed in this environment")
from http_testkit import MAPPING_FIELDS, make_records

from sinkron import ConnectorUnavailable
from sinkron.models import BudgetKind, PlanKind
from sinkron_http import FieldMapping, RecordMapping, SipdMapping, mapping_from_config, read_saved
from sinkron_http.records import iter_records

MAPPING = FieldMapping(**MAPPING_FIELDS)


def _map(rows: list[Any], mapping: FieldMapping = MAPPING) -> Any:
    return mapping(iter_records({"data": rows}, "data", source="rows.json"), source="rows.json")


def test_field_mapping_is_a_record_mapping() -> None:
    assert isinstance(MAPPING, RecordMapping)
    assert isinstance(SipdMapping(), RecordMapping)


def test_rows_build_plans_per_agency_with_hierarchy_names_from_the_nomenclature() -> None:
    result = _map(make_records(14))
    assert result.complete and result.records == 14
    bundle = result.bundle
    assert {a.id: a.name for a in bundle.agencies} == {"1.02.0.00.0.00.01.0000": "Dinas Kesehatan"}
    (plan,) = bundle.plans
    assert plan.kind is PlanKind.RENJA_PD and plan.period.start == 2026 and plan.owner_id == "1.02.0.00.0.00.01.0000"
    assert plan.title == "RENJA PD Dinas Kesehatan 2026"
    program = plan.programs[0]
    assert program.name == "PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT"
    sub = next(plan.sub_activities())
    assert sub.name == "Pembangunan Rumah Sakit beserta Sarana dan Prasarana Pendukungnya"  # code prefix removed
    assert sub.budget_for(2026, BudgetKind.INDICATIVE).amount == Decimal(12_500_000)
    assert sub.provenance is not None and sub.provenance.json_path == "$.data[0]"
    folded = [s for s in plan.sub_activities() if len(s.indicators) == 2]
    assert len(folded) == 2  # rows 7 and 14 are second indicators of rows 6 and 13


def test_bad_records_are_located_and_the_others_still_read() -> None:
    good = make_records(3)
    rows: list[Any] = [
        good[0],
        {**good[1], "kode_sub_giat": "1.02.02.2.99"},  # a kegiatan code
        {**good[1], "kode_sub_giat": "abc"},
        {**good[1], "nama_sub_giat": ""},
        {**good[1], "pagu": "dua juta"},
        {**good[1], "pagu": "-5"},
        {**good[1], "tahun_anggaran": "20x6"},
        "not an object",
        {**good[0], "nama_sub_giat": "Nama lain"},  # same code, another name
        {**good[0], "indikator": good[0]["indikator"]},  # the same indicator again
        {**good[1], "target": "5", "indikator": None},
        good[2],
    ]
    result = _map(rows)
    assert result.records == len(rows)
    paths = [(e.location.json_path, e.location.source) for e in result.errors]
    assert paths == [
        ("$.data[1].kode_sub_giat", "rows.json"),
        ("$.data[2].kode_sub_giat", "rows.json"),
        ("$.data[3].nama_sub_giat", "rows.json"),
        ("$.data[4].pagu", "rows.json"),
        ("$.data[5].pagu", "rows.json"),
        ("$.data[6].tahun_anggaran", "rows.json"),
        ("$.data[7]", "rows.json"),
        ("$.data[8].nama_sub_giat", "rows.json"),
        ("$.data[9].indikator", "rows.json"),
        ("$.data[10].indikator", "rows.json"),
    ]
    assert all(e.message.startswith("page 1: ") for e in result.errors)
    assert "a kegiatan code, not a sub kegiatan" in result.errors[0].message
    assert result.errors[4].expected == "0 or more"
    assert result.errors[6].expected == "an object" and result.errors[6].actual == "a string"
    subs = [s.code for p in result.bundle.plans for s in p.sub_activities()]
    assert [str(c) for c in subs] == [good[0]["kode_sub_giat"], good[2]["kode_sub_giat"]]
    # every record is either in the bundle or in the errors
    assert len(subs) + len(result.errors) == len(rows)


def test_a_record_contradicting_an_earlier_one_is_named_and_the_earlier_one_kept() -> None:
    good = make_records(2)
    rows: list[Any] = [
        good[0],
        {**good[1], "kode_skpd": " "},  # the agency code is mapped but blank
        {**good[1], "nama_skpd": "Dinas Lain"},  # the agency had another name on page 1
        {**good[0], "indikator": "Indikator kedua", "pagu": "1"},  # the same sub kegiatan with another pagu
        {**good[0], "indikator": None, "target": None},  # the same sub kegiatan again, no further indicator
        {**good[0], "indikator": "Indikator kedua", "satuan": "Unit", "target": "7"},  # one more indicator: kept
    ]
    result = _map(rows)
    found = [(e.location.json_path, e.message.removeprefix("page 1: ")) for e in result.errors]
    code, agency = good[0]["kode_sub_giat"], good[1]["kode_skpd"]
    assert found == [
        ("$.data[1].kode_skpd", "the agency code is missing"),
        ("$.data[2].nama_skpd", f"agency {agency} has another name than on page 1"),
        ("$.data[3].pagu", f"sub kegiatan {code} has another pagu than on page 1 ($.data[0])"),
        ("$.data[4].indikator", f"sub kegiatan {code} appears again without a further indicator"),
    ]
    assert result.errors[1].expected == repr(good[0]["nama_skpd"])
    sub = next(s for p in result.bundle.plans for s in p.sub_activities() if str(s.code) == code)
    assert [i.name for i in sub.indicators] == [good[0]["indikator"], "Indikator kedua"]
    assert str(sub.indicators[1].targets[0].value.number) == "7" and sub.indicators[1].unit == "Unit"
    assert sub.budgets[0].amount.amount == Decimal(12_500_000)  # the pagu of the first record


def test_unknown_code_without_names_is_reported_not_guessed() -> None:
    row = {"kode": "1.02.99.2.01.0001", "nama": "Sub kegiatan baru", "tahun": "2026"}
    mapping = FieldMapping(code="kode", name="nama", year="tahun")
    result = mapping(iter_records([row], "", source="x.json"), source="x.json")
    (error,) = result.errors
    assert "no name for program 1.02.99" in error.message
    assert result.bundle.plans == () or not list(result.bundle.plans[0].sub_activities())
    named = FieldMapping(code="kode", name="nama", year="tahun", program_name="prog", activity_name="keg")
    row.update(prog="PROGRAM BARU", keg="Kegiatan Baru")
    result = named(iter_records([row], "", source="x.json"), source="x.json")
    assert result.complete
    assert result.bundle.plans[0].programs[0].name == "PROGRAM BARU"


def test_default_year_and_other_plan_kinds() -> None:
    rows = [{"code": "1.02.02.2.01.0001", "name": "Pembangunan Rumah Sakit", "pagu": 1500000}]
    mapping = FieldMapping(default_year=2027, pagu="pagu", plan_kind="rkpd", budget_kind="pagu")
    (plan,) = mapping(iter_records(rows, "", source="x"), source="x").bundle.plans
    assert plan.kind is PlanKind.RKPD and plan.id == "rkpd/2027"
    sub = next(plan.sub_activities())
    assert sub.budgets[0].kind is BudgetKind.CEILING and sub.budgets[0].amount.amount == Decimal(1500000)


def test_missing_year_is_an_error() -> None:
    result = FieldMapping()(iter_records([{"code": "1.02.02.2.01.0001", "name": "x"}], "", source="x"), source="x")
    (error,) = result.errors
    assert "no year" in error.message


def test_saved_response_file_with_the_wrong_shape(tmp_path: Path) -> None:
    path = tmp_path / "saved.json"
    path.write_text(json.dumps({"data": {"oops": 1}}), encoding="utf-8")
    result = read_saved(path, MAPPING, records_path="data")
    (error,) = result.errors
    assert error.location.json_path == "$.data" and error.actual == "an object"


def test_sipd_preset_without_sinkron_sipd_names_what_to_install() -> None:
    preset = SipdMapping(module="sinkron_sipd_not_installed_here")
    with pytest.raises(ConnectorUnavailable) as caught:
        preset.check_available()
    assert caught.value.install == "sinkron-sipd"
    assert "pip install sinkron-sipd" in str(caught.value)


def test_mapping_from_config_forms() -> None:
    assert isinstance(mapping_from_config("sipd"), SipdMapping)
    assert mapping_from_config({"preset": "sipd"}).name == "sipd"  # type: ignore[attr-defined]
    assert mapping_from_config(MAPPING) is MAPPING
    assert mapping_from_config(dict(MAPPING_FIELDS)) == MAPPING

"""The KRISNA Renja K/L reader on generated records in the real shape: output = KRO, suboutput = RO, ribuan → rupiah."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from kl_builders import krisna_file, krisna_record

import sinkron
from sinkron.convert import dumps, loads
from sinkron.kl import ComponentKind, MinistryDocument
from sinkron.models import Bundle, LinkKind, Money
from sinkron.models.findings import Finding, Severity
from sinkron_kl import is_krisna_export, read_krisna


def test_records_read_into_the_hierarchy_with_amounts_in_rupiah(tmp_path: Path) -> None:
    second = krisna_record(
        suboutput_kode="AE002",
        output_kode="AEC",
        output_nama="Kerja sama",
        suboutput_nama="Kerja Sama Daerah",
        alokasi_total="250",
        lokasi_alokasi=[],
        komponen=[],
        target=None,
        satuan=None,
    )
    path = krisna_file(tmp_path / "renja.json", [krisna_record(), second], envelope=True)
    result = read_krisna(path)
    assert result.errors == () and result.records == 2
    national = result.bundle.national
    assert [(m.code, m.alias) for m in national.ministries] == [("032", "KKP")]
    (plan,) = national.plans
    assert (plan.id, plan.kind, plan.year, plan.title) == (
        "renja-kl-032-2026",
        MinistryDocument.RENJA_KL,
        2026,
        "Renja K/L Kementerian Kelautan dan Perikanan 2026",
    )
    outputs = {str(o.output.code): o for o in plan.outputs()}
    assert list(outputs) == ["032.04.CE.5678.RBK.001", "032.04.CE.5678.AEC.002"]
    first = outputs["032.04.CE.5678.RBK.001"]
    assert first.output_class.name == "Prasarana Bidang Perikanan" and first.activity.name.endswith("Budidaya")
    ro = first.output
    assert ro.allocation == Money(4_500_000_000)  # 4.500.000 ribu rupiah
    assert (ro.volume, ro.unit) == (Decimal(3), "Kawasan")
    assert [(loc.region_code, loc.target.number, loc.allocation) for loc in ro.locations] == [
        ("62.02", Decimal(2), Money(3_000_000_000)),
        ("62.71", Decimal(1), Money(1_500_000_000)),
    ]
    assert [(str(c.code), c.kind, c.allocation) for c in ro.components] == [
        ("032.04.CE.5678.RBK.001.051", ComponentKind.MAIN, Money(4_200_000_000)),
        ("032.04.CE.5678.RBK.001.052", ComponentKind.SUPPORTING, Money(300_000_000)),
    ]
    compact = outputs["032.04.CE.5678.AEC.002"].output
    assert compact.code.display == "AE002" and compact.allocation == Money(250_000)
    assert ro.provenance.json_path == "$.data[0]" and ro.extra == {"realisasi": "0"}
    assert loads(dumps(result.bundle), Bundle) == result.bundle


def test_program_spellings_are_anchored_to_the_record_ministry(tmp_path: Path) -> None:
    path = krisna_file(
        tmp_path / "r.json", [krisna_record(program_kode="04.CE", kegiatan_kode="CE.5678", suboutput_kode="RBK.001")]
    )
    (plan,) = read_krisna(path).raise_for_errors().national.plans
    assert str(next(plan.outputs()).output.code) == "032.04.CE.5678.RBK.001"
    scoped = krisna_file(tmp_path / "s.json", [krisna_record(program_kode="CE")])
    (plan,) = read_krisna(scoped).raise_for_errors().national.plans
    assert str(next(plan.outputs()).output.code) == "CE.5678.RBK.001"  # no unit: scoped, not guessed


def test_amount_unit_is_declared(tmp_path: Path) -> None:
    path = krisna_file(tmp_path / "r.json", [krisna_record()])
    (plan,) = read_krisna(path, amount_unit="rupiah").raise_for_errors().national.plans
    assert next(plan.outputs()).output.allocation == Money(4_500_000)
    assert "cannot tell the amount unit" in read_krisna(path, amount_unit="dolar").errors[0].message


def _findings(result: sinkron.ReadResult) -> dict[str, Finding]:
    return {f.location.json_path: f for f in result.findings if f.location is not None and f.location.json_path}


def test_problems_are_located_by_json_path_and_all_reported(tmp_path: Path) -> None:
    records = [
        krisna_record(suboutput_kode="005"),
        krisna_record(suboutput_nama=""),
        krisna_record(
            suboutput_kode="002",
            lokasi_alokasi=[{"kode_lokasi": "KALTENG", "alokasi": 1}, {"kode_lokasi": "62", "alokasi": 2, "volume": 3}],
        ),
        krisna_record(suboutput_kode="003", komponen=[{"kdkmpnen": "X1", "nmkmpnen": "Salah"}], kdpn="02"),
        krisna_record(suboutput_kode="RBK.005", output_kode="RBK"),
        krisna_record(program_kode="033.01.AB", suboutput_kode="004"),
        "not a record",
    ]
    path = krisna_file(tmp_path / "r.json", records)
    result = read_krisna(path)
    # what cannot be read at all, and what the read needs from its options, are errors
    errors = {e.location.json_path: e for e in result.errors}
    assert "priority tree" in errors["$[3].kdpn"].message
    assert errors["$[6]"].message == "not a record (JSON object)"
    assert len(result.errors) == 2 and not result.complete
    # the rest are source findings: the records whose data allows it are kept
    found = _findings(result)
    assert (
        found["$[1].suboutput_nama"].rule == "SKN008" and "missing or empty" in found["$[1].suboutput_nama"].message.en
    )
    assert (
        found["$[2].lokasi_alokasi[0].kode_lokasi"].rule,
        found["$[2].lokasi_alokasi[0].kode_lokasi"].evidence["found"],
    ) == (
        "SKN005",
        "KALTENG",
    )
    assert found["$[2].lokasi_alokasi[1].volume"].severity is Severity.WARNING
    assert found["$[3].komponen[0].kdkmpnen"].rule == "SKN005"
    assert "komponen" in found["$[3].komponen[0].kdkmpnen"].evidence["expected"]
    assert "appears twice (first at $[0])" in found["$[4].suboutput_kode"].message.en
    assert found["$[5].program_kode"].rule == "SKN005" and "not 032" in found["$[5].program_kode"].message.en
    ro = {str(o.output.code): o.output for o in result.bundle.national.outputs()}
    assert sorted(ro) == [f"032.04.CE.5678.RBK.00{n}" for n in (1, 2, 3, 5)]
    assert ro["032.04.CE.5678.RBK.001"].name == "RO 001" and ro["032.04.CE.5678.RBK.001"].extra["nama_tidak_ada"]
    assert [loc.region_code for loc in ro["032.04.CE.5678.RBK.002"].locations] == ["62"]  # the lokasi read
    assert ro["032.04.CE.5678.RBK.003"].components == ()  # the komponen with no readable code is left out
    strict = sinkron.read_result(path, format="krisna", strict=True)
    assert {e.location.json_path for e in strict.errors} >= {"$[1].suboutput_nama", "$[5].program_kode"}


def test_location_map_and_priority_tags(tmp_path: Path) -> None:
    record = krisna_record(
        lokasi_alokasi=[{"kode_lokasi": "KALTENG", "target": "2 Kawasan", "alokasi": 10}], kdpn="2", kdpp="10", kdkp="9"
    )
    path = krisna_file(tmp_path / "r.json", [record])
    bundle = read_krisna(path, location_map={"KALTENG": "62"}, priority_tree="rpjmn-2025-2029").raise_for_errors()
    ro = next(bundle.national.outputs())
    assert [(loc.region_code, loc.target.text) for loc in ro.output.locations] == [("62", "2 Kawasan")]
    (link,) = bundle.links
    assert (link.kind, link.source, link.target) == (LinkKind.TAGGED, ro.ref, "rpjmn-2025-2029:02.10.09")


def test_year_and_document_shape(tmp_path: Path) -> None:
    path = krisna_file(tmp_path / "r.json", [krisna_record(tahun=None)])
    assert read_krisna(path).errors[0].expected == "a year, or the option year=2026"
    assert read_krisna(path, year=2026).complete
    other = krisna_file(tmp_path / "o.json", [krisna_record(tahun=2025)])
    [finding] = read_krisna(other, year=2026).findings
    assert (finding.rule, finding.evidence["found"]) == ("SKN005", 2025)
    wrong = tmp_path / "w.json"
    wrong.write_text('{"records": []}', encoding="utf-8")
    assert read_krisna(wrong).errors[0].message == "no records"
    assert is_krisna_export(path) is True and is_krisna_export(wrong) is False


def test_dispatch_by_content(tmp_path: Path) -> None:
    manager = sinkron.PluginManager()
    if "krisna" not in manager.connectors():
        pytest.skip("the sinkron-kl distribution is not installed (no entry point)")
    path = krisna_file(tmp_path / "renja-kl.json", [krisna_record()])
    assert manager.connector_for(path).name == "krisna"
    assert sinkron.read(path).national.plans[0].ministry_code == "032"
    native = tmp_path / "bundle.json"
    native.write_text(dumps(sinkron.read(path)), encoding="utf-8")
    assert manager.connector_for(native).name != "krisna"
    assert sinkron.read(native).national.plans[0].ministry_code == "032"


def test_only_krisna_shaped_json_is_claimed(tmp_path: Path) -> None:
    """A broken sinkron document is the JSON connector's to report (row and column), never KRISNA's."""
    manager = sinkron.PluginManager()
    if "krisna" not in manager.connectors():
        pytest.skip("the sinkron-kl distribution is not installed (no entry point)")
    krisna = manager.connectors()["krisna"]
    broken = tmp_path / "bundle.json"
    broken.write_text('{"type": "Bundle", "data": {"plans": [}', encoding="utf-8")
    assert (krisna.detect(broken), krisna.handles(broken)) == (False, False)
    assert manager.connector_for(broken).name == "json"
    (error,) = sinkron.read_result(broken).errors  # located, in the result like every other problem
    assert error.message.startswith("invalid JSON") and "KRISNA" not in str(error)
    assert (error.location.source, error.location.row, error.location.column) == (
        str(broken),
        1,
        "39",
    )
    # a JSON file that only mentions one KRISNA name is not KRISNA either; format="krisna" still reads it as one
    other = tmp_path / "other.json"
    other.write_text('{"catatan": "output_kode", "output_kode": 1}', encoding="utf-8")
    assert is_krisna_export(other) is False and not krisna.handles(other)
    assert sinkron.read_result(other, format="krisna").errors[0].message == "no records"


def test_a_krisna_export_is_recognised_whatever_its_key_order(tmp_path: Path) -> None:
    record = krisna_record()
    komponen = record.pop("komponen") * 40  # a long komponen list first pushes suboutput_kode past the first bytes
    path = krisna_file(tmp_path / "renja-kl.json", [{"komponen": komponen, **record}])
    assert b'"suboutput_kode"' not in path.read_bytes()[:4096]
    assert is_krisna_export(path) is False  # only komponen fields in the first bytes: nothing to tell it by
    path = krisna_file(tmp_path / "renja-kl.json", [{"kementerian_kode": "032", "komponen": komponen, **record}])
    assert is_krisna_export(path) is True
    manager = sinkron.PluginManager()
    if "krisna" in manager.connectors():
        assert manager.connector_for(path).name == "krisna"


def test_list_fields_that_are_not_lists_of_objects_are_reported_in_order(tmp_path: Path) -> None:
    komponen = [5, {"kdkmpnen": "051", "nmkmpnen": "Pembangunan Kolam", "catatan": "x", "alokasi_total": 10}]
    lokasi = [{"kode_lokasi": "62.02", "alokasi": 1, "volume": 3}, "62.71"]
    records = [
        krisna_record(lokasi_alokasi="62.02"),
        krisna_record(suboutput_kode="002", komponen=komponen, lokasi_alokasi=lokasi),
    ]
    result = read_krisna(krisna_file(tmp_path / "r.json", records))
    assert result.errors == () and len(list(result.bundle.national.outputs())) == 2  # both records kept
    assert [
        (f.location.json_path, f.message.en.split(";")[0], f.evidence.get("expected")) for f in result.findings
    ] == [
        ("$[0].lokasi_alokasi", "not a list", "a list of {kode_lokasi, nama_lokasi, target, alokasi}"),
        ("$[1].lokasi_alokasi[0].volume", "unknown field volume", "alokasi, kode_lokasi, nama_lokasi, target"),
        ("$[1].lokasi_alokasi[1]", "not an object", "a JSON object"),
        ("$[1].komponen[0]", "not an object", "a JSON object"),
        (
            "$[1].komponen[1].catatan",
            "unknown field catatan",
            ", ".join(
                sorted(
                    {
                        "kdkmpnen",
                        "nmkmpnen",
                        "jenis_komponen",
                        "indikator_pbj",
                        "indikator_komponen",
                        "satuan",
                        "target",
                        "alokasi_total",
                    }
                )
            ),
        ),
    ]

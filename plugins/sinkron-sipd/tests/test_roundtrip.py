"""Reading SIPD documents and writing them back gives the same JSON, field for field."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

pytest.importorskip("sinkron_sipd", reason="sinkron-sipd is not installed in this environment")
from sipd_samples import envelope, master_row, sipd_ri_rows, skpd_row, sub_keg, write_json, write_lines

import sinkron
from sinkron.convert import dumps as sinkron_dumps
from sinkron.convert import loads as sinkron_loads
from sinkron.models import Budget, BudgetKind, Bundle, IndicatorKind, Money, PriorityKind
from sinkron_sipd import dumps, read_sipd
from sinkron_sipd.layout import same


def roundtrip(path: Path, **options: Any) -> tuple[Any, Any, Bundle]:
    result = read_sipd(path, **options)
    assert result.errors == (), [str(e) for e in result.errors]
    text = dumps(result.bundle, target=path)
    if path.suffix == ".jsonl":
        original: Any = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        written: Any = [json.loads(line) for line in text.splitlines()]
    else:
        original = json.loads(path.read_text(encoding="utf-8"))
        written = json.loads(text)
    return original, written, result.bundle


def assert_same(original: Any, written: Any) -> None:
    assert same(original, written), _first_difference(original, written)


def _first_difference(a: Any, b: Any, path: str = "$") -> str:
    if type(a) is not type(b):
        return f"{path}: {a!r} != {b!r}"
    if isinstance(a, dict):
        for key in a.keys() | b.keys():
            if key not in a or key not in b:
                return f"{path}.{key}: present only in {'original' if key in a else 'written'}"
            if not same(a[key], b[key]):
                return _first_difference(a[key], b[key], f"{path}.{key}")
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items != {len(b)}"
        for n, (x, y) in enumerate(zip(a, b)):
            if not same(x, y):
                return _first_difference(x, y, f"{path}[{n}]")
    return f"{path}: {a!r} != {b!r}"


# -- the shared reference samples (skipped when ../shared is absent) -----------------------------------


@pytest.mark.parametrize(
    "name", ["api_get_sub_keg_sipd", "api_get_master_sub_keg_sipd", "api_get_skpd"], ids=lambda n: n[8:]
)
def test_shared_samples_round_trip(shared_reference: Path, name: str) -> None:
    path = shared_reference / "wp-sipd" / f"{name}.sample.json"
    original, written, _ = roundtrip(path, year=2024)
    assert_same(original, written)


def test_shared_sub_keg_sample_maps_into_models(shared_reference: Path) -> None:
    bundle = read_sipd(shared_reference / "wp-sipd" / "api_get_sub_keg_sipd.sample.json").bundle
    plan = bundle.plans[0]
    assert (plan.id, plan.year) == ("sipd-rkpd-2023", 2023)
    program = plan.programs[0]
    activity = program.activities[0]
    sub = activity.sub_activities[0]
    assert str(sub.code) == "7.01.02.2.01.01"
    assert not sub.name.startswith("7.01")  # the code prefix is split off the name
    assert "\n\n" in activity.name  # the embedded line break is kept
    assert [i.kind for i in program.indicators] == [IndicatorKind.OUTCOME] * 3
    assert sub.budget_for(2023, BudgetKind.CEILING) == Money(296187500)
    assert sub.budget_for(2024, BudgetKind.INDICATIVE) == Money(1176533636)
    assert sub.extra["sipd"]["ids"]["kode_sbl"] == "529.529.797.3705.13480"
    assert bundle.priorities[0].kind is PriorityKind.NATIONAL
    assert sub.funding[0].code == "1.1"


# -- generated variants --------------------------------------------------------------------------------

SEVERAL: dict[str, Any] = {
    "outputs": [
        ("Jumlah ibu hamil dilayani", "1250", "Orang"),
        ("Jumlah bidan terlatih", "40", "Orang"),
        ("Jumlah posyandu aktif", "12", "Unit"),
    ],
    "hasil": [("Cakupan K4", "95", "%"), ("Cakupan persalinan di faskes", "90", "%")],
    "capaian": [("Angka kematian ibu", "98", "Kasus"), ("Angka kematian bayi", "12", "per 1000")],
}


def _variant(name: str) -> dict[str, Any]:
    record = sub_keg()
    if name == "several_indicators":
        record = sub_keg(**SEVERAL)
    elif name == "missing_optional_blocks":
        for key in ("tag_sub_keg", "lokasi_sub_keg", "sumber_dana", "output_giat", "capaian_prog_sub_keg"):
            del record[key]
        record["sub_keg_indikator_hasil"] = []
    elif name == "null_blocks":
        record["lokasi_sub_keg"] = None
        record["tag_sub_keg"] = None
    elif name == "sipd_ri_spellings":
        record["sub_keg_indikator"] = sipd_ri_rows("output_bl")
        record["output_giat"] = sipd_ri_rows("output_giat")
        record["capaian_prog_sub_keg"] = sipd_ri_rows("capaian_bl")
    elif name == "id_number_formats":
        record["pagu"] = "1.234.567.000"
        record["pagu_n_depan"] = "1.300.000.000,00"
        record["pagumurni"] = 1234567000
        record["sub_keg_indikator"][0]["targetoutput"] = "1.250"
        record["sub_keg_indikator_hasil"][0]["targethasil"] = "92,5"
        record["sub_keg_indikator_hasil"][0]["targethasilteks"] = "92,5 %"
        record["sumber_dana"][0]["pagu_dana"] = "1.234.567.000"
    elif name == "json_numbers":
        record["pagu"] = 150000000
        record["pagu_n_depan"] = 165000000.0
        record["sub_keg_indikator"][0]["targetoutput"] = 1250
    elif name == "empty_and_null_values":
        record["pagu"] = ""
        record["pagu_n_depan"] = None
        record["label_pusat"] = ""
        record["id_label_pusat"] = "0"
        record["sub_keg_indikator"][0]["satuanoutput"] = ""
        record["sub_keg_indikator"][0]["targetoutput"] = ""
        record["sub_keg_indikator"].append(
            {"outputteks": "", "targetoutput": "", "satuanoutput": "", "targetoutputteks": ""}
        )
        record["lokasi_sub_keg"].append({"camatteks": "", "daerahteks": "", "lurahteks": ""})
    elif name == "names_without_prefix_and_spaces":
        record["nama_sub_giat"] = "  Pengelolaan Pelayanan Kesehatan Ibu Hamil  "
        record["nama_program"] = "1.02.02 PROGRAM PEMENUHAN UPAYA KESEHATAN"
        record["kode_sub_giat"] = "1.2.2.2.2.1"
    elif name == "qualitative_and_range_targets":
        record["sub_keg_indikator"][0]["targetoutput"] = "Tersedia"
        record["sub_keg_indikator"][0]["targetoutputteks"] = "Tersedia"
        record["sub_keg_indikator_hasil"][0]["targethasil"] = "7,0–8,0"
        record["sub_keg_indikator_hasil"][0]["targethasilteks"] = "7,0–8,0 %"
    elif name == "missing_keys":
        for key in ("kode_giat", "kode_program", "nama_program", "kode_sub_skpd", "nama_sub_skpd", "tahun_anggaran"):
            del record[key]
    return record


VARIANTS = [
    "plain",
    "several_indicators",
    "missing_optional_blocks",
    "null_blocks",
    "sipd_ri_spellings",
    "id_number_formats",
    "json_numbers",
    "empty_and_null_values",
    "names_without_prefix_and_spaces",
    "qualitative_and_range_targets",
    "missing_keys",
]


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("container", ["envelope", "list", "lines"])
def test_generated_variants_round_trip(tmp_path: Path, variant: str, container: str) -> None:
    records = [
        _variant(variant),
        sub_keg(code="1.02.02.2.02.0002", name="Pengelolaan Pelayanan Kesehatan Bayi Baru Lahir", sub_id=20002),
    ]
    if container == "envelope":
        path = write_json(tmp_path / "sub_keg.json", envelope("get_sub_keg_sipd", records))
    elif container == "list":
        path = write_json(tmp_path / "sub_keg.json", records)
    else:
        path = write_lines(tmp_path / "sub_keg.jsonl", records)
    original, written, bundle = roundtrip(path, year=2026)
    assert_same(original, written)
    assert len(list(bundle.plans[0].sub_activities())) == 2


def test_number_formats_are_read_as_numbers(tmp_path: Path) -> None:
    path = write_json(tmp_path / "n.json", [_variant("id_number_formats")])
    sub = next(read_sipd(path).bundle.plans[0].sub_activities())
    assert sub.budget_for(2026, BudgetKind.CEILING) == Money(1234567000)
    assert sub.budget_for(2027) == Money(1300000000)
    assert sub.indicators[0].target_for(2026).number == Decimal(1250)
    assert sub.funding[0].amount == Money(1234567000)


def test_both_spellings_read_the_same_indicator(tmp_path: Path) -> None:
    path = write_json(tmp_path / "ri.json", [_variant("sipd_ri_spellings")])
    plan = read_sipd(path).bundle.plans[0]
    activity = plan.programs[0].activities[0]
    sub = activity.sub_activities[0]
    assert sub.indicators[0].name == "Jumlah dokumen perencanaan"  # tolak_ukur
    outputs = [i for i in activity.indicators if i.kind is IndicatorKind.OUTPUT]
    assert outputs[0].name == "Jumlah laporan evaluasi"  # tolok_ukur
    assert outputs[0].target_for(2026).number == 12


def test_records_sharing_a_program_fold_into_one_item_with_several_indicators(tmp_path: Path) -> None:
    first = sub_keg(**SEVERAL)
    second = sub_keg(code="1.02.02.2.02.0002", name="Pengelolaan Pelayanan Kesehatan Bayi", sub_id=20002, **SEVERAL)
    second["capaian_prog_sub_keg"].append(second["capaian_prog_sub_keg"][0] | {"capaiancteks": "x", "id": "9"})
    third = sub_keg(
        code="1.02.02.2.02.0003",
        name="Pengelolaan Pelayanan Kesehatan Balita",
        sub_id=20003,
        capaian=[("Angka kematian balita", "20", "Kasus")],
    )
    path = write_json(tmp_path / "fold.json", envelope("get_sub_keg_sipd", [first, second, third]))
    original, written, bundle = roundtrip(path)
    assert_same(original, written)
    plan = bundle.plans[0]
    assert len(plan.programs) == 1 and len(plan.programs[0].activities) == 1
    program = plan.programs[0]
    # two capaian shared by all records, the repeated row of the second one, and the third's own
    assert [i.name for i in program.indicators] == [
        "Angka kematian ibu",
        "Angka kematian bayi",
        "Angka kematian ibu",
        "Angka kematian balita",
    ]
    assert len({i.id for i in program.indicators}) == 4
    assert len(program.activities[0].sub_activities) == 3
    assert len(program.activities[0].sub_activities[0].indicators) == 3


def test_master_and_skpd_rows(tmp_path: Path) -> None:
    program = ("1.02.02", "PROGRAM PEMENUHAN UPAYA KESEHATAN")
    activity = ("1.02.02.2.02", "Penyediaan Layanan Kesehatan")
    rows = [
        master_row(f"1.02.02.2.02.000{n}", program, activity, f"Sub kegiatan contoh {n}", 18000 + n) for n in (1, 2, 3)
    ]
    path = write_json(tmp_path / "master.json", envelope("get_master_sub_keg_sipd", rows) | {"run": None})
    original, written, bundle = roundtrip(path, year=2026)
    assert_same(original, written)
    assert bundle.plans[0].id == "sipd-master-2026"
    assert [s.name for s in bundle.plans[0].sub_activities()] == [f"Sub kegiatan contoh {n}" for n in (1, 2, 3)]

    units = [
        skpd_row("1.02.0.00.0.00.01.0000", "Dinas Kesehatan Contoh", "77", "77"),
        skpd_row("1.02.0.00.0.00.01.0001", "UPTD Puskesmas Contoh", "78", "77"),
    ]
    path = write_json(tmp_path / "skpd.json", envelope("get_skpd", units))
    original, written, bundle = roundtrip(path)
    assert_same(original, written)
    by_code = {a.code: a for a in bundle.agencies}
    assert by_code["1.02.0.00.0.00.01.0001"].parent_id == "1.02.0.00.0.00.01.0000"
    assert [str(s) for s in by_code["1.02.0.00.0.00.01.0000"].sectors] == ["1.02"]


def test_mixed_jsonl_keeps_record_order(tmp_path: Path) -> None:
    program = ("1.02.02", "PROGRAM PEMENUHAN UPAYA KESEHATAN")
    activity = ("1.02.02.2.02", "Penyediaan Layanan Kesehatan")
    records = [
        skpd_row("1.02.0.00.0.00.01.0000", "Dinas Kesehatan Contoh", "77", "77"),
        sub_keg(sub_id=1),
        master_row("1.02.02.2.02.0001", program, activity, "Sub kegiatan contoh", 1) | {"tahun_anggaran": "2026"},
        sub_keg(code="1.02.02.2.02.0002", name="Kedua", sub_id=2, year="2027"),
        skpd_row("1.02.0.00.0.00.01.0001", "UPTD Contoh", "78", "77"),
    ]
    path = write_lines(tmp_path / "mixed.jsonl", records)
    original, written, bundle = roundtrip(path)
    assert_same(original, written)
    assert {p.id for p in bundle.plans} == {"sipd-rkpd-2026", "sipd-rkpd-2027", "sipd-master-2026"}


def test_plan_kind_renja_makes_one_plan_per_skpd(tmp_path: Path) -> None:
    records = [
        sub_keg(sub_id=1),
        sub_keg(sub_id=2, code="1.02.02.2.02.0002", skpd=("1.03.0.00.0.00.01.0000", "Dinas PUPR Contoh")),
    ]
    path = write_json(tmp_path / "renja.json", records)
    original, written, bundle = roundtrip(path, plan_kind="renja_pd")
    assert_same(original, written)
    assert sorted((p.id, p.owner_id) for p in bundle.plans) == [
        ("sipd-renja_pd-2026-1.02.0.00.0.00.01.0000", "1.02.0.00.0.00.01.0000"),
        ("sipd-renja_pd-2026-1.03.0.00.0.00.01.0000", "1.03.0.00.0.00.01.0000"),
    ]
    assert all(p.kind is sinkron.PlanKind.RENJA_PD and p.title.startswith("Renja Dinas") for p in bundle.plans)


def test_tags_become_links_to_priorities_with_stable_ids(tmp_path: Path) -> None:
    records = [
        sub_keg(sub_id=1),
        sub_keg(sub_id=2, code="1.02.02.2.02.0002", tags=[("31", "Penurunan Stunting"), ("0", "Inflasi Daerah")]),
    ]
    path = write_json(tmp_path / "tags.json", records)
    bundle = read_sipd(path).bundle
    ids = {p.id: p.kind for p in bundle.priorities}
    assert ids == {
        "sipd-label-pusat-4": PriorityKind.NATIONAL,
        "sipd-label-giat-31": PriorityKind.THEMATIC,
        "sipd-label-giat-inflasi-daerah": PriorityKind.THEMATIC,
    }
    assert len(bundle.links) == 5 and all(link.kind is sinkron.LinkKind.TAGGED for link in bundle.links)
    # the same file read again gives the same ids
    assert {p.id for p in read_sipd(path).bundle.priorities} == set(ids)


def test_through_a_sinkron_json_document(tmp_path: Path) -> None:
    records = [sub_keg(**SEVERAL), _variant("sipd_ri_spellings") | {"kode_sub_giat": "1.02.02.2.02.0005"}]
    path = write_json(tmp_path / "doc.json", envelope("get_sub_keg_sipd", records))
    bundle = read_sipd(path).bundle
    again = sinkron_loads(sinkron_dumps(bundle), Bundle)
    assert again == bundle
    assert_same(json.loads(path.read_text(encoding="utf-8")), json.loads(dumps(again)))


def test_sinkron_read_and_write_through_the_plugin(tmp_path: Path) -> None:
    path = write_json(tmp_path / "plugin.json", envelope("get_sub_keg_sipd", [sub_keg()]))
    bundle = sinkron.read(path, format="sipd")
    lines = write_lines(tmp_path / "plugin.jsonl", [sub_keg()])
    from_lines = next(sinkron.read(lines).plans[0].sub_activities())  # .jsonl files are chosen by extension
    sub = next(bundle.plans[0].sub_activities())
    assert attrs.evolve(from_lines, extra={}) == attrs.evolve(sub, extra={})
    out = sinkron.write(bundle, tmp_path / "out.json", format="sipd")
    assert_same(json.loads(path.read_text(encoding="utf-8")), json.loads(out.read_text(encoding="utf-8")))
    out = sinkron.write(bundle, tmp_path / "out.jsonl")  # JSON Lines: chosen by the extension
    assert_same(json.loads(out.read_text(encoding="utf-8").strip()), sub_keg())
    # a sinkron JSON document is still read by the built-in JSON connector
    doc = sinkron.write(bundle, tmp_path / "doc.json")
    assert sinkron.read(doc).plans == bundle.plans


def test_edits_in_the_models_are_written_and_the_rest_stays_verbatim(tmp_path: Path) -> None:
    record = _variant("id_number_formats")
    path = write_json(tmp_path / "edit.json", [record])
    bundle = read_sipd(path).bundle
    plan = bundle.plans[0]
    program = plan.programs[0]
    activity = program.activities[0]
    sub = activity.sub_activities[0]
    budgets = [Budget(year=2026, amount=Money(999), kind=BudgetKind.CEILING), *sub.budgets[1:]]
    indicators = [attrs.evolve(sub.indicators[0], unit="Jiwa")]
    new_sub = attrs.evolve(sub, budgets=budgets, indicators=indicators, name="Nama baru")
    new_activity = attrs.evolve(activity, sub_activities=[new_sub])
    new_plan = attrs.evolve(plan, programs=[attrs.evolve(program, activities=[new_activity])])
    written = json.loads(dumps(bundle.replace(plans=[new_plan])))[0]
    assert written["pagu"] == "999"
    assert written["pagu_n_depan"] == "1.300.000.000,00"  # unchanged: as written in the source
    assert written["nama_sub_giat"] == "1.02.02.2.02.0001 Nama baru"
    assert written["sub_keg_indikator"][0]["satuanoutput"] == "Jiwa"
    assert written["sub_keg_indikator"][0]["targetoutput"] == "1.250"
    assert written["kode_sbl"] == record["kode_sbl"]
    expected = copy.deepcopy(record)
    expected.update(pagu="999", nama_sub_giat="1.02.02.2.02.0001 Nama baru")
    expected["sub_keg_indikator"][0]["satuanoutput"] = "Jiwa"
    assert_same(expected, written)


def test_new_records_made_in_sinkron_are_written_in_full(tmp_path: Path) -> None:
    from sinkron import Activity, Code, Indicator, Plan, PlanKind, PlanPeriod, Program, SubActivity, Target, Value

    sub = SubActivity(
        code=Code.parse("1.02.02.2.02.0001"),
        name="Pengelolaan Pelayanan Kesehatan Ibu Hamil",
        agency_id="1.02.0.00.0.00.01.0000",
        indicators=[
            Indicator(
                name="Jumlah ibu hamil", unit="Orang", targets=[Target(year=2026, value=Value.parse("1.250 Orang"))]
            )
        ],
        budgets=[Budget(year=2026, amount=Money(5000000), kind=BudgetKind.CEILING)],
        locations=["Kab. Contoh, Semua Kecamatan, Semua Kelurahan"],
    )
    activity = Activity(
        code=Code.parse("1.02.02.2.02"),
        name="Penyediaan Layanan",
        sub_activities=[sub],
        indicators=[Indicator(name="Cakupan K4", unit="%", kind=IndicatorKind.OUTCOME)],
    )
    plan = Plan(
        id="renja",
        kind=PlanKind.RENJA_PD,
        title="Renja",
        period=PlanPeriod(start=2026, end=2026),
        programs=[Program(code=Code.parse("1.02.02"), name="PROGRAM KESEHATAN", activities=[activity])],
    )
    bundle = Bundle(plans=[plan], agencies=[sinkron.Agency(code="1.02.0.00.0.00.01.0000", name="Dinas Kesehatan")])
    document = json.loads(dumps(bundle))
    assert document["action"] == "get_sub_keg_sipd"
    record = document["data"][0]
    assert record["kode_skpd"] == record["kode_sub_skpd"] == "1.02.0.00.0.00.01.0000"
    assert record["nama_sub_giat"] == "1.02.02.2.02.0001 Pengelolaan Pelayanan Kesehatan Ibu Hamil"
    assert record["sub_keg_indikator"] == [
        {
            "outputteks": "Jumlah ibu hamil",
            "satuanoutput": "Orang",
            "targetoutput": "1250",
            "targetoutputteks": "1.250 Orang",
        }
    ]
    assert record["sub_keg_indikator_hasil"] == [{"hasilteks": "Cakupan K4", "satuanhasil": "%"}]
    assert record["lokasi_sub_keg"] == [
        {"daerahteks": "Kab. Contoh", "camatteks": "Semua Kecamatan", "lurahteks": "Semua Kelurahan"}
    ]
    # and it reads back into the same models
    path = tmp_path / "new.json"
    path.write_text(dumps(bundle), encoding="utf-8")
    back = read_sipd(path, plan_kind="renja_pd").bundle
    read_sub = next(back.plans[0].sub_activities())
    assert (read_sub.code, read_sub.name, read_sub.indicators[0].target_for(2026)) == (
        sub.code,
        sub.name,
        sub.indicators[0].target_for(2026),
    )

"""Entity rows and per-indicator rows sharing id_unik fold into one item with several indicators."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("sinkron_sipd", reason="sinkron-sipd is not installed in this environment")
from sipd_samples import envelope, planning_rows, write_json, write_lines

from sinkron.models import Activity, BudgetKind, IndicatorKind, Money, PlanKind, Program, SubActivity
from sinkron_sipd import dumps, read_sipd
from sinkron_sipd.layout import same

PROGRAM = ("1.02.02", "PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT")
GIAT = ("1.02.02.2.02", "Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah")
SUB = ("1.02.02.2.02.0001", "Pengelolaan Pelayanan Kesehatan Ibu Hamil")


def renstra() -> list[dict[str, object]]:
    program = planning_rows(
        id_unik="p1",
        level="program",
        codes={"program": PROGRAM},
        pagu=["100000000", "110.000.000", "", "130000000", "140000000"],
        indicators=[
            ("Angka kematian ibu", "per 100.000 KH", ["120", "115", "110", "105", "100"], "125"),
            ("Angka kematian bayi", "per 1.000 KH", ["12", "11,5", "11", "10,5", "10"], "13"),
        ],
    )
    giat = planning_rows(
        id_unik="g1",
        level="kegiatan",
        codes={"program": PROGRAM, "giat": GIAT},
        pagu=["60000000"] * 5,
        indicators=[("Cakupan pelayanan kesehatan rujukan", "%", ["80", "85", "90", "95", "100"], "75")],
        extra={"kode_unik_program": "p1"},
    )
    sub = planning_rows(
        id_unik="s1",
        level="sub kegiatan",
        codes={"program": PROGRAM, "giat": GIAT, "sub_giat": SUB},
        pagu=["20000000", "21000000", "22000000", "23000000", "24000000"],
        indicators=[
            (
                "Jumlah ibu hamil yang mendapatkan pelayanan",
                "Orang",
                ["1.200", "1.250", "1.300", "1.350", "1.400"],
                "1.100",
            ),
            ("Jumlah bidan terlatih", "Orang", ["40", "45", "50", "55", "60"], ""),
            ("Persentase ibu hamil K4", "%", ["90", "92", "94", "96", "98"], "88"),
        ],
        extra={"kode_kegiatan": "g1"},
    )
    # indicator rows of the sub kegiatan come before its entity row, and the rows are interleaved
    return [program[1], *program[0:1], sub[2], giat[0], sub[0], giat[1], program[2], sub[1], sub[3]]


def test_renstra_rows_fold_and_round_trip(tmp_path: Path) -> None:
    rows = renstra()
    path = write_json(tmp_path / "renstra.json", rows)
    result = read_sipd(path, period="2025-2029")
    assert result.errors == (), [str(e) for e in result.errors]
    assert result.records == len(rows)
    plan = result.bundle.plans[0]
    assert (plan.kind, plan.period.start, plan.period.end) == (PlanKind.RENSTRA_PD, 2025, 2029)
    assert plan.id == "sipd-renstra_pd-2025-2029-1.02.0.00.0.00.01.0000"
    [program] = plan.programs
    assert isinstance(program, Program) and [i.name for i in program.indicators] == [
        "Angka kematian ibu",
        "Angka kematian bayi",
    ]
    assert program.indicators[1].target_for(2026).number == pytest.approx(11.5)
    assert program.indicators[0].baseline is not None and program.indicators[0].baseline.value.number == 125
    assert program.budget_for(2026) == Money(110000000) and program.budget_for(2027) is None
    [activity] = program.activities
    assert isinstance(activity, Activity) and activity.indicators[0].kind is IndicatorKind.OUTCOME
    [sub] = activity.sub_activities
    assert isinstance(sub, SubActivity) and len(sub.indicators) == 3
    by_name = {i.name: i for i in sub.indicators}  # in the order the rows arrived (one waited for its entity row)
    served = by_name["Jumlah ibu hamil yang mendapatkan pelayanan"]
    assert [t.year for t in served.targets] == [2025, 2026, 2027, 2028, 2029]
    assert served.target_for(2029).number == 1400
    assert by_name["Jumlah bidan terlatih"].baseline is None
    assert sub.budget_for(2029, BudgetKind.INDICATIVE) == Money(24000000)
    written = json.loads(dumps(result.bundle))
    assert same(rows, written)


def test_period_from_the_rows_and_rpjmd_program_rows_without_a_code_column(tmp_path: Path) -> None:
    rows = planning_rows(
        id_unik="r1",
        level="program",
        codes={"program": PROGRAM},
        pagu=["5000000000"] * 5,
        skpd=None,
        indicators=[("Indeks kepuasan masyarakat", "Indeks", ["80", "81", "82", "83", "84"], "79")],
        extra={"tahun_awal": "2025", "tahun_akhir": "2029"},
    )
    for row in rows:  # data_rpjmd_program has no kode_program: the name carries the code
        del row["kode_program"]
        row["nama_program"] = f"{PROGRAM[0]} {PROGRAM[1]}"
    path = write_lines(tmp_path / "rpjmd.jsonl", rows)
    result = read_sipd(path, plan_kind="rpjmd", government_id="62")
    assert result.errors == ()
    plan = result.bundle.plans[0]
    assert (plan.id, plan.owner_id, str(plan.programs[0].code)) == ("sipd-rpjmd-2025-2029", "62", "1.02.02")
    assert plan.programs[0].name == PROGRAM[1]
    written = [json.loads(line) for line in dumps(result.bundle, target=path).split("\n") if line]
    assert same(rows, written)


def test_same_code_twice_keeps_two_items(tmp_path: Path) -> None:
    first = planning_rows(
        id_unik="a", level="program", codes={"program": PROGRAM}, indicators=[("A", "%", ["1"] * 5, "0")]
    )
    second = planning_rows(
        id_unik="b", level="program", codes={"program": PROGRAM}, indicators=[("B", "%", ["2"] * 5, "0")]
    )
    rows = [*first, *second]
    path = write_json(tmp_path / "twice.json", envelope("get_renstra", rows))
    result = read_sipd(path, period=(2025, 2029))
    programs = result.bundle.plans[0].programs
    assert [(p.id, [i.name for i in p.indicators]) for p in programs] == [
        ("1.02.0.00.0.00.01.0000/1.02.02", ["A"]),
        ("1.02.0.00.0.00.01.0000/1.02.02~2", ["B"]),
    ]
    assert same(json.loads(path.read_text(encoding="utf-8")), json.loads(dumps(result.bundle)))


def test_indicator_rows_without_their_entity_row_are_reported(tmp_path: Path) -> None:
    rows = renstra()
    orphan = dict(rows[0]) | {"id_unik": "zz", "id_unik_indikator": "zz-1"}
    path = write_json(
        tmp_path / "orphan.json", [*rows, orphan, {"id_unik_indikator": "x", "indikator": "tanpa id_unik"}]
    )
    result = read_sipd(path, period="2025-2029")
    assert result.errors == ()
    found = [(f.rule, f.location.json_path if f.location else None, f.message.en) for f in result.findings]
    assert [(rule, where) for rule, where, _ in found] == [("SKN005", "$[10].id_unik"), ("SKN005", "$[9].id_unik")]
    assert "no id_unik" in found[0][2] and "indicator row without its entity row" in found[1][2]
    assert len(list(result.bundle.plans[0].items())) == 3  # everything else still read
    assert not result.complete


def test_rows_need_a_period(tmp_path: Path) -> None:
    path = write_json(tmp_path / "noperiod.json", renstra())
    result = read_sipd(path)
    assert {e.location.field for e in result.errors} == {"tahun_awal"}  # the read needs the option
    assert {f.rule for f in result.findings} == {"SKN005"}  # their indicator rows then have no entity row
    assert "period=" in (result.errors[0].expected or "")

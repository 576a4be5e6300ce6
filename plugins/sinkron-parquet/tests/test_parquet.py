"""sinkron-parquet: one table per entity, stable schemas, row counts equal to the bundle's records."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow", reason="sinkron-parquet needs pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
sinkron_parquet = pytest.importorskip("sinkron_parquet", reason="sinkron-parquet is not installed")

import sinkron  # noqa: E402
from sinkron.codes import Code  # noqa: E402
from sinkron.convert import dumps  # noqa: E402
from sinkron.demo import demo_bundle  # noqa: E402
from sinkron.models import (  # noqa: E402
    Activity,
    Budget,
    Bundle,
    Money,
    Plan,
    PlanKind,
    PlanPeriod,
    Program,
    SubActivity,
)
from sinkron_parquet import MANIFEST, SCHEMAS, TABLES, ParquetExportError, bundle_tables, write_parquet  # noqa: E402

#: The columns of every table, written out: a change here is a change of the published format.
EXPECTED_COLUMNS = {
    "governments": "id level name region_code parent_id",
    "agencies": "id code name government_id kind sectors parent_id",
    "plans": "id kind title period_start period_end owner_id government_id stage revision vision nomenclature",
    "missions": "plan_id plan_kind plan_year government_id id text number",
    "goals": "plan_id plan_kind plan_year government_id id text mission_id",
    "objectives": "plan_id plan_kind plan_year government_id id text goal_id",
    "programs": "plan_id plan_kind plan_year government_id id code name agency_id",
    "activities": "plan_id plan_kind plan_year government_id id code name agency_id program_id",
    "sub_activities": "plan_id plan_kind plan_year government_id id code name agency_id program_id activity_id "
    "locations",
    "indicators": "plan_id plan_kind plan_year government_id owner_ref owner_kind indicator_id indicator_ref name "
    "unit kind direction code baseline_year baseline_text baseline_number baseline_low baseline_high baseline_unit",
    "targets": "plan_id plan_kind plan_year government_id owner_ref owner_kind indicator_id indicator_ref year text "
    "number low high unit",
    "realisations": "plan_id plan_kind plan_year government_id owner_ref owner_kind indicator_id indicator_ref year "
    "period text number low high unit",
    "budgets": "plan_id plan_kind plan_year government_id item_id level code year kind amount",
    "spending": "plan_id plan_kind plan_year government_id item_id level code year period amount",
    "funding": "plan_id plan_kind plan_year government_id item_id level code position name funding_code amount",
    "priorities": "id kind name code parent_id document period_start period_end government_id",
    "links": "kind source target note origin",
    "meetings": "id kind title start end host_id",
    "agreements": "meeting_id id agency_id sub_activity year desk_id target_text pagu",
}


def _expected_counts(bundle: Bundle) -> dict[str, int]:
    items = [item for plan in bundle.plans for item in plan.items()]
    subs = [s for plan in bundle.plans for s in plan.sub_activities()]
    owners = [
        *items,
        *(g for plan in bundle.plans for g in plan.goals),
        *(o for plan in bundle.plans for o in plan.objectives),
        *bundle.priorities,
    ]
    indicators = [ind for owner in owners for ind in owner.indicators]
    return {
        "governments": len(bundle.governments),
        "agencies": len(bundle.agencies),
        "plans": len(bundle.plans),
        "missions": sum(len(p.missions) for p in bundle.plans),
        "goals": sum(len(p.goals) for p in bundle.plans),
        "objectives": sum(len(p.objectives) for p in bundle.plans),
        "programs": sum(len(p.programs) for p in bundle.plans),
        "activities": sum(len(prog.activities) for p in bundle.plans for prog in p.programs),
        "sub_activities": len(subs),
        "indicators": len(indicators),
        "targets": sum(len(i.targets) for i in indicators),
        "realisations": sum(len(i.realisations) for i in indicators),
        "budgets": sum(len(i.budgets) for i in items),
        "spending": sum(len(s.spending) for s in subs),
        "funding": sum(len(s.funding) for s in subs),
        "priorities": len(bundle.priorities),
        "links": len(bundle.links),
        "meetings": len(bundle.meetings),
        "agreements": sum(len(m.agreements) for m in bundle.meetings),
    }


@pytest.fixture(scope="module")
def demo() -> Bundle:
    return demo_bundle()


def test_every_table_has_its_published_columns() -> None:
    assert set(EXPECTED_COLUMNS) == set(TABLES)
    for name, columns in EXPECTED_COLUMNS.items():
        assert SCHEMAS[name].names == columns.split(), name


def test_an_empty_bundle_gives_every_table_with_the_same_schema() -> None:
    tables = bundle_tables(Bundle())
    assert list(tables) == list(TABLES)
    for name, table in tables.items():
        assert table.num_rows == 0
        assert table.schema.equals(SCHEMAS[name]), name


def test_demo_bundle_row_counts_match_its_records(demo: Bundle) -> None:
    tables = bundle_tables(demo)
    expected = _expected_counts(demo)
    assert {name: t.num_rows for name, t in tables.items()} == expected
    # The demo exercises most tables; an export that wrote nothing would not pass for one that did.
    assert expected["sub_activities"] > 0 and expected["targets"] > 0 and expected["links"] > 0
    for name, table in tables.items():
        assert table.schema.equals(SCHEMAS[name]), name


def test_written_folder_reads_back_with_the_same_schemas_and_counts(demo: Bundle, tmp_path: Path) -> None:
    out = sinkron.write(demo, tmp_path / "out", format="parquet")
    assert sorted(p.name for p in out.iterdir()) == sorted([MANIFEST, *(f"{t}.parquet" for t in TABLES)])
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    expected = _expected_counts(demo)
    assert manifest["schema_version"] == 1
    assert manifest["tables"] == expected
    for name in TABLES:
        table = pq.read_table(out / f"{name}.parquet")
        assert table.schema.equals(SCHEMAS[name]), name
        assert table.num_rows == expected[name], name


def test_values_keep_codes_as_text_and_money_exact(tmp_path: Path) -> None:
    sub = SubActivity(
        code=Code.parse("1.02.02.2.02.0001"),
        name="Pengelolaan Pelayanan Kesehatan Ibu Hamil",
        agency_id="1.02.0.00.0.00.01.0000",
        budgets=[Budget(year=2026, amount=Money("1250000000.50"))],
        locations=["Kec. Pahandut", "Kec. Sebangau"],
    )
    activity = Activity(code=Code.parse("1.02.02.2.02"), name="Kegiatan", sub_activities=[sub])
    program = Program(code=Code.parse("1.02.02"), name="Program", activities=[activity])
    plan = Plan(
        id="rkpd-2026",
        kind=PlanKind.RKPD,
        title="RKPD 2026",
        period=PlanPeriod(start=2026, end=2026),
        government_id="62.71",
        programs=[program],
    )
    out = write_parquet(Bundle(plans=[plan]), tmp_path / "one")
    subs = pq.read_table(out / "sub_activities.parquet").to_pylist()
    assert subs == [
        {
            "plan_id": "rkpd-2026",
            "plan_kind": "rkpd",
            "plan_year": 2026,
            "government_id": "62.71",
            "id": "1.02.0.00.0.00.01.0000/1.02.02.2.02.0001",
            "code": "1.02.02.2.02.0001",
            "name": "Pengelolaan Pelayanan Kesehatan Ibu Hamil",
            "agency_id": "1.02.0.00.0.00.01.0000",
            "program_id": "1.02.02",
            "activity_id": "1.02.02.2.02",
            "locations": ["Kec. Pahandut", "Kec. Sebangau"],
        }
    ]
    budgets = pq.read_table(out / "budgets.parquet").to_pylist()
    assert [(b["level"], b["code"], b["amount"]) for b in budgets] == [
        ("sub_kegiatan", "1.02.02.2.02.0001", Decimal("1250000000.50"))
    ]


def test_money_that_does_not_fit_is_an_error_not_a_rounding(tmp_path: Path) -> None:
    sub = SubActivity(
        code=Code.parse("1.02.02.2.02.0001"), name="x", budgets=[Budget(year=2026, amount=Money("10.125"))]
    )
    activity = Activity(code=Code.parse("1.02.02.2.02"), name="k", sub_activities=[sub])
    plan = Plan(
        id="p",
        kind=PlanKind.RKPD,
        title="t",
        period=PlanPeriod(start=2026, end=2026),
        programs=[Program(code=Code.parse("1.02.02"), name="p", activities=[activity])],
    )
    with pytest.raises(ParquetExportError, match=r"budgets\.amount, row 0: Decimal\('10\.125'\)"):
        write_parquet(Bundle(plans=[plan]), tmp_path / "bad")
    assert not (tmp_path / "bad").exists()


def test_a_folder_with_other_files_is_not_overwritten(demo: Bundle, tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(ParquetExportError, match="holds files other than"):
        write_parquet(demo, folder)
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "keep me"
    # A previous export is replaced as a whole.
    again = tmp_path / "again"
    write_parquet(demo, again)
    write_parquet(Bundle(), again)
    assert json.loads((again / MANIFEST).read_text(encoding="utf-8"))["tables"]["plans"] == 0


def test_cli_convert_writes_one_table_per_entity(demo: Bundle, tmp_path: Path) -> None:
    source = tmp_path / "bundle.json"
    source.write_text(dumps(demo), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "sinkron", "convert", str(source), str(tmp_path / "out"), "--to", "parquet"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert sorted(p.stem for p in (tmp_path / "out").glob("*.parquet")) == sorted(TABLES)
    assert pq.read_table(tmp_path / "out" / "plans.parquet").num_rows == len(demo.plans)


def test_duckdb_reads_many_governments_exports(demo: Bundle, tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb", reason="duckdb is only used by the example")
    import attrs

    for region in ("62", "63"):
        plans = [attrs.evolve(p, government_id=region) for p in demo.plans]
        write_parquet(demo.replace(plans=plans), tmp_path / region)
    subs = sum(1 for p in demo.plans for _ in p.sub_activities())
    rows = (
        duckdb.connect()
        .execute(
            f"select government_id, count(*) from read_parquet('{tmp_path}/*/sub_activities.parquet') "
            "group by government_id order by government_id"
        )
        .fetchall()
    )
    assert rows == [("62", subs), ("63", subs)]


def test_a_failed_swap_keeps_the_previous_export(demo: Bundle, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    folder = tmp_path / "out"
    write_parquet(demo, folder)
    real_replace = os.replace
    calls: list[tuple[str, str]] = []

    def second_fails(src: str | Path, dst: str | Path) -> None:
        calls.append((str(src), str(dst)))
        if len(calls) == 2:  # the new folder into place
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", second_fails)
    with pytest.raises(OSError, match="No space left"):
        write_parquet(Bundle(), folder)
    monkeypatch.setattr(os, "replace", real_replace)
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["tables"]["plans"] == len(demo.plans)  # the previous export, whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no staging or old folder left


def test_the_folder_gets_the_usual_mode(demo: Bundle, tmp_path: Path) -> None:
    import os
    import stat

    previous = os.umask(0o022)
    try:
        folder = write_parquet(demo, tmp_path / "out")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755  # as mkdir makes it, not the 0700 of a temporary folder
    assert stat.S_IMODE((folder / MANIFEST).stat().st_mode) == 0o644

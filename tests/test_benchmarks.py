"""The benchmark generator and runner: the synthetic files read back into the same plan, without errors.

No timing is asserted here (speed belongs in ``python -m benchmarks``); these tests check that the
data the benchmark measures is what it claims to be.
"""

from __future__ import annotations

import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # the benchmarks package sits at the repository root, beside src/
    sys.path.insert(0, str(ROOT))

pytest.importorskip("python_calamine", reason="the xlsx reader (sinkron-spreadsheet) is not installed")
pytest.importorskip("sinkron_spreadsheet", reason="sinkron-spreadsheet is not installed")
pytest.importorskip("sinkron_sipd", reason="sinkron-sipd is not installed")

import sinkron  # noqa: E402
from benchmarks.generate import (  # noqa: E402
    Defects,
    benchmark_changes,
    synthetic_rows,
    write_all,
    write_renja_csv,
    write_rkpd_xlsx,
    write_sipd_jsonl,
)
from benchmarks.runner import (  # noqa: E402
    Measurement,
    format_cases,
    format_growth,
    format_table,
    format_targets,
    run_size,
)
from benchmarks.xlsx import MAX_ROWS, XlsxWriter, column_letter  # noqa: E402
from sinkron.codes import CodeLevel  # noqa: E402
from sinkron.nomenclature import default_nomenclature  # noqa: E402
from sinkron_spreadsheet import read_rkpd_report  # noqa: E402

ROWS = 300


def _subs(bundle: sinkron.Bundle) -> dict[tuple[str | None, str], Decimal | None]:
    """(perangkat daerah, code) → pagu of the plan year, for every sub kegiatan."""
    out = {}
    for plan in bundle.plans:
        for sub in plan.sub_activities():
            amount = sub.budget_for(plan.period.start)
            out[(sub.agency_id, str(sub.code))] = amount.amount if amount is not None else None
    return out


def test_rows_are_deterministic_unique_and_real_nomenclature() -> None:
    rows = list(synthetic_rows(ROWS))
    assert rows == list(synthetic_rows(ROWS))
    assert rows != list(synthetic_rows(ROWS, seed=7))
    assert len(rows) == ROWS
    assert len({(r.unit.code, r.sub_code) for r in rows}) == ROWS
    nomenclature = default_nomenclature()
    for row in rows:
        assert row.sub_code.level is CodeLevel.SUB_ACTIVITY
        assert row.sub_code.sector == row.unit.sector
        entry = nomenclature.lookup(row.sub_code, 2026)
        assert entry is not None and entry.name == row.sub_name
    assert len({r.unit.code for r in rows}) >= 3  # several perangkat daerah


def test_the_variant_drops_and_changes_only_a_few_rows() -> None:
    base = {(r.unit.code, r.sub_code): r for r in synthetic_rows(3000)}
    variant = {(r.unit.code, r.sub_code): r for r in synthetic_rows(3000, variant=1)}
    assert set(variant) < set(base)
    dropped = len(base) - len(variant)
    assert 0 < dropped <= 0.01 * len(base)
    changed = [k for k, r in variant.items() if (r.pagu, r.target) != (base[k].pagu, base[k].target)]
    assert 0 < len(changed) <= 0.02 * len(base)
    unchanged = [k for k, r in variant.items() if r.location != base[k].location or r.funding != base[k].funding]
    assert unchanged == []


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bench")
    paths = {"xlsx": folder / "rkpd.xlsx", "csv": folder / "renja.csv", "jsonl": folder / "sipd.jsonl"}
    assert write_rkpd_xlsx(paths["xlsx"], ROWS) == ROWS
    assert write_renja_csv(paths["csv"], ROWS) == ROWS
    assert write_sipd_jsonl(paths["jsonl"], ROWS) == ROWS
    return paths


def test_the_three_shapes_read_into_the_same_sub_kegiatan_without_errors(files: dict[str, Path]) -> None:
    from_xlsx = read_rkpd_report(files["xlsx"])
    from_csv = sinkron.read_result(files["csv"], mapping="renja")
    from_sipd = sinkron.read_result(files["jsonl"], format="sipd")
    for result in (from_xlsx, from_csv, from_sipd):
        assert not result.errors and result.complete, [str(e) for e in result.errors[:3]]
    expected = {(r.unit.code, str(r.sub_code)): Decimal(r.pagu) for r in synthetic_rows(ROWS)}
    assert _subs(from_xlsx.bundle) == expected
    assert _subs(from_csv.bundle) == expected
    assert _subs(from_sipd.bundle) == expected


def test_the_xlsx_has_one_report_sheet_per_unit_with_subtotals_that_add_up(files: dict[str, Path]) -> None:
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(files["xlsx"]))
    units = Counter(r.unit.code for r in synthetic_rows(ROWS))
    assert len(workbook.sheet_names) == len(units)
    first = workbook.get_sheet_by_index(0)
    rows = first.to_python()
    assert str(rows[0][0]).startswith("Unit Organisasi : ")
    assert rows[1][0] == "Kode" and rows[1][9] == "Rencana Tahun 2026"
    assert ((1, 0), (3, 4)) in [tuple(map(tuple, m)) for m in first.merged_cell_ranges]
    # the reader checks every urusan/bidang/program/kegiatan subtotal and the TOTAL row: no error above
    assert rows[-1][5] == "TOTAL"


def test_indicator_targets_and_priority_labels_survive_the_sipd_read(files: dict[str, Path]) -> None:
    bundle = sinkron.read(files["jsonl"], format="sipd")
    rows = {(r.unit.code, str(r.sub_code)): r for r in synthetic_rows(ROWS)}
    for plan in bundle.plans:
        for sub in plan.sub_activities():
            row = rows[(sub.agency_id or "", str(sub.code))]
            (indicator,) = sub.indicators
            assert indicator.target_for(2026).number == row.target  # type: ignore[union-attr]
    labelled = sum(1 for r in rows.values() if r.label is not None)
    assert 0 < labelled < ROWS
    assert sum(1 for link in bundle.links if link.target.startswith("sipd-label-pusat-")) == labelled


def test_xlsx_writer_escapes_text_and_refuses_too_many_rows(tmp_path: Path) -> None:
    from python_calamine import CalamineWorkbook

    path = tmp_path / "t.xlsx"
    with XlsxWriter(path) as book:
        book.add_sheet("A & <B>", [['<x> & "y"', None, 1.5], [" spaced ", 2]])
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("A & <B>")
    assert sheet.to_python() == [['<x> & "y"', "", 1.5], [" spaced ", 2.0, ""]]
    assert [column_letter(i) for i in (0, 25, 26, 51, 52)] == ["A", "Z", "AA", "AZ", "BA"]
    with XlsxWriter(tmp_path / "big.xlsx") as book, pytest.raises(ValueError, match="more than"):
        book.add_sheet("big", ([1] for _ in range(MAX_ROWS + 1)))


def test_runner_measures_in_subprocesses_and_computes_ratios(tmp_path: Path) -> None:
    results = run_size(tmp_path, 200, ["raw-csv", "read-csv"], log=lambda _: None)
    by_task = {m.task: m for m in results}
    assert set(by_task) == {"raw-csv", "read-csv"}
    assert by_task["read-csv"].rows == 200 and by_task["read-csv"].errors == 0
    assert by_task["raw-csv"].rows > 200  # the csv module sees the Periode and Unit Organisasi lines too
    assert by_task["read-csv"].baseline == "raw-csv"
    assert by_task["read-csv"].ratio == pytest.approx(by_task["read-csv"].cpu / by_task["raw-csv"].cpu)
    assert by_task["read-csv"].wall_ratio == pytest.approx(by_task["read-csv"].wall / by_task["raw-csv"].wall)
    assert by_task["read-csv"].rss > 10 << 20  # a whole interpreter's peak, reported by the child
    table = format_table(results)
    assert "| read-csv | 200 |" in table and "× raw-csv (" in table


def _m(task: str, size: int, cpu: float, rss: int = 100 << 20, ratio: float | None = None) -> Measurement:
    return Measurement(
        task=task,
        size=size,
        rows=size,
        wall=cpu,
        cpu=cpu,
        rss=rss,
        errors=0,
        ratio=ratio,
        baseline="raw-csv" if ratio else None,
    )


def test_targets_are_judged_from_the_measurements() -> None:
    linear = [_m("check", 10_000, 0.2), _m("check", 100_000, 2.1), _m("read-csv", 100_000, 9.0, ratio=2.5)]
    text = format_targets(linear)
    assert "| csv → Bundle within 3× the csv module (or pyarrow) | yes |" in text
    assert "| growth linear: 10× rows ⇒ ≤ 12× time | yes |" in text
    assert "estimate for 1M: 21.1 s" in text  # from the slope between 10 000 and 100 000 rows
    one_size = format_targets([_m("check", 100_000, 2.0, rss=500 << 20)])
    assert "estimate for 1M: 20.0 s" in one_size and "run --growth for an estimate at 1M" in one_size
    growing = format_targets([_m("check", 10_000, 0.2, rss=100 << 20), _m("check", 100_000, 2.0, rss=200 << 20)])
    assert "0.2 GiB (check at 100,000 rows); estimate for 1M: 1.2 GiB" in growing
    steep = [_m("check", 10_000, 0.2), _m("check", 100_000, 3.0)]
    assert "| growth linear: 10× rows ⇒ ≤ 12× time | no | worst ×15.0" in format_targets(steep)
    million = [_m("check", 1_000_000, 25.0, rss=3 << 30)]
    text = format_targets(million)
    assert "| check on 1M sub kegiatan under 20 s (CPU) | no | 25.0 s" in text
    assert "| peak memory for 1M rows under 2 GiB | no | 3.0 GiB" in text
    assert "| check | 0.20 | 2.10 | 10.5 |" in format_growth(linear)


def test_realistic_data_carries_each_defect_and_the_readers_report_them(tmp_path: Path) -> None:
    """Each defect at 5%: the same rows as the clean data, some imperfect; every reader still reads every row."""
    defects = Defects.realistic(0.05)
    clean, flawed = list(synthetic_rows(2000)), list(synthetic_rows(2000, defects=defects))
    assert [(r.unit, r.pagu) for r in clean] == [(r.unit, r.pagu) for r in flawed]
    nomenclature = default_nomenclature()
    changes = benchmark_changes(defects)
    assert changes is not None and benchmark_changes(Defects()) is None
    retired = {change.code for change in changes.changes}
    unknown = [r for r in flawed if nomenclature.lookup(r.sub_code, 2026) is None]
    assert 50 <= len(unknown) <= 150 and all(r.sub_code not in retired for r in unknown)
    assert 30 <= sum(r.sub_code in retired for r in flawed) <= 200
    assert 50 <= sum(r.sub_name != c.sub_name for r, c in zip(flawed, clean, strict=True)) <= 150
    assert 50 <= sum(not r.indicator for r in flawed) <= 150
    paths = write_all(tmp_path, 2000, defects=defects)
    assert paths["xlsx"].name == "rkpd-2000-u50-r50-n50-m50-s50.xlsx"
    report = read_rkpd_report(paths["xlsx"])
    assert not report.errors and len(_subs(report.bundle)) == 2000
    subtotals = [f for f in report.bundle.source_findings if f.rule == "SKN001" and "field 'pagu'" in (f.path or "")]
    assert subtotals  # the kegiatan subtotals that do not add up
    for result in (
        sinkron.read_result(paths["csv"], mapping="renja"),
        sinkron.read_result(paths["jsonl"], format="sipd"),
    ):
        assert not result.errors and len(_subs(result.bundle)) == 2000
    bundle = sinkron.read(paths["jsonl"], format="sipd")
    config = sinkron.CheckConfig(nomenclature=nomenclature.with_changes(changes), select=("SKN101", "SKN102", "SKN201"))
    found = Counter(f.rule for f in sinkron.check(bundle, config=config).findings)
    assert found["SKN101"] == len(unknown) and found["SKN102"] >= 30 and found["SKN201"] >= 50


def test_the_realistic_case_is_reported_beside_the_clean_one() -> None:
    measurements = [_m("check", 10_000, 0.2), _m("check", 10_000, 0.25)]
    measurements[1].case = "u100-r0-n0-m0-s0"
    assert "| check | 10,000 | 0.20 | 0.25 | 1.25× | u100-r0-n0-m0-s0 |" in format_cases(measurements)
    assert "| check (u100-r0-n0-m0-s0) | 10,000 |" in format_table(measurements)
    assert "| check on realistic data within 1.3× of clean data (CPU) | yes | 1.25×" in format_targets(measurements)
    assert "| check | 0.20 |" in format_growth(measurements)  # the growth table: clean data only

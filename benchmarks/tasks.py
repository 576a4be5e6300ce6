"""The benchmark tasks, each run in a fresh subprocess: ``python -m benchmarks.tasks TASK JSON-ARGS``.

A task prepares what it needs (imports, the plugin manager, the nomenclature, a bundle to check),
then times only its own work, wall clock and CPU, and prints one JSON line::

    {"task": ..., "rows": ..., "wall": s, "cpu": s, "rss": peak bytes of the whole process, "errors": n}

Running each task in its own process makes the peak RSS the task's own: the peak of the whole
process while the task ran (what it holds before, such as the bundle it checks, included; what
its setup needed only briefly, such as unpickling, not).
"""

from __future__ import annotations

import contextlib
import csv
import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["TASKS", "main", "run_task"]


#: Work a task does after its clock stops (keeping the bundle for the next tasks), by timed callable.
AFTER: dict[Callable[[], tuple[int, int]], Callable[[], None]] = {}


def _reset_peak() -> None:
    """Forget the peak RSS so far (Linux: ``5`` in ``/proc/self/clear_refs``), so the setup's peak
    (unpickling a bundle for check) is not taken for the task's."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def _peak_rss() -> int:
    """Peak resident memory of this process (since :func:`_reset_peak`), in bytes."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux reports KiB


def _warm() -> None:
    """Load what every sinkron task loads once per process, outside the timed part."""
    from sinkron.nomenclature import default_nomenclature
    from sinkron.plugins.manager import get_plugin_manager

    get_plugin_manager()
    default_nomenclature()


def _count_subs(bundle: Any) -> int:
    return sum(1 for plan in bundle.plans for _ in plan.sub_activities())


# -- raw readers (the baselines) ----------------------------------------------------------------


def raw_calamine(args: dict[str, Any]) -> Callable[[], tuple[int, int]]:
    from python_calamine import CalamineWorkbook

    def run() -> tuple[int, int]:
        cells = rows = 0
        workbook = CalamineWorkbook.from_path(args["path"])
        for name in workbook.sheet_names:
            for row in workbook.get_sheet_by_name(name).iter_rows():
                rows += 1
                cells += len(row)
        return rows, 0

    return run


def raw_csv(args: dict[str, Any]) -> Callable[[], tuple[int, int]]:
    def run() -> tuple[int, int]:
        rows = 0
        with Path(args["path"]).open(encoding="utf-8-sig", newline="") as handle:
            for _ in csv.reader(handle):
                rows += 1
        return rows, 0

    return run


def raw_pyarrow_csv(args: dict[str, Any]) -> Callable[[], tuple[int, int]]:
    import pyarrow as pa  # type: ignore[import-untyped]
    from pyarrow import csv as pacsv

    from benchmarks.generate import RENJA_HEADER

    def run() -> tuple[int, int]:
        # Every column as text (codes must stay text); the Periode and Unit Organisasi lines are skipped.
        table = pacsv.read_csv(
            args["path"],
            read_options=pacsv.ReadOptions(skip_rows=2),
            parse_options=pacsv.ParseOptions(invalid_row_handler=lambda row: "skip"),
            convert_options=pacsv.ConvertOptions(column_types=dict.fromkeys(RENJA_HEADER, pa.string())),
        )
        return table.num_rows, 0

    return run


def raw_json_lines(args: dict[str, Any]) -> Callable[[], tuple[int, int]]:
    try:
        import orjson

        loads: Callable[[bytes], Any] = orjson.loads
    except ImportError:  # pragma: no cover - orjson is optional
        loads = json.loads

    def run() -> tuple[int, int]:
        rows = 0
        with Path(args["path"]).open("rb") as handle:
            for line in handle:
                loads(line)
                rows += 1
        return rows, 0

    return run


# -- sinkron ---------------------------------------------------------------------------------------


def read_xlsx(args: dict[str, Any]) -> Callable[[], tuple[int, int]]:
    from sinkron_spreadsheet import read_rkpd_report

    _warm()

    def run() -> tuple[int, int]:
        result = read_rkpd_report(args["path"])
        return _count_subs(result.bundle), len(result.errors)

    return run


def read_csv(args: dict[str, Any]) -> Callable[[], tuple[int, int]]:
    import sinkron

    _warm()

    def run() -> tuple[int, int]:
        result = sinkron.read_result(args["path"], mapping="renja")
        return _count_subs(result.bundle), len(result.errors)

    return run


def read_sipd(args: dict[str, Any]) -> Callable[[], tuple[int, int]]:
    import sinkron

    _warm()

    kept: list[Any] = []

    def run() -> tuple[int, int]:
        result = sinkron.read_result(args["path"], format="sipd")
        kept.append(result.bundle)
        return _count_subs(result.bundle), len(result.errors)

    if args.get("cache"):
        AFTER[run] = lambda: _save_bundle(kept[-1], Path(args["cache"]))  # after the clock stops
    return run


def read_sipd_lean(args: dict[str, Any]) -> Callable[[], tuple[int, int]]:
    """The SIPD read of the commands that never write SIPD back (``check``, ``read``, ``diff``): ``keep_source=False``."""
    import sinkron

    _warm()

    def run() -> tuple[int, int]:
        result = sinkron.read_result(args["path"], format="sipd", keep_source=False)
        return _count_subs(result.bundle), len(result.errors)

    return run


def _save_bundle(bundle: Any, target: Path) -> None:
    """Keep the bundle for the later tasks of this run (pickle: loading it is 5× faster than reading SIPD)."""
    import gc
    import pickle

    gc.disable()
    partial = target.with_name(target.name + ".part")
    with partial.open("wb") as handle:
        pickle.dump(bundle, handle, protocol=pickle.HIGHEST_PROTOCOL)
    partial.replace(target)


def _bundle(path: str, cache: str | None = None) -> Any:
    """The bundle of a SIPD file: from this run's cache (written by read-sipd) when there is one."""
    import gc
    import pickle

    import sinkron

    if cache and Path(cache).exists():
        gc.disable()  # unpickling a million objects: the collector would rescan them all, repeatedly
        try:
            with Path(cache).open("rb") as handle:
                bundle = pickle.load(handle)
        finally:
            # Objects made with the collector off are all young: the first collection after it is
            # back would scan every one of them (20 s at a million rows), likely inside the timed
            # task. A bundle read normally has long been moved to the oldest generation; freezing
            # puts these where that leaves them.
            gc.freeze()
            gc.enable()
        return bundle
    return sinkron.read(path, format="sipd")


def check(args: dict[str, Any]) -> Callable[[], tuple[int, int]]:
    import sinkron
    from benchmarks.generate import Defects, benchmark_changes
    from sinkron.nomenclature import default_nomenclature

    _warm()
    bundle = _bundle(args["path"], args.get("cache"))
    changes = benchmark_changes(Defects(**args.get("defects", {})))
    # realistic data: checked against the change list that retires some of its codes
    config = sinkron.CheckConfig(nomenclature=default_nomenclature().with_changes(changes) if changes else None)

    def run() -> tuple[int, int]:
        report = sinkron.check(bundle, config=config)
        return _count_subs(bundle), len(report.rule_failures)

    return run


def json_dump(args: dict[str, Any]) -> Callable[[], tuple[int, int]]:
    from sinkron.convert import dumps

    _warm()
    bundle = _bundle(args["path"], args.get("cache"))

    def run() -> tuple[int, int]:
        text = dumps(bundle, indent=None)
        Path(args["out"]).write_text(text, encoding="utf-8")
        return _count_subs(bundle), 0

    return run


def json_load(args: dict[str, Any]) -> Callable[[], tuple[int, int]]:
    from sinkron.convert import loads
    from sinkron.models import Bundle

    _warm()
    text = Path(args["json"]).read_bytes()

    def run() -> tuple[int, int]:
        bundle = loads(text, Bundle)
        return _count_subs(bundle), 0

    return run


def parquet(args: dict[str, Any]) -> Callable[[], tuple[int, int]]:
    from sinkron_parquet import write_parquet

    _warm()
    bundle = _bundle(args["path"], args.get("cache"))

    def run() -> tuple[int, int]:
        write_parquet(bundle, args["out"])
        return _count_subs(bundle), 0

    return run


def diff(args: dict[str, Any]) -> Callable[[], tuple[int, int]]:
    import sinkron

    _warm()
    old = _bundle(args["path"], args.get("cache"))
    new = _bundle(args["other"])

    def run() -> tuple[int, int]:
        result = sinkron.diff(old, new)
        return _count_subs(old), 0 if result.plans else 1

    return run


#: Task name → setup function returning the timed callable (which returns ``(rows, errors)``).
TASKS: dict[str, Callable[[dict[str, Any]], Callable[[], tuple[int, int]]]] = {
    "raw-calamine": raw_calamine,
    "raw-csv": raw_csv,
    "raw-pyarrow-csv": raw_pyarrow_csv,
    "raw-json-lines": raw_json_lines,
    "read-xlsx": read_xlsx,
    "read-csv": read_csv,
    "read-sipd": read_sipd,
    "read-sipd-lean": read_sipd_lean,
    "check": check,
    "json-dump": json_dump,
    "json-load": json_load,
    "parquet": parquet,
    "diff": diff,
}


def run_task(name: str, args: dict[str, Any]) -> dict[str, Any]:
    """Set up and time one task in this process."""
    timed = TASKS[name](args)
    _reset_peak()
    wall, cpu = time.perf_counter(), time.process_time()
    rows, errors = timed()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    rss = _peak_rss()
    after = AFTER.pop(timed, None)
    if after is not None:
        after()
    return {"task": name, "rows": rows, "wall": wall, "cpu": cpu, "rss": rss, "errors": errors}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    name, args = argv[0], json.loads(argv[1]) if len(argv) > 1 else {}
    print(json.dumps(run_task(name, args)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Run the benchmark tasks in subprocesses and print the table, the targets and the growth table."""

from __future__ import annotations

import itertools
import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import attrs

from benchmarks.generate import Defects, write_renja_csv, write_rkpd_xlsx, write_sipd_jsonl

__all__ = ["REALISTIC_TASKS", "TARGETS", "Measurement", "format_cases", "format_table", "run_size", "run_task_process"]

GIB = 1 << 30
ROOT = Path(__file__).resolve().parents[1]

#: Which raw readers each sinkron task is compared with (the fastest of them in the run).
BASELINES: dict[str, tuple[str, ...]] = {
    "read-xlsx": ("raw-calamine",),
    "read-csv": ("raw-csv", "raw-pyarrow-csv"),
    "read-sipd": ("raw-json-lines",),
    "read-sipd-lean": ("raw-json-lines",),
}
_FILES = {
    "raw-calamine": "xlsx",
    "read-xlsx": "xlsx",
    "raw-csv": "csv",
    "raw-pyarrow-csv": "csv",
    "read-csv": "csv",
    "raw-json-lines": "jsonl",
    "read-sipd": "jsonl",
    "read-sipd-lean": "jsonl",
    "check": "jsonl",
    "json-dump": "jsonl",
    "diff": "jsonl",
}
#: The tasks also run on the realistic data (``--defects``): the readers, their raw baselines, and check.
REALISTIC_TASKS = (
    "raw-calamine",
    "read-xlsx",
    "raw-csv",
    "raw-pyarrow-csv",
    "read-csv",
    "raw-json-lines",
    "read-sipd",
    "check",
)
ORDER = (
    "raw-calamine",
    "read-xlsx",
    "raw-csv",
    "raw-pyarrow-csv",
    "read-csv",
    "raw-json-lines",
    "read-sipd",
    "read-sipd-lean",
    "check",
    "json-dump",
    "json-load",
    "parquet",
    "diff",
)


@attrs.define
class Measurement:
    """One task at one size: best wall and CPU seconds over the repeats, peak RSS, the rows it saw."""

    task: str
    size: int
    rows: int
    wall: float
    cpu: float
    rss: int
    errors: int
    ratio: float | None = None
    """CPU time over the fastest raw reader's CPU time (the machine is shared: CPU time is steadier)."""
    baseline: str | None = None
    wall_ratio: float | None = None
    case: str = "clean"
    """The data: ``clean``, or the label of the realistic data's defects (:attr:`Defects.label`)."""

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.wall if self.wall else float("inf")


def _has(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def run_task_process(task: str, args: dict[str, Any], *, python: str = sys.executable) -> dict[str, Any]:
    """Run ``task`` in a fresh interpreter and return its JSON result."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    done = subprocess.run(
        [python, "-m", "benchmarks.tasks", task, json.dumps(args)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"task {task} failed:\n{done.stderr[-4000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def ensure_files(
    folder: Path, size: int, *, log: Callable[[str], None] = print, defects: Defects | None = None
) -> dict[str, Path]:
    """Generate (once; kept in ``folder`` for later runs) the files of a size and its diff variant; with
    ``defects``, the realistic files of that size instead (no diff variant)."""
    folder.mkdir(parents=True, exist_ok=True)
    case = "" if defects is None or defects.clean else f"-{defects.label}"
    paths = {
        "xlsx": folder / f"rkpd-{size}{case}.xlsx",
        "csv": folder / f"renja-{size}{case}.csv",
        "jsonl": folder / f"sipd-{size}{case}.jsonl",
        "jsonl-v1": folder / f"sipd-{size}-v1.jsonl",
        "json": folder / f"bundle-{size}.json",
    }
    writers: dict[str, Callable[[Path], int]] = {
        "xlsx": lambda p: write_rkpd_xlsx(p, size, defects=defects),
        "csv": lambda p: write_renja_csv(p, size, defects=defects),
        "jsonl": lambda p: write_sipd_jsonl(p, size, defects=defects),
    }
    if not case:
        writers["jsonl-v1"] = lambda p: write_sipd_jsonl(p, size, variant=1)
    for key, write in writers.items():
        if not paths[key].exists():
            started = time.perf_counter()
            partial = paths[key].with_name(paths[key].name + ".part")
            write(partial)  # an interrupted run leaves no half-written file under the real name
            partial.replace(paths[key])
            log(
                f"  generated {paths[key].name} ({paths[key].stat().st_size / 1e6:.1f} MB) "
                f"in {time.perf_counter() - started:.1f} s"
            )
    return paths


def run_size(
    folder: Path,
    size: int,
    tasks: Sequence[str],
    *,
    repeat: int = 1,
    log: Callable[[str], None] = print,
    defects: Defects | None = None,
) -> list[Measurement]:
    """Every task at one size (each repeated ``repeat`` times, best kept), with ratios to the raw readers; with
    ``defects``, then the tasks of :data:`REALISTIC_TASKS` again on the realistic data of that size."""
    out = _run_case(folder, size, tasks, repeat=repeat, log=log, defects=None)
    if defects is not None and not defects.clean:
        realistic = [t for t in tasks if t in REALISTIC_TASKS]
        if realistic:
            log(f"  realistic data ({defects.label}):")
            out += _run_case(folder, size, realistic, repeat=repeat, log=log, defects=defects)
    return out


def _run_case(
    folder: Path,
    size: int,
    tasks: Sequence[str],
    *,
    repeat: int,
    log: Callable[[str], None],
    defects: Defects | None,
) -> list[Measurement]:
    paths = ensure_files(folder, size, log=log, defects=defects)
    case = "clean" if defects is None else defects.label
    chosen = [t for t in ORDER if t in tasks]
    for task, module in (("raw-pyarrow-csv", "pyarrow"), ("parquet", "sinkron_parquet")):
        if task in chosen and not _has(module):
            chosen.remove(task)
    if "json-load" in chosen and "json-dump" not in chosen and not paths["json"].exists():
        chosen.insert(chosen.index("json-load"), "json-dump")
    if chosen and set(chosen) & {"check", "json-dump", "diff"} and "read-sipd" not in chosen:
        log("  (no read-sipd in this run: check, json-dump and diff read the SIPD file themselves)")
    cache = folder / f"bundle-{size}-{case}.pickle"
    cache.unlink(missing_ok=True)  # written by this run's read-sipd, never reused across runs (code changes)
    out: list[Measurement] = []
    try:
        _run_tasks(chosen, paths, cache, repeat, size, out, log, defects)
    finally:
        cache.unlink(missing_ok=True)
    by_task = {m.task: m for m in out}  # one case: ratios compare files of the same data
    for m in out:
        baselines = [by_task[b] for b in BASELINES.get(m.task, ()) if b in by_task]
        if baselines:
            fastest = min(baselines, key=lambda b: b.cpu)
            m.ratio, m.baseline = m.cpu / max(fastest.cpu, 1e-6), fastest.task
            m.wall_ratio = m.wall / max(fastest.wall, 1e-6)
    return out


def _run_tasks(
    chosen: Sequence[str],
    paths: dict[str, Path],
    cache: Path,
    repeat: int,
    size: int,
    out: list[Measurement],
    log: Callable[[str], None],
    defects: Defects | None = None,
) -> None:
    case = "clean" if defects is None else defects.label
    for task in chosen:
        args: dict[str, Any] = {"path": str(paths[_FILES.get(task, "jsonl")]), "cache": str(cache)}
        if defects is not None:
            args["defects"] = attrs.asdict(defects)  # check: against the change list retiring codes
        if task == "json-dump":
            args["out"] = str(paths["json"])
        if task == "json-load":
            args["json"] = str(paths["json"])
        if task == "diff":
            args["other"] = str(paths["jsonl-v1"])
        if task == "parquet":
            args["out"] = str(paths["json"].with_name(f"parquet-{size}"))
        best: dict[str, Any] | None = None
        for _ in range(repeat):
            result = run_task_process(task, args)
            if best is None or result["wall"] < best["wall"]:
                best = {**result, "rss": max(result["rss"], best["rss"]) if best else result["rss"]}
        assert best is not None
        measurement = Measurement(
            task=task,
            size=size,
            rows=best["rows"],
            wall=best["wall"],
            cpu=best["cpu"],
            rss=best["rss"],
            errors=best["errors"],
            case=case,
        )
        out.append(measurement)
        log(f"  {task:<16} {measurement.wall:8.2f} s wall {measurement.cpu:8.2f} s cpu {_mib(measurement.rss):>10}")


def _mib(n: int) -> str:
    return f"{n / (1 << 20):,.0f} MiB"


def format_table(measurements: Sequence[Measurement]) -> str:
    """The results as a Markdown table (task, rows, wall s, CPU s, rows/s, peak RSS, ratio to the raw reader)."""
    lines = [
        "| task | rows | wall s | cpu s | rows/s | peak RSS | ratio to the raw reader (CPU; wall) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for m in measurements:
        ratio = f"{m.ratio:.1f}× {m.baseline} ({m.wall_ratio:.1f}×)" if m.ratio is not None else "—"
        task = m.task if m.case == "clean" else f"{m.task} ({m.case})"
        lines.append(
            f"| {task} | {m.rows:,} | {m.wall:.2f} | {m.cpu:.2f} | {m.rows_per_second:,.0f} | {_mib(m.rss)} | {ratio} |"
        )
    return "\n".join(lines)


def format_cases(measurements: Sequence[Measurement]) -> str:
    """The clean and the realistic data side by side: CPU seconds of each task and their ratio."""
    lines = [
        "| task | rows | clean cpu s | realistic cpu s | realistic / clean | data |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    clean = {(m.task, m.size): m for m in measurements if m.case == "clean"}
    for m in measurements:
        base = clean.get((m.task, m.size))
        if m.case == "clean" or base is None:
            continue
        factor = f"{m.cpu / base.cpu:.2f}×" if base.cpu > 0 else "—"
        lines.append(f"| {m.task} | {m.size:,} | {base.cpu:.2f} | {m.cpu:.2f} | {factor} | {m.case} |")
    return "\n".join(lines)


@attrs.frozen
class Target:
    """A target of DESIGN §12 / issue 12 and how to judge it from measurements."""

    name: str
    judge: Callable[[Sequence[Measurement]], tuple[bool | None, str]]


def _ratio_target(task: str, limit: float) -> Callable[[Sequence[Measurement]], tuple[bool | None, str]]:
    def judge(ms: Sequence[Measurement]) -> tuple[bool | None, str]:
        found = [m for m in ms if m.task == task and m.ratio is not None]
        if not found:
            return None, "not measured"
        m = max(found, key=lambda m: m.size)
        return m.ratio <= limit, f"{m.ratio:.1f}× {m.baseline} (CPU time) at {m.size:,} rows"  # type: ignore[operator]

    return judge


def _at_million(
    task: str | None, value: Callable[[Measurement], float], limit: float, unit: str
) -> Callable[[Sequence[Measurement]], tuple[bool | None, str]]:
    """Judge a figure at a million rows; below that, extrapolate from the growth between the two largest sizes."""

    def judge(ms: Sequence[Measurement]) -> tuple[bool | None, str]:
        found = [m for m in ms if task is None or m.task == task]
        if not found:
            return None, "not measured"
        largest = max(m.size for m in found)
        worst = max((m for m in found if m.size == largest), key=value)
        figure = value(worst)
        where = f"{worst.task} at {largest:,} rows"
        if largest >= 1_000_000:
            return figure <= limit, f"{figure:,.1f} {unit} ({where})"
        smaller = [m for m in found if m.task == worst.task and m.size < largest]
        if smaller:  # the slope between two sizes leaves out what does not grow (imports, the interpreter)
            before = max(smaller, key=lambda m: m.size)
            slope = (figure - value(before)) / (largest - before.size)
            estimate = figure + slope * (1_000_000 - largest)
        elif task is not None:  # time: proportional to the rows
            estimate = figure * 1_000_000 / largest
        else:  # memory at one size: nothing tells the fixed part from the part per row
            return None, f"{figure:,.1f} {unit} ({where}); run --growth for an estimate at 1M"
        return None, f"{figure:,.1f} {unit} ({where}); estimate for 1M: {estimate:,.1f} {unit}"

    return judge


def _growth(ms: Sequence[Measurement]) -> tuple[bool | None, str]:
    sizes = sorted({m.size for m in ms})
    if len(sizes) < 2:
        return None, "run --growth"
    worst: tuple[float, str] | None = None
    for small, large in itertools.pairwise(sizes):
        for m in (m for m in ms if m.size == large):
            before = next((b for b in ms if b.size == small and b.task == m.task), None)
            if before is None or before.cpu <= 0:
                continue
            factor = (m.cpu / before.cpu) / (large / small) * 10
            if worst is None or factor > worst[0]:
                worst = (factor, f"{m.task} {small:,}→{large:,}")
    if worst is None:
        return None, "not measured"
    return worst[0] <= 12, f"worst ×{worst[0]:.1f} CPU time per 10× rows ({worst[1]})"


TARGETS = (
    Target("xlsx → Bundle within 2× raw python-calamine", _ratio_target("read-xlsx", 2)),
    Target("csv → Bundle within 3× the csv module (or pyarrow)", _ratio_target("read-csv", 3)),
    Target("check on 1M sub kegiatan under 20 s (CPU)", _at_million("check", lambda m: m.cpu, 20, "s")),
    Target("peak memory for 1M rows under 2 GiB", _at_million(None, lambda m: m.rss / GIB, 2, "GiB")),
    Target("growth linear: 10× rows ⇒ ≤ 12× time", _growth),
)


def _realistic_check(ms: Sequence[Measurement]) -> tuple[bool | None, str]:
    pairs = [
        (m, c)
        for m in ms
        if m.task == "check" and m.case != "clean"
        for c in ms
        if c.task == "check" and c.case == "clean" and c.size == m.size
    ]
    if not pairs:
        return None, "not measured (--defects)"
    m, c = max(pairs, key=lambda pair: pair[0].size)
    factor = m.cpu / max(c.cpu, 1e-6)
    return factor <= 1.3, f"{factor:.2f}× ({m.cpu:.2f} s / {c.cpu:.2f} s CPU at {m.size:,} rows, {m.case})"


#: Judged on the realistic data beside the clean data.
REALISTIC_TARGETS = (Target("check on realistic data within 1.3× of clean data (CPU)", _realistic_check),)


def format_targets(measurements: Sequence[Measurement]) -> str:
    lines = ["| target | holds | measured |", "| --- | --- | --- |"]
    clean = [m for m in measurements if m.case == "clean"]
    for target in (*TARGETS, *REALISTIC_TARGETS):
        holds, text = target.judge(clean if target in TARGETS else measurements)
        mark = "yes" if holds else ("no" if holds is False else "—")
        lines.append(f"| {target.name} | {mark} | {text} |")
    return "\n".join(lines)


def format_growth(measurements: Sequence[Measurement]) -> str:
    measurements = [m for m in measurements if m.case == "clean"]
    sizes = sorted({m.size for m in measurements})
    tasks = [t for t in ORDER if any(m.task == t for m in measurements)]
    head = "| task | " + " | ".join(f"{s:,} rows (cpu s)" for s in sizes) + " | cpu ×, per 10× rows |"
    lines = [head, "| --- |" + " ---: |" * len(sizes) + " --- |"]
    for task in tasks:
        by_size = {m.size: m for m in measurements if m.task == task}
        cells = [f"{by_size[s].cpu:.2f}" if s in by_size else "—" for s in sizes]
        factors = []
        for small, large in itertools.pairwise(sizes):
            if small in by_size and large in by_size and by_size[small].cpu > 0:
                factor = by_size[large].cpu / by_size[small].cpu / (large / small) * 10
                factors.append(f"{factor:.1f}")
        lines.append(f"| {task} | " + " | ".join(cells) + f" | {', '.join(factors) or '—'} |")
    return "\n".join(lines)


def machine() -> str:
    """The machine, the Python and the load average (the machine is shared: CPU time matters)."""
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} cores, load average {load}"

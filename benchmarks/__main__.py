"""``python -m benchmarks``: measure sinkron on synthetic SIPD-shaped data (see ``docs/performance.md``).

python -m benchmarks                      # every task at 100 000 sub kegiatan rows
python -m benchmarks --rows 20000 --tasks read-csv,raw-csv
python -m benchmarks --growth             # 10 000 and 100 000 rows, and the growth table
python -m benchmarks --growth --million   # … and 1 000 000 rows (slow: tens of minutes)
python -m benchmarks --defects 0.03,unknown_codes=0.1   # the realistic data's shares (default 0.03 each)
python -m benchmarks --defects 0                        # the clean data only
python -m benchmarks generate --rows 5000 --out data/ --defects 0.03   # only write the files
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.generate import Defects, write_renja_csv, write_rkpd_xlsx, write_sipd_jsonl
from benchmarks.runner import ORDER, format_cases, format_growth, format_table, format_targets, machine, run_size


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=100_000, help="sub kegiatan rows (default 100000)")
    parser.add_argument("--growth", action="store_true", help="run 10k and 100k rows and print the growth table")
    parser.add_argument("--million", action="store_true", help="with --growth: add 1M rows (slow)")
    parser.add_argument(
        "--skip-at-million",
        default="read-xlsx,raw-calamine,json-dump,json-load,parquet,diff",
        help="tasks left out at 1M rows (default: the xlsx read, JSON and diff: tens of "
        "minutes and up to 16 GiB; pass '' to run everything)",
    )
    parser.add_argument("--repeat", type=int, default=1, help="repeat each task, keep the best (default 1)")
    parser.add_argument("--tasks", default=",".join(ORDER), help="comma-separated tasks (default: all)")
    parser.add_argument(
        "--defects",
        type=Defects.parse,
        default=Defects.realistic(),
        help="the realistic data run beside the clean data: a share of the rows for every defect, and/or "
        "name=share for one (unknown_codes, retired_codes, name_variants, missing_indicators, subtotal_errors); "
        "default 0.03; 0 runs the clean data only",
    )
    parser.add_argument(
        "--data",
        type=Path,
        default=Path(tempfile.gettempdir()) / "sinkron-bench",
        help="folder for the generated files, kept between runs",
    )
    sub = parser.add_subparsers(dest="command")
    gen = sub.add_parser("generate", help="write the synthetic files and stop")
    gen.add_argument("--rows", type=int, default=10_000)
    gen.add_argument("--out", type=Path, required=True)
    gen.add_argument("--seed", type=int, default=2026)
    gen.add_argument("--variant", type=int, default=0, help="1: a revision of the same data (for diff)")
    gen.add_argument("--units-per-sheet", type=int, default=1, help="perangkat daerah per xlsx sheet")
    gen.add_argument("--formats", default="xlsx,csv,jsonl")
    gen.add_argument("--defects", type=Defects.parse, default=Defects(), help="as above (default: clean data)")
    return parser


def _generate(args: argparse.Namespace) -> int:
    args.out.mkdir(parents=True, exist_ok=True)
    defects: Defects = args.defects
    suffix = (f"-v{args.variant}" if args.variant else "") + ("" if defects.clean else f"-{defects.label}")
    formats = set(args.formats.split(","))
    if "xlsx" in formats:
        path = args.out / f"rkpd-{args.rows}{suffix}.xlsx"
        write_rkpd_xlsx(
            path,
            args.rows,
            seed=args.seed,
            variant=args.variant,
            units_per_sheet=args.units_per_sheet,
            defects=defects,
        )
        print(path)
    if "csv" in formats:
        path = args.out / f"renja-{args.rows}{suffix}.csv"
        write_renja_csv(path, args.rows, seed=args.seed, variant=args.variant, defects=defects)
        print(path)
    if "jsonl" in formats:
        path = args.out / f"sipd-{args.rows}{suffix}.jsonl"
        write_sipd_jsonl(path, args.rows, seed=args.seed, variant=args.variant, defects=defects)
        print(path)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "generate":
        return _generate(args)
    tasks = [t.strip() for t in args.tasks.split(",") if t.strip()]
    unknown = sorted(set(tasks) - set(ORDER))
    if unknown:
        print(f"unknown task(s): {', '.join(unknown)}; known: {', '.join(ORDER)}", file=sys.stderr)
        return 2
    sizes = [10_000, 100_000] + ([1_000_000] if args.million else []) if args.growth else [args.rows]
    print(f"sinkron benchmarks — {machine()}", flush=True)
    started = time.perf_counter()
    measurements = []
    for size in sizes:
        print(f"\n{size:,} rows (files in {args.data})", flush=True)
        chosen = tasks
        if size >= 1_000_000:
            skipped = {t.strip() for t in args.skip_at_million.split(",") if t.strip()}
            chosen = [t for t in tasks if t not in skipped]
            if skipped & set(tasks):
                print(f"  (left out at this size: {', '.join(sorted(skipped & set(tasks)))})", flush=True)
        results = run_size(
            args.data, size, chosen, repeat=args.repeat, log=lambda s: print(s, flush=True), defects=args.defects
        )
        measurements.extend(results)
        print()
        print(format_table(results), flush=True)
        if any(m.case != "clean" for m in results):
            print("\nThe clean and the realistic data side by side (CPU seconds):\n")
            print(format_cases(results), flush=True)
    if len(sizes) > 1:
        print("\nGrowth (CPU seconds; the last column is the cost of 10× rows, linear = 10):\n")
        print(format_growth(measurements))
    print("\nTargets:\n")
    print(format_targets(measurements))
    print(f"\n{time.perf_counter() - started:.0f} s in all; {machine()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

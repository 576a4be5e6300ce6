"""A connector for a monitoring CSV export: one sub kegiatan per row (``kode,nama,pagu,realisasi``)."""

from __future__ import annotations

import csv
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import attrs

from sinkron import Bundle, Code, CodeError, Location, SourceError
from sinkron.connector import Connector, ReadResult, Source
from sinkron.models import Activity, Budget, Money, Plan, PlanKind, PlanPeriod, Program, Provenance, SubActivity
from sinkron.options import option
from sinkron.progress import Progress, ProgressEvent

HEADER = ["kode", "nama", "pagu", "realisasi"]


@attrs.frozen(kw_only=True)
class MonitoringOptions:
    year: int = option(2026, "The year of the export (tahun anggaran).")


class MonitoringCsvConnector(Connector):
    """Reads the monitoring CSV export. Other CSV files are left to the spreadsheet connector (``detect``)."""

    name = "myplugin-csv"
    formats = ("myplugin",)
    extensions = (".csv",)
    description = "monitoring export (kode, nama, pagu, realisasi) → a Renja of sub kegiatan"
    read_options = MonitoringOptions

    def detect(self, source: Source) -> bool | None:
        with open(source, encoding="utf-8-sig", newline="") as handle:
            first = handle.readline()
        return [cell.strip().lower() for cell in first.split(",")] == HEADER

    def read(self, source: Source, *, progress: Progress | None = None, **options: Any) -> ReadResult:
        where = str(source)
        year = int(options.get("year", 2026))
        try:
            text = Path(where).read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            error = SourceError(f"cannot read the export: {exc}", location=Location(source=where))
            return ReadResult(bundle=Bundle(), errors=[error], source=where)
        rows = list(csv.reader(text.splitlines()))
        if not rows or [cell.strip().lower() for cell in rows[0]] != HEADER:
            error = SourceError(
                "not a monitoring export",
                location=Location(source=where, row=1),
                expected=",".join(HEADER),
                actual=",".join(rows[0]) if rows else "an empty file",
            )
            return ReadResult(bundle=Bundle(), errors=[error], source=where, records=0)
        errors: list[SourceError] = []
        subs: list[SubActivity] = []
        for number, row in enumerate(rows[1:], start=2):
            try:
                subs.append(_sub_activity(row, year, Provenance(source=where, row=number)))
            except (CodeError, InvalidOperation, ValueError) as exc:
                errors.append(SourceError(str(exc), location=Location(source=where, row=number)))
            if progress is not None:
                progress(ProgressEvent(task=f"reading {where}", done=number - 1, total=len(rows) - 1))
        plan = Plan(
            id=f"renja/{Path(where).stem}",
            kind=PlanKind.RENJA_PD,
            title=f"Renja {year}",
            period=PlanPeriod(start=year, end=year),
            programs=_programs(subs, where),
            provenance=Provenance(source=where),
        )
        return ReadResult(
            bundle=Bundle(plans=[plan], sources=(where,)), errors=errors, source=where, records=len(rows) - 1
        )


def _sub_activity(row: list[str], year: int, provenance: Provenance) -> SubActivity:
    if len(row) != len(HEADER):
        raise ValueError(f"expected {len(HEADER)} cells ({', '.join(HEADER)}), got {len(row)}")
    code, name, pagu, _realisation = (cell.strip() for cell in row)
    budgets = [Budget(year=year, amount=Money(Decimal(pagu)))] if pagu else []
    return SubActivity(code=Code.parse(code), name=name, budgets=budgets, provenance=provenance)


def _programs(subs: list[SubActivity], source: str) -> list[Program]:
    """Programs and kegiatan implied by the sub kegiatan codes, located at the file."""
    by_program: dict[Code, dict[Code, list[SubActivity]]] = {}
    for sub in subs:
        activity = sub.code.parent
        assert activity is not None and activity.parent is not None
        by_program.setdefault(activity.parent, {}).setdefault(activity, []).append(sub)
    where = Provenance(source=source)
    return [
        Program(
            code=program,
            name=f"Program {program}",
            provenance=where,
            activities=[
                Activity(code=activity, name=f"Kegiatan {activity}", sub_activities=children, provenance=where)
                for activity, children in activities.items()
            ],
        )
        for program, activities in by_program.items()
    ]

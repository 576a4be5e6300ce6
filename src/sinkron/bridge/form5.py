"""RKPD Form 5: "Program dan kegiatan perangkat daerah", with the national-priority column.

Form 5 of the Permendagri 86/2017 RKPD annexes lists, per perangkat daerah, its urusan, bidang
urusan, programs, kegiatan and sub kegiatan with:

``KODE (urusan, bidang, program, kegiatan, sub kegiatan) | Urusan/Bidang Urusan … dan
Program/Kegiatan | Prioritas Daerah | Sasaran Daerah | Lokasi | Indikator Kinerja {Capaian Program,
Keluaran Sub Kegiatan, Hasil Kegiatan: Tolok Ukur, Target} | Pagu Indikatif (Rp.) | Prakiraan Maju
(Rp.) | Keterangan: Prioritas Pembangunan Nasional``

so every row can say which national priority it serves. :func:`build_form5` fills it from a
regional yearly plan (the RKPD of the year, else the Renja PD): regional priorities and national
ones (PN/PP/KP/ProP, Asta Cita, tematik) from each row's own ``tagged``/``supports`` links, the
sasaran daerah from ``supports`` links to RPJMD sasaran, the target of the year and the pagu of the
year and of the next year (prakiraan maju). Program and kegiatan rows carry their own pagu when
the plan gives one, else the sum of the rows below them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from sinkron.bridge._common import agency_name, government_name, indicator_lines, priority_label, priority_links
from sinkron.bridge.tables import Cell, Column, RowStyle, Table, TableRow, TableSet
from sinkron.codes import Code, CodeLevel
from sinkron.kl import regional_plans
from sinkron.models import Bundle, Money, Plan, PriorityKind, ref
from sinkron.models.links import REF_SEPARATOR
from sinkron.nomenclature import Nomenclature, default_nomenclature

__all__ = ["Form5", "Form5Row", "build_form5", "form5_tables"]

_NATIONAL = (
    PriorityKind.ASTA_CITA,
    PriorityKind.NATIONAL,
    PriorityKind.PROGRAM,
    PriorityKind.ACTIVITY,
    PriorityKind.PROJECT,
    PriorityKind.THEMATIC,
)


@attrs.frozen(kw_only=True)
class Form5Row:
    """One row of Form 5: an urusan, bidang urusan, program, kegiatan or sub kegiatan."""

    level: str
    """``urusan``, ``bidang``, ``program``, ``kegiatan`` or ``sub_kegiatan``."""
    code: Code
    name: str
    ref: str | None = None
    """``plan#item`` of a program, kegiatan or sub kegiatan."""
    regional_priorities: tuple[str, ...] = ()
    objectives: tuple[str, ...] = ()
    """Sasaran daerah (RPJMD sasaran the row supports)."""
    locations: tuple[str, ...] = ()
    program_measures: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    """Capaian program: (tolok ukur, target) lines."""
    output_measures: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    """Keluaran sub kegiatan."""
    result_measures: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    """Hasil kegiatan."""
    pagu: Money | None = None
    forward: Money | None = None
    """Prakiraan maju: the pagu of the next year."""
    national_priorities: tuple[str, ...] = ()
    """Prioritas pembangunan nasional: PN/PP/KP/ProP, Asta Cita and tematik labels."""


@attrs.frozen(kw_only=True)
class Form5:
    """Form 5 of one perangkat daerah for one year."""

    year: int
    plan_id: str
    government_id: str | None
    government_name: str
    agency_id: str | None
    agency_name: str
    rows: tuple[Form5Row, ...]

    def table(self) -> Table:
        """The printable form."""
        code = [Column(("KODE", label), width=5) for label in ("U", "B", "P", "K", "SK")]
        measure = [
            Column(("INDIKATOR KINERJA", group, part), width=22 if part == "TOLOK UKUR" else 10)
            for group in ("CAPAIAN PROGRAM", "KELUARAN SUB KEGIATAN", "HASIL KEGIATAN")
            for part in ("TOLOK UKUR", "TARGET")
        ]
        columns = (
            *code,
            Column(("URUSAN/BIDANG URUSAN PEMERINTAHAN DAERAH DAN PROGRAM/KEGIATAN/SUB KEGIATAN",), width=40),
            Column(("PRIORITAS DAERAH",), width=24),
            Column(("SASARAN DAERAH",), width=24),
            Column(("LOKASI",), width=16),
            *measure,
            Column((f"PAGU INDIKATIF {self.year} (Rp)",), kind="money", width=16),
            Column((f"PRAKIRAAN MAJU {self.year + 1} (Rp)",), kind="money", width=16),
            Column(("KETERANGAN", "PRIORITAS PEMBANGUNAN NASIONAL"), width=30),
        )
        rows = [self._row(r) for r in self.rows]
        total = Money.total(r.pagu for r in self.rows if r.level == "sub_kegiatan" and r.pagu is not None)
        forward = Money.total(r.forward for r in self.rows if r.level == "sub_kegiatan" and r.forward is not None)
        rows.append(TableRow((*[None] * 5, "JUMLAH", *[None] * 9, total, forward, None), style=RowStyle.TOTAL))
        return Table(
            title=f"FORM 5: PROGRAM DAN KEGIATAN PERANGKAT DAERAH TAHUN {self.year}",
            subtitle=(
                f"Pemerintah Daerah : {self.government_name}",
                f"Perangkat Daerah : {self.agency_name}",
                f"Sumber : {self.plan_id}",
            ),
            columns=columns,
            rows=rows,
            numbered=True,
            name=f"Form 5 {self.agency_id or ''}"[:31].strip(),
        )

    def _row(self, row: Form5Row) -> TableRow:
        parts = _code_parts(row.code)

        def lines(values: Sequence[str]) -> Cell:
            return tuple(values) or None

        style = RowStyle.ITEM if row.level == "sub_kegiatan" else RowStyle.GROUP
        depth = ("urusan", "bidang", "program", "kegiatan", "sub_kegiatan").index(row.level)
        measures: list[Cell] = []
        for names, targets in (row.program_measures, row.output_measures, row.result_measures):
            measures += [lines(names), lines(targets)]
        return TableRow(
            (
                *parts,
                row.name,
                lines(row.regional_priorities),
                lines(row.objectives),
                lines(row.locations),
                *measures,
                row.pagu,
                row.forward,
                lines(row.national_priorities),
            ),
            style=style,
            level=depth,
        )


def _code_parts(code: Code) -> tuple[str | None, ...]:
    """The five code columns: ``1 | 02 | 02 | 2.02 | 0001``."""
    parts = str(code).split(".")
    columns: list[str | None] = [parts[0] if parts else None, *[*parts[1:3], None, None][:2]]
    columns.append(".".join(parts[3:5]) if len(parts) >= 5 else None)
    columns.append(parts[5] if len(parts) >= 6 else None)
    return tuple(columns)


def _sum(amounts: Iterable[Money | None]) -> Money | None:
    found = [a for a in amounts if a is not None]
    return Money.total(found) if found else None


def _objective_texts(bundle: Bundle) -> dict[str, str]:
    out: dict[str, str] = {}
    for plan in bundle.plans:
        for goal in plan.goals:
            out[ref(plan.id, goal.id)] = f"{goal.id} {goal.text}"
        for objective in plan.objectives:
            out[ref(plan.id, objective.id)] = f"{objective.id} {objective.text}"
    return out


def build_form5(
    bundle: Bundle,
    plan: Plan,
    *,
    agency_id: str | None = None,
    year: int | None = None,
    nomenclature: Nomenclature | None = None,
) -> Form5:
    """Form 5 of ``agency_id``'s items in a regional yearly ``plan`` (all the plan's items when ``None``)."""
    year = year if year is not None else plan.period.start
    nomenclature = nomenclature or default_nomenclature()
    links = priority_links(bundle)
    priorities = {p.id: p for p in bundle.priorities}
    objectives = _objective_texts(bundle)
    supports: dict[str, list[str]] = {}
    for link in bundle.links:
        target = link.target
        if target in objectives:
            supports.setdefault(_owner(link.source), []).append(objectives[target])

    def tags(reference: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        found = [priorities[p] for p in sorted(links.get(reference, ()))]
        ordered = sorted(found, key=lambda p: p.code or p.id)
        regional = tuple(priority_label(p) for p in ordered if p.kind is PriorityKind.REGIONAL)
        national = tuple(priority_label(p) for p in ordered if p.kind in _NATIONAL)
        return regional, national

    def name_of(code: Code) -> str:
        entry = nomenclature.lookup(code, year)
        return entry.name if entry is not None else str(code)

    rows: list[Form5Row] = []
    last: dict[str, Code | None] = {"urusan": None, "bidang": None}
    for program in plan.programs:
        if agency_id is not None and program.agency_id != agency_id:
            continue
        for level, code in (("urusan", program.code.ancestor(CodeLevel.AFFAIR)), ("bidang", program.code.sector)):
            if code is not None and code != last[level]:
                rows.append(Form5Row(level=level, code=code, name=name_of(code)))
                last[level] = code
        program_ref = ref(plan.id, program.id)
        regional, national = tags(program_ref)
        subs = [s for a in program.activities for s in a.sub_activities]
        rows.append(
            Form5Row(
                level="program",
                code=program.code,
                name=program.name,
                ref=program_ref,
                regional_priorities=regional,
                national_priorities=national,
                objectives=tuple(supports.get(program_ref, ())),
                program_measures=indicator_lines(program.indicators, year),
                pagu=program.budget_for(year) or _sum(s.budget_for(year) for s in subs),
                forward=program.budget_for(year + 1) or _sum(s.budget_for(year + 1) for s in subs),
            )
        )
        for activity in program.activities:
            activity_ref = ref(plan.id, activity.id)
            regional, national = tags(activity_ref)
            rows.append(
                Form5Row(
                    level="kegiatan",
                    code=activity.code,
                    name=activity.name,
                    ref=activity_ref,
                    regional_priorities=regional,
                    national_priorities=national,
                    objectives=tuple(supports.get(activity_ref, ())),
                    result_measures=indicator_lines(activity.indicators, year),
                    pagu=activity.budget_for(year) or _sum(s.budget_for(year) for s in activity.sub_activities),
                    forward=activity.budget_for(year + 1)
                    or _sum(s.budget_for(year + 1) for s in activity.sub_activities),
                )
            )
            for sub in activity.sub_activities:
                sub_ref = ref(plan.id, sub.id)
                regional, national = tags(sub_ref)
                rows.append(
                    Form5Row(
                        level="sub_kegiatan",
                        code=sub.code,
                        name=sub.name,
                        ref=sub_ref,
                        regional_priorities=regional,
                        national_priorities=national,
                        objectives=tuple(supports.get(sub_ref, ())),
                        locations=sub.locations,
                        output_measures=indicator_lines(sub.indicators, year),
                        pagu=sub.budget_for(year),
                        forward=sub.budget_for(year + 1),
                    )
                )
    return Form5(
        year=year,
        plan_id=plan.id,
        government_id=plan.government_id,
        government_name=government_name(bundle, plan.government_id),
        agency_id=agency_id,
        agency_name=agency_name(bundle, agency_id) if agency_id else "semua perangkat daerah",
        rows=tuple(rows),
    )


def _owner(source: str) -> str:
    parts = source.split(REF_SEPARATOR)
    return REF_SEPARATOR.join(parts[:2]) if len(parts) > 2 else source


def form5_tables(
    bundle: Bundle, year: int, *, government_id: str | None = None, agency_id: str | None = None
) -> TableSet:
    """Form 5 of every perangkat daerah in the yearly plans of ``year`` (RKPD, else Renja PD, else DPA)."""
    tables: list[Table] = []
    for plan in sorted(regional_plans(bundle, year, government_id=government_id), key=lambda p: p.id):
        agencies: dict[str | None, Any] = {}
        for program in plan.programs:
            agencies.setdefault(program.agency_id, None)
        for agency in agencies:
            if agency_id is not None and agency != agency_id:
                continue
            tables.append(build_form5(bundle, plan, agency_id=agency, year=year).table())
    return TableSet(title=f"Form 5 RKPD {year}", tables=tables)

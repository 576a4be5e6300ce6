"""RKPD Form 4: "Rekapitulasi program, kegiatan, dan subkegiatan pendukung prioritas nasional".

Form 4 of the Permendagri 86/2017 RKPD annexes relates each national priority — PN, PP and, for
RPJMN 2025–2029, the ``PN.PP.KP`` Kegiatan Prioritas — to the regional bidang urusan, program,
kegiatan and sub kegiatan that support it, with their pagu. Its two-row header:

``NO | KODE (PN/PP) | RPJMN: PRIORITAS NASIONAL/PROGRAM PRIORITAS, INDIKATOR, TARGET (tahun) |
RKPD: BIDANG URUSAN, PROGRAM, KEGIATAN, SUBKEGIATAN, PAGU, KET.``

:func:`build_form4` computes it with :func:`sinkron.kl.form4_rollup`: a sub kegiatan supports a
priority when it (or its kegiatan or program, or one of their indicators) is tagged to it or
supports it, and support rolls up (a sub kegiatan under KP ``02.10.09`` counts for PP ``02.10`` and
PN ``02``). In the printed table each sub kegiatan is listed once, under the most specific priority
it supports, and every priority row carries the **total pagu of all the sub kegiatan under it**,
each counted once — so a KP's total is exactly the pagu of the sub kegiatan tagged to it (or to a
ProP under it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

import attrs

from sinkron.bridge._common import NATIONAL_KINDS, agency_name, government_name, indicator_lines, sector_label
from sinkron.bridge.tables import Column, RowStyle, Table, TableRow, TableSet
from sinkron.kl import Form4Entry, Form4Row, form4_rollup, regional_plans
from sinkron.models import Bundle, Money, Priority, PriorityKind
from sinkron.models.national import TargetTable
from sinkron.nomenclature import Nomenclature

__all__ = ["Form4", "build_form4", "form4_tables"]


@attrs.frozen(kw_only=True)
class Form4:
    """Form 4 of one government (or of every government in the bundle) for one year."""

    year: int
    government_id: str | None
    government_name: str
    rows: tuple[Form4Row, ...]
    """Every national priority in force, in code order, with all the sub kegiatan supporting it."""
    listed: dict[str, tuple[Form4Entry, ...]] = attrs.field(hash=False)
    """Priority id → the sub kegiatan printed under it (those not printed under a more specific priority)."""

    def row(self, priority_id: str) -> Form4Row:
        """The row of a priority."""
        for row in self.rows:
            if row.priority.id == priority_id:
                return row
        raise KeyError(priority_id)

    def total(self, priority_id: str) -> Money:
        """The pagu supporting a priority: its sub kegiatan and those of the priorities under it, each once."""
        return self.row(priority_id).total

    @property
    def entries(self) -> tuple[Form4Entry, ...]:
        """Every sub kegiatan of the form, once."""
        seen: dict[str, Form4Entry] = {}
        for row in self.rows:
            for entry in row.entries:
                seen.setdefault(entry.ref, entry)
        return tuple(seen.values())

    @property
    def grand_total(self) -> Money:
        """The pagu of every sub kegiatan supporting some national priority, each counted once."""
        return Money.total(e.pagu for e in self.entries if e.pagu is not None)

    def table(self, bundle: Bundle | None = None, *, nomenclature: Nomenclature | None = None) -> Table:
        """The printable form (``bundle`` names the perangkat daerah in the KET. column)."""
        documents = sorted({r.priority.document for r in self.rows if r.priority.document})
        source = documents[0].upper() if len(documents) == 1 else "RPJMN/RKP"
        columns = (
            Column(("NO",), width=5),
            Column(("KODE (PN/PP/KP)",), width=12),
            Column((source, "PRIORITAS NASIONAL / PROGRAM PRIORITAS / KEGIATAN PRIORITAS"), width=40),
            Column((source, "INDIKATOR"), width=30),
            Column((source, f"TARGET {self.year}"), width=12),
            Column(("RKPD", "BIDANG URUSAN"), width=22),
            Column(("RKPD", "PROGRAM"), width=30),
            Column(("RKPD", "KEGIATAN"), width=30),
            Column(("RKPD", "SUB KEGIATAN"), width=36),
            Column(("RKPD", "PAGU (Rp)"), kind="money", width=16),
            Column(("RKPD", "KET."), width=24),
        )
        rows: list[TableRow] = []
        depth = {PriorityKind.NATIONAL: 0, PriorityKind.PROGRAM: 1, PriorityKind.ACTIVITY: 2, PriorityKind.PROJECT: 3}
        tables = bundle.national.target_tables if bundle is not None else ()
        missing_targets = 0
        for number, row in enumerate(self.rows, start=1):
            priority = row.priority
            names, targets, why = _target_lines(priority, self.year, tables)
            missing_targets += len(why)
            count = len(row.entries)
            note = f"{count} sub kegiatan" if count else "belum didukung sub kegiatan"
            if row.missing_pagu:
                note += f"; {len(row.missing_pagu)} tanpa pagu"
            note = "; ".join((note, *why))
            rows.append(
                TableRow(
                    (
                        str(number),
                        priority.code or priority.id,
                        priority.name,
                        names or None,
                        targets or None,
                        None,
                        None,
                        None,
                        None,
                        row.total,
                        note,
                    ),
                    style=RowStyle.GROUP,
                    level=depth.get(priority.kind, 0),
                )
            )
            for entry in self.listed.get(priority.id, ()):
                where = agency_name(bundle, entry.sub_activity.agency_id) if bundle is not None else ""
                if self.government_id is None and entry.government_id:
                    where = ", ".join(
                        p
                        for p in (
                            where,
                            government_name(bundle, entry.government_id) if bundle is not None else entry.government_id,
                        )
                        if p
                    )
                if entry.pagu is None:
                    where = ", ".join(p for p in (where, "pagu tidak ada") if p)
                rows.append(
                    TableRow(
                        (
                            None,
                            None,
                            None,
                            None,
                            None,
                            sector_label(entry.sector, self.year, nomenclature),
                            f"{entry.program.code} {entry.program.name}",
                            f"{entry.activity.code} {entry.activity.name}",
                            f"{entry.sub_activity.code} {entry.sub_activity.name}",
                            entry.pagu,
                            where or None,
                        ),
                        level=depth.get(priority.kind, 0) + 1,
                    )
                )
        rows.append(
            TableRow(
                (
                    "",
                    "",
                    "JUMLAH",
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    self.grand_total,
                    f"{len(self.entries)} sub kegiatan",
                ),
                style=RowStyle.TOTAL,
            )
        )
        return Table(
            title=f"FORM 4: REKAPITULASI PROGRAM, KEGIATAN, DAN SUBKEGIATAN PENDUKUNG PRIORITAS NASIONAL TAHUN {self.year}",
            subtitle=(f"Pemerintah Daerah : {self.government_name}", f"Tahun : {self.year}"),
            columns=columns,
            rows=rows,
            numbered=True,
            name=_sheet_name("Form 4", self.government_id),
            notes=(
                "Jumlah pagu pada baris prioritas = pagu seluruh sub kegiatan yang mendukungnya, termasuk melalui "
                "prioritas di bawahnya; tiap sub kegiatan dihitung sekali.",
                *((_missing_target_note(self.year, missing_targets),) if missing_targets else ()),
            ),
        )


def _target_lines(
    priority: Priority, year: int, tables: Sequence[TargetTable]
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(indicator lines, target lines, why a target is missing) of a priority for the form's year.

    A target is the priority tree's own for the year, else a national row of a loaded target table
    (an RKP-year target, its document named). Nothing is interpolated: a missing target is ``–``
    and the reason is given (the years the document does set).
    """
    names, targets = indicator_lines(priority.indicators, year)
    shown = list(targets)
    why: list[str] = []
    for position, indicator in enumerate(priority.indicators):
        if indicator.target_for(year) is not None:
            continue
        found = next(((t, row) for t in tables if (row := t.find(priority, indicator, year, None)) is not None), None)
        if found is not None:
            table, row = found
            unit = row.value.unit or indicator.unit
            text = row.value.display()
            shown[position] = (text if row.value.unit or not unit else f"{text} {unit}") + f" ({table.document})"
            continue
        years = ", ".join(str(y) for y in indicator.target_years) or "tidak ada"
        document = priority.document or "pohon prioritas"
        why.append(f"target {year} “{indicator.name}” tidak ada: {document} memuat target tahun {years}")
    return names, tuple(shown), tuple(why)


def _missing_target_note(year: int, count: int) -> str:
    return (
        f"Target {year} kosong (–) pada {count} indikator: dokumen prioritas hanya memuat target tahun yang "
        "ditetapkannya dan sinkron tidak menginterpolasi. Muat target tahun RKP sebagai tabel target "
        "(sinkron.kl.read_target_table; lihat docs/national.md)."
    )


def _sheet_name(kind: str, government_id: str | None) -> str:
    return f"{kind} {government_id}"[:31] if government_id else kind


def _listed(rows: Sequence[Form4Row], bundle: Bundle) -> dict[str, tuple[Form4Entry, ...]]:
    parents = {p.id: p.parent_id for p in bundle.priorities}
    by_id = {r.priority.id: r for r in rows}
    below: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        current = parents.get(row.priority.id)
        seen: set[str] = set()
        while current is not None and current not in seen:
            seen.add(current)
            if current in by_id:
                below[current].update(e.ref for e in row.entries)
            current = parents.get(current)
    return {r.priority.id: tuple(e for e in r.entries if e.ref not in below[r.priority.id]) for r in rows}


def build_form4(
    bundle: Bundle,
    year: int,
    *,
    government_id: str | None = None,
    kinds: Iterable[PriorityKind] = NATIONAL_KINDS,
    documents: Iterable[str] | None = None,
) -> Form4:
    """Form 4 for ``year``: the national priorities in force and the regional sub kegiatan supporting them.

    ``government_id`` restricts the regional side to one government (its RKPD of the year, else
    its Renja PD, else its DPA); ``kinds`` chooses the priority levels (PN, PP, KP, ProP by
    default); ``documents`` keeps the priorities of some documents only (``["RPJMN 2025–2029"]``).
    """
    wanted = set(documents) if documents is not None else None
    rows = tuple(
        r
        for r in form4_rollup(bundle, year, government_id=government_id, kinds=kinds)
        if wanted is None or r.priority.document in wanted
    )
    rows = tuple(sorted(rows, key=_row_key))
    return Form4(
        year=year,
        government_id=government_id,
        government_name=government_name(bundle, government_id),
        rows=rows,
        listed=_listed(rows, bundle),
    )


def _row_key(row: Form4Row) -> tuple[str, str, str]:
    """The tree order (a PN, then its PP, then their KP …), by code."""
    priority: Priority = row.priority
    return (priority.code or "~", priority.document or "", priority.id)


def form4_tables(
    bundle: Bundle, year: int, *, government_id: str | None = None, documents: Iterable[str] | None = None
) -> TableSet:
    """Form 4 of each government with a yearly plan in ``year`` (or of ``government_id`` only)."""
    if government_id is not None:
        governments = [government_id]
    else:
        governments = sorted({p.government_id for p in regional_plans(bundle, year) if p.government_id})
    tables = [build_form4(bundle, year, government_id=g, documents=documents).table(bundle) for g in governments]
    return TableSet(title=f"Form 4 RKPD {year}", tables=tables)

"""The synchronisation matrix (matriks sinkronisasi) of one K/L and one region, as a Rakor desk shows it.

For the K/L plans of a year (Renja K/L, RKA-K/L) and a regional government, each row pairs an RO
located in the region with a regional sub kegiatan related to it, side by side: K/L program,
kegiatan, KRO and RO with the lokasi's target and **APBN** allocation; the sub kegiatan, its
perangkat daerah and its **APBD** pagu; and *why* they are related. The two code trees share no
keys, so the relation is one of (the same joins as rule SKN705):

* **a shared priority tag** — the RO and the sub kegiatan (or its kegiatan or program) are tagged
  to the same priority, or one to a priority under the other's below PN level;
* **the KP crosswalk** — a KP the RO is tagged to maps to the sub kegiatan's code;
* **the program crosswalk** — the RO's K/L program maps to the sub kegiatan's bidang urusan.

The closest joins come first: the bidang-urusan crosswalk relates a whole bidang (salaries
included), so sub kegiatan related only that way are listed for an RO lokasi only when nothing
relates more closely. Such bidang-only joins are listed apart, after the closer ones, and their pagu
is never added to the APBD total of the closer joins (:attr:`SyncMatrix.apbd_total`): it has a total
of its own (:attr:`SyncMatrix.apbd_sector_only_total`). An RO location with no related sub kegiatan
gets one row saying so: the gap a Rakor sinkronisasi exists to close. An RO lokasi belongs to the
government of that kode wilayah (a lokasi in a kabupaten/kota to the kabupaten/kota, not to its
province); the regional side is the government's RKPD of the year (else its Renja PD, else its
DPA). Totals count each RO lokasi and each sub kegiatan once.

The Rakor 2025 forms were not published; this layout is sinkron's own.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from sinkron.align.index import BundleIndex
from sinkron.align.rules.national import NationalIndex, national_index
from sinkron.bridge._common import agency_name, government_name, priority_label
from sinkron.bridge.tables import Cell, Column, RowStyle, Table, TableRow, TableSet
from sinkron.codes import Code
from sinkron.kl import OutputLocation, OutputRecord, regional_plans
from sinkron.models import Activity, Bundle, Money, Plan, Program, SubActivity
from sinkron.models.links import REF_SEPARATOR

__all__ = ["MatrixPair", "SyncMatrix", "build_sync_matrix", "matrix_tables", "sync_matrices"]


@attrs.frozen(kw_only=True)
class MatrixPair:
    """An RO lokasi in the region and one related sub kegiatan (or none: ``sub_ref`` is ``None``)."""

    output: OutputRecord
    location: OutputLocation
    sub_ref: str | None = None
    plan: Plan | None = None
    program: Program | None = None
    activity: Activity | None = None
    sub_activity: SubActivity | None = None
    pagu: Money | None = None
    """APBD pagu of the sub kegiatan in the year."""
    basis: tuple[str, ...] = ()
    """Why they are related: ``tag …``, ``crosswalk KP …``, ``crosswalk bidang …``."""
    sector_only: bool = False
    """Related only through the program ↔ bidang urusan crosswalk (a whole bidang, salaries included)."""


@attrs.frozen(kw_only=True)
class SyncMatrix:
    """The matrix of one K/L (bagian anggaran) and one regional government for one year."""

    year: int
    ministry_code: str
    ministry_name: str
    government_id: str
    government_name: str
    region_code: str
    pairs: tuple[MatrixPair, ...]

    @property
    def apbn_total(self) -> Money:
        """The K/L allocation at the region's RO lokasi, each counted once."""
        seen: dict[tuple[str, str], Money | None] = {}
        for pair in self.pairs:
            seen.setdefault((pair.output.ref, pair.location.region_code), pair.location.allocation)
        return Money.total(m for m in seen.values() if m is not None)

    @property
    def apbd_total(self) -> Money:
        """The pagu of the sub kegiatan related by a tag or a KP crosswalk, each counted once."""
        seen = {p.sub_ref: p.pagu for p in self.pairs if p.sub_ref is not None and not p.sector_only}
        return Money.total(m for m in seen.values() if m is not None)

    @property
    def apbd_sector_only_total(self) -> Money:
        """The pagu of the sub kegiatan related only through the bidang crosswalk, each once (not in :attr:`apbd_total`)."""
        closer = {p.sub_ref for p in self.pairs if not p.sector_only}
        seen = {p.sub_ref: p.pagu for p in self.pairs if p.sector_only and p.sub_ref not in closer}
        return Money.total(m for m in seen.values() if m is not None)

    @property
    def unmatched(self) -> tuple[MatrixPair, ...]:
        """RO lokasi with no related sub kegiatan."""
        return tuple(p for p in self.pairs if p.sub_ref is None)

    def table(self, bundle: Bundle | None = None) -> Table:
        """The printable matrix (``bundle`` gives priority and perangkat daerah names)."""
        priorities = {p.id: p for p in bundle.priorities} if bundle is not None else {}
        columns = (
            Column(("NO",), width=5),
            Column(("K/L (APBN)", "PROGRAM"), width=28),
            Column(("K/L (APBN)", "KEGIATAN"), width=28),
            Column(("K/L (APBN)", "KRO"), width=24),
            Column(("K/L (APBN)", "RO"), width=32),
            Column(("K/L (APBN)", "LOKASI"), width=12),
            Column(("K/L (APBN)", "TARGET"), width=12),
            Column(("K/L (APBN)", "ALOKASI (Rp)"), kind="money", width=16),
            Column(("TAG PRIORITAS RO",), width=28),
            Column(("DAERAH (APBD)", "SUB KEGIATAN"), width=36),
            Column(("DAERAH (APBD)", "PERANGKAT DAERAH"), width=24),
            Column(("DAERAH (APBD)", "PAGU (Rp)"), kind="money", width=16),
            Column(("KETERKAITAN",), width=30),
        )
        rows: list[TableRow] = []
        number = 0
        previous: tuple[str, str] | None = None
        nat_tags = _ro_tags(bundle, self.pairs) if bundle is not None else {}
        sector_only = [p for p in self.pairs if p.sector_only]
        for pair in [p for p in self.pairs if not p.sector_only] + sector_only:
            if sector_only and pair is sector_only[0]:
                rows.append(TableRow((_SECTOR_ONLY_NOTE,), style=RowStyle.NOTE))
                previous = None
            key = (pair.output.ref, pair.location.region_code)
            record = pair.output
            cells: list[Cell] = [None] * 9
            if key != previous:
                number += 1
                tags = tuple(
                    priority_label(priorities[t]) if t in priorities else t
                    for t in sorted(nat_tags.get(record.ref, ()))
                )
                target = pair.location.target
                cells = [
                    str(number),
                    f"{record.program.code} {record.program.name}",
                    f"{record.activity.code} {record.activity.name}",
                    f"{record.output_class.code} {record.output_class.name}",
                    f"{record.output.code} {record.output.name}",
                    pair.location.region_code + (f" {pair.location.name}" if pair.location.name else ""),
                    target.display() if target is not None else None,
                    pair.location.allocation,
                    tags or None,
                ]
            previous = key
            if pair.sub_activity is None:
                cells += ["— tidak ada sub kegiatan terkait —", None, None, "perlu disepakati (Rakor sinkronisasi)"]
            else:
                where = pair.sub_activity.agency_id
                cells += [
                    f"{pair.sub_activity.code} {pair.sub_activity.name}",
                    agency_name(bundle, where) if bundle is not None else where,
                    pair.pagu,
                    tuple(pair.basis),
                ]
            rows.append(TableRow(cells))
        if not rows:
            rows.append(
                TableRow(
                    (f"Tidak ada RO {self.ministry_name} berlokasi di {self.government_name} pada {self.year}.",),
                    style=RowStyle.NOTE,
                )
            )
        rows.append(
            TableRow(
                (
                    "",
                    "JUMLAH",
                    None,
                    None,
                    None,
                    None,
                    None,
                    self.apbn_total,
                    None,
                    None,
                    None,
                    self.apbd_total,
                    f"{len(self.unmatched)} lokasi RO tanpa sub kegiatan terkait",
                ),
                style=RowStyle.TOTAL,
            )
        )
        if sector_only:
            rows.append(
                TableRow(
                    (
                        "",
                        "JUMLAH KETERKAITAN BIDANG SAJA (di luar jumlah di atas)",
                        *([None] * 9),
                        self.apbd_sector_only_total,
                        "hanya crosswalk program K/L ↔ bidang urusan",
                    ),
                    style=RowStyle.TOTAL,
                )
            )
        return Table(
            title=f"MATRIKS SINKRONISASI PROGRAM DAN KEGIATAN K/L DENGAN PEMERINTAH DAERAH TAHUN {self.year}",
            subtitle=(
                f"Kementerian/Lembaga : ({self.ministry_code}) {self.ministry_name}",
                f"Pemerintah Daerah : {self.government_name} ({self.region_code})",
            ),
            columns=columns,
            rows=rows,
            name=f"{self.ministry_code} x {self.government_id}"[:31],
            notes=(
                "Keterkaitan: tag prioritas yang sama (atau prioritas di bawahnya), crosswalk KP → sub kegiatan, "
                "atau crosswalk program K/L ↔ bidang urusan; kode K/L dan kode Kemendagri tidak pernah "
                "dipadankan langsung.",
            ),
        )


_SECTOR_ONLY_NOTE = (
    "Keterkaitan melalui crosswalk program K/L ↔ bidang urusan saja (seluruh bidang, termasuk belanja pegawai): "
    "didaftar terpisah dan tidak dijumlahkan ke jumlah APBD keterkaitan yang lebih dekat."
)


def _ro_tags(bundle: Bundle, pairs: Iterable[MatrixPair]) -> dict[str, set[str]]:
    nat = national_index(BundleIndex(bundle))
    return {p.output.ref: nat.tags.get(p.output.ref, set()) for p in pairs}


_Parents = dict[str, tuple[Plan, Program, Activity, SubActivity]]
"""Each sub kegiatan of the regional plans by its reference, with its plan, program and kegiatan."""


def _item_parents(plans: Iterable[Plan]) -> _Parents:
    out: _Parents = {}
    for plan in plans:
        for program in plan.programs:
            for activity in program.activities:
                for sub in activity.sub_activities:
                    out[f"{plan.id}{REF_SEPARATOR}{sub.id}"] = (plan, program, activity, sub)
    return out


def _basis(
    bundle: Bundle, nat: NationalIndex, record: OutputRecord, year: int
) -> tuple[set[str], set[Code], set[Code]]:
    """The RO's reach: related priority ids, sub kegiatan codes from KP crosswalks, bidang urusan from program crosswalks."""
    tags = nat.tags.get(record.ref, set())
    reach = nat.related_ids(tags)
    mapped: set[Code] = set()
    for tag_id in tags:
        found = nat.nodes.get(tag_id)
        if found is None:
            continue
        tree, node = found
        for crosswalk in bundle.national.priority_crosswalks:
            if crosswalk.applies_to(year) and crosswalk.tree_id in (None, tree.id):
                for ancestor in tree.ancestors(node.code):
                    mapped |= crosswalk.sub_activities(ancestor.code)
    sectors: set[Code] = set()
    for program_crosswalk in bundle.national.program_crosswalks:
        sectors |= program_crosswalk.sectors_for(record.program.code)
    return reach, mapped, sectors


def build_sync_matrix(
    bundle: Bundle, year: int, ministry_code: str, government_id: str, *, nat: NationalIndex | None = None
) -> SyncMatrix:
    """The matrix of K/L ``ministry_code`` and government ``government_id`` for ``year``."""
    nat = nat or national_index(BundleIndex(bundle))
    government = next((g for g in bundle.governments if g.id == government_id), None)
    region = government.region_code if government is not None and government.region_code else government_id
    parents = _item_parents(regional_plans(bundle, year, government_id=government_id))
    sub_tags = {r: nat.sub_tags.get(r, set()) for r in parents}
    pairs: list[MatrixPair] = []
    for plan in bundle.national.plans:
        if plan.ministry_code != ministry_code or plan.year != year:
            continue
        for record in plan.outputs():
            located = [loc for loc in record.output.locations if loc.region_code == region]
            if located:
                related = _related_subs(parents, sub_tags, *_basis(bundle, nat, record, year))
                pairs += _record_pairs(record, located, related, parents, year)
    ministry = next((m for m in bundle.national.ministries if m.code == ministry_code), None)
    return SyncMatrix(
        year=year,
        ministry_code=ministry_code,
        ministry_name=ministry.name if ministry else f"K/L {ministry_code}",
        government_id=government_id,
        government_name=government_name(bundle, government_id),
        region_code=region,
        pairs=tuple(pairs),
    )


def _related_subs(
    parents: _Parents, sub_tags: dict[str, set[str]], reach: set[str], mapped: set[Code], sectors: set[Code]
) -> tuple[list[tuple[str, tuple[str, ...]]], bool]:
    """The sub kegiatan an RO relates to, each with the basis lines of the relation, and whether by bidang only.

    Those related by a tag or a KP crosswalk; a whole bidang urusan (program crosswalk alone) only
    when nothing closer relates.
    """
    close: list[tuple[str, tuple[str, ...]]] = []
    same_sector: list[tuple[str, tuple[str, ...]]] = []
    for sub_ref, (_, _, _, sub) in parents.items():
        basis: list[str] = []
        shared = sorted(reach & sub_tags[sub_ref])
        if shared:
            basis.append("tag " + ", ".join(shared))
        if sub.code in mapped:
            basis.append("crosswalk KP → sub kegiatan")
        in_sector = sub.code.sector is not None and sub.code.sector in sectors
        if in_sector:
            basis.append(f"crosswalk program K/L ↔ bidang {sub.code.sector}")
        if len(basis) > in_sector:
            close.append((sub_ref, tuple(basis)))
        elif basis:
            same_sector.append((sub_ref, tuple(basis)))
    return (close, False) if close else (same_sector, True)


def _record_pairs(
    record: OutputRecord,
    located: list[OutputLocation],
    found: tuple[list[tuple[str, tuple[str, ...]]], bool],
    parents: _Parents,
    year: int,
) -> list[MatrixPair]:
    """One pair per location of the RO and related sub kegiatan (a location alone when nothing relates)."""
    related, sector_only = found
    pairs: list[MatrixPair] = []
    for location in located:
        if not related:
            pairs.append(MatrixPair(output=record, location=location))
            continue
        for sub_ref, basis_lines in related:
            regional_plan, program, activity, sub = parents[sub_ref]
            pairs.append(
                MatrixPair(
                    output=record,
                    location=location,
                    sub_ref=sub_ref,
                    plan=regional_plan,
                    program=program,
                    activity=activity,
                    sub_activity=sub,
                    pagu=sub.budget_for(year),
                    basis=basis_lines,
                    sector_only=sector_only,
                )
            )
    return pairs


def sync_matrices(
    bundle: Bundle, year: int, *, ministry_code: str | None = None, government_id: str | None = None
) -> tuple[SyncMatrix, ...]:
    """Every K/L × government matrix of ``year`` with at least one RO located in the region.

    Governments are those with a yearly regional plan of the year (``government_id`` chooses one);
    K/L are those with a plan of the year in ``Bundle.national`` (``ministry_code`` chooses one).
    """
    nat = national_index(BundleIndex(bundle))
    ministries = sorted({p.ministry_code for p in bundle.national.plans if p.year == year})
    if ministry_code is not None:
        ministries = [m for m in ministries if m == ministry_code] or [ministry_code]
    governments = sorted({p.government_id for p in regional_plans(bundle, year) if p.government_id})
    if government_id is not None:
        governments = [government_id]
    out: list[SyncMatrix] = []
    for ministry in ministries:
        for government in governments:
            matrix = build_sync_matrix(bundle, year, ministry, government, nat=nat)
            if matrix.pairs or (ministry_code is not None and government_id is not None):
                out.append(matrix)
    return tuple(out)


def matrix_tables(
    bundle: Bundle, year: int, *, ministry_code: str | None = None, government_id: str | None = None
) -> TableSet:
    """The matrices of :func:`sync_matrices` and the routing of the proposals of the year, as one set of tables."""
    from sinkron.bridge.routing import route_proposals, routing_table

    tables = [
        m.table(bundle) for m in sync_matrices(bundle, year, ministry_code=ministry_code, government_id=government_id)
    ]
    routes = route_proposals(bundle, year=year, government_id=government_id)
    if ministry_code is not None:
        routes = tuple(
            r
            for r in routes
            if any(c.budget_section == ministry_code for c in r.routed)
            or (r.ministry is not None and r.ministry.code == ministry_code)
        )
    if routes:
        tables.append(routing_table(bundle, routes))
    return TableSet(title=f"Matriks sinkronisasi K/L – Pemda {year}", tables=tables)

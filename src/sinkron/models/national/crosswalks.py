"""Crosswalks between the national and regional code trees: user-supplied, versioned, with provenance.

The K/L chain and the Kemendagri nomenclature never share keys, and no public, machine-readable
mapping between them exists. Where a planner has one — from a Juknis DAK annex, a Rakor agreement
or the Bappeda's own work — sinkron carries it as a crosswalk:

* :class:`PriorityCrosswalk` — Kegiatan Prioritas (or PP/ProP) → sub kegiatan (for Form 4);
* :class:`DAKMenuCrosswalk` — DAK menu (tahun, jenis, bidang, sub jenis, subbidang, menu, rincian)
  → sub kegiatan and SIPD kode_dana;
* :class:`ProgramSectorCrosswalk` — K/L (bagian anggaran) or K/L program ↔ bidang urusan.

Each has an id, a version, who supplied it and where it was read from; each row keeps its own
provenance (file and row), so a finding or an error can point at the line to fix. sinkron ships
the schemas, CSV templates and loaders (:mod:`sinkron.kl.crosswalk_csv`), never the data.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from sinkron.codes import Code, CodeLevel
from sinkron.errors import InvalidModel, Location, SourceError
from sinkron.models._base import non_empty, optional_non_empty, to_tuple, year
from sinkron.models.national.codes import KLCode, KLLevel
from sinkron.models.national.funding import FundingCode, FundingCodeError, FundingKind
from sinkron.models.national.priority_tree import KIND_BY_DEPTH, PriorityTree, _priority_code
from sinkron.models.plans import PlanPeriod
from sinkron.models.provenance import Provenance

if TYPE_CHECKING:  # pragma: no cover
    from sinkron.nomenclature import Nomenclature

__all__ = [
    "CrosswalkKind",
    "DAKMenu",
    "DAKMenuCrosswalk",
    "PriorityCrosswalk",
    "PriorityMapping",
    "ProgramSectorCrosswalk",
    "ProgramSectorMapping",
]


class CrosswalkKind(str, enum.Enum):
    """Which crosswalk a file holds."""

    PRIORITY_SUB_ACTIVITY = "kp_sub_kegiatan"
    """Kegiatan Prioritas → sub kegiatan."""
    DAK_MENU = "menu_dak"
    """DAK menu → sub kegiatan and kode_dana."""
    PROGRAM_SECTOR = "program_kl_bidang_urusan"
    """K/L program ↔ bidang urusan."""


def _code_at(level: CodeLevel) -> Any:
    def check(instance: object, attribute: attrs.Attribute[Code], value: Code) -> None:
        if not isinstance(value, Code) or value.level is not level:
            raise InvalidModel(type(instance).__name__, attribute.name, f"expected a {level.value} code, got {value!r}")

    return check


def _where(provenance: Provenance | None, field: str | None = None) -> Location:
    return (provenance.location if provenance else Location()).evolve(field=field)


# -- KP → sub kegiatan ------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class PriorityMapping:
    """One row: a priority code (KP, or PP/ProP) maps to a sub kegiatan."""

    priority_code: str = attrs.field(validator=_priority_code)
    """``02.10.09`` (PN.PP.KP), in the tree the crosswalk names."""
    sub_activity: Code = attrs.field(validator=_code_at(CodeLevel.SUB_ACTIVITY))
    note: str | None = None
    provenance: Provenance | None = attrs.field(default=None, eq=False)


def _crosswalk_id(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    non_empty(instance, attribute, value)


@attrs.frozen(kw_only=True)
class PriorityCrosswalk:
    """Kegiatan Prioritas → sub kegiatan, for one priority tree (``tree_id``) and period."""

    id: str = attrs.field(validator=_crosswalk_id)
    version: str = attrs.field(validator=non_empty)
    """The supplier's version label (``"2026.1"``, a date)."""
    tree_id: str | None = None
    """The priority tree whose codes the rows use (``rpjmn-2025-2029``, ``rkp-2026``)."""
    period: PlanPeriod | None = None
    """The plan years it applies to."""
    supplied_by: str | None = attrs.field(default=None, validator=optional_non_empty)
    """Who made it: "Bappeda Provinsi Kalimantan Tengah", "kesepakatan Rakor 2025"."""
    note: str | None = None
    rows: tuple[PriorityMapping, ...] = attrs.field(factory=tuple, converter=to_tuple)
    provenance: Provenance | None = attrs.field(default=None, eq=False)

    def sub_activities(self, priority_code: str) -> set[Code]:
        """The sub kegiatan codes mapped to ``priority_code``."""
        return {r.sub_activity for r in self.rows if r.priority_code == priority_code}

    def priorities_of(self, sub_activity: Code) -> set[str]:
        """The priority codes a sub kegiatan code is mapped to."""
        return {r.priority_code for r in self.rows if r.sub_activity == sub_activity}

    def applies_to(self, year: int) -> bool:
        return self.period is None or year in self.period

    def problems(
        self, *, tree: PriorityTree | None = None, nomenclature: Nomenclature | None = None
    ) -> list[SourceError]:
        """Rows that repeat, name a code absent from ``tree``, or a sub kegiatan absent from ``nomenclature``.

        A code missing from a tree level that is not complete (a curated subset) is not reported.
        """
        errors = _duplicates(self.rows, lambda r: (r.priority_code, r.sub_activity), "mapping")
        year = self.period.start if self.period else None
        for row in self.rows:
            if tree is not None:
                node = tree.node(row.priority_code)
                kind = KIND_BY_DEPTH[row.priority_code.count(".") + 1]
                if node is None and tree.is_complete(kind):
                    errors.append(
                        SourceError(
                            f"priority code {row.priority_code} is not in {tree.document}",
                            location=_where(row.provenance, "kode_prioritas"),
                            expected=f"a code of {tree.id}",
                            actual=row.priority_code,
                        )
                    )
            errors.extend(_check_sub_activity(row.sub_activity, row.provenance, nomenclature, year))
        return errors


# -- DAK menu → sub kegiatan and kode_dana ---------------------------------------------------------------


def _dak_kind(instance: object, attribute: attrs.Attribute[FundingKind], value: FundingKind) -> None:
    if value not in (FundingKind.DAK_PHYSICAL, FundingKind.DAK_NON_PHYSICAL):
        raise InvalidModel("DAKMenu", "kind", f"expected dak_fisik or dak_nonfisik, got {value!r}")


def _funding_code(instance: object, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    if value is None:
        return
    try:
        FundingCode.parse(value)
    except FundingCodeError as exc:
        raise InvalidModel("DAKMenu", "funding_code", exc.reason) from None


@attrs.frozen(kw_only=True)
class DAKMenu:
    """One row of a DAK menu crosswalk: a menu (or rincian) of a year mapped to a sub kegiatan.

    ``supporting`` marks *Kegiatan Penunjang*, capped at 5 % (see rule SKN704).
    """

    year: int = attrs.field(validator=year)
    kind: FundingKind = attrs.field(validator=_dak_kind)
    """DAK Fisik or DAK Non Fisik."""
    area: str = attrs.field(validator=non_empty)
    """Bidang (``Pendidikan``; for DAK Non Fisik the jenis, e.g. ``Dana BOK``)."""
    menu: str = attrs.field(validator=non_empty)
    sub_activity: Code = attrs.field(validator=_code_at(CodeLevel.SUB_ACTIVITY))
    scheme: str | None = None
    """Sub jenis: Reguler, Afirmasi, Penugasan."""
    subarea: str | None = None
    """Subbidang (``PAUD``, ``SD``)."""
    detail: str | None = None
    """Rincian menu."""
    supporting: bool = False
    """Kegiatan penunjang."""
    funding_code: str | None = attrs.field(default=None, validator=_funding_code)
    """The SIPD kode_dana the menu is funded from that year (``2.2.01.01.03.0001``)."""
    note: str | None = None
    provenance: Provenance | None = attrs.field(default=None, eq=False)

    @property
    def group(self) -> tuple[int, FundingKind, str, str | None]:
        """(year, jenis, bidang, subbidang): the pagu the 5 % penunjang cap is counted against."""
        return (self.year, self.kind, self.area, self.subarea)


@attrs.frozen(kw_only=True)
class DAKMenuCrosswalk:
    """DAK menus → sub kegiatan (and kode_dana), for the years its rows name."""

    id: str = attrs.field(validator=_crosswalk_id)
    version: str = attrs.field(validator=non_empty)
    supplied_by: str | None = attrs.field(default=None, validator=optional_non_empty)
    note: str | None = None
    rows: tuple[DAKMenu, ...] = attrs.field(factory=tuple, converter=to_tuple)
    provenance: Provenance | None = attrs.field(default=None, eq=False)

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted({r.year for r in self.rows}))

    def menus_for(self, year: int, sub_activity: Code) -> list[DAKMenu]:
        """Rows of ``year`` mapped to ``sub_activity``."""
        return [r for r in self.rows if r.year == year and r.sub_activity == sub_activity]

    def funding_codes(self, year: int) -> set[str]:
        """The kode_dana named by the rows of ``year``."""
        return {r.funding_code for r in self.rows if r.year == year and r.funding_code}

    def problems(self, *, nomenclature: Nomenclature | None = None) -> list[SourceError]:
        """Repeated rows, and sub kegiatan absent from ``nomenclature`` in the row's year."""
        errors = _duplicates(
            self.rows,
            lambda r: (r.year, r.kind, r.area, r.scheme, r.subarea, r.menu, r.detail, r.sub_activity),
            "menu row",
        )
        for row in self.rows:
            errors.extend(_check_sub_activity(row.sub_activity, row.provenance, nomenclature, row.year))
        return errors


# -- K/L program ↔ bidang urusan -------------------------------------------------------------------------


def _program_code(instance: object, attribute: attrs.Attribute[KLCode], value: KLCode) -> None:
    allowed = (KLLevel.BUDGET_SECTION, KLLevel.UNIT, KLLevel.PROGRAM)
    if not isinstance(value, KLCode) or not value.is_anchored or value.level not in allowed:
        raise InvalidModel(
            "ProgramSectorMapping",
            "program",
            f"expected a K/L code anchored at its bagian anggaran, down to the program (022, 022.12.DL), got {value!r}",
        )


@attrs.frozen(kw_only=True)
class ProgramSectorMapping:
    """One row: a K/L (``022``), unit or program (``022.12.DL``) corresponds to a bidang urusan (``2.15``)."""

    program: KLCode = attrs.field(validator=_program_code)
    sector: Code = attrs.field(validator=_code_at(CodeLevel.SECTOR))
    note: str | None = None
    provenance: Provenance | None = attrs.field(default=None, eq=False)


@attrs.frozen(kw_only=True)
class ProgramSectorCrosswalk:
    """K/L programs ↔ bidang urusan."""

    id: str = attrs.field(validator=_crosswalk_id)
    version: str = attrs.field(validator=non_empty)
    supplied_by: str | None = attrs.field(default=None, validator=optional_non_empty)
    note: str | None = None
    rows: tuple[ProgramSectorMapping, ...] = attrs.field(factory=tuple, converter=to_tuple)
    provenance: Provenance | None = attrs.field(default=None, eq=False)

    def sectors_for(self, program: KLCode) -> set[Code]:
        """Bidang urusan of a program: rows for the program itself or for its unit or K/L."""
        return {r.sector for r in self.rows if program.is_within(r.program)}

    def programs_for(self, sector: Code) -> set[KLCode]:
        """K/L codes (K/L, unit or program) mapped to a bidang urusan — where a region's usulan in that
        bidang goes. A code below the bidang (a program ``1.02.02``) is read at its bidang."""
        if sector.level.depth < CodeLevel.SECTOR.depth:  # a whole urusan
            return {r.program for r in self.rows if r.sector.is_within(sector)}
        wanted = sector.ancestor(CodeLevel.SECTOR)
        return {r.program for r in self.rows if r.sector == wanted}

    def problems(self, *, nomenclature: Nomenclature | None = None, year: int | None = None) -> list[SourceError]:
        """Repeated rows, and bidang urusan absent from ``nomenclature``."""
        errors = _duplicates(self.rows, lambda r: (r.program, r.sector), "mapping")
        if nomenclature is not None:
            for row in self.rows:
                if nomenclature.lookup(row.sector, year) is None:
                    errors.append(
                        SourceError(
                            f"bidang urusan {row.sector} is not in the nomenclature",
                            location=_where(row.provenance, "kode_bidang_urusan"),
                            actual=str(row.sector),
                        )
                    )
        return errors


# -- shared checks -----------------------------------------------------------------------------------


def _duplicates(rows: Iterable[Any], key: Any, what: str) -> list[SourceError]:
    first: dict[Any, Any] = {}
    errors: list[SourceError] = []
    for row in rows:
        k = key(row)
        if k in first:
            earlier = first[k].provenance.row if first[k].provenance else None
            errors.append(
                SourceError(
                    f"duplicate {what}" + (f" (same as row {earlier})" if earlier else ""),
                    location=_where(row.provenance),
                )
            )
        else:
            first[k] = row
    return errors


def _check_sub_activity(
    code: Code, provenance: Provenance | None, nomenclature: Nomenclature | None, year: int | None
) -> list[SourceError]:
    if nomenclature is None:
        return []
    status = nomenclature.status(code, year)
    if status.is_valid:
        return []
    return [
        SourceError(
            f"sub kegiatan {code} is {status.state.value} in the nomenclature" + (f" of {year}" if year else ""),
            location=_where(provenance, "kode_sub_kegiatan"),
            expected="a sub kegiatan valid in that year",
            actual=str(code),
        )
    ]


def index_by_sub_activity(rows: Iterable[DAKMenu]) -> dict[tuple[int, Code], list[DAKMenu]]:
    """DAK menu rows by (year, sub kegiatan code), for lookups in O(1)."""
    out: dict[tuple[int, Code], list[DAKMenu]] = defaultdict(list)
    for row in rows:
        out[(row.year, row.sub_activity)].append(row)
    return out

"""CSV schemas, templates and loaders for the three crosswalks (see :mod:`sinkron.models.national.crosswalks`).

===========================  ========================================================================
crosswalk                    columns (required in bold in ``docs/national.md``)
===========================  ========================================================================
KP → sub kegiatan            kode_prioritas, kode_sub_kegiatan, keterangan
DAK menu → sub kegiatan      tahun, jenis, bidang, sub_jenis, subbidang, menu, rincian, penunjang,
                             kode_sub_kegiatan, kode_dana, keterangan
K/L program ↔ bidang urusan  kode_kl, kode_bidang_urusan, keterangan
===========================  ========================================================================

The version, the supplier and (for KP crosswalks) the priority tree and period are given to the
loader, not written in the file, so one file format serves every year. Empty template files ship
in ``sinkron/kl/data/templates/``; :func:`template` returns the same header line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sinkron.codes import Code, CodeLevel
from sinkron.errors import CodeError, InvalidModel, SourceError
from sinkron.exporter import write_atomic
from sinkron.kl.loading import CsvRow, CsvSource, Loaded, read_cell, read_csv_rows, read_optional
from sinkron.models.national.codes import KLCode, KLCodeError, KLLevel
from sinkron.models.national.crosswalks import (
    CrosswalkKind,
    DAKMenu,
    DAKMenuCrosswalk,
    PriorityCrosswalk,
    PriorityMapping,
    ProgramSectorCrosswalk,
    ProgramSectorMapping,
)
from sinkron.models.national.funding import SCHEMES, FundingCode, FundingKind
from sinkron.models.national.priority_tree import parse_priority_code
from sinkron.models.plans import PlanPeriod
from sinkron.models.provenance import Provenance

__all__ = [
    "COLUMNS",
    "REQUIRED",
    "read_dak_crosswalk",
    "read_priority_crosswalk",
    "read_program_crosswalk",
    "template",
    "write_template",
]

T = TypeVar("T")

#: Every column of each crosswalk file, in template order.
COLUMNS: dict[CrosswalkKind, tuple[str, ...]] = {
    CrosswalkKind.PRIORITY_SUB_ACTIVITY: ("kode_prioritas", "kode_sub_kegiatan", "keterangan"),
    CrosswalkKind.DAK_MENU: (
        "tahun",
        "jenis",
        "bidang",
        "sub_jenis",
        "subbidang",
        "menu",
        "rincian",
        "penunjang",
        "kode_sub_kegiatan",
        "kode_dana",
        "keterangan",
    ),
    CrosswalkKind.PROGRAM_SECTOR: ("kode_kl", "kode_bidang_urusan", "keterangan"),
}
#: The columns that must be present (and filled) in each file.
REQUIRED: dict[CrosswalkKind, tuple[str, ...]] = {
    CrosswalkKind.PRIORITY_SUB_ACTIVITY: ("kode_prioritas", "kode_sub_kegiatan"),
    CrosswalkKind.DAK_MENU: ("tahun", "jenis", "bidang", "menu", "kode_sub_kegiatan"),
    CrosswalkKind.PROGRAM_SECTOR: ("kode_kl", "kode_bidang_urusan"),
}

_FIELD_COLUMNS = {
    "priority_code": "kode_prioritas",
    "sub_activity": "kode_sub_kegiatan",
    "year": "tahun",
    "kind": "jenis",
    "area": "bidang",
    "scheme": "sub_jenis",
    "subarea": "subbidang",
    "menu": "menu",
    "detail": "rincian",
    "supporting": "penunjang",
    "funding_code": "kode_dana",
    "program": "kode_kl",
    "sector": "kode_bidang_urusan",
    "note": "keterangan",
}


def template(kind: CrosswalkKind) -> str:
    """The header line of a crosswalk CSV file (what the shipped template holds).

    >>> template(CrosswalkKind.PRIORITY_SUB_ACTIVITY)
    'kode_prioritas,kode_sub_kegiatan,keterangan\\n'
    """
    return ",".join(COLUMNS[kind]) + "\n"


def write_template(kind: CrosswalkKind, path: str | Path) -> Path:
    """Write an empty crosswalk file with its header to ``path`` (atomically, like every file sinkron writes)."""
    target = Path(path)
    write_atomic(target, template(kind).encode("utf-8"))
    return target


# -- cell readers -----------------------------------------------------------------------------------


def _sub_activity(text: str) -> Code:
    code = Code.parse(text)
    if code.level is not CodeLevel.SUB_ACTIVITY:
        raise CodeError(text, f"expected a sub kegiatan code (6 parts), got a {code.level.value} code")
    return code


def _sector(text: str) -> Code:
    code = Code.parse(text)
    if code.level is not CodeLevel.SECTOR:
        raise CodeError(text, f"expected a bidang urusan code such as 2.15, got a {code.level.value} code")
    return code


def _kl_program(text: str) -> KLCode:
    stripped = text.strip()
    if re.fullmatch(r"[0-9]{3}", stripped):
        return KLCode.parse(stripped, level=KLLevel.BUDGET_SECTION)
    code = KLCode.parse(stripped)
    if not code.is_anchored:
        raise KLCodeError(text, "write the code from its bagian anggaran (022.12.DL), not a scoped code")
    return code


def _year(text: str) -> int:
    if not re.fullmatch(r"[0-9]{4}", text.strip()):
        raise ValueError(f"not a year: {text!r}")
    return int(text)


def _dak_kind(text: str) -> FundingKind:
    key = re.sub(r"[^a-z]", "", text.casefold()).removeprefix("dak")
    if key == "fisik":
        return FundingKind.DAK_PHYSICAL
    if key == "nonfisik":
        return FundingKind.DAK_NON_PHYSICAL
    raise ValueError(f"not a DAK jenis: {text!r}")


def _scheme(text: str) -> str:
    for scheme in SCHEMES:
        if scheme.casefold() == text.strip().casefold():
            return scheme
    raise ValueError(f"not a sub jenis: {text!r}")


_YES = {"ya", "y", "1", "true", "penunjang", "benar"}
_NO = {"tidak", "t", "0", "false", "bukan", "-"}


def _flag(text: str) -> bool:
    key = text.strip().casefold()
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise ValueError(f"not ya/tidak: {text!r}")


def _funding_code(text: str) -> str:
    return str(FundingCode.parse(text))


def _build(row: CsvRow, errors: list[SourceError], model: Callable[..., T], **fields: Any) -> T | None:
    """``model(**fields)``, or ``None`` with a located error naming the column of the bad field."""
    try:
        return model(**fields)
    except InvalidModel as exc:
        column = _FIELD_COLUMNS.get(exc.field)
        errors.append(
            SourceError(exc.reason, location=row.location(column), actual=row.get(column) if column else None)
        )
        return None


def _provenance(row: CsvRow) -> Provenance:
    return Provenance(source=row.source, row=row.number)


# -- loaders ----------------------------------------------------------------------------------------


def _rows(
    kind: CrosswalkKind, source: CsvSource, name: str | None
) -> tuple[list[CsvRow], list[SourceError], str | None]:
    required = REQUIRED[kind]
    optional = tuple(c for c in COLUMNS[kind] if c not in required)
    return read_csv_rows(source, required=required, optional=optional, name=name)


def _default_id(where: str | None, fallback: str) -> str:
    return Path(where).stem if where else fallback


def read_priority_crosswalk(
    source: CsvSource,
    *,
    version: str,
    id: str | None = None,
    tree_id: str | None = None,
    period: PlanPeriod | None = None,
    supplied_by: str | None = None,
    note: str | None = None,
    name: str | None = None,
) -> Loaded[PriorityCrosswalk]:
    """Read a KP → sub kegiatan crosswalk (``kode_prioritas, kode_sub_kegiatan[, keterangan]``).

    ``tree_id`` names the priority tree the codes belong to; ``period`` the plan years it applies to.
    """
    rows, errors, where = _rows(CrosswalkKind.PRIORITY_SUB_ACTIVITY, source, name)
    mappings: list[PriorityMapping] = []
    for row in rows:
        before = len(errors)
        code = read_cell(row, "kode_prioritas", parse_priority_code, errors, expected="a code such as 02.10.09")
        sub = read_cell(row, "kode_sub_kegiatan", _sub_activity, errors, expected="a sub kegiatan code")
        if len(errors) > before or code is None or sub is None:
            continue
        mapping = _build(
            row,
            errors,
            PriorityMapping,
            priority_code=code,
            sub_activity=sub,
            note=row.get("keterangan"),
            provenance=_provenance(row),
        )
        if mapping is not None:
            mappings.append(mapping)
    crosswalk = PriorityCrosswalk(
        id=id or _default_id(where, "kp-sub-kegiatan"),
        version=version,
        tree_id=tree_id,
        period=period,
        supplied_by=supplied_by,
        note=note,
        rows=mappings,
        provenance=Provenance(source=where),
    )
    errors.extend(crosswalk.problems())
    return Loaded(value=crosswalk, errors=tuple(errors), source=where, rows=len(rows))


def read_dak_crosswalk(
    source: CsvSource,
    *,
    version: str,
    id: str | None = None,
    supplied_by: str | None = None,
    note: str | None = None,
    name: str | None = None,
) -> Loaded[DAKMenuCrosswalk]:
    """Read a DAK menu crosswalk (see :data:`COLUMNS` for the columns)."""
    rows, errors, where = _rows(CrosswalkKind.DAK_MENU, source, name)
    menus: list[DAKMenu] = []
    for row in rows:
        before = len(errors)
        values: dict[str, Any] = {
            "year": read_cell(row, "tahun", _year, errors, expected="a year such as 2026"),
            "kind": read_cell(row, "jenis", _dak_kind, errors, expected="Fisik or Non Fisik"),
            "area": read_cell(row, "bidang", str, errors, expected="the bidang DAK"),
            "menu": read_cell(row, "menu", str, errors, expected="the menu"),
            "sub_activity": read_cell(row, "kode_sub_kegiatan", _sub_activity, errors, expected="a sub kegiatan code"),
        }
        values["scheme"] = read_optional(row, "sub_jenis", _scheme, errors, expected="Reguler, Afirmasi or Penugasan")[
            1
        ]
        values["supporting"] = read_optional(row, "penunjang", _flag, errors, expected="ya or tidak")[1] or False
        values["funding_code"] = read_optional(row, "kode_dana", _funding_code, errors, expected="a kode_dana")[1]
        if len(errors) > before:
            continue
        menu = _build(
            row,
            errors,
            DAKMenu,
            subarea=row.get("subbidang"),
            detail=row.get("rincian"),
            note=row.get("keterangan"),
            provenance=_provenance(row),
            **values,
        )
        if menu is not None:
            menus.append(menu)
    crosswalk = DAKMenuCrosswalk(
        id=id or _default_id(where, "menu-dak"),
        version=version,
        supplied_by=supplied_by,
        note=note,
        rows=menus,
        provenance=Provenance(source=where),
    )
    errors.extend(crosswalk.problems())
    return Loaded(value=crosswalk, errors=tuple(errors), source=where, rows=len(rows))


def read_program_crosswalk(
    source: CsvSource,
    *,
    version: str,
    id: str | None = None,
    supplied_by: str | None = None,
    note: str | None = None,
    name: str | None = None,
) -> Loaded[ProgramSectorCrosswalk]:
    """Read a K/L program ↔ bidang urusan crosswalk (``kode_kl, kode_bidang_urusan[, keterangan]``).

    ``kode_kl`` is a bagian anggaran (``022``), a unit (``022.12``) or a program (``022.12.DL``).
    """
    rows, errors, where = _rows(CrosswalkKind.PROGRAM_SECTOR, source, name)
    mappings: list[ProgramSectorMapping] = []
    for row in rows:
        before = len(errors)
        program = read_cell(row, "kode_kl", _kl_program, errors, expected="022, 022.12 or 022.12.DL")
        sector = read_cell(row, "kode_bidang_urusan", _sector, errors, expected="a bidang urusan code such as 2.15")
        if len(errors) > before or program is None or sector is None:
            continue
        mapping = _build(
            row,
            errors,
            ProgramSectorMapping,
            program=program,
            sector=sector,
            note=row.get("keterangan"),
            provenance=_provenance(row),
        )
        if mapping is not None:
            mappings.append(mapping)
    crosswalk = ProgramSectorCrosswalk(
        id=id or _default_id(where, "program-kl-bidang-urusan"),
        version=version,
        supplied_by=supplied_by,
        note=note,
        rows=mappings,
        provenance=Provenance(source=where),
    )
    errors.extend(crosswalk.problems())
    return Loaded(value=crosswalk, errors=tuple(errors), source=where, rows=len(rows))

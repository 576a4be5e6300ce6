"""The SAKTI "Kertas Kerja" spreadsheet (the RKA-K/L worksheet of one satker) read into a Renja/RKA-K/L.

Layout, as the SAKTI export puts it (0-based columns; the SIPPT importer, ``domain-kl.md`` §1.2):

=======  =======================================================================
column   content
=======  =======================================================================
B (1)    KODE — the level is told by the code's shape (below)
C (2)    URAIAN
E…R      volume segments: (E,F) (H,I) (K,L) (N,O) (Q,R) = quantity, satuan ("2 ORG x 3 HR")
S (18)   Vol
T (19)   Satuan
U (20)   Harga satuan
V (21)   Jumlah (rupiah)
AG (32)  Sumber dana (on akun rows: RM, BLU, SBSN …)
=======  =======================================================================

The header row holds ``KODE`` in column B and ``URAIAN`` in column C; rows above it are the
preamble (a year written ``T.A. 2026`` or ``TAHUN ANGGARAN 2026``, and printed heads such as
``(022) KEMENTERIAN PERHUBUNGAN`` or a satker ``(123456) …`` are read from it).

Levels by code: ``022.12`` unit (the *satker row*, whose Jumlah is the official total);
``022.12.DL`` program; ``3996`` kegiatan; ``3996.AEC`` KRO; ``3996.AEC.002`` or ``3996.AE002`` RO;
``001`` komponen; ``A`` sub komponen; ``521211`` akun; an empty KODE with an URAIAN under an akun is
a detail line (volume × harga).

Parents are rebuilt from code prefixes, because rows can come out of order or without their
headers: ``3996.BMA.005`` implies kegiatan ``3996`` and KRO ``3996.BMA`` under the current program.
Such implied kegiatan and KRO keep ``extra["dibentuk_dari_kode"]`` (the row that implied them) and
take the name of their own row when it comes later. Rows repeating a code under the same parent
continue the earlier record.

Operational blocks may come *before* the first program (salaries and office costs with komponen,
akun and details but no program or RO). They belong to no program, so sinkron does not invent one:
the block is kept in ``MinistryPlan.extra["blok_sebelum_program"]`` (its rows, amounts and
details) and counted in the total.

Totals are checked: each row's Jumlah against the rows below it, each detail's Jumlah against
Vol × Harga, and the satker row's Jumlah — the official total — against the sum of the programs
and the block before them. Every mismatch is a source finding ``SKN001`` located at the row (the
rows are kept as written). Problems inside the data are source findings too (docs/errors.md,
"Tolerant and strict reading"): a cell that cannot be read (``SKN008``, the value left out), a row
that cannot be placed (``SKN005``), a code given again (``SKN010``); only a sheet that cannot be read
(no header row, the Jumlah column elsewhere, no year) is a located :class:`~sinkron.errors.SourceError`.
Amounts are rupiah. Sub komponen, akun and detail lines have no model of their own: they are kept
under their komponen in ``Component.extra["rincian"]``. Columns W–AB (the operational /
non-operational split) are not read.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import attrs

from sinkron.connector import ReadResult
from sinkron.errors import InvalidModel, Location, SourceError
from sinkron.kl import (
    Authority,
    Component,
    DetailedOutput,
    EchelonOneUnit,
    KLCode,
    KLCodeError,
    KLLevel,
    Ministry,
    MinistryActivity,
    MinistryDocument,
    MinistryPlan,
    MinistryProgram,
    NationalRecords,
    OutputClass,
    OutputLocation,
    WorkUnit,
)
from sinkron.models import Bundle, Money, Provenance, Value
from sinkron.models.findings import Finding, Severity
from sinkron.source_findings import CELL_UNREADABLE, DUPLICATE_ROW, ROW_NOT_READ, SUBTOTAL_MISMATCH, SourceProblem
from sinkron_kl.xlsx import SheetRows, cell_number, cell_text, column_letter, read_sheets
from sinkron_spreadsheet import ReadLimits

__all__ = ["COLUMNS", "SAKTI_OPTIONS", "is_kertas_kerja", "read_sakti"]

#: Column indexes (0-based) of the Kertas Kerja layout.
COLUMNS = {"kode": 1, "uraian": 2, "vol": 18, "satuan": 19, "harga": 20, "jumlah": 21, "sumber_dana": 32}
_SEGMENTS = ((4, 5), (7, 8), (10, 11), (13, 14), (16, 17))
#: The options :func:`read_sakti` takes.
SAKTI_OPTIONS = frozenset(
    {
        "year",
        "plan_id",
        "title",
        "ministry_name",
        "work_unit",
        "work_unit_name",
        "location",
        "authority",
        "sheet",
        "limits",
        "kind",
    }
)


class _Level(enum.IntEnum):
    BLOCK = -1
    PROGRAM = 0
    KEGIATAN = 1
    KRO = 2
    RO = 3
    KOMPONEN = 4
    SUB_KOMPONEN = 5
    AKUN = 6
    DETAIL = 7


_UNIT = re.compile(r"[0-9]{3}\.[0-9]{2}\Z")
_PATTERNS: tuple[tuple[_Level, re.Pattern[str]], ...] = (
    (_Level.PROGRAM, re.compile(r"[0-9]{3}\.[0-9]{2}\.[A-Z]{2}\Z")),
    (_Level.KEGIATAN, re.compile(r"[0-9]{4}\Z")),
    (_Level.KRO, re.compile(r"[0-9]{4}\.[A-Z]{3}\Z")),
    (_Level.RO, re.compile(r"[0-9]{4}\.[A-Z]{3}\.[A-Z0-9]{3}\Z")),
    (_Level.RO, re.compile(r"[0-9]{4}\.[A-Z]{2}[0-9]{3}\Z")),
    (_Level.KOMPONEN, re.compile(r"[0-9]{3}\Z")),
    (_Level.SUB_KOMPONEN, re.compile(r"[A-Z]\Z")),
    (_Level.AKUN, re.compile(r"[0-9]{6}\Z")),
)
_LABEL = {
    _Level.BLOCK: "blok sebelum program",
    _Level.PROGRAM: "program",
    _Level.KEGIATAN: "kegiatan",
    _Level.KRO: "KRO",
    _Level.RO: "RO",
    _Level.KOMPONEN: "komponen",
    _Level.SUB_KOMPONEN: "sub komponen",
    _Level.AKUN: "akun",
    _Level.DETAIL: "detail",
}
#: Which levels a row of each level may sit under (after the stack is unwound).
_PARENTS = {
    _Level.KOMPONEN: (_Level.RO, _Level.BLOCK),
    _Level.SUB_KOMPONEN: (_Level.KOMPONEN,),
    _Level.AKUN: (_Level.SUB_KOMPONEN, _Level.KOMPONEN, _Level.BLOCK),
    _Level.DETAIL: (_Level.AKUN,),
}
_YEAR = re.compile(r"(?:\bT\.?\s?A\.?|TAHUN\s+ANGGARAN)\s*:?\s*((?:19|20)[0-9]{2})\b", re.I)
_PRINTED = re.compile(r"\(([0-9]{3}|[0-9]{6})\)\s*(.+)")


def _level_of(code: str) -> _Level | None:
    for level, pattern in _PATTERNS:
        if pattern.match(code):
            return level
    return None


@attrs.define(eq=False)
class _Node:
    level: _Level
    code: str
    name: str
    row: int | None
    stated: Decimal | None = None
    volume: Decimal | None = None
    unit: str | None = None
    price: Decimal | None = None
    funding: str | None = None
    segments: str | None = None
    kl: KLCode | None = None
    implied_by: int | None = None
    name_missing: bool = False
    children: list[_Node] = attrs.field(factory=list)
    by_key: dict[str, _Node] = attrs.field(factory=dict)

    def value(self) -> Decimal | None:
        """The stated Jumlah, else the sum of the rows below."""
        if self.stated is not None:
            return self.stated
        values = [v for v in (c.value() for c in self.children) if v is not None]
        return sum(values, Decimal(0)) if values else None

    def computed(self) -> Decimal | None:
        values = [v for v in (c.value() for c in self.children) if v is not None]
        return sum(values, Decimal(0)) if values else None


@attrs.define
class _Reader:
    source: str
    sheet: str
    errors: list[SourceError] = attrs.field(factory=list)
    findings: list[Finding] = attrs.field(factory=list)
    programs: dict[str, _Node] = attrs.field(factory=dict)
    block: _Node = attrs.field(factory=lambda: _Node(_Level.BLOCK, "", "blok sebelum program", None))
    unit: _Node | None = None
    stack: list[_Node] = attrs.field(factory=list)
    started: bool = False
    records: int = 0
    block_rows: list[int] = attrs.field(factory=list)

    # -- errors ----------------------------------------------------------------------------------
    def where(self, row: int | None, column: int | None = None) -> Location:
        return Location(
            source=self.source, sheet=self.sheet, row=row, column=column_letter(column) if column is not None else None
        )

    def error(self, message: str, row: int | None, column: int | None = None, **kw: Any) -> None:
        self.errors.append(SourceError(message, location=self.where(row, column), **kw))

    def finding(
        self,
        problem: SourceProblem,
        row: int | None,
        column: int | None,
        *,
        en: str,
        id: str,
        expected: object = None,
        actual: object = None,
        severity: Severity | None = None,
    ) -> None:
        """A source finding at ``row`` and ``column`` (``en``/``id``: the message in English and Indonesian)."""
        self.findings.append(
            problem.at(self.where(row, column), id=id, en=en, expected=expected, found=actual, severity=severity)
        )

    def not_placed(self, row: int, column: int | None, en: str, id: str, **kw: Any) -> None:
        """A row that cannot be placed in the plan (``SKN005``): named, not read."""
        self.finding(
            ROW_NOT_READ, row, column, en=f"Row {row} is not read: {en}.", id=f"Baris {row} tidak dibaca: {id}.", **kw
        )

    def number(self, cells: Sequence[Any], index: int, row: int) -> Decimal | None:
        raw = cells[index] if index < len(cells) else None
        try:
            value = cell_number(raw)
        except (ValueError, InvalidOperation):
            self.finding(
                CELL_UNREADABLE,
                row,
                index,
                en="Not a number; the value is left out.",
                id="Bukan angka; nilainya tidak dibaca.",
                expected="a number",
                actual=cell_text(raw),
            )
            return None
        if value is not None and value < 0 and index == COLUMNS["jumlah"]:
            self.finding(
                CELL_UNREADABLE,
                row,
                index,
                en="A negative Jumlah; the value is left out.",
                id="Jumlah negatif; nilainya tidak dibaca.",
                expected="an amount of 0 or more",
                actual=cell_text(raw),
            )
            return None
        return value

    # -- rows -------------------------------------------------------------------------------------
    def add(self, row: int, cells: Sequence[Any]) -> None:
        def text(index: int) -> str:
            return cell_text(cells[index]) if index < len(cells) else ""

        code, name = text(COLUMNS["kode"]).upper(), text(COLUMNS["uraian"])
        if not code and not name:
            if any(cell_text(v) for v in cells):
                self.records += 1
                self.not_placed(
                    row,
                    None,
                    "a row with values but neither KODE nor URAIAN",
                    "baris berisi nilai tanpa KODE dan URAIAN",
                    expected="a KODE or an URAIAN",
                    actual=[cell_text(v) for v in cells if cell_text(v)][:8],
                )
            return
        self.records += 1
        stated = self.number(cells, COLUMNS["jumlah"], row)
        if _UNIT.match(code):
            self._unit(code, name, row, stated)
            return
        level = _Level.DETAIL if not code else _level_of(code)
        if level is None:
            self.not_placed(
                row,
                COLUMNS["kode"],
                f"{code!r} is not a Kertas Kerja code",
                f"{code!r} bukan kode Kertas Kerja",
                expected="022.12, 022.12.DL, 3996, 3996.AEC, 3996.AEC.002, 3996.AE002, 001, A or 521211",
                actual=code,
            )
            return
        if not name:
            self.finding(
                CELL_UNREADABLE,
                row,
                COLUMNS["uraian"],
                expected="its name",
                en=f"The {_LABEL[level]} {code} has no URAIAN; it is named by its code.",
                id=f"{_LABEL[level]} {code} tidak memiliki URAIAN; dinamai dengan kodenya.",
            )
        if level is _Level.PROGRAM:
            self._program(code, name, row, stated)
        elif level in (_Level.KEGIATAN, _Level.KRO, _Level.RO):
            self._output_chain(level, code, name, row, stated, cells)
        else:
            self._line(level, code, name, row, stated, cells)

    def _unit(self, code: str, name: str, row: int, stated: Decimal | None) -> None:
        if self.unit is not None:
            self.finding(
                DUPLICATE_ROW,
                row,
                COLUMNS["kode"],
                expected="one satker row per Kertas Kerja",
                actual=code,
                en=f"A second satker/unit row (the first is row {self.unit.row}, {self.unit.code}): not read.",
                id=f"Baris satker/unit kedua (yang pertama baris {self.unit.row}, {self.unit.code}): tidak dibaca.",
            )
            return
        self.unit = _Node(_Level.BLOCK, code, name or code, row, stated)

    def _program(self, code: str, name: str, row: int, stated: Decimal | None) -> None:
        self.started = True
        node = self.programs.get(code)
        if node is None:
            try:
                kl = KLCode.parse(code, level=KLLevel.PROGRAM)
            except KLCodeError as exc:
                self.not_placed(row, COLUMNS["kode"], exc.reason, f"kode program tidak sah ({exc.reason})", actual=code)
                self.stack = []
                return
            node = _Node(_Level.PROGRAM, code, name, row, stated, kl=kl)
            self.programs[code] = node
        else:
            self._repeat(node, stated, row)
        self.stack = [node]

    def _repeat(self, node: _Node, stated: Decimal | None, row: int) -> None:
        """A row repeating a code continues the earlier one; a different Jumlah is a contradiction."""
        if stated is not None and node.stated is not None and stated != node.stated:
            self.finding(
                DUPLICATE_ROW,
                row,
                COLUMNS["jumlah"],
                expected=str(node.stated),
                actual=str(stated),
                en=f"{_LABEL[node.level]} {node.code} appears again with another Jumlah (row {node.row}: "
                f"{node.stated}); the Jumlah of row {node.row} is kept.",
                id=f"{_LABEL[node.level]} {node.code} muncul lagi dengan Jumlah lain (baris {node.row}: "
                f"{node.stated}); Jumlah baris {node.row} yang dipakai.",
            )
        elif stated is not None:
            node.stated = stated

    def _child(
        self,
        parent: _Node,
        level: _Level,
        code: str,
        name: str | None,
        row: int,
        stated: Decimal | None,
        *,
        implied: bool = False,
        kl_level: KLLevel | None = None,
    ) -> _Node | None:
        """The child of ``parent`` with ``code`` (created, or the earlier one continued)."""
        kl: KLCode | None = None
        key = code
        if parent.kl is not None and kl_level is not None:
            try:
                kl = KLCode.parse(code, within=parent.kl, level=kl_level)
            except KLCodeError as exc:
                self.not_placed(row, COLUMNS["kode"], exc.reason, f"kode tidak sah ({exc.reason})", actual=code)
                return None
            key = str(kl)
        existing = parent.by_key.get(key)
        if existing is not None:
            if not implied:
                if existing.implied_by is not None:  # the row of a parent rebuilt earlier from a code prefix
                    existing.name, existing.row, existing.implied_by = name or existing.name, row, None
                    existing.name_missing = not name
                    existing.stated = stated
                else:
                    self._repeat(existing, stated, row)
            return existing
        node = _Node(
            level,
            code,
            name or f"{_LABEL[level]} {code}",
            row,
            None if implied else stated,
            kl=kl,
            implied_by=row if implied else None,
            name_missing=not implied and not name,
        )
        parent.children.append(node)
        parent.by_key[key] = node
        return node

    def _output_chain(
        self, level: _Level, code: str, name: str, row: int, stated: Decimal | None, cells: Sequence[Any]
    ) -> None:
        if not self.started or not self.stack:
            self.not_placed(
                row,
                COLUMNS["kode"],
                f"the {_LABEL[level]} {code} comes before any program row: its program is unknown",
                f"{_LABEL[level]} {code} muncul sebelum baris program mana pun: programnya tidak diketahui",
                expected="a program row (022.12.DL) above it",
                actual=code,
            )
            return
        program = self.stack[0]
        in_progress = self.stack[2] if len(self.stack) > 2 and self.stack[2].level is _Level.KRO else None
        parts = code.split(".")
        own = level is _Level.KEGIATAN
        activity = self._child(
            program,
            _Level.KEGIATAN,
            parts[0],
            name if own else None,
            row,
            stated if own else None,
            implied=not own,
            kl_level=KLLevel.ACTIVITY,
        )
        if activity is None:
            return
        self.stack = [program, activity]
        if level is _Level.KEGIATAN:
            return
        if level is _Level.KRO:
            kro = self._child(activity, _Level.KRO, code, name, row, stated, kl_level=KLLevel.OUTPUT_CLASS)
            if kro is not None:
                self.stack.append(kro)
            return
        if len(parts) == 3:
            kro = self._child(
                activity,
                _Level.KRO,
                f"{parts[0]}.{parts[1]}",
                None,
                row,
                None,
                implied=True,
                kl_level=KLLevel.OUTPUT_CLASS,
            )
        else:
            kro = self._compact_parent(activity, in_progress, parts[1][:2], code, row)
        if kro is None:
            return
        self.stack.append(kro)
        ro = self._child(kro, _Level.RO, code, name, row, stated, kl_level=KLLevel.OUTPUT)
        if ro is None:
            return
        ro.volume = self.number(cells, COLUMNS["vol"], row)
        ro.unit = cell_text(cells[COLUMNS["satuan"]]) if len(cells) > COLUMNS["satuan"] else None
        ro.unit = ro.unit or None
        self.stack.append(ro)

    def _compact_parent(
        self, activity: _Node, previous: _Node | None, letters: str, code: str, row: int
    ) -> _Node | None:
        """The KRO of a compact RO (``3996.AE002``): the KRO in progress, else the only one of those letters."""
        if previous is not None and previous in activity.children and previous.code.split(".")[1].startswith(letters):
            return previous
        found = [k for k in activity.children if k.code.split(".")[1].startswith(letters)]
        if len(found) == 1:
            return found[0]
        known = ", ".join(k.code for k in found) or "none"
        self.not_placed(
            row,
            COLUMNS["kode"],
            f"the RO {code} names only the letters {letters} of its KRO, and the KRO cannot be told "
            f"(KRO of kegiatan {activity.code} starting with {letters}: {known})",
            f"RO {code} hanya menyebut huruf {letters} dari KRO-nya, dan KRO itu tidak dapat ditentukan "
            f"(KRO kegiatan {activity.code} yang berawalan {letters}: {known})",
            expected=f"a KRO row {activity.code}.{letters}? above it, or the RO written {activity.code}.{letters}?.xxx",
            actual=code,
        )
        return None

    def _line(
        self, level: _Level, code: str, name: str, row: int, stated: Decimal | None, cells: Sequence[Any]
    ) -> None:
        """A komponen, sub komponen, akun or detail row, under the nearest open row it may sit under."""
        stack = self._open_rows(row)
        while stack and stack[-1].level >= level:
            stack.pop()
        parent = stack[-1] if stack else None
        if parent is None or parent.level not in _PARENTS[level]:
            self._misplaced_line(level, code, name, row, parent)
            if not self.started:
                self.stack = [self.block]
            return
        if level is _Level.DETAIL:
            node = self._detail(parent, name, row, stated, cells)
        else:
            found = self._coded_line(parent, level, code, name, row, stated, cells)
            if found is None:
                return
            node = found
        stack.append(node)
        if not self.started:
            self.stack = stack

    def _open_rows(self, row: int) -> list[_Node]:
        """The rows a line may go under; before the first program, those of the block (whose rows are noted)."""
        if self.started:
            return self.stack
        if not self.block_rows or self.block_rows[-1] != row:
            self.block_rows.append(row)
        return self.stack or [self.block]

    def _misplaced_line(self, level: _Level, code: str, name: str, row: int, parent: _Node | None) -> None:
        """A line with no row of the level it belongs under above it (``SKN005``)."""
        where = f"{_LABEL[parent.level]} {parent.code}".strip() if parent else "nothing"
        allowed = " or ".join(_LABEL[p] for p in _PARENTS[level] if p is not _Level.BLOCK)
        allowed_id = " atau ".join(_LABEL[p] for p in _PARENTS[level] if p is not _Level.BLOCK)
        self.not_placed(
            row,
            COLUMNS["kode"],
            f"the {_LABEL[level]} {code or repr(name)} has no {allowed} above it (it follows the {where})",
            f"{_LABEL[level]} {code or repr(name)} tidak berada di bawah {allowed_id} (ia mengikuti {where})",
            expected=f"{allowed} row above it",
            actual=code or name,
        )

    def _detail(self, parent: _Node, name: str, row: int, stated: Decimal | None, cells: Sequence[Any]) -> _Node:
        """A detail line (volume × harga satuan) under its akun, checked."""
        node = _Node(_Level.DETAIL, "", name.lstrip("- ").strip() or name, row, stated)
        node.volume = self.number(cells, COLUMNS["vol"], row)
        node.unit = cell_text(cells[COLUMNS["satuan"]]) if len(cells) > COLUMNS["satuan"] else ""
        node.price = self.number(cells, COLUMNS["harga"], row)
        node.segments = _segments(cells)
        self._check_detail(node)
        parent.children.append(node)
        return node

    def _coded_line(
        self,
        parent: _Node,
        level: _Level,
        code: str,
        name: str,
        row: int,
        stated: Decimal | None,
        cells: Sequence[Any],
    ) -> _Node | None:
        """A komponen, sub komponen or akun (with its sumber dana) under ``parent``; ``None`` if not placed."""
        kl_level = KLLevel.COMPONENT if level is _Level.KOMPONEN and parent.kl is not None else None
        node = self._child(parent, level, code, name, row, stated, kl_level=kl_level)
        if node is not None and level is _Level.AKUN and len(cells) > COLUMNS["sumber_dana"]:
            node.funding = cell_text(cells[COLUMNS["sumber_dana"]]) or None
        return node

    def _check_detail(self, node: _Node) -> None:
        if node.stated is None:
            self.finding(
                CELL_UNREADABLE,
                node.row,
                COLUMNS["jumlah"],
                expected="its amount",
                en="A detail line without Jumlah; it is kept without an amount.",
                id="Baris rincian tanpa Jumlah; dibaca tanpa nilai.",
            )
            return
        if node.volume is not None and node.price is not None and node.volume * node.price != node.stated:
            product = node.volume * node.price
            self.finding(
                SUBTOTAL_MISMATCH,
                node.row,
                COLUMNS["jumlah"],
                expected=str(product),
                actual=str(node.stated),
                en=f"The Jumlah of the detail {node.name!r} ({node.stated}) is not Vol × Harga "
                f"({node.volume} × {node.price} = {product}).",
                id=f"Jumlah rincian {node.name!r} ({node.stated}) tidak sama dengan Vol × Harga "
                f"({node.volume} × {node.price} = {product}).",
            )

    # -- totals ----------------------------------------------------------------------------------------
    def check_totals(self) -> None:
        for program in self.programs.values():
            self._check_node(program)
        for node in self.block.children:
            self._check_node(node)
        if self.unit is None:
            self.finding(
                SUBTOTAL_MISMATCH,
                None,
                None,
                severity=Severity.WARNING,
                expected="a satker row with its Jumlah above the first program",
                en="No satker row (022.12 …) holding the official total: the Kertas Kerja cannot be checked complete.",
                id="Tidak ada baris satker (022.12 …) yang memuat total resmi: kelengkapan Kertas Kerja tidak dapat "
                "diperiksa.",
            )
            return
        parts = [p.value() for p in self.programs.values()] + [self.block.computed()]
        total = sum((p for p in parts if p is not None), Decimal(0))
        if self.unit.stated is None:
            self.finding(
                SUBTOTAL_MISMATCH,
                self.unit.row,
                COLUMNS["jumlah"],
                severity=Severity.WARNING,
                expected=f"the official total ({total})",
                en="The satker row has no Jumlah (the official total): the sum cannot be checked.",
                id="Baris satker tidak memiliki Jumlah (total resmi): jumlahnya tidak dapat diperiksa.",
            )
        elif self.unit.stated != total:
            block = bool(self.block.children)
            self.finding(
                SUBTOTAL_MISMATCH,
                self.unit.row,
                COLUMNS["jumlah"],
                expected=str(total),
                actual=str(self.unit.stated),
                en=f"The official total on the satker row {self.unit.code} ({self.unit.stated}) differs from the sum "
                f"of the programs{' and the block before them' if block else ''} ({total}).",
                id=f"Total resmi pada baris satker {self.unit.code} ({self.unit.stated}) tidak sama dengan jumlah "
                f"program{' dan blok sebelumnya' if block else ''} ({total}).",
            )

    def _check_node(self, node: _Node) -> None:
        for child in node.children:
            self._check_node(child)
        computed = node.computed()
        if node.stated is None or computed is None or node.stated == computed:
            return
        self.finding(
            SUBTOTAL_MISMATCH,
            node.row,
            COLUMNS["jumlah"],
            expected=str(computed),
            actual=str(node.stated),
            en=f"The Jumlah of {_LABEL[node.level]} {node.code} ({node.stated}) differs from the sum of the rows "
            f"below it ({computed}; difference {node.stated - computed}).",
            id=f"Jumlah {_LABEL[node.level]} {node.code} ({node.stated}) tidak sama dengan jumlah baris di bawahnya "
            f"({computed}; selisih {node.stated - computed}).",
        )


def _segments(cells: Sequence[Any]) -> str | None:
    parts = []
    for quantity, unit in _SEGMENTS:
        q = cell_text(cells[quantity]) if quantity < len(cells) else ""
        u = cell_text(cells[unit]) if unit < len(cells) else ""
        if q and u and u.casefold() != "x":
            parts.append(f"{q} {u}")
    return " x ".join(parts) if len(parts) >= 2 else None


# -- locating the table ---------------------------------------------------------------------------------


def _header_row(sheet: SheetRows) -> int | None:
    for number, cells in sheet.rows[:60]:
        if len(cells) <= COLUMNS["uraian"] or cell_text(cells[COLUMNS["kode"]]).casefold() != "kode":
            continue
        if cell_text(cells[COLUMNS["uraian"]]).casefold().startswith("uraian"):
            return number
    return None


def is_kertas_kerja(path: str | Path) -> bool | None:
    """Whether ``path`` is a SAKTI Kertas Kerja: a sheet with ``KODE``/``URAIAN`` in columns B/C (``None``: unreadable)."""
    sheets, errors = read_sheets(Path(path), source=str(path), limits=ReadLimits(max_rows=200))
    if not sheets:
        return None
    return any(_header_row(s) is not None for s in sheets)


def _is_numbering(cells: Sequence[Any]) -> bool:
    """The row under the header numbering the columns: ``1, 2, 3 …`` or ``(1), (2) …``."""
    texts = [cell_text(v).strip("()") for v in cells if cell_text(v)]
    return len(texts) >= 3 and all(t.isdigit() for t in texts)


# -- building the models -----------------------------------------------------------------------------------


def _money(value: Decimal | None) -> Money | None:
    return Money(value) if value is not None else None


def _amount(value: Decimal | None) -> str | None:
    return str(value) if value is not None else None


def _line_extra(node: _Node) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "kode": node.code or None,
        "uraian": node.name,
        "baris": node.row,
        "jumlah": _amount(node.value()),
    }
    if node.level is _Level.AKUN:
        entry["sumber_dana"] = node.funding
    if node.level is _Level.DETAIL:
        entry.update(
            volume=_amount(node.volume), satuan=node.unit or None, harga=_amount(node.price), volume_rinci=node.segments
        )
    if node.children:
        entry["rincian"] = [_line_extra(c) for c in node.children]
    return entry


def _provenance(reader: _Reader, node: _Node) -> Provenance:
    return Provenance(source=reader.source, sheet=reader.sheet, row=node.row)


def _extra(node: _Node) -> dict[str, Any]:
    extra: dict[str, Any] = {}
    if node.stated is not None:
        extra["jumlah"] = str(node.stated)
    if node.implied_by is not None:
        extra["dibentuk_dari_kode"] = node.implied_by
    if node.name_missing:
        extra["nama_tidak_ada"] = True
    return extra


def _models(
    reader: _Reader, *, work_unit: str | None, location: str | None, authority: Authority | None
) -> Iterator[MinistryProgram]:
    """The programs of the sheet as models: program → kegiatan → KRO → RO (see :func:`_output`)."""
    for program in reader.programs.values():
        assert program.kl is not None
        activities = []
        for activity in program.children:
            assert activity.kl is not None
            classes = []
            for kro in activity.children:
                assert kro.kl is not None
                outputs = [
                    _output(reader, ro, work_unit=work_unit, location=location, authority=authority)
                    for ro in kro.children
                ]
                classes.append(
                    OutputClass(
                        code=kro.kl,
                        name=kro.name,
                        outputs=outputs,
                        provenance=_provenance(reader, kro),
                        extra=_extra(kro),
                    )
                )
            activities.append(
                MinistryActivity(
                    code=activity.kl,
                    name=activity.name,
                    output_classes=classes,
                    provenance=_provenance(reader, activity),
                    extra=_extra(activity),
                )
            )
        yield MinistryProgram(
            code=program.kl,
            name=program.name,
            activities=activities,
            provenance=_provenance(reader, program),
            extra=_extra(program),
        )


def _output(
    reader: _Reader, ro: _Node, *, work_unit: str | None, location: str | None, authority: Authority | None
) -> DetailedOutput:
    """An RO with its komponen (their sub komponen, akun and details as ``extra["rincian"]``), located at
    ``location`` when given."""
    assert ro.kl is not None
    components = [
        Component(
            code=c.kl,
            name=c.name,
            allocation=_money(c.value()),
            provenance=_provenance(reader, c),
            extra={"rincian": [_line_extra(x) for x in c.children]} if c.children else {},
        )
        for c in ro.children
        if c.kl is not None
    ]
    value = ro.value()
    locations = []
    if location is not None:
        target = Value.of(ro.volume, ro.unit) if ro.volume is not None else None
        locations.append(OutputLocation(region_code=location, target=target, allocation=_money(value)))
    return DetailedOutput(
        code=ro.kl,
        name=ro.name,
        volume=ro.volume,
        unit=ro.unit,
        allocation=_money(value),
        components=components,
        work_unit=work_unit,
        authority=authority,
        locations=locations,
        provenance=_provenance(reader, ro),
        extra=_extra(ro),
    )


def _option_errors(options: dict[str, Any], where: Location) -> list[SourceError]:
    unknown = sorted(set(options) - SAKTI_OPTIONS)
    if unknown:
        return [
            SourceError(
                f"unknown option(s) for the SAKTI Kertas Kerja reader: {', '.join(unknown)}",
                location=where,
                expected=", ".join(sorted(SAKTI_OPTIONS)),
            )
        ]
    return []


def read_sakti(source: str | Path, **options: Any) -> ReadResult:
    """Read a SAKTI Kertas Kerja xlsx into a bundle holding one ministry plan (RKA-K/L by default).

    Options: ``year`` (else read from the preamble, ``T.A. 2026``), ``plan_id``, ``title``,
    ``ministry_name`` (else a printed ``(022) KEMENTERIAN …`` head), ``work_unit`` and
    ``work_unit_name`` (the satker; else a printed ``(123456) …`` head), ``location`` (the satker's
    kode wilayah: every RO is then located there with its volume and amount), ``authority``
    (kewenangan of the satker: ``"KP"``, ``"DK"``, ``"TP"`` …), ``kind`` (``"rka_kl"`` default,
    ``"dipa"``, ``"renja_kl"``), ``sheet`` and ``limits`` (a ``sinkron_spreadsheet.ReadLimits`` or dict).
    """
    path = Path(source)
    where = Location(source=str(source))
    errors = _option_errors(options, where)
    if errors:
        return ReadResult(bundle=Bundle(), errors=errors, source=str(source))
    try:
        limits = ReadLimits.of(options.get("limits"))
    except ValueError as exc:
        return ReadResult(bundle=Bundle(), errors=[SourceError(str(exc), location=where)], source=str(source))
    sheets, errors = read_sheets(path, source=str(source), limits=limits, only=options.get("sheet"))
    found = [(s, h) for s in sheets if (h := _header_row(s)) is not None]
    if not found:
        if sheets:
            errors.append(
                SourceError(
                    "no Kertas Kerja header row",
                    location=where,
                    expected="a row with KODE in column B and URAIAN in column C",
                    actual=[s.name for s in sheets],
                )
            )
        return ReadResult(bundle=Bundle(), errors=errors, source=str(source))
    sheet, header = found[0]
    reader = _Reader(source=str(source), sheet=sheet.name, errors=errors)
    preamble = _read_rows(reader, sheet, header)
    reader.check_totals()
    return _result(reader, preamble, options, where)


def _read_rows(reader: _Reader, sheet: SheetRows, header: int) -> list[str]:
    """Read the rows below the ``header`` row into ``reader``; return the texts of the rows above it (the preamble).

    A row numbering the columns (``(1) (2) …``) right under the header is skipped.
    """
    _check_jumlah_column(reader, sheet, header)
    preamble: list[str] = []
    numbering_allowed = True
    for number, cells in sheet.rows:
        if number < header:
            preamble.extend(t for t in (cell_text(v) for v in cells) if t)
            continue
        if number == header:
            continue
        if numbering_allowed and _is_numbering(cells):
            numbering_allowed = False
            continue
        numbering_allowed = False
        reader.add(number, cells)
    return preamble


def _check_jumlah_column(reader: _Reader, sheet: SheetRows, header: int) -> None:
    """The header row must name the Jumlah column where the layout puts it (else the sheet cannot be read)."""
    header_cells = next(cells for number, cells in sheet.rows if number == header)
    jumlah = cell_text(header_cells[COLUMNS["jumlah"]]) if len(header_cells) > COLUMNS["jumlah"] else ""
    if "jumlah" not in jumlah.casefold():
        reader.error(
            "the Jumlah column is not where the Kertas Kerja layout puts it",
            header,
            COLUMNS["jumlah"],
            expected="JUMLAH",
            actual=jumlah or None,
        )


def _preamble(preamble: list[str]) -> tuple[int | None, dict[str, str]]:
    year = None
    printed: dict[str, str] = {}
    for text in preamble:
        if year is None and (m := _YEAR.search(text)):
            year = int(m.group(1))
        for part in re.split(r"\s*[:|]\s*", text):
            if m := _PRINTED.match(part):
                printed.setdefault(m.group(1), m.group(2).strip())
    return year, printed


@attrs.frozen
class _Satker:
    """The satker the Kertas Kerja belongs to and what the options say of its plan."""

    code: str | None
    name: str | None
    authority: Authority | None
    kind: MinistryDocument

    @classmethod
    def of(cls, options: dict[str, Any], printed: dict[str, str]) -> _Satker:
        """From the options, else the printed ``(123456) …`` head (raises ``InvalidModel``/``ValueError``)."""
        code = options.get("work_unit") or next((c for c in printed if len(c) == 6), None)
        name = options.get("work_unit_name") or (printed.get(code) if code else None)
        authority = Authority.parse(str(options["authority"])) if options.get("authority") else None
        kind = MinistryDocument(options.get("kind") or MinistryDocument.RKA_KL.value)
        return cls(code, name, authority, kind)


def _result(reader: _Reader, preamble: list[str], options: dict[str, Any], where: Location) -> ReadResult:
    errors = reader.errors
    found_year, printed = _preamble(preamble)
    year = _year(options.get("year"), found_year, errors, where)
    ba, unit_code = _budget_section(reader, where)
    if ba is None or year is None:
        return ReadResult(bundle=Bundle(), errors=errors, source=reader.source, records=reader.records)
    try:
        satker = _Satker.of(options, printed)
    except (InvalidModel, ValueError) as exc:
        errors.append(SourceError(str(getattr(exc, "reason", exc)), location=where))
        return ReadResult(bundle=Bundle(), errors=errors, source=reader.source, records=reader.records)
    try:
        plan = _plan(reader, satker, options, ba=ba, unit_code=unit_code, year=year)
        records = _national_records(reader, satker, plan, options, printed, unit_code=unit_code)
    except InvalidModel as exc:
        errors.append(SourceError(exc.reason, location=where.evolve(field=exc.field)))
        return ReadResult(bundle=Bundle(), errors=errors, source=reader.source, records=reader.records)
    bundle = Bundle(national=records, sources=(reader.source,), source_findings=reader.findings)
    return ReadResult(bundle=bundle, errors=errors, source=reader.source, records=reader.records)


def _year(option: Any, found_year: int | None, errors: list[SourceError], where: Location) -> int | None:
    """The budget year: the ``year`` option (text of digits allowed), else the preamble's ``T.A. 2026``."""
    year = option
    if isinstance(year, str) and year.strip().isdigit():
        year = int(year)
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        errors.append(SourceError("year is not a year", location=where, expected="a year such as 2026", actual=year))
        year = None
    if year is not None and found_year is not None and year != found_year:
        errors.append(
            SourceError(
                f"year={year} but the sheet says T.A. {found_year}",
                location=where,
                expected=str(found_year),
                actual=year,
            )
        )
    year = year or found_year
    if year is None:
        errors.append(
            SourceError(
                "the budget year is not known",
                location=where,
                expected="'T.A. 2026' in the rows above the header, or the option year=2026",
            )
        )
    return year


def _budget_section(reader: _Reader, where: Location) -> tuple[str | None, str | None]:
    """The bagian anggaran of the sheet and the satker row's unit code; every program must be under that unit."""
    codes = {p.kl.budget_section for p in reader.programs.values() if p.kl is not None}
    unit_code = reader.unit.code if reader.unit else None
    if unit_code is not None:
        for program in reader.programs.values():
            if not program.code.startswith(unit_code + "."):
                reader.error(
                    f"the program {program.code} is not under the satker's unit {unit_code}",
                    program.row,
                    COLUMNS["kode"],
                    expected=f"{unit_code}.XX",
                    actual=program.code,
                )
        codes.add(unit_code.split(".")[0])
    if len(codes) > 1:
        reader.errors.append(
            SourceError("the sheet mixes bagian anggaran", location=where, actual=sorted(c for c in codes if c))
        )
    return next(iter(sorted(c for c in codes if c)), None), unit_code


def _plan(
    reader: _Reader, satker: _Satker, options: dict[str, Any], *, ba: str, unit_code: str | None, year: int
) -> MinistryPlan:
    """The RKA-K/L (or DIPA, Renja K/L) of the sheet, with the block before the programs and the official total."""
    programs = list(
        _models(reader, work_unit=satker.code, location=options.get("location"), authority=satker.authority)
    )
    extra: dict[str, Any] = {}
    if reader.block.children:
        extra["blok_sebelum_program"] = {
            "baris": [reader.block_rows[0], reader.block_rows[-1]],
            "jumlah": _amount(reader.block.computed()),
            "rincian": [_line_extra(c) for c in reader.block.children],
        }
    if reader.unit is not None:
        extra["total_resmi"] = _amount(reader.unit.stated)
    unit_name = reader.unit.name if reader.unit else None
    kind = satker.kind
    return MinistryPlan(
        id=options.get("plan_id") or f"{kind.value.replace('_', '-')}-{satker.code or unit_code or ba}-{year}",
        ministry_code=ba,
        year=year,
        kind=kind,
        title=options.get("title") or f"Kertas Kerja {satker.name or unit_name or ba} T.A. {year}",
        programs=programs,
        provenance=Provenance(source=reader.source, sheet=reader.sheet),
        extra=extra,
    )


def _national_records(
    reader: _Reader,
    satker: _Satker,
    plan: MinistryPlan,
    options: dict[str, Any],
    printed: dict[str, str],
    *,
    unit_code: str | None,
) -> NationalRecords:
    """The plan with the K/L, the eselon I unit and the satker it names."""
    ba = plan.ministry_code
    ministry_name = options.get("ministry_name") or printed.get(ba)
    unit_name = reader.unit.name if reader.unit else None
    ministries = (Ministry(code=ba, name=ministry_name),) if ministry_name else ()
    units = (EchelonOneUnit(code=unit_code, name=unit_name or unit_code),) if unit_code else ()
    work_units: tuple[WorkUnit, ...] = ()
    if satker.code:
        work_units = (
            WorkUnit(
                code=satker.code,
                name=satker.name or satker.code,
                ministry_code=ba,
                unit_code=unit_code,
                location=options.get("location"),
                authority=satker.authority,
            ),
        )
    return NationalRecords(ministries=ministries, units=units, work_units=work_units, plans=(plan,))

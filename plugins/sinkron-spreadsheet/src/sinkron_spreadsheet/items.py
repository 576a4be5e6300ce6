"""Reading program → kegiatan → sub kegiatan rows (Renstra PD, Renja/DPA, the RKPD report).

Rows stream in; each row's code (one column, or five split columns) says its level. Urusan and
bidang rows are headings (their subtotals are checked against the programs under them — in a sheet
of several perangkat daerah, those of the heading's own unit — and their names kept when they
differ from the nomenclature); program, kegiatan and sub kegiatan rows become items; a row without a code but with
an indicator continues the item above (one more indicator); ``TOTAL`` rows are checked, never
imported. Parents without a row of their own (a flat Renja sheet) are named from the nomenclature.

Reading is tolerant (DESIGN §6a): every data problem is a located source finding
(:mod:`sinkron.source_findings`) and the row is kept whenever it can be placed — a value that cannot be
read is left out of the row, a program whose pagu differs from the sum of its kegiatan keeps its own
figure. A row with an official name but no code takes its code from the nomenclature when the name is
that of one entry under the current kegiatan or program (``SKN006``); a row that cannot be placed, or
repeats a code, is named by its finding (``SKN005``, ``SKN010``). Each row is counted in a
:class:`~sinkron_spreadsheet.findings.RowTally`. Reading goes on to the end of the sheet so that all
problems of a file are reported together.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import attrs

from sinkron.codes import Code, CodeLevel
from sinkron.errors import CodeError, InvalidModel
from sinkron.models import (
    Activity,
    Budget,
    FundingSource,
    Indicator,
    IndicatorKind,
    Money,
    Origin,
    Program,
    Provenance,
    ReportingPeriod,
    Spending,
    SubActivity,
    Target,
    Value,
)
from sinkron.models import Baseline as BaselineModel
from sinkron.models.findings import Finding
from sinkron.nomenclature import Entry, NameMatchKind, Nomenclature, compare_names, list_for_code
from sinkron.source_findings import (
    CELL_UNREADABLE,
    CODE_INFERRED,
    DUPLICATE_ROW,
    FORMULA_EVALUATED,
    FORMULA_NOT_EVALUATED,
    NAME_FROM_NOMENCLATURE,
    REPEATED_INDICATOR,
    ROW_NOT_READ,
    SUBTOTAL_MISMATCH,
    TARGET_WITHOUT_INDICATOR,
)
from sinkron_spreadsheet.cells import (
    CellError,
    clean_text,
    is_blank,
    normalise_header,
    plain_number,
    split_list,
    to_date,
    to_decimal,
    to_money,
    to_text,
    to_value,
    unescape_text,
)
from sinkron_spreadsheet.findings import RowTally, SheetFindings, distinct_ids, rupiah
from sinkron_spreadsheet.header import Column, Header
from sinkron_spreadsheet.mapping import Mapping
from sinkron_spreadsheet.workbook import CellNote

__all__ = ["SUBTOTAL_TOLERANCE", "ItemsResult", "read_items"]

SUBTOTAL_TOLERANCE = Decimal(1)
"""A subtotal or total that differs from the sum of its rows by less than this (Rp 1: rounding of
figures computed with decimals) is not reported."""

_LEVEL_KIND = {
    CodeLevel.PROGRAM: IndicatorKind.OUTCOME,
    CodeLevel.ACTIVITY: IndicatorKind.OUTCOME,
    CodeLevel.SUB_ACTIVITY: IndicatorKind.OUTPUT,
}
_ROLE_LEVEL = {"capaian": CodeLevel.PROGRAM, "hasil": CodeLevel.ACTIVITY, "keluaran": CodeLevel.SUB_ACTIVITY}
_NUMBERING = re.compile(r"^\(?\d{1,2}\)?$")
_FUNDING = re.compile(r"^\s*(\d+(?:\.\d+)*)\s+(.+?)\s*(?:\(\s*(Rp[^)]*)\))?\s*$", re.S | re.I)
_FUNDING_AMOUNT_ONLY = re.compile(r"^\s*(.+?)\s*\(\s*(Rp[^)]*)\)\s*$", re.S | re.I)


@attrs.define
class _Indicator:
    name: str
    kind: IndicatorKind
    row: int
    unit: str | None = None
    baseline: Value | None = None
    targets: dict[int, Value] = attrs.field(factory=dict)


@attrs.define
class _Item:
    level: CodeLevel
    code: Code
    agency_id: str | None
    name: str | None = None
    row: int | None = None
    """1-based row of the item's own row; ``None`` for a parent implied by its children."""
    extra: dict[str, Any] = attrs.field(factory=dict)
    indicators: dict[str, _Indicator] = attrs.field(factory=dict)
    budgets: dict[int, tuple[Decimal, int, str]] = attrs.field(factory=dict)
    """year → (amount, row, column letter) as written in the item's row."""
    locations: list[str] = attrs.field(factory=list)
    funding: list[FundingSource] = attrs.field(factory=list)
    cash_plan: list[Spending] = attrs.field(factory=list)
    """Anggaran kas of a sub kegiatan row, per month or quarter of the plan year."""
    spending: list[Spending] = attrs.field(factory=list)
    """Realisasi keuangan of a sub kegiatan row, per month or quarter of the plan year."""
    children: dict[Code, _Item] = attrs.field(factory=dict)


@attrs.define
class _Heading:
    code: Code
    row: int
    budgets: dict[int, tuple[Decimal, int, str]] = attrs.field(factory=dict)
    programs: list[tuple[str | None, Code]] = attrs.field(factory=list)
    """The programs under the heading: those first met after its row, in its unit, before the next heading."""


@attrs.frozen
class ItemsResult:
    """Programs read from one sheet, the urusan/bidang names that differ from the nomenclature, the source
    findings, and how each row was accounted for."""

    programs: tuple[Program, ...]
    headings: dict[str, str]
    findings: tuple[Finding, ...]
    tally: RowTally
    rows: int


class _Reader:
    def __init__(
        self,
        *,
        mapping: Mapping,
        header: Header,
        source: str,
        sheet: str | None,
        notes: dict[tuple[int, int], CellNote],
        year: int,
        nomenclature: Nomenclature,
        agency_id: str | None,
        on_unit: Callable[[int, str, str], str | None] | None,
    ) -> None:
        self.mapping = mapping
        self.header = header
        self.source = source
        self.sheet = sheet
        self.notes = notes
        self.year = year
        self.nomenclature = nomenclature
        self.agency_id = agency_id
        self.on_unit = on_unit
        self.report = SheetFindings(source, sheet)
        self.tally = RowTally()
        self.programs: dict[tuple[str | None, Code], _Item] = {}
        self.headings: list[_Heading] = []
        self.heading_names: dict[str, str] = {}
        self.totals: list[_Heading] = []
        self.open_headings: list[_Heading] = []
        """The urusan and bidang rows the next program row falls under (reset by a ``Unit Organisasi`` line)."""
        self.sector: Code | None = None
        self.last: _Item | None = None
        self.context: dict[CodeLevel, _Item] = {}
        self.seen_rows: dict[tuple[str | None, Code], int] = {}
        self.header_texts = {p[-1] for p in header.paths if p}
        self.noted_rows = {r for r, _ in notes}
        """Rows with a noted cell (an error value, an uncached formula, a percent or suffix format): only these
        take the slower cell reading that looks the notes up."""
        self.columns: dict[str, tuple[Column, ...]] = {f: tuple(c) for f, c in header.columns.items() if c}
        self.budget_fields = [f for f in ("pagu", "pagu.{i}", "pagu.{year}", "next.pagu") if f in self.columns]
        self.period_fields = [
            (f, ReportingPeriod(f.partition(".")[2])) for f in self.columns if f.startswith(("cash.", "spent."))
        ]
        self.funding_read: dict[str, FundingSource] = {}
        self.noted_seen: set[tuple[int, int]] = set()
        self.lost_rows: set[int] = set()
        """1-based rows of items that could not be built (counted as reported, not read)."""
        """Noted cells already reported (a cell may be read twice: once to test a row, once to read it)."""

    # -- provenance and findings ----------------------------------------------------------------
    def provenance(self, item: _Item) -> Provenance:
        """Where ``item`` sits: its own row, or (a parent implied by its children) the first row under it."""
        if item.row is not None:
            return Provenance(source=self.source, sheet=self.sheet, row=item.row)
        return Provenance(
            source=self.source, sheet=self.sheet, row=min(_rows_of(item), default=None), origin=Origin.DERIVED
        )

    def unreadable(self, exc: CellError, r: int, column: Column | str | None, field: str, raw: object) -> None:
        """A cell whose value cannot be read as what its column holds: the row is read without it (``SKN008``)."""
        self.report.add(
            CELL_UNREADABLE,
            r + 1,
            column,
            field,
            id=f"Isi sel {field} {_quoted(raw)} tidak dapat dibaca ({exc.message}); baris dibaca tanpa nilai ini.",
            en=f"The {field} cell {_quoted(raw)} cannot be read ({exc.message}); the row is read without this value.",
            expected=exc.expected,
            found=_plain(raw),
            fix_id="Perbaiki isi sel ini.",
            fix_en=f"Correct this cell: {exc.expected}.",
        )

    # -- cells --------------------------------------------------------------------------------------
    def cell(self, values: list[Any], r: int, field: str) -> list[tuple[Column, Any]]:
        columns = self.columns.get(field)
        if columns is None:
            return []
        if r not in self.noted_rows:
            # No note in this row: the value, the writer's apostrophe removed, unless blank.
            out = []
            for column in columns:
                raw = values[column.index] if column.index < len(values) else None
                if raw is None:
                    continue
                if isinstance(raw, str):
                    if raw[:1] == "'":
                        raw = unescape_text(raw)
                    if not raw.strip():
                        continue
                out.append((column, raw))
            return out
        return self.noted_cell(values, r, field, columns)

    def noted_cell(
        self, values: list[Any], r: int, field: str, columns: tuple[Column, ...]
    ) -> list[tuple[Column, Any]]:
        """:meth:`cell` in a row with noted cells: an error value or a formula without a value is a source finding
        (each reported once, the first time the cell is read) and the cell is read as empty; a value sinkron
        computed from its formula is read, and reported as computed."""
        out = []
        for column in columns:
            raw = unescape_text(values[column.index]) if column.index < len(values) else None
            note = self.notes.get((r, column.index))
            if note is not None and note.kind in ("error", "uncached", "evaluated"):
                first_time = (r, column.index) not in self.noted_seen
                self.noted_seen.add((r, column.index))
                if note.kind == "error":
                    if first_time:
                        self.report.add(
                            CELL_UNREADABLE,
                            r + 1,
                            column,
                            field,
                            id=f"Sel {field} berisi nilai galat {note.detail}; baris dibaca tanpa nilai ini.",
                            en=f"The {field} cell holds the error value {note.detail}; the row is read without it.",
                            expected="a value",
                            found=note.detail,
                            fix_id="Perbaiki rumus sel ini.",
                            fix_en="Correct the formula of this cell.",
                        )
                    continue
                if note.kind == "uncached" and is_blank(raw):
                    if first_time:
                        self.formula_not_evaluated(r, column, field, note)
                    continue
                if note.kind == "evaluated" and first_time:
                    shown = "kosong" if is_blank(raw) else _plain(raw)
                    self.report.add(
                        FORMULA_EVALUATED,
                        r + 1,
                        column,
                        field,
                        id=f"Nilai {note.detail} dihitung sinkron: {shown}.",
                        en=f"The value of {note.detail} was computed by sinkron: {'empty' if is_blank(raw) else raw}.",
                        expected=note.detail,
                        found=_plain(raw),
                        fix_id="Buka dan simpan file di Excel atau LibreOffice agar nilainya tersimpan.",
                        fix_en="Open and save the file in Excel or LibreOffice so that the value is stored.",
                    )
            if not is_blank(raw):
                out.append((column, raw))
        return out

    def formula_not_evaluated(self, r: int, column: Column, field: str, note: CellNote) -> None:
        """A formula saved without its value that sinkron cannot compute: the cell is read as empty (``SKN002``)."""
        formula = note.detail
        because = f" ({note.reason})" if note.reason else ""
        self.report.add(
            FORMULA_NOT_EVALUATED,
            r + 1,
            column,
            field,
            id=f"Rumus {formula or 'di sel ini'} tanpa nilai tersimpan tidak dapat dihitung sinkron{because}; "
            "nilai dibiarkan kosong.",
            en=f"The formula {formula or 'of this cell'} has no saved value and cannot be computed by sinkron{because}; "
            "the value is left empty.",
            expected="a formula with its saved value",
            found=formula or None,
            fix_id="Buka dan simpan file di Excel atau LibreOffice agar nilai rumus tersimpan.",
            fix_en="Open and save the file in Excel or LibreOffice so that the formula's value is stored.",
        )

    def one(self, values: list[Any], r: int, field: str) -> tuple[Column, Any] | None:
        """The first non-blank cell of ``field`` (what :meth:`cell` gives first)."""
        columns = self.columns.get(field)
        if columns is None:
            return None
        if r not in self.noted_rows:
            for column in columns:
                raw = values[column.index] if column.index < len(values) else None
                if raw is None:
                    continue
                if isinstance(raw, str):
                    if raw[:1] == "'":
                        raw = unescape_text(raw)
                    if not raw.strip():
                        continue
                return column, raw
            return None
        found = self.noted_cell(values, r, field, columns)
        return found[0] if found else None

    def value(self, raw: Any, r: int, column: Column, unit: str | None = None) -> Value:
        if r not in self.noted_rows:
            return to_value(raw, unit=unit)
        note = self.notes.get((r, column.index))
        return to_value(
            raw,
            unit=unit,
            percent=note is not None and note.kind == "percent",
            suffix=note.detail if note is not None and note.kind == "suffix" else None,
        )

    # -- codes --------------------------------------------------------------------------------------
    def code_text(self, values: list[Any], r: int) -> tuple[str | None, Column | None, list[str]]:
        """The code text of a row, its column, and the candidate readings when a numeric cell lost a zero."""
        columns = self.header.columns.get("code")
        if not columns:
            return None, None, []
        first = columns[0]
        if not self.mapping.split_code:
            raw = values[first.index] if first.index < len(values) else None
            if is_blank(raw):
                return None, first, []
            text = clean_text(to_text(raw))
            return text, first, (_padded(text) if isinstance(raw, float) and _one_decimal(raw) else [])
        parts: list[str] = []
        ambiguous_at: int | None = None
        for offset in range(5):
            index = first.index + offset
            raw = values[index] if index < len(values) else None
            if is_blank(raw):
                break
            text = clean_text(to_text(raw))
            prefix = ".".join(parts)
            if prefix and text.startswith(prefix + "."):
                text = text[len(prefix) + 1 :]  # a cell that repeats the parent parts: "1.02" under "1"
            if isinstance(raw, float) and offset == 3 and _one_decimal(raw):
                ambiguous_at = offset
            parts.append(text)
        if not parts:
            return None, first, []
        candidates: list[str] = []
        if ambiguous_at is not None:
            for variant in _padded(parts[ambiguous_at]):
                candidates.append(".".join([*parts[:ambiguous_at], variant, *parts[ambiguous_at + 1 :]]))
        return ".".join(parts), first, candidates

    def lookup(self, code: Code) -> Entry | None:
        """The nomenclature entry of ``code`` in the list of its level (a provincial-variant code in the
        provincial list, a kab/kota one in the kab/kota list: :func:`sinkron.nomenclature.list_for_code`)."""
        return list_for_code(self.nomenclature, code).lookup(code, self.year)

    def parse_code(self, text: str, r: int, column: Column, candidates: list[str], values: list[Any]) -> Code | None:
        if candidates:
            codes = [c for c in (_try_code(t) for t in candidates) if c is not None]
            known = [c for c in codes if self.lookup(c) is not None]
            if len(known) == 1:
                return known[0]
            readings = " atau ".join(str(c) for c in codes)
            self.not_placed(
                r,
                column,
                values,
                id=f"Kode {text} tersimpan sebagai angka dan kehilangan nol di belakang ({readings}); baris tidak dibaca.",
                en=f"The code {text} was stored as a number and lost a trailing zero ({readings.replace(' atau ', ' or ')}); "
                "the row is not read.",
                expected=f"the code as text (one of {', '.join(str(c) for c in codes)})",
                found=text,
                fix_id="Tulis kode sebagai teks (format sel Text).",
                fix_en="Write the code as text (cell format Text).",
            )
            return None
        try:
            code = Code.parse(text)
        except CodeError as exc:
            self.not_placed(
                r,
                column,
                values,
                id=f"Kode {text!r} bukan kode nomenklatur ({exc.reason}); baris tidak dibaca.",
                en=f"The code {text!r} is not a nomenclature code ({exc.reason}); the row is not read.",
                expected="a code such as 1.02.02.2.02.0001",
                found=text,
                fix_id="Perbaiki kode sesuai nomenklatur (Kepmendagri 900.1-15.5).",
                fix_en="Correct the code to a nomenclature code (Kepmendagri 900.1-15.5).",
            )
            return None
        if (
            code.is_generic
            and code.level not in (CodeLevel.AFFAIR, CodeLevel.SECTOR)
            and self.sector is not None
            and not self.sector.is_generic
        ):
            return code.in_sector(self.sector)
        # Without a bidang urusan row above it, a generic code is itself, as the plan holds it (the rules report it).
        return code

    def not_placed(
        self,
        r: int,
        column: Column | None,
        values: list[Any],
        *,
        id: str,
        en: str,
        expected: str,
        found: object,
        fix_id: str,
        fix_en: str,
    ) -> None:
        """A row that cannot be placed in the plan (``SKN005``): the finding names what the row holds."""
        content = _row_content(values)
        self.report.add(
            ROW_NOT_READ,
            r + 1,
            column,
            "code",
            id=id,
            en=en,
            expected=expected,
            found=found,
            fix_id=fix_id,
            fix_en=fix_en,
            evidence={"row": content},
        )

    # -- rows --------------------------------------------------------------------------------------
    def noise(self, values: list[Any]) -> str | None:
        """``"blank"`` for an empty row, ``"header"`` for a numbering row or a repeated header, else ``None``."""
        texts = [normalise_header(to_text(v)) for v in values if not is_blank(v)]
        if not texts:
            return "blank"
        if len(texts) >= 3 and all(_NUMBERING.match(t.replace(" ", "")) for t in texts):
            return "header"  # the (1) (2) (3) … numbering row under a report header
        if sum(1 for t in texts if t in self.header_texts) >= max(2, len(texts) - 1):
            return "header"  # a repeated header
        return None

    def row(self, r: int, values: list[Any]) -> str:
        """Read one row; say how it is accounted for (a kind of :data:`~sinkron_spreadsheet.findings.ROW_KINDS`)."""
        text, column, candidates = self.code_text(values, r)
        if text is None or not (text[:1].isdigit() or text[:1] in "Xx"):
            # Not a code: a blank, numbering or repeated header row, a Unit Organisasi line, a TOTAL row …
            kind = self.line_without_code(r, values)
            if kind is not None:
                return kind
        name_cell = self.one(values, r, "name")
        inferred = text is None
        if text is None:
            found = self.row_without_code(r, values, column, name_cell)
            if isinstance(found, str):
                return found
            text = str(found)
        assert column is not None
        code = self.parse_code(text, r, column, candidates, values)
        if code is None:
            return "reported"
        if code.level in (CodeLevel.AFFAIR, CodeLevel.SECTOR):
            self.heading(code, r, values, name_cell)
            return "subtotal"
        item = self.item(code, r, column, name_cell, values)
        if item is None:
            return "reported"
        if inferred:
            assert name_cell is not None
            self.code_inferred(code, r, column, clean_text(to_text(name_cell[1])))
        elif not code.is_generic and _parses(text) and Code.parse(text).is_generic:
            item.extra["code_original"] = text  # X.XX.01… written once for every bidang
        self.fields(item, values, r)
        self.last = item
        return "read"

    def line_without_code(self, r: int, values: list[Any]) -> str | None:
        """The kind of a row that holds no code and no item: blank, a header again, or a Unit Organisasi line
        (which changes the perangkat daerah of the rows below); ``None`` for any other row."""
        noise = self.noise(values)
        if noise is not None:
            return noise
        if self.on_unit is None:
            return None
        from sinkron_spreadsheet.preamble import parse_line

        line = parse_line(values)
        if line is None or line[0] not in ("unit", "sub_unit"):
            return None
        self.agency_id = self.on_unit(r, line[0], line[1])
        if line[0] == "unit":
            self.open_headings.clear()  # a new perangkat daerah: its own urusan and bidang rows follow
        return "read"

    def row_without_code(
        self, r: int, values: list[Any], column: Column | None, name_cell: tuple[Column, Any] | None
    ) -> Code | str:
        """A row whose code cell is empty: a TOTAL row, an indicator continuing the item above, or an item named
        in the nomenclature under the current program or kegiatan (its code, to be read as if written); else the
        row is reported. Returns the code, or the kind of row when there is no item to read."""
        name = clean_text(to_text(name_cell[1])) if name_cell else ""
        if name and normalise_header(name) in {normalise_header(t) for t in self.mapping.total_labels}:
            self.total(r, values)
            return "total"
        if name_cell is None and self.last is not None and self.has_indicator(values, r):
            self.indicators(self.last, values, r)
            return "read"
        code = self.code_from_name(name) if name else None
        if code is not None:
            return code
        if name:
            id_text = f"Baris {r + 1} tidak memiliki kode dan namanya ({name!r}) bukan nama nomenklatur di bawah "
            id_text += "induknya; baris tidak dibaca."
            en_text = f"Row {r + 1} has no code and its name ({name!r}) is not one nomenclature name under its "
            en_text += "parent; the row is not read."
        else:
            id_text = f"Baris {r + 1} tidak memiliki kode maupun nama; baris tidak dibaca."
            en_text = f"Row {r + 1} has neither a code nor a name; the row is not read."
        self.not_placed(
            r,
            column,
            values,
            id=id_text,
            en=en_text,
            expected="a code such as 1.02.02.2.02.0001 (or a TOTAL row)",
            found=name or None,
            fix_id="Isi kode nomenklatur baris ini.",
            fix_en="Fill in the nomenclature code of this row.",
        )
        return "reported"

    def code_inferred(self, code: Code, r: int, column: Column, name: str) -> None:
        """The code of a row without one was taken from its name (``SKN006``): say so, with the official name."""
        entry = self.lookup(code)
        official = entry.name if entry is not None else name
        self.report.add(
            CODE_INFERRED,
            r + 1,
            column,
            "code",
            id=f"Kode kosong; dari namanya diisi {code} ({official}).",
            en=f"The code is empty; from its name it is filled in as {code} ({official}).",
            expected=str(code),
            found=name,
            subject=str(code),
            fix_id=f"Terima kode {code}, atau tulis kode yang benar di file.",
            fix_en=f"Accept the code {code}, or write the right code in the file.",
        )

    def code_from_name(self, name: str) -> Code | None:
        """The code of the one nomenclature entry named ``name`` (exactly, else nearly) under the current kegiatan
        (a sub kegiatan), else under the current program (a kegiatan); ``None`` when none or several are."""
        for level in (CodeLevel.ACTIVITY, CodeLevel.PROGRAM):
            parent = self.context.get(level)
            if parent is None:
                continue
            entries = list_for_code(self.nomenclature, parent.code).children(parent.code, self.year)
            compared = [(entry, compare_names(name, entry.name)) for entry in entries]
            exact = [entry for entry, match in compared if match.kind is NameMatchKind.EXACT]
            near = exact or [entry for entry, match in compared if match.matches]
            if len(near) == 1:
                return near[0].code
            if near:
                return None  # several entries fit: the code cannot be told
        return None

    def has_indicator(self, values: list[Any], r: int) -> bool:
        fields = ("indicator", "capaian.indicator", "hasil.indicator", "keluaran.indicator", "next.indicator")
        return any(self.header.columns.get(f) and self.one(values, r, f) for f in fields)

    def heading(self, code: Code, r: int, values: list[Any], name_cell: tuple[Column, Any] | None) -> None:
        if code.level is CodeLevel.SECTOR:
            self.sector = code
        heading = _Heading(code=code, row=r + 1)
        heading.budgets = self.budgets(values, r)
        self.headings.append(heading)
        depth = code.level.depth
        self.open_headings = [h for h in self.open_headings if h.code.level.depth < depth]
        self.open_headings.append(heading)
        if name_cell is not None:
            raw = to_text(name_cell[1])
            entry = self.lookup(code) if not code.is_generic else None
            if entry is None or raw != entry.name:
                self.heading_names[str(code)] = raw

    def total(self, r: int, values: list[Any]) -> None:
        total = _Heading(code=Code.parse("1"), row=r + 1)
        total.budgets = self.budgets(values, r)
        self.totals.append(total)

    def item(
        self, code: Code, r: int, column: Column, name_cell: tuple[Column, Any] | None, values: list[Any]
    ) -> _Item | None:
        key = (self.agency_id, code)
        if key in self.seen_rows:
            first = self.seen_rows[key]
            self.report.add(
                DUPLICATE_ROW,
                r + 1,
                column,
                "code",
                id=f"Kode {code} sudah ada di baris {first}; baris {r + 1} tidak dibaca.",
                en=f"The code {code} is already on row {first}; row {r + 1} is not read.",
                expected="each code once per unit",
                found=str(code),
                subject=str(code),
                evidence={"first_row": first, "row": _row_content(values)},
                fix_id=f"Hapus baris ini atau gabungkan dengan baris {first}.",
                fix_en=f"Remove this row or merge it into row {first}.",
            )
            return None
        self.seen_rows[key] = r + 1
        item = self._builder(code)
        item.row = r + 1
        if name_cell is None:
            entry = self.lookup(code)
            if entry is not None:
                self.report.add(
                    NAME_FROM_NOMENCLATURE,
                    r + 1,
                    self.columns["name"][0] if "name" in self.columns else None,
                    "name",
                    id=f"Nama {code} kosong; dipakai nama nomenklatur {entry.name!r}.",
                    en=f"The name of {code} is empty; the nomenclature name {entry.name!r} is used.",
                    expected=entry.name,
                    subject=str(code),
                    fix_id="Tulis nama program, kegiatan atau sub kegiatan.",
                    fix_en="Write the program, kegiatan or sub kegiatan name.",
                )
        else:
            raw = to_text(name_cell[1])
            name = clean_text(raw)
            item.name = name
            if raw != name:
                item.extra["name_original"] = raw
        self.context[code.level] = item
        if code.level is CodeLevel.PROGRAM:
            self.context.pop(CodeLevel.ACTIVITY, None)
            self.context.pop(CodeLevel.SUB_ACTIVITY, None)
        elif code.level is CodeLevel.ACTIVITY:
            self.context.pop(CodeLevel.SUB_ACTIVITY, None)
        return item

    def _builder(self, code: Code) -> _Item:
        program_code = code.ancestor(CodeLevel.PROGRAM)
        program = self.programs.get((self.agency_id, program_code))
        if program is None:
            program = _Item(level=CodeLevel.PROGRAM, code=program_code, agency_id=self.agency_id)
            self.programs[(self.agency_id, program_code)] = program
            for heading in self.open_headings:
                heading.programs.append((self.agency_id, program_code))
        if code.level is CodeLevel.PROGRAM:
            return program
        self.context[CodeLevel.PROGRAM] = program
        activity_code = code.ancestor(CodeLevel.ACTIVITY)
        activity = program.children.get(activity_code)
        if activity is None:
            activity = _Item(level=CodeLevel.ACTIVITY, code=activity_code, agency_id=self.agency_id)
            program.children[activity_code] = activity
        if code.level is CodeLevel.ACTIVITY:
            return activity
        self.context[CodeLevel.ACTIVITY] = activity
        sub = activity.children.get(code)
        if sub is None:
            sub = _Item(level=CodeLevel.SUB_ACTIVITY, code=code, agency_id=self.agency_id)
            activity.children[code] = sub
        return sub

    # -- fields of an item row -----------------------------------------------------------------------
    def fields(self, item: _Item, values: list[Any], r: int) -> None:
        self.indicators(item, values, r)
        if item.level is CodeLevel.SUB_ACTIVITY:
            self.monitoring(item, values, r)
        for year, cell in self.budgets(values, r).items():
            item.budgets[year] = cell
        for field in ("note", "output", "objective"):
            found = self.one(values, r, field)
            if found is not None:
                item.extra[field] = to_text(found[1])
        for field in ("start", "end"):
            found = self.one(values, r, field)
            if found is not None:
                try:
                    item.extra[field] = to_date(found[1]).isoformat()
                except CellError as exc:
                    self.unreadable(exc, r, found[0], field, found[1])
        found = self.one(values, r, "location")
        if found is not None:
            places = split_list(to_text(found[1]))
            if item.level is CodeLevel.SUB_ACTIVITY:
                item.locations.extend(places)
            else:
                item.extra["locations"] = places
        found = self.one(values, r, "funding")
        if found is not None:
            if item.level is CodeLevel.SUB_ACTIVITY:
                for part in split_list(to_text(found[1])):
                    try:
                        source = self.funding_read.get(part)
                        if source is None:
                            source = self.funding_read[part] = _funding(part)  # immutable: shared by every row
                        item.funding.append(source)
                    except (CellError, InvalidModel) as exc:
                        problem = CellError(str(exc), "'<code> <name>' or '<name>', optionally '(Rp 1.234.567)'")
                        self.unreadable(problem, r, found[0], "funding", part)
            else:
                item.extra["funding"] = to_text(found[1])

    def monitoring(self, item: _Item, values: list[Any], r: int) -> None:
        """The anggaran kas (``cash.*``) and realisasi (``spent.*``) cells of a sub kegiatan row, and its
        realisasi fisik (``physical``, in ``extra``). Program and kegiatan rows carry subtotals: not read."""
        for field, period in self.period_fields:
            found = self.one(values, r, field)
            if found is None:
                continue
            try:
                amount = Money(to_money(found[1]))
            except (CellError, InvalidModel) as exc:
                problem = exc if isinstance(exc, CellError) else CellError(str(exc), "an amount of zero or more")
                self.unreadable(problem, r, found[0], field, found[1])
                continue
            records = item.cash_plan if field.startswith("cash.") else item.spending
            records.append(Spending(year=self.year, amount=amount, period=period))
        found = self.one(values, r, "physical")
        if found is not None:
            try:
                item.extra["physical_progress_percent"] = plain_number(to_decimal(found[1]))
            except CellError as exc:
                self.unreadable(exc, r, found[0], "physical", found[1])

    def budgets(self, values: list[Any], r: int) -> dict[int, tuple[Decimal, int, str]]:
        out: dict[int, tuple[Decimal, int, str]] = {}
        for field in self.budget_fields:
            for column, raw in self.cell(values, r, field):
                year = self.column_year(field, column)
                try:
                    amount = to_money(raw)
                except CellError as exc:
                    self.unreadable(exc, r, column, "pagu", raw)
                    continue
                out[year] = (amount, r + 1, column.letter)
        return out

    def column_year(self, field: str, column: Column) -> int:
        if column.placeholder == "{year}" and column.number is not None:
            return column.number
        if column.placeholder == "{i}" and column.number is not None:
            return self.year + column.number - 1
        return self.year + 1 if field.startswith("next.") else self.year

    def indicators(self, item: _Item, values: list[Any], r: int) -> None:
        own = self.one(values, r, "indicator")
        if own is not None:
            self.own_indicator(item, own, values, r)
        elif "indicator" in self.columns:  # targets beside an empty INDIKATOR cell: reported once, not dropped
            written = [t for field in ("target", "target.{i}", "target.{year}") for t in self.cell(values, r, field)]
            if written:
                shown = "; ".join(f"{column.letter}{r + 1} {to_text(raw)}" for column, raw in written)
                self.target_without_indicator(r, (written[0][0], shown), "target", "row's")
        for role, level in _ROLE_LEVEL.items():
            names = self.one(values, r, f"{role}.indicator")
            targets = self.one(values, r, f"{role}.target")
            if names is None:
                if targets is not None:
                    self.target_without_indicator(r, targets, f"{role}.target", role)
                continue
            owner = self.context.get(level) if item.level.depth > level.depth else None
            owner = owner or item
            self.role_indicators(owner, names, targets, r, self.year, f"{role}.indicator")
        names = self.one(values, r, "next.indicator")
        targets = self.one(values, r, "next.target")
        if names is not None:
            self.role_indicators(
                item, names, targets, r, self.column_year("next.indicator", names[0]), "next.indicator"
            )
        elif targets is not None:
            self.target_without_indicator(r, targets, "next.target", "next year's")

    def target_without_indicator(self, r: int, targets: tuple[Column, Any], field: str, role: str) -> None:
        """A target whose indicator cell is empty: the target is not read (``SKN009``)."""
        shown = _quoted(targets[1])
        self.report.add(
            TARGET_WITHOUT_INDICATOR,
            r + 1,
            targets[0],
            field,
            id=f"Target {shown} tanpa tolok ukur; target tidak dibaca.",
            en=f"The {role} target {shown} has no indicator (tolok ukur); the target is not read.",
            expected=f"the {role} indicator beside its target",
            found=_plain(targets[1]),
            fix_id="Tulis tolok ukur di samping targetnya.",
            fix_en="Write the indicator beside its target.",
        )

    def own_indicator(self, item: _Item, cell: tuple[Column, Any], values: list[Any], r: int) -> None:
        column, raw = cell
        name = clean_text(to_text(raw))
        unit_cell = self.one(values, r, "unit")
        unit = clean_text(to_text(unit_cell[1])) if unit_cell else None
        indicator = item.indicators.get(name)
        repeated = indicator is not None
        if indicator is None:
            indicator = _Indicator(name=name, kind=_LEVEL_KIND[item.level], row=r + 1, unit=unit)
            item.indicators[name] = indicator
        else:
            self.repeated_indicator(
                r, column, "indicator", name, item, f"baris {indicator.row}", f"row {indicator.row}"
            )
        baseline = self.one(values, r, "baseline")
        if baseline is not None and not (repeated and indicator.baseline is not None):
            try:
                indicator.baseline = self.value(baseline[1], r, baseline[0], unit)
            except CellError as exc:
                self.unreadable(exc, r, baseline[0], "baseline", baseline[1])
        for field in ("target", "target.{i}", "target.{year}"):
            for target_column, target_raw in self.cell(values, r, field):
                year = self.column_year(field, target_column)
                if repeated and year in indicator.targets:
                    continue  # the first row's target is kept
                try:
                    indicator.targets[year] = self.value(target_raw, r, target_column, unit)
                except CellError as exc:
                    self.unreadable(exc, r, target_column, "target", target_raw)

    def repeated_indicator(
        self, r: int, column: Column, field: str, name: str, owner: _Item, where_id: str, where_en: str
    ) -> None:
        """The same indicator written twice for one item: it is read once (``SKN004``)."""
        self.report.add(
            REPEATED_INDICATOR,
            r + 1,
            column,
            field,
            id=f"Indikator {name!r} dari {owner.code} ditulis lagi (pertama di {where_id}); dibaca sekali.",
            en=f"The indicator {name!r} of {owner.code} is written again (first in {where_en}); it is read once.",
            expected="each indicator once",
            found=name,
            subject=str(owner.code),
            fix_id="Hapus indikator yang berulang.",
            fix_en="Remove the repeated indicator.",
        )

    def role_indicators(
        self, owner: _Item, names: tuple[Column, Any], targets: tuple[Column, Any] | None, r: int, year: int, field: str
    ) -> None:
        name_list = split_list(to_text(names[1]))
        target_list: list[Any] = []
        if targets is not None:
            raw = targets[1]
            target_list = split_list(raw, keep_empty=True) if isinstance(raw, str) else [raw]
            if len(target_list) != len(name_list):
                self.report.add(
                    TARGET_WITHOUT_INDICATOR,
                    r + 1,
                    targets[0],
                    field.replace("indicator", "target"),
                    id=f"{len(name_list)} indikator tetapi {len(target_list)} target; target tidak dapat dipasangkan "
                    "dan tidak dibaca.",
                    en=f"{len(name_list)} indicator(s) but {len(target_list)} target(s): the targets cannot be paired "
                    "with their indicators and are not read.",
                    expected=f"one target per indicator, separated by ';' and a line break ({len(name_list)})",
                    found=_plain(raw),
                    fix_id="Tulis satu target untuk setiap indikator, dipisah ';' dan baris baru.",
                    fix_en="Write one target per indicator, separated by ';' and a line break.",
                )
                target_list = []
        repeats = _repeated_positions(name_list)
        for position, name in enumerate(name_list):
            if position in repeats:
                self.repeated_indicator(r, names[0], field, name, owner, "sel yang sama", "the same cell")
                continue
            indicator = owner.indicators.get(name)
            if indicator is None:
                indicator = _Indicator(name=name, kind=_LEVEL_KIND[owner.level], row=r + 1)
                owner.indicators[name] = indicator
            if position >= len(target_list) or is_blank(target_list[position]):
                continue
            assert targets is not None
            try:
                value = self.value(target_list[position], r, targets[0])
            except CellError as exc:
                self.unreadable(exc, r, targets[0], field.replace("indicator", "target"), target_list[position])
                continue
            previous = indicator.targets.get(year)
            if previous is not None and previous != value:
                self.report.add(
                    TARGET_WITHOUT_INDICATOR,
                    r + 1,
                    targets[0],
                    field.replace("indicator", "target"),
                    id=f"Indikator {name!r} dari {owner.code} sudah bertarget {previous.text!r} untuk {year} di baris "
                    f"sebelumnya; target {value.text!r} tidak dibaca.",
                    en=f"The indicator {name!r} of {owner.code} already has the target {previous.text!r} for {year} "
                    f"in an earlier row; the target {value.text!r} is not read.",
                    expected=previous.text,
                    found=value.text,
                    subject=str(owner.code),
                    fix_id="Samakan target indikator ini di setiap baris.",
                    fix_en="Give this indicator the same target on every row.",
                )
                continue
            indicator.targets[year] = value
            if indicator.unit is None and value.unit:
                indicator.unit = value.unit

    # -- the end ----------------------------------------------------------------------------------------
    def finish(self) -> tuple[Program, ...]:
        programs: list[Program] = []
        sums: dict[tuple[str | None, Code], dict[int, Decimal]] = {}
        for program in self.programs.values():
            built = self.build(program, sums)
            if built is not None:
                programs.append(built)
        if self.mapping.check_subtotals:
            self.check_headings(sums)
        return tuple(programs)

    def _effective(self, item: _Item, children: list[dict[int, Decimal]]) -> dict[int, Decimal]:
        """The item's pagu per year: its own row's figure (checked against its children) or their sum."""
        summed: dict[int, Decimal] = {}
        for child in children:
            for year, amount in child.items():
                summed[year] = summed.get(year, Decimal(0)) + amount
        out: dict[int, Decimal] = dict(summed)
        for year, (amount, row, letter) in item.budgets.items():
            if children and self.mapping.check_subtotals and year in summed:
                self.subtotal(row, letter, year, amount, summed[year], str(item.code), str(item.code))
            out[year] = amount
        return out

    def build(self, program: _Item, sums: dict[tuple[str | None, Code], dict[int, Decimal]]) -> Program | None:
        activities: list[Activity] = []
        activity_budgets: list[dict[int, Decimal]] = []
        for activity in program.children.values():
            subs: list[SubActivity] = []
            sub_budgets: list[dict[int, Decimal]] = []
            for sub in activity.children.values():
                budgets = self._effective(sub, [])
                sub_budgets.append(budgets)
                built_sub = self.model(sub, budgets, ())
                if isinstance(built_sub, SubActivity):
                    subs.append(built_sub)
            budgets = self._effective(activity, sub_budgets)
            activity_budgets.append(budgets)
            built_activity = self.model(activity, budgets, subs)
            if isinstance(built_activity, Activity):
                activities.append(built_activity)
        budgets = self._effective(program, activity_budgets)
        sums[(program.agency_id, program.code)] = budgets
        built = self.model(program, budgets, activities)
        return built if isinstance(built, Program) else None

    def budget(self, item: _Item, year: int, amount: Decimal) -> Budget | None:
        """The item's pagu of ``year``; ``None``, said by a finding, for a sum of its rows beyond the model's bounds."""
        try:
            return Budget(year=year, amount=Money(amount), kind=self.mapping.budget_kind)
        except InvalidModel as exc:  # each row's amount is in bounds (to_money): only a sum can be out of them
            self.report.add(
                CELL_UNREADABLE,
                item.row,
                None,
                "pagu",
                id=f"Pagu {item.code} tahun {year} dari jumlah barisnya tidak dapat dibaca ({exc.reason}); tidak dibaca.",
                en=f"The pagu of {item.code} for {year}, summed from its rows, cannot be read ({exc.reason}); "
                "it is not read.",
                found=str(amount),
                subject=str(item.code),
                fix_id="Periksa pagu baris-baris di bawahnya.",
                fix_en="Check the pagu of the rows below it.",
            )
            return None

    def model(self, item: _Item, budgets: dict[int, Decimal], children: Any) -> Program | Activity | SubActivity | None:
        name = item.name
        extra = dict(item.extra)
        if name is None:
            entry = self.lookup(item.code)
            if entry is None:
                level = item.level.value.replace("_", " ")
                self.lost(
                    item,
                    "name",
                    id=f"{level.capitalize()} {item.code} tidak punya nama: tidak punya baris sendiri atau namanya "
                    "kosong, dan tidak ada di nomenklatur; baris di bawahnya tidak dibaca.",
                    en=f"The {level} {item.code} has no name: no row of its own or an empty name, and it is not in the "
                    "nomenclature; its rows are not read.",
                    expected=f"a row for {item.code} with its name",
                )
                return None
            name = entry.name
        indicators = []
        ids = distinct_ids(item.indicators)
        for ind, ident in zip(item.indicators.values(), ids, strict=True):
            try:
                indicators.append(
                    Indicator(
                        name=ind.name,
                        id=ident,
                        unit=ind.unit,
                        kind=ind.kind,
                        baseline=BaselineModel(value=ind.baseline) if ind.baseline is not None else None,
                        targets=[Target(year=y, value=v) for y, v in sorted(ind.targets.items())],
                    )
                )
            except InvalidModel as exc:
                self.report.add(
                    CELL_UNREADABLE,
                    ind.row,
                    None,
                    "indicator",
                    id=f"Indikator {ind.name!r} dari {item.code} tidak dapat dibaca ({exc.reason}); tidak dibaca.",
                    en=f"The indicator {ind.name!r} of {item.code} cannot be read ({exc.reason}); it is not read.",
                    found=ind.name,
                    subject=str(item.code),
                    fix_id="Perbaiki indikator ini.",
                    fix_en="Correct this indicator.",
                )
        budget_list = [self.budget(item, y, a) for y, a in sorted(budgets.items())]
        common: dict[str, Any] = {
            "code": item.code,
            "name": name,
            "agency_id": item.agency_id,
            "indicators": indicators,
            "budgets": [budget for budget in budget_list if budget is not None],
            "extra": extra,
            "provenance": self.provenance(item),
        }
        try:
            if item.level is CodeLevel.SUB_ACTIVITY:
                return SubActivity(
                    **common,
                    locations=item.locations,
                    funding=item.funding,
                    cash_plan=item.cash_plan,
                    spending=item.spending,
                )
            if item.level is CodeLevel.ACTIVITY:
                return Activity(**common, sub_activities=children)
            return Program(**common, activities=children)
        except InvalidModel as exc:
            level = item.level.value.replace("_", " ")
            self.lost(
                item,
                exc.field,
                id=f"{level.capitalize()} {item.code} tidak dapat dibentuk ({exc.reason}); barisnya tidak dibaca.",
                en=f"The {level} {item.code} cannot be built ({exc.reason}); its rows are not read.",
                expected=f"a valid {level}",
            )
            return None

    def check_headings(self, sums: dict[tuple[str | None, Code], dict[int, Decimal]]) -> None:
        """Each urusan and bidang row against the programs under it (its unit's, not the whole sheet's); TOTAL rows
        against every program of the sheet."""
        for heading in self.headings:
            totals: dict[int, Decimal] = {}
            for key in heading.programs:
                budgets = sums.get(key)
                if budgets is None or not key[1].is_within(heading.code):
                    continue
                for year, amount in budgets.items():
                    totals[year] = totals.get(year, Decimal(0)) + amount
            self._compare(heading, totals, str(heading.code))
        grand: dict[int, Decimal] = {}
        for budgets in sums.values():
            for year, amount in budgets.items():
                grand[year] = grand.get(year, Decimal(0)) + amount
        for total in self.totals:
            self._compare(total, grand, "TOTAL")

    def _compare(self, heading: _Heading, totals: dict[int, Decimal], what: str) -> None:
        for year, (amount, row, letter) in heading.budgets.items():
            self.subtotal(row, letter, year, amount, totals.get(year, Decimal(0)), what, None)

    def subtotal(
        self, row: int, letter: str, year: int, amount: Decimal, summed: Decimal, what: str, subject: str | None
    ) -> None:
        """A pagu that differs from the sum of the rows under it by :data:`SUBTOTAL_TOLERANCE` or more (``SKN001``)."""
        difference = amount - summed
        if abs(difference) < SUBTOTAL_TOLERANCE:
            return
        written, total, gap = rupiah(amount), rupiah(summed), rupiah(abs(difference))
        self.report.add(
            SUBTOTAL_MISMATCH,
            row,
            letter,
            "pagu",
            id=f"Pagu {what} tahun {year} tertulis {written[0]}, jumlah baris di bawahnya {total[0]} "
            f"(selisih {gap[0]}).",
            en=f"The {year} pagu of {what} is written as {written[1]}; the rows under it sum to {total[1]} "
            f"(difference {gap[1]}).",
            expected=plain_number(summed),
            found=plain_number(amount),
            subject=subject,
            evidence={"year": year, "difference": plain_number(difference)},
            fix_id="Perbaiki pagu ini atau baris di bawahnya.",
            fix_en="Correct this pagu or the rows under it.",
        )

    def lost(self, item: _Item, field: str | None, *, id: str, en: str, expected: str) -> None:
        """An item that cannot be built: it and the rows under it are left out (``SKN005``), and counted so."""
        rows = sorted(_rows_of(item) - self.lost_rows)
        self.lost_rows.update(rows)
        self.report.add(
            ROW_NOT_READ,
            rows[0] if rows else None,
            None,
            field,
            id=id,
            en=en,
            expected=expected,
            found=str(item.code),
            evidence={"rows": rows},
            fix_id="Perbaiki baris ini.",
            fix_en="Correct this row.",
        )


def _rows_of(item: _Item) -> set[int]:
    """The rows of an item and of every item under it."""
    rows = {item.row} if item.row is not None else set()
    for child in item.children.values():
        rows |= _rows_of(child)
    return rows


def _repeated_positions(names: list[str]) -> frozenset[int]:
    """The positions of names written earlier in the same list (``X;\nX``: the second ``X``)."""
    if len(names) < 2 or len(set(names)) == len(names):
        return frozenset()
    seen: set[str] = set()
    repeats: set[int] = set()
    for position, name in enumerate(names):
        if name in seen:
            repeats.add(position)
        seen.add(name)
    return frozenset(repeats)


def _row_content(values: list[Any]) -> str:
    """What a row holds, its non-blank cells joined (for a finding that names a row it could not read)."""
    text = " | ".join(clean_text(to_text(v)) for v in values if not is_blank(v))
    return text if len(text) <= 300 else text[:299] + "…"


def _quoted(value: object) -> str:
    return repr(value) if isinstance(value, str) else str(value)


def _plain(value: object) -> object:
    """A cell value as a finding keeps it: text and numbers as they are, anything else as its text."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return to_text(value)


def _parses(text: str) -> bool:
    try:
        Code.parse(text)
    except CodeError:
        return False
    return True


def _one_decimal(value: float) -> bool:
    text = repr(value)
    return "." in text and len(text.split(".")[1]) == 1 and not text.endswith(".0")


def _padded(text: str) -> list[str]:
    """``"1.3"`` → ``["1.03", "1.30"]``: the two texts a number with one decimal may have been."""
    head, _, last = text.rpartition(".")
    return [f"{head}.0{last}", f"{head}.{last}0"]


def _try_code(text: str) -> Code | None:
    try:
        return Code.parse(text)
    except CodeError:
        return None


def _funding(text: str) -> FundingSource:
    amount: Money | None = None
    match = _FUNDING.match(text)
    if match:
        code, name, money = match.group(1), match.group(2), match.group(3)
    else:
        code = None
        only = _FUNDING_AMOUNT_ONLY.match(text)
        name, money = (only.group(1), only.group(2)) if only else (text, None)
    if money:
        amount = Money(to_money(money))
    return FundingSource(name=clean_text(name), code=code, amount=amount)


def read_items(
    rows: Iterator[tuple[int, list[Any]]],
    *,
    mapping: Mapping,
    header: Header,
    source: str,
    sheet: str | None,
    notes: dict[tuple[int, int], CellNote],
    year: int,
    nomenclature: Nomenclature,
    agency_id: str | None = None,
    on_unit: Callable[[int, str, str], str | None] | None = None,
    tick: Callable[[int], None] | None = None,
) -> ItemsResult:
    """Read the data rows after ``header`` into programs (see the module docs).

    ``year`` is the plan year (a yearly plan) or the first year of the period (``{i}`` = 1).
    ``on_unit(row, key, text)`` is called for ``Unit Organisasi`` lines between the rows and
    returns the agency id of the items that follow.
    """
    reader = _Reader(
        mapping=mapping,
        header=header,
        source=source,
        sheet=sheet,
        notes=notes,
        year=year,
        nomenclature=nomenclature,
        agency_id=agency_id,
        on_unit=on_unit,
    )
    count = 0
    tally = reader.tally
    for r, values in rows:
        count += 1
        tally.add(reader.row(r, values))
        if tick is not None and count % 1000 == 0:
            tick(r + 1)
    programs = reader.finish()
    if reader.lost_rows:
        tally.move("read", "reported", len(reader.lost_rows))
    return ItemsResult(
        programs=programs,
        headings=reader.heading_names,
        findings=tuple(reader.report.findings),
        tally=tally,
        rows=count,
    )

"""Reading program → kegiatan → sub kegiatan rows (Renstra PD, Renja/DPA, the RKPD report).

Rows stream in; each row's code (one column, or five split columns) says its level. Urusan and
bidang rows are headings (their subtotals are checked against the programs under them — in a sheet
of several perangkat daerah, those of the heading's own unit — and their names kept when they
differ from the nomenclature); program, kegiatan and sub kegiatan rows become items; a row without a code but with
an indicator continues the item above (one more indicator); ``TOTAL`` rows are checked, never
imported. Parents without a row of their own (a flat Renja sheet) are named from the nomenclature.

Every problem is collected as a located :class:`~sinkron.SourceError`; reading goes on to the end
of the sheet so that all problems of a file are reported together.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import attrs

from sinkron.codes import Code, CodeLevel
from sinkron.errors import CodeError, InvalidModel, Location, SourceError
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
    SubActivity,
    Target,
    Value,
)
from sinkron.models import Baseline as BaselineModel
from sinkron.nomenclature import Nomenclature
from sinkron.numbers import format_id
from sinkron_spreadsheet.cells import (
    CellError,
    clean_text,
    is_blank,
    normalise_header,
    split_list,
    to_date,
    to_money,
    to_text,
    to_value,
    unescape_text,
)
from sinkron_spreadsheet.header import Column, Header
from sinkron_spreadsheet.mapping import Mapping
from sinkron_spreadsheet.workbook import CellNote

__all__ = ["ItemsResult", "read_items"]

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
    """Programs read from one sheet, the urusan/bidang names that differ from the nomenclature, the errors."""

    programs: tuple[Program, ...]
    headings: dict[str, str]
    errors: tuple[SourceError, ...]
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
        self.errors: list[SourceError] = []
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
        self.funding_read: dict[str, FundingSource] = {}

    # -- errors ----------------------------------------------------------------------------------
    def provenance(self, item: _Item) -> Provenance:
        """Where ``item`` sits: its own row, or (a parent implied by its children) the first row under it."""
        if item.row is not None:
            return Provenance(source=self.source, sheet=self.sheet, row=item.row)
        return Provenance(source=self.source, sheet=self.sheet, row=_first_row(item), origin=Origin.DERIVED)

    def error(
        self, message: str, row: int | None, column: Column | str | None = None, field: str | None = None, *,
        expected: str | None = None, actual: object = None,
    ) -> None:  # fmt: skip
        letter = column.letter if isinstance(column, Column) else column
        self.errors.append(
            SourceError(
                message,
                location=Location(source=self.source, sheet=self.sheet, row=row, column=letter, field=field),
                expected=expected,
                actual=actual,
            )
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
        """:meth:`cell` in a row with noted cells: error values and uncached formulas are located errors."""
        out = []
        for column in columns:
            raw = unescape_text(values[column.index]) if column.index < len(values) else None
            note = self.notes.get((r, column.index))
            if note is not None and note.kind == "error":
                self.error(f"the cell holds the error value {note.detail}", r + 1, column, field,
                           expected="a value (fix the formula)", actual=note.detail)  # fmt: skip
                continue
            if note is not None and note.kind == "uncached" and is_blank(raw):
                self.error("a formula without a calculated value", r + 1, column, field,
                           expected="a formula with its cached result (open and save the file in Excel or LibreOffice)")  # fmt: skip
                continue
            if not is_blank(raw):
                out.append((column, raw))
        return out

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

    def parse_code(self, text: str, r: int, column: Column, candidates: list[str]) -> Code | None:
        if candidates:
            codes = [c for c in (_try_code(t) for t in candidates) if c is not None]
            known = [c for c in codes if self.nomenclature.lookup(c, self.year) is not None]
            if len(known) == 1:
                return known[0]
            self.error(
                "a code stored as a number lost a trailing zero and cannot be told apart",
                r + 1, column, "code",
                expected=f"the code as text (one of {', '.join(str(c) for c in codes)})",
                actual=text,
            )  # fmt: skip
            return None
        try:
            code = Code.parse(text)
        except CodeError as exc:
            self.error(f"not a nomenclature code: {exc.reason}", r + 1, column, "code",
                       expected="a code such as 1.02.02.2.02.0001", actual=text)  # fmt: skip
            return None
        if code.is_generic:
            if code.level in (CodeLevel.AFFAIR, CodeLevel.SECTOR):
                return code
            if self.sector is None or self.sector.is_generic:
                self.error("a generic X.XX code with no bidang urusan row above it", r + 1, column, "code",
                           expected="a bidang urusan row (such as 1.03) before this row", actual=text)  # fmt: skip
                return None
            return code.in_sector(self.sector)
        return code

    # -- rows --------------------------------------------------------------------------------------
    def is_noise(self, values: list[Any]) -> bool:
        texts = [normalise_header(to_text(v)) for v in values if not is_blank(v)]
        if not texts:
            return True
        if len(texts) >= 3 and all(_NUMBERING.match(t.replace(" ", "")) for t in texts):
            return True  # the (1) (2) (3) … numbering row under a report header
        return sum(1 for t in texts if t in self.header_texts) >= max(2, len(texts) - 1)  # a repeated header

    def row(self, r: int, values: list[Any]) -> None:
        text, column, candidates = self.code_text(values, r)
        if text is None or not (text[:1].isdigit() or text[:1] in "Xx"):
            # Not a code: a blank, numbering or repeated header row, a Unit Organisasi line, a TOTAL row …
            if self.is_noise(values):
                return
            if self.on_unit is not None:
                from sinkron_spreadsheet.preamble import parse_line

                line = parse_line(values)
                if line is not None and line[0] in ("unit", "sub_unit"):
                    self.agency_id = self.on_unit(r, line[0], line[1])
                    if line[0] == "unit":
                        self.open_headings.clear()  # a new perangkat daerah: its own urusan and bidang rows follow
                    return
        name_cell = self.one(values, r, "name")
        if text is None:
            name = clean_text(to_text(name_cell[1])) if name_cell else ""
            if name and normalise_header(name) in {normalise_header(t) for t in self.mapping.total_labels}:
                self.total(r, values)
                return
            if name_cell is None and self.last is not None and self.has_indicator(values, r):
                self.indicators(self.last, values, r)
                return
            self.error("a row without a code", r + 1, column, "code",
                       expected="a code such as 1.02.02.2.02.0001 (or a TOTAL row)",
                       actual=name or None)  # fmt: skip
            return
        assert column is not None
        code = self.parse_code(text, r, column, candidates)
        if code is None:
            return
        if code.level in (CodeLevel.AFFAIR, CodeLevel.SECTOR):
            self.heading(code, r, values, name_cell)
            return
        item = self.item(code, r, column, name_cell)
        if item is None:
            return
        if _parses(text) and Code.parse(text).is_generic:
            item.extra["code_original"] = text  # X.XX.01… written once for every bidang
        self.fields(item, values, r)
        self.last = item

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
            entry = self.nomenclature.lookup(code, self.year) if not code.is_generic else None
            if entry is None or raw != entry.name:
                self.heading_names[str(code)] = raw

    def total(self, r: int, values: list[Any]) -> None:
        total = _Heading(code=Code.parse("1"), row=r + 1)
        total.budgets = self.budgets(values, r)
        self.totals.append(total)

    def item(self, code: Code, r: int, column: Column, name_cell: tuple[Column, Any] | None) -> _Item | None:
        key = (self.agency_id, code)
        if key in self.seen_rows:
            self.error(f"the code {code} appears twice (first in row {self.seen_rows[key]})", r + 1, column, "code",
                       expected="each code once per unit", actual=str(code))  # fmt: skip
            return None
        self.seen_rows[key] = r + 1
        item = self._builder(code)
        item.row = r + 1
        if name_cell is None:
            self.error("the name is empty", r + 1, self.header.columns["name"][0] if "name" in self.header.columns else None,
                       "name", expected="the program, kegiatan or sub kegiatan name")  # fmt: skip
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
                    self.error(exc.message, r + 1, found[0], field, expected=exc.expected, actual=found[1])
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
                        self.error(f"cannot read the sumber dana {part!r}: {exc}", r + 1, found[0], "funding",
                                   expected="'<code> <name>' or '<name>', optionally '(Rp 1.234.567)'", actual=part)  # fmt: skip
            else:
                item.extra["funding"] = to_text(found[1])

    def budgets(self, values: list[Any], r: int) -> dict[int, tuple[Decimal, int, str]]:
        out: dict[int, tuple[Decimal, int, str]] = {}
        for field in self.budget_fields:
            for column, raw in self.cell(values, r, field):
                year = self.column_year(field, column)
                try:
                    amount = to_money(raw)
                except CellError as exc:
                    self.error(exc.message, r + 1, column, "pagu", expected=exc.expected, actual=raw)
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
        for role, level in _ROLE_LEVEL.items():
            names = self.one(values, r, f"{role}.indicator")
            targets = self.one(values, r, f"{role}.target")
            if names is None:
                if targets is not None:
                    self.error(f"a {role} target without its indicator (tolok ukur)", r + 1, targets[0],
                               f"{role}.target", expected=f"the {role} indicator beside its target", actual=targets[1])  # fmt: skip
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
            self.error("a target for the next year without its indicator", r + 1, targets[0], "next.target",
                       expected="the tolok ukur beside its target", actual=targets[1])  # fmt: skip

    def own_indicator(self, item: _Item, cell: tuple[Column, Any], values: list[Any], r: int) -> None:
        column, raw = cell
        name = clean_text(to_text(raw))
        unit_cell = self.one(values, r, "unit")
        unit = clean_text(to_text(unit_cell[1])) if unit_cell else None
        indicator = item.indicators.get(name)
        if indicator is None:
            indicator = _Indicator(name=name, kind=_LEVEL_KIND[item.level], row=r + 1, unit=unit)
            item.indicators[name] = indicator
        baseline = self.one(values, r, "baseline")
        if baseline is not None:
            try:
                indicator.baseline = self.value(baseline[1], r, baseline[0], unit)
            except CellError as exc:
                self.error(exc.message, r + 1, baseline[0], "baseline", expected=exc.expected, actual=baseline[1])
        for field in ("target", "target.{i}", "target.{year}"):
            for target_column, target_raw in self.cell(values, r, field):
                year = self.column_year(field, target_column)
                try:
                    indicator.targets[year] = self.value(target_raw, r, target_column, unit)
                except CellError as exc:
                    self.error(exc.message, r + 1, target_column, "target", expected=exc.expected, actual=target_raw)
        del column

    def role_indicators(
        self, owner: _Item, names: tuple[Column, Any], targets: tuple[Column, Any] | None, r: int, year: int, field: str
    ) -> None:
        name_list = split_list(to_text(names[1]))
        target_list: list[Any] = []
        if targets is not None:
            raw = targets[1]
            target_list = split_list(raw, keep_empty=True) if isinstance(raw, str) else [raw]
            if len(target_list) != len(name_list):
                self.error(
                    f"{len(name_list)} indicator(s) but {len(target_list)} target(s)", r + 1, targets[0],
                    field.replace("indicator", "target"),
                    expected=f"one target per indicator, separated by ';' and a line break ({len(name_list)})", actual=raw,
                )  # fmt: skip
                target_list = []
        for position, name in enumerate(name_list):
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
                self.error(exc.message, r + 1, targets[0], field.replace("indicator", "target"),
                           expected=exc.expected, actual=target_list[position])  # fmt: skip
                continue
            previous = indicator.targets.get(year)
            if previous is not None and previous != value:
                self.error(
                    f"the indicator {name!r} of {owner.code} has another target for {year} in an earlier row",
                    r + 1, targets[0], field.replace("indicator", "target"),
                    expected=previous.text, actual=value.text,
                )  # fmt: skip
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
            if children and self.mapping.check_subtotals and year in summed and summed[year] != amount:
                self.error(
                    f"the pagu of {item.code} does not match the sum of its rows", row, letter, "pagu",
                    expected=f"{format_id(summed[year])} (the sum of the rows under it)", actual=format_id(amount),
                )  # fmt: skip
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

    def model(self, item: _Item, budgets: dict[int, Decimal], children: Any) -> Program | Activity | SubActivity | None:
        name = item.name
        extra = dict(item.extra)
        if name is None:
            entry = self.nomenclature.lookup(item.code, self.year)
            if entry is None:
                first = _first_row(item)
                self.error(
                    f"the {item.level.value.replace('_', ' ')} {item.code} has no row of its own and is not in the "
                    f"nomenclature, so it has no name", first, None, "name",
                    expected=f"a row for {item.code} with its name", actual=str(item.code),
                )  # fmt: skip
                return None
            name = entry.name
        indicators = []
        for ind in item.indicators.values():
            try:
                indicators.append(
                    Indicator(
                        name=ind.name,
                        unit=ind.unit,
                        kind=ind.kind,
                        baseline=BaselineModel(value=ind.baseline) if ind.baseline is not None else None,
                        targets=[Target(year=y, value=v) for y, v in sorted(ind.targets.items())],
                    )
                )
            except InvalidModel as exc:
                self.error(f"invalid indicator: {exc}", ind.row, None, "indicator", actual=ind.name)
        budget_list = [
            Budget(year=y, amount=Money(a), kind=self.mapping.budget_kind) for y, a in sorted(budgets.items())
        ]
        common: dict[str, Any] = {
            "code": item.code, "name": name, "agency_id": item.agency_id, "indicators": indicators,
            "budgets": budget_list, "extra": extra, "provenance": self.provenance(item),
        }  # fmt: skip
        try:
            if item.level is CodeLevel.SUB_ACTIVITY:
                return SubActivity(**common, locations=item.locations, funding=item.funding)
            if item.level is CodeLevel.ACTIVITY:
                return Activity(**common, sub_activities=children)
            return Program(**common, activities=children)
        except InvalidModel as exc:
            self.error(f"invalid {item.level.value.replace('_', ' ')}: {exc}", _first_row(item), None, exc.field,
                       actual=str(item.code))  # fmt: skip
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
            self._compare(heading, totals, f"the subtotal of {heading.code}")
        grand: dict[int, Decimal] = {}
        for budgets in sums.values():
            for year, amount in budgets.items():
                grand[year] = grand.get(year, Decimal(0)) + amount
        for total in self.totals:
            self._compare(total, grand, "the TOTAL")

    def _compare(self, heading: _Heading, totals: dict[int, Decimal], what: str) -> None:
        for year, (amount, row, letter) in heading.budgets.items():
            expected = totals.get(year, Decimal(0))
            if expected != amount:
                self.error(
                    f"{what} does not match the sum of its rows", row, letter, "pagu",
                    expected=f"{format_id(expected)} (the sum of the rows under it)", actual=format_id(amount),
                )  # fmt: skip


def _first_row(item: _Item) -> int | None:
    if item.row is not None:
        return item.row
    for child in item.children.values():
        found = _first_row(child)
        if found is not None:
            return found
    return None


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
        mapping=mapping, header=header, source=source, sheet=sheet, notes=notes, year=year,
        nomenclature=nomenclature, agency_id=agency_id, on_unit=on_unit,
    )  # fmt: skip
    count = 0
    for r, values in rows:
        count += 1
        reader.row(r, values)
        if tick is not None and count % 1000 == 0:
            tick(r + 1)
    programs = reader.finish()
    return ItemsResult(programs=programs, headings=reader.heading_names, errors=tuple(reader.errors), rows=count)

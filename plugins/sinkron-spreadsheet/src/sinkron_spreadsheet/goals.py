"""Reading a tujuan/sasaran list: ``KELOMPOK`` (Tujuan or Sasaran), the text, its indicators.

A sasaran belongs to the tujuan above it. One indicator cell may hold several indicators separated
by ``";\\n"``; a row with only an indicator continues the tujuan or sasaran above. Without an id
column, tujuan are numbered ``T1, T2 …`` and sasaran ``S1, S2 …`` in reading order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import attrs

from sinkron.errors import InvalidModel
from sinkron.models import Goal, Indicator, IndicatorKind, Objective
from sinkron.models.findings import Finding
from sinkron.source_findings import DUPLICATE_ROW, REPEATED_INDICATOR, ROW_NOT_READ
from sinkron_spreadsheet.cells import clean_text, is_blank, normalise_header, split_list, to_text, unescape_text
from sinkron_spreadsheet.findings import RowTally, SheetFindings, distinct_ids
from sinkron_spreadsheet.header import Column, Header

__all__ = ["GoalsResult", "read_goals"]


@attrs.frozen
class GoalsResult:
    """Tujuan and sasaran of one sheet, notes by id (the KETERANGAN column), the source findings, and how each
    row was accounted for."""

    goals: tuple[Goal, ...]
    objectives: tuple[Objective, ...]
    notes: dict[str, str]
    findings: tuple[Finding, ...]
    tally: RowTally
    rows: int


@attrs.define
class _Entry:
    group: str
    id: str
    text: str
    row: int
    goal_id: str | None
    indicators: list[str] = attrs.field(factory=list)
    extra_names: dict[str, str] = attrs.field(factory=dict)


def read_goals(
    rows: Iterator[tuple[int, list[Any]]],
    *,
    header: Header,
    source: str,
    sheet: str | None,
    tick: Callable[[int], None] | None = None,
) -> GoalsResult:
    """Read the rows after ``header`` into tujuan (goals) and sasaran (objectives).

    Reading is tolerant: a row that is neither a tujuan nor a sasaran, or repeats an id, is named by a source
    finding (``SKN005``, ``SKN010``) and the rest is read; an indicator written twice for one tujuan or sasaran
    is read once (``SKN004``); two indicator names that give the same id get distinct ids (``-2``).
    """
    reader = _GoalsReader(header, SheetFindings(source, sheet))
    count = 0
    for r, values in rows:
        count += 1
        if tick is not None and count % 1000 == 0:
            tick(r + 1)
        reader.tally.add(reader.row(r, values))
    goals, objectives = reader.build()
    return GoalsResult(
        goals=tuple(goals),
        objectives=tuple(objectives),
        notes=reader.notes,
        findings=tuple(reader.report.findings),
        tally=reader.tally,
        rows=count,
    )


class _GoalsReader:
    """The steps of reading a tujuan/sasaran sheet: each row classified and its cells read into an entry, then the
    entries built into goals and objectives."""

    def __init__(self, header: Header, report: SheetFindings) -> None:
        self.header = header
        self.report = report
        self.tally = RowTally()
        self.entries: list[_Entry] = []
        self.notes: dict[str, str] = {}
        self.counters = {"tujuan": 0, "sasaran": 0}
        self.current_goal: str | None = None
        self.header_texts = {p[-1] for p in header.paths if p}
        indicator_column = header.columns.get("indicator", [None])[0]
        self.indicator_letter = indicator_column.letter if indicator_column is not None else None

    # -- rows ---------------------------------------------------------------------------------------
    def row(self, r: int, values: list[Any]) -> str:
        """Read one row; say how it is accounted for (a kind of :data:`~sinkron_spreadsheet.findings.ROW_KINDS`)."""
        noise = self.noise(values)
        if noise is not None:
            return noise
        content = " | ".join(clean_text(to_text(v)) for v in values if not is_blank(v))[:300]
        group_column, group = self.cell(values, "group")
        text_column, text = self.cell(values, "text")
        _, indicators = self.cell(values, "indicator")
        if group is None and text is None:
            if indicators is not None and self.entries:  # an indicator continuing the tujuan or sasaran above
                self.add_indicators(self.entries[-1], to_text(indicators), r + 1)
                return "read"
            self.not_read(
                r + 1,
                group_column,
                "group",
                content,
                id=f"Baris {r + 1} tanpa KELOMPOK dan teks; baris tidak dibaca.",
                en=f"Row {r + 1} has no KELOMPOK and no text; the row is not read.",
                expected="Tujuan or Sasaran with its text",
            )
            return "reported"
        group_name = _group_name(group)
        if group_name is None:
            written = to_text(group) if group is not None else ""
            self.not_read(
                r + 1,
                group_column,
                "group",
                content,
                id=f"KELOMPOK {written!r} bukan Tujuan atau Sasaran; baris tidak dibaca.",
                en=f"KELOMPOK {written!r} is neither Tujuan nor Sasaran; the row is not read.",
                expected="Tujuan or Sasaran",
            )
            return "reported"
        if text is None:
            self.not_read(
                r + 1,
                text_column,
                "text",
                content,
                id=f"{group_name.capitalize()} tanpa teks; baris tidak dibaca.",
                en=f"The {group_name} has no text; the row is not read.",
                expected=f"the {group_name} text",
            )
            return "reported"
        self.entry(r, values, group_name, to_text(text), indicators)
        return "read"

    def noise(self, values: list[Any]) -> str | None:
        """``"blank"`` for an empty row, ``"header"`` for a repeated header, else ``None``."""
        texts = [normalise_header(to_text(v)) for v in values if not is_blank(v)]
        if not texts:
            return "blank"
        if sum(1 for t in texts if t in self.header_texts) >= max(2, len(texts) - 1):
            return "header"
        return None

    def entry(self, r: int, values: list[Any], group_name: str, text: str, indicators: Any) -> None:
        """A tujuan or sasaran row: its id (given, else ``T1``/``S1`` … in reading order), text, indicators, note."""
        _, given_id = self.cell(values, "id")
        _, note = self.cell(values, "note")
        self.counters[group_name] += 1
        if given_id is not None:
            entry_id = clean_text(to_text(given_id))
        else:
            entry_id = f"{'T' if group_name == 'tujuan' else 'S'}{self.counters[group_name]}"
        goal_id = self.current_goal if group_name == "sasaran" else None
        entry = _Entry(group=group_name, id=entry_id, text=clean_text(text), row=r + 1, goal_id=goal_id)
        if group_name == "tujuan":
            self.current_goal = entry_id
        if indicators is not None:
            self.add_indicators(entry, to_text(indicators), r + 1)
        if note is not None:
            self.notes[entry_id] = to_text(note)
        self.entries.append(entry)

    # -- cells --------------------------------------------------------------------------------------
    def cell(self, values: list[Any], field: str) -> tuple[Column | None, Any]:
        columns = self.header.columns.get(field)
        if not columns:
            return None, None
        column = columns[0]
        raw = unescape_text(values[column.index]) if column.index < len(values) else None
        return column, (None if is_blank(raw) else raw)

    def add_indicators(self, entry: _Entry, cell_text: str, row: int) -> None:
        for name in split_list(cell_text):
            if name not in entry.indicators:
                entry.indicators.append(name)
                continue
            self.report.add(
                REPEATED_INDICATOR,
                row,
                self.indicator_letter,
                "indicator",
                id=f"Indikator {name!r} dari {entry.group} {entry.id} ditulis lebih dari sekali; dibaca sekali.",
                en=f"The indicator {name!r} of {entry.group} {entry.id} is written more than once; it is read once.",
                expected="each indicator once",
                found=name,
                subject=entry.id,
                fix_id="Hapus indikator yang berulang.",
                fix_en="Remove the repeated indicator.",
            )

    def not_read(
        self, row: int, column: Column | None, field: str, content: str, *, id: str, en: str, expected: str
    ) -> None:
        self.report.add(
            ROW_NOT_READ,
            row,
            column.letter if column else None,
            field,
            id=id,
            en=en,
            expected=expected,
            found=content or None,
            fix_id="Isi KELOMPOK (Tujuan atau Sasaran) dan teksnya.",
            fix_en="Fill in KELOMPOK (Tujuan or Sasaran) and its text.",
        )

    # -- models -------------------------------------------------------------------------------------
    def build(self) -> tuple[list[Goal], list[Objective]]:
        """The goals and objectives of the entries; an entry repeating an id, or that the model refuses, is
        reported and left out."""
        goals: list[Goal] = []
        objectives: list[Objective] = []
        seen: dict[str, int] = {}
        for entry in self.entries:
            if entry.id in seen:
                self.duplicate(entry, seen[entry.id])
                continue
            seen[entry.id] = entry.row
            try:
                model = _model(entry)
            except InvalidModel as exc:
                self.report.add(
                    ROW_NOT_READ,
                    entry.row,
                    None,
                    exc.field,
                    id=f"{entry.group.capitalize()} {entry.id} tidak dapat dibentuk ({exc.reason}); baris tidak dibaca.",
                    en=f"The {entry.group} {entry.id} cannot be built ({exc.reason}); the row is not read.",
                    expected=f"a valid {entry.group}",
                    found=entry.text,
                    fix_id="Perbaiki baris ini.",
                    fix_en="Correct this row.",
                )
                self.tally.move("read", "reported")
                continue
            if isinstance(model, Goal):
                goals.append(model)
            else:
                objectives.append(model)
        return goals, objectives

    def duplicate(self, entry: _Entry, first_row: int) -> None:
        self.report.add(
            DUPLICATE_ROW,
            entry.row,
            None,
            "id",
            id=f"Id {entry.id!r} sudah dipakai di baris {first_row}; baris {entry.row} tidak dibaca.",
            en=f"The id {entry.id!r} is already used on row {first_row}; row {entry.row} is not read.",
            expected="a distinct id per tujuan and sasaran",
            found=entry.id,
            evidence={"first_row": first_row, "row": entry.text},
            fix_id="Beri id yang berbeda.",
            fix_en="Give it a distinct id.",
        )
        self.tally.move("read", "reported")


def _group_name(group: Any) -> str | None:
    """``"tujuan"`` or ``"sasaran"`` for a KELOMPOK cell starting with either word, else ``None``."""
    kind = normalise_header(to_text(group)) if group is not None else ""
    if kind.startswith("tujuan"):
        return "tujuan"
    if kind.startswith("sasaran"):
        return "sasaran"
    return None


def _model(entry: _Entry) -> Goal | Objective:
    """The goal (tujuan) or objective (sasaran) of an entry, its indicators of distinct ids."""
    kind = IndicatorKind.OUTCOME if entry.group == "sasaran" else IndicatorKind.IMPACT
    ids = distinct_ids(entry.indicators)
    indicators = [Indicator(name=name, id=ident, kind=kind) for name, ident in zip(entry.indicators, ids, strict=True)]
    if entry.group == "tujuan":
        return Goal(id=entry.id, text=entry.text, indicators=indicators)
    return Objective(id=entry.id, text=entry.text, goal_id=entry.goal_id, indicators=indicators)

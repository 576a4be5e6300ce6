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
    report = SheetFindings(source, sheet)
    tally = RowTally()
    entries: list[_Entry] = []
    notes: dict[str, str] = {}
    counters = {"tujuan": 0, "sasaran": 0}
    current_goal: str | None = None
    header_texts = {p[-1] for p in header.paths if p}
    indicator_column = header.columns.get("indicator", [None])[0]
    indicator_letter = indicator_column.letter if indicator_column is not None else None

    def not_read(row: int, column: Column | None, field: str, content: str, *, id: str, en: str, expected: str) -> None:
        report.add(ROW_NOT_READ, row, column.letter if column else None, field, id=id, en=en, expected=expected,
                   found=content or None, fix_id="Isi KELOMPOK (Tujuan atau Sasaran) dan teksnya.",
                   fix_en="Fill in KELOMPOK (Tujuan or Sasaran) and its text.")  # fmt: skip

    def cell(values: list[Any], field: str) -> tuple[Column | None, Any]:
        columns = header.columns.get(field)
        if not columns:
            return None, None
        column = columns[0]
        raw = unescape_text(values[column.index]) if column.index < len(values) else None
        return column, (None if is_blank(raw) else raw)

    def add_indicators(entry: _Entry, cell_text: str, row: int) -> None:
        for name in split_list(cell_text):
            if name in entry.indicators:
                report.add(
                    REPEATED_INDICATOR, row, indicator_letter, "indicator",
                    id=f"Indikator {name!r} dari {entry.group} {entry.id} ditulis lebih dari sekali; dibaca sekali.",
                    en=f"The indicator {name!r} of {entry.group} {entry.id} is written more than once; it is read once.",
                    expected="each indicator once", found=name, subject=entry.id,
                    fix_id="Hapus indikator yang berulang.", fix_en="Remove the repeated indicator.",
                )  # fmt: skip
                continue
            entry.indicators.append(name)

    count = 0
    for r, values in rows:
        count += 1
        if tick is not None and count % 1000 == 0:
            tick(r + 1)
        texts = [normalise_header(to_text(v)) for v in values if not is_blank(v)]
        if not texts:
            tally.add("blank")
            continue
        if sum(1 for t in texts if t in header_texts) >= max(2, len(texts) - 1):
            tally.add("header")
            continue
        content = " | ".join(clean_text(to_text(v)) for v in values if not is_blank(v))[:300]
        group_col, group = cell(values, "group")
        text_col, text = cell(values, "text")
        _, indicators = cell(values, "indicator")
        _, given_id = cell(values, "id")
        _, note = cell(values, "note")
        if group is None and text is None:
            if indicators is not None and entries:
                add_indicators(entries[-1], to_text(indicators), r + 1)
                tally.add("read")
                continue
            not_read(r + 1, group_col, "group", content,
                     id=f"Baris {r + 1} tanpa KELOMPOK dan teks; baris tidak dibaca.",
                     en=f"Row {r + 1} has no KELOMPOK and no text; the row is not read.",
                     expected="Tujuan or Sasaran with its text")  # fmt: skip
            tally.add("reported")
            continue
        kind = normalise_header(to_text(group)) if group is not None else ""
        if kind.startswith("tujuan"):
            group_name = "tujuan"
        elif kind.startswith("sasaran"):
            group_name = "sasaran"
        else:
            not_read(r + 1, group_col, "group", content,
                     id=f"KELOMPOK {to_text(group) if group is not None else ''!r} bukan Tujuan atau Sasaran; baris "
                     "tidak dibaca.",
                     en=f"KELOMPOK {to_text(group) if group is not None else ''!r} is neither Tujuan nor Sasaran; the row "
                     "is not read.",
                     expected="Tujuan or Sasaran")  # fmt: skip
            tally.add("reported")
            continue
        if text is None:
            not_read(r + 1, text_col, "text", content,
                     id=f"{group_name.capitalize()} tanpa teks; baris tidak dibaca.",
                     en=f"The {group_name} has no text; the row is not read.",
                     expected=f"the {group_name} text")  # fmt: skip
            tally.add("reported")
            continue
        counters[group_name] += 1
        entry_id = clean_text(to_text(given_id)) if given_id is not None else (
            f"{'T' if group_name == 'tujuan' else 'S'}{counters[group_name]}"
        )  # fmt: skip
        raw_text = to_text(text)
        entry = _Entry(group=group_name, id=entry_id, text=clean_text(raw_text), row=r + 1,
                       goal_id=current_goal if group_name == "sasaran" else None)  # fmt: skip
        if group_name == "tujuan":
            current_goal = entry_id
        if indicators is not None:
            add_indicators(entry, to_text(indicators), r + 1)
        if note is not None:
            notes[entry_id] = to_text(note)
        entries.append(entry)
        tally.add("read")

    goals: list[Goal] = []
    objectives: list[Objective] = []
    seen: dict[str, int] = {}
    for entry in entries:
        if entry.id in seen:
            report.add(
                DUPLICATE_ROW, entry.row, None, "id",
                id=f"Id {entry.id!r} sudah dipakai di baris {seen[entry.id]}; baris {entry.row} tidak dibaca.",
                en=f"The id {entry.id!r} is already used on row {seen[entry.id]}; row {entry.row} is not read.",
                expected="a distinct id per tujuan and sasaran", found=entry.id,
                evidence={"first_row": seen[entry.id], "row": entry.text},
                fix_id="Beri id yang berbeda.", fix_en="Give it a distinct id.",
            )  # fmt: skip
            tally.move("read", "reported")
            continue
        seen[entry.id] = entry.row
        kind = IndicatorKind.OUTCOME if entry.group == "sasaran" else IndicatorKind.IMPACT
        try:
            ids = distinct_ids(entry.indicators)
            indicator_models = [
                Indicator(name=name, id=ident, kind=kind) for name, ident in zip(entry.indicators, ids, strict=True)
            ]
            if entry.group == "tujuan":
                goals.append(Goal(id=entry.id, text=entry.text, indicators=indicator_models))
            else:
                objectives.append(
                    Objective(id=entry.id, text=entry.text, goal_id=entry.goal_id, indicators=indicator_models)
                )
        except InvalidModel as exc:
            report.add(
                ROW_NOT_READ, entry.row, None, exc.field,
                id=f"{entry.group.capitalize()} {entry.id} tidak dapat dibentuk ({exc.reason}); baris tidak dibaca.",
                en=f"The {entry.group} {entry.id} cannot be built ({exc.reason}); the row is not read.",
                expected=f"a valid {entry.group}", found=entry.text,
                fix_id="Perbaiki baris ini.", fix_en="Correct this row.",
            )  # fmt: skip
            tally.move("read", "reported")
    return GoalsResult(goals=tuple(goals), objectives=tuple(objectives), notes=notes,
                       findings=tuple(report.findings), tally=tally, rows=count)  # fmt: skip

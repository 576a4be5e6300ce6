"""Reading a tujuan/sasaran list: ``KELOMPOK`` (Tujuan or Sasaran), the text, its indicators.

A sasaran belongs to the tujuan above it. One indicator cell may hold several indicators separated
by ``";\\n"``; a row with only an indicator continues the tujuan or sasaran above. Without an id
column, tujuan are numbered ``T1, T2 …`` and sasaran ``S1, S2 …`` in reading order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import attrs

from sinkron.errors import InvalidModel, Location, SourceError
from sinkron.models import Goal, Indicator, IndicatorKind, Objective
from sinkron_spreadsheet.cells import clean_text, is_blank, normalise_header, split_list, to_text, unescape_text
from sinkron_spreadsheet.header import Column, Header

__all__ = ["GoalsResult", "read_goals"]


@attrs.frozen
class GoalsResult:
    """Tujuan and sasaran of one sheet, notes by id (the KETERANGAN column), and the errors."""

    goals: tuple[Goal, ...]
    objectives: tuple[Objective, ...]
    notes: dict[str, str]
    errors: tuple[SourceError, ...]
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
    """Read the rows after ``header`` into tujuan (goals) and sasaran (objectives)."""
    errors: list[SourceError] = []
    entries: list[_Entry] = []
    notes: dict[str, str] = {}
    counters = {"tujuan": 0, "sasaran": 0}
    current_goal: str | None = None
    header_texts = {p[-1] for p in header.paths if p}

    def error(message: str, row: int, column: Column | None, field: str, **kw: Any) -> None:
        errors.append(
            SourceError(
                message,
                location=Location(source=source, sheet=sheet, row=row,
                                  column=column.letter if column else None, field=field),
                **kw,
            )
        )  # fmt: skip

    def cell(values: list[Any], field: str) -> tuple[Column | None, Any]:
        columns = header.columns.get(field)
        if not columns:
            return None, None
        column = columns[0]
        raw = unescape_text(values[column.index]) if column.index < len(values) else None
        return column, (None if is_blank(raw) else raw)

    count = 0
    for r, values in rows:
        count += 1
        if tick is not None and count % 1000 == 0:
            tick(r + 1)
        texts = [normalise_header(to_text(v)) for v in values if not is_blank(v)]
        if not texts or sum(1 for t in texts if t in header_texts) >= max(2, len(texts) - 1):
            continue
        group_col, group = cell(values, "group")
        text_col, text = cell(values, "text")
        ind_col, indicators = cell(values, "indicator")
        id_col, given_id = cell(values, "id")
        note_col, note = cell(values, "note")
        if group is None and text is None:
            if indicators is not None and entries:
                entries[-1].indicators.extend(split_list(to_text(indicators)))
                continue
            error("a row without KELOMPOK and text", r + 1, group_col, "group",
                  expected="Tujuan or Sasaran with its text", actual=" | ".join(texts))  # fmt: skip
            continue
        kind = normalise_header(to_text(group)) if group is not None else ""
        if kind.startswith("tujuan"):
            group_name = "tujuan"
        elif kind.startswith("sasaran"):
            group_name = "sasaran"
        else:
            error("KELOMPOK must say Tujuan or Sasaran", r + 1, group_col, "group",
                  expected="Tujuan or Sasaran", actual=group)  # fmt: skip
            continue
        if text is None:
            error(f"the {group_name} has no text", r + 1, text_col, "text", expected=f"the {group_name} text")
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
            entry.indicators.extend(split_list(to_text(indicators)))
        if note is not None:
            notes[entry_id] = to_text(note)
        entries.append(entry)
        del id_col, ind_col, note_col

    goals: list[Goal] = []
    objectives: list[Objective] = []
    seen: dict[str, int] = {}
    for entry in entries:
        if entry.id in seen:
            error(f"the id {entry.id!r} is used twice (first in row {seen[entry.id]})", entry.row, None, "id",
                  expected="a distinct id per tujuan and sasaran", actual=entry.id)  # fmt: skip
            continue
        seen[entry.id] = entry.row
        kind = IndicatorKind.OUTCOME if entry.group == "sasaran" else IndicatorKind.IMPACT
        try:
            indicator_models = [Indicator(name=name, kind=kind) for name in entry.indicators]
            if entry.group == "tujuan":
                goals.append(Goal(id=entry.id, text=entry.text, indicators=indicator_models))
            else:
                objectives.append(
                    Objective(id=entry.id, text=entry.text, goal_id=entry.goal_id, indicators=indicator_models)
                )
        except InvalidModel as exc:
            error(f"invalid {entry.group}: {exc.reason}", entry.row, None, "indicator",
                  expected="distinct indicator names", actual=entry.text)  # fmt: skip
    return GoalsResult(goals=tuple(goals), objectives=tuple(objectives), notes=notes, errors=tuple(errors), rows=count)

"""Reading a spreadsheet file into a Bundle: open, pick the layout, read every sheet, report.

>>> from sinkron_spreadsheet import read_spreadsheet
>>> result = read_spreadsheet("/no/such/file.xlsx")
>>> result.complete, result.errors[0].message
(False, 'cannot open the file: No such file or directory')
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs

from sinkron.connector import ReadResult
from sinkron.errors import InvalidModel, Location, SourceError
from sinkron.models import Agency, Bundle, Plan, PlanKind, PlanPeriod, PlanStage, Provenance
from sinkron.models.findings import Finding
from sinkron.monitoring import MONITORING_DATA
from sinkron.nomenclature import default_nomenclature
from sinkron.progress import Progress, ProgressEvent
from sinkron.source_findings import CELL_UNREADABLE, NAME_CONFLICT, YEAR_INFERRED
from sinkron_spreadsheet.cells import is_blank
from sinkron_spreadsheet.findings import RowTally, SheetFindings
from sinkron_spreadsheet.goals import read_goals
from sinkron_spreadsheet.header import SCAN_ROWS, Header, column_letter, find_header
from sinkron_spreadsheet.items import read_items
from sinkron_spreadsheet.mapping import BUILTIN_LAYOUTS, Mapping, load_mapping
from sinkron_spreadsheet.organisations import read_organisations
from sinkron_spreadsheet.overflow import RowOverflow
from sinkron_spreadsheet.preamble import Preamble, parse_period, parse_unit
from sinkron_spreadsheet.read_options import SpreadsheetReadOptions
from sinkron_spreadsheet.rincian import read_rincian
from sinkron_spreadsheet.workbook import ReadProblem, Sheet, Workbook, with_workbook

__all__ = [
    "Detection",
    "SheetResult",
    "detect_layout",
    "read_sheet",
    "read_spreadsheet",
    "read_workbook",
    "spreadsheet_options",
    "year_in",
]

_DEFAULT_OPTIONS = SpreadsheetReadOptions()


@attrs.frozen
class Detection:
    """Which layout a sheet was read with, where its header is, and whether sinkron chose it."""

    layout: str
    sheet: str | None
    header_row: int
    """1-based row of the header's first line."""
    detected: bool

    def describe(self) -> str:
        how = f"detected from the header in row {self.header_row}" if self.detected else "chosen by the caller"
        return f"layout {self.layout} ({how})"


@attrs.frozen
class SheetResult:
    """What one sheet gave: the plan, agencies named above or inside the table, errors, rows seen, the source
    findings, and how every row of the sheet was accounted for."""

    plan: Plan | None
    agencies: tuple[Agency, ...]
    errors: tuple[SourceError, ...]
    rows: int
    detection: Detection | None
    findings: tuple[Finding, ...] = ()
    """Source findings (SKN0xx) about the sheet's data: the rows they concern are kept."""
    tally: RowTally = attrs.field(factory=RowTally)


def detect_layout(
    rows: Sequence[Sequence[Any]], candidates: Sequence[Mapping], merged: Sequence[Any] = ()
) -> tuple[Mapping, Header] | None:
    """The layout whose header fits ``rows`` (the top of a sheet) best: every required column, most columns."""
    best: tuple[Mapping, Header] | None = None
    for mapping in candidates:
        header = find_header(rows, mapping, merged)
        if header is None or header.missing:
            continue
        if best is None or header.score > best[1].score:
            best = (mapping, header)
    return best


@attrs.frozen
class _Place:
    """The file and sheet being read (for locations and for the year they name)."""

    source: str
    sheet: str | None

    def location(self, row: int | None = None, field: str | None = None) -> Location:
        return Location(source=self.source, sheet=self.sheet, row=row, field=field)


def read_sheet(
    sheet: Sheet,
    *,
    source: str,
    options: SpreadsheetReadOptions = _DEFAULT_OPTIONS,
    mapping: Mapping | None = None,
    candidates: Sequence[Mapping] | None = None,
    sheet_label: str | None = None,
    progress: Progress | None = None,
) -> SheetResult:
    """Read one sheet with ``mapping`` (or the best of ``candidates``) into a plan.

    ``sheet_label`` is the sheet name used in error locations (``None`` for csv files). Of ``options``, those
    about the plan apply (``year``, ``start_year``, ``plan_id``, ``title``, ``kind``, ``agency``,
    ``nomenclature``, ``sub_activity``: the sub kegiatan a Form Rincian details, see
    :mod:`sinkron_spreadsheet.rincian`); ``mapping``, ``sheet``, ``encoding`` and ``limits`` are the file's.
    """
    place = _Place(source, sheet_label)
    rows = sheet.rows()
    head = list(itertools.islice(rows, SCAN_ROWS + 6))
    top = [values for _, values in head]
    if head and head[0][0]:
        top = [[] for _ in range(head[0][0])] + top  # rows are absolute: pad skipped empty rows
    found = _find_layout(top, sheet.merged, mapping, candidates or [], place)
    if isinstance(found, SheetResult):
        return found
    layout, header = found
    detection = Detection(layout.name, sheet_label, header.row + 1, mapping is None)
    errors = [_duplicate_error(field, indices, header, source, sheet_label) for field, indices in header.duplicates]
    if layout.shape == "agencies":  # a list of perangkat daerah: no plan, no year
        listed_rows = ((r, v) for r, v in itertools.chain(head, rows) if r >= header.first_data_row)
        listed = read_organisations(listed_rows, header=header, source=source, sheet=sheet_label)
        return SheetResult(
            plan=None,
            agencies=listed.agencies,
            errors=tuple(errors),
            rows=listed.rows,
            detection=detection,
            findings=listed.findings,
        )
    reading = _SheetReading(place, options, layout, header, top, errors)
    if reading.period is None:
        return reading.result(None, detection, rows=0)
    data = itertools.chain(((r, v) for r, v in head if r >= header.first_data_row), rows)
    body = reading.body(data, sheet, _ticker(progress, place, sheet.height))
    return reading.result(reading.plan(body), detection, rows=body.rows, tally=body.tally)


def _find_layout(
    top: Sequence[Sequence[Any]],
    merged: Sequence[Any],
    mapping: Mapping | None,
    candidates: Sequence[Mapping],
    place: _Place,
) -> tuple[Mapping, Header] | SheetResult:
    """The layout and header of a sheet: ``mapping``'s header (an error when the sheet lacks it), else the best
    of ``candidates`` (an empty result when none fits: the sheet is skipped)."""
    if mapping is None:
        chosen = detect_layout(top, candidates, merged)
        return chosen if chosen is not None else SheetResult(plan=None, agencies=(), errors=(), rows=0, detection=None)
    header = find_header(top, mapping, merged)
    if header is not None and not header.missing:
        return mapping, header
    missing = header.missing if header is not None else mapping.required
    wanted = "; ".join(f"{f}: {' / '.join(mapping.columns.get(f, ())[:3])}" for f in missing)
    error = SourceError(
        f"no header row with the column(s) the {mapping.name} layout needs",
        location=place.location(header.row + 1 if header else None),
        expected=wanted,
        actual=", ".join(" > ".join(p) for p in header.paths if p)[:300] if header else None,
    )
    return SheetResult(plan=None, agencies=(), errors=(error,), rows=0, detection=None)


def _ticker(progress: Progress | None, place: _Place, total: int | None) -> Callable[[int], None]:
    """Reports the rows read so far to ``progress`` (nothing without one)."""
    task = f"reading {Path(place.source).name}" + (f" [{place.sheet}]" if place.sheet else "")

    def tick(done: int) -> None:
        if progress is not None:
            progress(ProgressEvent(task=task, done=done, total=total, unit="rows"))

    return tick


@attrs.define
class _Body:
    """What the rows below the header gave, whatever the sheet's shape: the plan's fields and how rows went."""

    rows: int
    tally: RowTally
    plan_fields: dict[str, Any]
    extra: dict[str, Any] = attrs.field(factory=dict)


class _Units:
    """The perangkat daerah a sheet names (Unit / Sub Unit lines above or inside the table), each once.

    A unit named two ways is reported (``SKN011``) and keeps its first name.
    """

    def __init__(self, report: SheetFindings, agency: Agency | None) -> None:
        self.report = report
        self.agencies: dict[str, Agency] = {}
        self.unit_id: str | None = None
        """The id of the last Unit line: the parent of the Sub Unit lines under it."""
        self.agency_id: str | None = None
        """The perangkat daerah the rows read so far belong to."""
        if agency is not None:
            self.agencies[agency.id] = agency
            self.agency_id = agency.id

    def name(self, r: int, key: str, text: str) -> str | None:
        """Take a ``unit`` or ``sub_unit`` line of 0-based row ``r``; the id of the perangkat daerah it names."""
        parent = self.unit_id if key == "sub_unit" else None
        found = parse_unit(text, parent_id=parent)
        known = self.agencies.get(found.id)
        if found.id == parent and known is not None:  # a Sub Unit line repeating its Unit: the same perangkat daerah
            found = attrs.evolve(found, parent_id=known.parent_id)
        if known is not None and known.name != found.name:
            self.report.add(
                NAME_CONFLICT,
                r + 1,
                None,
                key,
                id=f'Unit {found.id} bernama "{known.name}" dan "{found.name}"; dipakai "{known.name}".',
                en=f'The unit {found.id} is named "{known.name}" and "{found.name}"; "{known.name}" is used.',
                expected=known.name,
                found=found.name,
                fix_id="Samakan nama unit di seluruh berkas.",
                fix_en="Write the unit's name the same way throughout the file.",
            )
        self.agencies.setdefault(found.id, found)
        if key == "unit":
            self.unit_id = found.id
        return found.id

    def from_preamble(self, preamble: Preamble) -> None:
        """Take the Unit and Sub Unit lines above the header: the rows belong to the last one."""
        for key in ("unit", "sub_unit"):
            if key in preamble.values:
                text, r = preamble.values[key]
                self.agency_id = self.name(r, key, text)


class _SheetReading:
    """One plan sheet read in its steps: the lines above the header (preamble, kind, period, units), the rows
    below it (by the layout's shape), then the plan built from both."""

    def __init__(
        self,
        place: _Place,
        options: SpreadsheetReadOptions,
        layout: Mapping,
        header: Header,
        top: list[list[Any]],
        errors: list[SourceError],
    ) -> None:
        self.place = place
        self.options = options
        self.layout = layout
        self.header = header
        self.top = top
        self.errors = errors
        self.report = SheetFindings(place.source, place.sheet)
        self.preamble = Preamble()
        for r, values in enumerate(top[: header.row]):
            self.preamble.feed(r, values)
        self.kind = _kind(options.kind) or self.preamble.kind() or layout.plan_kind
        self.period = _period(self.kind, layout, header, self.preamble, options, place, errors, self.report)
        self.units = _Units(self.report, options.agency)
        self.units.from_preamble(self.preamble)

    def result(
        self, plan: Plan | None, detection: Detection, *, rows: int, tally: RowTally | None = None
    ) -> SheetResult:
        return SheetResult(
            plan=plan,
            agencies=tuple(self.units.agencies.values()),
            errors=tuple(self.errors),
            rows=rows,
            detection=detection,
            findings=tuple(self.report.findings),
            tally=tally if tally is not None else RowTally(),
        )

    # -- the rows below the header -----------------------------------------------------------------------
    def body(self, data: Iterator[tuple[int, list[Any]]], sheet: Sheet, tick: Callable[[int], None]) -> _Body:
        """Read the data rows by the layout's shape; count the lines above them in the tally.

        A csv row with more cells than its header is not read (an unquoted delimiter shifted its cells, see
        :mod:`~sinkron_spreadsheet.overflow`): it is named by a finding and counted as reported.
        """
        overflow = RowOverflow(len(self.header.paths), self.place.location()) if sheet.delimited else None
        if overflow is not None:
            data = overflow.rows(data)
        if self.layout.shape == "goals":
            body = self._goals(data, tick)
        elif self.layout.shape == "budget-lines":
            body = self._budget_lines(data, tick)
        else:
            body = self._items(data, sheet, tick)
        if overflow is not None:
            self.report.findings.extend(overflow.findings)
            body.tally.add("reported", overflow.count)
            body.rows += overflow.count
        tick(self.header.first_data_row + body.rows)
        for values in self.top[: self.header.row]:
            body.tally.add("blank" if all(is_blank(v) for v in values) else "title")
        body.tally.add("header", self.header.height)
        return body

    def _goals(self, data: Iterator[tuple[int, list[Any]]], tick: Callable[[int], None]) -> _Body:
        goals = read_goals(data, header=self.header, source=self.place.source, sheet=self.place.sheet, tick=tick)
        self.report.findings.extend(goals.findings)
        body = _Body(goals.rows, goals.tally, {"goals": goals.goals, "objectives": goals.objectives})
        if goals.notes:
            body.extra["notes"] = goals.notes
        return body

    def _budget_lines(self, data: Iterator[tuple[int, list[Any]]], tick: Callable[[int], None]) -> _Body:
        assert self.period is not None
        given = self.options.sub_activity
        rincian = read_rincian(
            data,
            mapping=self.layout,
            header=self.header,
            source=self.place.source,
            sheet=self.place.sheet,
            year=self.period.start,
            sub_activity=str(given) if given is not None else self.preamble.values.get("sub_activity", (None, 0))[0],
            pagu=self.preamble.values.get("pagu"),
            agency_id=self.units.agency_id,
            nomenclature=self.options.nomenclature or default_nomenclature(),
            tick=tick,
        )
        self.errors.extend(rincian.errors)
        self.report.findings.extend(rincian.findings)
        tally = RowTally()
        for kind, rows_of_kind in rincian.counts.items():
            tally.add({"line": "read"}.get(kind, kind), rows_of_kind)
        return _Body(rincian.rows, tally, {"programs": rincian.programs})

    def _items(self, data: Iterator[tuple[int, list[Any]]], sheet: Sheet, tick: Callable[[int], None]) -> _Body:
        assert self.period is not None
        items = read_items(
            data,
            mapping=self.layout,
            header=self.header,
            source=self.place.source,
            sheet=self.place.sheet,
            notes=sheet.notes,
            year=self.period.start,
            nomenclature=self.options.nomenclature or default_nomenclature(),
            agency_id=self.units.agency_id,
            on_unit=self.units.name,
            tick=tick,
        )
        self.report.findings.extend(items.findings)
        body = _Body(items.rows, items.tally, {"programs": items.programs})
        if items.headings:
            body.extra["headings"] = items.headings
        return body

    # -- the plan --------------------------------------------------------------------------------------
    def plan(self, body: _Body) -> Plan | None:
        """The plan the sheet gives; ``None`` (and an error) when the model refuses it."""
        assert self.period is not None
        given = self.preamble.values
        stage = self._stage()
        revision = self._revision()
        try:
            return Plan(
                id=self._plan_id(),
                kind=self.kind,
                title=self.options.title
                or given.get("title", (None, 0))[0]
                or self.preamble.first_text
                or self._default_title(),
                period=self.period,
                owner_id=given.get("owner", (None, 0))[0] or None,
                government_id=given.get("government", (None, 0))[0] or None,
                stage=stage or PlanStage.ENACTED,
                revision=revision,
                nomenclature=given.get("nomenclature", (None, 0))[0] or None,
                provenance=Provenance(source=self.place.source, sheet=self.place.sheet, row=self.header.row + 1),
                extra={**body.extra, MONITORING_DATA: True} if self.layout.attach else body.extra,
                **body.plan_fields,
            )
        except InvalidModel as exc:
            self.errors.append(
                SourceError(f"the plan cannot be built: {exc}", location=self.place.location(), actual=exc.reason)
            )
            return None

    def _unit(self) -> Agency | None:
        return next(iter(self.units.agencies.values()), None)

    def _plan_id(self) -> str:
        assert self.period is not None
        unit = self._unit()
        # Monitoring data (an anggaran kas, a realisation report) is named after its layout: beside the DPA it
        # belongs to, and beside another report of the same unit and year, its id stays its own.
        kind = self.layout.name if self.layout.attach else self.kind.value
        parts = (kind, str(self.period.start), unit.code if unit is not None else None)
        return self.options.plan_id or self.preamble.values.get("id", (None, 0))[0] or "-".join(p for p in parts if p)

    def _default_title(self) -> str:
        label = self.kind.value.replace("_", " ").upper().replace("RENSTRA", "Renstra").replace("RENJA", "Renja")
        unit = self._unit()
        return f"{self.layout.title or label} {self.period}" + (f" – {unit.name}" if unit is not None else "")

    def _stage(self) -> PlanStage | None:
        """The plan stage a "Tahap" line names; an unknown one is reported (and read as enacted)."""
        stage = self.preamble.stage()
        if "stage" in self.preamble.values and stage is None:
            text, r = self.preamble.values["stage"]
            stages = ", ".join(s.value for s in PlanStage)
            self.report.add(
                CELL_UNREADABLE,
                r + 1,
                None,
                "stage",
                id=f"Tahap rencana {text!r} tidak dikenal; dibaca sebagai {PlanStage.ENACTED.value}.",
                en=f"The plan stage {text!r} is unknown; it is read as {PlanStage.ENACTED.value}.",
                expected=stages,
                found=text,
                fix_id=f"Tulis salah satu: {stages}.",
                fix_en=f"Write one of: {stages}.",
            )
        return stage

    def _revision(self) -> int:
        """The revision number a "Revisi" line gives (0 without one); one that is not a number is reported."""
        if "revision" not in self.preamble.values:
            return 0
        text, r = self.preamble.values["revision"]
        if text.isdigit():
            return int(text)
        self.report.add(
            CELL_UNREADABLE,
            r + 1,
            None,
            "revision",
            id=f"Revisi {text!r} bukan angka; dibaca sebagai 0.",
            en=f"The revision {text!r} is not a number; it is read as 0.",
            expected="0, 1, 2 …",
            found=text,
            fix_id="Tulis nomor revisi.",
            fix_en="Write the revision number.",
        )
        return 0


def _duplicate_error(
    field: str, indices: tuple[int, ...], header: Header, source: str, sheet: str | None
) -> SourceError:
    """Several columns under the same header text: which one holds ``field`` cannot be told."""
    letters = ", ".join(column_letter(i) for i in indices)
    return SourceError(
        f"{len(indices)} columns are headed {' > '.join(header.paths[indices[0]])!r}: which one holds {field} "
        f"cannot be told, so column {column_letter(indices[0])} was read and the others were not",
        location=Location(source=source, sheet=sheet, row=header.row + 1, column=letters, field=field),
        expected="one column per field: rename or remove the extra column(s), or give a mapping",
    )


def _problem_error(problem: ReadProblem, source: str, sheet: str | None) -> SourceError:
    """A row or cell the sheet's stream left out (a limit, or where the file stops making sense)."""
    column = column_letter(problem.column) if problem.column is not None else None
    return SourceError(
        problem.message,
        location=Location(source=source, sheet=sheet, row=problem.row, column=column),
        expected=problem.expected,
        actual=problem.actual,
    )


def _kind(kind: PlanKind | str | None) -> PlanKind | None:
    if kind is None or isinstance(kind, PlanKind):
        return kind
    return PlanKind(kind)


_YEARS = re.compile(r"(?<!\d)((?:19|20|21)\d\d)(?:\s*(?:–|—|-|s\.?d\.?|sampai)\s*((?:19|20|21)\d\d))?(?!\d)")


def year_in(text: str) -> PlanPeriod | None:
    """The one year or range of years a title, sheet name or file name gives (``None`` when none or several).

    >>> year_in("RENCANA KERJA DINAS KESEHATAN TAHUN 2026"), year_in("renstra 2025-2029.xlsx")
    (PlanPeriod(start=2026, end=2026), PlanPeriod(start=2025, end=2029))
    >>> year_in("RKPD 2025 dan 2026") is None
    True
    """
    found = {(int(m.group(1)), int(m.group(2) or m.group(1))) for m in _YEARS.finditer(text)}
    if len(found) != 1:
        return None
    ((start, end),) = found
    return PlanPeriod(start=start, end=end) if start <= end else None


def _named_period(preamble: Preamble, place: _Place) -> tuple[PlanPeriod, str, str, int | None] | None:
    """The period named by a title line above the header, the sheet name or the file name, in that order.

    Returns the period, where it was found (Indonesian, English) and the row of the title line.
    """
    for text, r in preamble.titles:
        period = year_in(text)
        if period is not None:
            return period, f'judul baris {r + 1} ("{text}")', f'the title in row {r + 1} ("{text}")', r + 1
    if place.sheet:
        period = year_in(place.sheet)
        if period is not None:
            return period, f'nama sheet "{place.sheet}"', f'the sheet name "{place.sheet}"', None
    name = Path(place.source).name
    period = year_in(name)
    if period is not None:
        return period, f'nama file "{name}"', f'the file name "{name}"', None
    return None


def _header_years(header: Header) -> list[int]:
    """The years the header's ``{year}`` columns name (those of the next year's columns left out), ascending."""
    years = {
        column.number
        for field, columns in header.columns.items()
        if not field.startswith("next.")
        for column in columns
        if column.placeholder == "{year}" and column.number is not None
    }
    return sorted(years)


def _span(kind: PlanKind, header: Header) -> int:
    """The years a plan covers: the header's numbered ``{i}`` columns, else 5 (Renstra) or 1 (a yearly plan)."""
    indices = [c.number for cols in header.columns.values() for c in cols if c.placeholder == "{i}" and c.number]
    return max(indices, default=5 if not kind.is_yearly else 1)


def _period(
    kind: PlanKind,
    layout: Mapping,
    header: Header,
    preamble: Preamble,
    options: SpreadsheetReadOptions,
    place: _Place,
    errors: list[SourceError],
    report: SheetFindings,
) -> PlanPeriod | None:
    """The plan period: from the read option, the mapping, a "Periode/Tahun" line, the header's years, a title
    line, the sheet name or the file name (the last three reported as SKN007), in that order."""
    span = _span(kind, header)
    if "period" in preamble.values:
        text, r = preamble.values["period"]
        period = parse_period(text)
        if period is None:
            errors.append(
                SourceError(
                    "the period is not a year or a range of years",
                    location=place.location(r + 1, "period"),
                    expected="2026 or 2025–2029",
                    actual=text,
                )
            )
            return None
        if options.year is None and options.start_year is None:
            return period
    start = options.year or options.start_year or layout.year or layout.start_year
    if start is None:
        years = _header_years(header)
        if years and not kind.is_yearly:
            return PlanPeriod(start=years[0], end=max(years[-1], years[0] + span - 1))
        if not years:
            return _inferred_period(kind, span, header, preamble, place, errors, report)
        start = years[0]
    if kind.is_yearly:
        return PlanPeriod(start=start, end=start)
    return PlanPeriod(start=start, end=start + span - 1)


def _inferred_period(
    kind: PlanKind,
    span: int,
    header: Header,
    preamble: Preamble,
    place: _Place,
    errors: list[SourceError],
    report: SheetFindings,
) -> PlanPeriod | None:
    """The period a title line, the sheet name or the file name gives (SKN007), fitted to ``kind``; an error
    when none does."""
    named = _named_period(preamble, place)
    if named is None:
        errors.append(
            SourceError(
                "the plan year is unknown: neither the sheet, its title, the sheet name nor the file name says it",
                location=place.location(header.row + 1, "period"),
                expected="a year: 'year = 2026' in the mapping, the mapping name with a year ('renja@2026'), a "
                "line 'Periode : 2026' above the header, or a year in the title, the sheet name or the file name",
                read_option="year=2026" if kind.is_yearly else "start_year=2025",
            )
        )
        return None
    period, where_id, where_en, row = named
    if not kind.is_yearly and period.start == period.end:
        period = PlanPeriod(start=period.start, end=period.start + span - 1)
    elif kind.is_yearly and period.start != period.end:
        period = PlanPeriod(start=period.start, end=period.start)
    option = "year" if kind.is_yearly else "start_year"
    report.add(
        YEAR_INFERRED,
        row,
        None,
        "period",
        id=f"Tahun rencana {period} diambil dari {where_id}.",
        en=f"The plan year {period} was taken from {where_en}.",
        found=str(period),
        fix_id=f"Bila keliru, baca dengan opsi {option}={period.start}.",
        fix_en=f"If it is wrong, read with the option {option}={period.start}.",
    )
    return period


def _merge_plans(plans: list[Plan], errors: list[SourceError], source: str) -> list[Plan]:
    """Plans of the same id from several sheets (a Renstra's items and its tujuan/sasaran) become one."""
    merged: dict[str, Plan] = {}
    for plan in plans:
        if plan.id not in merged:
            merged[plan.id] = plan
            continue
        first = merged[plan.id]
        try:
            merged[plan.id] = attrs.evolve(
                first,
                goals=first.goals + plan.goals,
                objectives=first.objectives + plan.objectives,
                programs=first.programs + plan.programs,
                extra=_merge_extra(first.extra, plan.extra),
            )
        except InvalidModel as exc:
            sheet = plan.provenance.sheet if plan.provenance else None
            errors.append(
                SourceError(
                    f"the sheet repeats plan {plan.id!r}: {exc.reason}",
                    location=Location(source=source, sheet=sheet),
                    actual=plan.id,
                )
            )
    return list(merged.values())


def _merge_extra(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    out = dict(a)
    for key, value in b.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = {**out[key], **value}
        else:
            out.setdefault(key, value)
    return out


def spreadsheet_options(source: str | Path, given: dict[str, Any]) -> SpreadsheetReadOptions:
    """The read options ``given`` as keywords, or a :class:`~sinkron.errors.SourceError` located at ``source``
    for limits that cannot be (an unknown keyword is a ``TypeError``, as for any function)."""
    try:
        return SpreadsheetReadOptions(**given)
    except ValueError as exc:  # only the limits have a converter that checks the value (ReadLimits.of)
        raise SourceError(f"invalid limits: {exc}", location=Location(source=str(source))) from None


def read_spreadsheet(
    source: str | Path, *, format: str | None = None, progress: Progress | None = None, **options: Any
) -> ReadResult:
    """Read an xlsx or csv file into a :class:`~sinkron.connector.ReadResult`.

    ``options`` are the fields of :class:`~sinkron_spreadsheet.connector.SpreadsheetReadOptions`.
    ``mapping`` picks the layout: a built-in name (``"renstra"``, ``"renja"``, ``"tujuan-sasaran"``,
    ``"rkpd-report"``, optionally with ``@YEAR``), a mapping file or dict; without one the layout of
    each sheet is detected from its header. ``year`` (yearly plans) or ``start_year`` (Renstra)
    give the period when the file does not. ``limits`` (a :class:`ReadLimits` or a dict of some
    of its fields) bounds what is read. ``sub_activity`` (``"1.02.02.2.02.0001"``) names the sub kegiatan
    of a Form Rincian (``rincian`` layout) whose sheet does not. ``format`` (``"xlsx"``, ``"csv"``) overrides
    the file's extension; ``progress`` receives :class:`~sinkron.progress.ProgressEvent` as rows are read.
    Reading is tolerant (DESIGN §6a): a data
    problem is a located source finding in the bundle (``result.findings``) and its row is kept when it can
    be; ``errors`` hold what made a sheet or the file unreadable. Each sheet's note in ``bundle.sources`` says
    how its rows were accounted for (read, named by a finding, title, header, blank, subtotal, total).
    """
    settings = spreadsheet_options(source, options)
    return with_workbook(
        source,
        lambda workbook: read_workbook(workbook, str(source), settings, progress),
        format=format,
        encoding=settings.encoding,
        limits=settings.limits,
    )


def read_workbook(
    workbook: Workbook, source: str, options: SpreadsheetReadOptions, progress: Progress | None = None
) -> ReadResult:
    """Read the plans and perangkat daerah of an opened workbook (it stays open), ``source`` naming it."""
    layouts = _Layouts.of(options.mapping)
    collected = _Collected(source)
    wanted = options.sheet or (layouts.candidates[0].sheet if not layouts.detect else None)
    for name in _sheet_names(workbook, wanted, collected):
        label = None if workbook.kind == "csv" else name
        try:
            opened = workbook.sheet(name)
            result = read_sheet(
                opened,
                source=source,
                options=options,
                mapping=None if layouts.detect else layouts.candidates[0],
                candidates=layouts.candidates,
                sheet_label=label,
                progress=progress,
            )
        except Exception as exc:  # calamine raises on a damaged sheet part
            message = f"the sheet cannot be read: {type(exc).__name__}: {exc}"
            collected.errors.append(SourceError(message, location=Location(source=source, sheet=label)))
            continue
        collected.add(result, opened, name, label, detect=layouts.detect)
    if layouts.detect and not collected.plans and not collected.agencies and not collected.errors:
        collected.errors.append(_no_layout_error(source, layouts.candidates))
    if workbook.kind == "csv" and workbook.encoding == "cp1252":
        collected.notes.append(f"{source}: decoded as Windows-1252 (the bytes are not UTF-8)")
    return collected.result()


@attrs.frozen
class _Layouts:
    """The layouts a file is read with: the one the caller chose, or every built-in one, detected per sheet."""

    candidates: list[Mapping]
    detect: bool

    @classmethod
    def of(cls, mapping: Any) -> _Layouts:
        if mapping is None:
            return cls([load_mapping(name) for name in BUILTIN_LAYOUTS], True)
        return cls([load_mapping(mapping)], False)


def _sheet_names(workbook: Workbook, wanted: str | None, collected: _Collected) -> list[str]:
    """The sheets to read: ``wanted`` (an error when the workbook has no such sheet), else all of them."""
    names = workbook.sheet_names
    if wanted is None or workbook.kind == "csv":
        return names
    if wanted in names:
        return [wanted]
    collected.errors.append(
        SourceError(
            f"no sheet named {wanted!r}",
            location=Location(source=collected.source, sheet=wanted),
            expected=f"one of: {', '.join(names)}",
            actual=wanted,
        )
    )
    return []


def _no_layout_error(source: str, candidates: Sequence[Mapping]) -> SourceError:
    expected = "; ".join(f"{m.name}: {', '.join(m.columns[f][0] for f in m.required)}" for m in candidates)
    return SourceError(
        "no sheet has the header of a known layout",
        location=Location(source=source),
        expected=f"a header row with the columns of one layout ({expected}), "
        "or mapping=... naming the layout or a mapping file",
    )


@attrs.define
class _Collected:
    """What the sheets of one file gave, gathered into one result."""

    source: str
    errors: list[SourceError] = attrs.field(factory=list)
    findings: list[Finding] = attrs.field(factory=list)
    plans: list[Plan] = attrs.field(factory=list)
    agencies: dict[str, Agency] = attrs.field(factory=dict)
    notes: list[str] = attrs.field(factory=list)
    records: int = 0

    def add(self, result: SheetResult, sheet: Sheet, name: str, label: str | None, *, detect: bool) -> None:
        """Take one sheet's result; its note in the sources says how it was read and how its rows went."""
        self.errors.extend(result.errors)
        self.findings.extend(result.findings)
        self.errors.extend(_problem_error(problem, self.source, label) for problem in sheet.problems)
        self.records += result.rows
        for found in result.agencies:
            self.agencies.setdefault(found.id, found)
        if result.plan is not None:
            self.plans.append(result.plan)
        if result.detection is not None:
            where = f" [sheet {name!r}]" if label else ""
            counted = f"; {result.tally.describe()}" if result.tally.total else ""
            self.notes.append(f"{self.source}{where}: {result.detection.describe()}{counted}")
        elif detect and label:
            self.notes.append(f"{self.source} [sheet {name!r}]: skipped, no known layout's header")

    def result(self) -> ReadResult:
        """The bundle of every plan (those of one id from several sheets merged) and perangkat daerah."""
        plans = _merge_plans(self.plans, self.errors, self.source)
        sources = (self.source, *self.notes)
        try:
            bundle = Bundle(
                plans=plans, agencies=list(self.agencies.values()), sources=sources, source_findings=self.findings
            )
        except InvalidModel as exc:
            self.errors.append(SourceError(f"the bundle cannot be built: {exc}", location=Location(source=self.source)))
            bundle = Bundle(sources=sources, source_findings=self.findings)
        return ReadResult(bundle=bundle, errors=self.errors, source=self.source, records=self.records)

"""Reading a spreadsheet file into a Bundle: open, pick the layout, read every sheet, report.

>>> from sinkron_spreadsheet import read_spreadsheet
>>> result = read_spreadsheet("/no/such/file.xlsx")
>>> result.complete, result.errors[0].message
(False, 'cannot open the file: No such file or directory')
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs

from sinkron.collector import paused_gc
from sinkron.connector import ReadResult
from sinkron.errors import InvalidModel, Location, SourceError
from sinkron.models import Agency, Bundle, Plan, PlanKind, PlanPeriod, PlanStage, Provenance
from sinkron.models.findings import Finding
from sinkron.nomenclature import Nomenclature, default_nomenclature
from sinkron.progress import Progress, ProgressEvent
from sinkron.source_findings import CELL_UNREADABLE, NAME_CONFLICT, YEAR_INFERRED
from sinkron_spreadsheet.cells import is_blank
from sinkron_spreadsheet.findings import RowTally
from sinkron_spreadsheet.goals import read_goals
from sinkron_spreadsheet.header import SCAN_ROWS, Header, column_letter, find_header
from sinkron_spreadsheet.items import read_items
from sinkron_spreadsheet.limits import ReadLimits
from sinkron_spreadsheet.mapping import BUILTIN_LAYOUTS, Mapping, load_mapping
from sinkron_spreadsheet.organisations import read_organisations
from sinkron_spreadsheet.overflow import RowOverflow
from sinkron_spreadsheet.preamble import Preamble, parse_period, parse_unit
from sinkron_spreadsheet.rincian import read_rincian
from sinkron_spreadsheet.workbook import OpenError, ReadProblem, Sheet, open_workbook

__all__ = ["Detection", "SheetResult", "detect_layout", "read_sheet", "read_spreadsheet", "year_in"]


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


def _candidates(mapping: Any) -> tuple[list[Mapping], bool]:
    if mapping is None:
        return [load_mapping(name) for name in BUILTIN_LAYOUTS], True
    return [load_mapping(mapping)], False


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


def _location(source: str, sheet: str | None, row: int | None = None, field: str | None = None) -> Location:
    return Location(source=source, sheet=sheet, row=row, field=field)


def read_sheet(
    sheet: Sheet,
    *,
    source: str,
    mapping: Mapping | None = None,
    candidates: Sequence[Mapping] | None = None,
    sheet_label: str | None = None,
    year: int | None = None,
    start_year: int | None = None,
    plan_id: str | None = None,
    title: str | None = None,
    kind: PlanKind | str | None = None,
    agency: Agency | None = None,
    nomenclature: Nomenclature | None = None,
    progress: Progress | None = None,
    sub_activity: str | None = None,
) -> SheetResult:
    """Read one sheet with ``mapping`` (or the best of ``candidates``) into a plan.

    ``sheet_label`` is the sheet name used in error locations (``None`` for csv files); ``sub_activity``
    names the sub kegiatan a Form Rincian details (see :mod:`sinkron_spreadsheet.rincian`).
    """
    rows = sheet.rows()
    head = list(itertools.islice(rows, SCAN_ROWS + 6))
    top = [values for _, values in head]
    first_index = head[0][0] if head else 0
    if first_index:
        top = [[] for _ in range(first_index)] + top  # rows are absolute: pad skipped empty rows
    chosen: tuple[Mapping, Header] | None
    detected = mapping is None
    if mapping is not None:
        header = find_header(top, mapping, sheet.merged)
        if header is None or header.missing:
            missing = header.missing if header is not None else mapping.required
            wanted = "; ".join(f"{f}: {' / '.join(mapping.columns.get(f, ())[:3])}" for f in missing)
            error = SourceError(
                f"no header row with the column(s) the {mapping.name} layout needs",
                location=_location(source, sheet_label, header.row + 1 if header else None),
                expected=wanted,
                actual=", ".join(" > ".join(p) for p in header.paths if p)[:300] if header else None,
            )
            return SheetResult(plan=None, agencies=(), errors=(error,), rows=0, detection=None)
        chosen = (mapping, header)
    else:
        chosen = detect_layout(top, candidates or [], sheet.merged)
        if chosen is None:
            return SheetResult(plan=None, agencies=(), errors=(), rows=0, detection=None)
    layout, header = chosen
    detection = Detection(layout.name, sheet_label, header.row + 1, detected)
    duplicated = [_duplicate_error(field, indices, header, source, sheet_label) for field, indices in header.duplicates]

    preamble = Preamble()
    for r, values in enumerate(top[: header.row]):
        preamble.feed(r, values)
    errors: list[SourceError] = list(duplicated)
    findings: list[Finding] = []
    if layout.shape == "agencies":  # a list of perangkat daerah: no plan, no year
        listed = read_organisations(((r, v) for r, v in itertools.chain(head, rows) if r >= header.first_data_row),
                                    header=header, source=source, sheet=sheet_label)  # fmt: skip
        return SheetResult(plan=None, agencies=listed.agencies, errors=tuple(errors), rows=listed.rows,
                           detection=detection, findings=listed.findings)  # fmt: skip
    plan_kind = _kind(kind) or preamble.kind() or layout.plan_kind
    period = _period(
        plan_kind, layout, header, preamble, year, start_year, _Place(source, sheet_label), errors, findings
    )

    agencies: dict[str, Agency] = {}
    unit_ids: list[str | None] = [None]

    def on_unit(r: int, key: str, text: str) -> str | None:
        parent = unit_ids[0] if key == "sub_unit" else None
        found = parse_unit(text, parent_id=parent)
        known = agencies.get(found.id)
        if found.id == parent and known is not None:  # a Sub Unit line repeating its Unit: the same perangkat daerah
            found = attrs.evolve(found, parent_id=known.parent_id)
        if known is not None and known.name != found.name:
            findings.append(NAME_CONFLICT.at(
                _location(source, sheet_label, r + 1, key),
                id=f"Unit {found.id} bernama \"{known.name}\" dan \"{found.name}\"; dipakai \"{known.name}\".",
                en=f"The unit {found.id} is named \"{known.name}\" and \"{found.name}\"; \"{known.name}\" is used.",
                expected=known.name, found=found.name,
                fix_id="Samakan nama unit di seluruh berkas.", fix_en="Write the unit's name the same way throughout the file.",
            ))  # fmt: skip
        agencies.setdefault(found.id, found)
        if key == "unit":
            unit_ids[0] = found.id
        return found.id

    agency_id: str | None = None
    if agency is not None:
        agencies[agency.id] = agency
        agency_id = agency.id
    for key in ("unit", "sub_unit"):
        if key in preamble.values:
            text, r = preamble.values[key]
            agency_id = on_unit(r, key, text)
    if period is None:
        return SheetResult(plan=None, agencies=tuple(agencies.values()), errors=tuple(errors), rows=0,
                           detection=detection, findings=tuple(findings))  # fmt: skip

    total = sheet.height
    task = f"reading {Path(source).name}" + (f" [{sheet_label}]" if sheet_label else "")

    def tick(done: int) -> None:
        if progress is not None:
            progress(ProgressEvent(task=task, done=done, total=total, unit="rows"))

    data: Iterator[tuple[int, list[Any]]] = itertools.chain(
        ((r, v) for r, v in head if r >= header.first_data_row), rows
    )
    overflow = RowOverflow(len(header.paths), _location(source, sheet_label)) if sheet.delimited else None
    if overflow is not None:  # a csv row with more cells than its header is not read (see overflow.py)
        data = overflow.rows(data)
    extra: dict[str, Any] = {}
    plan_fields: dict[str, Any] = {}
    if layout.shape == "goals":
        goals = read_goals(data, header=header, source=source, sheet=sheet_label, tick=tick)
        findings.extend(goals.findings)
        tally = goals.tally
        plan_fields.update(goals=goals.goals, objectives=goals.objectives)
        if goals.notes:
            extra["notes"] = goals.notes
        count = goals.rows
    elif layout.shape == "budget-lines":
        rincian = read_rincian(
            data, mapping=layout, header=header, source=source, sheet=sheet_label, year=period.start,
            sub_activity=sub_activity or preamble.values.get("sub_activity", (None, 0))[0],
            pagu=preamble.values.get("pagu"), agency_id=agency_id,
            nomenclature=nomenclature or default_nomenclature(), tick=tick,
        )  # fmt: skip
        errors.extend(rincian.errors)
        findings.extend(rincian.findings)
        tally = RowTally()
        for kind, rows_of_kind in rincian.counts.items():
            tally.add({"line": "read"}.get(kind, kind), rows_of_kind)
        plan_fields["programs"] = rincian.programs
        count = rincian.rows
    else:
        items = read_items(
            data, mapping=layout, header=header, source=source, sheet=sheet_label, notes=sheet.notes,
            year=period.start, nomenclature=nomenclature or default_nomenclature(), agency_id=agency_id,
            on_unit=on_unit, tick=tick,
        )  # fmt: skip
        findings.extend(items.findings)
        tally = items.tally
        plan_fields["programs"] = items.programs
        if items.headings:
            extra["headings"] = items.headings
        count = items.rows
    if overflow is not None:
        findings.extend(overflow.findings)
        tally.add("reported", overflow.count)
        count += overflow.count
    tick(header.first_data_row + count)
    for values in top[: header.row]:
        tally.add("blank" if all(is_blank(v) for v in values) else "title")
    tally.add("header", header.height)

    given = preamble.values
    owner = given.get("owner", (None, 0))[0]
    unit = next(iter(agencies.values()), None)
    label = plan_kind.value.replace("_", " ").upper().replace("RENSTRA", "Renstra").replace("RENJA", "Renja")
    default_title = f"{layout.title or label} {period}" + (f" – {unit.name}" if unit is not None else "")
    ident = (
        plan_id
        or given.get("id", (None, 0))[0]
        or "-".join(p for p in (plan_kind.value, str(period.start), unit.code if unit is not None else None) if p)
    )
    stage = preamble.stage()
    if "stage" in given and stage is None:
        text, r = given["stage"]
        stages = ", ".join(s.value for s in PlanStage)
        findings.append(CELL_UNREADABLE.at(
            _location(source, sheet_label, r + 1, "stage"),
            id=f"Tahap rencana {text!r} tidak dikenal; dibaca sebagai {PlanStage.ENACTED.value}.",
            en=f"The plan stage {text!r} is unknown; it is read as {PlanStage.ENACTED.value}.",
            expected=stages, found=text, fix_id=f"Tulis salah satu: {stages}.", fix_en=f"Write one of: {stages}.",
        ))  # fmt: skip
    revision = 0
    if "revision" in given:
        text, r = given["revision"]
        if text.isdigit():
            revision = int(text)
        else:
            findings.append(CELL_UNREADABLE.at(
                _location(source, sheet_label, r + 1, "revision"),
                id=f"Revisi {text!r} bukan angka; dibaca sebagai 0.",
                en=f"The revision {text!r} is not a number; it is read as 0.",
                expected="0, 1, 2 …", found=text, fix_id="Tulis nomor revisi.", fix_en="Write the revision number.",
            ))  # fmt: skip
    try:
        plan = Plan(
            id=ident,
            kind=plan_kind,
            title=title or given.get("title", (None, 0))[0] or preamble.first_text or default_title,
            period=period,
            owner_id=owner or None,
            government_id=given.get("government", (None, 0))[0] or None,
            stage=stage or PlanStage.ENACTED,
            revision=revision,
            nomenclature=given.get("nomenclature", (None, 0))[0] or None,
            provenance=Provenance(source=source, sheet=sheet_label, row=header.row + 1),
            extra=extra,
            **plan_fields,
        )
    except InvalidModel as exc:
        errors.append(SourceError(f"the plan cannot be built: {exc}", location=_location(source, sheet_label),
                                  actual=exc.reason))  # fmt: skip
        plan = None
    return SheetResult(plan=plan, agencies=tuple(agencies.values()), errors=tuple(errors), rows=count,
                       detection=detection, findings=tuple(findings), tally=tally)  # fmt: skip


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


@attrs.frozen
class _Place:
    """The file and sheet being read (for locations and for the year they name)."""

    source: str
    sheet: str | None


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


def _period(
    kind: PlanKind,
    layout: Mapping,
    header: Header,
    preamble: Preamble,
    year: int | None,
    start_year: int | None,
    place: _Place,
    errors: list[SourceError],
    findings: list[Finding],
) -> PlanPeriod | None:
    """The plan period: from the read option, the mapping, a "Periode/Tahun" line, the header's years, a title
    line, the sheet name or the file name (the last three reported as SKN007), in that order."""
    source, sheet = place.source, place.sheet
    header_years = sorted(
        {c.number for f, cols in header.columns.items() if not f.startswith("next.") for c in cols
         if c.placeholder == "{year}" and c.number is not None}
    )  # fmt: skip
    indices = [c.number for cols in header.columns.values() for c in cols if c.placeholder == "{i}" and c.number]
    span = max(indices, default=5 if not kind.is_yearly else 1)
    if "period" in preamble.values:
        text, r = preamble.values["period"]
        period = parse_period(text)
        if period is None:
            errors.append(SourceError("the period is not a year or a range of years",
                                      location=_location(source, sheet, r + 1, "period"),
                                      expected="2026 or 2025–2029", actual=text))  # fmt: skip
            return None
        if year is None and start_year is None:
            return period
    start = year or start_year or layout.year or layout.start_year
    if start is None and header_years:
        start = header_years[0]
        if not kind.is_yearly:
            return PlanPeriod(start=header_years[0], end=max(header_years[-1], header_years[0] + span - 1))
    if start is None:
        named = _named_period(preamble, place)
        if named is None:
            errors.append(
                SourceError(
                    "the plan year is unknown: neither the sheet, its title, the sheet name nor the file name says it",
                    location=_location(source, sheet, header.row + 1, "period"),
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
        findings.append(YEAR_INFERRED.at(
            Location(source=source, sheet=sheet, row=row, field="period"),
            id=f"Tahun rencana {period} diambil dari {where_id}.",
            en=f"The plan year {period} was taken from {where_en}.",
            found=str(period),
            fix_id=f"Bila keliru, baca dengan opsi {option}={period.start}.",
            fix_en=f"If it is wrong, read with the option {option}={period.start}.",
        ))  # fmt: skip
        return period
    if kind.is_yearly:
        return PlanPeriod(start=start, end=start)
    return PlanPeriod(start=start, end=start + span - 1)


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
            errors.append(SourceError(f"the sheet repeats plan {plan.id!r}: {exc.reason}",
                                      location=Location(source=source, sheet=sheet), actual=plan.id))  # fmt: skip
    return list(merged.values())


def _merge_extra(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    out = dict(a)
    for key, value in b.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = {**out[key], **value}
        else:
            out.setdefault(key, value)
    return out


def read_spreadsheet(
    source: str | Path,
    *,
    mapping: Mapping | dict[str, Any] | str | Path | None = None,
    sheet: str | None = None,
    format: str | None = None,
    encoding: str | None = None,
    year: int | None = None,
    start_year: int | None = None,
    plan_id: str | None = None,
    title: str | None = None,
    kind: PlanKind | str | None = None,
    agency: Agency | None = None,
    nomenclature: Nomenclature | None = None,
    progress: Progress | None = None,
    limits: ReadLimits | dict[str, int] | None = None,
    sub_activity: str | None = None,
) -> ReadResult:
    """Read an xlsx or csv file into a :class:`~sinkron.connector.ReadResult`.

    ``mapping`` picks the layout: a built-in name (``"renstra"``, ``"renja"``, ``"tujuan-sasaran"``,
    ``"rkpd-report"``, optionally with ``@YEAR``), a mapping file or dict; without one the layout of
    each sheet is detected from its header. ``year`` (yearly plans) or ``start_year`` (Renstra)
    give the period when the file does not. ``limits`` (a :class:`ReadLimits` or a dict of some
    of its fields) bounds what is read. ``sub_activity`` (``"1.02.02.2.02.0001"``) names the sub kegiatan
    of a Form Rincian (``rincian`` layout) whose sheet does not. Reading is tolerant (DESIGN §6a): a data
    problem is a located source finding in the bundle (``result.findings``) and its row is kept when it can
    be; ``errors`` hold what made a sheet or the file unreadable. Each sheet's note in ``bundle.sources`` says
    how its rows were accounted for (read, named by a finding, title, header, blank, subtotal, total).
    """
    # Paused as sinkron.read_result does around every connector: callers such as read_rkpd_report come here directly.
    with paused_gc():
        return _read_spreadsheet(
            source, mapping=mapping, sheet=sheet, format=format, encoding=encoding, year=year, start_year=start_year,
            plan_id=plan_id, title=title, kind=kind, agency=agency, nomenclature=nomenclature, progress=progress,
            limits=limits, sub_activity=sub_activity,
        )  # fmt: skip


def _read_spreadsheet(
    source: str | Path,
    *,
    mapping: Mapping | dict[str, Any] | str | Path | None,
    sheet: str | None,
    format: str | None,
    encoding: str | None,
    year: int | None,
    start_year: int | None,
    plan_id: str | None,
    title: str | None,
    kind: PlanKind | str | None,
    agency: Agency | None,
    nomenclature: Nomenclature | None,
    progress: Progress | None,
    limits: ReadLimits | dict[str, int] | None,
    sub_activity: str | None,
) -> ReadResult:
    text = str(source)
    kind_hint = "csv" if format == "csv" else ("xlsx" if format in ("xlsx", "xlsm") else None)
    try:
        bounds = ReadLimits.of(limits)
    except (TypeError, ValueError) as exc:
        raise SourceError(f"invalid limits: {exc}", location=Location(source=text)) from None
    try:
        workbook = open_workbook(source, kind=kind_hint, encoding=encoding, limits=bounds)
    except OpenError as exc:
        error = exc.located(text)
        return ReadResult(bundle=Bundle(sources=(text,)), errors=(error,), source=text, records=0)
    candidates, detect = _candidates(mapping)
    wanted = sheet or (candidates[0].sheet if not detect else None)
    errors: list[SourceError] = []
    findings: list[Finding] = []
    plans: list[Plan] = []
    agencies: dict[str, Agency] = {}
    notes: list[str] = []
    records = 0
    try:
        names = workbook.sheet_names
        if wanted is not None and workbook.kind != "csv":
            if wanted not in names:
                errors.append(SourceError(f"no sheet named {wanted!r}", location=Location(source=text, sheet=wanted),
                                          expected=f"one of: {', '.join(names)}", actual=wanted))  # fmt: skip
                names = []
            else:
                names = [wanted]
        for name in names:
            label = None if workbook.kind == "csv" else name
            try:
                opened = workbook.sheet(name)
                result = read_sheet(
                    opened, source=text, mapping=None if detect else candidates[0],
                    candidates=candidates, sheet_label=label, year=year, start_year=start_year, plan_id=plan_id,
                    title=title, kind=kind, agency=agency, nomenclature=nomenclature, progress=progress,
                    sub_activity=None if sub_activity is None else str(sub_activity),
                )  # fmt: skip
            except Exception as exc:  # calamine raises on a damaged sheet part
                errors.append(SourceError(f"the sheet cannot be read: {type(exc).__name__}: {exc}",
                                          location=Location(source=text, sheet=label)))  # fmt: skip
                continue
            errors.extend(result.errors)
            findings.extend(result.findings)
            errors.extend(_problem_error(problem, text, label) for problem in opened.problems)
            records += result.rows
            for found in result.agencies:
                agencies.setdefault(found.id, found)
            if result.plan is not None:
                plans.append(result.plan)
            if result.detection is not None:
                where = f" [sheet {name!r}]" if label else ""
                counted = f"; {result.tally.describe()}" if result.tally.total else ""
                notes.append(f"{text}{where}: {result.detection.describe()}{counted}")
            elif detect and label:
                notes.append(f"{text} [sheet {name!r}]: skipped, no known layout's header")
    finally:
        workbook.close()
    if detect and not plans and not agencies and not errors:
        expected = "; ".join(f"{m.name}: {', '.join(m.columns[f][0] for f in m.required)}" for m in candidates)
        errors.append(SourceError("no sheet has the header of a known layout", location=Location(source=text),
                                  expected=f"a header row with the columns of one layout ({expected}), "
                                  "or mapping=... naming the layout or a mapping file"))  # fmt: skip
    if workbook.kind == "csv" and workbook.encoding == "cp1252":
        notes.append(f"{text}: decoded as Windows-1252 (the bytes are not UTF-8)")
    plans = _merge_plans(plans, errors, text)
    try:
        bundle = Bundle(plans=plans, agencies=list(agencies.values()), sources=(text, *notes), source_findings=findings)
    except InvalidModel as exc:
        errors.append(SourceError(f"the bundle cannot be built: {exc}", location=Location(source=text)))
        bundle = Bundle(sources=(text, *notes), source_findings=findings)
    return ReadResult(bundle=bundle, errors=errors, source=text, records=records)

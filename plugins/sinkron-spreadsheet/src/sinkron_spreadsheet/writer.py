"""Writing a Bundle to xlsx in the built-in layouts (openpyxl, write-only mode, atomic).

Each plan becomes one sheet in its layout (``renstra`` for medium-term plans, ``renja`` for Renja
PD / DPA, ``rkpd-report`` for an RKPD; or the ``layout`` option), plus a ``tujuan-sasaran`` sheet
when it has tujuan or sasaran. The plan's identity is written above the table (``ID Dokumen``,
``Jenis Dokumen``, ``Periode`` …, see :mod:`sinkron_spreadsheet.preamble`) so the file reads back
into the same plan. What a layout cannot hold (realisations, spending, the direction of an
indicator …) is not written; ``docs/spreadsheets.md`` lists what each layout carries.

Text that a spreadsheet program would run as a formula (starting with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return) is written with a leading apostrophe, which the reader removes.
Control characters an xlsx cell cannot hold (C0 controls other than tab, line feed and carriage
return) stop a bundle's writing with a :class:`~sinkron.SinkronError` naming the text; in a report
they are written as visible escapes (``\\x1b``).

A spreadsheet number is a binary float, written with 16 significant digits: an amount it cannot hold exactly
(12.345.678.901.234.567.890, or many sen on trillions) is written as id-ID text instead, which the reader
reads back equal, and a :class:`UserWarning` says how many and which; a value is then written as its text.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import warnings
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from sinkron.codes import Code, CodeLevel
from sinkron.errors import InvalidModel, SinkronError
from sinkron.exporter import write_atomic
from sinkron.models import Activity, Agency, Bundle, Indicator, Plan, PlanKind, Program, SubActivity, Value
from sinkron.nomenclature import Nomenclature, default_nomenclature
from sinkron.numbers import format_id
from sinkron.safe_text import neutralise
from sinkron_spreadsheet.cells import CellError, join_list, to_value
from sinkron_spreadsheet.mapping import BUILTIN_LAYOUTS

__all__ = ["default_layout", "render_workbook", "write_workbook"]

#: What XML 1.0, and so an xlsx cell, cannot hold: C0 control characters other than tab, LF and CR.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")

Item = Program | Activity | SubActivity


def abandon(workbook: Any) -> None:
    """Close the sheets of a write-only workbook that will not be saved.

    A sheet left open keeps a half-written stream that Python's garbage collector would later fail
    to finish, printing an "Exception ignored" traceback long after the real error was reported.
    """
    for sheet in workbook.worksheets:
        if not sheet.closed:
            with contextlib.suppress(Exception):
                sheet.close()


def write_only_cell(sheet: Any, value: Any, *, fmt: str | None = None, bold: bool = False) -> Any:
    """A cell for a write-only ``sheet``: text neutralised (``sinkron.safe_text.neutralise``) and stored as text."""
    from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]

    if isinstance(value, str):
        value = neutralise(value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    if fmt:
        cell.number_format = fmt
    if bold:
        from openpyxl.styles import Font  # type: ignore[import-untyped]

        cell.font = Font(bold=True)
    return cell


def default_layout(plan: Plan) -> str:
    """The layout a plan is written in when none is asked for."""
    if plan.kind in (PlanKind.RKPD, PlanKind.RKP):
        return "rkpd-report"
    if plan.kind.is_yearly:
        return "renja"
    if not plan.programs and (plan.goals or plan.objectives):
        return "tujuan-sasaran"
    return "renstra"


class _Sheet:
    """Rows for one write-only sheet, with cell styling helpers.

    ``escape_controls`` writes control characters as visible escapes (reports) instead of refusing them.
    """

    def __init__(self, workbook: Any, title: str, *, escape_controls: bool = False) -> None:
        self.sheet = workbook.create_sheet(title=title)
        self.title = title
        self.escape_controls = escape_controls
        self.amounts_as_text: list[Decimal] = []
        """Amounts a spreadsheet number would round, written as text."""

    def _storable(self, text: str) -> str:
        found = _XML_ILLEGAL.search(text)
        if found is None:
            return text
        if self.escape_controls:
            return _XML_ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
        raise SinkronError(
            f"the text {text[:60]!r} holds a control character ({found.group()!r}) that an xlsx cell cannot store; "
            "remove it from the data, or write another format (json)"
        )

    def cell(self, value: Any, *, fmt: str | None = None, bold: bool = False) -> Any:
        return write_only_cell(
            self.sheet, self._storable(value) if isinstance(value, str) else value, fmt=fmt, bold=bold
        )

    def append(self, values: Sequence[Any]) -> None:
        self.sheet.append([v if not isinstance(v, (str, int, Decimal, dt.date)) else self.cell(v) for v in values])


def exact_as_number(number: Decimal) -> bool:
    """Whether a number cell holds ``number`` exactly: a binary float, which openpyxl writes with 16 digits.

    >>> exact_as_number(Decimal("296187500")), exact_as_number(Decimal("12345678901234567890"))
    (True, False)
    """
    return Decimal(repr(float(f"{float(number):.16g}"))) == number


def _value_cell(sheet: _Sheet, value: Value | None, unit: str | None = None) -> Any:
    """The cell of a target or baseline that the reader reads back as exactly ``value``.

    ``unit`` is the satuan the reader gives a value whose text carries none (the layout's SATUAN
    column). A number whose text is the one a numeric cell reads as is written as a typed number
    (a percentage format for ``96%``); other values as their text, unless the text would not read
    back (a unit with digits: ``98 per 100.000 KH``), when the number is typed and the unit is the
    literal suffix of its number format.
    """
    if value is None:
        return None
    number = value.number
    if number is not None:
        places = _places(number)
        if _reads_as(value, number, unit=unit):
            return sheet.cell(number, fmt=_number_format(places))
        if value.unit == "%" and _reads_as(value, number / 100, unit=unit, percent=True):
            return sheet.cell(number / 100, fmt=_number_format(places) + "%")
    if _reads_as(value, value.text, unit=unit):
        return sheet.cell(value.text)
    if number is not None and value.unit and _suffix_safe(value.unit) and _reads_as(value, number, suffix=value.unit):
        return sheet.cell(number, fmt=f'{_number_format(_places(number))}" {value.unit}"')
    return sheet.cell(value.text)


def _suffix_safe(unit: str) -> bool:
    """Whether ``unit`` can be the literal suffix of a number format that the reader takes for a unit."""
    return unit == unit.strip() and not any(ch in unit for ch in '";\\') and any(ch.isalpha() for ch in unit)


def _places(number: Decimal) -> int:
    exponent = number.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _number_format(places: int) -> str:
    """A number format showing every decimal place of a number with ``places`` of them (``0.000``)."""
    return "0" + ("." + "0" * places if places else "")


def _reads_as(
    value: Value, stored: Decimal | str, *, unit: str | None = None, percent: bool = False, suffix: str | None = None
) -> bool:
    """Whether the reader makes exactly ``value`` of a cell holding ``stored`` (a number as openpyxl writes it)."""
    from openpyxl.compat import safe_string  # type: ignore[import-untyped]

    raw = stored if isinstance(stored, str) else float(safe_string(stored) or "nan")
    try:
        return to_value(raw, unit=unit, percent=percent, suffix=suffix) == value
    except (CellError, InvalidModel):  # a float rounded past the models' bound reads as no value at all
        return False


def _money_cell(sheet: _Sheet, amount: Decimal | None) -> Any:
    if amount is None:
        return None
    if exact_as_number(amount):
        return sheet.cell(amount, fmt="#,##0")
    sheet.amounts_as_text.append(amount)
    return sheet.cell(format_id(amount))  # 1.234.567,89: the reader reads id-ID text back exactly


def _warn_amounts_as_text(sheets: Sequence[_Sheet]) -> None:
    _warn_written_as_text([(sheet.title, amount) for sheet in sheets for amount in sheet.amounts_as_text])


def _warn_written_as_text(written: Sequence[tuple[str, Decimal]]) -> None:
    """One :class:`UserWarning` for the amounts (sheet title, amount) written as text, if any."""
    if written:
        title, amount = written[0]
        warnings.warn(
            f"{len(written)} amount(s) have more digits than a spreadsheet number holds exactly (15 or 16): written "
            f"as text, so that no rupiah is rounded (the first: Rp {format_id(amount)} on sheet {title!r})",
            UserWarning,
            stacklevel=3,
        )


def _name(item: Item) -> str:
    original = item.extra.get("name_original")
    if isinstance(original, str) and " ".join(original.split()) == item.name:
        return original
    return item.name


def _code_text(item: Item) -> str:
    original = item.extra.get("code_original")
    return original if isinstance(original, str) else str(item.code)


def _sheet_title(base: str, used: set[str]) -> str:
    title = _SHEET_BAD.sub(" ", base).strip()[:31] or "Sheet"
    candidate, n = title, 2
    while candidate.lower() in used:
        suffix = f" ({n})"
        candidate = title[: 31 - len(suffix)] + suffix
        n += 1
    used.add(candidate.lower())
    return candidate


def _preamble(plan: Plan, unit: Agency | None) -> list[list[Any]]:
    lines = [
        ("ID Dokumen", plan.id),
        ("Judul", plan.title),
        ("Jenis Dokumen", plan.kind.value),
        ("Periode", str(plan.period)),
        ("Tahap", plan.stage.value),
        ("Revisi", str(plan.revision)),
    ]
    if plan.owner_id:
        lines.append(("Pemilik Dokumen", plan.owner_id))
    if plan.government_id:
        lines.append(("Kode Pemerintah", plan.government_id))
    if plan.nomenclature:
        lines.append(("Nomenklatur", plan.nomenclature))
    if unit is not None:
        lines.append(("Unit Organisasi", f"{unit.code} {unit.name}"))
    return [[f"{label} : {value}"] for label, value in lines]


def _unit_of(plan: Plan, agencies: dict[str, Agency]) -> Agency | None:
    """The one perangkat daerah of the plan's items (a program or kegiatan without one has its sub kegiatan's)."""
    ids = {item.agency_id for item in plan.items()} - {None}
    if not ids:
        return None
    if len(ids) > 1:
        raise SinkronError(
            f"plan {plan.id!r} has items of several units ({', '.join(sorted(str(i) for i in ids))}); "
            "this layout holds one unit per sheet: write it as rkpd-report or split the plan"
        )
    agency_id = next(iter(ids))
    assert agency_id is not None
    return agencies.get(agency_id) or Agency(code=agency_id, name=agency_id)


def _program_unit(program: Program) -> str | None:
    """The perangkat daerah a program's rows are written under: its own, else that of its first item with one."""
    if program.agency_id is not None:
        return program.agency_id
    for activity in program.activities:
        for agency_id in (activity.agency_id, *(sub.agency_id for sub in activity.sub_activities)):
            if agency_id is not None:
                return agency_id
    return None


def _indicator_lines(sheet: _Sheet, indicators: Sequence[Indicator], year: int) -> tuple[str | None, Any]:
    if not indicators:
        return None, None
    names = join_list(i.name for i in indicators)
    targets = [i.target_for(year) for i in indicators]
    if all(t is None for t in targets):
        return names, None
    if len(indicators) == 1:
        return names, _value_cell(sheet, targets[0])
    return names, sheet.cell(join_list(t.text if t is not None else "" for t in targets))


def _headings(plan: Plan, nomenclature: Nomenclature) -> Iterable[tuple[Code, str]]:
    """(code, name) of the urusan and bidang rows above the programs, in order."""
    stored = plan.extra.get("headings", {}) if isinstance(plan.extra.get("headings"), dict) else {}
    seen: set[Code] = set()
    for program in plan.programs:
        for code in (program.code.ancestor(CodeLevel.AFFAIR), program.code.ancestor(CodeLevel.SECTOR)):
            if code in seen:
                continue
            seen.add(code)
            name = stored.get(str(code))
            if name is None:
                entry = nomenclature.lookup(code, plan.period.start)
                name = entry.name if entry is not None else ""
            yield code, name


# -- renstra -----------------------------------------------------------------------------------------------
def _write_renstra(sheet: _Sheet, plan: Plan, unit: Agency | None, nomenclature: Nomenclature) -> None:
    years = list(plan.period.years)
    for line in _preamble(plan, unit):
        sheet.append(line)
    header = ["SASARAN", "KODE", "PROGRAM DAN KEGIATAN", "SATUAN", "INDIKATOR", "DATA CAPAIAN AWAL"]
    for i in range(1, len(years) + 1):
        header += [f"TARGET TAHUN {i}", f"DANA TAHUN {i}"]
    header += ["LOKASI", "KETERANGAN"]
    sheet.append([sheet.cell(h, bold=True) for h in header])
    headings = dict(_headings(plan, nomenclature))

    def indicator_cells(indicator: Indicator | None) -> list[Any]:
        if indicator is None:
            return [None, None, None]
        base = indicator.baseline.value if indicator.baseline is not None else None
        return [indicator.unit, indicator.name, _value_cell(sheet, base, indicator.unit)]

    def row(item: Item, indicator: Indicator | None, first: bool) -> None:
        cells: list[Any] = [item.extra.get("objective") if first else None, _code_text(item) if first else None]
        cells.append(_name(item) if first else None)
        cells += indicator_cells(indicator)
        for year in years:
            target = indicator.target_for(year) if indicator is not None else None
            cells.append(_value_cell(sheet, target, indicator.unit if indicator is not None else None))
            amount = item.budget_for(year) if first else None
            cells.append(_money_cell(sheet, amount.amount if amount is not None else None))
        locations = item.locations if isinstance(item, SubActivity) else item.extra.get("locations", [])
        cells.append(join_list(locations) if first and locations else None)
        cells.append(item.extra.get("note") if first else None)
        sheet.append(cells)

    def emit(item: Item) -> None:
        indicators: list[Indicator | None] = [*item.indicators] or [None]
        for position, indicator in enumerate(indicators):
            row(item, indicator, position == 0)

    written: set[Code] = set()
    for program in plan.programs:
        for code in (program.code.ancestor(CodeLevel.AFFAIR), program.code.ancestor(CodeLevel.SECTOR)):
            if code not in written:
                written.add(code)
                sheet.append([None, str(code), headings.get(code, "")])
        emit(program)
        for activity in program.activities:
            emit(activity)
            for sub in activity.sub_activities:
                emit(sub)


# -- renja -------------------------------------------------------------------------------------------------------
_RENJA_HEADER = [
    "KODE SUB KEGIATAN",
    "PROGRAM DAN KEGIATAN",
    "TOLAK UKUR CAPAIAN KEG.",
    "TARGET KINERJA CAPAIAN KEG.",
    "TOLAK UKUR KELUARAN",
    "TARGET KINERJA KELUARAN",
    "TOLAK UKUR HASIL",
    "TARGET KINERJA HASIL",
    "SUMBER DANA",
    "LOKASI",
    "KELUARAN SUB KEG.",
    "AWAL PELAKSANAAN",
    "AKHIR PELAKSANAAN",
    "JUMLAH PAGU",
    "KETERANGAN",
]


def _funding_text(sub: SubActivity) -> str | None:
    parts = []
    for source in sub.funding:
        text = f"{source.code} {source.name}" if source.code else source.name
        if source.amount is not None:
            from sinkron.numbers import format_id

            text += f" (Rp {format_id(source.amount.amount)})"
        parts.append(text)
    return join_list(parts) if parts else None


def _date_cell(sheet: _Sheet, text: Any) -> Any:
    if not isinstance(text, str):
        return None
    try:
        return sheet.cell(dt.date.fromisoformat(text), fmt="d/m/yyyy")
    except ValueError:
        return sheet.cell(text)


def _write_renja(sheet: _Sheet, plan: Plan, unit: Agency | None) -> None:
    year = plan.period.start
    for line in _preamble(plan, unit):
        sheet.append(line)
    sheet.append([sheet.cell(h, bold=True) for h in _RENJA_HEADER])

    def row(item: Item) -> None:
        cells: list[Any] = [None] * len(_RENJA_HEADER)
        cells[0] = _code_text(item)
        cells[1] = _name(item)
        slot = {Program: 2, Activity: 6, SubActivity: 4}[type(item)]
        cells[slot], cells[slot + 1] = _indicator_lines(sheet, item.indicators, year)
        if isinstance(item, SubActivity):
            cells[8] = _funding_text(item)
            cells[9] = join_list(item.locations) if item.locations else None
        else:
            cells[8] = item.extra.get("funding")
            locations = item.extra.get("locations")
            cells[9] = join_list(locations) if locations else None
        cells[10] = item.extra.get("output")
        cells[11] = _date_cell(sheet, item.extra.get("start"))
        cells[12] = _date_cell(sheet, item.extra.get("end"))
        amount = item.budget_for(year)
        cells[13] = _money_cell(sheet, amount.amount if amount is not None else None)
        cells[14] = item.extra.get("note")
        sheet.append(cells)

    for program in plan.programs:
        row(program)
        for activity in program.activities:
            row(activity)
            for sub in activity.sub_activities:
                row(sub)


# -- tujuan/sasaran ----------------------------------------------------------------------------------------------
def _write_goals(sheet: _Sheet, plan: Plan, unit: Agency | None) -> None:
    for line in _preamble(plan, unit):
        sheet.append(line)
    sheet.append(
        [sheet.cell(h, bold=True) for h in ("KODE", "KELOMPOK", "TUJUAN/SASARAN", "INDIKATOR SASARAN", "KETERANGAN")]
    )
    notes = plan.extra.get("notes", {}) if isinstance(plan.extra.get("notes"), dict) else {}
    by_goal: dict[str | None, list[Any]] = {}
    for objective in plan.objectives:
        by_goal.setdefault(objective.goal_id, []).append(objective)
    order: list[tuple[str, Any]] = [("Sasaran", o) for o in by_goal.pop(None, [])]
    for goal in plan.goals:
        order.append(("Tujuan", goal))
        order += [("Sasaran", o) for o in by_goal.pop(goal.id, [])]
    for rest in by_goal.values():
        raise SinkronError(
            f"sasaran {rest[0].id!r} of plan {plan.id!r} points to an unknown tujuan {rest[0].goal_id!r}"
        )
    for group, entry in order:
        indicators = join_list(i.name for i in entry.indicators) or None
        sheet.append([entry.id, group, entry.text, indicators, notes.get(entry.id)])


# -- rkpd report ---------------------------------------------------------------------------------------------------
def _rkpd_header(sheet: _Sheet, year: int, offset: int) -> None:
    row1: list[Any] = [None] * 19
    row2: list[Any] = [None] * 19
    row3: list[Any] = [None] * 19
    row1[0] = "Kode"
    row1[5] = "Urusan/Bidang Urusan Pemerintahan Daerah Dan Program/Kegiatan"
    row1[6] = "Indikator Kinerja"
    row1[9] = f"Rencana Tahun {year}"
    row1[15] = "Catatan Penting"
    row1[16] = f"Prakiraan Maju Rencana Tahun {year + 1}"
    row2[6], row2[7], row2[8] = "Capaian Program", "Keluaran Sub Kegiatan", "Hasil Kegiatan"
    row2[9], row2[10], row2[13], row2[14] = (
        "Lokasi Output Kegiatan",
        "Target Capaian Kinerja",
        "Pagu Indikatif (Rp.)",
        "Sumber Dana",
    )
    row2[16], row2[18] = "Target Capaian Kinerja", "Kebutuhan Dana/Pagu Indikatif (Rp.)"
    row3[10], row3[11], row3[12] = "Program", "Keluaran Sub Kegiatan", "Hasil Kegiatan"
    row3[16], row3[17] = "Tolok Ukur", "Target"
    for values in (row1, row2, row3):
        sheet.append([sheet.cell(v, bold=True) if v else None for v in values])
    for merge in (
        "A1:E3",
        "F1:F3",
        "G1:I1",
        "J1:O1",
        "P1:P3",
        "Q1:S1",
        "G2:G3",
        "H2:H3",
        "I2:I3",
        "J2:J3",
        "K2:M2",
        "N2:N3",
        "O2:O3",
        "Q2:R2",
        "S2:S3",
    ):
        first, last = merge.split(":")
        sheet.sheet.merged_cells.add(f"{_shift(first, offset)}:{_shift(last, offset)}")


def _shift(ref: str, rows: int) -> str:
    letters = ref.rstrip("0123456789")
    return f"{letters}{int(ref[len(letters) :]) + rows}"


def _write_rkpd(sheet: _Sheet, plan: Plan, agencies: dict[str, Agency], nomenclature: Nomenclature) -> None:
    year = plan.period.start
    nxt = year + 1
    groups: dict[str | None, list[Program]] = {None: []}  # programs of no unit first: no Unit Organisasi line above
    for program in plan.programs:
        groups.setdefault(_program_unit(program), []).append(program)
    if not groups[None]:
        del groups[None]
    first_unit = next(iter(groups), None)
    unit = agencies.get(first_unit) if first_unit else None
    if first_unit and unit is None:
        unit = Agency(code=first_unit, name=first_unit)
    preamble = _preamble(plan, None)
    offset = len(preamble) + (1 if unit is not None else 0)
    for line in preamble:
        sheet.append(line)
    if unit is not None:
        sheet.append([f"Unit Organisasi : {unit.code} {unit.name}"])
    _rkpd_header(sheet, year, offset)
    headings = dict(_headings(plan, nomenclature))

    def amount(item: Item, y: int) -> Decimal | None:
        """The item's pagu: its own, else the sum of its children's (a report's program and kegiatan subtotals)."""
        found = item.budget_for(y)
        if found is not None:
            return found.amount
        children: Sequence[Item] = (
            item.activities if isinstance(item, Program) else item.sub_activities if isinstance(item, Activity) else ()
        )
        return total(children, y)

    def total(items: Iterable[Item], y: int) -> Decimal | None:
        values = [a for a in (amount(i, y) for i in items) if a is not None]
        return sum(values, Decimal(0)) if values else None

    def parts(item: Item) -> list[str]:
        text = _code_text(item)
        raw = text.split(".")
        if len(raw) == 6:
            return [raw[0], raw[1], raw[2], f"{raw[3]}.{raw[4]}", raw[5]]
        if len(raw) == 5:
            return [raw[0], raw[1], raw[2], f"{raw[3]}.{raw[4]}"]
        return raw

    def item_row(item: Item) -> None:
        cells: list[Any] = [None] * 19
        for i, part in enumerate(parts(item)):
            cells[i] = sheet.cell(part)
        cells[5] = _name(item)
        slot = {Program: 0, SubActivity: 1, Activity: 2}[type(item)]
        cells[6 + slot], cells[10 + slot] = _indicator_lines(sheet, item.indicators, year)
        if isinstance(item, SubActivity):
            cells[9] = join_list(item.locations) if item.locations else None
            cells[14] = _funding_text(item)
        else:
            locations = item.extra.get("locations")
            cells[9] = join_list(locations) if locations else None
            cells[14] = item.extra.get("funding")
        cells[13] = _money_cell(sheet, amount(item, year))
        cells[15] = item.extra.get("note")
        later = [i for i in item.indicators if i.target_for(nxt) is not None]
        cells[16], cells[17] = _indicator_lines(sheet, later, nxt)
        cells[18] = _money_cell(sheet, amount(item, nxt))
        sheet.append(cells)

    for index, (agency_id, programs) in enumerate(groups.items()):
        if index:
            other = agencies.get(agency_id) if agency_id else None
            label = f"{other.code} {other.name}" if other is not None else str(agency_id)
            sheet.append([f"Unit Organisasi : {label}"])
        written: set[Code] = set()
        for program in programs:
            for code in (program.code.ancestor(CodeLevel.AFFAIR), program.code.ancestor(CodeLevel.SECTOR)):
                if code in written:
                    continue
                written.add(code)
                under = [p for p in programs if p.code.is_within(code)]
                cells: list[Any] = [None] * 19
                for i, part in enumerate(str(code).split(".")):
                    cells[i] = sheet.cell(part)
                cells[5] = headings.get(code, "")
                cells[13] = _money_cell(sheet, total(under, year))
                cells[18] = _money_cell(sheet, total(under, nxt))
                sheet.append(cells)
            item_row(program)
            for activity in program.activities:
                item_row(activity)
                for sub in activity.sub_activities:
                    item_row(sub)
    cells = [None] * 19
    cells[5] = sheet.cell("TOTAL", bold=True)
    cells[13] = _money_cell(sheet, total(plan.programs, year))
    cells[18] = _money_cell(sheet, total(plan.programs, nxt))
    sheet.append(cells)


#: The layouts the writer writes (the Form Rincian and the OPD list are read only).
_WRITTEN_LAYOUTS = tuple(name for name in BUILTIN_LAYOUTS if name not in ("rincian", "opd"))


# -- the workbook -----------------------------------------------------------------------------------------------------
def render_workbook(bundle: Bundle, *, layout: str | None = None, nomenclature: Nomenclature | None = None) -> bytes:
    """The xlsx bytes of ``bundle`` (see the module docs). ``layout`` forces one layout for every plan."""
    from openpyxl import Workbook  # type: ignore[import-untyped]

    if layout is not None and layout not in _WRITTEN_LAYOUTS:
        raise SinkronError(f"the writer does not write the layout {layout!r}; it writes {', '.join(_WRITTEN_LAYOUTS)}")
    if not bundle.plans:
        raise SinkronError("the bundle has no plan to write as a spreadsheet")
    nomenclature = nomenclature or default_nomenclature()
    agencies = {a.id: a for a in bundle.agencies}
    workbook = Workbook(write_only=True)
    used: set[str] = set()
    sheets: list[_Sheet] = []

    def new_sheet(title: str) -> _Sheet:
        sheets.append(_Sheet(workbook, _sheet_title(title, used)))
        return sheets[-1]

    try:
        for plan in bundle.plans:
            chosen = layout or default_layout(plan)
            if chosen == "tujuan-sasaran":
                _write_goals(new_sheet(plan.id), plan, None)
                continue
            sheet = new_sheet(plan.id)
            if chosen == "rkpd-report":
                _write_rkpd(sheet, plan, agencies, nomenclature)
            else:
                unit = _unit_of(plan, agencies)
                if chosen == "renja":
                    _write_renja(sheet, plan, unit)
                else:
                    _write_renstra(sheet, plan, unit, nomenclature)
            if plan.goals or plan.objectives:
                _write_goals(new_sheet(f"{plan.id} tujuan"), plan, None)
    except BaseException:
        abandon(workbook)
        raise
    buffer = io.BytesIO()
    workbook.save(buffer)
    _warn_amounts_as_text(sheets)
    return buffer.getvalue()


def write_workbook(
    bundle: Bundle,
    target: str | Path,
    *,
    layout: str | None = None,
    nomenclature: Nomenclature | None = None,
    **options: Any,
) -> Path:
    """Write ``bundle`` to ``target`` as xlsx, atomically (a crash never leaves half a file)."""
    layout = layout or options.pop("mapping", None)
    data = render_workbook(bundle, layout=layout, nomenclature=nomenclature)
    path = Path(target)
    write_atomic(path, data)
    return path

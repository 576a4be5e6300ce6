"""Reading a Form Rincian Renja/DPA/DPPA: the rincian belanja (RKA lines) of one sub kegiatan.

Each row is one priced component: KODE AKUN, URAIAN, JENIS KELOMPOK, KELOMPOK, JENIS KOMPONEN (ssh, sbu,
hspk, asb), NAMA KOMPONEN, HARGA SAT. KOMPONEN, SATUAN KOMPONEN, SATUAN, VOLUME, JUMLAH, KODE SUMBER DANA,
KETERANGAN. A compound VOLUME ``200;2`` with SATUAN ``lembar;bulan`` is 200 lembar × 2 bulan. Every row
becomes a :class:`~sinkron.BudgetLine` of the sub kegiatan, or is named by a source finding.

The table does not say which sub kegiatan it details: a ``Sub Kegiatan : <code> [name]`` line above the
header says it, or the read option ``sub_activity`` (``-R sub_activity=1.02.02.2.02.0001``), which wins.
The pagu of the sub kegiatan is a ``Pagu : <amount>`` line above the header when there is one, else the
sum of its lines; a JUMLAH/TOTAL row under the lines is checked against that sum too.

Source findings: ``SKN013`` for an empty JUMLAH (computed as harga × volumes), ``SKN012`` for a JUMLAH that
is not harga × volumes, ``SKN001`` for a pagu line or total row that is not the sum of the lines,
``SKN008`` for a cell that cannot be read (the row is kept), ``SKN005`` for a row that cannot be a line
(no kode akun, no component, no price or volume).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import attrs

from sinkron.codes import Code, CodeLevel
from sinkron.errors import InvalidModel, Location, SourceError
from sinkron.models import (
    Activity,
    Budget,
    BudgetLine,
    Money,
    PriceStandard,
    Program,
    Provenance,
    SubActivity,
)
from sinkron.models.findings import Finding, Severity
from sinkron.nomenclature import Nomenclature, list_for_code
from sinkron.numbers import format_id
from sinkron.source_findings import (
    AMOUNT_COMPUTED,
    CELL_UNREADABLE,
    LINE_AMOUNT_MISMATCH,
    ROW_NOT_READ,
    SUBTOTAL_MISMATCH,
)
from sinkron_spreadsheet.cells import CellError, clean_text, is_blank, normalise_header, to_decimal, to_money, to_text
from sinkron_spreadsheet.header import Column, Header
from sinkron_spreadsheet.mapping import Mapping

__all__ = ["TOLERANCE", "RincianResult", "read_rincian"]

TOLERANCE = Decimal(1)
"""Differences of at most this many rupiah (rounding) are not reported."""

_ACCOUNT = re.compile(r"\d+(?:\.\d+)*\Z")
_STANDARDS = {standard.value: standard for standard in PriceStandard}
#: The model field each column's text goes to, for the optional text columns.
_TEXTS = {
    "description": "description",
    "group": "group",
    "group_kind": "group_kind",
    "component_unit": "component_unit",
    "funding": "funding_code",
    "note": "note",
}


@attrs.frozen
class RincianResult:
    """The sub kegiatan with its lines (as a program → kegiatan → sub kegiatan chain), findings and errors.

    ``counts`` accounts for every row after the header: ``line`` (read), ``reported`` (named by a
    finding, not read), ``total``, ``header`` (a repeated header) and ``blank``.
    """

    programs: tuple[Program, ...]
    findings: tuple[Finding, ...]
    errors: tuple[SourceError, ...]
    rows: int
    counts: dict[str, int]


@attrs.define
class _Reader:
    header: Header
    source: str
    sheet: str | None
    total_labels: frozenset[str]
    findings: list[Finding] = attrs.field(factory=list)
    lines: list[BudgetLine] = attrs.field(factory=list)
    totals: list[tuple[Decimal, int, Column]] = attrs.field(factory=list)

    def where(self, row: int, column: Column | None = None, field: str | None = None) -> Location:
        return Location(
            source=self.source,
            sheet=self.sheet,
            row=row,
            column=column.letter if column is not None else None,
            field=field,
        )

    def cell(self, values: list[Any], field: str) -> tuple[Column | None, Any]:
        columns = self.header.columns.get(field)
        if not columns:
            return None, None
        column = columns[0]
        raw = values[column.index] if column.index < len(values) else None
        return column, (None if is_blank(raw) else raw)

    def text(self, values: list[Any], field: str) -> str | None:
        raw = self.cell(values, field)[1]
        return clean_text(to_text(raw)) if raw is not None else None

    def not_read(
        self, row: int, column: Column | None, field: str, why_id: str, why_en: str, values: list[Any]
    ) -> None:
        shown = " | ".join(clean_text(to_text(v)) for v in values if not is_blank(v))
        self.findings.append(
            ROW_NOT_READ.at(
                self.where(row, column, field),
                id=f"Baris {row} tidak dibaca: {why_id}.",
                en=f"Row {row} is not read: {why_en}.",
                found=shown,
                fix_id="Lengkapi sel tersebut, atau hapus baris.",
                fix_en="Fill in that cell, or delete the row.",
            )
        )

    def row(self, r: int, values: list[Any]) -> str:
        """Read one row; say what it was (``line``, ``reported``, ``total``, ``header`` or ``blank``)."""
        row = r + 1
        texts = [normalise_header(to_text(v)) for v in values if not is_blank(v)]
        if not texts:
            return "blank"
        header_texts = {p[-1] for p in self.header.paths if p}
        if sum(1 for t in texts if t in header_texts) >= max(2, len(texts) - 1):
            return "header"
        account_column, account_raw = self.cell(values, "account")
        if account_raw is None:
            return self.without_account(row, values, texts, account_column)
        account = clean_text(to_text(account_raw))
        if not _ACCOUNT.match(account):
            self.not_read(
                row,
                account_column,
                "account",
                f"{account!r} bukan kode akun (5.1.02.01.01.0024)",
                f"{account!r} is not a kode akun (5.1.02.01.01.0024)",
                values,
            )
            return "reported"
        parts = self.line_parts(row, values)
        if parts is None:
            return "reported"
        component, price, volumes = parts
        extra: dict[str, Any] = {}
        units = self.units(values, row, len(volumes), extra)
        standard = self.standard(values, row, extra)
        fields: dict[str, Any] = {target: self.text(values, field) for field, target in _TEXTS.items()}
        line = BudgetLine(
            account=account,
            component=component,
            unit_price=Money(price),
            volumes=volumes,
            units=units,
            amount=Money(0),
            standard=standard,
            extra=extra,
            provenance=Provenance(source=self.source, sheet=self.sheet, row=row),
            **fields,
        )
        self.lines.append(attrs.evolve(line, amount=self.amount(values, row, line)))
        return "line"

    def without_account(self, row: int, values: list[Any], texts: list[str], account_column: Column | None) -> str:
        """A row without a kode akun: a JUMLAH/TOTAL row (its amount kept for the check), else a row not read."""
        amount_column, amount_raw = self.cell(values, "amount")
        if amount_column is not None and any(t in self.total_labels for t in texts):
            if amount_raw is not None:
                try:
                    self.totals.append((to_money(amount_raw), row, amount_column))
                except CellError as exc:
                    self.unreadable(row, amount_column, "amount", amount_raw, exc, "the total is not checked")
            return "total"
        self.not_read(row, account_column, "account", "kode akun kosong", "the kode akun is empty", values)
        return "reported"

    def line_parts(self, row: int, values: list[Any]) -> tuple[str, Decimal, tuple[Decimal, ...]] | None:
        """The component, unit price and volumes of a line; ``None`` (and the row reported) when one is missing."""
        component = self.text(values, "component")
        if component is None:
            column = self.cell(values, "component")[0]
            self.not_read(row, column, "component", "nama komponen kosong", "the component name is empty", values)
            return None
        price_column, price_raw = self.cell(values, "unit_price")
        try:
            price = to_money(price_raw) if price_raw is not None else None
        except CellError:
            price = None
        if price is None:
            shown = "kosong" if price_raw is None else repr(to_text(price_raw))
            self.not_read(
                row,
                price_column,
                "unit_price",
                f"harga satuan {shown} bukan angka rupiah",
                f"the unit price {'is empty' if price_raw is None else repr(to_text(price_raw))} "
                "is not an amount of rupiah",
                values,
            )
            return None
        volume_column, volume_raw = self.cell(values, "volume")
        volumes = _volumes(volume_raw)
        if volumes is None:
            shown = "kosong" if volume_raw is None else repr(to_text(volume_raw))
            self.not_read(
                row,
                volume_column,
                "volume",
                f"volume {shown} bukan angka (200 atau 200;2)",
                f"the volume {'is empty' if volume_raw is None else repr(to_text(volume_raw))} "
                "is not a number (200, or 200;2)",
                values,
            )
            return None
        return component, price, volumes

    def unreadable(self, row: int, column: Column, field: str, raw: Any, exc: CellError, outcome: str) -> None:
        self.findings.append(
            CELL_UNREADABLE.at(
                self.where(row, column, field),
                id=f"Sel {column.letter}{row} ({to_text(raw)!r}) tidak dapat dibaca: {exc.message}.",
                en=f"Cell {column.letter}{row} ({to_text(raw)!r}) cannot be read: {exc.message}; {outcome}.",
                expected=exc.expected,
                found=to_text(raw),
            )
        )

    def units(self, values: list[Any], row: int, count: int, extra: dict[str, Any]) -> tuple[str, ...]:
        column, raw = self.cell(values, "unit")
        if raw is None or column is None:
            return ()
        units = tuple(part for part in (clean_text(p) for p in to_text(raw).split(";")) if part)
        if len(units) == count:
            return units
        extra["satuan"] = to_text(raw)
        self.findings.append(
            CELL_UNREADABLE.at(
                self.where(row, column, "unit"),
                severity=Severity.WARNING,
                id=f"Satuan {to_text(raw)!r} memberi {len(units)} satuan untuk {count} volume; disimpan apa adanya.",
                en=f"The satuan {to_text(raw)!r} gives {len(units)} unit(s) for {count} volume(s); kept as written.",
                expected=f"{count} satuan separated by ';'",
                found=to_text(raw),
            )
        )
        return ()

    def standard(self, values: list[Any], row: int, extra: dict[str, Any]) -> PriceStandard | None:
        column, raw = self.cell(values, "standard")
        if raw is None or column is None:
            return None
        text = clean_text(to_text(raw))
        found = _STANDARDS.get(text.casefold())
        if found is None:
            extra["jenis_komponen"] = text
            self.findings.append(
                CELL_UNREADABLE.at(
                    self.where(row, column, "standard"),
                    severity=Severity.WARNING,
                    id=f"Jenis komponen {text!r} tidak dikenal; disimpan apa adanya.",
                    en=f"The component kind {text!r} is not known; kept as written.",
                    expected=", ".join(_STANDARDS),
                    found=text,
                )
            )
        return found

    def amount(self, values: list[Any], row: int, line: BudgetLine) -> Money:
        computed = line.computed_amount
        formula = f"Rp {format_id(line.unit_price.amount)} × {line.volume_text}"
        column, raw = self.cell(values, "amount")
        where = self.where(row, column, "amount")
        if raw is not None and column is not None:
            try:
                written = to_money(raw)
            except CellError as exc:
                self.unreadable(row, column, "amount", raw, exc, f"computed as {formula}")
                return computed
            difference = abs(written - computed.amount)
            if difference > TOLERANCE:
                self.findings.append(
                    LINE_AMOUNT_MISMATCH.at(
                        where,
                        id=f"Jumlah baris {row} tertulis Rp {format_id(written)}; harga satuan {formula} = "
                        f"Rp {format_id(computed.amount)} (selisih Rp {format_id(difference)}).",
                        en=f"The jumlah of row {row} is written as Rp {format_id(written)}; unit price {formula} = "
                        f"Rp {format_id(computed.amount)} (difference Rp {format_id(difference)}).",
                        expected=str(computed.amount),
                        found=str(written),
                        fix_id="Perbaiki jumlah, harga satuan atau volume.",
                        fix_en="Correct the jumlah, the unit price or the volume.",
                    )
                )
            return Money(written)
        self.findings.append(
            AMOUNT_COMPUTED.at(
                where,
                id=f"Jumlah kosong; dihitung {formula} = Rp {format_id(computed.amount)}.",
                en=f"The jumlah is empty; computed as {formula} = Rp {format_id(computed.amount)}.",
                found=str(computed.amount),
            )
        )
        return computed


def _volumes(raw: Any) -> tuple[Decimal, ...] | None:
    """``12`` → ``(12,)``; ``"200;2"`` → ``(200, 2)``; ``None`` when a factor is not a number of zero or more."""
    if raw is None:
        return None
    parts = [part for part in to_text(raw).split(";") if part.strip()] if isinstance(raw, str) else [raw]
    try:
        volumes = tuple(to_decimal(part.strip() if isinstance(part, str) else part) for part in parts)
    except CellError:
        return None
    if not volumes or any(v < 0 for v in volumes):
        return None
    return volumes


def read_rincian(
    rows: Iterator[tuple[int, list[Any]]],
    *,
    mapping: Mapping,
    header: Header,
    source: str,
    sheet: str | None,
    year: int,
    sub_activity: str | None,
    pagu: tuple[str, int] | None,
    agency_id: str | None,
    nomenclature: Nomenclature,
    tick: Callable[[int], None] | None = None,
) -> RincianResult:
    """Read the rows after ``header`` into the budget lines of the sub kegiatan ``sub_activity``.

    ``sub_activity`` is ``"<code> [name]"`` (the read option, or the ``Sub Kegiatan`` line above the
    header); ``pagu`` the text and 0-based row of a ``Pagu`` line above the header, if any.
    """
    reader = _Reader(
        header=header,
        source=source,
        sheet=sheet,
        total_labels=frozenset(normalise_header(label) for label in mapping.total_labels),
    )
    counts = {"line": 0, "reported": 0, "total": 0, "header": 0, "blank": 0}
    seen = 0
    for r, values in rows:
        seen += 1
        if tick is not None and seen % 1000 == 0:
            tick(r + 1)
        counts[reader.row(r, values)] += 1
    lines = tuple(reader.lines)
    lines_total = Money.total(line.amount for line in lines)
    for amount, row, column in reader.totals:
        _check_sum(
            reader, reader.where(row, column, "amount"), amount, lines_total.amount, f"Baris {row}", f"Row {row}"
        )
    errors: list[SourceError] = []
    budget_amount = lines_total
    if pagu is not None:
        text, r = pagu
        try:
            written = to_money(text)
        except CellError as exc:
            errors.append(
                SourceError(
                    f"the pagu line cannot be read: {exc.message}",
                    location=reader.where(r + 1, field="pagu"),
                    expected=exc.expected,
                    actual=text,
                )
            )
        else:
            budget_amount = Money(written)
            _check_sum(
                reader,
                reader.where(r + 1, field="pagu"),
                written,
                lines_total.amount,
                "Pagu sub kegiatan",
                "The pagu of the sub kegiatan",
            )
    programs: tuple[Program, ...] = ()
    if sub_activity is None:
        errors.append(
            SourceError(
                "the sub kegiatan of the rincian is unknown: the sheet does not say it",
                location=reader.where(header.row + 1, field="sub_activity"),
                expected="a line 'Sub Kegiatan : 1.02.02.2.02.0001 <name>' above the header, or the read option "
                "sub_activity (-R sub_activity=1.02.02.2.02.0001)",
            )
        )
    else:
        budget = Budget(year=year, amount=budget_amount, kind=mapping.budget_kind)
        built = _chain(
            sub_activity,
            lines,
            budget,
            agency_id,
            nomenclature,
            year,
            Provenance(source=source, sheet=sheet, row=header.row + 1),
        )
        if isinstance(built, str):
            errors.append(
                SourceError(
                    f"the sub kegiatan {sub_activity!r} cannot be used: {built}",
                    location=reader.where(header.row + 1, field="sub_activity"),
                    expected="a sub kegiatan code such as 1.02.02.2.02.0001, with or without its name",
                    actual=sub_activity,
                )
            )
        else:
            programs = (built,)
    return RincianResult(
        programs=programs, findings=tuple(reader.findings), errors=tuple(errors), rows=seen, counts=counts
    )


def _check_sum(reader: _Reader, where: Location, written: Decimal, lines: Decimal, what_id: str, what_en: str) -> None:
    difference = abs(written - lines)
    if difference <= TOLERANCE:
        return
    reader.findings.append(
        SUBTOTAL_MISMATCH.at(
            where,
            id=f"{what_id} tertulis Rp {format_id(written)}, jumlah rincian belanja Rp {format_id(lines)} "
            f"(selisih Rp {format_id(difference)}).",
            en=f"{what_en} is written as Rp {format_id(written)}; the budget lines sum to Rp {format_id(lines)} "
            f"(difference Rp {format_id(difference)}).",
            expected=str(lines),
            found=str(written),
        )
    )


def _chain(
    text: str,
    lines: tuple[BudgetLine, ...],
    budget: Budget,
    agency_id: str | None,
    nomenclature: Nomenclature,
    year: int,
    provenance: Provenance,
) -> Program | str:
    """The program → kegiatan → sub kegiatan chain holding ``lines``, or why ``text`` names no sub kegiatan."""
    code, name = Code.split_name(clean_text(text))
    if code is None or code.level is not CodeLevel.SUB_ACTIVITY:
        return "it does not start with a sub kegiatan code"

    def name_of(level_code: Code, written: str | None = None) -> str:
        if written:
            return written
        entry = list_for_code(nomenclature, level_code).lookup(level_code, year)
        return entry.name if entry is not None else str(level_code)

    try:
        sub = SubActivity(
            code=code,
            name=name_of(code, clean_text(name) or None),
            agency_id=agency_id,
            budgets=[budget],
            budget_lines=lines,
            provenance=provenance,
        )
        activity_code = code.ancestor(CodeLevel.ACTIVITY)
        activity = Activity(
            code=activity_code,
            name=name_of(activity_code),
            agency_id=agency_id,
            budgets=[budget],
            sub_activities=[sub],
            provenance=provenance,
        )
        program_code = code.ancestor(CodeLevel.PROGRAM)
        return Program(
            code=program_code,
            name=name_of(program_code),
            agency_id=agency_id,
            budgets=[budget],
            activities=[activity],
            provenance=provenance,
        )
    except InvalidModel as exc:
        return exc.reason

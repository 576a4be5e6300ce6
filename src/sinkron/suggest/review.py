"""The review sheet: suggestions as xlsx or csv with an empty *Keputusan* column, read back into links.

A planner fills *Keputusan* with ``terima`` (accept) or ``tolak`` (reject) — ``ya``/``tidak``,
``accept``/``reject``, ``y``/``n``, ``1``/``0`` and ``x`` (accept) are understood too — and may
write a *Catatan*. :func:`read_review` turns the accepted rows into links with provenance origin
``suggested`` and the place of the row (file, sheet, row); rejected and undecided rows are counted,
never turned into links; every bad cell is reported, located (file, sheet, row, column, field) with
what was expected, all together. The *Sumber*, *Target* and *Jenis tautan* cells are read as the
planner left them: a target corrected by hand is the target of the link.

xlsx needs openpyxl (installed with the sinkron-spreadsheet plugin); csv needs nothing. csv is
written as UTF-8 with a byte-order mark (so spreadsheet programs open it right) and read with
``,``, ``;`` or tab as separator (a spreadsheet program set to Indonesian saves with ``;``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs

from sinkron.align.index import BundleIndex
from sinkron.atomic import write_atomic
from sinkron.errors import Location, SourceError, ValidationError
from sinkron.models import Bundle, Link, LinkKind, Origin, Provenance
from sinkron.safe_text import neutralise, unneutralise
from sinkron.sheet_rows import openpyxl_module, xlsx_rows
from sinkron.suggest.suggestion import Suggestion

__all__ = ["COLUMNS", "ReviewResult", "read_review", "render_review_csv", "write_review"]

#: (key, header) of the review sheet's columns, in order.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("no", "No"),
    ("source", "Sumber (source)"),
    ("code", "Kode"),
    ("source_name", "Sub kegiatan / program"),
    ("target", "Target"),
    ("target_name", "Nama target (target name)"),
    ("kind", "Jenis tautan (link)"),
    ("score", "Skor (score)"),
    ("rank", "Peringkat (rank)"),
    ("matched", "Kata cocok (matched terms)"),
    ("reason_id", "Alasan"),
    ("reason_en", "Reason"),
    ("decision", "Keputusan (terima/tolak)"),
    ("note", "Catatan (note)"),
)
SHEET = "Usulan Tautan"
ACCEPT = frozenset({"terima", "diterima", "ya", "y", "yes", "accept", "accepted", "setuju", "1", "x", "v", "✓"})
REJECT = frozenset({"tolak", "ditolak", "tidak", "t", "n", "no", "reject", "rejected", "0", "-"})
_REQUIRED = ("source", "target", "kind", "decision")
_HEADERS = {header: key for key, header in COLUMNS}
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@attrs.frozen(kw_only=True)
class ReviewResult:
    """What a filled review sheet says: the accepted links, the rejected and undecided rows, the errors."""

    links: tuple[Link, ...] = ()
    rejected: tuple[tuple[str, str], ...] = ()
    """(source, target) of the rejected rows."""
    undecided: tuple[int, ...] = ()
    """Row numbers left without a decision."""
    errors: tuple[SourceError, ...] = ()
    source: str | None = None

    @property
    def complete(self) -> bool:
        """True when every row could be read."""
        return not self.errors

    def raise_for_errors(self) -> ReviewResult:
        """Raise the errors as one :class:`~sinkron.errors.ValidationError`; return self when there are none."""
        if self.errors:
            raise ValidationError(self.errors, source=self.source)
        return self

    def bundle(self) -> Bundle:
        """A bundle holding only the accepted links (merge it with the plans: ``plans.merge(result.bundle())``)."""
        return Bundle(links=self.links, sources=(self.source,) if self.source else ())


def _row(number: int, s: Suggestion) -> dict[str, Any]:
    code = s.source.rsplit("/", 1)[-1] if "/" in s.source else s.source.rsplit("#", 1)[-1]
    return {
        "no": number,
        "source": s.source,
        "code": code,
        "source_name": s.source_name,
        "target": s.target,
        "target_name": s.target_name,
        "kind": s.kind.value,
        "score": s.score,
        "rank": s.rank,
        "matched": "; ".join(s.matched_terms),
        "reason_id": s.reason.id,
        "reason_en": s.reason.en,
        "decision": "",
        "note": "",
    }


def render_review_csv(suggestions: Iterable[Suggestion]) -> str:
    """The review sheet as csv text (header row, one row per suggestion)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([header for _, header in COLUMNS])
    for number, suggestion in enumerate(suggestions, start=1):
        row = _row(number, suggestion)
        writer.writerow([_csv_cell(row[key]) for key, _ in COLUMNS])
    return buffer.getvalue()


def _csv_cell(value: Any) -> str:
    if isinstance(value, str):
        return neutralise(value)  # a name starting with "=" must not run as a formula when the csv is opened
    return f"{value:.4f}" if isinstance(value, float) else str(value)


def write_review(suggestions: Iterable[Suggestion], target: str | Path, format: str | None = None) -> Path:
    """Write the review sheet as ``xlsx`` or ``csv`` (from ``format`` or the file's extension), atomically."""
    path = Path(target)
    fmt = (format or path.suffix.lstrip(".") or "csv").lower()
    if fmt == "csv":
        data = render_review_csv(suggestions).encode("utf-8-sig")
    elif fmt == "xlsx":
        data = _render_xlsx(list(suggestions))
    else:
        raise ValueError(f"a review sheet is xlsx or csv, not {fmt!r}")
    return write_atomic(path, data)


def _render_xlsx(suggestions: Sequence[Suggestion]) -> bytes:
    openpyxl = openpyxl_module("the xlsx review sheet")
    from openpyxl.styles import Font  # type: ignore[import-untyped,unused-ignore]
    from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped,unused-ignore]

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    sheet.append([header for _, header in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, suggestion in enumerate(suggestions, start=1):
        row = _row(number, suggestion)
        # Text neutralised as in every sheet sinkron writes (a name starting with "=" shows as text when
        # the planner edits it) and stored as text, never a formula.
        sheet.append([neutralise(row[key]) if isinstance(row[key], str) else row[key] for key, _ in COLUMNS])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    widths = {
        "source": 46,
        "source_name": 40,
        "target": 30,
        "target_name": 40,
        "matched": 30,
        "reason_id": 60,
        "reason_en": 60,
        "decision": 22,
        "note": 30,
    }
    for position, (key, _) in enumerate(COLUMNS):
        sheet.column_dimensions[_LETTERS[position]].width = widths.get(key, 12)
    decision = _LETTERS[[k for k, _ in COLUMNS].index("decision")]
    if suggestions:
        validation = DataValidation(type="list", formula1='"terima,tolak"', allow_blank=True)
        validation.add(f"{decision}2:{decision}{len(suggestions) + 1}")
        sheet.add_data_validation(validation)
    sheet.freeze_panes = "B2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# -- reading ---------------------------------------------------------------------------------------
def read_review(source: str | Path, *, bundle: Bundle | None = None, sheet: str | None = None) -> ReviewResult:
    """Read a filled review sheet (xlsx or csv) into a :class:`ReviewResult`.

    With ``bundle``, every source and target must exist in it (an item or indicator; a priority,
    priority indicator or sasaran), or the row is an error. A file that cannot be read at all
    raises :class:`~sinkron.errors.SourceError`.
    """
    path = Path(source)
    if not path.is_file():
        raise SourceError("no such file", location=Location(source=str(path)))
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        sheet_name, rows = xlsx_rows(
            path,
            sheet,
            what="the xlsx review sheet",
            expected="an xlsx review sheet written by sinkron suggest",
            preferred=SHEET,
        )
    else:
        sheet_name, rows = None, _csv_rows(path)
    return _read_rows(rows, str(path), sheet_name, BundleIndex(bundle) if bundle is not None else None)


def _csv_rows(path: Path) -> list[list[Any]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [list(row) for row in csv.reader(io.StringIO(text), dialect)]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(unneutralise(str(value)).split())  # the apostrophe the writer put before formula-like text


def _header_columns(header_row: list[Any], where: Location) -> dict[str, int]:
    """The position of each known column in the header row; a missing required column is an error."""
    columns: dict[str, int] = {}
    for position, header in enumerate(header_row):
        text = _text(header)
        key = _HEADERS.get(text) or next((k for k, h in COLUMNS if text.casefold() in (k, h.casefold())), None)
        if key is not None and key not in columns:
            columns[key] = position
    missing = [dict(COLUMNS)[k] for k in _REQUIRED if k not in columns]
    if missing:
        raise SourceError(
            f"missing column(s) {', '.join(missing)}",
            location=where.evolve(row=1),
            expected=", ".join(dict(COLUMNS)[k] for k in _REQUIRED),
            actual=", ".join(_text(h) for h in header_row if _text(h)),
        )
    return columns


@attrs.frozen
class _RowPlace:
    """Where a row of the review sheet is, to locate the errors of its cells."""

    where: Location
    columns: dict[str, int]
    number: int

    def error(self, key: str, reason: str, expected: str, actual: str) -> SourceError:
        position = self.columns[key]
        column = _LETTERS[position] if position < len(_LETTERS) else None
        location = self.where.evolve(row=self.number, column=column, field=dict(COLUMNS)[key])
        return SourceError(reason, location=location, expected=expected, actual=actual)


def _row_errors(cells: dict[str, str], place: _RowPlace, index: BundleIndex | None) -> list[SourceError]:
    """Every bad cell of a row: decision, empty or unknown source/target, link kind, a link to itself."""
    errors: list[SourceError] = []
    decision = cells["decision"].casefold()
    if decision and decision not in ACCEPT and decision not in REJECT:
        errors.append(
            place.error("decision", "not a decision", "terima or tolak (accept/reject), or empty", cells["decision"])
        )
    for key in ("source", "target"):
        if not cells[key]:
            errors.append(place.error(key, f"empty {key}", f"a {key} reference", ""))
        elif index is not None and not _exists(cells[key], key, index):
            errors.append(place.error(key, f"unknown {key}", f"a {key} of the bundle", cells[key]))
    kind = _link_kind(cells["kind"])
    if kind is None:
        errors.append(place.error("kind", "not a link kind", "tagged or supports", cells["kind"]))
    elif kind not in (LinkKind.TAGGED, LinkKind.SUPPORTS):
        errors.append(place.error("kind", "not a suggested link kind", "tagged or supports", cells["kind"]))
    if cells["source"] and cells["source"] == cells["target"]:
        errors.append(place.error("target", "a link cannot point at its own source", "another record", cells["target"]))
    return errors


def _link_kind(text: str) -> LinkKind | None:
    try:
        return LinkKind(text.casefold())
    except ValueError:
        return None


def _read_rows(rows: list[list[Any]], source: str, sheet: str | None, index: BundleIndex | None) -> ReviewResult:
    where = Location(source=source, sheet=sheet)
    if not rows:
        raise SourceError("empty review sheet", location=where.evolve(row=1), expected="a header row")
    columns = _header_columns(rows[0], where)
    links: list[Link] = []
    rejected: list[tuple[str, str]] = []
    undecided: list[int] = []
    errors: list[SourceError] = []
    for number, values in _numbered(rows[1:]):
        cells = {key: _text(values[i]) if i < len(values) else "" for key, i in columns.items()}
        if not any(cells.values()):
            continue
        row_errors = _row_errors(cells, _RowPlace(where, columns, number), index)
        if row_errors:
            errors += row_errors
            continue
        decision = cells["decision"].casefold()
        if decision in ACCEPT:
            provenance = Provenance(source=source, sheet=sheet, row=number, origin=Origin.SUGGESTED)
            kind = LinkKind(cells["kind"].casefold())
            note = cells.get("note") or None
            links.append(
                Link(kind=kind, source=cells["source"], target=cells["target"], provenance=provenance, note=note)
            )
        elif decision in REJECT:
            rejected.append((cells["source"], cells["target"]))
        else:
            undecided.append(number)
    return ReviewResult(
        links=tuple(dict.fromkeys(links)),
        rejected=tuple(rejected),
        undecided=tuple(undecided),
        errors=tuple(errors),
        source=source,
    )


def _numbered(rows: list[list[Any]]) -> Iterator[tuple[int, list[Any]]]:
    for offset, values in enumerate(rows):
        yield offset + 2, values


def _exists(reference: str, key: str, index: BundleIndex) -> bool:
    if key == "source":
        return reference in index.items or reference in index.indicators
    return reference in index.priorities or reference in index.indicators or reference in index.objectives

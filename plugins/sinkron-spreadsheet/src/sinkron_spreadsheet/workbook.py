"""Opening xlsx and csv files as streams of rows, with the cell facts values alone do not show.

xlsx rows come from python-calamine (``iter_rows``), the fastest reader measured for this project.
calamine gives values only, so one streaming pass over the sheet's XML (no DOM, only byte
searches) collects what the values hide: cells formatted as percentages (0.96 shown as ``96%``) or
with a literal unit suffix (``#,###" bln"``), error cells (``#REF!``, which calamine returns as
empty) and formulas that were never calculated (no cached value), with their formula text. Merged ranges
come from calamine.

A sheet with formulas saved without their values (a file written by a library, not by Excel or
LibreOffice) has them computed by :mod:`sinkron_spreadsheet.formulas` from the other cells of the sheet
as its rows are handed over: the value takes the formula's place and the cell is noted ``evaluated``; a
formula outside the computed subset stays ``uncached`` with the reason, and its cell empty.

csv files are decoded as UTF-8 (with or without BOM), falling back to Windows-1252 when the bytes
are not UTF-8; the delimiter (``,``, ``;``, tab or ``|``) is sniffed from the first lines. Quoting
is read strictly: a quote left open to the end of the file is an error, not a cell swallowing the
rest of the file.

Problems opening a file (not an xlsx, a truncated zip, an empty file) raise :class:`OpenError`.
Before an xlsx file is parsed, its zip members are checked against :class:`ReadLimits` (inflated
size and compression ratio) and every member is read once to verify its checksum; an XML part
with a DOCTYPE (entity declarations: XXE, "billion laughs") is refused, as no Office file has one.
Then :mod:`sinkron_spreadsheet.xlsx_gate` streams every XML part and refuses cell references beyond
Excel's sheet, a sheet spanning more than ``max_cells`` and more than ``max_strings`` shared strings,
before python-calamine allocates for them.
Rows beyond the limits are reported as :class:`ReadProblem` objects on the :class:`Sheet`.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

import attrs

from sinkron.collector import paused_gc
from sinkron.connector import ReadResult
from sinkron.errors import Location, SourceError
from sinkron.models import Bundle
from sinkron_spreadsheet.cells import is_blank
from sinkron_spreadsheet.formulas import ExcelError, FormulaError, FormulaEvaluator, shared_formula
from sinkron_spreadsheet.limits import RATIO_MIN_BYTES, RATIO_MIN_TOTAL_BYTES, ReadLimits
from sinkron_spreadsheet.xlsx_gate import XML_SUFFIXES, PartRefused, column_index, scan_parts

__all__ = [
    "CellNote",
    "OpenError",
    "ReadProblem",
    "Sheet",
    "Workbook",
    "check_xlsx",
    "open_calamine",
    "open_workbook",
    "with_workbook",
]

XLSX_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".tsv", ".txt")


class OpenError(Exception):
    """A file cannot be opened as a spreadsheet; ``expected`` says what it should have been, and ``sheet``, ``row``
    and ``column`` (letters) where in the file, when the refusal concerns one place."""

    def __init__(
        self,
        message: str,
        expected: str | None = None,
        *,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.expected = expected
        self.sheet = sheet
        self.row = row
        self.column = column

    def located(self, source: str) -> SourceError:
        """This refusal as a :class:`~sinkron.errors.SourceError` about ``source``, at its sheet, row and column."""
        where = Location(source=source, sheet=self.sheet, row=self.row, column=self.column)
        return SourceError(self.message, location=where, expected=self.expected)


@attrs.frozen
class CellNote:
    """What a cell's value alone does not say: ``kind`` is ``percent``, ``suffix``, ``error``, ``uncached`` (a formula
    saved without its value, ``detail`` its formula when known) or ``evaluated`` (such a formula that sinkron
    computed, ``detail`` the formula); ``reason`` says why an uncached formula could not be computed."""

    kind: str
    detail: str = ""
    reason: str = ""


@attrs.frozen
class ReadProblem:
    """A row or cell the stream could not hand over: beyond a limit, or where the file stops making sense.

    ``row`` is 1-based; ``column`` is the 0-based column index, when one cell is concerned.
    """

    row: int
    column: int | None
    message: str
    expected: str | None = None
    actual: object = None


@attrs.define
class Sheet:
    """One sheet: its name, size, merged ranges, cell notes and a row stream.

    Rows and columns are 0-based and absolute (row 0 is the spreadsheet's row 1, column 0 is A),
    even when the used range starts further down or right. With ``limits``, rows past
    ``max_rows`` end the stream, and cells past ``max_columns`` or longer than
    ``max_cell_length`` are left out; each is recorded in ``problems``.
    """

    name: str
    height: int | None
    merged: list[tuple[tuple[int, int], tuple[int, int]]]
    notes: dict[tuple[int, int], CellNote]
    _rows: Any
    start: tuple[int, int] = (0, 0)
    limits: ReadLimits | None = None
    problems: list[ReadProblem] = attrs.field(factory=list)
    delimited: bool = False
    """A csv sheet: its cells are split at a delimiter, so a cell holding one unquoted shifts the row."""

    def rows(self, *, evaluate: bool = True) -> Iterator[tuple[int, list[Any]]]:
        """``(row index, values)`` for each row, values padded so index 0 is column A.

        Formulas saved without their values are computed first (the sheet is then read whole, as a formula may
        read any row), unless ``evaluate`` is false: see the module docs.
        """
        formulas = {cell: note.detail for cell, note in self.notes.items() if note.kind == "uncached" and note.detail}
        if not formulas or not evaluate:
            return self._stream()
        return iter(self._evaluated(list(self._stream()), formulas))

    def _evaluated(
        self, rows: list[tuple[int, list[Any]]], formulas: dict[tuple[int, int], str]
    ) -> list[tuple[int, list[Any]]]:
        """``rows`` with the value of each formula in ``formulas`` computed in place, and its note updated."""
        by_index = dict(rows)

        def value(row: int, column: int) -> object:
            values = by_index.get(row)
            return values[column] if values is not None and column < len(values) else None

        evaluator = FormulaEvaluator(value, formulas)
        results: dict[tuple[int, int], object] = {}
        for cell, formula in formulas.items():
            shown = formula if formula.startswith("=") else "=" + formula
            try:
                results[cell] = evaluator.result(*cell)
            except FormulaError as exc:
                self.notes[cell] = CellNote("uncached", shown, exc.message)
                continue
            if isinstance(results[cell], ExcelError):
                self.notes[cell] = CellNote("error", str(results[cell]))
                results[cell] = None
            else:
                self.notes[cell] = CellNote("evaluated", shown)
        for (row, column), result in results.items():  # written after evaluating: results never feed each other twice
            values = by_index.get(row)
            if values is None:
                continue
            if column >= len(values):
                values.extend([None] * (column + 1 - len(values)))
            values[column] = result
        return rows

    def _stream(self) -> Iterator[tuple[int, list[Any]]]:
        first_row, first_col = self.start
        pad: list[Any] = [None] * first_col
        stream = iter(self._rows())
        r = first_row - 1
        while True:
            try:
                values = next(stream)
            except StopIteration:
                return
            except (csv.Error, UnicodeDecodeError, RowRefused) as exc:
                reason = str(exc)
                if "field larger than field limit" in reason:
                    reason = f"a cell holds more than {csv.field_size_limit()} characters (max_cell_length=" + (
                        f"{self.limits.max_cell_length})" if self.limits else "?)"
                    )
                self.problems.append(
                    ReadProblem(
                        r + 2,
                        None,
                        f"the file cannot be read from this row on: {reason}",
                        "well-formed csv text (quotes closed, cells within the limits)",
                    )
                )
                return
            r += 1
            row = (pad + list(values)) if first_col else list(values)
            if self.limits is not None:
                if r >= self.limits.max_rows:
                    self.problems.append(
                        ReadProblem(
                            r + 1,
                            None,
                            f"the sheet has more than max_rows={self.limits.max_rows} rows; reading stopped here",
                            f"at most {self.limits.max_rows} rows (ReadLimits.max_rows)",
                        )
                    )
                    return
                row = self._bounded(r, row, self.limits)
            yield r, row

    def _bounded(self, r: int, row: list[Any], limits: ReadLimits) -> list[Any]:
        if len(row) > limits.max_columns:
            beyond = next((i for i in range(limits.max_columns, len(row)) if not is_blank(row[i])), None)
            if beyond is not None:
                self.problems.append(
                    ReadProblem(
                        r + 1,
                        beyond,
                        f"the row has cells beyond max_columns={limits.max_columns}; they were not read",
                        f"at most {limits.max_columns} columns (ReadLimits.max_columns)",
                        len(row),
                    )
                )
            row = row[: limits.max_columns]
        for index, value in enumerate(row):
            if isinstance(value, str) and len(value) > limits.max_cell_length:
                self.problems.append(
                    ReadProblem(
                        r + 1,
                        index,
                        f"the cell holds {len(value)} characters, more than "
                        f"max_cell_length={limits.max_cell_length}; it was not read",
                        f"at most {limits.max_cell_length} characters (ReadLimits.max_cell_length)",
                        value[:40] + "…",
                    )
                )
                row[index] = None
        return row


class RowRefused(Exception):
    """A csv row holds more characters than :attr:`ReadLimits.max_row_length`, or a NUL byte (binary data)."""


class _BoundedLines:
    """The lines of a csv file for ``csv.reader``, at most ``limit`` characters for one row and no NUL byte.

    A row may span several lines (line breaks inside quoted cells): the characters are counted from the end of
    the previous row (:meth:`row_read`), and each line is read with ``readline(size)``, so even a line of
    gigabytes is never held whole.
    """

    def __init__(self, handle: Any, limit: int) -> None:
        self.handle = handle
        self.limit = limit
        self.used = 0

    def __iter__(self) -> _BoundedLines:
        return self

    def __next__(self) -> str:
        line: str = self.handle.readline(self.limit - self.used + 1)
        if not line:
            raise StopIteration
        self.used += len(line)
        if self.used > self.limit:
            raise RowRefused(f"the row holds more than {self.limit} characters (max_row_length={self.limit})")
        if "\x00" in line:  # the first 64 KiB were checked when the file was opened; this is further on
            raise RowRefused("the row holds binary data (a NUL byte), not csv text")
        return line

    def row_read(self) -> None:
        self.used = 0


class Workbook:
    """A spreadsheet file: its sheet names and a way to stream each sheet's rows."""

    def __init__(self, path: Path, kind: str, limits: ReadLimits | None = None) -> None:
        self.path = path
        self.kind = kind
        self.limits = limits
        self.encoding: str | None = None
        self.delimiter: str | None = None
        self._calamine: Any = None
        self._sheet_xml: dict[str, str] = {}
        self._styles: dict[int, CellNote] = {}
        self._archive: zipfile.ZipFile | None = None
        """The xlsx archive, opened once for the cell notes of every sheet (its directory is read once)."""

    # -- names -------------------------------------------------------------------------------
    @property
    def sheet_names(self) -> list[str]:
        if self.kind == "csv":
            return [self.path.stem]
        names: list[str] = list(self._calamine.sheet_names)
        return names

    def sheet(self, name: str) -> Sheet:
        if self.kind == "csv":
            return Sheet(
                name=name, height=None, merged=[], notes={}, rows=self._csv_rows, limits=self.limits, delimited=True
            )
        sheet = self._calamine.get_sheet_by_name(name)
        merged = list(sheet.merged_cell_ranges or [])
        notes = self._scan_notes(name)
        start = sheet.start or (0, 0)
        height = (start[0] + sheet.height) if sheet.height else 0
        # python-calamine's iter_rows starts at row 0 (the empty rows above the used range included) but at the
        # used range's first column (its issue #177): only the columns need the offset.
        return Sheet(
            name=name,
            height=height,
            merged=merged,
            notes=notes,
            rows=sheet.iter_rows,
            start=(0, start[1]),
            limits=self.limits,
        )

    def close(self) -> None:
        if self._calamine is not None:
            self._calamine.close()
        if self._archive is not None:
            self._archive.close()
            self._archive = None

    # -- csv -----------------------------------------------------------------------------------
    def _csv_rows(self) -> Iterator[list[Any]]:
        assert self.encoding is not None and self.delimiter is not None
        limits = self.limits or ReadLimits()
        if limits.max_cell_length >= csv.field_size_limit():
            csv.field_size_limit(limits.max_cell_length + 1)  # only ever raised, never lowered
        with self.path.open(encoding=self.encoding, newline="") as handle:
            lines = _BoundedLines(handle, limits.max_row_length)
            for row in csv.reader(lines, delimiter=self.delimiter, strict=True):
                lines.row_read()
                yield row

    # -- xlsx cell notes -----------------------------------------------------------------------------
    def _scan_notes(self, sheet_name: str) -> dict[tuple[int, int], CellNote]:
        member = self._sheet_xml.get(sheet_name)
        if member is None:
            return {}
        notes: dict[tuple[int, int], CellNote] = {}
        try:
            if self._archive is None:
                self._archive = zipfile.ZipFile(self.path)
            with self._archive.open(member) as handle:
                _scan_cells(handle, self._styles, notes)
        except (OSError, zipfile.BadZipFile, EOFError, ValueError):
            return notes  # calamine read the sheet; the notes are a refinement
        return notes


def open_workbook(
    path: str | Path, *, kind: str | None = None, encoding: str | None = None, limits: ReadLimits | None = None
) -> Workbook:
    """Open ``path`` as xlsx or csv (by ``kind`` or by its extension), or raise :class:`OpenError`.

    ``limits`` (the :class:`ReadLimits` defaults when ``None``) bound what is read.
    """
    limits = limits or ReadLimits()
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise OpenError(f"cannot open the file: {exc.strerror or exc}") from None
    if size == 0:
        raise OpenError("the file is empty", "an xlsx or csv file with a header row")
    if kind is None:
        kind = "csv" if path.suffix.lower() in CSV_SUFFIXES else "xlsx"
    if kind == "csv":
        return _open_csv(path, encoding, limits)
    return _open_xlsx(path, limits)


def with_workbook(
    source: str | Path,
    read: Callable[[Workbook], ReadResult],
    *,
    format: str | None = None,
    encoding: str | None = None,
    limits: ReadLimits | None = None,
) -> ReadResult:
    """Open ``source`` once, give the workbook to ``read`` and close it; a file that cannot be opened is a result
    holding that one error.

    ``format`` (``"csv"``, ``"xlsx"``, ``"xlsm"``) overrides the file's extension. The garbage collector is
    paused as :func:`sinkron.read_result` does around every connector: callers such as
    :func:`~sinkron_spreadsheet.read_rkpd_report` come here directly.
    """
    kind = "csv" if format == "csv" else ("xlsx" if format in ("xlsx", "xlsm") else None)
    with paused_gc():
        try:
            workbook = open_workbook(source, kind=kind, encoding=encoding, limits=limits)
        except OpenError as exc:
            text = str(source)
            error = exc.located(text)
            return ReadResult(bundle=Bundle(sources=(text,)), errors=(error,), source=text, records=0)
        try:
            return read(workbook)
        finally:
            workbook.close()


def check_xlsx(path: str | Path, *, limits: ReadLimits | None = None, source: str | None = None) -> SourceError | None:
    """Why an xlsx file must not be parsed, as a located error — or ``None`` when it may be.

    For connectors that read xlsx with python-calamine themselves: the same checks this plugin
    makes before parsing (a zip archive with ``xl/workbook.xml``, the inflated size and compression
    ratio within ``limits``, every member's checksum, no DOCTYPE in any XML part, then what the XML
    declares: cell references within Excel's sheet, ``max_cells`` and ``max_strings``, see
    :mod:`sinkron_spreadsheet.xlsx_gate`). The error is located at the sheet, row and column concerned.

    >>> check_xlsx("/no/such/file.xlsx").message
    'cannot open the file: No such file or directory'
    """
    path = Path(path)
    where = Location(source=source or str(path))
    try:
        _verify_xlsx(path, limits or ReadLimits())
    except OpenError as exc:
        return exc.located(where.source or str(path))
    except OSError as exc:
        return SourceError(f"cannot open the file: {exc.strerror or exc}", location=where)
    return None


#: Digests of the files found safe to parse, with the limits they were checked against (the latest few): one read
#: opens a file several times (each connector's format check, then the read) and the checks stream every part.
_VERIFIED: dict[tuple[bytes, int, int, int, int], None] = {}
_VERIFIED_KEPT = 16


def _verify_xlsx(path: Path, limits: ReadLimits) -> None:
    """Raise :class:`OpenError` unless ``path`` is an xlsx archive that is safe to parse."""
    digest = hashlib.blake2b()
    with path.open("rb") as handle:
        head = handle.read(8)
        handle.seek(0)
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    key = (
        digest.digest(),
        limits.max_uncompressed_bytes,
        limits.max_compression_ratio,
        limits.max_cells,
        limits.max_strings,
    )
    if key in _VERIFIED:
        return
    _check_archive(path, head, limits)
    if len(_VERIFIED) >= _VERIFIED_KEPT:
        del _VERIFIED[next(iter(_VERIFIED))]
    _VERIFIED[key] = None


def _check_archive(path: Path, head: bytes, limits: ReadLimits) -> None:
    """The checks of :func:`_verify_xlsx` (``head``: the file's first bytes): the zip, its sizes, every member, then
    what the XML parts declare (:func:`sinkron_spreadsheet.xlsx_gate.scan_parts`)."""
    if not head.startswith(b"PK"):
        what = "an old .xls (BIFF) file" if head.startswith(b"\xd0\xcf\x11\xe0") else "not a zip archive"
        raise OpenError(
            f"not an xlsx file ({what})", "an xlsx workbook (a zip archive), saved from Excel or LibreOffice"
        )
    try:
        with zipfile.ZipFile(path) as archive:
            if "xl/workbook.xml" not in set(archive.namelist()):
                raise OpenError("a zip archive without xl/workbook.xml is not an xlsx workbook", "an xlsx workbook")
            _check_sizes(archive.infolist(), limits)
            _check_members(archive)
            try:
                scan_parts(archive, limits)
            except PartRefused as refused:
                sheets = {member: name for name, member in _sheet_members(archive).items()}
                raise OpenError(
                    refused.message,
                    refused.expected,
                    sheet=sheets.get(refused.part),
                    row=refused.row,
                    column=refused.column,
                ) from None
    except zipfile.BadZipFile as exc:
        raise OpenError(f"the xlsx archive is truncated or damaged ({exc})", "an intact xlsx file") from None
    except (EOFError, zipfile.LargeZipFile, zlib.error, NotImplementedError, RuntimeError) as exc:
        raise OpenError(f"the xlsx archive cannot be read ({exc})", "an intact xlsx file") from None


def _open_xlsx(path: Path, limits: ReadLimits) -> Workbook:
    try:
        _verify_xlsx(path, limits)
    except OSError as exc:
        raise OpenError(f"the xlsx archive cannot be read ({exc})", "an intact xlsx file") from None
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            sheet_xml = _sheet_members(archive)
            styles = _style_notes(archive.read("xl/styles.xml")) if "xl/styles.xml" in names else {}
    except zipfile.BadZipFile as exc:
        raise OpenError(f"the xlsx archive is truncated or damaged ({exc})", "an intact xlsx file") from None
    except (OSError, EOFError, zipfile.LargeZipFile, zlib.error, NotImplementedError, RuntimeError) as exc:
        raise OpenError(f"the xlsx archive cannot be read ({exc})", "an intact xlsx file") from None
    try:
        calamine = open_calamine(path)
    except Exception as exc:  # calamine raises its own error classes for every broken part
        raise OpenError(
            f"the xlsx workbook cannot be read: {type(exc).__name__}: {exc}", "an intact xlsx file"
        ) from None
    workbook = Workbook(path, "xlsx", limits)
    workbook._calamine = calamine
    workbook._sheet_xml = sheet_xml
    workbook._styles = styles
    return workbook


def open_calamine(path: str | Path) -> Any:
    """python-calamine's workbook of the xlsx file ``path`` (checked first with :func:`check_xlsx`).

    python-calamine takes a path as UTF-8 text: a file name that is not (bytes of another encoding, which
    Python keeps as surrogate escapes) is "No such file" to it, so such a file is opened here and its bytes
    handed over.
    """
    from python_calamine import CalamineWorkbook

    name = str(path)
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        with open(path, "rb") as handle:
            return CalamineWorkbook.from_filelike(io.BytesIO(handle.read()))
    return CalamineWorkbook.from_path(name)


def _open_csv(path: Path, encoding: str | None, limits: ReadLimits) -> Workbook:
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        what = "an xlsx file or another zip archive" if head.startswith(b"PK") else "an old .xls (BIFF) file"
        raise OpenError(f"not a csv file ({what})", "a csv text file (read a workbook with format='xlsx')")
    if encoding is None:
        encoding = _detect_encoding(path)
    try:
        with path.open(encoding=encoding, newline="") as handle:
            sample = handle.read(64 * 1024)
    except (UnicodeDecodeError, LookupError) as exc:
        raise OpenError(f"the csv file cannot be decoded as {encoding}: {exc}", "a UTF-8 or Windows-1252 csv") from None
    if not sample.strip():
        raise OpenError("the csv file holds no rows", "a csv file with a header row")
    if "\x00" in sample:
        raise OpenError("the file holds binary data, not csv text", "a csv text file")
    workbook = Workbook(path, "csv", limits)
    workbook.encoding = encoding
    workbook.delimiter = _sniff_delimiter(sample)
    return workbook


#: A byte that is not UTF-8, as the ``surrogateescape`` error handler decodes it.
_NOT_UTF8 = re.compile(r"[\udc80-\udcff]")
#: A character beyond ASCII that was UTF-8 in the file.
_UTF8_BEYOND_ASCII = re.compile(r"[^\x00-\x7f\udc80-\udcff]")


def _detect_encoding(path: Path) -> str:
    """``utf-8-sig`` when the whole file decodes as UTF-8 (BOM or not), ``cp1252`` when no character beyond ASCII
    in it is UTF-8; raise :class:`OpenError` for UTF-16 text, and for UTF-8 text with a line that is not UTF-8
    (a stray byte would otherwise turn every other accented letter of the file into mojibake)."""
    import codecs

    with path.open("rb") as handle:
        head = handle.read(1024)
        if _is_utf16(head):
            raise OpenError(
                "the csv file is UTF-16 text; save it as UTF-8 (in Excel: CSV UTF-8) and read it again",
                "a UTF-8 or Windows-1252 csv",
            )
        handle.seek(0)
        utf8 = codecs.getincrementaldecoder("utf-8")(errors="surrogateescape")
        line, bad_line, utf8_seen = 1, None, False
        while True:
            chunk = handle.read(1 << 20)
            text = utf8.decode(chunk, final=not chunk)
            if bad_line is None and (bad := _NOT_UTF8.search(text)) is not None:
                bad_line = line + text.count("\n", 0, bad.start())
            utf8_seen = utf8_seen or _UTF8_BEYOND_ASCII.search(text) is not None
            line += text.count("\n")
            if not chunk or (bad_line is not None and utf8_seen):
                break
    if bad_line is None:
        return "utf-8-sig"
    if utf8_seen:
        raise OpenError(
            "the line is not UTF-8 text, while the rest of the file is: it holds a byte of another "
            "encoding (pasted from elsewhere?); fix that line or save the whole file as UTF-8 again",
            "a csv file in one encoding (UTF-8, or Windows-1252 throughout)",
            row=bad_line,
        )
    return "cp1252"


def _is_utf16(head: bytes) -> bool:
    """Whether the file's first bytes are UTF-16 text: a byte-order mark, or a NUL byte beside most characters."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    pairs = len(head) // 2
    if pairs < 4:
        return False
    odd, even = head[1 : pairs * 2 : 2].count(0), head[0 : pairs * 2 : 2].count(0)
    return max(odd, even) >= pairs * 0.4 and min(odd, even) == 0


def _sniff_delimiter(sample: str) -> str:
    lines = [line for line in sample.splitlines()[:20] if line.strip()]
    best, best_score = ",", -1
    for delimiter in (",", ";", "\t", "|"):
        counts = [len(next(csv.reader([line], delimiter=delimiter))) for line in lines]
        # The delimiter that splits most lines into the most columns, consistently.
        score = sum(1 for c in counts if c > 1) * 1000 + (max(counts) if counts else 0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


# -- xlsx internals -------------------------------------------------------------------------------
#: A DOCTYPE in any encoding an XML part may use; OOXML parts never declare one.
_DOCTYPE = tuple("<!DOCTYPE".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))


def _check_sizes(infos: list[zipfile.ZipInfo], limits: ReadLimits) -> None:
    """Refuse an archive whose members declare too much inflated data, before inflating any of it."""
    total = sum(info.file_size for info in infos)
    if total > limits.max_uncompressed_bytes:
        raise OpenError(
            f"the xlsx archive inflates to {total} bytes, more than max_uncompressed_bytes="
            f"{limits.max_uncompressed_bytes} (a zip bomb?); nothing was read",
            f"at most {limits.max_uncompressed_bytes} bytes uncompressed (ReadLimits.max_uncompressed_bytes)",
        )
    compressed = sum(info.compress_size for info in infos)
    # Each member of 1 MiB or more, and all of them together from 16 MiB: many members just under 1 MiB are one
    # bomb too.
    for what, inflated, size, least in [
        *((f"the member {info.filename}", info.file_size, info.compress_size, RATIO_MIN_BYTES) for info in infos),
        (f"the {len(infos)} members together", total, compressed, RATIO_MIN_TOTAL_BYTES),
    ]:
        if inflated < least:
            continue
        ratio = inflated / max(1, size)
        if ratio > limits.max_compression_ratio:
            raise OpenError(
                f"{what} inflate{'s' if what.startswith('the member ') else ''} {ratio:.0f} times ({size} to "
                f"{inflated} bytes), more than max_compression_ratio={limits.max_compression_ratio} (a zip bomb?); "
                "nothing was read",
                f"members inflating at most {limits.max_compression_ratio} times (ReadLimits.max_compression_ratio)",
            )


def _check_members(archive: zipfile.ZipFile) -> None:
    """Read every member once: its checksum must hold, and no XML part may carry a DOCTYPE."""
    for info in archive.infolist():
        xml = info.filename.lower().endswith(XML_SUFFIXES)
        tail = b""
        try:
            with archive.open(info) as handle:
                while chunk := handle.read(1 << 20):
                    if xml:
                        window = tail + chunk
                        if any(needle in window for needle in _DOCTYPE):
                            raise OpenError(
                                f"the part {info.filename} declares a DOCTYPE (XML entities), which no Office file "
                                "does; it is refused rather than parsed",
                                "an xlsx file saved by a spreadsheet program",
                            )
                        tail = window[-32:]
        except zipfile.BadZipFile as exc:
            raise OpenError(
                f"the xlsx archive is damaged (member {info.filename}: {exc})", "an intact xlsx file"
            ) from None


_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _sheet_members(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → zip member of its XML."""
    import xml.etree.ElementTree as ET

    try:
        book = ET.fromstring(archive.read("xl/workbook.xml"))
        rels = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ET.ParseError):
        return {}
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    out: dict[str, str] = {}
    for sheet in book.iter():
        if not sheet.tag.endswith("}sheet"):
            continue
        target = targets.get(sheet.get(f"{{{_REL_NS}}}id"))
        name = sheet.get("name")
        if not target or name is None:
            continue
        member = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        out[name] = member
    return out


_BUILTIN_PERCENT = {9, 10}
_QUOTED = re.compile(r'"([^"]*)"')


def _style_notes(styles_xml: bytes) -> dict[int, CellNote]:
    """Cell style index → note, for percent formats and formats with a literal text suffix."""
    import xml.etree.ElementTree as ET

    try:
        root = ET.fromstring(styles_xml)
    except ET.ParseError:
        return {}
    formats: dict[int, str] = {}
    for element in root.iter():
        if element.tag.endswith("}numFmt"):
            try:
                formats[int(element.get("numFmtId", "-1"))] = element.get("formatCode", "")
            except ValueError:
                continue
    notes: dict[int, CellNote] = {}
    cell_xfs = next((e for e in root.iter() if e.tag.endswith("}cellXfs")), None)
    if cell_xfs is None:
        return notes
    for index, xf in enumerate(x for x in cell_xfs if x.tag.endswith("}xf")):
        try:
            fmt_id = int(xf.get("numFmtId", "0"))
        except ValueError:
            continue
        code = formats.get(fmt_id, "")
        first = code.split(";")[0]
        unquoted = _QUOTED.sub("", first)
        if fmt_id in _BUILTIN_PERCENT or "%" in unquoted:
            notes[index] = CellNote("percent")
            continue
        literal = "".join(_QUOTED.findall(first)).strip()
        if literal and any(ch.isalpha() for ch in literal):
            notes[index] = CellNote("suffix", literal)
    return notes


_CELL_START = re.compile(rb'<c r="([A-Z]{1,3})([0-9]+)"([^>]*?)(/?)>')
_ERROR_VALUE = re.compile(rb"<v>([^<]*)</v>")
_CHUNK = 1 << 22


def _scan_cells(handle: Any, styles: dict[int, CellNote], notes: dict[tuple[int, int], CellNote]) -> None:
    """Find noted cells in a sheet's XML by byte searches, chunk by chunk (never the whole sheet)."""
    style_needles = [(f' s="{index}"'.encode(), note) for index, note in styles.items()]
    shared: dict[bytes, tuple[tuple[int, int], str]] = {}
    buffer = b""
    while True:
        chunk = handle.read(_CHUNK)
        data = buffer + chunk
        if not chunk:
            _scan_block(data, style_needles, notes, shared)
            return
        cut = data.rfind(b"<c ")
        if cut <= 0:
            buffer = data
            continue
        _scan_block(data[:cut], style_needles, notes, shared)
        buffer = data[cut:]


_FORMULA = re.compile(rb"<f((?:\s[^>]*?)?)(?:/>|>([^<]*)</f>)")
_SHARED_INDEX = re.compile(rb'\bsi="([0-9]+)"')
#: The prefix Excel stores before functions newer than the file format (``_xlfn.IFERROR``): not part of the name.
_FUTURE_FUNCTION = re.compile(r"\b_xl(?:fn|ws)\.", re.IGNORECASE)


def _formula_text(
    cell_xml: bytes, cell: tuple[int, int] | None, shared: dict[bytes, tuple[tuple[int, int], str]]
) -> str:
    """The formula of a cell from its ``<f>`` element (a shared one's from its master), ``""`` when unknown.

    A shared formula's master (``<f t="shared" ref=… si="0">…</f>``) is remembered in ``shared`` for the cells
    that point to it (``<f t="shared" si="0"/>``).
    """
    match = _FORMULA.search(cell_xml)
    if match is None:
        return ""
    attributes, body = match.group(1), match.group(2)
    text = _FUTURE_FUNCTION.sub("", html.unescape(body.decode("utf-8", "replace"))) if body else ""
    if b'"shared"' not in attributes:
        return text
    index = _SHARED_INDEX.search(attributes)
    if index is None or cell is None:
        return text
    if text:
        shared[index.group(1)] = (cell, text)
        return text
    master = shared.get(index.group(1))
    if master is None:
        return ""
    try:
        return shared_formula(master[1], master[0], cell)
    except FormulaError:
        return ""


def _cell_at(data: bytes, position: int, *, in_tag: bool) -> tuple[tuple[int, int], int] | None:
    """The cell whose start tag (``in_tag``) or content holds ``position``: ``((row, column), tag end)``."""
    start = data.rfind(b"<c ", 0, position + 1)
    if start < 0:
        return None
    match = _CELL_START.match(data, start)
    if match is None:
        return None
    if in_tag and match.end() < position:
        return None
    if not in_tag and (match.group(4) or b"</c>" in data[match.end() : position]):
        return None
    row = int(match.group(2)) - 1
    return (row, column_index(match.group(1).decode()) - 1), match.end()


def _scan_block(
    data: bytes,
    style_needles: Sequence[tuple[bytes, CellNote]],
    notes: dict[tuple[int, int], CellNote],
    shared: dict[bytes, tuple[tuple[int, int], str]],
) -> None:
    for needle, note in style_needles:
        position = data.find(needle)
        while position >= 0:
            found = _cell_at(data, position, in_tag=True)
            if found is not None:
                notes.setdefault(found[0], note)
            position = data.find(needle, position + 1)
    for needle in (b't="e"',):
        position = data.find(needle)
        while position >= 0:
            found = _cell_at(data, position, in_tag=True)
            if found is not None:
                ref, end = found
                value = _ERROR_VALUE.search(data, end, end + 200)
                notes[ref] = CellNote("error", value.group(1).decode("utf-8", "replace") if value else "#ERROR")
            position = data.find(needle, position + 1)
    for needle in (b"<f>", b"<f "):
        position = data.find(needle)
        while position >= 0:
            close = data.find(b"</c>", position)
            cell = data[position:close] if close >= 0 else data[position:]
            if b"<v>" not in cell:
                found = _cell_at(data, position, in_tag=False)
                if found is not None and found[0] not in notes:
                    notes[found[0]] = CellNote("uncached", _formula_text(cell, found[0], shared))
            elif needle == b"<f " and b'"shared"' in cell[:200] and b"ref=" in cell[:200]:
                found = _cell_at(data, position, in_tag=False)
                _formula_text(cell, found[0] if found is not None else None, shared)  # a master, for the cells after
            position = data.find(needle, position + 2)

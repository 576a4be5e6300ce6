"""What the XML of an xlsx file declares, checked before python-calamine parses it.

python-calamine allocates from what a workbook declares, not from what it holds: a sheet becomes one
block of cells from its first to its last cell holding a value (about 32 bytes a cell, empty ones
included), and the shared strings part reserves a slot for every string its ``uniqueCount`` announces
(24 bytes each). A 2 KB file with one value at ``XFD1048576`` asks for 512 GiB, and the process aborts
where no Python code can catch it. A row number beyond what the reader counts in (``E4294967299``)
wraps around to another row (row 3) and silently replaces the value there.

So every XML part of an archive is streamed once with expat, in chunks, before the workbook is parsed.
Only the cell positions are looked at: ``<dimension ref>``, and within ``<sheetData>`` each
``<row r>`` and ``<c r>`` (a cell without ``r`` takes the column after the previous one, a row without
``r`` the row after the previous one, as the reader places them), and in the shared strings part
``<sst uniqueCount>`` and each ``<si>``. The file is refused, with the part, sheet, row and column, when

* a cell, row or dimension reference lies beyond Excel's sheet (1,048,576 rows, columns ``A`` to ``XFD``)
  or is not a reference at all;
* the cells holding a value in one sheet span more than :attr:`ReadLimits.max_cells
  <sinkron_spreadsheet.ReadLimits.max_cells>` (rows × columns of the block python-calamine allocates);
* the shared strings part announces (``uniqueCount``) or holds more than :attr:`ReadLimits.max_strings
  <sinkron_spreadsheet.ReadLimits.max_strings>` strings;
* a part declares a DOCTYPE (no entity is ever read or expanded: the scan stops there) or is not
  well-formed XML (python-calamine might read past a place where this scan stops, so such a part is not
  handed over).

A part is scanned when its name ends in ``.xml`` or ``.rels``, or when the workbook's relationships
(``xl/_rels/workbook.xml.rels``) point at it: python-calamine follows them, whatever a part is called.
VML drawings (``.vml``) are not: python-calamine never parses them, and Excel writes HTML ``<br>`` into
those of form controls, so they are not XML (their DOCTYPE check is a byte search, before this scan).

>>> import io, zipfile
>>> sheet = '<worksheet><sheetData><row r="3"><c r="E4294967299"><v>999</v></c></row></sheetData></worksheet>'
>>> buffer = io.BytesIO()
>>> with zipfile.ZipFile(buffer, "w") as archive:
...     archive.writestr("xl/worksheets/sheet1.xml", sheet)
>>> try:
...     scan_parts(zipfile.ZipFile(buffer), ReadLimits())
... except PartRefused as refused:
...     print(refused.part, refused.row, refused.column)
...     print(refused.message[:62])
xl/worksheets/sheet1.xml 4294967299 E
the cell reference E4294967299 lies beyond Excel's sheet (1,04
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from typing import Any
from xml.parsers import expat

from sinkron_spreadsheet.header import column_letter
from sinkron_spreadsheet.limits import ReadLimits

__all__ = ["EXCEL_COLUMNS", "EXCEL_ROWS", "PartRefused", "column_index", "scan_parts"]

EXCEL_ROWS = 1_048_576
"""Rows of an Excel sheet: no reference beyond row 1,048,576 is read."""
EXCEL_COLUMNS = 16_384
"""Columns of an Excel sheet (``A`` to ``XFD``): no reference beyond column ``XFD`` is read."""

#: Part names searched for a DOCTYPE (the byte search of :mod:`sinkron_spreadsheet.workbook`).
XML_SUFFIXES = (".xml", ".rels", ".vml")
_CHUNK = 1 << 20
_REFERENCE = re.compile(r"([A-Z]+)([0-9]+)")
_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ROW_NUMBER = re.compile(r"[0-9]{1,7}")  # 9,999,999 at most: more is beyond Excel's rows, and int() stays cheap
_BEYOND = (
    f"cell references within A1:XFD{EXCEL_ROWS} (Excel's sheet: {EXCEL_ROWS:,} rows, {EXCEL_COLUMNS:,} columns), "
    "as a spreadsheet program saves them"
)
_REFUSED = "the workbook is refused before it is parsed"


class PartRefused(Exception):
    """Why an xlsx file must not be parsed: ``message``, ``expected``, the zip member (``part``) and, when one cell
    is concerned, its 1-based ``row`` and its ``column`` letters."""

    def __init__(
        self, message: str, expected: str, part: str, *, row: int | None = None, column: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.expected = expected
        self.part = part
        self.row = row
        self.column = column


def column_index(letters: str) -> int:
    """The 1-based index of column ``letters``: ``A`` → 1, ``XFD`` → 16384.

    >>> column_index("A"), column_index("E"), column_index("XFD")
    (1, 5, 16384)
    """
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index


def scan_parts(archive: zipfile.ZipFile, limits: ReadLimits) -> None:
    """Stream every part of ``archive`` the native reader may parse as XML; raise :class:`PartRefused` at the first
    declaration beyond a cap."""
    infos = [info for info in archive.infolist() if not info.is_dir()]
    names = {info.filename for info in infos}
    targets: set[str] = set()
    if _WORKBOOK_RELS in names:
        targets = _resolved(_scan(archive, archive.getinfo(_WORKBOOK_RELS), limits).targets)
    for info in infos:
        if info.filename != _WORKBOOK_RELS and (info.filename.lower().endswith(_PARSED) or info.filename in targets):
            _scan(archive, info, limits)


_WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"
#: Parts the native reader may parse by their name. A VML drawing (``.vml``) is never parsed by it, and Excel
#: writes HTML ``<br>`` into the ones of form controls: they are not XML, and not scanned.
_PARSED = (".xml", ".rels")


def _scan(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: ReadLimits) -> _PartScan:
    scan = _PartScan(info.filename, limits)
    with archive.open(info) as handle:
        while chunk := handle.read(_CHUNK):
            scan.feed(chunk)
    scan.close()
    return scan


def _resolved(targets: list[str]) -> set[str]:
    """The zip members the workbook's relationship targets may name, however a reader resolves them (relative to
    ``xl/``, from the archive's root, with or without ``..`` folded)."""
    names: set[str] = set()
    for target in targets:
        target = target.replace("\\", "/")
        names.update({target, target.lstrip("/"), f"xl/{target}", posixpath.normpath(f"xl/{target}")})
    return names


class _PartScan:
    """The positions one XML part declares, followed start tag by start tag (an expat parser, no DTD)."""

    def __init__(self, part: str, limits: ReadLimits) -> None:
        self.part = part
        self.limits = limits
        self.in_cells = False  # inside <sheetData>: rows and cells count from here
        self.row = 0  # the current row, 1-based (0 before the first)
        self.next_column = 1  # where a cell without a reference goes
        self.pending: tuple[int, int] | None = None  # the last cell, until a value shows it holds one
        self.top = self.left = 0
        self.bottom = self.right = -1  # no cell with a value yet
        self.strings = 0
        self.targets: list[str] = []  # of the relationships a .rels part lists
        self.locals: dict[str, str] = {}  # tag name → local name
        self.columns: dict[str, int] = {}  # column letters → 1-based index, as met
        self.parser = expat.ParserCreate()
        self.parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.parser.StartDoctypeDeclHandler = self._doctype
        self.parser.EntityDeclHandler = self._doctype
        self.parser.StartElementHandler = self._start

    def feed(self, chunk: bytes) -> None:
        try:
            self.parser.Parse(chunk, False)
        except expat.ExpatError as exc:
            raise self._malformed(exc) from None

    def close(self) -> None:
        try:
            self.parser.Parse(b"", True)
        except expat.ExpatError as exc:
            raise self._malformed(exc) from None

    def _malformed(self, exc: expat.ExpatError) -> PartRefused:
        reason = expat.ErrorString(exc.code) if exc.code else str(exc)
        return PartRefused(
            f"the part {self.part} is not well-formed XML ({reason}, line {exc.lineno}, column {exc.offset}); "
            "it is refused rather than parsed",
            "an xlsx file saved by a spreadsheet program",
            self.part,
        )

    def _doctype(self, *_: Any) -> None:
        raise PartRefused(
            f"the part {self.part} declares a DOCTYPE (XML entities), which no Office file does; "
            "it is refused rather than parsed",
            "an xlsx file saved by a spreadsheet program",
            self.part,
        )

    # -- start tags, the most frequent first ---------------------------------------------------------------
    def _start(self, name: str, attributes: dict[str, str]) -> None:
        local = self.locals.get(name)
        if local is None:
            local = self.locals[name] = name.rpartition(":")[2]  # calamine matches local names, whatever the prefix
        if local == "c":
            if self.in_cells:
                self._cell(attributes.get("r"))
        elif local == "v" or local == "is":
            if self.pending is not None:
                self._holds_value(*self.pending)
                self.pending = None
        elif local == "row":
            if self.in_cells:
                self._row(attributes.get("r"))
        elif local == "si":
            self._string()
        elif local == "sheetData":
            self.in_cells = True
        elif local == "dimension":
            for reference in attributes.get("ref", "").split(":"):
                if _REFERENCE.fullmatch(reference):
                    self._position(reference, what="dimension reference")
        elif local == "sst":
            self._announced(attributes.get("uniqueCount", ""))
        elif local == "Relationship":
            self.targets.append(attributes.get("Target", ""))

    def _row(self, number: str | None) -> None:
        self.pending = None
        self.next_column = 1
        if number is None:
            self.row += 1
        elif not _ROW_NUMBER.fullmatch(number) or not 1 <= int(number) <= EXCEL_ROWS:
            raise PartRefused(
                f"the row number {number[:40]!r} is not a row of Excel's sheet (1 to {EXCEL_ROWS:,}); {_REFUSED}",
                _BEYOND,
                self.part,
                row=int(number) if number.isascii() and number.isdigit() and len(number) < 20 else None,
            )
        else:
            self.row = int(number)
        if self.row > EXCEL_ROWS:
            raise PartRefused(
                f"the rows run past row {EXCEL_ROWS:,}, the last of Excel's sheet; {_REFUSED}",
                _BEYOND,
                self.part,
                row=self.row,
            )

    def _cell(self, reference: str | None) -> None:
        if reference is None:
            row, column = max(self.row, 1), self.next_column
            if column > EXCEL_COLUMNS:
                raise PartRefused(
                    f"row {row} has more than {EXCEL_COLUMNS:,} cells, past column XFD; {_REFUSED}",
                    _BEYOND,
                    self.part,
                    row=row,
                )
        else:
            row, column = self._position(reference, what="cell reference")
        self.next_column = column + 1
        self.pending = (row, column)

    def _position(self, reference: str, *, what: str) -> tuple[int, int]:
        """``(row, column)`` of ``reference``, both 1-based; refused beyond Excel's sheet."""
        digits = reference.lstrip(_UPPER)
        letters = reference[: len(reference) - len(digits)]
        column = self.columns.get(letters)
        if column is None and 0 < len(letters) <= 3:
            column = self.columns[letters] = column_index(letters)
        if column is not None and column <= EXCEL_COLUMNS and _ROW_NUMBER.fullmatch(digits):
            row = int(digits)
            if 1 <= row <= EXCEL_ROWS:
                return row, column
        if not letters or not digits.isascii() or not digits.isdigit():
            raise PartRefused(
                f"the {what} {reference[:40]!r} is not a cell reference (column letters, row number); {_REFUSED}",
                _BEYOND,
                self.part,
            )
        raise PartRefused(
            f"the {what} {reference[:40]} lies beyond Excel's sheet ({EXCEL_ROWS:,} rows, columns A to XFD); "
            + _REFUSED,
            _BEYOND,
            self.part,
            row=int(digits) if len(digits) <= 18 and int(digits) else None,
            column=letters[:4],
        )

    def _holds_value(self, row: int, column: int) -> None:
        """Widen the block of cells holding a value to ``(row, column)``; refused past ``max_cells``."""
        if self.bottom < 0:
            self.top = self.bottom = row
            self.left = self.right = column
            return
        if self.top <= row <= self.bottom and self.left <= column <= self.right:
            return
        self.top, self.bottom = min(self.top, row), max(self.bottom, row)
        self.left, self.right = min(self.left, column), max(self.right, column)
        height, width = self.bottom - self.top + 1, self.right - self.left + 1
        if height * width > self.limits.max_cells:
            span = f"{column_letter(self.left - 1)}{self.top}:{column_letter(self.right - 1)}{self.bottom}"
            raise PartRefused(
                f"the cells holding a value span {span} ({height:,} rows × {width:,} columns = {height * width:,} "
                f"cells), more than max_cells={self.limits.max_cells}; the native reader would allocate every cell "
                f"of the span, so {_REFUSED}",
                f"at most {self.limits.max_cells} cells from the first to the last value of a sheet "
                "(ReadLimits.max_cells)",
                self.part,
                row=row,
                column=column_letter(column - 1),
            )

    def _string(self) -> None:
        self.strings += 1
        if self.strings > self.limits.max_strings:
            raise PartRefused(
                f"the part {self.part} holds more than max_strings={self.limits.max_strings} shared strings; "
                + _REFUSED,
                f"at most {self.limits.max_strings} shared strings (ReadLimits.max_strings)",
                self.part,
            )

    def _announced(self, count: str) -> None:
        if count.isdigit() and (len(count) > 18 or int(count) > self.limits.max_strings):
            raise PartRefused(
                f"the part {self.part} announces uniqueCount={count[:40]} shared strings, more than max_strings="
                f"{self.limits.max_strings}; the native reader would reserve room for each, so {_REFUSED}",
                f"at most {self.limits.max_strings} shared strings (ReadLimits.max_strings)",
                self.part,
            )

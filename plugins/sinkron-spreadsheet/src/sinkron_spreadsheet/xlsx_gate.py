"""What the XML of an xlsx file declares, checked before python-calamine parses it.

python-calamine allocates from what a workbook declares, not from what it holds: a sheet becomes one
block of cells from its first to its last cell holding a value (about 32 bytes a cell, empty ones
included), and the shared strings part reserves a slot for every string its ``uniqueCount`` announces
(24 bytes each). A 2 KB file with one value at ``XFD1048576`` asks for 512 GiB, and the process aborts
where no Python code can catch it. A row number beyond what the reader counts in (``E4294967299``)
wraps around to another row (row 3) and silently replaces the value there.

So the bytes of every XML part are scanned once, as they inflate in chunks of 1 MiB, before the
workbook is parsed: one compiled regular expression finds the few start tags that declare positions and
counts — ``<dimension ref>``, and within ``<sheetData>`` each ``<row r>`` and ``<c r>`` (a cell without
``r`` takes the column after the previous one, a row without ``r`` the row after the previous one, as
the reader places them), ``<sst uniqueCount>`` and each ``<si>`` of the shared strings, each
``<Relationship Target>`` — and steps over comments, CDATA sections and processing instructions, so a
tag inside them is not taken for one. Nothing else of the XML is decoded or parsed (an expat pass over
every event cost 0.86 s of CPU on the 13 MB of sheet XML of the benchmark's 20 000-row report). A cell
is taken to hold a value unless it is written empty (``<c …/>``): a formatted empty cell allocates
nothing. The file is refused, with the part, sheet, row and column, when

* a cell, row or dimension reference lies beyond Excel's sheet (1,048,576 rows, columns ``A`` to ``XFD``)
  or is not a reference at all;
* the cells holding a value in one sheet span more than :attr:`ReadLimits.max_cells
  <sinkron_spreadsheet.ReadLimits.max_cells>` (rows × columns of the block python-calamine allocates);
* the shared strings part announces (``uniqueCount``) or holds more than :attr:`ReadLimits.max_strings
  <sinkron_spreadsheet.ReadLimits.max_strings>` strings;
* a part declares a DOCTYPE or an ENTITY (nothing is ever expanded), or is not XML as far as the scan
  reads it: it does not begin with markup, holds another ``<!`` declaration (a lowercase ``doctype``), a
  comment, CDATA section or processing instruction that never ends, or one of the tags above that cannot
  be read as a tag (an attribute without quotes, a stray ``<`` in a value: python-calamine might place
  that cell where the scan cannot see it).

A part in UTF-16 (a byte-order mark, or ``<`` as a 2-byte character) is scanned as it decodes; any other
part is scanned as bytes (the tags are ASCII in every encoding an XML part may declare but UTF-16).

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

import codecs
import html
import posixpath
import re
import zipfile
from collections.abc import Callable

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
#: The longest comment, CDATA section or processing instruction carried from one chunk into the next.
_LONGEST_MARKUP = 16 * _CHUNK
_REFERENCE = re.compile(r"([A-Z]+)([0-9]+)")
_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ROW_NUMBER = re.compile(r"[0-9]{1,7}")  # 9,999,999 at most: more is beyond Excel's rows, and int() stays cheap
_BEYOND = (
    f"cell references within A1:XFD{EXCEL_ROWS} (Excel's sheet: {EXCEL_ROWS:,} rows, {EXCEL_COLUMNS:,} columns), "
    "as a spreadsheet program saves them"
)
_REFUSED = "the workbook is refused before it is parsed"

# -- the scan's one regular expression ---------------------------------------------------------------------
_PREFIX = rb"(?:[A-Za-z_][\w.\-]*+:)?+"  # calamine matches local names, whatever the namespace prefix
_VALUE = rb"""(?:"[^"<]*"|'[^'<]*')"""
_ATTRIBUTE = rb"\s+[^\s=/>\"'<]+\s*=\s*" + _VALUE
_NOT_R = rb"\s+(?!r\s*=)[^\s=/>\"'<]+\s*=\s*" + _VALUE
#: One match per token the scan reads, each alternative with its groups. Every token begins with "<", written once in
#: front so that the search jumps from "<" to "<"; the namespace prefix is read once; possessive repeats never
#: backtrack, whatever a tag holds.
_MARKUP = re.compile(
    rb"<(?:"
    # a cell or a row: its first r attribute split into column letters, row digits and anything else
    + _PREFIX
    + rb"(?:(?P<positioned>c|row)(?:"
    + _NOT_R
    + rb")*+(?:\s+r\s*=\s*(?P<quote>[\"'])(?P<letters>[A-Z]*+)(?P<digits>[0-9]*+)(?P<rest>[^\"'<]*+)(?P=quote))?+"
    + rb"(?:"
    + _NOT_R
    + rb")*+\s*+(?P<empty>/?)>"  # (a second r: not a tag)
    # the other tags read, with their attributes
    + rb"|(?P<tag>sheetData|dimension|sst|si|Relationship)(?P<attributes>(?:"
    + _ATTRIBUTE
    + rb")*+)\s*+/?>"
    # one of those tags that is not a tag
    + rb"|(?P<broken>c|row|sheetData|dimension|sst|si|Relationship)(?=[\s/>]))"
    # comments, CDATA sections, processing instructions (the XML declaration): stepped over whole
    + rb"|!--.*?-->|!\[CDATA\[.*?\]\]>|\?.*?\?>"
    # one of them that does not end in the bytes read so far: carried into the next chunk
    + rb"|(?P<unended>(?:!--|!\[CDATA\[|\?).*)"
    # a declaration: DOCTYPE and ENTITY are refused as such, any other is not XML
    + rb"|(?P<declaration>![A-Za-z]{0,16})"
    + rb")",
    re.DOTALL,
)
_ATTRIBUTES = re.compile(rb"""([^\s=/>"'<]+)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')""")
_NOT_XML = "an xlsx file saved by a spreadsheet program"


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
        chunk = handle.read(_CHUNK)
        transcode = _transcoder(chunk)
        while chunk:
            scan.feed(transcode(chunk) if transcode else chunk)
            chunk = handle.read(_CHUNK)
    scan.close()
    return scan


def _transcoder(head: bytes) -> Callable[[bytes], bytes] | None:
    """For a part in UTF-16, a function turning its chunks into UTF-8 as they come; ``None`` for any other part."""
    if head.startswith((codecs.BOM_UTF16_LE, b"<\x00")):
        encoding = "utf-16-le"
    elif head.startswith((codecs.BOM_UTF16_BE, b"\x00<")):
        encoding = "utf-16-be"
    else:
        return None
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    return lambda chunk: decoder.decode(chunk).encode("utf-8")


def _resolved(targets: list[str]) -> set[str]:
    """The zip members the workbook's relationship targets may name, however a reader resolves them (relative to
    ``xl/``, from the archive's root, with or without ``..`` folded)."""
    names: set[str] = set()
    for target in targets:
        target = target.replace("\\", "/")
        names.update({target, target.lstrip("/"), f"xl/{target}", posixpath.normpath(f"xl/{target}")})
    return names


class _PartScan:
    """The positions one XML part declares, read from its start tags chunk by chunk (see the module's docstring)."""

    def __init__(self, part: str, limits: ReadLimits) -> None:
        self.part = part
        self.limits = limits
        self.started = False  # the first bytes that are not white space were checked to begin with markup
        self.carried = b""  # the end of the bytes read so far, from a tag or comment a chunk may cut
        self.in_cells = False  # inside <sheetData>: rows and cells count from here
        self.row = 0  # the current row, 1-based (0 before the first)
        self.next_column = 1  # where a cell without a reference goes
        self.top = self.left = 0
        self.bottom = self.right = -1  # no cell with a value yet
        self.strings = 0
        self.targets: list[str] = []  # of the relationships a .rels part lists
        self.columns: dict[bytes, int] = {}  # column letters → 1-based index, as met

    def feed(self, chunk: bytes) -> None:
        data = self.carried + chunk
        if not self.started:
            head = data.lstrip(b" \t\r\n").removeprefix(codecs.BOM_UTF8)
            if not head.strip(b" \t\r\n"):
                self.carried = b""
                return
            self.started = True
            if not head.lstrip(b" \t\r\n").startswith(b"<"):
                raise self._malformed("it does not begin with markup")
        end = data.rfind(b"<")  # a tag cannot hold "<": none that begins before it is cut by the chunk
        self.carried = self._read(data, max(end, 0))
        if len(self.carried) > _LONGEST_MARKUP:
            raise self._malformed(
                f"a comment, CDATA section or processing instruction runs over {_LONGEST_MARKUP:,} bytes"
            )

    def close(self) -> None:
        if not self.started:
            raise self._malformed("it holds no markup")
        if self._read(self.carried, len(self.carried)):
            raise self._malformed("a comment, CDATA section or processing instruction never ends")

    def _read(self, data: bytes, end: int) -> bytes:
        """Read the tokens of ``data[:end]``; return what is left for the next chunk (from ``end``, or from a
        comment, CDATA section or processing instruction that does not end before it)."""
        tokens: list[tuple[bytes, ...]] = _MARKUP.findall(data, 0, end)
        for positioned, _, letters, digits, rest, empty, tag, attributes, broken, unended, declaration in tokens:
            if positioned == b"c":
                if self.in_cells:
                    self._cell(letters, digits, rest, holds_value=not empty)
            elif positioned == b"row":
                if self.in_cells:
                    self._row(letters, digits, rest)
            elif tag:
                self._tag(tag, attributes)
            elif unended:
                return b"<" + unended + data[end:]
            elif declaration:
                self._declaration(declaration)
            elif broken:
                raise self._malformed(f"a <{broken.decode()}> tag that cannot be read as one")
        return data[end:]

    def _malformed(self, reason: str) -> PartRefused:
        return PartRefused(
            f"the part {self.part} is not well-formed XML ({reason}); it is refused rather than parsed",
            _NOT_XML,
            self.part,
        )

    def _declaration(self, declaration: bytes) -> None:
        if declaration in (b"!DOCTYPE", b"!ENTITY"):
            raise PartRefused(
                f"the part {self.part} declares a DOCTYPE (XML entities), which no Office file does; "
                "it is refused rather than parsed",
                _NOT_XML,
                self.part,
            )
        raise self._malformed(f"a declaration <{declaration.decode()}, which XML knows only as DOCTYPE")

    def _tag(self, tag: bytes, attributes: bytes) -> None:
        if tag == b"si":
            self._string()
        elif tag == b"sheetData":
            self.in_cells = True
        elif tag == b"dimension":
            for reference in _attribute(attributes, b"ref").split(":"):
                if _REFERENCE.fullmatch(reference):
                    self._position(reference, what="dimension reference")
        elif tag == b"sst":
            self._announced(_attribute(attributes, b"uniqueCount"))
        elif tag == b"Relationship":
            self.targets.append(html.unescape(_attribute(attributes, b"Target")))

    def _row(self, letters: bytes, digits: bytes, rest: bytes) -> None:
        self.next_column = 1
        if not (letters or digits or rest):  # no r: the row after the previous one
            self.row += 1
        elif letters or rest or not 1 <= len(digits) <= 7 or not 1 <= int(digits) <= EXCEL_ROWS:
            number = (letters + digits + rest).decode("utf-8", "replace")
            raise PartRefused(
                f"the row number {number[:40]!r} is not a row of Excel's sheet (1 to {EXCEL_ROWS:,}); {_REFUSED}",
                _BEYOND,
                self.part,
                row=int(number) if number.isascii() and number.isdigit() and len(number) < 20 else None,
            )
        else:
            self.row = int(digits)
        if self.row > EXCEL_ROWS:
            raise PartRefused(
                f"the rows run past row {EXCEL_ROWS:,}, the last of Excel's sheet; {_REFUSED}",
                _BEYOND,
                self.part,
                row=self.row,
            )

    def _cell(self, letters: bytes, digits: bytes, rest: bytes, *, holds_value: bool) -> None:
        if not (letters or digits or rest):  # no r: the column after the previous cell
            row, column = max(self.row, 1), self.next_column
            if column > EXCEL_COLUMNS:
                raise PartRefused(
                    f"row {row} has more than {EXCEL_COLUMNS:,} cells, past column XFD; {_REFUSED}",
                    _BEYOND,
                    self.part,
                    row=row,
                )
        else:
            column = self.columns.get(letters, 0)
            if rest or not column or not 1 <= len(digits) <= 7 or not 1 <= (row := int(digits)) <= EXCEL_ROWS:
                row, column = self._position(
                    (letters + digits + rest).decode("utf-8", "replace"), what="cell reference"
                )
        self.next_column = column + 1
        if holds_value:
            self._holds_value(row, column)

    def _position(self, reference: str, *, what: str) -> tuple[int, int]:
        """``(row, column)`` of ``reference``, both 1-based; refused beyond Excel's sheet."""
        digits = reference.lstrip(_UPPER)
        letters = reference[: len(reference) - len(digits)]
        column = column_index(letters) if 0 < len(letters) <= 3 else None
        if column is not None and column <= EXCEL_COLUMNS and _ROW_NUMBER.fullmatch(digits):
            self.columns[letters.encode()] = column
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


def _attribute(attributes: bytes, name: bytes) -> str:
    """The value of the first attribute ``name`` in a tag's ``attributes`` (``""`` when it has none), as text."""
    pairs: list[tuple[bytes, bytes, bytes]] = _ATTRIBUTES.findall(attributes)
    for key, double, single in pairs:
        if key == name:
            return (double or single).decode("utf-8", "replace")
    return ""

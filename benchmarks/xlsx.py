"""A small streaming xlsx writer for the benchmark generator.

openpyxl writes about 100 000 cells a second, so a million-row report would take minutes to
make. This writer streams each sheet's XML straight into the zip archive and keeps only the shared
string table in memory (names repeat heavily), as Excel and PhpSpreadsheet (which SIPD uses) do:
text cells are shared strings, numbers are plain ``<v>`` values, money cells carry the built-in
``#,##0`` format. It writes what the benchmark needs and no more: text, int and float cells, bold
header cells, merged ranges.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

__all__ = ["MAX_ROWS", "XlsxWriter", "column_letter"]

#: Rows in one xlsx sheet.
MAX_ROWS = 1_048_576

#: Style indexes in the stylesheet below.
PLAIN, MONEY, BOLD = 0, 1, 2

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "{sheets}</Types>"
)
_SHEET_TYPE = (
    '<Override PartName="/xl/worksheets/sheet{n}.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    "</styleSheet>"
)


def column_letter(index: int) -> str:
    """``0`` → ``A``, ``25`` → ``Z``, ``26`` → ``AA``."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_LETTERS = [column_letter(i) for i in range(64)]


class XlsxWriter:
    """Write sheets one after another; :meth:`close` adds the shared strings and the workbook parts.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "t.xlsx"
    >>> with XlsxWriter(path) as book:
    ...     book.add_sheet("Data", [["Kode", "Pagu"], ["1.02", 1500000]], money_columns={1})
    >>> from python_calamine import CalamineWorkbook
    >>> CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    [['Kode', 'Pagu'], ['1.02', 1500000.0]]
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._zip = zipfile.ZipFile(self.path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1)
        self._strings: dict[str, int] = {}
        self._string_refs = 0
        self._sheets: list[str] = []

    def __enter__(self) -> XlsxWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _string(self, text: str) -> int:
        self._string_refs += 1
        index = self._strings.get(text)
        if index is None:
            index = self._strings[text] = len(self._strings)
        return index

    def add_sheet(
        self,
        name: str,
        rows: Iterable[Sequence[Any]],
        *,
        merges: Sequence[str] = (),
        bold_rows: Iterable[int] = (),
        money_columns: set[int] | frozenset[int] = frozenset(),
    ) -> int:
        """Stream ``rows`` (``None`` cells are left out) into a new sheet; returns the number of rows."""
        self._sheets.append(name)
        bold = set(bold_rows)
        count = 0
        member = f"xl/worksheets/sheet{len(self._sheets)}.xml"
        with self._zip.open(member, "w", force_zip64=True) as raw:
            out: list[str] = [
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            ]
            string = self._string
            for r, values in enumerate(rows, start=1):
                if r > MAX_ROWS:
                    raise ValueError(f"sheet {name!r} has more than {MAX_ROWS} rows")
                count = r
                cells = [f'<row r="{r}">']
                style = f' s="{BOLD}"' if r in bold else ""
                for c, value in enumerate(values):
                    if value is None:
                        continue
                    ref = f"{_LETTERS[c]}{r}"
                    if isinstance(value, str):
                        cells.append(f'<c r="{ref}"{style} t="s"><v>{string(value)}</v></c>')
                    else:
                        money = f' s="{MONEY}"' if c in money_columns and not style else style
                        cells.append(f'<c r="{ref}"{money}><v>{value!r}</v></c>')
                cells.append("</row>")
                out.append("".join(cells))
                if len(out) >= 2048:
                    raw.write("".join(out).encode())
                    out.clear()
            out.append("</sheetData>")
            if merges:
                out.append(f'<mergeCells count="{len(merges)}">')
                out.extend(f'<mergeCell ref="{m}"/>' for m in merges)
                out.append("</mergeCells>")
            out.append("</worksheet>")
            raw.write("".join(out).encode())
        return count

    def close(self) -> None:
        """Write the shared strings, styles and workbook parts and close the archive."""
        if self._zip.fp is None:
            return
        with self._zip.open("xl/sharedStrings.xml", "w", force_zip64=True) as raw:
            raw.write(
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                + f'count="{self._string_refs}" uniqueCount="{len(self._strings)}">'.encode()
            )
            chunk: list[str] = []
            for text in self._strings:
                chunk.append(f'<si><t xml:space="preserve">{escape(text)}</t></si>')
                if len(chunk) >= 4096:
                    raw.write("".join(chunk).encode())
                    chunk.clear()
            raw.write(("".join(chunk) + "</sst>").encode())
        sheets = "".join(
            f'<sheet name="{escape(name, {chr(34): "&quot;"})}" sheetId="{n}" r:id="rId{n}"/>'
            for n, name in enumerate(self._sheets, start=1)
        )
        self._zip.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f"<sheets>{sheets}</sheets></workbook>",
        )
        n_sheets = len(self._sheets)
        rels = "".join(
            f'<Relationship Id="rId{n}" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            f'Target="worksheets/sheet{n}.xml"/>'
            for n in range(1, n_sheets + 1)
        )
        rels += (
            f'<Relationship Id="rId{n_sheets + 1}" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId{n_sheets + 2}" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
            'Target="sharedStrings.xml"/>'
        )
        self._zip.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>',
        )
        self._zip.writestr("xl/styles.xml", _STYLES)
        self._zip.writestr("_rels/.rels", _ROOT_RELS)
        types = "".join(_SHEET_TYPE.format(n=n) for n in range(1, n_sheets + 1))
        self._zip.writestr("[Content_Types].xml", _CONTENT_TYPES.format(sheets=types))
        self._zip.close()

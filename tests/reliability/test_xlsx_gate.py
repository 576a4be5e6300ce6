"""The xlsx gate reads positions from the bytes of each part: what the byte scan must not be fooled by.

Each case is a real zip archive holding one sheet part; the gate (``scan_parts``) either refuses it with the
expected reason or lets it through. The cases are the ways a tag can hide from a scan that is not an XML parser
(comments, CDATA, quotes, ``>`` inside values, chunk boundaries, UTF-16) and the ways a scan could mistake text
for a tag.
"""

from __future__ import annotations

import io
import zipfile

import pytest

pytest.importorskip("sinkron_spreadsheet", reason="sinkron-spreadsheet is not installed in this environment")

from sinkron_spreadsheet import ReadLimits
from sinkron_spreadsheet.xlsx_gate import PartRefused, scan_parts

HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
FAR = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'


def sheet(cells: str, *, before: str = "") -> str:
    return f'{HEAD}<worksheet xmlns="x">{before}<sheetData><row r="1"><c r="A1"><v>1</v></c></row>{cells}</sheetData></worksheet>'


def archive(part: bytes | str, name: str = "xl/worksheets/sheet1.xml") -> zipfile.ZipFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as out:
        out.writestr(name, part)
    return zipfile.ZipFile(buffer)


def refusal(part: bytes | str, limits: ReadLimits | None = None) -> str | None:
    try:
        scan_parts(archive(part), limits or ReadLimits())
    except PartRefused as refused:
        return refused.message
    return None


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        (FAR, "span A1:XFD1048576"),
        ('<row r="1048576"><x:c r="XFD1048576"><x:v>1</x:v></x:c></row>', "span A1:XFD1048576"),  # a prefix
        ("<row r='2'><c t='s' r='XFD2'><v>1</v></c></row>", "span A1:XFD2"),  # single quotes, r not first
        ('<row r="2"><c a=">" r="XFD2"><v>1</v></c></row>', "span A1:XFD2"),  # ">" in a value before r
        ('<row r="2"><c\n r = "XFD2"\n><v>1</v></c></row>', "span A1:XFD2"),  # line breaks, spaces around =
        ('<row r="2"><c r="XFD2" r="A2"><v>1</v></c></row>', "not well-formed XML (a <c> tag"),  # python-calamine
        ('<row r="2"><c r=XFD2><v>1</v></c></row>', "not well-formed XML (a <c> tag"),  # takes the first r
        ('<row r="2"><c r="XFD2\'><v>1</v></c></row>', "not well-formed XML (a <c> tag"),
        ('<row r="2"><c r="A2"><v>1</v></c><c><v>1</v></c><c r="XFD2"/></row>', None),  # empty: no allocation
        ('<row r="2"><c r="XFC2"/><c><v>1</v></c></row>', "span A1:XFD2"),  # no r: the next column
        ('<row r="2"><c r="XFD2"/><c><v>1</v></c></row>', "past column XFD"),
        ('<row r="1048576"/><row><c r="A1"><v>1</v></c></row>', "run past row 1,048,576"),  # no r: the next row
        ('<row r="2"><c r="A1048577"><v>1</v></c></row>', "cell reference A1048577 lies beyond Excel's sheet"),
        ('<row r="2"><c r="A99999999999999999999999"><v>1</v></c></row>', "lies beyond Excel's sheet"),
        ('<row r="2"><c r="a2"><v>1</v></c></row>', "'a2' is not a cell reference"),
        ('<row r="x"><c><v>1</v></c></row>', "row number 'x' is not a row"),
        (f"<!-- {FAR} -->", None),  # a comment is not read: python-calamine does not read it either
        (f"<![CDATA[ {FAR} ]]>", None),
        (f"<?pi {FAR} ?>", None),
        ("<!-- never ends", "a comment, CDATA section or processing instruction never ends"),
        ('<row r="2"><c r="B2"><v>1</v></c></row><!doctype x>', "not well-formed XML (a declaration <!doctype"),
        ('<row r="2"><c r="B2"><v>1</v></c></row><!ENTITY a "b">', "declares a DOCTYPE"),
        ('<row r="2"><cols/><col r="XFD2"/><v r="XFD2"/></row>', None),  # other tags with an r are not cells
    ],
)
def test_the_byte_scan_reads_what_the_native_reader_would(cells: str, reason: str | None) -> None:
    message = refusal(sheet(cells), ReadLimits(max_cells=1000))
    assert (message is None) if reason is None else (message is not None and reason in message), message


def test_cells_before_sheet_data_are_not_positions() -> None:
    assert refusal(sheet("", before='<sheetPr><c r="XFD1048576"><v>1</v></c></sheetPr>')) is None


@pytest.mark.parametrize("filler", [0, 1, 7, 4099])
def test_a_tag_or_comment_cut_by_a_chunk_boundary_is_read_whole(filler: int) -> None:
    """Parts larger than the 1 MiB chunks: the far cell, or a comment hiding one, straddles a boundary somewhere."""
    rows = "".join(
        f'<row r="{n}"><c r="A{n}" t="s"><v>{n}</v></c><c r="B{n}"><v>2</v></c></row>' for n in range(2, 40000)
    )
    padding = " " * filler
    assert refusal(sheet(padding + rows + FAR)) is not None
    assert refusal(sheet(padding + rows + f"<!-- {FAR * 60000} -->")) is None
    assert refusal(sheet(padding + rows)) is None


def test_a_utf16_part_is_scanned_as_it_decodes() -> None:
    text = sheet(FAR).replace('encoding="UTF-8"', 'encoding="UTF-16"')
    assert "span A1:XFD1048576" in (refusal(text.encode("utf-16")) or "")
    assert "span A1:XFD1048576" in (refusal(text.encode("utf-16-be")) or "")
    assert refusal(sheet("").replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")) is None


@pytest.mark.parametrize(
    ("part", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "does not begin with markup"),
        (b"", "holds no markup"),
        (b"  \n ", "holds no markup"),
        (b"\xef\xbb\xbf" + sheet("").encode(), None),  # a byte-order mark
    ],
)
def test_what_is_not_markup_is_refused(part: bytes, reason: str | None) -> None:
    message = refusal(part)
    assert (message is None) if reason is None else (message is not None and reason in message), message


def test_shared_strings_are_counted_as_announced_and_as_held() -> None:
    strings = HEAD + "<sst uniqueCount='2' count=\"9\">" + "<si><t>a</t></si>" * 3 + "</sst>"
    assert refusal(strings, ReadLimits(max_strings=3)) is None
    assert "holds more than max_strings=2" in (refusal(strings, ReadLimits(max_strings=2)) or "")
    announced = HEAD + '<x:sst x:count="1" uniqueCount="4000000000"><x:si><x:t>a</x:t></x:si></x:sst>'
    assert "announces uniqueCount=4000000000" in (refusal(announced) or "")


def test_a_relationship_target_names_a_part_to_scan_whatever_it_is_called() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        out.writestr(
            "xl/_rels/workbook.xml.rels",
            HEAD + '<Relationships><Relationship Id="rId1" Target="worksheets/d&#97;ta.bin"/></Relationships>',
        )
        out.writestr("xl/worksheets/data.bin", sheet(FAR))
    with pytest.raises(PartRefused, match="span A1:XFD1048576"):
        scan_parts(zipfile.ZipFile(buffer), ReadLimits())

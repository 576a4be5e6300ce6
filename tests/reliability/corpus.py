"""Builders of the bad-input corpus: broken files for every reader, made the way they break in the wild.

Small text cases live as files under ``tests/reliability/corpus/`` (see its README); binary cases
(xlsx variants, zip bombs, XML entity attacks) and large ones (deep nesting, huge cells) are built
here, from a valid workbook written with openpyxl, so nothing binary is committed.

Each builder returns the path it wrote. :func:`zip_members` / :func:`write_zip` rewrite an xlsx
part by part, the way a damaged or crafted file differs from a good one.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]

HERE = Path(__file__).resolve().parent
#: The committed text corpus.
TEXT_CORPUS = HERE / "corpus"

RENJA_HEADER = [
    "KODE SUB KEGIATAN",
    "PROGRAM DAN KEGIATAN",
    "TOLAK UKUR KELUARAN",
    "TARGET KINERJA KELUARAN",
    "JUMLAH PAGU",
]
RENJA_ROWS = [
    ["1.02.02.2.02.0001", "Pengelolaan Pelayanan Kesehatan Ibu Hamil", "Jumlah Ibu Hamil", "100 Orang", "1.000.000"],
    [
        "1.02.02.2.02.0002",
        "Pengelolaan Pelayanan Kesehatan Ibu Bersalin",
        "Jumlah Ibu Bersalin",
        "90 Orang",
        "2.500.000",
    ],
]
PERIOD_LINE = ["Periode : 2024"]

#: A sinkron JSON document with one small plan (valid; the JSON cases break it).
SINKRON_DOC = (
    '{"schema_version": 1, "type": "Bundle", "data": {"plans": [{"id": "renja-2024", "kind": "renja_pd", '
    '"title": "Renja 2024", "period": {"start": 2024, "end": 2024}}]}}'
)
#: One SIPD sub kegiatan record (all values text, as SIPD serves them).
SIPD_RECORD = (
    '{"tahun_anggaran": "2026", "kode_skpd": "1.02.0.00.0.00.01.0000", "nama_skpd": "Dinas Kesehatan", '
    '"kode_program": "1.02.02", "nama_program": "1.02.02 PROGRAM PEMENUHAN UPAYA KESEHATAN", '
    '"kode_giat": "1.02.02.2.02", "nama_giat": "1.02.02.2.02 Penyediaan Layanan Kesehatan", '
    '"kode_sub_giat": "1.02.02.2.02.0001", '
    '"nama_sub_giat": "1.02.02.2.02.0001 Pengelolaan Pelayanan Kesehatan Ibu Hamil", "pagu": "350000000"}'
)


# -- xlsx ------------------------------------------------------------------------------------------------
def renja_workbook(
    path: Path,
    rows: Sequence[Sequence[Any]] = RENJA_ROWS,
    *,
    header: Sequence[str] = RENJA_HEADER,
    above: Sequence[Sequence[Any]] = (PERIOD_LINE,),
    title: str = "Renja",
    merges: Sequence[str] = (),
    extra_sheets: Sequence[str] = (),
) -> Path:
    """A valid one-sheet Renja workbook (the base every xlsx case breaks)."""
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for line in above:
        ws.append(list(line))
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    for ref in merges:
        ws.merge_cells(ref)
    for name in extra_sheets:
        wb.create_sheet(name).append(["catatan"])
    wb.save(path)
    return path


def zip_members(path: Path) -> dict[str, bytes]:
    """Every member of a zip archive, in order."""
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def write_zip(path: Path, members: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def rewrite_xlsx(source: Path, target: Path, change: Callable[[dict[str, bytes]], None]) -> Path:
    """A copy of ``source`` with its parts changed in place by ``change``."""
    members = zip_members(source)
    change(members)
    return write_zip(target, members)


def truncated(source: Path, target: Path, keep: float) -> Path:
    """The first ``keep`` share of the file's bytes (an interrupted download or copy)."""
    data = source.read_bytes()
    target.write_bytes(data[: max(1, int(len(data) * keep))])
    return target


def corrupt_member(source: Path, target: Path, member: str = "xl/worksheets/sheet1.xml") -> Path:
    """Flip bytes inside one member's compressed data (a bad sector): the archive's directory stays intact."""
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as archive:
        info = archive.getinfo(member)
    # The local header is 30 bytes plus the name and extra field; the data follows.
    name_length, extra_length = struct.unpack("<HH", data[info.header_offset + 26 : info.header_offset + 30])
    start = info.header_offset + 30 + name_length + extra_length
    middle = start + info.compress_size // 2
    for offset in range(middle, min(middle + 16, start + info.compress_size)):
        data[offset] ^= 0xFF
    target.write_bytes(bytes(data))
    return target


def hidden_sheets_only(source: Path, target: Path) -> Path:
    """Every sheet marked hidden (openpyxl refuses to save such a workbook, Excel does not)."""

    def hide(members: dict[str, bytes]) -> None:
        book = members["xl/workbook.xml"].replace(b' state="visible"', b"")
        members["xl/workbook.xml"] = book.replace(b"<sheet ", b'<sheet state="hidden" ')

    return rewrite_xlsx(source, target, hide)


def no_sheets(source: Path, target: Path) -> Path:
    """A workbook whose sheet list is empty."""

    def empty(members: dict[str, bytes]) -> None:
        members["xl/workbook.xml"] = re.sub(
            rb"<sheets>.*</sheets>", b"<sheets/>", members["xl/workbook.xml"], flags=re.S
        )

    return rewrite_xlsx(source, target, empty)


def missing_sheet_part(source: Path, target: Path) -> Path:
    """The workbook lists a sheet whose XML part is not in the archive."""

    def drop(members: dict[str, bytes]) -> None:
        del members["xl/worksheets/sheet1.xml"]

    return rewrite_xlsx(source, target, drop)


def garbage_sheet_part(source: Path, target: Path) -> Path:
    """The sheet's XML part holds something else (here: bytes of a PNG header and noise)."""

    def replace(members: dict[str, bytes]) -> None:
        members["xl/worksheets/sheet1.xml"] = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4

    return rewrite_xlsx(source, target, replace)


#: XML prolog declaring entities: an external one pointing at a local file, and a nested expansion.
def entity_prolog(secret: Path, depth: int = 9) -> bytes:
    lines = [f'<!ENTITY xxe SYSTEM "file://{secret}">', '<!ENTITY e0 "lol">']
    for level in range(1, depth + 1):
        lines.append(f'<!ENTITY e{level} "{f"&e{level - 1};" * 10}">')
    return b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!DOCTYPE r [' + "".join(lines).encode() + b"]>"


def with_entities(source: Path, target: Path, member: str, secret: Path, *, reference: bool = True) -> Path:
    """``member`` given a DOCTYPE with an external entity (XXE) and a billion-laughs chain, used in its text."""

    def inject(members: dict[str, bytes]) -> None:
        body = re.sub(rb"^<\?xml[^>]*\?>\s*", b"", members[member])
        if reference:
            if b"<t>" in body:
                body = body.replace(b"<t>", b"<t>&xxe;&e9;", 1)
            else:  # no text node (workbook.xml, styles.xml): the reference goes in an attribute
                body = re.sub(rb'(name|formatCode)="', rb'\1="&xxe;&e9;', body, count=1)
        members[member] = entity_prolog(secret) + body

    return rewrite_xlsx(source, target, inject)


def utf16_doctype(source: Path, target: Path, member: str = "xl/worksheets/sheet1.xml") -> Path:
    """``member`` re-encoded as UTF-16 with a DOCTYPE (a byte search for ASCII ``<!DOCTYPE`` misses it)."""

    def inject(members: dict[str, bytes]) -> None:
        body = re.sub(rb"^<\?xml[^>]*\?>\s*", b"", members[member]).decode("utf-8")
        text = '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE r [<!ENTITY a "b">]>' + body
        members[member] = text.encode("utf-16")

    return rewrite_xlsx(source, target, inject)


def inflated_member(source: Path, target: Path, size: int, *, member: str = "xl/media/padding.bin") -> Path:
    """An extra member of ``size`` zero bytes: tiny compressed, huge inflated (the shape of a zip bomb)."""

    def add(members: dict[str, bytes]) -> None:
        members[member] = bytes(size)

    return rewrite_xlsx(source, target, add)


def many_members(source: Path, target: Path, count: int, size: int) -> Path:
    """``count`` extra members of ``size`` zero bytes each (each under the size the ratio applies from)."""

    def add(members: dict[str, bytes]) -> None:
        for number in range(count):
            members[f"xl/media/padding{number}.bin"] = bytes(size)

    return rewrite_xlsx(source, target, add)


def lying_sizes(source: Path, target: Path, declared: int, member: str = "xl/worksheets/sheet1.xml") -> Path:
    """The central directory claims ``member`` inflates to ``declared`` bytes (a bomb announcing itself)."""
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as archive:
        names = archive.namelist()
    end = data.rfind(b"PK\x05\x06")
    (directory,) = struct.unpack("<I", data[end + 16 : end + 20])
    position = directory
    for _ in names:
        name_length, extra_length, comment_length = struct.unpack("<HHH", data[position + 28 : position + 34])
        name = data[position + 46 : position + 46 + name_length].decode()
        if name == member:
            data[position + 24 : position + 28] = struct.pack("<I", declared)
        position += 46 + name_length + extra_length + comment_length
    target.write_bytes(bytes(data))
    return target


def huge_cell(path: Path, length: int) -> Path:
    """A Renja workbook whose first sub kegiatan name is ``length`` characters long.

    openpyxl cuts text at Excel's 32,767 characters, so the long text is put into the XML afterwards.
    """
    marker = "PANJANG-SEKALI"
    renja_workbook(path, rows=[[RENJA_ROWS[0][0], marker, *RENJA_ROWS[0][2:]], RENJA_ROWS[1]])

    def lengthen(members: dict[str, bytes]) -> None:
        sheet = members["xl/worksheets/sheet1.xml"]
        members["xl/worksheets/sheet1.xml"] = sheet.replace(marker.encode(), b"Pengelolaan " + b"x" * (length - 12))

    return rewrite_xlsx(path, path, lengthen)


def with_cells(source: Path, target: Path, cells: str, *, in_row: int | None = None) -> Path:
    """``cells`` (sheet XML) added to the Renja sheet: at the end of row ``in_row``, or as rows after the last one.

    The hostile workbooks are 2 KB: a reference far out (``XFD1048576``) costs nothing to write, only to read.
    """

    def add(members: dict[str, bytes]) -> None:
        sheet = members["xl/worksheets/sheet1.xml"]
        if in_row is None:
            sheet = sheet.replace(b"</sheetData>", cells.encode() + b"</sheetData>")
        else:
            start = sheet.index(f'<row r="{in_row}"'.encode())
            end = sheet.index(b"</row>", start)
            sheet = sheet[:end] + cells.encode() + sheet[end:]
        members["xl/worksheets/sheet1.xml"] = sheet

    return rewrite_xlsx(source, target, add)


def with_shared_strings(source: Path, target: Path, strings: Sequence[str], *, unique_count: str | None = None) -> Path:
    """A shared strings part holding ``strings`` and announcing ``unique_count`` of them (its ``uniqueCount``)."""
    announced = f' uniqueCount="{unique_count}"' if unique_count is not None else ""
    items = "".join(f"<si><t>{text}</t></si>" for text in strings)

    def add(members: dict[str, bytes]) -> None:
        members["xl/sharedStrings.xml"] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(strings)}"'
            f"{announced}>{items}</sst>"
        ).encode()
        members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
            b"</Types>",
            b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        )
        members["xl/_rels/workbook.xml.rels"] = members["xl/_rels/workbook.xml.rels"].replace(
            b"</Relationships>",
            b'<Relationship Id="rIdStrings" Target="sharedStrings.xml" Type="http://schemas.openxmlformats.org/'
            b'officeDocument/2006/relationships/sharedStrings"/></Relationships>',
        )

    return rewrite_xlsx(source, target, add)


def xlsx_bytes(rows: Sequence[Sequence[Any]], header: Sequence[str] = RENJA_HEADER) -> bytes:
    """A valid Renja workbook's bytes (for fuzzing)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Renja"
    ws.append(PERIOD_LINE)
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# -- csv and JSON --------------------------------------------------------------------------------------
def csv_text(lines: Sequence[Sequence[str]], *, delimiter: str = ",", newline: str = "\r\n") -> str:
    """Lines joined as csv, quoting cells that need it."""

    def quote(cell: str) -> str:
        if any(ch in cell for ch in (delimiter, '"', "\n", "\r")):
            return '"' + cell.replace('"', '""') + '"'
        return cell

    return newline.join(delimiter.join(quote(c) for c in line) for line in lines) + newline


def renja_csv_lines(rows: Sequence[Sequence[str]] = RENJA_ROWS) -> list[list[str]]:
    return [list(PERIOD_LINE), list(RENJA_HEADER), *[list(r) for r in rows]]


def deeply_nested(depth: int, *, inner: str = "1") -> str:
    """``[[[…1…]]]`` nested ``depth`` times."""
    return "[" * depth + inner + "]" * depth

"""csv rows with more cells than their header: a cell holding the delimiter, written without quotes.

In a comma-separated file, a pagu written ``1,500,000`` without quotes is three cells, ``1``, ``500`` and
``000``, and ``1.000.000,75`` is two; in a text cell, ``Pengelolaan, Pemeliharaan`` is two. Every cell after
the split moves right: the pagu column holds ``1`` (Rp 1 instead of Rp 1.500.000) and the cells past the
header's last column hold the rest. Where the split happened cannot be told from the row, so none of its
values can be trusted to be in its column. Such a row is not read: it is named by a source finding
``SKN005`` (row not read) giving the cells beyond the header, and counted as reported — never read with a
value from a shifted column, never cut silently.

The header's width is the number of cells of its row(s) as the file gives them, empty ones included: a
header ending in a delimiter (``KODE,NAMA,PAGU,``) allows a fourth cell. Empty cells beyond it (a line
ending in ``,,,``, as spreadsheet programs save them) are no problem. xlsx cells never shift: this applies to
delimited text files only.

>>> from sinkron.errors import Location
>>> overflow = RowOverflow(width=3, where=Location(source="renja.csv"))
>>> kept = list(overflow.rows([(2, ["1.02.02.2.02.0001", "Ibu Hamil", "1", "500", "000"]), (3, ["x", "y", "2", ""])]))
>>> [r for r, _ in kept], overflow.count
([3], 1)
>>> print(overflow.findings[0].path, overflow.findings[0].evidence["found"])
renja.csv, row 3, column D, E D: '500', E: '000'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from sinkron.errors import Location
from sinkron.models.findings import Finding
from sinkron.source_findings import ROW_NOT_READ
from sinkron_spreadsheet.cells import clean_text, is_blank, to_text
from sinkron_spreadsheet.header import column_letter

__all__ = ["RowOverflow"]


@attrs.define
class RowOverflow:
    """Data rows of a delimited sheet passed through :meth:`rows`: a row with a non-empty cell beyond ``width`` (the
    header's cells) is left out and named by a finding in ``findings``; ``count`` rows were left out."""

    width: int
    where: Location
    """The sheet (its source and sheet name); each finding adds its row and columns."""
    findings: list[Finding] = attrs.field(factory=list)

    @property
    def count(self) -> int:
        return len(self.findings)

    def rows(self, data: Iterable[tuple[int, list[Any]]]) -> Iterator[tuple[int, list[Any]]]:
        """``data`` (``(0-based row, values)`` pairs) without the rows holding cells beyond the header."""
        for r, values in data:
            beyond = [(index, values[index]) for index in range(self.width, len(values)) if not is_blank(values[index])]
            if not beyond:
                yield r, values
                continue
            self.findings.append(self._finding(r, values, beyond))

    def _finding(self, r: int, values: list[Any], beyond: list[tuple[int, Any]]) -> Finding:
        cells = ", ".join(f"{column_letter(index)}: {clean_text(to_text(value))[:40]!r}" for index, value in beyond)
        n = len(beyond)
        return ROW_NOT_READ.at(
            self.where.evolve(row=r + 1, column=", ".join(column_letter(index) for index, _ in beyond)),
            id=f"Baris {r + 1} memiliki {n} sel di luar {self.width} kolom judulnya ({cells}): sel yang memuat "
            "pemisah tanpa tanda kutip (1,500,000) menggeser sel sesudahnya, sehingga tidak ada nilai baris ini yang "
            "pasti berada di kolomnya; baris tidak dibaca.",
            en=f"Row {r + 1} has {n} cell(s) beyond the {self.width} columns of its header ({cells}): a cell holding "
            "the delimiter without quotes (1,500,000) shifts the cells after it, so no value of the row can be told "
            "to be in its column; the row is not read.",
            expected=f"at most {self.width} cells, as many as the header",
            found=cells,
            evidence={"row": " | ".join(clean_text(to_text(v)) for v in values if not is_blank(v))[:300]},
            fix_id='Beri tanda kutip pada sel yang memuat pemisah ("1,500,000"), atau tulis angka tanpa pemisah '
            "ribuan (1500000).",
            fix_en='Quote the cell holding the delimiter ("1,500,000"), or write numbers without thousands '
            "separators (1500000).",
        )

"""Caps that keep reading a spreadsheet bounded in memory and time, whatever the file holds.

An xlsx file is a zip archive of XML parts. Before anything is parsed, the sizes its members
declare are checked: a file inflating to more than :attr:`ReadLimits.max_uncompressed_bytes` in
total, or a member of 1 MiB or more (or all members together, from 16 MiB) inflating more than
:attr:`ReadLimits.max_compression_ratio` times its compressed size, is refused (the shape of a zip bomb). Then every XML part is streamed once
(:mod:`sinkron_spreadsheet.xlsx_gate`): a cell reference beyond Excel's sheet limits, a sheet whose cells
span more than :attr:`ReadLimits.max_cells`, or a shared-strings part announcing or holding more than
:attr:`ReadLimits.max_strings` strings refuses the file before python-calamine allocates for it. Rows,
columns and cell lengths are then checked as the rows stream: a cell or row beyond a cap is reported at its place and not read,
so the result is incomplete and says so — never silently cut.

The defaults are far above any planning document met so far (a provincial RKPD report of 40,000
rows is about 60 MB of XML, inflating 20 times) and at Excel's own sheet limits:

>>> limits = ReadLimits()
>>> limits.max_rows, limits.max_columns, limits.max_cell_length
(1048576, 16384, 32767)
>>> limits.max_cells, limits.max_strings, limits.max_row_length
(16777216, 4194304, 4194304)
>>> ReadLimits.of({"max_rows": 5000}).max_rows
5000
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

__all__ = ["RATIO_MIN_BYTES", "RATIO_MIN_TOTAL_BYTES", "ReadLimits"]

#: Members smaller than this (inflated) are not held to the compression ratio: small parts of any
#: ratio cannot exhaust memory, and tiny repetitive parts compress very well.
RATIO_MIN_BYTES = 1024 * 1024
#: All members together are held to the compression ratio from this total (inflated) on: many members each just
#: under :data:`RATIO_MIN_BYTES` are one bomb too, while a small workbook of any ratio is harmless.
RATIO_MIN_TOTAL_BYTES = 16 * RATIO_MIN_BYTES


def _positive(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError(f"ReadLimits.{attribute.name} must be a positive whole number, got {value!r}")


@attrs.frozen(kw_only=True)
class ReadLimits:
    """The caps applied while reading xlsx and csv files; pass ``limits=`` to change them."""

    max_uncompressed_bytes: int = attrs.field(default=512 * 1024 * 1024, validator=_positive)
    """The most an xlsx archive may inflate to, all members together (512 MiB)."""
    max_compression_ratio: int = attrs.field(default=200, validator=_positive)
    """How many times its compressed size a member of 1 MiB or more may inflate to (200)."""
    max_rows: int = attrs.field(default=1_048_576, validator=_positive)
    """Rows read from one sheet or csv file (Excel's sheet limit)."""
    max_columns: int = attrs.field(default=16_384, validator=_positive)
    """Columns of one row (Excel's sheet limit); cells further right are reported, not read."""
    max_cell_length: int = attrs.field(default=32_767, validator=_positive)
    """Characters in one text cell (Excel's cell limit); a longer cell is reported, not read."""
    max_row_length: int = attrs.field(default=4 * 1024 * 1024, validator=_positive)
    """Characters in one csv row as the file holds it, the line breaks inside its quoted cells included (4 MiB):
    counted while the lines are read, before the row is split into cells (a row of millions of short cells
    would take gigabytes as Python strings); a longer row stops the read there, reported at its row."""
    max_cells: int = attrs.field(default=16_777_216, validator=_positive)
    """Cells an xlsx sheet spans, from its first to its last cell holding a value (rows × columns, empty cells
    between included: python-calamine allocates about 32 bytes for each, so the default is 512 MiB); a sheet
    spanning more refuses the file before it is parsed."""
    max_strings: int = attrs.field(default=4_194_304, validator=_positive)
    """Shared strings of an xlsx workbook, as its ``sharedStrings.xml`` announces them (``uniqueCount``:
    python-calamine reserves 24 bytes for each before reading one, so the default is 96 MiB) and as it holds
    them; more refuses the file before it is parsed."""

    @classmethod
    def of(cls, value: ReadLimits | Mapping[str, Any] | None) -> ReadLimits:
        """``limits=`` as given: a :class:`ReadLimits`, a dict of some of its fields, or ``None`` (the defaults).

        Raises ``ValueError`` naming an unknown field or a value that is not a positive whole number.
        """
        if value is None:
            return cls()
        if isinstance(value, ReadLimits):
            return value
        if not isinstance(value, Mapping):
            raise ValueError(f"limits must be a ReadLimits or a dict, got {type(value).__name__}")
        known = {field.name for field in attrs.fields(cls)}
        unknown = sorted(str(key) for key in value if key not in known)
        if unknown:
            raise ValueError(f"unknown limit(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        return cls(**dict(value))

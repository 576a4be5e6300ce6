"""Printable tables: the layout every national–regional output shares (Form 4, Form 5, the matrix).

A :class:`Table` is what an exporter renders — Markdown, HTML or xlsx — without knowing which form
it holds: a title and a few lines above the table (``Pemerintah Daerah : …``), columns whose
headers may be grouped (``RPJMN`` over ``Prioritas``, ``Indikator``, ``Target``; ``Indikator
Kinerja`` over ``Capaian Program`` over ``Tolok Ukur``), rows of cells, and notes below. A
:class:`TableSet` is several tables written together (one per government, per perangkat daerah …).

A column's :attr:`Column.path` lists its header from the top group down to its own label;
:meth:`Table.header_rows` turns the paths into header rows with column and row spans, as the
official forms print them:

>>> table = Table(title="Contoh", columns=[
...     Column(("NO",)), Column(("RPJMN", "Prioritas")), Column(("RPJMN", "Target")), Column(("PAGU (Rp)",), kind="money")])
>>> [[(c.label, c.colspan, c.rowspan) for c in row] for row in table.header_rows()]
[[('NO', 1, 2), ('RPJMN', 2, 1), ('PAGU (Rp)', 1, 2)], [('Prioritas', 1, 1), ('Target', 1, 1)]]

Cells hold text, a :class:`~sinkron.models.money.Money` (printed ``1.234.567``), several lines
(a tuple of texts: one per indicator, say) or nothing.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import attrs

from sinkron.errors import InvalidModel
from sinkron.models._base import to_tuple
from sinkron.models.money import Money
from sinkron.numbers import format_id

__all__ = ["Cell", "Column", "HeaderCell", "RowStyle", "Table", "TableRow", "TableSet", "cell_text", "money_text"]

#: What a cell holds: text, an amount, several lines, or nothing.
Cell = str | Money | tuple[str, ...] | None


class RowStyle(str, enum.Enum):
    """How a row is printed: a grouping row (bold), an item, a total, or a note across the table."""

    GROUP = "group"
    ITEM = "item"
    TOTAL = "total"
    NOTE = "note"


def _path(value: Any) -> tuple[str, ...]:
    path = tuple(value) if not isinstance(value, str) else (value,)
    if not path or not all(isinstance(p, str) and p.strip() for p in path):
        raise InvalidModel("Column", "path", f"a column needs a non-empty header path, got {value!r}")
    return path


@attrs.frozen
class Column:
    """A column: its header path (top group first) and the kind of value it holds."""

    path: tuple[str, ...] = attrs.field(converter=_path)
    kind: str = attrs.field(default="text", kw_only=True)
    """``text``, ``money`` (right-aligned amounts, summed nowhere by the renderer) or ``number``."""
    width: int | None = attrs.field(default=None, kw_only=True)
    """A width hint in characters, for spreadsheet renderers."""

    @property
    def label(self) -> str:
        return self.path[-1]

    @property
    def full_label(self) -> str:
        """The path joined: ``RPJMN › Target``."""
        return " › ".join(self.path)


@attrs.frozen
class HeaderCell:
    """One cell of a header row: label, starting column, spans."""

    label: str
    column: int
    colspan: int = 1
    rowspan: int = 1


def _cells(instance: TableRow, attribute: attrs.Attribute[Any], value: tuple[Cell, ...]) -> None:
    for cell in value:
        if cell is None or isinstance(cell, (str, Money)):
            continue
        if isinstance(cell, tuple) and all(isinstance(line, str) for line in cell):
            continue
        raise InvalidModel("TableRow", "cells", f"a cell holds text, Money, lines or None, not {cell!r}")


@attrs.frozen
class TableRow:
    """A row: one cell per column, a style and an outline level (0 for the top groups)."""

    cells: tuple[Cell, ...] = attrs.field(converter=to_tuple, validator=_cells)
    style: RowStyle = attrs.field(default=RowStyle.ITEM, kw_only=True)
    level: int = attrs.field(default=0, kw_only=True)


def _columns(instance: Table, attribute: attrs.Attribute[Any], value: tuple[Column, ...]) -> None:
    if not value:
        raise InvalidModel("Table", "columns", "a table needs at least one column")


@attrs.frozen(kw_only=True)
class Table:
    """A printable table: title, lines above it, grouped columns, rows and notes below.

    Every row has exactly one cell per column (a :attr:`RowStyle.NOTE` row may have one cell,
    printed across the table).
    """

    title: str
    columns: tuple[Column, ...] = attrs.field(converter=to_tuple, validator=_columns)
    rows: tuple[TableRow, ...] = attrs.field(factory=tuple, converter=to_tuple)
    subtitle: tuple[str, ...] = attrs.field(factory=tuple, converter=to_tuple)
    """Lines printed above the table (``Pemerintah Daerah : Kota Palangka Raya``)."""
    notes: tuple[str, ...] = attrs.field(factory=tuple, converter=to_tuple)
    """Lines printed below it."""
    numbered: bool = False
    """Print the column-number row the official forms carry: ``(1) (2) (3) …``."""
    name: str | None = None
    """A short name (an xlsx sheet name): at most 31 characters."""

    def __attrs_post_init__(self) -> None:
        width = len(self.columns)
        for index, row in enumerate(self.rows):
            if len(row.cells) != width and not (row.style is RowStyle.NOTE and len(row.cells) == 1):
                raise InvalidModel("Table", "rows", f"row {index} has {len(row.cells)} cells for {width} columns")

    @property
    def depth(self) -> int:
        """How many header rows the column paths need."""
        return max(len(c.path) for c in self.columns)

    def header_rows(self) -> list[list[HeaderCell]]:
        """The header as rows of cells with spans: equal path prefixes of neighbouring columns merge."""
        depth = self.depth
        rows: list[list[HeaderCell]] = [[] for _ in range(depth)]
        for level in range(depth):
            index = 0
            while index < len(self.columns):
                column = self.columns[index]
                if len(column.path) <= level:
                    index += 1
                    continue
                prefix = column.path[: level + 1]
                end = index + 1
                is_leaf = len(column.path) == level + 1
                if not is_leaf:
                    while (
                        end < len(self.columns)
                        and self.columns[end].path[: level + 1] == prefix
                        and len(self.columns[end].path) > level + 1
                    ):
                        end += 1
                rowspan = depth - level if is_leaf else 1
                rows[level].append(
                    HeaderCell(label=column.path[level], column=index, colspan=end - index, rowspan=rowspan)
                )
                index = end
        return rows


@attrs.frozen(kw_only=True)
class TableSet:
    """Several tables written together: one document, section or workbook."""

    title: str
    tables: tuple[Table, ...] = attrs.field(converter=to_tuple)
    notes: tuple[str, ...] = attrs.field(factory=tuple, converter=to_tuple)

    @classmethod
    def of(cls, title: str, tables: Iterable[Table], notes: Sequence[str] = ()) -> TableSet:
        return cls(title=title, tables=tuple(tables), notes=tuple(notes))


def money_text(value: Money | Decimal) -> str:
    """An amount as the forms print it: whole rupiah, dots for thousands (``1.234.567``).

    >>> money_text(Money(1234567))
    '1.234.567'
    """
    amount = value.amount if isinstance(value, Money) else value
    return format_id(amount.quantize(Decimal(1)))


def cell_text(cell: Cell, separator: str = "\n") -> str:
    """A cell as plain text: lines joined by ``separator``, amounts as :func:`money_text`, nothing as ``""``."""
    if cell is None:
        return ""
    if isinstance(cell, Money):
        return money_text(cell)
    if isinstance(cell, tuple):
        return separator.join(cell)
    return cell

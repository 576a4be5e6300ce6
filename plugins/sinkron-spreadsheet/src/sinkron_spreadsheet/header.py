"""Finding the header of a sheet and the column of each mapped field.

A header may span several rows with merged cells (the RKPD report: ``Rencana Tahun 2026`` over
``Target Capaian Kinerja`` over ``Program``). Each column gets the *path* of header texts above
it; an alias ``"Rencana Tahun {year} > Pagu Indikatif"`` matches a column whose path holds those
texts in that order. Merged ranges come from the xlsx file; for csv (no merge information) an
empty cell in an upper header row takes the text on its left when the column has sub-headers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import attrs

from sinkron_spreadsheet.cells import is_blank, normalise_header, to_text
from sinkron_spreadsheet.mapping import Mapping

__all__ = ["Column", "Header", "column_letter", "find_header", "match_columns"]

#: How many rows from the top are searched for the header.
SCAN_ROWS = 40


def column_letter(index: int) -> str:
    """``0`` → ``"A"``, ``27`` → ``"AB"``."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@attrs.frozen
class Column:
    """A matched column: its 0-based index, header text, and the number its alias captured.

    ``number`` is the year index for ``{i}`` aliases or the calendar year for ``{year}`` ones.
    """

    index: int
    header: str
    number: int | None = None
    placeholder: str | None = None

    @property
    def letter(self) -> str:
        return column_letter(self.index)


@attrs.frozen
class Header:
    """Where the header is (0-based first row, number of rows) and the matched columns by field."""

    row: int
    height: int
    columns: dict[str, list[Column]]
    missing: tuple[str, ...]
    paths: tuple[tuple[str, ...], ...]
    duplicates: tuple[tuple[str, tuple[int, ...]], ...] = ()
    """Fields whose header text heads more than one column: ``(field, (chosen index, other indices …))``."""

    @property
    def score(self) -> int:
        return sum(len(v) for v in self.columns.values())

    @property
    def first_data_row(self) -> int:
        return self.row + self.height


def _paths(
    rows: Sequence[Sequence[Any]], top: int, merged: Sequence[tuple[tuple[int, int], tuple[int, int]]]
) -> tuple[tuple[str, ...], ...]:
    height = len(rows)
    width = max((len(r) for r in rows), default=0)
    grid = [[("" if is_blank(v) else to_text(v)) for v in list(row) + [None] * (width - len(row))] for row in rows]
    has_merges = False
    for (r1, c1), (r2, c2) in merged:
        if r2 < top or r1 >= top + height:
            continue
        value = grid[r1 - top][c1] if top <= r1 < top + height and c1 < width else ""
        for r in range(max(r1, top), min(r2, top + height - 1) + 1):
            for c in range(c1, min(c2, width - 1) + 1):
                grid[r - top][c] = value
                has_merges = True
    if not has_merges and height > 1:
        # No merge information: an empty upper cell under a span takes the text on its left.
        for r in range(height - 1):
            for c in range(1, width):
                below = any(grid[rr][c] for rr in range(r + 1, height))
                if not grid[r][c] and below and grid[r][c - 1]:
                    grid[r][c] = grid[r][c - 1]
    paths: list[tuple[str, ...]] = []
    for c in range(width):
        parts: list[str] = []
        for r in range(height):
            text = normalise_header(grid[r][c])
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        paths.append(tuple(parts))
    return tuple(paths)


_PLACEHOLDERS = {"{i}": r"([1-9])", "{year}": r"((?:19|20|21)\d\d)"}


def _alias_pattern(alias: str) -> tuple[list[re.Pattern[str]], list[re.Pattern[str]], str | None]:
    exact: list[re.Pattern[str]] = []
    prefix: list[re.Pattern[str]] = []
    placeholder: str | None = None
    for part in alias.split(">"):
        text = normalise_header(part)
        regex = re.escape(text)
        for key, group in _PLACEHOLDERS.items():
            escaped = re.escape(key)
            if escaped in regex:
                regex = regex.replace(escaped, group)
                placeholder = key
        exact.append(re.compile(regex + r"\Z"))
        prefix.append(re.compile(regex + r"(?:\s|\Z)"))
    return exact, prefix, placeholder


def _match_path(patterns: list[re.Pattern[str]], path: tuple[str, ...]) -> int | bool | None:
    """Match parts as a subsequence of ``path``; the captured number, ``None`` if none, ``False`` if no match."""
    position = 0
    number: int | None = None
    for pattern in patterns:
        while position < len(path):
            found = pattern.match(path[position])
            position += 1
            if found:
                if found.groups():
                    number = int(found.group(1))
                break
        else:
            return False
    return number


def match_columns(
    mapping: Mapping, paths: tuple[tuple[str, ...], ...]
) -> tuple[dict[str, list[Column]], tuple[str, ...]]:
    """Assign columns to the mapping's fields; return them and the required fields left unmatched."""
    claimed: set[int] = set()
    columns: dict[str, list[Column]] = {}
    for field, aliases in mapping.columns.items():
        repeated = "{" in field
        for alias in aliases:
            exact, prefix, placeholder = _alias_pattern(alias)
            found: list[Column] = []
            for patterns in (exact, prefix):
                for index, path in enumerate(paths):
                    if index in claimed or not path:
                        continue
                    result = _match_path(patterns, path)
                    if result is False:
                        continue
                    number = result if isinstance(result, int) and not isinstance(result, bool) else None
                    found.append(Column(index, " > ".join(path), number, placeholder))
                    if not repeated:
                        break
                if found:
                    break
            if found:
                if repeated:
                    wanted = field[field.index("{") :]
                    found = [c for c in found if c.placeholder == wanted]
                    if not found:
                        continue
                columns[field] = found
                claimed.update(c.index for c in found)
                if field == "code" and mapping.split_code:
                    claimed.update(range(found[0].index, found[0].index + 5))
                break
    missing = tuple(f for f in mapping.required if f not in columns)
    return columns, missing


def find_header(
    rows: Sequence[Sequence[Any]], mapping: Mapping, merged: Sequence[tuple[tuple[int, int], tuple[int, int]]] = ()
) -> Header | None:
    """The best header for ``mapping`` among the first rows (``rows[0]`` is row 0), or ``None``.

    The best one has every required field and the most matched columns; ties go to the higher one.
    A header missing required fields is returned only when no complete one exists (its ``missing``
    says what is absent), so callers can report what was expected.
    """
    best: Header | None = None
    height = mapping.header_rows
    for top in range(min(len(rows), SCAN_ROWS)):
        block = rows[top : top + height]
        if not block or all(is_blank(v) for v in block[0]):
            continue
        paths = _paths(block, top, merged)
        columns, missing = match_columns(mapping, paths)
        if not columns:
            continue
        header = Header(row=top, height=len(block), columns=columns, missing=missing, paths=paths,
                        duplicates=_duplicates(columns, paths, mapping))  # fmt: skip
        if best is None or (len(header.missing), -header.score) < (len(best.missing), -best.score):
            best = header
    return best


def _duplicates(
    columns: dict[str, list[Column]], paths: tuple[tuple[str, ...], ...], mapping: Mapping
) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """Single-column fields whose exact header path also heads another, unmatched column."""
    claimed = {c.index for found in columns.values() for c in found}
    if mapping.split_code and "code" in columns:
        claimed.update(range(columns["code"][0].index, columns["code"][0].index + 5))
    out: list[tuple[str, tuple[int, ...]]] = []
    for field, found in columns.items():
        if "{" in field or len(found) != 1:
            continue
        chosen = found[0].index
        others = tuple(i for i, path in enumerate(paths) if i not in claimed and path and path == paths[chosen])
        if others:
            out.append((field, (chosen, *others)))
    return tuple(out)

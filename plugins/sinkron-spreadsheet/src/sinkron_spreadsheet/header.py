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

__all__ = ["Column", "Header", "column_letter", "find_header", "is_column_numbering", "match_columns"]

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


_TextMatch = tuple[dict[int, int | None], dict[int, int | None]]
"""The alias parts a header text matches exactly, and as a prefix: part id → the number it captured."""


class _Aliases:
    """A mapping's aliases compiled once: their parts' patterns and an index by first word.

    An alias ``A > B`` matches a column whose header path holds a text matching ``A`` and, after
    it, one matching ``B`` (first every part matching a whole text, then as a text's first words).
    Matching gives what trying every alias of every field on every column gives (the general rule,
    kept in the plugin's ``tests/test_fast_paths.py``), faster: a cell text is only tried against the alias parts
    that begin with its first word (parts that begin with a placeholder are always tried), a block
    of rows none of whose cells matches the first part of any alias is skipped (no column under it
    can match), and the result of a block is kept for the next sheet with the same header.
    """

    _BLOCKS = 512
    _VALUES = 50_000

    def __init__(self, mapping: Mapping) -> None:
        self.split_code = mapping.split_code
        self.required = mapping.required
        part_ids: dict[str, int] = {}
        self.exact: list[re.Pattern[str]] = []
        self.prefix: list[re.Pattern[str]] = []
        self.by_word: dict[str, list[int]] = {}
        self.always: list[int] = []
        #: field → [(part ids, placeholder)], in the mapping's order.
        self.fields: list[tuple[str, list[tuple[tuple[int, ...], str | None]]]] = []
        firsts: set[int] = set()
        #: first part id → the aliases beginning with it: (field number, alias number, part ids).
        self.by_first: dict[int, list[tuple[int, int, tuple[int, ...]]]] = {}
        for field, aliases in mapping.columns.items():
            compiled: list[tuple[tuple[int, ...], str | None]] = []
            for alias in aliases:
                exact, prefix, placeholder = _alias_pattern(alias)
                ids: list[int] = []
                for text, exact_part, prefix_part in zip(
                    (normalise_header(part) for part in alias.split(">")), exact, prefix, strict=True
                ):
                    if text not in part_ids:
                        part_ids[text] = len(self.exact)
                        self.exact.append(exact_part)
                        self.prefix.append(prefix_part)
                        word = text.split(" ", 1)[0]
                        if "{" in word:
                            self.always.append(part_ids[text])
                        else:
                            self.by_word.setdefault(word, []).append(part_ids[text])
                    ids.append(part_ids[text])
                firsts.add(ids[0])
                self.by_first.setdefault(ids[0], []).append((len(self.fields), len(compiled), tuple(ids)))
                compiled.append((tuple(ids), placeholder))
            self.fields.append((field, compiled))
        self.firsts = frozenset(firsts)
        # A number's text is digits and spaces ("1500000", "0 5" for 0.5): it can begin an alias only when some
        # alias part begins with a placeholder or with digits.
        self.numbers_start = bool(self.always) or any(word.isdigit() for word in self.by_word)
        self._strings: dict[str, bool] = {}
        self._paths: dict[tuple[str, ...], list[tuple[tuple[int, int, int], int | None]]] = {}
        self._texts: dict[str, _TextMatch] = {}
        self._values: dict[tuple[type, Any], bool] = {}
        self._blocks: dict[Any, tuple[tuple[tuple[str, ...], ...], dict[str, list[Column]], tuple[str, ...]]] = {}

    def text(self, text: str) -> _TextMatch:
        """The parts a normalised header text matches exactly and as a prefix, each with its captured number."""
        found = self._texts.get(text)
        if found is not None:
            return found
        exact: dict[int, int | None] = {}
        prefix: dict[int, int | None] = {}
        for ids in (self.by_word.get(text.split(" ", 1)[0], ()), self.always):
            for part in ids:
                match = self.prefix[part].match(text)
                if match is None:
                    continue  # an exact match is also a prefix match
                prefix[part] = int(match.group(1)) if match.groups() else None
                match = self.exact[part].match(text)
                if match is not None:
                    exact[part] = int(match.group(1)) if match.groups() else None
        found = (exact, prefix)
        if len(self._texts) >= self._VALUES:
            self._texts.clear()
        self._texts[text] = found
        return found

    def starts_alias(self, value: Any) -> bool:
        """Whether a cell's text matches the first part of some alias (exactly or as a prefix)."""
        key = (type(value), value)  # True, 1 and 1.0 are equal keys but read as different texts
        try:
            known = self._values.get(key)
        except TypeError:  # an unhashable cell value
            known = None
        if known is not None:
            return known
        text = normalise_header(to_text(value))
        hit = bool(text) and not self.firsts.isdisjoint(self.text(text)[1])
        try:
            if len(self._values) >= self._VALUES:
                self._values.clear()
            self._values[key] = hit
        except TypeError:
            pass
        return hit

    def row_starts(self, row: Sequence[Any]) -> bool:
        """Whether some cell of ``row`` matches the first part of an alias (:meth:`starts_alias` of each cell)."""
        strings = self._strings
        for value in row:
            if value is None:
                continue
            kind = type(value)
            if kind is str:
                hit = strings.get(value)
                if hit is None:
                    hit = self.starts_alias(value)
                    if len(strings) >= self._VALUES:
                        strings.clear()
                    strings[value] = hit
                if hit:
                    return True
            elif (kind is float or kind is int) and not self.numbers_start:
                continue
            elif not is_blank(value) and self.starts_alias(value):
                return True
        return False

    def path_hits(self, path: tuple[str, ...]) -> list[tuple[tuple[int, int, int], int | None]]:
        """The aliases a header path matches: ``((field number, alias number, mode), captured number)``."""
        found = self._paths.get(path)
        if found is not None:
            return found
        infos = [self.text(t) for t in path]
        found = []
        for mode in (0, 1):
            seen: set[int] = set()
            for info in infos:
                for part in info[mode]:
                    if part in seen or part not in self.by_first:
                        continue
                    seen.add(part)
                    for field, alias, ids in self.by_first[part]:
                        result = self.match_path(ids, infos, mode)
                        if result is not False:
                            number = result if isinstance(result, int) and not isinstance(result, bool) else None
                            found.append(((field, alias, mode), number))
        if len(self._paths) >= self._VALUES:
            self._paths.clear()
        self._paths[path] = found
        return found

    def match_path(self, ids: tuple[int, ...], infos: Sequence[_TextMatch], mode: int) -> int | bool | None:
        """Whether the parts ``ids`` match a subsequence of a path's texts (``infos``: what each text matches;
        ``mode`` 0 whole texts, 1 first words): the number the last placeholder captured, ``None``, or ``False``."""
        position = 0
        number: int | None = None
        for part in ids:
            while position < len(infos):
                matched = infos[position][mode]
                position += 1
                if part in matched:
                    found = matched[part]
                    if found is not None:
                        number = found
                    break
            else:
                return False
        return number

    def columns(self, paths: tuple[tuple[str, ...], ...]) -> tuple[dict[str, list[Column]], tuple[str, ...]]:
        """:func:`match_columns` for this mapping."""
        hits: dict[tuple[int, int, int], list[tuple[int, int | None]]] = {}
        for index, path in enumerate(paths):
            if path:
                for key, number in self.path_hits(path):
                    hits.setdefault(key, []).append((index, number))
        claimed: set[int] = set()
        columns: dict[str, list[Column]] = {}
        if not hits:
            return columns, self.required
        for field_number, (field, aliases) in enumerate(self.fields):
            repeated = "{" in field
            for alias_number, (_, placeholder) in enumerate(aliases):
                found: list[Column] = []
                for mode in (0, 1):
                    for index, number in hits.get((field_number, alias_number, mode), ()):
                        if index in claimed:
                            continue
                        found.append(Column(index, " > ".join(paths[index]), number, placeholder))
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
                    if field == "code" and self.split_code:
                        claimed.update(range(found[0].index, found[0].index + 5))
                    break
        missing = tuple(f for f in self.required if f not in columns)
        return columns, missing

    def block(
        self, block: Sequence[Sequence[Any]], top: int, merged: Sequence[tuple[tuple[int, int], tuple[int, int]]]
    ) -> tuple[tuple[tuple[str, ...], ...], dict[str, list[Column]], tuple[str, ...]]:
        """Paths, matched columns and missing fields of the header rows ``block`` starting at row ``top``."""
        bottom = top + len(block)
        near = tuple(
            ((r1 - top, c1), (r2 - top, c2)) for (r1, c1), (r2, c2) in merged if not (r2 < top or r1 >= bottom)
        )
        try:
            key: Any = (tuple(tuple((type(v), v) for v in row) for row in block), near)  # True == 1, "TRUE" != "1"
            cached = self._blocks.get(key)
        except TypeError:  # an unhashable cell value
            key, cached = None, None
        if cached is not None:
            return cached
        paths = _paths(block, 0, near)
        columns, missing = self.columns(paths)
        found = (paths, columns, missing)
        if key is not None:
            if len(self._blocks) >= self._BLOCKS:
                self._blocks.clear()
            self._blocks[key] = found
        return found


_COMPILED: dict[Any, _Aliases] = {}


def _aliases(mapping: Mapping) -> _Aliases:
    key = (tuple(mapping.columns.items()), mapping.required, mapping.split_code)
    compiled = _COMPILED.get(key)
    if compiled is None:
        if len(_COMPILED) >= 64:
            _COMPILED.clear()
        compiled = _COMPILED[key] = _Aliases(mapping)
    return compiled


def match_columns(
    mapping: Mapping, paths: tuple[tuple[str, ...], ...]
) -> tuple[dict[str, list[Column]], tuple[str, ...]]:
    """Assign columns to the mapping's fields; return them and the required fields left unmatched.

    Each field takes the columns of its first alias that matches (exactly first, then as a prefix
    of the header text); a column claimed by one field is not matched again.
    """
    columns, missing = _aliases(mapping).columns(paths)
    return {field: list(found) for field, found in columns.items()}, missing


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
    aliases = _aliases(mapping)
    starts: dict[int, bool] = {}

    def may_start(r: int) -> bool:
        if r not in starts:
            starts[r] = aliases.row_starts(rows[r])
        return starts[r]

    for top in range(min(len(rows), SCAN_ROWS)):
        block = rows[top : top + height]
        if not block or all(is_blank(v) for v in block[0]):
            continue
        if not any(may_start(r) for r in range(top, top + len(block))):
            continue  # no cell begins any alias: no column of this block can match
        paths, found, missing = aliases.block(block, top, merged)
        if not found:
            continue
        columns = {field: list(cols) for field, cols in found.items()}
        header = Header(
            row=top,
            height=len(block),
            columns=columns,
            missing=missing,
            paths=paths,
            duplicates=_duplicates(columns, paths, mapping),
        )
        if best is None or (len(header.missing), -header.score) < (len(best.missing), -best.score):
            best = header
    if best is not None and best.first_data_row < len(rows) and is_column_numbering(rows[best.first_data_row]):
        best = attrs.evolve(best, height=best.height + 1)
    return best


_COLUMN_NUMBER = re.compile(r"\(?([0-9]{1,2})\)?")


def is_column_numbering(row: Sequence[Any]) -> bool:
    """Whether ``row`` is the row of column numbers under a report header: ``1 2 3 … 19`` or ``(1) (2) (3) …``.

    Three or more cells, each a column number (a whole number, or one in parentheses), increasing from left
    to right. Permendagri 86/2017 reports have one; it belongs to the header, it is never data.

    >>> is_column_numbering([1, 2, 3, None, 4.0]), is_column_numbering(["(1)", "(2)", "(3)"])
    (True, True)
    >>> is_column_numbering([1, 2, 3, 4, 5, "Program Penunjang"]), is_column_numbering([1, 1, 2])
    (False, False)
    """
    numbers: list[int] = []
    for value in row:
        if is_blank(value):
            continue
        if isinstance(value, bool):
            return False
        if isinstance(value, (int, float)):
            if isinstance(value, float) and not value.is_integer():
                return False  # a fraction, or not a finite number
            number = int(value)
        else:
            match = _COLUMN_NUMBER.fullmatch(to_text(value).strip())
            if match is None:
                return False
            number = int(match.group(1))
        if numbers and number <= numbers[-1]:
            return False
        numbers.append(number)
    return len(numbers) >= 3


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

"""Reading the national CSV files (crosswalks, curated priority matrices) with located errors.

Loaders return a :class:`Loaded` value: what could be read, and every problem found, each with
its file, row and column. A result with errors is *incomplete* and says so; call
:meth:`Loaded.raise_for_errors` to get the value only when it is complete.

CSV files are read with the standard library: UTF-8 (a byte-order mark is accepted), ``,`` or ``;``
as the delimiter (told apart from the header line), the first line as the header. Header names
are compared without case and with spaces as underscores; an unknown column is an error, because
nothing is dropped silently.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Generic, TextIO, TypeVar

import attrs

from sinkron.errors import Location, SinkronError, SourceError, ValidationError

__all__ = ["CsvRow", "Loaded", "read_csv_rows"]

T = TypeVar("T")

#: What a loader reads: a path, or an open text stream.
CsvSource = str | Path | TextIO


@attrs.frozen(kw_only=True)
class Loaded(Generic[T]):
    """A value read from a source, with every problem found (each located)."""

    value: T
    errors: tuple[SourceError, ...] = ()
    source: str | None = None
    rows: int = 0
    """How many data rows were seen (each is in the value or in ``errors``)."""

    @property
    def complete(self) -> bool:
        return not self.errors

    def raise_for_errors(self) -> T:
        """The value, or :class:`~sinkron.errors.ValidationError` carrying every error."""
        if self.errors:
            raise ValidationError(self.errors, source=self.source)
        return self.value


@attrs.frozen(kw_only=True)
class CsvRow:
    """One data row: its 1-based line number (the header is row 1) and its cells by column name."""

    number: int
    cells: Mapping[str, str]
    source: str | None

    def location(self, column: str | None = None) -> Location:
        return Location(source=self.source, row=self.number, column=column)

    def get(self, column: str) -> str | None:
        """The stripped cell, or ``None`` when empty or absent."""
        value = self.cells.get(column)
        if value is None:
            return None
        value = value.strip()
        return value or None


def _header_key(name: str) -> str:
    return "_".join(name.strip().casefold().replace("-", " ").split())


def _open(source: CsvSource) -> tuple[TextIO, str | None, bool]:
    if isinstance(source, (str, Path)):
        return open(source, encoding="utf-8-sig", newline=""), str(source), True
    return source, getattr(source, "name", None), False


def read_csv_rows(
    source: CsvSource,
    *,
    required: Sequence[str],
    optional: Sequence[str] = (),
    pattern: str | None = None,
    name: str | None = None,
) -> tuple[list[CsvRow], list[SourceError], str | None]:
    """The data rows of a CSV file whose header must hold ``required`` and may hold ``optional``.

    ``pattern`` (a regular expression) accepts further columns by name, such as ``target_\\d{4}``.

    Returns the rows, the header problems (missing or unknown columns; no rows are returned when a
    required column is missing) and the source name used in locations.
    """
    handle, found_name, close = _open(source)
    where = name or found_name
    try:
        text = handle.read()
    except UnicodeDecodeError as exc:
        return [], [SourceError("not UTF-8 text", location=Location(source=where), actual=f"byte {exc.start}")], where
    finally:
        if close:
            handle.close()
    text = text.removeprefix("\ufeff")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        return (
            [],
            [SourceError("the file is empty; expected a header row", location=Location(source=where, row=1))],
            where,
        )
    keys = [_header_key(h) for h in header]
    errors: list[SourceError] = []
    known = set(required) | set(optional)
    for raw, key in zip(header, keys):
        if key not in known and not (pattern and re.fullmatch(pattern, key)):
            errors.append(
                SourceError(
                    "unknown column",
                    location=Location(source=where, row=1, column=raw),
                    expected=", ".join((*required, *optional)),
                    actual=raw,
                )
            )
    duplicates = {k for k in keys if keys.count(k) > 1 and k}
    for key in sorted(duplicates):
        errors.append(SourceError("column appears twice", location=Location(source=where, row=1, column=key)))
    missing = [c for c in required if c not in keys]
    for column in missing:
        errors.append(SourceError("required column missing", location=Location(source=where, row=1), expected=column))
    if missing:
        return [], errors, where
    rows: list[CsvRow] = []
    for number, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        if len(values) > len(keys):
            errors.append(
                SourceError(
                    "more cells than header columns",
                    location=Location(source=where, row=number),
                    expected=f"{len(keys)} cells",
                    actual=len(values),
                )
            )
            continue
        rows.append(CsvRow(number=number, cells=dict(zip(keys, values)), source=where))
    return rows, errors, where


def cell_error(row: CsvRow, column: str, exc: BaseException | str, *, expected: str | None = None) -> SourceError:
    """A located error about one cell, from an exception raised while reading it or a message."""
    reason = getattr(exc, "reason", None)
    message = str(reason) if isinstance(exc, BaseException) and reason is not None else str(exc)
    return SourceError(message, location=row.location(column), expected=expected, actual=row.get(column))


def read_cell(
    row: CsvRow, column: str, parse: Callable[[str], T], errors: list[SourceError], *, expected: str
) -> T | None:
    """Parse one non-empty cell; record a located error and return ``None`` when it fails or is empty."""
    text = row.get(column)
    if text is None:
        errors.append(SourceError("empty cell", location=row.location(column), expected=expected))
        return None
    try:
        return parse(text)
    except (ValueError, SinkronError) as exc:
        errors.append(cell_error(row, column, exc, expected=expected))
        return None


def read_optional(
    row: CsvRow, column: str, parse: Callable[[str], T], errors: list[SourceError], *, expected: str
) -> tuple[bool, T | None]:
    """Parse a cell that may be empty: ``(True, value)``, ``(True, None)`` if empty, ``(False, None)`` on error."""
    if row.get(column) is None:
        return True, None
    value = read_cell(row, column, parse, errors, expected=expected)
    return value is not None, value


def iter_groups(rows: Sequence[CsvRow], key: Callable[[CsvRow], Any]) -> Iterator[tuple[Any, list[CsvRow]]]:
    """Rows grouped by ``key``, in first-seen order."""
    groups: dict[Any, list[CsvRow]] = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    yield from groups.items()

"""Read the BPS table *jumlah dan persentase penduduk miskin menurut kabupaten/kota* (csv or xlsx).

BPS prints the kab/kota poverty figures of a province in two shapes, both read here:

* **long** — one row per region and year: ``Kode | Kabupaten/Kota | Tahun | Jumlah Penduduk Miskin (ribu
  jiwa) | Persentase Penduduk Miskin (P0) | P1 | P2 | Garis Kemiskinan``;
* **wide** — one row per region and one column group per year, the header over two rows: the year over
  its variables (``2022`` over ``Jumlah | P0 | P1 | P2 | GK``), or the variable over its years
  (``Persentase Penduduk Miskin`` over ``2021 | 2022 | 2023``). A merged header cell is read as covering
  the columns after it until the next label.

A region is given by its kode wilayah (``6201`` as BPS writes it, or ``62.01``), by its name (``Kotawaringin
Barat``, ``Kota Palangka Raya``), or both. A name is resolved to the code of the one government of the
shipped list (:mod:`sinkron.regions`) whose name it is, with or without ``Kabupaten``/``Kota``; a name that
is none of them, or that could be several (``Bogor`` is a kabupaten and a kota), is a located source finding
(SKN005) and its row is left out, never guessed. A code whose name in the file differs from the list's is
kept by its code, with a finding (SKN011). A cell that is not a number is a finding (SKN008); BPS's marks
for *no data* (``-``, ``…``, an empty cell) are a missing figure. The row of the whole province is kept (the
ranking leaves it out); the row of Indonesia is skipped.

The BPS release the figures come from (``BPS Provinsi Kalimantan Tengah, Profil Kemiskinan Maret 2024``) is
given with ``release=``; without it, the table's own ``Sumber:`` line is used.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from sinkron.errors import Location, SourceError
from sinkron.models import Government, GovernmentLevel, Provenance
from sinkron.models.findings import Finding
from sinkron.names import compare_names, comparison_key
from sinkron.numbers import parse_number
from sinkron.regions import UnknownRegion, government, governments, search_governments
from sinkron.sheet_rows import xlsx_rows
from sinkron.source_findings import CELL_UNREADABLE, DUPLICATE_ROW, NAME_CONFLICT, ROW_NOT_READ, leaves_rows_out

__all__ = ["PovertyFigure", "PovertyRead", "PovertyTable", "read_bps_poverty", "read_poverty_rows"]

#: The figures of a row, by the attribute of :class:`PovertyFigure` they fill.
VARIABLES = ("poor_thousands", "percent", "depth", "severity", "poverty_line")

_YEAR = re.compile(r"(?<!\d)(19[6-9]\d|20\d\d)(?!\d)")
_MISSING = {"", "-", "–", "—", "…", "...", "..", "na", "n/a", "tad", "*"}
_NUMBERING = re.compile(r"^\(?\d{1,2}\)?$")
_HEADER_SEARCH_ROWS = 20


@attrs.frozen(kw_only=True)
class PovertyFigure:
    """One region's poverty figures for one year (March), as BPS published them.

    ``region`` is the kode wilayah (``62.01``) and ``name`` the region's name in the shipped list; a figure
    BPS left out (``-``) is ``None``.
    """

    region: str
    name: str
    level: GovernmentLevel
    province: str
    """The kode wilayah of the region's province (its own code for a province)."""
    year: int
    poor_thousands: Decimal | None = None
    """Jumlah penduduk miskin, in ribu jiwa (thousands of people)."""
    percent: Decimal | None = None
    """Persentase penduduk miskin (P0), in percent."""
    depth: Decimal | None = None
    """Indeks kedalaman kemiskinan (P1)."""
    severity: Decimal | None = None
    """Indeks keparahan kemiskinan (P2)."""
    poverty_line: Decimal | None = None
    """Garis kemiskinan, in rupiah per kapita per bulan."""
    provenance: Provenance | None = attrs.field(default=None, eq=False)

    @property
    def is_kabkota(self) -> bool:
        return self.level in (GovernmentLevel.REGENCY, GovernmentLevel.CITY)


@attrs.frozen(kw_only=True)
class PovertyTable:
    """The figures of one or more BPS tables, and the release they came from (the provenance a ranking cites)."""

    figures: tuple[PovertyFigure, ...] = ()
    release: str | None = None
    """The BPS release (publication, date) the figures come from; None when neither given nor printed."""
    sources: tuple[str, ...] = ()
    """The files read."""

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted({f.year for f in self.figures}))

    def figure(self, region: str, year: int) -> PovertyFigure | None:
        """The figure of kode wilayah ``region`` for ``year``, if the table has it."""
        return next((f for f in self.figures if f.region == region and f.year == year), None)


@attrs.frozen(kw_only=True)
class PovertyRead:
    """What a read produced: the table, and the source findings about rows and cells (located, SKN0xx)."""

    table: PovertyTable
    findings: tuple[Finding, ...] = ()

    @property
    def complete(self) -> bool:
        """Whether every row of the source is in the table (no finding left one out)."""
        return not any(leaves_rows_out(f) for f in self.findings)


def read_bps_poverty(source: str | Path, *, release: str | None = None, sheet: str | None = None) -> PovertyRead:
    """Read a BPS kab/kota poverty table from a csv or xlsx file (see the module documentation).

    A file that cannot be read at all, or holds no recognisable poverty header, raises
    :class:`~sinkron.errors.SourceError`.
    """
    path = Path(source)
    if not path.is_file():
        raise SourceError("no such file", location=Location(source=str(path)))
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        sheet_name, rows = xlsx_rows(
            path, sheet, what="the BPS poverty table as xlsx", expected="a BPS table saved as xlsx"
        )
    else:
        sheet_name, rows = None, _csv_rows(path)
    return read_poverty_rows(rows, source=str(path), sheet=sheet_name, release=release)


def read_poverty_rows(
    rows: Sequence[Sequence[Any]], *, source: str, sheet: str | None = None, release: str | None = None
) -> PovertyRead:
    """Read the poverty figures from the cells of one sheet (rows of values, the first row being row 1)."""
    where = Location(source=source, sheet=sheet)
    texts = [[_text(value) for value in row] for row in rows]
    header = _find_header(texts)
    if header is None:
        raise SourceError(
            "no poverty table header found",
            location=where,
            expected="a header with Kabupaten/Kota (or Kode) and Jumlah/Persentase Penduduk Miskin, P1, P2",
        )
    layout = _layout(texts, header, where)
    reader = _Reader(source=source, sheet=sheet)
    reader.read(rows, texts, layout)
    found_release = release or reader.printed_release
    table = PovertyTable(figures=tuple(reader.figures), release=found_release, sources=(source,))
    return PovertyRead(table=table, findings=tuple(reader.findings))


# -- the header -------------------------------------------------------------------------------------------


@attrs.frozen
class _Layout:
    code_column: int | None
    name_column: int | None
    year_column: int | None
    variables: dict[int, tuple[int | None, str, Decimal]]
    """Column → (year, or None when a year column gives it; variable; factor to the stored unit)."""
    first_row: int
    """Index of the first data row."""


def _role(label: str) -> str | None:
    key = comparison_key(label)
    if not key:
        return None
    if "kode" in key:
        return "code"
    if key in ("tahun", "periode", "year"):
        return "year"
    if _variable(label) is not None:
        return "variable"
    if any(word in key for word in ("kabupaten", "kota", "wilayah", "provinsi", "region", "nama")):
        return "name"
    return None


def _variable(label: str) -> tuple[str, Decimal] | None:
    """The figure a header label names, and the factor to its stored unit (ribu jiwa for the number of poor)."""
    lower = label.lower()
    key = comparison_key(label)
    if re.search(r"\bp\s*0\b", lower) or "persentase" in key:
        return "percent", Decimal(1)
    if re.search(r"\bp\s*1\b", lower) or "kedalaman" in key:
        return "depth", Decimal(1)
    if re.search(r"\bp\s*2\b", lower) or "keparahan" in key:
        return "severity", Decimal(1)
    if "garis" in key or key == "gk":
        return "poverty_line", Decimal(1)
    if "jumlah" in key:
        in_people = ("jiwa" in key or "orang" in key) and "ribu" not in key
        return "poor_thousands", Decimal("0.001") if in_people else Decimal(1)
    return None


def _find_header(texts: Sequence[Sequence[str]]) -> int | None:
    for index, row in enumerate(texts[:_HEADER_SEARCH_ROWS]):
        roles = [_role(cell) for cell in row]
        if ("name" in roles or "code" in roles) and any(
            _variable(cell) or _YEAR.fullmatch(cell) for cell in [*row, *_row(texts, index + 1)]
        ):
            return index
    return None


def _row(texts: Sequence[Sequence[str]], index: int) -> list[str]:
    return list(texts[index]) if index < len(texts) else []


def _layout(texts: Sequence[Sequence[str]], header: int, where: Location) -> _Layout:
    top = list(texts[header])
    below = _row(texts, header + 1)
    roles = [_role(cell) for cell in top]
    code_column = roles.index("code") if "code" in roles else None
    name_column = roles.index("name") if "name" in roles else None
    variables: dict[int, tuple[int | None, str, Decimal]]
    if "year" in roles:  # long: one row per region and year
        variables = {
            j: (None, *found) for j, cell in enumerate(top) if roles[j] == "variable" and (found := _variable(cell))
        }
        return _Layout(code_column, name_column, roles.index("year"), variables, header + 1)
    identity = {j for j in (code_column, name_column) if j is not None}
    variables = {}
    group = ""
    for j in range(len(top)):
        if j in identity:
            group = ""
            continue
        group = top[j] or group  # a merged cell covers the columns after it
        cell = below[j] if j < len(below) else ""
        years = [_YEAR.search(text) for text in (group, cell) if _YEAR.search(text) and not _variable(text)]
        named = [found for text in (cell, group) if (found := _variable(text))]
        if years and named and years[0] is not None:
            variables[j] = (int(years[0].group(1)), *named[0])
    if not variables:
        raise SourceError(
            "the header names no year and poverty figure",
            location=Location(source=where.source, sheet=where.sheet, row=header + 1),
            expected="a Tahun column, or a year over (or under) each figure: 2023 over P0, P1, P2",
        )
    return _Layout(code_column, name_column, None, variables, header + 2)


# -- the rows ---------------------------------------------------------------------------------------------


def _key_forms(candidate: Government) -> set[str]:
    """The comparison keys a government may be written as: its full name, and without its level word."""
    full = comparison_key(candidate.name)
    forms = {full}
    for word in ("provinsi", "kabupaten", "kota"):
        if full.startswith(word) and len(full) > len(word):
            forms.add(full[len(word) :])
            break
    return forms


@attrs.define
class _Reader:
    source: str
    sheet: str | None
    figures: list[PovertyFigure] = attrs.field(factory=list)
    findings: list[Finding] = attrs.field(factory=list)
    printed_release: str | None = None
    _seen: dict[tuple[str, int], int] = attrs.field(factory=dict)

    def at(self, row: int, column: int | None = None) -> Location:
        letter = _column_letter(column) if column is not None else None
        return Location(source=self.source, sheet=self.sheet, row=row, column=letter)

    def read(self, rows: Sequence[Sequence[Any]], texts: Sequence[Sequence[str]], layout: _Layout) -> None:
        pending: list[tuple[int, str, str]] = []
        for index in range(layout.first_row, len(texts)):
            row = texts[index]
            first = next((cell for cell in row if cell), "")
            if not first:
                continue
            lowered = first.lower()
            if lowered.startswith("sumber"):  # a csv splits "Sumber: BPS …, Maret 2024" at its comma
                line = ", ".join(cell for cell in row if cell)
                self.printed_release = line.split(":", 1)[1].strip() if ":" in line else line
                continue
            if lowered.startswith(("catatan", "keterangan", "note", "*")):
                continue
            code = _cell(row, layout.code_column)
            name = _cell(row, layout.name_column)
            if (not code and not name) or _NUMBERING.fullmatch(name or code):
                continue
            pending.append((index, code, name))
        resolved = self._resolve_all(pending)
        for index, found in resolved:
            self._figures(rows[index], texts[index], index + 1, found, layout)

    def _resolve_all(self, pending: list[tuple[int, str, str]]) -> list[tuple[int, Government]]:
        """Each row's government: codes first, then names, inside the province the table is about when one."""
        by_code: dict[int, Government] = {}
        for index, code, name in pending:
            if code:
                found = self._by_code(index + 1, code, name)
                if found is not None:
                    by_code[index] = found
        named = [(index, name) for index, code, name in pending if not code and name]
        exact = {index: _exact_names(name) for index, name in named}
        provinces = {g.id if g.level is GovernmentLevel.PROVINCE else g.parent_id for g in by_code.values()}
        provinces |= {
            c[0].id if c[0].level is GovernmentLevel.PROVINCE else c[0].parent_id for c in exact.values() if len(c) == 1
        }
        provinces.discard(None)
        scope = next(iter(provinces)) if len(provinces) == 1 else None
        out: list[tuple[int, Government]] = []
        for index, code, name in pending:
            if index in by_code:
                out.append((index, by_code[index]))
            elif not code:
                found = self._by_name(index + 1, name, exact[index], scope)
                if found is not None:
                    out.append((index, found))
        return out

    def _by_code(self, row: int, code: str, name: str) -> Government | None:
        try:
            found = government(code)
        except UnknownRegion as exc:
            self.findings.append(
                ROW_NOT_READ.at(
                    self.at(row),
                    id=f"Kode wilayah {code!r} bukan provinsi atau kabupaten/kota yang dikenal; baris tidak dibaca.",
                    en=f"Kode wilayah {code!r} is not a known province or kabupaten/kota; the row is not read.",
                    expected="a kode wilayah of the 552 governments",
                    found=code,
                    evidence={"detail": str(exc)},
                    fix_id="Perbaiki kode wilayah (mis. 6201 atau 62.01).",
                    fix_en="Correct the kode wilayah (such as 6201 or 62.01).",
                )
            )
            return None
        if name and _is_not(name, found):
            self.findings.append(
                NAME_CONFLICT.at(
                    self.at(row),
                    id=f"Nama {name!r} tidak sama dengan nama kode {found.id} ({found.name}); dibaca menurut kodenya.",
                    en=f"The name {name!r} differs from the name of code {found.id} ({found.name}); read by its code.",
                    expected=found.name,
                    found=name,
                    subject=found.id,
                    fix_id="Periksa kode dan nama wilayahnya: BPS dan Kemendagri kadang memberi kode berbeda.",
                    fix_en="Check the code and the name: BPS and Kemendagri sometimes give different codes.",
                )
            )
        return found

    def _by_name(self, row: int, name: str, exact: list[Government], scope: str | None) -> Government | None:
        if comparison_key(name) == "indonesia":
            return None
        candidates = exact
        if len(candidates) > 1 and scope is not None:
            candidates = [g for g in candidates if scope in (g.id, g.parent_id)] or candidates
        if len(candidates) == 1:
            return candidates[0]
        if candidates:
            names = ", ".join(f"{g.name} ({g.id})" for g in candidates)
            message_id = f"Nama wilayah {name!r} dapat berarti beberapa wilayah: {names}; baris tidak dibaca."
            message_en = f"The region name {name!r} could be several regions: {names}; the row is not read."
        else:
            close = search_governments(name, province=scope, limit=3)
            hint = ", ".join(g.name for g in close)
            message_id = f"Nama wilayah {name!r} tidak ada dalam daftar 552 pemerintah daerah; baris tidak dibaca." + (
                f" Mungkin: {hint}." if hint else ""
            )
            message_en = f"The region name {name!r} is none of the 552 regional governments; the row is not read." + (
                f" Perhaps: {hint}." if hint else ""
            )
        self.findings.append(
            ROW_NOT_READ.at(
                self.at(row),
                id=message_id,
                en=message_en,
                expected="one region of the 552 governments",
                found=name,
                evidence={"candidates": [g.id for g in candidates]},
                fix_id="Tulis nama lengkapnya (Kabupaten …/Kota …) atau tambahkan kolom kode wilayah.",
                fix_en="Write the full name (Kabupaten …/Kota …) or add a kode wilayah column.",
            )
        )
        return None

    def _figures(self, raw: Sequence[Any], texts: Sequence[str], row: int, found: Government, layout: _Layout) -> None:
        by_year: dict[int, dict[str, Decimal | None]] = {}
        if layout.year_column is not None:
            match = _YEAR.search(_cell(texts, layout.year_column))
            if match is None:
                self.findings.append(
                    CELL_UNREADABLE.at(
                        self.at(row, layout.year_column),
                        id=f"Tahun {_cell(texts, layout.year_column)!r} tidak terbaca; baris tidak dibaca.",
                        en=f"The year {_cell(texts, layout.year_column)!r} cannot be read; the row is not read.",
                        expected="a year such as 2024",
                        found=_cell(texts, layout.year_column),
                    )
                )
                return
        for column, (year, variable, factor) in layout.variables.items():
            the_year = year if year is not None else int(_YEAR.search(_cell(texts, layout.year_column)).group(1))  # type: ignore[union-attr]
            value = self._number(raw, row, column)
            by_year.setdefault(the_year, {})[variable] = value * factor if value is not None else None
        for year, values in sorted(by_year.items()):
            if (found.id, year) in self._seen:
                self.findings.append(
                    DUPLICATE_ROW.at(
                        self.at(row),
                        id=f"{found.name} tahun {year} sudah ada di baris {self._seen[found.id, year]}; baris ini tidak dibaca.",
                        en=f"{found.name} for {year} is already in row {self._seen[found.id, year]}; this row is not read.",
                        subject=found.id,
                    )
                )
                continue
            self._seen[found.id, year] = row
            self.figures.append(
                PovertyFigure(
                    region=found.id,
                    name=found.name,
                    level=found.level,
                    province=found.parent_id or found.id,
                    year=year,
                    provenance=Provenance(source=self.source, sheet=self.sheet, row=row),
                    **values,
                )
            )

    def _number(self, raw: Sequence[Any], row: int, column: int) -> Decimal | None:
        value = raw[column] if column < len(raw) else None
        if isinstance(value, bool):
            value = str(value)
        if isinstance(value, (int, float)):
            return Decimal(str(value))
        text = _text(value)
        if text.lower() in _MISSING:
            return None
        try:
            return parse_number(text)
        except ValueError:
            self.findings.append(
                CELL_UNREADABLE.at(
                    self.at(row, column),
                    id=f"Sel {text!r} bukan angka; dibaca sebagai data tidak tersedia.",
                    en=f"The cell {text!r} is not a number; read as no data.",
                    expected="a number such as 12,34, or - for no data",
                    found=text,
                    severity=None,
                )
            )
            return None


def _exact_names(name: str) -> list[Government]:
    key = comparison_key(name)
    return [g for g in governments() if key in _key_forms(g)]


def _is_not(name: str, found: Government) -> bool:
    """Whether a name written beside a code is not that code's region (spelling variants aside)."""
    return not any(compare_names(name, form).matches for form in _key_forms(found))


def _cell(row: Sequence[str], column: int | None) -> str:
    if column is None or column >= len(row):
        return ""
    return row[column]


def _column_letter(index: int) -> str:
    letters = ""
    number = index + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _csv_rows(path: Path) -> list[list[Any]]:
    """The rows of a csv, its separator (``,``, ``;`` or tab) being the one that splits most rows alike.

    A BPS csv saved with ``;`` holds decimal commas (``4,80``), so a guess from the characters alone can
    take the comma; the separator that gives the most rows of one width (more than one cell) is taken.
    """
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    best: list[list[Any]] = []
    best_score = -1
    for delimiter in (",", ";", "\t"):
        rows = [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
        widths = Counter(len(row) for row in rows if len(row) > 1)
        score = widths.most_common(1)[0][1] if widths else 0
        if score > best_score:
            best, best_score = rows, score
    return best


def merge_tables(tables: Iterable[PovertyTable]) -> PovertyTable:
    """Several tables as one: their figures (the first of a region and year kept) and their releases joined."""
    figures: dict[tuple[str, int], PovertyFigure] = {}
    releases: list[str] = []
    sources: list[str] = []
    for table in tables:
        for figure in table.figures:
            figures.setdefault((figure.region, figure.year), figure)
        if table.release and table.release not in releases:
            releases.append(table.release)
        sources.extend(table.sources)
    return PovertyTable(figures=tuple(figures.values()), release="; ".join(releases) or None, sources=tuple(sources))

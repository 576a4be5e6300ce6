"""Reading an Organisasi Perangkat Daerah list: KODE (the SKPD code), ORGANISASI (the name), KETERANGAN.

Each row becomes an :class:`~sinkron.Agency` carrying the bidang urusan its code names
(:func:`sinkron.codes.skpd_sectors`: ``2.18.3.31.0.00.01.0000`` carries ``2.18`` and ``3.31``). A sub unit
(sub unit number other than ``0000``) gets the unit of the same code with ``0000`` as its parent when the
list has it. KETERANGAN is kept in ``extra["keterangan"]``.

Source findings: ``SKN005`` for a row without a code or name, or whose code is not an SKPD code (three
urusan.bidang pairs, the unit and the sub unit: ``4.01.3.00.0.00.01.0000``); ``SKN010`` for a code
listed twice (the first row is read). Every row after the header is read, reported, or counted as a
blank or repeated header row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import attrs

from sinkron.codes import skpd_sectors
from sinkron.errors import Location
from sinkron.models import Agency, Provenance
from sinkron.models.findings import Finding
from sinkron.source_findings import DUPLICATE_ROW, ROW_NOT_READ
from sinkron_spreadsheet.cells import clean_text, is_blank, normalise_header, to_text
from sinkron_spreadsheet.header import Column, Header

__all__ = ["OrganisationsResult", "read_organisations"]

_TOP_UNIT = "0000"


@attrs.frozen
class OrganisationsResult:
    """The perangkat daerah of one sheet, the findings, and how every row after the header was counted.

    ``counts``: ``agency`` (read), ``reported`` (named by a finding, not read), ``header`` (a repeated
    header) and ``blank``.
    """

    agencies: tuple[Agency, ...]
    findings: tuple[Finding, ...]
    rows: int
    counts: dict[str, int]


def read_organisations(
    rows: Iterator[tuple[int, list[Any]]],
    *,
    header: Header,
    source: str,
    sheet: str | None,
    government_id: str | None = None,
    tick: Callable[[int], None] | None = None,
) -> OrganisationsResult:
    """Read the rows after ``header`` into agencies (perangkat daerah of ``government_id``, when given)."""
    findings: list[Finding] = []
    agencies: dict[str, Agency] = {}
    first_rows: dict[str, int] = {}
    counts = {"agency": 0, "reported": 0, "header": 0, "blank": 0}
    header_texts = {p[-1] for p in header.paths if p}

    def cell(values: list[Any], field: str) -> tuple[Column | None, str | None]:
        columns = header.columns.get(field)
        if not columns:
            return None, None
        column = columns[0]
        raw = values[column.index] if column.index < len(values) else None
        return column, (None if is_blank(raw) else clean_text(to_text(raw)))

    def not_read(row: int, column: Column | None, field: str, values: list[Any], why_id: str, why_en: str) -> None:
        shown = " | ".join(clean_text(to_text(v)) for v in values if not is_blank(v))
        findings.append(
            ROW_NOT_READ.at(
                Location(source=source, sheet=sheet, row=row, column=column.letter if column else None, field=field),
                id=f"Baris {row} tidak dibaca: {why_id}.",
                en=f"Row {row} is not read: {why_en}.",
                found=shown,
                expected="a kode SKPD such as 1.02.0.00.0.00.01.0000 and the name of the perangkat daerah",
                fix_id="Perbaiki kode atau nama perangkat daerah.",
                fix_en="Correct the code or the name.",
            )
        )

    seen = 0
    for r, values in rows:
        seen += 1
        row = r + 1
        if tick is not None and seen % 1000 == 0:
            tick(row)
        texts = [normalise_header(to_text(v)) for v in values if not is_blank(v)]
        if not texts:
            counts["blank"] += 1
            continue
        if sum(1 for t in texts if t in header_texts) >= max(2, len(texts) - 1):
            counts["header"] += 1
            continue
        counts["reported"] += 1  # until the row is read
        code_column, code = cell(values, "code")
        name_column, name = cell(values, "name")
        if code is None:
            not_read(row, code_column, "code", values, "kode kosong", "the code is empty")
            continue
        sectors = skpd_sectors(code)
        if sectors is None:
            not_read(
                row,
                code_column,
                "code",
                values,
                f"{code!r} bukan kode SKPD (1.02.0.00.0.00.01.0000)",
                f"{code!r} is not an SKPD code (1.02.0.00.0.00.01.0000)",
            )
            continue
        if name is None:
            not_read(row, name_column, "name", values, "nama perangkat daerah kosong", "the name is empty")
            continue
        if code in agencies:
            findings.append(
                DUPLICATE_ROW.at(
                    Location(
                        source=source,
                        sheet=sheet,
                        row=row,
                        column=code_column.letter if code_column else None,
                        field="code",
                    ),
                    id=f"Kode {code} sudah ada di baris {first_rows[code]} ({agencies[code].name}); baris {row} "
                    f"({name}) tidak dibaca.",
                    en=f"The code {code} is already on row {first_rows[code]} ({agencies[code].name}); row {row} "
                    f"({name}) is not read.",
                    expected=agencies[code].name,
                    found=name,
                )
            )
            continue
        note = cell(values, "note")[1]
        agencies[code] = Agency(
            code=code,
            name=name,
            sectors=sectors,
            government_id=government_id,
            extra={"keterangan": note} if note else {},
            provenance=Provenance(source=source, sheet=sheet, row=row),
        )
        first_rows[code] = row
        counts["reported"] -= 1
        counts["agency"] += 1
    return OrganisationsResult(
        agencies=tuple(_with_parents(agencies)), findings=tuple(findings), rows=seen, counts=counts
    )


def _with_parents(agencies: dict[str, Agency]) -> list[Agency]:
    """Each sub unit with the unit of its code (sub unit ``0000``) as parent, when the list has that unit."""
    out: list[Agency] = []
    for code, agency in agencies.items():
        unit, _, sub_unit = code.rpartition(".")
        parent = f"{unit}.{_TOP_UNIT}"
        if sub_unit != _TOP_UNIT and parent in agencies:
            agency = attrs.evolve(agency, parent_id=agencies[parent].id)
        out.append(agency)
    return out

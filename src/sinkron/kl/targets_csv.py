"""Target tables as CSV: region-differentiated and RKP-year targets of national priority indicators.

One CSV file (UTF-8, ``,`` or ``;`` separated) per source document:

``kode_prioritas``
    the priority's code in its tree (``04``, ``04.02.01``) or its id in the bundle;
``indikator``
    the indicator's id (``prevalensi-stunting``) or its name as the tree writes it;
``tahun``
    the year of the target;
``target``
    a number or a range (``14,2`` or ``4,5–5,0``), Indonesian or English decimal marks;
``kode_wilayah`` (optional)
    the kode wilayah the target applies to (``62`` a province, ``62.02`` a kab/kota); empty for a
    national target of the year (an RKP-year target);
``satuan``, ``sumber``, ``catatan`` (optional)
    the unit of the target, where the figure was read (document, page), a note.

The document itself (``RKP 2026``, ``RPJMN 2025–2029 Lampiran target provinsi``, ``RPJMD Provinsi
Kalimantan Tengah 2025–2029``) is given to the loader and named in every finding and form that
uses a target of the table. :func:`add_target_table` puts the table into ``Bundle.national``.
"""

from __future__ import annotations

from pathlib import Path

import attrs

from sinkron.errors import SourceError
from sinkron.kl.loading import CsvRow, CsvSource, Loaded, read_cell, read_csv_rows
from sinkron.models.bundle import Bundle
from sinkron.models.national.targets import PriorityTarget, TargetTable
from sinkron.models.provenance import Provenance
from sinkron.models.values import Value

__all__ = ["add_target_table", "read_target_table"]

_REQUIRED = ("kode_prioritas", "indikator", "tahun", "target")
_OPTIONAL = ("kode_wilayah", "satuan", "sumber", "catatan")


def _year(text: str) -> int:
    year = int(text)
    if not 1900 <= year <= 2200:
        raise ValueError(f"not a plan year: {text!r}")
    return year


def _row(row: CsvRow, errors: list[SourceError]) -> PriorityTarget | None:
    before = len(errors)
    priority = read_cell(row, "kode_prioritas", str.strip, errors, expected="a priority code such as 04.02.01")
    indicator = read_cell(row, "indikator", str.strip, errors, expected="an indicator id or name")
    year = read_cell(row, "tahun", _year, errors, expected="a year such as 2026")
    unit = row.get("satuan")
    value = read_cell(row, "target", lambda t: Value.parse(t, unit=unit), errors, expected="a number or a range")
    if len(errors) > before or priority is None or indicator is None or year is None or value is None:
        return None
    return PriorityTarget(
        priority=priority,
        indicator=indicator,
        year=year,
        value=value,
        region_code=row.get("kode_wilayah"),
        provenance=Provenance(source=row.source, row=row.number),
    )


def read_target_table(
    source: CsvSource,
    *,
    document: str,
    id: str | None = None,
    supplied_by: str | None = None,
    name: str | None = None,
) -> Loaded[TargetTable]:
    """Read a target table (see the module docs); every problem is located by file, row and column.

    >>> import io
    >>> text = "kode_prioritas,indikator,kode_wilayah,tahun,target\\n04,prevalensi-stunting,62,2026,\\"21,5\\"\\n"
    >>> loaded = read_target_table(io.StringIO(text), document="RPJMD Provinsi Kalimantan Tengah 2025–2029")
    >>> row = loaded.value.rows[0]
    >>> (row.region_code, row.year, row.value.text)
    ('62', 2026, '21,5')
    """
    rows, errors, where = read_csv_rows(source, required=_REQUIRED, optional=_OPTIONAL, name=name)
    targets = [target for row in rows if (target := _row(row, errors)) is not None]
    table = TargetTable(
        id=id or (Path(where).stem if where else "targets"),
        document=document,
        supplied_by=supplied_by,
        rows=targets,
        provenance=Provenance(source=where) if where else None,
    )
    return Loaded(value=table, errors=tuple(errors), source=where, rows=len(rows))


def add_target_table(bundle: Bundle, table: TargetTable) -> Bundle:
    """``bundle`` with ``table`` in ``Bundle.national.target_tables``."""
    national = attrs.evolve(bundle.national, target_tables=(*bundle.national.target_tables, table))
    return attrs.evolve(bundle, national=national)

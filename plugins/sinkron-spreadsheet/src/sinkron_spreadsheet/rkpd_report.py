"""The RKPD / Renja report ("Program dan Kegiatan Perangkat Daerah"), as a reusable reader and writer.

This is the public entry for other connectors (the SIPD plugin's ``sipd-report`` format reads the
same report): :func:`read_rkpd_report` reads a file in this layout, rebuilding the urusan → bidang →
program → kegiatan → sub kegiatan hierarchy from the five code columns and checking every subtotal
(urusan, bidang, program, kegiatan rows and the ``TOTAL`` row) against the sum of the rows under it;
a mismatch is a located error at the subtotal's row. :func:`write_rkpd_report` writes a bundle in
the same layout.

Layout (19 columns, three header rows with merges)::

    Kode (5: urusan | bidang | program | kegiatan | sub kegiatan) | Urusan/Bidang Urusan … Program/Kegiatan |
    Indikator Kinerja (Capaian Program | Keluaran Sub Kegiatan | Hasil Kegiatan) |
    Rencana Tahun N (Lokasi Output Kegiatan | Target Capaian Kinerja (Program | Keluaran Sub Kegiatan |
    Hasil Kegiatan) | Pagu Indikatif (Rp.) | Sumber Dana) | Catatan Penting |
    Prakiraan Maju Rencana Tahun N+1 (Target Capaian Kinerja (Tolok Ukur | Target) | Kebutuhan Dana/Pagu Indikatif (Rp.))
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sinkron.connector import ReadResult
from sinkron.models import Bundle, PlanKind
from sinkron.progress import Progress
from sinkron_spreadsheet.mapping import Mapping, load_mapping
from sinkron_spreadsheet.reader import read_spreadsheet
from sinkron_spreadsheet.writer import write_workbook

__all__ = ["RKPD_REPORT", "read_rkpd_report", "rkpd_report_mapping", "write_rkpd_report"]

#: The layout name.
RKPD_REPORT = "rkpd-report"


def rkpd_report_mapping(**changes: Any) -> Mapping:
    """The built-in RKPD report mapping, optionally changed (``plan_kind=PlanKind.RENJA_PD``, ``year=2026`` …)."""
    import attrs

    return attrs.evolve(load_mapping(RKPD_REPORT), **changes)


def read_rkpd_report(
    source: str | Path,
    *,
    kind: PlanKind = PlanKind.RKPD,
    sheet: str | None = None,
    year: int | None = None,
    format: str | None = None,
    progress: Progress | None = None,
    **options: Any,
) -> ReadResult:
    """Read an RKPD (or, with ``kind=PlanKind.RENJA_PD``, a Renja) report from xlsx or csv.

    The plan year comes from the header (``Rencana Tahun 2026``) unless ``year`` is given; the unit
    from the ``Unit Organisasi`` line above the table (several units in one sheet each start with
    such a line). Returns the bundle and every located problem, subtotal mismatches included.
    """
    return read_spreadsheet(
        source,
        mapping=rkpd_report_mapping(plan_kind=kind),
        sheet=sheet,
        year=year,
        format=format,
        progress=progress,
        **options,
    )


def write_rkpd_report(bundle: Bundle, target: str | Path) -> Path:
    """Write every plan of ``bundle`` as an RKPD report sheet (with subtotal and TOTAL rows)."""
    return write_workbook(bundle, target, layout=RKPD_REPORT)

"""The ``sipd-report`` format: SIPD's RKPD / Renja report spreadsheet, with the nomenclature check.

The report layout ("Program dan Kegiatan Perangkat Daerah": 19 columns, three merged header rows,
urusan → bidang → program → kegiatan → sub kegiatan rows, subtotals and ``TOTAL``) is read by the
sinkron-spreadsheet plugin, which rebuilds the hierarchy and checks every subtotal; this connector
calls its public reader (:func:`sinkron_spreadsheet.read_rkpd_report`) and adds the nomenclature
check of :mod:`sinkron_sipd.nomenclature_check`. It needs ``pip install sinkron-spreadsheet``.
"""

from __future__ import annotations

from typing import Any

import attrs

from sinkron.connector import Connector, ReadResult, Source
from sinkron.errors import Location, SourceError
from sinkron.models import Agency, PlanKind
from sinkron.nomenclature import Nomenclature
from sinkron.options import one_of, option
from sinkron.progress import Progress
from sinkron_sipd.nomenclature_check import nomenclature_problems

__all__ = ["SipdReportConnector", "SipdReportReadOptions"]

_KINDS = (PlanKind.RKPD, PlanKind.RENJA_PD)


@attrs.frozen(kw_only=True)
class SipdReportReadOptions:
    """The read options of the ``sipd-report`` connector."""

    plan_kind: PlanKind = option(PlanKind.RKPD, "rkpd or renja_pd.", validator=one_of(*(kind.value for kind in _KINDS)))
    year: int | None = option(None, "Plan year (from the header, Rencana Tahun 2026, by default).")
    sheet: str | None = option(None, "Read only this sheet (xlsx).")
    format: str | None = option(None, "xlsx or csv (from the extension by default).", validator=one_of("xlsx", "csv"))
    encoding: str | None = option(None, "Text encoding of a csv file.")
    plan_id: str | None = option(None, "Id of the plan read.")
    title: str | None = option(None, "Title of the plan read.")
    agency: Agency | None = option(None, "The perangkat daerah of a Renja report (Python API).")
    limits: Any = option(
        None, "Caps on what is read (a sinkron_spreadsheet.ReadLimits or a dict of some of its fields)."
    )
    check_nomenclature: bool = option(False, "Also report codes outside the nomenclature of the plan year as errors.")
    nomenclature: Nomenclature | None = option(None, "Catalogue for check_nomenclature (the shipped one by default).")


class SipdReportConnector(Connector):
    """Reads the SIPD RKPD/Renja report (xlsx or csv) into a Bundle: ``format="sipd-report"``.

    Options: ``plan_kind`` (``"rkpd"`` default or ``"renja_pd"``), ``year``, ``sheet``, ``format``
    (``"xlsx"``/``"csv"``, else from the extension), ``check_nomenclature`` and ``nomenclature``;
    others go to the spreadsheet reader unchanged.
    """

    name = "sipd-report"
    formats = ("sipd-report",)
    requires = ("sinkron_spreadsheet",)
    install = "sinkron-spreadsheet"
    description = "SIPD RKPD/Renja report spreadsheet (via sinkron-spreadsheet), with the nomenclature check"
    read_options = SipdReportReadOptions

    def read(self, source: Source, *, progress: Progress | None = None, **options: Any) -> ReadResult:
        self.check_available()
        from sinkron_spreadsheet import read_rkpd_report

        where = Location(source=str(source))
        kind_value = options.pop("plan_kind", PlanKind.RKPD)
        kind = PlanKind(kind_value) if kind_value in {k.value for k in _KINDS} else None
        if kind is None:
            raise SourceError("plan_kind of a SIPD report is rkpd or renja_pd", location=where, actual=kind_value)
        check = bool(options.pop("check_nomenclature", False))
        nomenclature = options.pop("nomenclature", None)
        if nomenclature is not None and not isinstance(nomenclature, Nomenclature):
            raise SourceError("nomenclature must be a sinkron.nomenclature.Nomenclature", location=where)
        result = read_rkpd_report(source, kind=kind, progress=progress, **options)
        if not check:
            return result
        problems = []
        for problem in nomenclature_problems(result.bundle, nomenclature):
            if problem.location.source is None:  # items without provenance: at least name the file
                problem = attrs.evolve(problem, location=problem.location.evolve(source=result.source or str(source)))
            problems.append(problem.to_source_error())
        return ReadResult(
            bundle=result.bundle, errors=[*result.errors, *problems], source=result.source, records=result.records
        )

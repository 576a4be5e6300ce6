"""The ``"sipd"`` mapping preset: SIPD-shaped records (wp-sipd ``get_sub_keg_sipd``) through sinkron-sipd.

The SIPD record shapes (nested indicators, capaian, lokasi, sumber dana, tags; all values strings)
are sinkron-sipd's to read. This preset feeds the record stream, record by record, to
sinkron-sipd's public ``BundleBuilder`` — the same code that reads SIPD files — so a
wp-sipd-compatible endpoint reads straight into the Bundle a saved SIPD document would give.
sinkron-sipd is imported only when the preset is used; when it is missing the read stops before
the first request with :class:`~sinkron.ConnectorUnavailable` naming what to install.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from types import ModuleType
from typing import Any

from sinkron.connector import ReadResult
from sinkron.errors import ConnectorUnavailable
from sinkron.models import PlanKind
from sinkron_http.records import JsonRecord

__all__ = ["SipdMapping"]

#: The public names of sinkron-sipd this preset uses.
_NEEDED = ("BundleBuilder", "ReadOptions", "RawRecord")


class SipdMapping:
    """Maps SIPD JSON records with sinkron-sipd (``pip install sinkron-sipd``).

    ``options`` are sinkron-sipd's read options: ``year`` (for records without
    ``tahun_anggaran``), ``plan_kind`` (``"rkpd"``, ``"renja_pd"``, ``"dpa"`` …), ``government_id``,
    ``plan_prefix``, ``decimal``. Each record keeps its JSON path; its position in the whole
    stream is its ``row``, so a problem is located even when several pages share ``$.data[3]``.

    >>> SipdMapping(year=2026)
    SipdMapping(year=2026)
    """

    name = "sipd"
    install = "sinkron-sipd"

    def __init__(self, *, module: str = "sinkron_sipd", **options: Any) -> None:
        self.module = module
        if isinstance(options.get("plan_kind"), str):
            options["plan_kind"] = PlanKind(options["plan_kind"])
        self.options = options

    def __repr__(self) -> str:
        shown = ", ".join(f"{key}={value!r}" for key, value in self.options.items())
        return f"SipdMapping({shown})"

    def _sipd(self) -> ModuleType:
        try:
            module = importlib.import_module(self.module)
        except ImportError as exc:
            raise ConnectorUnavailable(
                "the sipd mapping preset", self.install, f"cannot import {self.module}: {exc}"
            ) from None
        missing = [name for name in _NEEDED if not hasattr(module, name)]
        if missing:
            raise ConnectorUnavailable(
                "the sipd mapping preset",
                f"--upgrade {self.install}",
                f"{self.module} lacks {', '.join(missing)}",
            )
        return module

    def check_available(self) -> None:
        """Raise :class:`~sinkron.ConnectorUnavailable` now rather than after the first page."""
        self._sipd()

    def __call__(self, records: Iterable[JsonRecord], *, source: str) -> ReadResult:
        sipd = self._sipd()
        builder = sipd.BundleBuilder(source, sipd.ReadOptions(**self.options))
        for record in records:
            builder.add(
                sipd.RawRecord(
                    index=record.number - 1,
                    value=record.value,
                    json_path=record.location.json_path or "$",
                    row=record.number,
                )
            )
        return ReadResult(bundle=builder.build(), errors=builder.errors, source=source, records=builder.records)

"""An exporter: a bundle's sub kegiatan as CSV, every text cell safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from typing import Any

from sinkron import Bundle
from sinkron.exporter import Exporter
from sinkron.safe_text import neutralise


class SubActivityCsvExporter(Exporter):
    name = "myplugin-csv"
    formats = ("myplugin-csv",)
    extension = ".csv"
    accepts = (Bundle,)
    description = "sub kegiatan of a bundle as CSV (kode, nama, pagu)"

    def render(self, obj: Any, **options: Any) -> bytes:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["kode", "nama", "pagu"])
        for plan in obj.plans:
            for sub in plan.sub_activities():
                pagu = sum((b.amount.amount for b in sub.budgets), start=0)
                writer.writerow([str(sub.code), neutralise(sub.name), str(pagu)])
        return out.getvalue().encode("utf-8")

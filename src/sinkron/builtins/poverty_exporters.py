"""Built-in plugin: the poverty ranking of ``sinkron report kemiskinan`` as JSON and csv.

Markdown, HTML and xlsx go through the table exporters (:meth:`PovertyRanking.tables
<sinkron.poverty.PovertyRanking.tables>`); these two give the same rankings to scripts: JSON with the
figures as decimal strings (as BPS printed them) and the rows of the source, csv with one row per region
and ranking and the BPS release on every row. csv text from the source file (the release) that would
run as a formula is written with a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from sinkron.exporter import Exporter
from sinkron.options import NoOptions
from sinkron.plugins.hookspecs import hookimpl
from sinkron.poverty import PovertyRanking
from sinkron.safe_text import neutralise

__all__ = ["PovertyCsvExporter", "PovertyJsonExporter"]


class PovertyJsonExporter(Exporter):
    """The poverty ranking as one JSON document."""

    name = "poverty-json"
    formats = ("json",)
    extension = ".json"
    accepts = (PovertyRanking,)
    description = "the kab/kota poverty ranking (sinkron report kemiskinan) as JSON"
    render_options = NoOptions

    def render(self, obj: Any, **options: Any) -> bytes:
        assert isinstance(obj, PovertyRanking)
        return (json.dumps(obj.as_json(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


class PovertyCsvExporter(Exporter):
    """The poverty ranking as csv: one row per region and ranking."""

    name = "poverty-csv"
    formats = ("csv",)
    extension = ".csv"
    accepts = (PovertyRanking,)
    description = "the kab/kota poverty ranking (sinkron report kemiskinan) as csv"
    render_options = NoOptions

    def render(self, obj: Any, **options: Any) -> bytes:
        assert isinstance(obj, PovertyRanking)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        for index, row in enumerate(obj.csv_rows()):
            writer.writerow(row if index == 0 else [*row[:-2], neutralise(row[-2]), neutralise(row[-1])])
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")


@hookimpl
def sinkron_register_exporters(register: Callable[[Exporter], None]) -> None:
    register(PovertyJsonExporter())
    register(PovertyCsvExporter())

"""Built-in plugin: the report as JSON in its stable, documented schema (see docs/reports.md).

The text, Markdown and HTML exporters live beside it: ``report_text``, ``report_markdown``, ``report_html``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sinkron.align.report import Report
from sinkron.exporter import Exporter
from sinkron.options import NoOptions
from sinkron.plugins.hookspecs import hookimpl


class ReportJsonExporter(Exporter):
    """The report in its documented JSON schema (see :mod:`sinkron.align.report`)."""

    name = "report-json"
    formats = ("json",)
    extension = ".json"
    accepts = (Report,)
    description = "findings and metrics as JSON (stable schema)"
    render_options = NoOptions

    def render(self, obj: Any, **options: Any) -> bytes:
        assert isinstance(obj, Report)
        return obj.to_json().encode("utf-8")


@hookimpl
def sinkron_register_exporters(register: Callable[[Exporter], None]) -> None:
    register(ReportJsonExporter())

"""sinkron's built-in plugins, registered through the same hooks as any third-party plugin."""

from __future__ import annotations

#: Import paths of the built-in plugin modules, registered in this order.
DEFAULT_PLUGINS: tuple[str, ...] = (
    "sinkron.builtins.json_connector",
    "sinkron.builtins.report_exporters",
    "sinkron.builtins.report_text",
    "sinkron.builtins.report_markdown",
    "sinkron.builtins.report_html",
    "sinkron.builtins.report_csv",
    "sinkron.builtins.minutes_exporters",
    "sinkron.builtins.table_exporters",
    "sinkron.builtins.poverty_exporters",
    "sinkron.align.rules.source",
    "sinkron.align.rules.nomenclature",
    "sinkron.align.rules.completeness",
    "sinkron.align.rules.vertical",
    "sinkron.align.rules.priorities",
    "sinkron.align.rules.budget",
    "sinkron.align.rules.cascade",
    "sinkron.align.rules.meetings",
    "sinkron.align.rules.monitoring",
    "sinkron.align.rules.early_warning",
    "sinkron.align.rules.national",
)

"""The entry point of the ``sinkron-kl`` distribution (group ``sinkron``, name ``kl``)."""

from __future__ import annotations

from collections.abc import Callable

from sinkron.connector import Connector
from sinkron.exporter import Exporter
from sinkron.plugins import hookimpl
from sinkron_kl.connectors import KrisnaConnector, PriorityTreeConnector, SaktiConnector


@hookimpl
def sinkron_register_connectors(register: Callable[[Connector], None]) -> None:
    register(SaktiConnector())
    register(KrisnaConnector())
    register(PriorityTreeConnector())


@hookimpl
def sinkron_register_exporters(register: Callable[[Exporter], None]) -> None:
    from sinkron_kl.tables_xlsx import TablesXlsxExporter

    register(TablesXlsxExporter())

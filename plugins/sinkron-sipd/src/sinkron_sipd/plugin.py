"""The sinkron plugin module of sinkron-sipd (entry point ``sipd`` in the ``sinkron`` group)."""

from __future__ import annotations

from collections.abc import Callable

from sinkron.connector import Connector
from sinkron.exporter import Exporter
from sinkron.plugins import hookimpl
from sinkron_sipd.connector import SipdConnector, SipdExporter
from sinkron_sipd.report import SipdReportConnector


@hookimpl
def sinkron_register_connectors(register: Callable[[Connector], None]) -> None:
    register(SipdConnector())
    register(SipdReportConnector())


@hookimpl
def sinkron_register_exporters(register: Callable[[Exporter], None]) -> None:
    register(SipdExporter())

"""The sinkron plugin module of sinkron-parquet (entry point ``parquet`` in the ``sinkron`` group)."""

from __future__ import annotations

from collections.abc import Callable

from sinkron.exporter import Exporter
from sinkron.plugins import hookimpl
from sinkron_parquet.exporter import ParquetExporter


@hookimpl
def sinkron_register_exporters(register: Callable[[Exporter], None]) -> None:
    register(ParquetExporter())

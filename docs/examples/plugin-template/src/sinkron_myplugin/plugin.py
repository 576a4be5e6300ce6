"""The module the ``sinkron`` entry point names: one hook implementation per kind of object."""

from __future__ import annotations

from sinkron.align.rule import Rule
from sinkron.connector import Connector
from sinkron.exporter import Exporter
from sinkron.plugins import hookimpl
from sinkron.plugins.hookspecs import Register
from sinkron_myplugin.connector import MonitoringCsvConnector
from sinkron_myplugin.exporter import SubActivityCsvExporter
from sinkron_myplugin.rules import sub_activity_without_pagu


@hookimpl
def sinkron_register_connectors(register: Register[Connector]) -> None:
    register(MonitoringCsvConnector())


@hookimpl
def sinkron_register_exporters(register: Register[Exporter]) -> None:
    register(SubActivityCsvExporter())


@hookimpl
def sinkron_register_rules(register: Register[Rule]) -> None:
    register(sub_activity_without_pagu)

"""The sinkron entry point of sinkron-http: registers the ``http`` connector."""

from __future__ import annotations

from collections.abc import Callable

from sinkron.connector import Connector
from sinkron.plugins import hookimpl
from sinkron_http.connector import HttpConnector


@hookimpl
def sinkron_register_connectors(register: Callable[[Connector], None]) -> None:
    register(HttpConnector())

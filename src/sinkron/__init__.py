"""sinkron: Indonesian development-planning data, typed, checked and synchronised."""

from sinkron.align import CheckConfig, Finding, Report, Severity, check
from sinkron.codes import Code, CodeLevel
from sinkron.connector import Connector, ReadResult
from sinkron.diff import PlanDiff, diff
from sinkron.errors import (
    CodeError,
    ConnectorUnavailable,
    InvalidModel,
    Location,
    PluginLoadError,
    SinkronError,
    SourceError,
    UnknownFormat,
    ValidationError,
)
from sinkron.exporter import Exporter
from sinkron.io import read, read_result, write
from sinkron.models import *  # noqa: F403
from sinkron.models import __all__ as _model_names
from sinkron.plugins import PluginManager, hookimpl
from sinkron.suggest import suggest_links

__version__ = "0.1.0"

__all__ = [
    "CheckConfig",
    "Code",
    "CodeError",
    "CodeLevel",
    "Connector",
    "ConnectorUnavailable",
    "Exporter",
    "Finding",
    "InvalidModel",
    "Location",
    "PlanDiff",
    "PluginLoadError",
    "PluginManager",
    "ReadResult",
    "Report",
    "Severity",
    "SinkronError",
    "SourceError",
    "UnknownFormat",
    "ValidationError",
    "__version__",
    "check",
    "diff",
    "hookimpl",
    "read",
    "read_result",
    "suggest_links",
    "write",
    *_model_names,
]

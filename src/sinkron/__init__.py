"""sinkron: Indonesian development-planning data, typed, checked and synchronised."""

from sinkron.codes import Code, CodeLevel
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
from sinkron.models import *  # noqa: F403
from sinkron.models import __all__ as _model_names

__version__ = "0.1.0"

__all__ = [
    "Code",
    "CodeError",
    "CodeLevel",
    "ConnectorUnavailable",
    "InvalidModel",
    "Location",
    "PluginLoadError",
    "SinkronError",
    "SourceError",
    "UnknownFormat",
    "ValidationError",
    "__version__",
    *_model_names,
]

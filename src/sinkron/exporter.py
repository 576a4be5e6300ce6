"""The exporter interface: how a plugin renders a Report, Bundle or Meeting to a file format.

Exporters render to bytes; sinkron writes the file atomically (temporary file, then rename), so a
crash never leaves a half-written report that looks complete.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any, ClassVar

from sinkron.atomic import write_atomic
from sinkron.errors import ConnectorUnavailable

__all__ = ["Exporter", "write_atomic"]


class Exporter:
    """Base class of exporters; register instances through ``sinkron_register_exporters``.

    ``accepts`` lists the types it renders (``Report``, ``Bundle``, ``Meeting``); ``formats`` the
    names users pass; ``extension`` the default file extension.
    """

    name: ClassVar[str] = ""
    formats: ClassVar[tuple[str, ...]] = ()
    extension: ClassVar[str] = ""
    accepts: ClassVar[tuple[type, ...]] = ()
    requires: ClassVar[tuple[str, ...]] = ()
    install: ClassVar[str | None] = None
    description: ClassVar[str] = ""
    binary: ClassVar[bool] = False
    """True for binary formats (xlsx, parquet) that are never printed to a terminal."""

    def render(self, obj: Any, **options: Any) -> bytes:
        """The exported content."""
        raise NotImplementedError

    def write(self, obj: Any, target: Path, **options: Any) -> None:
        """Write the rendering to ``target`` atomically (override for directory outputs)."""
        write_atomic(target, self.render(obj, **options))

    def check_available(self) -> None:
        missing = [m for m in self.requires if importlib.util.find_spec(m) is None]
        if missing:
            raise ConnectorUnavailable(f"the {self.name} exporter", self.install or " ".join(missing))

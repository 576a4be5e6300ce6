"""``read`` and ``write``: dispatch to the connectors and exporters registered by plugins."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, BinaryIO, overload

from sinkron.collector import paused_gc
from sinkron.connector import ReadResult, Source
from sinkron.errors import Location, SinkronError, SourceError, UnknownFormat
from sinkron.models import Bundle
from sinkron.plugins.manager import PluginManager, get_plugin_manager
from sinkron.progress import Progress

__all__ = ["read", "read_result", "write"]


def read_result(
    source: Source,
    format: str | None = None,
    *,
    plugins: PluginManager | None = None,
    progress: Progress | None = None,
    **options: Any,
) -> ReadResult:
    """Read ``source`` and return the bundle *and* every located problem (see :class:`ReadResult`).

    The connector is chosen by ``format`` (``"xlsx"``, ``"sipd"``, ``"http"`` …) or by the source's
    extension or URL scheme.
    """
    pm = plugins or get_plugin_manager()
    connector = pm.connector_for(source, format)
    connector.check_available()
    if "://" not in str(source) and not Path(source).exists():
        raise SourceError("no such file", location=Location(source=str(source)))
    try:
        with paused_gc():  # a read builds many small objects that all survive
            result = connector.read(source, progress=progress, **options)
    except SinkronError:
        raise
    except Exception as exc:  # a connector bug must not escape as a bare traceback
        owner = next((info.name for info in pm.plugins() if connector.name in info.provides), None)
        plugin = f" (plugin {owner!r})" if owner and owner != connector.name else ""
        raise SourceError(
            f"the {connector.name} connector{plugin} failed: {type(exc).__name__}: {exc}",
            location=Location(source=str(source)),
        ) from exc
    if not isinstance(result, ReadResult):
        raise SourceError(f"the {connector.name} connector returned {type(result).__name__}, not a ReadResult")
    return result


def read(
    source: Source,
    format: str | None = None,
    *,
    plugins: PluginManager | None = None,
    progress: Progress | None = None,
    **options: Any,
) -> Bundle:
    """Read ``source`` into a :class:`~sinkron.Bundle`.

    Raises :class:`~sinkron.ValidationError` with every located problem (and the partial bundle as
    ``.partial``) when the source has errors: a partial import never passes for a complete one.
    Use :func:`read_result` to get the bundle and the errors without an exception.
    """
    return read_result(source, format, plugins=plugins, progress=progress, **options).raise_for_errors()


@overload
def write(
    obj: object,
    target: str | os.PathLike[str],
    format: str | None = None,
    *,
    plugins: PluginManager | None = None,
    **options: Any,
) -> Path: ...


@overload
def write(
    obj: object, target: BinaryIO, format: str, *, plugins: PluginManager | None = None, **options: Any
) -> None: ...


def write(
    obj: object,
    target: str | os.PathLike[str] | BinaryIO,
    format: str | None = None,
    *,
    plugins: PluginManager | None = None,
    **options: Any,
) -> Path | None:
    """Write a Bundle (through a connector that can write) or a Report/Meeting/Bundle (through an exporter).

    The format comes from ``format`` or ``target``'s extension (an unknown extension raises
    :class:`~sinkron.UnknownFormat`, never a guess). Files are written atomically; the path written
    is returned. ``target`` may also be a binary stream (``sys.stdout.buffer``): the exporter's
    rendering is written to it, ``format`` is then required and nothing is returned.
    """
    pm = plugins or get_plugin_manager()
    if not isinstance(target, (str, os.PathLike)):
        if format is None:
            raise UnknownFormat("writing to a stream needs a format (there is no file extension to go by)")
        exporter = pm.exporter_for(obj, format)
        exporter.check_available()
        target.write(exporter.render(obj, **options))
        target.flush()
        return None
    path = Path(target)
    if isinstance(obj, Bundle):
        try:
            connector = pm.connector_for(path, format)
        except SinkronError:
            connector = None
        if connector is not None and connector.can_write:
            connector.check_available()
            connector.write(obj, path, **options)
            return path
    exporter = pm.exporter_for(obj, format, path)
    exporter.check_available()
    exporter.write(obj, path, **options)
    return path

"""``read`` and ``write``: dispatch to the connectors and exporters registered by plugins."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, BinaryIO, overload

from sinkron.collector import paused_gc
from sinkron.connector import Connector, ReadResult, Source
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
    strict: bool = False,
    **options: Any,
) -> ReadResult:
    """Read ``source`` and return the bundle, every located error and the source findings (see :class:`ReadResult`).

    The connector is chosen by ``format`` (``"xlsx"``, ``"sipd"``, ``"http"`` …) or by the source's
    extension or URL scheme. Reading is tolerant: a problem inside data that could be read is a source
    finding and the row is kept (DESIGN §6a). With ``strict=True`` every source finding of severity
    error is also an error, so the result is complete only when the source is clean (all-or-nothing).
    A connector that fails with an unexpected exception gives a result with that failure as its error.
    ``options`` go to the connector, checked and typed by its declaration (``Connector.read_options``)
    first: an unknown option or a bad value raises :class:`~sinkron.errors.OptionError` before anything is read.
    """
    pm = plugins or get_plugin_manager()
    connector = pm.connector_for(source, format)
    options = connector.prepare_read_options(options)
    connector.check_available()
    if "://" not in str(source) and not Path(source).exists():
        raise SourceError("no such file", location=Location(source=str(source)))
    try:
        with paused_gc():  # a read builds many small objects that all survive
            result = connector.read(source, progress=progress, **options)
    except SinkronError:
        raise
    except Exception as exc:  # a connector bug must not escape as a bare traceback
        result = _connector_failed(pm, connector, source, exc)
    if not isinstance(result, ReadResult):
        raise SourceError(f"the {connector.name} connector returned {type(result).__name__}, not a ReadResult")
    return result.strict() if strict else result


def _connector_failed(pm: PluginManager, connector: Connector, source: Source, exc: Exception) -> ReadResult:
    """The result of a connector that raised: nothing read, the failure as its located error."""
    owner = next((info.name for info in pm.plugins() if connector.name in info.provides), None)
    plugin = f" (plugin {owner!r})" if owner and owner != connector.name else ""
    error = SourceError(
        f"the {connector.name} connector{plugin} failed: {type(exc).__name__}: {exc}",
        location=Location(source=str(source)),
    )
    return ReadResult(bundle=Bundle(), errors=(error,), source=str(source))


def read(
    source: Source,
    format: str | None = None,
    *,
    plugins: PluginManager | None = None,
    progress: Progress | None = None,
    strict: bool = False,
    **options: Any,
) -> Bundle:
    """Read ``source`` into a :class:`~sinkron.Bundle`.

    Raises :class:`~sinkron.ValidationError` with every located problem (and the partial bundle as
    ``.partial``) when the source has errors: a partial import never passes for a complete one.
    Problems inside data that could be read are source findings, kept in the bundle's
    ``source_findings`` (and reported by :func:`sinkron.check`); ``strict=True`` makes those of
    severity error raise too. Use :func:`read_result` to get the bundle and the errors without an exception.
    """
    result = read_result(source, format, plugins=plugins, progress=progress, strict=strict, **options)
    return result.raise_for_errors()


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

    The format comes from ``format``, else from ``target``'s extension (an unknown extension raises
    :class:`~sinkron.UnknownFormat`, never a guess) — never from what a file already at ``target``
    holds: ``write(bundle, "old.json")`` writes sinkron JSON even over a SIPD export. Files are written atomically; the path written
    is returned. ``target`` may also be a binary stream (``sys.stdout.buffer``): the exporter's
    rendering is written to it, ``format`` is then required and nothing is returned.
    """
    pm = plugins or get_plugin_manager()
    if not isinstance(target, (str, os.PathLike)):
        if format is None:
            raise UnknownFormat("writing to a stream needs a format (there is no file extension to go by)")
        exporter = pm.exporter_for(obj, format)
        options = exporter.prepare_render_options(options)
        exporter.check_available()
        target.write(exporter.render(obj, **options))
        target.flush()
        return None
    path = Path(target)
    if isinstance(obj, Bundle):
        connector = pm.writer_for(path, format)
        if connector is not None:
            connector.check_available()
            connector.write(obj, path, **options)
            return path
    exporter = pm.exporter_for(obj, format, path)
    options = exporter.prepare_render_options(options)
    exporter.check_available()
    exporter.write(obj, path, **options)
    return path

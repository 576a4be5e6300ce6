"""The typed facade over pluggy: the only code in sinkron that calls hooks.

Loading is isolated. Each entry point is imported on its own; one that fails to import, or raises
while registering, is recorded (name, distribution, error) and skipped, and everything else keeps
working. ``SINKRON_LOAD_PLUGINS=a,b`` loads only those entry points (an empty value loads none);
``SINKRON_DISABLED_PLUGINS=a`` skips some. The constructor takes the same choices as arguments.
"""

from __future__ import annotations

import importlib
import os
import traceback
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import attrs
import pluggy

from sinkron.errors import PluginLoadError, UnknownFormat
from sinkron.plugins import hookspecs
from sinkron.plugins.defaults import DEFAULT_PLUGINS
from sinkron.plugins.first_party import FirstPartyPlugin, plugin_for_format, plugin_for_source

if TYPE_CHECKING:  # the facade's types; importing them at run time would load the models for `sinkron plugins`
    from sinkron.align.rule import Rule
    from sinkron.connector import Connector
    from sinkron.exporter import Exporter

__all__ = ["ENTRY_POINT_GROUP", "PluginInfo", "PluginManager", "get_plugin_manager", "reset_plugin_manager"]

ENTRY_POINT_GROUP = "sinkron"
ENV_LOAD = "SINKRON_LOAD_PLUGINS"
ENV_DISABLED = "SINKRON_DISABLED_PLUGINS"

Status = Literal["builtin", "loaded", "failed", "disabled"]
T = TypeVar("T")


@attrs.frozen(kw_only=True)
class PluginInfo:
    """One plugin as ``sinkron plugins`` lists it."""

    name: str
    status: Status
    distribution: str | None = None
    version: str | None = None
    hooks: tuple[str, ...] = ()
    error: str | None = None
    provides: tuple[str, ...] = ()
    """Names of the connectors, exporters and rules it registered."""

    def to_dict(self) -> dict[str, Any]:
        return attrs.asdict(self)


def _split(value: str | None) -> set[str] | None:
    if value is None:
        return None
    return {part.strip() for part in value.split(",") if part.strip()}


class PluginManager:
    """sinkron's plugins: built-ins plus entry points, each loaded in isolation.

    >>> pm = PluginManager(load_entry_points=False)
    >>> "json" in pm.connectors()
    True
    """

    def __init__(
        self,
        *,
        load_entry_points: bool = True,
        load: Iterable[str] | None = None,
        disable: Iterable[str] = (),
        builtins: bool = True,
        environ: dict[str, str] | None = None,
    ) -> None:
        env = os.environ if environ is None else environ
        self._pm = pluggy.PluginManager(hookspecs.PROJECT)
        self._pm.add_hookspecs(hookspecs)
        self._info: dict[str, PluginInfo] = {}
        self._cache: dict[str, dict[str, Any]] = {}
        only = set(load) if load is not None else _split(env.get(ENV_LOAD))
        disabled = set(disable) | (_split(env.get(ENV_DISABLED)) or set())
        if builtins:
            for path in DEFAULT_PLUGINS:
                self._register_module(path, importlib.import_module(path), status="builtin")
        if load_entry_points:
            self._load_entry_points(only, disabled)

    # -- loading -------------------------------------------------------------------------------
    def _load_entry_points(self, only: set[str] | None, disabled: set[str]) -> None:
        for ep in sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
            dist = ep.dist.name if ep.dist is not None else None
            version = ep.dist.version if ep.dist is not None else None
            if (only is not None and ep.name not in only) or ep.name in disabled:
                self._info[ep.name] = PluginInfo(name=ep.name, status="disabled", distribution=dist, version=version)
                continue
            try:
                plugin = ep.load()
            except Exception as exc:  # isolation: any import-time failure is recorded, not raised
                self._record_failure(ep.name, dist, version, exc)
                continue
            self._register_module(ep.name, plugin, status="loaded", distribution=dist, version=version)

    def _register_module(
        self, name: str, plugin: object, *, status: Status, distribution: str | None = None, version: str | None = None
    ) -> None:
        try:
            self._pm.register(plugin, name=name)
        except Exception as exc:
            self._record_failure(name, distribution, version, exc)
            return
        hooks = tuple(sorted(h.name for h in self._pm.get_hookcallers(plugin) or ()))
        self._info[name] = PluginInfo(name=name, status=status, distribution=distribution, version=version, hooks=hooks)
        self._cache.clear()

    def _record_failure(self, name: str, distribution: str | None, version: str | None, exc: BaseException) -> None:
        error = PluginLoadError(name, distribution, exc)
        last = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
        where = f" ({Path(last[0].filename).name}:{last[0].lineno})" if last else ""
        self._info[name] = PluginInfo(
            name=name, status="failed", distribution=distribution, version=version, error=str(error) + where
        )
        if self._pm.has_plugin(name):
            self._pm.unregister(name=name)
        self._cache.clear()

    # -- registration API (fixtures and applications) ------------------------------------------
    def register(self, plugin: object, name: str | None = None) -> str:
        """Register a plugin object or module at run time; returns its name."""
        plugin_name = name or getattr(plugin, "__name__", None) or repr(plugin)
        self._register_module(plugin_name, plugin, status="loaded")
        if self._info[plugin_name].status == "failed":
            raise PluginLoadError(plugin_name, None, RuntimeError(self._info[plugin_name].error or "failed"))
        return plugin_name

    def unregister(self, name: str) -> None:
        """Remove a plugin registered under ``name``."""
        if self._pm.has_plugin(name):
            self._pm.unregister(name=name)
        self._info.pop(name, None)
        self._cache.clear()

    # -- calling hooks, isolated per implementation ----------------------------------------------
    def _collect(self, hook_name: str, key: Callable[[T], str]) -> dict[str, T]:
        if hook_name in self._cache:
            return dict(self._cache[hook_name])
        collected: dict[str, T] = {}
        hook = getattr(self._pm.hook, hook_name)
        # Registration order (built-ins first), so a plugin registering a name a built-in uses overrides it.
        for impl in hook.get_hookimpls():
            plugin_name = impl.plugin_name
            found: list[T] = []
            try:
                impl.function(register=found.append)
            except Exception as exc:
                info = self._info.get(plugin_name)
                self._record_failure(
                    plugin_name, info.distribution if info else None, info.version if info else None, exc
                )
                continue
            for obj in found:
                collected[key(obj)] = obj
            info = self._info.get(plugin_name)
            if info is not None:
                self._info[plugin_name] = attrs.evolve(info, provides=tuple(sorted({*info.provides, *map(key, found)})))
        self._cache[hook_name] = collected
        return dict(collected)

    def connectors(self) -> dict[str, Connector]:
        """Registered connectors by name."""
        return self._collect("sinkron_register_connectors", _connector_name)

    def exporters(self) -> dict[str, Exporter]:
        """Registered exporters by name."""
        return self._collect("sinkron_register_exporters", _exporter_name)

    def rules(self) -> dict[str, Rule]:
        """Registered rules by id."""
        return self._collect("sinkron_register_rules", _rule_id)

    def plugins(self) -> list[PluginInfo]:
        """Every plugin: built-in, loaded, failed or disabled (hooks are called once to fill ``provides``)."""
        self.connectors()
        self.exporters()
        self.rules()
        return sorted(self._info.values(), key=lambda i: (i.status != "builtin", i.name))

    @property
    def failures(self) -> list[PluginInfo]:
        return [i for i in self.plugins() if i.status == "failed"]

    # -- choosing a connector or exporter -----------------------------------------------------------
    def connector_for(self, source: str | Path, format: str | None = None) -> Connector:
        """The connector for ``format``, or the one whose extension/scheme matches ``source``."""
        if format is not None:
            return self._connector_named(format)
        connectors = self.connectors()
        matches = [c for c in connectors.values() if _ask(c.handles, source, False)]
        if not matches:
            suffix = Path(str(source)).suffix or str(source).split("://")[0]
            known = sorted({e for c in connectors.values() for e in c.extensions})
            raise UnknownFormat(
                _install_hint(plugin_for_source(source))
                or _unknown("source type", suffix, known, self)
                + "; choose a connector by name (--from on the command line, format= in Python)"
            )
        return _recognising(matches, source)[-1]

    def _connector_named(self, format: str) -> Connector:
        """The connector whose name or one of whose formats is ``format``."""
        connectors = self.connectors()
        for connector in connectors.values():
            if format == connector.name or format in connector.formats:
                return connector
        known = sorted({f for c in connectors.values() for f in c.formats})
        raise UnknownFormat(_install_hint(plugin_for_format(format)) or _unknown("format", format, known, self))

    def output_formats(self, kind: type) -> list[str]:
        """The formats :func:`sinkron.write` writes an object of type ``kind`` in, sorted.

        Those of the exporters that accept ``kind`` and, for a Bundle, of the connectors that can
        write one; a format whose plugin lacks a dependency is listed (writing it says what to install).

        >>> pm = PluginManager(load_entry_points=False)
        >>> from sinkron.align.report import Report
        >>> pm.output_formats(Report)
        ['csv', 'html', 'json', 'markdown', 'md', 'text', 'txt']
        """
        from sinkron.models import Bundle

        exporters = [e for e in self.exporters().values() if not e.accepts or issubclass(kind, e.accepts)]
        formats = {f for e in exporters for f in e.formats}
        if issubclass(kind, Bundle):
            formats |= {f for c in self.connectors().values() if c.can_write for f in (c.name, *c.formats)}
        return sorted(formats)

    def exporter_for(self, obj: object, format: str | None = None, target: str | Path | None = None) -> Exporter:
        """The exporter for ``format`` (or ``target``'s extension) that accepts ``obj``'s type."""
        exporters = [e for e in self.exporters().values() if not e.accepts or isinstance(obj, e.accepts)]
        if format is None and target is not None:
            suffix = Path(str(target)).suffix.lower()
            for exporter in exporters:
                if exporter.extension == suffix:
                    return exporter
            format = suffix.lstrip(".") or None
        for exporter in exporters:
            if format == exporter.name or format in exporter.formats:
                return exporter
        names = sorted({f for e in exporters for f in e.formats})
        raise UnknownFormat(_unknown(f"output format for {type(obj).__name__}", format, names, self))


def _connector_name(connector: Connector) -> str:
    return connector.name


def _exporter_name(exporter: Exporter) -> str:
    return exporter.name


def _rule_id(rule: Rule) -> str:
    return rule.id


_RAISED = object()


def _ask(check: Callable[[str | Path], Any], source: str | Path, otherwise: Any) -> Any:
    """A connector's ``handles``/``detect`` answer, or ``otherwise`` when it raises (a broken file it sniffed)."""
    try:
        return check(source)
    except Exception:
        return otherwise


def _recognising(matches: list[Connector], source: str | Path) -> list[Connector]:
    """Of several connectors that read ``source``'s extension, those that recognise its content.

    Several connectors read one extension (sinkron JSON and SIPD JSON both use .json): those that
    claim the content, else those that cannot tell, else those that answered; a connector whose
    detection raised (a broken file it sniffed) comes last of all. The caller takes the last one
    (the one registered last).
    """
    if len(matches) == 1:
        return matches
    verdicts = [(c, _ask(c.detect, source, _RAISED)) for c in matches]
    claiming = [c for c, verdict in verdicts if verdict is True]
    undecided = [c for c, verdict in verdicts if verdict is None]
    answered = [c for c, verdict in verdicts if verdict is not _RAISED]
    return claiming or undecided or answered or matches


def _install_hint(plugin: FirstPartyPlugin | None) -> str | None:
    """What to install when a first-party plugin that is not installed would read the source."""
    if plugin is None:
        return None
    try:
        metadata.distribution(plugin.distribution)
    except metadata.PackageNotFoundError:
        return f"{plugin.distribution} reads {plugin.reads}, and it is not installed: `{plugin.install}`"
    return f"{plugin.distribution} reads {plugin.reads}; it is installed but not loaded (see `sinkron plugins`)"


def _unknown(what: str, value: object, known: list[str], pm: PluginManager) -> str:
    message = f"unknown {what} {value!r}; known: {', '.join(known) or 'none'}"
    failed = [i.name for i in pm.failures]
    if failed:
        message += f" (plugins that failed to load: {', '.join(failed)}; see `sinkron plugins`)"
    return message


_default: PluginManager | None = None


def get_plugin_manager() -> PluginManager:
    """The process-wide plugin manager, created on first use from the environment."""
    global _default
    if _default is None:
        _default = PluginManager()
    return _default


def reset_plugin_manager() -> None:
    """Forget the process-wide manager (the next call re-reads the environment and entry points)."""
    global _default
    _default = None

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
import warnings
from collections.abc import Callable, Iterable, Mapping
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import attrs
import pluggy

from sinkron.connector import refuse_special_file
from sinkron.errors import PluginConflict, PluginLoadError, PluginWarning, UnknownFormat
from sinkron.plugins import hookspecs
from sinkron.plugins.defaults import DEFAULT_PLUGINS
from sinkron.plugins.first_party import FIRST_PARTY, FirstPartyPlugin, plugin_for_format, plugin_for_source

if TYPE_CHECKING:  # the facade's types; importing them at run time would load the models for `sinkron plugins`
    from sinkron.align.rule import Rule
    from sinkron.connector import Connector
    from sinkron.exporter import Exporter

__all__ = [
    "ENTRY_POINT_GROUP",
    "ConnectorChoice",
    "PluginInfo",
    "PluginManager",
    "get_plugin_manager",
    "reset_plugin_manager",
]

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
    replaces: tuple[str, ...] = ()
    """What it replaces on purpose (registered with ``replaces=``): ``"rule SKN603 (from sinkron.align.rules.monitoring)"``."""

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
        self._owners: dict[str, dict[str, str]] = {}
        self.notices: list[str] = []
        """Problems with the plugin switches (a name in ``SINKRON_DISABLED_PLUGINS`` that no entry point has …)."""
        only = set(load) if load is not None else _split(env.get(ENV_LOAD))
        disabled = set(disable) | (_split(env.get(ENV_DISABLED)) or set())
        if builtins:
            for path in DEFAULT_PLUGINS:
                self._register_module(path, importlib.import_module(path), status="builtin")
        if load_entry_points:
            self._load_entry_points(only, disabled)

    # -- loading -------------------------------------------------------------------------------
    def _load_entry_points(self, only: set[str] | None, disabled: set[str]) -> None:
        entry_points = sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name)
        self._check_switches(entry_points, only, disabled)
        for ep in entry_points:
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

    def _check_switches(
        self, entry_points: list[metadata.EntryPoint], only: set[str] | None, disabled: set[str]
    ) -> None:
        """Warn about switch names that are no entry point's name (a typo, or a distribution's name)."""
        names = {ep.name for ep in entry_points}
        by_distribution: dict[str, list[str]] = {}
        for ep in entry_points:
            if ep.dist is not None:
                by_distribution.setdefault(ep.dist.name.lower(), []).append(ep.name)
        for switch, given in ((f"{ENV_LOAD} (load=)", only or set()), (f"{ENV_DISABLED} (disable=)", disabled)):
            for name in sorted(given - names):
                hint = by_distribution.get(name.lower())
                advice = (
                    f"it is a distribution; its entry point(s): {', '.join(hint)}"
                    if hint
                    else f"installed plugins: {', '.join(sorted(names)) or 'none'}"
                )
                self._notice(f"{switch} names {name!r}, which is no installed plugin ({advice})")

    def _notice(self, message: str) -> None:
        self.notices.append(message)
        warnings.warn(f"sinkron: {message}", PluginWarning, stacklevel=4)

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
        warnings.warn(f"sinkron: skipped {error}{where} (see `sinkron plugins`)", PluginWarning, stacklevel=4)
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
    def _collect(self, hook_name: str, kind: str, key: Callable[[T], str]) -> dict[str, T]:
        """What every plugin registers through ``hook_name``, by name, in registration order (built-ins first).

        A name registered again by a later plugin fails that plugin (:class:`PluginConflict`) unless it
        registered with ``replaces=name``.
        """
        if hook_name in self._cache:
            return dict(self._cache[hook_name])
        collected: dict[str, T] = {}
        owners: dict[str, str] = {}
        hook = getattr(self._pm.hook, hook_name)
        for impl in hook.get_hookimpls():
            plugin_name = impl.plugin_name
            found: list[tuple[T, str | None]] = []

            def register(obj: T, /, *, replaces: str | None = None, _found: list[tuple[T, str | None]] = found) -> None:
                _found.append((obj, replaces))

            try:
                impl.function(register=register)
                replaced = _check_names(kind, plugin_name, [(key(obj), replaces) for obj, replaces in found], owners)
            except Exception as exc:
                self._fail_registered(plugin_name, exc)
                continue
            for obj, _ in found:
                collected[key(obj)] = obj
                owners[key(obj)] = plugin_name
            info = self._info.get(plugin_name)
            if info is not None:
                self._info[plugin_name] = attrs.evolve(
                    info,
                    provides=tuple(sorted({*info.provides, *(key(obj) for obj, _ in found)})),
                    replaces=tuple(sorted({*info.replaces, *replaced})),
                )
        self._cache[hook_name] = collected
        self._owners[hook_name] = owners
        return dict(collected)

    def _fail_registered(self, plugin_name: str, exc: BaseException) -> None:
        info = self._info.get(plugin_name)
        self._record_failure(plugin_name, info.distribution if info else None, info.version if info else None, exc)

    def connectors(self) -> dict[str, Connector]:
        """Registered connectors by name."""
        return self._collect("sinkron_register_connectors", "connector", _connector_name)

    def exporters(self) -> dict[str, Exporter]:
        """Registered exporters by name."""
        return self._collect("sinkron_register_exporters", "exporter", _exporter_name)

    def rules(self) -> dict[str, Rule]:
        """Registered rules by id."""
        return self._collect("sinkron_register_rules", "rule", _rule_id)

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
        """The connector for ``format``, or the one whose extension/scheme matches ``source`` (see :meth:`choose_connector`)."""
        return self.choose_connector(source, format).connector

    def choose_connector(self, source: str | Path, format: str | None = None) -> ConnectorChoice:
        """The connector that reads ``source``, and why it was chosen (``sinkron read -v`` prints it).

        ``format`` names a connector (or one of its formats). Otherwise the connectors whose extension
        or URL scheme matches are asked :meth:`~sinkron.connector.Connector.detect`: those that
        recognise the content, else those that cannot tell, are kept, and a tie goes to the higher
        ``priority``, then to a first-party connector (sinkron's own or a distribution in
        :data:`~sinkron.plugins.first_party.FIRST_PARTY`) before a third-party one, then to the one
        registered last (built-ins first, then entry points by name). A FIFO, a device or a socket is refused
        first (:func:`~sinkron.connector.refuse_special_file`): looking at one to detect its format would hang.
        """
        refuse_special_file(source)
        if format is not None:
            return ConnectorChoice(self._connector_named(format), f"named by format {format!r}")
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
        if len(matches) == 1:
            return ConnectorChoice(matches[0], "the only connector for its extension or URL scheme")
        pool, why = _recognising(matches, source)
        ranked = self._ranked(pool)
        winner = ranked[-1]
        rivals = [c.name for c in ranked[:-1]]
        if not rivals:
            return ConnectorChoice(winner, why, tuple(c.name for c in matches))
        runner_up = ranked[-2]
        if runner_up.priority != winner.priority:
            tie = f"priority {winner.priority} over {runner_up.priority}"
        elif self._first_party(runner_up) != self._first_party(winner):
            tie = "first-party before third-party"
        else:
            tie = "equal priority, registered last"
        return ConnectorChoice(
            winner, f"{why}; tie with {', '.join(rivals)} broken by {tie}", tuple(c.name for c in matches)
        )

    def writer_for(self, target: str | Path, format: str | None = None) -> Connector | None:
        """The connector that writes a bundle to ``target``, or ``None`` when none does (an exporter may).

        ``format`` names the connector (or one of its formats); without it, the connectors whose
        :meth:`~sinkron.connector.Connector.writes` claims ``target``'s extension are ranked as readers are
        (``priority``, then first-party, then registered last). What a file already at ``target`` holds
        never counts: an existing SIPD ``out.json`` is replaced by what ``format`` or the extension says.
        """
        if format is not None:
            try:
                connector = self._connector_named(format)
            except UnknownFormat:
                return None  # an exporter's format, or unknown: the exporter lookup says which
            return connector if connector.can_write else None
        writers = [c for c in self.connectors().values() if _ask(c.writes, target, False)]
        return self._ranked(writers)[-1] if writers else None

    def _ranked(self, connectors: list[Connector]) -> list[Connector]:
        """``connectors`` from the one that loses a tie to the one that wins it (priority, first-party, registered last)."""
        order = {name: index for index, name in enumerate(self.connectors())}
        return sorted(connectors, key=lambda c: (c.priority, self._first_party(c), order[c.name]))

    def _first_party(self, connector: Connector) -> bool:
        owner = self._owners.get("sinkron_register_connectors", {}).get(connector.name)
        info = self._info.get(owner) if owner is not None else None
        if info is None:
            return False
        return info.status == "builtin" or (info.distribution or "").lower() in _FIRST_PARTY_DISTRIBUTIONS

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


_FIRST_PARTY_DISTRIBUTIONS = frozenset(p.distribution for p in FIRST_PARTY)


@attrs.frozen
class ConnectorChoice:
    """The connector chosen for a source, why, and which connectors read its extension or scheme."""

    connector: Connector
    reason: str
    candidates: tuple[str, ...] = ()


def _check_names(
    kind: str, plugin: str, registered: list[tuple[str, str | None]], owners: Mapping[str, str]
) -> list[str]:
    """The names ``plugin`` replaces on purpose; :class:`PluginConflict` for one it registers again without saying so."""
    replaced: list[str] = []
    seen: set[str] = set()
    for name, replaces in registered:
        if replaces is not None and replaces != name:
            raise ValueError(f"{kind} {name!r} was registered with replaces={replaces!r}: replaces must name it")
        if name in seen:
            raise PluginConflict(kind, name, plugin, plugin)
        seen.add(name)
        if name in owners and replaces is None:
            raise PluginConflict(kind, name, plugin, owners[name])
        if replaces is not None:
            replaced.append(f"{kind} {name}" + (f" (from {owners[name]})" if name in owners else ""))
    return replaced


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


def _recognising(matches: list[Connector], source: str | Path) -> tuple[list[Connector], str]:
    """Of several connectors that read ``source``'s extension, those that recognise its content, and how they were kept.

    Several connectors read one extension (sinkron JSON and SIPD JSON both use .json): those that
    claim the content, else those that cannot tell, else those that answered; a connector whose
    detection raised (a broken file it sniffed) comes last of all.
    """
    verdicts = [(c, _ask(c.detect, source, _RAISED)) for c in matches]
    claiming = [c for c, verdict in verdicts if verdict is True]
    if claiming:
        return claiming, "its detect() recognised the content"
    undecided = [c for c, verdict in verdicts if verdict is None]
    if undecided:
        return undecided, "no connector recognised the content and its detect() could not tell"
    answered = [c for c, verdict in verdicts if verdict is not _RAISED]
    if answered:
        return answered, "every connector's detect() said no"
    return matches, "every connector's detect() failed"


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

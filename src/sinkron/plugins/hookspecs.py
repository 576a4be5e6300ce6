"""Hook specifications: the three ways a plugin extends sinkron.

Each hook receives a ``register`` callback; a plugin calls it once per object it contributes.
Implement them in a module (or object) decorated with :data:`hookimpl` and expose it through the
``sinkron`` entry-point group::

    [project.entry-points.sinkron]
    my_connector = "my_package.sinkron_plugin"

sinkron's own built-ins (the JSON connector, the alignment rules, the report exporters) are
registered through these same hooks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, TypeVar

import pluggy

if TYPE_CHECKING:  # keep importing this module cheap
    from sinkron.align.rule import Rule
    from sinkron.connector import Connector
    from sinkron.exporter import Exporter

__all__ = ["Register", "hookimpl", "hookspec"]

Registered = TypeVar("Registered", contravariant=True)


class Register(Protocol[Registered]):
    """The ``register`` callback a hook receives: call it once per object the plugin contributes.

    ``replaces`` names the rule id, connector or exporter name the object deliberately replaces (it must
    be the object's own id or name). Without it, registering a name another plugin already registered
    is a load error for the later plugin (:class:`~sinkron.errors.PluginConflict`).

    .. versionadded:: 0.2 ``replaces``
    """

    def __call__(self, obj: Registered, /, *, replaces: str | None = None) -> None: ...


PROJECT = "sinkron"

#: Marks a hook specification (sinkron internal).
hookspec = pluggy.HookspecMarker(PROJECT)
#: Marks a hook implementation in a plugin.
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def sinkron_register_connectors(register: Register[Connector]) -> None:
    """Register connectors that read sources into a Bundle (and optionally write one back).

    Called once per plugin manager, the first time connectors are needed (reading, ``sinkron plugins``).
    Call ``register(connector)`` with an instance of a :class:`sinkron.connector.Connector`
    subclass for each connector the plugin provides; ``register(connector, replaces=name)`` to
    replace another plugin's connector of the same name. Returns nothing; an exception fails the plugin.

    .. versionadded:: 0.1
    """


@hookspec
def sinkron_register_exporters(register: Register[Exporter]) -> None:
    """Register exporters that render a Report, Bundle or Meeting to a file format.

    Called once per plugin manager, the first time exporters are needed (writing, ``sinkron plugins``).
    Call ``register(exporter)`` with an instance of a :class:`sinkron.exporter.Exporter` subclass;
    ``register(exporter, replaces=name)`` to replace another plugin's exporter of the same name.
    Returns nothing; an exception fails the plugin.

    .. versionadded:: 0.1
    """


@hookspec
def sinkron_register_rules(register: Register[Rule]) -> None:
    """Register alignment rules that ``sinkron.check`` runs on a Bundle.

    Called once per plugin manager, the first time rules are needed (checking, ``sinkron plugins``).
    Call ``register(rule)`` with a :class:`sinkron.align.rule.Rule` for each rule;
    ``register(rule, replaces=rule.id)`` to replace another plugin's rule of that id. Rule ids are
    2–5 capitals and 3 digits: sinkron's are ``SKN`` + family digit + two digits, third-party rules
    use their own prefix (``APP101``, family 10, "Plugin rules"). Returns nothing; an exception
    fails the plugin.

    .. versionadded:: 0.1
    """

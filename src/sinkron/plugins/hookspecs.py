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

from collections.abc import Callable
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:  # keep importing this module cheap
    from sinkron.align.rule import Rule
    from sinkron.connector import Connector
    from sinkron.exporter import Exporter

__all__ = ["hookimpl", "hookspec"]

PROJECT = "sinkron"

#: Marks a hook specification (sinkron internal).
hookspec = pluggy.HookspecMarker(PROJECT)
#: Marks a hook implementation in a plugin.
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def sinkron_register_connectors(register: Callable[[Connector], None]) -> None:
    """Register connectors that read sources into a Bundle (and optionally write one back).

    Call ``register(connector)`` with an instance of a :class:`sinkron.connector.Connector`
    subclass for each connector the plugin provides.

    .. versionadded:: 0.1
    """


@hookspec
def sinkron_register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register exporters that render a Report, Bundle or Meeting to a file format.

    Call ``register(exporter)`` with an instance of a :class:`sinkron.exporter.Exporter` subclass.

    .. versionadded:: 0.1
    """


@hookspec
def sinkron_register_rules(register: Callable[[Rule], None]) -> None:
    """Register alignment rules that ``sinkron.check`` runs on a Bundle.

    Call ``register(rule)`` with a :class:`sinkron.align.rule.Rule` for each rule. Rule ids follow
    ``SKN`` + family digit + two digits; third-party rules should use their own prefix (``XYZ101``).

    .. versionadded:: 0.1
    """

"""sinkron's plugin system (pluggy): hook specs, the typed manager, built-in defaults.

Write a plugin by implementing one or more hooks of :mod:`sinkron.plugins.hookspecs` with
:data:`hookimpl` and exposing the module through the ``sinkron`` entry-point group. See
``docs/plugins.md``.
"""

from sinkron.plugins.hookspecs import hookimpl
from sinkron.plugins.manager import (
    ENTRY_POINT_GROUP,
    PluginInfo,
    PluginManager,
    get_plugin_manager,
    reset_plugin_manager,
)

__all__ = ["ENTRY_POINT_GROUP", "PluginInfo", "PluginManager", "get_plugin_manager", "hookimpl", "reset_plugin_manager"]

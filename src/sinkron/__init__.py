"""sinkron: Indonesian development-planning data, typed, checked and synchronised.

The public names below load on first use (PEP 562), so ``import sinkron`` stays light: ``sinkron.Bundle``
imports the models, ``sinkron.check`` the alignment engine, ``sinkron.read`` the plugin manager.
``docs/architecture.md`` describes the floors this package is built in.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING

from sinkron._version import __version__

if TYPE_CHECKING:
    from sinkron.align import CheckConfig, Finding, Report, Severity, check
    from sinkron.codes import Code, CodeLevel
    from sinkron.connector import Connector, ReadResult
    from sinkron.diff import PlanDiff, diff
    from sinkron.errors import (
        CodeError,
        ConnectorUnavailable,
        InvalidModel,
        Location,
        OptionError,
        PluginConflict,
        PluginLoadError,
        PluginWarning,
        SinkronError,
        SourceError,
        UnknownFormat,
        ValidationError,
    )
    from sinkron.exporter import Exporter
    from sinkron.io import read, read_result, write
    from sinkron.models import (
        ActionItem,
        ActionStatus,
        Activity,
        Agency,
        AgencyKind,
        AgendaItem,
        Agreement,
        Baseline,
        Budget,
        BudgetKind,
        BudgetLine,
        Bundle,
        Desk,
        Direction,
        FundingSource,
        Goal,
        Government,
        GovernmentLevel,
        Indicator,
        IndicatorKind,
        Link,
        LinkKind,
        Meeting,
        MeetingKind,
        Mission,
        Money,
        Objective,
        Origin,
        Participant,
        Plan,
        PlanKind,
        PlanPeriod,
        PlanStage,
        PriceStandard,
        Priority,
        PriorityKind,
        Program,
        Proposal,
        Provenance,
        Realisation,
        ReportingPeriod,
        Spending,
        SubActivity,
        Target,
        Value,
        ValueKind,
        ref,
    )
    from sinkron.plugins import PluginManager, hookimpl
    from sinkron.suggest import suggest_links

__all__ = [
    "ActionItem",
    "ActionStatus",
    "Activity",
    "Agency",
    "AgencyKind",
    "AgendaItem",
    "Agreement",
    "Baseline",
    "Budget",
    "BudgetKind",
    "BudgetLine",
    "Bundle",
    "CheckConfig",
    "Code",
    "CodeError",
    "CodeLevel",
    "Connector",
    "ConnectorUnavailable",
    "Desk",
    "Direction",
    "Exporter",
    "Finding",
    "FundingSource",
    "Goal",
    "Government",
    "GovernmentLevel",
    "Indicator",
    "IndicatorKind",
    "InvalidModel",
    "Link",
    "LinkKind",
    "Location",
    "Meeting",
    "MeetingKind",
    "Mission",
    "Money",
    "Objective",
    "OptionError",
    "Origin",
    "Participant",
    "Plan",
    "PlanDiff",
    "PlanKind",
    "PlanPeriod",
    "PlanStage",
    "PluginConflict",
    "PluginLoadError",
    "PluginManager",
    "PluginWarning",
    "PriceStandard",
    "Priority",
    "PriorityKind",
    "Program",
    "Proposal",
    "Provenance",
    "ReadResult",
    "Realisation",
    "Report",
    "ReportingPeriod",
    "Severity",
    "SinkronError",
    "SourceError",
    "Spending",
    "SubActivity",
    "Target",
    "UnknownFormat",
    "ValidationError",
    "Value",
    "ValueKind",
    "__version__",
    "check",
    "diff",
    "hookimpl",
    "read",
    "read_result",
    "ref",
    "suggest_links",
    "write",
]

#: The module that defines each public name other than the model classes (those come from sinkron.models).
_HOMES: dict[str, str] = {
    "CheckConfig": "sinkron.align",
    "Finding": "sinkron.align",
    "Report": "sinkron.align",
    "Severity": "sinkron.align",
    "check": "sinkron.align",
    "Code": "sinkron.codes",
    "CodeLevel": "sinkron.codes",
    "Connector": "sinkron.connector",
    "ReadResult": "sinkron.connector",
    "PlanDiff": "sinkron.diff",
    "diff": "sinkron.diff",
    "CodeError": "sinkron.errors",
    "ConnectorUnavailable": "sinkron.errors",
    "InvalidModel": "sinkron.errors",
    "Location": "sinkron.errors",
    "OptionError": "sinkron.errors",
    "PluginConflict": "sinkron.errors",
    "PluginLoadError": "sinkron.errors",
    "PluginWarning": "sinkron.errors",
    "SinkronError": "sinkron.errors",
    "SourceError": "sinkron.errors",
    "UnknownFormat": "sinkron.errors",
    "ValidationError": "sinkron.errors",
    "Exporter": "sinkron.exporter",
    "read": "sinkron.io",
    "read_result": "sinkron.io",
    "write": "sinkron.io",
    "PluginManager": "sinkron.plugins",
    "hookimpl": "sinkron.plugins",
    "suggest_links": "sinkron.suggest",
}


def __getattr__(name: str) -> object:
    """Import a public name from its module on first use, and keep it."""
    if name not in __all__:
        raise AttributeError(f"module 'sinkron' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOMES.get(name, "sinkron.models")), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _Package(types.ModuleType):
    """The ``sinkron`` module object: ``sinkron.diff`` stays the function when the submodule ``sinkron.diff`` loads.

    Importing a submodule sets it as an attribute of its package; the eager ``import`` this package
    had before it loaded lazily bound the function over it, and this keeps that meaning.
    """

    def __setattr__(self, name: str, value: object) -> None:
        if name == "diff" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

"""sinkron's typed planning models: attrs classes only, no I/O and no serialisation code.

Every class is frozen, slotted and keyword-only. Identifiers are text, money is
:class:`~decimal.Decimal` rupiah, dates are :class:`datetime.date`, collections are tuples.
The glossary (``docs/glossary.md``) gives each model's official Indonesian term.
"""

from sinkron.models.bundle import Bundle
from sinkron.models.indicators import Direction, Indicator, IndicatorKind
from sinkron.models.items import (
    Activity,
    Budget,
    BudgetKind,
    BudgetLine,
    FundingSource,
    PriceStandard,
    Program,
    Spending,
    SubActivity,
)
from sinkron.models.links import Link, LinkKind, ref
from sinkron.models.meetings import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Agreement,
    Desk,
    Meeting,
    MeetingKind,
    Participant,
    Proposal,
)
from sinkron.models.money import Money
from sinkron.models.national import MODEL_CLASSES as _NATIONAL_MODEL_CLASSES
from sinkron.models.organisations import Agency, AgencyKind, Government, GovernmentLevel
from sinkron.models.plans import Goal, Mission, Objective, Plan, PlanKind, PlanPeriod, PlanStage
from sinkron.models.priorities import Priority, PriorityKind
from sinkron.models.provenance import Origin, Provenance
from sinkron.models.values import Baseline, Realisation, ReportingPeriod, Target, Value, ValueKind

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
    "Desk",
    "Direction",
    "FundingSource",
    "Goal",
    "Government",
    "GovernmentLevel",
    "Indicator",
    "IndicatorKind",
    "Link",
    "LinkKind",
    "Meeting",
    "MeetingKind",
    "Mission",
    "Money",
    "Objective",
    "Origin",
    "Participant",
    "Plan",
    "PlanKind",
    "PlanPeriod",
    "PlanStage",
    "PriceStandard",
    "Priority",
    "PriorityKind",
    "Program",
    "Proposal",
    "Provenance",
    "Realisation",
    "ReportingPeriod",
    "Spending",
    "SubActivity",
    "Target",
    "Value",
    "ValueKind",
    "ref",
]

#: Every model class, for the serialiser and the testing kit.
MODEL_CLASSES: tuple[type, ...] = (
    ActionItem,
    Activity,
    Agency,
    AgendaItem,
    Agreement,
    Baseline,
    Budget,
    BudgetLine,
    Bundle,
    Desk,
    FundingSource,
    Goal,
    Government,
    Indicator,
    Link,
    Meeting,
    Mission,
    Money,
    Objective,
    Participant,
    Plan,
    PlanPeriod,
    Priority,
    Program,
    Proposal,
    Provenance,
    Realisation,
    Spending,
    SubActivity,
    Target,
    Value,
    *_NATIONAL_MODEL_CLASSES,
)

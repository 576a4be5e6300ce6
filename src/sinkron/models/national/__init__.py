"""The national (K/L) model classes: attrs classes only, no I/O.

Ministries (K/L) plan and budget along bagian anggaran → unit eselon I → program → kegiatan → KRO
→ RO → komponen (RKA-K/L, KRISNA, SAKTI). These classes hold those records, the national priority
tree (PN → PP → KP → ProP), tag vocabularies and the user-supplied crosswalks; they travel in
``Bundle.national`` (:class:`NationalRecords`).

They sit on the model floor with the regional models, so :class:`~sinkron.models.bundle.Bundle`
can hold them. Reading them from files (CSV priority trees and crosswalks, the shipped catalogue)
and the Form 4 roll-up live above, in :mod:`sinkron.kl`, which re-exports every name here; import
them from there.

Modules: :mod:`~sinkron.models.national.codes` (``KLCode``), :mod:`~sinkron.models.national.organisations`,
:mod:`~sinkron.models.national.items`, :mod:`~sinkron.models.national.plans`,
:mod:`~sinkron.models.national.priority_tree`, :mod:`~sinkron.models.national.vocabularies`,
:mod:`~sinkron.models.national.funding`, :mod:`~sinkron.models.national.crosswalks`,
:mod:`~sinkron.models.national.records`.
"""

from sinkron.models.national.codes import KLCode, KLCodeError, KLLevel
from sinkron.models.national.crosswalks import (
    CrosswalkKind,
    DAKMenu,
    DAKMenuCrosswalk,
    PriorityCrosswalk,
    PriorityMapping,
    ProgramSectorCrosswalk,
    ProgramSectorMapping,
)
from sinkron.models.national.funding import (
    FundingCode,
    FundingCodeError,
    FundingKind,
    FundingName,
    Renumbering,
    RenumberingResult,
    funding_key,
    match_renumbered,
)
from sinkron.models.national.items import (
    Component,
    ComponentKind,
    DetailedOutput,
    MinistryActivity,
    MinistryProgram,
    OutputClass,
    OutputLocation,
)
from sinkron.models.national.organisations import Authority, EchelonOneUnit, Ministry, WorkUnit
from sinkron.models.national.plans import MinistryDocument, MinistryPlan, OutputRecord
from sinkron.models.national.priority_tree import (
    FundingCategory,
    FundingNeed,
    NationalPriority,
    PriorityCodeError,
    PriorityTree,
    parse_priority_code,
)
from sinkron.models.national.records import NationalRecords, add_priority_tree, add_vocabulary
from sinkron.models.national.targets import PriorityTarget, TargetTable
from sinkron.models.national.vocabularies import TagTerm, TagVocabulary

__all__ = [
    "MODEL_CLASSES",
    "Authority",
    "Component",
    "ComponentKind",
    "CrosswalkKind",
    "DAKMenu",
    "DAKMenuCrosswalk",
    "DetailedOutput",
    "EchelonOneUnit",
    "FundingCategory",
    "FundingCode",
    "FundingCodeError",
    "FundingKind",
    "FundingName",
    "FundingNeed",
    "KLCode",
    "KLCodeError",
    "KLLevel",
    "Ministry",
    "MinistryActivity",
    "MinistryDocument",
    "MinistryPlan",
    "MinistryProgram",
    "NationalPriority",
    "NationalRecords",
    "OutputClass",
    "OutputLocation",
    "OutputRecord",
    "PriorityCodeError",
    "PriorityCrosswalk",
    "PriorityMapping",
    "PriorityTarget",
    "PriorityTree",
    "ProgramSectorCrosswalk",
    "ProgramSectorMapping",
    "Renumbering",
    "RenumberingResult",
    "TagTerm",
    "TagVocabulary",
    "TargetTable",
    "WorkUnit",
    "add_priority_tree",
    "add_vocabulary",
    "funding_key",
    "match_renumbered",
    "parse_priority_code",
]

#: The national model classes, serialisable with :mod:`sinkron.convert` (added to ``sinkron.models.MODEL_CLASSES``).
MODEL_CLASSES: tuple[type, ...] = (
    KLCode,
    Ministry,
    EchelonOneUnit,
    WorkUnit,
    MinistryPlan,
    MinistryProgram,
    MinistryActivity,
    OutputClass,
    DetailedOutput,
    OutputLocation,
    Component,
    PriorityTree,
    NationalPriority,
    FundingNeed,
    TagVocabulary,
    TagTerm,
    PriorityCrosswalk,
    PriorityMapping,
    TargetTable,
    PriorityTarget,
    DAKMenuCrosswalk,
    DAKMenu,
    ProgramSectorCrosswalk,
    ProgramSectorMapping,
    NationalRecords,
)

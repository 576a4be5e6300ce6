"""The national side: K/L budget codes and records, the national priority tree, tags and the bridge to the regions.

Ministries (K/L) plan and budget along bagian anggaran → unit eselon I → program → kegiatan → KRO
→ RO → komponen (RKA-K/L, KRISNA, SAKTI); regions along the Kemendagri nomenclature (SIPD). The
two code trees never share keys. They meet through

* national-priority **tags** (PN → PP → KP → ProP of the RPJMN/RKP, and thematic tags) carried by
  K/L ROs and regional sub kegiatan alike (:mod:`sinkron.kl.tags`);
* **DAK**, which the regions see as a sumber dana on their sub kegiatan (:mod:`sinkron.kl.funding`);
* user-supplied **crosswalks** (:mod:`sinkron.kl.crosswalks`);
* **locations**: an RO's lokasi and a satker's location against the regions' plans.

The records travel in ``Bundle.national`` (:class:`NationalRecords`); the family-7 rules
(``SKN7xx``) check the bridge. ``docs/national.md`` is the guide.

Modules: :mod:`~sinkron.kl.codes` (``KLCode``), :mod:`~sinkron.kl.amounts`,
:mod:`~sinkron.kl.organisations`, :mod:`~sinkron.kl.items`, :mod:`~sinkron.kl.plans`,
:mod:`~sinkron.kl.priority_tree`, :mod:`~sinkron.kl.vocabularies`, :mod:`~sinkron.kl.tags`,
:mod:`~sinkron.kl.crosswalks`, :mod:`~sinkron.kl.crosswalk_csv`, :mod:`~sinkron.kl.funding`,
:mod:`~sinkron.kl.units`, :mod:`~sinkron.kl.form4`, :mod:`~sinkron.kl.records`,
:mod:`~sinkron.kl.priority_csv`, :mod:`~sinkron.kl.loading`, :mod:`~sinkron.kl.catalogue`.

This package is part of the model layer: it imports only :mod:`sinkron.errors`,
:mod:`sinkron.codes`, :mod:`sinkron.numbers`, :mod:`sinkron.nomenclature` and submodules of
:mod:`sinkron.models` (``Bundle.national`` refers to it).
"""

from sinkron.kl.amounts import AmountUnit, rupiah
from sinkron.kl.catalogue import rpjmn_2025_2029, template_path, thematic_tags
from sinkron.kl.codes import KLCode, KLCodeError, KLLevel
from sinkron.kl.crosswalk_csv import (
    read_dak_crosswalk,
    read_priority_crosswalk,
    read_program_crosswalk,
    template,
    write_template,
)
from sinkron.kl.crosswalks import (
    CrosswalkKind,
    DAKMenu,
    DAKMenuCrosswalk,
    PriorityCrosswalk,
    PriorityMapping,
    ProgramSectorCrosswalk,
    ProgramSectorMapping,
)
from sinkron.kl.form4 import Form4Entry, Form4Row, form4_rollup, regional_plans
from sinkron.kl.funding import (
    FundingCode,
    FundingCodeError,
    FundingKind,
    FundingName,
    Renumbering,
    RenumberingResult,
    funding_key,
    match_renumbered,
)
from sinkron.kl.items import (
    Component,
    ComponentKind,
    DetailedOutput,
    MinistryActivity,
    MinistryProgram,
    OutputClass,
    OutputLocation,
)
from sinkron.kl.loading import Loaded
from sinkron.kl.organisations import Authority, EchelonOneUnit, Ministry, WorkUnit
from sinkron.kl.plans import MinistryDocument, MinistryPlan, OutputRecord
from sinkron.kl.priority_csv import read_priority_tree, read_vocabulary
from sinkron.kl.priority_tree import (
    FundingCategory,
    FundingNeed,
    NationalPriority,
    PriorityCodeError,
    PriorityTree,
    parse_priority_code,
)
from sinkron.kl.records import NationalRecords, add_priority_tree, add_vocabulary
from sinkron.kl.tags import TagError, budget_line_code, tag, tags_for_codes, tags_for_labels
from sinkron.kl.units import UnitKey, compatible, falls_short, interval, normalise_unit, overlaps
from sinkron.kl.vocabularies import TagTerm, TagVocabulary

__all__ = [
    "MODEL_CLASSES",
    "AmountUnit",
    "Authority",
    "Component",
    "ComponentKind",
    "CrosswalkKind",
    "DAKMenu",
    "DAKMenuCrosswalk",
    "DetailedOutput",
    "EchelonOneUnit",
    "Form4Entry",
    "Form4Row",
    "FundingCategory",
    "FundingCode",
    "FundingCodeError",
    "FundingKind",
    "FundingName",
    "FundingNeed",
    "KLCode",
    "KLCodeError",
    "KLLevel",
    "Loaded",
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
    "PriorityTree",
    "ProgramSectorCrosswalk",
    "ProgramSectorMapping",
    "Renumbering",
    "RenumberingResult",
    "TagError",
    "TagTerm",
    "TagVocabulary",
    "UnitKey",
    "WorkUnit",
    "add_priority_tree",
    "add_vocabulary",
    "budget_line_code",
    "compatible",
    "falls_short",
    "form4_rollup",
    "funding_key",
    "interval",
    "match_renumbered",
    "normalise_unit",
    "overlaps",
    "parse_priority_code",
    "read_dak_crosswalk",
    "read_priority_crosswalk",
    "read_priority_tree",
    "read_program_crosswalk",
    "read_vocabulary",
    "regional_plans",
    "rpjmn_2025_2029",
    "rupiah",
    "tag",
    "tags_for_codes",
    "tags_for_labels",
    "template",
    "template_path",
    "thematic_tags",
    "write_template",
]

#: The national model classes, serialisable with :mod:`sinkron.convert` (added to ``sinkron.models.MODEL_CLASSES``).
MODEL_CLASSES: tuple[type, ...] = (
    KLCode, Ministry, EchelonOneUnit, WorkUnit, MinistryPlan, MinistryProgram, MinistryActivity, OutputClass,
    DetailedOutput, OutputLocation, Component, PriorityTree, NationalPriority, FundingNeed, TagVocabulary, TagTerm,
    PriorityCrosswalk, PriorityMapping, DAKMenuCrosswalk, DAKMenu, ProgramSectorCrosswalk, ProgramSectorMapping,
    NationalRecords,
)  # fmt: skip

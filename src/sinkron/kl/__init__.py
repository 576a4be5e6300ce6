"""The national side: K/L budget codes and records, the national priority tree, tags and the bridge to the regions.

Ministries (K/L) plan and budget along bagian anggaran → unit eselon I → program → kegiatan → KRO
→ RO → komponen (RKA-K/L, KRISNA, SAKTI); regions along the Kemendagri nomenclature (SIPD). The
two code trees never share keys. They meet through

* national-priority **tags** (PN → PP → KP → ProP of the RPJMN/RKP, and thematic tags) carried by
  K/L ROs and regional sub kegiatan alike (:mod:`sinkron.kl.tags`);
* **DAK**, which the regions see as a sumber dana on their sub kegiatan (:mod:`sinkron.models.national.funding`);
* user-supplied **crosswalks** (:mod:`sinkron.models.national.crosswalks`);
* **locations**: an RO's lokasi and a satker's location against the regions' plans.

The records travel in ``Bundle.national`` (:class:`NationalRecords`); the family-7 rules
(``SKN7xx``) check the bridge. ``docs/national.md`` is the guide.

The model classes live on the model floor, in :mod:`sinkron.models.national`; this package
re-exports them and adds what works on them: reading priority trees, vocabularies and crosswalks
from CSV (:mod:`~sinkron.kl.priority_csv`, :mod:`~sinkron.kl.crosswalk_csv`, :mod:`~sinkron.kl.loading`),
the shipped catalogue (:mod:`~sinkron.kl.catalogue`), amounts in ribu/juta/miliar
(:mod:`~sinkron.kl.amounts`), tagging (:mod:`~sinkron.kl.tags`), units (:mod:`~sinkron.kl.units`)
and the Form 4 roll-up (:mod:`~sinkron.kl.form4`). Import the public names from ``sinkron.kl``.
"""

from sinkron.kl.amounts import AmountUnit, rupiah
from sinkron.kl.catalogue import rpjmn_2025_2029, template_path, thematic_tags
from sinkron.kl.crosswalk_csv import (
    read_dak_crosswalk,
    read_priority_crosswalk,
    read_program_crosswalk,
    template,
    write_template,
)
from sinkron.kl.form4 import Form4Entry, Form4Row, form4_rollup, regional_plans
from sinkron.kl.loading import Loaded
from sinkron.kl.priority_csv import read_priority_tree, read_vocabulary
from sinkron.kl.tags import TagError, budget_line_code, tag, tags_for_codes, tags_for_labels
from sinkron.kl.targets_csv import add_target_table, read_target_table
from sinkron.kl.units import UnitKey, compatible, falls_short, interval, normalise_unit, overlaps
from sinkron.models.national import (
    MODEL_CLASSES,
    Authority,
    Component,
    ComponentKind,
    CrosswalkKind,
    DAKMenu,
    DAKMenuCrosswalk,
    DetailedOutput,
    EchelonOneUnit,
    FundingCategory,
    FundingCode,
    FundingCodeError,
    FundingKind,
    FundingName,
    FundingNeed,
    KLCode,
    KLCodeError,
    KLLevel,
    Ministry,
    MinistryActivity,
    MinistryDocument,
    MinistryPlan,
    MinistryProgram,
    NationalPriority,
    NationalRecords,
    OutputClass,
    OutputLocation,
    OutputRecord,
    PriorityCodeError,
    PriorityCrosswalk,
    PriorityMapping,
    PriorityTarget,
    PriorityTree,
    ProgramSectorCrosswalk,
    ProgramSectorMapping,
    Renumbering,
    RenumberingResult,
    TagTerm,
    TagVocabulary,
    TargetTable,
    WorkUnit,
    add_priority_tree,
    add_vocabulary,
    funding_key,
    match_renumbered,
    parse_priority_code,
)

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
    "PriorityTarget",
    "PriorityTree",
    "ProgramSectorCrosswalk",
    "ProgramSectorMapping",
    "Renumbering",
    "RenumberingResult",
    "TagError",
    "TagTerm",
    "TagVocabulary",
    "TargetTable",
    "UnitKey",
    "WorkUnit",
    "add_priority_tree",
    "add_target_table",
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
    "read_target_table",
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

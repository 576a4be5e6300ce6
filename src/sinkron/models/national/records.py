"""The national section of a Bundle: K/L records, priority trees, tag vocabularies and crosswalks.

``Bundle.national`` holds a :class:`NationalRecords`. It is empty by default (and then left out of
JSON documents), so bundles without national data read and write exactly as before.

How rules receive national data: everything they need travels **in the bundle** — ministry plans
(Renja K/L, RKA-K/L) with their ROs, priority trees and vocabularies here, their
:class:`~sinkron.models.priorities.Priority` records in ``Bundle.priorities``, tags in
``Bundle.links``, and the user-supplied crosswalks here. A check is therefore reproducible from one
JSON document; rule options only tune thresholds.

Use :func:`add_priority_tree` and :func:`add_vocabulary` to put a tree or a vocabulary into a
bundle: they add the typed tree here and its Priority records to ``Bundle.priorities`` in one step,
so the two never drift apart.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

import attrs

from sinkron.errors import InvalidModel
from sinkron.models._base import to_tuple
from sinkron.models.national.crosswalks import DAKMenuCrosswalk, PriorityCrosswalk, ProgramSectorCrosswalk
from sinkron.models.national.organisations import EchelonOneUnit, Ministry, WorkUnit
from sinkron.models.national.plans import MinistryPlan, OutputRecord
from sinkron.models.national.priority_tree import NationalPriority, PriorityTree
from sinkron.models.national.targets import TargetTable
from sinkron.models.national.vocabularies import TagVocabulary
from sinkron.models.priorities import Priority

if TYPE_CHECKING:  # pragma: no cover
    from sinkron.models.bundle import Bundle

__all__ = ["NationalRecords", "add_priority_tree", "add_vocabulary"]


def _unique(kind: str, key: Callable[[Any], str] = lambda r: r.id) -> Any:
    def check(instance: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
        seen: set[str] = set()
        for record in value:
            k = key(record)
            if k in seen:
                raise InvalidModel("NationalRecords", attribute.name, f"duplicate {kind} id {k!r}")
            seen.add(k)

    return check


def _field(kind: str) -> Any:
    return attrs.field(factory=tuple, converter=to_tuple, validator=_unique(kind))


@attrs.frozen(kw_only=True)
class NationalRecords:
    """K/L budget holders and plans, national priority trees, tag vocabularies, crosswalks and target tables.

    >>> NationalRecords().is_empty
    True
    """

    ministries: tuple[Ministry, ...] = _field("K/L")
    units: tuple[EchelonOneUnit, ...] = _field("unit eselon I")
    work_units: tuple[WorkUnit, ...] = _field("satker")
    plans: tuple[MinistryPlan, ...] = _field("ministry plan")
    """Renja K/L, RKA-K/L, DIPA."""
    priority_trees: tuple[PriorityTree, ...] = _field("priority tree")
    vocabularies: tuple[TagVocabulary, ...] = _field("vocabulary")
    priority_crosswalks: tuple[PriorityCrosswalk, ...] = _field("crosswalk")
    dak_crosswalks: tuple[DAKMenuCrosswalk, ...] = _field("crosswalk")
    program_crosswalks: tuple[ProgramSectorCrosswalk, ...] = _field("crosswalk")
    target_tables: tuple[TargetTable, ...] = _field("target table")
    """Targets of priority indicators for a region or an RKP year (:mod:`sinkron.models.national.targets`)."""

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, a.name) for a in attrs.fields(NationalRecords))

    def merge(self, *others: NationalRecords) -> NationalRecords:
        """One section holding this one's records and the others'.

        A record present in several (same id and equal) is kept once; a different record under the
        same id raises :class:`~sinkron.errors.InvalidModel`.
        """
        sections = (self, *others)
        merged: dict[str, tuple[Any, ...]] = {}
        for attribute in attrs.fields(NationalRecords):
            out: list[Any] = []
            seen: dict[str, Any] = {}
            for section in sections:
                for record in getattr(section, attribute.name):
                    if record.id in seen:
                        if seen[record.id] == record:
                            continue
                        raise InvalidModel(
                            "NationalRecords", attribute.name, f"two different records with id {record.id!r}"
                        )
                    seen[record.id] = record
                    out.append(record)
            merged[attribute.name] = tuple(out)
        return NationalRecords(**merged)

    # -- lookups ------------------------------------------------------------------------------------
    def outputs(self) -> Iterator[OutputRecord]:
        """Every RO of every ministry plan, with its parents."""
        for plan in self.plans:
            yield from plan.outputs()

    def work_unit(self, code: str) -> WorkUnit | None:
        return next((w for w in self.work_units if w.code == code), None)

    def trees_for(self, year: int) -> list[PriorityTree]:
        """The priority trees in force in ``year`` (an RPJMN and the RKP of that year, say)."""
        return [t for t in self.priority_trees if year in t.period]

    def node_of(self, priority_id: str) -> tuple[PriorityTree, NationalPriority] | None:
        """The tree and node behind a priority id such as ``rpjmn-2025-2029:02.10.09``."""
        for tree in self.priority_trees:
            code = tree.code_of(priority_id)
            if code is not None:
                node = tree.node(code)
                if node is not None:
                    return tree, node
        return None


def _add_priorities(bundle: Bundle, priorities: Iterable[Priority]) -> tuple[Priority, ...]:
    existing = {p.id: p for p in bundle.priorities}
    added: list[Priority] = []
    for priority in priorities:
        present = existing.get(priority.id)
        if present is None:
            added.append(priority)
        elif present != priority:
            raise InvalidModel("Bundle", "priorities", f"a different priority with id {priority.id!r} is present")
    return (*bundle.priorities, *added)


def add_priority_tree(bundle: Bundle, tree: PriorityTree) -> Bundle:
    """``bundle`` with ``tree`` in its national section and the tree's nodes as Priority records."""
    national = bundle.national.merge(NationalRecords(priority_trees=(tree,)))
    return bundle.replace(national=national, priorities=_add_priorities(bundle, tree.priorities()))


def add_vocabulary(bundle: Bundle, vocabulary: TagVocabulary) -> Bundle:
    """``bundle`` with ``vocabulary`` in its national section and its terms as THEMATIC priorities."""
    national = bundle.national.merge(NationalRecords(vocabularies=(vocabulary,)))
    return bundle.replace(national=national, priorities=_add_priorities(bundle, vocabulary.priorities()))

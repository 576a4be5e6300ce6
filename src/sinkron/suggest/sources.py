"""Which items need a suggestion, and the texts they are compared on.

**Which items.** Sub kegiatan (or programs) with no ``tagged``/``supports`` link — neither on the
item, nor on one of its indicators, nor on the kegiatan or program above it (a program counts as
linked when anything inside it is). By default the plans looked at are those whose pagu counts
towards priorities (:func:`sinkron.align.support.budget_plans`: the RKPD, or the Renja PD and DPA
of a government and year without one — the layer of rule SKN403); a bundle without such plans has
all its plans looked at.

**Which texts.** For a sub kegiatan: its name, the official name of its code, the nomenclature's
*kinerja* and *indikator* for the code, its own indicators, and (weighing less) the names of its
kegiatan and program. For a program: its name, its indicators, and the names of its kegiatan and
sub kegiatan. Units: the nomenclature's *satuan* and the indicators' units.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from sinkron.align.index import BundleIndex, ItemRecord
from sinkron.align.support import budget_plans
from sinkron.codes import CodeLevel
from sinkron.models import Activity, LinkKind, Program, SubActivity
from sinkron.models.links import REF_SEPARATOR
from sinkron.nomenclature import Entry, Nomenclature
from sinkron.suggest.index import Fields

__all__ = ["SourceItem", "linked_items", "select_items", "source_item"]

NAME_WEIGHT = 1.0
OFFICIAL_NAME_WEIGHT = 0.8
KINERJA_WEIGHT = 0.6
INDICATOR_WEIGHT = 0.6
ACTIVITY_WEIGHT = 0.4
PROGRAM_WEIGHT = 0.3
CHILD_WEIGHT = 0.3

_LINK_KINDS = (LinkKind.TAGGED, LinkKind.SUPPORTS)


@attrs.frozen(kw_only=True)
class SourceItem:
    """An item to suggest links for, with its texts and units."""

    record: ItemRecord
    fields: Fields
    units: tuple[str, ...] = ()
    entry: Entry | None = None
    """The nomenclature entry of its code, when the code is known."""

    @property
    def ref(self) -> str:
        return self.record.ref

    @property
    def name(self) -> str:
        return self.record.item.name


def linked_items(index: BundleIndex) -> set[str]:
    """References of the items that carry a ``tagged``/``supports`` link (on the item or an indicator)."""
    out: set[str] = set()
    for link in index.bundle.links:
        if link.kind not in _LINK_KINDS:
            continue
        if link.source in index.items:
            out.add(link.source)
        else:
            indicator = index.indicators.get(link.source)
            if indicator is not None and indicator.owner_ref in index.items:
                out.add(indicator.owner_ref)
    return out


def select_items(
    index: BundleIndex,
    plans: Iterable[str] | None = None,
    level: CodeLevel = CodeLevel.SUB_ACTIVITY,
    *,
    include_linked: bool = False,
) -> list[ItemRecord]:
    """The items of ``level`` to suggest links for, in plan order (see the module docs)."""
    if plans is None:
        chosen = [p.id for p in budget_plans(index)] or list(index.plans)
    else:
        chosen = list(plans)
        unknown = [p for p in chosen if p not in index.plans]
        if unknown:
            raise KeyError(f"no plan {', '.join(map(repr, unknown))} in the bundle")
    linked = set() if include_linked else linked_items(index)
    covered_programs = {_program_ref(index.items[r]) for r in linked}
    out: list[ItemRecord] = []
    for plan_id in chosen:
        for record in index.item_records(level, index.plans[plan_id]):
            if include_linked:
                out.append(record)
            elif level is CodeLevel.PROGRAM:
                if record.ref not in covered_programs:
                    out.append(record)
            elif not any(r in linked for r in _self_and_parents(record)):
                out.append(record)
    return out


def _program_ref(record: ItemRecord) -> str:
    return record.plan.id + REF_SEPARATOR + record.program.id


def _self_and_parents(record: ItemRecord) -> list[str]:
    refs = [record.ref, _program_ref(record)]
    if record.activity is not None:
        refs.append(record.plan.id + REF_SEPARATOR + record.activity.id)
    return refs


def source_item(record: ItemRecord, nomenclature: Nomenclature | None) -> SourceItem:
    """The texts and units ``record`` is compared on."""
    item = record.item
    year = record.plan.period.start
    entry = nomenclature.lookup(item.code, year) if nomenclature is not None and not item.code.is_legacy else None
    if entry is None and nomenclature is not None and item.code.is_legacy:
        entry = nomenclature.lookup(item.code.modernised(), year)
    fields: list[tuple[str, float]] = [(item.name, NAME_WEIGHT)]
    units: list[str] = []
    if entry is not None:
        if entry.name != item.name:
            fields.append((entry.name, OFFICIAL_NAME_WEIGHT))
        fields += [(text, KINERJA_WEIGHT) for text in (entry.kinerja, entry.indikator) if text]
        if entry.satuan:
            units.append(entry.satuan)
    for indicator in item.indicators:
        fields.append((indicator.name, INDICATOR_WEIGHT))
        if indicator.unit:
            units.append(indicator.unit)
    if isinstance(item, SubActivity):
        if record.activity is not None:
            fields.append((record.activity.name, ACTIVITY_WEIGHT))
        fields.append((record.program.name, PROGRAM_WEIGHT))
    elif isinstance(item, Program):
        fields += [(a.name, ACTIVITY_WEIGHT) for a in item.activities]
        fields += [(s.name, CHILD_WEIGHT) for a in item.activities for s in a.sub_activities]
    elif isinstance(item, Activity):
        fields += [(s.name, CHILD_WEIGHT) for s in item.sub_activities]
        fields.append((record.program.name, PROGRAM_WEIGHT))
    return SourceItem(record=record, fields=tuple(fields), units=tuple(dict.fromkeys(units)), entry=entry)

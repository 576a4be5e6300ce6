"""Precedent: how items of the same code are already linked elsewhere in the bundle.

When the province's RKPD tags sub kegiatan ``1.02.02.2.02.0004`` (pelayanan kesehatan balita) to
the stunting priority, the same sub kegiatan in a kabupaten's RKPD probably serves it too. A link
on a program or kegiatan counts for every sub kegiatan under it; a link on an indicator counts for
its item.

Strength: 1 for an item of the same code, :data:`SIBLING_STRENGTH` for one of the same kegiatan
(for a program: the same program code only).
"""

from __future__ import annotations

from collections import defaultdict

import attrs

from sinkron.align.index import BundleIndex, ItemRecord
from sinkron.codes import Code, CodeLevel
from sinkron.models import Activity, LinkKind, Program, ref

__all__ = ["SIBLING_STRENGTH", "Precedent", "Precedents"]

SIBLING_STRENGTH = 0.5


@attrs.frozen(kw_only=True)
class Precedent:
    """The items elsewhere that link to one target: ``strength`` in (0, 1], the plans they sit in."""

    strength: float
    same_code: bool
    count: int
    plans: tuple[str, ...]


class Precedents:
    """Links of the bundle, by the code of their source item."""

    def __init__(self, index: BundleIndex) -> None:
        self.index = index
        # code → target → item refs linking to it
        self._by_code: dict[Code, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for link in index.bundle.links:
            if link.kind not in (LinkKind.TAGGED, LinkKind.SUPPORTS):
                continue
            record = index.items.get(link.source)
            if record is None:
                indicator = index.indicators.get(link.source)
                record = index.items.get(indicator.owner_ref) if indicator is not None else None
            if record is None:
                continue
            for covered in (record, *self._under(record)):
                self._by_code[covered.code][link.target].add(covered.ref)
        # kegiatan → target → (sub kegiatan code, item ref) linking to it
        self._by_parent: dict[Code, dict[str, set[tuple[Code, str]]]] = defaultdict(lambda: defaultdict(set))
        for code, targets in self._by_code.items():
            if code.level is CodeLevel.SUB_ACTIVITY and code.parent is not None:
                for target, refs in targets.items():
                    self._by_parent[code.parent][target].update((code, r) for r in refs)

    def _under(self, record: ItemRecord) -> list[ItemRecord]:
        item = record.item
        activities: tuple[Activity, ...] = (
            item.activities if isinstance(item, Program) else (item,) if isinstance(item, Activity) else ()
        )
        plan_id = record.plan.id
        out = [self.index.items[ref(plan_id, a.id)] for a in activities if isinstance(item, Program)]
        out += [self.index.items[ref(plan_id, s.id)] for a in activities for s in a.sub_activities]
        return out

    def for_item(self, record: ItemRecord) -> dict[str, Precedent]:
        """Targets linked from other items of the same code (or kegiatan), by target reference."""
        code = record.code
        out: dict[str, Precedent] = {}
        candidates: list[tuple[Code, bool]] = [(code, True)]
        if code.level is CodeLevel.SUB_ACTIVITY and code.parent is not None:
            candidates.append((code.parent, False))
        for key, same in candidates:
            if same:
                by_target = self._by_code.get(key, {})
            else:
                by_target = {
                    target: {r for sibling, r in pairs if sibling != code}
                    for target, pairs in self._by_parent.get(key, {}).items()
                }
            for target, refs in by_target.items():
                others = refs - {record.ref}
                if not others or target in out:
                    continue
                plans = tuple(sorted({self.index.items[r].plan.id for r in others}))
                out[target] = Precedent(
                    strength=1.0 if same else SIBLING_STRENGTH, same_code=same, count=len(others), plans=plans
                )
        return out

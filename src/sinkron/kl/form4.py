"""The RKPD Form 4 roll-up: regional sub kegiatan and pagu per national priority (PN, PP, KP, ProP).

Form 4 of the Permendagri 86/2017 RKPD annexes — "Rekapitulasi program, kegiatan, dan subkegiatan
pendukung prioritas nasional" — lists, per ``KODE (PN/PP)``, the RPJMN priority with its indicator
and target next to the regional bidang urusan, program, kegiatan and sub kegiatan that support it
and their pagu. :func:`form4_rollup` computes those rows from a bundle; a Form 4 exporter renders
them.

A sub kegiatan supports a priority when a ``TAGGED`` or ``SUPPORTS`` link goes from it (or from
its kegiatan or program, or from one of their indicators) to the priority or one of its
indicators. Support rolls up: a sub kegiatan tagged to KP ``02.10.09`` also counts for PP
``02.10`` and PN ``02``. Each row's :attr:`Form4Row.total` is the sum of its sub kegiatan's pagu
for the year, each sub kegiatan counted once.

Which regional plans are read, per government: the RKPD of the year when the bundle has one, else
the Renja PD of the year, else the DPA — so no pagu is counted twice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import attrs

from sinkron.codes import Code
from sinkron.models.items import Activity, Program, SubActivity
from sinkron.models.links import REF_SEPARATOR, LinkKind
from sinkron.models.money import Money
from sinkron.models.plans import Plan, PlanKind
from sinkron.models.priorities import Priority, PriorityKind

if TYPE_CHECKING:  # pragma: no cover
    from sinkron.models.bundle import Bundle

__all__ = ["Form4Entry", "Form4Row", "form4_rollup", "regional_plans"]

_LAYERS = (PlanKind.RKPD, PlanKind.RENJA_PD, PlanKind.DPA)
_NATIONAL_KINDS = (PriorityKind.NATIONAL, PriorityKind.PROGRAM, PriorityKind.ACTIVITY, PriorityKind.PROJECT)


@attrs.frozen(kw_only=True)
class Form4Entry:
    """A regional sub kegiatan supporting a priority, with its plan, parents and pagu for the year."""

    ref: str
    """``plan#item`` of the sub kegiatan."""
    plan: Plan
    program: Program
    activity: Activity
    sub_activity: SubActivity
    pagu: Money | None
    """Pagu of the year (the most final kind present), ``None`` when the plan gives none."""

    @property
    def sector(self) -> Code | None:
        """Bidang urusan of the sub kegiatan."""
        return self.sub_activity.code.sector

    @property
    def government_id(self) -> str | None:
        return self.plan.government_id


@attrs.frozen(kw_only=True)
class Form4Row:
    """One national priority with the regional sub kegiatan that support it."""

    priority: Priority
    entries: tuple[Form4Entry, ...]

    @property
    def total(self) -> Money:
        """Sum of the entries' pagu (entries without pagu count as nothing; see :attr:`missing_pagu`)."""
        return Money.total(e.pagu for e in self.entries if e.pagu is not None)

    @property
    def missing_pagu(self) -> tuple[Form4Entry, ...]:
        return tuple(e for e in self.entries if e.pagu is None)


def regional_plans(bundle: Bundle, year: int, *, government_id: str | None = None) -> list[Plan]:
    """The yearly regional plans of ``year`` whose pagu is counted: per government the RKPD, else Renja PD, else DPA."""
    by_government: dict[str | None, dict[PlanKind, list[Plan]]] = defaultdict(lambda: defaultdict(list))
    for plan in bundle.plans:
        regional = plan.kind in _LAYERS and plan.year == year and plan.government_id not in (None, "pusat")
        if regional and (government_id is None or plan.government_id == government_id):
            by_government[plan.government_id][plan.kind].append(plan)
    chosen: list[Plan] = []
    for layers in by_government.values():
        for kind in _LAYERS:
            if layers.get(kind):
                chosen.extend(layers[kind])
                break
    return chosen


def _entries(plans: Iterable[Plan], year: int) -> Iterator[tuple[str, list[Form4Entry]]]:
    """(reference, the sub kegiatan entries under it) for every program, kegiatan and sub kegiatan."""
    for plan in plans:
        for program in plan.programs:
            program_entries: list[Form4Entry] = []
            for activity in program.activities:
                activity_entries = [
                    Form4Entry(
                        ref=f"{plan.id}{REF_SEPARATOR}{sub.id}",
                        plan=plan,
                        program=program,
                        activity=activity,
                        sub_activity=sub,
                        pagu=sub.budget_for(year),
                    )
                    for sub in activity.sub_activities
                ]
                for entry in activity_entries:
                    yield entry.ref, [entry]
                yield f"{plan.id}{REF_SEPARATOR}{activity.id}", activity_entries
                program_entries.extend(activity_entries)
            yield f"{plan.id}{REF_SEPARATOR}{program.id}", program_entries


def form4_rollup(
    bundle: Bundle,
    year: int,
    *,
    government_id: str | None = None,
    kinds: Iterable[PriorityKind] = _NATIONAL_KINDS,
) -> tuple[Form4Row, ...]:
    """Form 4 rows for ``year``: every national priority in force that year, with its supporting sub kegiatan.

    Priorities come from ``bundle.priorities`` (those of ``kinds`` whose period covers the year, or
    that have no period), ordered by code; rows without support are kept so gaps show.
    ``government_id`` restricts the regional side to one government's plans.
    """
    wanted = set(kinds)
    priorities = {p.id: p for p in bundle.priorities if p.kind in wanted and (p.period is None or year in p.period)}
    by_ref: dict[str, list[Form4Entry]] = dict(
        _entries(regional_plans(bundle, year, government_id=government_id), year)
    )
    parents = {p.id: p.parent_id for p in bundle.priorities}
    supported: dict[str, dict[str, Form4Entry]] = defaultdict(dict)
    for link in bundle.links:
        if link.kind not in (LinkKind.TAGGED, LinkKind.SUPPORTS):
            continue
        entries = _resolve(by_ref, link.source)
        if not entries:
            continue
        current: str | None = link.target.split(REF_SEPARATOR, 1)[0]
        seen: set[str] = set()
        while current is not None and current not in seen:
            seen.add(current)
            if current in priorities:
                for entry in entries:
                    supported[current].setdefault(entry.ref, entry)
            current = parents.get(current)
    ordered = sorted(priorities.values(), key=lambda p: (p.document or "", p.code or "", p.id))
    return tuple(Form4Row(priority=p, entries=tuple(supported[p.id].values())) for p in ordered)


def _resolve(by_ref: dict[str, list[Form4Entry]], source: str) -> list[Form4Entry]:
    entries = by_ref.get(source)
    if entries is None and source.count(REF_SEPARATOR) >= 2:  # an indicator of an item
        entries = by_ref.get(source.rsplit(REF_SEPARATOR, 1)[0])
    return entries or []

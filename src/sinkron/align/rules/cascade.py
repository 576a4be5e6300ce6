"""Rule family 4 — the cascade from the head of region's visi-misi: misi → tujuan → sasaran → program, each
misi mapped to the Asta Cita, and the priority programs of the head of region in the RKPD of each year.

The RPJMD (or RPD) records the cascade itself: a tujuan names its misi (``Goal.mission_id``), a sasaran its
tujuan (``Objective.goal_id``), and a program serves a sasaran through a ``supports`` or ``cascades`` link
from the program (or a kegiatan or sub kegiatan under it, in any plan) to the sasaran or its tujuan
(``ref(rpjmd_id, "S1")``). The crosswalk misi → Asta Cita is ``Mission.asta_cita``, supplied or confirmed
by the region. A level the plan does not record at all (no tujuan names a misi, no sasaran names a tujuan,
no program is linked to any sasaran) is not judged: the data is missing, not the cascade.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator

from sinkron.align.context import Context
from sinkron.align.findings import Finding, Message, Severity
from sinkron.align.index import BundleIndex
from sinkron.align.rule import Rule, register_all, rule
from sinkron.align.rules._shared import MEDIUM_TERM_REGIONAL, cached, overlaps, plan_government
from sinkron.align.rules.priorities import supporting_plans
from sinkron.models import LinkKind, Mission, Plan, PlanKind, Priority, PriorityKind
from sinkron.models.links import REF_SEPARATOR
from sinkron.plugins.hookspecs import hookimpl

__all__ = ["asta_cita_priorities", "linked_statements"]

_PROGRAM_LINKS = (LinkKind.SUPPORTS, LinkKind.CASCADES)


def _build_linked_statements(index: BundleIndex) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for link in index.bundle.links:
        if link.kind not in _PROGRAM_LINKS:
            continue
        parts = link.source.split(REF_SEPARATOR)
        record = index.items.get(REF_SEPARATOR.join(parts[:2]))
        if record is not None:
            out[link.target].add(record.ref)
    return out


def linked_statements(index: BundleIndex) -> dict[str, set[str]]:
    """For each linked reference (``rpjmd#S1``), the program, kegiatan and sub kegiatan linked to it by a
    ``supports`` or ``cascades`` link (an indicator's link counts for its item)."""
    return cached(index, "cascade.linked_statements", _build_linked_statements)


def _medium_term(index: BundleIndex) -> list[Plan]:
    return [p for p in index.bundle.plans if p.kind in MEDIUM_TERM_REGIONAL and p.missions]


# -- SKN409 ----------------------------------------------------------------------------------------------
#: The message and the fix of SKN409 by the first level missing under the misi.
_MISSING_KEYS = {
    "goal": ("skn409.no-goal", "skn409.no-goal.fix"),
    "objective": ("skn409.no-objective", "skn409.no-objective.fix"),
    "program": ("skn409.no-program", "skn409.no-program.fix"),
}


@rule(
    "SKN409",
    "mission-without-program",
    Severity.WARNING,
    id="Misi kepala daerah tidak dijabarkan sampai ke sasaran dan program",
    en="A misi of the head of region is not cascaded down to sasaran and programs",
)
def mission_without_program(ctx: Context) -> Iterator[Finding]:
    """Misi of an RPJMD/RPD with no tujuan, no sasaran under its tujuan, or no program serving its sasaran.

    Each level is judged only when the plan records it for some misi (see the module docs).
    """
    index = ctx.index
    linked = linked_statements(index)
    for plan in _medium_term(index):
        if not any(g.mission_id for g in plan.goals):
            continue
        records_sasaran = any(o.goal_id for o in plan.objectives)
        records_programs = any(linked.get(f"{plan.id}{REF_SEPARATOR}{o.id}") for o in plan.objectives)
        for mission in plan.missions:
            goals = [g.id for g in plan.goals if g.mission_id == mission.id]
            objectives = [o.id for o in plan.objectives if o.goal_id in goals]
            programs = {r for s in (*goals, *objectives) for r in linked.get(f"{plan.id}{REF_SEPARATOR}{s}", ())}
            if not goals:
                missing = "goal"
            elif not objectives and records_sasaran:
                missing = "objective"
            elif objectives and not programs and records_programs:
                missing = "program"
            else:
                continue
            yield ctx.report(
                f"{plan.id}{REF_SEPARATOR}{mission.id}",
                _MISSING_KEYS[missing][0],
                {"mission": _mission_label(mission), "plan": plan.title, "goals": ", ".join(goals)},
                evidence={
                    "plan": plan.id,
                    "mission": mission.id,
                    "text": mission.text,
                    "missing": missing,
                    "goals": goals,
                    "objectives": objectives,
                },
                fix=_MISSING_KEYS[missing][1],
            )


def _mission_label(mission: Mission) -> str:
    """``Misi 4 “Menjaga kelestarian lingkungan …”`` (misi is the official term in both languages)."""
    number = f" {mission.number}" if mission.number is not None else ""
    return f"Misi{number} “{mission.text}”"


# -- SKN410 ----------------------------------------------------------------------------------------------
def asta_cita_priorities(priorities: tuple[Priority, ...]) -> dict[int, Priority]:
    """The Asta Cita of the bundle by number: top-level priorities of kind ``asta_cita``, else the Prioritas
    Nasional of the same number (PN *k* is Asta Cita *k* in RPJMN 2025–2029)."""
    out: dict[int, Priority] = {}
    for kind in (PriorityKind.NATIONAL, PriorityKind.ASTA_CITA):  # an Asta Cita record wins over its PN
        for priority in priorities:
            if priority.kind is kind and priority.parent_id is None and priority.code and priority.code.isdigit():
                out[int(priority.code)] = priority
    return out


@rule(
    "SKN410",
    "asta-cita-without-mission",
    Severity.INFO,
    id="Asta Cita tidak dipetakan ke misi kepala daerah mana pun",
    en="An Asta Cita is mapped to no misi of the head of region",
)
def asta_cita_without_mission(ctx: Context) -> Iterator[Finding]:
    """Asta Cita (or the PN of the same number) overlapping the period of an RPJMD/RPD whose misi carry the
    crosswalk (``Mission.asta_cita``) but none of which is mapped to them: one finding per plan, naming
    every such Asta Cita. Plans without the crosswalk are not judged.
    """
    index = ctx.index
    asta_cita = asta_cita_priorities(index.bundle.priorities)
    for plan in _medium_term(index):
        mapped = {n for m in plan.missions for n in m.asta_cita}
        if not mapped:
            continue
        unmapped = [
            (number, priority)
            for number, priority in sorted(asta_cita.items())
            if number not in mapped and overlaps(priority.period, plan.period)
        ]
        if not unmapped:
            continue
        yield ctx.report(
            plan.id,
            "skn410.unmapped",
            {"numbers": _numbers(ctx, [n for n, _ in unmapped]), "count": len(unmapped), "plan": plan.title},
            evidence={
                "plan": plan.id,
                "mapped": sorted(mapped),
                "unmapped": [{"asta_cita": n, "priority": p.id, "name": p.name} for n, p in unmapped],
            },
            fix="skn410.unmapped.fix",
        )


def _numbers(ctx: Context, numbers: list[int]) -> Message:
    """``1, 5 dan 7`` (``1, 5 and 7`` in English)."""
    if len(numbers) == 1:
        return ctx.text("skn410.one", {"number": numbers[0]})
    head = ", ".join(str(n) for n in numbers[:-1])
    return ctx.text("skn410.many", {"head": head, "last": numbers[-1]})


# -- SKN411 ----------------------------------------------------------------------------------------------
@rule(
    "SKN411",
    "regional-priority-not-in-rkpd",
    Severity.WARNING,
    id="Program prioritas kepala daerah tidak ada dalam RKPD tahun berjalan",
    en="A priority program of the head of region is absent from the RKPD of the year",
)
def regional_priority_not_in_rkpd(ctx: Context) -> Iterator[Finding]:
    """Regional priorities (kind ``daerah``) of a government, supported by one of its plans (its RPJMD, a
    Renstra PD …) but by no program of its RKPD of a year the priority covers.

    A priority that none of its government's plans supports is SKN402's, not reported again here.
    """
    index = ctx.index
    supporting = supporting_plans(index)
    plans_by_id = {p.id: p for p in index.bundle.plans}
    for plan in index.bundle.plans:
        if plan.kind is not PlanKind.RKPD or plan.year is None:
            continue
        government = plan_government(index, plan)
        for priority in index.bundle.priorities:
            if priority.kind is not PriorityKind.REGIONAL or priority.government_id != government:
                continue
            if priority.period is not None and plan.year not in priority.period:
                continue
            supporters = supporting.get(priority.id, set())
            own = sorted(
                p
                for p in supporters
                if p in plans_by_id and plan_government(index, plans_by_id[p]) == government and p != plan.id
            )
            if plan.id in supporters or not own:
                continue
            yield ctx.report(
                priority.id,
                "skn411.absent",
                {
                    "code": priority.code or priority.id,
                    "name": priority.name,
                    "plan": plan.title,
                    "where": ", ".join(plans_by_id[p].title for p in own),
                },
                evidence={
                    "plan": plan.id,
                    "year": plan.year,
                    "priority": priority.id,
                    "name": priority.name,
                    "supported_in": [{"plan": p, "title": plans_by_id[p].title} for p in own],
                },
                fix="skn411.absent.fix",
            )


@hookimpl
def sinkron_register_rules(register: Callable[[Rule], None]) -> None:
    register_all(__name__, register)

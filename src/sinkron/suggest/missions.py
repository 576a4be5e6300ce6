"""Suggesting the crosswalk misi → Asta Cita for the region to confirm (``Mission.asta_cita``).

A misi is read with what the RPJMD puts under it — its tujuan and their sasaran — and compared with
the name of each Asta Cita (or the Prioritas Nasional of the same number) by the terms of
:class:`~sinkron.suggest.text.Analyzer`: words after spelling fixes and stop words, and themes
(``balita`` → ``@stunting``). The score is the share of terms the two texts have in common (Jaccard).
Nothing is applied: :func:`accept_asta_cita` writes the suggestions a planner accepted into the plan,
and the rules SKN409–SKN411 read the result.

>>> from sinkron.models import Goal, Mission, Plan, PlanKind, PlanPeriod, Priority, PriorityKind
>>> rpjmd = Plan(id="rpjmd", kind=PlanKind.RPJMD, title="RPJMD 2025–2029", period=PlanPeriod(start=2025, end=2029),
...     missions=[Mission(id="M1", number=1, text="Mewujudkan kesejahteraan sosial dan menanggulangi kemiskinan")],
...     goals=[Goal(id="T1", mission_id="M1", text="Menurunnya kemiskinan dan ketimpangan")])
>>> asta_cita = [Priority(id="PN06", kind=PriorityKind.NATIONAL, code="06", name="Membangun dari Desa dan dari "
...     "Bawah untuk Pertumbuhan Ekonomi, Pemerataan Ekonomi, dan Pemberantasan Kemiskinan"),
...     Priority(id="PN08", kind=PriorityKind.NATIONAL, code="08", name="Memperkuat Penyelarasan Kehidupan "
...     "yang Harmonis dengan Lingkungan Alam dan Budaya")]
>>> [(s.mission_id, s.asta_cita, s.terms) for s in suggest_asta_cita(rpjmd, asta_cita)]
[('M1', 6, ('@kemiskinan', 'kemiskinan'))]
>>> accept_asta_cita(rpjmd, suggest_asta_cita(rpjmd, asta_cita)).missions[0].asta_cita
(6,)
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from sinkron.align.rules.cascade import asta_cita_priorities
from sinkron.models import Plan
from sinkron.models.priorities import Priority
from sinkron.suggest.text import Analyzer

__all__ = ["AstaCitaSuggestion", "accept_asta_cita", "suggest_asta_cita"]


@attrs.frozen(kw_only=True)
class AstaCitaSuggestion:
    """A misi of the plan may serve Asta Cita ``asta_cita`` (the priority ``priority_id``), with a score in
    [0, 1] and the terms the two texts share."""

    mission_id: str
    asta_cita: int
    priority_id: str
    score: float
    terms: tuple[str, ...]


def _mission_text(plan: Plan, mission_id: str, text: str) -> str:
    goals = [g for g in plan.goals if g.mission_id == mission_id]
    goal_ids = {g.id for g in goals}
    objectives = [o.text for o in plan.objectives if o.goal_id in goal_ids]
    return " ".join([text, *(g.text for g in goals), *objectives])


def suggest_asta_cita(
    plan: Plan,
    priorities: Iterable[Priority],
    *,
    top_k: int = 2,
    min_score: float = 0.03,
    analyzer: Analyzer | None = None,
) -> list[AstaCitaSuggestion]:
    """For each misi of ``plan``, up to ``top_k`` Asta Cita scoring at least ``min_score``, best first.

    The Asta Cita are taken from ``priorities`` as the rules take them
    (:func:`sinkron.align.rules.cascade.asta_cita_priorities`).
    """
    analyzer = analyzer or Analyzer()
    candidates = [
        (number, priority, {t.key for t in analyzer.terms(priority.name)})
        for number, priority in sorted(asta_cita_priorities(tuple(priorities)).items())
    ]
    out: list[AstaCitaSuggestion] = []
    for mission in plan.missions:
        terms = {t.key for t in analyzer.terms(_mission_text(plan, mission.id, mission.text))}
        ranked = []
        for number, priority, their in candidates:
            shared = terms & their
            score = len(shared) / len(terms | their) if shared else 0.0
            if score >= min_score:
                ranked.append(
                    AstaCitaSuggestion(
                        mission_id=mission.id,
                        asta_cita=number,
                        priority_id=priority.id,
                        score=round(score, 4),
                        terms=tuple(sorted(shared)),
                    )
                )
        ranked.sort(key=lambda s: (-s.score, s.asta_cita))
        out += ranked[:top_k]
    return out


def accept_asta_cita(plan: Plan, accepted: Iterable[AstaCitaSuggestion]) -> Plan:
    """``plan`` with the accepted suggestions added to its misi's ``asta_cita`` (in number order, no repeats)."""
    by_mission: dict[str, set[int]] = {}
    for suggestion in accepted:
        by_mission.setdefault(suggestion.mission_id, set()).add(suggestion.asta_cita)
    missions = [
        attrs.evolve(m, asta_cita=tuple(sorted({*m.asta_cita, *by_mission.get(m.id, ())}))) for m in plan.missions
    ]
    return attrs.evolve(plan, missions=missions)

"""Plans (dokumen perencanaan): RPJMN, RKP, Renstra/Renja K/L, RPJMD, RKPD, Renstra/Renja PD, RPKD …"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from typing import Any

import attrs

from sinkron.errors import InvalidModel
from sinkron.models._base import non_empty, of_type, optional_non_empty, to_tuple, unique_ids, year
from sinkron.models.indicators import Indicator
from sinkron.models.items import Activity, Program, SubActivity
from sinkron.models.provenance import Provenance

__all__ = ["Goal", "Mission", "Objective", "Plan", "PlanKind", "PlanPeriod", "PlanStage"]


class PlanKind(str, enum.Enum):
    """Kind of planning document (jenis dokumen perencanaan)."""

    RPJPN = "rpjpn"
    """Rencana Pembangunan Jangka Panjang Nasional (20 years)."""
    RPJMN = "rpjmn"
    """Rencana Pembangunan Jangka Menengah Nasional (5 years; 2025–2029 under Perpres 12/2025)."""
    RKP = "rkp"
    """Rencana Kerja Pemerintah (yearly national plan)."""
    RENSTRA_KL = "renstra_kl"
    """Rencana Strategis Kementerian/Lembaga (5 years)."""
    RENJA_KL = "renja_kl"
    """Rencana Kerja Kementerian/Lembaga (yearly)."""
    RPJPD = "rpjpd"
    """Rencana Pembangunan Jangka Panjang Daerah (20 years)."""
    RPJMD = "rpjmd"
    """Rencana Pembangunan Jangka Menengah Daerah (5 years: visi, misi of the head of region)."""
    RPD = "rpd"
    """Rencana Pembangunan Daerah (transition plan where no RPJMD is in force)."""
    RKPD = "rkpd"
    """Rencana Kerja Pemerintah Daerah (yearly regional plan)."""
    RENSTRA_PD = "renstra_pd"
    """Rencana Strategis Perangkat Daerah (5 years)."""
    RENJA_PD = "renja_pd"
    """Rencana Kerja Perangkat Daerah (yearly)."""
    DPA = "dpa"
    """Dokumen Pelaksanaan Anggaran (the enacted yearly budget of a perangkat daerah)."""
    RPKD = "rpkd"
    """Rencana Penanggulangan Kemiskinan Daerah (regional poverty-reduction action plan)."""

    @property
    def is_yearly(self) -> bool:
        return self in _YEARLY

    @property
    def is_national(self) -> bool:
        return self in _NATIONAL


_YEARLY = {PlanKind.RKP, PlanKind.RENJA_KL, PlanKind.RKPD, PlanKind.RENJA_PD, PlanKind.DPA}
_NATIONAL = {PlanKind.RPJPN, PlanKind.RPJMN, PlanKind.RKP, PlanKind.RENSTRA_KL, PlanKind.RENJA_KL}


class PlanStage(str, enum.Enum):
    """Stage of a plan document (tahapan)."""

    INITIAL_DRAFT = "rancangan_awal"
    DRAFT = "rancangan"
    FINAL_DRAFT = "rancangan_akhir"
    ENACTED = "penetapan"
    """Final, enacted by Perda / Perkada / Perpres."""
    AMENDED = "perubahan"
    """Amended (perubahan) after enactment."""


@attrs.frozen(kw_only=True)
class PlanPeriod:
    """The years a plan covers, inclusive (``2025–2029``; a yearly plan has start = end)."""

    start: int = attrs.field(validator=year)
    end: int = attrs.field(validator=year)

    def __attrs_post_init__(self) -> None:
        if self.start > self.end:
            raise InvalidModel("PlanPeriod", "start", f"start year {self.start} is after end year {self.end}")

    def __contains__(self, year: object) -> bool:
        return isinstance(year, int) and self.start <= year <= self.end

    @property
    def years(self) -> range:
        return range(self.start, self.end + 1)

    def year_index(self, year: int) -> int:
        """1 for the first year of the period (target_1 in SIPD), 5 for the fifth."""
        if year not in self:
            raise ValueError(f"{year} is outside {self}")
        return year - self.start + 1

    def __str__(self) -> str:
        return str(self.start) if self.start == self.end else f"{self.start}–{self.end}"


def _asta_cita_numbers(instance: object, attribute: attrs.Attribute[Any], value: tuple[int, ...]) -> None:
    for number in value:
        if isinstance(number, bool) or not isinstance(number, int) or number < 1:
            raise InvalidModel("Mission", "asta_cita", f"Asta Cita are numbered from 1, got {number!r}")


@attrs.frozen(kw_only=True)
class Mission:
    """Misi of the head of region (or of a K/L), numbered.

    >>> Mission(id="M3", number=3, text="Mewujudkan kesejahteraan sosial dan menanggulangi kemiskinan",
    ...         asta_cita=[6]).asta_cita
    (6,)
    """

    id: str = attrs.field(validator=non_empty)
    text: str = attrs.field(validator=non_empty)
    number: int | None = None
    asta_cita: tuple[int, ...] = attrs.field(factory=tuple, converter=to_tuple, validator=_asta_cita_numbers)
    """The Asta Cita missions of the President (RPJMN 2025–2029) this misi serves, by number: the crosswalk
    misi → Asta Cita that the region supplies or confirms. Asta Cita *k* is Prioritas Nasional *k*."""


@attrs.frozen(kw_only=True)
class Goal:
    """Tujuan: a goal under a misi, with its indicators."""

    id: str = attrs.field(validator=non_empty)
    text: str = attrs.field(validator=non_empty)
    mission_id: str | None = None
    indicators: tuple[Indicator, ...] = attrs.field(
        factory=tuple, converter=to_tuple, validator=unique_ids("indicator")
    )
    provenance: Provenance | None = attrs.field(default=None, eq=False)


@attrs.frozen(kw_only=True)
class Objective:
    """Sasaran: an objective under a tujuan, with its indicators (the IKU of an RPJMD)."""

    id: str = attrs.field(validator=non_empty)
    text: str = attrs.field(validator=non_empty)
    goal_id: str | None = None
    indicators: tuple[Indicator, ...] = attrs.field(
        factory=tuple, converter=to_tuple, validator=unique_ids("indicator")
    )
    provenance: Provenance | None = attrs.field(default=None, eq=False)


def _unique_item_ids(instance: Plan, attribute: attrs.Attribute[Any], programs: tuple[Program, ...]) -> None:
    seen: set[str] = {g.id for g in instance.goals}
    for objective in instance.objectives:
        if objective.id in seen:
            raise InvalidModel("Plan", "objectives", f"duplicate id {objective.id!r}")
        seen.add(objective.id)
    for item in _walk(programs):
        if item.id in seen:
            raise InvalidModel(
                "Plan", "programs", f"duplicate item id {item.id!r} in plan {instance.id!r}; give items distinct ids"
            )
        seen.add(item.id)


def _walk(programs: tuple[Program, ...]) -> Iterator[Program | Activity | SubActivity]:
    for program in programs:
        yield program
        for activity in program.activities:
            yield activity
            yield from activity.sub_activities


@attrs.frozen(kw_only=True)
class Plan:
    """A planning document and its content.

    ``owner_id`` is the government (RPJMD, RKPD) or agency (Renstra PD, Renja PD) that owns the plan.
    Item ids (programs, kegiatan, sub kegiatan), goal and objective ids are unique within the plan.
    """

    id: str = attrs.field(validator=non_empty)
    kind: PlanKind = attrs.field(validator=of_type(PlanKind))
    title: str = attrs.field(validator=non_empty)
    period: PlanPeriod = attrs.field(validator=of_type(PlanPeriod))
    owner_id: str | None = None
    government_id: str | None = None
    stage: PlanStage = attrs.field(default=PlanStage.ENACTED, validator=of_type(PlanStage))
    revision: int = 0
    """0 for the first enacted text, 1 for the first perubahan, …"""
    vision: str | None = attrs.field(default=None, validator=optional_non_empty)
    """Visi."""
    missions: tuple[Mission, ...] = attrs.field(factory=tuple, converter=to_tuple, validator=unique_ids("misi"))
    goals: tuple[Goal, ...] = attrs.field(factory=tuple, converter=to_tuple, validator=unique_ids("tujuan"))
    objectives: tuple[Objective, ...] = attrs.field(factory=tuple, converter=to_tuple, validator=unique_ids("sasaran"))
    programs: tuple[Program, ...] = attrs.field(factory=tuple, converter=to_tuple, validator=_unique_item_ids)
    nomenclature: str | None = None
    """Id of the nomenclature version the plan is written in, if known."""
    provenance: Provenance | None = attrs.field(default=None, eq=False)
    extra: dict[str, Any] = attrs.field(factory=dict, hash=False)

    def __attrs_post_init__(self) -> None:
        if self.revision < 0:
            raise InvalidModel("Plan", "revision", f"must be 0 or more, got {self.revision}")

    def __repr__(self) -> str:
        """An outline: one line per program, kegiatan, sub kegiatan and indicator (see :mod:`sinkron.models._outline`)."""
        from sinkron.models._outline import plan_lines

        return "\n".join(plan_lines(self))

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        from sinkron.models._outline import plan_lines, pretty

        pretty(plan_lines(self), printer)

    @property
    def year(self) -> int | None:
        """The plan year of a yearly plan (RKPD 2026 → 2026), else ``None``."""
        return self.period.start if self.kind.is_yearly else None

    def items(self) -> Iterator[Program | Activity | SubActivity]:
        """Every program, kegiatan and sub kegiatan, depth first."""
        return _walk(self.programs)

    def sub_activities(self) -> Iterator[SubActivity]:
        """Every sub kegiatan of the plan."""
        for program in self.programs:
            for activity in program.activities:
                yield from activity.sub_activities

"""Meeting follow-up: where each agreement (kesepakatan) of a meeting shows up in the plans of its year.

An :class:`~sinkron.models.Agreement` says that perangkat daerah *A* will carry sub kegiatan *S*
in year *Y* with a target and a pagu. It is followed up when the plan of *A* for *Y* carries *S*
with that target and pagu. The plan is chosen so that each agreement is judged once:

1. the **Renja PD** of *A* for *Y* (``owner_id`` = *A*; the latest revision when there are several);
2. without one, the **RKPD** for *Y* of *A*'s government (items of *A* only: ``agency_id`` of the
   item or its program); the government is the agency's, else the meeting host's;
3. without either, the agreement is *not checked* (nothing to compare; the rules stay silent).

*A* is the agreement's ``agency_id`` when the bundle knows that agency id, else the one agency whose
SKPD code it is (codes repeat across governments, so a code naming several agencies is kept as it
is). Sub kegiatan codes are compared in their modern form (a legacy 2-digit number matches its
4-digit form).

The agreed target agrees when one of the item's indicators has a target for *Y* that agrees with
it within the tolerance (:func:`sinkron.align.rules.vertical.target_gap`) and no conflicting
satuan; the agreed pagu agrees when the item's pagu for *Y* (its own, else the sum of its
children's) is within the tolerance of it. Tolerances are relative (``Decimal("0.10")`` = 10 %).

>>> import datetime as dt
>>> from sinkron import (Agreement, Bundle, Code, Meeting, MeetingKind, Money, Plan, PlanKind, PlanPeriod,
...                      Program, Activity, SubActivity, Budget, Value)
>>> sub = SubActivity(code=Code.parse("1.02.02.2.02.0001"), name="Pelayanan Kesehatan Ibu Hamil",
...                   budgets=[Budget(year=2026, amount=Money(300_000_000))])
>>> renja = Plan(id="renja", kind=PlanKind.RENJA_PD, title="Renja Dinkes 2026", owner_id="dinkes",
...     period=PlanPeriod(start=2026, end=2026), programs=[Program(code=Code.parse("1.02.02"), name="P",
...     activities=[Activity(code=Code.parse("1.02.02.2.02"), name="K", sub_activities=[sub])])])
>>> meeting = Meeting(id="rakortek", kind=MeetingKind.RAKORTEKRENBANG, title="Rakortekrenbang 2025",
...     start=dt.date(2025, 3, 4), agreements=[
...         Agreement(id="A1", agency_id="dinkes", sub_activity=Code.parse("1.02.02.2.02.0001"), year=2026,
...                   pagu=Money(250_000_000))])
>>> from sinkron.align.index import BundleIndex
>>> [(f.agreement.id, f.state.value, str(f.plan_pagu)) for f in follow_ups(BundleIndex(Bundle(plans=[renja],
...     meetings=[meeting])))]
[('A1', 'pagu', '300000000')]
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal

import attrs

from sinkron.align.index import BundleIndex, ItemRecord
from sinkron.align.rules._shared import cached, exceeds, latest, pagu_of, plan_government, relative_difference, unit_key
from sinkron.align.rules.vertical import target_gap
from sinkron.codes import Code, CodeLevel
from sinkron.models import Agreement, Meeting, Plan, PlanKind, Value

__all__ = [
    "DEFAULT_PAGU_TOLERANCE",
    "DEFAULT_TARGET_TOLERANCE",
    "FollowUp",
    "FollowUpState",
    "follow_ups",
    "resolve_agency",
]

DEFAULT_TARGET_TOLERANCE = Decimal("0.10")
DEFAULT_PAGU_TOLERANCE = Decimal("0.10")


class FollowUpState(str, enum.Enum):
    """How an agreement shows up in the plan of its year."""

    FOLLOWED = "followed"
    """The sub kegiatan is in the plan with the agreed target and pagu (within the tolerances)."""
    ABSENT = "absent"
    """The plan of the year does not carry the agreed sub kegiatan."""
    TARGET = "target"
    """In the plan, but the target differs from the agreed one."""
    PAGU = "pagu"
    """In the plan, but the pagu differs from the agreed one."""
    TARGET_AND_PAGU = "target_and_pagu"
    """In the plan, but both target and pagu differ."""
    NOT_CHECKED = "not_checked"
    """No Renja PD or RKPD of the year for the agency in the bundle: nothing to compare."""


@attrs.frozen(kw_only=True)
class FollowUp:
    """One agreement and what the plan of its year says about it."""

    meeting: Meeting
    agreement: Agreement
    agency_id: str
    """The agency the agreement binds, resolved against the bundle (:func:`resolve_agency`)."""
    plan: Plan | None = None
    """The plan the agreement is judged against (``None``: not checked)."""
    record: ItemRecord | None = None
    """The sub kegiatan of the plan carrying the agreement (``None``: absent)."""
    plan_targets: tuple[Value, ...] = ()
    """The item's targets for the year (one per indicator that has one)."""
    target_differs: bool = False
    plan_pagu: Decimal | None = None
    pagu_differs: bool = False
    pagu_relative: Decimal | None = None
    """(plan pagu − agreed pagu) / agreed pagu, rounded to 4 places."""

    @property
    def ref(self) -> str:
        """``meeting_id#agreement_id``."""
        return f"{self.meeting.id}#{self.agreement.id}"

    @property
    def state(self) -> FollowUpState:
        if self.plan is None:
            return FollowUpState.NOT_CHECKED
        if self.record is None:
            return FollowUpState.ABSENT
        if self.target_differs and self.pagu_differs:
            return FollowUpState.TARGET_AND_PAGU
        if self.target_differs:
            return FollowUpState.TARGET
        if self.pagu_differs:
            return FollowUpState.PAGU
        return FollowUpState.FOLLOWED

    @property
    def checked(self) -> bool:
        return self.plan is not None

    @property
    def followed(self) -> bool:
        return self.state is FollowUpState.FOLLOWED


def resolve_agency(index: BundleIndex, agency: str, government_id: str | None = None) -> str:
    """The bundle's id of the agency an agreement names: the id itself, else the one agency with that SKPD code.

    ``government_id`` narrows a code shared by several governments' agencies to one government.
    """
    if agency in index.agencies:
        return agency
    by_code = cached(index, "followup.agencies_by_code", _agencies_by_code)
    found = by_code.get(agency, [])
    if government_id is not None and len(found) > 1:
        found = [a for a in found if index.agencies[a].government_id == government_id]
    return found[0] if len(found) == 1 else agency


def _agencies_by_code(index: BundleIndex) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for agency in index.agencies.values():
        out[agency.code].append(agency.id)
    return out


def _host_government(index: BundleIndex, meeting: Meeting) -> str | None:
    host = meeting.host_id
    if host is None:
        return None
    if host in index.governments:
        return host
    agency = index.agencies.get(host)
    return agency.government_id if agency is not None else None


def _plans_for(index: BundleIndex, kind: PlanKind, year: int) -> list[Plan]:
    return [p for p in index.plans_by_kind.get(kind, ()) if year in p.period]


def _subs_of(index: BundleIndex, plan: Plan, agency: str | None) -> dict[Code, list[ItemRecord]]:
    """Sub kegiatan of a plan by modern code (of one agency when ``agency`` is given)."""
    out: dict[Code, list[ItemRecord]] = defaultdict(list)
    for record in index.item_records(CodeLevel.SUB_ACTIVITY, plan):
        if agency is not None and (record.item.agency_id or record.program.agency_id) != agency:
            continue
        out[record.code.modernised()].append(record)
    return out


class _Plans:
    """The plan of an (agency, year) and its sub kegiatan by code, looked up once per index."""

    def __init__(self, index: BundleIndex) -> None:
        self.index = index
        self._chosen: dict[tuple[str, int, str | None], tuple[Plan, dict[Code, list[ItemRecord]]] | None] = {}

    def find(
        self, agency: str, year: int, host_government: str | None
    ) -> tuple[Plan, dict[Code, list[ItemRecord]]] | None:
        key = (agency, year, host_government)
        if key not in self._chosen:
            self._chosen[key] = self._find(agency, year, host_government)
        return self._chosen[key]

    def _find(self, agency: str, year: int, host: str | None) -> tuple[Plan, dict[Code, list[ItemRecord]]] | None:
        index = self.index
        renja = latest(p for p in _plans_for(index, PlanKind.RENJA_PD, year) if p.owner_id == agency)
        if renja is not None:
            return renja, _subs_of(index, renja, None)
        known = index.agencies.get(agency)
        government = known.government_id if known is not None and known.government_id else host
        if government is None:
            return None
        rkpd = latest(p for p in _plans_for(index, PlanKind.RKPD, year) if plan_government(index, p) == government)
        if rkpd is None:
            return None
        return rkpd, _subs_of(index, rkpd, agency)


def _target_differs(agreed: Value, targets: Sequence[Value], units: Sequence[str | None], tolerance: Decimal) -> bool:
    for value, unit in zip(targets, units, strict=True):
        ours, theirs = unit_key(agreed.unit), unit_key(value.unit or unit)
        if ours is not None and theirs is not None and ours != theirs:
            continue
        if target_gap(value, agreed, tolerance) is None:
            return False
    return True


def _judge(
    index: BundleIndex,
    plans: _Plans,
    meeting: Meeting,
    agreement: Agreement,
    target_tolerance: Decimal,
    pagu_tolerance: Decimal,
) -> FollowUp:
    host = _host_government(index, meeting)
    agency = resolve_agency(index, agreement.agency_id, host)
    found = plans.find(agency, agreement.year, host)
    if found is None:
        return FollowUp(meeting=meeting, agreement=agreement, agency_id=agency)
    plan, subs = found
    records = subs.get(agreement.sub_activity.modernised(), [])
    if not records:
        return FollowUp(meeting=meeting, agreement=agreement, agency_id=agency, plan=plan)
    record = records[0]
    year = agreement.year
    pairs = [(t, i.unit) for i in record.item.indicators if (t := i.target_for(year)) is not None]
    targets = tuple(t for t, _ in pairs)
    target_differs = agreement.target is not None and _target_differs(
        agreement.target, targets, [u for _, u in pairs], target_tolerance
    )
    plan_pagu = pagu_of(record.item, year)
    pagu_differs = False
    relative = None
    if agreement.pagu is not None:
        agreed = agreement.pagu.amount
        pagu_differs = plan_pagu is None or exceeds(plan_pagu, agreed, pagu_tolerance)
        relative = relative_difference(plan_pagu, agreed) if plan_pagu is not None else None
    return FollowUp(
        meeting=meeting,
        agreement=agreement,
        agency_id=agency,
        plan=plan,
        record=record,
        plan_targets=targets,
        target_differs=target_differs,
        plan_pagu=plan_pagu,
        pagu_differs=pagu_differs,
        pagu_relative=relative,
    )


def follow_ups(
    index: BundleIndex,
    *,
    target_tolerance: Decimal = DEFAULT_TARGET_TOLERANCE,
    pagu_tolerance: Decimal = DEFAULT_PAGU_TOLERANCE,
    meetings: Iterable[Meeting] | None = None,
) -> list[FollowUp]:
    """Every agreement of the bundle's meetings (or of ``meetings``) with its follow-up, in meeting order.

    Computed once per index and pair of tolerances when ``meetings`` is not given.
    """
    if meetings is not None:
        plans = _Plans(index)
        return [_judge(index, plans, m, a, target_tolerance, pagu_tolerance) for m in meetings for a in m.agreements]

    def build(ix: BundleIndex) -> list[FollowUp]:
        return follow_ups(
            ix, target_tolerance=target_tolerance, pagu_tolerance=pagu_tolerance, meetings=ix.bundle.meetings
        )

    return cached(index, f"followup.{target_tolerance}.{pagu_tolerance}", build)

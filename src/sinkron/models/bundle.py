"""The Bundle: everything one or more sources yield, ready for the alignment engine."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

import attrs

from sinkron.errors import InvalidModel
from sinkron.models._base import to_tuple, unique_ids
from sinkron.models.findings import Finding
from sinkron.models.links import Link
from sinkron.models.meetings import Meeting
from sinkron.models.national.records import NationalRecords
from sinkron.models.organisations import Agency, Government
from sinkron.models.plans import Plan
from sinkron.models.priorities import Priority

__all__ = ["Bundle"]


@attrs.frozen(kw_only=True)
class Bundle:
    """Plans, priorities, meetings and links, with the governments and agencies they refer to.

    ``nomenclature`` names the nomenclature version in force (see :mod:`sinkron.nomenclature`);
    ``sources`` lists where the data came from. Every record also carries its own provenance.

    >>> Bundle().merge(Bundle(sources=("a.xlsx",))).sources
    ('a.xlsx',)
    """

    governments: tuple[Government, ...] = attrs.field(
        factory=tuple, converter=to_tuple, validator=unique_ids("government")
    )
    agencies: tuple[Agency, ...] = attrs.field(factory=tuple, converter=to_tuple, validator=unique_ids("agency"))
    plans: tuple[Plan, ...] = attrs.field(factory=tuple, converter=to_tuple, validator=unique_ids("plan"))
    priorities: tuple[Priority, ...] = attrs.field(factory=tuple, converter=to_tuple, validator=unique_ids("priority"))
    meetings: tuple[Meeting, ...] = attrs.field(factory=tuple, converter=to_tuple, validator=unique_ids("meeting"))
    links: tuple[Link, ...] = attrs.field(factory=tuple, converter=to_tuple)
    nomenclature: str | None = None
    sources: tuple[str, ...] = attrs.field(factory=tuple, converter=to_tuple)
    national: NationalRecords = attrs.field(factory=NationalRecords)
    """K/L records, national priority trees, tag vocabularies and crosswalks (see :mod:`sinkron.kl`)."""
    source_findings: tuple[Finding, ...] = attrs.field(factory=tuple, converter=to_tuple)
    """What the readers noticed inside the sources they read (rule family 0, ``SKN0xx``): a subtotal that
    does not add up, a formula evaluated by sinkron, a code inferred from its official name … Each is
    located in its source; :func:`sinkron.check` reports them beside the rule findings."""

    def __repr__(self) -> str:
        """An outline: one line per record (see :mod:`sinkron.models._outline`)."""
        from sinkron.models._outline import bundle_lines

        return "\n".join(bundle_lines(self))

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        from sinkron.models._outline import bundle_lines, pretty

        pretty(bundle_lines(self), printer)

    def merge(self, *others: Bundle) -> Bundle:
        """One bundle holding this one's records and the others'.

        A government or agency present in several bundles (same id and equal) is kept once; a
        different record under the same id, or a duplicate plan, priority or meeting id, raises
        :class:`~sinkron.errors.InvalidModel`. The ``nomenclature`` is the one the bundles name (a
        bundle without one takes the others'); bundles naming different versions raise ``InvalidModel``,
        so merging gives the same bundle however the merges are grouped.
        """
        bundles = (self, *others)

        def combined(name: str, dedupe: bool) -> tuple[Any, ...]:
            out: list[Any] = []
            seen: dict[str, Any] = {}
            for bundle in bundles:
                for record in getattr(bundle, name):
                    if dedupe and record.id in seen and seen[record.id] == record:
                        continue
                    seen[record.id] = record
                    out.append(record)
            return tuple(out)

        return Bundle(
            governments=combined("governments", True),
            agencies=combined("agencies", True),
            plans=combined("plans", False),
            priorities=combined("priorities", True),
            meetings=combined("meetings", False),
            links=_unique_links(link for b in bundles for link in b.links),
            nomenclature=_one_nomenclature(bundles),
            sources=tuple(dict.fromkeys(s for b in bundles for s in b.sources)),
            national=self.national.merge(*(b.national for b in others)),
            source_findings=tuple(f for b in bundles for f in b.source_findings),
        )

    def plan(self, plan_id: str) -> Plan:
        """The plan with this id (``KeyError`` if absent)."""
        for plan in self.plans:
            if plan.id == plan_id:
                return plan
        raise KeyError(plan_id)

    def replace(self, **changes: object) -> Bundle:
        """A copy with some fields replaced."""
        return attrs.evolve(cast(Any, self), **changes)  # type: ignore[no-any-return]


def _one_nomenclature(bundles: Iterable[Bundle]) -> str | None:
    """The nomenclature version the bundles name (``None`` when none does); two different versions are an error."""
    named = tuple(dict.fromkeys(b.nomenclature for b in bundles if b.nomenclature))
    if len(named) > 1:
        raise InvalidModel(
            "Bundle",
            "nomenclature",
            f"the bundles name different nomenclature versions ({', '.join(map(repr, named))}); "
            "set one version on every bundle before merging them",
        )
    return named[0] if named else None


def _unique_links(links: Iterable[Link]) -> tuple[Link, ...]:
    return tuple(dict.fromkeys(links))

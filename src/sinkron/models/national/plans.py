"""A ministry's yearly plan or budget: Renja K/L, RKA-K/L or DIPA, holding its K/L programs."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from typing import Any

import attrs

from sinkron.errors import InvalidModel
from sinkron.models._base import non_empty, to_tuple, year
from sinkron.models.national.items import DetailedOutput, MinistryActivity, MinistryProgram, OutputClass
from sinkron.models.provenance import Provenance

__all__ = ["MinistryDocument", "MinistryPlan", "OutputRecord"]


class MinistryDocument(str, enum.Enum):
    """Kind of K/L planning or budget document."""

    RENJA_KL = "renja_kl"
    """Rencana Kerja K/L (KRISNA): the yearly work plan, approved by Bappenas and Kemenkeu."""
    RKA_KL = "rka_kl"
    """Rencana Kerja dan Anggaran K/L (SAKTI Kertas Kerja)."""
    DIPA = "dipa"
    """Daftar Isian Pelaksanaan Anggaran: the enacted budget of a satker."""


@attrs.frozen(kw_only=True)
class OutputRecord:
    """An RO with the program, kegiatan and KRO it sits under (see :meth:`MinistryPlan.outputs`)."""

    plan: MinistryPlan
    program: MinistryProgram
    activity: MinistryActivity
    output_class: OutputClass
    output: DetailedOutput

    @property
    def ref(self) -> str:
        """The reference links use: ``plan_id#RO id``."""
        return f"{self.plan.id}#{self.output.id}"


def _unique_item_ids(instance: MinistryPlan, attribute: attrs.Attribute[Any], programs: tuple[Any, ...]) -> None:
    seen: set[str] = set()
    for node in _walk(programs):
        if node.id in seen:
            raise InvalidModel("MinistryPlan", "programs", f"duplicate item id {node.id!r} in plan {instance.id!r}")
        seen.add(node.id)


def _walk(programs: tuple[MinistryProgram, ...]) -> Iterator[Any]:
    for program in programs:
        yield program
        for activity in program.activities:
            yield activity
            for output_class in activity.output_classes:
                yield output_class
                for output in output_class.outputs:
                    yield output
                    yield from output.components


@attrs.frozen(kw_only=True)
class MinistryPlan:
    """A K/L's Renja K/L, RKA-K/L or DIPA for one year.

    ``ministry_code`` is the bagian anggaran (``022``). Item ids are unique within the plan, and
    records inside it are referenced as ``plan_id#item_id`` (the same form as regional plans), so
    plan ids must not clash with the ids of the bundle's regional plans.
    """

    id: str = attrs.field(validator=non_empty)
    ministry_code: str = attrs.field(validator=non_empty)
    year: int = attrs.field(validator=year)
    title: str = attrs.field(validator=non_empty)
    kind: MinistryDocument = MinistryDocument.RENJA_KL
    programs: tuple[MinistryProgram, ...] = attrs.field(factory=tuple, converter=to_tuple, validator=_unique_item_ids)
    provenance: Provenance | None = attrs.field(default=None, eq=False)
    extra: dict[str, Any] = attrs.field(factory=dict, hash=False)

    def __attrs_post_init__(self) -> None:
        for program in self.programs:
            ba = program.code.budget_section
            if ba is not None and ba != self.ministry_code:
                raise InvalidModel(
                    "MinistryPlan", "programs", f"program {program.code} belongs to BA {ba}, not {self.ministry_code}"
                )

    def items(self) -> Iterator[Any]:
        """Every program, kegiatan, KRO, RO and komponen, depth first."""
        return _walk(self.programs)

    def outputs(self) -> Iterator[OutputRecord]:
        """Every RO with its parents."""
        for program in self.programs:
            for activity in program.activities:
                for output_class in activity.output_classes:
                    for output in output_class.outputs:
                        yield OutputRecord(
                            plan=self, program=program, activity=activity, output_class=output_class, output=output
                        )

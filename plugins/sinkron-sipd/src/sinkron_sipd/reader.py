"""Reading SIPD records into sinkron models.

:class:`BundleBuilder` takes records one at a time (so a JSON Lines export streams) and folds them
into plans, programs, kegiatan, sub kegiatan, agencies, priorities and links:

* a sub kegiatan record becomes one :class:`~sinkron.SubActivity` under its kegiatan and program
  (shared by every record that names the same agency and code), with its ``sub_keg_indikator``
  as output indicators; ``sub_keg_indikator_hasil`` and ``output_giat`` become the kegiatan's
  indicators and ``capaian_prog_sub_keg`` the program's, each kept once however many records
  repeat it;
* a master row becomes a sub kegiatan of the plan ``sipd-master-<year>``;
* an SKPD row becomes an :class:`~sinkron.Agency`;
* Renstra/RPJMD entity and indicator rows are folded by :mod:`sinkron_sipd.planning`.

Every record is checked as a whole and all of its problems are reported, located by JSON path
(and line, for JSON Lines). A record is kept whenever its data allows (docs/errors.md, "Tolerant and
strict reading"): a value that cannot be read is left out with a source finding ``SKN008``; a
record that cannot be placed in a plan (no sub kegiatan code, no year) is named by a finding
``SKN005``; a record that gives a sub kegiatan again (same year, SKPD, unit and code as an earlier record)
is named by ``SKN010`` with both records, and the first is kept; only a record that cannot be read at all (not an object, a key given twice, not a SIPD
record) is a located error. Either way the records around it still read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import attrs

from sinkron.codes import Code, CodeLevel
from sinkron.errors import CodeError, InvalidModel, SourceError
from sinkron.models import (
    Budget,
    BudgetKind,
    Bundle,
    FundingSource,
    Indicator,
    IndicatorKind,
    Link,
    LinkKind,
    Money,
    PlanKind,
    Priority,
    PriorityKind,
    Provenance,
    SubActivity,
    Target,
    ref,
)
from sinkron.models.findings import Finding
from sinkron_sipd.documents import DocumentInfo, RawRecord
from sinkron_sipd.fields import BLOCKS, LABEL_SLOTS, BlockSpec, IndicatorRole, RecordKind, detect_kind
from sinkron_sipd.layout import diff_object
from sinkron_sipd.planning import PlanningRows
from sinkron_sipd.render import (
    funding_row,
    indicator_row,
    location_row,
    location_text,
    master_scalars,
    skpd_scalars,
    slug_id,
    sub_keg_scalars,
    tag_row,
)
from sinkron_sipd.state import (
    PLAN_KINDS,
    AgencyState,
    ItemState,
    PlanState,
    Problems,
    ReadOptions,
    amount_field,
    code_field,
    split_name,
    target_value,
    text_field,
    unique_id,
)

__all__ = ["BundleBuilder", "ReadOptions", "funding_key"]

_PRIORITY_KIND = {"pusat": PriorityKind.NATIONAL, "prov": PriorityKind.REGIONAL, "kokab": PriorityKind.REGIONAL}
_EMPTY_IDS = ("", "0")
_Codes = tuple[Code, Code, Code, tuple[str | None, str | None, str | None]]
"""Program, kegiatan and sub kegiatan codes, and their names."""
_NOT_READ: Any = object()
"""What :meth:`BundleBuilder._block` gives for a nested block that is not a list (kept as it was, not read)."""
_BUDGET_KINDS = (BudgetKind.CEILING, BudgetKind.INDICATIVE, BudgetKind.INDICATIVE)
"""The kinds of ``pagu``, ``pagu_indikatif`` and ``pagu_n_depan`` (of the plan year, the year and the next)."""


# -- parsed rows of nested blocks -------------------------------------------------------------------


@attrs.define
class _Row:
    """One parsed row of a nested block: what it holds (nothing, for an empty row) and its spelling."""

    raw: Any
    path: str
    """Its JSON path within the record (``.sub_keg_indikator[0]``)."""
    keys: dict[str, str] | None
    """The key of each role (:meth:`~sinkron_sipd.fields.BlockSpec.spelling`; ``None``: a row not read)."""
    name: str | None = None
    """The indicator's name (``None``: the row holds no indicator)."""
    unit: str | None = None
    kind: IndicatorKind | None = None
    targets: tuple[Target, ...] = ()
    location: str | None = None
    funding: FundingSource | None = None
    tag: tuple[str, str | None] | None = None
    """(label id, name) of a tag row."""

    @property
    def empty(self) -> bool:
        return self.name is None and self.location is None and self.funding is None and self.tag is None


@attrs.define
class _SubKegRead:
    """What a sub kegiatan record says, read and checked before anything is built from it."""

    year: int | None
    codes: _Codes | None
    skpd: tuple[str | None, str | None]
    """``kode_skpd`` and ``nama_skpd``."""
    unit: tuple[str | None, str | None]
    """``kode_sub_skpd`` and ``nama_sub_skpd``."""
    amounts: list[Money | None]
    """``pagu``, ``pagu_indikatif`` and ``pagu_n_depan``."""
    slots: dict[str, tuple[str | None, str | None]]
    """The label slots' (id, name)."""
    blocks: dict[str, list[_Row] | None] = attrs.Factory(dict)
    """The nested blocks read (``None``: a null block)."""
    unread_blocks: dict[str, Any] = attrs.Factory(dict)
    """The nested blocks that are not lists, as they were."""


@attrs.define
class _Placed:
    """Where a sub kegiatan record went: its year, the sub kegiatan, its kegiatan and program, its tags' priorities."""

    year: int
    sub: SubActivity
    activity: ItemState
    program: ItemState
    tags: list[Priority | None]
    """The priority of each row of ``tag_sub_keg`` (``None`` for an empty row)."""
    shared: dict[str, list[Indicator | None]] = attrs.Factory(dict)
    """For each kegiatan/program indicator block, the shared indicator each row names (``None`` for a row
    that names none)."""


class BundleBuilder:
    """Folds SIPD records, one at a time, into a :class:`~sinkron.Bundle`.

    >>> from sinkron_sipd.documents import RawRecord
    >>> builder = BundleBuilder("contoh.json", ReadOptions(year=2026))
    >>> builder.add(RawRecord(index=0, json_path="$[0]", value={
    ...     "kode_program": "1.02.02", "nama_program": "1.02.02 PROGRAM PEMENUHAN UPAYA KESEHATAN",
    ...     "kode_giat": "1.02.02.2.02", "nama_giat": "1.02.02.2.02 Penyediaan Layanan Kesehatan",
    ...     "kode_sub_giat": "1.02.02.2.02.0001",
    ...     "nama_sub_giat": "1.02.02.2.02.0001 Pengelolaan Pelayanan Kesehatan Ibu Hamil"}))
    True
    >>> [item.name for item in builder.build().plans[0].items()][-1]
    'Pengelolaan Pelayanan Kesehatan Ibu Hamil'
    """

    def __init__(self, source: str, options: ReadOptions | None = None) -> None:
        self.source = source
        self.options = options or ReadOptions()
        self.errors: list[SourceError] = []
        self.findings: list[Finding] = []
        """Source findings (``SKN0xx``) of the records read so far: kept records' problems, unplaced records."""
        self.records = 0
        self.document: DocumentInfo | None = None
        self._plans: dict[str, PlanState] = {}
        self._agencies: dict[str, AgencyState] = {}
        self._priorities: dict[str, Priority] = {}
        self._links: list[Link] = []
        self._planning = PlanningRows(self)
        self._first_layout: dict[str, Any] | None = None
        self._sub_records: dict[tuple[str, str | None, str | None, Code], RawRecord] = {}
        """The record that gave each sub kegiatan (plan, SKPD, unit, code), its value dropped: a second one is SKN010."""

    # -- public ---------------------------------------------------------------------------------------
    def add(self, record: RawRecord) -> bool:
        """Read one record; ``False`` when it was left out (named in :attr:`errors` or :attr:`findings`)."""
        self.records += 1
        problems = Problems(self.source, record)
        if record.defects:  # a repeated key or a number too long to read: what the record says is not known
            for defect in record.defects:
                problems.add(
                    defect.message, defect.path, field=defect.field, expected=defect.expected, actual=defect.actual
                )
            self.errors.extend(problems.errors)
            return False
        raw = record.value
        if not isinstance(raw, dict):
            problems.add(
                "a record is not a JSON object", expected="a SIPD record (JSON object)", actual=type(raw).__name__
            )
            self.errors.extend(problems.errors)
            return False
        kind = self.options.record_kind or detect_kind(raw, self.document.action if self.document else None)
        if kind is None:
            problems.add(
                "unknown record shape",
                expected="a SIPD sub kegiatan, master, SKPD or Renstra/RPJMD record",
                actual=", ".join(list(raw)[:8]) or "{}",
            )
            self.errors.extend(problems.errors)
            return False
        handler: Callable[[dict[str, Any], RawRecord, Problems], bool] = {
            RecordKind.SUB_KEG: self._sub_keg,
            RecordKind.MASTER: self._master,
            RecordKind.SKPD: self._skpd,
            RecordKind.PLANNING: self._planning.add,
        }[kind]
        return self._run(handler, raw, record, problems)

    def add_deferred(self, record: RawRecord, handler: Callable[[dict[str, Any], RawRecord, Problems], bool]) -> bool:
        """Read a record that had to wait for another one (an indicator row for its entity row)."""
        return self._run(handler, record.value, record, Problems(self.source, record))

    def _run(
        self,
        handler: Callable[[dict[str, Any], RawRecord, Problems], bool],
        raw: dict[str, Any],
        record: RawRecord,
        problems: Problems,
    ) -> bool:
        try:
            done = handler(raw, record, problems)
        except InvalidModel as exc:  # a model refused a value the checks above let through
            problems.not_placed(f"invalid value: {exc}", f"nilai tidak sah: {exc}", field=exc.field)
            done = False
        self.errors.extend(problems.errors)
        subject = problems.subject
        if subject is None or not done or problems.blocking:
            self.findings.extend(problems.findings)
        else:
            self.findings.extend(attrs.evolve(finding, subject=subject) for finding in problems.findings)
        return done and not problems.blocking

    def build(self) -> Bundle:
        """The bundle of every record read so far (indicator rows still waiting for their entity row are reported)."""
        self._planning.finish()
        if self._first_layout is not None and self.document is not None:
            self._first_layout["document"] = self.document.to_json()
        by_sipd_id = {sipd_id: state.code for state in self._agencies.values() for sipd_id in state.sipd_ids}
        for state in self._agencies.values():
            if state.parent_id is None and state.parent_sipd_id is not None:
                parent = by_sipd_id.get(state.parent_sipd_id)
                if parent is not None and parent != state.code:
                    state.parent_id = parent
        return Bundle(
            agencies=[state.model() for state in self._agencies.values()],
            plans=[plan.model() for plan in self._plans.values()],
            priorities=list(self._priorities.values()),
            links=self._links,
            sources=(self.source,),
            source_findings=self.findings,
        )

    # -- shared pieces ----------------------------------------------------------------------------------
    def _provenance(self, record: RawRecord) -> Provenance:
        """Where ``record`` is."""
        return Provenance(source=self.source, row=record.row, json_path=record.json_path)

    def _base_layout(self, kind: RecordKind, record: RawRecord) -> dict[str, Any]:
        layout: dict[str, Any] = {"kind": kind.value, "index": record.index}
        if record.index == 0:
            self._first_layout = layout  # the document's shape is added in build(), when it is complete
        return layout

    def _year(self, raw: Mapping[str, Any], problems: Problems) -> int | None:
        value = raw.get("tahun_anggaran")
        if value is None or (isinstance(value, str) and not value.strip()):
            if self.options.year is None:
                problems.add(
                    "no plan year: the record has no tahun_anggaran",
                    ".tahun_anggaran",
                    field="tahun_anggaran",
                    expected="tahun_anggaran, or the year= option",
                )
            return self.options.year
        text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
        if not text.isdigit() or not 1945 <= int(text) <= 2200:
            problems.not_placed(
                "tahun_anggaran is not a year",
                "tahun_anggaran bukan tahun",
                ".tahun_anggaran",
                field="tahun_anggaran",
                expected="a year such as 2026",
                actual=value,
            )
            return None
        return int(text)

    def _agency(self, code: str, name: str | None, record: RawRecord) -> AgencyState:
        state = self._agencies.get(code)
        if state is None:
            state = AgencyState(code, name, self._provenance(record), self.options.government_id)
            self._agencies[code] = state
        return state

    def _plan(self, year: int, *, master: bool, owner: AgencyState | None) -> PlanState:
        """The plan of ``year`` a record belongs to (made by the first record that names it)."""
        kind = self.options.plan_kind or PlanKind.RKPD
        prefix = self.options.plan_prefix
        if master:
            plan_id, title, owner_id = f"{prefix}-master-{year}", f"Master sub kegiatan SIPD {year}", None
        elif kind is PlanKind.RKPD:
            plan_id, title, owner_id = f"{prefix}-rkpd-{year}", f"RKPD {year}", self.options.government_id
        else:
            label = "Renja" if kind is PlanKind.RENJA_PD else "DPA"
            plan_id = f"{prefix}-{kind.value}-{year}" + (f"-{owner.code}" if owner else "")
            title = f"{label} {owner.name} {year}" if owner else f"{label} {year}"
            owner_id = owner.code if owner else None
        family = RecordKind.MASTER if master else None
        return self._plan_state(plan_id, kind, (year, year), title, owner_id, family)

    def _plan_state(
        self,
        plan_id: str,
        kind: PlanKind,
        period: tuple[int, int],
        title: str,
        owner_id: str | None,
        family: RecordKind | None,
    ) -> PlanState:
        state = self._plans.get(plan_id)
        if state is None:
            state = PlanState(
                plan_id,
                kind,
                period,
                title,
                owner_id,
                self.options.government_id,
                family,
                Provenance(source=self.source),
            )
            self._plans[plan_id] = state
        return state

    def _items(
        self,
        plan: PlanState,
        agency_id: str | None,
        codes: tuple[Code, Code],
        names: tuple[str | None, str | None],
        record: RawRecord,
    ) -> tuple[ItemState, ItemState]:
        program_code, activity_code = codes
        activity_id = f"{agency_id}/{activity_code}" if agency_id else str(activity_code)
        activity = plan.activities.get(activity_id)
        if activity is not None:
            assert activity.parent is not None
            return activity.parent, activity
        program_id = f"{agency_id}/{program_code}" if agency_id else str(program_code)
        program = plan.programs.get(program_id)
        if program is None:
            program = ItemState(program_code, names[0], agency_id, self._provenance(record))
            plan.programs[program_id] = program
            plan.used_ids.add(program_id)
        activity = ItemState(activity_code, names[1], agency_id, self._provenance(record))
        activity.parent = program
        program.children[activity_id] = activity
        plan.activities[activity_id] = activity
        plan.used_ids.add(activity_id)
        return program, activity

    def _sub_id(self, plan: PlanState, agency_id: str | None, code: Code) -> str:
        """``agency/code``, or ``agency/code~2``, ``~3`` … for the same sub kegiatan named again."""
        base = f"{agency_id}/{code}" if agency_id else str(code)
        if base not in plan.used_ids:
            plan.used_ids.add(base)
            return base
        number = plan.repeats.get(base, 1) + 1
        while f"{base}~{number}" in plan.used_ids:
            number += 1
        plan.repeats[base] = number
        plan.used_ids.add(f"{base}~{number}")
        return f"{base}~{number}"

    def _nomenclature_codes(self, raw: Mapping[str, Any], problems: Problems) -> _Codes | None:
        """The program, kegiatan and sub kegiatan codes and names of a record."""
        sub_code = code_field(raw, "kode_sub_giat", CodeLevel.SUB_ACTIVITY, problems, required=True)
        activity_code = code_field(raw, "kode_giat", CodeLevel.ACTIVITY, problems, required=False)
        program_code = code_field(raw, "kode_program", CodeLevel.PROGRAM, problems, required=False)
        names = [text_field(raw, key, problems) for key in ("nama_program", "nama_giat", "nama_sub_giat")]
        if sub_code is None:
            return None
        activity_code = activity_code or sub_code.parent
        assert activity_code is not None
        program_code = program_code or activity_code.parent
        assert program_code is not None
        return (
            program_code,
            activity_code,
            sub_code,
            (split_name(names[0], program_code), split_name(names[1], activity_code), split_name(names[2], sub_code)),
        )

    # -- sub kegiatan records -----------------------------------------------------------------------
    def _sub_keg(self, raw: dict[str, Any], record: RawRecord, problems: Problems) -> bool:
        """Read a sub kegiatan record: check it whole, place it (agencies, plan, program and kegiatan), build
        the sub kegiatan, link its tags, and keep what is needed to write it back."""
        if not self._yearly_plan_kind(problems):
            return False
        read = self._read_sub_keg(raw, problems)
        if problems.blocking or read.codes is None or read.year is None:
            return False
        year, (program_code, activity_code, sub_code, names) = read.year, read.codes
        skpd, unit = self._sub_keg_agencies(read, record)
        plan = self._plan(year, master=False, owner=skpd)
        agency_id = unit.code if unit else None
        key = (plan.id, skpd.code if skpd else None, agency_id, sub_code)
        first = self._sub_records.get(key)
        if first is not None:
            problems.repeated(sub_code, agency_id, year, first)
            return False
        self._sub_records[key] = attrs.evolve(record, value=None)
        program, activity = self._items(plan, agency_id, (program_code, activity_code), names[:2], record)
        extra: dict[str, Any] = {}  # filled below: the layout is rendered from the sub kegiatan itself
        sub = SubActivity(
            code=sub_code,
            name=names[2] if names[2] is not None else str(sub_code),
            agency_id=agency_id,
            id=self._sub_id(plan, agency_id, sub_code),
            indicators=self._sub_indicators(read.blocks.get("sub_keg_indikator") or (), record),
            budgets=self._sub_keg_budgets(read.amounts, year),
            locations=[row.location for row in read.blocks.get("lokasi_sub_keg") or () if row.location is not None],
            funding=[row.funding for row in read.blocks.get("sumber_dana") or () if row.funding is not None],
            provenance=self._provenance(record),
            extra=extra,
        )
        sub_ref = ref(plan.id, sub.id)
        problems.subject = sub_ref
        slot_priorities = {slot: self._priority(slot, *label, record) for slot, label in read.slots.items()}
        tag_priorities = [
            self._priority("giat", *row.tag, record) if row.tag is not None else None
            for row in read.blocks.get("tag_sub_keg") or ()
        ]
        self._link_tags(sub_ref, [*slot_priorities.values(), *tag_priorities], record)
        placed = _Placed(year, sub, activity, program, tag_priorities)
        self._shared_indicators(read, placed, record)
        if self.options.keep_source:
            extra["sipd"] = self._sub_keg_layout(raw, read, placed, (skpd, unit), slot_priorities, record)
        activity.subs.append(sub)
        return True

    def _yearly_plan_kind(self, problems: Problems) -> bool:
        """Whether the plan kind asked for is one a sub kegiatan record can belong to (an error if not)."""
        kind = self.options.plan_kind
        if kind is None or kind in PLAN_KINDS:
            return True
        problems.add(
            f"plan_kind {kind.value} is not a yearly plan; a sub kegiatan record belongs to one",
            expected=", ".join(k.value for k in PLAN_KINDS),
            actual=kind.value,
        )
        return False

    def _read_sub_keg(self, raw: dict[str, Any], problems: Problems) -> _SubKegRead:
        """Every field of a sub kegiatan record, read and checked (all problems reported) before anything is built."""
        year = self._year(raw, problems)
        codes = self._nomenclature_codes(raw, problems)
        skpd = (text_field(raw, "kode_skpd", problems), text_field(raw, "nama_skpd", problems))
        unit = (text_field(raw, "kode_sub_skpd", problems), text_field(raw, "nama_sub_skpd", problems))
        amounts = [
            amount_field(raw, key, problems, self.options.decimal) for key in ("pagu", "pagu_indikatif", "pagu_n_depan")
        ]
        slots = {
            slot: (text_field(raw, id_key, problems), text_field(raw, name_key, problems))
            for slot, (id_key, name_key) in LABEL_SLOTS.items()
        }
        read = _SubKegRead(year, codes, skpd, unit, amounts, slots)
        for name, spec in BLOCKS.items():
            if name in raw:
                rows = self._block(raw[name], spec, year, problems)
                if rows is _NOT_READ:
                    read.unread_blocks[name] = raw[name]
                else:
                    read.blocks[name] = rows
        return read

    def _sub_keg_budgets(self, amounts: list[Money | None], year: int) -> list[Budget]:
        """The budgets of ``pagu``, ``pagu_indikatif`` (of the plan year) and ``pagu_n_depan`` (of the next)."""
        years = (year, year, year + 1)
        return [
            Budget(year=budget_year, amount=amount, kind=kind)
            for amount, kind, budget_year in zip(amounts, _BUDGET_KINDS, years)
            if amount is not None
        ]

    def _sub_keg_agencies(self, read: _SubKegRead, record: RawRecord) -> tuple[AgencyState | None, AgencyState | None]:
        """The perangkat daerah (SKPD) of a record and its unit (sub SKPD; the SKPD itself when it names none)."""
        (skpd_code, skpd_name), (unit_code, unit_name) = read.skpd, read.unit
        skpd = self._agency(skpd_code, skpd_name, record) if skpd_code else None
        unit = skpd
        if unit_code and unit_code != skpd_code:
            unit = self._agency(unit_code, unit_name, record)
            if unit.parent_id is None and skpd is not None:
                unit.parent_id = skpd.code
        return skpd, unit

    def _sub_indicators(self, rows: Iterable[_Row], record: RawRecord) -> list[Indicator]:
        """The sub kegiatan's own indicators (``sub_keg_indikator``), each under an id of its own."""
        indicators: list[Indicator] = []
        for row in rows:
            if row.name is not None:
                made = self._indicator(row, record)
                if made.id in (taken_ids := {i.id for i in indicators}):
                    made = attrs.evolve(made, id=unique_id(made.id, taken_ids))
                indicators.append(made)
        return indicators

    def _link_tags(self, source: str, priorities: Iterable[Priority | None], record: RawRecord) -> None:
        """Link the sub kegiatan ``source`` to the priorities its label slots and tag rows point at."""
        provenance = self._provenance(record)
        for priority in priorities:
            if priority is not None:
                self._links.append(Link(kind=LinkKind.TAGGED, source=source, target=priority.id, provenance=provenance))

    def _sub_keg_layout(
        self,
        raw: dict[str, Any],
        read: _SubKegRead,
        placed: _Placed,
        agencies: tuple[AgencyState | None, AgencyState | None],
        slots: dict[str, Priority | None],
        record: RawRecord,
    ) -> dict[str, Any]:
        """What it takes to write the record back as it was: how it differs from the canonical form of the
        sub kegiatan, and its nested rows."""
        skpd, unit = agencies
        layout = self._base_layout(RecordKind.SUB_KEG, record)
        if skpd is not None:
            layout["skpd"] = skpd.code
        labels = {slot: priority.id for slot, priority in slots.items() if priority is not None}
        if labels:
            layout["labels"] = labels
        canonical = sub_keg_scalars(
            year=placed.year,
            sub=placed.sub,
            activity=placed.activity,
            program=placed.program,
            skpd=skpd,
            unit=unit,
            slots=slots,
        )
        layout.update(diff_object(raw, canonical, split_ids=True, skip=BLOCKS))
        if read.codes is not None and read.codes[3][2] is None:
            layout["name_missing"] = True
        block_layouts = self._block_layouts(read, placed, record)
        if block_layouts:
            layout["blocks"] = block_layouts
        return layout

    def _block_layouts(self, read: _SubKegRead, placed: _Placed, record: RawRecord) -> dict[str, Any]:
        """The layout entries of every nested block's rows (blocks that were not read are kept as they were)."""
        block_layouts: dict[str, Any] = {}
        sub_ids = iter(placed.sub.indicators)
        tags = iter(placed.tags)
        for name, rows in read.blocks.items():
            if rows is None:
                block_layouts[name] = None
                continue
            spec = BLOCKS[name]
            shared = placed.shared.get(name)
            entries: list[Any] = []
            for number, row in enumerate(rows):
                if row.empty:
                    entries.append({"raw": row.raw})
                    if spec.what == "tag":
                        next(tags)
                    continue
                entries.append(self._entry(spec, row, placed, sub_ids, shared[number] if shared else None, tags))
            block_layouts[name] = entries
        for name, value in read.unread_blocks.items():
            block_layouts[name] = {"raw": value}  # not read: written back as it was
        return block_layouts

    def _shared_indicators(self, read: _SubKegRead, placed: _Placed, record: RawRecord) -> None:
        """Put the indicators of the kegiatan and program blocks on the kegiatan and program (one for every
        record that repeats it), remembering which one each row named."""
        for name, rows in read.blocks.items():
            spec = BLOCKS[name]
            if rows is None or spec.owner in (None, IndicatorRole.SUB_ACTIVITY):
                continue
            owner = placed.activity if spec.owner is IndicatorRole.ACTIVITY else placed.program
            taken: set[str] = set()
            placed.shared[name] = [
                self._owner_indicator(owner, row, taken, record) if row.name is not None and not row.empty else None
                for row in rows
            ]

    def _indicator(self, row: _Row, record: RawRecord) -> Indicator:
        """The indicator of an indicator row (its id the slug of its name)."""
        assert row.name is not None and row.kind is not None
        return Indicator(
            name=row.name,
            unit=row.unit,
            kind=row.kind,
            targets=row.targets,
            provenance=Provenance(source=self.source, row=record.row, json_path=record.json_path + row.path),
        )

    def _entry(
        self,
        spec: BlockSpec,
        row: _Row,
        placed: _Placed,
        sub_ids: Iterator[Indicator],
        shared: Indicator | None,
        tags: Iterator[Priority | None],
    ) -> dict[str, Any]:
        """The layout entry of one non-empty row: its reference, its spelling where it is not the default one, and
        its :func:`~sinkron_sipd.layout.diff_object` (``shared``: the kegiatan/program indicator the row names)."""
        canonical: dict[str, Any]
        reference: str
        assert row.keys is not None  # only rows that were read are entries
        keys, year = row.keys, placed.year
        if row.name is not None:
            if spec.owner is IndicatorRole.SUB_ACTIVITY:
                indicator = next(sub_ids)
                canonical, reference = indicator_row(indicator, keys, year), indicator.id
            else:
                assert shared is not None  # every named row of a kegiatan/program block has its shared indicator
                canonical, reference = self._rendered(shared, keys, year)
        elif row.location is not None:
            canonical, reference = self._rendered(row.location, keys, year)
        elif row.funding is not None:
            canonical, reference = self._rendered(row.funding, keys, year)
        else:
            priority = next(tags)
            assert priority is not None
            canonical, reference = tag_row(priority, keys), priority.id
        entry: dict[str, Any] = {"ref": reference}
        renamed = spec.renamed(keys)
        if renamed is not None:
            entry["keys"] = renamed
        entry.update(diff_object(row.raw, canonical))
        return entry

    def _owner_indicator(self, owner: ItemState, row: _Row, taken: set[str], record: RawRecord) -> Indicator:
        """The kegiatan's or program's indicator an indicator row names (one for every record that repeats it),
        not yet used by this record (``taken``)."""
        indicator = owner.indicator(self._indicator(row, record), taken)
        taken.add(indicator.id)
        return indicator

    def _rendered(
        self, element: Indicator | FundingSource | str, keys: Mapping[str, str], year: int
    ) -> tuple[dict[str, Any], str]:
        """The canonical row and reference of a kegiatan/program indicator, a location or a sumber dana."""
        if isinstance(element, Indicator):
            return indicator_row(element, keys, year), element.id
        if isinstance(element, FundingSource):
            return funding_row(element, keys), funding_key(element)
        return location_row(element, keys), element

    def _block(self, value: Any, spec: BlockSpec, year: int | None, problems: Problems) -> Any:
        """Parse a nested block: its rows, ``None`` for a null block, :data:`_NOT_READ` for a block that is
        not a list. A row that cannot be read is kept as an empty row (written back as it was read) with
        a finding located at the row."""
        if value is None:
            return None
        base = f".{spec.name}"
        if not isinstance(value, list):
            problems.unreadable(
                f"the nested block {spec.name} is not a list",
                f"blok {spec.name} bukan daftar (list)",
                base,
                field=spec.name,
                expected=f"a list of {spec.what} rows",
                actual=type(value).__name__,
            )
            return _NOT_READ
        rows: list[_Row] = []
        for number, item in enumerate(value):
            path = f"{base}[{number}]"
            if not isinstance(item, dict):
                problems.unreadable(
                    f"a {spec.name} row is not a JSON object",
                    f"baris {spec.name} bukan objek JSON",
                    path,
                    field=spec.name,
                    expected="a JSON object",
                    actual=type(item).__name__,
                )
                rows.append(_Row(item, path, None))
                continue
            if spec.all_keys.isdisjoint(item):
                known = ", ".join(sorted(spec.all_keys))
                problems.unreadable(
                    f"unknown shape of a {spec.name} row",
                    f"bentuk baris {spec.name} tidak dikenal",
                    path,
                    field=spec.name,
                    expected=f"a row with some of: {known}",
                    actual=", ".join(list(item)[:8]) or "{}",
                )
                rows.append(_Row(item, path, None))
                continue
            rows.append(self._row(item, spec, year, problems, path))
        return rows

    def _row(self, item: dict[str, Any], spec: BlockSpec, year: int | None, problems: Problems, path: str) -> _Row:
        """Parse one row of a nested block (an empty row when it holds nothing)."""
        keys = spec.spelling(item)
        texts = {role: text_field(item, key, problems, path) for role, key in keys.items() if role != "amount"}
        row = _Row(item, path, keys)
        what = spec.what
        if what == "indicator":
            name = texts["name"]
            if name is None:
                return row
            unit = texts["unit"]
            try:
                value = target_value(texts["target"], texts["text"], unit, self.options.decimal)
                if value is not None and year is not None:
                    row.targets = (Target(year=year, value=value),)
            except InvalidModel as exc:
                target_key = keys["target"]
                problems.unreadable(
                    f"the target is not a value: {exc.reason}",
                    f"target bukan nilai ({exc.reason})",
                    f"{path}.{target_key}",
                    field=target_key,
                    actual=item.get(target_key),
                )
            row.name, row.unit, row.kind = name, unit, spec.kind
            return row
        if what == "location":
            text = location_text((texts["daerah"] or "", texts["camat"] or "", texts["lurah"] or ""))
            if text:
                row.location = text
            return row
        if what == "funding":
            amount = amount_field(item, keys["amount"], problems, self.options.decimal, path)
            if texts["name"] is None:
                return row
            row.funding = FundingSource(name=texts["name"], code=texts["code"], amount=amount)
            return row
        label_id, label_name = texts["id"], texts["name"]
        if label_name is None and (label_id is None or label_id.strip() in _EMPTY_IDS):
            return row
        row.tag = (label_id or "0", label_name)
        return row

    def _priority(self, slot: str, label_id: str | None, name: str | None, record: RawRecord) -> Priority | None:
        """The priority a label slot or tag row points at (made once, with a stable id)."""
        has_id = label_id is not None and label_id.strip() not in _EMPTY_IDS
        if not has_id and name is None:
            return None
        key = label_id.strip() if has_id and label_id is not None else slug_id(name or "")
        priority_id = f"sipd-label-{slot}-{key}"
        priority = self._priorities.get(priority_id)
        if priority is None:
            meta: dict[str, Any] = {"label": slot, "id": label_id if label_id is not None else "0"}
            if name is None:
                meta["name_missing"] = True
            priority = Priority(
                id=priority_id,
                kind=_PRIORITY_KIND.get(slot, PriorityKind.THEMATIC),
                name=name if name is not None else f"label {slot} {key}",
                government_id=self.options.government_id if slot in ("prov", "kokab") else None,
                provenance=self._provenance(record),
                extra={"sipd": meta},
            )
            self._priorities[priority_id] = priority
        return priority

    # -- master rows --------------------------------------------------------------------------------
    def _master(self, raw: dict[str, Any], record: RawRecord, problems: Problems) -> bool:
        year = self._year(raw, problems)
        codes = self._nomenclature_codes(raw, problems)
        if problems.blocking or codes is None or year is None:
            return False
        program_code, activity_code, sub_code, names = codes
        plan = self._plan(year, master=True, owner=None)
        program, activity = self._items(plan, None, (program_code, activity_code), names[:2], record)
        sub = SubActivity(
            code=sub_code,
            name=names[2] if names[2] is not None else str(sub_code),
            id=self._sub_id(plan, None, sub_code),
            provenance=self._provenance(record),
        )
        layout = self._base_layout(RecordKind.MASTER, record)
        layout.update(
            diff_object(raw, master_scalars(year=year, sub=sub, activity=activity, program=program), split_ids=True)
        )
        if names[2] is None:
            layout["name_missing"] = True
        activity.subs.append(attrs.evolve(sub, extra={"sipd": layout}))
        return True

    # -- SKPD rows ----------------------------------------------------------------------------------
    def _skpd(self, raw: dict[str, Any], record: RawRecord, problems: Problems) -> bool:
        code = text_field(raw, "kode_skpd", problems)
        name = text_field(raw, "nama_skpd", problems)
        if code is None:
            problems.not_placed(
                "no kode_skpd to read",
                "kode_skpd tidak dapat dibaca",
                ".kode_skpd",
                field="kode_skpd",
                expected="an SKPD code",
            )
        if problems.blocking or code is None:
            return False
        state = self._agency(code, name, record)
        if not state.rows:
            sectors = []
            for number in (1, 2, 3):
                value = raw.get(f"bidur__{number}")
                if isinstance(value, str):
                    try:
                        sector = Code.parse(value)
                    except CodeError:
                        continue
                    if sector.level is CodeLevel.SECTOR:
                        sectors.append(sector)
            state.sectors = tuple(sectors)
        for key in ("id_skpd", "id_unit"):
            value = raw.get(key)
            if isinstance(value, str) and value.strip() not in _EMPTY_IDS:
                state.sipd_ids.add(value.strip())
        parent = raw.get("idinduk")
        if isinstance(parent, str) and parent.strip() not in _EMPTY_IDS and state.parent_sipd_id is None:
            state.parent_sipd_id = parent.strip()
        layout = self._base_layout(RecordKind.SKPD, record)
        layout.update(
            diff_object(raw, skpd_scalars(code=state.code, name=state.name, sectors=state.sectors), split_ids=True)
        )
        state.rows.append(layout)
        return True


def funding_key(funding: FundingSource) -> str:
    """How a sumber dana row is recognised when written back: its code and name."""
    return f"{funding.code or ''}|{funding.name}"

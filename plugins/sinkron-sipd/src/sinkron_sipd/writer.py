"""Writing sinkron models as SIPD records.

Every sub kegiatan of every plan becomes one sub kegiatan record (the sub kegiatan of a plan read
from master rows become master rows again); agencies read from SKPD rows become SKPD rows again.
Records keep the order they were read in; records made in sinkron follow, in bundle order.
A plan holding what the records cannot (a pagu or target of a year they have no field for) is refused
with :class:`SipdWriteError`, never cut short.
A record that was read from SIPD is written back exactly as it was, except for what was changed in
the models (see :mod:`sinkron_sipd.layout`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from sinkron.errors import SinkronError
from sinkron.models import (
    Activity,
    Agency,
    BudgetKind,
    Bundle,
    IndicatorKind,
    LinkKind,
    Plan,
    PlanPeriod,
    Priority,
    Program,
    SubActivity,
    ref,
)
from sinkron_sipd.documents import CONTAINERS, DocumentInfo, dumps_document
from sinkron_sipd.fields import ACTIONS, BLOCKS, LABEL_SLOTS, BlockSpec, RecordKind
from sinkron_sipd.layout import apply_layout, expand_entry
from sinkron_sipd.planning import header_id_unik
from sinkron_sipd.reader import funding_key
from sinkron_sipd.render import (
    funding_row,
    indicator_row,
    location_row,
    master_scalars,
    planning_indicator_scalars,
    planning_scalars,
    skpd_scalars,
    sub_keg_scalars,
    tag_row,
)
from sinkron_sipd.state import PLANNING_KINDS

__all__ = ["PLANNING_YEARS", "SipdWriteError", "dumps", "records"]

_MISSING: Any = object()


@attrs.frozen
class _Placeholder:
    """An agency referred to by id but absent from the bundle."""

    code: str
    name: str = ""


def _layout(extra: Mapping[str, Any], kind: RecordKind) -> dict[str, Any] | None:
    meta = extra.get("sipd")
    if isinstance(meta, dict) and meta.get("kind") == kind.value:
        return meta
    return None


class _Writer:
    def __init__(self, bundle: Bundle, *, skpd_rows: bool) -> None:
        self.bundle = bundle
        self.skpd_rows = skpd_rows
        self.agencies: dict[str, Agency] = {agency.id: agency for agency in bundle.agencies}
        self.priorities: dict[str, Priority] = {priority.id: priority for priority in bundle.priorities}
        self.tags: dict[str, list[str]] = {}
        for link in bundle.links:
            if link.kind is LinkKind.TAGGED and link.target in self.priorities:
                self.tags.setdefault(link.source, []).append(link.target)
        self.document: DocumentInfo | None = None
        self.kinds: set[RecordKind] = set()

    def records(self) -> list[dict[str, Any]]:
        keyed: list[tuple[int, int, dict[str, Any]]] = []
        for number, (layout, record) in enumerate(self._all()):
            index = layout.get("index") if layout else None
            if layout and self.document is None:
                self.document = DocumentInfo.from_json(layout.get("document"))
            keyed.append((0 if isinstance(index, int) else 1, index if isinstance(index, int) else number, record))
        keyed.sort(key=lambda item: (item[0], item[1]))
        return [record for _, _, record in keyed]

    def _all(self) -> Iterator[tuple[dict[str, Any] | None, dict[str, Any]]]:
        for plan in self.bundle.plans:
            if _layout(plan.extra, RecordKind.PLANNING) is not None or not plan.kind.is_yearly:
                yield from self._planning(plan)
                continue
            master = _layout(plan.extra, RecordKind.MASTER) is not None
            if not master:
                _refuse_yearly_losses(plan)
            for program in plan.programs:
                referenced = _referenced(program)
                for activity in program.activities:
                    for sub in activity.sub_activities:
                        if master:
                            self.kinds.add(RecordKind.MASTER)
                            yield self._master(plan, program, activity, sub)
                        else:
                            self.kinds.add(RecordKind.SUB_KEG)
                            yield self._sub_keg(plan, program, activity, sub, referenced)
        for agency in self.bundle.agencies:
            meta = agency.extra.get("sipd")
            rows = meta.get("rows") if isinstance(meta, dict) else None
            canonical = skpd_scalars(code=agency.code, name=agency.name, sectors=agency.sectors)
            if isinstance(rows, list) and rows:
                for layout in rows:
                    self.kinds.add(RecordKind.SKPD)
                    yield layout, apply_layout(canonical, layout)
            elif self.skpd_rows:
                self.kinds.add(RecordKind.SKPD)
                yield None, dict(canonical)

    # -- records --------------------------------------------------------------------------------------
    def _planning(self, plan: Plan) -> Iterator[tuple[dict[str, Any] | None, dict[str, Any]]]:
        """Entity rows and their indicator rows, for every item of a multi-year plan (Renstra, RPJMD, RPD).

        Every year of the plan period is written (``pagu_1..5``, ``target_1..5``); a plan whose
        values these rows cannot hold is refused with :class:`SipdWriteError`, never cut short.
        """
        _refuse_losses(plan, read_from_sipd=_layout(plan.extra, RecordKind.PLANNING) is not None)
        self.kinds.add(RecordKind.PLANNING)
        period = (plan.period.start, plan.period.end)
        for program in plan.programs:
            yield from self._planning_item([program], period)
            for activity in program.activities:
                yield from self._planning_item([program, activity], period)
                for sub in activity.sub_activities:
                    yield from self._planning_item([program, activity, sub], period)

    def _planning_item(
        self, chain: list[Program | Activity | SubActivity], period: tuple[int, int]
    ) -> Iterator[tuple[dict[str, Any] | None, dict[str, Any]]]:
        item = chain[-1]
        layout = _layout(item.extra, RecordKind.PLANNING)
        if layout is not None and layout.get("header") is False:
            return  # named only by the rows under it: it had no row of its own
        agency = self._agency(item.agency_id)
        start, end = period
        canonical = planning_scalars(chain, agency, start, item.budgets, end=end)
        id_unik = header_id_unik(layout)
        if layout is None or id_unik is None:
            id_unik = id_unik or f"sinkron-{item.id}"
        if layout is None:
            canonical = {"id_unik": id_unik, "id_unik_indikator": None, **canonical}
        yield layout, apply_layout(canonical, layout)
        for indicator in item.indicators:
            row_layout = _layout(indicator.extra, RecordKind.PLANNING)
            row = planning_indicator_scalars(chain, agency, start, indicator, id_unik)
            if row_layout is None:
                row["id_unik_indikator"] = f"{id_unik}-{indicator.id}"
            yield row_layout, apply_layout(row, row_layout)
        for kept in (layout or {}).get("rows") or []:
            if isinstance(kept, dict) and isinstance(kept.get("raw"), dict):
                yield {"index": kept.get("index")}, kept["raw"]

    def _master(
        self, plan: Plan, program: Program, activity: Activity, sub: SubActivity
    ) -> tuple[dict[str, Any] | None, dict[str, Any]]:
        layout = _layout(sub.extra, RecordKind.MASTER)
        canonical = master_scalars(year=plan.period.start, sub=sub, activity=activity, program=program)
        return layout, apply_layout(canonical, layout)

    def _sub_keg(
        self, plan: Plan, program: Program, activity: Activity, sub: SubActivity, referenced: dict[str, set[str]]
    ) -> tuple[dict[str, Any] | None, dict[str, Any]]:
        layout = _layout(sub.extra, RecordKind.SUB_KEG)
        year = plan.period.start
        unit = self._agency(sub.agency_id)
        if layout is not None:
            skpd = self._agency(layout.get("skpd") if isinstance(layout.get("skpd"), str) else None)
        else:
            skpd = self._agency(unit.parent_id) if isinstance(unit, Agency) and unit.parent_id else unit
        linked = list(self.tags.get(ref(plan.id, sub.id), []))
        slots: dict[str, Priority | None] = {}
        read_labels = (layout or {}).get("labels") or {}
        for slot in LABEL_SLOTS:
            chosen = read_labels.get(slot)
            if chosen not in linked:
                chosen = next((pid for pid in linked if _label_slot(self.priorities[pid]) == slot), None)
            if chosen is not None:
                linked.remove(chosen)
            slots[slot] = self.priorities[chosen] if chosen is not None else None
        canonical = sub_keg_scalars(
            year=year, sub=sub, activity=activity, program=program, skpd=skpd, unit=unit, slots=slots
        )
        record = apply_layout(canonical, layout)
        blocks = (layout or {}).get("blocks") or {}
        for name, spec in BLOCKS.items():
            elements, fresh = self._elements(spec, sub, activity, program, linked, referenced)
            entries = blocks.get(name, _MISSING) if layout is not None else _MISSING
            value = self._block(spec, entries, elements, fresh, year, new_record=layout is None)
            if value is not _MISSING:
                record[name] = value
        return layout, record

    def _agency(self, agency_id: str | None) -> Agency | _Placeholder | None:
        if agency_id is None:
            return None
        return self.agencies.get(agency_id) or _Placeholder(agency_id)

    # -- nested blocks --------------------------------------------------------------------------------
    def _elements(
        self,
        spec: BlockSpec,
        sub: SubActivity,
        activity: Activity,
        program: Program,
        linked: list[str],
        referenced: dict[str, set[str]],
    ) -> tuple[list[tuple[str, Any]], set[str]]:
        """The model elements a block shows, by key, and the keys that are new (to append)."""
        pairs: list[tuple[str, Any]]
        if spec.name == "sub_keg_indikator":
            pairs = [(i.id, i) for i in sub.indicators]
            return pairs, {key for key, _ in pairs}
        if spec.name in ("sub_keg_indikator_hasil", "output_giat", "capaian_prog_sub_keg"):
            if spec.name == "capaian_prog_sub_keg":
                indicators = program.indicators
            else:
                wanted_output = spec.name == "output_giat"
                indicators = tuple(i for i in activity.indicators if (i.kind is IndicatorKind.OUTPUT) == wanted_output)
            pairs = [(i.id, i) for i in indicators]
            seen = referenced.get(f"{spec.name}@{activity.id if spec.name != 'capaian_prog_sub_keg' else ''}", set())
            return pairs, {key for key, _ in pairs if key not in seen}
        if spec.name == "lokasi_sub_keg":
            pairs = [(location, location) for location in sub.locations]
        elif spec.name == "sumber_dana":
            pairs = [(funding_key(f), f) for f in sub.funding]
        else:
            pairs = [(pid, self.priorities[pid]) for pid in linked]
        return pairs, {key for key, _ in pairs}

    def _block(
        self,
        spec: BlockSpec,
        entries: Any,
        elements: list[tuple[str, Any]],
        fresh: set[str],
        year: int,
        *,
        new_record: bool,
    ) -> Any:
        unused = list(elements)
        if isinstance(entries, dict) and "raw" in entries and not (unused if new_record else fresh):
            return entries["raw"]  # a block that was not read (not a list): as it was
        rows: list[Any] = []
        if isinstance(entries, (list, tuple)):
            for compact in entries:
                entry = expand_entry(compact)
                if not isinstance(entry, dict):
                    continue
                if "raw" in entry:
                    rows.append(entry["raw"])
                    continue
                match = next((pair for pair in unused if pair[0] == entry.get("ref")), None)
                if match is None:
                    continue  # removed from the model since it was read
                unused.remove(match)
                keys = dict(spec.default_spelling())
                keys.update(entry.get("keys") or {})
                rows.append(apply_layout(self._row(spec, match[1], keys, year), entry))
        if new_record:
            appended = unused
        else:
            appended = [pair for pair in unused if pair[0] in fresh]
        for _, element in appended:
            rows.append(self._row(spec, element, spec.default_spelling(), year))
        if entries is _MISSING and not new_record and not appended:
            return _MISSING
        if entries is None and not appended:
            return None
        return rows

    @staticmethod
    def _row(spec: BlockSpec, element: Any, keys: Mapping[str, str], year: int) -> dict[str, Any]:
        if spec.what == "indicator":
            return indicator_row(element, keys, year)
        if spec.what == "location":
            return location_row(element, keys)
        if spec.what == "funding":
            return funding_row(element, keys)
        return tag_row(element, keys)


class SipdWriteError(SinkronError, ValueError):
    """A bundle holds values the SIPD records cannot: writing it would lose them, so nothing is written."""


#: The years a planning row holds: ``pagu_1..5`` and ``target_1..5`` (wp-sipd ``data_renstra_*``, ``data_rpjmd_*``).
PLANNING_YEARS = 5
_SHOWN_LOSSES = 5


def _refuse_losses(plan: Plan, *, read_from_sipd: bool) -> None:
    """Raise :class:`SipdWriteError` naming what planning rows could not hold of ``plan``."""
    start, end = plan.period.start, plan.period.end
    where = f"plan {plan.id!r} ({plan.kind.value} {plan.period})"
    if plan.kind not in PLANNING_KINDS:
        kinds = ", ".join(kind.value for kind in PLANNING_KINDS)
        raise SipdWriteError(
            f"SIPD has no records for {where}: its multi-year plans are {kinds} (planning rows) and its yearly "
            "plans are sub kegiatan records; write this plan in sinkron JSON or xlsx"
        )
    if not read_from_sipd and end - start + 1 > PLANNING_YEARS:
        raise SipdWriteError(
            f"SIPD planning rows hold {PLANNING_YEARS} years (pagu_1..5, target_1..5): "
            f"{PlanPeriod(start=start + PLANNING_YEARS, end=end)} of {where} would be lost; split the plan or "
            "write it in sinkron JSON"
        )
    held = {(year, BudgetKind.INDICATIVE) for year in plan.period.years}
    lost = _losses(plan, held, set(plan.period.years))
    if lost:
        raise SipdWriteError(
            f"SIPD planning rows hold the pagu indikatif and the targets of the years {plan.period} of {where}; "
            f"writing it would lose {lost}"
        )


def _refuse_yearly_losses(plan: Plan) -> None:
    """Raise :class:`SipdWriteError` naming what the sub kegiatan records of a yearly ``plan`` (Renja, RKPD, DPA)
    could not hold: a record holds ``pagu`` (pagu of the plan year), ``pagu_indikatif`` (of the plan year),
    ``pagu_n_depan`` (pagu indikatif of the next year) and the targets of the plan year."""
    year = plan.period.start
    held = {(year, BudgetKind.CEILING), (year, BudgetKind.INDICATIVE), (year + 1, BudgetKind.INDICATIVE)}
    lost = _losses(plan, held, {year})
    if lost:
        raise SipdWriteError(
            f"SIPD sub kegiatan records hold pagu {year}, pagu_indikatif {year}, pagu_n_depan (pagu indikatif "
            f"{year + 1}) and the targets of {year} of plan {plan.id!r} ({plan.kind.value} {plan.period}); "
            f"writing it would lose {lost}"
        )


def _losses(plan: Plan, held: set[tuple[int, BudgetKind]], target_years: set[int]) -> str:
    """The pagu (by year and kind) and targets (by year) of ``plan``'s items outside what the records hold, listed
    (the first few, and how many more), or ``""``."""
    lost: list[str] = []
    for item in plan.items():
        lost.extend(
            f"{budget.kind.value} {budget.year} of {item.code}"
            for budget in item.budgets
            if (budget.year, budget.kind) not in held
        )
        for indicator in item.indicators:
            lost.extend(
                f"target {target.year} of {indicator.name!r} ({item.code})"
                for target in indicator.targets
                if target.year not in target_years
            )
    if len(lost) > _SHOWN_LOSSES:
        return "; ".join(lost[:_SHOWN_LOSSES]) + f"; and {len(lost) - _SHOWN_LOSSES} more"
    return "; ".join(lost)


def _label_slot(priority: Priority) -> str | None:
    meta = priority.extra.get("sipd")
    return meta.get("label") if isinstance(meta, dict) else None


def _referenced(program: Program) -> dict[str, set[str]]:
    """Keys of the kegiatan and program indicators that some record under ``program`` already shows."""
    out: dict[str, set[str]] = {}
    for activity in program.activities:
        for sub in activity.sub_activities:
            meta = sub.extra.get("sipd")
            blocks = meta.get("blocks") if isinstance(meta, dict) else None
            if not isinstance(blocks, dict):
                continue
            for name in ("sub_keg_indikator_hasil", "output_giat", "capaian_prog_sub_keg"):
                entries = blocks.get(name)
                scope = "" if name == "capaian_prog_sub_keg" else activity.id
                if isinstance(entries, (list, tuple)):
                    expanded = [expand_entry(e) for e in entries]
                    out.setdefault(f"{name}@{scope}", set()).update(
                        e["ref"] for e in expanded if isinstance(e, dict) and isinstance(e.get("ref"), str)
                    )
    return out


def records(bundle: Bundle, *, skpd_rows: bool = False) -> list[dict[str, Any]]:
    """The SIPD records of ``bundle``, in the order they were read (new ones last).

    ``skpd_rows=True`` also writes an SKPD row for every agency that was not read from one.
    """
    return _Writer(bundle, skpd_rows=skpd_rows).records()


def dumps(
    bundle: Bundle,
    *,
    container: str | None = None,
    target: str | Path | None = None,
    indent: int | None = 1,
    skpd_rows: bool = False,
) -> str:
    """The SIPD document of ``bundle``.

    ``container`` is ``"envelope"``, ``"list"`` or ``"lines"``; by default ``"lines"`` for a
    ``.jsonl``/``.ndjson`` ``target``, else the container the data was read from, else an envelope
    whose ``action`` names the record kind (a list when the kinds are mixed).
    """
    writer = _Writer(bundle, skpd_rows=skpd_rows)
    rows = writer.records()
    info = writer.document
    if container is not None and container not in CONTAINERS:
        raise ValueError(f"unknown SIPD container {container!r}; use one of {', '.join(CONTAINERS)}")
    if container is None and target is not None and Path(str(target)).suffix.lower() in (".jsonl", ".ndjson"):
        container = "lines"
    if info is None or (container is not None and container != info.container):
        info = _default_info(container, target, writer.kinds)
    return dumps_document(rows, info, indent=indent)


def _default_info(
    container: str | None, target: str | Path | None, kinds: Sequence[RecordKind] | set[RecordKind]
) -> DocumentInfo:
    if container is None:
        suffix = Path(str(target)).suffix.lower() if target is not None else ""
        single = len(kinds) == 1 and next(iter(kinds)) in ACTIONS
        container = "lines" if suffix in (".jsonl", ".ndjson") else "envelope" if single else "list"
    if container == "envelope":
        kind = next(iter(kinds)) if len(kinds) == 1 and next(iter(kinds)) in ACTIONS else RecordKind.SUB_KEG
        envelope = {"action": ACTIONS[kind], "status": "success", "message": "sinkron"}
        return DocumentInfo(container="envelope", envelope=envelope, data_at=len(envelope))
    return DocumentInfo(container=container)

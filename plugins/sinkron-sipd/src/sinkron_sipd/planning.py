"""Planning rows: one entity row plus one row per indicator, sharing ``id_unik``.

wp-sipd stores Renstra and RPJMD programs, kegiatan and sub kegiatan (``data_renstra_program``,
``data_renstra_kegiatan``, ``data_renstra_sub_kegiatan``, ``data_rpjmd_program``) as a *header*
row per entity (``id_unik_indikator`` empty) and one row per indicator carrying the same
``id_unik`` (``indikator``, ``satuan``, ``target_awal``, ``target_1..5``). This module folds them
into one typed item with several indicators: the header gives the code, name, perangkat daerah
and ``pagu_1..5``; each indicator row an :class:`~sinkron.Indicator` with its baseline and yearly
targets. Indicator rows may come before their header (they wait for it); rows whose header never
comes are named by a source finding ``SKN005`` (not placed).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from sinkron.codes import Code, CodeLevel
from sinkron.errors import CodeError
from sinkron.models import Baseline, Budget, BudgetKind, Indicator, IndicatorKind, PlanKind, Provenance, Target, Value
from sinkron_sipd.documents import RawRecord
from sinkron_sipd.fields import RecordKind
from sinkron_sipd.layout import diff_object
from sinkron_sipd.render import planning_indicator_scalars, planning_scalars, slug_id
from sinkron_sipd.state import (
    PLANNING_KINDS,
    AgencyState,
    ItemState,
    PlanState,
    Problems,
    amount_field,
    split_name,
    text_field,
    unique_id,
)

if TYPE_CHECKING:  # pragma: no cover
    from sinkron_sipd.reader import BundleBuilder

__all__ = ["PlanningRows", "header_id_unik"]

_LEVELS = (
    (CodeLevel.SUB_ACTIVITY, "kode_sub_giat", "nama_sub_giat"),
    (CodeLevel.ACTIVITY, "kode_giat", "nama_giat"),
    (CodeLevel.PROGRAM, "kode_program", "nama_program"),
)
_INDICATOR_KIND = {
    CodeLevel.PROGRAM: IndicatorKind.OUTCOME,
    CodeLevel.ACTIVITY: IndicatorKind.OUTCOME,
    CodeLevel.SUB_ACTIVITY: IndicatorKind.OUTPUT,
}
_TITLES = {PlanKind.RENSTRA_PD: "Renstra", PlanKind.RPJMD: "RPJMD", PlanKind.RPD: "RPD"}


def _is_indicator_row(raw: Mapping[str, Any]) -> bool:
    value = raw.get("id_unik_indikator")
    return value is not None and str(value).strip() != ""


class PlanningRows:
    """The planning-row part of a :class:`~sinkron_sipd.reader.BundleBuilder`."""

    def __init__(self, builder: BundleBuilder) -> None:
        self.builder = builder
        self.headers: dict[str, ItemState] = {}
        self.pending: dict[str, list[RawRecord]] = {}

    # -- records -------------------------------------------------------------------------------------
    def add(self, raw: dict[str, Any], record: RawRecord, problems: Problems) -> bool:
        id_unik = text_field(raw, "id_unik", problems)
        if id_unik is None:
            problems.not_placed(
                "no id_unik to read",
                "id_unik tidak dapat dibaca",
                ".id_unik",
                field="id_unik",
                expected="the id shared by an entity row and its indicator rows",
            )
            return False
        if _is_indicator_row(raw):
            item = self.headers.get(id_unik)
            if item is None:
                self.pending.setdefault(id_unik, []).append(record)
                return True
            return self._indicator(raw, record, problems, item)
        done = self._header(raw, record, problems, id_unik)
        if done:
            item = self.headers[id_unik]

            def attach(row: dict[str, Any], waiting: RawRecord, row_problems: Problems) -> bool:
                return self._indicator(row, waiting, row_problems, item)

            for waiting in self.pending.pop(id_unik, []):
                self.builder.add_deferred(waiting, attach)
        return done

    def finish(self) -> None:
        """Name the indicator rows whose entity row never came (``SKN005``: they cannot be placed)."""
        for id_unik, records in self.pending.items():
            for record in records:
                problems = Problems(self.builder.source, record)
                problems.not_placed(
                    f"indicator row without its entity row (id_unik {id_unik!r})",
                    f"baris indikator tanpa baris entitasnya (id_unik {id_unik!r})",
                    ".id_unik",
                    field="id_unik",
                    expected="an entity row with the same id_unik and an empty id_unik_indikator",
                    actual=id_unik,
                )
                self.builder.findings.extend(problems.findings)
        self.pending.clear()

    # -- the pieces shared by header and indicator rows ------------------------------------------------
    def _period(self, raw: Mapping[str, Any], problems: Problems) -> tuple[int, int] | None:
        start, end = raw.get("tahun_awal"), raw.get("tahun_akhir")
        if isinstance(start, str) and start.strip().isdigit():
            first = int(start)
            last = int(end) if isinstance(end, str) and end.strip().isdigit() else first + 4
            if 1945 <= first <= last <= 2200:
                return first, last
        if self.builder.options.period is not None:
            return self.builder.options.period
        problems.add(
            "no plan period: the row has no tahun_awal",
            ".tahun_awal",
            field="tahun_awal",
            expected="tahun_awal (and tahun_akhir), or the period= option",
            actual=start,
        )
        return None

    def _codes(self, raw: Mapping[str, Any], problems: Problems) -> dict[CodeLevel, tuple[Code, str | None]] | None:
        """The codes and names of the row's levels, deepest first; a level's code may come from its name."""
        found: dict[CodeLevel, tuple[Code, str | None]] = {}
        for level, code_key, name_key in _LEVELS:
            value, name = raw.get(code_key), text_field(raw, name_key, problems)
            code: Code | None = None
            if isinstance(value, str) and value.strip():
                try:
                    code = Code.parse(value)
                except CodeError as exc:
                    problems.not_placed(
                        f"{code_key} is not a nomenclature code: {exc.reason}",
                        f"{code_key} bukan kode nomenklatur ({exc.reason})",
                        f".{code_key}",
                        field=code_key,
                        actual=value,
                    )
                    continue
            elif value is not None and not isinstance(value, str):
                problems.not_placed(
                    f"{code_key} is not a code", f"{code_key} bukan kode", f".{code_key}", field=code_key, actual=value
                )
                continue
            elif name is not None:
                code, _ = Code.split_name(name)
            if code is None:
                continue
            if code.level is not level:
                problems.not_placed(
                    f"{code_key} is a {code.level.value} code",
                    f"{code_key} adalah kode {code.level.value}",
                    f".{code_key}",
                    field=code_key,
                    expected=f"a {level.value} code",
                    actual=value if value else name,
                )
                continue
            found[level] = (code, split_name(name, code))
        if not problems.placed:
            return None
        if not found:
            problems.not_placed(
                "a planning row needs a code",
                "baris perencanaan memerlukan kode",
                ".kode_program",
                field="kode_program",
                expected="kode_program, kode_giat or kode_sub_giat (or a name starting with the code)",
            )
            return None
        deepest = next(level for level, _, _ in _LEVELS if level in found)
        code = found[deepest][0]
        for level in (CodeLevel.ACTIVITY, CodeLevel.PROGRAM):
            if level.depth < deepest.depth and level not in found:
                found[level] = (code.ancestor(level), None)
        return found

    def _plan(self, period: tuple[int, int], agency: AgencyState | None, problems: Problems) -> PlanState | None:
        kind = self.builder.options.plan_kind or PlanKind.RENSTRA_PD
        if kind not in PLANNING_KINDS:
            problems.add(
                f"plan_kind {kind.value} is a yearly plan; planning rows (target_1..5) belong to a multi-year plan",
                expected=", ".join(k.value for k in PLANNING_KINDS),
                actual=kind.value,
            )
            return None
        start, end = period
        owner = agency if kind is PlanKind.RENSTRA_PD else None
        plan_id = f"{self.builder.options.plan_prefix}-{kind.value}-{start}-{end}" + (f"-{owner.code}" if owner else "")
        title = f"{_TITLES[kind]} {owner.name} {start}–{end}" if owner else f"{_TITLES[kind]} {start}–{end}"
        owner_id = owner.code if owner else self.builder.options.government_id
        return self.builder._plan_state(plan_id, kind, period, title, owner_id, RecordKind.PLANNING)

    # -- header rows -------------------------------------------------------------------------------
    def _header(self, raw: dict[str, Any], record: RawRecord, problems: Problems, id_unik: str) -> bool:
        b = self.builder
        period = self._period(raw, problems)
        codes = self._codes(raw, problems)
        skpd_code, skpd_name = text_field(raw, "kode_skpd", problems), text_field(raw, "nama_skpd", problems)
        budgets: list[Budget] = []
        if period is not None:
            for number, year in enumerate(range(period[0], period[1] + 1), start=1):
                amount = amount_field(raw, f"pagu_{number}", problems, b.options.decimal)
                if amount is not None:
                    budgets.append(Budget(year=year, amount=amount, kind=BudgetKind.INDICATIVE))
        if problems.blocking or period is None or codes is None:
            return False
        agency = b._agency(skpd_code, skpd_name, record) if skpd_code else None
        plan = self._plan(period, agency, problems)
        if plan is None:
            return False
        agency_id = agency.code if agency else None
        item = self._items(plan, agency_id, codes, record)
        item.budgets = budgets
        layout = b._base_layout(RecordKind.PLANNING, record)
        parents = self._parents(item)
        canonical = planning_scalars([*parents, item], agency, plan.start, item.budgets, end=plan.end)
        layout.update(diff_object(raw, canonical, split_ids=True))
        item.layout = layout
        self.headers[id_unik] = item
        return True

    @staticmethod
    def _parents(item: ItemState) -> list[ItemState]:
        parents: list[ItemState] = []
        node = item.parent
        while node is not None:
            parents.insert(0, node)
            node = node.parent
        return parents

    def _items(
        self, plan: PlanState, agency_id: str | None, codes: dict[CodeLevel, tuple[Code, str | None]], record: RawRecord
    ) -> ItemState:
        """The item the header row defines, with its parents (placeholders when no row of theirs came yet)."""
        provenance = self.builder._provenance(record)
        deepest = next(level for level, _, _ in _LEVELS if level in codes)
        parent: ItemState | None = None
        for level in (CodeLevel.PROGRAM, CodeLevel.ACTIVITY, CodeLevel.SUB_ACTIVITY):
            if level not in codes:
                break
            code, name = codes[level]
            base = f"{agency_id}/{code}" if agency_id else str(code)
            existing = plan.items.get(base)
            if level is not deepest:
                if existing is None:
                    existing = self._new_item(plan, parent, level, code, name, agency_id, base, provenance)
                    existing.layout = {"kind": RecordKind.PLANNING.value, "header": False}
                parent = existing
                continue
            if existing is not None and existing.layout is not None and existing.layout.get("header") is False:
                existing.layout = None  # a placeholder adopted by its own row
                return existing
            item_id = base if existing is None else self._free_id(plan, base)
            return self._new_item(plan, parent, level, code, name, agency_id, item_id, provenance)
        raise AssertionError("unreachable: a planning row has at least a program code")  # pragma: no cover

    @staticmethod
    def _free_id(plan: PlanState, base: str) -> str:
        number = 2
        while f"{base}~{number}" in plan.items:
            number += 1
        return f"{base}~{number}"

    @staticmethod
    def _new_item(
        plan: PlanState,
        parent: ItemState | None,
        level: CodeLevel,
        code: Code,
        name: str | None,
        agency_id: str | None,
        item_id: str,
        provenance: Provenance,
    ) -> ItemState:
        item = ItemState(code, name, agency_id, provenance, item_id=item_id)
        item.parent = parent
        plan.items[item_id] = item
        plan.used_ids.add(item_id)
        if level is CodeLevel.PROGRAM:
            plan.programs[item_id] = item
        elif level is CodeLevel.ACTIVITY:
            if parent is None:  # pragma: no cover - _items always makes the program first
                raise AssertionError("a kegiatan needs its program")
            parent.children[item_id] = item
            plan.activities[item_id] = item
        else:
            if parent is None:  # pragma: no cover
                raise AssertionError("a sub kegiatan needs its kegiatan")
            parent.sub_states.append(item)
        return item

    # -- indicator rows ------------------------------------------------------------------------------
    def _indicator(self, raw: dict[str, Any], record: RawRecord, problems: Problems, item: ItemState) -> bool:
        b = self.builder
        plan_start, plan_end = self._item_period(item)
        name = text_field(raw, "indikator", problems)
        unit = text_field(raw, "satuan", problems)
        texts = {
            number: text_field(raw, f"target_{number}", problems) for number in range(1, plan_end - plan_start + 2)
        }
        baseline_text = text_field(raw, "target_awal", problems)
        layout = b._base_layout(RecordKind.PLANNING, record)
        layout["indicator_row"] = True
        if name is None:
            assert item.layout is not None
            item.layout.setdefault("rows", []).append({"raw": raw, "index": record.index})
            return True
        targets = [
            Target(year=plan_start + number - 1, value=Value.parse(text, unit=unit, decimal=b.options.decimal))
            for number, text in texts.items()
            if text is not None
        ]
        baseline = (
            Baseline(value=Value.parse(baseline_text, unit=unit, decimal=b.options.decimal)) if baseline_text else None
        )
        indicator = Indicator(
            name=name,
            id=unique_id(slug_id(name), {i.id for i in item.indicators}),
            unit=unit,
            kind=_INDICATOR_KIND[item.code.level],
            baseline=baseline,
            targets=targets,
            provenance=b._provenance(record),
        )
        chain = [*self._parents(item), item]
        canonical = planning_indicator_scalars(
            chain, self._agency(item), plan_start, indicator, header_id_unik(item.layout)
        )
        layout.update(diff_object(raw, canonical, split_ids=True))
        item.indicators.append(attrs.evolve(indicator, extra={"sipd": layout}))
        return True

    def _item_period(self, item: ItemState) -> tuple[int, int]:
        for plan in self.builder._plans.values():
            if plan.items.get(item.id) is item:
                return plan.start, plan.end
        raise AssertionError("an item belongs to a plan")  # pragma: no cover

    def _agency(self, item: ItemState) -> AgencyState | None:
        return self.builder._agencies.get(item.agency_id) if item.agency_id else None


def header_id_unik(layout: Mapping[str, Any] | None) -> str | None:
    """The ``id_unik`` of the entity row an item was read from."""
    if not layout:
        return None
    ids = layout.get("ids")
    value = ids.get("id_unik") if isinstance(ids, dict) else None
    return value if isinstance(value, str) else None

"""A Bundle as Arrow tables: one table per entity, with fixed columns.

Every table has the same columns whatever the bundle holds (an empty bundle gives empty tables of
the same schema), so queries over many governments' exports line up. Rows of plan content carry
``plan_id``, ``plan_kind``, ``plan_year`` (the first year of the period) and ``government_id``,
so a query over many bundles needs no join to know whose row it is.

Types: identifiers, codes and enum values are text (codes keep their leading zeros); money is
``decimal128(38, 2)`` rupiah; indicator values are ``decimal128(38, 10)`` with the original text
beside them; years are ``int32``; dates are ``date32``. A value that does not fit its decimal type
(more than 2 fraction digits of rupiah, more than 10 of a value) raises :class:`ParquetExportError`
naming the record — nothing is rounded silently.

Tables (see ``docs/parquet.md`` for every column): ``governments``, ``agencies``, ``plans``,
``missions``, ``goals``, ``objectives``, ``programs``, ``activities``, ``sub_activities``,
``indicators``, ``targets``, ``realisations``, ``budgets``, ``spending``, ``funding``,
``priorities``, ``links``, ``meetings``, ``agreements``.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]

from sinkron.errors import SinkronError
from sinkron.models import (
    Activity,
    Bundle,
    Goal,
    Indicator,
    Objective,
    Plan,
    Program,
    SubActivity,
    Value,
)

__all__ = ["MONEY", "NUMBER", "SCHEMAS", "TABLES", "ParquetExportError", "bundle_tables"]

#: Rupiah: 36 integer digits and sen.
MONEY = pa.decimal128(38, 2)
#: Indicator values (targets, baselines, realisations).
NUMBER = pa.decimal128(38, 10)

_TYPES: dict[str, pa.DataType] = {
    "text": pa.string(),
    "int": pa.int32(),
    "money": MONEY,
    "number": NUMBER,
    "texts": pa.list_(pa.string()),
    "date": pa.date32(),
}
_PLAN = "plan_id plan_kind plan_year:int government_id"
_ITEM = f"{_PLAN} item_id level code"
_INDICATOR = f"{_PLAN} owner_ref owner_kind indicator_id indicator_ref"
_VALUE = "text number:number low:number high:number unit"


def _schema(spec: str) -> pa.Schema:
    """``"id name year:int"`` → a schema (columns are text unless a type follows the colon)."""
    fields = []
    for column in spec.split():
        name, _, kind = column.partition(":")
        fields.append(pa.field(name, _TYPES[kind or "text"]))
    return pa.schema(fields)


#: The schema of every table, in the order they are written.
SCHEMAS: dict[str, pa.Schema] = {
    "governments": _schema("id level name region_code parent_id"),
    "agencies": _schema("id code name government_id kind sectors:texts parent_id"),
    "plans": _schema(
        "id kind title period_start:int period_end:int owner_id government_id stage revision:int vision nomenclature"
    ),
    "missions": _schema(f"{_PLAN} id text number:int"),
    "goals": _schema(f"{_PLAN} id text mission_id"),
    "objectives": _schema(f"{_PLAN} id text goal_id"),
    "programs": _schema(f"{_PLAN} id code name agency_id"),
    "activities": _schema(f"{_PLAN} id code name agency_id program_id"),
    "sub_activities": _schema(f"{_PLAN} id code name agency_id program_id activity_id locations:texts"),
    "indicators": _schema(
        f"{_INDICATOR} name unit kind direction code baseline_year:int "
        + " ".join(f"baseline_{column}" for column in _VALUE.split())
    ),
    "targets": _schema(f"{_INDICATOR} year:int {_VALUE}"),
    "realisations": _schema(f"{_INDICATOR} year:int period {_VALUE}"),
    "budgets": _schema(f"{_ITEM} year:int kind amount:money"),
    "spending": _schema(f"{_ITEM} year:int period amount:money"),
    "funding": _schema(f"{_ITEM} position:int name funding_code amount:money"),
    "priorities": _schema("id kind name code parent_id document period_start:int period_end:int government_id"),
    "links": _schema("kind source target note origin"),
    "meetings": _schema("id kind title start:date end:date host_id"),
    "agreements": _schema("meeting_id id agency_id sub_activity year:int desk_id target_text pagu:money"),
}

#: Table names in the order they are written.
TABLES: tuple[str, ...] = tuple(SCHEMAS)

_REF = "#"


class ParquetExportError(SinkronError):
    """A bundle value cannot be written to its column without loss."""


class _Columns:
    """Row-wise appends into per-column lists (cheaper than a dict per row at national scale)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.names = SCHEMAS[name].names
        self.columns: list[list[Any]] = [[] for _ in self.names]

    def add(self, *values: Any) -> None:
        for column, value in zip(self.columns, values):
            column.append(value)

    def table(self) -> pa.Table:
        schema = SCHEMAS[self.name]
        arrays = []
        for field, values in zip(schema, self.columns):
            try:
                arrays.append(pa.array(values, type=field.type))
            except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
                raise ParquetExportError(_explain(self.name, field.name, values, field.type, exc)) from None
        return pa.Table.from_arrays(arrays, schema=schema)


def _explain(table: str, column: str, values: list[Any], kind: pa.DataType, exc: Exception) -> str:
    """Which value of the column does not fit, and why."""
    for position, value in enumerate(values):
        try:
            pa.array([value], type=kind)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            return (
                f"{table}.{column}, row {position}: {value!r} does not fit {kind} without loss "
                f"(expected at most {getattr(kind, 'scale', '?')} decimal places)"
            )
    return f"{table}.{column}: {exc}"  # pragma: no cover - the whole column failed, no single value did


def _value(value: Value | None) -> tuple[str | None, Decimal | None, Decimal | None, Decimal | None, str | None]:
    if value is None:
        return None, None, None, None, None
    return value.text, value.number, value.low, value.high, value.unit


def _enum(value: Any) -> str | None:
    return None if value is None else str(value.value)


class _Builder:
    def __init__(self) -> None:
        self.t = {name: _Columns(name) for name in TABLES}

    def plan_key(self, plan: Plan) -> tuple[str, str, int, str | None]:
        return plan.id, plan.kind.value, plan.period.start, plan.government_id

    def indicators(
        self, key: tuple[Any, ...], owner_ref: str, owner_kind: str, indicators: Iterable[Indicator]
    ) -> None:
        t = self.t
        for ind in indicators:
            ref = owner_ref + _REF + ind.id
            head = (*key, owner_ref, owner_kind, ind.id, ref)
            baseline = ind.baseline
            t["indicators"].add(
                *head,
                ind.name,
                ind.unit,
                ind.kind.value,
                ind.direction.value,
                ind.code,
                baseline.year if baseline else None,
                *_value(baseline.value if baseline else None),
            )
            for target in ind.targets:
                t["targets"].add(*head, target.year, *_value(target.value))
            for realisation in ind.realisations:
                t["realisations"].add(*head, realisation.year, realisation.period.value, *_value(realisation.value))

    def item(self, key: tuple[Any, ...], plan: Plan, item: Program | Activity | SubActivity, level: str) -> None:
        t = self.t
        ref = plan.id + _REF + item.id
        item_key = (*key, item.id, level, str(item.code))
        for budget in item.budgets:
            t["budgets"].add(*item_key, budget.year, budget.kind.value, budget.amount.amount)
        self.indicators(key, ref, level, item.indicators)

    def plan(self, plan: Plan) -> None:
        t = self.t
        key = self.plan_key(plan)
        t["plans"].add(
            plan.id,
            plan.kind.value,
            plan.title,
            plan.period.start,
            plan.period.end,
            plan.owner_id,
            plan.government_id,
            plan.stage.value,
            plan.revision,
            plan.vision,
            plan.nomenclature,
        )
        for mission in plan.missions:
            t["missions"].add(*key, mission.id, mission.text, mission.number)
        statement: Goal | Objective
        for statement in plan.goals:
            t["goals"].add(*key, statement.id, statement.text, statement.mission_id)
            self.indicators(key, plan.id + _REF + statement.id, "tujuan", statement.indicators)
        for statement in plan.objectives:
            t["objectives"].add(*key, statement.id, statement.text, statement.goal_id)
            self.indicators(key, plan.id + _REF + statement.id, "sasaran", statement.indicators)
        for program in plan.programs:
            t["programs"].add(*key, program.id, str(program.code), program.name, program.agency_id)
            self.item(key, plan, program, "program")
            for activity in program.activities:
                t["activities"].add(
                    *key, activity.id, str(activity.code), activity.name, activity.agency_id, program.id
                )
                self.item(key, plan, activity, "kegiatan")
                for sub in activity.sub_activities:
                    t["sub_activities"].add(
                        *key,
                        sub.id,
                        str(sub.code),
                        sub.name,
                        sub.agency_id,
                        program.id,
                        activity.id,
                        list(sub.locations),
                    )
                    self.item(key, plan, sub, "sub_kegiatan")
                    sub_key = (*key, sub.id, "sub_kegiatan", str(sub.code))
                    for spent in sub.spending:
                        t["spending"].add(*sub_key, spent.year, spent.period.value, spent.amount.amount)
                    for position, source in enumerate(sub.funding):
                        t["funding"].add(
                            *sub_key,
                            position,
                            source.name,
                            source.code,
                            source.amount.amount if source.amount is not None else None,
                        )

    def bundle(self, bundle: Bundle) -> dict[str, pa.Table]:
        t = self.t
        for g in bundle.governments:
            t["governments"].add(g.id, g.level.value, g.name, g.region_code, g.parent_id)
        for agency in bundle.agencies:
            t["agencies"].add(
                agency.id,
                agency.code,
                agency.name,
                agency.government_id,
                agency.kind.value,
                [str(s) for s in agency.sectors],
                agency.parent_id,
            )
        for plan in bundle.plans:
            self.plan(plan)
        for p in bundle.priorities:
            t["priorities"].add(
                p.id,
                p.kind.value,
                p.name,
                p.code,
                p.parent_id,
                p.document,
                p.period.start if p.period else None,
                p.period.end if p.period else None,
                p.government_id,
            )
            self.indicators((None, None, None, p.government_id), p.id, "priority", p.indicators)
        for link in bundle.links:
            origin = link.provenance.origin.value if link.provenance is not None else None
            t["links"].add(link.kind.value, link.source, link.target, link.note, origin)
        for m in bundle.meetings:
            t["meetings"].add(m.id, _enum(m.kind), m.title, m.start, m.end, m.host_id)
            for a in m.agreements:
                t["agreements"].add(
                    m.id,
                    a.id,
                    a.agency_id,
                    str(a.sub_activity),
                    a.year,
                    a.desk_id,
                    a.target.text if a.target is not None else None,
                    a.pagu.amount if a.pagu is not None else None,
                )
        return {name: columns.table() for name, columns in t.items()}


def bundle_tables(bundle: Bundle) -> dict[str, pa.Table]:
    """Every table of ``bundle`` (all of :data:`TABLES`, empty ones included), keyed by name.

    >>> from sinkron.models import Bundle
    >>> tables = bundle_tables(Bundle())
    >>> list(tables)[:4], tables["sub_activities"].num_rows
    (['governments', 'agencies', 'plans', 'missions'], 0)
    """
    return _Builder().bundle(bundle)

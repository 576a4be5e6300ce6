"""Record mappings: how a stream of JSON records becomes a :class:`~sinkron.connector.ReadResult`.

A mapping is any callable ``mapping(records, *, source) -> ReadResult`` taking an iterable of
:class:`~sinkron_http.records.JsonRecord` (see :class:`RecordMapping`). Two come with sinkron-http:

* :class:`FieldMapping`, a declarative mapping of JSON fields to a sub kegiatan row (code, name,
  agency, indicator, satuan, target, pagu, year), built into plans → program → kegiatan → sub kegiatan;
* the ``"sipd"`` preset (:mod:`sinkron_http.sipd`), which hands SIPD-shaped records to sinkron-sipd.

Records are consumed as they arrive; the mapping never needs the whole stream in memory beyond
the models it builds.

>>> from sinkron_http.records import iter_records
>>> rows = {"data": [
...     {"kode": "1.02.02.2.02.0001", "nama": "Pengelolaan Pelayanan Kesehatan Ibu Hamil", "skpd": "1.02.0.00.0.00.01.0000",
...      "indikator": "Jumlah Ibu Hamil yang Mendapatkan Pelayanan", "satuan": "Orang", "target": "1.250",
...      "pagu": "350.000.000", "tahun": "2026"}]}
>>> mapping = FieldMapping(code="kode", name="nama", agency="skpd", indicator="indikator", unit="satuan",
...                        target="target", pagu="pagu", year="tahun")
>>> result = mapping(iter_records(rows, "data", source="rows.json"), source="rows.json")
>>> result.complete, result.records
(True, 1)
>>> sub = next(result.bundle.plans[0].sub_activities())
>>> sub.id, str(sub.budget_for(2026)), str(sub.indicators[0].target_for(2026).number)
('1.02.0.00.0.00.01.0000/1.02.02.2.02.0001', 'Rp 350.000.000', '1250')
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol, runtime_checkable

import attrs

from sinkron.codes import Code, CodeLevel
from sinkron.connector import ReadResult
from sinkron.errors import CodeError, InvalidModel, SourceError
from sinkron.models import (
    Activity,
    Agency,
    Budget,
    BudgetKind,
    Bundle,
    Indicator,
    IndicatorKind,
    Money,
    Origin,
    Plan,
    PlanKind,
    PlanPeriod,
    Program,
    Provenance,
    SubActivity,
    Target,
    Value,
)
from sinkron.nomenclature import Nomenclature, default_nomenclature
from sinkron.numbers import parse_number
from sinkron_http.jsonpath import MISSING, describe_json, get_path
from sinkron_http.records import JsonRecord

__all__ = ["FieldMapping", "RecordMapping"]


@runtime_checkable
class RecordMapping(Protocol):
    """Turns a stream of JSON records into a ReadResult (bundle plus every located problem).

    ``source`` is the (redacted) URL or file name to record in the bundle. A mapping must not drop a
    record silently: each record ends up in the bundle or in ``errors``, and ``records`` counts them.
    """

    def __call__(self, records: Iterable[JsonRecord], *, source: str) -> ReadResult: ...


@attrs.define
class _Sub:
    code: Code
    name: str
    agency: str | None
    pagu: Decimal | None
    first: JsonRecord
    indicators: dict[str, tuple[str | None, Value | None]] = attrs.field(factory=dict)


@attrs.frozen
class _Row:
    """One record's fields, read and checked."""

    code: Code
    name: str
    year: int
    agency: str | None
    agency_name: str | None
    pagu: Decimal | None
    indicator: str | None
    unit: str | None
    target: Value | None


@attrs.define
class _PlanBuild:
    agency: str | None
    year: int
    subs: dict[Code, _Sub] = attrs.field(factory=dict)


def _text(value: Any) -> str | None:
    """A JSON scalar as stripped text; ``None`` for null, missing or blank."""
    if value is MISSING or value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise TypeError(describe_json(value))
    text = " ".join(str(value).split())
    return text or None


def _required_path(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A field of :class:`FieldMapping` is a dotted path: text (a table or a list is refused, named by its key)."""
    if not isinstance(value, str):
        raise TypeError(
            f"FieldMapping.{attribute.name} must be a dotted path (text such as 'data.kode'), "
            f"got {type(value).__name__}"
        )


def _optional_path(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A field of :class:`FieldMapping` that may be left out (``None``), else a dotted path."""
    if value is not None:
        _required_path(instance, attribute, value)


@attrs.frozen(kw_only=True)
class FieldMapping:
    """A declarative mapping of JSON record fields (dotted paths) to sub kegiatan rows.

    Each record is one sub kegiatan row, or one more indicator of a sub kegiatan already seen
    (SIPD-style per-indicator rows share the code): the sub kegiatan is built once, with every
    indicator. Records are grouped into one plan per agency and year (``plan_kind``, Renja PD by
    default). Program and kegiatan names come from ``program_name``/``activity_name`` when mapped,
    else from the nomenclature; a code the nomenclature does not know is reported, not guessed.
    Only ``code`` and ``name`` are required; ``year`` or ``default_year`` must give the year.
    """

    code: str = attrs.field(default="code", validator=_required_path)
    name: str = attrs.field(default="name", validator=_required_path)
    agency: str | None = attrs.field(default=None, validator=_optional_path)
    agency_name: str | None = attrs.field(default=None, validator=_optional_path)
    indicator: str | None = attrs.field(default=None, validator=_optional_path)
    unit: str | None = attrs.field(default=None, validator=_optional_path)
    target: str | None = attrs.field(default=None, validator=_optional_path)
    pagu: str | None = attrs.field(default=None, validator=_optional_path)
    year: str | None = attrs.field(default=None, validator=_optional_path)
    default_year: int | None = None
    program_name: str | None = attrs.field(default=None, validator=_optional_path)
    activity_name: str | None = attrs.field(default=None, validator=_optional_path)
    plan_kind: PlanKind = attrs.field(default=PlanKind.RENJA_PD, converter=PlanKind)
    budget_kind: BudgetKind = attrs.field(default=BudgetKind.INDICATIVE, converter=BudgetKind)
    indicator_kind: IndicatorKind = attrs.field(default=IndicatorKind.OUTPUT, converter=IndicatorKind)
    nomenclature: Nomenclature | None = attrs.field(default=None, eq=False, repr=False)
    """The catalogue for program and kegiatan names (the shipped one by default)."""

    def __call__(self, records: Iterable[JsonRecord], *, source: str) -> ReadResult:
        errors: list[SourceError] = []
        plans: dict[tuple[str | None, int], _PlanBuild] = {}
        agencies: dict[str, tuple[str, JsonRecord]] = {}
        count = 0
        for record in records:
            count += 1
            try:
                self._take(record, plans, agencies)
            except SourceError as exc:
                errors.append(exc)
        bundle = self._build(plans, agencies, source, errors)
        return ReadResult(bundle=bundle, errors=errors, source=source, records=count)

    # -- one record -------------------------------------------------------------------------------
    def _field(self, record: JsonRecord, path: str | None, what: str, *, required: bool = False) -> str | None:
        if path is None:
            return None
        raw = get_path(record.value, path)
        try:
            text = _text(raw)
        except TypeError:
            raise record.error(
                f"the {what} is not text or a number", field=path, expected="text", actual=describe_json(raw)
            ) from None
        if text is None and required:
            raise record.error(f"the {what} is missing", field=path, expected=f"the {what}", actual=describe_json(raw))
        return text

    def _take(
        self,
        record: JsonRecord,
        plans: dict[tuple[str | None, int], _PlanBuild],
        agencies: dict[str, tuple[str, JsonRecord]],
    ) -> None:
        """One record: a new sub kegiatan of its plan, or one more indicator of one already seen."""
        row = self._row(record, agencies)
        plan = plans.get((row.agency, row.year))
        sub = plan.subs.get(row.code) if plan is not None else None
        if sub is None:
            if plan is None:
                plan = plans[(row.agency, row.year)] = _PlanBuild(agency=row.agency, year=row.year)
            sub = plan.subs[row.code] = _Sub(
                code=row.code, name=row.name, agency=row.agency, pagu=row.pagu, first=record
            )
        else:
            self._continue(sub, row, record)
        if row.indicator is not None:
            sub.indicators[row.indicator] = (row.unit, row.target)
        if row.agency is not None and row.agency_name is not None and row.agency not in agencies:
            agencies[row.agency] = (row.agency_name, record)

    def _row(self, record: JsonRecord, agencies: dict[str, tuple[str, JsonRecord]]) -> _Row:
        """The fields of one record, each read and checked (the first problem is raised)."""
        if not isinstance(record.value, dict):
            raise record.error(
                "a record must be a JSON object", expected="an object", actual=describe_json(record.value)
            )
        code = self._code(record)
        name = self._field(record, self.name, "sub kegiatan name", required=True)
        assert name is not None
        prefix, rest = Code.split_name(name)
        if prefix == code and rest:
            name = rest
        year = self._year(record)
        agency, agency_name = self._agency(record, agencies)
        pagu = self._pagu(record)
        indicator = self._field(record, self.indicator, "indicator")
        unit = self._field(record, self.unit, "satuan")
        target = self._target(record, indicator, unit)
        return _Row(code, name, year, agency, agency_name, pagu, indicator, unit, target)

    def _code(self, record: JsonRecord) -> Code:
        """The sub kegiatan code: required, and of the sub kegiatan level."""
        code_text = self._field(record, self.code, "sub kegiatan code", required=True)
        assert code_text is not None
        try:
            code = Code.parse(code_text)
        except CodeError as exc:
            raise record.error(f"not a nomenclature code: {exc.reason}", field=self.code, actual=code_text) from None
        if code.level is not CodeLevel.SUB_ACTIVITY:
            raise record.error(
                f"the code is a {code.level.value} code, not a sub kegiatan",
                field=self.code,
                expected="a sub kegiatan code (six parts, 1.02.02.2.02.0001)",
                actual=code_text,
            )
        return code

    def _agency(self, record: JsonRecord, agencies: dict[str, tuple[str, JsonRecord]]) -> tuple[str | None, str | None]:
        """The agency (SKPD) code and name; a mapped code is required, a name must agree with earlier pages."""
        agency = self._field(record, self.agency, "agency code")
        if self.agency is not None and agency is None:
            raise record.error("the agency code is missing", field=self.agency, expected="an agency (SKPD) code")
        if agency is None or self.agency_name is None:
            return agency, None
        agency_name = self._field(record, self.agency_name, "agency name", required=True)
        known = agencies.get(agency)
        if known is not None and known[0] != agency_name:
            raise record.error(
                f"agency {agency} has another name than on page {known[1].page}",
                field=self.agency_name,
                expected=repr(known[0]),
                actual=agency_name,
            )
        return agency, agency_name

    def _target(self, record: JsonRecord, indicator: str | None, unit: str | None) -> Value | None:
        """The indicator's target with its satuan; a target needs an indicator."""
        target_text = self._field(record, self.target, "target")
        if target_text is None:
            return None
        if indicator is None:
            raise record.error(
                "a target without an indicator", field=self.indicator or "indicator", expected="the indicator name"
            )
        try:
            return Value.parse(target_text, unit=unit)
        except InvalidModel as exc:
            raise record.error(
                f"the target is not a value: {exc.reason}", field=self.target, actual=target_text
            ) from None

    def _continue(self, sub: _Sub, row: _Row, record: JsonRecord) -> None:
        """A record of a sub kegiatan already seen: one more indicator, with the same name and pagu."""
        where = f"page {sub.first.page} ({sub.first.location.json_path})"
        if sub.name != row.name:
            raise record.error(
                f"sub kegiatan {row.code} has another name than on {where}",
                field=self.name,
                expected=repr(sub.name),
                actual=row.name,
            )
        if row.pagu is not None and sub.pagu is not None and row.pagu != sub.pagu:
            raise record.error(
                f"sub kegiatan {row.code} has another pagu than on {where}",
                field=self.pagu,
                expected=str(sub.pagu),
                actual=str(row.pagu),
            )
        if row.indicator is None:
            raise record.error(
                f"sub kegiatan {row.code} appears again without a further indicator",
                field=self.indicator or self.code,
                expected="one record per sub kegiatan, or one per indicator",
            )
        if row.indicator in sub.indicators:
            raise record.error(
                f"indicator {row.indicator!r} of sub kegiatan {row.code} is given twice",
                field=self.indicator,
                expected="each indicator once",
            )
        if sub.pagu is None:
            sub.pagu = row.pagu

    def _year(self, record: JsonRecord) -> int:
        text = self._field(record, self.year, "year")
        if text is None:
            if self.default_year is not None:
                return self.default_year
            raise record.error(
                "the record has no year", field=self.year, expected="a year (map `year` or set `default_year`)"
            )
        if not text.isdigit() or not 1945 <= int(text) <= 2200:
            raise record.error("the year is not a year", field=self.year, expected="a year such as 2026", actual=text)
        return int(text)

    def _pagu(self, record: JsonRecord) -> Decimal | None:
        if self.pagu is None:
            return None
        raw = get_path(record.value, self.pagu)
        if raw is MISSING or raw is None or raw == "":
            return None
        try:
            if isinstance(raw, bool):
                raise ValueError
            if isinstance(raw, int):
                amount = Decimal(raw)
            elif isinstance(raw, float):
                amount = Decimal(repr(raw))
            elif isinstance(raw, str):
                amount = parse_number(raw)
            else:
                raise ValueError
        except (ValueError, InvalidOperation):
            raise record.error(
                "the pagu is not an amount", field=self.pagu, expected="an amount in rupiah", actual=raw
            ) from None
        if amount < 0 or not amount.is_finite():
            raise record.error("the pagu must not be negative", field=self.pagu, expected="0 or more", actual=raw)
        return amount

    # -- building ---------------------------------------------------------------------------------
    def _name(self, code: Code, year: int, sub: _Sub, path: str | None, what: str) -> str:
        if path is not None:
            text = self._field(sub.first, path, f"{what} name")
            if text is not None:
                prefix, rest = Code.split_name(text)
                return rest if prefix == code and rest else text
        catalogue = self.nomenclature or default_nomenclature()
        entry = catalogue.lookup(code, year)
        if entry is None:
            raise sub.first.error(
                f"no name for {what} {code}: it is not in the nomenclature for {year}",
                field=path,
                expected=f"a {what} name (map `{'program_name' if what == 'program' else 'activity_name'}`)",
            )
        return entry.name

    def _build(
        self,
        plans: dict[tuple[str | None, int], _PlanBuild],
        agencies: dict[str, tuple[str, JsonRecord]],
        source: str,
        errors: list[SourceError],
    ) -> Bundle:
        built: list[Plan] = []
        for (agency, year), plan in plans.items():
            programs: dict[Code, tuple[str, dict[Code, tuple[str, list[SubActivity]]]]] = {}
            for code, sub in plan.subs.items():
                activity_code = code.parent
                assert activity_code is not None and activity_code.parent is not None
                program_code = activity_code.parent
                try:
                    if program_code not in programs:
                        programs[program_code] = (self._name(program_code, year, sub, self.program_name, "program"), {})
                    activities = programs[program_code][1]
                    if activity_code not in activities:
                        activities[activity_code] = (
                            self._name(activity_code, year, sub, self.activity_name, "kegiatan"),
                            [],
                        )
                    activities[activity_code][1].append(self._sub_activity(sub, year))
                except SourceError as exc:
                    errors.append(exc)
                except InvalidModel as exc:
                    errors.append(sub.first.error(f"cannot build sub kegiatan {code}: {exc}"))
            program_models = [
                Program(  # built from the sub kegiatan records: located at the source, as the plan is
                    code=pcode,
                    name=pname,
                    agency_id=agency,
                    activities=[
                        Activity(
                            code=acode,
                            name=aname,
                            agency_id=agency,
                            sub_activities=subs,
                            provenance=Provenance(source=source, origin=Origin.DERIVED),
                        )
                        for acode, (aname, subs) in activities.items()
                    ],
                    provenance=Provenance(source=source, origin=Origin.DERIVED),
                )
                for pcode, (pname, activities) in programs.items()
            ]
            kind = self.plan_kind
            label = kind.value.replace("_", " ").upper()
            owner = agencies[agency][0] if agency is not None and agency in agencies else agency
            built.append(
                Plan(
                    id=f"{kind.value}/{agency}/{year}" if agency else f"{kind.value}/{year}",
                    kind=kind,
                    title=f"{label} {owner} {year}" if owner else f"{label} {year}",
                    period=PlanPeriod(start=year, end=year),
                    owner_id=agency,
                    programs=program_models,
                    provenance=Provenance(source=source),
                )
            )
        agency_models = [
            Agency(code=code, name=name, provenance=Provenance(source=source)) for code, (name, _) in agencies.items()
        ]
        return Bundle(agencies=agency_models, plans=built, sources=(source,))

    def _sub_activity(self, sub: _Sub, year: int) -> SubActivity:
        indicators = [
            Indicator(
                name=name,
                unit=unit,
                kind=self.indicator_kind,
                targets=[Target(year=year, value=value)] if value is not None else [],
            )
            for name, (unit, value) in sub.indicators.items()
        ]
        return SubActivity(
            code=sub.code,
            name=sub.name,
            agency_id=sub.agency,
            indicators=indicators,
            budgets=[Budget(year=year, amount=Money(sub.pagu), kind=self.budget_kind)] if sub.pagu is not None else [],
            provenance=Provenance(source=sub.first.location.source, json_path=sub.first.location.json_path),
        )

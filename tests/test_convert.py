from __future__ import annotations

import gc
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sinkron import Bundle, Meeting, Plan, SubActivity, ValidationError, Value, convert
from sinkron.convert import SCHEMA_VERSION, dumps, loads, structure, to_document, unstructure
from sinkron.demo import demo_bundle
from sinkron.errors import SourceError
from sinkron.testing import strategies as sst


def _provenances(obj: object) -> list[object]:
    """Every provenance inside a model (provenance is not part of equality, so compare it separately)."""
    out: list[object] = []
    if hasattr(obj, "__attrs_attrs__"):
        for attribute in obj.__attrs_attrs__:  # type: ignore[attr-defined]
            value = getattr(obj, attribute.name)
            if attribute.name == "provenance":
                out.append(value)
            else:
                out.extend(_provenances(value))
    elif isinstance(obj, tuple):
        for element in obj:
            out.extend(_provenances(element))
    return out


@given(
    st.one_of(
        sst.values(),
        sst.indicators(),
        sst.sub_activities(),
        sst.programs(),
        sst.priorities(),
        sst.meetings(),
        sst.governments(),
    )
)
def test_round_trip_every_model(obj: object) -> None:
    back = loads(dumps(obj), type(obj))
    assert back == obj
    assert _provenances(back) == _provenances(obj)


@given(sst.bundles())
def test_round_trip_bundles(bundle: Bundle) -> None:
    text = dumps(bundle)
    back = loads(text, Bundle)
    assert back == bundle
    assert _provenances(back) == _provenances(bundle)
    assert json.loads(text)["schema_version"] == SCHEMA_VERSION


@given(sst.plans())
def test_round_trip_keeps_extra_fields(plan: Plan) -> None:
    import attrs

    with_extra = attrs.evolve(plan, extra={"id_jadwal": "17", "nested": {"a": [1, "2"]}})
    assert loads(dumps(with_extra), Plan).extra == with_extra.extra


def test_extra_values_are_unstructured_to_json_ready_data() -> None:
    import datetime as dt
    from decimal import Decimal

    import attrs

    from sinkron import BudgetKind, Code
    from sinkron.demo import demo_bundle

    plan = demo_bundle().plans[0]
    extra = {
        "pair": (1, "x"),
        "none": None,
        "nested": {"when": dt.date(2026, 1, 2), "amount": Decimal("1.50")},
        "list": [Code.parse("1.02"), {"deep": [True, 1.5]}],
        "kind": BudgetKind.CEILING,
    }
    data = unstructure(attrs.evolve(plan, extra=extra))["extra"]
    assert data == {
        "pair": [1, "x"],
        "none": None,
        "nested": {"when": "2026-01-02", "amount": "1.50"},
        "list": ["1.02", {"deep": [True, 1.5]}],
        "kind": "pagu",
    }
    assert json.loads(json.dumps(data)) == data


def test_enums_come_back_as_enums() -> None:
    from sinkron import Plan, PlanKind, PlanPeriod, PlanStage

    plan = Plan(
        id="p", kind=PlanKind.RKPD, title="RKPD", period=PlanPeriod(start=2026, end=2026), stage=PlanStage.DRAFT
    )
    back = loads(dumps(plan), Plan)
    assert type(back.kind) is PlanKind
    assert type(back.stage) is PlanStage
    with pytest.raises(ValidationError, match="expected one of 'rpjpn'"):
        loads(dumps(plan).replace('"rkpd"', '"rkpdx"'), Plan)


def test_decimals_are_strings_and_defaults_are_omitted() -> None:
    data = unstructure(Value.parse("1.234,5 %"))
    assert data == {"number": "1234.5", "unit": "%", "text": "1.234,5 %"}


def test_wrong_document_type_is_located() -> None:
    text = dumps(Value.of(1))
    with pytest.raises(ValidationError) as info:
        loads(text, Bundle)
    (error,) = info.value.errors
    assert error.location.json_path == "$.type"
    assert error.expected == "Bundle" and error.actual == "Value"


def test_bad_values_come_back_with_json_paths() -> None:
    doc = {
        "schema_version": 1,
        "type": "SubActivity",
        "data": {
            "code": "1.02.02.2",
            "name": "x",
            "budgets": [{"year": 2026, "amount": "-5"}, {"year": "2027", "amount": "5"}],
            "indicators": [
                {"name": "i", "targets": [{"year": 2026, "value": {"low": "3", "high": "1", "text": "3-1"}}]}
            ],
            "bogus": 1,
        },
    }
    with pytest.raises(ValidationError) as info:
        loads(json.dumps(doc), SubActivity, source="bad.json")
    paths = {e.location.json_path: e.message for e in info.value.errors}
    assert "$.data.code" in paths and "four is incomplete" in paths["$.data.code"]
    assert "negative" in paths["$.data.budgets[0].amount"]
    assert "integer" in paths["$.data.budgets[1].year"]
    assert "greater than high" in paths["$.data.indicators[0].targets[0].value"]
    assert any("bogus" in m for m in paths.values())
    assert all(e.location.source == "bad.json" for e in info.value.errors)


def test_missing_required_field() -> None:
    with pytest.raises(ValidationError) as info:
        structure({"kind": "rakor", "title": "t", "start": "2025-10-26"}, Meeting)
    assert any(e.location.json_path == "$.id" and "required" in e.message for e in info.value.errors)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"a": 1, "a": 2}', "duplicate key"),
        ('{"schema_version": 1, "type": "Value", "data": {"number": NaN, "text": "x"}}', "NaN"),
        ("[" * 100_000, "nested too deeply"),
        ("{", "invalid JSON"),
        (b"\xff\xfe{", "UTF-8"),
    ],
)
def test_hostile_json(text: str | bytes, message: str) -> None:
    with pytest.raises(ValidationError, match=message) as raised:  # as docs/errors.md says: every problem listed
        loads(text, source="x.json")
    (error,) = raised.value.errors
    assert isinstance(error, SourceError) and error.location.source == "x.json" and raised.value.source == "x.json"


def test_text_that_is_not_json_is_a_validation_error_with_its_place() -> None:
    with pytest.raises(ValidationError) as raised:
        loads("not json", Bundle)
    (error,) = raised.value.errors
    assert error.message.startswith("invalid JSON") and (error.location.row, error.location.column) == (1, "1")


def test_newer_documents_are_refused_and_older_upgraded() -> None:
    with pytest.raises(ValidationError, match="newer sinkron"):
        loads(json.dumps({"schema_version": SCHEMA_VERSION + 1, "type": "Bundle", "data": {}}))
    old = {"format": "sinkron-bundle", "sources": ["x.xlsx"]}
    assert loads(json.dumps(old), Bundle) == Bundle(sources=("x.xlsx",))


def test_to_document_refuses_non_models() -> None:
    with pytest.raises(TypeError, match="not a sinkron model"):
        to_document({"a": 1})


def test_dump_and_load_leave_the_collector_as_they_found_it() -> None:
    bundle = demo_bundle()
    assert gc.isenabled()
    text = convert.dumps(bundle)
    assert gc.isenabled()
    assert convert.loads(text, type(bundle)) == bundle
    assert gc.isenabled()
    gc.disable()
    try:
        convert.loads(text, type(bundle))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_duplicate_keys_are_still_refused_with_the_key() -> None:
    document = '{"schema_version": 1, "type": "Bundle", "data": {"plans": [], "plans": []}}'
    with pytest.raises(ValidationError) as raised:
        convert.loads(document)
    assert raised.value.errors[0].actual == "plans"
    assert convert.parse_json(json.dumps({"a": 1, "b": {"a": 2}})) == {"a": 1, "b": {"a": 2}}

"""The report's JSON form validates against the documented JSON Schema (docs/report-schema.json)."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import sinkron
from sinkron.align.findings import Finding, Message, Severity
from sinkron.align.report import AchievementBand, CoverageRow, Metrics, PaguShare, Report, RuleFailure, report_to_dict
from sinkron.demo import demo_bundle, demo_config
from sinkron.models import Provenance

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "docs" / "report-schema.json"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def full_report() -> Report:
    """A report using every optional part: fix, location, rule failures, a share of None."""
    finding = Finding(
        rule="SKN101",
        severity=Severity.ERROR,
        subject="rkpd#x",
        path="RKPD › x",
        message=Message("pesan", "message"),
        fix=Message("perbaiki", "fix it"),
        evidence={"pagu": Decimal("1.50"), "years": (2025, 2026), "nested": {"a": None}},
        location=Provenance(source="rkpd.xlsx", sheet="RKPD", row=7),
    )
    bare = Finding(rule="XYZ001", severity=Severity.INFO, subject="p", path="", message=Message("a", "b"))
    metrics = Metrics(
        priority_coverage=(
            CoverageRow(priority="PN01", code=None, name="n", kind="pn", programs=0, sub_activities=0, pagu=Decimal(0)),
        ),
        pagu_on_priorities=(PaguShare(plan="p", year=2026, total=Decimal(0), on_priorities=Decimal(0)),),
        achievement=(AchievementBand(year=2025, band="<50", count=3),),
    )
    return Report(
        findings=(finding, bare),
        metrics=metrics,
        rules_run=("SKN101", "XYZ001"),
        rule_failures=(RuleFailure(rule="SKN301", error="KeyError"),),
        sources=("a",),
    )


def test_demo_report_validates(validator: jsonschema.Draft202012Validator) -> None:
    report = sinkron.check(demo_bundle(), config=demo_config())
    document = json.loads(report.to_json())
    validator.validate(document)
    assert document["summary"]["findings"] == len(document["findings"]) > 0


def test_every_optional_part_validates(validator: jsonschema.Draft202012Validator) -> None:
    document = json.loads(full_report().to_json())
    validator.validate(document)
    assert document["findings"][0]["location"] == {"source": "rkpd.xlsx", "sheet": "RKPD", "row": 7}
    assert document["metrics"]["pagu_on_priorities"][0]["share"] is None


def _broken(path: list[Any], value: Any) -> dict[str, Any]:
    document = copy.deepcopy(report_to_dict(full_report()))
    target: Any = document
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return document


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (["schema_version"], 2),
        (["findings", 0, "message", "en"], KeyError),
        (["findings", 0, "severity"], "fatal"),
        (["findings", 0, "rule"], "skn101"),
        (["findings", 0, "surprise"], 1),
        (["summary", "by_severity", "error"], -1),
        (["metrics", "priority_coverage", 0, "pagu"], 12.5),
        (["metrics", "achievement", 0, "band"], "40-50"),
    ],
)
def test_schema_rejects_a_changed_shape(
    validator: jsonschema.Draft202012Validator, path: list[Any], value: Any
) -> None:
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(_broken(path, value))

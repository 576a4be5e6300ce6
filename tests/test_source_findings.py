"""Source findings (rule family 0): made by readers, kept in the bundle, reported by check, strict on request."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import sinkron
from sinkron.align import Severity
from sinkron.connector import Connector, ReadResult
from sinkron.convert import dumps, loads
from sinkron.errors import Location
from sinkron.models import Bundle
from sinkron.plugins import PluginManager, hookspecs
from sinkron.progress import Progress
from sinkron.source_findings import (
    CATALOGUE,
    FORMULA_EVALUATED,
    ROW_NOT_READ,
    SUBTOTAL_MISMATCH,
    as_errors,
    leaves_rows_out,
)


def _where(row: int) -> Location:
    return Location(source="renstra.xlsx", sheet="RENSTRA", row=row, column="H", field="pagu")


class _Noticing(Connector):
    """Reads nothing, and notices what its file lists: one finding per line (``subtotal``, ``formula``, ``row``)."""

    name = "noticing"
    formats = ("noticing",)
    extensions = (".noticing",)

    def read(self, source: str | Path, *, progress: Progress | None = None, **options: Any) -> ReadResult:
        made = {
            "subtotal": lambda r: SUBTOTAL_MISMATCH.at(
                _where(r), id="Subtotal berbeda", en="Subtotal differs", expected="100", found="90"
            ),
            "formula": lambda r: FORMULA_EVALUATED.at(_where(r), id="Dihitung", en="Computed", found="1250"),
            "row": lambda r: ROW_NOT_READ.at(_where(r), id="Baris tidak dibaca", en="Row not read"),
        }
        lines = Path(source).read_text(encoding="utf-8").split()
        findings = [made[kind](row) for row, kind in enumerate(lines, start=5)]
        return ReadResult(bundle=Bundle(sources=(str(source),), source_findings=findings), source=str(source))


@pytest.fixture
def pm() -> PluginManager:
    class Plugin:
        @hookspecs.hookimpl
        def sinkron_register_connectors(self, register):  # type: ignore[no-untyped-def]
            register(_Noticing())

    manager = PluginManager(load_entry_points=False)
    manager.register(Plugin(), name="noticing")
    return manager


def _file(tmp_path: Path, *kinds: str) -> Path:
    path = tmp_path / "x.noticing"
    path.write_text(" ".join(kinds), encoding="utf-8")
    return path


def test_a_finding_is_located_with_expected_and_found() -> None:
    finding = SUBTOTAL_MISMATCH.at(_where(44), id="a", en="b", expected=100, found="90")
    assert finding.rule == "SKN001" and finding.severity is Severity.ERROR and finding.family == 0
    assert finding.evidence == {"expected": 100, "found": "90", "field": "pagu"}
    assert finding.location is not None
    assert (finding.location.row, finding.location.column) == (44, "H")
    assert finding.path == "renstra.xlsx, sheet 'RENSTRA', row 44, column H, field 'pagu'"


def test_the_catalogue_ids_are_family_zero_and_distinct() -> None:
    ids = [problem.id for problem in CATALOGUE]
    assert len(ids) == len(set(ids))
    assert all(i.startswith("SKN0") for i in ids)


def test_findings_do_not_make_a_read_fail_but_strict_does(pm: PluginManager, tmp_path: Path) -> None:
    path = _file(tmp_path, "subtotal", "formula")
    result = sinkron.read_result(path, plugins=pm)
    assert result.errors == () and result.complete
    assert [f.rule for f in result.findings] == ["SKN001", "SKN003"]
    assert sinkron.read(path, plugins=pm).source_findings == result.findings

    strict = sinkron.read_result(path, plugins=pm, strict=True)
    assert not strict.complete
    (error,) = strict.errors  # only the error-severity finding: the info one is not an error
    assert error.location.row == 5 and error.location.field == "pagu"
    assert error.expected == "100" and error.actual == "90"
    with pytest.raises(sinkron.ValidationError, match="SKN001"):
        sinkron.read(path, plugins=pm, strict=True)


def test_a_row_left_out_makes_the_read_incomplete(pm: PluginManager, tmp_path: Path) -> None:
    result = sinkron.read_result(_file(tmp_path, "row"), plugins=pm)
    assert result.errors == ()
    assert not result.complete
    assert leaves_rows_out(result.findings[0])


def test_check_reports_source_findings_and_they_can_be_ignored(pm: PluginManager, tmp_path: Path) -> None:
    bundle = sinkron.read(_file(tmp_path, "subtotal", "formula"), plugins=pm)
    report = sinkron.check(bundle, plugins=pm)
    assert sorted(f.rule for f in report.findings if f.family == 0) == ["SKN001", "SKN003"]
    assert {"SKN001", "SKN003"} <= set(report.rules_run)
    quiet = sinkron.check(bundle, config=sinkron.CheckConfig(ignore=("SKN003",)), plugins=pm)
    assert [f.rule for f in quiet.findings if f.family == 0] == ["SKN001"]


def test_source_findings_survive_json_and_merge(pm: PluginManager, tmp_path: Path) -> None:
    bundle = sinkron.read(_file(tmp_path, "subtotal", "row"), plugins=pm)
    assert loads(dumps(bundle), Bundle) == bundle
    merged = bundle.merge(Bundle(source_findings=bundle.source_findings[:1]))
    assert len(merged.source_findings) == 3


def test_as_errors_keeps_only_errors() -> None:
    findings = (
        SUBTOTAL_MISMATCH.at(_where(1), id="a", en="b"),
        FORMULA_EVALUATED.at(_where(2), id="c", en="d"),
        SUBTOTAL_MISMATCH.at(_where(3), id="e", en="f", severity=Severity.WARNING),
    )
    assert [e.location.row for e in as_errors(findings)] == [1]


def test_a_plugin_rule_is_not_counted_as_source_quality() -> None:
    from sinkron.align import Finding, Message, Rule

    rule = Rule(id="APP101", name="x", severity=Severity.INFO, description=Message("a", "b"), check=lambda ctx: ())
    finding = Finding(rule="APP101", severity=Severity.INFO, subject="s", path="p", message=Message("a", "b"))
    assert rule.family == finding.family == 10
    assert rule.family != 0

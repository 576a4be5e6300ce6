"""The conformance kit catches what it promises to catch: each check fails on a plugin that breaks it."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest

from sinkron import Bundle, Code, Location, Program, Severity, SourceError, SubActivity
from sinkron.align import rule
from sinkron.connector import Connector, ReadResult
from sinkron.demo import demo_bundle
from sinkron.exporter import Exporter
from sinkron.models import Activity, Plan, PlanKind, PlanPeriod, Provenance
from sinkron.safe_text import neutralise
from sinkron.testing import conformance as kit


def _plan(provenance: Provenance | None) -> Plan:
    sub = SubActivity(
        code=Code.parse("1.02.02.2.02.0001"), name="Pengelolaan Pelayanan Kesehatan Ibu Hamil", provenance=provenance
    )
    activity = Activity(code=Code.parse("1.02.02.2.02"), name="Kegiatan", sub_activities=[sub], provenance=provenance)
    program = Program(code=Code.parse("1.02.02"), name="Program", activities=[activity], provenance=provenance)
    return Plan(
        id="renja",
        kind=PlanKind.RENJA_PD,
        title="Renja",
        period=PlanPeriod(start=2026, end=2026),
        programs=[program],
        provenance=provenance,
    )


class LineConnector(Connector):
    """Reads a ``.lines`` file: ``located`` lines give a located sub kegiatan; a missing file is an error."""

    name = "lines"
    extensions = (".lines",)
    locate = True

    def read(self, source: Any, *, progress: Any = None, **options: Any) -> ReadResult:
        where = str(source)
        try:
            text = Path(where).read_bytes()
        except OSError as exc:
            return ReadResult(bundle=Bundle(), errors=[SourceError(str(exc), location=Location(source=where))])
        if not text.startswith(b"plan"):
            error = SourceError("not a lines file", location=Location(source=where, row=1), expected="plan")
            return ReadResult(bundle=Bundle(), errors=[error], source=where)
        provenance = Provenance(source=where, row=1) if self.locate else None
        return ReadResult(bundle=Bundle(plans=[_plan(provenance)]), source=where)


class Unlocated(LineConnector):
    locate = False


class Crashes(LineConnector):
    def read(self, source: Any, *, progress: Any = None, **options: Any) -> ReadResult:
        return ReadResult(bundle=Bundle(), errors=[], source=str(Path(source).read_text(encoding="utf-8")))


class Phones(LineConnector):
    def read(self, source: Any, *, progress: Any = None, **options: Any) -> ReadResult:
        socket.create_connection(("127.0.0.1", 9))
        return super().read(source)


def test_a_good_connector_passes(tmp_path: Path) -> None:
    source = tmp_path / "renja.lines"
    source.write_text("plan")
    result = kit.assert_connector_reads(LineConnector(), source)
    assert result.bundle.plans
    outcomes = kit.assert_reports_broken_inputs(LineConnector(), tmp_path / "broken")
    assert set(outcomes) == {f"{name}.lines" for name in kit.BROKEN_INPUTS} | {"missing.lines"}


def test_missing_provenance_crashes_and_network_access_are_caught(tmp_path: Path) -> None:
    source = tmp_path / "renja.lines"
    source.write_text("plan")
    with pytest.raises(AssertionError, match="without a Provenance"):
        kit.assert_connector_reads(Unlocated(), source)
    with pytest.raises(AssertionError, match="crashed on binary.lines: UnicodeDecodeError"):
        kit.assert_reports_broken_inputs(Crashes(), tmp_path / "broken")
    with pytest.raises(AssertionError, match="network access attempted"):
        kit.assert_connector_reads(Phones(), source)


@rule("APP901", "no-sub-kegiatan-named-ibu", Severity.INFO, id="Contoh", en="Example")
def names_ibu(ctx: Any) -> Any:
    for ref, record in ctx.index.items.items():
        if "Ibu Hamil" in record.item.name:
            yield ctx.finding(ref, id="Ada", en="Found")


@rule("APP902", "always", Severity.INFO, id="Selalu", en="Always")
def always(ctx: Any) -> Any:
    yield ctx.finding(ctx.bundle.plans[0].id, id="Selalu", en="Always")


def test_rules_fire_where_asked_and_the_noisy_one_is_caught() -> None:
    kit.assert_rule_fires(names_ibu, [Bundle(plans=[_plan(None)])])
    with pytest.raises(AssertionError, match="found nothing"):
        kit.assert_rule_fires(names_ibu, [Bundle()])
    with pytest.raises(AssertionError, match="fired on an aligned bundle"):
        kit.assert_rule_silent_on_aligned_bundles(always, examples=3)


class CsvNames(Exporter):
    name = "names-csv"
    formats = ("names-csv",)
    extension = ".csv"
    accepts = (Bundle,)
    safe = True

    def render(self, obj: Any, **options: Any) -> bytes:
        names = [p.name for plan in obj.plans for p in plan.items()]
        return "\n".join(neutralise(n) if self.safe else n for n in names).encode()


class Unsafe(CsvNames):
    safe = False


class Careless(CsvNames):
    def write(self, obj: Any, target: Path, **options: Any) -> None:
        with open(target, "wb") as handle:
            handle.write(b"half")
            handle.write(self.render(obj))


def test_exporters_are_checked_for_atomic_and_formula_safe_output(tmp_path: Path) -> None:
    hostile = kit.hostile_bundle()
    kit.assert_exporter_atomic(CsvNames(), hostile, tmp_path / "ok" / "names.csv")
    assert kit.assert_formula_safe(CsvNames(), hostile)
    with pytest.raises(AssertionError, match="formulas"):
        kit.assert_formula_safe(Unsafe(), hostile)
    with pytest.raises(AssertionError, match="not the rendering"):
        kit.assert_exporter_atomic(Careless(), hostile, tmp_path / "careless" / "names.csv")
    with pytest.raises(AssertionError, match="none of the hostile texts"):
        kit.assert_formula_safe(CsvNames(), demo_bundle())

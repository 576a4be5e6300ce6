"""An example test file of an application built on sinkron (see docs/testing.md).

It uses sinkron's hypothesis registrations (``st.from_type``) and pytest fixtures without
importing sinkron's strategies explicitly. sinkron's own suite runs this file as a downstream
project would.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import sinkron


def total_pagu(plan: sinkron.Plan, year: int) -> Decimal:
    """The application code under test: a plan's pagu for a year, summed over its programs."""
    return sum(((p.budget_for(year) or sinkron.Money.zero()).amount for p in plan.programs), Decimal(0))


@settings(max_examples=20, deadline=None)
@given(st.from_type(sinkron.Plan))
def test_total_pagu_is_never_negative(plan: sinkron.Plan) -> None:
    for year in plan.period.years:
        assert total_pagu(plan, year) >= 0


@settings(max_examples=10, deadline=None)
@given(st.from_type(sinkron.SubActivity))
def test_generated_sub_kegiatan_are_in_the_nomenclature(item: sinkron.SubActivity) -> None:
    from sinkron.nomenclature import default_nomenclature

    assert default_nomenclature().lookup(item.code) is not None


def test_demo_bundle_has_errors_to_show(sinkron_demo_bundle: sinkron.Bundle) -> None:
    report = sinkron.check(sinkron_demo_bundle)
    assert report.has_errors


def test_isolated_plugin_manager(sinkron_plugin_manager: sinkron.PluginManager) -> None:
    class Plugin:
        @sinkron.hookimpl
        def sinkron_register_rules(self, register):  # type: ignore[no-untyped-def]
            from sinkron.align import Severity, rule

            @rule("APP101", "always", Severity.INFO, id="Contoh", en="Example")
            def always(ctx):  # type: ignore[no-untyped-def]
                yield ctx.finding("x", id="Contoh temuan", en="Example finding")

            register(always)

    sinkron_plugin_manager.register(Plugin(), name="app-rules")
    report = sinkron.check(sinkron.Bundle(), rules=["APP"], plugins=sinkron_plugin_manager)
    assert [f.rule for f in report.findings] == ["APP101"]


def test_spreadsheet_builder(sinkron_spreadsheet) -> None:  # type: ignore[no-untyped-def]
    path = sinkron_spreadsheet.rows(
        "pagu.csv", [["KODE SUB KEGIATAN", "JUMLAH PAGU"], ["1.02.02.2.02.0001", "1.250.000"]]
    )
    assert path.read_text(encoding="utf-8").splitlines()[1] == "1.02.02.2.02.0001,1.250.000"

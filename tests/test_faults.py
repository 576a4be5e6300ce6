"""sinkron's alignment rules against generated bundles: no fault ⇒ no error; fault injected ⇒ its finding."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sinkron
from sinkron.align import Severity
from sinkron.testing import strategies as sst
from sinkron.testing.faults import FAULTS, FaultyBundle, aligned_bundles, faulty_bundles


@settings(max_examples=25)
@given(aligned_bundles())
def test_aligned_bundles_have_no_error_findings(bundle: sinkron.Bundle) -> None:
    report = sinkron.check(bundle)
    errors = [(f.rule, f.subject, f.message.en) for f in report.findings if f.severity is Severity.ERROR]
    assert errors == []
    assert report.rule_failures == ()


@settings(max_examples=8)
@given(st.data())
@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_each_fault_yields_its_finding(fault: str, data: st.DataObject) -> None:
    case: FaultyBundle = data.draw(sst.bundles(faults={fault}))
    report = sinkron.check(case.bundle, config=case.config)
    assert case.expected
    for expected in case.expected:
        assert expected.found_in(report), (
            expected,
            [(f.rule, f.subject) for f in report.findings if f.rule == expected.rule],
        )
    assert {e.rule for e in case.expected} == {FAULTS[fault].rule}


@settings(max_examples=15)
@given(faulty_bundles())
def test_all_faults_together(case: FaultyBundle) -> None:
    report = sinkron.check(case.bundle, config=case.config)
    missing = [e for e in case.expected if not e.found_in(report)]
    assert missing == []


def test_unknown_fault_name_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown fault"):
        faulty_bundles({"no_such_fault"})


def _reported_rules(case: FaultyBundle) -> set[str]:
    report = sinkron.check(case.bundle, config=case.config)
    return {f.rule for f in report.findings if f.severity is not Severity.INFO}


@settings(max_examples=8, deadline=None)
@given(st.data())
@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_a_fault_reports_nothing_beyond_its_rule_and_what_it_may_also_cause(fault: str, data: st.DataObject) -> None:
    """What docs/testing.md's fault table promises: "exactly these findings" assertions can be written."""
    case: FaultyBundle = data.draw(sst.bundles(faults={fault}))
    assert _reported_rules(case) <= {FAULTS[fault].rule, *FAULTS[fault].also}


@pytest.mark.parametrize("fault", sorted(name for name, f in FAULTS.items() if f.also))
def test_what_a_fault_may_also_cause_does_occur(fault: str) -> None:
    """Each rule a fault declares in ``also`` is reported for some generated bundle (the table lists no stale rule)."""
    from hypothesis import HealthCheck, Phase, find

    quick = settings(max_examples=100, database=None, phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    for rule in FAULTS[fault].also:
        find(sst.bundles(faults={fault}), lambda case, r=rule: r in _reported_rules(case), settings=quick)

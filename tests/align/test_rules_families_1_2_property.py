"""Clean generated bundles (valid by construction) give no error findings in families 1 and 2."""

from __future__ import annotations

from hypothesis import given, settings

from sinkron.align import CheckConfig, Severity, check
from sinkron.models import Bundle
from sinkron.plugins import PluginManager
from sinkron.testing import strategies as sst

_PLUGINS = PluginManager(load_entry_points=False)


@settings(max_examples=25)
@given(sst.bundles())
def test_generated_bundles_give_no_nomenclature_or_completeness_errors(bundle: Bundle) -> None:
    report = check(bundle, ["SKN1", "SKN2"], CheckConfig(), plugins=_PLUGINS)
    assert not report.rule_failures, report.rule_failures
    assert {r[:4] for r in report.rules_run} == {"SKN1", "SKN2"}
    errors = [(f.rule, f.subject, f.message.en) for f in report.findings if f.severity is Severity.ERROR]
    assert errors == []

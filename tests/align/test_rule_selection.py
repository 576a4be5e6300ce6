"""``sinkron.check(bundle, rules=...)``: one prefix or several, and a selector no rule matches named, never silent."""

from __future__ import annotations

import pytest

import sinkron
from sinkron.align import CheckConfig
from sinkron.demo import demo_bundle
from sinkron.errors import SinkronError, UnknownRule
from sinkron.plugins import get_plugin_manager


def test_one_prefix_as_a_string_selects_by_that_prefix() -> None:
    family_one = sorted(r for r in get_plugin_manager().rules() if r.startswith("SKN1"))
    report = sinkron.check(demo_bundle(), rules="SKN1")
    assert list(report.rules_run) == family_one  # not the letters S, K, N and 1, which select every rule
    assert sinkron.check(demo_bundle(), rules=["SKN1"]).rules_run == report.rules_run


def test_one_rule_object_is_accepted_alone() -> None:
    rule = get_plugin_manager().rules()["SKN101"]
    assert sinkron.check(demo_bundle(), rules=rule).rules_run == ("SKN101",)


@pytest.mark.parametrize("rules", [["XYZ"], "XYZ", ["SKN1", "XYZ"]])
def test_a_selector_no_rule_matches_is_named(rules: str | list[str]) -> None:
    with pytest.raises(UnknownRule, match="'XYZ'") as raised:
        sinkron.check(demo_bundle(), rules=rules)
    assert isinstance(raised.value, SinkronError) and isinstance(raised.value, LookupError)


def test_a_select_prefix_no_rule_matches_is_named_too() -> None:
    with pytest.raises(UnknownRule, match="'SKN9'"):
        sinkron.check(demo_bundle(), config=CheckConfig(select=("SKN9",)))
    # selecting and then ignoring everything is not an unknown selector: the report just runs nothing
    assert sinkron.check(demo_bundle(), config=CheckConfig(select=("SKN6",), ignore=("SKN6",))).rules_run == ()

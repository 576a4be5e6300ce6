"""SKN107 (kewenangan) on generated plans: silent when a plan's codes are of its government's level, and naming
every kegiatan of the other level (one finding each, or one for the plan when all its kegiatan are)."""

from __future__ import annotations

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from sinkron.align import CheckConfig, Severity, check
from sinkron.align.rules.nomenclature import code_scope
from sinkron.codes import Code, CodeLevel
from sinkron.models import Bundle, Government, GovernmentLevel, Plan
from sinkron.nomenclature import KABKOTA_SCOPE, PROVINCIAL_SCOPE
from sinkron.plugins import PluginManager
from sinkron.testing import strategies as sst

_PLUGINS = PluginManager(load_entry_points=False)
_PROVINCE = Government(level=GovernmentLevel.PROVINCE, region_code="62", name="Provinsi Kalimantan Tengah")
_KOTA = Government(level=GovernmentLevel.CITY, region_code="62.71", name="Kota Palangka Raya", parent_id="62")
_OWN = {PROVINCIAL_SCOPE: _PROVINCE, KABKOTA_SCOPE: _KOTA}
_OTHER = {PROVINCIAL_SCOPE: _KOTA, KABKOTA_SCOPE: _PROVINCE}

scoped_plans = st.sampled_from((PROVINCIAL_SCOPE, KABKOTA_SCOPE)).flatmap(
    lambda scope: st.tuples(st.just(scope), sst.plans(scope=scope))
)


def _check(plan: Plan, government: Government) -> list[tuple[str, str]]:
    bundle = Bundle(governments=[_PROVINCE, _KOTA], plans=[attrs.evolve(plan, government_id=government.id)])
    report = check(bundle, ["SKN1"], CheckConfig(), plugins=_PLUGINS)
    assert not report.rule_failures, report.rule_failures
    # a plan written wholly in the other level's codes gets one finding listing them (at most 6 kegiatan here)
    return [
        (f.rule, code)
        for f in report.findings
        if f.severity is Severity.ERROR
        for code in (f.evidence["codes"] if "codes" in f.evidence else [f.evidence.get("code", "")])
    ]


@settings(max_examples=25, deadline=None)
@given(scoped_plans)
def test_a_plan_in_its_own_levels_codes_gives_no_family_1_error(scoped: tuple[str, Plan]) -> None:
    scope, plan = scoped
    assert _check(plan, _OWN[scope]) == []


@settings(max_examples=25, deadline=None)
@given(scoped_plans)
def test_a_plan_in_the_other_levels_codes_gives_one_kewenangan_error_per_kegiatan(scoped: tuple[str, Plan]) -> None:
    scope, plan = scoped
    judged = sorted(
        str(item.code)
        for item in plan.items()
        if item.code.level is CodeLevel.ACTIVITY and code_scope(item.code) == scope
    )
    errors = _check(plan, _OTHER[scope])
    assert sorted(code for rule, code in errors if rule == "SKN107") == judged
    # codes without a level of their own (a program, a special-region variant 3–8) are looked up in the list of
    # the plan's level, which may not have them: SKN101, never another error
    others = [(rule, code) for rule, code in errors if rule != "SKN107"]
    assert all(rule == "SKN101" and code_scope(Code.parse(code)) is None for rule, code in others), others

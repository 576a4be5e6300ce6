"""The testing kit as a downstream project sees it: entry points, fixtures, from_type."""

from __future__ import annotations

import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sinkron

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _installed_entry_points(group: str) -> list[str]:
    return [ep.value for ep in metadata.entry_points(group=group) if ep.value.startswith("sinkron.")]


@pytest.fixture
def installed() -> None:
    if not _installed_entry_points("pytest11") or not _installed_entry_points("hypothesis"):
        pytest.skip("sinkron is not installed as a distribution here (its pytest11/hypothesis entry points are absent)")


@settings(max_examples=10)
@given(st.from_type(sinkron.Plan), st.from_type(sinkron.Bundle))
def test_from_type_is_registered(plan: sinkron.Plan, bundle: sinkron.Bundle) -> None:
    # sinkron's conftest does not register anything: this works through the hypothesis entry point
    # when sinkron is installed, and through hypothesis' own attrs inference otherwise.
    assert isinstance(plan, sinkron.Plan)
    assert isinstance(bundle, sinkron.Bundle)


def test_downstream_project_uses_the_kit(installed: None, tmp_path: Path) -> None:
    """A throwaway project with only the example test file: from_type and fixtures must work."""
    project = tmp_path / "downstream_app"
    project.mkdir()
    shutil.copy(DOCS / "examples" / "test_downstream_app.py", project / "test_app.py")
    (project / "pytest.ini").write_text("[pytest]\naddopts = -p no:cacheprovider\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "test_app.py"], cwd=project, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "5 passed" in result.stdout


def test_entry_point_plugins_stay_off_unless_asked(installed: None, tmp_path: Path) -> None:
    (tmp_path / "test_pm.py").write_text(
        "import pytest\n"
        "def test_off(sinkron_plugin_manager):\n"
        "    assert all(i.status in ('builtin',) for i in sinkron_plugin_manager.plugins())\n"
        "@pytest.mark.sinkron_entry_points\n"
        "def test_on(sinkron_plugin_manager):\n"
        "    assert sinkron_plugin_manager.plugins()\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_pm.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_strategies_import_before_hypothesis_in_a_fresh_interpreter() -> None:
    """The hypothesis setup hook runs while the strategies module imports hypothesis: it must not need it yet."""
    program = (
        "import sinkron.testing.strategies as sst\n"
        "from hypothesis import strategies as st\n"
        "import sinkron\n"
        "assert isinstance(st.from_type(sinkron.Value).example(), sinkron.Value)\n"
        "assert isinstance(sst.values().example(), sinkron.Value)\n"
    )
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_spreadsheet_fixture_refuses_a_bundle_as_csv_rather_than_skipping(tmp_path: Path) -> None:
    from sinkron.testing.pytest_plugin import SpreadsheetBuilder

    with pytest.raises(ValueError, match=r"plan\.csv: a Bundle is written as \.xlsx"):
        SpreadsheetBuilder(tmp_path).bundle("plan.csv", sinkron.Bundle())
    assert list(tmp_path.iterdir()) == []


def test_spreadsheet_fixture_writes_a_bundle_in_a_layout(tmp_path: Path, sinkron_demo_bundle: sinkron.Bundle) -> None:
    pytest.importorskip("sinkron_spreadsheet", reason="sinkron-spreadsheet is not installed in this environment")
    from sinkron.testing.pytest_plugin import SpreadsheetBuilder

    renja = next(p for p in sinkron_demo_bundle.plans if p.kind is sinkron.PlanKind.RENJA_PD)
    path = SpreadsheetBuilder(tmp_path).bundle("renja.xlsx", sinkron.Bundle(plans=[renja]), layout="renja")
    assert [p.id for p in sinkron.read(path).plans] == [renja.id]


def test_unknown_affair_codes_are_refused_with_a_reason() -> None:
    from sinkron import CodeLevel
    from sinkron.testing import strategies as sst

    with pytest.raises(ValueError, match="every urusan code 1-9 is in the nomenclature"):
        sst.codes(CodeLevel.AFFAIR, known=False)


@settings(max_examples=30)
@given(st.data())
def test_unknown_codes_of_every_other_level_are_well_formed_and_absent(data: st.DataObject) -> None:
    from sinkron import CodeLevel
    from sinkron.nomenclature import default_nomenclature
    from sinkron.testing import strategies as sst

    level = data.draw(st.sampled_from([lv for lv in CodeLevel if lv is not CodeLevel.AFFAIR]))
    code = data.draw(sst.codes(level, known=False))
    assert code.level is level
    assert sinkron.Code.parse(str(code)) == code
    assert default_nomenclature().lookup(code) is None


@settings(max_examples=3, deadline=None)
@given(st.data())
def test_bundles_type_follows_whether_faults_are_given(data: st.DataObject) -> None:
    from sinkron.testing import strategies as sst
    from sinkron.testing.faults import FaultyBundle

    assert isinstance(data.draw(sst.bundles()), sinkron.Bundle)
    no_fault = data.draw(sst.bundles(faults=set()))
    assert isinstance(no_fault, FaultyBundle)
    assert (no_fault.faults, no_fault.expected) == (frozenset(), ())


@settings(max_examples=10, deadline=None)
@given(st.data())
def test_a_failing_bundle_prints_as_a_compact_outline(data: st.DataObject) -> None:
    """What hypothesis prints for a failing example: one line per record, codes as Code('…'), no lambda source."""
    from hypothesis.vendor.pretty import pretty

    from sinkron.testing import strategies as sst

    bundle = data.draw(sst.bundles())
    printed = pretty(bundle)
    records = [
        *bundle.governments,
        *bundle.agencies,
        *bundle.priorities,
        *bundle.meetings,
        *bundle.links,
        *(item for plan in bundle.plans for item in plan.items()),
        *(i for plan in bundle.plans for item in plan.items() for i in item.indicators),
        *(s for plan in bundle.plans for s in (*plan.goals, *plan.objectives, *plan.missions)),
        *(i for plan in bundle.plans for s in (*plan.goals, *plan.objectives) for i in s.indicators),
    ]
    # a header and a closing line per plan and for the bundle, a visi per plan, a title per section
    assert len(printed.splitlines()) <= len(records) + 4 * len(bundle.plans) + 10
    assert "lambda" not in printed and "Code(parts=" not in printed
    item = next(item for plan in bundle.plans for item in plan.items())
    assert f"{item.code} {item.name[:40]}" in printed.replace("'", "")
    assert printed.splitlines() == repr(bundle).splitlines()
    assert pretty(item.code) == repr(item.code) == f"Code('{item.code}')"

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

"""sinkron-sipd's connector against the public conformance kit (sinkron.testing.conformance)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("sinkron_sipd", reason="sinkron-sipd is not installed in this environment")

from sinkron.demo import demo_bundle
from sinkron.testing.conformance import assert_reports_broken_inputs, assert_round_trip
from sinkron_sipd.connector import SipdConnector


def test_broken_inputs_are_located_errors(tmp_path: Path) -> None:
    outcomes = assert_reports_broken_inputs(SipdConnector(), tmp_path)
    assert not any(result is not None and result.bundle.plans for result in outcomes.values())


def test_what_it_writes_it_reads_back_located(tmp_path: Path) -> None:
    bundle = demo_bundle()
    renja = bundle.replace(plans=[p for p in bundle.plans if p.id == "renja-dinkes-kalteng-2026"])
    again = assert_round_trip(SipdConnector(), renja, tmp_path / "sipd.json")
    assert sum(1 for p in again.plans for _ in p.items()) > 0

"""sinkron-kl's connectors and exporter against the public conformance kit (sinkron.testing.conformance)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("sinkron_kl", reason="sinkron-kl is not installed in this environment")

from sinkron.testing.conformance import assert_reports_broken_inputs
from sinkron_kl.connectors import KrisnaConnector, PriorityTreeConnector, SaktiConnector


@pytest.mark.parametrize(
    "connector", [SaktiConnector(), KrisnaConnector(), PriorityTreeConnector()], ids=lambda c: c.name
)
def test_broken_inputs_are_located_errors(connector: SaktiConnector, tmp_path: Path) -> None:
    outcomes = assert_reports_broken_inputs(connector, tmp_path)
    # none of the broken files passes for a plan
    assert not any(result is not None and result.bundle.plans for result in outcomes.values())

"""Shared test configuration."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "sinkron", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
settings.register_profile("ci", parent=settings.get_profile("sinkron"), max_examples=60, derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "sinkron")

#: The shared reference folder beside the checkout (absent on a fresh clone elsewhere).
SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "reference"


@pytest.fixture
def shared_reference() -> Path:
    """The ``../shared/reference`` folder; tests using it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"reference data not available: {SHARED} is absent (it sits beside the checkout in development)")
    return SHARED

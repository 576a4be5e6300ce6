"""Test configuration of sinkron-sipd."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

#: The shared reference folder beside the checkout (absent on a fresh clone elsewhere).
SHARED = HERE.parents[2].parent / "shared" / "reference"


@pytest.fixture
def shared_reference() -> Path:
    """``../shared/reference``; tests using it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"reference data not available: {SHARED} is absent (it sits beside the checkout in development)")
    return SHARED

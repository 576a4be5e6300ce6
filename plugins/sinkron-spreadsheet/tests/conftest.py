"""Test setup of sinkron-spreadsheet: the file builders are importable from every test module."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

#: The shared reference folder beside the checkout (absent on a fresh clone elsewhere); SINKRON_SHARED_REFERENCE
#: names another place (a git worktree kept away from the checkout's folder).
SHARED = Path(os.environ.get("SINKRON_SHARED_REFERENCE") or HERE.parents[2].parent / "shared" / "reference")


@pytest.fixture
def shared_reference() -> Path:
    """The ``../shared/reference`` folder; tests using it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"reference data not available: {SHARED} is absent (it sits beside the checkout in development)")
    return SHARED

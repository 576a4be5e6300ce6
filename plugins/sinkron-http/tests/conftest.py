"""Fixtures of the sinkron-http tests (the server and data live in ``http_testkit``)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from http_testkit import ApiServer


@pytest.fixture
def server() -> Iterator[ApiServer]:
    """A fresh local API server per test, stopped (and every pending wait cut short) at teardown."""
    api = ApiServer()
    api.start()
    try:
        yield api
    finally:
        api.stop()


@pytest.fixture(autouse=True)
def _no_proxy_for_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    """A proxy configured on the machine must not capture requests to the local test server."""
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.setenv(name, "127.0.0.1,localhost")

"""``sinkron.read_result`` pauses the cyclic garbage collector while a connector reads, and always restores it."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import sinkron
from sinkron.connector import Connector, ReadResult
from sinkron.errors import Location, SinkronError, SourceError
from sinkron.models import Bundle
from sinkron.plugins import PluginManager, hookspecs


class _Probe(Connector):
    """Records whether the collector ran during each read; fails as its source file says."""

    name = "probe"
    formats = ("probe",)
    extensions = (".probe",)

    def __init__(self) -> None:
        self.seen: list[bool] = []

    def read(self, source: Any, *, progress: Any = None, **options: Any) -> ReadResult:
        self.seen.append(gc.isenabled())
        how = Path(str(source)).read_text(encoding="utf-8").strip()
        if how == "source-error":
            raise SourceError("bad probe", location=Location(source=str(source)))
        if how == "crash":
            raise ZeroDivisionError("boom")
        return ReadResult(bundle=Bundle(sources=(str(source),)), source=str(source))


@pytest.fixture
def probe() -> Iterator[tuple[_Probe, PluginManager]]:
    connector = _Probe()

    class Plugin:
        @hookspecs.hookimpl
        def sinkron_register_connectors(self, register: Any) -> None:
            register(connector)

    pm = PluginManager(load_entry_points=False)
    pm.register(Plugin(), name="probe")
    was = gc.isenabled()
    try:
        yield connector, pm
    finally:
        if was:
            gc.enable()
        else:  # pragma: no cover - pytest runs with the collector on
            gc.disable()


def _source(tmp_path: Path, how: str) -> Path:
    path = tmp_path / f"{how}.probe"
    path.write_text(how, encoding="utf-8")
    return path


def test_the_collector_is_paused_during_the_read_and_on_again_after(
    probe: tuple[_Probe, PluginManager], tmp_path: Path
) -> None:
    connector, pm = probe
    gc.enable()
    result = sinkron.read_result(_source(tmp_path, "ok"), plugins=pm)
    assert result.bundle.sources == (str(tmp_path / "ok.probe"),)
    assert connector.seen == [False]
    assert gc.isenabled()


@pytest.mark.parametrize("how", ["source-error", "crash"])
def test_the_collector_is_restored_when_the_connector_fails(
    probe: tuple[_Probe, PluginManager], tmp_path: Path, how: str
) -> None:
    connector, pm = probe
    gc.enable()
    with pytest.raises(SinkronError):  # a SourceError raised, or the crash as the result's error
        sinkron.read(_source(tmp_path, how), plugins=pm)
    assert connector.seen == [False]
    assert gc.isenabled()


def test_a_collector_the_caller_paused_stays_paused(probe: tuple[_Probe, PluginManager], tmp_path: Path) -> None:
    connector, pm = probe
    gc.disable()
    sinkron.read_result(_source(tmp_path, "ok"), plugins=pm)
    assert sinkron.read_result(_source(tmp_path, "crash"), plugins=pm).errors
    assert connector.seen == [False, False]
    assert not gc.isenabled()

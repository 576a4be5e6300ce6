"""JSON Lines are parsed one line at a time; the plugin is found through its entry point."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest

pytest.importorskip("sinkron_sipd", reason="sinkron-sipd is not installed in this environment")
from sipd_samples import sub_keg

from sinkron.plugins import PluginManager
from sinkron.progress import ProgressEvent
from sinkron_sipd import DocumentInfo, RawRecord, iter_records, read_sipd


def _big_lines(path: Path, count: int) -> Path:
    line = json.dumps(sub_keg()) + "\n"
    with path.open("w", encoding="utf-8") as handle:
        for _ in range(count):
            handle.write(line)
    return path


def test_json_lines_are_iterated_in_constant_memory(tmp_path: Path) -> None:
    path = _big_lines(tmp_path / "big.jsonl", 3000)
    size = path.stat().st_size
    infos: list[DocumentInfo] = []
    errors: list[object] = []
    tracemalloc.start()
    try:
        seen = 0
        for record in iter_records(path, infos, errors):  # type: ignore[arg-type]
            assert isinstance(record, RawRecord) and record.row == seen + 1
            seen += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert seen == 3000 and infos[0].container == "lines" and not errors
    assert size > 10_000_000
    assert peak < size / 20, f"peak {peak} bytes while reading a {size}-byte file"


def test_progress_is_reported_per_thousand_records(tmp_path: Path) -> None:
    path = _big_lines(tmp_path / "progress.jsonl", 1200)
    events: list[ProgressEvent] = []
    result = read_sipd(path, progress=events.append)
    assert [e.done for e in events] == [1000, 1200] and events[-1].total == 1200
    assert result.records == 1200 and len(result.errors) == 0


def test_the_plugin_is_found_through_its_entry_point() -> None:
    pm = PluginManager()
    info = {p.name: p for p in pm.plugins()}["sipd"]
    assert (info.status, info.distribution) == ("loaded", "sinkron-sipd")
    assert {"sipd"} <= set(info.provides)
    assert pm.connectors()["sipd"].can_write
    assert "sipd" in pm.exporters()

"""sinkron-parquet's exporter against the public conformance kit (sinkron.testing.conformance)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pyarrow", reason="pyarrow is not installed in this environment")

from sinkron.testing.conformance import assert_exporter_atomic, hostile_bundle
from sinkron_parquet.exporter import ParquetExporter


def test_the_export_folder_is_written_whole(tmp_path: Path) -> None:
    target = tmp_path / "out" / "bundle.parquet"
    assert_exporter_atomic(ParquetExporter(), hostile_bundle(), target)
    assert target.is_dir() and any(target.iterdir())

"""The ``parquet`` exporter: a Bundle as a folder of Parquet files, one per entity.

``sinkron.write(bundle, "out/", format="parquet")`` (or ``sinkron convert bundle.json out/ --to
parquet``) writes ``out/<table>.parquet`` for every table of :data:`~sinkron_parquet.tables.TABLES`
and ``out/_sinkron.json`` (schema version, tables with their row counts, the bundle's sources and
nomenclature). The folder is written next to the target and swapped in by renames, so a crash
never leaves half a dataset that looks complete; an existing folder is replaced only when it holds
nothing but a previous export.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, ClassVar

import attrs

from sinkron.atomic import write_folder_atomic
from sinkron.exporter import Exporter
from sinkron.models import Bundle
from sinkron.options import option
from sinkron_parquet.tables import TABLES, ParquetExportError, bundle_tables

__all__ = ["MANIFEST", "SCHEMA_VERSION", "ParquetExporter", "ParquetWriteOptions", "write_parquet"]

#: Version of the table layout (bumped when a column changes meaning or type).
SCHEMA_VERSION = 1
#: The manifest file written beside the tables.
MANIFEST = "_sinkron.json"
_COMPRESSION = "zstd"


def _ours(folder: Path) -> bool:
    names = {p.name for p in folder.iterdir()}
    allowed = {MANIFEST, *(f"{t}.parquet" for t in TABLES)}
    return names <= allowed


def write_parquet(bundle: Bundle, target: str | Path, *, compression: str = _COMPRESSION) -> Path:
    """Write ``bundle`` as one Parquet file per table into the folder ``target``; returns the folder."""
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    target = Path(target)
    if target.exists() and not target.is_dir():
        raise ParquetExportError(f"{target} is a file; the parquet export writes a folder of tables")
    if target.is_dir() and not _ours(target):
        raise ParquetExportError(
            f"{target} holds files other than a sinkron parquet export; choose an empty or new folder"
        )
    tables = bundle_tables(bundle)

    def fill(folder: Path) -> None:
        for name, table in tables.items():
            pq.write_table(table, folder / f"{name}.parquet", compression=compression)
        manifest: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "tables": {name: table.num_rows for name, table in tables.items()},
            "sources": list(bundle.sources),
            "nomenclature": bundle.nomenclature,
        }
        (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")

    return write_folder_atomic(target, fill)


@attrs.frozen(kw_only=True)
class ParquetWriteOptions:
    """The option of the Parquet export."""

    compression: str = option(_COMPRESSION, "Parquet compression codec: zstd, snappy, gzip, brotli, lz4 or none.")


class ParquetExporter(Exporter):
    """Exports a :class:`~sinkron.Bundle` as a folder of Parquet tables (for DuckDB, Spark, Dask, pandas)."""

    name: ClassVar[str] = "parquet"
    formats: ClassVar[tuple[str, ...]] = ("parquet", "arrow")
    extension: ClassVar[str] = ".parquet"
    accepts: ClassVar[tuple[type, ...]] = (Bundle,)
    requires: ClassVar[tuple[str, ...]] = ("pyarrow",)
    install: ClassVar[str | None] = "pip install sinkron-parquet"
    description: ClassVar[str] = "a Bundle as one Parquet table per entity (a folder)"
    binary: ClassVar[bool] = True
    render_options: ClassVar[type | None] = ParquetWriteOptions

    def render(self, obj: Any, **options: Any) -> bytes:
        raise ParquetExportError("the parquet export is a folder of files; use sinkron.write(bundle, folder)")

    def write(self, obj: Any, target: Path, **options: Any) -> None:
        write_parquet(obj, target, **options)

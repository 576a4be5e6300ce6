"""sinkron-parquet: a Bundle as Parquet (Arrow) tables, one per entity, for DuckDB, Spark or Dask.

Public API:

* :func:`write_parquet` — write a bundle into a folder of ``<table>.parquet`` files;
* :func:`bundle_tables` — the same tables as ``pyarrow.Table`` objects, in memory;
* :data:`SCHEMAS` / :data:`TABLES` — the fixed schema of every table;
* :class:`ParquetExporter` — what the plugin registers (format ``parquet``).

See ``docs/parquet.md``.
"""

from sinkron_parquet.exporter import MANIFEST, SCHEMA_VERSION, ParquetExporter, write_parquet
from sinkron_parquet.tables import SCHEMAS, TABLES, ParquetExportError, bundle_tables

__version__ = "0.1.0"

__all__ = [
    "MANIFEST",
    "SCHEMAS",
    "SCHEMA_VERSION",
    "TABLES",
    "ParquetExportError",
    "ParquetExporter",
    "__version__",
    "bundle_tables",
    "write_parquet",
]

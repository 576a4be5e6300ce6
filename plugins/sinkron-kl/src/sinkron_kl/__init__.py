"""sinkron-kl: the national (K/L) side in and out of sinkron.

Public API:

* :func:`read_sakti` — the SAKTI "Kertas Kerja" (RKA-K/L worksheet) xlsx of a satker, levels told by
  code shape, parents rebuilt from code prefixes, totals checked against the satker row;
* :func:`read_krisna` — KRISNA Renja K/L records (JSON, one per RO; output = KRO, suboutput = RO;
  amounts in ribuan rupiah converted to rupiah; lokasi with target and alokasi);
* :func:`render_tables_xlsx` — Form 4, Form 5 and the synchronisation matrix (:mod:`sinkron.bridge`
  tables) as a workbook;
* :class:`SaktiConnector`, :class:`KrisnaConnector`, :class:`PriorityTreeConnector`,
  :class:`TablesXlsxExporter` — what the plugin registers.

See ``docs/national.md``.
"""

from sinkron_kl.connectors import KrisnaConnector, PriorityTreeConnector, SaktiConnector
from sinkron_kl.krisna import KRISNA_OPTIONS, is_krisna_export, read_krisna
from sinkron_kl.sakti import COLUMNS, SAKTI_OPTIONS, is_kertas_kerja, read_sakti
from sinkron_kl.tables_xlsx import TablesXlsxExporter, render_tables_xlsx

__version__ = "0.1.0"

__all__ = [
    "COLUMNS",
    "KRISNA_OPTIONS",
    "SAKTI_OPTIONS",
    "KrisnaConnector",
    "PriorityTreeConnector",
    "SaktiConnector",
    "TablesXlsxExporter",
    "__version__",
    "is_kertas_kerja",
    "is_krisna_export",
    "read_krisna",
    "read_sakti",
    "render_tables_xlsx",
]

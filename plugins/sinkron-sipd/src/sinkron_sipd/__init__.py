"""sinkron-sipd: SIPD JSON records read into sinkron models and written back losslessly.

>>> import sinkron_sipd
>>> sinkron_sipd.SipdConnector.formats
('sipd', 'sipd-json')

See ``docs/sipd.md`` for the field mapping and examples.
"""

from sinkron_sipd.connector import SipdConnector, SipdExporter, read_sipd
from sinkron_sipd.documents import DocumentInfo, RawRecord, iter_records
from sinkron_sipd.fields import RecordKind
from sinkron_sipd.nomenclature_check import NomenclatureProblem, nomenclature_problems
from sinkron_sipd.reader import BundleBuilder, ReadOptions
from sinkron_sipd.report import SipdReportConnector
from sinkron_sipd.writer import SipdWriteError, dumps, records

__version__ = "0.1.0"

__all__ = [
    "BundleBuilder",
    "DocumentInfo",
    "NomenclatureProblem",
    "RawRecord",
    "ReadOptions",
    "RecordKind",
    "SipdConnector",
    "SipdExporter",
    "SipdReportConnector",
    "SipdWriteError",
    "__version__",
    "dumps",
    "iter_records",
    "nomenclature_problems",
    "read_sipd",
    "records",
]

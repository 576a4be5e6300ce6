"""sinkron-http: read paginated JSON APIs (wp-sipd, SIPD mirrors, open-data portals) into sinkron Bundles.

``sinkron.read("https://…", format="http", mapping=…)`` goes through :class:`HttpConnector`; the
same source can be described in a TOML/JSON file (:func:`load_source`) or built in Python
(:class:`HttpSource`) and read with :func:`read_http`. See ``docs/http.md``.
"""

from sinkron_http.auth import ApiKey, Auth, BearerToken, NoAuth
from sinkron_http.client import HttpReader, Page
from sinkron_http.config import ApiStatus, HttpSource, Limits, RetryPolicy, Timeouts
from sinkron_http.configfile import PRESETS, load_source, mapping_from_config, source_from_dict
from sinkron_http.connector import HttpConnector, read_http, read_saved, resolve_source
from sinkron_http.errors import HttpError, HttpErrorKind
from sinkron_http.mapping import FieldMapping, RecordMapping
from sinkron_http.pagination import Cursor, LinkHeader, NoPagination, OffsetLimit, PageNumber, Pagination
from sinkron_http.records import JsonRecord
from sinkron_http.secrets import MissingSecret, Redactor, Secret
from sinkron_http.sipd import SipdMapping

__version__ = "0.1.0"

__all__ = [
    "PRESETS",
    "ApiKey",
    "ApiStatus",
    "Auth",
    "BearerToken",
    "Cursor",
    "FieldMapping",
    "HttpConnector",
    "HttpError",
    "HttpErrorKind",
    "HttpReader",
    "HttpSource",
    "JsonRecord",
    "Limits",
    "LinkHeader",
    "MissingSecret",
    "NoAuth",
    "NoPagination",
    "OffsetLimit",
    "Page",
    "PageNumber",
    "Pagination",
    "RecordMapping",
    "Redactor",
    "RetryPolicy",
    "Secret",
    "SipdMapping",
    "Timeouts",
    "__version__",
    "load_source",
    "mapping_from_config",
    "read_http",
    "read_saved",
    "resolve_source",
    "source_from_dict",
]

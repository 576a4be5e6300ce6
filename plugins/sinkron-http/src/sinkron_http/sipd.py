"""The ``"sipd"`` mapping preset: SIPD-shaped records (wp-sipd ``get_sub_keg_sipd``) through sinkron-sipd.

The SIPD record shapes (nested indicators, capaian, lokasi, sumber dana, tags; all values strings)
are sinkron-sipd's to read. This preset hands the record stream to it, so a wp-sipd-compatible
endpoint reads straight into a Bundle. sinkron-sipd is imported only when the preset is used; when
it is missing the read stops with :class:`~sinkron.ConnectorUnavailable` naming what to install.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from typing import Any

from sinkron.connector import ReadResult
from sinkron.errors import ConnectorUnavailable
from sinkron_http.records import JsonRecord

__all__ = ["SipdMapping"]

#: Where the records → ReadResult function lives: ``module:function``.
DEFAULT_FUNCTION = "sinkron_sipd:read_records"


class SipdMapping:
    """Maps SIPD JSON records with sinkron-sipd (``pip install sinkron-sipd``).

    ``function`` is the ``module:function`` that turns an iterable of SIPD records into a
    :class:`~sinkron.connector.ReadResult`; other keyword ``options`` are passed on to it.
    """

    name = "sipd"
    install = "sinkron-sipd"

    def __init__(self, *, function: str = DEFAULT_FUNCTION, **options: Any) -> None:
        self.function = function
        self.options = options

    def __repr__(self) -> str:
        return f"SipdMapping(function={self.function!r})"

    def _resolve(self) -> Callable[..., ReadResult]:
        module_name, _, attribute = self.function.partition(":")
        try:
            module = importlib.import_module(module_name)
        except ImportError as exc:
            raise ConnectorUnavailable(
                "the sipd mapping preset", self.install, f"cannot import {module_name}: {exc}"
            ) from None
        function = getattr(module, attribute, None)
        if not callable(function):
            raise ConnectorUnavailable(
                "the sipd mapping preset",
                f"--upgrade {self.install}",
                f"{module_name} has no {attribute}() to map records",
            )
        return function  # type: ignore[no-any-return]

    def check_available(self) -> None:
        """Raise :class:`~sinkron.ConnectorUnavailable` now rather than after the first page."""
        self._resolve()

    def __call__(self, records: Iterable[JsonRecord], *, source: str) -> ReadResult:
        function = self._resolve()
        result = function((record.value for record in records), source=source, **self.options)
        if not isinstance(result, ReadResult):
            raise TypeError(f"{self.function} returned {type(result).__name__}, not a ReadResult")
        return result

"""Built-in plugin: sinkron's own JSON documents, read and written through the connector hooks."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sinkron.connector import Connector, ReadResult, Source
from sinkron.convert import dumps, loads
from sinkron.errors import Location, SourceError, ValidationError
from sinkron.exporter import Exporter, write_atomic
from sinkron.models import MODEL_CLASSES, Bundle
from sinkron.options import NoOptions
from sinkron.plugins.first_party import plugin_for_format
from sinkron.plugins.hookspecs import hookimpl
from sinkron.progress import Progress

#: Documents larger than this are refused (a planning bundle of one province is a few MB).
MAX_BYTES = 2 * 1024**3


class JsonConnector(Connector):
    """Reads and writes sinkron JSON documents (``{"schema_version", "type": "Bundle", "data"}``)."""

    name = "json"
    formats = ("json", "sinkron-json")
    extensions = (".json",)
    description = "sinkron's own lossless JSON documents"

    def detect(self, source: Source) -> bool | None:
        """A sinkron document names its ``schema_version`` near the top."""
        try:
            with Path(source).open("rb") as handle:
                head = handle.read(4096)
        except OSError:
            return None
        return b'"schema_version"' in head

    def read(self, source: Source, *, progress: Progress | None = None, **options: Any) -> ReadResult:
        path = Path(source)
        where = Location(source=str(path))
        try:
            size = path.stat().st_size
            if size > MAX_BYTES:
                raise SourceError("file too large", location=where, expected=f"at most {MAX_BYTES} bytes", actual=size)
            data = path.read_bytes()
        except OSError as exc:
            raise SourceError(f"cannot read file: {exc.strerror or exc}", location=where) from None
        try:
            bundle = loads(data, Bundle, source=str(path))
        except ValidationError as exc:
            errors = exc.errors
            if _looks_like_sipd(data):
                hint = plugin_for_format("sipd")
                assert hint is not None
                errors = (
                    SourceError(
                        f"this is a SIPD export, not a sinkron document: {hint.distribution} reads "
                        f"{hint.reads} (`{hint.install}`, then read it again)",
                        location=where,
                    ),
                )
            return ReadResult(bundle=Bundle(sources=(str(path),)), errors=errors, source=str(path), records=1)
        if str(path) not in bundle.sources:
            bundle = bundle.replace(sources=(*bundle.sources, str(path)))
        return ReadResult(bundle=bundle, source=str(path), records=1)

    def write(self, bundle: Bundle, target: Path, **options: Any) -> None:
        write_atomic(Path(target), dumps(bundle, indent=options.get("indent", 2)).encode("utf-8"))


_SIPD_ENVELOPE = frozenset({"action", "data", "status", "message"})
_SIPD_FIELDS = (b'"kode_sbl"', b'"kode_sub_giat"', b'"kode_skpd"', b'"id_sub_skpd"', b'"nama_sub_giat"')


def _looks_like_sipd(data: bytes) -> bool:
    """Whether a JSON document that is no sinkron document has SIPD's envelope or record fields."""
    head = data[:4096]
    if any(field in head for field in _SIPD_FIELDS):
        return True
    try:
        document = json.loads(data)
    except (ValueError, RecursionError):
        return False
    return isinstance(document, dict) and document.keys() >= _SIPD_ENVELOPE


class JsonExporter(Exporter):
    """Writes any sinkron model as a JSON document."""

    name = "json"
    formats = ("json",)
    extension = ".json"
    accepts = MODEL_CLASSES
    description = "sinkron JSON document of any model"
    render_options = NoOptions

    def render(self, obj: Any, **options: Any) -> bytes:
        return dumps(obj).encode("utf-8")


@hookimpl
def sinkron_register_connectors(register: Callable[[Connector], None]) -> None:
    register(JsonConnector())


@hookimpl
def sinkron_register_exporters(register: Callable[[Exporter], None]) -> None:
    register(JsonExporter())

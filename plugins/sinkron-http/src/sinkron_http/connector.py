"""The ``http`` connector: ``sinkron.read("https://…", format="http", mapping=…)`` and configured sources.

:func:`read_http` streams records page by page into the mapping; a failure part-way (a page that
does not come after the retries, a limit, a loop) ends the stream and joins the mapping's own
errors in the :class:`~sinkron.connector.ReadResult`, with the partial bundle — never passed off as
complete. :func:`read_saved` maps a saved response file with the same mapping.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, cast

import attrs

from sinkron.connector import Connector, ReadResult, Source
from sinkron.errors import Location, SinkronError, SourceError
from sinkron.options import one_of, option
from sinkron.progress import Progress
from sinkron_http.auth import ApiKey, BearerToken, KeyLocation
from sinkron_http.client import HttpReader
from sinkron_http.config import HttpSource
from sinkron_http.configfile import load_source, mapping_from_config, source_from_dict
from sinkron_http.errors import HttpError, HttpErrorKind
from sinkron_http.jsonbody import JsonBodyError, parse_json_body
from sinkron_http.mapping import RecordMapping
from sinkron_http.records import JsonRecord, RecordsShapeError, iter_records, located_shape_error
from sinkron_http.secrets import Redactor, Secret

__all__ = ["HttpConnector", "HttpReadOptions", "read_http", "read_saved", "resolve_source"]


@attrs.frozen(kw_only=True)
class HttpReadOptions:
    """The read options of the ``http`` connector (see :func:`resolve_source` and ``docs/http.md``).

    Every option left out keeps the value of the configuration (``config``) or of :class:`HttpSource`.
    """

    config: Any = option(None, "A configuration file, a mapping or an HttpSource to start from.")
    mapping: Any = option(None, "How records become a Bundle: a preset name (sipd), a mapping file or dict.")
    method: str | None = option(None, "GET (default) or POST.")
    params: dict[str, Any] | None = option(None, "Query parameters (a JSON object on the command line).")
    form: dict[str, Any] | None = option(None, "Form fields of a POST (a JSON object on the command line).")
    headers: dict[str, Any] | None = option(None, "Extra request headers (a JSON object on the command line).")
    auth: Any = option(None, "Credentials: a BearerToken, ApiKey … (Python API; or the token and api_key options).")
    records_path: str | None = option(None, "Where the records sit in a response: a JSON path such as data.items.")
    pagination: Any = option(None, "How pages follow each other: page, offset, cursor or link header.")
    pagination_in: str | None = option(
        None, "Where pagination parameters go: query or form.", validator=one_of("query", "form")
    )
    api_status: Any = option(None, "How an API reports failure inside a 200 response.")
    timeouts: Any = option(None, "Connect and read timeouts.")
    retry: Any = option(None, "Retries with backoff on 5xx/429 (Retry-After honoured).")
    limits: Any = option(None, "Caps on pages, records and bytes.")
    verify: Any = option(
        None, "Check TLS certificates: true (default), false (never in production) or a CA bundle path."
    )
    trust_env: bool | None = option(None, "Honour proxy and CA environment variables (true by default).")
    token: Any = option(None, "A bearer token (prefer token_env).")
    token_env: str | None = option(None, "The environment variable holding a bearer token.")
    api_key: Any = option(None, "An API key (prefer api_key_env).")
    api_key_env: str | None = option(None, "The environment variable holding an API key.")
    api_key_name: str | None = option(
        None, "Name of the API key parameter or header (X-API-KEY or api_key by default)."
    )
    api_key_in: str | None = option(
        None, "Where the API key goes: header, query or form.", validator=one_of("header", "query", "form")
    )


_SOURCE_FIELDS = tuple(a.name for a in attrs.fields(HttpSource) if a.name not in ("url", "mapping"))


def _check(mapping: RecordMapping) -> None:
    check = getattr(mapping, "check_available", None)
    if callable(check):
        check()


def read_http(
    source: HttpSource,
    *,
    mapping: RecordMapping | str | Mapping[str, Any] | None = None,
    progress: Progress | None = None,
) -> ReadResult:
    """Read an HTTP source into a ReadResult: the bundle and every located problem.

    ``mapping`` (a :class:`~sinkron_http.mapping.RecordMapping`, a preset name or a table of fields)
    overrides ``source.mapping``.
    """
    chosen = mapping_from_config(mapping) if mapping is not None else source.mapping
    reader = HttpReader(source, progress=progress)
    if chosen is None:
        raise SourceError(
            "no record mapping: pass mapping=... (a FieldMapping, a table of fields or a preset such as 'sipd')",
            location=Location(source=reader.display_url),
        )
    _check(chosen)
    failures: list[SourceError] = []

    def stream() -> Iterator[JsonRecord]:
        try:
            yield from reader.records()
        except HttpError as exc:
            failures.append(exc)
        except SinkronError:
            raise
        except Exception as exc:  # a library surprise: located and redacted, never a bare traceback
            failures.append(
                HttpError(
                    f"unexpected {type(exc).__name__} while reading: {reader.redactor.text(str(exc))}",
                    url=reader.display_url,
                    page=reader.pages_read + 1,
                    kind=HttpErrorKind.HTTP,
                )
            )

    result = chosen(stream(), source=reader.display_url)
    if not isinstance(result, ReadResult):
        raise SourceError(
            f"the record mapping returned {type(result).__name__}, not a ReadResult",
            location=Location(source=reader.display_url),
        )
    bundle = result.bundle
    if reader.display_url not in bundle.sources:
        bundle = bundle.replace(sources=(*bundle.sources, reader.display_url))
    return ReadResult(
        bundle=bundle,
        errors=(*result.errors, *failures),
        source=reader.display_url,
        records=result.records if result.records is not None else reader.records_seen,
    )


def read_saved(
    path: str | Path, mapping: RecordMapping | str | Mapping[str, Any], *, records_path: str = ""
) -> ReadResult:
    """Map a saved JSON response (or a bare array of records) with the same mapping as a live read.

    The file is parsed as a live response is: a key given twice, ``NaN``, invalid JSON … raise a
    :class:`~sinkron.errors.SourceError` located at the file (with line and column when the parser stopped).
    """
    file = Path(path)
    origin = str(file)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise SourceError(
            f"cannot read the saved response: {exc.strerror or exc}", location=Location(source=origin)
        ) from None
    try:
        body = parse_json_body(data, what="the saved response")
    except JsonBodyError as exc:
        column = str(exc.column) if exc.column is not None else None
        raise SourceError(
            exc.message, location=Location(source=origin, row=exc.line, column=column), expected=exc.expected
        ) from None
    chosen = mapping_from_config(mapping)
    _check(chosen)
    try:
        records = list(iter_records(body, records_path, source=origin))
    except RecordsShapeError as exc:
        return ReadResult(
            bundle=chosen([], source=origin).bundle, errors=[located_shape_error(exc, origin)], source=origin, records=0
        )
    return chosen(iter(records), source=origin)


def _auth_shortcut(options: dict[str, Any]) -> None:
    """``token=`` / ``token_env=`` / ``api_key=`` / ``api_key_env=`` keyword shortcuts into ``auth=``."""
    token, token_env = options.pop("token", None), options.pop("token_env", None)
    key, key_env = options.pop("api_key", None), options.pop("api_key_env", None)
    key_name, key_in = options.pop("api_key_name", None), options.pop("api_key_in", None)
    given = [x for x in (token, token_env, key, key_env) if x is not None]
    if not given:
        return
    if len(given) > 1 or "auth" in options:
        raise ValueError("give one credential: auth=, token=, token_env=, api_key= or api_key_env=")
    if token is not None or token_env is not None:
        options["auth"] = BearerToken(Secret(env=token_env) if token_env else Secret.of(token))
        return
    secret = Secret(env=key_env) if key_env else Secret.of(key)
    location = key_in or ("form" if str(options.get("method", "GET")).upper() == "POST" else "header")
    name = key_name or ("api_key" if location != "header" else "X-API-KEY")
    if location not in ("header", "query", "form"):
        raise ValueError(f"api_key_in must be header, query or form, not {location!r}")
    options["auth"] = ApiKey(secret, name=name, location=cast(KeyLocation, location))


def resolve_source(source: Source | HttpSource, **options: Any) -> HttpSource:
    """The :class:`HttpSource` for a URL or a configuration file, with ``options`` applied.

    ``config=`` takes a configuration file, a mapping or an :class:`HttpSource` to start from; the
    other options are :class:`HttpSource` fields (``method``, ``params``, ``form``, ``auth``,
    ``records_path``, ``pagination`` …), the credential shortcuts ``token``/``token_env``/``api_key``/
    ``api_key_env`` (with ``api_key_name`` and ``api_key_in``), and ``mapping``.
    """
    options = dict(options)
    config = options.pop("config", None)
    mapping = options.pop("mapping", None)
    _auth_shortcut(options)
    unknown = sorted(set(options) - set(_SOURCE_FIELDS))
    if unknown:
        raise ValueError(f"unknown option(s) {', '.join(unknown)}; known: config, mapping, {', '.join(_SOURCE_FIELDS)}")
    if isinstance(source, HttpSource):
        base: HttpSource | None = source
        url: str | None = None
    else:
        text = str(source)
        url = text if "://" in text else None
        if url is None:
            if config is not None:
                raise ValueError("give the configuration either as the source or as config=, not both")
            config = Path(text)
        base = None
    if config is not None:
        if isinstance(config, HttpSource):
            base = config.replace(url=url) if url else config
        elif isinstance(config, Mapping):
            base = source_from_dict(config, url=url)
        else:
            base = load_source(config, url=url)
    if base is None:
        assert url is not None
        base = HttpSource(url=url, **options)
    elif options:
        base = base.replace(**options)
    if mapping is not None:
        base = base.replace(mapping=mapping_from_config(mapping))
    return base


class HttpConnector(Connector):
    """Reads JSON APIs over HTTP(S) into a Bundle (see ``docs/http.md``)."""

    name = "http"
    formats = ("http", "https", "json-api")
    schemes = ("http", "https")
    requires = ("requests",)
    install = "sinkron-http"
    description = "paginated JSON APIs over HTTP (wp-sipd, open-data portals) with auth, retries and limits"
    read_options = HttpReadOptions

    def read(self, source: Source, *, progress: Progress | None = None, **options: Any) -> ReadResult:
        try:
            http_source = resolve_source(source, **options)
        except SinkronError:
            raise
        except (TypeError, ValueError) as exc:
            where = Redactor(_option_secrets(options)).url(str(source))
            raise SourceError(f"invalid HTTP source configuration: {exc}", location=Location(source=where)) from None
        return read_http(http_source, progress=progress)


def _option_secrets(options: Mapping[str, Any]) -> list[Secret | str]:
    found: list[Secret | str] = []
    for key in ("token", "api_key"):
        value = options.get(key)
        if isinstance(value, (str, Secret)):
            found.append(value)
    return found

"""The error an HTTP read ends with: a :class:`~sinkron.SourceError` naming the URL, the page and the cause.

The URL is always redacted (see :mod:`sinkron_http.secrets`); ``kind`` classifies the cause so
programs can react without parsing the message.
"""

from __future__ import annotations

import enum

from sinkron.errors import Location, SourceError

__all__ = ["HttpError", "HttpErrorKind"]


class HttpErrorKind(str, enum.Enum):
    """What went wrong with a request or a response."""

    CONNECTION = "connection"
    """The server could not be reached, or the connection broke mid-response."""
    TIMEOUT = "timeout"
    """No answer within the connect, read or total timeout."""
    TLS = "tls"
    """The TLS handshake or the certificate check failed."""
    CREDENTIALS = "credentials"
    """HTTP 401 or 403: the credential is missing, wrong or not allowed."""
    NOT_FOUND = "not_found"
    """HTTP 404."""
    RATE_LIMITED = "rate_limited"
    """HTTP 429 that did not clear within the retries (or asked for a longer wait than allowed)."""
    SERVER = "server"
    """HTTP 5xx that did not clear within the retries."""
    HTTP = "http"
    """Another unexpected HTTP status."""
    NOT_JSON = "not_json"
    """The body is not valid JSON."""
    SHAPE = "shape"
    """The JSON does not have the expected shape (records path, cursor, total)."""
    API = "api"
    """The API answered with an error status in its body (wp-sipd: ``"status": "error"``)."""
    TOO_LARGE = "too_large"
    """The body is larger than ``Limits.max_bytes``."""
    LIMIT = "limit"
    """``max_pages`` or ``max_records`` stopped the read while the source had more."""
    LOOP = "loop"
    """The pagination returned a page, URL or cursor it had returned before."""
    CONFIG = "config"
    """The request could not be made from the configuration (bad URL, missing secret)."""


class HttpError(SourceError):
    """A located problem of an HTTP source: ``url`` (redacted), ``page`` (1-based), ``kind`` and ``status``.

    >>> e = HttpError("HTTP 404 Not Found", url="https://api.example.go.id/x?api_key=***", page=3,
    ...               kind=HttpErrorKind.NOT_FOUND, status=404)
    >>> str(e)
    'https://api.example.go.id/x?api_key=***: page 3: HTTP 404 Not Found'
    """

    def __init__(
        self,
        message: str,
        *,
        url: str,
        page: int | None,
        kind: HttpErrorKind,
        status: int | None = None,
        json_path: str | None = None,
        expected: str | None = None,
        actual: object = None,
        attempts: int | None = None,
    ) -> None:
        self.url = url
        self.page = page
        self.kind = kind
        self.status = status
        self.attempts = attempts
        self.cause = message
        prefix = f"page {page}: " if page is not None else ""
        super().__init__(
            prefix + message,
            location=Location(source=url, json_path=json_path),
            expected=expected,
            actual=actual,
        )

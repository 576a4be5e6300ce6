"""The HTTP reader: requests pages, retries, enforces the limits, and yields records page by page.

:class:`HttpReader` does every request of one read with one ``requests`` session:

* connect/read timeouts on every request, and a total time per attempt covering the connection,
  the status line and headers, and the body (a :class:`~sinkron_http.deadline.Deadline` shuts the
  socket down when it passes, so a server trickling its headers or body cannot hold the read);
* retries of connection errors, timeouts, broken bodies, HTTP 5xx and 429 with exponential backoff
  and jitter, honouring ``Retry-After`` up to ``RetryPolicy.max_retry_after``;
* the body streamed under ``Limits.max_bytes`` (after decompression), pages under ``max_pages``,
  records under ``max_records``; a page that repeats an earlier request or earlier records stops
  the read (a pagination loop);
* redirects followed only within the same site (an ``http`` → ``https`` upgrade is allowed): the
  credentials never travel to another host;
* every failure is an :class:`~sinkron_http.errors.HttpError` naming the redacted URL, the page and
  the cause. Secrets never reach a message, a log record or a progress event.
"""

from __future__ import annotations

import contextlib
import email.utils
import hashlib
import json
import logging
import random
import time
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import attrs
import requests
import urllib3.exceptions
from requests.models import PreparedRequest

from sinkron.errors import Location
from sinkron.progress import Progress, ProgressEvent
from sinkron_http.auth import RequestParts
from sinkron_http.config import HttpSource
from sinkron_http.deadline import Deadline, DeadlineAdapter
from sinkron_http.errors import HttpError, HttpErrorKind
from sinkron_http.jsonbody import JsonBodyError, parse_json_body
from sinkron_http.jsonpath import MISSING, describe_json, get_path, json_path
from sinkron_http.pagination import PageData, PageShapeError, PageStep
from sinkron_http.records import JsonRecord, RecordsShapeError, find_records
from sinkron_http.secrets import MissingSecret, Redactor

__all__ = ["USER_AGENT", "HttpReader", "Page"]

log = logging.getLogger("sinkron_http")

#: The User-Agent of every request.
USER_AGENT = "sinkron-http/0.1 (+https://github.com/sinkron/sinkron)"

_CHUNK = 64 * 1024
_SNIPPET = 160


@attrs.frozen(kw_only=True)
class Page:
    """One page of records, as fetched."""

    number: int
    """1-based page number."""
    url: str
    """The page's URL, redacted."""
    records: tuple[JsonRecord, ...]
    total_pages: int | None = None
    """How many pages the API announced so far, if it did."""


class _Transient(Exception):
    """A failure worth retrying."""

    def __init__(self, kind: HttpErrorKind, message: str, wait: float | None = None, status: int | None = None):
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.wait = wait
        self.status = status


class _CrossSiteRedirect(Exception):
    def __init__(self, target: str) -> None:
        super().__init__(target)
        self.target = target


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urllib3.util.parse_url(url)
    scheme = (parts.scheme or "").lower()
    port = parts.port or {"http": 80, "https": 443}.get(scheme)
    return scheme, (parts.host or "").lower(), port


def _same_site(old: str, new: str) -> bool:
    a, b = _origin(old), _origin(new)
    if a == b:
        return True
    # http://host → https://host (default ports) is an upgrade, not another site.
    return a[1] == b[1] and a[0] == "http" and b[0] == "https" and a[2] == 80 and b[2] == 443


class _Session(requests.Session):
    """A session that refuses redirects to another site (they would carry headers and form fields there)."""

    def rebuild_auth(self, prepared_request: PreparedRequest, response: requests.Response) -> None:
        previous = response.request.url if response.request is not None else None
        if previous and prepared_request.url and not _same_site(previous, prepared_request.url):
            raise _CrossSiteRedirect(prepared_request.url)
        super().rebuild_auth(prepared_request, response)  # type: ignore[no-untyped-call]


def _keep(request: PreparedRequest) -> PreparedRequest:
    """An explicit no-op auth: stops requests from reading ~/.netrc (credentials come from the source only)."""
    return request


def _reason(exc: BaseException) -> str:
    """The innermost OS-level reason of a requests/urllib3 exception (``Connection refused``)."""
    stack: list[BaseException] = [exc]
    seen: set[int] = set()
    while stack:
        current = stack.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, OSError) and current.strerror and not isinstance(current, requests.RequestException):
            return str(current.strerror)
        following = [getattr(current, "reason", None), current.__cause__, current.__context__, *current.args]
        stack.extend(item for item in following if isinstance(item, BaseException))
    return type(exc).__name__


def _retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or an HTTP date), or ``None``."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() - time.time())


class _RedactingFilter(logging.Filter):
    """Masks the read's secrets in records of the HTTP libraries' loggers (urllib3 logs request paths)."""

    def __init__(self, redactor: Redactor) -> None:
        super().__init__()
        self.redactor = redactor

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed third-party record: leave it to logging
            return True
        cleaned = self.redactor.text(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True


#: Loggers of the libraries below sinkron-http that may write URLs with secrets.
THIRD_PARTY_LOGGERS = ("urllib3.connectionpool", "urllib3.util.retry", "urllib3.response", "requests")


@contextlib.contextmanager
def _redacted_library_logs(redactor: Redactor) -> Iterator[None]:
    guard = _RedactingFilter(redactor)
    loggers = [logging.getLogger(name) for name in THIRD_PARTY_LOGGERS]
    for logger in loggers:
        logger.addFilter(guard)
    try:
        yield
    finally:
        for logger in loggers:
            logger.removeFilter(guard)


class HttpReader:
    """Reads the pages of one :class:`~sinkron_http.config.HttpSource`.

    ``sleep`` and ``rng`` can be replaced (tests, schedulers); ``progress`` receives a
    :class:`~sinkron.progress.ProgressEvent` in ``"pages"`` and one in ``"records"`` after every page.
    """

    def __init__(
        self,
        source: HttpSource,
        *,
        progress: Progress | None = None,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self.source = source
        self.progress = progress
        self.sleep = sleep
        self.rng = rng or random.Random()
        self.redactor = Redactor(source.secrets(), urls=[source.url])
        self.display_url = self.redactor.url(source.url)
        self.records_seen = 0
        self.pages_read = 0

    # -- public --------------------------------------------------------------------------------
    def records(self) -> Iterator[JsonRecord]:
        """Every record, page by page (raises :class:`HttpError` where the read fails)."""
        for page in self.pages():
            yield from page.records

    def pages(self) -> Iterator[Page]:
        """Every page, fetched as it is consumed (raises :class:`HttpError` where the read fails)."""
        with _redacted_library_logs(self.redactor), self._session() as session:
            yield from self._walk(session)

    def _walk(self, session: requests.Session) -> Iterator[Page]:
        source = self.source
        limits = source.limits
        pager = source.pagination.pager()
        step: PageStep | None = pager.first(source.url)
        seen_requests: dict[tuple[str, tuple[tuple[str, str], ...]], int] = {}
        seen_records: dict[str, int] = {}
        number = 0
        while step is not None:
            number += 1
            display = self._display(step)
            if number > limits.max_pages:
                raise HttpError(
                    f"stopped: the source has more than max_pages={limits.max_pages} pages",
                    url=display,
                    page=number,
                    kind=HttpErrorKind.LIMIT,
                    expected=f"at most {limits.max_pages} pages",
                )
            key = (step.url, tuple(sorted(step.params.items())))
            if key in seen_requests:
                raise HttpError(
                    f"pagination loop: the pagination asks again for page {seen_requests[key]} "
                    f"({source.pagination.describe()})",
                    url=display,
                    page=number,
                    kind=HttpErrorKind.LOOP,
                )
            seen_requests[key] = number
            body, links = self._fetch(session, step, number, display)
            try:
                raw = find_records(body, source.records_path)
            except RecordsShapeError as exc:
                raise HttpError(
                    "the response has no record array at the records path",
                    url=display,
                    page=number,
                    kind=HttpErrorKind.SHAPE,
                    json_path=exc.json_path,
                    expected="an array of records",
                    actual=exc.found,
                ) from None
            if limits.detect_repeats and raw:
                digest = hashlib.sha256(
                    json.dumps(raw, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")
                ).hexdigest()
                if digest in seen_records:
                    raise HttpError(
                        f"pagination loop: the page returned the same records as page {seen_records[digest]} "
                        f"({source.pagination.describe()})",
                        url=display,
                        page=number,
                        kind=HttpErrorKind.LOOP,
                    )
                seen_records[digest] = number
            room = limits.max_records - self.records_seen
            kept = raw[: max(room, 0)]
            records = tuple(
                JsonRecord(
                    value=value,
                    page=number,
                    index=index,
                    number=self.records_seen + index + 1,
                    location=Location(source=display, json_path=json_path(source.records_path, index)),
                )
                for index, value in enumerate(kept)
            )
            self.records_seen += len(records)
            self.pages_read = number
            deferred: Exception | None = None
            try:
                following = pager.next(step, PageData(records=raw, body=body, links=links))
            except PageShapeError as exc:
                following, deferred = (
                    None,
                    HttpError(
                        exc.message,
                        url=display,
                        page=number,
                        kind=HttpErrorKind.SHAPE,
                        json_path=exc.json_path,
                        expected=exc.expected,
                        actual=exc.actual,
                    ),
                )
            except Exception as exc:  # a pagination plugin's bug: raised after this page's records
                following, deferred = None, exc
            yield Page(number=number, url=display, records=records, total_pages=pager.total_pages)
            self._report(number, pager.total_pages)
            if len(kept) < len(raw):
                raise HttpError(
                    f"stopped: the source has more than max_records={limits.max_records} records",
                    url=display,
                    page=number,
                    kind=HttpErrorKind.LIMIT,
                    expected=f"at most {limits.max_records} records",
                )
            if deferred is not None:
                raise deferred
            step = following

    # -- pieces -----------------------------------------------------------------------------------
    def _report(self, pages: int, total: int | None) -> None:
        if self.progress is None:
            return
        task = f"http {self.display_url}"
        self.progress(ProgressEvent(task=task, done=pages, total=total, unit="pages"))
        self.progress(ProgressEvent(task=task, done=self.records_seen, total=None, unit="records"))

    def _session(self) -> requests.Session:
        session = _Session()
        session.trust_env = self.source.trust_env
        session.max_redirects = 10
        adapter = DeadlineAdapter()
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        return session

    def _parts(self, step: PageStep, page: int, display: str) -> RequestParts:
        source = self.source
        parts = RequestParts(headers={"Accept": "application/json", "User-Agent": USER_AGENT})
        try:
            for name, value in source.headers.items():
                parts.headers[name] = value if isinstance(value, str) else value.reveal(f"header {name}")
            if step.url == source.url:
                for name, value in source.params.items():
                    parts.query[name] = value if isinstance(value, str) else value.reveal(f"parameter {name}")
            for name, value in source.form.items():
                parts.form[name] = value if isinstance(value, str) else value.reveal(f"form field {name}")
            (parts.form if source.page_params_in == "form" else parts.query).update(step.params)
            source.auth.apply(parts)
        except MissingSecret as exc:
            raise HttpError(str(exc), url=display, page=page, kind=HttpErrorKind.CONFIG) from None
        if step.url != source.url:
            # A followed Link URL carries its own query; do not send its parameters twice.
            present = {name for name, _ in parse_qsl(urlsplit(step.url).query, keep_blank_values=True)}
            parts.query = {k: v for k, v in parts.query.items() if k not in present}
        return parts

    def _display(self, step: PageStep) -> str:
        """The redacted URL of a step, with its query parameters (secrets masked)."""
        source = self.source
        query: dict[str, str] = {}
        if step.url == source.url:
            query.update({k: v if isinstance(v, str) else "***" for k, v in source.params.items()})
        if source.page_params_in == "query":
            query.update(step.params)
        prepared = PreparedRequest()
        try:
            prepared.prepare_url(step.url, query)
        except requests.RequestException:
            return self.redactor.url(step.url)
        return self.redactor.url(prepared.url or step.url)

    def _fetch(self, session: requests.Session, step: PageStep, page: int, display: str) -> tuple[Any, dict[str, str]]:
        """The JSON body and Link relations of one page, with retries."""
        source = self.source
        policy = source.retry
        for attempt in range(1, policy.attempts + 1):
            parts = self._parts(step, page, display)
            log.debug("%s %s (page %d, attempt %d of %d)", source.method, display, page, attempt, policy.attempts)
            try:
                return self._attempt(session, step, parts, page, display)
            except _Transient as failure:
                if attempt >= policy.attempts:
                    raise HttpError(
                        f"{failure.message} (gave up after {policy.attempts} attempt{'s' if policy.attempts > 1 else ''})",
                        url=display,
                        page=page,
                        kind=failure.kind,
                        status=failure.status,
                        attempts=attempt,
                    ) from None
                delay = failure.wait if failure.wait is not None else policy.delay(attempt + 1, self.rng)
                reason = "Retry-After" if failure.wait is not None else "backoff"
                log.warning(
                    "%s: page %d: %s; retrying in %.2f s (%s), attempt %d of %d",
                    display,
                    page,
                    failure.message,
                    delay,
                    reason,
                    attempt + 1,
                    policy.attempts,
                )
                self.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    def _attempt(
        self, session: requests.Session, step: PageStep, parts: RequestParts, page: int, display: str
    ) -> tuple[Any, dict[str, str]]:
        """One request and its response, all under the total timeout (connect, headers and body)."""
        with Deadline(self.source.timeouts.total).running() as deadline:
            return self._exchange(session, step, parts, page, display, deadline)

    def _total_timeout(self) -> _Transient:
        return _Transient(
            HttpErrorKind.TIMEOUT,
            f"the response took longer than the total timeout of {self.source.timeouts.total:g} s",
        )

    def _send(
        self, session: requests.Session, step: PageStep, parts: RequestParts, deadline: Deadline
    ) -> requests.Response:
        """The response to the request, its headers read (the body is left to stream)."""
        source = self.source
        timeouts = source.timeouts
        try:
            return session.request(
                source.method,
                step.url,
                params=parts.query or None,
                data=parts.form or None,
                headers=parts.headers,
                timeout=(min(timeouts.connect, deadline.remaining()), min(timeouts.read, deadline.remaining())),
                stream=True,
                verify=source.verify,
                auth=_keep,
                allow_redirects=True,
            )
        except requests.exceptions.RequestException:
            if deadline.fired:  # the deadline shut the socket down under the connect or the headers
                raise self._total_timeout() from None
            raise

    def _exchange(
        self,
        session: requests.Session,
        step: PageStep,
        parts: RequestParts,
        page: int,
        display: str,
        deadline: Deadline,
    ) -> tuple[Any, dict[str, str]]:
        source = self.source
        timeouts = source.timeouts

        def error(message: str, kind: HttpErrorKind, status: int | None = None, **more: Any) -> HttpError:
            return HttpError(self.redactor.text(message), url=display, page=page, kind=kind, status=status, **more)

        try:
            response = self._send(session, step, parts, deadline)
        except _CrossSiteRedirect as exc:
            target = urllib3.util.parse_url(exc.target)
            raise error(
                f"the server redirects to another site ({target.scheme}://{target.netloc}); "
                "refusing to send the credentials there — use that URL directly if it is right",
                HttpErrorKind.HTTP,
            ) from None
        except requests.exceptions.SSLError as exc:
            raise error(f"TLS failure: {_reason(exc)}", HttpErrorKind.TLS) from None
        except requests.exceptions.ConnectTimeout:
            raise _Transient(HttpErrorKind.TIMEOUT, f"no connection within {timeouts.connect:g} s") from None
        except requests.exceptions.ReadTimeout:
            raise _Transient(
                HttpErrorKind.TIMEOUT, f"no response within the read timeout of {timeouts.read:g} s"
            ) from None
        except requests.exceptions.TooManyRedirects:
            raise error("too many redirects", HttpErrorKind.HTTP) from None
        except (
            requests.exceptions.InvalidURL,
            requests.exceptions.InvalidSchema,
            requests.exceptions.MissingSchema,
            requests.exceptions.InvalidHeader,
        ) as exc:
            raise error(f"cannot make the request: {type(exc).__name__}", HttpErrorKind.CONFIG) from None
        except requests.exceptions.ConnectionError as exc:
            raise _Transient(
                HttpErrorKind.CONNECTION, f"connection failed: {self.redactor.text(_reason(exc))}"
            ) from None
        except requests.exceptions.RequestException as exc:
            raise _Transient(HttpErrorKind.CONNECTION, f"request failed: {type(exc).__name__}") from None

        with response:
            status = response.status_code
            reason = f"HTTP {status} {response.reason or ''}".strip()
            if source.retry.retryable_status(status):
                wait = _retry_after(response.headers.get("Retry-After"))
                kind = HttpErrorKind.RATE_LIMITED if status == 429 else HttpErrorKind.SERVER
                if wait is not None and wait > source.retry.max_retry_after:
                    raise error(
                        f"{reason}: the server asks to wait {wait:g} s, more than max_retry_after="
                        f"{source.retry.max_retry_after:g} s",
                        kind,
                        status,
                    )
                raise _Transient(kind, reason + self._snippet(response), wait=wait, status=status)
            if status in (401, 403):
                auth = source.auth.describe()
                advice = (
                    "the server requires credentials and none are configured"
                    if auth == "no credentials"
                    else f"the server refused the credentials ({auth}); check that they are right and allowed here"
                )
                raise error(f"{reason}: {advice}", HttpErrorKind.CREDENTIALS, status)
            if status == 404:
                raise error(f"{reason}: check the URL and its parameters", HttpErrorKind.NOT_FOUND, status)
            if status >= 300:
                raise error(reason + self._snippet(response), HttpErrorKind.HTTP, status)
            body_bytes = self._body(response, deadline, error)
            links = {
                rel: link["url"] for rel, link in response.links.items() if isinstance(link, dict) and "url" in link
            }
            content_type = response.headers.get("Content-Type", "")
        body = self._json(body_bytes, content_type, error)
        self._check_status(body, error)
        return body, links

    def _snippet(self, response: requests.Response) -> str:
        """A short, redacted start of an error body (best effort, bounded)."""
        raw = response.raw
        read = getattr(raw, "read1", None) or raw.read
        try:
            data = read(_SNIPPET * 4, decode_content=True)
        except Exception:
            return ""
        # Masked before it is cut: a secret cut in two would no longer be recognised.
        text = self.redactor.text(" ".join(data.decode("utf-8", "replace").split()))[:_SNIPPET]
        return f": {text!r}" if text else ""

    def _body(self, response: requests.Response, deadline: Deadline, error: Callable[..., HttpError]) -> bytes:
        limits = self.source.limits
        announced = response.headers.get("Content-Length")
        if announced and announced.strip().isdigit() and int(announced) > limits.max_bytes:
            raise error(
                f"the response announces {int(announced)} bytes, more than max_bytes={limits.max_bytes}",
                HttpErrorKind.TOO_LARGE,
                response.status_code,
                expected=f"at most {limits.max_bytes} bytes",
                actual=int(announced),
            )
        raw = response.raw
        read1 = getattr(raw, "read1", None)
        chunks: list[bytes] = []
        size = 0
        while True:
            if deadline.passed:
                raise self._total_timeout()
            try:
                chunk = (
                    read1(_CHUNK, decode_content=True) if read1 is not None else raw.read(_CHUNK, decode_content=True)
                )
            except (urllib3.exceptions.HTTPError, OSError, ValueError) as exc:
                raise self._body_failure(exc, size, announced, deadline, error) from None
            if deadline.fired:  # the socket was shut down: what came may be cut short
                raise self._total_timeout()
            if not chunk:
                break
            size += len(chunk)
            if size > limits.max_bytes:
                raise error(
                    f"the response is larger than max_bytes={limits.max_bytes}",
                    HttpErrorKind.TOO_LARGE,
                    response.status_code,
                    expected=f"at most {limits.max_bytes} bytes",
                    actual=f"more than {limits.max_bytes} bytes",
                )
            chunks.append(chunk)
        return b"".join(chunks)

    def _body_failure(
        self,
        exc: Exception,
        size: int,
        announced: str | None,
        deadline: Deadline,
        error: Callable[..., HttpError],
    ) -> Exception:
        """What a failed read of the body is: the total timeout, a stall, an undecodable body or a broken link."""
        if deadline.fired:
            return self._total_timeout()
        if isinstance(exc, urllib3.exceptions.ReadTimeoutError):
            return _Transient(
                HttpErrorKind.TIMEOUT, f"the body stalled for the read timeout of {self.source.timeouts.read:g} s"
            )
        if isinstance(exc, urllib3.exceptions.DecodeError):
            return error("the compressed body cannot be decoded", HttpErrorKind.NOT_JSON)
        expected = f" of {announced}" if announced else ""
        return _Transient(
            HttpErrorKind.CONNECTION,
            f"the connection broke after {size}{expected} bytes of the body ({self.redactor.text(_reason(exc))})",
        )

    def _json(self, body: bytes, content_type: str, error: Callable[..., HttpError]) -> Any:
        try:
            return parse_json_body(body, content_type=content_type)
        except JsonBodyError as exc:
            raise error(exc.message, HttpErrorKind.NOT_JSON, expected=exc.expected) from None

    def _check_status(self, body: Any, error: Callable[..., HttpError]) -> None:
        status = self.source.api_status
        if status is None:
            return
        value = get_path(body, status.path)
        if value is not MISSING and isinstance(value, (str, int)) and str(value) in status.ok:
            return
        message = get_path(body, status.message_path) if status.message_path else MISSING
        said = f": {message!r}" if isinstance(message, str) and message else ""
        found = describe_json(value) if value is MISSING or not isinstance(value, (str, int)) else repr(value)
        raise error(
            f"the API reported an error{said}",
            HttpErrorKind.API,
            json_path=json_path(status.path),
            expected=" or ".join(repr(v) for v in status.ok),
            actual=self.redactor.text(found),
        )

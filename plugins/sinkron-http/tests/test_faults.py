"""Injected faults: each ends in the right bundle after retries, or in an HttpError naming URL, page and cause.

Every fault runs against the real local server with small timeouts and backoff, so no test waits
long; the server's own waits are bounded and cut short at teardown.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest

pytest.importorskip("sinkron_http", reason="sinkron-http is not installed in this environment")
from http_testkit import MAPPING_FIELDS, TOKEN, ApiServer, Reply, Request, make_records, pages_of

import sinkron
from sinkron import ValidationError
from sinkron.connector import ReadResult
from sinkron_http import (
    BearerToken,
    Cursor,
    FieldMapping,
    HttpError,
    HttpErrorKind,
    HttpReader,
    HttpSource,
    Limits,
    LinkHeader,
    NoPagination,
    PageNumber,
    RetryPolicy,
    Secret,
    Timeouts,
    read_http,
)

MAPPING = FieldMapping(**MAPPING_FIELDS)
RECORDS = make_records(20)
PAGES = pages_of(RECORDS, 5)  # 4 pages
FAST = {
    "timeouts": Timeouts(connect=2, read=0.3, total=3),
    "retry": RetryPolicy(attempts=3, backoff=0.01, max_backoff=0.05, jitter=0.5, max_retry_after=2),
}


def source_for(server: ApiServer, path: str, **changes: Any) -> HttpSource:
    settings: dict[str, Any] = {"records_path": "data", "pagination": PageNumber(), **FAST, **changes}
    return HttpSource(url=server.url(path), **settings)


def page_reply(request: Request) -> Reply:
    number = int(request.query.get("page", "1"))
    return Reply(body={"data": PAGES[number - 1] if number <= len(PAGES) else []})


def read(server: ApiServer, path: str, **changes: Any) -> ReadResult:
    return read_http(source_for(server, path, **changes), mapping=MAPPING)


def only_error(result: ReadResult) -> HttpError:
    assert not result.complete
    (error,) = result.errors
    assert isinstance(error, HttpError)
    return error


def assert_located(error: HttpError, server: ApiServer, path: str, page: int, kind: HttpErrorKind) -> None:
    assert error.kind is kind, error
    assert error.page == page
    assert error.url.startswith(server.url(path))
    assert error.location.source == error.url
    text = str(error)
    assert text.startswith(server.url(path)) and f"page {page}: " in text
    for secret in (TOKEN, "SECRET"):
        assert secret not in text and secret not in repr(error.to_dict())


def test_500_then_success_reads_everything(server: ApiServer) -> None:
    @server.route("/api/flaky")
    def flaky(request: Request) -> Reply:
        if request.query.get("page") == "2" and not any(r.query.get("page") == "2" for r in server.log[:-1]):
            return Reply(500, b"<html>Internal Server Error</html>", headers={"Content-Type": "text/html"})
        return page_reply(request)

    result = read(server, "/api/flaky")
    assert result.complete, result.errors
    assert result.records == 20
    assert [r.query["page"] for r in server.requests_to("/api/flaky")] == ["1", "2", "2", "3", "4", "5"]


def test_persistent_500_gives_up_after_the_configured_attempts(server: ApiServer) -> None:
    server.route("/api/down")(lambda request: Reply(503, {"message": "maintenance"}))
    error = only_error(read(server, "/api/down"))
    assert_located(error, server, "/api/down", 1, HttpErrorKind.SERVER)
    assert error.status == 503 and error.attempts == 3
    assert "HTTP 503" in error.message and "gave up after 3 attempts" in error.message
    assert len(server.requests_to("/api/down")) == 3


def test_429_with_retry_after_is_honoured(server: ApiServer) -> None:
    @server.route("/api/limited")
    def limited(request: Request) -> Reply:
        if request.count == 2:
            return Reply(429, {"message": "slow down"}, headers={"Retry-After": "1"})
        return page_reply(request)

    waits: list[float] = []
    reader = HttpReader(source_for(server, "/api/limited"), sleep=waits.append)
    records = list(reader.records())
    assert len(records) == 20
    assert waits == [1.0]  # the server's Retry-After, not the 0.01 s backoff
    assert [r.query["page"] for r in server.requests_to("/api/limited")] == ["1", "2", "2", "3", "4", "5"]


def test_429_with_an_http_date_retry_after(server: ApiServer) -> None:
    @server.route("/api/limited-date")
    def limited(request: Request) -> Reply:
        if request.count == 1:
            return Reply(429, {}, headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"})  # in the past: no wait
        return page_reply(request)

    waits: list[float] = []
    assert len(list(HttpReader(source_for(server, "/api/limited-date"), sleep=waits.append).records())) == 20
    assert waits == [0.0]


def test_429_asking_for_too_long_a_wait_ends_at_once(server: ApiServer, caplog: pytest.LogCaptureFixture) -> None:
    server.route("/api/quota")(lambda request: Reply(429, {}, headers={"Retry-After": "3600"}))
    error = only_error(read(server, "/api/quota"))
    assert_located(error, server, "/api/quota", 1, HttpErrorKind.RATE_LIMITED)
    assert "asks to wait 3600 s, more than max_retry_after=2 s" in error.message
    assert len(server.requests_to("/api/quota")) == 1


def test_slow_response_past_the_read_timeout(server: ApiServer, caplog: pytest.LogCaptureFixture) -> None:
    server.route("/api/slow")(lambda request: Reply(body={"data": []}, delay=5))
    with caplog.at_level(logging.WARNING, logger="sinkron_http"):
        error = only_error(read(server, "/api/slow", retry=RetryPolicy(attempts=2, backoff=0.01)))
    assert_located(error, server, "/api/slow", 1, HttpErrorKind.TIMEOUT)
    assert "read timeout of 0.3 s" in error.message
    assert len(server.requests_to("/api/slow")) == 2
    assert any("retrying" in r.getMessage() for r in caplog.records)


def test_slow_once_then_fast_recovers(server: ApiServer) -> None:
    @server.route("/api/slow-once")
    def slow_once(request: Request) -> Reply:
        reply = page_reply(request)
        if request.count == 1:
            reply.delay = 5
        return reply

    result = read(server, "/api/slow-once")
    assert result.complete, result.errors
    assert result.records == 20


def test_body_trickling_past_the_total_timeout(server: ApiServer) -> None:
    body = b'{"data": []}' + b" " * 200
    server.route("/api/trickle")(lambda request: Reply(body=body, trickle=0.02))
    source = source_for(
        server, "/api/trickle", timeouts=Timeouts(connect=2, read=1, total=0.5), retry=RetryPolicy(attempts=1)
    )
    error = only_error(read_http(source, mapping=MAPPING))
    assert_located(error, server, "/api/trickle", 1, HttpErrorKind.TIMEOUT)
    assert "total timeout of 0.5 s" in error.message


def test_headers_trickling_past_the_total_timeout(server: ApiServer) -> None:
    """One byte of the headers every 20 ms never lets the read timeout expire: the total ends the attempt."""
    server.route("/api/slow-headers")(lambda request: Reply(body={"data": []}, header_trickle=0.02))
    source = source_for(
        server, "/api/slow-headers", timeouts=Timeouts(connect=2, read=1, total=0.5), retry=RetryPolicy(attempts=1)
    )
    error = only_error(read_http(source, mapping=MAPPING))
    assert_located(error, server, "/api/slow-headers", 1, HttpErrorKind.TIMEOUT)
    assert "total timeout of 0.5 s" in error.message
    assert server.headers_sent == [], "the client waited for the whole header instead of hanging up at the total"


def test_truncated_json_is_reported_as_not_json(server: ApiServer) -> None:
    @server.route("/api/truncated")
    def truncated(request: Request) -> Reply:
        reply = page_reply(request)
        if request.query.get("page") == "3":
            reply.body = json.dumps(reply.body).encode()[:57]
        return reply

    result = read(server, "/api/truncated")
    error = result.errors[-1]
    assert isinstance(error, HttpError)
    assert_located(error, server, "/api/truncated", 3, HttpErrorKind.NOT_JSON)
    assert "not valid JSON" in error.message and "truncated" in error.message
    assert result.records == 10  # pages 1 and 2 are in the partial bundle
    assert sum(1 for p in result.bundle.plans for _ in p.sub_activities()) == 9


def test_connection_cut_mid_body_is_retried(server: ApiServer) -> None:
    @server.route("/api/cut-once")
    def cut_once(request: Request) -> Reply:
        reply = page_reply(request)
        if request.count == 2:
            reply.declared_length = 100_000  # announce more than is sent, then close
        return reply

    result = read(server, "/api/cut-once")
    assert result.complete, result.errors
    assert result.records == 20


def test_connection_always_cut_mid_body(server: ApiServer) -> None:
    server.route("/api/cut")(lambda request: Reply(body={"data": PAGES[0]}, declared_length=100_000))
    error = only_error(read(server, "/api/cut"))
    assert_located(error, server, "/api/cut", 1, HttpErrorKind.CONNECTION)
    assert "connection broke after" in error.message and "of 100000 bytes" in error.message


def test_page_number_loop_is_detected(server: ApiServer) -> None:
    server.route("/api/stuck")(lambda request: Reply(body={"data": PAGES[0]}))  # ignores ?page=
    result = read(server, "/api/stuck")
    error = only_error(result)
    assert_located(error, server, "/api/stuck", 2, HttpErrorKind.LOOP)
    assert "same records as page 1" in error.message
    assert result.records == 5
    assert len(server.requests_to("/api/stuck")) == 2


def test_cursor_loop_is_detected(server: ApiServer) -> None:
    @server.route("/api/cursor-loop")
    def cursor_loop(request: Request) -> Reply:
        index = {"": 0, "a": 1, "b": 2}[request.query.get("cursor", "")]
        following = ["a", "b", "a"][index]
        return Reply(body={"data": PAGES[index], "next_cursor": following})

    error = only_error(read(server, "/api/cursor-loop", pagination=Cursor()))
    assert_located(error, server, "/api/cursor-loop", 4, HttpErrorKind.LOOP)
    assert "asks again for page 2" in error.message
    assert len(server.requests_to("/api/cursor-loop")) == 3


def test_oversized_body_announced(server: ApiServer) -> None:
    server.route("/api/big")(lambda request: Reply(body={"data": RECORDS}))
    error = only_error(read(server, "/api/big", limits=Limits(max_bytes=1000)))
    assert_located(error, server, "/api/big", 1, HttpErrorKind.TOO_LARGE)
    assert "more than max_bytes=1000" in error.message
    assert len(server.requests_to("/api/big")) == 1  # not retried


def test_oversized_body_streamed_without_length(server: ApiServer) -> None:
    body = b'{"data": [' + b",".join(b'{"x": "%d"}' % i for i in range(50_000)) + b"]}"
    server.route("/api/big-chunked")(lambda request: Reply(body=body, chunked=True))
    error = only_error(read(server, "/api/big-chunked", limits=Limits(max_bytes=20_000)))
    assert_located(error, server, "/api/big-chunked", 1, HttpErrorKind.TOO_LARGE)
    assert error.expected == "at most 20000 bytes"


def test_wrong_bearer_token_is_a_credential_error_without_the_token(server: ApiServer) -> None:
    @server.route("/api/private")
    def private(request: Request) -> Reply:
        if request.headers.get("authorization") != f"Bearer {TOKEN}":
            return Reply(401, {"message": f"token {request.headers.get('authorization')} rejected"})
        return page_reply(request)

    wrong = "wrong-SECRET-token"
    result = read(server, "/api/private", auth=BearerToken(wrong))
    error = only_error(result)
    assert_located(error, server, "/api/private", 1, HttpErrorKind.CREDENTIALS)
    assert error.status == 401
    assert "refused the credentials (bearer token (a value given in the configuration))" in error.message
    assert wrong not in str(error)
    assert len(server.requests_to("/api/private")) == 1  # credentials are not retried
    assert read(server, "/api/private", auth=BearerToken(TOKEN)).complete


def test_wrong_api_key_on_a_wp_sipd_endpoint(server: ApiServer, monkeypatch: pytest.MonkeyPatch) -> None:
    @server.route("/wp-admin/admin-ajax.php")
    def wp(request: Request) -> Reply:
        return Reply(body={"status": "error", "message": "Api Key tidak sesuai!"})

    monkeypatch.setenv("WPSIPD_API_KEY", "not-the-right-SECRET")
    source = HttpSource.wp_sipd(server.url(""), "get_sub_keg_sipd", Secret(env="WPSIPD_API_KEY"), tahun_anggaran=2026)
    with pytest.raises(ValidationError) as caught:
        sinkron.read(source.url, format="http", config=source, mapping=MAPPING, retry=FAST["retry"])
    (error,) = caught.value.errors
    assert isinstance(error, HttpError)
    assert_located(error, server, "/wp-admin/admin-ajax.php", 1, HttpErrorKind.API)
    assert "Api Key tidak sesuai!" in error.message
    assert error.location.json_path == "$.status"
    assert error.expected == "'success'" and error.actual == "'error'"
    assert "not-the-right-SECRET" not in str(caught.value)


def test_forbidden_without_credentials_says_none_are_configured(server: ApiServer) -> None:
    server.route("/api/forbidden")(lambda request: Reply(403, {"message": "forbidden"}))
    error = only_error(read(server, "/api/forbidden"))
    assert_located(error, server, "/api/forbidden", 1, HttpErrorKind.CREDENTIALS)
    assert "requires credentials and none are configured" in error.message


def test_not_found(server: ApiServer) -> None:
    error = only_error(read(server, "/api/nowhere"))
    assert_located(error, server, "/api/nowhere", 1, HttpErrorKind.NOT_FOUND)
    assert error.status == 404


def test_html_instead_of_json(server: ApiServer) -> None:
    server.route("/api/html")(
        lambda request: Reply(body=b"<!doctype html><p>Login</p>", headers={"Content-Type": "text/html"})
    )
    error = only_error(read(server, "/api/html"))
    assert_located(error, server, "/api/html", 1, HttpErrorKind.NOT_JSON)
    assert "the server sent text/html, not JSON" in error.message


@pytest.mark.parametrize(
    ("body", "found"),
    [({"rows": []}, "nothing (the key is missing)"), ({"data": {"a": 1}}, "an object"), ({"data": "x"}, "a string")],
)
def test_json_of_the_wrong_shape_names_the_json_path(server: ApiServer, body: object, found: str) -> None:
    server.route("/api/shape")(lambda request: Reply(body=body))
    error = only_error(read(server, "/api/shape"))
    assert_located(error, server, "/api/shape", 1, HttpErrorKind.SHAPE)
    assert error.location.json_path == "$.data"
    assert error.expected == "an array of records" and error.actual == found


def test_cursor_of_the_wrong_type(server: ApiServer) -> None:
    server.route("/api/bad-cursor")(lambda request: Reply(body={"data": PAGES[0], "next": {"id": 2}}))
    result = read(server, "/api/bad-cursor", pagination=Cursor(path="next"))
    error = only_error(result)
    assert_located(error, server, "/api/bad-cursor", 1, HttpErrorKind.SHAPE)
    assert error.location.json_path == "$.next"
    assert result.records == 5  # the page's records were read before the cursor failed


def test_tls_failure(server: ApiServer) -> None:
    url = server.url("/api/pages").replace("http://", "https://")
    source = HttpSource(url=url, records_path="data", **FAST)
    error = only_error(read_http(source, mapping=MAPPING))
    assert error.kind is HttpErrorKind.TLS and error.page == 1
    assert error.url == url and "TLS failure" in error.message


def test_connection_refused_is_retried_then_reported() -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    source = HttpSource(url=f"http://127.0.0.1:{port}/api", **FAST)
    error = only_error(read_http(source, mapping=MAPPING))
    assert error.kind is HttpErrorKind.CONNECTION and error.attempts == 3
    assert "Connection refused" in error.message


def test_missing_environment_secret(server: ApiServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_SUCH_TOKEN_ENV", raising=False)
    error = only_error(read(server, "/api/pages", auth=BearerToken(Secret(env="NO_SUCH_TOKEN_ENV"))))
    assert error.kind is HttpErrorKind.CONFIG
    assert "environment variable NO_SUCH_TOKEN_ENV is not set" in error.message
    assert server.requests_to("/api/pages") == []


def test_link_to_another_site_is_refused(server: ApiServer) -> None:
    server.route("/api/leaky")(
        lambda request: Reply(body=PAGES[0], headers={"Link": '<https://evil.example/steal?p=2>; rel="next"'})
    )
    error = only_error(read(server, "/api/leaky", records_path="", pagination=LinkHeader(), auth=BearerToken(TOKEN)))
    assert error.kind is HttpErrorKind.SHAPE and "another site" in error.message


def test_redirect_to_another_site_is_refused(server: ApiServer) -> None:
    elsewhere = f"http://localhost:{server.port}/api/pages-elsewhere"
    server.route("/api/moved")(lambda request: Reply(302, b"", headers={"Location": elsewhere}))
    server.route("/api/pages-elsewhere")(page_reply)
    error = only_error(read(server, "/api/moved", auth=BearerToken(TOKEN)))
    assert error.kind is HttpErrorKind.HTTP and "redirects to another site" in error.message
    assert server.requests_to("/api/pages-elsewhere") == []


def test_same_site_redirect_is_followed(server: ApiServer) -> None:
    server.route("/api/old")(lambda request: Reply(301, b"", headers={"Location": "/api/new?page=1"}))
    server.route("/api/new")(lambda request: Reply(body={"data": PAGES[0]}))
    result = read(server, "/api/old", pagination=NoPagination())
    assert result.complete and result.records == 5


def test_max_pages_stops_with_a_limit_error_and_a_partial_bundle(server: ApiServer) -> None:
    server.route("/api/many")(page_reply)
    with pytest.raises(ValidationError) as caught:
        sinkron.read(
            server.url("/api/many"),
            format="http",
            records_path="data",
            pagination=PageNumber(),
            limits=Limits(max_pages=2),
            mapping=MAPPING,
        )
    (error,) = caught.value.errors
    assert isinstance(error, HttpError) and error.kind is HttpErrorKind.LIMIT and error.page == 3
    assert "more than max_pages=2" in error.message
    assert caught.value.partial is not None
    assert sum(1 for p in caught.value.partial.plans for _ in p.sub_activities()) == 9  # 10 rows, one folded


def test_max_records_stops_with_a_limit_error(server: ApiServer) -> None:
    server.route("/api/many")(page_reply)
    result = read(server, "/api/many", limits=Limits(max_records=7))
    error = only_error(result)
    assert error.kind is HttpErrorKind.LIMIT and error.page == 2
    assert result.records == 7


def test_faults_through_sinkron_read_never_escape_as_tracebacks(server: ApiServer) -> None:
    """Every fault above surfaces from the public API as a SinkronError, never as another exception."""
    server.route("/api/html")(lambda request: Reply(body=b"<html>", headers={"Content-Type": "text/html"}))
    server.route("/api/down")(lambda request: Reply(500, b"boom"))
    server.route("/api/slow")(lambda request: Reply(body={"data": []}, delay=5))
    for path in ("/api/html", "/api/down", "/api/slow", "/api/nowhere"):
        with pytest.raises(ValidationError) as caught:
            sinkron.read(server.url(path), format="http", records_path="data", mapping=MAPPING, **FAST)
        assert all(isinstance(e, HttpError) for e in caught.value.errors)


class _BrokenPager:
    """A third-party pagination strategy with a bug: its second step raises."""

    total_pages = None

    def first(self, url: str) -> Any:
        from sinkron_http.pagination import PageStep

        return PageStep(url, {"page": "1"})

    def next(self, step: Any, page: Any) -> Any:
        raise KeyError("cursor")


class _BrokenPagination:
    def pager(self) -> _BrokenPager:
        return _BrokenPager()

    def describe(self) -> str:
        return "broken"


def test_a_buggy_pagination_plugin_is_located_not_a_traceback(server: ApiServer) -> None:
    server.route("/api/pages-x")(page_reply)
    result = read(server, "/api/pages-x", pagination=_BrokenPagination())
    error = only_error(result)
    assert_located(error, server, "/api/pages-x", 2, HttpErrorKind.HTTP)
    assert "unexpected KeyError while reading" in error.message
    assert result.records == 5  # page 1 was read


def test_missing_sinkron_sipd_stops_before_any_request(server: ApiServer) -> None:
    from sinkron import ConnectorUnavailable
    from sinkron_http import SipdMapping

    with pytest.raises(ConnectorUnavailable, match="pip install sinkron-sipd"):
        sinkron.read(server.url("/api/x"), format="http", mapping=SipdMapping(module="sinkron_sipd_absent_here"))
    assert server.log == []

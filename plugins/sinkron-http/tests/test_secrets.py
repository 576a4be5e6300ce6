"""Secrets never appear in errors, logs (ours or the HTTP libraries'), reprs, progress events or bundles."""

from __future__ import annotations

import base64
import json
import logging
import re
from urllib.parse import quote, quote_plus

import pytest

pytest.importorskip("sinkron_http", reason="sinkron-http is not installed in this environment")
from http_testkit import API_KEY, MAPPING_FIELDS, TOKEN, ApiServer, Reply, Request, make_records, pages_of

from sinkron.convert import dumps
from sinkron.progress import ProgressEvent
from sinkron_http import (
    ApiKey,
    BearerToken,
    FieldMapping,
    HttpSource,
    PageNumber,
    Redactor,
    RetryPolicy,
    Secret,
    Timeouts,
    read_http,
    source_from_dict,
)
from sinkron_http.secrets import is_sensitive_name

PAGES = pages_of(make_records(10), 5)
FAST = {"timeouts": Timeouts(read=1), "retry": RetryPolicy(attempts=2, backoff=0.01, jitter=0)}


def _everything_said(caplog: pytest.LogCaptureFixture, events: list[ProgressEvent], *texts: object) -> str:
    return "\n".join([caplog.text, *(repr(e) for e in events), *(str(t) for t in texts)])


@pytest.mark.parametrize("where", ["query", "header"])
def test_api_key_is_kept_out_of_every_output(server: ApiServer, caplog: pytest.LogCaptureFixture, where: str) -> None:
    @server.route("/api/keyed")
    def keyed(request: Request) -> Reply:
        given = request.query.get("api_key") or request.headers.get("x-api-key")
        if given != API_KEY:
            return Reply(401, {})
        if request.count == 1:  # a 500 whose body echoes the key, then the data
            return Reply(500, f"internal error for key={given}".encode(), headers={"Content-Type": "text/plain"})
        page = int(request.query["page"])
        return Reply(body={"data": PAGES[page - 1] if page <= len(PAGES) else [], "echo": given})

    name = "api_key" if where == "query" else "X-API-KEY"
    source = HttpSource(
        url=server.url("/api/keyed"),
        auth=ApiKey(API_KEY, name=name, location=where),  # type: ignore[arg-type]
        records_path="data",
        pagination=PageNumber(),
        **FAST,
    )
    events: list[ProgressEvent] = []
    with caplog.at_level(logging.DEBUG):
        result = read_http(source, mapping=FieldMapping(**MAPPING_FIELDS), progress=events.append)
    assert result.complete, result.errors
    assert result.records == 10
    assert any("retrying" in r.getMessage() for r in caplog.records)  # the 500 was logged …
    assert any("/api/keyed" in r.getMessage() for r in caplog.records if r.name.startswith("urllib3"))
    said = _everything_said(
        caplog, events, result.source, result.bundle.sources, dumps(result.bundle), repr(source), repr(source.auth)
    )
    assert API_KEY not in said  # … without the key, even urllib3's request lines
    if where == "query":
        assert "api_key=%2A%2A%2A" in said or "api_key=***" in said


def test_wrong_token_echoed_by_the_server_is_not_repeated(server: ApiServer, caplog: pytest.LogCaptureFixture) -> None:
    server.route("/api/echo")(lambda request: Reply(401, {"message": f"bad {request.headers.get('authorization')}"}))
    source = HttpSource(url=server.url("/api/echo"), auth=BearerToken(TOKEN), **FAST)
    with caplog.at_level(logging.DEBUG):
        result = read_http(source, mapping=FieldMapping(**MAPPING_FIELDS))
    (error,) = result.errors
    said = _everything_said(caplog, [], error, error.to_dict(), repr(error))
    assert TOKEN not in said
    assert "bearer token" in str(error)


def test_sensitive_parameters_are_wrapped_and_masked() -> None:
    source = HttpSource(
        url="https://api.example.go.id/x",
        params={"tahun": 2026, "access_token": "tok-in-PARAMS"},
        headers={"X-Access-Token": "tok-in-HEADERS"},
    )
    assert isinstance(source.params["access_token"], Secret)
    assert isinstance(source.headers["X-Access-Token"], Secret)
    assert source.params["tahun"] == "2026"
    assert "tok-in-PARAMS" not in repr(source) and "tok-in-HEADERS" not in repr(source)
    assert Redactor(source.secrets()).text("a tok-in-PARAMS b tok-in-HEADERS") == "a *** b ***"


def test_config_file_secret_values_stay_out_of_reprs() -> None:
    source = source_from_dict(
        {
            "url": "https://user:pw-SECRET@api.example.go.id/x?token=q-SECRET",
            "auth": {"type": "bearer", "token": "t-SECRET"},
        }
    )
    assert "t-SECRET" not in repr(source)
    display = Redactor(source.secrets()).url(source.url)
    assert display == "https://user:***@api.example.go.id/x?token=***"


def test_environment_secret_reprs_name_the_variable_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIPD_KEY_FOR_TEST", "env-SECRET-value")
    secret = Secret(env="SIPD_KEY_FOR_TEST")
    assert repr(secret) == "Secret(env='SIPD_KEY_FOR_TEST')" and str(secret) == "***"
    assert secret.reveal() == "env-SECRET-value"
    assert Redactor([secret]).text("x env-SECRET-value y") == "x *** y"


@pytest.mark.parametrize(
    ("name", "sensitive"),
    [
        ("api_key", True),
        ("apikey", True),
        ("X-API-KEY", True),
        ("x-access-token", True),
        ("Authorization", True),
        ("client_secret", True),
        ("password", True),
        ("tahun_anggaran", False),
        ("page", False),
        ("id_skpd", False),
        ("action", False),
    ],
)
def test_sensitive_names(name: str, sensitive: bool) -> None:
    assert is_sensitive_name(name) is sensitive


#: A token with the characters JSON, URL and base64 encodings change (``/``, ``+``, ``=``, a space, non-ASCII).
ODD_TOKEN = "tok/9f+a1=77 é-SECRET"
ECHOES = {
    "as-is": ODD_TOKEN,
    "php-json": json.dumps(ODD_TOKEN).strip('"').replace("/", "\\/"),  # PHP's json_encode: \/ and \u00e9
    "json-unicode": json.dumps(ODD_TOKEN, ensure_ascii=False).strip('"'),
    "url-encoded": quote(ODD_TOKEN, safe=""),
    "url-encoded-lowercase": re.sub("%[0-9A-F]{2}", lambda m: m.group(0).lower(), quote(ODD_TOKEN, safe="")),
    "form-encoded": quote_plus(ODD_TOKEN),
    "base64": base64.b64encode(ODD_TOKEN.encode()).decode(),
}


@pytest.mark.parametrize("form", sorted(ECHOES))
def test_a_5xx_echoing_the_token_in_another_form_is_masked(
    server: ApiServer, caplog: pytest.LogCaptureFixture, form: str
) -> None:
    echoed = ECHOES[form]
    body = f'{{"message": "Server Error", "debug": {{"header": "Bearer {echoed}"}}}}'.encode()
    server.route("/api/echo-5xx")(lambda request: Reply(503, body))
    source = HttpSource(url=server.url("/api/echo-5xx"), auth=BearerToken(ODD_TOKEN), **FAST)
    with caplog.at_level(logging.DEBUG):
        result = read_http(source, mapping=FieldMapping(**MAPPING_FIELDS))
    (error,) = result.errors
    said = _everything_said(caplog, [], error, error.to_dict(), repr(error))
    assert "HTTP 503" in str(error) and "Bearer ***" in str(error)  # the body's start is shown, masked
    assert echoed not in said and ODD_TOKEN not in said


def test_a_password_in_the_url_is_masked_with_its_basic_authentication_form() -> None:
    url = "https://pengguna:kata%2Fsandi@api.example.go.id/x?token=q%2BSECRET&tahun=2026"
    redactor = Redactor(urls=[url])
    basic = base64.b64encode(b"pengguna:kata/sandi").decode()
    said = redactor.text(f"Authorization: Basic {basic}; password kata/sandi, kata%2Fsandi; token q+SECRET")
    assert said == "Authorization: Basic ***; password ***, ***; token ***"
    assert redactor.url(url) == "https://pengguna:***@api.example.go.id/x?token=***&tahun=2026"

"""The JSON cases of the corpus served over HTTP (a real server on 127.0.0.1) to the http connector.

sinkron-http's own tests cover the transport (retries, timeouts, limits, redirects, secrets); here the
*bodies* are broken the way files are: empty, truncated, HTML, NaN, deeply nested, a key given
twice, Windows-1252, a BOM, numbers of thousands of digits, records that are not objects.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from reliability import corpus as c
from reliability.checks import read_raises_when_incomplete, read_safely

http = pytest.importorskip("sinkron_http", reason="sinkron-http is not installed in this environment")

RECORD = '{"kode_sub_giat": "1.02.02.2.02.0001", "nama_sub_giat": "Pengelolaan Pelayanan Kesehatan", "tahun": "2026"}'

BODIES: dict[str, tuple[bytes, tuple[str, ...]]] = {
    "valid": (f'{{"data": [{RECORD}]}}'.encode(), ()),
    "utf8-bom": (b"\xef\xbb\xbf" + f'{{"data": [{RECORD}]}}'.encode(), ()),
    "empty": (b"", ("page 1: the response body is empty",)),
    "whitespace": (b" \n\t", ("the response body is empty",)),
    "truncated": (f'{{"data": [{RECORD}'.encode()[:40], ("in the middle of the document (truncated?)",)),
    "html": (b"<html><body>Sedang pemeliharaan</body></html>", ("not valid JSON",)),
    "nan": (b'{"data": [{"kode_sub_giat": NaN}]}', ("NaN is not valid JSON",)),
    "infinity": (b'{"data": [{"kode_sub_giat": -Infinity}]}', ("-Infinity is not valid JSON",)),
    "deep": (('{"data": ' + c.deeply_nested(100_000) + "}").encode(), ("nested too deeply",)),
    "duplicate-keys": (f'{{"data": [{RECORD}], "data": []}}'.encode(), ("the key 'data' appears twice",)),
    "cp1252": ('{"data": [{"nama_sub_giat": "Café"}]}'.encode("cp1252"), ("not UTF-8 text",)),
    "huge-number": (('{"data": [{"kode_sub_giat": ' + "9" * 5000 + "}]}").encode(), ("4300 digits",)),
    "no-records": (b"42", ("$.data: page 1: the response has no record array",)),
    "data-not-list": (b'{"data": {"kode_sub_giat": "1"}}', ("found 'an object'",)),
    "records-not-objects": (b'{"data": [null, 5, "x"]}', ("$.data[0]: page 1: a record must be a JSON object",)),
}


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        body, _ = BODIES[self.path.strip("/")]
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("name", sorted(BODIES))
def test_http_body_case(base_url: str, name: str) -> None:
    url = f"{base_url}/{name}"
    options = {
        "format": "http",
        "records_path": "data",
        "mapping": http.FieldMapping(code="kode_sub_giat", name="nama_sub_giat", year="tahun"),
        "retry": http.RetryPolicy(attempts=1),
    }
    outcome = read_safely(url, **options)
    expected = BODIES[name][1]
    if not expected:
        assert outcome.messages == []
        assert outcome.result is not None and outcome.result.records == 1
    else:
        missing = [fragment for fragment in expected if not outcome.has(fragment)]
        assert not missing, (missing, outcome.messages)
    read_raises_when_incomplete(url, outcome, **options)

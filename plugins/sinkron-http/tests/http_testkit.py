"""Test kit of the sinkron-http tests: a real HTTP server on 127.0.0.1 (an ephemeral port, one thread per request) for the connector tests.

Tests register routes: a function from the :class:`Request` (with how many times that path has been
requested so far) to a :class:`Reply` (status, headers, body, and faults: a delay before answering,
a body cut short, a body trickled out slowly). Every wait in the server is bounded and ends at
teardown, so no test can hang on it.
"""

from __future__ import annotations

import contextlib
import json
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from sinkron.nomenclature import default_nomenclature

#: Secrets used by the tests; none may ever appear in an error, log, repr or bundle.
TOKEN = "tok-3f9a1c77-SECRET"
API_KEY = "key-b81e42d0-SECRET"


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    form: dict[str, str]
    headers: dict[str, str]
    count: int
    """1 for the first request to this path, 2 for the second …"""


@dataclass
class Reply:
    status: int = 200
    body: Any = None
    """JSON-able data, or bytes sent as they are."""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    """Seconds to wait before answering (bounded; cut short at teardown)."""
    declared_length: int | None = None
    """A Content-Length to announce instead of the real one (a body cut short)."""
    chunked: bool = False
    """Send the body with chunked transfer encoding (no Content-Length)."""
    trickle: float = 0.0
    """Seconds between single bytes of the body."""
    header_trickle: float = 0.0
    """Seconds between single bytes of the status line and headers (a server that never finishes its headers)."""


Route = Callable[[Request], Reply]


class ApiServer:
    """The test server: ``route(path)`` registers a handler; ``url(path)`` gives the address."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.log: list[Request] = []
        self.headers_sent: list[str] = []
        """Paths whose trickled headers (``Reply.header_trickle``) were sent to the end, the client still reading."""
        self.stopping = threading.Event()
        self._counts: dict[str, int] = {}
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go out as separate writes

            def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:
                server._handle(self, "GET")

            def do_POST(self) -> None:
                server._handle(self, "POST")

        class Server(ThreadingHTTPServer):
            def handle_error(self, request: Any, client_address: Any) -> None:
                server.server_errors.append(sys.exc_info()[1])  # recorded, not printed

        self.server_errors: list[BaseException | None] = []
        self.httpd = Server(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def route(self, path: str) -> Callable[[Route], Route]:
        def register(handler: Route) -> Route:
            self.routes[path] = handler
            return handler

        return register

    def requests_to(self, path: str) -> list[Request]:
        return [r for r in self.log if r.path == path]

    def _handle(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        parts = urlsplit(handler.path)
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(min(length, 1_000_000)) if length else b""
        form = dict(parse_qsl(raw.decode("utf-8"), keep_blank_values=True)) if raw else {}
        with self._lock:
            count = self._counts[parts.path] = self._counts.get(parts.path, 0) + 1
        request = Request(
            method=method,
            path=parts.path,
            query=dict(parse_qsl(parts.query, keep_blank_values=True)),
            form=form,
            headers={k.lower(): v for k, v in handler.headers.items()},
            count=count,
        )
        self.log.append(request)
        route = self.routes.get(parts.path)
        reply = route(request) if route else Reply(404, {"error": "no such route"})
        with contextlib.suppress(BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            self._send(handler, reply)  # the client may have given up (a timeout test)

    def _send(self, handler: BaseHTTPRequestHandler, reply: Reply) -> None:
        if reply.delay and self.stopping.wait(min(reply.delay, 10.0)):
            return
        body = reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body).encode("utf-8")
        if reply.header_trickle:
            self._trickle_headers(handler, reply.header_trickle)
            return
        handler.send_response(reply.status)
        headers = {"Content-Type": "application/json", **reply.headers}
        for name, value in headers.items():
            handler.send_header(name, value)
        if reply.chunked:
            handler.send_header("Transfer-Encoding", "chunked")
        else:
            handler.send_header("Content-Length", str(reply.declared_length or len(body)))
        if reply.declared_length is not None:
            handler.send_header("Connection", "close")
            handler.close_connection = True
        handler.end_headers()
        if reply.chunked:
            for start in range(0, len(body), 8192):
                piece = body[start : start + 8192]
                handler.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
            handler.wfile.write(b"0\r\n\r\n")
        elif reply.trickle:
            for byte in body:
                if self.stopping.wait(reply.trickle):
                    return
                handler.wfile.write(bytes([byte]))
                handler.wfile.flush()
        else:
            handler.wfile.write(body)
        handler.wfile.flush()

    def _trickle_headers(self, handler: BaseHTTPRequestHandler, every: float) -> None:
        """A status line and a few headers (no body), one byte every ``every`` seconds, until the client or the test stops."""
        handler.close_connection = True
        head = b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-Padding-%d: %s\r\n" % (n, b"x" * 50) for n in range(5)) + b"\r\n"
        for byte in head:
            if self.stopping.wait(every):
                return
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()
        self.headers_sent.append(handler.path)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


# -- planning data ------------------------------------------------------------------------------

AGENCIES = {
    "1.02.0.00.0.00.01.0000": "Dinas Kesehatan",
    "1.03.0.00.0.00.01.0000": "Dinas Pekerjaan Umum dan Penataan Ruang",
}


def make_records(count: int = 50, *, year: int = 2026) -> list[dict[str, str]]:
    """Sub kegiatan rows in a wp-sipd-like flat shape (all values strings), real nomenclature codes.

    Every seventh row is a second indicator of the row before it (same code), as SIPD serves
    per-indicator rows, so indicator folding across page boundaries is exercised.
    """
    catalogue = default_nomenclature()
    codes = [
        str(entry.code)
        for code, entry in catalogue.entries(year).items()
        if code.level.value == "sub_kegiatan" and not code.is_generic and str(code).startswith(("1.02.", "1.03."))
    ]
    rows: list[dict[str, str]] = []
    position = 0
    for number in range(count):
        if number % 7 == 6:
            previous = dict(rows[-1])
            previous["indikator"] = f"Persentase capaian {number}"
            previous["satuan"] = "%"
            previous["target"] = "100"
            rows.append(previous)
            continue
        code = codes[position * 3]
        position += 1
        entry = catalogue.lookup(code, year)
        assert entry is not None
        agency = next(a for a in AGENCIES if a.startswith(code[:4]))
        rows.append(
            {
                "kode_sub_giat": code,
                "nama_sub_giat": f"{code} {entry.name}",
                "kode_skpd": agency,
                "nama_skpd": AGENCIES[agency],
                "indikator": entry.indikator or f"Jumlah keluaran {number}",
                "satuan": entry.satuan or "Dokumen",
                "target": str(number % 9 + 1),
                "pagu": f"{(number + 1) * 12_500_000:,}".replace(",", "."),
                "tahun_anggaran": str(year),
            }
        )
    return rows


#: The declarative mapping for :func:`make_records` rows.
MAPPING_FIELDS = {
    "code": "kode_sub_giat",
    "name": "nama_sub_giat",
    "agency": "kode_skpd",
    "agency_name": "nama_skpd",
    "indicator": "indikator",
    "unit": "satuan",
    "target": "target",
    "pagu": "pagu",
    "year": "tahun_anggaran",
}


def pages_of(items: list[Any], size: int) -> list[list[Any]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _authorised(request: Request) -> bool:
    return request.headers.get("authorization") == f"Bearer {TOKEN}"


def _denied() -> Reply:
    return Reply(401, {"message": "Unauthenticated."}, headers={"WWW-Authenticate": "Bearer"})


def serve_planning_api(server: ApiServer, records: list[dict[str, str]], *, page_size: int = 5) -> None:
    """Register the well-behaved endpoints, one per pagination style, all serving ``records``.

    * ``/api/pages``: ``?page=N&per_page=K``, ``meta.last_page``; bearer token required.
    * ``/api/pages-open``: the same without the total and without auth (ends on an empty page).
    * ``/api/offset``: ``?offset=&limit=``, ``meta.total``.
    * ``/api/cursor``: ``?cursor=``, ``next_cursor`` in the body.
    * ``/api/link``: RFC 8288 ``Link: <…>; rel="next"`` headers.
    * ``/wp-admin/admin-ajax.php``: wp-sipd style POST of ``action`` + ``api_key`` (+ ``page``).
    """
    pages = pages_of(records, page_size)

    @server.route("/api/pages")
    def paged(request: Request) -> Reply:
        if not _authorised(request):
            return _denied()
        page = int(request.query.get("page", "1"))
        size = int(request.query.get("per_page", str(page_size)))
        chunk = records[(page - 1) * size : page * size]
        return Reply(body={"data": chunk, "meta": {"page": page, "last_page": -(-len(records) // size)}})

    @server.route("/api/pages-open")
    def paged_open(request: Request) -> Reply:
        page = int(request.query.get("page", "1"))
        return Reply(body={"data": pages[page - 1] if page <= len(pages) else []})

    @server.route("/api/offset")
    def offset(request: Request) -> Reply:
        start, limit = int(request.query["offset"]), int(request.query["limit"])
        return Reply(body={"items": records[start : start + limit], "total": len(records)})

    @server.route("/api/cursor")
    def cursor(request: Request) -> Reply:
        index = int(request.query.get("cursor", "c0")[1:])
        following = f"c{index + 1}" if index + 1 < len(pages) else None
        return Reply(body={"results": pages[index], "next_cursor": following})

    @server.route("/api/link")
    def link(request: Request) -> Reply:
        page = int(request.query.get("p", "1"))
        headers = {"Link": f'</api/link?p={page + 1}>; rel="next"'} if page < len(pages) else {}
        return Reply(body=pages[page - 1], headers=headers)

    @server.route("/wp-admin/admin-ajax.php")
    def wp_sipd(request: Request) -> Reply:
        if request.method != "POST":
            return Reply(400, {"status": "error", "message": "POST only"})
        if request.form.get("api_key") != API_KEY:
            return Reply(body={"status": "error", "message": "Api Key tidak sesuai!"})
        if request.form.get("action") != "get_sub_keg_sipd":
            return Reply(body={"status": "error", "message": "action tidak dikenal"})
        year = request.form.get("tahun_anggaran")
        rows = [r for r in records if r["tahun_anggaran"] == year]
        page = int(request.form.get("page", "0") or 0)
        if page:
            rows = rows[(page - 1) * page_size : page * page_size]
        return Reply(
            body={
                "action": "get_sub_keg_sipd",
                "status": "success",
                "message": "Berhasil get sub kegiatan!",
                "data": rows,
            }
        )

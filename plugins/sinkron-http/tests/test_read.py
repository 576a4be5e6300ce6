"""Reading paginated APIs from a real local server into Bundles equal to the same data read from a file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("sinkron_http", reason="sinkron-http is not installed in this environment")
from http_testkit import API_KEY, MAPPING_FIELDS, TOKEN, ApiServer, Reply, Request, make_records, serve_planning_api

import sinkron
from sinkron.models import Bundle
from sinkron.progress import ProgressEvent
from sinkron_http import (
    BearerToken,
    Cursor,
    FieldMapping,
    HttpSource,
    LinkHeader,
    OffsetLimit,
    PageNumber,
    Secret,
    read_http,
    read_saved,
)

MAPPING = FieldMapping(**MAPPING_FIELDS)


def _content(bundle: Bundle) -> Bundle:
    """The bundle without its source list (URL vs file name), for comparison."""
    return bundle.replace(sources=())


@pytest.fixture
def records() -> list[dict[str, str]]:
    return make_records(50)


@pytest.fixture
def api(server: ApiServer, records: list[dict[str, str]]) -> ApiServer:
    serve_planning_api(server, records, page_size=5)
    return server


@pytest.fixture
def from_file(tmp_path: Path, records: list[dict[str, str]]) -> Bundle:
    """The same records written to a JSON file and read with the same mapping."""
    path = tmp_path / "sub_kegiatan.json"
    path.write_text(json.dumps({"data": records}), encoding="utf-8")
    result = read_saved(path, MAPPING, records_path="data")
    assert result.complete, result.errors
    return result.bundle


def test_ten_pages_through_sinkron_read_equal_the_file(api: ApiServer, from_file: Bundle, tmp_path: Path) -> None:
    events: list[ProgressEvent] = []
    bundle = sinkron.read(
        api.url("/api/pages"),
        format="http",
        token=TOKEN,
        records_path="data",
        pagination=PageNumber(size=5, size_param="per_page", total_pages_path="meta.last_page"),
        mapping=MAPPING,
        progress=events.append,
    )
    requests = api.requests_to("/api/pages")
    assert [r.query["page"] for r in requests] == [str(n) for n in range(1, 11)]
    assert _content(bundle) == _content(from_file)
    assert bundle.sources == (api.url("/api/pages"),)
    subs = [s for plan in bundle.plans for s in plan.sub_activities()]
    assert len(subs) == 43  # 50 rows, 7 of them second indicators of the row before
    assert sum(len(s.indicators) for s in subs) == 50
    pages = [e.done for e in events if e.unit == "pages"]
    counts = [e.done for e in events if e.unit == "records"]
    assert pages == list(range(1, 11))
    assert counts == list(range(5, 51, 5))
    assert {e.total for e in events if e.unit == "pages"} == {10}
    # And through sinkron's own lossless JSON document.
    saved = sinkron.write(bundle, tmp_path / "bundle.json")
    assert _content(sinkron.read(saved)) == _content(from_file)


def test_connector_is_found_by_url_scheme_through_its_entry_point(api: ApiServer, from_file: Bundle) -> None:
    pm = sinkron.PluginManager()
    info = {p.name: p for p in pm.plugins()}
    assert info["http"].status == "loaded"
    assert info["http"].distribution == "sinkron-http"
    bundle = sinkron.read(
        api.url("/api/pages-open"), plugins=pm, pagination=PageNumber(), records_path="data", mapping=MAPPING_FIELDS
    )
    assert _content(bundle) == _content(from_file)
    # Without a total, the read ends on the first empty page.
    assert len(api.requests_to("/api/pages-open")) == 11


@pytest.mark.parametrize(
    ("path", "records_path", "pagination", "requests"),
    [
        ("/api/pages-open", "data", PageNumber(size=5), 11),  # the 10th page is full: one more, empty
        ("/api/offset", "items", OffsetLimit(limit=5, total_path="total"), 10),
        ("/api/offset", "items", OffsetLimit(limit=7), 8),
        ("/api/cursor", "results", Cursor(), 10),
        ("/api/link", "", LinkHeader(), 10),
    ],
    ids=["page-size", "offset-total", "offset-short-page", "cursor", "link-header"],
)
def test_every_pagination_style_reads_the_same_bundle(
    api: ApiServer, from_file: Bundle, path: str, records_path: str, pagination: object, requests: int
) -> None:
    source = HttpSource(url=api.url(path), records_path=records_path, pagination=pagination)  # type: ignore[arg-type]
    result = read_http(source, mapping=MAPPING)
    assert result.complete, result.errors
    assert result.records == 50
    assert _content(result.bundle) == _content(from_file)
    assert len(api.requests_to(path)) == requests


def test_wp_sipd_form_post_with_the_key_from_the_environment(
    api: ApiServer, from_file: Bundle, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WPSIPD_API_KEY", API_KEY)
    site = api.url("")
    source = HttpSource.wp_sipd(site, "get_sub_keg_sipd", Secret(env="WPSIPD_API_KEY"), tahun_anggaran=2026)
    result = read_http(source, mapping=MAPPING)
    assert result.complete, result.errors
    assert _content(result.bundle) == _content(from_file)
    (request,) = api.requests_to("/wp-admin/admin-ajax.php")
    assert request.method == "POST"
    assert request.form == {"action": "get_sub_keg_sipd", "tahun_anggaran": "2026", "api_key": API_KEY}
    assert request.query == {}


def test_wp_sipd_paginated_through_form_fields(api: ApiServer, from_file: Bundle) -> None:
    source = HttpSource.wp_sipd(api.url(""), "get_sub_keg_sipd", API_KEY, tahun_anggaran=2026).replace(
        pagination=PageNumber(size=5)
    )
    result = read_http(source, mapping=MAPPING)
    assert result.complete, result.errors
    assert _content(result.bundle) == _content(from_file)
    pages = [r.form["page"] for r in api.requests_to("/wp-admin/admin-ajax.php")]
    assert pages == [str(n) for n in range(1, 12)]  # the 11th, empty, ends the read


def test_configuration_file_with_the_secret_named_by_environment_variable(
    api: ApiServer, from_file: Bundle, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PORTAL_TOKEN", TOKEN)
    config = tmp_path / "portal.toml"
    fields = "\n".join(f'{key} = "{value}"' for key, value in MAPPING_FIELDS.items())
    config.write_text(
        f"""
url = "{api.url("/api/pages")}"
records_path = "data"

[auth]
type = "bearer"
env = "PORTAL_TOKEN"

[pagination]
type = "page"
size = 5
size_param = "per_page"
total_pages_path = "meta.last_page"

[retry]
attempts = 2
backoff = 0.01

[mapping]
{fields}
""",
        encoding="utf-8",
    )
    bundle = sinkron.read(config, format="http")
    assert _content(bundle) == _content(from_file)
    assert TOKEN not in config.read_text(encoding="utf-8")


def test_records_stream_page_by_page(api: ApiServer) -> None:
    """The mapping sees page 1's records before page 2 is requested."""
    seen: list[tuple[int, int]] = []

    def counting(records, *, source):  # type: ignore[no-untyped-def]
        for record in records:
            seen.append((record.page, len(api.requests_to("/api/pages"))))
        return MAPPING([], source=source)

    source = HttpSource(
        url=api.url("/api/pages"),
        auth=BearerToken(TOKEN),
        records_path="data",
        pagination=PageNumber(size=5, size_param="per_page", total_pages_path="meta.last_page"),
    )
    read_http(source, mapping=counting)
    assert len(seen) == 50
    assert all(page == requested for page, requested in seen)


def test_each_record_is_located_by_its_json_path_within_its_page(server: ApiServer) -> None:
    """A nested ``records_path`` gives every record ``$.result.items[i]``, ``i`` counted within the page."""
    pages = [make_records(3), make_records(2)]

    @server.route("/api/nested")
    def nested(request: Request) -> Reply:
        page = int(request.query.get("page", "1"))
        return Reply(body={"result": {"items": pages[page - 1] if page <= len(pages) else []}})

    located: list[tuple[int, str | None]] = []

    def locating(records, *, source):  # type: ignore[no-untyped-def]
        located.extend((record.page, record.location.json_path) for record in records)
        return MAPPING([], source=source)

    read_http(
        HttpSource(url=server.url("/api/nested"), records_path="result.items", pagination=PageNumber()),
        mapping=locating,
    )
    assert located == [(1, f"$.result.items[{i}]") for i in range(3)] + [(2, f"$.result.items[{i}]") for i in range(2)]


SAVED_RECORD = '{"kode_sub_giat": "1.02.02.2.02.0001", "nama_sub_giat": "Pelayanan Kesehatan", "tahun": "2026"}'


@pytest.mark.parametrize(
    ("body", "message", "row", "column"),
    [
        (
            f'{{"data": [{SAVED_RECORD}],\n "data": []}}'.encode(),
            "the key 'data' appears twice in one object",
            None,
            None,
        ),
        (b'{"data": [{"pagu": "350000000", "pagu": "1"}]}', "the key 'pagu' appears twice", None, None),
        (b'{"data": [{"kode_sub_giat": NaN}]}', "NaN is not valid JSON", None, None),
        (b'{"data": [\n {"a": tru}]}', "not valid JSON: Expecting value (line 2, column 8)", 2, "8"),
        (
            b'{"data": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
            "the saved response JSON is nested too deeply",
            None,
            None,
        ),
        ('{"data": ["Café"]}'.encode("cp1252"), "the saved response is not UTF-8 text", None, None),
        (b" \n", "the saved response body is empty", None, None),
    ],
)
def test_a_saved_response_is_parsed_as_strictly_as_a_live_one(
    tmp_path: Path, body: bytes, message: str, row: int | None, column: str | None
) -> None:
    path = tmp_path / "saved.json"
    path.write_bytes(body)
    with pytest.raises(sinkron.SourceError) as raised:
        read_saved(path, MAPPING, records_path="data")
    error = raised.value
    assert message in error.message
    assert (error.location.source, error.location.row, error.location.column) == (str(path), row, column)


def test_a_saved_response_with_a_repeated_key_fails_like_the_live_read(server: ApiServer, tmp_path: Path) -> None:
    """The same body gives the same words live (located at the URL and page) and saved (located at the file)."""
    body = f'{{"data": [{SAVED_RECORD}], "data": []}}'.encode()
    server.route("/api/dup")(lambda request: Reply(200, body, headers={"Content-Type": "application/json"}))
    live = read_http(HttpSource(url=server.url("/api/dup"), records_path="data"), mapping=MAPPING)
    [live_error] = live.errors
    path = tmp_path / "saved.json"
    path.write_bytes(body)
    with pytest.raises(sinkron.SourceError) as raised:
        read_saved(path, MAPPING, records_path="data")
    reason = "is not valid JSON: the key 'data' appears twice in one object"
    assert (
        live_error.message.endswith(f"the response {reason}") and raised.value.message == f"the saved response {reason}"
    )


def test_the_json_body_examples_run() -> None:
    import doctest

    from sinkron_http import jsonbody

    result = doctest.testmod(jsonbody)
    assert (result.attempted, result.failed) == (2, 0)

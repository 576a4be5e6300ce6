"""sinkron-http against the public conformance kit (sinkron.testing.conformance)."""

from __future__ import annotations

import pytest

pytest.importorskip("sinkron_http", reason="sinkron-http is not installed in this environment")
from http_testkit import MAPPING_FIELDS, TOKEN, ApiServer, make_records, serve_planning_api

from sinkron.testing.conformance import assert_connector_reads
from sinkron_http import FieldMapping, PageNumber
from sinkron_http.connector import HttpConnector


def test_every_record_read_from_a_real_api_is_located(server: ApiServer) -> None:
    serve_planning_api(server, make_records(20), page_size=5)
    result = assert_connector_reads(
        HttpConnector(),
        server.url("/api/pages"),
        token=TOKEN,
        records_path="data",
        pagination=PageNumber(size=5, size_param="per_page", total_pages_path="meta.last_page"),
        mapping=FieldMapping(**MAPPING_FIELDS),
    )
    assert result.bundle.plans, "the API's records gave no plan"
    sources = {item.provenance.source for p in result.bundle.plans for item in p.items() if item.provenance}
    assert sources and all(s.startswith(server.url("/api/pages")) for s in sources), sources

"""Source configuration: files, dictionaries, keyword options; every mistake named with its key."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("sinkron_http", reason="sinkron-http is not installed in this environment")

import sinkron
from sinkron import SourceError
from sinkron_http import (
    ApiKey,
    ApiStatus,
    BearerToken,
    Cursor,
    FieldMapping,
    HttpConnector,
    HttpSource,
    LinkHeader,
    NoAuth,
    OffsetLimit,
    PageNumber,
    RetryPolicy,
    Secret,
    load_source,
    resolve_source,
    source_from_dict,
)

URL = "https://sipd.example.go.id/wp-admin/admin-ajax.php"


def test_toml_and_json_files_give_the_same_source(tmp_path: Path) -> None:
    data: dict[str, Any] = {
        "url": URL,
        "method": "POST",
        "form": {"action": "get_sub_keg_sipd", "tahun_anggaran": 2026},
        "auth": {"type": "api_key", "name": "api_key", "in": "form", "env": "WPSIPD_API_KEY"},
        "records_path": "data",
        "api_status": {"path": "status", "ok": ["success"], "message_path": "message"},
        "pagination": {"type": "page", "param": "page", "size": 100},
        "timeouts": {"connect": 5, "read": 20, "total": 120},
        "retry": {"attempts": 5, "backoff": 1.5, "max_retry_after": 60},
        "limits": {"max_pages": 50, "max_records": 10000, "max_bytes": 1048576},
        "mapping": {"code": "kode_sub_giat", "name": "nama_sub_giat", "year": "tahun_anggaran"},
    }
    (tmp_path / "sipd.json").write_text(json.dumps(data), encoding="utf-8")
    (tmp_path / "sipd.toml").write_text(
        f"""
url = "{URL}"
method = "POST"
records_path = "data"

[form]
action = "get_sub_keg_sipd"
tahun_anggaran = 2026

[auth]
type = "api_key"
name = "api_key"
in = "form"
env = "WPSIPD_API_KEY"

[api_status]
path = "status"
ok = ["success"]
message_path = "message"

[pagination]
type = "page"
param = "page"
size = 100

[timeouts]
connect = 5
read = 20
total = 120

[retry]
attempts = 5
backoff = 1.5
max_retry_after = 60

[limits]
max_pages = 50
max_records = 10000
max_bytes = 1048576

[mapping]
code = "kode_sub_giat"
name = "nama_sub_giat"
year = "tahun_anggaran"
""",
        encoding="utf-8",
    )
    from_json, from_toml = load_source(tmp_path / "sipd.json"), load_source(tmp_path / "sipd.toml")
    assert from_json == from_toml
    assert from_toml.auth == ApiKey(Secret(env="WPSIPD_API_KEY"), name="api_key", location="form")
    assert from_toml.pagination == PageNumber(size=100)
    assert from_toml.api_status == ApiStatus()
    assert from_toml.retry == RetryPolicy(attempts=5, backoff=1.5, max_retry_after=60)
    assert from_toml.limits.max_bytes == 1048576
    assert from_toml.mapping == FieldMapping(code="kode_sub_giat", name="nama_sub_giat", year="tahun_anggaran")
    assert from_toml.page_params_in == "form"


@pytest.mark.parametrize(
    ("config", "field", "text"),
    [
        ({}, "url", "the URL is missing"),
        ({"url": "ftp://x.example"}, None, "must start with http:// or https://"),
        ({"url": URL, "colour": "red"}, None, "unknown key(s) 'colour'"),
        ({"url": URL, "retry": {"attempts": 0}}, "retry", "attempts must be a whole number above 0"),
        ({"url": URL, "retry": {"tries": 3}}, "retry", "unknown key(s) 'tries'"),
        ({"url": URL, "auth": {"type": "basic"}}, "auth.type", "unknown authentication type"),
        ({"url": URL, "auth": {"type": "bearer"}}, "auth", "give the secret as `env`"),
        ({"url": URL, "auth": {"type": "bearer", "env": "A", "token": "b"}}, "auth", "exactly one"),
        ({"url": URL, "auth": {"type": "api_key", "env": "K", "in": "cookie"}}, "auth", "header, query or form"),
        ({"url": URL, "pagination": {"type": "pages"}}, "pagination.type", "unknown pagination"),
        ({"url": URL, "pagination": {"type": "offset", "limit": 0}}, "pagination", "limit must be at least 1"),
        ({"url": URL, "form": {"a": "b"}}, None, "form fields need method='POST'"),
        ({"url": URL, "mapping": {"preset": "simda"}}, "mapping.preset", "unknown mapping preset"),
        ({"url": URL, "mapping": {"kode": "x"}}, "mapping", "unknown key(s) 'kode'"),
        ({"url": URL, "timeouts": {"read": -1}}, "timeouts", "read must be more than 0 and at most 604800 seconds"),
        ({"url": URL, "params": ["a"]}, "params", "must be a table"),
    ],
)
def test_configuration_mistakes_are_located(config: dict[str, Any], field: str | None, text: str) -> None:
    with pytest.raises(SourceError) as caught:
        source_from_dict(config, origin="portal.toml")
    assert caught.value.location.source == "portal.toml"
    assert caught.value.location.field == (field or None)
    assert text in str(caught.value)


def test_unreadable_configuration_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("url = ", encoding="utf-8")
    with pytest.raises(SourceError, match="not valid TOML"):
        load_source(bad)
    with pytest.raises(SourceError, match="cannot read the configuration"):
        load_source(tmp_path / "absent.toml")


def test_pagination_types_by_name() -> None:
    built = {
        kind: source_from_dict({"url": URL, "pagination": {"type": kind}}).pagination
        for kind in ("none", "page", "offset", "cursor", "link")
    }
    assert built["page"] == PageNumber() and built["offset"] == OffsetLimit()
    assert built["cursor"] == Cursor() and built["link"] == LinkHeader()


def test_keyword_options_and_credential_shortcuts(monkeypatch: pytest.MonkeyPatch) -> None:
    source = resolve_source("https://data.example.go.id/api", token_env="PORTAL_TOKEN", records_path="data")
    assert source.auth == BearerToken(Secret(env="PORTAL_TOKEN"))
    post = resolve_source(URL, method="POST", api_key="k-SECRET", form={"action": "get_skpd"})
    assert post.auth == ApiKey(Secret("k-SECRET"), name="api_key", location="form")
    header = resolve_source("https://x.example/api", api_key_env="KEY")
    assert header.auth == ApiKey(Secret(env="KEY"), name="X-API-KEY", location="header")
    assert resolve_source("https://x.example/api").auth == NoAuth()
    base = HttpSource(url="https://a.example/api", records_path="items")
    assert resolve_source("https://b.example/api", config=base).url == "https://b.example/api"
    assert resolve_source("https://b.example/api", config=base).records_path == "items"


def test_unknown_option_through_sinkron_read_is_a_source_error() -> None:
    with pytest.raises(SourceError) as caught:
        HttpConnector().read("https://x.example/api?api_key=zz-SECRET", colour="red", api_key="zz-SECRET")
    assert "unknown option(s) colour" in str(caught.value)
    assert "zz-SECRET" not in str(caught.value)


def test_read_without_a_mapping_says_how_to_give_one() -> None:
    with pytest.raises(SourceError, match="no record mapping"):
        sinkron.read("https://x.example/api", format="http")


def test_pagination_and_retry_validation() -> None:
    with pytest.raises(ValueError, match="jitter"):
        RetryPolicy(jitter=2)
    with pytest.raises(ValueError, match="page size"):
        PageNumber(size=0)
    with pytest.raises(ValueError, match="exactly one"):
        Secret()


@pytest.mark.parametrize(
    ("table", "field", "fragment"),
    [
        ({"limits": {"max_pages": float("inf")}}, "limits", "Limits.max_pages must be a whole number above 0, got inf"),
        ({"limits": {"max_records": 1e308}}, "limits", "Limits.max_records must be a whole number above 0"),
        ({"timeouts": {"total": 1e308}}, "timeouts", "Timeouts.total must be more than 0 and at most 604800 seconds"),
        ({"timeouts": {"read": float("nan")}}, "timeouts", "Timeouts.read must be more than 0"),
        ({"retry": {"max_retry_after": float("inf")}}, "retry", "RetryPolicy.max_retry_after must be 0 or more"),
    ],
)
def test_values_that_would_overflow_or_turn_a_cap_off_are_named(
    table: dict[str, Any], field: str, fragment: str
) -> None:
    """inf and 1e308 failed later as an unexpected OverflowError without the key, and max_pages = inf had no cap."""
    with pytest.raises(SourceError) as caught:
        source_from_dict({"url": URL, **table})
    assert caught.value.location.field == field and fragment in str(caught.value)


@pytest.mark.parametrize("value", [{"path": "kode"}, ["kode"], 7])
def test_a_mapping_field_that_is_not_a_path_is_named(value: object) -> None:
    """A table or a list as a field path (a self-referring table included) failed later, unexpectedly, per record."""
    cyclic: dict[str, Any] = {}
    cyclic["self"] = cyclic
    for given in (value, cyclic):
        with pytest.raises(SourceError) as caught:
            source_from_dict({"url": URL, "mapping": {"code": "kode", "name": given}})
        assert caught.value.location.field == "mapping"
        assert f"FieldMapping.name must be a dotted path (text such as 'data.kode'), got {type(given).__name__}" in str(
            caught.value
        )

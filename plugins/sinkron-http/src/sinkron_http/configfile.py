"""HTTP sources from configuration files (TOML or JSON) and plain dictionaries.

A configuration names the URL and everything :class:`~sinkron_http.config.HttpSource` holds, plus the
record mapping. Secrets should be named by environment variable (``env = "WPSIPD_API_KEY"``), so
the file can be shared and committed. Every mistake is reported with the file and the key.

>>> source = source_from_dict({
...     "url": "https://sipd.example.go.id/wp-admin/admin-ajax.php",
...     "method": "POST",
...     "form": {"action": "get_sub_keg_sipd", "tahun_anggaran": 2026},
...     "auth": {"type": "api_key", "name": "api_key", "in": "form", "env": "WPSIPD_API_KEY"},
...     "records_path": "data",
...     "api_status": {"path": "status", "ok": ["success"]},
...     "retry": {"attempts": 3},
...     "mapping": {"preset": "sipd"},
... }, origin="sipd.toml")
>>> source.auth.describe(), source.retry.attempts, source.mapping.name
("API key in form field 'api_key' (environment variable WPSIPD_API_KEY)", 3, 'sipd')
>>> source_from_dict({"url": "https://x.example", "retry": {"attempts": 0}}, origin="bad.toml")
Traceback (most recent call last):
...
sinkron.errors.SourceError: bad.toml, field 'retry': RetryPolicy.attempts must be a positive number, got 0
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, cast

import attrs

from sinkron.errors import Location, SourceError
from sinkron_http.auth import ApiKey, Auth, BearerToken, NoAuth
from sinkron_http.config import ApiStatus, HttpSource, Limits, RetryPolicy, Timeouts
from sinkron_http.mapping import FieldMapping, RecordMapping
from sinkron_http.pagination import Cursor, LinkHeader, NoPagination, OffsetLimit, PageNumber, Pagination
from sinkron_http.secrets import Secret

__all__ = ["PAGINATIONS", "PRESETS", "load_source", "mapping_from_config", "source_from_dict"]

#: Pagination strategies by their configuration name.
PAGINATIONS: dict[str, type[Any]] = {
    "none": NoPagination,
    "page": PageNumber,
    "offset": OffsetLimit,
    "cursor": Cursor,
    "link": LinkHeader,
}


def _sipd_preset(**options: Any) -> RecordMapping:
    from sinkron_http.sipd import SipdMapping

    return SipdMapping(**options)


#: Record mapping presets by name.
PRESETS: dict[str, Callable[..., RecordMapping]] = {"sipd": _sipd_preset}

_TOP = (
    "url",
    "method",
    "params",
    "form",
    "headers",
    "auth",
    "records_path",
    "pagination",
    "pagination_in",
    "api_status",
    "timeouts",
    "retry",
    "limits",
    "verify",
    "trust_env",
    "mapping",
)


class _Config:
    def __init__(self, origin: str) -> None:
        self.origin = origin

    def fail(
        self, field: str | None, message: str, *, expected: str | None = None, actual: object = None
    ) -> SourceError:
        return SourceError(
            message, location=Location(source=self.origin, field=field or None), expected=expected, actual=actual
        )

    def table(self, value: object, field: str) -> dict[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(field, "must be a table", expected="a table (mapping)", actual=type(value).__name__)
        for key in value:
            if not isinstance(key, str):
                raise self.fail(field, "keys must be text", actual=key)
        return dict(value)

    def only(self, table: Mapping[str, Any], allowed: tuple[str, ...], field: str | None) -> None:
        unknown = sorted(set(table) - set(allowed))
        if unknown:
            raise self.fail(
                field, f"unknown key(s) {', '.join(map(repr, unknown))}", expected=f"one of {', '.join(allowed)}"
            )

    def build(self, cls: Callable[..., Any], field: str, **kwargs: Any) -> Any:
        try:
            return cls(**kwargs)
        except (TypeError, ValueError) as exc:
            raise self.fail(field, str(exc)) from None


def _fields(cls: type) -> tuple[str, ...]:
    return tuple(a.alias or a.name for a in attrs.fields(cls))


def _secret(config: _Config, table: dict[str, Any], field: str, value_key: str) -> Secret:
    has_value, has_env = value_key in table, "env" in table
    if has_value == has_env:
        raise config.fail(
            field, f"give the secret as `env` (an environment variable, preferred) or `{value_key}`, exactly one"
        )
    raw = table["env"] if has_env else table[value_key]
    if not isinstance(raw, str) or not raw:
        raise config.fail(field, "the secret must be non-empty text", expected="text")
    return Secret(env=raw) if has_env else Secret(raw)


def _auth(config: _Config, value: object) -> Auth:
    table = config.table(value, "auth")
    kind = table.pop("type", None)
    if kind in (None, "none"):
        config.only(table, (), "auth")
        return NoAuth()
    if kind == "bearer":
        config.only(table, ("token", "env"), "auth")
        return BearerToken(_secret(config, table, "auth", "token"))
    if kind == "api_key":
        config.only(table, ("name", "in", "value", "env"), "auth")
        key = _secret(config, table, "auth", "value")
        built: ApiKey = config.build(
            ApiKey, "auth", key=key, name=table.get("name", "X-API-KEY"), location=table.get("in", "header")
        )
        return built
    raise config.fail("auth.type", "unknown authentication type", expected="none, bearer or api_key", actual=kind)


def _pagination(config: _Config, value: object) -> Pagination:
    table = config.table(value, "pagination")
    kind = table.pop("type", "none")
    cls = PAGINATIONS.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise config.fail("pagination.type", "unknown pagination", expected=", ".join(PAGINATIONS), actual=kind)
    config.only(table, _fields(cls), "pagination")
    strategy: Pagination = config.build(cls, "pagination", **table)
    return strategy


def mapping_from_config(value: object, *, origin: str = "<mapping>") -> RecordMapping:
    """A record mapping from a preset name (``"sipd"``), a table of fields, or a mapping object.

    >>> mapping_from_config({"code": "kode", "name": "nama", "default_year": 2026}).code
    'kode'
    """
    config = _Config(origin)
    if isinstance(value, str):
        value = {"preset": value}
    if callable(value) and not isinstance(value, Mapping):
        return cast(RecordMapping, value)
    table = config.table(value, "mapping")
    if "preset" in table:
        name = table.pop("preset")
        factory = PRESETS.get(name) if isinstance(name, str) else None
        if factory is None:
            raise config.fail("mapping.preset", "unknown mapping preset", expected=", ".join(PRESETS), actual=name)
        preset: RecordMapping = config.build(factory, "mapping", **table)
        return preset
    config.only(table, tuple(f for f in _fields(FieldMapping) if f != "nomenclature"), "mapping")
    fields: FieldMapping = config.build(FieldMapping, "mapping", **table)
    return fields


def source_from_dict(data: Mapping[str, Any], *, origin: str = "<config>", url: str | None = None) -> HttpSource:
    """An :class:`HttpSource` from a configuration mapping (see the module docs); ``url`` overrides its URL."""
    config = _Config(origin)
    table = config.table(data, "")
    config.only(table, _TOP, None)
    kwargs: dict[str, Any] = {}
    target = url or table.get("url")
    if not isinstance(target, str):
        raise config.fail("url", "the URL is missing", expected="an http:// or https:// URL", actual=target)
    kwargs["url"] = target
    for key in ("method", "records_path", "pagination_in"):
        if key in table:
            if not isinstance(table[key], str):
                raise config.fail(key, "must be text", actual=table[key])
            kwargs[key] = table[key]
    for key in ("params", "form", "headers"):
        if key in table:
            kwargs[key] = config.table(table[key], key)
    for key in ("verify", "trust_env"):
        if key in table:
            if not isinstance(table[key], (bool, str)):
                raise config.fail(key, "must be true/false" + (" or a CA bundle path" if key == "verify" else ""))
            kwargs[key] = table[key]
    if "auth" in table:
        kwargs["auth"] = _auth(config, table["auth"])
    if "pagination" in table:
        kwargs["pagination"] = _pagination(config, table["pagination"])
    if "api_status" in table and table["api_status"] is not False:
        status = config.table(table["api_status"], "api_status")
        config.only(status, _fields(ApiStatus), "api_status")
        kwargs["api_status"] = config.build(ApiStatus, "api_status", **status)
    for key, cls in (("timeouts", Timeouts), ("retry", RetryPolicy), ("limits", Limits)):
        if key in table:
            section = config.table(table[key], key)
            config.only(section, _fields(cls), key)
            kwargs[key] = config.build(cls, key, **section)
    if "mapping" in table:
        kwargs["mapping"] = mapping_from_config(table["mapping"], origin=origin)
    source: HttpSource = config.build(HttpSource, "", **kwargs)
    return source


def _load_toml(text: str) -> Any:
    try:
        module = importlib.import_module("tomllib")
    except ModuleNotFoundError:  # Python 3.10: the tomli backport (a dependency there)
        module = importlib.import_module("tomli")
    return module.loads(text)


def load_source(path: str | Path, *, url: str | None = None) -> HttpSource:
    """An :class:`HttpSource` from a ``.toml`` or ``.json`` file; ``url`` overrides the file's URL."""
    file = Path(path)
    origin = str(file)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(f"cannot read the configuration: {exc}", location=Location(source=origin)) from None
    try:
        if file.suffix.lower() == ".json":
            data = json.loads(text)
        else:
            data = _load_toml(text)
    except ValueError as exc:  # json.JSONDecodeError and tomllib.TOMLDecodeError are ValueErrors
        raise SourceError(
            f"the configuration is not valid {file.suffix.lstrip('.').upper() or 'TOML'}: {exc}",
            location=Location(source=origin),
        ) from None
    return source_from_dict(data, origin=origin, url=url)

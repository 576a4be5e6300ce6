"""The typed configuration of an HTTP source: where, how, with which credentials, limits and mapping.

>>> source = HttpSource(
...     url="https://sipd.example.go.id/wp-admin/admin-ajax.php",
...     method="POST",
...     form={"action": "get_sub_keg_sipd", "tahun_anggaran": 2026},
...     auth=ApiKey(Secret(env="WPSIPD_API_KEY"), name="api_key", location="form"),
...     records_path="data",
... )
>>> source.form
{'action': 'get_sub_keg_sipd', 'tahun_anggaran': '2026'}
>>> "api_key" in repr(source), "WPSIPD_API_KEY" in repr(source)
(True, True)

The repr names the environment variable, never a secret value. Parameters whose names look
sensitive (``api_key``, ``token`` …) are wrapped in :class:`~sinkron_http.secrets.Secret` on the way in.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

import attrs

from sinkron_http.auth import ApiKey, Auth, BearerToken, NoAuth
from sinkron_http.pagination import NoPagination, Pagination
from sinkron_http.secrets import Secret, is_sensitive_name

if TYPE_CHECKING:  # pragma: no cover
    from sinkron_http.mapping import RecordMapping

__all__ = ["ApiStatus", "HttpSource", "Limits", "RetryPolicy", "Timeouts"]

Method = Literal["GET", "POST"]
ParamValue = str | Secret


#: The longest any wait may be (a week, in seconds): the clocks and timers below refuse larger ones, and a
#: timeout of ``inf`` would turn the bound off.
MAX_SECONDS = 7 * 24 * 3600


def _seconds(instance: object, attribute: attrs.Attribute[Any], value: float | int, *, positive: bool) -> None:
    name = f"{type(instance).__name__}.{attribute.name}"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{name} must be a number of seconds, got {value!r}")
    if not ((value > 0 if positive else value >= 0) and value <= MAX_SECONDS):  # nan fails every comparison
        bound = "more than 0" if positive else "0 or more"
        raise ValueError(f"{name} must be {bound} and at most {MAX_SECONDS} seconds (a week), got {value!r}")


def _positive(instance: object, attribute: attrs.Attribute[Any], value: float | int) -> None:
    """Seconds above 0, at most :data:`MAX_SECONDS` (``inf`` and ``nan`` are refused)."""
    _seconds(instance, attribute, value, positive=True)


def _not_negative(instance: object, attribute: attrs.Attribute[Any], value: float | int) -> None:
    """Seconds, 0 or more, at most :data:`MAX_SECONDS`."""
    _seconds(instance, attribute, value, positive=False)


def _count(instance: object, attribute: attrs.Attribute[Any], value: int) -> None:
    """A whole number above 0: ``inf`` or ``1e308`` as a count would turn its cap off."""
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError(f"{type(instance).__name__}.{attribute.name} must be a whole number above 0, got {value!r}")


@attrs.frozen(kw_only=True)
class Timeouts:
    """Seconds to wait: to connect, between two reads of the socket, and for a whole response."""

    connect: float = attrs.field(default=10.0, validator=_positive)
    read: float = attrs.field(default=30.0, validator=_positive)
    total: float = attrs.field(default=300.0, validator=_positive)
    """The most one attempt (connecting, the headers and the body) may take, however slowly it trickles in."""


@attrs.frozen(kw_only=True)
class RetryPolicy:
    """Retries of connection errors, timeouts, HTTP 5xx and 429, with exponential backoff and jitter.

    Attempt *n* (from 2) waits ``backoff × 2^(n-2)`` seconds, at most ``max_backoff``, scaled by a
    random factor in ``[1 - jitter, 1 + jitter]``. A ``Retry-After`` header is honoured instead when
    present; one asking for more than ``max_retry_after`` seconds ends the read at once.

    >>> policy = RetryPolicy(backoff=1, max_backoff=5, jitter=0)
    >>> [policy.delay(n) for n in (2, 3, 4, 5)]
    [1.0, 2.0, 4.0, 5.0]
    """

    attempts: int = attrs.field(default=4, validator=_count)
    """Requests per page in total (1 means no retry)."""
    backoff: float = attrs.field(default=0.5, validator=_not_negative)
    max_backoff: float = attrs.field(default=30.0, validator=_not_negative)
    jitter: float = attrs.field(default=0.25)
    max_retry_after: float = attrs.field(default=120.0, validator=_not_negative)

    @jitter.validator
    def _check_jitter(self, attribute: attrs.Attribute[float], value: float) -> None:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise ValueError(f"RetryPolicy.jitter must be between 0 and 1, got {value!r}")

    def delay(self, attempt: int, rng: random.Random | None = None) -> float:
        """Seconds to wait before ``attempt`` (2 for the first retry)."""
        base = min(float(self.max_backoff), float(self.backoff) * 2 ** max(0, attempt - 2))
        if self.jitter:
            base *= (rng or random).uniform(1 - self.jitter, 1 + self.jitter)
        return float(max(0.0, min(base, float(self.max_backoff))))

    @staticmethod
    def retryable_status(status: int) -> bool:
        """HTTP 429 and every 5xx are retried."""
        return status == 429 or 500 <= status <= 599


@attrs.frozen(kw_only=True)
class Limits:
    """Caps that keep a read bounded: pages, records, bytes per response; and loop detection."""

    max_pages: int = attrs.field(default=10_000, validator=_count)
    max_records: int = attrs.field(default=5_000_000, validator=_count)
    max_bytes: int = attrs.field(default=64 * 1024 * 1024, validator=_count)
    """The largest response body accepted (after decompression)."""
    detect_repeats: bool = True
    """Stop with an error when a page returns exactly the records of an earlier page."""


@attrs.frozen(kw_only=True)
class ApiStatus:
    """An API that reports errors in its body: ``{"status": "error", "message": "…"}`` (wp-sipd).

    The field at ``path`` must hold one of ``ok``; otherwise the read stops with the field at
    ``message_path`` as the cause.
    """

    path: str = "status"
    ok: tuple[str, ...] = attrs.field(default=("success",), converter=tuple)
    message_path: str | None = "message"


def _params(value: Mapping[str, object] | None) -> dict[str, ParamValue]:
    out: dict[str, ParamValue] = {}
    for key, item in (value or {}).items():
        if not isinstance(key, str) or not key:
            raise ValueError(f"parameter names must be non-empty text, got {key!r}")
        if isinstance(item, Secret):
            out[key] = item
        elif isinstance(item, bool) or not isinstance(item, (str, int, float)):
            raise ValueError(f"parameter {key!r} must be text or a number, got {type(item).__name__}")
        else:
            text = str(item)
            out[key] = Secret(text) if is_sensitive_name(key) else text
    return out


def _url(instance: HttpSource, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str):
        raise ValueError(f"the URL must be text, got {type(value).__name__}")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("the URL must start with http:// or https:// and name a host")


def _method(value: str) -> str:
    upper = str(value).upper()
    if upper not in ("GET", "POST"):
        raise ValueError(f"method must be GET or POST, got {value!r}")
    return upper


@attrs.frozen(kw_only=True)
class HttpSource:
    """Everything needed to read one JSON API into a Bundle.

    ``params`` go in the query string; ``form`` fields are POSTed (``application/x-www-form-urlencoded``,
    as wp-sipd's ``admin-ajax.php`` expects). ``records_path`` is the dotted path of the record array
    in each response (``"data"``; ``""`` when the body is the array). Pagination parameters go in the
    form for POST and in the query for GET unless ``pagination_in`` says otherwise.
    """

    url: str = attrs.field(validator=_url)
    method: Method = attrs.field(default="GET", converter=_method)
    params: dict[str, ParamValue] = attrs.field(factory=dict, converter=_params)
    form: dict[str, ParamValue] = attrs.field(factory=dict, converter=_params)
    headers: dict[str, ParamValue] = attrs.field(factory=dict, converter=_params)
    auth: Auth = attrs.field(factory=NoAuth)
    records_path: str = ""
    pagination: Pagination = attrs.field(factory=NoPagination)
    pagination_in: Literal["query", "form"] | None = None
    api_status: ApiStatus | None = None
    timeouts: Timeouts = attrs.field(factory=Timeouts)
    retry: RetryPolicy = attrs.field(factory=RetryPolicy)
    limits: Limits = attrs.field(factory=Limits)
    verify: bool | str = True
    """Check TLS certificates (``True``), not (``False``: never in production), or against a CA bundle path."""
    trust_env: bool = True
    """Honour proxy and CA environment variables (``HTTPS_PROXY``, ``REQUESTS_CA_BUNDLE``)."""
    mapping: RecordMapping | None = attrs.field(default=None, eq=False)
    """How records become a Bundle; may also be given when reading."""

    def __attrs_post_init__(self) -> None:
        if self.form and self.method != "POST":
            raise ValueError("form fields need method='POST'")
        if isinstance(self.auth, ApiKey) and self.auth.location == "form" and self.method != "POST":
            raise ValueError("an API key in a form field needs method='POST'")
        if not isinstance(self.auth, (NoAuth, BearerToken, ApiKey)):
            raise ValueError(f"auth must be NoAuth, BearerToken or ApiKey, got {type(self.auth).__name__}")
        if self.pagination_in == "form" and self.method != "POST":
            raise ValueError("pagination parameters in the form need method='POST'")

    @property
    def page_params_in(self) -> Literal["query", "form"]:
        """Where pagination parameters go."""
        if self.pagination_in is not None:
            return self.pagination_in
        return "form" if self.method == "POST" else "query"

    def secrets(self) -> list[Secret]:
        """Every secret of the source (auth, sensitive parameters and headers)."""
        found: list[Secret] = list(self.auth.secrets())
        for values in (self.params, self.form, self.headers):
            found.extend(v for v in values.values() if isinstance(v, Secret))
        return found

    def replace(self, **changes: Any) -> HttpSource:
        """A copy with some fields replaced."""
        return attrs.evolve(self, **changes)

    @classmethod
    def wp_sipd(
        cls,
        site: str,
        action: str,
        api_key: str | Secret,
        *,
        tahun_anggaran: int | str | None = None,
        **form: str | int,
    ) -> HttpSource:
        """A wp-sipd API action: ``POST <site>/wp-admin/admin-ajax.php`` with ``action`` and ``api_key``.

        The records are under ``data``; ``"status": "success"`` marks a good answer.

        >>> s = HttpSource.wp_sipd("https://sipd.example.go.id", "get_sub_keg_sipd", Secret(env="K"), tahun_anggaran=2026)
        >>> s.url, s.form["action"], s.form["tahun_anggaran"], s.records_path
        ('https://sipd.example.go.id/wp-admin/admin-ajax.php', 'get_sub_keg_sipd', '2026', 'data')
        """
        url = site if site.rstrip("/").endswith("admin-ajax.php") else site.rstrip("/") + "/wp-admin/admin-ajax.php"
        fields: dict[str, object] = {"action": action, **form}
        if tahun_anggaran is not None:
            fields["tahun_anggaran"] = tahun_anggaran
        return cls(
            url=url,
            method="POST",
            form=fields,
            auth=ApiKey(Secret.of(api_key), name="api_key", location="form"),
            records_path="data",
            api_status=ApiStatus(),
        )

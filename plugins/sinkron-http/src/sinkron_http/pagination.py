"""Pagination strategies: none, page number, offset/limit, a cursor field, or the ``Link`` header.

A strategy is an immutable configuration; :meth:`pager` gives a fresh stateful :class:`Pager` for
one read. The pager says which parameters the first request carries and, from each page, which
request comes next (or that the last page has been read). Loops — the same request or the same
records twice — are caught by the client (see :mod:`sinkron_http.client`), whatever the strategy.

>>> pager = PageNumber(size=2, size_param="per_page").pager()
>>> pager.first("https://api.example.go.id/sub-kegiatan").params
{'page': '1', 'per_page': '2'}
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, Protocol
from urllib.parse import urljoin, urlsplit

import attrs

from sinkron_http.jsonpath import MISSING, describe_json, get_path, json_path

__all__ = [
    "Cursor",
    "LinkHeader",
    "NoPagination",
    "OffsetLimit",
    "PageData",
    "PageNumber",
    "PageShapeError",
    "PageStep",
    "Pager",
    "Pagination",
]


@attrs.frozen
class PageStep:
    """One request of a paginated read: its URL and the pagination parameters it adds."""

    url: str
    params: dict[str, str] = attrs.field(factory=dict)


@attrs.frozen
class PageData:
    """What a pager sees of a page: its records, the whole JSON body and the ``Link`` header relations."""

    records: list[Any]
    body: Any
    links: Mapping[str, str] = attrs.field(factory=dict)
    """``rel`` → URL (as written in the header, possibly relative)."""


class PageShapeError(Exception):
    """A page's body does not have what the pagination needs (raised by pagers, located by the client)."""

    def __init__(self, message: str, *, json_path: str | None = None, expected: str | None = None, actual: Any = None):
        super().__init__(message)
        self.message = message
        self.json_path = json_path
        self.expected = expected
        self.actual = actual


class Pager(Protocol):
    """Stateful walk over the pages of one read."""

    #: How many pages there are, when the API says so (for progress), else ``None``.
    total_pages: int | None

    def first(self, url: str) -> PageStep:
        """The first request."""

    def next(self, step: PageStep, page: PageData) -> PageStep | None:
        """The request after ``step`` given what it returned, or ``None`` after the last page."""


class Pagination(Protocol):
    """A pagination strategy (an immutable configuration)."""

    def pager(self) -> Pager:
        """A fresh pager for one read."""

    def describe(self) -> str:
        """A short description for messages."""


def _total(body: Any, path: str | None) -> int | None:
    if not path:
        return None
    value = get_path(body, path)
    if value is MISSING or value is None:
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        raise PageShapeError(
            "the total the pagination reads is not a whole number",
            json_path=json_path(path),
            expected="a whole number",
            actual=value,
        ) from None
    if number < 0:
        raise PageShapeError(
            "the total the pagination reads is negative", json_path=json_path(path), expected="0 or more", actual=value
        )
    return number


# -- none ---------------------------------------------------------------------------------------


@attrs.frozen
class NoPagination:
    """A single request returns every record."""

    def pager(self) -> Pager:
        return _SinglePager()

    def describe(self) -> str:
        return "no pagination"


class _SinglePager:
    total_pages: int | None = 1

    def first(self, url: str) -> PageStep:
        return PageStep(url)

    def next(self, step: PageStep, page: PageData) -> PageStep | None:
        return None


# -- page number -------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class PageNumber:
    """``?page=1``, ``?page=2`` … until a page is empty, shorter than ``size``, or the last of ``total_pages_path``.

    ``size``/``size_param`` ask for a page size (``per_page=100``); ``total_pages_path`` names the
    field holding the number of pages (``"meta.last_page"``), when the API gives one.
    """

    param: str = "page"
    start: int = 1
    size: int | None = None
    size_param: str | None = None
    total_pages_path: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.size is not None and self.size < 1:
            raise ValueError(f"page size must be at least 1, got {self.size}")

    def pager(self) -> Pager:
        return _PageNumberPager(self)

    def describe(self) -> str:
        return f"page number ({self.param})"


class _PageNumberPager:
    def __init__(self, config: PageNumber) -> None:
        self.config = config
        self.page = config.start
        self.total_pages: int | None = None

    def _params(self) -> dict[str, str]:
        params = {self.config.param: str(self.page)}
        if self.config.size is not None and self.config.size_param:
            params[self.config.size_param] = str(self.config.size)
        return params

    def first(self, url: str) -> PageStep:
        return PageStep(url, self._params())

    def next(self, step: PageStep, page: PageData) -> PageStep | None:
        total = _total(page.body, self.config.total_pages_path)
        if total is not None:
            self.total_pages = total
        if not page.records:
            return None
        if self.config.size is not None and len(page.records) < self.config.size:
            return None
        if total is not None and self.page - self.config.start + 1 >= total:
            return None
        self.page += 1
        return PageStep(step.url, self._params())


# -- offset / limit ----------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class OffsetLimit:
    """``?offset=0&limit=100``, ``?offset=100&limit=100`` … until a page has fewer than ``limit`` records.

    ``total_path`` names the field holding the total number of records, when the API gives one.
    """

    offset_param: str = "offset"
    limit_param: str = "limit"
    limit: int = 100
    start: int = 0
    total_path: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.limit < 1:
            raise ValueError(f"limit must be at least 1, got {self.limit}")

    def pager(self) -> Pager:
        return _OffsetPager(self)

    def describe(self) -> str:
        return f"offset/limit ({self.offset_param}, {self.limit_param}={self.limit})"


class _OffsetPager:
    def __init__(self, config: OffsetLimit) -> None:
        self.config = config
        self.offset = config.start
        self.total_pages: int | None = None

    def _params(self) -> dict[str, str]:
        return {self.config.offset_param: str(self.offset), self.config.limit_param: str(self.config.limit)}

    def first(self, url: str) -> PageStep:
        return PageStep(url, self._params())

    def next(self, step: PageStep, page: PageData) -> PageStep | None:
        total = _total(page.body, self.config.total_path)
        if total is not None:
            self.total_pages = max(1, math.ceil((total - self.config.start) / self.config.limit))
        if len(page.records) < self.config.limit:
            return None
        if total is not None and self.offset + self.config.limit >= total:
            return None
        self.offset += self.config.limit
        return PageStep(step.url, self._params())


# -- cursor -------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Cursor:
    """Each page names the next one in a body field (``"next_cursor"``), sent back as ``param``.

    An absent, null or empty cursor ends the read.
    """

    param: str = "cursor"
    path: str = "next_cursor"
    initial: str | None = None

    def pager(self) -> Pager:
        return _CursorPager(self)

    def describe(self) -> str:
        return f"cursor ({self.path} → {self.param})"


class _CursorPager:
    total_pages: int | None = None

    def __init__(self, config: Cursor) -> None:
        self.config = config

    def first(self, url: str) -> PageStep:
        return PageStep(url, {self.config.param: self.config.initial} if self.config.initial else {})

    def next(self, step: PageStep, page: PageData) -> PageStep | None:
        value = get_path(page.body, self.config.path)
        if value is MISSING or value is None or value == "":
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise PageShapeError(
                "the next-page cursor is not text or a number",
                json_path=json_path(self.config.path),
                expected="a string or a number",
                actual=describe_json(value),
            )
        return PageStep(step.url, {self.config.param: str(value)})


# -- Link header --------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class LinkHeader:
    """Follow the ``Link: <…>; rel="next"`` response header (RFC 8288) until a page has none.

    A next link to another scheme, host or port is refused: it would carry the credentials
    elsewhere.
    """

    rel: str = "next"

    def pager(self) -> Pager:
        return _LinkPager(self)

    def describe(self) -> str:
        return f"Link header (rel={self.rel})"


def _origin(url: str) -> tuple[str, str | None, int | None]:
    parts = urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme, parts.hostname, port


class _LinkPager:
    total_pages: int | None = None

    def __init__(self, config: LinkHeader) -> None:
        self.config = config

    def first(self, url: str) -> PageStep:
        return PageStep(url)

    def next(self, step: PageStep, page: PageData) -> PageStep | None:
        target = page.links.get(self.config.rel)
        if not target:
            return None
        absolute = urljoin(step.url, target)
        if _origin(absolute) != _origin(step.url):
            raise PageShapeError(
                f"the Link header's {self.config.rel!r} page is on another site; refusing to send credentials there",
                expected=f"a link on {urlsplit(step.url).netloc}",
                actual=urlsplit(absolute).netloc,
            )
        return PageStep(absolute)

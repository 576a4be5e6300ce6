"""The total time of one request: connect, status line and headers, and body, under one deadline.

``requests`` and urllib3 apply their timeouts to each socket operation: a server that sends one byte
of its headers a second never lets the read timeout expire, and the headers are read before any code
of the caller runs again. So each attempt runs under a :class:`Deadline`: a timer that, when the total
time has passed, shuts down the sockets the attempt uses. The blocked read then returns at once and
the reader reports the total timeout.

The sockets are found through the connection classes of the session's pools (:class:`DeadlineAdapter`
installs them): a connection hands its socket to the deadline of the current attempt (a context
variable, as the request runs in the caller's thread) when it connects and before it reads a response.
"""

from __future__ import annotations

import contextlib
import contextvars
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import requests.adapters
import urllib3
import urllib3.connection
import urllib3.connectionpool

__all__ = ["Deadline", "DeadlineAdapter"]


class Deadline:
    """The end of one attempt's total time; the sockets :meth:`watch` was given are shut down when it passes."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.started = time.monotonic()
        self._expired = False
        self._finished = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()

    @property
    def fired(self) -> bool:
        """Whether the timer fired: the sockets were shut down, what was read since may be cut short."""
        return self._expired

    @property
    def passed(self) -> bool:
        """Whether the total time has passed (the timer fired, or the clock says so before it could)."""
        return self._expired or time.monotonic() - self.started > self.seconds

    def remaining(self) -> float:
        """Seconds left (never below a millisecond, as a socket timeout of 0 means non-blocking)."""
        return max(0.001, self.seconds - (time.monotonic() - self.started))

    def watch(self, sock: socket.socket | None) -> None:
        """Shut ``sock`` down when the deadline passes (at once if it already has)."""
        if sock is None:
            return
        with self._lock:
            if self._finished:
                return
            if not self._expired:
                self._sockets.append(sock)
                return
        _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            if self._finished:
                return
            self._expired = True
            sockets, self._sockets = self._sockets, []
        for sock in sockets:
            _shut(sock)

    @contextlib.contextmanager
    def running(self) -> Iterator[Deadline]:
        """Start the timer, make this the current attempt's deadline; stop both on leaving."""
        timer = threading.Timer(self.seconds, self._expire)
        timer.daemon = True
        token = _CURRENT.set(self)
        timer.start()
        try:
            yield self
        finally:
            with self._lock:
                self._finished = True
                self._sockets = []
            timer.cancel()
            _CURRENT.reset(token)


def _shut(sock: socket.socket) -> None:
    # socket.socket's own shutdown, also for a TLS socket: the blocked read in the other thread returns, and
    # the TLS object it is using is left in place (SSLSocket.shutdown would drop it under that read).
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


_CURRENT: contextvars.ContextVar[Deadline | None] = contextvars.ContextVar("sinkron_http_deadline", default=None)


def _watch_current(sock: socket.socket | None) -> None:
    deadline = _CURRENT.get()
    if deadline is not None:
        deadline.watch(sock)


class _HTTPConnection(urllib3.connection.HTTPConnection):
    def connect(self) -> None:
        super().connect()
        _watch_current(self.sock)

    def getresponse(self, *args: Any, **kwargs: Any) -> Any:
        _watch_current(self.sock)  # a connection kept alive from an earlier request did not connect now
        return super().getresponse(*args, **kwargs)


class _HTTPSConnection(urllib3.connection.HTTPSConnection):
    def connect(self) -> None:
        super().connect()
        _watch_current(self.sock)

    def getresponse(self, *args: Any, **kwargs: Any) -> Any:
        _watch_current(self.sock)
        return super().getresponse(*args, **kwargs)


class _HTTPConnectionPool(urllib3.connectionpool.HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSConnectionPool(urllib3.connectionpool.HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


_POOLS: dict[str, type[urllib3.connectionpool.HTTPConnectionPool]] = {
    "http": _HTTPConnectionPool,
    "https": _HTTPSConnectionPool,
}


class DeadlineAdapter(requests.adapters.HTTPAdapter):
    """A transport adapter whose connections hand their sockets to the current :class:`Deadline`.

    Direct connections and HTTP(S) proxies are covered; a SOCKS proxy keeps its own connection classes
    (there the body is still bounded by the total, the headers by the read timeout only).
    """

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = dict(_POOLS)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> urllib3.ProxyManager:
        manager: urllib3.ProxyManager = super().proxy_manager_for(proxy, **proxy_kwargs)
        if not proxy.lower().startswith("socks"):
            manager.pool_classes_by_scheme = dict(_POOLS)
        return manager

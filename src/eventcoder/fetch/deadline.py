"""A total time limit on every socket operation of a request, headers included: httpx bounds each read, so a server
that sends its headers one byte at a time would otherwise hold a fetch for hours. The transport's network streams
bound each read, write and connect by the time left until the deadline the fetcher set for this thread's request,
and fail with a timeout once it has passed."""
from __future__ import annotations

import threading
import time
from contextlib import contextmanager

import httpcore
import httpx

_local = threading.local()


def _bounded(timeout: float | None) -> float | None:
    at = getattr(_local, "deadline", None)
    if at is None:
        return timeout
    left = at - time.monotonic()
    if left <= 0:
        raise httpcore.ReadTimeout("the total time limit ran out")
    return left if timeout is None else min(timeout, left)


@contextmanager
def deadline(at: float):
    """Within, this thread's requests end by `at` (a time.monotonic() value)."""
    _local.deadline = at
    try:
        yield
    finally:
        _local.deadline = None


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream):
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _bounded(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _bounded(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None) -> httpcore.NetworkStream:
        return _Stream(self._inner.start_tls(ssl_context, server_hostname, _bounded(timeout)))

    def get_extra_info(self, info: str):
        return self._inner.get_extra_info(info)


class _Backend(httpcore.SyncBackend):
    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        return _Stream(super().connect_tcp(host, port, _bounded(timeout), local_address, socket_options))


def transport() -> httpx.HTTPTransport:
    """An httpx transport whose connections keep the deadline (no proxies from the environment: every connection
    goes to the address the fetcher checked). httpx takes no network backend, so its pool is replaced."""
    t = httpx.HTTPTransport(trust_env=False)
    # no kept-alive connections: the pool knows a connection by its address, and two sites on one address (each
    # with its own TLS name) must not share one
    t._pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(trust_env=False),  # noqa: SLF001
                                      max_keepalive_connections=0, network_backend=_Backend())
    return t

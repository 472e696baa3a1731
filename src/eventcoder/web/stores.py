"""The app's stores: a pool of open stores, each lent to one request at a time (the auth check on the event loop and
the handler on a worker thread use the same one, one after the other) and given back when the answer has been sent
(`ReleaseStores`). Idle stores are kept for the next requests, at most `max_idle` of them; the connections open are
as many as the requests served at once, never one per thread that ever ran."""
from __future__ import annotations

import threading

from ..store import open_store

STATE_KEY = "desk_store"


class StorePool:
    def __init__(self, db_url: str, max_idle: int = 8):
        self.db_url = db_url
        self.max_idle = max_idle
        self._idle: list = []
        self._lock = threading.Lock()
        self.opened = 0

    def acquire(self):
        with self._lock:
            if self._idle:
                return self._idle.pop()
            self.opened += 1
        return open_store(self.db_url, create=False, any_thread=True)

    def release(self, store) -> None:
        with self._lock:
            if len(self._idle) < self.max_idle:
                self._idle.append(store)
                return
        store.close()

    def close(self) -> None:
        with self._lock:
            stores, self._idle = self._idle, []
        for store in stores:
            store.close()


def store_of(request):
    """The store lent to `request` (borrowed from the app's pool on first use)."""
    state = request.scope.setdefault("state", {})
    store = state.get(STATE_KEY)
    if store is None:
        store = state[STATE_KEY] = request.app.state.stores.acquire()
    return store


class ReleaseStores:
    """ASGI middleware: gives the store a request borrowed back to the pool once the request is done (or closes it,
    when the request ended in an error no handler answered)."""

    def __init__(self, app, pool: StorePool):
        self.app = app
        self.pool = pool

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        scope.setdefault("state", {})
        failed = True
        try:
            await self.app(scope, receive, send)
            failed = False
        finally:
            store = scope["state"].pop(STATE_KEY, None)
            if store is not None:
                if failed:          # an error no handler answered (a lost connection...): never lend it again
                    store.close()
                else:
                    self.pool.release(store)

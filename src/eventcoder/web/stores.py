"""The app's connections to its store: one per thread (a SQLite connection belongs to the thread that opened it;
FastAPI runs handlers on a pool of threads), opened on first use with `open_store(url, create=False)`."""
from __future__ import annotations

import sqlite3
import threading

from ..store import open_store


class StorePool:
    def __init__(self, db_url: str):
        self.db_url = db_url
        self._local = threading.local()
        self._all: list = []
        self._lock = threading.Lock()

    def get(self):
        store = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.db_url, create=False)
            self._local.store = store
            with self._lock:
                self._all.append(store)
        return store

    def close(self) -> None:
        with self._lock:
            stores, self._all = self._all, []
        for store in stores:
            try:
                store.close()
            except sqlite3.ProgrammingError:   # SQLite closes a connection only on the thread that opened it; that
                pass                           # thread's exit closes it


def store_of(request):
    """The store of the app serving `request`, on this thread."""
    return request.app.state.stores.get()

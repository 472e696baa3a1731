"""SQLite storage: the default. One file, WAL journal, each document saved in its own transaction.

`open_sqlite(url)` takes what `--db` takes: a plain path, or a `sqlite://` URL (`sqlite:///abs/path.db`,
`sqlite:////abs/path.db`, `sqlite://relative/path.db`); `eventcoder.store.open_store` sends those here.
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import unquote

from ..errors import StoreError
from .dialects import SQLITE
from .sql_store import EVENT_COLUMNS, SQLStore

__all__ = ["EVENT_COLUMNS", "SQLiteStore", "open_sqlite", "sqlite_path"]


class SQLiteStore(SQLStore):
    def __init__(self, path: str | Path = "eventcoder.db", *, any_thread: bool = False):
        self.path = str(path)
        self.dialect = SQLITE
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=not any_thread)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.execute("PRAGMA synchronous=NORMAL")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}; give another path with --db") from exc
        self.db.row_factory = sqlite3.Row
        self._ready()


def sqlite_path(url: str) -> str:
    """The file a plain path or `sqlite://` URL names: `sqlite:///abs.db` and `sqlite:////abs.db` are absolute,
    `sqlite://rel.db` is relative to the working folder; the URL is %-decoded and `~` expanded."""
    if not url.lower().startswith("sqlite://"):
        return url
    rest = unquote(url[len("sqlite://"):])
    if not rest.strip("/"):
        raise StoreError(f"{url} names no database file; write sqlite:///path/to/file.db or give the path itself")
    if "?" in rest or "#" in rest:
        raise StoreError(f"{url}: sqlite URLs take no options (?...); give the file only, e.g. sqlite:///path/file.db")
    return "/" + rest.lstrip("/") if rest.startswith("/") else os.path.expanduser(rest)


def open_sqlite(url: str, *, create: bool = True, any_thread: bool = False) -> SQLiteStore:
    """Open the SQLite database a path or `sqlite://` URL names; created when missing unless `create` is False, in
    which case a missing file is a StoreError that says how to make one. `any_thread`: the connection may be used
    from one thread after another (Python's sqlite3 serialises calls; the caller never uses it from two at once)."""
    path = sqlite_path(url)
    if not create and not os.path.isfile(path):
        raise StoreError(f"no database at {path}; code documents first (`eventcoder code PATH --db {url}`) "
                         "or name the database with --db")
    return SQLiteStore(path, any_thread=any_thread)

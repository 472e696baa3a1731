"""PostgreSQL storage, for teams: `--db postgresql://user[:password]@host[:port]/dbname` (or `postgres://`), or the
`EVENTCODER_DB` environment variable. The same tables and rows as SQLite (`sql_store.py`), through psycopg 3.

Writers take turns only while saving (`dialects.POSTGRESQL.writer_lock`), so several `code` runs can share one
database. A password in the URL is never printed: errors name the URL with `***` in its place.
"""
from __future__ import annotations

import re
from contextlib import contextmanager

from ..errors import StoreError
from .dialects import POSTGRESQL
from .sql_store import SQLStore

_PASSWORD = re.compile(r"(://[^:/@]+:)([^@]*)@")


def redacted(url: str) -> str:
    """`url` with its password (if any) replaced by ***."""
    return _PASSWORD.sub(r"\1***@", url)


class _Row(tuple):
    """A row readable by index and by column name (as sqlite3.Row), so `dict(row)` works."""
    names: tuple = ()

    def keys(self):
        return self.names

    def __getitem__(self, key):
        if isinstance(key, str):
            return tuple.__getitem__(self, self.names.index(key))
        return tuple.__getitem__(self, key)


def _row_factory(cursor):
    names = tuple(c.name for c in cursor.description or ())
    row_cls = type("Row", (_Row,), {"names": names})
    return lambda values: row_cls(values)


class _Connection:
    """psycopg with the store's `?` placeholders and sqlite3's execute/executemany shape. A lost connection is a
    StoreError: the transaction it was in is gone whole, and the same command run again continues."""

    def __init__(self, conn, where: str):
        self.conn = conn
        self.where = where

    @staticmethod
    def _sql(sql: str) -> str:
        return sql.replace("%", "%%").replace("?", "%s")

    def execute(self, sql: str, args=()):
        with self._lost():
            return self.conn.execute(self._sql(sql), tuple(args) if args else None)

    def executemany(self, sql: str, rows):
        rows = [tuple(r) for r in rows]
        with self._lost():
            cur = self.conn.cursor()
            if rows:
                cur.executemany(self._sql(sql), rows)
            return cur

    @contextmanager
    def _lost(self):
        import psycopg
        try:
            yield
        except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
            if not self.conn.closed and not self.conn.broken:
                raise
            raise StoreError(f"lost the connection to {self.where} ({redacted(str(exc).strip() or 'closed')}); "
                             f"nothing of the document being saved was stored; run the same command again to "
                             f"continue") from None

    def close(self) -> None:
        self.conn.close()


class PostgresStore(SQLStore):
    def __init__(self, url: str):
        import psycopg
        self.path = redacted(url)
        self.dialect = POSTGRESQL
        try:
            conn = psycopg.connect(url, autocommit=True, row_factory=_row_factory, connect_timeout=10)
        except psycopg.Error as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise StoreError(f"cannot connect to {self.path}: {redacted(reason)}; check that PostgreSQL is running "
                             f"and the URL's user, password and database are right") from None
        self.db = _Connection(conn, self.path)
        self._ready()


def open_postgres(url: str, *, create: bool = True, any_thread: bool = False) -> PostgresStore:
    """Open (and migrate) the PostgreSQL database `url` names. `create` is accepted for the opener's shape: the
    database itself must exist (`createdb NAME`); its tables are made on first use. `any_thread` too: a psycopg
    connection may be used from any thread."""
    import importlib.util
    if importlib.util.find_spec("psycopg") is None:
        raise StoreError("PostgreSQL support needs psycopg: pip install 'eventcoder[all]' (or 'psycopg[binary]')")
    return PostgresStore(url)

"""What differs between the SQL engines the store runs on, and nothing else: how a write transaction starts, how an
upsert is written, where a table's columns are listed, how evidence keeps its order, and how writers serialise.

The store writes `?` placeholders; a backend whose driver wants others translates them in its connection.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Dialect:
    name: str                                  # the key of a migration's DDL (`migrations.py`)
    begin: str                                 # starts a write transaction
    evidence_order: str                        # ORDER BY for one event's evidence, in the order it was added
    columns: Callable                          # columns(db, table) -> set of column names
    upsert_style: str                          # "replace" (INSERT OR REPLACE) or "on_conflict"
    writer_lock: Callable                      # writer_lock(db): inside a write transaction, serialise writers
    renumber: Callable                         # renumber(db, table, column): identity goes on after copied rows

    def upsert(self, table: str, cols, key: str) -> str:
        """INSERT of `cols` that replaces the row with the same `key` (a column, or columns joined by ', ')."""
        names, marks = ", ".join(cols), ", ".join("?" * len(cols))
        if self.upsert_style == "replace":
            return f"INSERT OR REPLACE INTO {table} ({names}) VALUES ({marks})"
        keys = {k.strip() for k in key.split(",")}
        sets = ", ".join(f"{c}=EXCLUDED.{c}" for c in cols if c not in keys)
        action = f"DO UPDATE SET {sets}" if sets else "DO NOTHING"
        return f"INSERT INTO {table} ({names}) VALUES ({marks}) ON CONFLICT ({key}) {action}"


def _sqlite_columns(db, table: str) -> set[str]:
    return {r[1] for r in db.execute(f"PRAGMA table_info({table})")}


def _pg_columns(db, table: str) -> set[str]:
    return {r[0] for r in db.execute("SELECT column_name FROM information_schema.columns WHERE table_name=? AND "
                                     "table_schema=current_schema()", (table,))}


def _no_lock(db) -> None:
    """SQLite: BEGIN IMMEDIATE already holds the database's one write lock."""


def _pg_lock(db) -> None:
    """PostgreSQL: one transaction-scoped advisory lock for every write that may fuse, so two `code` runs that fuse
    reports of one event into it take turns (coding runs in parallel; only the short save waits)."""
    db.execute("SELECT pg_advisory_xact_lock(8472019)")


def _sqlite_renumber(db, table: str, column: str) -> None:
    """SQLite: AUTOINCREMENT already goes on after the largest value stored."""


def _pg_renumber(db, table: str, column: str) -> None:
    db.execute(f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
               f"COALESCE((SELECT MAX({column}) FROM {table}), 0) + 1, false)")


SQLITE = Dialect("sqlite", "BEGIN IMMEDIATE", "COALESCE(seq, -1), rowid", _sqlite_columns, "replace", _no_lock,
                 _sqlite_renumber)
POSTGRESQL = Dialect("postgresql", "BEGIN", "seq", _pg_columns, "on_conflict", _pg_lock, _pg_renumber)

"""SQLite storage: the default. One file, WAL journal, each document saved in its own transaction."""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Iterator

from ..version import __version__
from ..errors import StoreError
from ..model import ACLED_FIELDS, EXTRA_FIELDS, Document
from .migrations import MIGRATIONS

EVENT_COLUMNS = ("id", "doc_id") + tuple(dict.fromkeys(ACLED_FIELDS + EXTRA_FIELDS)) + (
    "factuality", "confidence", "coder_version", "inferred", "run_id")


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class SQLiteStore:
    def __init__(self, path: str | Path = "eventcoder.db"):
        self.path = str(path)
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.execute("PRAGMA synchronous=NORMAL")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}; give another path with --db") from exc
        self.db.row_factory = sqlite3.Row
        self.migrate()

    # --- schema ----------------------------------------------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply the migrations not yet recorded; returns their names. Idempotent."""
        self.db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        done = {r[0] for r in self.db.execute("SELECT name FROM migrations")}
        applied = []
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            self.db.execute("BEGIN")
            try:
                for stmt in sql.split(";\n"):
                    if stmt.strip():
                        self.db.execute(stmt)
                self.db.execute("INSERT INTO migrations VALUES (?, ?)", (name, _now()))
                self.db.execute("COMMIT")
            except Exception:
                self.db.execute("ROLLBACK")
                raise
            applied.append(name)
        return applied

    def migrations(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT name FROM migrations ORDER BY name")]

    # --- runs ------------------------------------------------------------------------------------------------
    def start_run(self, command: str) -> int:
        cur = self.db.execute("INSERT INTO runs (command, coder_version, started_at) VALUES (?, ?, ?)",
                              (command, __version__, _now()))
        return int(cur.lastrowid)

    def finish_run(self, run_id: int, *, docs_ok: int, docs_failed: int, events: int) -> None:
        self.db.execute("UPDATE runs SET finished_at=?, docs_ok=?, docs_failed=?, events=? WHERE id=?",
                        (_now(), docs_ok, docs_failed, events, run_id))

    # --- documents and events --------------------------------------------------------------------------------
    def save(self, doc: Document, run_id: int | None = None) -> None:
        """Store `doc` and replace all its events and their evidence in one transaction."""
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute("DELETE FROM evidence WHERE event_id IN (SELECT id FROM events WHERE doc_id=?)", (doc.id,))
            db.execute("DELETE FROM events WHERE doc_id=?", (doc.id,))
            db.execute("INSERT OR REPLACE INTO documents (id, text, clean, title, url, source, published_at, language,"
                       " origin, warnings, skipped, coder_version, run_id, coded_at)"
                       " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                       (doc.id, doc.text, doc.clean, doc.title, doc.url, doc.source,
                        doc.published_at.isoformat() if doc.published_at else None, doc.language, doc.origin,
                        json.dumps([w.to_dict() for w in doc.warnings], ensure_ascii=False), doc.skipped,
                        __version__, run_id, _now()))
            marks = ",".join("?" * len(EVENT_COLUMNS))
            for ev in doc.events:
                row = ev.to_contract()
                row["inferred"] = json.dumps(row["inferred"], ensure_ascii=False)
                row["run_id"] = run_id
                db.execute(f"INSERT OR REPLACE INTO events ({','.join(EVENT_COLUMNS)}) VALUES ({marks})",
                           [row.get(c) for c in EVENT_COLUMNS])
                db.executemany('INSERT INTO evidence (event_id, field, start, "end", text) VALUES (?,?,?,?,?)',
                               [(ev.id, e.field, e.start, e.end, e.text) for e in ev.evidence])
            db.execute("COMMIT")
        except Exception:
            db.execute("ROLLBACK")
            raise

    def has_document(self, doc_id: str, coder_version: str | None = None) -> bool:
        row = self.db.execute("SELECT coder_version FROM documents WHERE id=?", (doc_id,)).fetchone()
        return row is not None and (coder_version is None or row[0] == coder_version)

    def document(self, doc_id: str) -> dict | None:
        row = self.db.execute("SELECT * FROM documents WHERE id=?", (doc_id,)).fetchone()
        return dict(row) if row else None

    def events(self, *, country: str | None = None, since: str | None = None, until: str | None = None,
               event_type: str | None = None, doc_id: str | None = None) -> Iterator[dict]:
        where, args = [], []
        for cond, val in (("lower(country)=lower(?)", country), ("event_date>=?", since), ("event_date<=?", until),
                          ("(lower(event_type)=lower(?) OR lower(sub_event_type)=lower(?))", event_type),
                          ("doc_id=?", doc_id)):
            if val:
                where.append(cond)
                args += [val] * cond.count("?")
        sql = "SELECT * FROM events" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY doc_id, id"
        for row in self.db.execute(sql, args).fetchall():
            ev = dict(row)
            ev["inferred"] = json.loads(ev["inferred"] or "{}")
            ev["evidence"] = [dict(r) for r in self.db.execute(
                'SELECT field, start, "end", text FROM evidence WHERE event_id=? ORDER BY rowid', (ev["id"],))]
            yield ev

    def counts(self) -> dict:
        return {t: self.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("documents", "events", "evidence", "runs")}

    def close(self) -> None:
        self.db.close()


def open_store(path: str | Path) -> SQLiteStore:
    """Open the store at `path` (created when missing). A `postgresql://` URL is reserved for the team backend."""
    if str(path).startswith(("postgres://", "postgresql://")):
        raise StoreError("the PostgreSQL backend is not available in this version; use a SQLite file path with --db")
    return SQLiteStore(path)

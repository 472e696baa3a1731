"""The store on a SQL database, whatever the engine: documents (with the raw pages fetched ones were read from),
per-report events with their evidence, fused events, the change log, runs, the feeds watched (`sources.py`). A
backend (`sqlite.py`, `postgres.py`) opens the connection and gives its `Dialect` (`dialects.py`); everything else
is here, so the two engines store the same rows, field for field."""
from __future__ import annotations

import json
from contextlib import contextmanager
from typing import Iterator

from ..version import __version__
from ..errors import StoreError
from ..model import Document, stored_fields
from ..fuse.living import refuse
from ..ingest import near_dups
from ..fuse.rules import load_rules
from .dialects import Dialect
from .accounts import Accounts
from .desk_reads import DeskReads
from .living_reads import LivingDataset
from .sql_review import ReviewedDataset
from .migrations import MIGRATIONS, add_column_sql
from .sql_fusion import SQLFusionTables
from .sources import SourceTables
from .sql_rows import rows_in, utc_now

# the events table's columns: the Event's declared output fields (model.py), then the run that stored it
EVENT_COLUMNS = tuple(name for name, _ in stored_fields()) + ("run_id",)
DOC_COLUMNS = ("id", "text", "clean", "title", "url", "source", "published_at", "language", "origin", "warnings",
               "skipped", "coder_version", "run_id", "coded_at", "duplicate_of")


class SQLStore(LivingDataset, ReviewedDataset, SourceTables, DeskReads, Accounts):
    """The store's logic on any SQL database: a backend gives a connection (`db`: execute/executemany with `?`
    placeholders, rows readable by index and by name) and a `Dialect`, then calls `_ready()`."""
    path: str
    db: object
    dialect: Dialect

    def _ready(self) -> None:
        self.rules = load_rules()          # fusion's rules of sameness (data/fusion_rules.json)
        self._pending: dict = {}           # LSH band -> originals checked in this run (copies of them are found
        self._signatures: dict = {}        # before they are saved); doc id -> its MinHash, until it is saved
        self.migrate()
        self._check_columns()

    # --- schema ----------------------------------------------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply the migrations not yet recorded; returns their names. Idempotent."""
        self.db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        done = {r[0] for r in self.db.execute("SELECT name FROM migrations")}
        applied = []
        for migration in MIGRATIONS:
            if migration.name in done:
                continue
            with self.writing():
                for stmt in migration.statements(self.dialect.name):
                    self.db.execute(stmt)
                self.db.execute("INSERT INTO migrations VALUES (?, ?)", (migration.name, utc_now()))
            applied.append(migration.name)
        return applied

    def _check_columns(self) -> None:
        """Every column the Event declares exists (a declared field without its migration is a StoreError)."""
        have = self.dialect.columns(self.db, "events")
        missing = [(name, sql) for name, sql in stored_fields() if name not in have]
        if missing:
            raise StoreError(f"database {self.path} has no column for the Event field(s) "
                             f"{', '.join(n for n, _ in missing)}; add a migration to eventcoder/store/migrations.py: "
                             + "; ".join(add_column_sql(n, t) for n, t in missing))

    def migrations(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT name FROM migrations ORDER BY name")]

    # --- runs ------------------------------------------------------------------------------------------------
    def start_run(self, command: str) -> int:
        row = self.db.execute("INSERT INTO runs (command, coder_version, started_at) VALUES (?, ?, ?) RETURNING id",
                              (command, __version__, utc_now())).fetchone()
        return int(row[0])

    def finish_run(self, run_id: int, *, docs_ok: int, docs_failed: int, events: int) -> None:
        self.db.execute("UPDATE runs SET finished_at=?, docs_ok=?, docs_failed=?, events=? WHERE id=?",
                        (utc_now(), docs_ok, docs_failed, events, run_id))

    # --- documents and events --------------------------------------------------------------------------------
    @contextmanager
    def writing(self):
        """One write transaction, all or nothing; writers take turns (the dialect's lock)."""
        self.db.execute(self.dialect.begin)
        try:
            self.dialect.writer_lock(self.db)
            yield self.db
            self.db.execute("COMMIT")
        except Exception:
            self.db.execute("ROLLBACK")
            raise

    def save(self, doc: Document, run_id: int | None = None) -> None:
        """Store `doc`, replace all its events and their evidence, and fuse them into the stored fused events, in
        one transaction (a run killed midway leaves the document as it was before, fused as before)."""
        with self.writing() as db:
            decided = self._decided_words(doc.id)
            gone = self._drop_events(doc.id)
            db.execute(self.dialect.upsert("documents", DOC_COLUMNS, "id"),
                       self._document_row(doc, run_id, json.dumps([w.to_dict() for w in doc.warnings],
                                                                   ensure_ascii=False), doc.skipped))
            records = [ev.to_contract() for ev in doc.events]
            put_event = self.dialect.upsert("events", EVENT_COLUMNS, "id")
            for ev, rec in zip(doc.events, records):
                row = dict(rec, inferred=json.dumps(rec["inferred"], ensure_ascii=False), run_id=run_id)
                db.execute(put_event, [row.get(c) for c in EVENT_COLUMNS])
                db.executemany('INSERT INTO evidence (event_id, field, start, "end", text, seq) VALUES (?,?,?,?,?,?)',
                               [(ev.id, e.field, e.start, e.end, e.text, i) for i, e in enumerate(ev.evidence)])
            db.executemany(self.dialect.upsert("event_explanations", ("event_id", "lines"), "event_id"),
                           [(ev.id, json.dumps(ev.explanation, ensure_ascii=False)) for ev in doc.events])
            renamed = self._carry_over(doc, gone, decided)
            self._refuse(run_id, records, [g for g in gone if g not in renamed], touched=list(renamed.values()))
            self._remember_signature(doc)
            self._save_page(doc)

    def _drop_events(self, doc_id: str) -> list[str]:
        """Delete a document's events and their evidence; return their ids (fusion takes them out of their fused
        events)."""
        gone = [r[0] for r in self.db.execute("SELECT id FROM events WHERE doc_id=?", (doc_id,))]
        self.db.execute("DELETE FROM evidence WHERE event_id IN (SELECT id FROM events WHERE doc_id=?)", (doc_id,))
        self.db.execute("DELETE FROM event_explanations WHERE event_id IN (SELECT id FROM events WHERE doc_id=?)",
                        (doc_id,))
        self.db.execute("DELETE FROM events WHERE doc_id=?", (doc_id,))
        return gone

    @staticmethod
    def _document_row(doc: Document, run_id: int | None, warnings: str, skipped: str | None,
                      duplicate_of: str | None = None, clean: str | None = None) -> tuple:
        """The `documents` row of `doc`, in DOC_COLUMNS order."""
        return (doc.id, doc.text, doc.clean if clean is None else clean, doc.title, doc.url, doc.source,
                doc.published_at.isoformat() if doc.published_at else None, doc.language, doc.origin, warnings,
                skipped, __version__, run_id, utc_now(), duplicate_of)

    # --- near-duplicate reports ------------------------------------------------------------------------------
    def near_duplicate_of(self, doc: Document) -> str | None:
        """The report `doc` copies (a re-post, a syndicated copy): a stored original, or one this store has been
        asked about in this run and will code (documents are checked before the batch ahead of them is saved).
        None when `doc` is an original; it is then remembered for the rest of the run."""
        if not near_dups.worth_checking(doc.text):
            return None
        sig = near_dups.signature(doc.text)
        keys = near_dups.bands(sig)
        candidates = {d for k in keys for d in self._pending.get(k, ()) if d != doc.id}
        for band, h in keys:
            candidates.update(r[0] for r in self.db.execute(
                "SELECT doc_id FROM doc_bands WHERE band=? AND hash=? AND doc_id<>?", (band, h, doc.id)))
        best, best_sim = None, near_dups.COPY_SIMILARITY
        for other in sorted(candidates):
            stored = self._stored_signature(other)
            sim = near_dups.similarity(sig, stored) if stored is not None else 0.0
            if sim > best_sim or (best is None and sim >= best_sim):
                best, best_sim = other, sim
        if best is None:
            for k in keys:
                self._pending.setdefault(k, []).append(doc.id)
            self._signatures[doc.id] = sig
        return best

    def _stored_signature(self, doc_id: str) -> bytes | None:
        """The signature of an original checked in this run (not saved yet) or stored."""
        if doc_id in self._signatures:
            return near_dups.to_bytes(self._signatures[doc_id])
        row = self.db.execute("SELECT signature FROM doc_signatures WHERE doc_id=?", (doc_id,)).fetchone()
        return row[0] if row else None

    def save_duplicate(self, doc: Document, original: str, run_id: int | None = None) -> None:
        """Store `doc` as a copy of `original`: kept and linked, not coded, no events of its own (events it had as
        an original before leave their fused events), in one transaction."""
        with self.writing() as db:
            gone = self._drop_events(doc.id)
            db.execute("DELETE FROM doc_bands WHERE doc_id=?", (doc.id,))
            db.execute("DELETE FROM doc_signatures WHERE doc_id=?", (doc.id,))
            db.execute(self.dialect.upsert("documents", DOC_COLUMNS, "id"),
                       self._document_row(doc, run_id, "[]", f"near-duplicate of {original}", original,
                                          clean=doc.text))
            self._save_page(doc)
            if gone:
                self._refuse(run_id, [], gone)

    def _remember_signature(self, doc: Document) -> None:
        """Index `doc`'s signature for the copies later runs may bring (computed once: when the run checked it)."""
        if not near_dups.worth_checking(doc.text):
            return
        sig = self._signatures.pop(doc.id, None)
        if sig is None:
            sig = near_dups.signature(doc.text)
        self.db.execute("DELETE FROM doc_bands WHERE doc_id=?", (doc.id,))
        self.db.executemany("INSERT INTO doc_bands (band, hash, doc_id) VALUES (?,?,?)",
                            [(b, h, doc.id) for b, h in near_dups.bands(sig)])
        self.db.execute(self.dialect.upsert("doc_signatures", ("doc_id", "signature"), "doc_id"),
                        (doc.id, near_dups.to_bytes(sig)))

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
            yield self._event_dict(row)

    def _event_dict(self, row) -> dict:
        ev = dict(row)
        ev["inferred"] = json.loads(ev["inferred"] or "{}")
        ev["evidence"] = [dict(r) for r in self.db.execute(
            'SELECT field, start, "end", text FROM evidence WHERE event_id=? ORDER BY ' + self.dialect.evidence_order,
            (ev["id"],))]
        return ev

    def _events_by_id(self, event_ids: list[str]) -> list[dict]:
        return [self._event_dict(r) for r in list(rows_in(
            self.db, "SELECT * FROM events WHERE id IN ({marks}) ORDER BY doc_id, id", event_ids))]

    def _refuse(self, run_id: int | None, records: list[dict], gone: list[str], touched: list[str] = (),
                reviewer: str | None = None) -> SQLFusionTables:
        """Fuse into the stored fused events (inside the open transaction), then give the reviewed events it
        rewrote their second look (`sql_review.py`)."""
        tables = SQLFusionTables(self.db, self.dialect, self._events_by_id, run_id, reviewer)
        refuse(tables, records, gone, self.rules, touched=list(touched))
        self._second_look(tables)
        return tables

    def counts(self) -> dict:
        return {t: self.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("documents", "events", "evidence", "runs", "fused_events")}

    def close(self) -> None:
        self.db.close()

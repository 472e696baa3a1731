"""The SQL side of fusion into the store (`fuse.living.FusionTables`): fused events, their members, the change log
and a reviewer's links, read and written on the store's connection inside its open transaction (any backend: the
`Dialect` writes its upserts)."""
from __future__ import annotations

import json

from ..fuse.clusters import Links
from ..fuse.living import block_key
from ..fuse.report_event import ReportEvent
from .desk_columns import DESK_COLUMNS, desk_values
from .sql_rows import rows_in, utc_now


FUSED_COLUMNS = ("id", "block", "day_start", "day_end", "record", "created_seq", "created_at", "updated_at")
MEMBER_COLUMNS = ("event_id", "fused_id", "doc_id", "block", "day_start", "day_end")


class SQLFusionTables:
    def __init__(self, db, dialect, event_dicts, run_id: int | None = None, reviewer: str | None = None):
        self.db = db
        self.dialect = dialect
        self.event_dicts = event_dicts          # ids -> contract dicts of per-report events (the store's reader)
        self.run_id = run_id
        self.reviewer = reviewer                # the reviewer whose decision this fusion carries out, if any
        self.written: set[str] = set()          # fused events written or deleted here (the review's second look)
        self.deleted: set[str] = set()

    def members_near(self, block, day_from, day_to):
        return [tuple(r) for r in self.db.execute(
            "SELECT event_id, fused_id FROM fusion_members WHERE block=? AND day_start<=? AND day_end>=?",
            (block, day_to, day_from))]

    def members_of(self, fused_ids):
        return [tuple(r) for r in rows_in(
            self.db, "SELECT event_id, fused_id FROM fusion_members WHERE fused_id IN ({marks})", sorted(fused_ids))]

    def member_rows(self, event_ids):
        return [tuple(r) for r in rows_in(
            self.db, "SELECT event_id, fused_id, block, day_start, day_end FROM fusion_members WHERE event_id IN "
                     "({marks})", list(event_ids))]

    def event_records(self, event_ids):
        return self.event_dicts(event_ids)

    def report_meta(self, doc_ids):
        return {r[0]: (r[1], r[2]) for r in rows_in(
            self.db, "SELECT id, source, published_at FROM documents WHERE id IN ({marks})", sorted(doc_ids))}

    def stored(self, fused_ids):
        return {r[0]: (json.loads(r[1]), r[2]) for r in rows_in(
            self.db, "SELECT id, record, created_seq FROM fused_events WHERE id IN ({marks})", sorted(fused_ids))}

    def links(self, event_ids):
        """A reviewer's links that concern `event_ids`: merges, events kept apart, and the events of a reviewed fused
        event pinned to it (kind "review": event_b is the fused event's id)."""
        links, ids = Links(), sorted(event_ids)
        rows = {tuple(r) for col in ("event_a", "event_b") for r in rows_in(
            self.db, f"SELECT kind, event_a, event_b FROM manual_links WHERE {col} IN ({{marks}})", ids)}
        for kind, a, b in sorted(rows):
            if kind == "review":
                links.reviewed[a] = b
            else:
                (links.apart if kind == "apart" else links.merge).add(frozenset((a, b)))
        return links

    def write_fused(self, fused_id, block, days, record, created_seq, members: list[ReportEvent]):
        now = utc_now()
        self.written.add(fused_id)
        row = self.db.execute("SELECT created_at FROM fused_events WHERE id=?", (fused_id,)).fetchone()
        self.db.execute(self.dialect.upsert("fused_events", FUSED_COLUMNS, "id"),
                        (fused_id, block, _day(days[0]), _day(days[1]), json.dumps(record, ensure_ascii=False),
                         created_seq, row[0] if row else now, now))
        self.db.execute(self.dialect.upsert("desk_events", ("id", *DESK_COLUMNS), "id"),
                        (fused_id, *desk_values(record)))
        self.db.execute("DELETE FROM fusion_members WHERE fused_id=?", (fused_id,))
        self.db.executemany(self.dialect.upsert("fusion_members", MEMBER_COLUMNS, "event_id"),
                            [(m.event_id, fused_id, m.doc_id, block_key(m), _day(m.start), _day(m.end))
                             for m in members])

    def delete_fused(self, fused_id):
        self.deleted.add(fused_id)
        self.db.execute("DELETE FROM fused_events WHERE id=?", (fused_id,))
        self.db.execute("DELETE FROM desk_events WHERE id=?", (fused_id,))
        self.db.execute("DELETE FROM fusion_members WHERE fused_id=?", (fused_id,))

    def drop_members(self, event_ids):
        self.db.executemany("DELETE FROM fusion_members WHERE event_id=?", [(e,) for e in event_ids])

    def log(self, change, fused_id, *, fields=None, reports=None, other_ids=None, reviewer=None):
        self.db.execute("INSERT INTO changes (at, change, fused_id, fields, reports, other_ids, run_id, reviewer) "
                        "VALUES (?,?,?,?,?,?,?,?)",
                        (utc_now(), change, fused_id, json.dumps(fields) if fields else None,
                         json.dumps(reports) if reports else None, json.dumps(other_ids) if other_ids else None,
                         self.run_id, reviewer or self.reviewer))

    def ever_used(self, fused_id):
        """Whether the change log or a reviewer's history names `fused_id` (an id once given, maybe gone since)."""
        return any(self.db.execute(f"SELECT 1 FROM {t} WHERE fused_id=? LIMIT 1", (fused_id,)).fetchone()
                   for t in ("changes", "corrections"))

    def next_seq(self):
        return int(self.db.execute("SELECT COALESCE(MAX(created_seq), 0) + 1 FROM fused_events").fetchone()[0])


def _day(d) -> str | None:
    return d.isoformat() if d else None

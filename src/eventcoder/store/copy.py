"""`copy_store(src, dst)`: every row of one store into another (SQLite into PostgreSQL and back), everything kept:
documents, per-report events with their evidence and `--explain` reasons, fused events and their members, the
change log, a reviewer's links, statuses, corrections and their history, runs, the near-duplicate signatures,
the raw pages fetched and the feeds watched, and the review desk's users and their API tokens (not their
sessions). The destination must hold no documents yet."""
from __future__ import annotations

from ..errors import StoreError

# in an order that keeps references valid; (table, the identity column a backend numbers itself, or None)
TABLES = [("runs", "id"), ("documents", None), ("events", None), ("evidence", None), ("fused_events", None),
          ("desk_events", None), ("fusion_members", None), ("changes", "seq"), ("manual_links", None),
          ("doc_bands", None), ("doc_signatures", None), ("event_explanations", None), ("event_reviews", None),
          ("users", None), ("api_tokens", None), ("review_fields", None), ("corrections", "seq"), ("pages", None),
          ("feeds", None), ("feed_entries", None)]


def copy_store(src, dst) -> dict[str, int]:
    if dst.db.execute("SELECT count(*) FROM documents").fetchone()[0]:
        raise StoreError(f"{dst.path} already holds documents; copy into a new, empty database")
    counts = {}
    with dst.writing():
        for table, identity in TABLES:
            cols = sorted(src.dialect.columns(src.db, table) & dst.dialect.columns(dst.db, table))
            rows = src.db.execute(f"SELECT {', '.join(_q(c) for c in cols)} FROM {table}").fetchall()
            if rows:
                dst.db.executemany(f"INSERT INTO {table} ({', '.join(_q(c) for c in cols)}) VALUES "
                                   f"({', '.join('?' * len(cols))})",
                                   [tuple(_plain(v) for v in r) for r in rows])
            if identity:
                dst.dialect.renumber(dst.db, table, identity)
            counts[table] = len(rows)
    return counts


def _q(col: str) -> str:
    return f'"{col}"'


def _plain(v):
    return bytes(v) if isinstance(v, memoryview) else v

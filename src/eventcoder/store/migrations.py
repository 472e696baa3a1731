"""Named schema migrations, each declared once with its DDL per backend; a backend applies each once, in order, and
records its name in the `migrations` table.

Migrations are history: never edit one that has shipped (existing databases have applied it). To add an `Event`
field, declare it in `model.py` and append a migration that adds its column, e.g.
`Migration("0002_event_x", {"sqlite": add_column_sql("x", "TEXT")})`; the SQLite store refuses to open a database
that lacks a declared column and names the statement to add.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import StoreError


@dataclass(frozen=True)
class Migration:
    """One schema change: `ddl` maps a backend name ("sqlite", later "postgresql") to its statements, separated by
    `;` and a newline."""
    name: str
    ddl: dict[str, str]

    def statements(self, backend: str) -> list[str]:
        """The statements for `backend`, in order; a StoreError when the migration has none for it."""
        if backend not in self.ddl:
            raise StoreError(f"migration {self.name} has no DDL for the {backend} backend; "
                             f"add it to eventcoder/store/migrations.py")
        return [stmt for stmt in self.ddl[backend].split(";\n") if stmt.strip()]


def add_column_sql(name: str, sql_type: str, table: str = "events") -> str:
    """The statement that adds a declared column to an existing table (SQLite and PostgreSQL alike)."""
    return f"ALTER TABLE {table} ADD COLUMN {name} {sql_type}"


MIGRATIONS: list[Migration] = [
    Migration("0001_initial", {"sqlite": """
CREATE TABLE runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    command TEXT NOT NULL,
    coder_version TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    docs_ok INTEGER,
    docs_failed INTEGER,
    events INTEGER
);
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    clean TEXT NOT NULL,
    title TEXT,
    url TEXT,
    source TEXT,
    published_at TEXT,
    language TEXT,
    origin TEXT,
    warnings TEXT NOT NULL DEFAULT '[]',
    skipped TEXT,
    coder_version TEXT NOT NULL,
    run_id INTEGER REFERENCES runs(id),
    coded_at TEXT NOT NULL
);
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    event_date TEXT, time_precision INTEGER, date_start TEXT, date_end TEXT, date_prec INTEGER,
    disorder_type TEXT, event_type TEXT, sub_event_type TEXT,
    actor1 TEXT, assoc_actor_1 TEXT, inter1 INTEGER, actor2 TEXT, assoc_actor_2 TEXT, inter2 INTEGER,
    interaction INTEGER, civilian_targeting TEXT,
    iso INTEGER, country TEXT, admin1 TEXT, admin2 TEXT, admin3 TEXT, location TEXT,
    latitude REAL, longitude REAL, geo_precision INTEGER, where_prec INTEGER,
    source TEXT, source_scale TEXT, notes TEXT,
    fatalities INTEGER, fatalities_low INTEGER, fatalities_best INTEGER, fatalities_high INTEGER,
    fatalities_civilians INTEGER,
    factuality TEXT NOT NULL, confidence REAL NOT NULL, coder_version TEXT NOT NULL,
    inferred TEXT NOT NULL DEFAULT '{}',
    run_id INTEGER REFERENCES runs(id)
);
CREATE INDEX events_doc ON events(doc_id);
CREATE INDEX events_date ON events(event_date);
CREATE INDEX events_country ON events(country);
CREATE TABLE evidence (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    field TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX evidence_event ON evidence(event_id);
"""}),
    Migration("0002_living_dataset", {"sqlite": """
CREATE TABLE fused_events (
    id TEXT PRIMARY KEY,
    block TEXT,
    day_start TEXT,
    day_end TEXT,
    record TEXT NOT NULL,
    created_seq INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX fused_events_block ON fused_events(block, day_start);
CREATE TABLE fusion_members (
    event_id TEXT PRIMARY KEY,
    fused_id TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    block TEXT,
    day_start TEXT,
    day_end TEXT
);
CREATE INDEX fusion_members_fused ON fusion_members(fused_id);
CREATE INDEX fusion_members_block ON fusion_members(block, day_start);
CREATE TABLE changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    change TEXT NOT NULL,
    fused_id TEXT NOT NULL,
    fields TEXT,
    reports TEXT,
    other_ids TEXT,
    run_id INTEGER
);
CREATE INDEX changes_at ON changes(at);
CREATE TABLE manual_links (
    kind TEXT NOT NULL,
    event_a TEXT NOT NULL,
    event_b TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (kind, event_a, event_b)
);
CREATE TABLE doc_bands (
    band INTEGER NOT NULL,
    hash TEXT NOT NULL,
    doc_id TEXT NOT NULL
);
CREATE INDEX doc_bands_key ON doc_bands(band, hash);
CREATE TABLE doc_signatures (
    doc_id TEXT PRIMARY KEY,
    signature BLOB NOT NULL
);
ALTER TABLE documents ADD COLUMN duplicate_of TEXT
"""}),
]
